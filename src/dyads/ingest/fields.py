"""Which column of a record holds each document field: `--text-field content`, `--preset gdelt`.

A record (a JSON object, a CSV/TSV row, a Parquet row) names its fields as its source does: GDELT article
lists have `content` and `seendate`, ICEWS-style story files `Story ID` and `Publish Date`. A `FieldMap`
says where each of the document's fields is; columns match case-insensitively and ignore surrounding spaces.
Named presets are data: `dyads/data/ingest/presets.tsv`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any

from dyads.data import read_tsv

PRESETS_FILE = "ingest/presets.tsv"


class UnknownPreset(ValueError):
    pass


@dataclass(frozen=True)
class FieldMap:
    """The column holding each document field; by default the field's own name."""

    id: str = "id"
    text: str = "text"
    date: str = "date"
    title: str = "title"
    source: str = "source"
    url: str = "url"

    @classmethod
    def preset(cls, name: str) -> FieldMap:
        known = presets()
        if name not in known:
            raise UnknownPreset(f"unknown preset {name!r}; presets: {', '.join(sorted(known))}")
        return known[name]

    def overridden(self, **columns: str | None) -> FieldMap:
        """This map with the columns given (not None) replacing its own: explicit options beat a preset."""
        return replace(self, **{name: column for name, column in columns.items() if column})

    def columns(self) -> dict[str, str]:
        """Document field → column name, e.g. {"text": "content", ...}."""
        return {field.name: getattr(self, field.name) for field in fields(self)}

    def pick(self, record: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The record split into its document fields (by field name) and the rest, keyed as in the record."""
        by_key = {_key(column): column for column in record}
        used: set[str] = set()
        picked: dict[str, Any] = {}
        for name, column in self.columns().items():
            actual = column if column in record else by_key.get(_key(column))
            if actual is not None and actual not in used:
                used.add(actual)
                picked[name] = record[actual]
        rest = {key: value for key, value in record.items() if key not in used}
        return picked, rest

    def no_text(self, where: str) -> str:
        """Why a record or file without the text's field is skipped: "no 'text' field (name ...)"."""
        hint = " (name the text's field with --text-field or --preset)" if self.text == "text" else ""
        return f"no {self.text!r} {where}{hint}"

    def find(self, columns: list[str], name: str) -> str | None:
        """The column among `columns` that holds document field `name`, or None."""
        wanted = _key(getattr(self, name))
        return next((column for column in columns if _key(column) == wanted), None)


DEFAULT_FIELDS = FieldMap()


@cache
def presets() -> dict[str, FieldMap]:
    columns: dict[str, dict[str, str]] = {}
    for row in read_tsv(PRESETS_FILE):
        columns.setdefault(row["preset"], {})[row["field"]] = row["column"]
    return {name: FieldMap(**mapping) for name, mapping in columns.items()}


def _key(column: str) -> str:
    return column.strip().casefold()
