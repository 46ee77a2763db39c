"""Events written as a stream of bytes, batch by batch, for an HTTP download of any size.

>>> for chunk in stream_events(store.iter_events(event_filter), "parquet"):
...     response.write(chunk)

Each batch reaches the stream as soon as it is written (Parquet: each row group; its footer comes last),
so a download starts at once and the server holds one batch in memory, not the whole result.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Literal

from dyads.export.csv import CsvWriter
from dyads.export.jsonl import JsonlWriter
from dyads.export.parquet import ParquetWriter
from dyads.model import Event

DownloadFormat = Literal["csv", "jsonl", "parquet"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}


class _Drain(io.RawIOBase):
    """A write-only byte sink whose content is taken away with `take()`."""

    def __init__(self):
        self._chunks: list[bytes] = []
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def take(self) -> bytes:
        chunk, self._chunks = b"".join(self._chunks), []
        return chunk


def stream_events(batches: Iterable[list[Event]], format: DownloadFormat) -> Iterator[bytes]:
    """The bytes of a CSV, JSONL or Parquet file of every event of `batches`, yielded as they are written."""
    if format not in MEDIA_TYPES:
        raise ValueError(f"unknown format {format!r}; use one of {sorted(MEDIA_TYPES)}")
    sink = _Drain()
    writer: CsvWriter | JsonlWriter | ParquetWriter
    if format == "parquet":
        writer = ParquetWriter(sink, row_group_size=1)  # every batch becomes a row group at once
    else:
        text = io.TextIOWrapper(sink, encoding="utf-8", newline="", write_through=True)
        writer = (CsvWriter if format == "csv" else JsonlWriter)(text, close_stream=False)
    for events in batches:
        writer.write(events)
        if chunk := sink.take():
            yield chunk
    writer.close()
    yield sink.take()
