"""Hostile input: nothing crashes, nothing hangs, and the rest of the run is coded.

Random bytes, invalid UTF-8, NUL bytes, a 50 MB document, a 1,000,000-character line, deeply nested and
broken HTML, control and bidirectional characters, empty and whitespace-only records, JSONL with wrong
types; property-based tests (hypothesis) over the readers and the coder.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.coder import CodedDocument, Coder
from dyads.events.inferred_actors import UNIDENTIFIED_NAME
from dyads.export.store import Store
from dyads.ingest import ReadReport, read
from dyads.ingest.limits import MAX_HTML_BYTES, DocumentLimits, clean_text, pieces
from dyads.model import Document
from dyads.scale import ParquetDataset, ResumableRun
from test_resume_corpus import synthetic_reports

GOOD_REPORT = "Russia condemned China for the missile test on Monday."
STAND_IN_NAMES = {"authorities", "protesters", UNIDENTIFIED_NAME}  # events/inferred_actors.py
SMALL_PIECES = DocumentLimits(piece_chars=3_000, max_chars=300_000, max_seconds=60)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(limits=SMALL_PIECES)


def assert_offsets_point_into(text: str, coded: CodedDocument) -> None:
    text = clean_text(text)
    for event in coded.events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert text[event.sentence_start : event.sentence_end] == event.sentence
        if event.source.text in STAND_IN_NAMES:  # a stand-in keeps the span it is read from ("the arrest")
            assert event.sentence_start <= event.source.start < event.source.end <= event.sentence_end
        else:
            assert text[event.source.start : event.source.end] == event.source.text
        assert 0 <= event.sentence_index < coded.sentences
    assert len({event.id for event in coded.events}) == len(coded.events)


# limits ---------------------------------------------------------------------------------------------


def test_clean_text_replaces_invisible_characters_one_for_one():
    text = "Russia\x00 con\u202edemned\u2066 China\ufeff.\x07\ud800 Tab\tand\nline stay."
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert cleaned == "Russia  con demned  China . \ufffd Tab\tand\nline stay."
    assert clean_text(GOOD_REPORT) is GOOD_REPORT or clean_text(GOOD_REPORT) == GOOD_REPORT


def test_pieces_cover_the_text_and_cut_at_paragraphs_then_sentences_then_anywhere():
    paragraphs = "\n\n".join(["First paragraph. " * 20, "Second one. " * 50, "x" * 900])
    cut = list(pieces(paragraphs, 500))
    assert "".join(piece for _, piece in cut) == paragraphs
    assert all(len(piece) <= 500 for _, piece in cut)
    assert [offset for offset, _ in cut] == [sum(len(p) for _, p in cut[:i]) for i in range(len(cut))]
    assert cut[0][1].endswith("First paragraph. \n\n")  # a paragraph break, not the last full stop
    assert cut[1][1].endswith("one. ")  # no paragraph or line break in reach: a sentence end
    assert ("x" * 500) in [piece for _, piece in cut]  # no break at all: cut anywhere
    assert list(pieces("", 10)) == [(0, "")]


# the coder ------------------------------------------------------------------------------------------


def test_long_document_is_coded_in_pieces_with_offsets_into_the_whole(coder):
    paragraphs = [document.text for document in synthetic_reports(80, seed=21)]
    text = "\n\n".join(paragraphs)
    assert len(text) > 5 * SMALL_PIECES.piece_chars  # about 18,000 characters
    coded = coder.code_document(Document("long", text))
    assert coded.error is None
    assert coded.events
    assert_offsets_point_into(text, coded)
    piece_by_piece = [coder.code_document(Document("long", piece)) for _, piece in pieces(text, 3_000)]
    assert len(coded.events) == sum(len(part.events) for part in piece_by_piece)
    assert coded.sentences == sum(part.sentences for part in piece_by_piece)


def test_oversized_document_is_skipped_and_the_run_goes_on(coder):
    huge = Document("huge", "The minister spoke. " * 2_500_000)  # 50 MB
    started = time.perf_counter()
    coded = list(coder.pipe([Document("before", GOOD_REPORT), huge, Document("after", GOOD_REPORT)]))
    assert time.perf_counter() - started < 30
    assert [c.document.id for c in coded] == ["before", "huge", "after"]
    assert "more than" in coded[1].error and not coded[1].events
    assert coded[0].error is None and coded[2].error is None
    assert coded[2].events


def test_document_over_the_time_limit_is_abandoned_and_the_run_goes_on():
    impatient = Coder(limits=DocumentLimits(piece_chars=20_000, max_seconds=1.0))
    line = ("The minister met the ambassador of Brazil and they discussed trade. " * 15_000)[:1_000_000]
    started = time.perf_counter()
    coded = list(impatient.pipe([Document("line", line), Document("after", GOOD_REPORT)]))
    assert time.perf_counter() - started < 20  # one 20,000-character piece past the limit at most
    assert "time limit" in coded[0].error
    assert coded[1].error is None and coded[1].events


def test_a_million_characters_without_a_space_are_coded():
    coded = Coder().code_document(Document("word", "a" * 1_000_000))
    assert coded.error is None and coded.events == []


# the readers, then the coder, then the outputs --------------------------------------------------------


def write_hostile_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "random.txt").write_bytes(os.urandom(20_000))
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * 50_000 + f"<p>{GOOD_REPORT}</p>" + "</div>" * 50_000 + "</body></html>"
    )
    (folder / "broken.html").write_text(
        f"<html><body><p>{GOOD_REPORT}<b>Brazil <i>on Monday.<p><table><tr><td>x <a href='y</div></span>"
        + "<<>>&&&;" * 50
    )
    (folder / "huge.html").write_text("<p>The minister spoke.</p>\n" * (MAX_HTML_BYTES // 20))
    (folder / "bidi.txt").write_text(f"\u202e{GOOD_REPORT}\u202c \u2066Brazil\u2069 \x1b[31m\x07 red\n")
    (folder / "whitespace.txt").write_text(" \n\t\n  ")
    records = [
        {"id": 1, "text": 5},
        {"id": [1], "text": "x"},
        {"id": "none", "text": None},
        {"id": "blank", "text": "   \n\t "},
        {"id": "empty", "text": ""},
        {"id": "date-number", "text": GOOD_REPORT, "date": 20020304},
        {"id": "nul", "text": "Russia\u0000 condemned \u202eChina\u202c.\u0000", "date": "2002-03-04"},
        {"id": "surrogate", "text": f"{GOOD_REPORT} \ud800\udfff\udc80", "title": "\ud83d"},
        {"id": "line", "text": "word " * 200_000},
        [1, 2],
        "a string",
        None,
    ]
    with open(folder / "records.jsonl", "wb") as handle:
        handle.writelines(json.dumps(record).encode() + b"\n" for record in records)
        handle.write(b'{"id": "bad-utf8", "text": "Russia \xff\xfe condemned China."}\n')
        handle.write(b'{"id": "cut", "text": "Russ\n')
        # texts of their own: the store keeps one id per text (a repeated text is not stored again)
        handle.write(json.dumps({"id": "last", "text": f"{GOOD_REPORT} The last line."}).encode() + b"\n")
    (folder / "rows.csv").write_text(
        f'id,text,date\nc1,"{GOOD_REPORT} A CSV row.",2002-03-04\nc2\nc3,,\n"c4","unclosed\n'
    )


def test_hostile_inputs_are_read_or_skipped_coded_and_stored(tmp_path, coder):
    write_hostile_inputs(tmp_path / "in")
    report = ReadReport()
    started = time.perf_counter()
    with Store(tmp_path / "events.duckdb") as store, ParquetDataset(tmp_path / "out") as dataset:
        run = ResumableRun([store, dataset], coder, batch_size=4)
        coded = {c.document.id: c for c in run.code(read([tmp_path / "in"], report=report))}
        stored = {doc_id for doc_id, _ in store.done()}
        assert stored == {doc_id for doc_id, _ in dataset.done()}
    assert time.perf_counter() - started < 120
    skipped = {Path(item.origin.split(":")[0]).name for item in report.skipped}
    assert {"random.txt", "huge.html", "records.jsonl", "rows.csv", "whitespace.txt"} <= skipped
    assert {"bidi", "broken", "nul", "surrogate", "line", "bad-utf8", "last", "c1"} <= set(coded)
    assert coded["last"].events and coded["nul"].events and coded["bidi"].events
    assert "\ufffd" in coded["surrogate"].document.title
    for document_id, result in coded.items():
        assert_offsets_point_into(result.document.text, result)
        assert (document_id in stored) == (result.error is None)


# property-based: any text, any bytes ----------------------------------------------------------------

FRAGMENTS = [
    GOOD_REPORT,
    "The French president visited Germany on Tuesday.",
    "\x00",
    "\x07",
    "\x1b[2J",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2069",
    "\u200f",
    "\ufeff",
    "\ufffe",
    "\ud800",
    "\udfff",
    "\x85",
    "\u2028",
    "\r\n",
    "\n\n",
    "\t",
    " ",
    "  ",
    ".",
    "?!",
    "<div>",
    "</p>",
    "<",
    "&amp;",
    "é",
    "ﬁ",
    "🙂",
    "𝕏",
    "ع",
    "中",
    "\u0301",
]
hostile_text = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=80).map("".join),
    st.binary(max_size=400).map(lambda data: data.decode("utf-8", errors="surrogateescape")),
    st.tuples(
        st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join), st.integers(1, 400)
    ).map(lambda repeated: repeated[0] * repeated[1]),
)
PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY_SETTINGS
@given(text=hostile_text)
def test_coder_codes_any_text(coder, text):
    (coded,) = coder.pipe([Document("any", text)])
    assert coded.error is None
    assert_offsets_point_into(text, coded)


json_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    hostile_text,
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)
json_record = st.fixed_dictionaries(
    {},
    optional={
        "id": json_value,
        "text": st.one_of(hostile_text, json_value),
        "date": json_value,
        "title": json_value,
    },
)
jsonl_line = st.one_of(
    json_record.map(lambda record: json.dumps(record).encode()),
    st.binary(max_size=60).filter(lambda data: b"\n" not in data),
    json_value.map(lambda value: json.dumps(value).encode()),
)
input_file = st.one_of(
    st.tuples(st.just(".jsonl"), st.lists(jsonl_line, max_size=8).map(b"\n".join)),
    st.tuples(st.sampled_from([".txt", ".html", ".csv", ".jsonl"]), st.binary(max_size=600)),
    st.tuples(
        st.sampled_from([".txt", ".html"]),
        hostile_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    ),
    st.tuples(
        st.just(".csv"),
        st.lists(st.lists(hostile_text, max_size=4), max_size=5).map(
            lambda rows: (
                b"id,text,date\n" + b"\n".join(",".join(row).encode("utf-8", "replace") for row in rows)
            )
        ),
    ),
)


@PROPERTY_SETTINGS
@given(files=st.lists(input_file, min_size=1, max_size=3))
def test_readers_then_coder_take_any_bytes(tmp_path_factory, coder, files):
    folder = tmp_path_factory.mktemp("any")
    for number, (suffix, content) in enumerate(files):
        (folder / f"input{number}{suffix}").write_bytes(content)
    report = ReadReport()
    documents = list(read([folder], report=report))
    for document in documents:
        assert isinstance(document.text, str) and document.text.strip()
    coded = list(coder.pipe(documents))
    assert len(coded) == len(documents)
    for result in coded:
        assert result.error is None
        assert_offsets_point_into(result.document.text, result)
