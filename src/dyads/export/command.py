"""`dyads export`: events from a DuckDB store to JSONL, CSV, Parquet or the PLOVER, ICEWS and GDELT layouts,
filtered like the API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.markup import escape

from dyads.actors.lexicon import country_code
from dyads.events.ontology import cameo_filter
from dyads.exit_codes import EXIT_OUTPUT_FAILED, EXIT_USAGE
from dyads.export import FORMATS, UnknownOutputFormat, writer_for
from dyads.export.store import MODALITIES, RULE_FAMILIES, EventFilter, Store, StoredDocuments
from dyads.server.ingest import ServerFile

MIN_CONFIDENCE_HELP = "Only events at least this likely to be correct (their calibrated confidence, 0 to 1)."
COUNTRY_HELP = "ISO 3166 alpha-3 code (IND, ind) or name (India, Indian)"


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2002-03-10", param_hint=option) from None


def _checked(read: Callable[[str], str], value: str | None, option: str) -> str | None:
    """`value` as `read` takes it; what `read` refuses is a usage error of `option`."""
    if value is None:
        return None
    try:
        return read(value)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint=option) from None


def export_command(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store written by `dyads code --db`.")],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="events.jsonl, events.csv or events.parquet (any name with --format); '-': stdout (JSONL unless"
            " --format says otherwise).",
        ),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=f"One of {', '.join(FORMATS)}; by default the output's extension decides. plover: one PLOVER/POLECAT"
            " JSON object per line; icews, gdelt: those tools' event tables as TSV with a header row.",
        ),
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="First event date.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", metavar="YYYY-MM-DD", help="Last event date.")] = None,
    source_country: Annotated[
        str | None, typer.Option("--source", metavar="COUNTRY", help=f"Source country: {COUNTRY_HELP}.")
    ] = None,
    target_country: Annotated[
        str | None, typer.Option("--target", metavar="COUNTRY", help=f"Target country: {COUNTRY_HELP}.")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", metavar="COUNTRY", help=f"Country of either side: {COUNTRY_HELP}.")
    ] = None,
    sector: Annotated[str | None, typer.Option("--sector", help="PLOVER sector of either actor.")] = None,
    cameo: Annotated[
        str | None,
        typer.Option("--cameo", help="CAMEO code: a root (2 digits, 01 to 20) or a code under one (190, 0311)."),
    ] = None,
    plover_type: Annotated[str | None, typer.Option("--plover", help="PLOVER event type.")] = None,
    modality: Annotated[
        list[str] | None, typer.Option("--modality", help=f"Repeatable: {', '.join(MODALITIES)}.")
    ] = None,
    quad_class: Annotated[list[int] | None, typer.Option("--quad-class", min=1, max=4, help="Repeatable.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Text in the sentence, case-insensitive.")] = None,
    min_confidence: Annotated[
        float | None, typer.Option("--min-confidence", min=0.0, max=1.0, help=MIN_CONFIDENCE_HELP)
    ] = None,
    rule_family: Annotated[
        list[str] | None,
        typer.Option("--rule-family", help=f"Repeatable: {', '.join(RULE_FAMILIES)} (what produced the event)."),
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", metavar="CODE", help="Full actor code on either side (INDCOP).")
    ] = None,
    place: Annotated[str | None, typer.Option("--place", help="Place name or country code of the event.")] = None,
    one_per_cluster: Annotated[
        bool,
        typer.Option(
            "--one-per-cluster",
            help="One row per real event (cluster of `dyads cluster`): the matching event of its first report, "
            "with the cluster's first and last report and counts.",
        ),
    ] = False,
) -> None:
    """Write the events of a store, optionally filtered, in the format of `dyads code -o`."""
    console = Console(stderr=True)
    unknown = sorted(set(modality or []) - set(MODALITIES))
    if unknown:
        raise typer.BadParameter(f"unknown modality {', '.join(unknown)}", param_hint="'--modality'")
    unknown = sorted(set(rule_family or []) - set(RULE_FAMILIES))
    if unknown:
        raise typer.BadParameter(f"unknown rule family {', '.join(unknown)}", param_hint="'--rule-family'")
    if not db.exists():
        raise typer.BadParameter(f"no such store: {db}", param_hint="'--db'")
    event_filter = EventFilter(
        date_from=_date(date_from, "'--from'"),
        date_to=_date(date_to, "'--to'"),
        source_country=_checked(country_code, source_country, "'--source'"),
        target_country=_checked(country_code, target_country, "'--target'"),
        country=_checked(country_code, country, "'--country'"),
        sector=sector,
        cameo=_checked(cameo_filter, cameo, "'--cameo'"),
        plover_type=plover_type,
        modality=modality or [],
        quad_class=quad_class or [],
        text=text,
        min_confidence=min_confidence,
        rule_family=rule_family or [],
        actor=actor,
        place=place,
    )
    try:
        store = Store(db, read_only=True)
    except duckdb.Error as error:
        served = ServerFile.beside(db).read()
        reason = (
            f"dyads serve holds it at {served[0]}: export through its API or web UI, or stop it first"
            if served
            else str(error)
        )
        console.print(f"[red]error[/] cannot open {escape(str(db))}: {escape(reason)}", soft_wrap=True)
        raise typer.Exit(EXIT_OUTPUT_FAILED) from None
    unclustered = store.count_unclustered() if one_per_cluster else 0
    if unclustered:
        store.close()
        console.print(
            f"[red]error[/] {unclustered:,} events have no cluster yet: run `dyads cluster --db {escape(str(db))}` first",
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_USAGE)
    try:
        writer = writer_for(output, format, StoredDocuments(store))
    except UnknownOutputFormat as error:
        store.close()
        raise typer.BadParameter(str(error), param_hint="'--format'" if format else "'--output'") from None
    written = 0
    try:
        for events in store.iter_events(event_filter, one_per_cluster=one_per_cluster):
            writer.write(events)
            written += len(events)
    finally:
        writer.close()
        store.close()
    unit = "real events" if one_per_cluster else "events"
    console.print(f"{written:,} {unit} written to {escape(output if output != '-' else 'stdout')}", soft_wrap=True)
