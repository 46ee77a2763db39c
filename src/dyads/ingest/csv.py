"""CSV and TSV with a header row naming the fields id, text, date, title, source, url (others: metadata), or
the columns a `FieldMap` names.

Read row by row (quoted fields may span lines); a bad row is skipped and the rest is read.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from dyads.ingest.decode import SAMPLE_BYTES, check_not_binary, decode, normalise_newlines, open_binary
from dyads.ingest.fields import DEFAULT_FIELDS, FieldMap
from dyads.ingest.records import InvalidRecord, document_from_record
from dyads.ingest.report import ReadReport, UnreadableInput
from dyads.model import Document

# News texts are longer than the csv module's default field limit of 128 KiB.
FIELD_SIZE_LIMIT = min(sys.maxsize, 2**31 - 1)


def read_csv(
    path: Path, report: ReadReport, file_id: str, fields: FieldMap = DEFAULT_FIELDS, delimiter: str = ","
) -> Iterator[Document]:
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
    origin = str(path)
    with open_binary(path) as handle:
        check_not_binary(handle.read(SAMPLE_BYTES))
        handle.seek(0)
        lines = (  # a lone "\r" is a line break too (old Mac files): split on it, never leave it in a line
            line
            for number, raw in enumerate(handle, start=1)
            for line in normalise_newlines(decode(raw, f"{origin}:{number}", report)).splitlines(
                keepends=True
            )
        )
        rows = csv.reader(lines, delimiter=delimiter)
        header = next(rows, None)
        if header is None:
            raise UnreadableInput("empty file")
        columns = [name.strip().lower() for name in header]
        if fields.find(columns, "text") is None:
            raise UnreadableInput(f"{fields.no_text('column')}; columns: {', '.join(columns)}")
        next_line = rows.line_num + 1
        for row in rows:
            line, next_line = next_line, rows.line_num + 1
            where = f"{origin}:{line}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                report.skip(where, f"{len(row)} cells for {len(columns)} columns")
                continue
            try:
                yield document_from_record(dict(zip(columns, row)), where, file_id, report, fields)
            except InvalidRecord as error:
                report.skip(where, str(error))


def read_tsv(
    path: Path, report: ReadReport, file_id: str, fields: FieldMap = DEFAULT_FIELDS
) -> Iterator[Document]:
    """Tab-separated values, read like CSV (with its quoting)."""
    return read_csv(path, report, file_id, fields, delimiter="\t")
