"""Score coded output against each kind of gold set. Pure: gold records and engine output in, a
`GoldResult` (headline figures, per-class tables, error cases) out; no model is loaded here.

Sentence-level sets (PLOVER, CAMEO, five-class) are scored on the text's main event
(`metrics.main_event`: the most confident one; for PLOVER, the most confident one with a PLOVER type);
a text with no event counts as wrong everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from dyads.evaluate import metrics
from dyads.evaluate.gold import (
    ActorPhrase,
    AnnotatedDocument,
    CameoExample,
    ExpectedEvent,
    GoldActor,
    PentaclassSentence,
    PloverRecord,
)
from dyads.model import Actor, Event

Figure = int | float


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]]


@dataclass
class ErrorCase:
    kind: Literal["miss", "false alarm"]
    sentence: str
    expected: str
    got: str
    severity: float  # higher is worse; errors are listed worst first


@dataclass
class GoldResult:
    path: str
    format: str
    items: int
    figures: dict[str, Figure]
    tables: list[Table] = field(default_factory=list)
    errors: list[ErrorCase] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def worst(self, kind: str, count: int) -> list[ErrorCase]:
        cases = [case for case in self.errors if case.kind == kind]
        return sorted(cases, key=lambda case: -case.severity)[:count]

    def to_dict(self, errors: int = 0) -> dict[str, Any]:
        record = asdict(self)
        record["errors"] = [
            asdict(case) for kind in ("miss", "false alarm") for case in self.worst(kind, errors)
        ]
        return record


def describe(event: Event | None) -> str:
    if event is None:
        return "no event"
    target = _country(event.target) if event.target else "-"
    return (
        f"{_country(event.source)} → {target} {event.cameo.code} {event.cameo.name} / {event.plover.type} "
        f"[{event.modality}] “{event.trigger.text}” ({event.confidence:.2f})"
    )


# --- document annotations -------------------------------------------------------------------------


def score_document(path: str, gold: AnnotatedDocument, events: Sequence[Event]) -> GoldResult:
    """Required recall, forbidden events coded as actual, and precision of all emitted events.

    An event matches an entry when its sentence holds (overlaps) the entry's quote, its dyad and CAMEO
    code are accepted, and its modality is the entry's (any when the entry names none). An emitted
    event is correct when it matches a required or optional entry; a forbidden entry counts against the
    engine when an event with modality "actual" matches it on sentence, dyad and code; one coded as not
    having happened (negated, hypothetical, future) is what the annotation allows, and is left out of
    precision.
    """
    text = gold.document.text
    spans = quote_spans(gold)
    warnings = [
        f"{entry_id}: quote not found in the text; matched by the event sentence instead"
        for entry_id, span in spans.items()
        if span is None
    ]

    def in_sentence(event: Event, entry: ExpectedEvent) -> bool:
        return in_quoted_sentence(event, entry.quote, spans[entry.id])

    def matches(event: Event, entry: ExpectedEvent) -> bool:
        return event_matches(event, entry, spans[entry.id])

    rows, errors = [], []
    found = {"required": 0, "optional": 0, "forbidden": 0}
    for entry in gold.expected:
        matching = [event for event in events if matches(event, entry)]
        nearby = [event for event in events if in_sentence(event, entry)]
        found[entry.status] += bool(matching)
        outcome = _entry_outcome(entry, bool(matching))
        shown = matching or nearby
        rows.append([entry.id, entry.status, outcome, "; ".join(describe(e) for e in shown) or "no event"])
        if entry.status == "required" and not matching:
            errors.append(
                ErrorCase(
                    "miss", _sentence_around(text, entry.quote), _expected(entry), _got(nearby), severity=1.0
                )
            )
        elif entry.status == "forbidden" and matching:
            errors.append(
                ErrorCase(
                    "false alarm",
                    matching[0].sentence,
                    _expected(entry),
                    _got(matching),
                    severity=1.0 + max(e.confidence for e in matching),
                )
            )

    accepted_entries = [entry for entry in gold.expected if entry.status != "forbidden"]
    forbidden_entries = [entry for entry in gold.expected if entry.status == "forbidden"]
    correct = 0
    scored = []
    for event in events:
        hits = [entry for entry in accepted_entries if matches(event, entry)]
        if not hits and any(_coded_as_not_happening(event, entry) for entry in forbidden_entries):
            continue  # "did not happen" coded as not having happened: neither right nor wrong
        scored.append(event)
        correct += bool(hits)
        if not hits:
            here = [entry for entry in gold.expected if in_sentence(event, entry)]
            expected = "; ".join(_expected(entry) for entry in here) or "no event annotated here"
            errors.append(
                ErrorCase("false alarm", event.sentence, expected, describe(event), event.confidence)
            )

    required = sum(entry.status == "required" for entry in gold.expected)
    score = metrics.PRF(correct, len(scored) - correct, required - found["required"])
    recall = metrics.ratio(found["required"], required)
    figures: dict[str, Figure] = {
        "required": required,
        "required_found": found["required"],
        "required_recall": recall,
        "optional": sum(entry.status == "optional" for entry in gold.expected),
        "optional_found": found["optional"],
        "forbidden": sum(entry.status == "forbidden" for entry in gold.expected),
        "forbidden_as_actual": found["forbidden"],
        "emitted": len(events),
        "emitted_scored": len(scored),
        "emitted_correct": correct,
        "precision": score.precision,
        "f1": 2 * score.precision * recall / (score.precision + recall) if score.precision + recall else 0.0,
    }
    table = Table("Annotated events", ["entry", "status", "outcome", "coded in its sentence"], rows)
    return GoldResult(path, "document", len(gold.expected), figures, [table], errors, warnings)


def event_matches(event: Event, entry: ExpectedEvent, span: tuple[int, int] | None) -> bool:
    """The event is the entry's: coded from the sentence holding its quote (at `span`), with an accepted
    dyad, code and modality (for a forbidden entry: coded as actual)."""
    if not (
        in_quoted_sentence(event, entry.quote, span)
        and metrics.dyad_matches(event, entry.sources, entry.targets, entry.reciprocal or event.reciprocal)
        and metrics.cameo_accepts(entry.cameo, event.cameo.code)
    ):
        return False
    if entry.status == "forbidden":
        return event.modality == "actual"
    return entry.modality is None or event.modality == entry.modality


def correct_events(gold: AnnotatedDocument, events: Sequence[Event]) -> list[bool]:
    """For each event, whether it matches a required or optional entry: what precision counts as correct."""
    spans = quote_spans(gold)
    accepted = [entry for entry in gold.expected if entry.status != "forbidden"]
    return [any(event_matches(event, entry, spans[entry.id]) for entry in accepted) for event in events]


def quote_spans(gold: AnnotatedDocument) -> dict[str, tuple[int, int] | None]:
    """Each entry's quote as character offsets into the text (None when the text lacks it)."""
    spans: dict[str, tuple[int, int] | None] = {}
    for entry in gold.expected:
        start = gold.document.text.find(entry.quote)
        spans[entry.id] = (start, start + len(entry.quote)) if start >= 0 else None
    return spans


