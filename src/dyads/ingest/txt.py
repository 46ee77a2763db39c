"""Plain-text reports. A leading block of `Key: value` lines is metadata, not text:

    Publication: Monitor Volume: 6 Issue: 101
    Date: 2000-05-22

    South Korean Defense Minister ...

Several keys may share a line. `Document.text` is exactly the body after the block, so event offsets
index the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from dyads.ingest.dates import parse_date
from dyads.ingest.decode import read_text_file, repair_mojibake
from dyads.ingest.report import ReadReport, UnreadableInput
from dyads.model import Document

# The first key of a line may have up to three words ("Date Published:"); further keys on the same line
# are single capitalised words ("... Volume: 6 Issue: 101").
HEADER_LINE = re.compile(r"^(?P<key>[A-Z][\w-]*(?: [\w-]+){0,2}):(?:\s+(?P<value>.*))?$")
INLINE_KEY = re.compile(r"(?:^|(?<=\s))(?P<key>[A-Z][\w-]*):(?=\s|$)")
# A value this long, or a sentence of a few words, is a first paragraph ("Moscow: The ministry said ...").
MAX_VALUE_WORDS = 12
# Titles are long and may end in a question mark; a paragraph is still longer.
MAX_TITLE_WORDS = 40
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?$")
# Keys whose values are free text and may contain "Word:" themselves.
UNSPLIT_KEYS = {"title", "headline", "subject", "url", "link"}
TITLE_KEYS = {"title", "headline", "subject"}

FIELD_KEYS = {
    "id": "id",
    "title": "title",
    "headline": "title",
    "date": "date",
    "published": "date",
    "publication date": "date",
    "date published": "date",
    "source": "source",
    "publication": "source",
    "publisher": "source",
    "url": "url",
    "link": "url",
}


def parse_header_line(line: str) -> dict[str, str] | None:
    """The `Key: value` pairs of one header line, or None when the line is not a header line."""
    match = HEADER_LINE.match(line.strip())
    if match is None:
        return None
    first_key, rest = match["key"], (match["value"] or "").strip()
    if first_key.lower() in UNSPLIT_KEYS:
        pairs = {first_key: rest}
    else:
        pairs = {}
        key, start = first_key, 0
        for inline in INLINE_KEY.finditer(rest):
            pairs[key] = rest[start : inline.start()].strip()
            key, start = inline["key"], inline.end()
        pairs[key] = rest[start:].strip()
    if first_key.lower() in TITLE_KEYS:
        return pairs if len(rest.split()) <= MAX_TITLE_WORDS else None
    for value in pairs.values():
        words = value.split()
        if len(words) > MAX_VALUE_WORDS or (len(words) >= 5 and SENTENCE_END.search(value)):
            return None
    return pairs


def split_header(text: str) -> tuple[dict[str, str], str]:
    """(metadata, body): the leading `Key: value` block, and the text after it and its blank lines."""
    metadata: dict[str, str] = {}
    position = 0
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        line = text[position:end]
        if line.strip():
            pairs = parse_header_line(line)
            if pairs is None:
                break
            metadata.update(pairs)
        elif metadata:
            break
        position = end + 1
    if not metadata:
        return {}, text
    body_start = position
    while (end := text.find("\n", body_start)) != -1 and not text[body_start:end].strip():
        body_start = end + 1
    return metadata, text[body_start:]


def document_from_text(text: str, default_id: str, origin: str, report: ReadReport) -> Document:
    metadata, body = split_header(text)
    if not body.strip():
        raise UnreadableInput("empty text" + (" (only a `Key: value` header)" if metadata else ""))
    fields: dict[str, str] = {}
    for key, value in metadata.items():
        name = FIELD_KEYS.get(key.lower())
        if name and name not in fields and value:
            fields[name] = value
    document_date = None
    if "date" in fields:
        document_date = parse_date(fields["date"])
        if document_date is None:
            report.warn(origin, f"unreadable date {fields['date']!r} in the header ignored")
    return Document(
        id=fields.get("id", default_id),
        text=repair_mojibake(body),
        date=document_date,
        title=fields.get("title"),
        source=fields.get("source"),
        url=fields.get("url"),
        metadata=metadata,
        origin=origin,
    )


def read_txt(path: Path, report: ReadReport, default_id: str) -> Iterator[Document]:
    yield document_from_text(read_text_file(path, report), default_id, str(path), report)
