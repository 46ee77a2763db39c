"""`dyads lexicon check FILE...`, and the `--actors`/`--verbs` options that the coding commands share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from dyads.nlp import DEFAULT_MODEL
from dyads.user_lexicons import LexiconError, LexiconFile
from dyads.user_lexicons.check import check_files

ActorsOption = Annotated[
    list[Path],
    typer.Option(
        "--actors",
        metavar="FILE",
        exists=True,
        dir_okay=False,
        help="Your own actor table (the leaders or organisations TSV format; repeatable), over the shipped "
        "lexicon: its rows win, the first file given first.",
    ),
]
VerbsOption = Annotated[
    list[Path],
    typer.Option(
        "--verbs",
        metavar="FILE",
        exists=True,
        dir_okay=False,
        help="Your own verb table (the verbs TSV format; repeatable), over the shipped trigger lexicon.",
    ),
]

app = typer.Typer(name="lexicon", help="Your own actor and verb tables.", no_args_is_help=True)


@app.command("check")
def check_command(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", exists=True, dir_okay=False, help="Tables to check, in the order "
                       "you give them to dyads code (an earlier file's rows win over a later one's)."),
    ],
    model: Annotated[str, typer.Option("--model", help="The spaCy pipeline to check against.")] = DEFAULT_MODEL,
) -> None:
    """Check your own tables: columns, codes, years, repeated rows, and with the real pipeline rows that can
    never match or that another row shadows. Exit status 1 when any row has an error."""
    console = Console()
    try:
        problems = check_files([LexiconFile.read(path) for path in files], model)
    except LexiconError as error:
        console.print(f"[red]error[/] {escape(str(error))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from None
    for problem in problems:
        colour = {"error": "red", "warning": "yellow"}.get(problem.severity, "cyan")
        console.print(f"{escape(problem.origin)}: [{colour}]{problem.severity}[/] {escape(problem.message)}",
                      soft_wrap=True, highlight=False)
    errors = sum(problem.severity == "error" for problem in problems)
    warnings = sum(problem.severity == "warning" for problem in problems)
    console.print(f"{len(files)} files: {errors} errors, {warnings} warnings", highlight=False)
    raise typer.Exit(1 if errors else 0)
