"""Journeys and visits: a journey that meets no one in office is no visit ("Somalis arrived in Kenya", "Kim
visited Kaesong"); a passive invitation to visit a country is its host's ("was invited to visit Japan"); an
agreement signed with no signatory named is the parties' of the meeting or visit told of just before."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from dyads.actors.mention import Mention
from dyads.data import read_tsv
from dyads.events.arguments import ArgumentFinder
from dyads.events.candidate import EventCandidate, Side
from dyads.model import Actor, Event

MEETING_ROOT = "04"
# An agreement signed with no signatory named is the parties' of a meeting or visit told of this close before.
SIGNATORIES_REACH = 2  # sentences
VISIT_VERBS = {"visit", "come", "travel"}
VISIT_NOUNS = {"visit", "trip", "tour"}


def meeting_parties(trigger: Token, earlier: list[EventCandidate]) -> tuple[Side, Side] | None:
    """Who signed what a passive names no signatory of ("A package of agreements were signed during Havel's
    visit"): the two sides of the latest meeting, talks or visit between two countries in the sentences just
    before (SIGNATORIES_REACH); None where there is none."""
    sentence = trigger.sent
    for candidate in reversed(earlier):
        event = candidate.event
        if candidate.sent.start >= sentence.start:
            continue
        if candidate.sent.end <= sentence.start and _sentences_between(candidate.sent, sentence) >= SIGNATORIES_REACH:
            return None
        if (candidate.dropped is not None or event.cameo.root != MEETING_ROOT or event.target is None
                or candidate.target_mention is None):
            continue
        if not event.source.country or not event.target.country or event.source.country == event.target.country:
            continue
        return _side_of(candidate.source_mention, event.source), _side_of(candidate.target_mention, event.target)
    return None


def host_inviting(verb: Token, finder: ArgumentFinder) -> list[Mention]:
    """The country a passive invitation is to ("was invited on a working visit to the United States", "has
    been invited to visit Japan"): its host, who invites; none where the visit has no destination."""
    destinations = []
    for child in verb.children:
        if child.dep_ == "xcomp" and child.lemma_.lower() in VISIT_VERBS:
            destinations += [g for g in child.children if g.dep_ == "dobj"] + _to_objects(child)
        if child.dep_ == "prep" and child.lower_ in ("on", "for"):
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in VISIT_NOUNS:
                    destinations += _to_objects(noun)
    for token in destinations:
        hosts = [m for m in finder.actors_coordinated(token) if m.actor.country]
        if hosts:
            return hosts[:1]
    return []


def _to_objects(head: Token) -> list[Token]:
    """The objects of the head's `to` phrases ("visit to the United States")."""
    return [o for g in head.children if g.dep_ == "prep" and g.lower_ == "to" for o in g.children if o.dep_ == "pobj"]


def _sentences_between(first: Span, second: Span) -> int:
    return sum(1 for _ in second.doc[first.end : second.start].sents)


def _side_of(mention: Mention, actor: Actor) -> Side:
    return mention, next((m for m, member in enumerate(mention.actors) if member.code == actor.code), 0)


@lru_cache(maxsize=1)
def _private_travel() -> frozenset[tuple[str, str]]:
    return frozenset((row["cameo"], row["sector"]) for row in read_tsv("events/private_travel.tsv"))


@lru_cache(maxsize=1)
def _visit_codes() -> frozenset[str]:
    """The codes of private_travel.tsv: those of a journey that may meet no one."""
    return frozenset(code for code, _ in _private_travel())


def makes_no_visit(event: Event) -> bool:
    """A journey coded as a visit that meets no one in office: a private one, or one at home."""
    return _travels_privately(event) or _travels_at_home(event)


def _travels_privately(event: Event) -> bool:
    """"Somalis arrived in Kenya", "voters go to the polls": a private journey, no visit (private_travel.tsv)."""
    return (event.cameo.code, (event.source.sectors or [""])[0]) in _private_travel()


def _travels_at_home(event: Event) -> bool:
    """"The prime minister travelled to a party stronghold", "Kim visited Kaesong": a visit (a code of
    private_travel.tsv) to a place in the traveller's own country meets no other party; the country is
    where it went, not whom it met."""
    target = event.target
    return (
        target is not None and not target.sectors and target.country == event.source.country
        and event.cameo.code in _visit_codes()
    )
