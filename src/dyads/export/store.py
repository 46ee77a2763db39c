"""An embedded DuckDB store of coded documents and their events, and the queries the API and export run.

Tables:
- `documents`: one row per document id, with its content hash, metadata and full text;
- `events`: the `model.FLAT_COLUMNS` of each event (`Event.flat()`), `event_date` (event date, else the
  document date) for date filters and the timeline, `sentence_lower` for text search, and `record`, the
  nested `Event.to_dict()` as JSON so readers get back exactly what the coder produced.

Writes are idempotent by document id and content hash: a document already stored with the same hash is
skipped, one stored with another hash has its row updated and its events replaced, and `add` names it in
`AddResult.replaced_ids` (so does a batch that names an id twice with two texts: the later one is kept).
A document whose text is already stored under another id (the same file read once through its folder,
`a/report`, and once alone, `report`) is skipped too, and named in `AddResult.duplicate_ids` with that id:
storing it would count its events twice. The first id a text is stored under is the one it keeps.
Every query takes its values as parameters; only whitelisted column names are ever put into SQL text.
"""

from __future__ import annotations

import contextlib
import errno
import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import duckdb
import pyarrow as pa

from dyads.ingest.dates import iso_day
from dyads.model import FLAT_COLUMNS, Event, EventCluster, Modality, cluster_columns

if TYPE_CHECKING:  # the coder pulls in spaCy, which reading a store does not need
    from dyads.coder import CodedDocument

MODALITIES: tuple[str, ...] = ("actual", "future", "hypothetical", "negated")
MAX_FACET_VALUES = 1000

_CLUSTER_COUNTS = {"cluster_mentions", "cluster_documents", "cluster_sources"}
_INTEGER_COLUMNS = {"sentence_index", "quad_class", "geonameid"} | _CLUSTER_COUNTS | {
    column for column in FLAT_COLUMNS if column.endswith(("_start", "_end")) and not column.startswith("date_")
}
_FLOAT_COLUMNS = {"goldstein", "lat", "lon", "quantity_usd", "confidence"} | {
    column for column in FLAT_COLUMNS if column.startswith("num_")
}
_BOOLEAN_COLUMNS = {"historical", "reciprocal"}


def _column_type(column: str) -> tuple[str, pa.DataType]:
    if column in _INTEGER_COLUMNS:
        return "BIGINT", pa.int64()
    if column in _FLOAT_COLUMNS:
        return "DOUBLE", pa.float64()
    if column in _BOOLEAN_COLUMNS:
        return "BOOLEAN", pa.bool_()
    return "VARCHAR", pa.string()


_EVENT_SCHEMA = pa.schema(
    [(column, _column_type(column)[1]) for column in FLAT_COLUMNS]
    + [("event_date", pa.date32()), ("record", pa.string())]
)

_SCHEMA_SQL = f"""
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    date DATE,
    title VARCHAR,
    source VARCHAR,
    url VARCHAR,
    metadata JSON,
    text VARCHAR NOT NULL,
    sentences INTEGER,
    event_count INTEGER NOT NULL,
    coded_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    {", ".join(f"{column} {_column_type(column)[0]}" for column in FLAT_COLUMNS if column != "doc_id")},
    doc_id VARCHAR NOT NULL REFERENCES documents (id),
    event_date DATE,
    sentence_lower VARCHAR,
    record JSON NOT NULL
);
CREATE INDEX IF NOT EXISTS events_doc_id ON events (doc_id);
"""
# a store made by an earlier version gets the flat columns added since (its older rows hold NULL there)
_UPGRADE_SQL = "".join(
    f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {column} {_column_type(column)[0]};\n" for column in FLAT_COLUMNS
)

_CLUSTER_SCHEMA = pa.schema(
    [("event_id", pa.string())]
    + [(column, _column_type(column)[1]) for column in cluster_columns(None)]
    + [("patch", pa.string())]
)

_EVENT_INSERT_COLUMNS = ", ".join(_EVENT_SCHEMA.names)

