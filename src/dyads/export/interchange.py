"""Events in the layouts other event-data tools load: PLOVER/POLECAT JSON, ICEWS and GDELT 2.0 tables.

Each layout is a data file, `dyads/data/formats/{plover,icews,gdelt}.tsv`, that lists the published columns
in order and names the dyads value written in each (`event_date`, `source_country_name`, ...; empty: a
column dyads does not know). `event_values` computes those values for one event and the document it came
from; the writers only arrange them.

>>> writer = InterchangeWriter.open("icews", stream, documents)   # documents: doc_id → Document
>>> writer.write(events)
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Protocol, TextIO

from dyads import __version__
from dyads.actors.lexicon import common_country_names
from dyads.data import read_tsv
from dyads.export.text import TextStreamWriter
from dyads.model import Actor, Event

INTERCHANGE_FORMATS = ("plover", "icews", "gdelt")
_BLANKS = re.compile(r"[\t\r\n]+")


class Published(Protocol):
    """What an output needs to know of an event's document beyond the event itself."""

    title: str | None
    source: str | None
    url: str | None


class DocumentLookup(Protocol):
    def get(self, doc_id: str, /) -> Published | None: ...


@dataclass(frozen=True)
class Column:
    name: str  # as the published specification spells it
    value: str  # the dyads value written there; "" for one dyads does not know


@cache
def columns(layout: str) -> tuple[Column, ...]:
    name = "field" if layout == "plover" else "column"
    return tuple(Column(row[name], row["value"]) for row in read_tsv(f"formats/{layout}.tsv"))


def event_values(event: Event, document: Published | None) -> dict[str, Any]:
    """Every value a layout can name, for one event; None where dyads does not know it."""
    day = _event_day(event)
    location = event.location
    values: dict[str, Any] = {
        "event_id": event.id,
        "event_date": day.isoformat() if day else None,
        "event_day": int(day.strftime("%Y%m%d")) if day else None,
        "event_month": int(day.strftime("%Y%m")) if day else None,
        "event_year": day.year if day else None,
        "event_fraction_date": round(day.year + day.timetuple().tm_yday / 365, 4) if day else None,
        "cameo_code": event.cameo.code,
        "cameo_base_code": event.cameo.code[:3],
        "cameo_root": event.cameo.root,
        "cameo_name": event.cameo.name,
        "quad_class": event.cameo.quad_class,
        "goldstein": event.cameo.goldstein,
        "plover_type": event.plover.type,
        "plover_mode": event.plover.mode,
        "plover_contexts": [part.strip() for part in (event.plover.context or "").split(";") if part.strip()],
        "trigger_text": event.trigger.text,
        "is_root_event": int(event.sentence_index == 0),
        # GDELT's counts over every report of the event, once `dyads cluster` has linked them; else this one
        "mentions": event.cluster.mentions if event.cluster else 1,
        "sources": event.cluster.sources if event.cluster else 1,
        "articles": event.cluster.documents if event.cluster else 1,
        "story_id": event.doc_id,
        "sentence_number": event.sentence_index + 1,
        "sentence": event.sentence,
        "publication_date": event.doc_date,
        "publisher": document.source if document else None,
        "url": document.url if document else None,
        "dyads_version": f"dyads {__version__}",
        "location_text": location.text if location else None,
        "location_name": location.name if location else None,
        "location_city": location.name if location and location.precision == "city" else None,
        # dyads knows a city's province by its GeoNames or ISO 3166-2 code only ("IN.36"), not its name
        "location_province": location.name if location and location.precision == "admin1" else None,
        "location_country": location.country if location else None,
        "location_country_name": _country_name(location.country) if location else None,
        "location_full_name": _full_place_name(event),
        "latitude": location.lat if location else None,
        "longitude": location.lon if location else None,
        "geonames_id": location.geonameid if location else None,
        "gdelt_geo_type": _gdelt_geo_type(event),
    }
    for side, actor in (("source", event.source), ("target", event.target)):
        values.update(_actor_values(side, actor))
    return values


class InterchangeWriter(TextStreamWriter):
    """Writes events in one of `INTERCHANGE_FORMATS` to a text stream."""

    def __init__(
        self,
        layout: str,
        stream: TextIO,
        documents: DocumentLookup,
        close_stream: bool = True,
        header: bool = True,
    ):
        super().__init__(stream, close_stream)
        self.layout = layout
        self.columns = columns(layout)
        self.documents = documents
        self._rows = None
        if layout != "plover":
            self._rows = csv.writer(stream, delimiter="\t", lineterminator="\n")
            if header:  # not when adding to a file that has one
                self._rows.writerow([column.name for column in self.columns])
                stream.flush()

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            values = event_values(event, self.documents.get(event.doc_id))
            picked = [
                (column.name, values[column.value] if column.value else None) for column in self.columns
            ]
            if self._rows is None:
                self.stream.write(json.dumps(dict(picked), ensure_ascii=False))
                self.stream.write("\n")
            else:
                self._rows.writerow([_cell(value) for _, value in picked])
        self.stream.flush()


def _actor_values(side: str, actor: Actor | None) -> dict[str, Any]:
    sectors = list(actor.sectors) if actor else []
    values = {
        f"{side}_text": actor.text if actor else None,
        f"{side}_name": (actor.name or actor.text) if actor else None,
        f"{side}_title": actor.title if actor else None,
        f"{side}_code": actor.code if actor else None,
        f"{side}_country": actor.country if actor else None,
        f"{side}_country_name": _country_name(actor.country) if actor else None,
        f"{side}_sectors": sectors,
    }
    for number in (1, 2, 3):
        values[f"{side}_sector_{number}"] = sectors[number - 1] if len(sectors) >= number else None
    return values


def _event_day(event: Event) -> date | None:
    """The day the event is dated to (the start of a range), else its document's date."""
    written = event.date.start if event.date and event.date.start else event.doc_date
    try:
        return date.fromisoformat(written) if written else None
    except ValueError:
        return None


def _country_name(code: str | None) -> str | None:
    return common_country_names().get(code, code) if code else None


def _full_place_name(event: Event) -> str | None:
    """The place as GDELT writes it, without the province dyads cannot name: "Paris, France"."""
    location = event.location
    if location is None:
        return None
    parts = [location.name or location.text, _country_name(location.country)]
    named = [part for index, part in enumerate(parts) if part and part not in parts[:index]]
    return ", ".join(named) or None


def _gdelt_geo_type(event: Event) -> int | None:
    """GDELT's place type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1)."""
    location = event.location
    if location is None:
        return None
    american = location.country == "USA"
    return {"country": 1, "admin1": 2 if american else 5, "city": 3 if american else 4}.get(
        location.precision or ""
    )


def _cell(value: Any) -> str:
    """A TSV cell: lists comma-joined, None empty, and no tab or line break inside a value."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = ",".join(value)
    return _BLANKS.sub(" ", str(value))
