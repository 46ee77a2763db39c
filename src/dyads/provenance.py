"""`dyads_provenance`: according to whom. Inline citations and the speakers of reported speech.

Analytic reports close a paragraph with the sources it drew on: "(AP, May 12, 16; UPI, May 15-16; RIA,
May 16; Reuters, The Korea Herald, May 17)". Each such citation is parsed into `CitedSource`s (outlet
names normalised through data/sources/outlets.tsv, dates resolved against the document date) and given
to the events of the sentences it closes: those of its paragraph after the previous citation, up to and
including its own sentence. An event in reported speech keeps its speaker in `attributed_to`; a speaker
that is an outlet ("Reuters reported", "according to Xinhua") is cited too.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from dyads.data import read_tsv
from dyads.events.candidate import EventCandidate
from dyads.events.factuality import cues
from dyads.model import CitedSource
from dyads.nlp import doc_text

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_ITEM = re.compile(rf"(?:(?P<month>{MONTH})\.?\s+)?(?P<first>\d{{1,2}})(?:\s*[-–]\s*(?P<last>\d{{1,2}}))?",
                       re.IGNORECASE)
YEAR_ITEM = re.compile(r"(?:19|20)\d\d")
PARENTHESES = re.compile(r"\(([^()\n]{2,300})\)")
# words a report adds after an outlet's name: "(Kommersant daily, May 17)", "(Reuters report)"
OUTLET_SUFFIX = re.compile(r"\s+(?:daily|newspaper|weekly|report|reported|agency|news agency|television|"
                           r"radio|website|wire)$", re.IGNORECASE)
NAME_ITEM = re.compile(r"(?:the\s+)?[A-Z][\w'.&/-]*(?:\s+[\w'.&/-]+){0,5}")


@dataclass(frozen=True)
class Outlet:
    name: str
    country: str
    kind: str


@dataclass
class SourceReference:
    """One outlet of an inline citation, with the month/day pairs it is cited for."""

    name: str
    text: str
    known: bool
    month_days: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Citation:
    start_char: int
    end_char: int
    text: str
    sources: list[SourceReference]


@lru_cache(maxsize=1)
def outlets() -> dict[str, Outlet]:
    """Every spelling of every outlet in data/sources/outlets.tsv, lower-cased, → the outlet."""
    table: dict[str, Outlet] = {}
    for row in read_tsv("sources/outlets.tsv"):
        outlet = Outlet(row["name"], row["country"], row["kind"])
        for spelling in [row["name"], *row["aliases"].split("|")]:
            if spelling:
                table[spelling.lower()] = outlet
                table[re.sub(r"^the\s+", "", spelling.lower())] = outlet
    return table


def normalise_outlet(text: str) -> Outlet | None:
    key = OUTLET_SUFFIX.sub("", text.strip()).lower()
    table = outlets()
    return table.get(key) or table.get(re.sub(r"^the\s+", "", key))


def parse_citation(text: str) -> list[SourceReference] | None:
    """The outlets and dates of a parenthesised citation's content, or None when it is not a citation.

    "AP, May 12, 16; UPI, May 15-16" → AP (5/12, 5/16), UPI (5/15, 5/16). Outlets listed together share
    the dates that follow them ("Reuters, The Korea Herald, May 17").
    """
    references: list[SourceReference] = []
    dated = False
    for group in text.split(";"):
        group = group.strip()
        names: list[SourceReference] = []
        month_days: list[tuple[int, int]] = []
        month: int | None = None
        for item in (part.strip() for part in group.split(",")):
            date_item = DATE_ITEM.fullmatch(item)
            if date_item and (date_item["month"] or month):
                month = MONTHS[date_item["month"].lower()] if date_item["month"] else month
                first = int(date_item["first"])
                last = int(date_item["last"] or first)
                if 1 <= first <= last <= 31 and last - first < 7:
                    month_days.extend((month, day) for day in range(first, last + 1))
                continue
            if YEAR_ITEM.fullmatch(item) or not item:
                continue
            if month_days or not NAME_ITEM.fullmatch(item):
                return None  # a name after its dates, or prose: not a citation
            outlet = normalise_outlet(item)
            names.append(SourceReference(outlet.name if outlet else OUTLET_SUFFIX.sub("", item), group,
                                         outlet is not None))
        if not names:
            return None
        for reference in names:
            reference.month_days = list(month_days)
        dated = dated or bool(month_days)
        references.extend(names)
    if not references or not (dated or any(r.known for r in references)):
        return None
    return references


def paragraph_starts(doc: Doc) -> list[int]:
    """Character offsets where the paragraphs (lines) of a document start."""
    starts = doc.user_data.get("dyads_paragraph_starts")
    if starts is None:
        starts = doc.user_data["dyads_paragraph_starts"] = [0] + [m.end() for m in re.finditer(r"\n\s*", doc_text(doc))]
    return starts


def citations(doc: Doc) -> list[Citation]:
    """The inline citations of a document, found once and kept on the Doc."""
    cached = doc.user_data.get("dyads_citations")
    if cached is None:
        cached = []
        for m in PARENTHESES.finditer(doc_text(doc)):
            sources = parse_citation(m.group(1))
            if sources:
                cached.append(Citation(m.start(), m.end(), m.group(1), sources))
        doc.user_data["dyads_citations"] = cached
    return cached


def resolve_month_day(month: int, day: int, base: date) -> date:
    """The latest date with this month and day on or before `base` (sources precede the report)."""
    for year in (base.year, base.year - 1, base.year - 2):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= base:
            return found
    return date(base.year - 4, month, day)


def cited_source(reference: SourceReference, base: date | None) -> CitedSource:
    dates = sorted(
        {resolve_month_day(m, d, base).isoformat() if base else f"--{m:02d}-{d:02d}" for m, d in reference.month_days}
    )
    return CitedSource(name=reference.name, dates=dates, text=reference.text)


def _speaker(trigger: Token) -> str | None:
    """The subject of a reporting verb above the trigger's clause, or beside it ("..., a spokesman said")."""
    reporting = {word for word, effect in cues().get("governor", {}).items() if effect == "reported"}
    node = trigger
    for _ in range(6):
        candidates = [node] + [c for c in node.children if c.dep_ in ("parataxis", "ccomp") and c.i > trigger.i]
        for verb in candidates:
            if verb.i != trigger.i and verb.lemma_.lower() in reporting:
                subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and trigger not in subject.subtree:
                    tokens = list(subject.subtree)
                    return trigger.doc[tokens[0].i : tokens[-1].i + 1].text
        if node.head.i == node.i:
            break
        node = node.head
    return None


