"""Writers: coded events to JSON Lines, CSV or Parquet, chosen by the output file's extension.

>>> with open_writer("events.parquet") as writer:
...     for coded in coder.pipe(documents):
...         writer.write(coded.events)

Every `write` reaches the file before it returns (JSONL and CSV flush; Parquet writes whole row groups
and its footer on close), so a failure later in a run keeps what was already coded. `None` or "-" is
JSONL on stdout. Other back ends register a factory in `WRITERS` under their extension.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TextIO

from dyads.export.csv import CsvWriter
from dyads.export.jsonl import JsonlWriter
from dyads.export.parquet import ParquetWriter
from dyads.model import Event

__all__ = ["WRITERS", "CsvWriter", "EventWriter", "JsonlWriter", "ParquetWriter", "open_writer"]


class EventWriter(Protocol):
    def write(self, events: Iterable[Event]) -> None: ...

    def close(self) -> None: ...


def _text_file(path: Path) -> TextIO:
    return open(path, "w", encoding="utf-8", newline="")


WRITERS: dict[str, Callable[[Path], EventWriter]] = {
    ".jsonl": lambda path: JsonlWriter(_text_file(path)),
    ".csv": lambda path: CsvWriter(_text_file(path)),
    ".parquet": ParquetWriter,
}


class UnknownOutputFormat(ValueError):
    pass


class _Closing:
    """Context manager around a writer that closes it however the block ends."""

    def __init__(self, writer: EventWriter):
        self.writer = writer

    def __enter__(self) -> EventWriter:
        return self.writer

    def __exit__(self, *exc_info) -> None:
        self.writer.close()


def writer_for(output: str | Path | None) -> EventWriter:
    """The writer for an output path by its extension; `None` or "-" is JSONL on stdout."""
    if output is None or str(output) == "-":
        return JsonlWriter(sys.stdout, close_stream=False)
    path = Path(output)
    factory = WRITERS.get(path.suffix.lower())
    if factory is None:
        raise UnknownOutputFormat(
            f"cannot write {path.name!r}: use one of {', '.join(sorted(WRITERS))} (or '-' for stdout)"
        )
    return factory(path)


def open_writer(output: str | Path | None) -> _Closing:
    """`with open_writer(path) as writer:` — the writer for `path`, closed at the end of the block."""
    return _Closing(writer_for(output))
