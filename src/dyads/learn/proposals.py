"""The candidates the model decides on: rule events and the unmatched verbs of sentences naming an actor."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyads.actors.mention import Mention
from dyads.events.arguments import ArgumentFinder
from dyads.events.candidate import EventCandidate
from dyads.events.classifier import find_parties
from dyads.events.extract import subject_actors
from dyads.events.inferred_actors import located
from dyads.events.lexicon import trigger_lexicon
from dyads.model import Actor

VERB = "VERB"


@dataclass
class Proposal:
    """One candidate event: a rule event (`candidate`) or an unmatched verb with the parties the parse gives
    (none where the parse finds no actor subject: the argument model then chooses from the sentence's)."""

    sent_index: int
    sent: Span
    trigger: Token
    source: Mention | None
    target: Mention | None
    reciprocal: bool = False
    candidate: EventCandidate | None = None  # None: a verb the lexicon did not match
    rechosen: bool = False  # the argument model changed the source or target
    source_score: float | None = None  # the argument model's probability of the source (None: not asked)
    target_score: float | None = None

    def __post_init__(self) -> None:
        self.parse_source, self.parse_target = self.source, self.target

    @property
    def lexicon_code(self) -> str | None:
        return self.candidate.event.cameo.code if self.candidate is not None else None

    @property
    def mentions(self) -> list[Mention]:
        return [m for m in (self.source, self.target) if m is not None]

    def actors(self) -> tuple[Actor, Actor | None]:
        """Source and target as the event records them (a rule event's may be one member of a group)."""
        if self.candidate is not None and not self.rechosen:
            return self.candidate.event.source, self.candidate.event.target
        return self.source.actor, self.target.actor if self.target is not None else None


def proposals(doc: Doc, finder: ArgumentFinder, unmatched_verbs: bool = True) -> list[Proposal]:
    """The rule events still standing, then (with `unmatched_verbs`) the verbs of sentences that name an
    actor that the lexicon did not match."""
    sent_starts = {sent.start: index for index, sent in enumerate(doc.sents)}
    found = []
    triggers = set()
    for candidate in doc._.events or []:
        if candidate.dropped is not None or candidate.source_mention is None:
            continue
        triggers.add(candidate.trigger.i)
        found.append(Proposal(candidate.event.sentence_index, candidate.sent, candidate.trigger,
                              candidate.source_mention, candidate.target_mention,
                              candidate.event.reciprocal, candidate))
    if not unmatched_verbs:
        return found
    lexicon = trigger_lexicon()
    for sent in doc.sents:
        if not any(token.i in finder.mention_at for token in sent):
            continue
        for token in sent:
            if token.pos_ != VERB or token.i in triggers or lexicon.match(token) is not None:
                continue
            parties = verb_parties(token, finder) or (None, None, False)
            found.append(Proposal(sent_starts[sent.start], sent, token, *parties))
    return found


def verb_parties(verb: Token, finder: ArgumentFinder) -> tuple[Mention, Mention | None, bool] | None:
    """Source and target of an unmatched verb: its subject and object (or clause) where the parse names
    both, else its subject alone."""
    parties = find_parties(verb, finder)
    if parties is not None:
        return parties.source, parties.target, parties.reciprocal
    sources, _ = subject_actors(verb, finder)
    if not sources:
        return None
    return located(sources[0], verb, finder), None, False
