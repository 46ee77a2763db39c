"""Actors on the project's shared data: the seed article and the dev actor phrases (skipped without ../shared)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyads import nlp as pipeline
from dyads.coder import Coder
from dyads.evaluate.run import evaluate_file
from dyads.model import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "corpus" / "seed" / "monitor-6-101.txt"
PHRASES = SHARED / "gold" / "dev" / "actor_phrases_dev.tsv"

pytestmark = [pytest.mark.shared, pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared")]


@pytest.fixture(scope="module")
def seed():
    nlp = pipeline.load(stages=["dyads_actors", "dyads_coref"])
    text = SEED.read_text(encoding="utf-8").split("\n\n", 1)[1]  # after the "Publication: ..." header
    doc = nlp.make_doc(text)
    doc._.document = Document("monitor-6-101", text, date=date(2000, 5, 22))
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def coded(doc, text):
    """(code, name) of every actor of every mention with this text, in order."""
    return [
        [(a.code, a.name) for a in m.actors]
        for m in doc._.actor_mentions
        if doc[m.start : m.end].text == text
    ]


def test_seed_persons_and_their_later_mentions(seed):
    cho = ("KORMIL", "Cho Sung-tae")
    sergeev = ("RUSMIL", "Igor Sergeev")
    assert coded(seed, "South Korean Defense Minister Cho Sung-tae") == [[cho]]
    assert coded(seed, "Defense Minister Igor Sergeev") == [[sergeev]]
    assert all(found == [cho] for found in coded(seed, "Cho")) and len(coded(seed, "Cho")) >= 8
    assert all(found == [sergeev] for found in coded(seed, "Sergeev")) and len(coded(seed, "Sergeev")) >= 5
    assert coded(seed, "his Russian counterpart") == [[sergeev]]
    assert coded(seed, "The Russian defense chief") == [[sergeev]]
    assert coded(seed, "the South Korean defense chief") == [[cho]]


def test_seed_metonyms_and_countries(seed):
    for text, code in [("Moscow", "RUS"), ("Seoul", "KOR"), ("Tokyo", "JPN"), ("Washington", "USA")]:
        found = coded(seed, text)
        assert found and all(actors == [(code, None)] for actors in found), text
    assert coded(seed, "Japanese-U.S.") == [[("JPN", None), ("USA", None)]]
    assert [("USA", None)] in coded(seed, "U.S.")


def test_seed_groups_and_pronouns(seed):
    pair = {"Cho Sung-tae", "Igor Sergeev"}
    groups = [
        m for m in seed._.actor_mentions if seed[m.start : m.end].text.lower() == "the two defense ministers"
    ]
    assert len(groups) == 1 and {a.name for a in groups[0].actors} == pair
    index = seed._.actor_mentions.index(groups[0])
    they = next(m for m in seed._.actor_mentions[index + 1 :] if seed[m.start : m.end].text == "they")
    assert {a.name for a in they.actors} == pair
    he = next(m for m in seed._.actor_mentions if seed[m.start : m.end].text == "he")
    assert he.actor.name == "Cho Sung-tae"
    # the most recent country first: South Korea, not Russia through the Russian daily that reported it
    assert coded(seed, "the two countries") == [[("KOR", None), ("RUS", None)]]


def test_actor_phrases_dev_targets():
    figures = evaluate_file(PHRASES, Coder()).figures
    print(figures)
    assert figures["country_accuracy"] >= 0.85
    assert figures["sector_accuracy"] >= 0.70
