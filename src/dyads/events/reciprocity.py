"""Coordinated doers of an event with no other target: each other's counterpart, or partners in a joint act."""

from __future__ import annotations

from functools import cache
from itertools import pairwise

from spacy.tokens import Token

from dyads.data import read_tsv
from dyads.events.candidate import Side

EACH_OTHER = (("each", "other"), ("one", "another"))


@cache
def mutual_codes() -> tuple[str, ...]:
    return tuple(row["code"] for row in read_tsv("events/mutual_codes.tsv"))


def coordinated_doers(
    trigger: Token, cameo: str, group: list[Side], via: str
) -> tuple[Side, Side | None, bool, str]:
    """(source, target, reciprocal, via) of two doers or more with no other target: "Cho and Sergeev met" is a
    reciprocal meeting; "the US and the EU pressed for an inquiry" is one joint act, on a target found later."""
    if acts_on_each_other(trigger, cameo):
        return group[0], group[1], True, via + "+reciprocal"
    return group[0], None, False, via + "+joint"


def acts_on_each_other(trigger: Token, cameo: str) -> bool:
    """A sense done with a counterpart ("met", "signed a treaty", "clashed") or an act said to be mutual."""
    return cameo.startswith(mutual_codes()) or _says_each_other(trigger)


def _says_each_other(trigger: Token) -> bool:
    """"accused each other", "blaming one another", "each side accused the other"."""
    words = [token.lower_ for token in trigger.subtree]
    if any(pair in EACH_OTHER for pair in pairwise(words)):
        return True
    each_subject = any(child.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ == "each" for d in child.children)
                       for child in trigger.children)
    return each_subject and "other" in words