@Language.component("dyads_provenance")
def attribute_events(doc: Doc) -> Doc:
    candidates: list[EventCandidate] = doc._.events or []
    if not candidates:
        return doc
    document = doc._.document
    base = document.date if document is not None else None
    found = citations(doc)
    if base is None and found:
        from dyads.when import infer_base_date  # when imports this module

        base = infer_base_date(doc).day
    starts = paragraph_starts(doc)
    by_paragraph: dict[int, list[Citation]] = {}
    for citation in found:
        by_paragraph.setdefault(bisect.bisect_right(starts, citation.start_char), []).append(citation)
    resolved: dict[int, list[CitedSource]] = {}
    for candidate in candidates:
        event = candidate.event
        sent_start = candidate.sent.start_char
        paragraph = bisect.bisect_right(starts, sent_start)
        closing = next((c for c in by_paragraph.get(paragraph, []) if c.end_char > sent_start), None)
        if closing is not None:
            if id(closing) not in resolved:
                resolved[id(closing)] = [cited_source(r, base) for r in closing.sources]
            event.cited_sources = list(resolved[id(closing)])
        if not event.attributed_to:
            event.attributed_to = _speaker(candidate.trigger)
        outlet = normalise_outlet(event.attributed_to) if event.attributed_to else None
        if outlet and all(c.name != outlet.name for c in event.cited_sources):
            event.cited_sources.append(CitedSource(outlet.name, [], event.attributed_to))
    return doc
