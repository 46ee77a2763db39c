"""`dyads serve`: the REST API and the web UI over a DuckDB store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.markup import escape

EXIT_USAGE = 2


def serve_command(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store written by `dyads code --db`.")],
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    allow_write: Annotated[
        bool, typer.Option("--allow-write", help="Enable POST /api/code (codes and stores posted text).")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="DYADS_TOKEN", help="Bearer token that POST /api/code requires."),
    ] = None,
) -> None:
    """Serve the events of a store: the UI at /, the API under /api, its OpenAPI docs at /docs."""
    import uvicorn

    from dyads.export.store import Store
    from dyads.server.app import create_app

    console = Console(stderr=True)
    if allow_write and not token:
        raise typer.BadParameter("--allow-write needs --token (or DYADS_TOKEN)", param_hint="'--token'")
    if not allow_write and not db.exists():
        raise typer.BadParameter(f"no such store: {db} (create it with `dyads code --db`)", param_hint="'--db'")
    try:
        # read-only unless writing: other processes may then read the same file
        store = Store(db, read_only=not allow_write)
    except duckdb.Error as error:
        console.print(f"[red]error[/] {escape(str(error))}")
        raise typer.Exit(EXIT_USAGE) from None
    console.print(f"dyads: serving {escape(str(db))} at http://{host}:{port}/ (API docs at /docs)")
    try:
        uvicorn.run(create_app(store, allow_write=allow_write, token=token), host=host, port=port, log_level="warning")
    finally:
        store.close()
