"""What a read left out and why: skipped inputs and warnings, each naming the file (and line)."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("dyads.ingest")


@dataclass(frozen=True)
class Skipped:
    origin: str  # file, file:line, or <stdin>:line
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class UnreadableInput(Exception):
    """A whole input (a file, stdin) cannot be read; the reader skips it and goes on."""


@dataclass
class ReadReport:
    """Filled while documents stream out of `dyads.ingest.read`."""

    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    repeated_ids: int = 0  # documents renamed or skipped because their id was already used in the run
    unsupported: Counter[str] = field(default_factory=Counter)  # a folder's unread files by extension

    def unsupported_file(self, path: Path, suffix: str) -> None:
        log.info("not read %s: unsupported file type", path)
        self.unsupported[suffix or "(none)"] += 1

    def unsupported_summary(self) -> str:
        """ "3 (.pdf 2, .docx 1)": how many files of a folder were not read, by extension, most first."""
        kinds = ", ".join(f"{suffix} {count:,}" for suffix, count in self.unsupported.most_common())
        return f"{sum(self.unsupported.values()):,} ({kinds})"

    def skip(self, origin: str, reason: str) -> None:
        skipped = Skipped(origin, reason)
        log.info("skipped %s", skipped)
        self.skipped.append(skipped)

    def repeat(self, origin: str, message: str) -> None:
        self.repeated_ids += 1
        self.warn(origin, message)

    def warn(self, origin: str, message: str) -> None:
        log.info("warning %s: %s", origin, message)
        self.warnings.append(f"{origin}: {message}")
