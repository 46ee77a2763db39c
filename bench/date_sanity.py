"""Events dated far from their reports: the share dated outside a window around the corpus's dates
without being marked `historical`.

    PYTHONPATH=src .venv/bin/python bench/date_sanity.py [--limit N] [--from DATE] [--to DATE] [--show N]

Codes the first `--limit` news articles (default 200: ../shared/corpus/news, March 2002) with the real
engine (`Coder.pipe`) and counts the events whose date lies outside `--from`..`--to` (default
2001-09-01..2002-06-30: a date starting before the window or ending after it) and that are not
`historical`; the target is under 2%. `--show N` prints N of them with the expression that dated them.
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date

from corpus import news_documents, require_shared

from dyads.coder import Coder
from dyads.model import Event

TARGET = 0.02


def outside(event: Event, first: str, last: str) -> bool:
    if event.date is None or event.historical:
        return False
    start = event.date.start or event.date.end
    end = event.date.end or event.date.start
    return (start is not None and start < first) or (end is not None and end > last)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=200, help="articles (default 200)")
    parser.add_argument("--from", dest="first", type=date.fromisoformat, default=date(2001, 9, 1))
    parser.add_argument("--to", dest="last", type=date.fromisoformat, default=date(2002, 6, 30))
    parser.add_argument("--show", type=int, default=0, help="print this many of the events dated outside")
    args = parser.parse_args()
    require_shared()

    documents = news_documents(args.limit)
    events = [event for coded in Coder().pipe(documents) for event in coded.events]
    first, last = args.first.isoformat(), args.last.isoformat()
    wandering = [event for event in events if outside(event, first, last)]
    historical = sum(event.historical for event in events)
    share = len(wandering) / len(events) if events else 0.0
    years = Counter((event.date.start or event.date.end)[:4] for event in wandering)
    print(f"{len(documents)} articles, {len(events)} events, {historical} historical, "
          f"{sum(e.date is not None and e.date.dropped is not None for e in events)} dates dropped to the document's")
    print(f"dated outside {first}..{last} and not historical: {len(wandering)} ({share:.1%}); "
          f"target < {TARGET:.0%}: {'PASS' if share < TARGET else 'FAIL'}")
    if years:
        print("by year: " + ", ".join(f"{year} {count}" for year, count in sorted(years.items())))
    for event in wandering[: args.show]:
        print(f"- {event.doc_id} {event.date.start}..{event.date.end} {event.date.text!r} {event.modality}: "
              f"{event.trigger.text!r} in {event.sentence[:160]!r}")


if __name__ == "__main__":
    main()