def in_quoted_sentence(event: Event, quote: str, span: tuple[int, int] | None) -> bool:
    """The event was coded from the sentence that holds (overlaps) the quote."""
    if span is None or event.sentence_end <= event.sentence_start:
        return quote in event.sentence
    return event.sentence_start < span[1] and span[0] < event.sentence_end


def _coded_as_not_happening(event: Event, entry: ExpectedEvent) -> bool:
    """A forbidden entry (it did not happen) that the engine coded as negated, hypothetical or future,
    whatever the code: CAMEO codes an unrealised meeting as the intent to meet (036)."""
    return (
        event.modality != "actual"
        and entry.quote in event.sentence
        and metrics.dyad_matches(event, entry.sources, entry.targets, entry.reciprocal or event.reciprocal)
    )


def _entry_outcome(entry: ExpectedEvent, matched: bool) -> str:
    if entry.status == "forbidden":
        return "coded as actual" if matched else "not coded as actual"
    return "found" if matched else "missed"


def _expected(entry: ExpectedEvent) -> str:
    sources = "|".join(entry.sources) if entry.sources else "any"
    targets = "|".join(entry.targets) if entry.targets else "any"
    arrow = "↔" if entry.reciprocal else "→"
    modality = f" [{entry.modality}]" if entry.modality else ""
    return f"{entry.id} ({entry.status}): {sources} {arrow} {targets} {'/'.join(entry.cameo)}{modality}"


def _got(events: Sequence[Event]) -> str:
    return "; ".join(describe(event) for event in events) or "no event"


def _sentence_around(text: str, quote: str) -> str:
    start = text.find(quote)
    if start < 0:
        return quote
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", start + len(quote)), text.find("\n", start)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 : right].strip()


# --- PLOVER records --------------------------------------------------------------------------------


# --- corpora of document annotations ----------------------------------------------------------------


