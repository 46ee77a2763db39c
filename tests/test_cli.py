"""`dyads code` and `dyads demo` through Typer's test runner, with the real Coder."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.coder import DEFAULT_MIN_CONFIDENCE
from dyads.model import FLAT_COLUMNS, Event

runner = CliRunner()

REPORT = (
    "Publication: Test Wire Volume: 2\n"
    "Date: 2021-03-15\n\n"
    "Russia condemned Japan on Monday over the fishing dispute.\n\n"
    "The Japanese foreign minister visited Beijing on Tuesday.\n"
)


def code(*args: str, stdin: str | None = None):
    return runner.invoke(app, ["code", *args], input=stdin)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / ("a-folder-with-a-long-name-" * 6) / "corpus"  # longer than any terminal line
    (folder / "wire").mkdir(parents=True)
    (folder / "report.txt").write_text(REPORT)
    (folder / "wire" / "items.jsonl").write_text(
        json.dumps({"id": "w1", "text": "China criticized the United States.", "date": "2021-03-16"})
        + "\n{broken\n"
        + json.dumps({"id": "w3", "text": ["not", "a", "string"]})
        + "\n"
    )
    (folder / "wire" / "scan.txt").write_bytes(b"\x00\x01binary\x00")
    return folder


def test_usage_errors_exit_2(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(REPORT)
    assert code(str(path), "--date", "15/03/2021").exit_code == 2
    assert code(str(path), "-o", str(tmp_path / "events.xlsx")).exit_code == 2
    assert code(str(path), "--workers", "0").exit_code == 2
    missing = code(str(tmp_path / "missing.txt"))
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
    assert runner.invoke(app, ["code"]).exit_code == 2


def test_help_documents_the_exit_status():
    result = runner.invoke(app, ["code", "--help"])
    assert result.exit_code == 0
    assert "1 when any file, record or document was skipped" in " ".join(result.output.split())


def test_clean_input_exits_0_and_writes_events_as_jsonl(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT)
    output = tmp_path / "events.jsonl"
    result = code(str(path), "-o", str(output))
    assert result.exit_code == 0, result.output
    events = [Event.from_dict(json.loads(line)) for line in output.read_text().splitlines()]
    assert events, "the report states events"
    body = REPORT.split("\n\n", 1)[1]
    for event in events:
        assert event.doc_id == "report" and event.doc_date == "2021-03-15"
        assert body[event.trigger.start : event.trigger.end] == event.trigger.text
    assert "documents" in result.stderr and "events" in result.stderr


def test_a_missing_model_is_a_usage_error_on_one_line():
    model = "en_core_web_" + "missing" * 12  # longer than any terminal line
    result = code("-", "--model", model, stdin="Kenya praised Tanzania.")
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error spaCy model '{model}' is not installed"), lines


def test_skipped_inputs_exit_1_and_are_listed_with_file_and_line(corpus, tmp_path):
    output = tmp_path / "events.csv"
    result = code(str(corpus), "-o", str(output))
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    items, scan = corpus / "wire" / "items.jsonl", corpus / "wire" / "scan.txt"
    assert any(line.startswith(f"skipped {items}:2: malformed JSON (") for line in lines), lines
    assert f"skipped {items}:3: field 'text' must be a string, not list" in lines
    assert any(line.startswith(f"skipped {scan}: binary file") for line in lines)
    assert "  skipped: 3" in lines
    with open(output, newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == FLAT_COLUMNS
    assert {row["doc_id"] for row in rows} == {"report", "w1"}


def test_stdin_and_parquet_output(tmp_path):
    output = tmp_path / "events.parquet"
    lines = json.dumps({"id": "s1", "text": "Russia condemned Japan.", "date": "2021-03-15"}) + "\n"
    result = code("-", "-o", str(output), stdin=lines)
    assert result.exit_code == 0, result.output
    table = pq.read_table(output)
    assert table.column_names == FLAT_COLUMNS
    assert set(table.column("doc_id").to_pylist()) == {"s1"}


def test_stdout_is_jsonl_and_the_summary_goes_to_stderr(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT)
    result = code(str(path))
    assert result.exit_code == 0
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all(event["doc_id"] == "report" for event in events)
    assert "documents" in result.stderr


def test_date_option_reaches_documents_without_one(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Russia condemned Japan over the fishing dispute.\n")
    result = code(str(path), "--date", "2020-02-02")
    assert result.exit_code == 0
    assert {json.loads(line)["doc_date"] for line in result.stdout.splitlines()} == {"2020-02-02"}
    undated = code(str(path))
    assert "no date known" in " ".join(undated.stderr.split())


@pytest.mark.slow
def test_workers_give_the_same_events_as_one_process(corpus):
    one = code(str(corpus))
    two = code(str(corpus), "--workers", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout


def test_demo_prints_a_table_of_events():
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "Seoul and Tokyo" in result.stdout
    assert "events in" in result.stdout


def test_demo_json_prints_events():
    result = runner.invoke(app, ["demo", "--json", "--min-confidence", "0"])
    assert result.exit_code == 0
    events = [Event.from_dict(json.loads(line)) for line in result.stdout.splitlines()]
    assert len(events) >= 8
    assert {event.doc_date for event in events} == {"2023-03-10"}
    assert {"actual", "negated", "future"} <= {event.modality for event in events}


def test_demo_leaves_out_unlikely_events_by_default_and_says_so():
    every = runner.invoke(app, ["demo", "--json", "--min-confidence", "0"]).stdout.splitlines()
    shown = runner.invoke(app, ["demo", "--json"]).stdout.splitlines()
    assert 0 < len(shown) < len(every)
    assert all(json.loads(line)["confidence"] >= DEFAULT_MIN_CONFIDENCE for line in shown)
    caption = " ".join(runner.invoke(app, ["demo"]).stdout.split())  # however narrow the terminal wraps it
    assert f"{len(every) - len(shown)} less than {DEFAULT_MIN_CONFIDENCE:g} likely to be correct left out" in caption


@pytest.mark.parametrize("module", ["dyads", "dyads.cli"])
def test_the_command_line_runs_as_a_module(module):
    run = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True, timeout=120,
                         check=True)
    assert "demo" in run.stdout and "eval" in run.stdout
