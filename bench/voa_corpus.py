"""What the VOA benchmark corpus holds: documents and annotated events (required / all) per region,
decade and split, from `benchmarks/voa/documents.tsv`, `splits.tsv` and the annotations.

    PYTHONPATH=src .venv/bin/python bench/voa_corpus.py
"""

from __future__ import annotations

import csv
import json
from collections import Counter

from corpus import REPO
from rich.console import Console
from rich.table import Table

from dyads.evaluate.corpus import SPLITS, read_splits

CORPUS = REPO / "benchmarks" / "voa"


def main() -> None:
    splits = read_splits(CORPUS / "splits.tsv")
    with open(CORPUS / "documents.tsv", encoding="utf-8", newline="") as rows:
        documents = list(csv.DictReader(rows, delimiter="\t"))
    documents_in, required_in, events_in = Counter(), Counter(), Counter()
    for document in documents:
        entries = [
            json.loads(line)
            for line in (CORPUS / f"{document['id']}.expected.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        decade = f"{document['date'][:3]}0s"
        for key in (("region", document["region"]), ("decade", decade)):
            for split in (splits[document["id"]], "all"):
                documents_in[key, split] += 1
                events_in[key, split] += len(entries)
                required_in[key, split] += sum(entry["status"] == "required" for entry in entries)
    console = Console(width=150)
    for kind in ("region", "decade"):
        table = Table(kind, *(f"{split}: docs / required / events" for split in (*SPLITS, "all")))
        for value in sorted({value for (group, value), _ in documents_in if group == kind}):
            key = (kind, value)
            table.add_row(
                value,
                *(
                    f"{documents_in[key, s]} / {required_in[key, s]} / {events_in[key, s]}"
                    for s in (*SPLITS, "all")
                ),
            )
        console.print(table)


if __name__ == "__main__":
    main()
