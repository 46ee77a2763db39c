"""Document ids are unique within a run and stable across runs; the store never loses a document silently.

Each data-loss case of issue 13, reproduced with the real reader, coder and store.
"""

from __future__ import annotations

import io
import json
import tempfile
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dyads.cli import app
from dyads.coder import CodedDocument
from dyads.export.store import Store
from dyads.ingest import ReadReport, read
from dyads.ingest.identity import content_id
from dyads.model import Document
from dyads.scale import ParquetDataset
from dyads.scale.run import ResumableRun

runner = CliRunner()

FIRST = "Russia condemned Japan over the fishing dispute.\n"
SECOND = "China criticized the United States over tariffs.\n"
TEXTS = [FIRST, SECOND, "Egypt thanked Kenya for the aid.\n"]


@pytest.fixture
def collection(tmp_path):
    """coll/a/report.txt and coll/b/report.txt: two reports with one file name."""
    for folder, text in (("a", FIRST), ("b", SECOND)):
        (tmp_path / "coll" / folder).mkdir(parents=True)
        (tmp_path / "coll" / folder / "report.txt").write_text(text)
    return tmp_path / "coll"


def ids_of(*inputs, stdin: bytes | None = None) -> tuple[list[str], ReadReport]:
    report = ReadReport()
    stream = io.BytesIO(stdin) if stdin is not None else None
    documents = read(list(inputs), date=date(2002, 3, 1), report=report, stdin=stream)
    return [document.id for document in documents], report


def stored_texts(db) -> dict[str, str]:
    with Store(db, read_only=True) as store:
        return {document.id: store.document(document.id).text for document in store.documents(limit=100)}


def code(*args: str, stdin: str | None = None):
    return runner.invoke(app, ["code", *args, "--date", "2002-03-01"], input=stdin)


# ids --------------------------------------------------------------------------------------------------


def test_files_are_named_by_their_path_under_the_inputs_common_folder(collection):
    assert ids_of(collection / "a" / "report.txt", collection / "b" / "report.txt")[0] == ["a/report", "b/report"]
    assert ids_of(collection / "a", collection / "b")[0] == ["a/report", "b/report"]
    assert ids_of(collection)[0] == ["a/report", "b/report"]
    assert ids_of(collection / "b" / "report.txt")[0] == ["report"], "a single file keeps a short id"


def test_stdin_texts_are_named_by_their_content():
    (first,), _ = ids_of("-", stdin=FIRST.encode())
    (second,), _ = ids_of("-", stdin=SECOND.encode())
    assert first != second
    assert first == content_id("stdin", FIRST) and ids_of("-", stdin=FIRST.encode())[0] == [first]


def test_records_without_an_id_are_named_by_their_content(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps({"text": text}) + "\n" for text in (FIRST, SECOND)))
    ids, _ = ids_of(path)
    assert ids == [content_id("wire", FIRST), content_id("wire", SECOND)]
    path.write_text(json.dumps({"text": "Inserted first."}) + "\n" + path.read_text())
    assert ids_of(path)[0][1:] == ids, "ids do not depend on line numbers"


def test_a_repeated_id_is_renamed_and_an_exact_repeat_skipped_with_warnings(tmp_path):
    path = tmp_path / "wire.jsonl"
    records = [("x", FIRST), ("y", SECOND), ("x", SECOND), ("x", FIRST), ("x~2", "Egypt thanked Kenya.")]
    path.write_text("".join(json.dumps({"id": doc_id, "text": text}) + "\n" for doc_id, text in records))
    ids, report = ids_of(path)
    assert ids == ["x", "y", "x~2", "x~2~2"]
    assert report.repeated_ids == 3 and report.documents == 4
    assert report.warnings == [
        f"{path}:3: id 'x' already used by another text; renamed 'x~2'",
        f"{path}:4: repeats document 'x' (same id and text); skipped",
        f"{path}:5: id 'x~2' already used by another text; renamed 'x~2~2'",
    ]


# the store --------------------------------------------------------------------------------------------


