"""The records every stage of dyads shares: documents in, events out.

These dataclasses are defined once and reused by the JSONL writer, the CSV/Parquet flattener, the
DuckDB store and the API's response models. `Event.to_dict()` is the JSONL record; `Event.flat()` is
the one-row-per-event form with GDELT/ICEWS-like column names.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Modality = Literal["actual", "future", "hypothetical", "negated"]
Evidential = Literal["direct", "reported", "hedged"]
DatePrecision = Literal["day", "week", "month", "quarter", "year", "decade", "document", "unknown"]


@dataclass
class Document:
    """One news report as read from its input, before any NLP."""

    id: str
    text: str
    date: date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    origin: str | None = None  # file (and line) it came from, for messages

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Actor:
    """An actor as coded: CAMEO-style code, ISO 3166 alpha-3 country, PLOVER sectors, the person if named."""

    text: str
    code: str | None = None
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    name: str | None = None
    title: str | None = None
    start: int = 0
    end: int = 0

    @property
    def international(self) -> bool:
        """An international governmental or non-governmental body (its code starts IGO or NGO)."""
        return (self.code or "")[:3] in ("IGO", "NGO")


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Cameo:
    code: str
    root: str
    name: str
    quad_class: int
    goldstein: float


@dataclass
class Plover:
    type: str
    mode: str | None = None
    context: str | None = None


@dataclass
class EventDate:
    start: str | None  # ISO dates
    end: str | None
    text: str | None
    precision: DatePrecision = "document"
    # the date the text gave ("2001-03-15", "1984-11-01..1984-11-30") when it lay more than a year before
    # the document with no historical cue: start and end are then the document date
    dropped: str | None = None


@dataclass
class Location:
    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str | None = None  # city, admin1, country, region


@dataclass
class Quantity:
    text: str
    value: float
    unit: str | None = None  # USD, persons, troops, ...
    kind: str | None = None  # money, killed, injured, arrested, displaced, troops, weapons


@dataclass
class CitedSource:
    name: str
    dates: list[str] = field(default_factory=list)
    text: str | None = None


@dataclass
class EventCluster:
    """The real event an event reports, as `dyads.clustering` linked its reports across documents.

    `mentions`: events in the cluster; `documents`: distinct documents; `sources`: distinct outlets (a
    document's `source`, each document without one counting as its own); first and last report: the
    earliest and latest document by publication date."""

    id: str
    mentions: int
    documents: int
    sources: int
    first_doc_id: str
    first_date: str | None
    last_doc_id: str
    last_date: str | None


@dataclass
class Event:
    id: str
    doc_id: str
    doc_date: str | None
    sentence_index: int
    sentence: str
    trigger: Span
    source: Actor
    target: Actor | None
    cameo: Cameo
    plover: Plover
    modality: Modality = "actual"
    historical: bool = False
    evidential: Evidential = "direct"
    attributed_to: str | None = None
    reciprocal: bool = False
    date: EventDate | None = None
    location: Location | None = None
    quantities: list[Quantity] = field(default_factory=list)
    cited_sources: list[CitedSource] = field(default_factory=list)
    confidence: float = 0.5
    rule: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    cluster: EventCluster | None = None  # set by `dyads cluster`, not by coding

    def identity(self) -> str:
        """What makes two records one event: document, sentence, trigger offsets, both actors and code.

        Actors count by code, name, text and offsets, so "slammed Vajpayee and Advani" (both INDGOV) are
        two events, and so are two uncoded actors in one sentence."""
        return "|".join(
            [
                self.doc_id,
                str(self.sentence_start),
                f"{self.trigger.start}-{self.trigger.end}",
                _actor_identity(self.source),
                _actor_identity(self.target),
                self.cameo.code,
            ]
        )

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Event:
        def build(kind, value):
            return None if value is None else kind(**value)

        data = dict(record)
        data["trigger"] = Span(**data["trigger"])
        data["source"] = Actor(**data["source"])
        data["target"] = build(Actor, data.get("target"))
        data["cameo"] = Cameo(**data["cameo"])
        data["plover"] = Plover(**data["plover"])
        data["date"] = build(EventDate, data.get("date"))
        data["location"] = build(Location, data.get("location"))
        data["quantities"] = [Quantity(**q) for q in data.get("quantities") or []]
        data["cited_sources"] = [CitedSource(**c) for c in data.get("cited_sources") or []]
        data["cluster"] = build(EventCluster, data.get("cluster"))
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def flat(self) -> dict[str, Any]:
        """One flat row (CSV, Parquet, DuckDB), column names close to GDELT/ICEWS conventions."""
        row: dict[str, Any] = {
            "event_id": self.id,
            "doc_id": self.doc_id,
            "doc_date": self.doc_date,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "trigger_text": self.trigger.text,
            "trigger_start": self.trigger.start,
            "trigger_end": self.trigger.end,
        }
        for prefix, actor in (("source", self.source), ("target", self.target)):
            row[f"{prefix}_text"] = actor.text if actor else None
            row[f"{prefix}_code"] = actor.code if actor else None
            row[f"{prefix}_country"] = actor.country if actor else None
            row[f"{prefix}_sectors"] = ";".join(actor.sectors) if actor else None
            row[f"{prefix}_name"] = actor.name if actor else None
            row[f"{prefix}_title"] = actor.title if actor else None
            row[f"{prefix}_start"] = actor.start if actor else None
            row[f"{prefix}_end"] = actor.end if actor else None
        row.update(
            {
                "cameo_code": self.cameo.code,
                "cameo_root": self.cameo.root,
                "cameo_name": self.cameo.name,
                "quad_class": self.cameo.quad_class,
                "goldstein": self.cameo.goldstein,
                "plover_type": self.plover.type,
                "plover_mode": self.plover.mode,
                "plover_context": self.plover.context,
                "modality": self.modality,
                "historical": self.historical,
                "evidential": self.evidential,
                "attributed_to": self.attributed_to,
                "reciprocal": self.reciprocal,
                "date_start": self.date.start if self.date else None,
                "date_end": self.date.end if self.date else None,
                "date_text": self.date.text if self.date else None,
                "date_precision": self.date.precision if self.date else None,
                "date_dropped": self.date.dropped if self.date else None,
            }
        )
        loc = self.location
        row.update(
            {
                "location_text": loc.text if loc else None,
                "location_name": loc.name if loc else None,
                "location_country": loc.country if loc else None,
                "location_admin1": loc.admin1 if loc else None,
                "lat": loc.lat if loc else None,
                "lon": loc.lon if loc else None,
                "geonameid": loc.geonameid if loc else None,
                "location_precision": loc.precision if loc else None,
            }
        )
        money = [q for q in self.quantities if q.kind == "money"]
        row["quantity_usd"] = money[0].value if money and money[0].unit == "USD" else None
        for kind in ("killed", "injured", "arrested", "displaced"):
            row[f"num_{kind}"] = sum(q.value for q in self.quantities if q.kind == kind) or None
        row["quantities"] = "; ".join(f"{q.kind}={q.value:g} {q.unit or ''}".strip() for q in self.quantities)
        row["cited_sources"] = "; ".join(c.name for c in self.cited_sources)
        row["confidence"] = self.confidence
        row["rule"] = self.rule
        row.update(cluster_columns(self.cluster))
        return row


def cluster_columns(cluster: EventCluster | None) -> dict[str, Any]:
    """The flat columns of an event's cluster (all None before `dyads cluster` ran)."""
    return {
        "event_cluster_id": cluster.id if cluster else None,
        "cluster_mentions": cluster.mentions if cluster else None,
        "cluster_documents": cluster.documents if cluster else None,
        "cluster_sources": cluster.sources if cluster else None,
        "cluster_first_doc_id": cluster.first_doc_id if cluster else None,
        "cluster_first_date": cluster.first_date if cluster else None,
        "cluster_last_doc_id": cluster.last_doc_id if cluster else None,
        "cluster_last_date": cluster.last_date if cluster else None,
    }


def event_id(event: Event) -> str:
    """The event's id: a hash of its `identity()`, the same in every run and in every process."""
    return hashlib.sha1(event.identity().encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _actor_identity(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return "/".join([actor.code or "", actor.name or "", actor.text, f"{actor.start}-{actor.end}"])


FLAT_COLUMNS: list[str] = list(
    Event(
        id="",
        doc_id="",
        doc_date=None,
        sentence_index=0,
        sentence="",
        trigger=Span("", 0, 0),
        source=Actor(""),
        target=None,
        cameo=Cameo("", "", "", 0, 0.0),
        plover=Plover(""),
    )
    .flat()
    .keys()
)