# API sort keys → SQL expressions; nothing else is ever put into ORDER BY.
EVENT_SORT_KEYS: dict[str, str] = {
    "date": "event_date",
    "doc_date": "doc_date",
    "goldstein": "goldstein",
    "quad_class": "quad_class",
    "cameo": "cameo_code",
    "plover": "plover_type",
    "source": "source_country",
    "target": "target_country",
    "modality": "modality",
    "confidence": "confidence",
    "document": "doc_id",
}
DOCUMENT_SORT_KEYS: dict[str, str] = {
    "date": "date",
    "title": "title",
    "source": "source",
    "events": "event_count",
    "coded": "coded_at",
    "id": "id",
}
# Rule families: how an event's actors were found (see `events/inferred_actors.py`) or whether the learned
# fallback coded it. Each is an SQL test of `rule`; nothing else is ever put into the condition.
RuleFamily = Literal["lexicon", "model", "unattributed", "authorities", "unresolved"]
_STAND_INS = {
    "unattributed": "contains(rule, ' unattributed')",  # the subject's path: "verb:kill unattributed/dobj"
    "authorities": "contains(rule, ' authorities')",
    "unresolved": "regexp_matches(rule, '[.]unresolved')",  # either side's path: "nsubj.unresolved"
}
_MODEL = "starts_with(rule, 'model:')"
RULE_FAMILIES: dict[str, str] = {
    **_STAND_INS,
    "model": _MODEL,
    # a lexicon row's trigger between actors the actor lexicons name
    "lexicon": f"NOT coalesce({' OR '.join([_MODEL, *_STAND_INS.values()])}, false)",
}
_DYAD_KEYS = {"country": ("source_country", "target_country"), "actor": ("source_code", "target_code")}
_TIMELINE_GROUPS = {"quad_class": "CAST(quad_class AS VARCHAR)", "plover_type": "plover_type"}
_INTERVALS = {"day", "week", "month"}


class QueryError(ValueError):
    """A query the store refuses (unknown sort key, bad interval): the API answers it with a 400."""


@dataclass
class EventFilter:
    """What `/api/events`, the charts and `dyads export` filter on; unset fields do not filter."""

    date_from: date | None = None
    date_to: date | None = None
    source_country: str | None = None
    target_country: str | None = None
    country: str | None = None  # either side
    sector: str | None = None  # either side
    cameo: str | None = None  # a CAMEO code: it and every code under it, its prefix ("19": 19, 190, 191, ...)
    plover_type: str | None = None
    modality: list[Modality] = field(default_factory=list)
    quad_class: list[int] = field(default_factory=list)
    text: str | None = None  # case-insensitive substring of the sentence
    doc_id: str | None = None
    cluster_id: str | None = None  # the reports of one real event (`dyads cluster`)
    min_confidence: float | None = None  # the least calibrated probability of being correct
    rule_family: list[RuleFamily] = field(default_factory=list)  # any of them
    actor: str | None = None  # a full actor code ("INDCOP") on either side
    source_actor: str | None = None
    target_actor: str | None = None
    place: str | None = None  # a place's name or its country code ("IND"), case-insensitive

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition and its parameters."""
        conditions: list[str] = []
        params: list[Any] = []

        def add(condition: str, *values: Any) -> None:
            conditions.append(condition)
            params.extend(values)

        if self.date_from is not None:
            add("event_date >= ?", self.date_from)
        if self.date_to is not None:
            add("event_date <= ?", self.date_to)
        if self.source_country:
            add("source_country = ?", self.source_country.upper())
        if self.target_country:
            add("target_country = ?", self.target_country.upper())
        if self.country:
            add("(source_country = ? OR target_country = ?)", self.country.upper(), self.country.upper())
        if self.sector:
            sector = self.sector.upper()
            add(
                "(list_contains(string_split(source_sectors, ';'), ?)"
                " OR list_contains(string_split(target_sectors, ';'), ?))",
                sector,
                sector,
            )
        if self.cameo:
            add("starts_with(cameo_code, ?)", self.cameo)
        if self.plover_type:
            add("plover_type = ?", self.plover_type.upper())
        if self.modality:
            add(f"modality IN ({', '.join('?' * len(self.modality))})", *self.modality)
        if self.quad_class:
            add(f"quad_class IN ({', '.join('?' * len(self.quad_class))})", *self.quad_class)
        if self.text:
            # a literal substring test on a lower-cased copy: no pattern syntax, 3x faster than ILIKE
            add("contains(sentence_lower, lower(?))", self.text)
        if self.doc_id is not None:
            add("doc_id = ?", self.doc_id)
        if self.cluster_id is not None:
            add("event_cluster_id = ?", self.cluster_id)
        if self.min_confidence is not None:
            add("confidence >= ?", self.min_confidence)
        if self.rule_family:
            unknown = sorted(set(self.rule_family) - set(RULE_FAMILIES))
            if unknown:
                raise QueryError(f"unknown rule family {unknown[0][:40]!r}; use one of {sorted(RULE_FAMILIES)}")
            add("(" + " OR ".join(RULE_FAMILIES[family] for family in self.rule_family) + ")")
        if self.actor:
            add("(source_code = ? OR target_code = ?)", self.actor.upper(), self.actor.upper())
        if self.source_actor:
            add("source_code = ?", self.source_actor.upper())
        if self.target_actor:
            add("target_code = ?", self.target_actor.upper())
        if self.place:
            add(
                # whole names: "Niger" is not Nigeria
                "(location_country = upper(?) OR lower(location_name) = lower(?) OR lower(location_text) = lower(?))",
                self.place,
                self.place,
                self.place,
            )
        return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


def escape_like(text: str) -> str:
    """`text` with LIKE's wildcards escaped, so it matches literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass
