"""Counted event nouns: "their first round of talks", where the parser hangs the possessive and the modifiers
on the counting word "round" rather than on the talks themselves."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.data import read_lemmas


def counting_nouns() -> frozenset[str]:
    return read_lemmas("events/counting_nouns.tsv")


def counting_noun(noun: Token) -> Token | None:
    """The word that counts an event noun in an "of" phrase ("round" of "a new round of talks"), or None."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.lower_ != "of":
        return None
    counter = preposition.head
    return counter if counter.pos_ == "NOUN" and counter.lemma_.lower() in counting_nouns() else None


def standing_for(noun: Token) -> Token:
    """The token that stands for an event noun in its clause: its counting word where it has one ("their
    round of talks"), else the noun itself."""
    return counting_noun(noun) or noun
