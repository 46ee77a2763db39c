"""Readers: news reports from files, folders or stdin, as a stream of `Document`s.

>>> report = ReadReport()
>>> for document in read(["reports/", "extra.jsonl"], date=None, report=report):
...     ...
>>> report.skipped  # inputs left out, each with the file (and line) and the reason

Formats by extension: .txt (with an optional `Key: value` header), .html/.htm, .jsonl, .csv, .tsv,
.parquet, the text formats optionally gzipped (.jsonl.gz); folders are read recursively in sorted order,
and their files of other types are counted in `report.unsupported`; "-" is stdin (JSON Lines when its
first non-blank line starts with "{", else one plain-text report). Records (JSONL, CSV, TSV, Parquet) take their
fields from the columns a `FieldMap` names (`--text-field`, `--preset gdelt`). A document's date comes
from its record, else the `date` given here, else a full date its first lines state; else it stays None
with a warning. Every document of one `read` has its own id (see `dyads.ingest.identity`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date as Date
from pathlib import Path
from typing import BinaryIO

from dyads.ingest.csv import read_csv, read_tsv
from dyads.ingest.dates import date_in_lead
from dyads.ingest.decode import SAMPLE_BYTES, check_not_binary, decode, normalise_newlines
from dyads.ingest.fields import DEFAULT_FIELDS, FieldMap, UnknownPreset
from dyads.ingest.html import read_html
from dyads.ingest.identity import RunIds, common_root, content_id, file_id
from dyads.ingest.jsonl import read_jsonl, read_jsonl_lines
from dyads.ingest.parquet import read_parquet
from dyads.ingest.report import ReadReport, Skipped, UnreadableInput
from dyads.ingest.txt import document_from_text, read_txt
from dyads.model import Document

__all__ = [
    "READERS",
    "STDIN",
    "FieldMap",
    "ReadReport",
    "Skipped",
    "UnknownPreset",
    "read",
    "read_path",
    "read_stdin",
]

TextReader = Callable[[Path, ReadReport, str], Iterator[Document]]
RecordReader = Callable[[Path, ReadReport, str, FieldMap], Iterator[Document]]

TEXT_READERS: dict[str, TextReader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".html": read_html,
    ".htm": read_html,
}
RECORD_READERS: dict[str, RecordReader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".tsv": read_tsv,
    ".parquet": read_parquet,
}
READERS: dict[str, TextReader | RecordReader] = {**TEXT_READERS, **RECORD_READERS}
STDIN = "-"


def read(
    inputs: Iterable[str | Path],
    date: Date | None = None,
    report: ReadReport | None = None,
    stdin: BinaryIO | None = None,
    fields: FieldMap = DEFAULT_FIELDS,
) -> Iterator[Document]:
    """Documents of every input in turn; what cannot be read is recorded in `report` and skipped."""
    report = report if report is not None else ReadReport()
    inputs = list(inputs)
    root = common_root(Path(item) for item in inputs if str(item) != STDIN)
    ids = RunIds()
    for item in inputs:
        if str(item) == STDIN:
            documents = read_stdin(stdin if stdin is not None else sys.stdin.buffer, report, fields)
        else:
            documents = read_path(Path(item), report, root, fields)
        for document in documents:
            if not ids.claim(document, report):
                continue
            _settle_date(document, date, report)
            report.documents += 1
            yield document


def read_path(
    path: Path, report: ReadReport, root: Path | None = None, fields: FieldMap = DEFAULT_FIELDS
) -> Iterator[Document]:
    """Documents of a file, or of every readable file under a folder; files are named by their path
    relative to `root` (by default the folder, or the file's own folder). A folder's hidden files are
    left out; its files of a type dyads does not read are counted in `report.unsupported`."""
    root = root or Path(os.path.abspath(path if path.is_dir() else path.parent))
    if path.is_dir():
        files = sorted(
            (file for file in path.rglob("*") if file.is_file()),
            key=lambda file: file.relative_to(path).parts,
        )
        for file in files:
            relative = file.relative_to(path)
            if any(part.startswith(".") for part in relative.parts):
                continue
            if format_of(file) not in READERS:
                report.unsupported_file(file, format_of(file))
                continue
            yield from _read_file(file, report, file_id(file, root), fields)
    elif path.is_file():
        yield from _read_file(path, report, file_id(path, root), fields)
    else:
        report.skip(str(path), "no such file or folder")


def read_stdin(stream: BinaryIO, report: ReadReport, fields: FieldMap = DEFAULT_FIELDS) -> Iterator[Document]:
    """JSON Lines when the first non-blank line starts with "{", else the whole input as one text.

    A first line that starts like a JSON object but does not parse is a bad record, skipped with its
    reason like any other, not the sign of a plain text: no report starts with "{"."""
    origin = "<stdin>"
    consumed: list[bytes] = []
    for raw in stream:
        consumed.append(raw)
        if raw.strip():
            break
    if consumed and _starts_json_object(consumed[-1]):
        first_line = len(consumed)
        lines = [consumed[-1]]
        yield from read_jsonl_lines(_chain(lines, stream), origin, "stdin", report, first_line, fields)
        return
    data = b"".join(consumed) + stream.read()
    try:
        check_not_binary(data[:SAMPLE_BYTES])
        text = normalise_newlines(decode(data, origin, report))
        yield document_from_text(text, content_id("stdin", text), origin, report)
    except UnreadableInput as error:
        report.skip(origin, str(error))


def format_of(path: Path) -> str:
    """The format suffix of a file name, looking past `.gz`: "a.jsonl.gz" → ".jsonl"."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _read_file(path: Path, report: ReadReport, default_id: str, fields: FieldMap) -> Iterator[Document]:
    suffix = format_of(path)
    if suffix not in READERS:
        known = " ".join(sorted(READERS))
        report.skip(str(path), f"unsupported file type {suffix or '(none)'!r}; dyads reads {known}")
        return
    try:
        if suffix in RECORD_READERS:
            yield from RECORD_READERS[suffix](path, report, default_id, fields)
        else:
            yield from TEXT_READERS[suffix](path, report, default_id)
    except UnreadableInput as error:
        report.skip(str(path), str(error))
    except OSError as error:
        report.skip(str(path), f"cannot read: {error.strerror or error}")


def _settle_date(document: Document, default: Date | None, report: ReadReport) -> None:
    if document.date is not None:
        return
    document.date = default or date_in_lead(document.text)
    if document.date is None:
        report.warn(document.origin or document.id, "no date known (give --date); events keep a null date")


def _starts_json_object(raw: bytes) -> bool:
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _chain(first: list[bytes], rest: Iterable[bytes]) -> Iterator[bytes]:
    yield from first
    yield from rest
