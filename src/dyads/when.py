"""`dyads_when`: the date of each event, resolved against the document date.

One regular-expression pass over the document finds the time expressions ("last week", "on May 16",
"June 12-14", "early next year", "during the past decade", weekdays, "two years ago", "since 1997",
"recently"). An expression dates the events of its own clause (or, standing before a noun or after it with a
preposition, only that noun's event; in a participle clause that looks at another time, "comparing the riots
in 1969", only that clause's events); one in a main clause without events dates the sentence's events that have
none of their own; none dates another sentence. Each event takes the fitting expression nearest to its trigger in
the dependency tree (a reported past event cannot happen after the report, a scheduled one not before it),
else the document date (precision `document`). A date ending more than a year before the document stands
only with a sign that the report looks back (then the event is `historical`); otherwise the document date
replaces it and `EventDate.dropped` keeps it.

`resolve()` turns one expression into an `EventDate`. Single calendar dates go through dateparser (cached:
it is slow); ranges, vague periods and parts of periods ("early next year", which dateparser reads as
plain next year) are resolved here.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

import dateparser
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.data import read_tsv
from dyads.events.candidate import EventCandidate
from dyads.model import EventDate
from dyads.nlp import doc_text
from dyads.provenance import citations, resolve_month_day

Tense = str | None  # "past", "future" or None (nearest to the base date)
FUTURE_AUX = {"will", "shall", "'ll", "wo"}


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    precision: str


@lru_cache(maxsize=1)
def words() -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for row in read_tsv("time/words.tsv"):
        table.setdefault(row["kind"], {})[row["word"]] = int(row["value"])
    return table


def _alternation(kind: str) -> str:
    return "|".join(re.escape(w) for w in sorted(words()[kind], key=len, reverse=True))


# ---------------------------------------------------------------------------------------------- periods


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month(year: int, month: int) -> Period:
    return Period(date(year, month, 1), _month_end(year, month), "month")


def _year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: date, unit: str, count: int) -> date:
    if unit in ("day", "week", "fortnight"):
        return day + timedelta(days=words()["unit"][unit] * count)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    return _shift_months(day, months * count)


def _third(period: Period, part: int) -> Period:
    """Early (1), mid (2) or late (3) part of a month or a year."""
    assert period.start is not None and period.end is not None
    if period.precision == "year":
        year = period.start.year
        first = 1 + 4 * (part - 1)
        return Period(date(year, first, 1), _month_end(year, first + 3), "quarter")
    start = period.start.replace(day=1 + 10 * (part - 1))
    end = period.end if part == 3 else start.replace(day=start.day + 9)
    return Period(start, end, period.precision)


def _week_of(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6), "week")


def _unit_period(day: date, unit: str) -> Period:
    """The calendar period of size `unit` that contains `day`."""
    if unit == "day":
        return Period(day, day, "day")
    if unit in ("week", "fortnight", "weekend"):
        week = _week_of(day)
        if unit == "weekend":
            return Period(week.start + timedelta(days=5), week.end, "day")
        return week
    if unit == "month":
        return _month(day.year, day.month)
    if unit == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        return Period(date(day.year, first, 1), _month_end(day.year, first + 2), "quarter")
    if unit == "year":
        return _year(day.year)
    decade = day.year - day.year % 10
    return Period(date(decade, 1, 1), date(decade + 9, 12, 31), "decade")


def _pick_year(month: int, day: int, base: date, tense: Tense) -> date | None:
    """The year a month/day without one falls in: the past, the future or the nearest to `base`."""
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if tense == "past":
        options = [d for d in options if d <= base]
        return max(options) if options else None
    if tense == "future":
        options = [d for d in options if d >= base]
        return min(options) if options else None
    return min(options, key=lambda d: abs((d - base).days)) if options else None


@lru_cache(maxsize=4096)
def _calendar_date(text: str, base: date | None, tense: Tense) -> date | None:
    """One calendar date ("May 16", "16 May 2000", "March 10, 2002") through dateparser."""
    settings = {"PREFER_DATES_FROM": {"past": "past", "future": "future"}.get(tense or "", "current_period")}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    found = parsed.date()
    if tense is None and base is not None and not re.search(r"\d{4}", text):
        return _pick_year(found.month, found.day, base, None)
    return found


# ---------------------------------------------------------------------------------------------- patterns

MONTH = rf"(?:(?:{_alternation('month_abbreviation')})\.?|{_alternation('month')})(?![\w])"
WEEKDAY = f"(?:{_alternation('weekday')})"
NUMBER = rf"(?:\d+|{_alternation('number')})"
SEASON = f"(?:{_alternation('season')})"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
DASH = r"\s*(?:-|–|—|to|through|until)\s*"
UNIT = r"(?:day|week|fortnight|month|quarter|year|decade)s?"
PART = r"(?:early|mid-?|middle\s+of|late|(?:the\s+)?(?:beginning|start|end|middle)\s+of)"
ON = r"(?:(?:on|by|until|till|from|before|after)\s+)?"
LOCATIVE = r"(?:in|since|by|until|till|during|from|before|after|last|next|this|of|throughout|through|on)"


def _number(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else words()["number"].get(text, 1)


def _part(text: str | None) -> int | None:
    if not text:
        return None
    key = re.sub(r"^the\s+|\s+", " ", text.lower()).strip()
    return words()["part"].get(key) or words()["part"].get(key.rstrip("-"))


def _month_number(text: str) -> int:
    key = text.lower().rstrip(".")
    return words()["month"].get(key) or words()["month_abbreviation"][key]


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _single(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    text = f"{m['m1']} {_day_number(m['d1'])}" + (f" {m['y']}" if m["y"] else "")
    if base is None and not m["y"]:
        return None
    found = _calendar_date(text, base, tense)
    return Period(found, found, "day") if found else None


def _range(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    first = _single(m, base, tense)
    if first is None or first.start is None:
        return None
    month = _month_number(m["m2"]) if m["m2"] else first.start.month
    try:
        end = date(first.start.year, month, _day_number(m["d2"]))
    except ValueError:
        return None
    if end < first.start:
        end = end.replace(year=end.year + 1)
    return Period(first.start, end, "day")


def _iso(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    try:
        found = date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None
    return Period(found, found, "day")


def _bare_month(month: int, base: date, tense: Tense) -> Period:
    if tense == "past":
        year = base.year if month <= base.month else base.year - 1
    elif tense == "future":
        year = base.year if month >= base.month else base.year + 1
    else:
        year = min((base.year - 1, base.year, base.year + 1), key=lambda y: abs((y - base.year) * 12 + month - base.month))
    return _month(year, month)


def _month_period(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    month = _month_number(m["m1"])
    prep = (m.groupdict().get("prep") or "").lower()
    if m["y"]:
        period = _month(int(m["y"]), month)
    elif base is None:
        return None
    elif prep == "last":
        period = _month(base.year if month < base.month else base.year - 1, month)
    elif prep == "next":
        period = _month(base.year if month > base.month else base.year + 1, month)
    elif prep == "this":
        period = _month(base.year, month)
    elif prep in ("since", "from"):
        period = _bare_month(month, base, "past")
    elif prep in ("by", "until", "till"):
        period = _bare_month(month, base, tense or "future")
    else:
        period = _bare_month(month, base, tense)
    part = _part(m.groupdict().get("part"))
    if part:
        period = _third(period, part)
    if prep in ("since", "from") and base is not None and period.start and period.start <= base:
        period = Period(period.start, base, period.precision)
    return period


def _relative_day(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    if base is None:
        return None
    text = re.sub(r"\s+", " ", m.group().lower())
    if "day before yesterday" in text:
        offset = -2
    elif text in ("yesterday", "last night"):
        offset = -1
    elif text == "tomorrow":
        offset = 1
    else:
        offset = 0
    day = base + timedelta(days=offset)
    return Period(day, day, "day")


def _weekday(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    if base is None:
        return None
    weekday = words()["weekday"][m["wd"].lower()]
    relation = (m["rel"] or "").lower()
    back = (base.weekday() - weekday) % 7
    if relation in ("next", "coming") or (relation != "last" and relation != "past" and tense == "future"):
        ahead = (weekday - base.weekday()) % 7
        if relation in ("next", "coming") and ahead == 0:
            ahead = 7
        day = base + timedelta(days=ahead)
    elif relation == "this":
        day = _week_of(base).start + timedelta(days=weekday)
    else:
        if relation in ("last", "past") and back == 0:
            back = 7
        day = base - timedelta(days=back)
    return Period(day, day, "day")


def _past_n(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    if base is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    count = _number(m["n"]) if m["n"] else 1
    precision = {"fortnight": "week", "quarter": "quarter"}.get(unit, unit)
    return Period(_shift(base, unit, -count), base, precision)


def _relative_period(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    if base is None:
        return None
    unit = m["unit"].lower()
    relation = m["rel"].lower()
    step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(relation, 0)
    anchor = base if unit == "weekend" and step == 0 else _shift(base, "week" if unit == "weekend" else unit, step)
    period = _unit_period(anchor, unit)
    part_text = (m["part"] or "").lower()
    if part_text == "earlier" and step == 0:
        return Period(period.start, base, period.precision)
    if part_text == "later" and step == 0:
        return Period(base, period.end, period.precision)
    part = _part(part_text)
    if part and unit in ("month", "year"):
        period = _third(period, part)
    return period


def _ago(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    if base is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    day = _shift(base, unit, -_number(m["n"]))
    if unit == "decade":
        return Period(date(day.year, 1, 1), date(day.year, 12, 31), "decade")
    return _unit_period(day, "week" if unit == "fortnight" else unit)


def _year_period(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    period = _year(int(m["y"]))
    prep = (m["prep"] or "").lower()
    part = _part(prep)
    if part:
        return _third(period, part)
    if prep in ("since", "from") and base is not None and period.start and period.start <= base:
        return Period(period.start, base, "year")
    return period


def _decade(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    start = int(m["y"])
    period = Period(date(start, 1, 1), date(start + 9, 12, 31), "decade")
    part = _part(m["part"])
    if part:
        first = start + (0, 0, 4, 7)[part]
        last = start + (0, 3, 6, 9)[part]
        period = Period(date(first, 1, 1), date(last, 12, 31), "decade")
    return period


def _quarter(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    index = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(m["q"].lower(), 4)
    if m["y"]:
        year = int(m["y"])
    elif base is None:
        return None
    else:
        step = {"next": 1, "last": -1}.get((m["rel"] or "").lower(), 0)
        year = base.year + step
        if not m["rel"] and tense == "past" and date(year, 3 * index - 2, 1) > base:
            year -= 1
    return Period(date(year, 3 * index - 2, 1), _month_end(year, 3 * index), "quarter")


def _season(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    first = words()["season"][m["season"].lower()]
    relation = (m["rel"] or "").lower()
    if m["y"]:
        year = int(m["y"])
    elif base is None:
        return None
    else:
        year = base.year + {"next": 1, "last": -1}.get(relation, 0)
        if relation.startswith("in") and tense == "past" and date(year, first, 1) > base:
            year -= 1
        elif relation.startswith("in") and tense == "future" and _shift_months(date(year, first, 1), 3) < base:
            year += 1
    start = date(year, first, 1)
    return Period(start, _shift_months(start, 3) - timedelta(days=1), "quarter")


def _recent(m: re.Match, base: date | None, tense: Tense) -> Period | None:
    if base is None:
        return None
    unit = (m["unit"] or "").lower()
    span_days, precision = {
        "days": (7, "week"), "weeks": (31, "month"), "months": (182, "quarter"), "years": (5 * 365, "decade"),
    }.get(unit, (91, "quarter"))
    return Period(base - timedelta(days=span_days), base, precision)


Handler = Callable[[re.Match, date | None, Tense], Period | None]
PATTERNS: list[tuple[str, Handler]] = [
    (rf"{ON}(?P<m1>{MONTH})\s+(?P<d1>{DAY}){DASH}(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?", _range),
    (rf"{ON}(?P<d1>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<m1>{MONTH})(?:,?\s+(?P<y>{YEAR}))?(?P<m2>(?!))?", _range),
    (rf"(?P<y>{YEAR})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)", _iso),
    (rf"{ON}(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?:,?\s+(?P<y>{YEAR}))?", _single),
    (rf"{ON}(?:the\s+)?(?P<d1>{DAY})\s+(?:of\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y>{YEAR}))?", _single),
    (rf"(?P<part>{PART})\s*(?P<m1>{MONTH})(?:,?\s+(?P<y>{YEAR}))?", _month_period),
    (rf"(?:(?P<prep>{LOCATIVE})\s+)?(?P<m1>{MONTH}),?\s+(?P<y>{YEAR})", _month_period),
    (rf"(?P<prep>{LOCATIVE})\s+(?P<m1>{MONTH})(?P<y>(?!))?", _month_period),
    ((r"(?:the\s+)?day\s+before\s+yesterday|yesterday|today|tomorrow|tonight|last\s+night"
     r"|this\s+(?:morning|afternoon|evening)"), _relative_day),
    (rf"(?:(?P<rel>last|next|this|on|past|coming)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?",
     _weekday),
    ((rf"(?:(?:in|during|over|for|within|throughout)\s+)?the\s+(?:past|last|previous|preceding)\s+"
     rf"(?:(?P<n>{NUMBER})\s+)?(?P<unit>{UNIT})"), _past_n),
    ((rf"(?:(?P<part>earlier|later|{PART})\s+)?(?P<rel>last|this|next|previous|past|coming)\s+"
     r"(?P<unit>week|month|year|decade|quarter|weekend)"), _relative_period),
    (rf"(?P<n>{NUMBER})\s+(?P<unit>{UNIT})\s+ago", _ago),
    ((rf"(?P<prep>in|since|by|during|until|till|of|from|before|after|through|throughout|early|late|mid-?)\s*"
     rf"(?P<y>{YEAR})"), _year_period),
    (r"(?:(?:in|during|throughout)\s+)?(?:the\s+)?(?:(?P<part>early|mid-?|late)\s*)?(?P<y>(?:1[89]|20)\d0)'?s\b", _decade),
    ((rf"(?:the\s+)?(?P<q>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+quarter"
     rf"(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|next|last)\s+year))?"), _quarter),
    (rf"(?P<rel>this|last|next|in\s+the|in)\s+(?P<season>{SEASON})(?!\s+of\s+(?!\d))(?:\s+(?:of\s+)?(?P<y>{YEAR}))?",
     _season),
    (r"recently|lately|in\s+recent\s+(?P<unit>days|weeks|months|years)", _recent),
]
COMPILED = [(re.compile(pattern, re.IGNORECASE), handler) for pattern, handler in PATTERNS]
# one pass over the text finds every expression; named groups only matter when resolving one. Every
# expression starts with a letter or a digit: the lookahead skips the other word boundaries (word ends)
# before trying each pattern there, which halves the time of the pass.
GROUP_NAME = re.compile(r"\(\?P<\w+>")
FINDER = re.compile(
    r"\b(?=\w)(?:since\s+)?(?:" + "|".join("(?:" + GROUP_NAME.sub("(?:", p) + ")" for p, _ in PATTERNS) + r")(?![\w-])",
    re.IGNORECASE,
)
SINCE = re.compile(r"since\s+(?P<rest>.+)", re.IGNORECASE)
MAY_VERB = re.compile(r"\bmay\b", re.IGNORECASE)


@lru_cache(maxsize=8192)
def resolve_period(text: str, base: date | None, tense: Tense = None) -> Period | None:
    """The period one time expression denotes, seen from `base` (the document date)."""
    text = text.strip()
    for pattern, handler in COMPILED:
        m = pattern.fullmatch(text)
        if m:
            return handler(m, base, tense)
    since = SINCE.fullmatch(text)
    if since and base is not None:
        inner = resolve_period(since["rest"], base, "past")
        if inner and inner.start and inner.start <= base:
            return Period(inner.start, base, inner.precision)
    return None


def resolve(text: str, base: date | None, tense: Tense = None) -> EventDate | None:
    """`resolve("early next year", base=date(2000, 5, 22), tense="future")` → 2001-01-01..2001-04-30."""
    period = resolve_period(text, base, tense)
    if period is None:
        return None
    return EventDate(
        start=period.start.isoformat() if period.start else None,
        end=period.end.isoformat() if period.end else None,
        text=text,
        precision=period.precision,
    )


# ---------------------------------------------------------------------------------------------- finding


@dataclass
class TimeMention:
    text: str
    span: Span

    @property
    def root(self) -> Token:
        return self.span.root


def _is_may_verb(text: str, doc_is_cased: bool) -> bool:
    """"may" as a month only when capitalised (in cased text) and followed by a day or year, or after a
    preposition ("in May"); everything else is the modal verb."""
    if not MAY_VERB.search(text):
        return False
    for hit in MAY_VERB.finditer(text):
        word = hit.group()
        if doc_is_cased and word != "May":
            return True
        rest = text[hit.end():].lstrip(" .,")
        before = text[: hit.start()].strip().lower()
        if not (rest[:1].isdigit() or before):
            return True
    return False


UPPERCASE = re.compile(r"[A-Z]")


def find_time_mentions(doc: Doc, start_char: int = 0, end_char: int | None = None) -> list[TimeMention]:
    """The time expressions of a document, or of a stretch of it (a sentence), outside inline citations."""
    text = doc_text(doc)
    doc_is_cased = UPPERCASE.search(text, 0, 2000) is not None
    cited = [(c.start_char, c.end_char) for c in citations(doc)]
    found = []
    for m in FINDER.finditer(text, start_char, len(text) if end_char is None else end_char):
        if any(start <= m.start() < end for start, end in cited):
            continue
        expression = m.group()
        if _is_may_verb(expression, doc_is_cased):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            found.append(TimeMention(expression, span))
    return found


# ---------------------------------------------------------------------------------------------- events

# an expression standing before a noun ("the March 15 programme", "the November 1984 pogrom") or after it
# with "of" ("the events of 1992") or another preposition ("the riots in 1969") gives that thing's date: it dates
# an event only if the noun is its trigger
NOUN_MODIFIERS = {"compound", "nmod", "amod", "nummod", "poss"}
# "closed till March 12", "a ban before June 2": the date bounds a period that may run past the report, so
# its year is the one nearest the document date whatever the event's tense
BOUNDARY = re.compile(r"(?:until|till|by|before)\s", re.IGNORECASE)
SIMULTANEOUS_MARKERS = {"when", "while", "whilst"}
DEMONSTRATIVES = {"those", "these", "one", "ones"}
MODIFYING_CLAUSES = {"advcl", "relcl", "acl"}
SIMULTANEOUS_RELATIVES = {"during", "in", "at", "amid"}  # "during which", "in which"
STATED_PAST = re.compile(rf"{YEAR}|\bago\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def historical_cues() -> re.Pattern:
    """Words of a sentence that say it looks back ("former", "during the war"), from `time/historical_cues.tsv`."""
    cues = sorted((row["cue"] for row in read_tsv("time/historical_cues.tsv")), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(cue) for cue in cues) + r")\b", re.IGNORECASE)


def tree_distance(a: Token, b: Token) -> int:
    """Edges on the dependency path between two tokens of one sentence."""
    depth = {a.i: 0}
    for steps, ancestor in enumerate(a.ancestors, 1):
        depth[ancestor.i] = steps
    if b.i in depth:
        return depth[b.i]
    for steps, ancestor in enumerate(b.ancestors, 1):
        if ancestor.i in depth:
            return steps + depth[ancestor.i]
    return 99


def clause_verb(token: Token) -> Token:
    """The verb whose clause a token belongs to (the token itself for a verb)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _simultaneous(verb: Token) -> bool:
    """A clause that happens within the time of the one it hangs on: "when they met", "while he was in
    Cairo", "a visit, during which he held talks"."""
    if verb.dep_ not in ("advcl", "relcl"):
        return False
    return any(
        (child.dep_ in ("mark", "advmod") and child.lower_ in SIMULTANEOUS_MARKERS)
        or (child.dep_ == "prep" and child.lower_ in SIMULTANEOUS_RELATIVES
            and any(word.lower_ == "which" for word in child.children))
        for child in verb.children
    )


