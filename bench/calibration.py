"""Is an event's confidence the probability that it is correct? A reliability table and the expected
calibration error on the VOA benchmark's dev split.

    PYTHONPATH=src .venv/bin/python bench/calibration.py [--split dev] [--workers N] [--decisions decide]

Codes the split's stories, marks each event correct when it matches a required or optional entry (as
`dyads eval` counts precision), and prints, per bin of confidence, the events, their mean confidence and
the share correct, then the expected calibration error (the events-weighted mean gap between the two),
and what each least confidence (`--min-confidence`) would leave: required recall and precision.
The test split is frozen: run it only for the final figures (`--split test`); it prints figures only.
"""

from __future__ import annotations

import argparse

from corpus import REPO
from rich.console import Console
from rich.table import Table

from dyads import Coder
from dyads.evaluate.gold import read_corpus
from dyads.evaluate.scoring import correct_events, score_corpus

BINS = 10
THRESHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)


def reliability(pairs: list[tuple[float, bool]]) -> tuple[list[tuple[float, float, int, float, float]], float]:
    """Rows (low, high, events, mean confidence, share correct) of the non-empty bins, and the ECE."""
    rows, gap = [], 0.0
    for b in range(BINS):
        low, high = b / BINS, (b + 1) / BINS
        inside = [(c, ok) for c, ok in pairs if low <= c < high or (b == BINS - 1 and c == 1.0)]
        if not inside:
            continue
        confidence = sum(c for c, _ in inside) / len(inside)
        accuracy = sum(ok for _, ok in inside) / len(inside)
        rows.append((low, high, len(inside), confidence, accuracy))
        gap += len(inside) * abs(confidence - accuracy)
    return rows, gap / max(len(pairs), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--decisions", choices=["calibrate", "decide"], default="calibrate")
    arguments = parser.parse_args()
    golds = list(read_corpus(REPO / "benchmarks" / "voa", arguments.split))
    coder = Coder(min_confidence=0.0, decisions=arguments.decisions)
    coded = [result.events for result in coder.pipe((gold.document for gold in golds), workers=arguments.workers)]
    pairs = [(event.confidence, ok) for gold, events in zip(golds, coded)
             for event, ok in zip(events, correct_events(gold, events))]
    rows, ece = reliability(pairs)
    table = Table(title=f"Reliability of event confidence, VOA {arguments.split} split, --decisions "
                        f"{arguments.decisions} ({len(pairs)} events)")
    for column in ("confidence", "events", "mean confidence", "share correct"):
        table.add_column(column, justify="right")
    for low, high, count, confidence, accuracy in rows:
        table.add_row(f"{low:.1f}-{high:.1f}", str(count), f"{confidence:.3f}", f"{accuracy:.3f}")
    console = Console()
    console.print(table)
    console.print(f"expected calibration error: {ece:.3f}")
    kept = Table(title="What a least confidence leaves")
    for column in ("--min-confidence", "events scored", "required recall", "precision", "F1"):
        kept.add_column(column, justify="right")
    for threshold in THRESHOLDS:
        figures = score_corpus("", [(gold, [e for e in events if e.confidence >= threshold])
                                    for gold, events in zip(golds, coded)]).figures
        kept.add_row(f"{threshold:g}", str(figures["emitted_scored"]), f"{figures['required_recall']:.3f}",
                     f"{figures['precision']:.3f}", f"{figures['f1']:.3f}")
    console.print(kept)


if __name__ == "__main__":
    main()
