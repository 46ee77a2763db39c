"""Readers on files written by these tests: every format, dates, and the inputs that must be skipped."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyads.data import data_path
from dyads.ingest import ReadReport, read, read_stdin
from dyads.ingest.dates import date_in_lead, parse_date
from dyads.ingest.identity import content_id
from dyads.ingest.txt import split_header

BODY = "Ruritanian Foreign Minister Anna Vel visited Freedonia on Monday.\n\nShe met the prime minister.\n"


def read_all(*inputs, date=None, stdin=None) -> tuple[list, ReadReport]:
    report = ReadReport()
    return list(read(inputs, date=date, report=report, stdin=stdin)), report


def reasons(report: ReadReport) -> list[str]:
    return [str(skipped) for skipped in report.skipped]


def test_txt_header_with_several_keys_on_a_line_is_metadata_not_text(tmp_path):
    path = tmp_path / "bulletin-4-17.txt"
    path.write_text("Publication: Weekly Bulletin Volume: 4 Issue: 17\nDate: 2011-06-02\n\n" + BODY)
    (document,), report = read_all(path)
    assert document.metadata == {
        "Publication": "Weekly Bulletin",
        "Volume": "4",
        "Issue": "17",
        "Date": "2011-06-02",
    }
    assert document.text == BODY
    assert document.text.index("Freedonia") == BODY.index("Freedonia")
    assert document.id == "bulletin-4-17"
    assert document.source == "Weekly Bulletin"
    assert document.date == date(2011, 6, 2)
    assert report.warnings == [] and report.skipped == []


def test_txt_without_header_keeps_the_whole_text(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(BODY)
    (document,), _ = read_all(path)
    assert document.text == BODY and document.metadata == {}


def test_a_first_paragraph_with_a_colon_is_not_a_header():
    text = "Freedonia: The ministry said on Monday that the talks had failed.\n\nMore text follows here.\n"
    assert split_header(text) == ({}, text)


def test_a_long_question_title_stays_in_the_header():
    title = "Will Freedonia and Sylvania Sign the Border Treaty Their Ministers Negotiated for Ten Long Years?"
    metadata, body = split_header(f"Title: {title}\nDate: 2009-05-11\nCredit: Freedonia Radio\n\nBody text.")
    assert metadata == {"Title": title, "Date": "2009-05-11", "Credit": "Freedonia Radio"}
    assert body == "Body text."


def test_a_file_of_only_key_value_lines_has_no_body():
    assert split_header("Note: short\nStatus: draft\n") == ({"Note": "short", "Status": "draft"}, "")


def test_title_values_keep_their_colons():
    metadata, body = split_header("Title: Crisis: the view from Freedonia\n\nBody text.")
    assert metadata == {"Title": "Crisis: the view from Freedonia"}
    assert body == "Body text."


def test_windows_line_endings_are_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Source: Wire\r\n\r\nFirst line.\r\nSecond line.\r\n")
    (document,), _ = read_all(path)
    assert document.text == "First line.\nSecond line.\n"


def test_html_main_text_title_and_date(tmp_path):
    paragraph = "Envoys of Ruritania and Freedonia met in Vienna on Thursday to discuss the fishing quotas. "
    page = (
        "<html><head><title>Envoys meet in Vienna</title><meta name='date' content='2019-04-11'></head><body>"
        "<nav>Home | World | Sport</nav><article><p>" + paragraph * 4 + "</p>"
        "<p>A second round is planned for May.</p></article><footer>Copyright notice</footer></body></html>"
    )
    path = tmp_path / "pages" / "envoys.htm"
    path.parent.mkdir()
    path.write_text(page)
    (document,), _ = read_all(path)
    assert document.title == "Envoys meet in Vienna"
    assert document.date == date(2019, 4, 11)
    assert "second round is planned" in document.text
    assert "Home | World" not in document.text and "Copyright" not in document.text


def test_html_fragment_still_gives_its_text(tmp_path):
    path = tmp_path / "fragment.html"
    path.write_text("<p>Freedonia recalled its ambassador.</p>")
    (document,), _ = read_all(path, date=date(2020, 1, 1))
    assert document.text.strip() == "Freedonia recalled its ambassador."


def test_jsonl_fields_metadata_and_bad_lines(tmp_path):
    path = tmp_path / "wire.jsonl"
    lines = [
        json.dumps(
            {"id": "a1", "text": "Ruritania protested.", "date": "2015-02-03", "title": "T", "desk": "world"}
        ),
        "{not json",
        json.dumps({"id": "a2", "text": 42}),
        json.dumps(["a list"]),
        "",
        json.dumps({"id": 7, "text": "Freedonia agreed.", "date": "2015-02-04T10:30:00Z", "tags": ["x"]}),
        json.dumps({"id": "a4", "title": "no text"}),
        json.dumps({"id": "a5", "text": "   "}),
    ]
    path.write_text("\n".join(lines) + "\n")
    documents, report = read_all(path)
    assert [(d.id, d.date) for d in documents] == [("a1", date(2015, 2, 3)), ("7", date(2015, 2, 4))]
    assert documents[0].title == "T" and documents[0].metadata == {"desk": "world"}
    assert documents[1].metadata == {"tags": '["x"]'}
    assert documents[1].origin == f"{path}:6"
    skipped = reasons(report)
    assert skipped[0].startswith(f"{path}:2: malformed JSON")
    assert skipped[1] == f"{path}:3: field 'text' must be a string, not int"
    assert skipped[2] == f"{path}:4: not a JSON object but a list"
    assert skipped[3] == f"{path}:7: no 'text' field (name the text's field with --text-field or --preset)"
    assert skipped[4] == f"{path}:8: empty text"


def test_jsonl_record_without_id_is_named_by_file_and_content(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    with gzip.open(path, "wt") as handle:
        handle.write(json.dumps({"text": "Ruritania protested.", "date": "2015-02-03"}) + "\n")
    (document,), _ = read_all(path)
    assert document.id == content_id("wire", "Ruritania protested.") == "wire:" + document.content_hash[:12]


def test_jsonl_unreadable_date_warns_and_falls_back(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Ruritania protested.", "date": "soon"}) + "\n")
    (document,), report = read_all(path, date=date(2001, 1, 1))
    assert document.date == date(2001, 1, 1)
    assert report.warnings == [f"{path}:1: unreadable date 'soon' ignored"]


def test_csv_rows_with_quoted_newlines_and_bad_rows(tmp_path):
    path = tmp_path / "wire.csv"
    path.write_text(
        "ID,Text,date,desk\n"
        'c1,"Ruritania protested.\n\nFreedonia said nothing.",2012-12-01,world\n'
        "c2,,2012-12-02,world\n"
        "c3,too,many,cells,here\n"
        "c4,Freedonia agreed.,,\n"
    )
    documents, report = read_all(path, date=date(2012, 12, 31))
    assert [d.id for d in documents] == ["c1", "c4"]
    assert documents[0].text == "Ruritania protested.\n\nFreedonia said nothing."
    assert documents[0].metadata == {"desk": "world"}
    assert documents[1].date == date(2012, 12, 31)
    assert reasons(report) == [f"{path}:5: empty text", f"{path}:6: 5 cells for 4 columns"]


def test_csv_without_text_column_is_skipped(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("id,body\n1,hello\n")
    documents, report = read_all(path)
    assert documents == []
    assert reasons(report) == [
        f"{path}: no 'text' column (name the text's field with --text-field or --preset); columns: id, body"
    ]


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "deep" / "z.txt").write_text("Freedonia agreed.")
    (tmp_path / "b" / "a.txt").write_text("Ruritania protested.")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "j", "text": "Ruritania agreed."}) + "\n")
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / ".hidden" / "x.txt").write_text("ignored")
    documents, report = read_all(tmp_path, date=date(2000, 1, 1))
    assert [d.id for d in documents] == ["j", "b/a", "b/deep/z"]
    assert report.documents == 3 and report.skipped == []


def test_stdin_jsonl_and_plain_text():
    stream = io.BytesIO(b"\n" + json.dumps({"id": "s1", "text": "Freedonia agreed."}).encode() + b"\n{oops\n")
    report = ReadReport()
    documents = list(read_stdin(stream, report))
    assert [d.id for d in documents] == ["s1"]
    assert reasons(report)[0].startswith("<stdin>:3: malformed JSON")

    report = ReadReport()
    (document,) = read_stdin(io.BytesIO(b"Source: Wire\n\n" + BODY.encode()), report)
    assert document.text == BODY and document.source == "Wire"
    assert document.id == content_id("stdin", "Source: Wire\n\n" + BODY)


def test_stdin_jsonl_with_a_malformed_first_line():
    lines = [
        b'{"id": "a1", "text": "Russia condemned Iran.", "date": "2002-03-10",}',
        b'{"id": "a2", "text": "India accused Pakistan of terrorism.", "date": "2002-03-10"}',
    ]
    report = ReadReport()
    documents = list(read_stdin(io.BytesIO(b"\n" + b"\n".join(lines) + b"\n"), report))
    assert [d.id for d in documents] == ["a2"]
    assert reasons(report)[0].startswith("<stdin>:2: malformed JSON")


def test_dash_reads_the_given_stdin():
    documents, _ = read_all("-", date=date(2000, 1, 1), stdin=io.BytesIO(BODY.encode()))
    assert [d.text for d in documents] == [BODY]


def test_binary_undecodable_and_empty_inputs(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    controls = tmp_path / "blob.jsonl"
    controls.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7]) * 100)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Ruritania's envoy visited Bogot\xe1 on Monday.".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    header_only = tmp_path / "header.txt"
    header_only.write_text("Source: Wire\nDate: 2001-01-01\n\n\n")
    documents, report = read_all(binary, controls, latin, empty, header_only, tmp_path / "missing.txt")
    assert [d.text for d in documents] == ["Ruritania's envoy visited Bogot\ufffd on Monday."]
    assert f"{latin}: invalid UTF-8 at byte 31; undecodable bytes replaced" in report.warnings
    assert reasons(report) == [
        f"{binary}: binary file (NUL bytes)",
        f"{controls}: binary file (700 control bytes in the first 700)",
        f"{empty}: empty text",
        f"{header_only}: empty text (only a `Key: value` header)",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
    ]


def test_unsupported_file_named_on_the_command_line_is_skipped(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    _, report = read_all(path)
    assert reasons(report)[0].startswith(f"{path}: unsupported file type '.pdf'")


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("This story is from March 10, 2002\n\nlucknow: police said", date(2002, 3, 10)),
        ("FREEDONIA CITY, 3 Feb. 2014 (Wire) - The ministry said", date(2014, 2, 3)),
        ("Posted 2019-11-05 by the desk", date(2019, 11, 5)),
        ("Freedonia said on May 22nd, 2000 that", date(2000, 5, 22)),
        ("The minister may visit on 22 May", None),  # no year: cannot be a publication date
        ("Last week the envoy left", None),
        ("On February 30, 2001 nothing happened", None),
    ],
)
def test_date_in_lead(lead, expected):
    assert date_in_lead(lead) == expected


def test_date_stated_deep_in_the_body_is_not_taken():
    assert date_in_lead("x " * 300 + "on March 10, 2002") is None


def test_date_precedence_record_then_option_then_text(tmp_path):
    path = tmp_path / "wire.jsonl"
    text = "This story is from March 10, 2002. Police said."
    path.write_text(
        json.dumps({"id": "r", "text": text, "date": "2002-03-11"})
        + "\n"
        + json.dumps({"id": "t", "text": text})
        + "\n"
    )
    documents, _ = read_all(path)
    assert [d.date for d in documents] == [date(2002, 3, 11), date(2002, 3, 10)]
    documents, _ = read_all(path, date=date(2002, 1, 1))
    assert [d.date for d in documents] == [date(2002, 3, 11), date(2002, 1, 1)]


def test_no_date_at_all_warns(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(BODY)
    (document,), report = read_all(path)
    assert document.date is None
    assert report.warnings == [f"{path}: no date known (give --date); events keep a null date"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2002-03-10", date(2002, 3, 10)),
        ("2002-03-10 08:15:00", date(2002, 3, 10)),
        ("March 10, 2002", date(2002, 3, 10)),
        ("10 March 2002", date(2002, 3, 10)),
        ("2002-13-10", None),
        ("yesterday", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_jsonl_streams_without_reading_the_whole_file(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": f"Text {i}."}) + "\n" for i in range(1000)))
    documents = read([Path(path)], date=date(2000, 1, 1))
    first = next(documents)
    assert first.id == "0"
    documents.close()


@given(st.text(alphabet=st.sampled_from("Ab: \n.-1"), max_size=60))
def test_split_header_body_is_a_suffix_of_the_text(text):
    metadata, body = split_header(text)
    assert text.endswith(body)
    if not metadata:
        assert body == text


def test_the_demo_report_reads_with_its_header():
    (document,), report = read_all(data_path("demo/seoul-tokyo-thaw.txt"))
    assert document.date == date(2023, 3, 10)
    assert document.title.startswith("Seoul and Tokyo")
    assert document.metadata["Issue"] == "48"
    assert document.text.startswith("Japanese Foreign Minister")
    assert report.warnings == []


def test_mojibake_is_repaired_and_clean_text_left_alone():
    from dyads.ingest.decode import repair_mojibake

    broken = "“we demand a ban,” he said".encode().decode("cp1252", errors="replace")
    assert "â€" in broken
    assert repair_mojibake(broken).startswith("“we demand a ban")
    clean = "Talks in Zürich – “cordial”, officials said."
    assert repair_mojibake(clean) == clean


def test_csv_with_a_lone_carriage_return_is_read_not_crashed(tmp_path):
    from dyads.ingest import ReadReport, read

    path = tmp_path / "old-mac.csv"
    path.write_bytes(b"id,text,date\r1,Russia condemned Japan.,2021-03-01\n")
    report = ReadReport()
    documents = list(read([path], report=report))
    assert [d.text for d in documents] == ["Russia condemned Japan."]


def test_a_stray_nul_byte_costs_only_its_jsonl_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Chile protested."}\n{"id": "b", "text": "bad\x00line"}\n'
        b'{"id": "c", "text": "Peru agreed."}\n'
    )
    report = ReadReport()
    assert [document.id for document in read([path], report=report)] == ["a", "c"]
    assert [skipped.origin.endswith("feed.jsonl:2") for skipped in report.skipped] == [True]