def score_corpus(path: str, documents: Sequence[tuple[AnnotatedDocument, Sequence[Event]]]) -> GoldResult:
    """One split of an annotated corpus, as a whole.

    Required recall, precision and forbidden-as-actual pool the per-document counts of
    `score_document`. Actor and code accuracy are measured where the engine coded something in the
    sentence of a required entry: of those entries, the share whose best event there (the one agreeing on
    most of source, target and root) has the right source country, target country and CAMEO root. The
    document-level PLOVER labels are the types of a document's required actual entries against the
    types of the engine's actual events, scored per type over documents and macro-averaged over the
    types seen in either.
    """
    totals = {"required": 0, "required_found": 0, "forbidden": 0, "forbidden_as_actual": 0}
    scored = correct = 0
    located = {"source": [], "target": [], "root": []}
    labels: list[tuple[set[str], set[str]]] = []
    errors: list[ErrorCase] = []
    for gold, events in documents:
        result = score_document(gold.document.id, gold, events)
        for name in totals:
            totals[name] += result.figures[name]
        scored += result.figures["emitted_scored"]
        correct += result.figures["emitted_correct"]
        errors.extend(result.errors)
        spans = quote_spans(gold)
        for entry in gold.expected:
            nearby = [e for e in events if in_quoted_sentence(e, entry.quote, spans[entry.id])]
            if entry.status == "required" and nearby:
                best = max(nearby, key=lambda event: _agreement(event, entry))
                source_ok, target_ok, root_ok = _agreement_parts(best, entry)
                located["source"].append(source_ok)
                if entry.targets is not None:
                    located["target"].append(target_ok)
                located["root"].append(root_ok)
        expected_types = {
            entry.plover
            for entry in gold.expected
            if entry.status == "required" and entry.modality == "actual" and entry.plover
        }
        coded_types = {event.plover.type for event in events if event.modality == "actual" and event.plover.type}
        labels.append((expected_types, coded_types))

    per_type = _document_label_scores(labels)
    recall = metrics.ratio(totals["required_found"], totals["required"])
    precision = metrics.ratio(correct, scored)
    figures: dict[str, Figure] = {
        "documents": len(documents),
        **totals,
        "required_recall": recall,
        "emitted_scored": scored,
        "emitted_correct": correct,
        "precision": precision,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "located": len(located["root"]),
        "source_country_accuracy": metrics.accuracy(located["source"]),
        "target_country_accuracy": metrics.accuracy(located["target"]),
        "root_accuracy": metrics.accuracy(located["root"]),
        "plover_doc_macro_precision": _mean([score.precision for score in per_type.values()]),
        "plover_doc_macro_recall": _mean([score.recall for score in per_type.values()]),
        "plover_doc_macro_f1": _mean([score.f1 for score in per_type.values()]),
    }
    table = Table(
        "Document-level PLOVER types",
        ["type", "documents", "precision", "recall", "F1"],
        [[name, s.support, s.precision, s.recall, s.f1] for name, s in sorted(per_type.items())],
    )
    return GoldResult(path, "corpus", len(documents), figures, [table], errors)


def _agreement_parts(event: Event, entry: ExpectedEvent) -> tuple[bool, bool, bool]:
    source_ok = entry.sources is None or metrics.actor_in_countries(event.source, entry.sources)
    target_ok = entry.targets is None or metrics.actor_in_countries(event.target, entry.targets)
    if entry.reciprocal and not (source_ok and target_ok):
        swapped = metrics.dyad_matches(event, entry.targets, entry.sources)
        source_ok = target_ok = swapped
    root_ok = any(code[:2] == event.cameo.root for code in entry.cameo)
    return source_ok, target_ok, root_ok


def _agreement(event: Event, entry: ExpectedEvent) -> tuple[int, float]:
    return sum(_agreement_parts(event, entry)), event.confidence


