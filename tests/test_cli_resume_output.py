"""`dyads code -o` beside `--db` or `--out-dir`: a resumed run adds to the -o of the runs before it, so
that -o ends with every event once, however often the run was interrupted and started again."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from dyads.cli import EXIT_INTERRUPTED, app
from dyads.exit_codes import EXIT_USAGE
from dyads.scale import ResumableRun

runner = CliRunner()

TEXTS = [
    "Russia condemned Japan.",
    "China criticized the United States.",
    "Egypt thanked Kenya for the aid.",
    "France accused Germany of spying.",
]
OTHER_TEXTS = ["India praised Nepal.", "Brazil threatened Chile."]


def write_wire(path, texts, prefix="d"):
    path.write_text("".join(json.dumps({"id": f"{prefix}{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    return path


@pytest.fixture
def wire(tmp_path):
    return write_wire(tmp_path / "wire.jsonl", TEXTS)


def code(*args: str):
    return runner.invoke(app, ["code", *args, "--date", "2002-03-01", "--batch-size", "1"])


def interrupt_after_one_batch(monkeypatch) -> None:
    """Ctrl-C arrives while the second batch is being committed: the first one is kept."""
    commit = ResumableRun._commit
    commits = []

    def commit_once_then_interrupt(run, batch):
        if commits:
            raise KeyboardInterrupt
        commits.append(batch)
        return commit(run, batch)

    monkeypatch.setattr(ResumableRun, "_commit", commit_once_then_interrupt)


def event_ids(path) -> Counter:
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as file:
            return Counter(row["event_id"] for row in csv.DictReader(file))
    return Counter(json.loads(line)["id"] for line in path.read_text().splitlines())


@pytest.mark.parametrize("store", ["--db", "--out-dir"])
@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_an_interrupted_run_started_again_ends_with_every_event_once(
    tmp_path, wire, monkeypatch, store, suffix
):
    uninterrupted = tmp_path / f"all{suffix}"
    assert code(str(wire), "-o", str(uninterrupted)).exit_code == 0
    expected = event_ids(uninterrupted)
    assert expected and all(count == 1 for count in expected.values())

    output, target = tmp_path / f"events{suffix}", tmp_path / "run"
    interrupt_after_one_batch(monkeypatch)
    first = code(str(wire), "-o", str(output), store, str(target))
    assert first.exit_code == EXIT_INTERRUPTED, first.output
    kept = event_ids(output)
    assert kept and kept != expected
    monkeypatch.undo()

    assert code(str(wire), "-o", str(output), store, str(target)).exit_code == 0
    assert event_ids(output) == expected
    again = code(str(wire), "-o", str(output), store, str(target))  # nothing left to code
    assert again.exit_code == 0, again.output
    assert event_ids(output) == expected
    if suffix == ".csv":
        assert output.read_text().count("event_id,") == 1, "one header"


def test_a_new_store_replaces_an_old_output(tmp_path, wire):
    output = tmp_path / "events.jsonl"
    output.write_text('{"event_id": "from an earlier, unrelated run"}\n')
    assert code(str(wire), "-o", str(output), "--db", str(tmp_path / "events.duckdb")).exit_code == 0
    assert "from an earlier, unrelated run" not in output.read_text()


def test_an_existing_parquet_output_of_a_resumed_run_is_refused_before_coding(tmp_path, wire):
    db = tmp_path / "events.duckdb"
    output = tmp_path / "events.parquet"
    assert code(str(wire), "-o", str(output), "--db", str(db)).exit_code == 0
    before = output.read_bytes()
    result = code(str(wire), "-o", str(output), "--db", str(db))
    assert result.exit_code == EXIT_USAGE
    assert "use --out-dir or a new file" in " ".join(result.output.split())
    assert output.read_bytes() == before


def test_resuming_says_what_the_store_holds_and_how_many_inputs_it_skipped(tmp_path, wire):
    db = tmp_path / "events.duckdb"
    assert code(str(wire), "--db", str(db)).exit_code == 0
    others = code(str(write_wire(tmp_path / "other.jsonl", OTHER_TEXTS, prefix="o")), "--db", str(db))
    assert f"resuming: the store holds {len(TEXTS)} documents;" in others.stderr
    assert "  skipped as already stored: 0" in others.stderr.splitlines()
    again = code(str(wire), "--db", str(db))
    assert f"  skipped as already stored: {len(TEXTS)}" in again.stderr.splitlines()
