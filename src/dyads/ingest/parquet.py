"""Parquet: one report per row with columns id, text, date, title, source, url (others: metadata), or the
columns a `FieldMap` names.

Read one row group batch at a time, so a file of any size streams.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyads.ingest.fields import DEFAULT_FIELDS, FieldMap
from dyads.ingest.records import InvalidRecord, document_from_record
from dyads.ingest.report import ReadReport, UnreadableInput
from dyads.model import Document

ROWS_PER_BATCH = 1024


def read_parquet(
    path: Path, report: ReadReport, file_id: str, fields: FieldMap = DEFAULT_FIELDS
) -> Iterator[Document]:
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as error:
        raise UnreadableInput(f"not a readable Parquet file ({error})") from None
    if fields.find(parquet.schema_arrow.names, "text") is None:
        raise UnreadableInput(f"{fields.no_text('column')}; columns: {', '.join(parquet.schema_arrow.names)}")
    row = 0
    for batch in parquet.iter_batches(batch_size=ROWS_PER_BATCH):
        for record in batch.to_pylist():
            row += 1
            where = f"{path}:row {row}"
            try:
                yield document_from_record(_plain(record), where, file_id, report, fields)
            except InvalidRecord as error:
                report.skip(where, str(error))


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """The record as a JSON record would have it: dates as ISO strings, other non-JSON values as text."""
    return {key: _json_value(value) for key, value in record.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)
