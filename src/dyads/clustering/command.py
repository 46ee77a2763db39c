"""`dyads cluster`: link the reports of one happening across a store's documents (one event per real event)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.markup import escape

from dyads.clustering import EventLinker, cluster_store
from dyads.export.store import Store

EXIT_STORE_FAILURE = 3
_DEFAULTS = EventLinker()


def cluster_command(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store written by `dyads code --db`.")],
    window_days: Annotated[
        int, typer.Option("--window-days", min=0, help="Days two reports of one event may lie apart.")
    ] = _DEFAULTS.window_days,
    min_similarity: Annotated[
        float,
        typer.Option("--min-similarity", min=0.0, max=1.0, help="TF-IDF cosine of the sentences to link them."),
    ] = _DEFAULTS.min_similarity,
    max_km: Annotated[
        float, typer.Option("--max-km", min=0.0, help="Distance between two located places that still match.")
    ] = _DEFAULTS.max_km,
) -> None:
    """Give every event of a store its cluster: the reports of one happening, across documents and outlets.

    Recomputes every cluster; run it again after `dyads code --db` adds documents (their events have no
    cluster until then). Exit status: 2 for a usage error, 3 when the store cannot be opened for writing
    (served by `dyads serve`, or held by a running `dyads code`).
    """
    console = Console(stderr=True)
    if not db.exists():
        raise typer.BadParameter(f"no such store: {db}", param_hint="'--db'")
    try:
        store = Store(db)
    except duckdb.Error as error:
        console.print(f"[red]error[/] cannot open {escape(str(db))}: {escape(str(error))}")
        raise typer.Exit(EXIT_STORE_FAILURE) from None
    linker = EventLinker(window_days=window_days, min_similarity=min_similarity, max_km=max_km)
    with store:
        summary = cluster_store(store, linker)
    console.print(
        f"events: {summary.events:,}\nclusters: {summary.clusters:,}\n"
        f"clusters reported by several documents: {summary.linked_clusters:,} ({summary.linked_events:,} events)\n"
        f"largest cluster: {summary.largest:,} events",
        highlight=False,
    )
