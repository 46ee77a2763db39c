"""`dyads code` with another tool's input layout and output format, through Typer's runner and the real Coder."""

from __future__ import annotations

import json

import pyarrow.csv as pv
from typer.testing import CliRunner

from dyads.cli import app

runner = CliRunner()

GDELT_ARTICLE = {
    "url": "https://wire.example/russia-japan",
    "title": "Fishing dispute",
    "seendate": "20210315T093000Z",
    "domain": "wire.example",
    "content": "Russia condemned Japan on Monday over the fishing dispute.",
}


def test_a_gdelt_folder_coded_to_plover_and_icews(tmp_path):
    folder = tmp_path / "gdelt"
    folder.mkdir()
    (folder / "articles.jsonl").write_text(json.dumps(GDELT_ARTICLE) + "\n")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    output = tmp_path / "events.jsonl"
    result = runner.invoke(
        app, ["code", str(folder), "--preset", "gdelt", "--format", "plover", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert "unsupported files: 1 (.pdf 1)" in result.output
    records = [json.loads(line) for line in output.read_text().splitlines()]
    assert records and all(record["publication_date"] == "2021-03-15" for record in records)
    assert {(record["source"], record["url"]) for record in records} == {
        ("wire.example", GDELT_ARTICLE["url"])
    }
    assert any(
        record["actor_country"] == "RUS" and record["recipient_country"] == "JPN" for record in records
    )

    icews = tmp_path / "events.tsv"
    result = runner.invoke(
        app,
        [
            "code",
            str(folder / "articles.jsonl"),
            "--text-field",
            "content",
            "--format",
            "icews",
            "-o",
            str(icews),
        ],
    )
    assert result.exit_code == 0, result.output
    table = pv.read_csv(icews, parse_options=pv.ParseOptions(delimiter="\t"))
    assert table.num_rows == len(records)
    assert table.column("Source Country").to_pylist()[0] == "Russia"


def test_an_unknown_preset_or_format_is_a_usage_error(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(GDELT_ARTICLE) + "\n")
    preset = runner.invoke(app, ["code", str(path), "--preset", "acled"])
    assert preset.exit_code == 2 and "unknown preset 'acled'" in preset.output
    layout = runner.invoke(app, ["code", str(path), "--format", "xml"])
    assert layout.exit_code == 2 and "unknown format 'xml'" in layout.output


def test_dev_null_and_csv_on_stdout_need_no_format_or_file(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("Russia condemned Japan.")
    assert runner.invoke(app, ["code", str(report), "-o", "/dev/null"]).exit_code == 0
    result = runner.invoke(app, ["code", str(report), "--format", "csv", "-o", "-", "--date", "2002-03-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("event_id,") and "RUS" in result.stdout
