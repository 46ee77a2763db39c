"""`dyads export`: a store's events, filtered, to JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.export.store import Store
from dyads.model import FLAT_COLUMNS, Event
from stored_examples import harbour_document, rail_document


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.add([harbour_document(), rail_document()])
    return path


def export(db, output, *options):
    # usage errors are drawn in a box as wide as the terminal: a wide one keeps each message on one line
    return CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(output), *options], env={"COLUMNS": "200"})


def test_jsonl_export_gives_back_the_coded_records(db, tmp_path):
    result = export(db, tmp_path / "all.jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    expected = {e.id: e.to_dict() for coded in (harbour_document(), rail_document()) for e in coded.events}
    assert {r["id"]: r for r in records} == expected
    assert Event.from_dict(records[0]).to_dict() == records[0]


def test_filtered_csv_and_parquet(db, tmp_path):
    assert export(db, tmp_path / "x.csv", "--country", "ISL", "--modality", "hypothetical").exit_code == 0
    with open(tmp_path / "x.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["source_country"], r["cameo_code"]) for r in rows] == [("DNK", "163")]
    assert export(db, tmp_path / "x.parquet", "--quad-class", "4", "--from", "2021-03-01").exit_code == 0
    table = pq.read_table(tmp_path / "x.parquet")
    assert table.num_rows == 3 and table.column_names == FLAT_COLUMNS


def test_confidence_actor_place_and_rule_family_filters(db, tmp_path):
    events = [event for coded in (harbour_document(), rail_document()) for event in coded.events]

    def exported(*options: str) -> set[str]:
        result = export(db, tmp_path / "x.jsonl", *options)
        assert result.exit_code == 0, result.output
        return {json.loads(line)["id"] for line in (tmp_path / "x.jsonl").read_text().splitlines()}

    threshold = sorted(event.confidence for event in events)[len(events) // 2]
    assert exported("--min-confidence", str(threshold)) == {e.id for e in events if e.confidence >= threshold}
    some = events[0]
    assert exported("--actor", some.source.code) == {
        e.id for e in events if some.source.code in (e.source.code, e.target.code if e.target else None)
    }
    assert exported("--rule-family", "lexicon") | exported("--rule-family", "model", "--rule-family", "unresolved") <= {
        e.id for e in events
    }
    assert exported("--place", "nowhere-at-all") == set()


def exported_codes(db, tmp_path, *options: str) -> list[str]:
    result = export(db, tmp_path / "x.jsonl", *options)
    assert result.exit_code == 0, result.output
    return sorted(json.loads(line)["cameo"]["code"] for line in (tmp_path / "x.jsonl").read_text().splitlines())


@pytest.mark.parametrize("named", ["ISL", "isl", "Iceland", "iceland", "Icelandic", "Icelanders"])
def test_a_country_is_named_by_its_code_in_any_case_or_by_its_name(db, tmp_path, named):
    assert exported_codes(db, tmp_path, "--country", named) == ["057", "163", "1711"]
    assert exported_codes(db, tmp_path, "--source", named) == ["1711"]
    assert exported_codes(db, tmp_path, "--target", named) == ["057", "163"]


@pytest.mark.parametrize(("cameo", "codes"), [("05", ["051", "057"]), ("17", ["1711", "173"]), ("171", ["1711"])])
def test_a_cameo_code_takes_in_the_codes_under_it(db, tmp_path, cameo, codes):
    assert exported_codes(db, tmp_path, "--cameo", cameo) == codes


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--country", "ruritania"], "unknown country 'ruritania'"),
        (["--source", "XYZ"], "unknown country 'XYZ'"),
        (["--cameo", "1"], "'1' is not a CAMEO code: use a two-digit root such as 01"),
        (["--cameo", "99"], "'99' is not a CAMEO code"),
        (["--from", "2021-02-30"], "not a date"),
        (["--modality", "certain"], "unknown modality"),
        (["--quad-class", "7"], "less than or equal to 4"),
        (["--rule-family", "guesswork"], "unknown rule family"),
        (["--min-confidence", "1.5"], "Invalid value for '--min-confidence'"),
    ],
)
def test_bad_options_are_usage_errors(db, tmp_path, options, message):
    result = export(db, tmp_path / "x.jsonl", *options)
    assert result.exit_code == 2
    assert message in result.output


def test_unknown_format_and_missing_store(db, tmp_path):
    assert "use one of" in export(db, tmp_path / "x.xlsx").output
    assert "no such store" in export(tmp_path / "missing.duckdb", tmp_path / "x.jsonl").output
