"""Writers: JSONL round-trips to `Event`, CSV and Parquet have exactly `FLAT_COLUMNS`, in order."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from dyads.export import CannotAppend, JsonlWriter, UnknownOutputFormat, open_writer, writer_for
from dyads.export.parquet import SCHEMA
from dyads.model import (
    FLAT_COLUMNS,
    Actor,
    Cameo,
    CitedSource,
    Event,
    EventDate,
    Location,
    Plover,
    Quantity,
    Span,
)


def make_event(number: int) -> Event:
    return Event(
        id=f"e{number}",
        doc_id="d1",
        doc_date="2019-04-11",
        sentence_index=number,
        sentence="Ruritania pledged $5 million in aid to Freedonia, the agency said.",
        trigger=Span("pledged", 10, 17),
        source=Actor("Ruritania", code="RUR", country="RUR", sectors=["GOV", "MIL"], start=0, end=9),
        target=Actor("Freedonia", code="FRE", country="FRE", start=41, end=50) if number % 2 else None,
        cameo=Cameo("0331", "03", "Express intent to provide economic aid", 1, 7.4),
        plover=Plover("AID", "economic", None),
        modality="future",
        evidential="reported",
        attributed_to="the agency",
        date=EventDate("2019-04-10", "2019-04-10", "Wednesday", "day"),
        location=Location("Freedonia", name="Freedonia", country="FRE", lat=1.5, lon=-2.25, geonameid=99),
        quantities=[Quantity("$5 million", 5_000_000.0, "USD", "money")],
        cited_sources=[CitedSource("Wire", ["2019-04-11"], "(Wire, April 11)")],
        confidence=0.8,
        rule="verb:pledge",
    )


EVENTS = [make_event(number) for number in range(5)]


def test_jsonl_round_trips_to_events(tmp_path):
    path = tmp_path / "events.jsonl"
    with open_writer(path) as writer:
        writer.write(EVENTS[:2])
        writer.write([])
        writer.write(EVENTS[2:])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [Event.from_dict(json.loads(line)) for line in lines] == EVENTS


def test_csv_columns_are_flat_columns_in_order(tmp_path):
    path = tmp_path / "events.csv"
    with open_writer(path) as writer:
        writer.write(EVENTS)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == FLAT_COLUMNS
    assert [row["event_id"] for row in rows] == [event.id for event in EVENTS]
    assert rows[0]["source_sectors"] == "GOV;MIL" and rows[0]["target_code"] == ""
    assert rows[1]["quantity_usd"] == "5000000.0"


def test_parquet_columns_types_and_row_groups(tmp_path):
    path = tmp_path / "events.parquet"
    with open_writer(path) as writer:
        writer.row_group_size = 2
        for event in EVENTS:
            writer.write([event])
    parquet = pq.ParquetFile(path)
    assert parquet.schema_arrow.names == FLAT_COLUMNS
    assert parquet.metadata.num_row_groups == 3  # 2 + 2 + the last 1 written on close
    table = parquet.read()
    assert table.column("event_id").to_pylist() == [event.id for event in EVENTS]
    assert table.column("quad_class").type == SCHEMA.field("quad_class").type
    assert table.column("lat").to_pylist()[0] == 1.5
    assert table.column("historical").to_pylist() == [False] * 5
    assert table.column("target_code").to_pylist()[:2] == [None, "FRE"]
    assert table.to_pylist()[3] == EVENTS[3].flat()


def test_parquet_with_no_events_is_a_valid_empty_file(tmp_path):
    path = tmp_path / "none.parquet"
    with open_writer(path):
        pass
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.column_names == FLAT_COLUMNS


def test_what_was_written_survives_a_failure_later_in_the_run(tmp_path):
    for name in ("kept.jsonl", "kept.csv", "kept.parquet"):
        path = tmp_path / name
        with pytest.raises(RuntimeError), open_writer(path) as writer:
            writer.write(EVENTS[:3])
            raise RuntimeError("a later document failed")
        if name.endswith(".parquet"):
            assert pq.read_table(path).num_rows == 3
        else:
            assert len(path.read_text().splitlines()) == 3 + name.endswith(".csv")


def test_jsonl_lines_reach_the_file_before_the_writer_closes(tmp_path):
    path = tmp_path / "live.jsonl"
    writer = writer_for(path)
    writer.write(EVENTS[:1])
    assert len(path.read_text().splitlines()) == 1
    writer.close()


def test_dash_or_nothing_writes_jsonl_to_stdout(capsys):
    for output in (None, "-"):
        with open_writer(output) as writer:
            writer.write(EVENTS[:2])
        assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == ["e0", "e1"]


def test_csv_goes_to_stdout_with_its_header(capsys):
    with open_writer("-", "csv") as writer:
        writer.write(EVENTS[:2])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("event_id,") and len(lines) == 3


def test_a_device_without_extension_takes_jsonl():
    assert isinstance(writer_for("/dev/null"), JsonlWriter)


@pytest.mark.parametrize("format", ["jsonl", "csv", "icews", "plover"])
def test_appending_adds_rows_under_one_header(tmp_path, format):
    path = tmp_path / "events.out"
    for events in (EVENTS[:1], EVENTS[1:2]):
        writer = writer_for(path, format, append=True)  # the first time, the file is new
        writer.write(events)
        writer.close()
    once = tmp_path / "once.out"
    with open_writer(once, format) as writer:
        writer.write(EVENTS[:2])
    assert path.read_text() == once.read_text()


def test_a_parquet_file_cannot_be_appended_to(tmp_path):
    with pytest.raises(CannotAppend, match="use --out-dir or a new file"):
        writer_for(tmp_path / "events.parquet", append=True)
    assert not (tmp_path / "events.parquet").exists()


def test_unknown_extension_is_refused(tmp_path):
    with pytest.raises(UnknownOutputFormat, match="use one of .*.parquet"):
        writer_for(tmp_path / "events.xlsx")
