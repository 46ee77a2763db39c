"""Whom a response to something named earlier is aimed at: "Iran rejected the resolution" answers whoever
passed the resolution the report told of before, "Lebanon boycotted the summit" its host, "Britain welcomed
the news" whoever made the news. A definite noun that names no one refers back to the latest earlier
mention of its kind (data/events/referring_nouns.tsv), and that mention's doer is the target.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from dyads.data import read_tsv
from dyads.events.arguments import RELATIVE_PRONOUNS, ArgumentFinder, noun_sources, subject_candidates
from dyads.events.candidate import EventCandidate, Side
from dyads.events.lexicon import OBJECT_DEPS, TriggerEntry, complement_clauses

ANY_EVENT = "@event"
DEFINITE = {"the", "this", "that", "these", "those"}
# "agreed to the plan", "objected to the resolution", "voted on the proposal"
RESPONSE_PREPS = {"to", "on"}
# "a resolution in the U.S. Congress": a body the `in` phrase names made it; a country there is only where
PLACE_KINDS = {"country", "capital", "demonym"}
# "The statement threatened sanctions": what a document the report told of says, its issuer says
ISSUED_DOCUMENTS = {"statement", "communique", "communiqué", "declaration", "letter", "message"}


@dataclass(frozen=True)
class ReferringNoun:
    antecedents: frozenset[str]
    responses: frozenset[str]


@lru_cache(maxsize=1)
def referring_nouns() -> dict[str, ReferringNoun]:
    return {
        row["noun"]: ReferringNoun(frozenset(row["antecedents"].split("|")), frozenset(row["responses"].split("|")))
        for row in read_tsv("events/referring_nouns.tsv")
    }


def referred_doer(trigger: Token, entry: TriggerEntry, responder: Side, earlier: list[EventCandidate],
                  finder: ArgumentFinder) -> Side | None:
    """The doer of what a response verb's definite object refers back to, when that is another actor than
    the responder's country; None when the object is no referring noun or nothing earlier resolves it."""
    if entry.pos != "verb":
        return None
    referring = _referring_object(trigger, entry)
    if referring is None:
        return None
    sent_start = trigger.sent.start
    own = responder[0].actors[responder[1]]

    def foreign(side: Side | None) -> bool:
        """Another country's, or a body's of none (the UN, the Arab League)."""
        if side is None:
            return False
        other = side[0].actors[side[1]]
        if other.country is None:  # not an unplaced "government" or "police"
            return other.international and other.code != own.code
        return other.country != own.country

    if ANY_EVENT in referring.antecedents:
        for candidate in reversed(earlier):
            if candidate.dropped is None and candidate.sent.start < sent_start:
                side = _source_side(candidate)
                if foreign(side):
                    return side
        return None
    for token in reversed(trigger.doc[:sent_start]):
        if token.lemma_.lower() in referring.antecedents and finder.mention_of(token) is None:
            side = _doer(token, earlier, finder, referring.responses)
            if foreign(side):
                return side
    return None


def _referring_object(trigger: Token, entry: TriggerEntry) -> ReferringNoun | None:
    """The table row of the definite noun the response verb, or the clause it takes, acts on ("rejected the
    resolution", "refused to endorse the plan", "the plan, which Iran rejected")."""
    table = referring_nouns()
    for verb in (trigger, *complement_clauses(trigger)):
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
        objects += [g for p in verb.children if p.dep_ == "prep" and p.lower_ in RESPONSE_PREPS
                    for g in p.children if g.dep_ == "pobj"]
        for obj in objects:
            noun = _relative_antecedent(obj)
            row = table.get(noun.lemma_.lower())
            if row is not None and entry.cameo[:2] in row.responses and _definite(noun):
                return row
    return None


def _relative_antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("the declaration, which Iraq refused to endorse")."""
    if token.lower_ not in RELATIVE_PRONOUNS:
        return token
    node = token
    while node.dep_ != "relcl" and node.head.i != node.i:
        node = node.head
    return node.head if node.dep_ == "relcl" else token


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)


def _source_side(candidate: EventCandidate) -> Side:
    mention, source = candidate.source_mention, candidate.event.source
    member = next((m for m, actor in enumerate(mention.actors) if actor.code == source.code), 0)
    return mention, member


def _doer(token: Token, earlier: list[EventCandidate], finder: ArgumentFinder, responses: frozenset[str]) -> Side | None:
    """Who did what an earlier word tells: the source of the event coded on it, else the actor its own
    phrase names, else the subject of the verb it is the object of (or of the verb itself), unless that verb
    is itself a response to it ("the EU and the US support the plan" do not make the plan)."""
    coded = next((c for c in reversed(earlier) if c.trigger.i == token.i), None)
    if coded is not None:
        return _source_side(coded)
    if token.pos_ in ("NOUN", "PROPN"):
        for part, _ in noun_sources(token):
            found = finder.actors_coordinated(part)
            if found:
                return found[0], 0
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                bodies = [m for g in prep.children if g.dep_ == "pobj" for m in finder.actors_coordinated(g)
                          if m.kind not in PLACE_KINDS]
                if bodies:
                    return bodies[0], 0
        if token.dep_ not in OBJECT_DEPS:
            return None
        verb = token.head
    else:
        verb = token
    if any(c.trigger.i == verb.i and c.event.cameo.root in responses for c in earlier):
        return None
    for subjects, _ in subject_candidates(verb):
        found = [m for s in subjects for m in finder.actors_coordinated(s)]
        if found:
            return found[0], 0
    return None


def issuer(verb: Token, earlier: list[EventCandidate], finder: ArgumentFinder) -> Side | None:
    """Who issued the definite document that is the verb's subject ("The statement accused Ethiopia"): the
    doer of the latest earlier mention of that document ("Blinken issued a statement", "Eritrea said in a
    statement"); None when the subject is no such document or the earlier mention names no one."""
    subjects = next((tokens for tokens, _ in subject_candidates(verb)), [])
    document = next((s for s in subjects if s.lemma_.lower() in ISSUED_DOCUMENTS and _definite(s)), None)
    if document is None:
        return None
    for token in reversed(verb.doc[: verb.sent.start]):
        if token.lemma_.lower() == document.lemma_.lower():
            return _doer(token, earlier, finder, frozenset()) or _speaker_of(token, finder)
    return None


def _speaker_of(document: Token, finder: ArgumentFinder) -> Side | None:
    """"Eritrea said in a statement": the subject of the verb the document is the means of."""
    if document.dep_ != "pobj" or document.head.lower_ != "in":
        return None
    for subjects, _ in subject_candidates(document.head.head):
        found = [m for s in subjects for m in finder.actors_coordinated(s)]
        if found:
            return found[0], 0
    return None
