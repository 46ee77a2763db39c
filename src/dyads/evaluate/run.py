"""Run the real engine over gold files and score what it codes."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any

import dyads
from dyads.coder import Coder
from dyads.evaluate import gold as readers
from dyads.evaluate.corpus import FROZEN_SPLIT
from dyads.evaluate.gold import SPLITS_FILE, GoldFormatError, detect_format
from dyads.evaluate.metrics import main_event
from dyads.evaluate.scoring import (
    GoldResult,
    score_actor_phrases,
    score_cameo,
    score_corpus,
    score_document,
    score_pentaclass,
    score_plover,
)
from dyads.ingest.dates import parse_date
from dyads.model import Actor, Document, Event


class MissingComponent(RuntimeError):
    """The gold set needs a part of the engine this build does not have."""


def gold_files(paths: Sequence[Path]) -> Iterator[Path]:
    """The given files, and inside each given folder every file in a known gold format (sorted)."""
    for path in paths:
        if not path.is_dir() or (path / SPLITS_FILE).is_file():
            yield path
            continue
        for candidate in sorted(path.rglob("*")):
            if candidate.suffix in (".jsonl", ".tsv") and _is_gold(candidate):
                yield candidate


def evaluate_corpus(folder: Path, coder: Coder, split: str, workers: int = 1, limit: int | None = None) -> GoldResult:
    """Code the annotated documents of one split of a corpus folder and score them as a whole. The test
    split is frozen: its figures are reported, its individual errors never are."""
    annotated = list(islice(readers.read_corpus(folder, split), limit))
    coded = coder.pipe((gold.document for gold in annotated), workers=workers)
    pairs, warnings = [], []
    for gold, result in zip(annotated, coded):
        pairs.append((gold, result.events))
        problems = result.warnings + ([result.error] if result.error else [])
        warnings.extend(f"{gold.document.id}: {problem}" for problem in problems)
    scored = score_corpus(f"{folder} [{split}]", pairs)
    scored.warnings.extend(warnings)
    if split == FROZEN_SPLIT:
        scored.errors = []
    return scored


def evaluate_file(
    path: Path, coder: Coder, workers: int = 1, limit: int | None = None, default_date: date | None = None
) -> GoldResult:
    """Code the texts of one gold file with `coder` and score them; `limit` keeps the first N items."""
    name = str(path)
    kind = detect_format(path)
    if kind == "corpus":
        raise GoldFormatError(f"{path} is a corpus folder: score it with evaluate_corpus, one split at a time")
    if kind == "document":
        annotated = readers.read_document(path, default_date)
        coded = coder.code_document(annotated.document)
        result = score_document(name, annotated, coded.events)
        result.warnings.extend(coded.warnings + ([coded.error] if coded.error else []))
        return result
    if kind == "plover":
        records = list(islice(readers.read_plover(path), limit))
        texts = [(r.id, r.text, r.date) for r in records]
        events, warnings = _main_events(coder, texts, workers, with_plover_type=True)
        result = score_plover(name, records, events)
    elif kind == "cameo":
        examples = list(islice(readers.read_cameo(path), limit))
        events, warnings = _main_events(coder, [(e.id, e.text, default_date) for e in examples], workers)
        result = score_cameo(name, examples, events)
    elif kind == "pentaclass":
        sentences = list(islice(readers.read_pentaclass(path), limit))
        events, warnings = _main_events(coder, [(s.id, s.text, default_date) for s in sentences], workers)
        result = score_pentaclass(name, sentences, events)
    else:
        phrases = list(islice(readers.read_actor_phrases(path), limit))
        result, warnings = score_actor_phrases(name, phrases, [_resolve(phrase) for phrase in phrases]), []
    result.warnings.extend(warnings)
    return result


def engine_info(coder: Coder) -> dict[str, Any]:
    """What produced the figures, so that runs can be compared over time."""
    return {
        "engine": "dyads",
        "version": dyads.__version__,
        "model": coder.model,
        "user_lexicons": [file.name for file in (*coder.lexicons.actors, *coder.lexicons.verbs)],
        "commit": _git_commit(),
        "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def _main_events(
    coder: Coder, texts: list[tuple[str, str, date | None]], workers: int, with_plover_type: bool = False
) -> tuple[list[Event | None], list[str]]:
    """The most confident event of each text, whatever its confidence: every text of a sentence set
    reports an event, and the set asks which one, not whether to emit it (`min_confidence` is the coder's
    answer to that, which document gold files measure)."""
    documents = (Document(id=item_id, text=text, date=day) for item_id, text, day in texts)
    events, warnings = [], []
    for coded in coder.with_min_confidence(0.0).pipe(documents, workers=workers):
        events.append(main_event(coded.events, with_plover_type))
        if coded.error:
            warnings.append(f"{coded.document.id}: {coded.error}")
    return events, warnings


def _resolve(phrase: readers.ActorPhrase) -> Actor | None:
    try:
        from dyads.actors.recognize import resolve_phrase
    except ImportError as error:
        raise MissingComponent(
            "actor phrases need dyads.actors.recognize.resolve_phrase, which this build does not provide"
        ) from error
    when = (
        date.today() if phrase.date.lower() == "today" else parse_date(phrase.date) if phrase.date else None
    )
    return resolve_phrase(phrase.text, when=when)


def _is_gold(path: Path) -> bool:
    try:
        detect_format(path)
    except (GoldFormatError, UnicodeDecodeError):
        return False
    return True


def _git_commit() -> str | None:
    try:
        completed = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=12"],
            cwd=Path(dyads.__file__).parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return completed.stdout.strip() or None if completed.returncode == 0 else None
