"""Train the event classifier (`dyads_event_classifier`) on the project's own sentences.

    PYTHONPATH=src .venv/bin/python scripts/train_event_classifier.py [--architecture bow|cnn|ensemble]

Reads training/events/*.tsv (header `code<TAB>sentence`; code is a CAMEO code or `---` for no event),
masks actor mentions the way the pipeline does (dyads.events.classifier.sentence_words), measures the
chosen settings on a held-out split of the sentences, then trains on all of them and writes the spaCy
pipeline to src/dyads/data/models/event_classifier/ with training.json: the sha256 of the training data,
the labels, the settings and the held-out figures. Deterministic: fixed seed, fixed split.

The defaults are what measured best, on the held-out split and on the dev sets (bench/accuracy.py):
spaCy's ensemble textcat, whose attention over CNN token vectors carries it; its bag-of-words part
learns almost nothing here (its figures do not move with the hash size or n-grams), so its hash
table is kept small.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import shutil
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from dyads import nlp as pipeline
from dyads.events.classifier import MODEL_DIR, NO_EVENT, TRAINING_META, decide, sentence_words
from dyads.events.ontology import cameo_codes

REPO = Path(__file__).resolve().parents[1]
TRAINING_DIR = REPO / "training" / "events"
HELD_OUT_EVERY = 6  # one sentence in six of each label is held out for measuring


@dataclass(frozen=True)
class Settings:
    architecture: str = "ensemble"
    ngram_size: int = 1
    hash_length: int = 1024  # BOW buckets; the model holds hash_length × labels weights
    width: int = 64  # CNN token vectors
    embed_rows: int = 2000  # CNN hash-embedding rows per attribute
    epochs: int = 20
    batch_size: int = 16
    dropout: float = 0.2
    seed: int = 0


@dataclass(frozen=True)
class Sentence:
    code: str
    text: str
    origin: str  # file:line, for error messages


def training_files(folder: Path = TRAINING_DIR) -> list[Path]:
    return sorted(folder.glob("*.tsv"))


def training_data_hash(folder: Path = TRAINING_DIR) -> str:
    """sha256 over the training files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for path in training_files(folder):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def read_sentences(folder: Path = TRAINING_DIR) -> list[Sentence]:
    known = cameo_codes()
    sentences = []
    for path in training_files(folder):
        with open(path, encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 2):
                code, text = (row.get("code") or "").strip(), (row.get("sentence") or "").strip()
                if not text:
                    continue
                if code != NO_EVENT and code not in known:
                    raise SystemExit(f"{path.name}:{line}: unknown CAMEO code {code!r}")
                sentences.append(Sentence(code, text, f"{path.name}:{line}"))
    return sentences


def featurize(sentences: list[Sentence]) -> list[list[str]]:
    """Each sentence as the classifier reads it, with actor mentions found by the real pipeline."""
    nlp = pipeline.load(stages=["dyads_actors", "dyads_coref"])
    return [sentence_words(doc[:], doc._.mention_at or {}) for doc in nlp.pipe(s.text for s in sentences)]


def split(sentences: list[Sentence]) -> tuple[list[int], list[int]]:
    """Indices to train on and to hold out: per label, every HELD_OUT_EVERY-th sentence in hash order."""
    by_code: dict[str, list[int]] = defaultdict(list)
    for index, sentence in enumerate(sentences):
        by_code[sentence.code].append(index)
    train, held_out = [], []
    for indices in by_code.values():
        ordered = sorted(indices, key=lambda i: hashlib.sha1(sentences[i].text.encode()).hexdigest())
        for rank, index in enumerate(ordered):
            (held_out if rank % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 else train).append(index)
    return sorted(train), sorted(held_out)