def _shares_subject(verb: Token) -> bool:
    """A verb without a subject of its own, coordinated with the one before it ("arrested them and charged
    them") or a participle beside its clause ("expressing outrage, the parties demanded")."""
    if any(child.dep_ in ("nsubj", "nsubjpass", "expl", "mark", "aux") for child in verb.children):
        return False
    if verb.dep_ == "conj":
        return verb.head.pos_ in ("VERB", "AUX")
    return verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN")


def clause_of(token: Token) -> Token:
    """The verb heading the clause whose time a token shares: its own clause, where a clause joins the one
    it hangs on when it happens at the same time ("when ...", "during which ...") or shares its subject
    (coordinated verbs)."""
    verb = clause_verb(token)
    while verb.head.i != verb.i and (_simultaneous(verb) or _shares_subject(verb)):
        verb = clause_verb(verb.head)
    return verb


def _main(verb: Token) -> bool:
    """A clause that states the sentence's own time: the main clause or one it says or reports, not an
    adverbial, relative or participial clause inside it ("as was done in 1969", "the riots that followed"). A
    noun's "that" clause is what the noun says ("an assurance that the government would allow ..."), as a
    reported clause."""
    while verb.head.i != verb.i:
        says = verb.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
        if verb.dep_ in MODIFYING_CLAUSES and not says:
            return False
        verb = verb.head
    return True


