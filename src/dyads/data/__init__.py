"""Lexicons and tables shipped with dyads: data files, read by code.

Every file is TSV (tab-separated, a header row, `#` comment lines) or YAML, under this folder.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

DATA_DIR = Path(str(resources.files("dyads") / "data"))


def data_path(relative: str) -> Path:
    return DATA_DIR / relative


def read_tsv(relative: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV data file as dicts; `#` lines and blank lines are skipped, missing cells are ''."""
    with open(data_path(relative), encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {key: (value or "").strip() for key, value in row.items() if key is not None}


@cache
def read_lemmas(relative: str) -> frozenset[str]:
    """The `lemma` column of a TSV data file: a word list ("events/onlooker_verbs.tsv")."""
    return frozenset(row["lemma"] for row in read_tsv(relative))
