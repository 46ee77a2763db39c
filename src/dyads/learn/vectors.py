"""Static word vectors distilled from a sentence encoder (scripts/distill_vectors.py): 64 dimensions,
L2-normalised, for lower-cased lemmas, with each word's k-means cluster at two granularities, so that a
sparse model can read "trigger_cluster=17" where it has never seen the lemma. Numpy alone reads them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from dyads.data import data_path

VECTORS_FILE = "word_vectors.npz"


@dataclass(frozen=True)
class WordVectors:
    rows: dict[str, int]  # word → row of vectors and clusters
    words: np.ndarray
    vectors: np.ndarray  # (words, dimensions) float16, rows of unit length
    clusters: np.ndarray  # (words, 2): the word's cluster among cluster_counts[0], then cluster_counts[1]
    cluster_counts: tuple[int, int]


@lru_cache(maxsize=1)
def word_vectors() -> WordVectors:
    with np.load(data_path(f"models/{VECTORS_FILE}")) as arrays:
        words = arrays["words"]
        return WordVectors({str(word): i for i, word in enumerate(words)}, words, arrays["vectors"],
                           arrays["clusters"], tuple(int(n) for n in arrays["cluster_counts"]))


def vector(word: str) -> np.ndarray | None:
    """The word's vector (float32, unit length), or None for a word outside the vocabulary."""
    table = word_vectors()
    row = table.rows.get(word.lower())
    return None if row is None else table.vectors[row].astype(np.float32)


def clusters(word: str) -> tuple[int, int] | None:
    """The word's coarse and fine cluster, or None for a word outside the vocabulary."""
    table = word_vectors()
    row = table.rows.get(word.lower())
    return None if row is None else (int(table.clusters[row, 0]), int(table.clusters[row, 1]))


def nearest(word: str, count: int = 10) -> list[tuple[str, float]]:
    """The `count` words most similar to `word` (cosine), most similar first; [] outside the vocabulary."""
    query = vector(word)
    if query is None:
        return []
    table = word_vectors()
    similarity = table.vectors.astype(np.float32) @ query
    similarity[table.rows[word.lower()]] = -np.inf
    best = np.argsort(-similarity, kind="stable")[:count]
    return [(str(table.words[i]), float(similarity[i])) for i in best]
