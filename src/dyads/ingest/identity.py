"""Document ids: unique within a run, and the same in every run over the same inputs.

- A file is named by its path relative to the common folder of the run's inputs, without its suffixes:
  `dyads code coll/a/report.txt coll/b/report.txt` reads `a/report` and `b/report`; a file alone is
  `report`; a folder alone names its files relative to itself.
- A stdin text, and a record without an `id`, is named by its content: `stdin:3f2a9c1b0d4e`,
  `wire:8e1f04c2aa17` (a record of `wire.jsonl`), so the same text gets the same id in every run and
  two different texts never share one.
- An id met again in the same run is a repeat when the text is the same (skipped) and a different
  document otherwise (renamed `id~2`, `id~3`, ...); both with a warning, counted in `ReadReport`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from dyads.ingest.report import ReadReport
from dyads.model import Document

CONTENT_ID_CHARS = 12  # 48 bits: a collision is unlikely below ~10 million texts, and then still renamed


def content_id(prefix: str, text: str) -> str:
    """The id of a text with no name of its own: `prefix:` and the start of its SHA-1."""
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{prefix}:{digest[:CONTENT_ID_CHARS]}"


def common_root(paths: Iterable[Path]) -> Path | None:
    """The deepest folder holding every input: a folder input itself, the folder of a file input."""
    folders = [os.path.abspath(path if path.is_dir() else path.parent) for path in paths if path.exists()]
    return Path(os.path.commonpath(folders)) if folders else None


def file_id(file: Path, root: Path) -> str:
    """`file` relative to `root`, without suffixes: coll/a/report.txt.gz under coll → "a/report"."""
    relative = Path(os.path.relpath(os.path.abspath(file), root))
    name = relative.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return relative.with_name(Path(name).stem or name).as_posix()


class RunIds:
    """The ids a run has handed out, each with the text it named (about 100 bytes a document)."""

    def __init__(self) -> None:
        self._hashes: dict[str, str] = {}

    def claim(self, document: Document, report: ReadReport) -> bool:
        """Give `document` an id no other document of the run has; False when it repeats one already read."""
        content_hash = document.content_hash
        wanted, suffix = document.id, 1
        candidate = wanted
        while candidate in self._hashes:
            if self._hashes[candidate] == content_hash:
                report.repeat(document.origin or wanted, f"repeats document {candidate!r} (same id and text); skipped")
                return False
            suffix += 1
            candidate = f"{wanted}~{suffix}"
        if candidate != wanted:
            report.repeat(document.origin or wanted, f"id {wanted!r} already used by another text; renamed {candidate!r}")
            document.id = candidate
        self._hashes[candidate] = content_hash
        return True
