"""`Coder`: the one way dyads turns documents into events. The CLI, the server and the Dask runner call it."""

from __future__ import annotations

import copy
import dataclasses
import gc
import logging
import multiprocessing
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from spacy.tokens import Doc

from dyads import nlp as pipeline
from dyads.ingest.limits import DocumentLimits, clean_text, pieces
from dyads.model import Document, Event, event_id
from dyads.user_lexicons import LexiconFile, UserLexicons
from dyads.workers import WorkerPool

log = logging.getLogger("dyads")

# Events less likely than this to be correct are left out unless asked for (`min_confidence=0` keeps every
# one). Chosen on the VOA benchmark's train and dev splits (`bench/calibration.py`): on train it costs
# 0.005 of required recall for 0.074 of precision, on dev nothing for 0.059; it keeps every required event
# of the seed article. Precision first: GDELT's false positives are what its users most complain of.
DEFAULT_MIN_CONFIDENCE = 0.2

# Coded once before workers fork, so that every lazily loaded table is in memory they share.
WARM_UP_TEXT = "The French foreign minister met his German counterpart in Berlin on Monday, officials said."

@dataclass
class CodedDocument:
    document: Document
    events: list[Event]
    sentences: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # set when coding this document failed; its events are then empty


class Coder:
    """Codes news reports as political events.

    >>> coder = Coder()
    >>> events = coder.code("Russia condemned the missile test.", date="2024-05-02")

    `actors` and `verbs` are the user's own tables (paths, in the shipped TSV formats: see
    `dyads.user_lexicons`), layered over the shipped lexicons; a file with rows that cannot be loaded raises
    `LexiconError`. The coder carries their text to every process it codes in.
    """

    def __init__(
        self,
        model: str = pipeline.DEFAULT_MODEL,
        batch_size: int = 16,
        limits: DocumentLimits | None = None,
        actors: Iterable[str | Path | LexiconFile] = (),
        verbs: Iterable[str | Path | LexiconFile] = (),
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        decisions: str = pipeline.DEFAULT_DECISIONS,
    ):
        self.model = model
        self.batch_size = batch_size
        self.limits = limits or DocumentLimits()
        self.lexicons = UserLexicons.read(actors, verbs)
        self.min_confidence = min_confidence  # events less likely than this to be correct are left out
        self.decisions = decisions  # what the learned decisions may change: calibrate or decide
        self._nlp = None

    @property
    def settings(self) -> tuple:
        """What makes another process's `Coder(*settings)` code as this one does."""
        return (
            self.model, self.batch_size, self.limits, self.lexicons.actors, self.lexicons.verbs,
            self.min_confidence, self.decisions,
        )  # fmt: skip

    def with_min_confidence(self, min_confidence: float) -> Coder:
        """This coder with another threshold; both use the one pipeline this process loaded."""
        other = copy.copy(self)
        other.min_confidence = min_confidence
        return other

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_nlp": None}  # a process the coder is sent to loads its own pipeline

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = pipeline.shared(self.model, self.lexicons, self.decisions)
        return self._nlp

    def code(self, text: str, date: str | date | None = None, doc_id: str = "doc") -> list[Event]:
        """Events of one text; `date` (ISO string or date) is its publication date."""
        document = Document(id=doc_id, text=text, date=_as_date(date))
        return self.code_document(document).events

    def code_document(self, document: Document) -> CodedDocument:
        return next(self.code_batch([document]))

    def pipe(self, documents: Iterable[Document], workers: int = 0) -> Iterator[CodedDocument]:
        """Code a stream of documents, in order.

        `workers` = 0 codes in this process; N >= 1 codes in N worker processes under a watchdog that
        abandons a document still being coded after `limits.max_seconds` or one that kills its process
        (see `dyads.workers`). Workers are forked, so they share the model this process loaded.
        """
        if workers < 1:
            yield from self.code_batch(documents)
            return
        if "fork" not in multiprocessing.get_all_start_methods():
            log.warning("no fork() on this platform: coding in one process, without the per-document watchdog")
            yield from self.code_batch(documents)
            return
        self.code(WARM_UP_TEXT, date="2000-01-01")  # loads every lazily loaded table before the fork
        # the loaded model out of the collector's sight while workers share it: their collections would
        # otherwise walk (and so copy, page by page) the memory they share with this process
        gc.freeze()
        try:
            with WorkerPool(self, workers, multiprocessing.get_context("fork")) as pool:
                yield from pool.code(_batched(documents, self.batch_size))
        finally:
            gc.unfreeze()

    def skipped(self, document: Document, reason: str) -> CodedDocument:
        """`document` as not coded, for `reason` (logged)."""
        log.warning("%s: %s; skipped", document.id, reason)
        return CodedDocument(document, [], error=reason)

    def code_batch(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        """Code documents in this process, in batches of `batch_size`."""
        for batch in _batched(documents, self.batch_size):
            if any(len(document.text) > self.limits.piece_chars for document in batch):  # rare: one by one
                yield from (self._code_long(document) for document in batch)
                continue
            try:
                results = [_finish(doc, self.min_confidence) for doc in self.nlp.pipe(self._docs(batch), batch_size=self.batch_size)]
            except Exception:  # noqa: BLE001 — one bad document must not cost the batch: retry one by one
                results = [self._code_alone(document) for document in batch]
            yield from results

    def _docs(self, documents: list[Document]) -> Iterator[Doc]:
        for document in documents:
            doc = self.nlp.make_doc(clean_text(document.text))
            doc._.document = document
            yield doc

    def _code_alone(self, document: Document) -> CodedDocument:
        try:
            return _finish(self.nlp(next(self._docs([document]))), self.min_confidence)
        except Exception as error:  # noqa: BLE001 — logged and reported as a skipped document
            log.warning("%s: coding failed (%s: %s); skipped", document.id, type(error).__name__, error)
            return CodedDocument(document, [], error=f"{type(error).__name__}: {error}")

    def _code_long(self, document: Document) -> CodedDocument:
        """A document over `limits.piece_chars`, coded piece by piece within the size and time limits."""
        limits = self.limits
        if len(document.text) <= limits.piece_chars:
            return self._code_alone(document)
        if len(document.text) > limits.max_chars:
            return self.skipped(document, f"{len(document.text):,} characters, more than {limits.max_chars:,}")
        deadline = time.monotonic() + limits.max_seconds
        coded = CodedDocument(document, [])
        for offset, text in pieces(document.text, limits.piece_chars):
            if time.monotonic() > deadline:
                return self.skipped(document, f"still coding after {limits.max_seconds:g} s, the time limit")
            part = self._code_alone(dataclasses.replace(document, text=text))
            if part.error:
                return part
            coded.events += [_moved(event, offset, coded.sentences) for event in part.events]
            coded.sentences += part.sentences
            coded.warnings += [warning for warning in part.warnings if warning not in coded.warnings]
        return coded


def _finish(doc: Doc, min_confidence: float) -> CodedDocument:
    document: Document = doc._.document
    events = _merge_repeats(candidate.event for candidate in doc._.events or []
                            if candidate.dropped is None and candidate.event.confidence >= min_confidence)
    warnings = []
    if document.date is None and events and document.origin is None:  # readers warn for what they read
        warnings.append(f"{document.id}: no document date known; events keep a null date")
    return CodedDocument(document, events, sentences=sum(1 for _ in doc.sents), warnings=warnings)


def _merge_repeats(events: Iterable[Event]) -> list[Event]:
    """One record per event: a later record with the same identity (the same trigger, actors and code,
    reached by two paths through the parse) is dropped for the first."""
    unique: dict[str, Event] = {}
    for event in events:
        event.id = event_id(event)  # again: components after the extractor may recode it (intent → act)
        unique.setdefault(event.id, event)
    return list(unique.values())


def _moved(event: Event, offset: int, sentences_before: int) -> Event:
    """An event coded in a piece of a long document, with offsets and sentence index into the whole."""
    if offset == 0:
        return event
    for span in (event.trigger, event.source, event.target):
        if span is not None and span.end > 0:  # (0, 0): an actor with no position in the text
            span.start += offset
            span.end += offset
    event.sentence_start += offset
    event.sentence_end += offset
    event.sentence_index += sentences_before
    event.id = event_id(event)  # the id the event would have had, coded in the whole document
    return event


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
