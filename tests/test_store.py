"""The DuckDB store: idempotent writes, filters, sorting, aggregates and export."""

from __future__ import annotations

from datetime import date

import duckdb
import pyarrow as pa
import pytest

from dyads.coder import CodedDocument
from dyads.export.store import _SCHEMA_SQL, EventFilter, QueryError, Store, escape_like
from dyads.model import Document
from stored_examples import edited, harbour_document, rail_document


@pytest.fixture()
def store(tmp_path) -> Store:
    with Store(tmp_path / "events.duckdb") as store:
        store.add([harbour_document(), rail_document()])
        yield store


def test_add_stores_documents_and_events(store):
    assert store.count_documents() == 2
    assert store.count_events() == 6
    record = store.document("test/harbour-1")
    assert record.title == "Harbour talks stall"
    assert record.metadata == {"section": "north"}
    assert record.event_count == 4
    assert [e.to_dict() for e in record.events] == [e.to_dict() for e in harbour_document().events]


def test_same_document_twice_adds_nothing(store):
    result = store.add([harbour_document()])
    assert (result.added, result.replaced, result.skipped, result.events) == (0, 0, 1, 0)
    assert store.count_events() == 6


def test_changed_text_replaces_the_documents_events(store):
    result = store.add([edited(harbour_document(), " Talks resume next week.")])
    assert (result.added, result.replaced) == (0, 1)
    assert store.count_events(EventFilter(doc_id="test/harbour-1")) == 1
    assert store.document("test/harbour-1").text.endswith("Talks resume next week.")
    assert store.count_events() == 3


def test_done_lists_ids_with_hashes(store):
    harbour = harbour_document().document
    assert (harbour.id, harbour.content_hash) in store.done()
    assert len(store.done()) == 2


def test_failed_documents_are_not_stored(tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        failed = CodedDocument(Document(id="broken", text="x"), [], error="ValueError: bad")
        result = store.add([failed])
        assert result.failed == 1
        assert store.done() == set()


def test_batch_is_one_transaction(tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        bad = rail_document()
        bad.events[0].cameo.quad_class = "not a number"  # fails inside the INSERT of events
        with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
            store.add([harbour_document(), bad])
        assert store.count_documents() == 0 and store.count_events() == 0


def test_store_reopens_read_only(tmp_path):
    path = tmp_path / "e.duckdb"
    with Store(path) as store:
        store.add([rail_document()])
    with Store(path, read_only=True) as store:
        assert store.count_events() == 2


def test_a_store_from_before_a_new_column_takes_new_events(tmp_path):
    path = tmp_path / "e.duckdb"
    with duckdb.connect(str(path)) as connection:  # the schema of a version without `date_dropped`
        connection.execute(_SCHEMA_SQL.replace("date_dropped VARCHAR, ", ""))
    with Store(path) as store:
        store.add([harbour_document(), rail_document()])
        assert store.count_events() == 6
        assert store.document("test/harbour-1").events == harbour_document().events


@pytest.mark.parametrize(
    ("event_filter", "expected"),
    [
        (EventFilter(source_country="nor"), 2),
        (EventFilter(target_country="ISL"), 2),
        (EventFilter(country="ISL"), 3),
        (EventFilter(sector="mil"), 1),
        (EventFilter(cameo="17"), 2),
        (EventFilter(cameo="1711"), 1),
        (EventFilter(plover_type="coerce"), 3),
        (EventFilter(modality=["negated", "hypothetical"]), 2),
        (EventFilter(quad_class=[2]), 2),
        (EventFilter(text="TRAWLER"), 1),
        (EventFilter(date_from=date(2021, 3, 17)), 2),  # the event date wins over the document date
        (EventFilter(date_from=date(2021, 1, 1), date_to=date(2021, 1, 31)), 2),
        (EventFilter(source_country="KEN", quad_class=[4]), 1),
    ],
)
def test_filters(store, event_filter, expected):
    assert store.count_events(event_filter) == expected
    assert len(store.events(event_filter, limit=100)) == expected


def test_text_search_treats_wildcards_literally(store):
    assert store.count_events(EventFilter(text="%")) == 0
    assert store.count_events(EventFilter(text="_")) == 0
    assert store.count_events(EventFilter(text="' OR 1=1 --")) == 0
    assert escape_like("50%_a\\b") == "50\\%\\_a\\\\b"


def test_sorting_and_paging(store):
    by_goldstein = store.events(sort="goldstein", limit=100)
    scores = [e.cameo.goldstein for e in by_goldstein]
    assert scores == sorted(scores)
    first, second = store.events(sort="-date", limit=3), store.events(sort="-date", limit=3, offset=3)
    assert not {e.id for e in first} & {e.id for e in second}
    assert first[0].date.start == "2021-04-01"


def test_unknown_sort_key_is_refused(store):
    with pytest.raises(QueryError, match="unknown sort key"):
        store.events(sort="goldstein; DROP TABLE events")


def test_timeline_counts_by_quad_class_and_month(store):
    points = store.timeline(interval="month", by="quad_class")
    assert {(p.period.isoformat(), p.key): p.count for p in points} == {
        ("2021-01-01", "2"): 1,
        ("2021-01-01", "4"): 1,
        ("2021-03-01", "2"): 1,
        ("2021-03-01", "4"): 2,
        ("2021-04-01", "4"): 1,
    }
    with pytest.raises(QueryError):
        store.timeline(interval="century")


def test_dyads_count_pairs_with_mean_goldstein(store):
    pairs = {(d.source_country, d.target_country): d for d in store.dyads()}
    assert pairs[("NOR", "ISL")].count == 1
    assert pairs[("ISL", "NOR")].mean_goldstein == -9.2
    assert ("NOR", None) not in pairs


def test_documents_listing_and_search(store):
    assert [d.id for d in store.documents(sort="date")] == ["test/rail-2", "test/harbour-1"]
    assert [d.id for d in store.documents(text="harbour")] == ["test/harbour-1"]
    assert store.document("../etc/passwd") is None


def test_iter_events_streams_every_match_in_batches(store):
    batches = list(store.iter_events(EventFilter(country="ISL"), batch_size=2))
    assert [len(batch) for batch in batches] == [2, 1]
    assert [e.date.start if e.date else e.doc_date for batch in batches for e in batch] == sorted(
        ["2021-03-16", "2021-03-17", "2021-04-01"]
    )


def test_facets_list_what_is_stored(store):
    facets = store.facets()
    assert (facets.documents, facets.events) == (2, 6)
    assert facets.countries == ["DNK", "ISL", "KEN", "NOR", "TZA"]
    assert facets.sectors == ["BUS", "GOV", "MIL", "OPP", "POL"]
    assert facets.date_min == date(2021, 1, 8) and facets.date_max == date(2021, 4, 1)


@pytest.mark.parametrize("sort", ["-date", "goldstein", "source", "-confidence", "document"])
def test_page_matches_count_and_events(store, sort):
    event_filter = EventFilter(quad_class=[4])
    for offset in (0, 2, 10):
        total, events = store.page(event_filter, sort=sort, limit=2, offset=offset)
        assert total == store.count_events(event_filter) == 4
        assert [e.id for e in events] == [e.id for e in store.events(event_filter, sort=sort, limit=2, offset=offset)]
