"""Linking the reports of one event (`dyads cluster`): pairwise precision and recall on a labelled set.

    PYTHONPATH=src .venv/bin/python bench/clustering.py [--events FILE] [--save-events FILE]
    PYTHONPATH=src .venv/bin/python bench/clustering.py --scale 10000,100000
    PYTHONPATH=src .venv/bin/python bench/clustering.py --copies 150

The set (`benchmarks/clustering/happenings.tsv`) labels 41 reports of 18 happenings in 10 groups: VOA
stories of `benchmarks/voa` (several reports and follow-ups of one story) and short reports written
for dyads in `benchmarks/clustering/reports.jsonl`, each telling in its own words of a real event (the
outlets "Desk A/B/C" stand for other newsrooms), among them look-alikes of the same dyad and kind of act
a few days apart (three Russian strikes on Kyiv in four days, two Baloch attacks five days apart, two
al-Shabab attacks a week apart, two US tariff moves on Canada two days apart).

Every pair of reports in one group is a labelled pair: the same happening (should be linked) or not.
A pair is linked when one cluster holds an event of each report whose CAMEO root is one the happening
may be coded under and whose source or target is of one of its countries. The reports are coded with
the real engine (`Coder.pipe`), so recall counts the coder's misses too; `recall (coded)` counts only
the pairs whose two reports both have such an event, which is the linking's own recall. `hard` counts
the different-happening pairs that both have such an event in one date window (only the sentences and
places can tell them apart) and how many of them were linked.

`--scale N,M,...` times the linking alone on N synthetic events (60 countries, the 20 CAMEO roots, two
years of days, sentences of 12 words from a 5,000-word vocabulary), to show that its cost grows with the
number of events, not with its square. `--copies N` stores N copies of the coded set in a fresh DuckDB
store (every copy's documents five days after the last, its events keeping their own dates, so that
blocks hold thousands of look-alike events) and times `cluster_store` on it, reading and writing included.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

from dyads.clustering import EventLinker, Mention, cluster_store
from dyads.coder import CodedDocument, Coder
from dyads.export.store import Store
from dyads.ingest import read
from dyads.model import Document, Event

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "benchmarks" / "clustering"
VOA = ROOT / "benchmarks" / "voa"
SETTINGS = [
    ("default", EventLinker()),
    ("no sentence similarity", EventLinker(min_similarity=0.0)),
    ("no similarity, no places", EventLinker(min_similarity=0.0, max_km=1e9)),
    ("exact roots (no 18|19|20)", EventLinker(root_groups=[])),
    ("min similarity 0.10", EventLinker(min_similarity=0.10)),
    ("min similarity 0.15", EventLinker(min_similarity=0.15)),
    ("min similarity 0.20", EventLinker(min_similarity=0.20)),
    ("min similarity 0.30", EventLinker(min_similarity=0.30)),
    ("min similarity 0.40", EventLinker(min_similarity=0.40)),
    ("window 1 day", EventLinker(window_days=1)),
    ("window 5 days", EventLinker(window_days=5)),
    ("window 7 days", EventLinker(window_days=7)),
]


@dataclass(frozen=True)
class Label:
    doc_id: str
    happening: str
    group: str
    roots: frozenset[str]
    countries: frozenset[str]


def labels() -> dict[str, Label]:
    with open(SET / "happenings.tsv", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {
            row["doc_id"]: Label(
                row["doc_id"],
                row["happening"],
                row["group"],
                frozenset(row["roots"].split("|")),
                frozenset(row["countries"].split("|")),
            )
            for row in rows
        }


def coded_events(doc_ids: set[str]) -> tuple[list[Event], dict[str, str | None]]:
    """The events of every labelled report, and each report's outlet."""

    documents = [d for d in read([SET / "reports.jsonl"]) if d.id in doc_ids]
    for doc_id in sorted(doc_ids - {d.id for d in documents}):
        [document] = read([VOA / f"{doc_id}.txt"])
        document.source = "VOA"
        documents.append(document)
    outlets = {d.id: d.source for d in documents}
    events = [event for coded in Coder().pipe(documents) for event in coded.events]
    return events, outlets


def matches(event: Event, label: Label, other: Label) -> bool:
    countries = {event.source.country, event.target.country if event.target else None}
    return event.cameo.root in label.roots | other.roots and bool(countries & (label.countries | other.countries))


