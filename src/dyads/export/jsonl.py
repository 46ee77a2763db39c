"""JSON Lines: one `Event.to_dict()` per line, the full nested record."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from dyads.model import Event


class JsonlWriter:
    def __init__(self, stream: TextIO, close_stream: bool = True):
        self.stream = stream
        self.close_stream = close_stream

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.stream.write(json.dumps(event.to_dict(), ensure_ascii=False))
            self.stream.write("\n")
        self.stream.flush()

    def close(self) -> None:
        if self.close_stream:
            self.stream.close()
        else:
            self.stream.flush()
