"""The API behind the UI's map, download, network and new filters, on a store of hand-built events."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from dyads.export.store import Store
from dyads.export.stream import stream_events
from dyads.model import FLAT_COLUMNS
from dyads.server.app import create_app
from stored_examples import delhi_document, harbour_document, rail_document


@pytest.fixture()
def store(tmp_path) -> Store:
    with Store(tmp_path / "events.duckdb") as store:
        store.add([harbour_document(), rail_document(), delhi_document()])
        yield store


@pytest.fixture()
def client(store) -> TestClient:
    return TestClient(create_app(store), base_url="http://127.0.0.1:8000")


def total(client: TestClient, **params) -> int:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()["total"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 13),
        ({"min_confidence": 0.7}, 3),
        ({"min_confidence": 0.5, "country": "IND"}, 5),
        ({"rule_family": "model"}, 1),
        ({"rule_family": "unattributed"}, 1),
        ({"rule_family": "authorities"}, 1),
        ({"rule_family": "unresolved"}, 1),
        ({"rule_family": ["unattributed", "authorities"]}, 2),
        ({"rule_family": "lexicon", "doc_id": "test/delhi-3"}, 3),
        ({"rule_family": "lexicon"}, 9),  # the hand-built events of the other two documents too
        ({"actor": "INDCOP"}, 4),  # either side
        ({"actor": "indcvl"}, 2),
        ({"source_actor": "INDCOP", "target_actor": "INDCVL"}, 1),
        ({"place": "IND"}, 4),  # a country code
        ({"place": "new delhi"}, 1),  # the name, in any case
        ({"place": "delhi"}, 0),  # a whole name only
        ({"place": "Reykjavik"}, 1),
    ],
)
def test_new_event_filters(client, params, expected):
    assert total(client, **params) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"min_confidence": 1.5},
        {"min_confidence": "high"},
        {"rule_family": "guess"},
        {"actor": "IND' OR '1'='1"},
        {"place": "x" * 201},
    ],
)
def test_new_filters_refuse_hostile_values(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422, response.text


def test_dyads_by_actor_keep_domestic_pairs_apart(client):
    by_country = client.get("/api/stats/dyads", params={"doc_id": "test/delhi-3"}).json()
    assert by_country[0] == {
        "source_country": "IND", "target_country": "IND", "count": 5, "mean_goldstein": by_country[0]["mean_goldstein"],
        "source_code": None, "target_code": None,
    }
    by_actor = client.get("/api/stats/dyads", params={"doc_id": "test/delhi-3", "by": "actor"}).json()
    pairs = {(d["source_code"], d["target_code"]): d["count"] for d in by_actor}
    assert pairs == {
        ("INDCOP", "INDCVL"): 1, ("INDCVL", "INDCOP"): 1, ("INDUAF", "INDMIL"): 1, ("INDCOP", "INDMED"): 1,
        ("INDGOV", "PAKGOV"): 1, ("INDCOP", "INDEDU"): 1,
    }  # the unresolved source has no code: no pair
    assert {(d["source_country"], d["target_country"]) for d in by_actor} == {("IND", "IND"), ("IND", "PAK")}


def test_places_count_geocoded_events(client):
    places = client.get("/api/stats/places").json()
    assert {p["name"]: p["count"] for p in places} == {
        "Reykjavik": 1, "New Delhi": 1, "Mumbai": 1, "Srinagar": 1, "Kolkata": 1, "Islamabad": 1,
    }
    delhi = next(p for p in places if p["name"] == "New Delhi")
    assert (delhi["country"], delhi["lat"], delhi["lon"]) == ("IND", 28.61, 77.21)
    assert [p["name"] for p in client.get("/api/stats/places", params={"country": "PAK"}).json()] == ["Islamabad"]


def test_vocabulary_lists_actor_codes_and_places(client):
    facets = client.get("/api/vocabulary").json()["facets"]
    assert facets["actor_codes"][0] == "INDCOP"  # the most frequent first
    assert "PAKGOV" in facets["actor_codes"]
    assert set(facets["places"]) == {"Reykjavik", "New Delhi", "Mumbai", "Srinagar", "Kolkata", "Islamabad"}


@pytest.mark.parametrize("params", [{"rule_family": "lexicon", "min_confidence": 0.6}, {}])
def test_downloads_hold_the_filtered_events_in_each_format(client, params):
    expected = client.get("/api/events", params={**params, "limit": 100}).json()["items"]
    ids = sorted(e["id"] for e in expected)

    response = client.get("/api/export", params={**params, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="events.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == FLAT_COLUMNS
    assert sorted(row["event_id"] for row in rows) == ids

    response = client.get("/api/export", params={**params, "format": "jsonl"})
    assert sorted(json.loads(line)["id"] for line in response.text.splitlines()) == ids

    response = client.get("/api/export", params={**params, "format": "parquet"})
    table = pq.read_table(io.BytesIO(response.content))
    assert sorted(table.column("event_id").to_pylist()) == ids


def test_download_refuses_an_unknown_format(client):
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422


def test_a_download_is_streamed_batch_by_batch(store):
    chunks = list(stream_events(store.iter_events(batch_size=4), "parquet"))
    assert len(chunks) == 5  # 13 events in 4 batches, each its row group, then the footer
    assert pq.ParquetFile(io.BytesIO(b"".join(chunks))).num_row_groups == 4


def test_openapi_documents_the_new_filters_and_endpoints(client):
    schema = client.get("/openapi.json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    for name in ("min_confidence", "rule_family", "actor", "source_actor", "target_actor", "place"):
        assert parameters[name]["description"], name
    assert "/api/export" in schema["paths"] and "/api/stats/places" in schema["paths"]
    export = {p["name"] for p in schema["paths"]["/api/export"]["get"]["parameters"]}
    assert {"format", "min_confidence", "rule_family", "actor", "place"} <= export
