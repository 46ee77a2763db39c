"""Users' own dictionaries: actor and verb tables in the shipped TSV formats, layered over the shipped ones.

A file's header says its format (`FORMATS`): a leaders table (people with their offices and years), an
organisations table (groups, militias, institutions) or a verbs table (trigger verbs and their CAMEO codes).
Its text travels with the `Coder` (`LexiconFile` holds it, not a path), so that worker processes and Dask
workers load the same rows as the process that read the file. A user row wins over a shipped row that claims
the same name or the same verb sense; among user rows the first one given wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dyads.data import read_tsv


@dataclass(frozen=True)
class TableFormat:
    name: str
    kind: str  # "actors" or "verbs": the option that takes it (--actors, --verbs)
    columns: tuple[str, ...]
    shipped: str  # the shipped table in this format, under data/
    optional_last: bool  # whether a row may leave out its last cell (editors drop a trailing tab)


FORMATS = (
    TableFormat("leaders", "actors", ("name", "aliases", "country", "sectors", "title", "start", "end"),
                "actors/leaders.tsv", optional_last=True),
    TableFormat("organisations", "actors", ("name", "aliases", "country", "sectors", "code", "kind"),
                "actors/organisations.tsv", optional_last=False),
    TableFormat("verbs", "verbs", ("lemma", "when", "cameo", "confidence"), "events/verbs.tsv",
                optional_last=True),
)  # fmt: skip
ORGANISATION_KINDS = ("organisation", "igo", "ngo", "seat", "country", "capital")
BODY_CODE = re.compile(r"(?:[A-Z]{3})+")


class LexiconError(ValueError):
    """A user lexicon with rows that cannot be loaded; `dyads lexicon check FILE` lists them all."""


@dataclass(frozen=True)
class LexiconFile:
    """A user table by name (for messages and rules) and text."""

    name: str
    text: str

    @classmethod
    def read(cls, path: str | Path) -> LexiconFile:
        path = Path(path)
        try:
            return cls(path.name, path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as error:
            raise LexiconError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    cells: dict[str, str] = field(hash=False)

    @property
    def origin(self) -> str:
        return f"{self.file}:{self.line}"

    def __getitem__(self, column: str) -> str:
        return self.cells[column]


@dataclass(frozen=True)
class Problem:
    origin: str  # file:line
    severity: str  # "error" (the file is not loaded), "warning" or "note" (a shipped row it overrides)
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.severity}: {self.message}"


@dataclass
class Table:
    """A user file read: its format, its well-formed rows and what is wrong with the others."""

    file: LexiconFile
    format: TableFormat | None
    rows: list[Row]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]


@dataclass(frozen=True)
class UserLexicons:
    """The user tables of a run, by the option that gave them; hashable, so a pipeline is cached per set."""

    actors: tuple[LexiconFile, ...] = ()
    verbs: tuple[LexiconFile, ...] = ()

    @classmethod
    def read(cls, actors: Iterable[str | Path | LexiconFile] = (), verbs: Iterable[str | Path | LexiconFile] = ()
             ) -> UserLexicons:
        """Files by path (or already read), each checked for rows that cannot be loaded (`LexiconError`)."""
        lexicons = cls(_files(actors), _files(verbs))
        for kind in ("actors", "verbs"):
            for file in getattr(lexicons, kind):
                rows_of(file, kind)
        return lexicons


def _files(items: Iterable[str | Path | LexiconFile]) -> tuple[LexiconFile, ...]:
    return tuple(item if isinstance(item, LexiconFile) else LexiconFile.read(item) for item in items)


def rows_of(file: LexiconFile, kind: str) -> tuple[TableFormat, list[Row]]:
    """The rows of a user file given as `kind` ("actors" or "verbs"); `LexiconError` if any is wrong."""
    table = read_table(file)
    errors = table.errors
    if table.format is not None and table.format.kind != kind:
        errors.insert(0, Problem(f"{file.name}:1", "error", f"a {table.format.name} table, not a {kind} table"))
    if errors:
        shown = "\n".join(str(problem) for problem in errors[:5])
        more = f"\n... and {len(errors) - 5} more" if len(errors) > 5 else ""
        raise LexiconError(f"{file.name} cannot be loaded (dyads lexicon check {file.name}):\n{shown}{more}")
    assert table.format is not None
    return table.format, table.rows


def read_table(file: LexiconFile) -> Table:
    """Every row of a user file, checked cell by cell against its format; `#` and blank lines are skipped."""
    lines = [(number, line.rstrip("\r\n")) for number, line in enumerate(file.text.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line.strip() and not line.startswith("#")]
    if not lines:
        return Table(file, None, [], [Problem(f"{file.name}:1", "error", "no header row")])
    header_line, header = lines[0]
    columns = tuple(cell.strip() for cell in header.split("\t"))
    table_format = next((f for f in FORMATS if f.columns == columns), None)
    if table_format is None:
        known = "; ".join(f"{f.name} (as data/{f.shipped}): {' '.join(f.columns)}" for f in FORMATS)
        problem = Problem(f"{file.name}:{header_line}", "error",
                          f"unknown header {' '.join(columns)!r}; the formats are (tab-separated) {known}")
        return Table(file, None, [], [problem])
    table = Table(file, table_format, [], [])
    seen: dict[tuple[str, ...], int] = {}
    for number, line in lines[1:]:
        origin = f"{file.name}:{number}"
        cells = [cell.strip() for cell in line.split("\t")]
        if table_format.optional_last and len(cells) == len(columns) - 1:
            cells.append("")
        if len(cells) != len(columns):
            table.problems.append(Problem(origin, "error", f"{len(cells)} columns, the header has {len(columns)}"
                                          " (columns are separated by one tab; an empty cell is still a column)"))
            continue
        key = tuple(cell.lower() for cell in cells)
        if key in seen:
            table.problems.append(Problem(origin, "error", f"repeats line {seen[key]}"))
            continue
        seen[key] = number
        row = Row(file.name, number, dict(zip(columns, cells, strict=True)))
        problems = [Problem(origin, "error", message) for message in CELL_CHECKS[table_format.name](row)]
        table.problems += problems
        if not problems:
            table.rows.append(row)
    return table


def _leader_problems(row: Row) -> Iterable[str]:
    if not row["name"]:
        yield "no name"
    if not row["title"]:
        yield "no title (the office, e.g. Minister of Interior)"
    yield from _country_problems(row["country"])
    yield from _sector_problems(row["sectors"], required=True)
    start, end = _year(row["start"]), _year(row["end"])
    if start is None:
        yield f"start {row['start']!r} is not a year like 2019"
    if row["end"] and end is None:
        yield f"end {row['end']!r} is not a year like 2024 (empty: still in office)"
    if start is not None and end is not None and end < start:
        yield f"ends ({end}) before it starts ({start})"


def _organisation_problems(row: Row) -> Iterable[str]:
    if not row["name"]:
        yield "no name"
    yield from _country_problems(row["country"])
    yield from _sector_problems(row["sectors"], required=not row["code"])
    if row["code"] and not BODY_CODE.fullmatch(row["code"]):
        yield f"code {row['code']!r} is not CAMEO-style (three-letter parts in capitals, e.g. NGAREB, IGOUNO)"
    if row["kind"] not in ORGANISATION_KINDS:
        yield f"kind {row['kind']!r} is not one of {', '.join(ORGANISATION_KINDS)}"


def _verb_problems(row: Row) -> Iterable[str]:
    from dyads.events.lexicon import CONDITION_KINDS, NO_EVENT, VALUELESS_CONDITIONS
    from dyads.events.ontology import cameo_codes

    if not row["lemma"] or len(row["lemma"].split()) > 2:
        yield f"lemma {row['lemma']!r} is not a verb or a verb and its particle (\"set up\")"
    if row["cameo"] != NO_EVENT and row["cameo"] not in cameo_codes():
        yield f"unknown CAMEO code {row['cameo']!r}"
    for part in filter(None, (p.strip() for p in row["when"].split(";"))):
        kind, _, values = part.partition("=")
        if kind.strip() not in CONDITION_KINDS:
            yield f"unknown condition {part!r}; conditions are {', '.join(sorted(CONDITION_KINDS))}"
        elif kind.strip() not in VALUELESS_CONDITIONS and not values.strip():
            yield f"condition {part!r} has no values (a|b, or * for any)"
    if row["confidence"]:
        try:
            confidence = float(row["confidence"])
        except ValueError:
            confidence = -1.0
        if not 0 <= confidence <= 1:
            yield f"confidence {row['confidence']!r} is not a number from 0 to 1"


CELL_CHECKS = {"leaders": _leader_problems, "organisations": _organisation_problems, "verbs": _verb_problems}


def _country_problems(country: str) -> Iterable[str]:
    if country and country not in known_countries():
        yield f"unknown country {country!r} (ISO 3166 alpha-3, as in data/actors/countries.tsv)"


def _sector_problems(cell: str, required: bool) -> Iterable[str]:
    from dyads.actors.lexicon import SECTORS

    sectors = split_cell(cell)
    if required and not sectors:
        yield "no sectors (e.g. GOV, MIL, REB; see data/actors/sectors.tsv)"
    unknown = [sector for sector in sectors if sector not in SECTORS]
    if unknown:
        yield f"unknown sector {', '.join(unknown)} (sectors are {' '.join(SECTORS)})"


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    return frozenset(row["country"] for row in read_tsv("actors/countries.tsv"))


def split_cell(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _year(cell: str) -> int | None:
    return int(cell) if re.fullmatch(r"\d{4}", cell) else None

