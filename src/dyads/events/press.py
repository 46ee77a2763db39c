"""The press in the report: a reporter gathering the news ("VOA's Peter Fedynsky reports from Moscow") makes
no event, and the press a statement is told to ("told VOA") is its channel, no party to it."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from dyads.actors.lexicon import load_speech_verbs
from dyads.actors.mention import Mention
from dyads.data import read_tsv
from dyads.events.arguments import ArgumentFinder
from dyads.events.factuality import reporting_verbs

MEDIA = "MED"
# Besides the verbs of speech and report, the words that name the press a statement reaches: "spoke with VOA",
# "a statement emailed to VOA", "in an interview with VOA"
CHANNEL_WORDS = frozenset({"speak", "talk", "email", "interview"})


@lru_cache(maxsize=1)
def newsgathering_words() -> dict[str, str]:
    return {row["lemma"]: row["journalist"] for row in read_tsv("events/newsgathering.tsv")}


def journalists_at_work(trigger: Token, sources: list[Mention], target_candidates, finder: ArgumentFinder) -> bool:
    """A reporter gathering the news ("VOA's Peter Fedynsky reports from Moscow", "VOA spoke with experts",
    "an official who spoke to VOA"): the report's own making, no event between its actors."""
    side = newsgathering_words().get(trigger.lemma_.lower())
    if side is None:
        return False
    return any(map(is_press, sources)) or side == "either" and told_the_press(target_candidates, finder)


def told_the_press(target_candidates, finder: ArgumentFinder) -> bool:
    """"told VOA that he had been surprised": a plain statement to the press, with no one it is addressed to."""
    return any(is_press(m) for token, _ in target_candidates for m in finder.actors_coordinated(token))


def is_press(mention: Mention) -> bool:
    return mention.actor.sectors[:1] == [MEDIA]


def press_channel(mention: Mention, doc: Doc) -> bool:
    """The press a statement is told to or that reports it ("told VOA", "a statement emailed to VOA", "in an
    interview with VOA", "as VOA's Sonja Pace reports"): no party to the events the sentence tells."""
    if not is_press(mention):
        return False
    node = doc[mention.start : mention.end].root
    if node.dep_ == "poss":  # "VOA's correspondent reports"
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ in ("to", "with"):
        node = node.head
    elif node.dep_ not in ("dobj", "dative", "nsubj"):
        return False
    word = node.head.lemma_.lower()
    return word in CHANNEL_WORDS or word in load_speech_verbs() or word in reporting_verbs()