def verb_tense(verb: Token) -> Tense:
    """The tense of a verb's clause; with auxiliaries they carry it ("would be organised" is no past, though
    its participle is tagged past)."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in auxiliaries):
        return "future"
    if any("Past" in c.morph.get("Tense") or c.lemma_ == "have" for c in auxiliaries):
        return "past"
    return "past" if not auxiliaries and "Past" in verb.morph.get("Tense") else None


def _to_come(candidate: EventCandidate) -> bool:
    return candidate.event.modality == "future" or candidate.act_to_come


def event_tense(candidate: EventCandidate) -> Tense:
    modality = candidate.event.modality
    tense = verb_tense(clause_verb(candidate.trigger))
    if _to_come(candidate) or tense == "future":
        return "future"
    return tense if modality == "hypothetical" else "past"


@dataclass(frozen=True)
class Anchor:
    """What a time expression dates: the events of the clause headed by `token` (kind "clause"), or only the
    event whose trigger is the noun `token` (kind "noun")."""

    kind: Literal["clause", "noun"]
    token: int


@lru_cache(maxsize=1)
def other_time_verbs() -> frozenset[str]:
    """Verbs whose participle clause speaks of another time than the main clause's, from `time/other_time_verbs.tsv`."""
    return frozenset(row["verb"] for row in read_tsv("time/other_time_verbs.tsv"))


