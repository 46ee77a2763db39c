"""EventCandidates built by hand on a parsed Doc: the input the when/where/quantities/provenance stages read."""

from __future__ import annotations

from datetime import date

import spacy
from spacy.tokens import Doc

from dyads import nlp as pipeline
from dyads.events.candidate import EventCandidate
from dyads.model import Actor, Cameo, Document, Event, Plover, Span


def parse(text: str, doc_date: date | None = None) -> Doc:
    doc = _bare()(text)
    doc._.document = Document(id="fixture", text=text, date=doc_date)
    doc._.events = []
    return doc


def _bare():
    if not hasattr(_bare, "nlp"):
        _bare.nlp = spacy.load(pipeline.DEFAULT_MODEL)
    return _bare.nlp


def add_event(
    doc: Doc,
    trigger: str,
    source: str | None = None,
    target: str | None = None,
    cameo: str = "040",
    modality: str = "actual",
    historical: bool = False,
    occurrence: int = 0,
) -> EventCandidate:
    """An event whose trigger is the `occurrence`-th token with text `trigger`."""
    token = [t for t in doc if t.text == trigger][occurrence]
    sent = token.sent
    sentence_index = next(i for i, s in enumerate(doc.sents) if s.start == sent.start)
    event = Event(
        id=f"e{len(doc._.events)}",
        doc_id="fixture",
        doc_date=None,
        sentence_index=sentence_index,
        sentence=sent.text,
        trigger=Span(token.text, token.idx, token.idx + len(token)),
        source=Actor(source or "", country=source),
        target=Actor(target, country=target) if target else None,
        cameo=Cameo(cameo, cameo[:2], "", 0, 0.0),
        plover=Plover("CONSULT"),
        modality=modality,
        historical=historical,
    )
    candidate = EventCandidate(event=event, trigger=token, sent=sent)
    doc._.events.append(candidate)
    return candidate