def _document_label_scores(labels: Sequence[tuple[set[str], set[str]]]) -> dict[str, metrics.PRF]:
    types = sorted({label for expected, coded in labels for label in expected | coded})
    return {
        label: metrics.PRF(
            sum(label in expected and label in coded for expected, coded in labels),
            sum(label not in expected and label in coded for expected, coded in labels),
            sum(label in expected and label not in coded for expected, coded in labels),
        )
        for label in types
    }


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def score_plover(path: str, records: Sequence[PloverRecord], predicted: Sequence[Event | None]) -> GoldResult:
    """Event type, source/target country and primary sector of each record's main event."""
    _check_aligned(records, predicted)
    type_ok, source_ok, target_ok, source_sector_ok, target_sector_ok, errors = [], [], [], [], [], []
    for record, event in zip(records, predicted):
        type_right = event is not None and event.plover.type == record.event_type
        type_ok.append(type_right)
        source_right = _side_correct(
            record.sources, event.source if event else None, source_ok, source_sector_ok
        )
        target_right = _side_correct(
            record.targets, event.target if event else None, target_ok, target_sector_ok
        )
        if not (type_right and source_right and target_right):
            kind = "miss" if event is None else "false alarm"
            expected = f"{record.event_type}: {_gold_side(record.sources)} → {_gold_side(record.targets)}"
            errors.append(
                ErrorCase(kind, record.text, expected, describe(event), event.confidence if event else 1)
            )

    gold_types = [record.event_type for record in records]
    predicted_types = [event.plover.type if event else None for event in predicted]
    figures: dict[str, Figure] = {
        "coverage": metrics.accuracy(event is not None for event in predicted),
        "type_accuracy": metrics.accuracy(type_ok),
        "type_macro_f1": metrics.macro_f1(gold_types, predicted_types),
        "source_country_accuracy": metrics.accuracy(source_ok),
        "target_country_accuracy": metrics.accuracy(target_ok),
        "source_sector_accuracy": metrics.accuracy(source_sector_ok),
        "target_sector_accuracy": metrics.accuracy(target_sector_ok),
        "sector_accuracy": metrics.accuracy(source_sector_ok + target_sector_ok),
        "scored_source_countries": len(source_ok),
        "scored_target_countries": len(target_ok),
        "scored_sectors": len(source_sector_ok) + len(target_sector_ok),
    }
    tables = [_per_class_table("PLOVER event type", gold_types, predicted_types)]
    return GoldResult(path, "plover", len(records), figures, tables, errors)


def _side_correct(gold: list[GoldActor], actor: Actor | None, countries: list, sectors: list) -> bool:
    """Score one side (source or target) of a record; sides the gold leaves empty are not scored."""
    right = True
    gold_countries = [a.country for a in gold if a.country]
    if gold_countries:
        countries.append(metrics.actor_in_countries(actor, gold_countries))
        right = countries[-1]
    gold_sectors = [a.sector for a in gold if a.sector]
    if gold_sectors:
        sectors.append(metrics.primary_sector(actor) in gold_sectors)
    return right


def _gold_side(actors: list[GoldActor]) -> str:
    if not actors:
        return "-"
    return "|".join(f"{a.country or '?'}{'/' + a.sector if a.sector else ''}" for a in actors)


# --- CAMEO examples --------------------------------------------------------------------------------


def score_cameo(path: str, examples: Sequence[CameoExample], predicted: Sequence[Event | None]) -> GoldResult:
    """Root and full-code accuracy of each example's main event, with a per-root breakdown."""
    _check_aligned(examples, predicted)
    root_ok, code_ok, errors = [], [], []
    by_root: dict[str, list[int]] = {}
    for example, event in zip(examples, predicted):
        root_right = event is not None and event.cameo.root == example.code[:2]
        code_right = event is not None and event.cameo.code == example.code
        root_ok.append(root_right)
        code_ok.append(code_right)
        counts = by_root.setdefault(example.code[:2], [0, 0, 0])
        counts[0] += 1
        counts[1] += root_right
        counts[2] += code_right
        if not root_right:
            kind = "miss" if event is None else "false alarm"
            errors.append(
                ErrorCase(kind, example.text, example.code, describe(event), event.confidence if event else 1)
            )
    figures: dict[str, Figure] = {
        "coverage": metrics.accuracy(event is not None for event in predicted),
        "root_accuracy": metrics.accuracy(root_ok),
        "code_accuracy": metrics.accuracy(code_ok),
    }
    rows = [
        [root, n, metrics.ratio(roots, n), metrics.ratio(codes, n)]
        for root, (n, roots, codes) in sorted(by_root.items())
    ]
    table = Table("CAMEO root", ["root", "examples", "root accuracy", "code accuracy"], rows)
    return GoldResult(path, "cameo", len(examples), figures, [table], errors)


# --- five-class sentences --------------------------------------------------------------------------


