"""`dyads serve`: the REST API and the web UI over a DuckDB store, which the server holds while it runs."""

from __future__ import annotations

import contextlib
import secrets
import socket
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.markup import escape

from dyads.exit_codes import EXIT_OUTPUT_FAILED
from dyads.server.connections import DEFAULT_MAX_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT


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
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="NAME",
            help="A Host name to answer besides localhost, 127.0.0.1, [::1] and --host (repeatable; "
            "'*.example.org' matches subdomains).",
        ),
    ] = None,
    request_timeout: Annotated[
        float,
        typer.Option("--request-timeout", min=0.1, help="Seconds a client has to send a whole request."),
    ] = DEFAULT_REQUEST_TIMEOUT,
    max_connections: Annotated[
        int,
        typer.Option(
            "--max-connections",
            min=1,
            help="Open connections at most; past it, the one idle longest is closed.",
        ),
    ] = DEFAULT_MAX_CONNECTIONS,
) -> None:
    """Serve the events of a store: the UI at /, the API under /api, its docs at /docs and /redoc.

    The server holds the store while it runs: `dyads code --db` on the same store sends it its batches.
    Exit status: 2 for a usage error, 3 when it cannot serve: the store cannot be opened (held by a running
    `dyads code`) or the port cannot be listened on (in use).
    """
    import uvicorn

    from dyads.export.store import Store
    from dyads.server.app import create_app
    from dyads.server.connections import KEEP_ALIVE_TIMEOUT, guarded_protocol, max_connections_for
    from dyads.server.ingest import ServerFile, http_url, local_url
    from dyads.server.security import allowed_hosts, is_loopback

    console = Console(stderr=True)
    if allow_write and not token:
        raise typer.BadParameter("--allow-write needs --token (or DYADS_TOKEN)", param_hint="'--token'")
    for name in allowed_host or []:
        if "*" in name[1:] or (name.startswith("*") and name != "*" and not name.startswith("*.")):
            raise typer.BadParameter(f"{name!r}: a wildcard is '*.example.org' (or '*': any host)",
                                     param_hint="'--allowed-host'")
    if not allow_write and not db.exists():
        raise typer.BadParameter(f"no such store: {db} (create it with `dyads code --db`)", param_hint="'--db'")
    try:
        listening = _listen(host, port)
    except OSError as error:
        console.print(
            f"[red]error[/] cannot listen on {escape(http_url(host, port))}: {escape(error.strerror or str(error))}",
            soft_wrap=True,
            highlight=False,
        )
        raise typer.Exit(EXIT_OUTPUT_FAILED) from None
    try:
        store = Store(db)
    except duckdb.Error as error:
        listening.close()
        console.print(f"[red]error[/] cannot open the store: {escape(str(error))}", soft_wrap=True, highlight=False)
        raise typer.Exit(EXIT_OUTPUT_FAILED) from None
    ingest_token = secrets.token_urlsafe(32)
    server_file = ServerFile.beside(db)

    @contextlib.asynccontextmanager
    async def announced(app):
        """While the server runs, `dyads code --db` finds it beside the store (uvicorn runs this on SIGTERM too)."""
        try:
            server_file.write(local_url(host, port), ingest_token)
        except OSError as error:
            console.print(
                f"[yellow]warning[/] cannot write {escape(str(server_file.path))} ({escape(error.strerror or '')})"
                ": `dyads code --db` cannot add to this store while it is served",
                soft_wrap=True,
            )
        try:
            yield
        finally:
            server_file.remove()
            store.close()

    answered = allowed_hosts(host, allowed_host or [])
    app = create_app(
        store,
        allow_write=allow_write,
        token=token,
        allowed_hosts=answered,
        ingest_token=ingest_token,
        lifespan=announced,
    )
    connections = max_connections_for(max_connections)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        http=guarded_protocol(request_timeout, connections),
        timeout_keep_alive=KEEP_ALIVE_TIMEOUT,
    )
    console.print(f"dyads: serving {escape(str(db))} at {escape(http_url(host, port))}/ (API docs at /docs)",
                  soft_wrap=True)
    if not is_loopback(host) and "*" not in answered:
        console.print(
            f"dyads: only requests addressed to {escape(', '.join(answered))} are answered (others get 400 Invalid"
            " host header): add --allowed-host NAME for each name clients reach this server by",
            soft_wrap=True,
            highlight=False,
        )
    try:
        uvicorn.Server(config).run(sockets=[listening])
    finally:
        store.close()  # when the server could not start; closing twice is harmless
        listening.close()


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host` and `port` as uvicorn binds one, taken before the server says where it serves."""
    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
    except OSError:
        listening.close()
        raise
    listening.set_inheritable(True)
    return listening
