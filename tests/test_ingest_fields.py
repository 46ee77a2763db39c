"""Inputs laid out as other event-data tools lay them out: field options, presets, TSV, dates, unread files."""

from __future__ import annotations

import json
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dyads.ingest import FieldMap, ReadReport, UnknownPreset, read
from dyads.ingest.dates import parse_date
from dyads.ingest.fields import DEFAULT_FIELDS, presets

GDELT_RECORD = {
    "url": "https://wire.example/story-1",
    "title": "Ruritania protests",
    "seendate": "20020310123000",
    "domain": "wire.example",
    "language": "English",
    "content": "Ruritania protested to Freedonia on Sunday.",
}
ICEWS_HEADER = ["Story ID", "Publish Date", "Headline", "Text", "Publisher"]
ICEWS_ROW = ["28075", "2002-03-10 00:00:00", "Talks open", "Freedonia met Ruritania in Geneva.", "Wire"]


def read_all(*inputs, fields=DEFAULT_FIELDS):
    report = ReadReport()
    return list(read(inputs, report=report, fields=fields)), report


def test_gdelt_preset_reads_content_seendate_and_domain(tmp_path):
    path = tmp_path / "gdelt.jsonl"
    path.write_text(json.dumps(GDELT_RECORD) + "\n")
    (document,), report = read_all(path, fields=FieldMap.preset("gdelt"))
    assert report.skipped == []
    assert document.text == GDELT_RECORD["content"]
    assert document.date == date(2002, 3, 10)
    assert (document.title, document.source, document.url) == (
        "Ruritania protests",
        "wire.example",
        "https://wire.example/story-1",
    )
    assert document.metadata == {"language": "English"}


def test_without_a_mapping_a_gdelt_record_is_skipped_with_a_hint(tmp_path):
    path = tmp_path / "gdelt.jsonl"
    path.write_text(json.dumps(GDELT_RECORD) + "\n")
    documents, report = read_all(path)
    assert documents == []
    assert (
        str(report.skipped[0])
        == f"{path}:1: no 'text' field (name the text's field with --text-field or --preset)"
    )


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_icews_preset_takes_story_id_and_publish_date(tmp_path, suffix):
    separator = "," if suffix == ".csv" else "\t"
    path = tmp_path / f"icews_stories{suffix}"
    path.write_text("\n".join(separator.join(row) for row in (ICEWS_HEADER, ICEWS_ROW)) + "\n")
    (document,), report = read_all(path, fields=FieldMap.preset("icews"))
    assert report.skipped == []
    assert (document.id, document.date, document.title, document.source) == (
        "28075",
        date(2002, 3, 10),
        "Talks open",
        "Wire",
    )
    assert document.text == "Freedonia met Ruritania in Geneva."


def test_ids_are_trimmed_of_surrounding_spaces(tmp_path):
    path = tmp_path / "icews_stories.csv"
    padded = [" 28075 ", *ICEWS_ROW[1:]]
    path.write_text("\n".join(",".join(row) for row in (ICEWS_HEADER, padded, ICEWS_ROW)) + "\n")
    documents, report = read_all(path, fields=FieldMap.preset("icews"))
    assert [document.id for document in documents] == ["28075"]
    assert report.repeated_ids == 1

    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "\ta1 ", "text": "Ruritania protested."}) + "\n")
    (document,), _ = read_all(path)
    assert document.id == "a1"


def test_tsv_is_read_like_csv_with_quoted_tabs_and_newlines(tmp_path):
    path = tmp_path / "wire.tsv"
    path.write_text('id\ttext\tdate\na1\t"Ruritania\tprotested.\nAgain."\t20150203\n')
    (document,), report = read_all(path)
    assert report.skipped == []
    assert (document.id, document.text, document.date) == (
        "a1",
        "Ruritania\tprotested.\nAgain.",
        date(2015, 2, 3),
    )


def test_field_options_override_the_preset_and_match_any_case(tmp_path):
    path = tmp_path / "stories.parquet"
    table = pa.table(
        {
            "DocID": ["p1"],
            "Body": ["Freedonia agreed."],
            "seendate": ["20190411T081500Z"],
            "content": ["ignored"],
        }
    )
    pq.write_table(table, path)
    fields = FieldMap.preset("gdelt").overridden(text="body", id="docid", date=None)
    (document,), report = read_all(path, fields=fields)
    assert report.skipped == []
    assert (document.id, document.text, document.date) == ("p1", "Freedonia agreed.", date(2019, 4, 11))
    assert document.metadata == {"content": "ignored"}


def test_a_file_without_the_mapped_text_column_is_skipped_naming_it(tmp_path):
    path = tmp_path / "stories.csv"
    path.write_text("id,text\n1,Ruritania protested.\n")
    documents, report = read_all(path, fields=FieldMap(text="Body"))
    assert documents == []
    assert str(report.skipped[0]) == f"{path}: no 'Body' column; columns: id, text"


def test_presets_come_from_the_data_file():
    assert set(presets()) == {"gdelt", "icews"}
    assert FieldMap.preset("icews").columns() == {
        "id": "Story ID",
        "text": "Text",
        "date": "Publish Date",
        "title": "Headline",
        "source": "Publisher",
        "url": "url",
    }
    with pytest.raises(UnknownPreset, match="unknown preset 'acled'; presets: gdelt, icews"):
        FieldMap.preset("acled")


def test_a_folders_unsupported_files_are_counted_by_extension(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text("Ruritania protested on 3 February 2015.")
    (tmp_path / "reports" / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "reports" / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "reports" / "d.docx").write_bytes(b"PK")
    (tmp_path / "reports" / "NOTES").write_text("no extension")
    (tmp_path / "reports" / ".hidden.xlsx").write_bytes(b"PK")
    documents, report = read_all(tmp_path / "reports")
    assert [document.id for document in documents] == ["a"]
    assert report.skipped == []
    assert dict(report.unsupported) == {".pdf": 2, ".docx": 1, "(none)": 1}
    assert report.unsupported_summary() == "4 (.pdf 2, (none) 1, .docx 1)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20020310", date(2002, 3, 10)),
        ("20020310123000", date(2002, 3, 10)),  # GDELT DATEADDED, seendate
        ("20020310T123000Z", date(2002, 3, 10)),  # GDELT DOC API seendate
        ("2002/03/10", date(2002, 3, 10)),
        ("2002-03-10T23:30:00-05:00", date(2002, 3, 10)),  # the publisher's own day, not UTC's
        ("2002-03-10T08:15:00.123+00:00", date(2002, 3, 10)),
        ("Sun, 10 Mar 2002 08:15:00 +0000", date(2002, 3, 10)),  # RFC 2822
        ("10 Mar 2002 08:15:00 GMT", date(2002, 3, 10)),
        ("20021310", None),
        ("12345678", None),
        ("2002031", None),
        ("Sun, 10 Foo 2002 08:15:00 +0000", None),
    ],
)
def test_parse_date_common_forms(value, expected):
    assert parse_date(value) == expected


def test_a_numeric_date_in_json_is_read(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "Freedonia agreed.", "date": 20020310}) + "\n")
    (document,), _ = read_all(path)
    assert document.date == date(2002, 3, 10)
