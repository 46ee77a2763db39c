"""JSON Lines: one `Event.to_dict()` per line, the full nested record."""

from __future__ import annotations

import json
from collections.abc import Iterable

from dyads.export.text import TextStreamWriter
from dyads.model import Event


class JsonlWriter(TextStreamWriter):
    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.stream.write(json.dumps(event.to_dict(), ensure_ascii=False))
            self.stream.write("\n")
        self.stream.flush()
