"""Train the decision model (`dyads_decisions`, dyads.learn) on the train split of benchmarks/voa.

    PYTHONPATH=src .venv/bin/python scripts/train_models.py            # train and write the shipped model
    PYTHONPATH=src .venv/bin/python scripts/train_models.py --measure  # also: estimated figures on dev
    PYTHONPATH=src .venv/bin/python scripts/train_models.py --without window --measure   # an ablation

Parses the train split's stories with the rule components, turns every proposal into an example
(dyads.learn.alignment labels it from the annotations), fits the model and its calibration
(dyads.learn.training) and writes src/dyads/data/models/event_decisions/: model.npz and training.json
(the fingerprint of the training inputs, which tests/test_decisions.py checks, the settings and counts).
Deterministic. Only the train split is trained on; `--measure` reads the dev split, never test.
With `--without`, nothing is written.
"""

from __future__ import annotations

import argparse
import pickle
from collections import Counter
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from dyads import nlp as pipeline
from dyads.evaluate.corpus import read_splits
from dyads.evaluate.gold import read_corpus
from dyads.learn.arguments import readings
from dyads.learn.features import FEATURE_GROUPS
from dyads.learn.model import MODEL_DIR, LinearModel, best_readings, best_roots
from dyads.learn.training import (
    RULE_STAGES,
    Example,
    Settings,
    event_examples,
    fingerprint,
    fit,
    parse,
    training_data,
)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "benchmarks" / "voa"
THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def cached(cache: Path | None, name: str, make):
    """`make()`, or what it made last time when `cache` is given (development: parsing takes a minute)."""
    path = cache.with_name(f"{cache.stem}-{name}.pickle") if cache else None
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    made = make()
    if path:
        path.write_bytes(pickle.dumps(made))
    return made


def dev_examples(arguments: LinearModel) -> list[Example]:
    """The dev split's proposals, their arguments chosen by the final argument model."""
    parsed = parse(pipeline.load(stages=RULE_STAGES), read_corpus(CORPUS, "dev"))
    for document in parsed:
        document.proposals = readings(arguments, document.proposals, document.finder)
    return [e for document in parsed for e in event_examples(document)]


def measure(model, examples: list[Example], required: int) -> None:
    """Estimated dev figures by threshold (the scorer's matching without modality; `dyads eval` gives the
    real ones)."""
    best_probability, codes = best_roots(model.events, [e.row(model.groups) for e in examples],
                                         [e.lexicon_code for e in examples])
    confidence = model.calibrated(best_probability)
    best = best_readings(confidence, [e.key for e in examples])
    print("threshold  emitted  precision  recall")
    for threshold in THRESHOLDS:
        kept = [i for i in best if confidence[i] >= threshold]
        correct = sum(examples[i].alignment.correct(codes[i]) for i in kept)
        found = {(examples[i].doc_id, entry) for i in kept for entry in examples[i].entries
                 if examples[i].alignment.correct(codes[i])}
        print(f"{threshold:9.2f}  {len(kept):7d}  {correct / max(len(kept), 1):9.3f}  {len(found) / required:6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measure", action="store_true", help="print estimated dev figures")
    parser.add_argument("--without", choices=list(FEATURE_GROUPS), action="append", default=[],
                        help="leave a feature group out (measures only; writes nothing)")
    parser.add_argument("--regularization", type=float, default=Settings.regularization)
    parser.add_argument("--cache", type=Path, help="keep parsed examples here between runs (development)")
    arguments = parser.parse_args()

    settings = replace(Settings(), regularization=arguments.regularization,
                       groups=tuple(g for g in FEATURE_GROUPS if g not in arguments.without))
    data = cached(arguments.cache, "train", lambda: training_data(
        parse(pipeline.load(stages=RULE_STAGES), read_corpus(CORPUS, "train")), settings))
    train = data.examples
    labels = Counter(e.alignment.label for e in train)
    print(f"train: {len(train)} proposals; labels: {dict(sorted(labels.items(), key=str))}")
    model = fit(data, settings)
    if arguments.measure:
        dev = cached(arguments.cache, "dev", lambda: dev_examples(data.arguments))
        required = sum(e.status == "required" for gold in read_corpus(CORPUS, "dev") for e in gold.expected)
        measure(model, dev, required)
    if arguments.without or arguments.regularization != Settings.regularization:
        return
    train_ids = [doc_id for doc_id, split in read_splits(CORPUS / "splits.tsv").items() if split == "train"]
    meta = {
        "training_fingerprint": fingerprint(CORPUS, train_ids, settings),
        "settings": asdict(settings),
        "documents": len({e.doc_id for e in train}),
        "proposals": len(train),
        "labels": {str(k): v for k, v in sorted(labels.items(), key=str)},
        "event_features": len(model.events.vocabulary),
        "argument_features": len(model.arguments.vocabulary),
        "calibration_points": int(np.size(model.calibration_x)),
    }
    model.save(MODEL_DIR, meta)
    print(f"wrote {MODEL_DIR}")


if __name__ == "__main__":
    main()
