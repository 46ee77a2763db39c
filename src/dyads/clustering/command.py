"""`dyads cluster`: link the reports of one happening across the documents of a store or an events file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.markup import escape

from dyads.clustering import ClusterSummary, EventLinker, cluster_events, cluster_store
from dyads.exit_codes import EXIT_OUTPUT_FAILED
from dyads.export import UnknownOutputFormat, writer_for
from dyads.export.store import Store
from dyads.model import Event
from dyads.server.ingest import ServerFile

_DEFAULTS = EventLinker()


def cluster_command(
    events_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="EVENTS.jsonl", help="Events as `dyads code -o events.jsonl` writes them, instead of --db."
        ),
    ] = None,
    db: Annotated[Path | None, typer.Option("--db", help="The DuckDB store written by `dyads code --db`.")] = None,
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", help="With EVENTS.jsonl: the events with their clusters (.jsonl, .csv, .parquet; '-')."
        ),
    ] = "-",
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
    """Give every event its cluster: the reports of one happening, across documents and outlets.

    With --db, recomputes every cluster of the store; run it again after `dyads code --db` adds documents
    (their events have no cluster until then). With EVENTS.jsonl, writes the events to --output with their
    clusters (no outlet is known there: each document counts as its own). Exit status: 2 for a usage error,
    3 when the store cannot be opened for writing (served by `dyads serve`, or held by a running `dyads code`).
    """
    console = Console(stderr=True)
    if (events_file is None) == (db is None):
        raise typer.BadParameter("give either an events file or --db STORE", param_hint="'--db'")
    linker = EventLinker(window_days=window_days, min_similarity=min_similarity, max_km=max_km)
    if events_file is not None:
        summary = _cluster_file(events_file, output, linker)
    else:
        summary = _cluster_db(db, linker, console)
    console.print(
        f"events: {summary.events:,}\nclusters: {summary.clusters:,}\n"
        f"clusters reported by several documents: {summary.linked_clusters:,} ({summary.linked_events:,} events)\n"
        f"largest cluster: {summary.largest:,} events",
        highlight=False,
    )


def _cluster_db(db: Path, linker: EventLinker, console: Console) -> ClusterSummary:
    if not db.exists():
        raise typer.BadParameter(f"no such store: {db}", param_hint="'--db'")
    try:
        store = Store(db)
    except duckdb.Error as error:
        served = ServerFile.beside(db).read()
        reason = f"dyads serve holds it at {served[0]}: stop it first" if served else str(error)
        console.print(f"[red]error[/] cannot open {escape(str(db))}: {escape(reason)}", soft_wrap=True)
        raise typer.Exit(EXIT_OUTPUT_FAILED) from None
    with store:
        return cluster_store(store, linker)


def _cluster_file(path: Path, output: str, linker: EventLinker) -> ClusterSummary:
    if not path.is_file():
        raise typer.BadParameter(f"no such file: {path}", param_hint="'EVENTS.jsonl'")
    events = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                events.append(Event.from_dict(json.loads(line)))
            except (ValueError, TypeError, KeyError) as error:
                raise typer.BadParameter(
                    f"{path.name}:{number} is not an event record ({error})", param_hint="'EVENTS.jsonl'"
                ) from None
    summary = cluster_events(events, linker)
    try:
        writer = writer_for(output)
    except UnknownOutputFormat as error:
        raise typer.BadParameter(str(error), param_hint="'--output'") from None
    try:
        writer.write(events)
    finally:
        writer.close()
    return summary
