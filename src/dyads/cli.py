"""The `dyads` command line. Commands are thin: parse arguments, call the library, report progress."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import duckdb
import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from dyads.clustering.command import cluster_command
from dyads.coder import DEFAULT_MIN_CONFIDENCE, CodedDocument, Coder
from dyads.data import data_path
from dyads.evaluate.command import Decisions, DecisionsOption, eval_command
from dyads.exit_codes import EXIT_INTERRUPTED, EXIT_OK, EXIT_OUTPUT_FAILED, EXIT_SKIPPED, EXIT_USAGE
from dyads.export import (
    FORMATS,
    CannotAppend,
    EventWriter,
    JsonlWriter,
    UnknownOutputFormat,
    output_format,
    writer_for,
)
from dyads.export.command import MIN_CONFIDENCE_HELP, export_command
from dyads.export.store import Store
from dyads.ingest import STDIN, FieldMap, ReadReport, Skipped, UnknownPreset, read
from dyads.model import Actor, Document, Event
from dyads.nlp import DEFAULT_DECISIONS, DEFAULT_MODEL
from dyads.scale import LocalEngine, ParquetDataset, ResumableRun
from dyads.scale.dataset import DatasetLocked
from dyads.scale.run import OutputFailed, error_reason
from dyads.server.command import serve_command
from dyads.server.ingest import ServedStore
from dyads.user_lexicons import LexiconError
from dyads.user_lexicons.command import ActorsOption, VerbsOption
from dyads.user_lexicons.command import app as lexicon_app

app = typer.Typer(
    name="dyads",
    help="Political event data from raw news text: who did what to whom, when, where, how sure, "
    "and according to whom.",
    no_args_is_help=True,
    add_completion=False,
)

DEMO_REPORT = "demo/seoul-tokyo-thaw.txt"
SHOWN_PROBLEMS = 20  # skipped inputs and warnings listed in the summary; the rest are counted

CODE_MIN_CONFIDENCE_HELP = MIN_CONFIDENCE_HELP + " Less likely events are left out; 0 keeps every one."


ModelOption = Annotated[str, typer.Option("--model", help="The spaCy pipeline under dyads' components.")]


def _field_option(field: str, example: str) -> typer.models.OptionInfo:
    return typer.Option(
        f"--{field}-field",
        metavar="COLUMN",
        help=f"Column (JSONL/CSV/TSV/Parquet) holding the document's {field}, e.g. {example!r}.",
        rich_help_panel="Input fields",
    )


@dataclass
class RunTotals:
    documents: int = 0
    sentences: int = 0
    events: int = 0
    failed: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    interrupted: bool = False
    failure: str | None = None  # why the run stopped early: an output or the store could not be written
    stored_before: int = 0  # documents the store (--db) and the dataset (--out-dir) held at the start
    already_done: int = 0  # inputs skipped because a previous run had stored them
    replaced: list[tuple[str, str | None]] = field(default_factory=list)  # (id, origin) replaced in --db or --out-dir
    duplicates: list[tuple[str, str | None, str]] = field(default_factory=list)  # (id, origin, stored id)
    written: int | None = None  # documents whose events reached -o, where the store or dataset counts

    def add(self, coded_documents: Iterable[CodedDocument]) -> None:
        for coded in coded_documents:
            self.documents += 1
            self.sentences += coded.sentences
            self.events += len(coded.events)
            self.warnings += coded.warnings
            if coded.error:
                origin = coded.document.origin or coded.document.id
                self.failed.append(Skipped(origin, f"coding failed: {coded.error}"))


class EngineName(str, Enum):
    local = "local"
    dask = "dask"


class DocumentsPerSecond(ProgressColumn):
    def render(self, task) -> Text:
        return Text(f"{task.speed or 0:.1f} documents/s", style="progress.data.speed")


CODE_HELP = (
    "Code news reports as political events, one record per event.\n\n"
    "Progress and a summary (documents, sentences, events, skipped inputs with reasons) go to stderr.\n\n"
    "Exit status: 0 when everything was coded; 1 when any file, record or document was skipped (the "
    "summary says which and why; everything else was still coded and written); 2 for a usage error; "
    "3 when an output or the store could not be written (disk full, unwritable path, store locked or "
    "lost: the run stops, every batch already committed is kept); 130 when interrupted."
)


@app.command("code", help=CODE_HELP)
def code_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Files (.txt .html .htm .jsonl .csv .tsv .parquet; text formats may be .gz), folders, or - for "
            "stdin.",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="events.jsonl, events.csv or events.parquet (any name with --format); '-' or none: stdout (JSONL"
            " unless --format says otherwise).",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=f"One of {', '.join(FORMATS)}; by default the output's extension decides. plover: one "
            "PLOVER/POLECAT JSON object per line; icews, gdelt: those tools' event tables as TSV with a header.",
        ),
    ] = None,
    date_text: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Publication date of documents whose record gives none."
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Processes that code documents.")
    ] = 1,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="DuckDB store to add the events to; run it again to resume a killed run."),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", help="Parquet dataset folder (one file per batch); run again to resume."),
    ] = None,
    engine: Annotated[
        EngineName, typer.Option("--engine", help="local: processes on this machine; dask: a Dask cluster.")
    ] = EngineName.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Dask scheduler of a running cluster, e.g. tcp://10.0.0.5:8786 (implies --engine dask); "
            "without it --engine dask starts a local cluster of --workers processes.",
        ),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per committed batch (--db, --out-dir).")
    ] = 64,
    min_confidence: Annotated[
        float, typer.Option("--min-confidence", min=0.0, max=1.0, help=CODE_MIN_CONFIDENCE_HELP)
    ] = DEFAULT_MIN_CONFIDENCE,
    decisions: DecisionsOption = Decisions.calibrate,
    model: ModelOption = DEFAULT_MODEL,
    preset: Annotated[
        str | None,
        typer.Option(
            "--preset",
            help="A named input layout: gdelt (content, seendate, domain), icews (Story ID, Publish Date, "
            "Headline, Text, Publisher). The --*-field options override it.",
            rich_help_panel="Input fields",
        ),
    ] = None,
    text_field: Annotated[str | None, _field_option("text", "content")] = None,
    id_field: Annotated[str | None, _field_option("id", "Story ID")] = None,
    date_field: Annotated[str | None, _field_option("date", "seendate")] = None,
    title_field: Annotated[str | None, _field_option("title", "headline")] = None,
    source_field: Annotated[str | None, _field_option("source", "domain")] = None,
    url_field: Annotated[str | None, _field_option("url", "link")] = None,
    actors: ActorsOption = [],  # noqa: B006 - Typer reads the default, never mutates it
    verbs: VerbsOption = [],  # noqa: B006
) -> None:
    default_date = _parse_date_option(date_text)
    fields = _field_map(preset, text_field, id_field, date_field, title_field, source_field, url_field)
    missing = [item for item in inputs if item != STDIN and not Path(item).exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATH")
    console = Console(stderr=True)
    try:
        to_output = output is not None or format is not None or not (db or out_dir)
        if to_output:
            output_format(output, format)
    except UnknownOutputFormat as error:
        raise typer.BadParameter(str(error), param_hint="'--format'" if format else "'--output'") from None

    _quiet_library_logs(console)
    coder = _load_coder(model, console, actors, verbs, min_confidence, decisions.value)
    report = ReadReport()
    totals = RunTotals()
    destinations = ", ".join(str(item) for item in (output if to_output else None, db, out_dir) if item)
    # the document whose events are being written, for the layouts that name its publisher and URL
    writing: dict[str, Document] = {}
    try:
        # the store first: -o is created, emptied or added to only once the run can go ahead
        run = _resumable_run(coder, db, out_dir, engine, scheduler, workers, batch_size, console)
    except CannotOpen as error:
        _stop_before_coding(console, report, totals, destinations, format, str(error))
    try:
        # a resumed run adds to the -o of the runs before it, which holds the events of what is stored
        writer = writer_for(output, format, writing, append=run.stored_before > 0) if to_output else None
    except CannotAppend as error:
        _close_outputs(run)
        raise typer.BadParameter(str(error), param_hint="'--output'") from None
    except OSError as error:
        _close_outputs(run)
        failure = f"cannot write {output}: {error_reason(error)}"
        _stop_before_coding(console, report, totals, destinations, format, failure)

    totals.stored_before = run.stored_before
    if run.outputs and writer is not None:
        totals.written = 0
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.completed}[/] documents"),
        BarColumn(bar_width=None),
        TextColumn("{task.fields[events]} events"),
        DocumentsPerSecond(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    )
    coded_batches = run.code_batches(read(inputs, date=default_date, report=report, fields=fields))
    try:
        with progress, run.engine:
            task = progress.add_task("coding", total=None, events=0)
            for batch in coded_batches:
                if run.outputs:  # committed: counted whether or not -o then takes it
                    totals.add(batch)
                for coded in batch:
                    if writer is not None:
                        writing.clear()
                        writing[coded.document.id] = coded.document
                        _write(writer, coded.events, output)
                    if totals.written is not None:
                        totals.written += 1
                    if not run.outputs:
                        totals.add([coded])
                    progress.update(task, advance=1, events=totals.events)
    except KeyboardInterrupt:
        totals.interrupted = True
    except OutputFailed as error:
        totals.failure = str(error)
    finally:
        coded_batches.close()
        if writer is not None:
            try:
                writer.close()
            except OSError as error:  # the last buffered events could not be written either
                totals.failure = totals.failure or str(OutputFailed(output or "stdout", error))
        _close_outputs(run)
    totals.already_done = run.already_done
    totals.replaced = run.replaced
    totals.duplicates = run.duplicates
    _print_summary(console, report, totals, destinations, format)
    if totals.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    if totals.failure:
        raise typer.Exit(EXIT_OUTPUT_FAILED)
    raise typer.Exit(EXIT_SKIPPED if report.skipped or totals.failed else EXIT_OK)


@app.command("demo")
def demo_command(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the events as JSON Lines instead of a table.")
    ] = False,
    min_confidence: Annotated[
        float, typer.Option("--min-confidence", min=0.0, max=1.0, help=CODE_MIN_CONFIDENCE_HELP)
    ] = DEFAULT_MIN_CONFIDENCE,
    model: ModelOption = DEFAULT_MODEL,
    actors: ActorsOption = [],  # noqa: B006 - Typer reads the default, never mutates it
    verbs: VerbsOption = [],  # noqa: B006
) -> None:
    """Code a short news analysis shipped with dyads (written for it) and show its events."""
    console = Console()
    _quiet_library_logs(Console(stderr=True))
    report = ReadReport()
    (document,) = read([data_path(DEMO_REPORT)], report=report)
    coded = _load_coder(model, Console(stderr=True), actors, verbs, min_confidence=0.0).code_document(document)
    shown = [event for event in coded.events if event.confidence >= min_confidence]
    if as_json:
        JsonlWriter(sys.stdout, close_stream=False).write(shown)
        return
    console.print(
        f"[bold]{escape(document.title or document.id)}[/]  {escape(document.source or '')}, {document.date}",
        soft_wrap=True,
    )
    caption = f"{len(shown)} events in {coded.sentences} sentences"
    if len(shown) < len(coded.events):
        caption += (f"; {len(coded.events) - len(shown)} less than {min_confidence:g} likely to be correct"
                    " left out (--min-confidence 0 shows them)")
    console.print(_events_table(shown, caption))


def _events_table(events: list[Event], caption: str) -> Table:
    table = Table(caption=caption)
    table.add_column("date", no_wrap=True)
    table.add_column("source", ratio=3)
    table.add_column("event", ratio=3)
    table.add_column("target", ratio=3)
    table.add_column("modality", ratio=2)
    table.add_column("trigger", ratio=2)
    for event in events:
        table.add_row(
            _date_cell(event),
            _actor_cell(event.source),
            f"[bold]{event.cameo.code}[/] {escape(event.cameo.name)}",
            _actor_cell(event.target),
            ", ".join(
                [event.modality]
                + ([event.evidential] if event.evidential != "direct" else [])
                + (["historical"] if event.historical else [])
            ),
            escape(event.trigger.text),
        )
    return table


def _date_cell(event: Event) -> str:
    """The event's date, a range as ISO start/end ("2023-02-27/03-05"), else the document's date."""
    if event.date is None or event.date.start is None:
        return event.doc_date or ""
    start, end = event.date.start, event.date.end
    if not end or end == start:
        return start
    return f"{start}/{end[5:] if end[:4] == start[:4] else end}"


def _actor_cell(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return f"[bold]{escape(actor.code or actor.country or '?')}[/] [dim]{escape(actor.name or actor.text)}[/]"


def _print_summary(
    console: Console, report: ReadReport, totals: RunTotals, output: str | None, format: str | None = None
) -> None:
    seconds = time.perf_counter() - totals.started
    rate = totals.documents / seconds if seconds > 0 else 0.0
    replaced = [
        f"{origin or doc_id}: replaced the stored document {doc_id!r}, whose text differed"
        for doc_id, origin in totals.replaced
    ]
    duplicates = [
        f"{origin or doc_id}: the same text is stored as {holder!r}; skipped (not stored as {doc_id!r})"
        for doc_id, origin, holder in totals.duplicates
    ]
    warnings = report.warnings + totals.warnings + replaced + duplicates
    skipped = report.skipped + totals.failed
    rows = {
        "documents": f"{totals.documents:,}",
        "skipped as already stored": f"{totals.already_done:,}" if totals.stored_before else None,
        "sentences": f"{totals.sentences:,}",
        "events": f"{totals.events:,}",
        "skipped": f"{len(skipped):,}",
        "unsupported files": report.unsupported_summary() if report.unsupported else None,
        "repeated ids": f"{report.repeated_ids:,}" if report.repeated_ids else None,
        "replaced": f"{len(totals.replaced):,}" if totals.replaced else None,
        "stored under another id": f"{len(totals.duplicates):,}" if totals.duplicates else None,
        "warnings": f"{len(warnings):,}",
        "time": f"{seconds:.1f} s ({rate:.1f} documents/s)",
        "output": output if output and output != "-" else f"stdout ({format or 'JSONL'})",
        "documents written to the output": (
            f"{totals.written:,}" if totals.written not in (None, totals.documents) else None
        ),
    }
    # `name: value` and `path:line: reason`, one line each and never wrapped, whatever the terminal's
    # width, so that a log can be searched for them
    ending = " (interrupted)" if totals.interrupted else " (stopped)" if totals.failure else ""
    console.print(f"[bold]dyads code{ending}[/]")
    for name, value in rows.items():
        if value is not None:
            console.print(f"  {name}: {escape(value)}", soft_wrap=True, highlight=False)
    for item in skipped[:SHOWN_PROBLEMS]:
        console.print(f"[red]skipped[/] {escape(str(item))}", soft_wrap=True, highlight=False)
    if len(skipped) > SHOWN_PROBLEMS:
        console.print(f"[red]skipped[/] and {len(skipped) - SHOWN_PROBLEMS:,} more")
    for warning in warnings[:SHOWN_PROBLEMS]:
        console.print(f"[yellow]warning[/] {escape(warning)}", soft_wrap=True, highlight=False)
    if len(warnings) > SHOWN_PROBLEMS:
        console.print(f"[yellow]warning[/] and {len(warnings) - SHOWN_PROBLEMS:,} more")
    if totals.failure:
        console.print(f"[red]error[/] {escape(totals.failure)}", soft_wrap=True, highlight=False)


def _parse_date_option(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2002-03-10", param_hint="'--date'") from None


def _field_map(
    preset: str | None,
    text: str | None,
    id: str | None,
    date: str | None,
    title: str | None,
    source: str | None,
    url: str | None,
) -> FieldMap:
    try:
        fields = FieldMap.preset(preset) if preset else FieldMap()
    except UnknownPreset as error:
        raise typer.BadParameter(str(error), param_hint="'--preset'") from None
    return fields.overridden(text=text, id=id, date=date, title=title, source=source, url=url)


def _load_coder(
    model: str,
    console: Console,
    actors: list[Path],
    verbs: list[Path],
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    decisions: str = DEFAULT_DECISIONS,
) -> Coder:
    """A Coder with its pipeline loaded now, so a missing model or a faulty user table is a usage error
    before any output."""
    try:
        coder = Coder(model, actors=actors, verbs=verbs, min_confidence=min_confidence, decisions=decisions)
        coder.nlp  # noqa: B018 - loads the pipeline
    except (RuntimeError, LexiconError) as error:
        console.print(f"[red]error[/] {escape(str(error))}", soft_wrap=True, highlight=False)
        raise typer.Exit(EXIT_USAGE) from None
    return coder


def _resumable_run(
    coder: Coder,
    db: Path | None,
    out_dir: Path | None,
    engine: EngineName,
    scheduler: str | None,
    workers: int,
    batch_size: int,
    console: Console,
) -> ResumableRun:
    """The run's outputs and engine; says how much a previous run had already stored."""
    outputs: list[Store | ServedStore | ParquetDataset] = []
    for path, open_output in ((db, lambda path: _open_store(path, console)), (out_dir, ParquetDataset)):
        if path is None:
            continue
        try:
            outputs.append(open_output(path))
        except (duckdb.Error, DatasetLocked, OSError) as error:  # held by another run, or not writable
            for opened in outputs:
                opened.close()
            raise CannotOpen(f"cannot open {path}: {error_reason(error)}") from error
    if engine is EngineName.dask or scheduler:
        from dyads.scale.cluster import DaskEngine  # Dask is loaded only when asked for

        runner = DaskEngine(scheduler, workers)
    else:
        runner = LocalEngine(workers)
    run = ResumableRun(outputs, coder, runner, batch_size)
    if run.stored_before:
        holders = " and ".join(name for name, path in (("the store", db), ("the dataset", out_dir)) if path)
        console.print(
            f"resuming: {holders} {'hold' if db and out_dir else 'holds'} {run.stored_before:,}"
            f" document{'s' if run.stored_before != 1 else ''};"
            " inputs already held with the same id and text are skipped",
            soft_wrap=True,
        )
    return run


