"""Assign every document of a corpus folder to train, dev or test by a hash of its id and write
`splits.tsv` (`id<TAB>split`). A document keeps its split when others are added.

    python scripts/split_corpus.py benchmarks/voa
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from dyads.evaluate.corpus import read_splits, write_splits
from dyads.evaluate.gold import SPLITS_FILE


def main(folder: Path) -> None:
    doc_ids = sorted(path.name.removesuffix(".txt") for path in folder.glob("*.txt"))
    write_splits(folder / SPLITS_FILE, doc_ids)
    counts = Counter(read_splits(folder / SPLITS_FILE).values())
    print(", ".join(f"{split} {counts[split]}" for split in ("train", "dev", "test")), f"({len(doc_ids)} documents)")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/voa"))
