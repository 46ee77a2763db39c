"""Publication dates: from a record's field, or from a full date the text itself states near its start.

Only complete dates (day, month and year) count: "This story is from March 10, 2002", a dateline
"MOSCOW, 3 March 2021 (Reuters)", "2021-03-03". Partial or relative dates ("May 16", "last week") need a
publication date to resolve against, so they cannot supply one.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

# A publication date is stated in the dateline or the first lines, not deep in the body.
LEAD_CHARS = 400
EARLIEST_YEAR = 1900

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
FULL_DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
]
ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
# 20020310, GDELT's 20020310123000 (DATEADDED, seendate) and 20020310T123000Z (the DOC API's seendate)
COMPACT_DATE = re.compile(r"^(?P<year>\d{4})(?P<month>\d\d)(?P<day>\d\d)(?:T?\d{4}(?:\d\d)?Z?)?$")
SLASHED_DATE = re.compile(r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:[ T][\d:]+)?")


def _build(match: re.Match[str]) -> date | None:
    month = match["month"]
    month_number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
    try:
        found = date(int(match["year"]), month_number, int(match["day"]))
    except ValueError:
        return None
    return found if EARLIEST_YEAR <= found.year <= date.today().year + 1 else None


def find_full_date(text: str) -> date | None:
    """The earliest complete date stated in `text`, or None."""
    found: list[tuple[int, date]] = []
    for pattern in FULL_DATE_PATTERNS:
        for match in pattern.finditer(text):
            if (value := _build(match)) is not None:
                found.append((match.start(), value))
                break
    return min(found)[1] if found else None


def date_in_lead(text: str) -> date | None:
    """A publication date the text states in its first lines (dateline, "This story is from ...")."""
    return find_full_date(text[:LEAD_CHARS])


def parse_date(value: str) -> date | None:
    """A record's date field; None when it is none of these forms:

    - ISO date or timestamp, with or without a zone ("2002-03-10", "2002-03-10T08:15:00+05:30");
    - compact digits ("20020310", GDELT's "20020310123000" and "20020310T123000Z") or "2002/03/10";
    - RFC 2822, as RSS feeds and e-mail give it ("Sun, 10 Mar 2002 08:15:00 +0000");
    - a full written date ("March 10, 2002", "10 March 2002").

    A timestamp's date is the one written in it, in the zone it was written in: the publisher's day."""
    value = value.strip()
    if ISO_PREFIX.match(value):
        try:
            return datetime.strptime(value[:10], "%Y-%m-%d").date()
        except ValueError:
            return None
    for pattern in (COMPACT_DATE, SLASHED_DATE, *FULL_DATE_PATTERNS[:2]):
        if (match := pattern.fullmatch(value)) is not None:
            return _build(match)
    return _rfc_2822(value)


def _rfc_2822(value: str) -> date | None:
    if not re.search(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d\d:\d\d", value):
        return None
    try:
        found = parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None
    return found if EARLIEST_YEAR <= found.year <= date.today().year + 1 else None


def iso_day(value: str | None) -> date | None:
    """The day of an ISO date or timestamp as dyads writes them ("2002-03-10", "2002-03-10T12:00"), else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
