"""Writers: coded events to JSON Lines, CSV or Parquet, chosen by the output file's extension, or to a
layout other event-data tools load (`format="plover"`, "icews", "gdelt"; see `dyads.export.interchange`).

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
from dyads.export.interchange import INTERCHANGE_FORMATS, DocumentLookup, InterchangeWriter
from dyads.export.jsonl import JsonlWriter
from dyads.export.parquet import ParquetWriter
from dyads.model import Event

__all__ = [
    "FORMATS",
    "WRITERS",
    "CsvWriter",
    "EventWriter",
    "InterchangeWriter",
    "JsonlWriter",
    "ParquetWriter",
    "open_writer",
]


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


# `--format`: dyads' own formats by name, and the layouts of other tools
FORMATS: tuple[str, ...] = (*(suffix.lstrip(".") for suffix in WRITERS), *INTERCHANGE_FORMATS)


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


def writer_for(
    output: str | Path | None, format: str | None = None, documents: DocumentLookup | None = None
) -> EventWriter:
    """The writer for an output path, in `format` or else by the path's extension; `None` or "-" is stdout
    (JSONL unless `format` says otherwise). `documents` gives the publisher and URL that the PLOVER, ICEWS
    and GDELT layouts carry, by document id."""
    to_stdout = output is None or str(output) == "-"
    if format in INTERCHANGE_FORMATS:
        stream = sys.stdout if to_stdout else _text_file(Path(output))
        return InterchangeWriter(format, stream, documents if documents is not None else {}, not to_stdout)
    if format is not None and format not in FORMATS:
        raise UnknownOutputFormat(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    if to_stdout:
        if format not in (None, "jsonl"):
            raise UnknownOutputFormat(f"cannot write {format} to stdout: give a file with --output")
        return JsonlWriter(sys.stdout, close_stream=False)
    path = Path(output)
    factory = WRITERS.get(f".{format}" if format else path.suffix.lower())
    if factory is None:
        raise UnknownOutputFormat(
            f"cannot write {path.name!r}: use one of {', '.join(sorted(WRITERS))} (or '-' for stdout), or"
            f" --format {'|'.join(INTERCHANGE_FORMATS)}"
        )
    return factory(path)


def open_writer(
    output: str | Path | None, format: str | None = None, documents: DocumentLookup | None = None
) -> _Closing:
    """`with open_writer(path) as writer:` — the writer for `path`, closed at the end of the block."""
    return _Closing(writer_for(output, format, documents))
