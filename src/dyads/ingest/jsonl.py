"""JSON Lines: one report per line with fields id, text, date, title, source, url (others: metadata), or the
columns a `FieldMap` names.

Read line by line, so a corpus of any size streams; a malformed line is skipped and the rest is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyads.ingest.decode import SAMPLE_BYTES, check_not_binary, decode, open_binary
from dyads.ingest.fields import DEFAULT_FIELDS, FieldMap
from dyads.ingest.records import InvalidRecord, document_from_record
from dyads.ingest.report import ReadReport
from dyads.model import Document


def read_jsonl_lines(
    lines: Iterable[bytes],
    origin: str,
    id_prefix: str,
    report: ReadReport,
    first_line: int = 1,
    fields: FieldMap = DEFAULT_FIELDS,
) -> Iterator[Document]:
    for number, raw in enumerate(lines, start=first_line):
        if not raw.strip():
            continue
        where = f"{origin}:{number}"
        line = decode(raw, where, report)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            report.skip(where, f"malformed JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(record, dict):
            report.skip(where, f"not a JSON object but a {type(record).__name__}")
            continue
        try:
            yield document_from_record(record, where, id_prefix, report, fields)
        except InvalidRecord as error:
            report.skip(where, str(error))


def read_jsonl(
    path: Path, report: ReadReport, file_id: str, fields: FieldMap = DEFAULT_FIELDS
) -> Iterator[Document]:
    with open_binary(path) as handle:
        check_not_binary(handle.read(SAMPLE_BYTES))
        handle.seek(0)
        yield from read_jsonl_lines(handle, str(path), file_id, report, fields=fields)
