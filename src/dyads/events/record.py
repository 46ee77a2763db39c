"""The event record of a trigger and its two sides: the code, confidence and rule string the rules give it,
the actors' text and offsets as the document has them."""

from __future__ import annotations

import copy

from spacy.tokens import Doc, Span, Token

from dyads.events.armed_force import armed_force_code
from dyads.events.candidate import Side
from dyads.events.inferred_actors import STAND_IN, UNRESOLVED, UNRESOLVED_WEIGHT
from dyads.events.lexicon import TriggerEntry
from dyads.events.ontology import lookup
from dyads.model import Actor, Event, event_id
from dyads.model import Span as TextSpan


def rule_event(sent_index, sent: Span, trigger: Token, entry: TriggerEntry,
               source: Side, target: Side | None, via: str, weight: float) -> Event:
    """The record of an event the rules read: its row's confidence, less where it names no target, where its
    source is only found through what it refers back to or not resolved, and by the trigger's `weight` in its
    sentence; an assault or fight recoded by who uses force on whom."""
    confidence = entry.confidence
    if target is None:
        confidence *= 0.85
    if source[0].antecedent is not None:
        confidence *= 0.95
    if source[0].kind == UNRESOLVED:
        confidence *= UNRESOLVED_WEIGHT
    confidence *= weight
    rule = f"{entry.source} {via}"
    code = entry.cameo
    armed = armed_force_code(code, entry.lemma, _first_sector(source), _first_sector(target) if target else "")
    if armed is not None:
        code, rule = armed, f"{rule} | force:{code}->{armed}"
    return build_event(sent_index, sent, trigger_tokens(trigger), code, source, target, confidence, rule)


def _first_sector(side: Side) -> str:
    sectors = side[0].actors[side[1]].sectors
    return sectors[0] if sectors else ""


def trigger_tokens(trigger: Token) -> list[Token]:
    tokens = [trigger] + [c for c in trigger.children if c.dep_ == "prt"]
    return sorted(tokens, key=lambda t: t.i)


def build_event(sent_index: int, sent: Span, tokens: list[Token], cameo: str, source: Side, target: Side | None,
                confidence: float, rule: str) -> Event:
    """The event record of a trigger (`tokens`) coded `cameo`, between two sides of the parse: how rule
    events and the learned fallback's events are made alike."""
    doc = sent.doc
    document = doc._.document
    doc_id = document.id if document is not None else "doc"
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    code = lookup(cameo)
    source_actor = _actor(doc, source)
    target_actor = _actor(doc, target) if target else None
    event = Event(
        id="",
        doc_id=doc_id,
        doc_date=document.date.isoformat() if document is not None and document.date else None,
        sentence_index=sent_index,
        sentence=sent.text,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        trigger=TextSpan(_text_of(tokens), start, end),
        source=source_actor,
        target=target_actor,
        cameo=code.cameo(),
        plover=code.plover(),
        confidence=round(confidence, 3),
        rule=rule,
    )
    event.id = event_id(event)
    return event


def _text_of(tokens: list[Token]) -> str:
    """The text from the first token to the last (a verb and its particle: "set it up"); one token's own text
    without making a Span, as most triggers are one word."""
    if len(tokens) == 1:
        return tokens[0].text
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text  # doc.text rebuilds the whole text


def _actor(doc: Doc, side: Side) -> Actor:
    mention, member = side
    actor = copy.copy(mention.actors[member])
    actor.sectors = list(actor.sectors)
    span = doc[mention.start : mention.end]
    actor.start, actor.end = span.start_char, span.end_char
    if mention.kind != STAND_IN:
        actor.text = span.text
    return actor