def test_two_reports_of_one_name_in_one_run_are_both_stored(collection, tmp_path):
    db = tmp_path / "c.duckdb"
    result = code(str(collection / "a" / "report.txt"), str(collection / "b" / "report.txt"), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert stored_texts(db) == {"a/report": FIRST, "b/report": SECOND}


def test_a_second_run_that_replaces_a_stored_document_says_so(collection, tmp_path):
    db = tmp_path / "c.duckdb"
    assert code(str(collection / "a" / "report.txt"), "--db", str(db)).exit_code == 0
    second = code(str(collection / "b" / "report.txt"), "--db", str(db))
    assert second.exit_code == 0, second.output
    summary = " ".join(second.stderr.split())
    assert "will be skipped" not in summary
    assert "replaced: 1" in summary
    assert f"{collection / 'b' / 'report.txt'}: replaced the stored document 'report'" in summary
    assert stored_texts(db) == {"report": SECOND}


def test_a_file_coded_again_under_another_id_is_not_stored_twice(collection, tmp_path):
    db = tmp_path / "c.duckdb"
    assert code(str(collection), "--db", str(db)).exit_code == 0
    again = code(str(collection / "a" / "report.txt"), "--db", str(db))
    assert again.exit_code == 0, again.output
    summary = " ".join(again.stderr.split())
    assert "stored under another id: 1" in summary
    assert f"{collection / 'a' / 'report.txt'}: the same text is stored as 'a/report'; skipped" in summary
    assert "documents: 0 " in summary  # skipped before it was coded
    assert stored_texts(db) == {"a/report": FIRST, "b/report": SECOND}


class RecordingEngine:
    """Codes every document into no events, and keeps the ids it was given."""

    def __init__(self):
        self.coded: list[str] = []

    def code(self, coder, documents):
        for document in documents:
            self.coded.append(document.id)
            yield CodedDocument(document, [])


def test_a_text_stored_under_another_id_is_skipped_before_coding_unless_another_output_needs_it(tmp_path):
    with Store(tmp_path / "c.duckdb") as store, ParquetDataset(tmp_path / "dataset") as dataset:
        store.add([CodedDocument(Document(id="a", text=FIRST), [])])
        engine = RecordingEngine()
        run = ResumableRun([store], None, engine)
        list(run.code([Document(id="copy", text=FIRST), Document(id="new", text=SECOND)]))
        assert engine.coded == ["new"]
        assert run.duplicates == [("copy", None, "a")]
        assert {doc_id for doc_id, _ in store.done()} == {"a", "new"}

        engine = RecordingEngine()
        both = ResumableRun([store, dataset], None, engine)
        list(both.code([Document(id="copy", text=FIRST)]))
        assert engine.coded == ["copy"]  # the dataset stores every id
        assert both.duplicates == [("copy", None, "a")]  # as the store said


def test_store_add_skips_a_text_stored_under_another_id(tmp_path):
    def coded(doc_id: str, text: str) -> CodedDocument:
        return CodedDocument(Document(id=doc_id, text=text), [])

    with Store(tmp_path / "c.duckdb") as store:
        first = store.add([coded("a", FIRST), coded("b", FIRST), coded("c", SECOND)])
        assert (first.added, first.skipped, first.duplicate_ids) == (2, 1, {"b": "a"})
        again = store.add([coded("d", FIRST), coded("a", FIRST), coded("c", FIRST)])
        assert (again.added, again.skipped, again.replaced_ids) == (0, 3, [])
        assert again.duplicate_ids == {"d": "a", "c": "a"}
        assert store.document("c").text == SECOND


def test_a_changed_document_in_the_dataset_is_reported_and_its_latest_part_wins(collection, tmp_path):
    out = tmp_path / "dataset"
    assert code(str(collection / "a" / "report.txt"), "--out-dir", str(out)).exit_code == 0
    second = code(str(collection / "b" / "report.txt"), "--out-dir", str(out))
    assert second.exit_code == 0, second.output
    summary = " ".join(second.stderr.split())
    assert "replaced: 1" in summary
    assert f"{collection / 'b' / 'report.txt'}: replaced the stored document 'report'" in summary
    parts = sorted((out / "documents").glob("part-*.parquet"))
    versions = [pq.read_table(part).column("content_hash").to_pylist() for part in parts]
    assert versions == [[Document("report", FIRST).content_hash], [Document("report", SECOND).content_hash]]


def test_dataset_add_names_every_replaced_document(tmp_path):
    def coded(text: str) -> CodedDocument:
        return CodedDocument(Document(id="x", text=text), [])

    with ParquetDataset(tmp_path) as dataset:
        within_batch = dataset.add([coded(FIRST), coded(SECOND), coded(SECOND)])
        assert (within_batch.added, within_batch.skipped, within_batch.replaced_ids) == (1, 1, ["x"])
    with ParquetDataset(tmp_path) as reopened:
        assert reopened.add([coded(SECOND)]).skipped == 1
        assert reopened.add([coded(FIRST)]).replaced_ids == ["x"]


def test_two_stdin_texts_into_one_store_are_both_kept(tmp_path):
    db = tmp_path / "c.duckdb"
    for text in (FIRST, SECOND):
        assert code("-", "--db", str(db), stdin=text).exit_code == 0
    assert sorted(stored_texts(db).values()) == sorted([FIRST, SECOND])


def test_a_jsonl_with_a_repeated_id_stores_every_document_and_counts_it(tmp_path):
    path = tmp_path / "wire.jsonl"
    texts = [FIRST, SECOND, "Egypt thanked Kenya for the aid.", "India accused Pakistan of shelling."]
    path.write_text("".join(json.dumps({"id": doc_id, "text": text}) + "\n" for doc_id, text in zip("abcb", texts)))
    db = tmp_path / "c.duckdb"
    result = code(str(path), "--db", str(db))
    assert result.exit_code == 0, result.output
    summary = " ".join(result.stderr.split())
    assert "documents: 4" in summary and "repeated ids: 1" in summary
    assert f"{path}:4: id 'b' already used by another text; renamed 'b~2'" in summary
    assert stored_texts(db) == dict(zip(["a", "b", "c", "b~2"], texts))


def test_store_add_names_every_replaced_document(tmp_path):
    def coded(text: str) -> CodedDocument:
        return CodedDocument(Document(id="x", text=text), [])

    with Store(tmp_path / "c.duckdb") as store:
        within_batch = store.add([coded(FIRST), coded(SECOND), coded(SECOND)])
        assert (within_batch.added, within_batch.skipped, within_batch.replaced_ids) == (1, 1, ["x"])
        assert store.document("x").text == SECOND
        assert store.add([coded(FIRST)]).replaced_ids == ["x"]



@settings(max_examples=40, deadline=None)
@given(
    files=st.lists(
        st.tuples(st.sampled_from(["a", "b", "a/c", "."]), st.sampled_from(["report.txt", "report.jsonl"])),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    records=st.lists(st.tuples(st.sampled_from(["x", "y", None]), st.sampled_from(TEXTS)), max_size=6),
)
def test_every_distinct_document_of_a_run_is_read_once_under_its_own_id(files, records):
    with tempfile.TemporaryDirectory() as scratch:
        inputs = []
        for number, (folder, name) in enumerate(files):
            path = Path(scratch) / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(".jsonl"):
                path.write_text("".join(json.dumps({"id": doc_id, "text": text}) + "\n" for doc_id, text in records))
            else:
                path.write_text(TEXTS[number % len(TEXTS)])
            inputs.append(path)
        documents = list(read(inputs, date=date(2002, 3, 1)))
        again = [document.id for document in read(inputs, date=date(2002, 3, 1))]
    ids = [document.id for document in documents]
    assert len(set(ids)) == len(ids)
    assert again == ids, "stable across runs"
    jsonl_files = sum(1 for _, name in files if name.endswith(".jsonl"))
    named = {(doc_id, text) for doc_id, text in records if doc_id is not None}
    unnamed = {text for doc_id, text in records if doc_id is None}
    # a named record met again is the same document; an unnamed one is named after its file and text
    expected = len(files) - jsonl_files + (len(named) if jsonl_files else 0) + jsonl_files * len(unnamed)
    assert len(documents) == expected
