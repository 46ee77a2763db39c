"""Web pages: the main text (no menus, footers, comments) and the title and date, with trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import trafilatura

from dyads.ingest.dates import parse_date
from dyads.ingest.decode import read_text_file, repair_mojibake
from dyads.ingest.limits import MAX_HTML_BYTES
from dyads.ingest.report import ReadReport, UnreadableInput
from dyads.model import Document


def document_from_html(html: str, default_id: str, origin: str) -> Document:
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = extracted.text if extracted is not None else None
    if not text or not text.strip():
        # pages too short for main-text detection, and bare fragments, still have their text
        text = trafilatura.html2txt(f"<html><body>{html}</body></html>")
    if not text or not text.strip():
        raise UnreadableInput("no text in the page")
    metadata = {}
    if extracted is not None:
        metadata = {
            key: value
            for key, value in (("author", extracted.author), ("sitename", extracted.sitename))
            if value
        }
    return Document(
        id=default_id,
        text=repair_mojibake(text),
        date=parse_date(extracted.date) if extracted is not None and extracted.date else None,
        title=extracted.title if extracted is not None else None,
        source=extracted.sitename if extracted is not None else None,
        url=extracted.url if extracted is not None else None,
        metadata=metadata,
        origin=origin,
    )


def read_html(path: Path, report: ReadReport, default_id: str) -> Iterator[Document]:
    if path.stat().st_size > MAX_HTML_BYTES:
        raise UnreadableInput(
            f"{path.stat().st_size:,} bytes of HTML, more than the limit of {MAX_HTML_BYTES:,}"
        )
    yield document_from_html(read_text_file(path, report), default_id, str(path))
