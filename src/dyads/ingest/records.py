"""One record (a JSON object, a CSV row) to a `Document`: the fields its `FieldMap` names, the rest as metadata."""

from __future__ import annotations

import json
from typing import Any

from dyads.ingest.dates import parse_date
from dyads.ingest.decode import repair_mojibake
from dyads.ingest.fields import DEFAULT_FIELDS, FieldMap
from dyads.ingest.identity import content_id
from dyads.ingest.limits import without_surrogates
from dyads.ingest.report import ReadReport
from dyads.model import Document


class InvalidRecord(ValueError):
    """A record that cannot become a document; the message is the reason it was skipped."""


def document_from_record(
    record: dict[str, Any], origin: str, file_id: str, report: ReadReport, fields: FieldMap = DEFAULT_FIELDS
) -> Document:
    """The document of one record; raises `InvalidRecord` for a missing text or a field of the wrong type.

    A record without an id is named after its file and its text (`wire:8e1f04c2aa17`)."""
    picked, rest = fields.pick(without_surrogates(record))
    text = picked.get("text")
    if text is None:
        raise InvalidRecord(fields.no_text("field"))
    for name, value in picked.items():
        # ids and compact dates (GDELT's 20020310123000) are numbers in many JSON files
        allowed = (str, int) if name in ("id", "date") else (str,)
        if value is not None and (not isinstance(value, allowed) or isinstance(value, bool)):
            raise InvalidRecord(
                f"field {getattr(fields, name)!r} must be a string, not {type(value).__name__}"
            )
    if not text.strip():
        raise InvalidRecord("empty text")
    record_id = _blank_to_none(picked.get("id"))
    raw_date = _blank_to_none(picked.get("date"))
    document_date = None
    if raw_date is not None:
        document_date = parse_date(str(raw_date))
        if document_date is None:
            report.warn(origin, f"unreadable date {raw_date!r} ignored")
    metadata = {
        key: value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        for key, value in rest.items()
        if value is not None and value != ""
    }
    text = repair_mojibake(text)
    return Document(
        # " 12 " in a hand-edited CSV is story 12, not another document
        id=str(record_id).strip() if record_id is not None else content_id(file_id, text),
        text=text,
        date=document_date,
        title=_blank_to_none(picked.get("title")),
        source=_blank_to_none(picked.get("source")),
        url=_blank_to_none(picked.get("url")),
        metadata=metadata,
        origin=origin,
    )


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value
