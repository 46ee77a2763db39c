"""What the bench scripts share: where ../shared is, and the news corpus as Documents."""

from __future__ import annotations

import sys
from itertools import islice
from pathlib import Path

from dyads.ingest import ReadReport, read
from dyads.model import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NEWS = SHARED / "corpus" / "news"


def require_shared() -> None:
    """Exit cleanly (status 0, a clear message) when the shared data folder is absent."""
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent; the benchmarks run on its corpus and gold sets", file=sys.stderr)
        raise SystemExit(0)


def news_documents(limit: int | None = None) -> list[Document]:
    return list(islice(read(sorted(NEWS.glob("*.jsonl")), report=ReadReport()), limit))