def score(name: str, linker: EventLinker, events: list[Event], outlets: dict, gold: dict[str, Label]) -> dict:
    clusters = linker.cluster(Mention.from_event(e, outlets[e.doc_id]) for e in events)
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_doc[event.doc_id].append(event)
    counts = dict.fromkeys(
        ["tp", "fp", "fn", "same", "same_coded", "tp_coded", "different", "hard", "hard_linked"], 0
    )
    for a, b in combinations(sorted(gold), 2):
        label_a, label_b = gold[a], gold[b]
        if label_a.group != label_b.group:
            continue
        same = label_a.happening == label_b.happening
        in_a = [e for e in by_doc[a] if matches(e, label_a, label_b)]
        in_b = [e for e in by_doc[b] if matches(e, label_b, label_a)]
        linked = bool({clusters[e.id].id for e in in_a} & {clusters[e.id].id for e in in_b})
        coded = bool(in_a and in_b)
        if same:
            counts["same"] += 1
            counts["same_coded"] += coded
            counts["tp"] += linked
            counts["tp_coded"] += linked and coded
            counts["fn"] += not linked
        else:
            counts["different"] += 1
            counts["fp"] += linked
            close = coded and any(
                abs((Mention.from_event(e, None).day - Mention.from_event(f, None).day).days) <= linker.window_days
                for e in in_a
                for f in in_b
                if e.doc_date and f.doc_date
            )
            counts["hard"] += close
            counts["hard_linked"] += close and linked
    linked = counts["tp"] + counts["fp"]
    return {
        "setting": name,
        "precision": counts["tp"] / linked if linked else 1.0,
        "recall": counts["tp"] / counts["same"] if counts["same"] else 0.0,
        "recall_coded": counts["tp_coded"] / counts["same_coded"] if counts["same_coded"] else 0.0,
        **counts,
    }


def synthetic_mentions(n: int, seed: int = 14) -> list[Mention]:
    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(60)]
    vocabulary = [f"w{i}" for i in range(5000)]
    start = date(2020, 1, 1).toordinal()
    return [
        Mention(
            event_id=f"e{i}",
            doc_id=f"d{i // 3}",
            outlet=f"o{i % 40}",
            cameo_root=f"{rng.randint(1, 20):02d}",
            source=rng.choice(countries),
            target=rng.choice(countries),
            source_known=True,
            target_known=True,
            reciprocal=False,
            reality="real",
            day=date.fromordinal(start + rng.randrange(730)),
            report_date=None,
            place=None,
            sentence=" ".join(rng.choices(vocabulary, k=12)),
        )
        for i in range(n)
    ]


def time_scale(sizes: list[int]) -> None:
    print(f"{'events':>9} {'seconds':>8} {'µs/event':>9} {'clusters':>9}")
    for n in sizes:
        mentions = synthetic_mentions(n)
        started = time.perf_counter()
        clusters = EventLinker().cluster(mentions)
        seconds = time.perf_counter() - started
        distinct = len({cluster.id for cluster in clusters.values()})
        print(f"{n:>9,} {seconds:>8.2f} {seconds / n * 1e6:>9.1f} {distinct:>9,}")


def time_store(events: list[Event], outlets: dict, copies: int) -> None:
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_doc[event.doc_id].append(event)
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "events.duckdb") as store:
        for copy in range(copies):
            batch = []
            for doc_id, doc_events in by_doc.items():
                copy_id = f"{doc_id}#{copy}"
                report_date = date.fromisoformat(doc_events[0].doc_date) + timedelta(days=5 * copy)
                document = Document(copy_id, f"copy {copy_id}", date=report_date, source=outlets[doc_id])
                copied = [
                    Event.from_dict({**e.to_dict(), "id": f"{e.id}#{copy}", "doc_id": copy_id}) for e in doc_events
                ]
                batch.append(CodedDocument(document, copied, sentences=1))
            store.add(batch)
        started = time.perf_counter()
        summary = cluster_store(store, EventLinker())
        print(f"{summary.events:,} events in {summary.clusters:,} clusters (largest {summary.largest:,}): "
              f"{time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=Path, help="coded events (JSONL from --save-events): skip coding")
    parser.add_argument("--save-events", type=Path, help="write the coded events and outlets here")
    parser.add_argument("--scale", help="comma-separated numbers of synthetic events to time the linking on")
    parser.add_argument("--copies", type=int, help="time clustering a store of this many copies of the set")
    args = parser.parse_args()
    if args.scale:
        time_scale([int(n) for n in args.scale.split(",")])
        return
    gold = labels()
    if args.events:
        saved = json.loads(args.events.read_text(encoding="utf-8"))
        events, outlets = [Event.from_dict(record) for record in saved["events"]], saved["outlets"]
    else:
        events, outlets = coded_events(set(gold))
    if args.save_events:
        args.save_events.write_text(
            json.dumps({"outlets": outlets, "events": [e.to_dict() for e in events]}), encoding="utf-8"
        )
    if args.copies:
        time_store(events, outlets, args.copies)
        return
    rows = [score(name, linker, events, outlets, gold) for name, linker in SETTINGS]
    first = rows[0]
    print(
        f"{len(gold)} reports, {len({label.happening for label in gold.values()})} happenings, "
        f"{len(events)} coded events; {first['same']} same-happening pairs ({first['same_coded']} with both "
        f"reports coded under the happening's roots), {first['different']} different-happening pairs"
    )
    print(
        f"{'setting':<26} {'precision':>9} {'recall':>7} {'recall (coded)':>15} {'TP':>4} {'FP':>4} {'FN':>4}"
        f" {'hard linked':>12}"
    )
    for row in rows:
        print(
            f"{row['setting']:<26} {row['precision']:>9.2f} {row['recall']:>7.2f} {row['recall_coded']:>15.2f}"
            f" {row['tp']:>4} {row['fp']:>4} {row['fn']:>4} {row['hard_linked']:>5} of {row['hard']:<3}"
        )


if __name__ == "__main__":
    main()
