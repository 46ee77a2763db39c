"""An event while it is being coded: the record plus the parse it came from.

`dyads_events` creates these on `doc._.events`; later components (factuality, when, where, quantities,
provenance) read the tokens and fill fields of `event`. `Coder` returns only the finished `Event`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dyads.actors.mention import Mention
from dyads.model import Event

# One actor of a mention as an event's source or target: the mention and the index of the member it codes
# ("the two defense ministers", "they": one mention of a group of actors).
Side = tuple[Mention, int]


@dataclass
class EventCandidate:
    event: Event
    trigger: Token  # the head token of the trigger (a verb or an event noun)
    sent: Span
    source_mention: Mention | None = None
    target_mention: Mention | None = None
    tokens: list[Token] = field(default_factory=list)  # trigger tokens, e.g. "set up", "hot line"
    # the act is still to come, whatever the modality of the event coded for it: a stated intent or threat
    # (actual) is dated as the act it announces ("said it will protest on March 15")
    act_to_come: bool = False
    dropped: str | None = None  # why a later stage removed it (kept for --explain and tests)
