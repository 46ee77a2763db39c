"""Accuracy on one screen: the VOA benchmark corpus split by split (dev and test side by side), then
the seed article and the dev gold sets against the targets of issue 4.

    PYTHONPATH=src .venv/bin/python bench/accuracy.py [--workers N] [--limit N] [--json PATH] [--decisions decide]

Runs `dyads eval --json -` (the same command a user runs; see `dyads eval --help` for the per-class
tables and `--errors N`) on `benchmarks/voa` (every split) and, when ../shared is there, on the seed and
all of ../shared/gold/dev. The test split is frozen: its figures are printed, never its errors.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from corpus import REPO, SHARED
from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Target:
    label: str
    format: str  # the gold format whose figure is checked
    figure: str
    minimum: float | None = None
    maximum: float | None = None

    def passes(self, value: float) -> bool:
        return (self.minimum is None or value >= self.minimum) and (
            self.maximum is None or value <= self.maximum
        )

    @property
    def wanted(self) -> str:
        return f"≥ {self.minimum:g}" if self.minimum is not None else f"≤ {self.maximum:g}"


TARGETS = [
    Target("seed: required events found", "document", "required_recall", minimum=1.0),
    Target("seed: forbidden coded as actual", "document", "forbidden_as_actual", maximum=0),
    Target("seed: precision", "document", "precision", minimum=0.90),
    Target("PLOVER: event type accuracy", "plover", "type_accuracy", minimum=0.70),
    Target("PLOVER: source country accuracy", "plover", "source_country_accuracy", minimum=0.85),
    Target("PLOVER: target country accuracy", "plover", "target_country_accuracy", minimum=0.80),
    Target("CAMEO examples: root accuracy", "cameo", "root_accuracy", minimum=0.75),
    Target("five-class: macro-F1", "pentaclass", "macro_f1", minimum=0.75),
    Target("actor phrases: country accuracy", "actor_phrases", "country_accuracy", minimum=0.85),
    Target("actor phrases: sector accuracy", "actor_phrases", "sector_accuracy", minimum=0.70),
]
GOLD = [SHARED / "corpus" / "seed" / "monitor-6-101.expected.jsonl", SHARED / "gold" / "dev"]
VOA = REPO / "benchmarks" / "voa"
CORPUS_FIGURES = [
    ("documents annotated", "documents"),
    ("required events", "required"),
    ("required-event recall", "required_recall"),
    ("precision over scored events", "precision"),
    ("F1", "f1"),
    ("forbidden coded as actual", "forbidden_as_actual"),
    ("required entries with an event in their sentence", "located"),
    ("  of those: source country right", "source_country_accuracy"),
    ("  of those: target country right", "target_country_accuracy"),
    ("  of those: CAMEO root right", "root_accuracy"),
    ("document PLOVER types: macro precision", "plover_doc_macro_precision"),
    ("document PLOVER types: macro recall", "plover_doc_macro_recall"),
    ("document PLOVER types: macro F1", "plover_doc_macro_f1"),
]


def run_eval(gold: list[Path], workers: int, limit: int | None, decisions: str = "calibrate") -> dict:
    command = [sys.executable, "-c", "from dyads.cli import app; app()", "eval", *map(str, gold), "--json", "-"]
    command += ["--decisions", decisions]
    command += ["--workers", str(workers)] + (["--limit", str(limit)] if limit else [])
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    completed = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if not completed.stdout.strip():
        raise SystemExit(
            f"dyads eval produced no figures (status {completed.returncode}):\n{completed.stderr}"
        )
    return json.loads(completed.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=1, help="processes that code the texts (default 1)")
    parser.add_argument("--limit", type=int, default=0, help="items per gold file (default all)")
    parser.add_argument("--json", type=Path, help="also keep the full `dyads eval` figures here")
    parser.add_argument("--decisions", choices=["calibrate", "decide"], default="calibrate",
                        help="what the learned decisions may change (`dyads eval --decisions`)")
    args = parser.parse_args()
    console = Console()
    gold = [VOA] + (GOLD if SHARED.exists() else [])
    report = run_eval(gold, args.workers, args.limit or None, args.decisions)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    console.print(f"dyads {report['version']} ({report['commit']})")
    corpus = [result for result in report["results"] if result["format"] == "corpus"]
    print_corpus(console, corpus)
    if not SHARED.exists():
        console.print(f"{SHARED} is absent: the dev gold sets and the seed are not measured")
        return
    print_targets(console, [result for result in report["results"] if result["format"] != "corpus"])
    console.print(f"skipped gold files: {report['skipped'] or 'none'}")


def print_corpus(console: Console, results: list[dict]) -> None:
    splits = [result["path"].rsplit("[", 1)[-1].rstrip("]") for result in results]
    table = Table("figure", *splits, title=f"VOA benchmark corpus ({VOA.relative_to(REPO)})")
    for label, figure in CORPUS_FIGURES:
        table.add_row(label, *(_shown(result["figures"][figure]) for result in results))
    console.print(table)
    per_type = Table("PLOVER type", *(f"{split} F1 (docs)" for split in splits), title="Document-level PLOVER types")
    rows_by_split = [{row[0]: row for row in result["tables"][0]["rows"]} for result in results]
    for plover_type in sorted({name for rows in rows_by_split for name in rows}):
        cells = []
        for rows in rows_by_split:
            row = rows.get(plover_type)
            cells.append(f"{row[4]:.2f} ({row[1]})" if row else "-")
        per_type.add_row(plover_type, *cells)
    console.print(per_type)


def print_targets(console: Console, results: list[dict]) -> None:
    by_format = {result["format"]: result for result in results}
    table = Table("target", "wanted", "measured", "", title="Seed and dev gold sets")
    passed = 0
    for target in TARGETS:
        result = by_format.get(target.format)
        if result is None:
            table.add_row(target.label, target.wanted, "not measured", "[red]FAIL[/]")
            continue
        value = result["figures"][target.figure]
        ok = target.passes(value)
        passed += ok
        shown = _shown(value)
        if target.figure == "required_recall":
            shown += f" ({result['figures']['required_found']}/{result['figures']['required']})"
        table.add_row(target.label, target.wanted, shown, "[green]PASS[/]" if ok else "[red]FAIL[/]")
    console.print(table)
    console.print(f"{passed}/{len(TARGETS)} targets met")


def _shown(value: float) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    main()