class CannotOpen(Exception):
    """The store or the dataset could not be opened: locked by another run, or not writable."""


def _close_outputs(run: ResumableRun) -> None:
    for output in run.outputs:
        output.close()


def _write(writer: EventWriter, events: list[Event], output: str | None) -> None:
    try:
        writer.write(events)
    except OSError as error:
        raise OutputFailed(output or "stdout", error) from error


def _stop_before_coding(
    console: Console,
    report: ReadReport,
    totals: RunTotals,
    destinations: str,
    format: str | None,
    failure: str,
) -> NoReturn:
    """Stop on an output that cannot be opened: the summary, its error line, no traceback."""
    totals.failure = failure
    _print_summary(console, report, totals, destinations, format)
    raise typer.Exit(EXIT_OUTPUT_FAILED)


def _open_store(db: Path, console: Console) -> Store | ServedStore:
    """The store at `db`, or, while `dyads serve` holds it, that server's ingest endpoint."""
    try:
        return Store(db)
    except duckdb.IOException:  # locked by another process: a server that takes batches, or not
        served = ServedStore.announced(
            db, on_wait=lambda url: console.print(f"waiting for the server at {escape(url)}", soft_wrap=True)
        )
        if served is None:
            raise
        console.print(
            f"{escape(str(db))} is served at {escape(served.url)}: batches are stored through the server",
            soft_wrap=True,
        )
        return served


def _quiet_library_logs(console: Console) -> None:
    """Problems are reported in the summary; library log lines only reach an interactive terminal."""
    logger = logging.getLogger("dyads")
    logger.handlers = [
        RichHandler(console=console, show_time=False, show_path=False, level=logging.WARNING)
        if console.is_terminal
        else logging.NullHandler()  # a handler, so Python's last-resort stderr printer stays silent
    ]


# Other command families register themselves below, one module each.
app.command("cluster")(cluster_command)
app.command("eval")(eval_command)
app.command("export")(export_command)
app.command("serve")(serve_command)
app.add_typer(lexicon_app)

if __name__ == "__main__":
    app()
