"""A Parquet dataset of coded documents that a killed run can resume: `dyads code --out-dir DIR`.

Layout (any Parquet reader takes the two folders as tables; names starting with "." or "_" are ignored):

    DIR/events/part-000001.parquet     the events of one batch: `model.FLAT_COLUMNS` + event_date + record
    DIR/documents/part-000001.parquet  the documents of that batch: id, content hash, metadata, counts
    DIR/_journal.jsonl                 one line per committed batch: its part number and (id, hash) pairs

A batch is committed in three steps: both files are written under temporary names and synced; then a
line naming the part and its documents is appended to the journal and synced (the commit point); then
the files are renamed to their final names. A run killed before the commit point leaves temporary files
that the next open deletes; one killed after it leaves temporary files that the next open renames. So
the final files hold exactly the committed batches, each document once, and a glob over `events/` never
sees half a batch. A journal line cut short by a crash is not a commit and is cut off on open.

The dataset is append-only: a document coded again with a changed text (same id, another content hash)
is written in a later part and the earlier version stays. `add` names such ids in `replaced_ids`, as the
store does; a reader wanting one version of each document takes the rows of the highest part number per
`doc_id` (the file name's number; a batch holds one version of an id, the later one it was given).
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyads.coder import CodedDocument
from dyads.export.store import _event_table

if TYPE_CHECKING:
    from typing_extensions import Self

JOURNAL = "_journal.jsonl"
TABLES = ("events", "documents")
# a killed run's worker processes may hold the lock for a moment after it died
LOCK_WAIT_SECONDS = 10.0

DOCUMENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("content_hash", pa.string()),
        ("date", pa.date32()),
        ("title", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("origin", pa.string()),
        ("metadata", pa.string()),  # JSON object
        ("chars", pa.int64()),
        ("sentences", pa.int64()),
        ("event_count", pa.int64()),
        ("warnings", pa.list_(pa.string())),
    ]
)


def _acquire(lock: IO, seconds: float) -> bool:
    """An exclusive lock on `lock`, waiting up to `seconds` for a holder that is going away."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)


class DatasetLocked(RuntimeError):
    """Another process is writing to the same dataset."""


@dataclass
class DatasetAddResult:
    added: int = 0
    skipped: int = 0  # already in the dataset
    failed: int = 0  # coding failed: not written, so a resumed run retries them
    events: int = 0
    replaced_ids: list[str] = field(default_factory=list)  # documents committed before with another text


class ParquetDataset:
    """An append-only, crash-safe Parquet dataset; one writer at a time (an exclusive lock on the folder).

    >>> with ParquetDataset("out/") as dataset:
    ...     dataset.add(coder.pipe(documents))  # one part file per call
    """

    one_id_per_text = False  # every id is stored, whatever other id holds its text

    def __init__(self, path: str | Path, lock_wait: float = LOCK_WAIT_SECONDS):
        self.path = Path(path)
        for table in TABLES:
            (self.path / table).mkdir(parents=True, exist_ok=True)
        self._lock = open(self.path / "_lock", "w")  # noqa: SIM115 - held for the dataset's lifetime
        if not _acquire(self._lock, lock_wait):
            self._lock.close()
            raise DatasetLocked(f"{self.path} is being written by another dyads process")
        self._done: set[tuple[str, str]] = set()
        self._hashes: dict[str, str] = {}  # document id → the content hash of its latest committed version
        self._last_part = 0
        self._recover()

    def close(self) -> None:
        self._lock.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def done(self) -> set[tuple[str, str]]:
        """(document id, content hash) of every committed document: what a resumed run may skip."""
        return set(self._done)

    def add(self, coded_documents: Iterable[CodedDocument]) -> DatasetAddResult:
        """Commit a batch of coded documents as one part; documents already committed are left out."""
        result = DatasetAddResult()
        batch: dict[str, CodedDocument] = {}  # by id: of two texts of one id, the later one is kept
        for coded in coded_documents:
            doc_id, content_hash = coded.document.id, coded.document.content_hash
            latest = batch[doc_id].document.content_hash if doc_id in batch else self._hashes.get(doc_id)
            if coded.error is not None:
                result.failed += 1
            elif latest == content_hash:
                result.skipped += 1
            else:
                if latest is not None:
                    result.replaced_ids.append(doc_id)
                batch[doc_id] = coded
        if not batch:
            return result
        part = self._last_part + 1
        coded_documents = list(batch.values())
        keys = [(coded.document.id, coded.document.content_hash) for coded in coded_documents]
        events = _event_table(coded_documents)
        for table, data in (("events", events), ("documents", _document_table(coded_documents))):
            _write_synced(data, self._temporary(table, part))
        line = json.dumps({"part": part, "documents": keys, "events": events.num_rows})
        with open(self.path / JOURNAL, "a", encoding="utf-8") as journal:
            journal.write(line + "\n")
            journal.flush()
            os.fsync(journal.fileno())
        self._publish(part)
        self._last_part = part
        self._done.update(keys)
        self._hashes.update(keys)
        result.added, result.events = len(batch), events.num_rows
        return result

    def _final(self, table: str, part: int) -> Path:
        return self.path / table / f"part-{part:06d}.parquet"

    def _temporary(self, table: str, part: int) -> Path:
        return self.path / table / f".part-{part:06d}.parquet.tmp"

    def _publish(self, part: int) -> None:
        for table in TABLES:
            temporary = self._temporary(table, part)
            if temporary.exists():
                os.replace(temporary, self._final(table, part))
            _sync_folder(self.path / table)

    def _recover(self) -> None:
        """Read the journal, cut off a torn last line, finish committed parts, delete uncommitted ones."""
        journal = self.path / JOURNAL
        committed: list[dict[str, Any]] = []
        valid_bytes = 0
        if journal.exists():
            with open(journal, "rb") as handle:
                for raw in handle:
                    try:
                        entry = json.loads(raw) if raw.endswith(b"\n") else None
                    except ValueError:
                        entry = None
                    if entry is None:
                        break
                    committed.append(entry)
                    valid_bytes += len(raw)
            if valid_bytes < journal.stat().st_size:
                os.truncate(journal, valid_bytes)
        for entry in committed:
            keys = [(doc_id, content_hash) for doc_id, content_hash in entry["documents"]]
            self._done.update(keys)
            self._hashes.update(keys)
        parts = {entry["part"] for entry in committed}
        self._last_part = max(parts, default=0)
        for part in parts:
            if any(self._temporary(table, part).exists() for table in TABLES):
                self._publish(part)
        for table in TABLES:
            for leftover in (self.path / table).glob(".part-*.parquet.tmp"):
                leftover.unlink()
            for file in (self.path / table).glob("part-*.parquet"):
                if int(file.stem.removeprefix("part-")) not in parts:
                    file.unlink()


def _document_table(coded_documents: list[CodedDocument]) -> pa.Table:
    rows = [
        {
            "doc_id": coded.document.id,
            "content_hash": coded.document.content_hash,
            "date": coded.document.date,
            "title": coded.document.title,
            "source": coded.document.source,
            "url": coded.document.url,
            "origin": coded.document.origin,
            "metadata": json.dumps(coded.document.metadata, ensure_ascii=False),
            "chars": len(coded.document.text),
            "sentences": coded.sentences,
            "event_count": len(coded.events),
            "warnings": coded.warnings,
        }
        for coded in coded_documents
    ]
    return pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA)


def _write_synced(table: pa.Table, path: Path) -> None:
    with open(path, "wb") as handle:
        pq.write_table(table, handle, compression="zstd")
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
