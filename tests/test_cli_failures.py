"""`dyads code` when an output fails: disk full, unwritable paths, a locked or failing store.

One clear line on stderr and no traceback, exit status 3 (not the usage error 2), every batch already
committed kept, and the summary still printed. A full disk is /dev/full (every write fails with ENOSPC).
"""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest
from typer.testing import CliRunner

import dyads.scale.dataset
from dyads.cli import EXIT_OUTPUT_FAILED, app
from dyads.export.store import Store
from dyads.scale import ParquetDataset

runner = CliRunner()

FULL_DISK = "/dev/full"
TEXTS = ["Russia condemned Japan.", "China criticized the United States.", "Egypt thanked Kenya for the aid."]

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="needs Linux's /dev/full")


@pytest.fixture
def wire(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": text}) + "\n" for i, text in enumerate(TEXTS)))
    return path


def code(*args: str):
    return runner.invoke(app, ["code", *args, "--date", "2002-03-01"])


def assert_fails_cleanly(result, message: str) -> list[str]:
    """Exit 3, one error line holding `message`, no traceback; the lines of stderr."""
    assert result.exit_code == EXIT_OUTPUT_FAILED, result.output
    assert isinstance(result.exception, SystemExit), "no exception escapes"
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    (error,) = [line for line in lines if line.startswith("error ")]
    assert message in error
    assert "dyads code (stopped)" in lines, "the summary is printed however the run stops"
    return lines


def test_a_full_disk_stops_the_run_with_a_message_and_the_summary(tmp_path, wire):
    output = tmp_path / "events.jsonl"
    output.symlink_to(FULL_DISK)
    lines = assert_fails_cleanly(code(str(wire), "-o", str(output)), "No space left on device")
    assert "dyads code (stopped)" in lines
    assert any(line.startswith("  documents: ") for line in lines)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_file_that_writes_its_header_on_a_full_disk_fails_before_coding(tmp_path, wire, suffix):
    output = tmp_path / f"events{suffix}"
    output.symlink_to(FULL_DISK)
    assert_fails_cleanly(code(str(wire), "-o", str(output)), "No space left on device")


def test_an_unwritable_output_path_is_not_a_usage_error(tmp_path, wire):
    (tmp_path / "file").write_text("not a folder")
    for option, path in (("-o", "file/events.jsonl"), ("--db", "file/events.duckdb"), ("--out-dir", "file/out")):
        result = code(str(wire), option, str(tmp_path / path))
        assert_fails_cleanly(result, f"{tmp_path / path}")


def test_a_store_that_cannot_be_opened_still_prints_the_summary(tmp_path, wire):
    for option, path in (("--db", FULL_DISK), ("--out-dir", str(tmp_path / "wire.jsonl" / "out"))):
        lines = assert_fails_cleanly(code(str(wire), option, path), f"cannot open {path}")
        assert "  documents: 0" in lines


def test_a_store_locked_by_another_process_is_not_a_usage_error(tmp_path, wire):
    db = tmp_path / "events.duckdb"
    kept = tmp_path / "kept.jsonl"
    kept.write_text('{"id": "an event of an earlier run"}\n')
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb; c = duckdb.connect({str(db)!r}); print('held', flush=True); input()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert_fails_cleanly(code(str(wire), "--db", str(db), "-o", str(kept)), "lock")
        assert kept.read_text() == '{"id": "an event of an earlier run"}\n', "-o is opened after the store"
    finally:
        holder.communicate("\n", timeout=30)


class FailingCommits:
    """A DuckDB cursor whose commits fail after `good` of them, as on a full disk: the failed commit
    ends the transaction, so a rollback after it raises "no transaction is active"."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, good: int):
        self._cursor, self._good = cursor, good

    def __getattr__(self, name: str):
        return getattr(self._cursor, name)

    def commit(self) -> None:
        if FailingCommits.commits >= self._good:
            self._cursor.rollback()
            raise duckdb.IOException("could not write the WAL: No space left on device")
        FailingCommits.commits += 1
        self._cursor.commit()


@pytest.fixture
def commits_fail_after_one(monkeypatch):
    FailingCommits.commits = 0
    cursor = Store._cursor
    monkeypatch.setattr(Store, "_cursor", lambda store: FailingCommits(cursor(store), good=1))


def test_a_failed_commit_raises_its_own_error_not_the_rollbacks(tmp_path, commits_fail_after_one):
    from dyads.coder import CodedDocument
    from dyads.model import Document

    with Store(tmp_path / "events.duckdb") as store:
        store.add([CodedDocument(Document(id="a", text="A."), [])])
        with pytest.raises(duckdb.IOException, match="No space left on device"):
            store.add([CodedDocument(Document(id="b", text="B."), [])])
        assert [document.id for document in store.documents()] == ["a"]


def test_a_store_failing_mid_run_keeps_the_committed_batches(tmp_path, wire, commits_fail_after_one):
    db = tmp_path / "events.duckdb"
    result = code(str(wire), "--db", str(db), "--batch-size", "1")
    lines = assert_fails_cleanly(result, f"cannot write {db}: could not write the WAL: No space left on device")
    assert "cannot rollback" not in result.stderr
    assert "  documents: 1" in lines, "the summary counts what was committed"
    with Store(db, read_only=True) as store:
        assert [document.id for document in store.documents()] == ["d0"]


def test_the_summary_counts_what_the_store_committed_when_the_output_fails(tmp_path, wire):
    db = tmp_path / "events.duckdb"
    output = tmp_path / "events.jsonl"
    output.symlink_to(FULL_DISK)
    result = code(str(wire), "--db", str(db), "-o", str(output), "--batch-size", "2")
    lines = assert_fails_cleanly(result, "No space left on device")
    assert "  documents: 2" in lines
    assert "  documents written to the output: 0" in lines
    with Store(db, read_only=True) as store:
        assert [document.id for document in store.documents()] == ["d0", "d1"]


def test_a_dataset_failing_mid_run_keeps_the_committed_batches(tmp_path, wire, monkeypatch):
    write_synced = dyads.scale.dataset._write_synced
    written = []

    def fill_the_disk_after_one_part(table, path):
        if len(written) >= 2:  # one part is an events file and a documents file
            raise OSError(28, "No space left on device")
        written.append(path)
        write_synced(table, path)

    monkeypatch.setattr(dyads.scale.dataset, "_write_synced", fill_the_disk_after_one_part)
    out = tmp_path / "out"
    result = code(str(wire), "--out-dir", str(out), "--batch-size", "1")
    assert_fails_cleanly(result, f"cannot write {out}: No space left on device")
    monkeypatch.undo()
    with ParquetDataset(out) as dataset:
        assert {doc_id for doc_id, _ in dataset.done()} == {"d0"}


def test_help_documents_the_output_failure_status():
    result = runner.invoke(app, ["code", "--help"])
    assert "3 when an output or the store could not be written" in " ".join(result.output.split())


def test_a_store_deleted_mid_run_stops_the_run(tmp_path, wire, monkeypatch):
    db = tmp_path / "events.duckdb"
    add = Store.add

    def add_then_delete_the_store(store, coded_documents):
        result = add(store, coded_documents)
        db.unlink()
        return result

    monkeypatch.setattr(Store, "add", add_then_delete_the_store)
    result = code(str(wire), "--db", str(db), "--batch-size", "1")
    lines = assert_fails_cleanly(result, f"cannot write {db}: the store was deleted or moved while this run")
    assert "  documents: 1" in lines
