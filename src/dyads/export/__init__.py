"""Writers: coded events to JSON Lines, CSV or Parquet, chosen by the output file's extension, or to a
layout other event-data tools load (`format="plover"`, "icews", "gdelt"; see `dyads.export.interchange`).

>>> with open_writer("events.parquet") as writer:
...     for coded in coder.pipe(documents):
...         writer.write(coded.events)

Every `write` reaches the file before it returns (JSONL and CSV flush; Parquet writes whole row groups
and its footer on close), so a failure later in a run keeps what was already coded. `None` or "-" is
JSONL on stdout, and so is a device such as /dev/null whose name has no extension. `append=True` adds
to an existing JSONL, CSV or interchange file (a CSV or TSV header only when the file is new or empty).
Other back ends register a factory in `WRITERS` under their extension.
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
    "CannotAppend",
    "CsvWriter",
    "EventWriter",
    "InterchangeWriter",
    "JsonlWriter",
    "ParquetWriter",
    "open_writer",
    "output_format",
]


class EventWriter(Protocol):
    def write(self, events: Iterable[Event]) -> None: ...

    def close(self) -> None: ...


def _text_file(path: Path, append: bool = False) -> TextIO:
    return open(path, "a" if append else "w", encoding="utf-8", newline="")


def _starts_empty(stream: TextIO) -> bool:
    """Whether a file opened for appending holds nothing yet, so that a header belongs at its start."""
    return not stream.seekable() or stream.tell() == 0


def _csv_writer(path: Path, append: bool) -> CsvWriter:
    stream = _text_file(path, append)
    return CsvWriter(stream, header=_starts_empty(stream))


def _parquet_writer(path: Path, append: bool) -> ParquetWriter:
    if append:
        raise CannotAppend(f"cannot add to the Parquet file {path}: use --out-dir or a new file")
    return ParquetWriter(path)


WRITERS: dict[str, Callable[[Path, bool], EventWriter]] = {
    ".jsonl": lambda path, append: JsonlWriter(_text_file(path, append)),
    ".csv": _csv_writer,
    ".parquet": _parquet_writer,
}


# `--format`: dyads' own formats by name, and the layouts of other tools
FORMATS: tuple[str, ...] = (*(suffix.lstrip(".") for suffix in WRITERS), *INTERCHANGE_FORMATS)


class UnknownOutputFormat(ValueError):
    pass


class CannotAppend(ValueError):
    """The output's format cannot take events after those it already holds (Parquet)."""


class _Closing:
    """Context manager around a writer that closes it however the block ends."""

    def __init__(self, writer: EventWriter):
        self.writer = writer

    def __enter__(self) -> EventWriter:
        return self.writer

    def __exit__(self, *exc_info) -> None:
        self.writer.close()


def output_format(output: str | Path | None, format: str | None = None) -> str:
    """The name in `FORMATS` that `writer_for` writes `output` in: `format`, else the path's extension;
    JSONL for stdout ("-" or `None`) and for a device without an extension such as /dev/null."""
    if format is not None and format not in FORMATS:
        raise UnknownOutputFormat(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    if output is None or str(output) == "-":
        if format == "parquet":
            raise UnknownOutputFormat("cannot write parquet to stdout: give a file with --output")
        return format or "jsonl"
    path = Path(output)
    if format is not None:
        return format
    if path.suffix.lower() in WRITERS:
        return path.suffix.lower().lstrip(".")
    if not path.suffix and (path.is_char_device() or path.is_fifo()):
        return "jsonl"
    raise UnknownOutputFormat(
        f"cannot write {path.name!r}: use one of {', '.join(sorted(WRITERS))} (or '-' for stdout), or"
        f" --format {'|'.join(INTERCHANGE_FORMATS)}"
    )


def writer_for(
    output: str | Path | None,
    format: str | None = None,
    documents: DocumentLookup | None = None,
    append: bool = False,
) -> EventWriter:
    """The writer for an output path, in `output_format(output, format)`; `None` or "-" is stdout.
    `documents` gives the publisher and URL that the PLOVER, ICEWS and GDELT layouts carry, by document
    id. `append` adds to an existing file instead of replacing it; Parquet raises `CannotAppend`."""
    chosen = output_format(output, format)
    to_stdout = output is None or str(output) == "-"
    if to_stdout and chosen == "csv":
        return CsvWriter(sys.stdout, close_stream=False)
    if to_stdout and chosen == "jsonl":
        return JsonlWriter(sys.stdout, close_stream=False)
    if chosen in INTERCHANGE_FORMATS:
        stream = sys.stdout if to_stdout else _text_file(Path(output), append)
        lookup = documents if documents is not None else {}
        header = not append or _starts_empty(stream)
        return InterchangeWriter(chosen, stream, lookup, close_stream=not to_stdout, header=header)
    return WRITERS[f".{chosen}"](Path(output), append)


def open_writer(
    output: str | Path | None, format: str | None = None, documents: DocumentLookup | None = None
) -> _Closing:
    """`with open_writer(path) as writer:` — the writer for `path`, closed at the end of the block."""
    return _Closing(writer_for(output, format, documents))
