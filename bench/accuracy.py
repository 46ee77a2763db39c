"""Accuracy on every dev set against the targets of issue 4, on one screen.

    PYTHONPATH=src .venv/bin/python bench/accuracy.py [--workers N] [--limit N] [--json PATH]

Runs `dyads eval --json -` on the seed article and all of ../shared/gold/dev (the same command a user
runs; see `dyads eval --help` for the per-class tables and `--errors N`), then prints each target with
the measured figure and a pass/fail mark.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from corpus import REPO, SHARED, require_shared
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


def run_eval(workers: int, limit: int | None) -> dict:
    command = [
        sys.executable,
        "-c",
        "from dyads.cli import app; app()",
        "eval",
        *map(str, GOLD),
        "--json",
        "-",
    ]
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
    args = parser.parse_args()
    require_shared()

    report = run_eval(args.workers, args.limit or None)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    by_format = {result["format"]: result for result in report["results"]}
    table = Table("target", "wanted", "measured", "", title=f"dyads {report['version']} ({report['commit']})")
    passed = 0
    for target in TARGETS:
        result = by_format.get(target.format)
        if result is None:
            table.add_row(target.label, target.wanted, "not measured", "[red]FAIL[/]")
            continue
        value = result["figures"][target.figure]
        ok = target.passes(value)
        passed += ok
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        if target.figure == "required_recall":
            shown += f" ({result['figures']['required_found']}/{result['figures']['required']})"
        table.add_row(target.label, target.wanted, shown, "[green]PASS[/]" if ok else "[red]FAIL[/]")
    console = Console()
    console.print(table)
    console.print(f"{passed}/{len(TARGETS)} targets met; skipped gold files: {report['skipped'] or 'none'}")


if __name__ == "__main__":
    main()
