"""Annotated document corpora (`benchmarks/voa/`): their train/dev/test splits and the mechanical checks
every annotation must pass (see docs/annotation.md).

A document's split is a hash of its id, so adding documents never moves old ones between splits; the
assignment is also committed as `splits.tsv`, which is what evaluation reads.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from dyads.events.ontology import PLOVER_TYPES, cameo_codes
from dyads.ingest.txt import split_header

SPLITS = ("train", "dev", "test")
FROZEN_SPLIT = "test"  # nobody reads its errors; no rule or model changes because of it
STATUSES = ("required", "optional", "forbidden")
MODALITIES = ("actual", "future", "hypothetical", "negated")
REQUIRED_FIELDS = ("id", "status", "quote", "source", "cameo")
QUOTE_WORDS = (4, 12)


def split_of(doc_id: str) -> str:
    """train for about 60% of ids, dev and test for about 20% each."""
    bucket = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 60 else "dev" if bucket < 80 else "test"


def read_splits(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8", newline="") as rows:
        return {row["id"]: row["split"] for row in csv.DictReader(rows, delimiter="\t")}


def write_splits(path: Path, doc_ids: Iterable[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["id", "split"])
        writer.writerows((doc_id, split_of(doc_id)) for doc_id in sorted(doc_ids))


def story_text(text_path: Path) -> str:
    """The body a coder sees: the file's text after its `Key: value` header."""
    return split_header(text_path.read_text(encoding="utf-8"))[1]


def check_annotation(expected_path: Path) -> list[str]:
    """Every problem of one `<id>.expected.jsonl`: JSON, fields, quotes (exactly once in the body),
    CAMEO codes, PLOVER types, statuses and modalities. An empty list means it passes."""
    stem = expected_path.name.removesuffix(".expected.jsonl")
    text_path = expected_path.with_name(stem + ".txt")
    if not text_path.exists():  # a second annotation, kept in a folder below its story's
        text_path = expected_path.parent.parent / (stem + ".txt")
    if not text_path.exists():
        return [f"{expected_path.name}: no text file {text_path.name}"]
    body = story_text(text_path)
    codes = cameo_codes()
    problems: list[str] = []
    seen_ids: set[str] = set()
    for number, line in enumerate(expected_path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{expected_path.name}:{number}"
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: not JSON ({error.msg})")
            continue
        if not isinstance(entry, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        problems.extend(f"{where}: no {name!r}" for name in REQUIRED_FIELDS if not entry.get(name))
        if entry.get("id") in seen_ids:
            problems.append(f"{where}: id {entry['id']!r} used twice")
        seen_ids.add(entry.get("id"))
        if entry.get("status") not in STATUSES:
            problems.append(f"{where}: status {entry.get('status')!r} is not one of {STATUSES}")
        if entry.get("status") != "forbidden" and entry.get("modality") not in MODALITIES:
            problems.append(f"{where}: modality {entry.get('modality')!r} is not one of {MODALITIES}")
        quote = entry.get("quote") or ""
        occurrences = body.count(quote) if quote else 0
        if occurrences != 1:
            problems.append(f"{where}: quote {quote!r} occurs {occurrences} times in the text (must be once)")
        words = len(quote.split())
        if not QUOTE_WORDS[0] <= words <= QUOTE_WORDS[1]:
            problems.append(f"{where}: quote has {words} words (must be {QUOTE_WORDS[0]}-{QUOTE_WORDS[1]})")
        cameo = entry.get("cameo") or []
        if not isinstance(cameo, list):
            problems.append(f"{where}: cameo must be a list of codes")
            cameo = []
        problems.extend(f"{where}: unknown CAMEO code {code!r}" for code in cameo if str(code) not in codes)
        statement_only = bool(cameo) and all(str(code).startswith("01") for code in cameo)
        if entry.get("plover") not in PLOVER_TYPES and not (statement_only and entry.get("plover") == ""):
            problems.append(
                f"{where}: PLOVER type {entry.get('plover')!r} is not one of the sixteen"
                " (\"\" only for a statement coded 01x alone)"
            )
        if "mode" not in entry:
            problems.append(f"{where}: no 'mode' (\"\" when none fits)")
        for side in ("source", "target"):
            value = entry.get(side)
            values = value if isinstance(value, list) else [value] if value is not None else []
            for code in values:
                if not (isinstance(code, str) and len(code) == 3 and code.isupper()):
                    problems.append(f"{where}: {side} {code!r} is not an ISO alpha-3 code, IGO or NGO")
    return problems
