"""dyads: political event data from raw news text."""

from dyads.coder import CodedDocument, Coder
from dyads.model import Actor, Document, Event

__all__ = ["Actor", "CodedDocument", "Coder", "Document", "Event", "code"]
__version__ = "0.1.0"


def code(text: str, date=None) -> list[Event]:
    """Events of one text with a shared default `Coder` (the model loads on first use)."""
    global _default_coder
    if _default_coder is None:
        _default_coder = Coder()
    return _default_coder.code(text, date=date)


_default_coder: Coder | None = None
