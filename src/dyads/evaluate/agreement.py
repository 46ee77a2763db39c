"""Agreement between two independent annotations of one document, with the matching rules of
`dyads eval`: the second annotation's events are scored against the first as if an engine had coded
them, and the other way round.

Each accepted (required or optional) entry of the coding side becomes one event: the sentence holding
its quote, its first source and target country, its most specific CAMEO code and its modality.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import spacy

from dyads.evaluate import metrics
from dyads.evaluate.gold import AnnotatedDocument, ExpectedEvent
from dyads.evaluate.scoring import score_document
from dyads.events.ontology import lookup
from dyads.model import Actor, Event, Span


@dataclass(frozen=True)
class Agreement:
    """Pooled counts of one direction (`coded` scored against `gold`)."""

    required: int
    required_found: int
    coded: int
    coded_correct: int

    @property
    def recall(self) -> float:
        return metrics.ratio(self.required_found, self.required)

    @property
    def precision(self) -> float:
        return metrics.ratio(self.coded_correct, self.coded)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def agreement(pairs: Sequence[tuple[AnnotatedDocument, AnnotatedDocument]]) -> Agreement:
    """`coded` (the second of each pair) scored against `gold` (the first), pooled over documents."""
    required = found = coded = correct = 0
    for gold, other in pairs:
        figures = score_document(gold.document.id, gold, annotation_events(other)).figures
        required += figures["required"]
        found += figures["required_found"]
        coded += figures["emitted_scored"]
        correct += figures["emitted_correct"]
    return Agreement(required, found, coded, correct)


def annotation_events(annotated: AnnotatedDocument) -> list[Event]:
    text = annotated.document.text
    sentences = [(s.start_char, s.end_char) for s in _sentencizer()(text).sents]
    events = []
    for entry in annotated.expected:
        start = text.find(entry.quote)
        if entry.status == "forbidden" or start < 0:
            continue
        sentence_start, sentence_end = next(
            ((a, b) for a, b in sentences if a <= start < b), (start, start + len(entry.quote))
        )
        events.append(_as_event(entry, annotated.document.id, text, start, sentence_start, sentence_end))
    return events


def _as_event(entry: ExpectedEvent, doc_id: str, text: str, start: int, sentence_start: int, sentence_end: int) -> Event:
    code = lookup(entry.cameo[0])
    return Event(
        id=f"{doc_id}:{entry.id}",
        doc_id=doc_id,
        doc_date=None,
        sentence_index=0,
        sentence=text[sentence_start:sentence_end],
        trigger=Span(entry.quote, start, start + len(entry.quote)),
        source=_actor(entry.sources),
        target=_actor(entry.targets) if entry.targets else None,
        cameo=code.cameo(),
        plover=code.plover(),
        modality=entry.modality or "actual",
        reciprocal=entry.reciprocal,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
    )


def _actor(countries: list[str] | None) -> Actor:
    country = countries[0] if countries else None
    return Actor(country or "", code=country, country=country)


def _sentencizer():
    if not hasattr(_sentencizer, "nlp"):
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        _sentencizer.nlp = nlp
    return _sentencizer.nlp
