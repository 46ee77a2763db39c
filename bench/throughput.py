"""Throughput of the dyads coder against a bare spaCy parse of the same news texts, in one run.

    PYTHONPATH=src .venv/bin/python bench/throughput.py [--limit N] [--workers N] [--rounds N]

Both sides get the same texts and the same number of processes (dyads: `Coder.pipe(workers=N)`; spaCy:
`nlp.pipe(n_process=N)`). Models are loaded and warmed up before timing. Rounds alternate which side runs
first, so neither always profits from a warm cache; each side's best round is reported.

Each round parses with a freshly loaded spaCy pipeline, as each dyads round codes in freshly forked workers
that start from the coder's state before any round: a pipeline kept across rounds would meet the same texts
again with its tokenizer's and lemmatizer's caches full of them (some 7% of a parse on 200 articles), which
no run on new text gets.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import spacy
from corpus import news_documents, require_shared

from dyads.coder import Coder
from dyads.model import Document
from dyads.nlp import DEFAULT_MODEL

SPEED_TARGET = 0.8  # dyads must keep at least this share of the bare parse's throughput
BATCH_SIZE = 16


def time_dyads(coder: Coder, documents: list[Document], workers: int) -> float:
    started = time.perf_counter()
    for _ in coder.pipe(documents, workers=workers):
        pass
    return time.perf_counter() - started


def time_spacy(nlp: spacy.Language, documents: list[Document], workers: int) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe((d.text for d in documents), batch_size=BATCH_SIZE, n_process=workers):
        pass
    return time.perf_counter() - started


def fresh_spacy(warm_up: list[Document]) -> spacy.Language:
    nlp = spacy.load(DEFAULT_MODEL)
    time_spacy(nlp, warm_up, 1)
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=300, help="articles to code (default 300; 0 = all)")
    parser.add_argument("--workers", type=int, default=1, help="processes on each side (default 1)")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds per side (default 2)")
    args = parser.parse_args()
    require_shared()

    documents = news_documents(args.limit or None)
    words = sum(len(d.text.split()) for d in documents)
    coder = Coder(batch_size=BATCH_SIZE)
    warm_up = documents[:BATCH_SIZE]
    time_dyads(coder, warm_up, 1)
    print(
        f"{len(documents)} articles, {words:,} words, {args.workers} process(es); dyads stages: "
        f"{', '.join(coder.nlp.pipe_names)}"
    )

    sides: dict[str, Callable[[], float]] = {
        "spaCy parse": lambda: time_spacy(fresh_spacy(warm_up), documents, args.workers),
        "dyads code": lambda: time_dyads(coder, documents, args.workers),
    }
    best = {name: float("inf") for name in sides}
    for round_number in range(args.rounds):
        order = list(sides) if round_number % 2 == 0 else list(reversed(sides))
        for name in order:
            seconds = sides[name]()
            best[name] = min(best[name], seconds)
            print(f"  round {round_number + 1} {name:12} {seconds:7.1f} s")

    for name, seconds in best.items():
        print(f"{name:12} {len(documents) / seconds:7.2f} articles/s {words / seconds:9,.0f} words/s")
    ratio = best["spaCy parse"] / best["dyads code"]
    mark = "PASS" if ratio >= SPEED_TARGET else "FAIL"
    print(f"ratio dyads / spaCy: {ratio:.2f}  (target ≥ {SPEED_TARGET}: {mark})")


if __name__ == "__main__":
    main()
