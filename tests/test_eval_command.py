"""`dyads eval` end to end: the real engine on small gold files written here, and on the shared seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyads.cli import app

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "corpus" / "seed" / "monitor-6-101.expected.jsonl"

runner = CliRunner()


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path.write_text("\n".join("\t".join(row) for row in [header, *rows]) + "\n", encoding="utf-8")
    return path


def run_eval(*arguments: str) -> tuple[int, str]:
    result = runner.invoke(app, ["eval", *arguments])
    return result.exit_code, result.output


def test_cameo_and_five_class_files_are_coded_and_scored(tmp_path: Path):
    cameo = write_tsv(
        tmp_path / "cameo.tsv",
        ["code", "name", "example"],
        [
            [
                "111",
                "Criticize or denounce",
                "Russia condemned Japan on Monday over the fishing dispute. Note: one.",
            ]
        ],
    )
    five = write_tsv(
        tmp_path / "five.tsv",
        ["text", "label"],
        [["Russia condemned Japan on Monday over the fishing dispute.", "3"], ["The weather was mild.", "0"]],
    )
    figures_path = tmp_path / "figures.json"
    status, output = run_eval(str(cameo), str(five), "--json", str(figures_path), "--errors", "3")
    assert status == 0, output
    report = json.loads(figures_path.read_text(encoding="utf-8"))
    assert report["engine"] == "dyads" and report["version"] and report["timestamp"]
    cameo_result, five_result = report["results"]
    assert cameo_result["format"] == "cameo" and cameo_result["figures"]["root_accuracy"] == 1.0
    assert five_result["format"] == "pentaclass" and five_result["items"] == 2
    # the condemnation is verbal conflict; the weather sentence has no event, which counts as wrong
    assert five_result["figures"]["accuracy"] == 0.5
    assert [error["kind"] for error in five_result["errors"]] == ["miss"]
    assert "Worst misses" in output and "The weather was mild." in output


def test_unknown_gold_file_is_skipped_with_a_reason(tmp_path: Path):
    other = write_tsv(tmp_path / "other.tsv", ["a", "b"], [["1", "2"]])
    status, output = run_eval(str(other))
    assert status == 1
    assert "not a known gold format" in output


def test_json_to_stdout_keeps_tables_off_it(tmp_path: Path):
    five = write_tsv(tmp_path / "five.tsv", ["text", "label"], [["Egypt and Jordan signed a treaty.", "2"]])
    result = runner.invoke(app, ["eval", str(five), "--json", "-"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["format"] == "pentaclass"
    assert "Figures" in result.stderr


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared (the seed article and its annotation)")
def test_seed_article(tmp_path: Path):
    figures_path = tmp_path / "seed.json"
    status, output = run_eval(str(SEED), "--json", str(figures_path), "--errors", "5")
    assert status == 0, output
    (result,) = json.loads(figures_path.read_text(encoding="utf-8"))["results"]
    figures = result["figures"]
    assert (result["format"], figures["required"], figures["forbidden"]) == ("document", 16, 2)
    assert figures["emitted"] > 0 and figures["required_found"] > 0
    assert 0.0 < figures["precision"] <= 1.0
    assert len(result["tables"][0]["rows"]) == result["items"]
