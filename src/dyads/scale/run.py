"""A resumable coding run: documents in, batches of coded documents committed to every output.

Each output (the DuckDB `Store`, the Parquet dataset) commits a batch as one unit and tells what it
holds (`done()`: document id and content hash). A run skips what every output already holds and gives
each output only what it lacks, so a run killed at any moment and started again with the same inputs
codes every document exactly once and stores its events once. Documents whose coding failed are not
stored anywhere, so the next run tries them again. A document whose id the store holds with another
text replaces it there, and the run names it in `replaced`; one whose text the store holds under another id
is not coded for it, and the run names it in `duplicates`. An output that cannot take a batch (disk
full, a lost or locked file) stops the run with `OutputFailed`; every batch committed before it stays.

The set of done (id, hash) pairs is the one thing that grows with the corpus: about 200 bytes a document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import duckdb

from dyads.coder import CodedDocument, Coder
from dyads.export.store import AddResult
from dyads.model import Document

if TYPE_CHECKING:
    from typing_extensions import Self


class Output(Protocol):
    path: Path
    one_id_per_text: bool  # skips a document whose text it holds under another id (the store)

    def done(self) -> set[tuple[str, str]]: ...

    def add(self, coded_documents: Iterable[CodedDocument]): ...


class OutputFailed(Exception):
    """An output could not commit a batch: the message names the output and the first error."""

    def __init__(self, path: str | Path, error: Exception):
        super().__init__(f"cannot write {path}: {error_reason(error)}")


def error_reason(error: Exception) -> str:
    """"No space left on device" rather than "[Errno 28] No space left on device: 'events.jsonl'"."""
    return error.strerror if isinstance(error, OSError) and error.strerror else str(error)


class Engine(Protocol):
    def code(self, coder: Coder, documents: Iterable[Document]) -> Iterator[CodedDocument]: ...


class LocalEngine:
    """Code in this process, or in `workers` local processes (`Coder.pipe`)."""

    def __init__(self, workers: int = 1):
        self.workers = workers

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info) -> None:
        pass

    def code(self, coder: Coder, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        return coder.pipe(documents, workers=self.workers)


class ResumableRun:
    """Codes what `outputs` do not hold yet and commits it to them, `batch_size` documents at a time.

    >>> run = ResumableRun([Store("events.duckdb")], coder)
    >>> for coded in run.code(read(["corpus.jsonl"])):  # each one already committed
    ...     ...
    >>> run.already_done  # documents a previous run had stored
    >>> run.replaced  # (id, origin) of documents that replaced (store) or superseded (dataset) another text
    >>> run.duplicates  # (id, origin, stored id) of documents skipped: their text is stored under another id
    """

    def __init__(
        self, outputs: list[Output], coder: Coder, engine: Engine | None = None, batch_size: int = 64
    ):
        self.outputs = outputs
        self.coder = coder
        self.engine = engine or LocalEngine()
        self.batch_size = batch_size
        self._done = [output.done() for output in outputs]
        # per output that keeps one id per text: content hash → the id it is stored under (the least, as `Store.add`)
        self._holders: list[dict[str, str] | None] = [
            _holders(done) if output.one_id_per_text else None for output, done in zip(outputs, self._done, strict=True)
        ]
        self.stored_before = len(set.intersection(*self._done)) if outputs else 0  # in every output
        self.already_done = 0  # documents of the input skipped because every output holds them
        self.replaced: list[tuple[str, str | None]] = []
        self.duplicates: list[tuple[str, str | None, str]] = []

    def code(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        """Coded documents, each yielded once the batch holding it is committed to every output."""
        for batch in self.code_batches(documents):
            yield from batch

    def code_batches(self, documents: Iterable[Document]) -> Iterator[list[CodedDocument]]:
        """Batches of coded documents, each yielded once it is committed to every output."""
        batch: list[CodedDocument] = []
        for coded in self.engine.code(self.coder, self._pending(documents)):
            batch.append(coded)
            if len(batch) >= self.batch_size:
                yield self._commit(batch)
                batch = []
        if batch:
            yield self._commit(batch)

    def _pending(self, documents: Iterable[Document]) -> Iterator[Document]:
        if not self.outputs:
            yield from documents
            return
        seen: set[tuple[str, str]] = set()  # a document repeated in the input is coded once
        for document in documents:
            key = (document.id, document.content_hash)
            if key in seen or all(key in holds for holds in self._done):
                self.already_done += 1
                continue
            seen.add(key)
            stored_as = self._stored_as_other_ids(document)
            if stored_as is not None:
                self.duplicates.append((document.id, document.origin, stored_as))
                continue
            yield document

    def _stored_as_other_ids(self, document: Document) -> str | None:
        """The id under which an output holds the document's text, when no output needs the document coded:
        each holds it already, or holds its text under another id and keeps one id per text."""
        key = (document.id, document.content_hash)
        stored_as = None
        for holds, holders in zip(self._done, self._holders, strict=True):
            if key in holds:
                continue
            holder = holders.get(document.content_hash) if holders is not None else None
            if holder is None:
                return None
            stored_as = stored_as or holder
        return stored_as

    def _commit(self, batch: list[CodedDocument]) -> list[CodedDocument]:
        origins = {coded.document.id: coded.document.origin for coded in batch}
        replaced: dict[str, None] = {}  # once, whether --db, --out-dir or both replaced it
        for output in self.outputs:
            try:
                result = output.add(batch)
            except (OSError, duckdb.Error) as error:
                raise OutputFailed(output.path, error) from error
            replaced.update(dict.fromkeys(result.replaced_ids))
            if isinstance(result, AddResult):
                self.duplicates += [
                    (doc_id, origins[doc_id], holder) for doc_id, holder in result.duplicate_ids.items()
                ]
        self.replaced += [(doc_id, origins[doc_id]) for doc_id in replaced]
        return batch


def _holders(done: set[tuple[str, str]]) -> dict[str, str]:
    holders: dict[str, str] = {}
    for doc_id, content_hash in done:
        if content_hash not in holders or doc_id < holders[content_hash]:
            holders[content_hash] = doc_id
    return holders