def _of_another_time(verb: Token) -> bool:
    """A participle clause beside the main one that looks at another time: "comparing the riots in 1969 with
    today's unrest", "referring to the 2002 agreement"."""
    return (
        verb.dep_ in ("advcl", "xcomp")
        and verb.tag_ in ("VBG", "VBN")
        and verb.lemma_.lower() in other_time_verbs()
        and not any(child.dep_ in ("nsubj", "nsubjpass") for child in verb.children)
    )


def anchor_of(mention: TimeMention) -> Anchor:
    root = mention.root
    head = root.head
    if head.i != root.i and head.pos_ == "PRON" and head.lower_ in DEMONSTRATIVES:
        # "those in 1969", "the one in 1969": another event than the clause's own
        return Anchor("noun", head.i)
    if head.i != root.i and head.pos_ in ("NOUN", "PROPN"):
        before_noun = root.dep_ in NOUN_MODIFIERS and head.i >= mention.span.end
        # "the events of 1992" and, on a common noun, any preposition: "the riots in 1969"
        if before_noun or (root.dep_ == "prep" and (root.lower_ == "of" or head.pos_ == "NOUN")):
            return Anchor("noun", head.i)
    verb = clause_verb(head)
    if _of_another_time(verb):
        return Anchor("clause", verb.i)
    return Anchor("clause", clause_of(head).i)


