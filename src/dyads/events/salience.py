"""How central a trigger is to its sentence, as a weight on its event's confidence."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.events.arguments import is_purpose_clause
from dyads.events.lexicon import TriggerEntry

# How much less sure the event of a subordinate clause is than the main clause's, per clause level: a
# clause that describes a noun ("an attack officials blamed on X", "a resolution that aims to impose")
# is background more often than a complement is ("said it would", "agreed to").
SUBORDINATE_WEIGHTS = {"ccomp": 0.92, "xcomp": 0.92, "advcl": 0.92, "pcomp": 0.92, "csubj": 0.92,
                       "acl": 0.7, "relcl": 0.7}
LATER_CONJUNCT_WEIGHT = 0.85
# "staged demonstrations to demand reforms": the purpose is background to what was done
PURPOSE_WEIGHT = 0.8


def salience(trigger: Token, matched: dict[int, TriggerEntry]) -> float:
    """How central the trigger is to its sentence: the main clause's event is the surest reading, and of
    coordinated events ("rejected and condemned the decision") the first is the one a coder codes."""
    weight = 1.0
    token = trigger
    while token.head.i != token.i:
        weight *= PURPOSE_WEIGHT if is_purpose_clause(token) else SUBORDINATE_WEIGHTS.get(token.dep_, 1.0)
        token = token.head
    if trigger.dep_ == "conj" and trigger.head.i in matched:
        weight *= LATER_CONJUNCT_WEIGHT
    return weight
