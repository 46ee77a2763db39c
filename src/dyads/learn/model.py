"""The shipped models, as plain arrays (`numpy.savez`, read without pickle) applied with numpy alone: two
logistic regressions over named features (the event model: "no event" or a CAMEO root; the argument
model: is this mention the source, or the target, of this trigger) and an isotonic calibration map."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from dyads.actors.lexicon import common_country_names
from dyads.actors.mention import Mention
from dyads.data import data_path
from dyads.events.classifier import RULE as CLASSIFIER_RULE
from dyads.events.inferred_actors import UNRESOLVED
from dyads.model import Actor, Event

MODEL_DIR = data_path("models/event_decisions")
WEIGHTS = "model.npz"
TRAINING_META = "training.json"  # written beside the weights by scripts/train_models.py
NO_EVENT = "---"
IS_ARGUMENT = "yes"
NAMED, SETTING, NONE = "named", "setting", "none"  # where an event's target comes from, for its calibration
PRONOUN = "pronoun"  # the kind of a pronoun's mention (actors/coref)


@dataclass
class LinearModel:
    """A multinomial (or, with two classes, binary) logistic regression over binary named features."""

    vocabulary: dict[str, int]  # feature name → row of coef
    coef: np.ndarray  # (features, classes); one column for a binary model (the second class's score)
    intercept: np.ndarray
    classes: list[str]

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """Class probabilities of each row of feature names: one vectorised pass for a whole batch."""
        scores = np.tile(self.intercept, (len(rows), 1))
        # in the row's own order, not a set's: a set's order changes with the hash seed, and with it the sum's
        # last bit, which decided ties between equally scored mentions differently from run to run
        columns = [[self.vocabulary[f] for f in dict.fromkeys(row) if f in self.vocabulary] for row in rows]
        lengths = np.array([len(c) for c in columns], dtype=np.int64)
        if lengths.sum():
            flat = np.concatenate([np.asarray(c, dtype=np.int64) for c in columns])
            np.add.at(scores, np.repeat(np.arange(len(rows)), lengths), self.coef[flat])
        if scores.shape[1] == 1:  # binary: the score is the log-odds of classes[1]
            scores = np.hstack([np.zeros_like(scores), scores])
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {f"{prefix}_features": np.array(names), f"{prefix}_coef": self.coef.astype(np.float32),
                f"{prefix}_intercept": self.intercept, f"{prefix}_classes": np.array(self.classes)}

    @classmethod
    def from_arrays(cls, arrays, prefix: str) -> LinearModel:
        return cls({str(name): i for i, name in enumerate(arrays[f"{prefix}_features"])},
                   arrays[f"{prefix}_coef"].astype(np.float64), arrays[f"{prefix}_intercept"],
                   [str(c) for c in arrays[f"{prefix}_classes"]])


def generic_code(root: str) -> str:
    """The root's own three-digit code ("19" → "190"), for a root the lexicon did not propose."""
    return root + "0"


def best_roots(events: LinearModel, rows: list[list[str]], lexicon_codes: list[str | None]):
    """Per row, a code and how probable the model finds it: where the lexicon proposed a code, that code
    with the probability of any event (the lexicon's code book knows more codes than the training stories
    teach: measured, letting the model recode cost more than it gained); elsewhere the model's most
    probable CAMEO root, as the root's generic code."""
    probabilities = events.probabilities(rows)
    no_event = events.classes.index(NO_EVENT)
    any_event = 1.0 - probabilities[:, no_event]
    probabilities[:, no_event] = -1.0
    best = probabilities.argmax(axis=1)
    codes = [lexicon if lexicon is not None else generic_code(events.classes[b]) for b, lexicon in zip(best, lexicon_codes)]
    chosen = np.array([any_event[i] if lexicon is not None else probabilities[i, best[i]]
                       for i, lexicon in enumerate(lexicon_codes)])
    return chosen, codes


def best_readings(confidence: np.ndarray, keys: list) -> list[int]:
    """The index of the most confident reading of each proposal (readings of one share a key), in order."""
    best: dict = {}
    for i, key in enumerate(keys):
        if key not in best or confidence[i] > confidence[best[key]]:
            best[key] = i
    return sorted(best.values())


