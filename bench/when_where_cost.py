"""Cost of the when/where/how-much/according-to-whom stages, against the pipeline without them, in one run.

    PYTHONPATH=src .venv/bin/python bench/when_where_cost.py [--limit N] [--rounds N]

Both pipelines come from `dyads.nlp.load(stages=...)`: every stage whose module is written, with and
without dyads_when, dyads_where, dyads_quantities and dyads_provenance. Models (and the gazetteer) are
loaded and warmed up before timing; rounds alternate which side runs first; each side's best round counts.
"""

from __future__ import annotations

import argparse
import time
from importlib.util import find_spec

from corpus import news_documents, require_shared
from spacy.language import Language

from dyads import nlp as pipeline
from dyads.model import Document

OWN_STAGES = ["dyads_when", "dyads_where", "dyads_quantities", "dyads_provenance"]
BATCH_SIZE = 16


def seconds(nlp: Language, documents: list[Document]) -> tuple[float, int]:
    docs = []
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.document = document
        docs.append(doc)
    started = time.perf_counter()
    events = sum(len(doc._.events or []) for doc in nlp.pipe(docs, batch_size=BATCH_SIZE))
    return time.perf_counter() - started, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=200, help="articles (default 200)")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds per side (default 2)")
    args = parser.parse_args()
    require_shared()

    documents = news_documents(args.limit)
    written = [name for name, module in pipeline.STAGES if find_spec(module) is not None]
    without = pipeline.load(stages=[s for s in written if s not in OWN_STAGES])
    with_own = pipeline.load(stages=written)
    for nlp in (without, with_own):
        seconds(nlp, documents[:BATCH_SIZE])
    best = {"without": float("inf"), "with": float("inf")}
    events = 0
    for round_index in range(args.rounds):
        sides = [("without", without), ("with", with_own)]
        for label, nlp in sides if round_index % 2 == 0 else reversed(sides):
            elapsed, events = seconds(nlp, documents)
            best[label] = min(best[label], elapsed)
    print(f"{len(documents)} articles, {events} events; stages: {', '.join(with_own.pipe_names)}")
    for label in ("without", "with"):
        print(f"  {label:>7} when/where/quantities/provenance: {len(documents) / best[label]:6.2f} articles/s")
    print(f"  ratio with/without (throughput): {best['without'] / best['with']:.3f}")


if __name__ == "__main__":
    main()
