"""Parquet: the `Event.flat()` columns with types, written one row group at a time as events arrive."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from dyads.model import FLAT_COLUMNS, Event

INTEGER_COLUMNS = {
    "sentence_index",
    "sentence_start",
    "sentence_end",
    "trigger_start",
    "trigger_end",
    "source_start",
    "source_end",
    "target_start",
    "target_end",
    "quad_class",
    "geonameid",
    "cluster_mentions",
    "cluster_documents",
    "cluster_sources",
}
FLOAT_COLUMNS = {
    "goldstein",
    "lat",
    "lon",
    "quantity_usd",
    "num_killed",
    "num_injured",
    "num_arrested",
    "num_displaced",
    "confidence",
}
BOOLEAN_COLUMNS = {"historical", "reciprocal"}


def column_type(name: str) -> pa.DataType:
    """Arrow type of a flat column; text for any column not listed as a number or a flag."""
    if name in INTEGER_COLUMNS:
        return pa.int64()
    if name in FLOAT_COLUMNS:
        return pa.float64()
    if name in BOOLEAN_COLUMNS:
        return pa.bool_()
    return pa.string()


SCHEMA = pa.schema([(name, column_type(name)) for name in FLAT_COLUMNS])


class ParquetWriter:
    """Buffers up to `row_group_size` events, then writes them as one row group; `close()` writes the
    rest and the footer (a Parquet file without its footer cannot be read, so always close it)."""

    def __init__(self, path: str | Path | BinaryIO, row_group_size: int = 5000):
        self.row_group_size = row_group_size
        self._file = pq.ParquetWriter(str(path) if isinstance(path, (str, Path)) else path, SCHEMA)
        self._rows: list[dict[str, Any]] = []

    def write(self, events: Iterable[Event]) -> None:
        self._rows.extend(event.flat() for event in events)
        if len(self._rows) >= self.row_group_size:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._file.close()

    def _flush(self) -> None:
        if not self._rows:
            return
        columns = {
            name: pa.array([_as_type(row.get(name), field.type) for row in self._rows], type=field.type)
            for name, field in zip(SCHEMA.names, SCHEMA)
        }
        self._file.write_table(pa.table(columns, schema=SCHEMA))
        self._rows = []


def _as_type(value: Any, kind: pa.DataType) -> Any:
    if value is None or kind != pa.string() or isinstance(value, str):
        return value
    return str(value)