class AddResult:
    added: int = 0
    skipped: int = 0
    failed: int = 0  # documents whose coding failed: not stored, so a resumed run retries them
    events: int = 0
    replaced_ids: list[str] = field(default_factory=list)  # stored documents whose text changed
    # documents skipped (and counted in `skipped`) because their text is stored under another id: id → that id
    duplicate_ids: dict[str, str] = field(default_factory=dict)

    @property
    def replaced(self) -> int:
        return len(self.replaced_ids)


@dataclass
class StoredDocument:
    """A document as listed by the store (no text)."""

    id: str
    content_hash: str
    date: date | None
    title: str | None
    source: str | None
    url: str | None
    event_count: int
    coded_at: datetime


@dataclass
class DocumentRecord(StoredDocument):
    """A document with its text, metadata and events (their char offsets index `text`)."""

    text: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    sentences: int | None = None
    events: list[Event] = field(default_factory=list)


@dataclass
class Page:
    total: int
    limit: int
    offset: int


@dataclass
class TimelinePoint:
    period: date
    key: str
    count: int


@dataclass
class Facets:
    """What the store holds, for the UI's filter choices."""

    documents: int
    events: int
    date_min: date | None
    date_max: date | None
    countries: list[str]
    plover_types: list[str]
    cameo_roots: list[str]
    sectors: list[str]
    actor_codes: list[str]  # the most frequent first, at most `MAX_FACET_VALUES`
    places: list[str]  # names of geocoded places, the most frequent first, at most `MAX_FACET_VALUES`


@dataclass
class DyadCount:
    """A source → target pair: of countries, or of full actor codes (`by="actor"`, with their countries)."""

    source_country: str | None
    target_country: str | None
    count: int
    mean_goldstein: float
    source_code: str | None = None
    target_code: str | None = None


@dataclass
class PlaceCount:
    """The events at one geocoded place."""

    name: str | None
    country: str | None
    lat: float
    lon: float
    count: int
    mean_goldstein: float


_DOCUMENT_SUMMARY_COLUMNS = [f.name for f in fields(StoredDocument)]


