"""`dyads eval GOLD...`: code gold texts with the real engine and print how well it did."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from dyads.coder import DEFAULT_MIN_CONFIDENCE, Coder
from dyads.evaluate.corpus import SPLITS
from dyads.evaluate.gold import GoldFormatError, detect_format
from dyads.evaluate.report import print_result
from dyads.evaluate.run import MissingComponent, engine_info, evaluate_corpus, evaluate_file, gold_files
from dyads.user_lexicons import LexiconError
from dyads.user_lexicons.command import ActorsOption, VerbsOption


class Decisions(str, Enum):
    """What the learned decisions may change (dyads.learn.component)."""

    calibrate = "calibrate"
    decide = "decide"


DecisionsOption = Annotated[
    Decisions,
    typer.Option(
        "--decisions",
        help="calibrate: the learned model only sets each event's confidence; decide: it also drops, "
        "recodes and re-argues rule events and adds events of its own.",
    ),
]


def eval_command(
    gold: Annotated[
        list[Path],
        typer.Argument(
            exists=True, metavar="GOLD...", help="Gold files or folders; each format is detected."
        ),
    ],
    json_path: Annotated[
        str | None,
        typer.Option(
            "--json", metavar="PATH", help="Also write every figure as JSON to PATH ('-' for stdout)."
        ),
    ] = None,
    errors: Annotated[
        int, typer.Option(min=0, metavar="N", help="Show the N worst misses and false alarms per file.")
    ] = 0,
    limit: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Score only the first N items of each file.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, metavar="N", help="Processes that code the texts.")] = 1,
    date_text: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="Publication date for gold texts that state none."),
    ] = None,
    splits: Annotated[
        list[str] | None,
        typer.Option(
            "--split",
            metavar="NAME",
            help="Splits of a corpus folder to score (repeatable; default train, dev and test). "
            "The test split is frozen: its errors are never shown.",
        ),
    ] = None,
    actors: ActorsOption = [],  # noqa: B006 - Typer reads the default, never mutates it
    verbs: VerbsOption = [],  # noqa: B006
    decisions: DecisionsOption = Decisions.calibrate,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Events of annotated documents less likely than this to be correct are left out, as "
            "`dyads code` leaves them out. Sentence sets score each sentence's most confident event whatever this is.",
        ),
    ] = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """Measure dyads on gold files: precision, recall, F1 and accuracy, with per-class breakdowns."""
    console = Console(stderr=json_path == "-")
    # coding failures are counted in each file's warnings; log lines would only interleave the tables
    library_log = logging.getLogger("dyads")
    library_log.handlers, library_log.propagate = [logging.NullHandler()], False
    try:
        default_date = date.fromisoformat(date_text) if date_text else None
    except ValueError:
        raise typer.BadParameter(
            f"{date_text!r} is not a date like 2000-05-22", param_hint="'--date'"
        ) from None
    unknown = sorted(set(splits or []) - set(SPLITS))
    if unknown:
        raise typer.BadParameter(f"{', '.join(unknown)}: splits are {', '.join(SPLITS)}", param_hint="'--split'")
    try:
        coder = Coder(actors=actors, verbs=verbs, min_confidence=min_confidence, decisions=decisions.value)
    except LexiconError as error:
        console.print(f"[red]error[/] {escape(str(error))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from None
    results, failed = [], []
    for path in gold_files(gold):
        try:
            if detect_format(path) == "corpus":
                scored = [
                    evaluate_corpus(path, coder, split, workers=workers, limit=limit) for split in splits or SPLITS
                ]
            else:
                scored = [evaluate_file(path, coder, workers=workers, limit=limit, default_date=default_date)]
        except (GoldFormatError, MissingComponent) as error:
            console.print(f"[red]skipped:[/] {escape(str(error))}", soft_wrap=True)
            failed.append(str(path))
            continue
        for result in scored:
            print_result(console, result, errors)
            results.append(result)
    if json_path is not None:
        record = {**engine_info(coder), "results": [r.to_dict(errors) for r in results], "skipped": failed}
        text = json.dumps(record, ensure_ascii=False, indent=1)
        if json_path == "-":
            sys.stdout.write(text + "\n")
        else:
            Path(json_path).write_text(text + "\n", encoding="utf-8")
    if failed or not results:
        raise typer.Exit(1)
