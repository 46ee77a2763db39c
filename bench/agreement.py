"""Inter-annotator agreement on the VOA benchmark corpus: each story annotated twice, independently
(`benchmarks/voa/<id>.expected.jsonl` after adjudication, and the second annotator's
`benchmarks/voa/second/<id>.expected.jsonl`), compared with the matching rules of `dyads eval`.

    PYTHONPATH=src .venv/bin/python bench/agreement.py [--first DIR]

Prints, pooled over the doubly annotated stories, the second annotation scored against the first
(recall of the first's required events, precision of the second's accepted events, F1), the reverse,
and their mean F1. `--first DIR` compares against the first annotations as they were before
adjudication (kept in DIR as `<id>.expected.jsonl`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from corpus import REPO
from rich.console import Console
from rich.table import Table

from dyads.evaluate.agreement import agreement
from dyads.evaluate.gold import AnnotatedDocument, read_document, read_expected

CORPUS = REPO / "benchmarks" / "voa"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--first", type=Path, default=CORPUS, help="folder of the first annotations")
    args = parser.parse_args()
    pairs = []
    for second in sorted((CORPUS / "second").glob("*.expected.jsonl")):
        story = read_document(CORPUS / second.name)
        first = AnnotatedDocument(story.document, read_expected(args.first / second.name))
        pairs.append((first, AnnotatedDocument(story.document, read_expected(second))))
    forward = agreement(pairs)
    backward = agreement([(b, a) for a, b in pairs])
    table = Table("scored against", "required", "found", "recall", "precision", "F1", title=f"{len(pairs)} stories")
    for label, figures in (("second vs first", forward), ("first vs second", backward)):
        table.add_row(
            label, str(figures.required), str(figures.required_found),
            f"{figures.recall:.3f}", f"{figures.precision:.3f}", f"{figures.f1:.3f}",
        )  # fmt: skip
    console = Console()
    console.print(table)
    console.print(f"mean event-level F1: {(forward.f1 + backward.f1) / 2:.3f}")


if __name__ == "__main__":
    main()