@contextlib.contextmanager
def _transaction(cursor: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Commit what the block wrote, or roll it back if the block or the commit fails."""
    cursor.begin()
    try:
        yield
        cursor.commit()
    except BaseException:
        # a commit that failed (disk full) has ended the transaction: the rollback's own
        # "no transaction is active" must not hide why it failed
        with contextlib.suppress(duckdb.Error):
            cursor.rollback()
        raise


class Store:
    """A DuckDB file of coded documents and events.

    >>> store = Store("events.duckdb")
    >>> store.add(coder.pipe(documents))  # one transaction per call
    >>> store.events(EventFilter(source_country="RUS"), limit=20)
    """

    one_id_per_text = True  # see the module doc

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._connection = duckdb.connect(str(self.path), read_only=read_only)
        self._write_lock = threading.Lock()
        if not read_only:
            self._connection.execute(_SCHEMA_SQL)
            self._connection.execute(_UPGRADE_SQL)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        # a cursor per call: DuckDB connections must not be shared between threads (the API's workers)
        return self._connection.cursor()

    # writing

    def add(self, coded_documents: Iterable[CodedDocument]) -> AddResult:
        """Store a batch of coded documents in one transaction (see the module doc for idempotence)."""
        latest: dict[str, CodedDocument] = {}
        result = AddResult()
        for coded in coded_documents:
            doc_id = coded.document.id
            if coded.error is not None:
                result.failed += 1
            elif doc_id in latest and latest[doc_id].document.content_hash == coded.document.content_hash:
                result.skipped += 1
            else:
                if doc_id in latest:
                    result.replaced_ids.append(doc_id)
                latest[doc_id] = coded
        if not latest:
            return result
        with self._write_lock:
            if not self.path.exists():  # DuckDB would go on writing into the deleted file, and lose it all
                raise FileNotFoundError(
                    errno.ENOENT, "the store was deleted or moved while this run was writing to it", str(self.path)
                )
            cursor = self._cursor()
            stored = dict(
                cursor.execute(
                    "SELECT id, content_hash FROM documents WHERE id IN (SELECT unnest(?))", [list(latest)]
                ).fetchall()
            )
            # no index on content_hash: DuckDB would turn the UPDATE below into a DELETE + INSERT, which the
            # events' foreign key refuses; the scan of one column costs ~16 ms a batch at a million documents
            holders = dict(  # content hash → the (first) id that stores it
                cursor.execute(
                    "SELECT content_hash, min(id) FROM documents WHERE content_hash IN (SELECT unnest(?))"
                    " GROUP BY content_hash",
                    [[coded.document.content_hash for coded in latest.values()]],
                ).fetchall()
            )
            fresh, changed = [], []
            for doc_id, coded in latest.items():
                content_hash = coded.document.content_hash
                holder = holders.setdefault(content_hash, doc_id)  # else the batch's first id with the text
                if stored.get(doc_id) != content_hash and holder != doc_id:
                    result.skipped += 1
                    result.duplicate_ids[doc_id] = holder
                elif doc_id not in stored:
                    fresh.append(coded)
                elif stored[doc_id] != coded.document.content_hash:
                    changed.append(coded)
                else:
                    result.skipped += 1
            if not fresh and not changed:
                return result
            result.replaced_ids += [coded.document.id for coded in changed]
            coded_at = datetime.now(timezone.utc).replace(tzinfo=None)
            with _transaction(cursor):
                if changed:
                    changed_ids = [coded.document.id for coded in changed]
                    cursor.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?))", [changed_ids])
                    # UPDATE, not DELETE + INSERT: DuckDB checks foreign keys before the transaction ends
                    cursor.executemany(
                        "UPDATE documents SET content_hash = ?, date = ?, title = ?, source = ?, url = ?,"
                        " metadata = ?, text = ?, sentences = ?, event_count = ?, coded_at = ? WHERE id = ?",
                        [_document_row(coded, coded_at)[1:] + [coded.document.id] for coded in changed],
                    )
                if fresh:
                    cursor.executemany(
                        "INSERT INTO documents (id, content_hash, date, title, source, url, metadata, text,"
                        " sentences, event_count, coded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [_document_row(coded, coded_at) for coded in fresh],
                    )
                incoming = _event_table(fresh + changed)
                if incoming.num_rows:
                    cursor.register("incoming_events", incoming)
                    cursor.execute(
                        f"INSERT INTO events ({_EVENT_INSERT_COLUMNS}, sentence_lower) "
                        f"SELECT {_EVENT_INSERT_COLUMNS}, lower(sentence) FROM incoming_events"
                    )
                    cursor.unregister("incoming_events")
            result.added, result.events = len(fresh), incoming.num_rows
            return result

    def set_clusters(self, clusters: dict[str, EventCluster]) -> None:
        """Give each event named in `clusters` its cluster, in its flat columns and its record, in one
        transaction (what `dyads cluster` writes; events coded since keep none until the next run)."""
        flat = [{"event_id": event_id, **cluster_columns(cluster)} for event_id, cluster in clusters.items()]
        table = pa.Table.from_pylist(
            [{**row, "patch": json.dumps({"cluster": asdict(clusters[row["event_id"]])})} for row in flat],
            schema=_CLUSTER_SCHEMA,
        )
        assignments = ", ".join(f"{column} = clusters.{column}" for column in _CLUSTER_SCHEMA.names[1:-1])
        with self._write_lock:
            cursor = self._cursor()
            with _transaction(cursor):
                cursor.register("clusters", table)
                cursor.execute(
                    f"UPDATE events SET {assignments}, record = json_merge_patch(record, CAST(clusters.patch AS JSON))"
                    " FROM clusters WHERE events.event_id = clusters.event_id"
                )
                cursor.unregister("clusters")

    def done(self) -> set[tuple[str, str]]:
        """(document id, content hash) of every stored document: what a resumed run may skip."""
        return set(self._cursor().execute("SELECT id, content_hash FROM documents").fetchall())

    # reading

    def count_events(self, event_filter: EventFilter | None = None) -> int:
        where, params = (event_filter or EventFilter()).where()
        return self._cursor().execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]

    def events(
        self, event_filter: EventFilter | None = None, sort: str = "-date", limit: int = 50, offset: int = 0
    ) -> list[Event]:
        where, params = (event_filter or EventFilter()).where()
        order = _order_by(sort, EVENT_SORT_KEYS, tie_breaker="event_id")
        rows = self._cursor().execute(
            f"SELECT record FROM events{where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]
        ).fetchall()
        return [Event.from_dict(json.loads(record)) for (record,) in rows]

    def page(
        self, event_filter: EventFilter | None = None, sort: str = "-date", limit: int = 50, offset: int = 0
    ) -> tuple[int, list[Event]]:
        """The number of matching events and one page of them, from a single scan of the filters."""
        where, params = (event_filter or EventFilter()).where()
        order = _order_by(sort, EVENT_SORT_KEYS, tie_breaker="event_id")
        sort_column = EVENT_SORT_KEYS[sort.removeprefix("-")]
        rows = self._cursor().execute(
            f"WITH matching AS MATERIALIZED (SELECT rowid AS row_id, {sort_column}, event_id FROM events{where}),"
            f" page AS (SELECT row_id FROM matching ORDER BY {order} LIMIT ? OFFSET ?)"
            " SELECT total.n, paged.record FROM (SELECT count(*) AS n FROM matching) AS total"
            f" LEFT JOIN (SELECT record, {sort_column}, event_id FROM events"
            " WHERE rowid IN (SELECT row_id FROM page)) AS paged ON true"
            f" ORDER BY {order}",
            [*params, limit, offset],
        ).fetchall()
        total = rows[0][0]
        return total, [Event.from_dict(json.loads(record)) for _, record in rows if record is not None]

    def iter_events(
        self, event_filter: EventFilter | None = None, batch_size: int = 2000, one_per_cluster: bool = False
    ) -> Iterator[list[Event]]:
        """Every matching event, in batches, ordered by date and document (what `dyads export` writes).

        `one_per_cluster`: of the matching events of each cluster, only the one of its earliest report."""
        where, params = (event_filter or EventFilter()).where()
        first_report = (
            " QUALIFY row_number() OVER (PARTITION BY coalesce(event_cluster_id, event_id)"
            " ORDER BY doc_date NULLS LAST, doc_id, sentence_start, event_id) = 1"
            if one_per_cluster
            else ""
        )
        cursor = self._cursor()
        cursor.execute(
            f"SELECT record FROM events{where}{first_report} ORDER BY event_date, doc_id, event_id", params
        )
        while rows := cursor.fetchmany(batch_size):
            yield [Event.from_dict(json.loads(record)) for (record,) in rows]

    def iter_events_with_outlets(self, batch_size: int = 5000) -> Iterator[list[tuple[Event, str | None]]]:
        """Every stored event with the `source` (outlet) of its document, in batches: what clustering reads."""
        cursor = self._cursor()
        cursor.execute(
            "SELECT events.record, documents.source FROM events JOIN documents ON documents.id = events.doc_id"
            " ORDER BY events.event_id"
        )
        while rows := cursor.fetchmany(batch_size):
            yield [(Event.from_dict(json.loads(record)), outlet) for record, outlet in rows]

    def count_unclustered(self) -> int:
        """Events without a cluster: coded since the last `dyads cluster` (or never clustered)."""
        return self._cursor().execute("SELECT count(*) FROM events WHERE event_cluster_id IS NULL").fetchone()[0]

    def count_documents(self, text: str | None = None) -> int:
        where, params = _document_where(text)
        return self._cursor().execute(f"SELECT count(*) FROM documents{where}", params).fetchone()[0]

    def documents(
        self, text: str | None = None, sort: str = "-date", limit: int = 50, offset: int = 0
    ) -> list[StoredDocument]:
        where, params = _document_where(text)
        order = _order_by(sort, DOCUMENT_SORT_KEYS, tie_breaker="id")
        rows = self._cursor().execute(
            f"SELECT {', '.join(_DOCUMENT_SUMMARY_COLUMNS)} FROM documents{where}"
            f" ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [StoredDocument(*row) for row in rows]

    def stored_document(self, doc_id: str) -> StoredDocument | None:
        """A document's summary (date, title, source, url, ...) without its text and events."""
        row = (
            self._cursor()
            .execute(f"SELECT {', '.join(_DOCUMENT_SUMMARY_COLUMNS)} FROM documents WHERE id = ?", [doc_id])
            .fetchone()
        )
        return StoredDocument(*row) if row else None

    def document(self, doc_id: str) -> DocumentRecord | None:
        cursor = self._cursor()
        row = cursor.execute(
            f"SELECT {', '.join(_DOCUMENT_SUMMARY_COLUMNS)}, text, metadata, sentences FROM documents WHERE id = ?",
            [doc_id],
        ).fetchone()
        if row is None:
            return None
        summary, (text, metadata, sentences) = row[: len(_DOCUMENT_SUMMARY_COLUMNS)], row[-3:]
        events = cursor.execute(
            "SELECT record FROM events WHERE doc_id = ? ORDER BY sentence_start, trigger_start, event_id", [doc_id]
        ).fetchall()
        return DocumentRecord(
            *summary,
            text=text,
            metadata=json.loads(metadata) if metadata else {},
            sentences=sentences,
            events=[Event.from_dict(json.loads(record)) for (record,) in events],
        )

    def timeline(
        self,
        event_filter: EventFilter | None = None,
        interval: Literal["day", "week", "month"] = "month",
        by: Literal["quad_class", "plover_type"] = "quad_class",
    ) -> list[TimelinePoint]:
        """Event counts per period and group; events without any date are left out."""
        if interval not in _INTERVALS or by not in _TIMELINE_GROUPS:
            raise QueryError(f"interval must be one of {sorted(_INTERVALS)} and by one of {sorted(_TIMELINE_GROUPS)}")
        where, params = (event_filter or EventFilter()).where()
        where = f"{where} AND event_date IS NOT NULL" if where else " WHERE event_date IS NOT NULL"
        rows = self._cursor().execute(
            f"SELECT CAST(date_trunc(?, event_date) AS DATE) AS period, coalesce({_TIMELINE_GROUPS[by]}, '')"
            f" AS key, count(*) FROM events{where} GROUP BY ALL ORDER BY period, key",
            [interval, *params],
        ).fetchall()
        return [TimelinePoint(*row) for row in rows]

    def dyads(
        self, event_filter: EventFilter | None = None, limit: int = 50, by: Literal["country", "actor"] = "country"
    ) -> list[DyadCount]:
        """The most frequent source→target pairs of countries or of actor codes, with their mean Goldstein score.

        Pairs of actor codes keep same-country pairs apart by sector: IND→IND is INDCOP→INDCVL, INDGOV→INDOPP.
        """
        if by not in _DYAD_KEYS:
            raise QueryError(f"by must be one of {sorted(_DYAD_KEYS)}")
        source, target = _DYAD_KEYS[by]
        where, params = (event_filter or EventFilter()).where()
        both = f"{source} IS NOT NULL AND {target} IS NOT NULL"
        where = f"{where} AND {both}" if where else f" WHERE {both}"
        rows = self._cursor().execute(
            f"SELECT {source}, {target}, count(*) AS n, round(avg(goldstein), 2), any_value(source_country),"
            f" any_value(target_country) FROM events{where}"
            f" GROUP BY {source}, {target} ORDER BY n DESC, {source}, {target} LIMIT ?",
            [*params, limit],
        ).fetchall()
        if by == "country":
            return [DyadCount(*row[:4]) for row in rows]
        return [
            DyadCount(source_country, target_country, n, goldstein, source_code, target_code)
            for source_code, target_code, n, goldstein, source_country, target_country in rows
        ]

    def places(self, event_filter: EventFilter | None = None, limit: int = 2000) -> list[PlaceCount]:
        """Events per geocoded place (name, country and coordinates), the most frequent first."""
        where, params = (event_filter or EventFilter()).where()
        located = "lat IS NOT NULL AND lon IS NOT NULL"
        where = f"{where} AND {located}" if where else f" WHERE {located}"
        rows = self._cursor().execute(
            "SELECT coalesce(location_name, location_text), location_country, lat, lon, count(*) AS n,"
            f" round(avg(goldstein), 2) FROM events{where}"
            " GROUP BY ALL ORDER BY n DESC, 1, lat, lon LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [PlaceCount(*row) for row in rows]


    def facets(self) -> Facets:
        cursor = self._cursor()
        documents = cursor.execute("SELECT count(*) FROM documents").fetchone()[0]
        events, date_min, date_max = cursor.execute(
            "SELECT count(*), min(event_date), max(event_date) FROM events"
        ).fetchone()

        def distinct(sql: str) -> list[str]:
            return [value for (value,) in cursor.execute(sql).fetchall() if value]

        return Facets(
            documents=documents,
            events=events,
            date_min=date_min,
            date_max=date_max,
            countries=distinct(
                "SELECT DISTINCT country FROM (SELECT source_country AS country FROM events"
                " UNION ALL SELECT target_country FROM events) ORDER BY 1"
            ),
            plover_types=distinct("SELECT DISTINCT plover_type FROM events ORDER BY 1"),
            cameo_roots=distinct("SELECT DISTINCT cameo_root FROM events ORDER BY 1"),
            sectors=distinct(
                "SELECT DISTINCT sector FROM (SELECT unnest(string_split(concat_ws(';', source_sectors,"
                " target_sectors), ';')) AS sector FROM events) ORDER BY 1"
            ),
            actor_codes=distinct(
                "SELECT code FROM (SELECT source_code AS code FROM events UNION ALL SELECT target_code FROM events)"
                f" WHERE code IS NOT NULL GROUP BY code ORDER BY count(*) DESC, code LIMIT {MAX_FACET_VALUES}"
            ),
            places=distinct(
                "SELECT location_name FROM events WHERE location_name IS NOT NULL GROUP BY location_name"
                f" ORDER BY count(*) DESC, location_name LIMIT {MAX_FACET_VALUES}"
            ),
        )


def _order_by(sort: str, keys: dict[str, str], tie_breaker: str) -> str:
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    if key not in keys:
        raise QueryError(f"unknown sort key {key[:40]!r}; use one of {sorted(keys)} (prefix '-' to descend)")
    return f"{keys[key]} {'DESC' if descending else 'ASC'} NULLS LAST, {tie_breaker}"


def _document_where(text: str | None) -> tuple[str, list[Any]]:
    if not text:
        return "", []
    pattern = f"%{escape_like(text)}%"
    return " WHERE (title ILIKE ? ESCAPE '\\' OR id ILIKE ? ESCAPE '\\')", [pattern, pattern]


def _document_row(coded: CodedDocument, coded_at: datetime) -> list[Any]:
    document = coded.document
    return [
        document.id,
        document.content_hash,
        document.date,
        document.title,
        document.source,
        document.url,
        json.dumps(document.metadata, ensure_ascii=False),
        document.text,
        coded.sentences,
        len(coded.events),
        coded_at,
    ]


def _event_table(coded_documents: list[CodedDocument]) -> pa.Table:
    return pa.Table.from_pylist(list(_event_rows(coded_documents)), schema=_EVENT_SCHEMA)


def _event_rows(coded_documents: list[CodedDocument]) -> Iterator[dict[str, Any]]:
    for coded in coded_documents:
        for event in coded.events:
            row = event.flat()
            row["doc_id"] = coded.document.id
            row["event_date"] = iso_day(event.date.start if event.date else None) or iso_day(event.doc_date)
            row["record"] = json.dumps(event.to_dict(), ensure_ascii=False)
            yield row



class StoredDocuments:
    """A store's documents by id (`get`), remembering the last few thousand: an export's events come
    document by document, and each event of the PLOVER, ICEWS and GDELT layouts names its publisher."""

    REMEMBERED = 4096

    def __init__(self, store: Store):
        self.store = store
        self._known: dict[str, StoredDocument | None] = {}

    def get(self, doc_id: str) -> StoredDocument | None:
        if doc_id not in self._known:
            if len(self._known) >= self.REMEMBERED:
                self._known.clear()
            self._known[doc_id] = self.store.stored_document(doc_id)
        return self._known[doc_id]