def score_pentaclass(
    path: str, sentences: Sequence[PentaclassSentence], predicted: Sequence[Event | None]
) -> GoldResult:
    """Macro-F1 of the five-class label of each sentence's main event, and the confusion matrix."""
    _check_aligned(sentences, predicted)
    gold = [metrics.PENTACLASS_NAMES[sentence.label] for sentence in sentences]
    got = [
        metrics.PENTACLASS_NAMES[metrics.pentaclass_of_root(e.cameo.root)] if e else None for e in predicted
    ]
    errors = [
        ErrorCase(
            "miss" if event is None else "false alarm",
            sentence.text,
            expected,
            describe(event),
            event.confidence if event else 1,
        )
        for sentence, event, expected, label in zip(sentences, predicted, gold, got)
        if label != expected
    ]
    figures: dict[str, Figure] = {
        "coverage": metrics.accuracy(event is not None for event in predicted),
        "accuracy": metrics.accuracy(a == b for a, b in zip(gold, got)),
        "macro_f1": metrics.macro_f1(gold, got),
    }
    confusion = metrics.confusion_matrix(gold, got)
    columns = [*metrics.PENTACLASS_NAMES, None]
    matrix = Table(
        "Confusion (rows gold, columns coded)",
        ["gold \\ coded", *[name or "no event" for name in columns]],
        [[name, *[confusion[(name, column)] for column in columns]] for name in metrics.PENTACLASS_NAMES],
    )
    tables = [_per_class_table("Five-class label", gold, got, order=metrics.PENTACLASS_NAMES), matrix]
    return GoldResult(path, "pentaclass", len(sentences), figures, tables, errors)


# --- actor phrases ---------------------------------------------------------------------------------


def score_actor_phrases(
    path: str, phrases: Sequence[ActorPhrase], resolved: Sequence[Actor | None]
) -> GoldResult:
    """Country and primary-sector accuracy of resolved phrases (sector right when the actor's first sector
    is an accepted one; an expected "" country or sector means the actor has none); phrases the gold
    expects to resolve to nothing are scored apart."""
    _check_aligned(phrases, resolved)
    country_ok, sector_ok, nothing_ok, errors = [], [], [], []
    by_sector: dict[str, list[int]] = {}
    for phrase, actor in zip(phrases, resolved):
        right = True
        if phrase.country is not None:
            country_ok.append(metrics.country_agrees(actor, phrase.country))
            right = country_ok[-1]
        if phrase.sectors is not None:
            sector_ok.append(metrics.sector_agrees(actor, phrase.sectors))
            right = right and sector_ok[-1]
            counts = by_sector.setdefault("|".join(sector or "(none)" for sector in phrase.sectors), [0, 0])
            counts[0] += 1
            counts[1] += sector_ok[-1]
        if phrase.no_actor:
            nothing_ok.append(actor is None or not (actor.country or actor.code or actor.sectors))
            right = right and nothing_ok[-1]
        if not right:
            expected = (
                "nothing"
                if phrase.no_actor
                else f"{phrase.country or '?'} / {'|'.join(phrase.sectors or '?')}"
            )
            got = (
                f"{actor.country or '?'} / {'|'.join(actor.sectors) or '?'} ({actor.code})"
                if actor
                else "nothing"
            )
            errors.append(
                ErrorCase("miss" if actor is None else "false alarm", phrase.text, expected, got, 1.0)
            )
    figures: dict[str, Figure] = {
        "country_accuracy": metrics.accuracy(country_ok),
        "sector_accuracy": metrics.accuracy(sector_ok),
        "no_actor_accuracy": metrics.accuracy(nothing_ok),
        "scored_countries": len(country_ok),
        "scored_sectors": len(sector_ok),
        "scored_no_actor": len(nothing_ok),
    }
    rows = [[sector, n, metrics.ratio(right, n)] for sector, (n, right) in sorted(by_sector.items())]
    table = Table("Expected sector", ["sector", "phrases", "accuracy"], rows)
    return GoldResult(path, "actor_phrases", len(phrases), figures, [table], errors)


# --- shared ----------------------------------------------------------------------------------------


def _per_class_table(
    title: str, gold: Sequence[str], predicted: Sequence[str | None], order: Sequence[str] | None = None
) -> Table:
    scores = metrics.per_class(gold, predicted)
    labels = list(order) if order else sorted(scores)
    rows = [
        [label, scores[label].support, scores[label].precision, scores[label].recall, scores[label].f1]
        for label in labels
        if label in scores
    ]
    return Table(title, ["class", "gold", "precision", "recall", "F1"], rows)


def _check_aligned(gold: Sequence, predicted: Sequence) -> None:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold items but {len(predicted)} predictions")


def _country(actor: Actor) -> str:
    return actor.country or actor.code or actor.text or "?"
