"""Scoring primitives: pure functions over codes and counts, no NLP.

Every figure `dyads eval` prints comes from these, so each one is unit-tested on hand-computed cases.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dyads.model import Actor, Event

# The PLOVER gold standard predates PLOVER 2021; its retired categories map onto current types.
OLDER_PLOVER_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

PENTACLASS_NAMES = (
    "statement",
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from counts; an empty denominator gives 0.0, never an error."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        return ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.true_positives + self.false_negatives


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def accuracy(correct: Iterable[bool]) -> float:
    flags = list(correct)
    return ratio(sum(flags), len(flags))


def per_class(gold: Sequence[str], predicted: Sequence[str | None]) -> dict[str, PRF]:
    """Precision/recall/F1 of every gold class; a `None` prediction (no event) is a miss of its gold class."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    classes = sorted(set(gold) | {label for label in predicted if label is not None})
    counts = {label: [0, 0, 0] for label in classes}
    for expected, got in zip(gold, predicted):
        if got == expected:
            counts[expected][0] += 1
            continue
        counts[expected][2] += 1
        if got is not None:
            counts[got][1] += 1
    return {label: PRF(*counts[label]) for label in classes}


def macro_f1(gold: Sequence[str], predicted: Sequence[str | None]) -> float:
    """Mean F1 over the classes present in the gold labels (predicted-only classes lower precision only)."""
    scores = per_class(gold, predicted)
    gold_classes = sorted(set(gold))
    return sum(scores[label].f1 for label in gold_classes) / len(gold_classes) if gold_classes else 0.0


def confusion_matrix(gold: Sequence[str], predicted: Sequence[str | None]) -> Counter[tuple[str, str | None]]:
    """Counts of (gold, predicted) pairs; `None` stands for "no event"."""
    return Counter(zip(gold, predicted))


def cameo_accepts(accepted: Iterable[str], code: str) -> bool:
    """True when `code` is one of the accepted codes or falls under one: "04" accepts the whole root 04,
    "031" accepts 031 and its refinements such as 0312, "0312" accepts only 0312."""
    return any(code.startswith(entry) for entry in accepted)


def pentaclass_of_root(root: str) -> int:
    """The five-class label of a CAMEO root: 01 statement, 02-05 verbal cooperation, 06-08 material
    cooperation, 09-13 verbal conflict, 14-20 material conflict."""
    number = int(root[:2])
    if not 1 <= number <= 20:
        raise ValueError(f"not a CAMEO root: {root!r}")
    if number == 1:
        return 0
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13:
        return 3
    return 4


def current_plover_type(gold_type: str) -> str:
    return OLDER_PLOVER_TYPES.get(gold_type, gold_type)


def actor_in_countries(actor: Actor | None, countries: Iterable[str]) -> bool:
    """True when the actor's country is one of `countries`. International organisations have no country;
    gold sets code them by the first three letters of the CAMEO actor code (IGO, NGO, ...) or by the
    body's own three letters (UNO for IGOUNO, EUR for IGOEUR)."""
    if actor is None:
        return False
    accepted = set(countries)
    if actor.country in accepted:
        return True
    code = actor.code or ""
    return code[:3] in accepted or (actor.country is None and code[:3] in ("IGO", "NGO") and code[3:6] in accepted)


def primary_sector(actor: Actor | None) -> str | None:
    """The sector that gold sets compare against: the first of the actor's sectors (NGEC's code_1)."""
    return actor.sectors[0] if actor is not None and actor.sectors else None


def country_agrees(actor: Actor | None, expected: str) -> bool:
    """An actor phrase's country check; `expected == ""` means the actor has no country (an NGO, or a
    phrase such as "two men" that names no actor at all)."""
    if actor is None:
        return expected == ""
    return actor_in_countries(actor, [expected]) if expected else not actor.country


def sector_agrees(actor: Actor | None, accepted: Sequence[str]) -> bool:
    """An actor phrase's sector check on the primary sector; an accepted `""` means "no sector"."""
    if actor is None:
        return "" in accepted
    return (primary_sector(actor) or "") in accepted


def dyad_matches(
    event: Event, sources: Sequence[str] | None, targets: Sequence[str] | None, reciprocal: bool = False
) -> bool:
    """Source and target countries agree with the accepted ones; `None` on a side accepts any actor there,
    `reciprocal` accepts the two sides swapped."""

    def forward(source_countries: Sequence[str] | None, target_countries: Sequence[str] | None) -> bool:
        return (source_countries is None or actor_in_countries(event.source, source_countries)) and (
            target_countries is None or actor_in_countries(event.target, target_countries)
        )

    return forward(sources, targets) or (reciprocal and forward(targets, sources))


def main_event(events: Sequence[Event], with_plover_type: bool = False) -> Event | None:
    """The event a one-sentence gold item is scored on: the most confident one, the earliest on a tie.
    PLOVER has no category for plain statements (CAMEO 01), so `with_plover_type` prefers events that
    have a PLOVER type when there are any. No event at all is scored as wrong by the callers."""
    if with_plover_type:
        events = [event for event in events if event.plover.type] or events
    if not events:
        return None
    return max(events, key=lambda e: (e.confidence, -e.sentence_index, -e.trigger.start))
