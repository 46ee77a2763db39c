"""Per-document limits, so that hostile or huge input neither crashes nor stalls a run.

A document is cleaned without changing its length (every offset an event carries still points into the
text as read), coded in pieces of whole paragraphs or sentences when it is long, skipped with a logged
reason when it is larger than any news report, and abandoned when it is still being coded after
`max_seconds`. In worker processes (`Coder.pipe(workers=N)`, what `dyads code` uses) a watchdog kills a
worker that overruns the limit (see `dyads.workers`); coding in this process, the limit can only be
checked between the pieces of a long document, as spaCy's parser cannot be interrupted from a thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DocumentLimits:
    max_chars: int = 2_000_000  # longer documents are skipped: no news report is this long
    piece_chars: int = 100_000  # longer documents are coded in pieces (spaCy needs ~1 GB per 100k chars)
    max_seconds: float = 120.0  # a document still being coded after this long is abandoned


# trafilatura takes about 8 s per MB of markup and cannot be interrupted; news pages are far smaller
MAX_HTML_BYTES = 5_000_000

# C0/C1 control characters (tab, line feed and carriage return excepted), bidirectional embeddings,
# overrides, isolates and marks ("Trojan Source" text), the byte order mark and non-characters.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
# lone surrogates: what `errors="surrogateescape"` leaves for undecodable bytes
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` with control, bidirectional-override and undecodable characters replaced one for one.

    Control characters become spaces and lone surrogates U+FFFD, so the length and every offset stay
    the same.
    """
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub(" ", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def without_surrogates(value: Any) -> Any:
    """`value` (text, or lists and dicts of it) with lone surrogates replaced by U+FFFD, one for one.

    JSON's "\\ud800" escapes decode to lone surrogates, which no UTF-8 writer (DuckDB, Parquet) accepts.
    """
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {without_surrogates(key): without_surrogates(item) for key, item in value.items()}
    return value


# where a long text may be cut, best first; a cut falls just after the separator
_CUT_AFTER = ("\n\n", "\n", ". ", "? ", "! ", "; ", " ")


def pieces(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs that cover `text`, each at most `size` characters long.

    Cuts fall after a paragraph break where one is in the second three quarters of a piece's window,
    else after a line break, a sentence end, a space, and only as a last resort inside a word.
    """
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = size
        for separator in _CUT_AFTER:
            position = window.rfind(separator, size // 4)
            if position >= 0:
                cut = position + len(separator)
                break
        yield start, window[:cut]
        start += cut
    if start < len(text) or not text:
        yield start, text[start:]
