"""Print `GoldResult`s as rich tables: headline figures, per-class breakdowns, the worst errors."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from dyads.evaluate.scoring import GoldResult, Table

SHOWN_WARNINGS = 10

FORMAT_TITLES = {
    "corpus": "annotated corpus",
    "document": "document annotation",
    "plover": "PLOVER records",
    "cameo": "CAMEO examples",
    "pentaclass": "five-class sentences",
    "actor_phrases": "actor phrases",
}


def print_result(console: Console, result: GoldResult, errors: int = 0) -> None:
    console.rule(
        f"[bold]{result.path}[/] — {FORMAT_TITLES.get(result.format, result.format)}, {result.items} items"
    )
    figures = RichTable("figure", "value", title="Figures", title_justify="left")
    for name, value in result.figures.items():
        figures.add_row(name.replace("_", " "), format_value(value))
    console.print(figures)
    for table in result.tables:
        console.print(_rich_table(table))
    for kind, title in (("miss", "Worst misses"), ("false alarm", "Worst false alarms")):
        cases = result.worst(kind, errors)
        if not cases:
            continue
        shown = RichTable("sentence", "expected", "got", title=title, title_justify="left", show_lines=True)
        for case in cases:
            shown.add_row(escape(case.sentence), escape(case.expected), escape(case.got))
        console.print(shown)
    for warning in result.warnings[:SHOWN_WARNINGS]:
        console.print(f"[yellow]warning:[/] {escape(warning)}", soft_wrap=True)
    if len(result.warnings) > SHOWN_WARNINGS:
        console.print(f"[yellow]warning:[/] and {len(result.warnings) - SHOWN_WARNINGS:,} more")


def format_value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _rich_table(table: Table) -> RichTable:
    shown = RichTable(*table.columns, title=table.title, title_justify="left")
    for row in table.rows:
        shown.add_row(*(escape(format_value(cell)) for cell in row))
    return shown
