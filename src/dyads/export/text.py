"""What the text writers share: a stream they flush after every write and close, or leave open, at the end."""

from __future__ import annotations

from typing import TextIO


class TextStreamWriter:
    def __init__(self, stream: TextIO, close_stream: bool = True):
        self.stream = stream
        self.close_stream = close_stream

    def close(self) -> None:
        if self.close_stream:
            self.stream.close()
        else:
            self.stream.flush()