def targeted(target: Actor | None) -> bool:
    """The event names whom it was done to: an actor with a country or a code."""
    return target is not None and bool(target.country or target.code)


def rule_features(confidence: float, target: str, modality: str, source: str, classified: bool) -> list[float]:
    """What the rules' calibration weighs: the confidence, a missing or setting target, a future or an
    unrealised (hypothetical, negated) act, a source that only a pronoun names ("he said") or that is a
    name no lexicon holds (no country: never the party an annotator codes), and an event the fallback
    classifier made where the lexicon was silent (events/classifier.py)."""
    return [confidence, float(target == NONE), float(target == SETTING), float(modality == "future"),
            float(modality in ("hypothetical", "negated")), float(source == PRONOUN), float(source == UNRESOLVED),
            float(classified)]


def classified(event: Event) -> bool:
    """Whether the fallback event classifier, not a lexicon row, made the event."""
    return event.rule.startswith(CLASSIFIER_RULE)


def source_kind(mention: Mention | None) -> str:
    """How the source is named, as the rules' calibration tells sources apart: PRONOUN, UNRESOLVED or NAMED."""
    if mention is not None and mention.kind in (PRONOUN, UNRESOLVED):
        return mention.kind
    return NAMED


def setting_target(country: str) -> Actor:
    """The country a report is set in, as the target of an event whose sentence names none."""
    return Actor(common_country_names().get(country, country), code=country, country=country)


@dataclass
class DecisionModel:
    events: LinearModel  # classes: NO_EVENT and two-digit CAMEO roots
    arguments: LinearModel  # classes: "no", IS_ARGUMENT
    groups: tuple[str, ...]  # the event features it reads (dyads.learn.features.FEATURE_GROUPS)
    calibration_x: np.ndarray  # the event model's probability of its answer ...
    calibration_y: np.ndarray  # ... and the share of such answers that were correct (isotonic, increasing)
    # (slope, intercept, then the `rule_features` after the first): a rule's confidence → probability correct
    rule_calibration: np.ndarray

    def rule_confidence(self, confidence: np.ndarray, target: str = NAMED, modality: str = "actual",
                        source: str = NAMED, by_classifier: bool = False) -> np.ndarray:
        """The probability that a rule event given `confidence` by its lexicon row, parse and factuality is
        correct (Platt scaling: strictly increasing in `confidence`, so the rules' order of events is kept
        among events alike in the other `rule_features`). The target is NAMED in its sentence, the
        report's SETTING country, or NONE (rarely right: annotators name whom it was done to); an event
        that did not happen is rarely what an annotator codes either. `source`: `source_kind` of its source;
        `by_classifier`: the fallback classifier made it (`classified`)."""
        slope, intercept, *shifts = self.rule_calibration
        shift = float(np.dot(shifts, rule_features(0.0, target, modality, source, by_classifier)[1:]))
        return 1.0 / (1.0 + np.exp(-(slope * confidence + intercept + shift)))

    def calibrated(self, probability: np.ndarray) -> np.ndarray:
        """The probability that an answer given with `probability` is a correct event."""
        return np.interp(probability, self.calibration_x, self.calibration_y)

    def save(self, folder: Path, meta: dict) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(folder / WEIGHTS, **self.events.arrays("events"), **self.arguments.arrays("arguments"),
                            groups=np.array(self.groups), calibration_x=self.calibration_x,
                            calibration_y=self.calibration_y, rule_calibration=self.rule_calibration)
        (folder / TRAINING_META).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path = MODEL_DIR) -> DecisionModel:
        with np.load(folder / WEIGHTS, allow_pickle=False) as arrays:
            return cls(
                events=LinearModel.from_arrays(arrays, "events"),
                arguments=LinearModel.from_arrays(arrays, "arguments"),
                groups=tuple(str(g) for g in arrays["groups"]),
                calibration_x=arrays["calibration_x"],
                calibration_y=arrays["calibration_y"],
                rule_calibration=arrays["rule_calibration"],
            )


@lru_cache(maxsize=1)
def decision_model() -> DecisionModel:
    return DecisionModel.load()
