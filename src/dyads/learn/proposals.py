"""The candidates the model decides on: rule events, and in sentences naming an actor, the words the
trigger lexicon matched but the rules made no event of (no actor found in their parse) and the verbs it did
not match."""

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
    """One candidate event: a rule event (`candidate`) or another word with the parties the parse gives
    (none where the parse finds no actor subject: the argument model then chooses from the sentence's)."""

    sent_index: int
    sent: Span
    trigger: Token
    source: Mention | None
    target: Mention | None
    reciprocal: bool = False
    candidate: EventCandidate | None = None  # None: a word the rules made no event of
    matched_code: str | None = None  # the lexicon's code for such a word, where a row matched it
    rechosen: bool = False  # a reading with another source or target than the parse's
    source_score: float | None = None  # the argument model's probability of the source (None: not asked)
    target_score: float | None = None
    source_rank: int | None = None  # 0: the likeliest source of the trigger
    target_rank: int | None = None

    def __post_init__(self) -> None:
        self.parse_source, self.parse_target = self.source, self.target

    @property
    def key(self) -> tuple[int, int]:
        """The trigger's place: the readings of one proposal share it."""
        return self.sent_index, self.trigger.i

    @property
    def lexicon_code(self) -> str | None:
        return self.candidate.event.cameo.code if self.candidate is not None else self.matched_code

    @property
    def mentions(self) -> list[Mention]:
        return [m for m in (self.source, self.target) if m is not None]

    def actors(self) -> tuple[Actor, Actor | None]:
        """Source and target as the event records them (a rule event's may be one member of a group)."""
        if self.candidate is not None and not self.rechosen:
            return self.candidate.event.source, self.candidate.event.target
        return self.source.actor, self.target.actor if self.target is not None else None


def proposals(doc: Doc, finder: ArgumentFinder, other_words: bool = True) -> list[Proposal]:
    """The rule events still standing, then (with `other_words`) in sentences that name an actor, the
    verbs and lexicon-matched nouns the rules made no event of."""
    sent_starts = {sent.start: index for index, sent in enumerate(doc.sents)}
    found = []
    triggers = set()
    for candidate in doc._.events or []:
        triggers.add(candidate.trigger.i)
        if candidate.dropped is not None or candidate.source_mention is None:
            continue
        found.append(Proposal(candidate.event.sentence_index, candidate.sent, candidate.trigger,
                              candidate.source_mention, candidate.target_mention,
                              candidate.event.reciprocal, candidate))
    if not other_words:
        return found
    lexicon = trigger_lexicon()
    for sent in doc.sents:
        if not any(token.i in finder.mention_at for token in sent):
            continue
        for token in sent:
            if token.i in triggers or token.i in finder.mention_at:
                continue
            entry = lexicon.reading(token)
            if entry is not None and not entry.codes_event:
                continue  # a sense the lexicon says is no event ("talk about", "appeal the ruling")
            if token.pos_ != VERB and entry is None:
                continue
            parties = verb_parties(token, finder) if token.pos_ == VERB else None
            found.append(Proposal(sent_starts[sent.start], sent, token, *(parties or (None, None, False)),
                                  matched_code=entry.cameo if entry is not None else None))
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
