"""The `dyads` command line. Commands are thin: parse arguments, call the library, report progress."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="dyads",
    help="Political event data from raw news text: who did what to whom, when, where, how sure, "
    "and according to whom.",
    no_args_is_help=True,
    add_completion=False,
)

# Commands are registered below, one module per command family.
