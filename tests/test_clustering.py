"""One event per real event: linking reports of one happening across documents, in a store and in exports.

The reports are written for these tests: a shelling of Kashmir villages told by three outlets, and
look-alikes that must stay apart (the same dyad and root on another day, far away, or another act).
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dyads.cli import app
from dyads.clustering import EventLinker, Mention, cluster_store
from dyads.coder import CodedDocument
from dyads.events.ontology import lookup
from dyads.export.store import EventFilter, Store
from dyads.model import Actor, Document, Event, EventDate, Location, Span
from dyads.server.app import create_app

POONCH = Location("Poonch", name="Poonch", country="IND", lat=33.77, lon=74.09, precision="city")
RAJOURI = Location("Rajouri", name="Rajouri", country="IND", lat=33.38, lon=74.31, precision="city")
KUPWARA = Location("Kupwara", name="Kupwara", country="IND", lat=34.53, lon=74.25, precision="city")
CHENNAI = Location("Chennai", name="Chennai", country="IND", lat=13.08, lon=80.27, precision="city")

# (doc id, outlet, report date, sentence, source country, target country, CAMEO code, event day, place, details)
REPORTS = [
    ("wire-a/1", "Wire A", "2013-08-16", ("Pakistani troops shelled Indian border villages in Poonch, wounding "
     "five civilians, Indian army officials said."), "PAK", "IND", "190", "2013-08-15", POONCH, {}),
    ("wire-b/7", "Wire B", "2013-08-16", ("Indian officials accused Pakistani troops of shelling villages near "
     "Poonch along the Line of Control; five civilians were wounded."), "PAK", "IND", "190", "2013-08-15",
     RAJOURI, {}),
    ("wire-a/2", "Wire A", "2013-08-17", ("Five civilians wounded when Pakistani shells hit border villages in "
     "Poonch are recovering, a day after the shelling."), "PAK", "IND", "190", None, POONCH, {}),
    # coded under another root of the same group (an assault, not a fight) and with no target
    ("wire-e/9", "Wire E", "2013-08-16", ("Five civilians were wounded as Pakistani troops shelled border villages "
     "in Poonch."), "PAK", None, "180", "2013-08-15", POONCH, {}),
    # the same dyad and root, but another happening: ten days later, and far away on the same day
    ("wire-c/3", "Wire C", "2013-08-26", ("Pakistani troops shelled Indian border villages in Poonch, wounding "
     "two soldiers."), "PAK", "IND", "190", "2013-08-26", POONCH, {}),
    ("wire-c/4", "Wire C", "2013-08-16", ("Pakistani troops shelled Indian positions in Kupwara, wounding "
     "two soldiers."), "PAK", "IND", "190", "2013-08-15", KUPWARA, {}),
    # the same day and dyad, another act altogether
    ("wire-b/8", "Wire B", "2013-08-16", ("Pakistan fired a missile test over the Arabian Sea near Chennai "
     "naval waters, drawing an Indian protest."), "PAK", "IND", "190", "2013-08-15", CHENNAI, {}),
    # reports that deny the shelling do not report it
    ("wire-d/5", "Wire D", "2013-08-16", ("Pakistani troops did not shell Indian border villages in Poonch, "
     "Pakistan's army said."), "PAK", "IND", "190", "2013-08-15", POONCH, {"modality": "negated"}),
]


def _event(doc_id, report_date, sentence, source, target, cameo, day, place, details) -> Event:
    code = lookup(cameo)
    return Event(
        id=f"event-{doc_id}",
        doc_id=doc_id,
        doc_date=report_date,
        sentence_index=0,
        sentence=sentence,
        trigger=Span("shelled", 0, 7),
        source=Actor(source, code=source, country=source),
        target=Actor(target, code=target, country=target) if target else None,
        cameo=code.cameo(),
        plover=code.plover(),
        date=EventDate(day, day, "Thursday", "day") if day else EventDate(report_date, report_date, None),
        location=place,
        **details,
    )


def coded_reports() -> list[CodedDocument]:
    documents = []
    for doc_id, outlet, report_date, sentence, *event in REPORTS:
        document = Document(id=doc_id, text=sentence, date=date.fromisoformat(report_date), source=outlet)
        documents.append(CodedDocument(document, [_event(doc_id, report_date, sentence, *event)], sentences=1))
    return documents


def clusters_of(reports: list[CodedDocument], linker: EventLinker | None = None) -> dict[str, set[str]]:
    mentions = [Mention.from_event(e, coded.document.source) for coded in reports for e in coded.events]
    clusters = (linker or EventLinker()).cluster(mentions)
    members: dict[str, set[str]] = {}
    for event_id, cluster in clusters.items():
        members.setdefault(cluster.id, set()).add(event_id.removeprefix("event-"))
    return {min(docs): docs for docs in members.values()}


def test_reports_of_one_shelling_form_one_cluster_and_look_alikes_stay_apart():
    assert sorted(clusters_of(coded_reports()).values(), key=min) == [
        {"wire-a/1", "wire-a/2", "wire-b/7", "wire-e/9"},
        {"wire-b/8"},
        {"wire-c/3"},
        {"wire-c/4"},
        {"wire-d/5"},
    ]


def test_counts_and_first_and_last_report():
    mentions = [Mention.from_event(e, coded.document.source) for coded in coded_reports() for e in coded.events]
    cluster = EventLinker().cluster(mentions)["event-wire-b/7"]
    assert (cluster.mentions, cluster.documents, cluster.sources) == (4, 4, 3)  # wire-a/1 and /2: one outlet
    assert (cluster.first_doc_id, cluster.first_date) == ("wire-a/1", "2013-08-16")
    assert (cluster.last_doc_id, cluster.last_date) == ("wire-a/2", "2013-08-17")
    assert cluster.id == min(f"event-{doc}" for doc in ("wire-a/1", "wire-a/2", "wire-b/7", "wire-e/9"))


def test_reciprocal_events_link_either_way_and_neither_one_document_nor_the_past_links():
    first, second = coded_reports()[:2]
    second.events[0].source, second.events[0].target = second.events[0].target, second.events[0].source
    assert len(clusters_of([first, second])) == 2
    second.events[0].reciprocal = True
    assert len(clusters_of([first, second])) == 1
    same_document = CodedDocument(first.document, [first.events[0], _renamed(first.events[0], "event-again")])
    assert len(clusters_of([same_document])) == 2
    second.events[0].historical = True  # "the shelling of 1999": its month is no day to link on
    second.events[0].date = EventDate("1999-08-01", "1999-08-31", "August 1999", "month")
    assert len(clusters_of([first, second])) == 2


def test_the_window_the_similarity_threshold_and_the_root_groups_are_settings():
    reports = coded_reports()
    tight = clusters_of(reports, EventLinker(window_days=0))
    assert {"wire-a/1", "wire-b/7", "wire-e/9"} in tight.values() and {"wire-a/2"} in tight.values()
    assert clusters_of(reports, EventLinker(min_similarity=0.99))["wire-a/1"] == {"wire-a/1"}
    assert {"wire-e/9"} in clusters_of(reports, EventLinker(root_groups=[])).values()


def _renamed(event: Event, event_id: str) -> Event:
    return Event.from_dict({**event.to_dict(), "id": event_id})


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.add(coded_reports())
    return path


def test_the_cluster_command_stores_clusters_that_the_api_records_carry(db):
    result = CliRunner().invoke(app, ["cluster", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "clusters: 5" in result.output and "several documents: 1 (4 events)" in result.output
    with Store(db, read_only=True) as store:
        assert store.count_unclustered() == 0
        [event] = store.events(EventFilter(doc_id="wire-b/7"))
        assert event.cluster is not None and (event.cluster.mentions, event.cluster.sources) == (4, 3)
        rows = store._cursor().execute(
            "SELECT DISTINCT event_cluster_id, cluster_mentions, cluster_documents FROM events"
            " WHERE doc_id LIKE 'wire-a/%' OR doc_id IN ('wire-b/7', 'wire-e/9')"
        ).fetchall()
        assert rows == [(event.cluster.id, 4, 4)]


def test_export_one_per_cluster_writes_one_row_per_real_event(db, tmp_path):
    output = tmp_path / "real.csv"
    refused = CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(output), "--one-per-cluster"])
    assert refused.exit_code == 2 and "8 events have no cluster yet" in refused.output
    with Store(db) as store:
        cluster_store(store, EventLinker())
    result = CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(output), "--one-per-cluster"])
    assert result.exit_code == 0, result.output
    with open(output, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and len({row["event_cluster_id"] for row in rows}) == 5
    [shelling] = [row for row in rows if row["cluster_mentions"] == "4"]
    assert shelling["doc_id"] == "wire-a/1"  # the event of the first report stands for the cluster
    assert (shelling["cluster_first_doc_id"], shelling["cluster_last_doc_id"]) == ("wire-a/1", "wire-a/2")
    assert (shelling["cluster_last_date"], shelling["cluster_sources"]) == ("2013-08-17", "3")
    jsonl = tmp_path / "all.jsonl"
    assert CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(jsonl)]).exit_code == 0
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert len(records) == 8 and all(record["cluster"]["id"] for record in records)


def test_the_cluster_command_on_an_events_file_writes_the_events_with_their_clusters(tmp_path):
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(e.to_dict()) + "\n" for c in coded_reports() for e in c.events))
    output = tmp_path / "clustered.jsonl"
    result = CliRunner().invoke(app, ["cluster", str(events), "-o", str(output)])
    assert result.exit_code == 0, result.output
    records = [Event.from_dict(json.loads(line)) for line in output.read_text().splitlines()]
    [shelling] = [e.cluster for e in records if e.doc_id == "wire-b/7"]
    assert (shelling.mentions, shelling.documents, shelling.sources) == (4, 4, 4)  # no outlets in a file
    assert CliRunner().invoke(app, ["cluster"]).exit_code == 2
    events.write_text('{"id": "x"}\n')
    # a usage error is drawn in a box as wide as the terminal: a wide one keeps the message on one line
    refused = CliRunner().invoke(app, ["cluster", str(events), "-o", str(output)], env={"COLUMNS": "200"})
    assert refused.exit_code == 2 and "events.jsonl:1 is not an event record" in refused.output


def test_the_labelled_set_of_bench_clustering_names_stories_and_reports_that_exist():
    root = Path(__file__).resolve().parents[1] / "benchmarks"
    reports = {json.loads(line)["id"] for line in (root / "clustering" / "reports.jsonl").read_text().splitlines()}
    with open(root / "clustering" / "happenings.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    doc_ids = [row["doc_id"] for row in rows]
    assert len(doc_ids) == len(set(doc_ids)) and reports <= set(doc_ids)
    assert all(doc_id in reports or (root / "voa" / f"{doc_id}.txt").is_file() for doc_id in doc_ids)
    groups: dict[str, set[str]] = {}
    for row in rows:
        groups.setdefault(row["group"], set()).add(row["happening"])
        assert row["roots"] and row["countries"]
    assert sum(len(happenings) > 1 for happenings in groups.values()) >= 4  # look-alikes to keep apart


def test_the_api_lists_the_reports_of_one_real_event(db):
    with Store(db) as store:
        cluster_store(store, EventLinker())
        [event] = store.events(EventFilter(doc_id="wire-b/7"))
        client = TestClient(create_app(store), base_url="http://127.0.0.1:8000")
        response = client.get("/api/events", params={"cluster": event.cluster.id})
    assert response.status_code == 200, response.text
    reports = response.json()["items"]
    assert sorted(r["doc_id"] for r in reports) == ["wire-a/1", "wire-a/2", "wire-b/7", "wire-e/9"]
    assert {r["cluster"]["mentions"] for r in reports} == {4}


def test_a_gdelt_export_of_real_events_counts_their_mentions_sources_and_articles(db, tmp_path):
    with Store(db) as store:
        cluster_store(store, EventLinker())
    output = tmp_path / "events.tsv"
    result = CliRunner().invoke(
        app, ["export", "--db", str(db), "-o", str(output), "--format", "gdelt", "--one-per-cluster"]
    )
    assert result.exit_code == 0, result.output
    with open(output, newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    counts = sorted((row["NumMentions"], row["NumSources"], row["NumArticles"]) for row in rows)
    assert counts == [("1", "1", "1")] * 4 + [("4", "3", "4")]
