"""Whom a denial answers where it names no one ("Beijing denies the allegations", "dismissed the
accusations"): whoever accused or criticized the denier's country before, else whoever charged or
sanctioned it."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.events.arguments import governing_verb
from dyads.events.candidate import EventCandidate, Side
from dyads.events.lexicon import TriggerEntry, has_modal, is_nominal

DENIAL = "016"
REJECTION_ROOT = "12"
# A rejection of one of these answers whoever made it, as a denial does: "dismissed the allegations".
CHARGE_NOUNS = frozenset({"allegation", "accusation", "charge", "claim", "assertion"})
DISAPPROVAL_ROOT = "11"
# Where no one accused the denier, a denial answers the legal action or sanctions taken against it: "police
# arrested the opposition leader ... he denies the charges", "Washington imposed sanctions on Berisha ...
# Berisha rejected the allegations" (arrest, detain or charge 173; embargo or sanctions 163)
CHARGING_CODES = frozenset({"173", "163"})


def answers_a_charge(entry: TriggerEntry) -> bool:
    """A denial, or a rejection of a charge ("dismissed the allegations", "called the claims baseless")."""
    return entry.cameo == DENIAL or (entry.cameo[:2] == REJECTION_ROOT and entry.keys_on("obj", CHARGE_NOUNS))


def accuser_of(denier: Side, earlier: list[EventCandidate]) -> Side | None:
    """Whom a denial that names no one answers ("Beijing denies the allegations"): the source of the latest
    accusation or criticism in the sentences before that was aimed at the denier's country, else of the
    latest charge or sanction (`CHARGING_CODES`) aimed at it."""
    country = denier[0].actors[denier[1]].country
    if country is None:
        return None
    aimed = [c for c in reversed(earlier)
             if c.dropped is None and c.event.target is not None and c.event.target.country == country]
    answered = (next((c for c in aimed if c.event.cameo.root == DISAPPROVAL_ROOT), None)
                or next((c for c in aimed if c.event.cameo.code in CHARGING_CODES and not _modal(c.trigger)), None))
    if answered is None:
        return None
    mention, source = answered.source_mention, answered.event.source
    return mention, next((m for m, actor in enumerate(mention.actors) if actor.code == source.code), 0)


def _modal(trigger: Token) -> bool:
    """Whether the trigger's clause is only what should, could or will be done ("should use sanctions")."""
    verb = governing_verb(trigger) if is_nominal(trigger) else trigger
    return verb is not None and has_modal(verb)
