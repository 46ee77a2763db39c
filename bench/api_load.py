"""API latency over a large store: fill it with synthetic events, serve it, time filtered queries.

    PYTHONPATH=src .venv/bin/python bench/api_load.py [--events 100000] [--repeat 30] [--db PATH]

Builds a store of `--events` synthetic events (invented sentences, 10 events per document, 40 countries,
two years of dates, CAMEO codes from the table with dyad-specific conflict levels), starts the real
server (uvicorn on a free 127.0.0.1 port) and times each query over HTTP `--repeat` times after one
warm-up. Prints the median and 95th percentile per query; the target of issue 5 is a median under
200 ms for a filtered `/api/events` query at 100,000 events. `--db PATH` keeps the store (it is reused
when it already holds the events) for trying the UI: `dyads serve --db PATH`.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

import httpx
import uvicorn

from dyads.coder import CodedDocument
from dyads.events.ontology import cameo_codes
from dyads.export.store import Store
from dyads.model import Actor, Document, Event, EventDate, Span
from dyads.server.app import create_app

COUNTRIES = {
    "USA": ("Washington", "Europe-Americas"), "CAN": ("Ottawa", "Europe-Americas"),
    "MEX": ("Mexico City", "Europe-Americas"), "BRA": ("Brasilia", "Europe-Americas"),
    "ARG": ("Buenos Aires", "Europe-Americas"), "GBR": ("London", "Europe-Americas"),
    "FRA": ("Paris", "Europe-Americas"), "DEU": ("Berlin", "Europe-Americas"),
    "POL": ("Warsaw", "Europe-Americas"), "UKR": ("Kyiv", "Europe-Americas"),
    "RUS": ("Moscow", "Eurasia"), "BLR": ("Minsk", "Eurasia"), "GEO": ("Tbilisi", "Eurasia"),
    "ARM": ("Yerevan", "Eurasia"), "AZE": ("Baku", "Eurasia"), "KAZ": ("Astana", "Eurasia"),
    "TUR": ("Ankara", "Middle East"), "IRN": ("Tehran", "Middle East"), "IRQ": ("Baghdad", "Middle East"),
    "SYR": ("Damascus", "Middle East"), "ISR": ("Jerusalem", "Middle East"), "SAU": ("Riyadh", "Middle East"),
    "EGY": ("Cairo", "Middle East"), "CHN": ("Beijing", "Asia"), "JPN": ("Tokyo", "Asia"),
    "KOR": ("Seoul", "Asia"), "PRK": ("Pyongyang", "Asia"), "IND": ("New Delhi", "Asia"),
    "PAK": ("Islamabad", "Asia"), "AFG": ("Kabul", "Asia"), "VNM": ("Hanoi", "Asia"),
    "PHL": ("Manila", "Asia"), "IDN": ("Jakarta", "Asia"), "NGA": ("Abuja", "Africa"),
    "ETH": ("Addis Ababa", "Africa"), "KEN": ("Nairobi", "Africa"), "SDN": ("Khartoum", "Africa"),
    "ZAF": ("Pretoria", "Africa"), "MLI": ("Bamako", "Africa"), "COD": ("Kinshasa", "Africa"),
}
SECTORS = ["GOV", "MIL", "GOV", "POL", "OPP", "BUS", "MED", "GOV"]
MODALITIES = ["actual"] * 14 + ["future"] * 3 + ["hypothetical"] * 2 + ["negated"]
EVENTS_PER_DOCUMENT = 10

QUERIES = {
    "events, no filter": {"limit": 50},
    "events, country + quad class": {"source_country": "RUS", "quad_class": [3, 4], "limit": 50},
    "events, date range + modality, by Goldstein": {
        "date_from": "2023-03-01", "date_to": "2023-08-31", "modality": "actual", "sort": "goldstein", "limit": 100
    },
    "events, CAMEO root + sector, deep page": {"cameo": "17", "sector": "GOV", "offset": 1000, "limit": 50},
    "events, sentence text search": {"q": "trade talks", "limit": 50},
    "events, every filter": {
        "date_from": "2023-01-01", "date_to": "2024-06-30", "country": "CHN", "sector": "GOV",
        "modality": ["actual", "future"], "quad_class": [1, 2], "q": "energy", "limit": 50,
    },
    "timeline, month by quad class": {"_path": "/api/stats/timeline", "interval": "month"},
    "dyads, top 150, filtered": {"_path": "/api/stats/dyads", "limit": 150, "quad_class": [3, 4]},
}


def synthetic_documents(events: int, seed: int = 5) -> list[CodedDocument]:
    """Documents of invented sentences, each with the events its sentences state (offsets are exact)."""
    rng = random.Random(seed)
    codes = [entry for code, entry in cameo_codes().items() if len(code) >= 3]
    by_quad = {quad: [c for c in codes if c.quad_class == quad] for quad in (1, 2, 3, 4)}
    countries = list(COUNTRIES)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(countries))]
    start = date(2023, 1, 1)
    documents = []
    for number in range((events + EVENTS_PER_DOCUMENT - 1) // EVENTS_PER_DOCUMENT):
        published = start + timedelta(days=rng.randrange(730))
        doc_id = f"synthetic/{number:06d}"
        pieces, planned = [], []
        offset = 0
        for _ in range(min(EVENTS_PER_DOCUMENT, events - number * EVENTS_PER_DOCUMENT)):
            source = rng.choices(countries, weights)[0]
            region = COUNTRIES[source][1]
            neighbours = [c for c in countries if COUNTRIES[c][1] == region and c != source]
            target = rng.choice(neighbours) if rng.random() < 0.75 else rng.choices(countries, weights)[0]
            hostility = (zlib.crc32(''.join(sorted((source, target))).encode()) % 100) / 100
            quad = rng.choices([1, 2, 3, 4], [1.2 - hostility, 1 - hostility, 0.3 + hostility, 0.2 + hostility])[0]
            code = rng.choice(by_quad[quad])
            verb = code.name.lower()
            city = COUNTRIES[target][0]
            topic = rng.choice(["trade talks", "border security", "energy supplies", "a prisoner exchange", "fishing rights"])
            sentence = f"Officials of {source} took this step: {verb}, toward {target} over {topic} in {city}."
            planned.append((offset, sentence, source, target, code, verb))
            pieces.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(pieces)
        document = Document(id=doc_id, text=text, date=published, title=f"Synthetic report {number}", source="Synthetic Wire")
        coded_events = []
        for index, (sentence_start, sentence, source, target, code, verb) in enumerate(planned):
            def actor(country: str, after: int, text: str = text) -> Actor:
                begin = text.index(country, after)
                return Actor(country, code=country, country=country, sectors=[rng.choice(SECTORS)], start=begin, end=begin + 3)

            trigger_start = text.index(verb, sentence_start)
            day = published - timedelta(days=rng.randrange(4))
            coded_events.append(
                Event(
                    id=f"{doc_id}-{index}",
                    doc_id=doc_id,
                    doc_date=published.isoformat(),
                    sentence_index=index,
                    sentence=sentence,
                    sentence_start=sentence_start,
                    sentence_end=sentence_start + len(sentence),
                    trigger=Span(verb, trigger_start, trigger_start + len(verb)),
                    source=actor(source, sentence_start),
                    target=actor(target, trigger_start),
                    cameo=code.cameo(),
                    plover=code.plover(),
                    modality=rng.choice(MODALITIES),
                    date=EventDate(day.isoformat(), day.isoformat(), None, "day"),
                    confidence=round(rng.uniform(0.4, 0.95), 2),
                    rule="synthetic",
                )
            )
        documents.append(CodedDocument(document, coded_events, sentences=len(planned)))
    return documents


def fill(store: Store, events: int) -> float:
    began = time.perf_counter()
    documents = synthetic_documents(events)
    for first in range(0, len(documents), 1000):
        store.add(documents[first : first + 1000])
    return time.perf_counter() - began


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--db", type=Path, help="keep the store here (default: a temporary file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        path = args.db or Path(scratch) / "load.duckdb"
        with Store(path) as store:
            if store.count_events() != args.events:
                if store.count_events():
                    sys.exit(f"{path} holds {store.count_events():,} events, not {args.events:,}; remove it first")
                seconds = fill(store, args.events)
                print(f"stored {args.events:,} events in {seconds:.1f} s ({args.events / seconds:,.0f} events/s)")
        with Store(path, read_only=True) as store:
            port = free_port()
            server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            while not server.started:
                time.sleep(0.05)
            try:
                print(f"{store.count_events():,} events; {args.repeat} timed requests per query after one warm-up")
                print(f"{'query':48} {'matches':>8} {'median ms':>10} {'p95 ms':>8}")
                with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                    for label, query in QUERIES.items():
                        params = dict(query)
                        path_ = params.pop("_path", "/api/events")
                        first = client.get(path_, params=params)
                        first.raise_for_status()
                        body = first.json()
                        matches = body["total"] if isinstance(body, dict) else len(body)
                        timings = []
                        for _ in range(args.repeat):
                            began = time.perf_counter()
                            client.get(path_, params=params).raise_for_status()
                            timings.append((time.perf_counter() - began) * 1000)
                        p95 = statistics.quantiles(timings, n=20)[-1]
                        print(f"{label:48} {matches:>8,} {statistics.median(timings):>10.1f} {p95:>8.1f}")
            finally:
                server.should_exit = True
                thread.join()


if __name__ == "__main__":
    main()
