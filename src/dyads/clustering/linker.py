"""Linking the reports of one happening across documents into a cluster.

Five outlets reporting one clash give five coded events; `EventLinker` links them. Events are blocked by
CAMEO root (roots that `data/clustering/root_groups.tsv` groups count as one: an attack is an assault
in one report and a fight in another), source actor (by country, else code, else text) and reality;
within a block, sorted by day, each event is compared with at most `neighbours` of the events that
follow it within `window_days`, so only events that could report one happening are ever compared and
the work grows with the corpus, not with its square (links chain, so a big story's hundreds of reports
still end in one cluster). Two events of different documents are linked when

- their sources match and so do their targets, a missing target or one without a country ("the
  train", "police") matching any; a reciprocal event ("X and Y agreed") matches either way round,
- their days lie at most `window_days` apart (the event's own day when the text dates it to a day or a
  week, else the day of its report; a `historical` event without a day or week is never linked),
- their places are compatible (no place, a country or region-level place, or the same country and at
  most `max_km` apart), and
- their sentences are similar: the cosine of their TF-IDF vectors over content words (lower-cased, cut to
  `stem_length` letters, without `data/clustering/stopwords.txt`) is at least `min_similarity`.

Linked events form clusters by union-find, so links chain: a follow-up linked to one report of a story
joins the cluster of all of them. Every event gets a cluster, one of its own when nothing links to it.
Negated and hypothetical events link only among themselves: "X did not attack Y" is not a report of the
attack.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from dyads.data import data_path, read_tsv
from dyads.ingest.dates import iso_day
from dyads.model import Actor, Event, EventCluster

_WORD = re.compile(r"[a-z0-9]+")
_DAY_PRECISIONS = {"day", "week"}
_COARSE_PLACES = {"country", "region", "admin1"}
_EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Place:
    country: str | None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None


@dataclass(frozen=True)
class Mention:
    """What linking reads of one coded event, and the outlet of its document."""

    event_id: str
    doc_id: str
    outlet: str | None
    cameo_root: str
    source: str
    target: str
    source_known: bool  # the actor has a country: a target without one matches any
    target_known: bool
    reciprocal: bool
    reality: str  # "real" (actual or future), "negated" or "hypothetical": only equal ones link
    day: date | None
    report_date: date | None
    place: Place | None
    sentence: str

    @classmethod
    def from_event(cls, event: Event, outlet: str | None = None) -> Mention:
        report_date = iso_day(event.doc_date)
        dated = event.date is not None and event.date.precision in _DAY_PRECISIONS
        location = event.location
        return cls(
            event_id=event.id,
            doc_id=event.doc_id,
            outlet=outlet,
            cameo_root=event.cameo.root,
            source=_actor_key(event.source),
            target=_actor_key(event.target),
            source_known=bool(event.source.country),
            target_known=event.target is not None and bool(event.target.country),
            reciprocal=event.reciprocal,
            reality="real" if event.modality in ("actual", "future") else event.modality,
            # a historical event dated no closer than a month has no day to be compared on
            day=iso_day(event.date.start) if dated else (None if event.historical else report_date),
            report_date=report_date,
            place=Place(location.country, location.lat, location.lon, location.precision) if location else None,
            sentence=event.sentence,
        )


@dataclass
class EventLinker:
    """Links reports of one happening; `cluster(mentions)` gives each event id its cluster.

    >>> clusters = EventLinker(window_days=3).cluster(Mention.from_event(e) for e in events)
    >>> clusters[event.id].mentions
    """

    window_days: int = 3
    min_similarity: float = 0.25
    max_km: float = 60.0
    stem_length: int = 6
    neighbours: int = 100
    root_groups: list[set[str]] = field(default_factory=lambda: [set(group) for group in _root_groups()])

    def cluster(self, mentions: Iterable[Mention]) -> dict[str, EventCluster]:
        mentions = list(mentions)
        vectors = self._vectors(mentions)
        parent = list(range(len(mentions)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, j in self._candidate_pairs(mentions):
            # two events already in one cluster need no comparison: a big story's block stays cheap
            if root(i) != root(j) and self._linked(mentions[i], mentions[j], vectors[i], vectors[j]):
                parent[root(i)] = root(j)
        members: dict[int, list[Mention]] = defaultdict(list)
        for i, mention in enumerate(mentions):
            members[root(i)].append(mention)
        clusters: dict[str, EventCluster] = {}
        for group in members.values():
            summary = _summary(group)
            clusters.update((mention.event_id, summary) for mention in group)
        return clusters

    def _candidate_pairs(self, mentions: list[Mention]) -> Iterator[tuple[int, int]]:
        """Pairs of one block whose days lie within the window, each event paired with at most
        `neighbours` events that follow it in time (a sorted neighbourhood: linear in the events)."""
        root_of = {root: min(group) for group in self.root_groups for root in group}
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for i, mention in enumerate(mentions):
            if mention.day is None:
                continue
            root = root_of.get(mention.cameo_root, mention.cameo_root)
            # a reciprocal event is filed under both actors, to meet reports that name them the other way round
            sides = {mention.source, mention.target} - {""} if mention.reciprocal else {mention.source}
            for actor in sides:
                blocks[(root, actor, mention.reality)].append(i)
        for indices in blocks.values():
            indices.sort(key=lambda i: mentions[i].day)
            for position, i in enumerate(indices):
                for j in indices[position + 1 : position + 1 + self.neighbours]:
                    if (mentions[j].day - mentions[i].day).days > self.window_days:
                        break
                    yield i, j

    def _linked(self, a: Mention, b: Mention, vector_a: dict[str, float], vector_b: dict[str, float]) -> bool:
        if a.doc_id == b.doc_id:
            return False
        if not (_same_actors(a, b) or ((a.reciprocal or b.reciprocal) and _same_actors(a, _reversed(b)))):
            return False
        if abs((a.day - b.day).days) > self.window_days:
            return False
        if not _compatible_places(a.place, b.place, self.max_km):
            return False
        return _cosine(vector_a, vector_b) >= self.min_similarity

    def _vectors(self, mentions: list[Mention]) -> list[dict[str, float]]:
        """TF-IDF vectors of the sentences, unit length, with document frequencies over these mentions."""
        counts = [Counter(self._terms(mention.sentence)) for mention in mentions]
        frequency = Counter(term for count in counts for term in count)
        total = len(mentions)
        vectors = []
        for count in counts:
            weights = {term: n * (math.log((1 + total) / (1 + frequency[term])) + 1) for term, n in count.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            vectors.append({term: w / norm for term, w in weights.items()})
        return vectors

    def _terms(self, sentence: str) -> list[str]:
        stopwords = _stopwords()
        return [word[: self.stem_length] for word in _WORD.findall(sentence.lower()) if word not in stopwords]


def _summary(group: list[Mention]) -> EventCluster:
    by_report = sorted(group, key=lambda m: (m.report_date is None, m.report_date or date.min, m.doc_id))
    first, last = by_report[0], max(group, key=lambda m: (m.report_date or date.min, m.doc_id))
    documents = {m.doc_id: m.outlet for m in group}
    return EventCluster(
        id=min(m.event_id for m in group),
        mentions=len(group),
        documents=len(documents),
        sources=len({outlet or f"document:{doc_id}" for doc_id, outlet in documents.items()}),
        first_doc_id=first.doc_id,
        first_date=first.report_date.isoformat() if first.report_date else None,
        last_doc_id=last.doc_id,
        last_date=last.report_date.isoformat() if last.report_date else None,
    )


def _same_actors(a: Mention, b: Mention) -> bool:
    if a.source != b.source:
        return False
    return a.target == b.target or not (a.target_known and b.target_known)


def _reversed(mention: Mention) -> Mention:
    return replace(
        mention,
        source=mention.target,
        target=mention.source,
        source_known=mention.target_known,
        target_known=mention.source_known,
    )


def _actor_key(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return actor.country or actor.code or actor.text.lower()


def _compatible_places(a: Place | None, b: Place | None, max_km: float) -> bool:
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.precision in _COARSE_PLACES or b.precision in _COARSE_PLACES:
        return True
    if None in (a.lat, a.lon, b.lat, b.lon):
        return True
    return _distance_km(a.lat, a.lon, b.lat, b.lon) <= max_km


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


@cache
def _root_groups() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(row["roots"].split("|")) for row in read_tsv("clustering/root_groups.tsv"))


@cache
def _stopwords() -> frozenset[str]:
    with open(data_path("clustering/stopwords.txt"), encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.startswith("#"))

