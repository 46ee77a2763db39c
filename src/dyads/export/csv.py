"""CSV: one `Event.flat()` row per event, columns in `FLAT_COLUMNS` order under a header row."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from dyads.export.text import TextStreamWriter
from dyads.model import FLAT_COLUMNS, Event


class CsvWriter(TextStreamWriter):
    def __init__(self, stream: TextIO, close_stream: bool = True, header: bool = True):
        super().__init__(stream, close_stream)
        self._rows = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS, extrasaction="ignore")
        if header:  # not when adding to a file that has one
            self._rows.writeheader()
            stream.flush()

    def write(self, events: Iterable[Event]) -> None:
        self._rows.writerows(event.flat() for event in events)
        self.stream.flush()
