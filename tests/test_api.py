"""The REST API on a store of hand-built events: filters, paging, documents, stats, writing, hostile input."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from fastapi.testclient import TestClient

from dyads.export.store import Store
from dyads.ingest.identity import content_id
from dyads.server.app import MAX_BODY_BYTES, create_app
from stored_examples import harbour_document, rail_document

TOKEN = "test-token-5b1f"
LOCAL = "http://127.0.0.1:8000"


@pytest.fixture()
def store(tmp_path) -> Store:
    with Store(tmp_path / "events.duckdb") as store:
        store.add([harbour_document(), rail_document()])
        yield store


@pytest.fixture()
def client(store) -> TestClient:
    return TestClient(create_app(store), base_url=LOCAL)


def events(client: TestClient, **params) -> dict:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 6),
        ({"source_country": "NOR"}, 2),
        ({"target_country": "isl"}, 2),
        ({"country": "KEN"}, 2),
        ({"country": "iceland"}, 3),
        ({"source_country": "Norwegian"}, 2),
        ({"sector": "MIL"}, 1),
        ({"cameo": "17"}, 2),
        ({"cameo": "057"}, 1),
        ({"cameo": "05"}, 2),
        ({"plover_type": "COERCE"}, 3),
        ({"modality": "negated"}, 1),
        ({"modality": ["negated", "hypothetical"]}, 2),
        ({"quad_class": [2]}, 2),
        ({"q": "coast guard"}, 1),
        ({"date_from": "2021-03-01", "date_to": "2021-03-31"}, 3),
        ({"doc_id": "test/rail-2"}, 2),
    ],
)
def test_event_filters(client, params, expected):
    page = events(client, **params)
    assert page["total"] == expected
    assert len(page["items"]) == expected


def test_events_are_the_coders_records(client):
    expected = {e.id: e.to_dict() for e in harbour_document().events}
    page = events(client, doc_id="test/harbour-1")
    assert {item["id"]: item for item in page["items"]} == expected


def test_paging_and_sorting(client):
    first = events(client, sort="goldstein", limit=4)
    rest = events(client, sort="goldstein", limit=4, offset=4)
    assert (first["total"], len(first["items"]), len(rest["items"])) == (6, 4, 2)
    scores = [e["cameo"]["goldstein"] for e in first["items"] + rest["items"]]
    assert scores == sorted(scores)
    newest = events(client, sort="-date", limit=1)["items"][0]
    assert newest["date"]["start"] == "2021-04-01"


def test_document_view_has_text_and_events_with_offsets(client):
    response = client.get("/api/documents/test/harbour-1")
    assert response.status_code == 200
    record = response.json()
    assert record["metadata"] == {"section": "north"}
    for event in record["events"]:
        trigger = event["trigger"]
        assert record["text"][trigger["start"] : trigger["end"]] == trigger["text"]


def test_document_listing(client):
    page = client.get("/api/documents", params={"sort": "-events", "limit": 1}).json()
    assert page["total"] == 2
    assert [d["id"] for d in page["items"]] == ["test/harbour-1"]
    assert client.get("/api/documents", params={"q": "rail"}).json()["total"] == 1


def test_timeline_and_dyads(client):
    timeline = client.get("/api/stats/timeline", params={"interval": "day", "by": "plover_type"}).json()
    assert {"period": "2021-03-17", "key": "COERCE", "count": 1} in timeline
    filtered = client.get("/api/stats/timeline", params={"modality": "hypothetical"}).json()
    assert filtered == [{"period": "2021-04-01", "key": "4", "count": 1}]
    dyads = client.get("/api/stats/dyads", params={"country": "ISL"}).json()
    assert {(d["source_country"], d["target_country"]) for d in dyads} == {("NOR", "ISL"), ("ISL", "NOR"), ("DNK", "ISL")}


def test_vocabulary_lists_choices(client):
    vocabulary = client.get("/api/vocabulary").json()
    assert vocabulary["facets"]["countries"] == ["DNK", "ISL", "KEN", "NOR", "TZA"]
    assert vocabulary["cameo_roots"]["17"] == "COERCE"
    assert vocabulary["allow_write"] is False


def test_ui_and_openapi_are_served(client):
    assert "<html" in client.get("/").text.lower()
    assert client.get("/openapi.json").json()["paths"]["/api/events"]
    assert client.get("/docs").status_code == 200


# hostile input: every class gets a 4xx with a message, never a 500


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/events", {"source_country": "NOR' OR '1'='1"}, 422),  # SQL fragment in a filter
        ("/api/events", {"cameo": "17; DROP TABLE events"}, 422),
        ("/api/events", {"cameo": "99"}, 422),  # no CAMEO code
        ("/api/events", {"country": "Ruritania"}, 422),  # no country
        ("/api/events", {"sort": "goldstein; DROP TABLE events"}, 422),
        ("/api/events", {"sort": "sentence"}, 400),  # a column, but not a sort key
        ("/api/events", {"sort": "-password"}, 400),
        ("/api/events", {"limit": 1_000_000}, 422),  # huge limit
        ("/api/events", {"limit": 0}, 422),
        ("/api/events", {"offset": -1}, 422),
        ("/api/events", {"offset": 10**30}, 422),
        ("/api/events", {"date_from": "2021-02-30"}, 422),  # malformed dates
        ("/api/events", {"date_to": "yesterday"}, 422),
        ("/api/events", {"date_from": "2021-05-01", "date_to": "2021-01-01"}, 400),
        ("/api/events", {"modality": "certain"}, 422),
        ("/api/events", {"quad_class": 9}, 422),
        ("/api/events", {"q": "x" * 201}, 422),
        ("/api/stats/timeline", {"interval": "century"}, 422),
        ("/api/stats/timeline", {"by": "sentence"}, 422),
        ("/api/stats/dyads", {"limit": 100_000}, 422),
        ("/api/documents", {"sort": "text"}, 400),
        ("/api/documents/..%2F..%2Fetc%2Fpasswd", {}, 404),  # path tricks in ids
        ("/api/documents/../../etc/passwd", {}, 404),
        ("/api/documents/%00", {}, 400),
        ("/api/documents/" + "a" * 600, {}, 400),
    ],
)
def test_hostile_input_is_refused_clearly(client, path, params, status):
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert detail
    assert "Traceback" not in response.text and "duckdb" not in response.text.lower()


def test_text_search_is_literal(client, store):
    for hostile in ("%", "_", "' OR 1=1 --", "\\"):
        assert events(client, q=hostile)["total"] == 0
    assert store.count_events() == 6


def test_writing_is_off_by_default(client):
    response = client.post("/api/code", json={"text": "Kenya praised Tanzania."})
    assert response.status_code == 403
    assert "--allow-write" in response.json()["detail"]


@pytest.fixture(scope="module")
def coder():
    from dyads import Coder

    return Coder()


@pytest.fixture()
def writer(store, coder) -> TestClient:
    return TestClient(create_app(store, allow_write=True, token=TOKEN, coder_factory=lambda: coder), base_url=LOCAL)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN}],
)
def test_writing_needs_the_token(writer, headers):
    response = writer.post("/api/code", json={"text": "Kenya praised Tanzania."}, headers=headers)
    assert response.status_code == 401


def test_write_limits(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    too_big = writer.post("/api/code", content=b"x" * (MAX_BODY_BYTES + 1), headers=auth)
    assert too_big.status_code == 413
    batch = {"documents": [{"text": "a"}] * 21}
    assert writer.post("/api/code", json=batch, headers=auth).status_code == 422
    both = {"text": "a", "documents": [{"text": "b"}]}
    assert "either" in writer.post("/api/code", json=both, headers=auth).text
    assert writer.post("/api/code", json={"text": ""}, headers=auth).status_code == 422
    assert writer.post("/api/code", json={"text": "a", "id": "x\x00"}, headers=auth).status_code == 422


def test_posted_text_is_coded_with_the_real_coder_and_stored_once(writer, store):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": "Russia condemned Japan on Monday over the fishing dispute.", "id": "posted-1", "date": "2021-03-15"}
    first = writer.post("/api/code", json=body, headers=auth).json()
    coded = first["results"][0]
    assert first["stored"] == 1 and coded["error"] is None
    assert any(e["cameo"]["root"] == "11" and e["source"]["country"] == "RUS" for e in coded["events"])
    assert writer.post("/api/code", json=body, headers=auth).json()["skipped"] == 1
    stored = writer.get("/api/documents/posted-1").json()
    assert {e["id"] for e in stored["events"]} == {e["id"] for e in coded["events"]}
    assert store.document("posted-1").event_count == len(coded["events"])


def test_a_batch_is_coded_in_one_request(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    batch = {"documents": [{"text": "France praised Germany."}, {"text": "Nothing happened here.", "id": "calm"}]}
    result = writer.post("/api/code", json=batch, headers=auth).json()
    assert result["stored"] == 2
    assert result["results"][0]["id"] == content_id("api", "France praised Germany.")
    assert result["results"][1]["id"] == "calm"


def test_a_repeated_id_is_renamed_or_skipped_never_lost(writer, store):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    batch = {"documents": [{"text": "China praised Japan.", "id": "dup"}, {"text": "Russia condemned Iran.", "id": "dup"},
                           {"text": "China praised Japan.", "id": "dup"}]}
    result = writer.post("/api/code", json=batch, headers=auth).json()
    assert (result["stored"], result["skipped"], result["replaced"]) == (2, 1, [])
    assert [coded["id"] for coded in result["results"]] == ["dup", "dup~2"]
    assert store.document("dup").text == "China praised Japan."
    assert store.document("dup~2").text == "Russia condemned Iran."
    assert len(result["warnings"]) == 2 and "renamed 'dup~2'" in result["warnings"][0]


def test_replacing_a_stored_document_is_said(writer, store):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    writer.post("/api/code", json={"text": "China praised Japan.", "id": "kept"}, headers=auth)
    result = writer.post("/api/code", json={"text": "Russia condemned Iran.", "id": "kept"}, headers=auth).json()
    assert (result["stored"], result["replaced"]) == (1, ["kept"])
    assert any(warning.startswith("kept: replaced") for warning in result["warnings"])
    assert store.document("kept").text == "Russia condemned Iran."


def test_the_code_response_schema_lists_replacements_and_warnings(client):
    schema = client.get("/openapi.json").json()["components"]["schemas"]["CodeResponse"]
    assert {"replaced", "warnings"} <= set(schema["required"])


def test_writing_without_a_token_cannot_be_configured(store):
    with pytest.raises(ValueError, match="token"):
        create_app(store, allow_write=True)


# the server's own defences: hosts, headers, docs without a network, tokens before bodies


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "[::1]:8000"])
def test_loopback_hosts_are_answered(store, host):
    response = TestClient(create_app(store), base_url=LOCAL).get("/api/events", headers={"Host": host})
    assert response.status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example:8000", "10.0.0.5"])
def test_other_hosts_are_refused(store, host):
    """A DNS-rebinding page reaches the server under its own name, which is not on the list."""
    response = TestClient(create_app(store), base_url=LOCAL).get("/api/events", headers={"Host": host})
    assert response.status_code == 400


def test_named_hosts_are_answered(store):
    client = TestClient(create_app(store, allowed_hosts=["127.0.0.1", "events.example.org"]), base_url=LOCAL)
    assert client.get("/api/events", headers={"Host": "events.example.org"}).status_code == 200
    assert client.get("/api/events", headers={"Host": "localhost"}).status_code == 400


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/"), ("GET", "/api/events"), ("GET", "/static/app.js"), ("GET", "/api/events?limit=0"),
     ("GET", "/nowhere"), ("POST", "/api/code"), ("GET", "/docs"), ("GET", "/openapi.json")],
)
def test_every_response_carries_the_security_headers(client, method, path):
    response = client.request(method, path)
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_refused_host_still_gets_the_headers(client):
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_api_docs_load_nothing_from_other_hosts(client, page):
    html = client.get(page).text
    assert "http://" not in html and "https://" not in html and "<script>" not in html  # no inline script
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', html)
    assert any(asset.endswith(".js") for asset in assets)
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200 and len(response.content) > 100, asset


@pytest.mark.parametrize("body", [b"{not json", b'{"documents": "many"}', b'{"text": 5}', b"[]"])
def test_the_token_is_checked_before_the_body(writer, body):
    """A client without the token learns nothing about the request format (401, not 422)."""
    response = writer.post("/api/code", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 401
    assert response.json() == {"detail": "a valid 'Authorization: Bearer <token>' header is required"}


def test_redoc_loads_nothing_from_elsewhere(client):
    bundle = client.get("/docs-assets/redoc.standalone.js")
    assert bundle.status_code == 200 and bundle.headers["content-type"].startswith("text/javascript")
    assert "Redoc" in bundle.text and "cdn.redoc.ly" not in bundle.text


def test_the_write_token_is_in_the_openapi_page(client):
    operation = client.get("/openapi.json").json()["paths"]["/api/code"]["post"]
    assert operation["security"] == [{"HTTPBearer": []}]


# /api/ingest: batches coded by `dyads code --db` while the server holds the store


INGEST_TOKEN = "ingest-token-0c2e"


@pytest.fixture()
def ingesting(store) -> TestClient:
    return TestClient(create_app(store, ingest_token=INGEST_TOKEN), base_url=LOCAL)


def test_ingest_is_off_without_its_token(client, ingesting):
    assert client.get("/api/ingest/done").status_code == 401
    assert ingesting.get("/api/ingest/done").status_code == 401
    assert ingesting.get("/api/ingest/done", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 401
    assert ingesting.post("/api/ingest", content=b"{not json").status_code == 401
    assert "/api/ingest" not in client.get("/openapi.json").json()["paths"]


def test_ingested_documents_are_stored_and_served(ingesting, store):
    from dyads.coder import CodedDocument
    from dyads.model import Document
    from dyads.server.ingest import coded_to_wire

    auth = {"Authorization": f"Bearer {INGEST_TOKEN}"}
    harbour = harbour_document()
    moved = CodedDocument(
        Document(
            id="moved", text=harbour.document.text + "\n", date=harbour.document.date, metadata={"desk": "Reykjavík"}
        ),
        [dataclasses.replace(event, doc_id="moved", id=f"{event.id}-moved") for event in harbour.events],
        sentences=harbour.sentences,
    )
    copy = CodedDocument(dataclasses.replace(harbour.document, id="copy"), harbour.events, harbour.sentences)
    body = json.dumps([coded_to_wire(moved), coded_to_wire(harbour), coded_to_wire(copy)]).encode("ascii")
    answer = ingesting.post("/api/ingest", content=body, headers=auth).json()
    assert answer == {
        "added": 1,
        "replaced_ids": [],
        "duplicate_ids": {"copy": harbour.document.id},
        "skipped": 2,
        "failed": 0,
        "events": len(harbour.events),
    }
    served = ingesting.get("/api/documents/moved").json()
    assert {e["id"] for e in served["events"]} == {f"{e.id}-moved" for e in harbour.events}
    assert store.document("moved").metadata == {"desk": "Reykjavík"}
    done = {tuple(pair) for pair in ingesting.get("/api/ingest/done", headers=auth).json()}
    assert done == store.done()
    assert ingesting.post("/api/ingest", content=b'[{"text": 1}]', headers=auth).status_code == 400