class DocumentTimes:
    """The base date of one document and the time expressions of the sentences that have events.

    A time expression dates the events of its own clause; one in a main clause without events dates the events
    of its sentence that have none in theirs. It never dates another sentence's events."""

    def __init__(self, doc: Doc, candidates: list[EventCandidate]):
        self.doc = doc
        document = doc._.document
        self.base: date | None = document.date if document is not None else None
        self.base_note: str | None = None
        self.base_is_publication_date = self.base is not None
        if self.base is None:
            inferred = infer_base_date(doc)
            self.base, self.base_note = inferred.day, inferred.note
            self.base_is_publication_date = inferred.from_dateline
        self.long_before = _shift_months(self.base, -12) if self.base is not None else None
        self.dateline_end = dateline_end(doc)
        self.event_clauses = {clause_of(candidate.trigger).i for candidate in candidates}
        self.found: dict[int, list[tuple[TimeMention, Anchor]]] = {}

    def mentions(self, sent: Span) -> list[tuple[TimeMention, Anchor]]:
        if sent.start not in self.found:
            found = find_time_mentions(self.doc, max(sent.start_char, self.dateline_end), sent.end_char)
            self.found[sent.start] = [(mention, anchor_of(mention)) for mention in found]
        return self.found[sent.start]

    def _fits(self, period: Period | None, candidate: EventCandidate) -> bool:
        if period is None or (period.start is None and period.end is None):
            return False
        if self.base is None:
            return True
        if _to_come(candidate):
            return period.end is None or period.end >= self.base
        if candidate.event.modality in ("actual", "negated"):
            return period.start is None or period.start <= self.base
        return True

    def _period(self, mention: TimeMention, candidate: EventCandidate, own_clause: bool) -> Period | None:
        if BOUNDARY.match(mention.text):
            tense = None
        elif own_clause:
            tense = event_tense(candidate)
        else:
            root = mention.root
            tense = verb_tense(clause_verb(root.head if root.head.i != root.i else root))
        return resolve_period(mention.text, self.base, tense)

    def date_for(self, candidate: EventCandidate) -> EventDate | None:
        trigger = candidate.trigger
        clause = clause_of(trigger).i
        own, unclaimed = [], []
        for mention, anchor in self.mentions(candidate.sent):
            # a participle clause of another time is anchored to itself, not to the clause it joins
            if anchor in (Anchor("noun", trigger.i), Anchor("clause", clause), Anchor("clause", clause_verb(trigger).i)):
                own.append(mention)
            elif anchor.kind == "clause" and anchor.token not in self.event_clauses and _main(self.doc[anchor.token]):
                unclaimed.append(mention)
        for mentions, own_clause in ((own, True), (unclaimed, False)):
            fitting = []
            for mention in mentions:
                period = self._period(mention, candidate, own_clause)
                if self._fits(period, candidate):
                    fitting.append((tree_distance(trigger, mention.root), abs(trigger.i - mention.root.i), mention, period))
            if fitting:
                _, _, mention, period = min(fitting, key=lambda item: item[:2])
                return self._dated(candidate, mention, period)
        return self._undated(candidate)

    def _dated(self, candidate: EventCandidate, mention: TimeMention, period: Period) -> EventDate:
        """The expression's date; one ending more than a year before the document makes the event historical
        when something says the report looks back (a stated year, "ago", a historical cue), else it is taken
        for a misreading and the document date stands, with the dropped date kept."""
        if self.long_before is None or period.end is None or period.end >= self.long_before:
            return self._event_date(period, mention.text)
        event = candidate.event
        if event.historical or STATED_PAST.search(mention.text) or historical_cues().search(candidate.sent.text):
            event.historical = True
            return self._event_date(period, mention.text)
        dated = self._event_date(period, mention.text)
        base = self._iso(self.base)
        precision = "document" if self.base_is_publication_date else "unknown"
        dropped = dated.start if dated.start == dated.end else f"{dated.start}..{dated.end}"
        return EventDate(base, base, dated.text, precision, dropped=dropped)

    def _undated(self, candidate: EventCandidate) -> EventDate | None:
        """An event without an expression of its own: the document date."""
        if candidate.event.historical:
            return EventDate(None, self._iso(self.base), self.base_note, "unknown")
        if self.base is None:
            return None
        if _to_come(candidate):
            return EventDate(self.base.isoformat(), None, self.base_note, "unknown")
        precision = "document" if self.base_is_publication_date else "unknown"
        return EventDate(self.base.isoformat(), self.base.isoformat(), self.base_note, precision)

    def _event_date(self, period: Period, text: str) -> EventDate:
        if self.base_note:
            text = f"{text} [{self.base_note}]"
        return EventDate(self._iso(period.start), self._iso(period.end), text, period.precision)

    @staticmethod
    def _iso(day: date | None) -> str | None:
        return day.isoformat() if day else None