def model_config(settings: Settings) -> dict:
    bow = {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": settings.ngram_size,
        "no_output_layer": False,
        "length": settings.hash_length,
    }
    tok2vec = {
        "@architectures": "spacy.HashEmbedCNN.v2",
        "pretrained_vectors": None,
        "width": settings.width,
        "depth": 2,
        "embed_size": settings.embed_rows,
        "window_size": 1,
        "maxout_pieces": 3,
        "subword_features": True,
    }
    if settings.architecture == "bow":
        return bow
    if settings.architecture == "cnn":
        return {"@architectures": "spacy.TextCatCNN.v2", "exclusive_classes": True, "tok2vec": tok2vec}
    return {"@architectures": "spacy.TextCatEnsemble.v2", "linear_model": bow, "tok2vec": tok2vec}


def train(words: list[list[str]], codes: list[str], settings: Settings) -> spacy.Language:
    fix_random_seed(settings.seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": model_config(settings)})
    labels = sorted(set(codes))
    for label in labels:
        textcat.add_label(label)
    examples = [
        Example.from_dict(spacy.tokens.Doc(nlp.vocab, words=w), {"cats": {c: float(c == code) for c in labels}})
        for w, code in zip(words, codes)
    ]
    optimizer = nlp.initialize(lambda: examples)
    shuffler = random.Random(settings.seed)
    for _ in range(settings.epochs):
        shuffler.shuffle(examples)
        for batch in minibatch(examples, size=settings.batch_size):
            nlp.update(batch, sgd=optimizer, drop=settings.dropout)
    return nlp


def measure(nlp: spacy.Language, words: list[list[str]], codes: list[str]) -> dict[str, float]:
    """Accuracy of the decided code, of its CAMEO root, and of event vs no event."""
    textcat = nlp.get_pipe("textcat")
    docs = textcat.pipe(spacy.tokens.Doc(nlp.vocab, words=w) for w in words)
    predicted = [decide(dict(doc.cats)).code for doc in docs]
    pairs = list(zip(codes, predicted))
    return {
        "sentences": len(pairs),
        "code_accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 4),
        "root_accuracy": round(sum(g[:2] == p[:2] for g, p in pairs) / len(pairs), 4),
        "event_accuracy": round(sum((g == NO_EVENT) == (p == NO_EVENT) for g, p in pairs) / len(pairs), 4),
    }


def save(nlp: spacy.Language, folder: Path, meta: dict) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(folder)
    (folder / TRAINING_META).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    defaults = Settings()
    parser.add_argument("--architecture", choices=["bow", "cnn", "ensemble"], default=defaults.architecture)
    parser.add_argument("--ngram-size", type=int, default=defaults.ngram_size)
    parser.add_argument("--hash-length", type=int, default=defaults.hash_length)
    parser.add_argument("--width", type=int, default=defaults.width)
    parser.add_argument("--embed-rows", type=int, default=defaults.embed_rows)
    parser.add_argument("--epochs", type=int, default=defaults.epochs)
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model folder (default: the packaged one)")
    args = parser.parse_args()
    settings = Settings(
        architecture=args.architecture, ngram_size=args.ngram_size, hash_length=args.hash_length,
        width=args.width, embed_rows=args.embed_rows, epochs=args.epochs,
    )
    started = time.perf_counter()
    sentences = read_sentences()
    words = featurize(sentences)
    codes = [s.code for s in sentences]
    train_part, held_out = split(sentences)
    trial = train([words[i] for i in train_part], [codes[i] for i in train_part], settings)
    figures = measure(trial, [words[i] for i in held_out], [codes[i] for i in held_out])
    print(f"held out: {figures}")
    model = train(words, codes, settings)
    meta = {
        "training_data_sha256": training_data_hash(),
        "training_files": [path.name for path in training_files()],
        "sentences": len(sentences),
        "labels": sorted(set(codes)),
        "settings": asdict(settings),
        "held_out": figures,
        "seconds": round(time.perf_counter() - started, 1),
    }
    save(model, args.out, meta)
    print(f"{len(sentences)} sentences, {len(meta['labels'])} labels, {meta['seconds']} s → {args.out}")


if __name__ == "__main__":
    main()
