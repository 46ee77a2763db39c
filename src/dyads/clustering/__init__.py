"""One event per real event: the stage after coding that links the reports of one happening.

>>> from dyads.clustering import EventLinker, cluster_store
>>> with Store("events.duckdb") as store:
...     summary = cluster_store(store, EventLinker(window_days=3))

`EventLinker` (in `linker.py`) links any set of coded events; `cluster_store` runs it over a whole
DuckDB store and writes each event's cluster back (`dyads cluster --db`); `cluster_events` sets the
cluster of events in memory (`dyads cluster events.jsonl`), where no outlet is known.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from dyads.clustering.linker import EventLinker, Mention, Place
from dyads.export.store import Store
from dyads.model import Event, EventCluster

__all__ = ["ClusterSummary", "EventLinker", "Mention", "Place", "cluster_events", "cluster_store"]


@dataclass
class ClusterSummary:
    events: int
    clusters: int
    linked_clusters: int  # clusters reported by two documents or more
    linked_events: int  # events in those clusters
    largest: int  # mentions in the largest cluster


def cluster_store(store: Store, linker: EventLinker) -> ClusterSummary:
    """Cluster every event of `store` afresh and store each event's cluster (one transaction)."""
    mentions = [
        Mention.from_event(event, outlet) for batch in store.iter_events_with_outlets() for event, outlet in batch
    ]
    clusters = linker.cluster(mentions)
    store.set_clusters(clusters)
    return summarize(clusters)


def cluster_events(events: Iterable[Event], linker: EventLinker) -> ClusterSummary:
    """Set the `cluster` of each event; each document counts as its own outlet."""
    events = list(events)
    clusters = linker.cluster(Mention.from_event(event) for event in events)
    for event in events:
        event.cluster = clusters[event.id]
    return summarize(clusters)


def summarize(clusters: dict[str, EventCluster]) -> ClusterSummary:
    sizes = Counter(cluster.id for cluster in clusters.values())
    documents = {cluster.id: cluster.documents for cluster in clusters.values()}
    linked = [cluster_id for cluster_id, n in documents.items() if n > 1]
    return ClusterSummary(
        events=len(clusters),
        clusters=len(sizes),
        linked_clusters=len(linked),
        linked_events=sum(sizes[cluster_id] for cluster_id in linked),
        largest=max(sizes.values(), default=0),
    )
