"""Repeated reports of one event in a document: "Cho's visit" after "Cho paid a visit to Moscow" tells the
same visit again; "a second bomb exploded" tells a new act in the same words."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.events.candidate import EventCandidate
from dyads.events.lexicon import is_nominal
from dyads.events.referents import DEFINITE

# "a second bomb exploded", "another attack": the words that count a further act of the same kind
FURTHER = {"another", "second", "third", "fourth", "fifth"}
# "The Taliban also imposed restrictions on printing": the adverbs that add an act to one told before
ADDING = {"also"}


def drop_repeats(candidates: list[EventCandidate]) -> None:
    """Later mentions of an event already coded: one real event, one record.

    A later trigger is a repeat when its source, CAMEO code and trigger word agree with an earlier event
    and it names the same target or none, when it is an event noun with no target of the same code and
    source country ("Cho's visit" after "Cho paid a visit to Moscow"), or when it is a definite event noun
    ("the talks with Cho", "the meeting between Cho and Sergeev") between the same two countries as an
    earlier event of the same CAMEO root. The first, fuller record stands for all.
    """
    kept: list[EventCandidate] = []
    for candidate in candidates:
        event = candidate.event
        for first in kept:
            if first.event.sentence_index >= event.sentence_index:
                continue
            if _repeats(candidate, first):
                candidate.dropped = f"repeats {first.event.id}"
                break
        else:
            kept.append(candidate)


def _counted_as_further(trigger: Token) -> bool:
    """"A second bomb exploded after ...", "another attack killed ...", "also imposed restrictions": a new act,
    though told in the same words."""
    heads = [trigger, *(c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass"))]
    counted = any(c.lower_ in FURTHER for head in heads for c in head.children if c.dep_ in ("amod", "det"))
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return counted or any(c.dep_ == "advmod" and c.lower_ in ADDING for c in verb.children)


def _repeats(later: EventCandidate, first: EventCandidate) -> bool:
    if _counted_as_further(later.trigger):
        return False
    a, b = later.event, first.event
    same_source = (a.source.code, a.source.name) == (b.source.code, b.source.name)
    nominal = is_nominal(later.trigger)
    if nominal and a.target is None and a.source.country == b.source.country and a.cameo.code == b.cameo.code:
        return True  # "Cho's visit" after "Cho paid a visit to Moscow"; a verb tells a new act
    if same_source and a.cameo.code == b.cameo.code and later.trigger.lemma_ == first.trigger.lemma_:
        same_target = b.target and a.target and (a.target.code, a.target.name) == (b.target.code, b.target.name)
        if a.target is None or (nominal and same_target):
            return True
    definite = nominal and any(
        c.dep_ in ("det", "poss") and c.lower_ in DEFINITE | {"its", "their", "his", "her"}
        for c in later.trigger.children
    )
    if definite and a.cameo.root == b.cameo.root and a.target and b.target:
        if a.source.country == a.target.country:
            # within one country the parties tell events apart: "the killing of 33 terrorists" by the army
            # after the militants' attack on a train
            return {a.source.code, a.target.code} == {b.source.code, b.target.code}
        return {a.source.country, a.target.country} == {b.source.country, b.target.country}
    return False