DATELINE = re.compile(rf"(?P<m1>{MONTH})\s+(?P<d1>{DAY}),?\s+(?P<y>{YEAR})|(?P<d2>{DAY})\s+(?P<m2>{MONTH}),?\s+"
                      rf"(?P<y2>{YEAR})", re.IGNORECASE)
EXPLICIT_YEAR = re.compile(rf"\b{YEAR}\b")


def dateline_end(doc: Doc) -> int:
    """Where a dateline ("This story is from March 10, 2002" on a line of its own at the top) ends, else 0:
    it gives the document's date, not an event's."""
    text = doc_text(doc)
    head = DATELINE.search(text, 0, 300)
    if head is None or text[head.end():].split("\n", 1)[0].strip():
        return 0
    return head.end()


@dataclass(frozen=True)
class InferredBase:
    day: date | None
    note: str | None
    from_dateline: bool = False


def infer_base_date(doc: Doc) -> InferredBase:
    """A base date for a document without one: a full date in its first lines (a dateline), else the
    latest date of its inline citations in the latest year the text names; with a note saying so."""
    text = doc_text(doc)
    head = DATELINE.search(text[:300])
    if head:
        month, day, year = (head["m1"], head["d1"], head["y"]) if head["m1"] else (head["m2"], head["d2"], head["y2"])
        found = _calendar_date(f"{month} {_day_number(day)} {year}", None, None)
        if found:
            return InferredBase(found, f"document date {found.isoformat()} from the dateline", True)
    years = [int(y) for y in EXPLICIT_YEAR.findall(text) if 1900 <= int(y) <= 2100]
    cited = [(month, day) for c in citations(doc) for source in c.sources for month, day in source.month_days]
    if cited and years:
        year = max(years)
        found = max(resolve_month_day(month, day, date(year, 12, 31)) for month, day in cited)
        return InferredBase(found, f"no document date: base {found.isoformat()} from cited sources, year {year} "
                            "from the text")
    return InferredBase(None, None)


@Language.component("dyads_when")
def date_events(doc: Doc) -> Doc:
    candidates: list[EventCandidate] = doc._.events or []
    if not candidates:
        return doc
    times = DocumentTimes(doc, candidates)
    for candidate in candidates:
        candidate.event.date = times.date_for(candidate)
    return doc
