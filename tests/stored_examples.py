"""Coded documents built by hand from the model dataclasses, for the store, API and UI tests.

The texts are invented for these tests; offsets are computed from them so highlights land on the words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dyads.coder import CodedDocument
from dyads.events.ontology import lookup
from dyads.model import Actor, CitedSource, Document, Event, EventDate, Location, Span

HARBOUR_TEXT = (
    "Harbour talks stall\n\n"
    "Norway signed a fishing agreement with Iceland in Reykjavik on Tuesday, officials said. "
    "Iceland's coast guard seized a Norwegian trawler the next day, according to the Reykjavik Herald. "
    "Norway will not retaliate, its foreign ministry said. "
    "Denmark may impose sanctions on Iceland if the dispute continues."
)
RAIL_TEXT = (
    "Rail link\n\n"
    "Kenya praised Tanzania for finishing the border railway. "
    "Police arrested 12 protesters in Nairobi on Friday."
)


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _actor(
    text: str, needle: str, country: str | None, sectors: list[str], code: str | None = None, after: int = 0
) -> Actor:
    """An actor coded `code`, by default its country alone."""
    start, end = _span(text, needle, after)
    return Actor(text=needle, code=code or country, country=country, sectors=sectors, start=start, end=end)


def _event(
    document: Document,
    sentence: str,
    trigger: str,
    source: tuple,
    target: tuple | None,
    cameo: str,
    rule: str = "hand-built test event",
    **details,
) -> Event:
    text = document.text
    sentence_start, sentence_end = _span(text, sentence)
    trigger_start, trigger_end = _span(text, trigger, sentence_start)
    code = lookup(cameo)
    return Event(
        id=f"{document.id}-{sentence_start}-{trigger_start}",
        doc_id=document.id,
        doc_date=document.date.isoformat() if document.date else None,
        sentence_index=text[:sentence_start].count(". "),
        sentence=sentence,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        trigger=Span(trigger, trigger_start, trigger_end),
        source=_actor(text, *source, after=sentence_start),
        target=_actor(text, *target, after=sentence_start) if target else None,
        cameo=code.cameo(),
        plover=code.plover(),
        rule=rule,
        **details,
    )


def harbour_document() -> CodedDocument:
    document = Document(
        id="test/harbour-1",
        text=HARBOUR_TEXT,
        date=date(2021, 3, 16),
        title="Harbour talks stall",
        source="Test Wire",
        url="https://example.org/harbour",
        metadata={"section": "north"},
    )
    text = document.text
    sentences = [part + "." for part in text.split("\n\n")[1].split(". ")]
    sentences[-1] = sentences[-1].rstrip(".")
    events = [
        _event(
            document, sentences[0], "signed", ("Norway", "NOR", ["GOV"]), ("Iceland", "ISL", ["GOV"]), "057",
            date=EventDate("2021-03-16", "2021-03-16", "on Tuesday", "day"),
            location=Location("Reykjavik", name="Reykjavik", country="ISL", lat=64.14, lon=-21.9, precision="city"),
        ),
        _event(
            document, sentences[1], "seized", ("Iceland's coast guard", "ISL", ["MIL"]),
            ("Norwegian trawler", "NOR", ["BUS"]), "1711",
            date=EventDate("2021-03-17", "2021-03-17", "the next day", "day"),
            evidential="reported", attributed_to="Reykjavik Herald",
            cited_sources=[CitedSource("Reykjavik Herald", ["2021-03-17"])],
        ),
        _event(
            document, sentences[2], "retaliate", ("Norway", "NOR", ["GOV"]), None, "150",
            modality="negated",
        ),
        _event(
            document, sentences[3], "impose sanctions", ("Denmark", "DNK", ["GOV"]),
            ("Iceland", "ISL", ["GOV"]), "163", modality="hypothetical",
            date=EventDate("2021-04-01", "2021-04-30", "next month", "month"),
        ),
    ]
    return CodedDocument(document, events, sentences=len(sentences))


def rail_document() -> CodedDocument:
    document = Document(id="test/rail-2", text=RAIL_TEXT, date=date(2021, 1, 8), title="Rail link", source="Test Wire")
    sentences = ["Kenya praised Tanzania for finishing the border railway.", "Police arrested 12 protesters in Nairobi on Friday."]
    events = [
        _event(document, sentences[0], "praised", ("Kenya", "KEN", ["GOV"]), ("Tanzania", "TZA", ["GOV"]), "051"),
        _event(
            document, sentences[1], "arrested", ("Police", "KEN", ["POL"]), ("protesters", "KEN", ["OPP"]), "173",
            modality="actual",
        ),
    ]
    return CodedDocument(document, events, sentences=2)


def edited(coded: CodedDocument, extra: str) -> CodedDocument:
    """The same document id with changed text (a new content hash) and its first event only."""
    document = replace(coded.document, text=coded.document.text + extra)
    return CodedDocument(document, coded.events[:1], sentences=coded.sentences)


DELHI_TEXT = (
    "Delhi unrest\n\n"
    "Police arrested 40 protesters in New Delhi on Tuesday. "
    "Protesters attacked police in Mumbai. "
    "A roadside bomb killed two soldiers in Srinagar. "
    "Two journalists were arrested in Kolkata. "
    "The Sangh Forum condemned the government. "
    "India and Pakistan held talks in Islamabad, officials said. "
    "Police killed a student in 1990, the report recalled."
)


def _place(name: str, country: str, lat: float, lon: float) -> Location:
    return Location(name, name=name, country=country, lat=lat, lon=lon, precision="city")


def delhi_document() -> CodedDocument:
    """A report whose events are nearly all Indian (domestic dyads told apart by sector), found by every
    rule family, geocoded, and one of them dated 31 years before the report."""
    document = Document(id="test/delhi-3", text=DELHI_TEXT, date=date(2021, 2, 10), title="Delhi unrest", source="Test Wire")
    sentences = [part + "." for part in DELHI_TEXT.split("\n\n")[1].split(". ")]
    sentences[-1] = sentences[-1].rstrip(".")
    police, protesters = ("Police", "IND", ["COP"], "INDCOP"), ("protesters", "IND", ["CVL"], "INDCVL")
    events = [
        _event(
            document, sentences[0], "arrested", police, protesters, "173", rule="verb:arrest nsubj/dobj",
            confidence=0.9, date=EventDate("2021-02-09", "2021-02-09", "on Tuesday", "day"),
            location=_place("New Delhi", "IND", 28.61, 77.21),
        ),
        _event(
            document, sentences[1], "attacked", ("Protesters", "IND", ["CVL"], "INDCVL"),
            ("police", "IND", ["COP"], "INDCOP"), "180", rule="verb:attack nsubj/dobj", confidence=0.8,
            location=_place("Mumbai", "IND", 19.08, 72.88),
        ),
        _event(
            document, sentences[2], "killed", ("A roadside bomb", "IND", ["UAF"], "INDUAF"),
            ("two soldiers", "IND", ["MIL"], "INDMIL"), "190", rule="verb:kill unattributed/dobj+place",
            confidence=0.55, location=_place("Srinagar", "IND", 34.08, 74.8),
        ),
        _event(
            document, sentences[3], "arrested", ("arrested", "IND", ["COP"], "INDCOP"),
            ("Two journalists", "IND", ["MED"], "INDMED"), "173", rule="verb:arrest authorities/nsubjpass",
            confidence=0.5, location=_place("Kolkata", "IND", 22.57, 88.36),
        ),
        _event(
            document, sentences[4], "condemned", ("The Sangh Forum", None, [], None),
            ("the government", "IND", ["GOV"], "INDGOV"), "111", rule="verb:condemn nsubj.unresolved/dobj",
            confidence=0.4,
        ),
        _event(
            document, sentences[5], "held talks", ("India", "IND", ["GOV"], "INDGOV"),
            ("Pakistan", "PAK", ["GOV"], "PAKGOV"), "040", rule="model:event-classifier | reported:say",
            confidence=0.35, evidential="reported", location=_place("Islamabad", "PAK", 33.69, 73.06),
        ),
        _event(
            document, sentences[6], "killed", police, ("a student", "IND", ["EDU"], "INDEDU"), "180",
            rule="verb:kill nsubj/dobj", confidence=0.7, historical=True,
            date=EventDate("1990-01-01", "1990-12-31", "in 1990", "year"),
        ),
    ]
    return CodedDocument(document, events, sentences=len(sentences))
