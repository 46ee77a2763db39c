"""Fitting the decision models: examples from annotated documents, two logistic regressions (arguments,
then events) and the event model's calibration from cross-validated predictions. Needs scikit-learn
(`pip install dyads[train]`); coding with the shipped model does not.

The argument model is cross-fitted: the proposals of each fold of documents get their arguments from a
model trained on the other folds, so the event model learns from (and is calibrated on) argument choices
as good as those it will see in new text, not from choices fitted to its own training documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language

from dyads.evaluate.gold import AnnotatedDocument
from dyads.events.arguments import ArgumentFinder
from dyads.events.factuality import assessed
from dyads.events.inferred_actors import located
from dyads.learn.alignment import (
    Alignment,
    align,
    entry_at_trigger,
    is_argument,
    judged_event,
    quoted_entries,
)
from dyads.learn.arguments import ROLES, readings, role_rows, sentence_mentions
from dyads.learn.features import FEATURE_GROUPS
from dyads.learn.model import (
    IS_ARGUMENT,
    NAMED,
    NONE,
    SETTING,
    DecisionModel,
    LinearModel,
    best_readings,
    best_roots,
    classified,
    rule_features,
    setting_target,
    source_kind,
    targeted,
)
from dyads.learn.proposals import Proposal, proposals
from dyads.model import Event

# The components before dyads_decisions: what a proposal is made from.
RULE_STAGES = ["dyads_actors", "dyads_coref", "dyads_events", "dyads_event_classifier"]
# What the training examples are made from, under src/dyads: the rule engine's code and data, the earlier
# classifier and the learning code. A change to any of them needs a retrain.
PACKAGE = Path(__file__).resolve().parents[1]
ENGINE_SOURCES = ("nlp.py", "actors", "events", "learn", "data/actors", "data/events", "data/models/event_classifier")


@dataclass(frozen=True)
class Settings:
    regularization: float = 0.3  # scikit-learn's C for the event model: smaller is a simpler model
    argument_regularization: float = 0.3
    folds: int = 5  # cross-validation folds (by document) for argument choice and calibration
    groups: tuple[str, ...] = tuple(FEATURE_GROUPS)


@dataclass
class Example:
    """A proposal as the event model sees it, with its label and what it would have to be to be correct."""

    doc_id: str
    key: tuple[str, int, int]  # the document and the proposal's trigger: the readings of one share it
    features: dict[str, list[str]]  # by feature group
    alignment: Alignment
    lexicon_code: str | None
    entries: list[str]  # ids of the required entries it shares sentence and dyad with
    rule_confidence: float | None  # a rule event's confidence after factuality; None for the other proposals
    target: str  # NAMED in its sentence, else the report's SETTING country, else NONE
    modality: str  # a rule event's, as factuality decides it
    source: str  # how its source is named (`source_kind`): a pronoun's antecedent, a name no lexicon holds
    by_classifier: bool  # a rule event the fallback classifier made
    rule_correct: bool | None  # whether the rule event with that target and modality is correct; None: not
    # a rule event, or neither right nor wrong (coded as not having happened, as annotated)

    def row(self, groups: Sequence[str]) -> list[str]:
        return [feature for group in groups for feature in self.features[group]]


@dataclass
class Parsed:
    """A parsed annotated document and its proposals (arguments as the parse chose them, until `readings`)."""

    gold: AnnotatedDocument
    finder: ArgumentFinder
    proposals: list[Proposal]
    assessed: dict[int, Event]  # id of each rule candidate → its event as factuality leaves it


def parse(nlp: Language, documents: Iterable[AnnotatedDocument]) -> list[Parsed]:
    golds = list(documents)

    def docs():
        for gold in golds:
            doc = nlp.make_doc(gold.document.text)
            doc._.document = gold.document
            yield doc

    parsed = []
    for gold, doc in zip(golds, nlp.pipe(docs(), batch_size=16)):
        finder = ArgumentFinder(doc)
        candidates = doc._.events or []
        parsed.append(Parsed(gold, finder, proposals(doc, finder),
                             {id(c): event for c, event in zip(candidates, assessed(doc, candidates))}))
    return parsed


def argument_examples(parsed: Parsed) -> tuple[list[list[str]], list[str]]:
    """(role, mention) rows of the proposals whose trigger lies in a required entry's quote, labelled
    IS_ARGUMENT or "no" from the entry's countries."""
    entries = quoted_entries(parsed.gold)
    rows, labels = [], []
    for proposal in parsed.proposals:
        entry = entry_at_trigger(proposal, entries)
        if entry is None:
            continue
        mentions = sentence_mentions(proposal, parsed.finder)
        role_of_row = [role for role in ROLES for _ in mentions]
        actors = [located(m, proposal.trigger, parsed.finder).actor for m in mentions] * len(ROLES)
        for row, role, actor in zip(role_rows(proposal, mentions), role_of_row, actors):
            label = is_argument(actor, entry, role)
            if label is not None:
                rows.append(row)
                labels.append(IS_ARGUMENT if label else "no")
    return rows, labels


def event_examples(parsed: Parsed) -> list[Example]:
    entries = quoted_entries(parsed.gold)
    examples = []
    for proposal in parsed.proposals:
        alignment = align(proposal, entries)
        features = {name: group(proposal, parsed.finder.mention_at) for name, group in FEATURE_GROUPS.items()}
        doc_id = parsed.gold.document.id
        actor = proposal.actors()[1]
        target = NAMED if targeted(actor) else NONE
        country = parsed.finder.setting_country(proposal.sent) if target == NONE else None
        if country is not None:
            target, actor = SETTING, setting_target(country)
        rule_confidence, modality, rule_correct, by_classifier = None, "actual", None, False
        if proposal.candidate is not None:
            final = parsed.assessed[id(proposal.candidate)]
            rule_confidence, modality, by_classifier = final.confidence, final.modality, classified(final)
            rule_correct = judged_event(proposal, entries, actor, final.cameo.code, modality)
        examples.append(Example(doc_id, (doc_id, *proposal.key), features, alignment, proposal.lexicon_code,
                                [e.id for e in alignment.agreeing if e.status == "required"], rule_confidence,
                                target, modality, source_kind(proposal.source), by_classifier,
                                rule_correct))
    return examples


def fit_linear(rows: list[list[str]], labels: list[str], regularization: float) -> LinearModel:
    from sklearn.linear_model import LogisticRegression

    vocabulary = {f: i for i, f in enumerate(sorted({f for row in rows for f in row}))}
    classifier = LogisticRegression(C=regularization, max_iter=3000)
    classifier.fit(vectorize(rows, vocabulary), labels)
    return LinearModel(vocabulary, classifier.coef_.T.copy(), classifier.intercept_.copy(),
                       [str(c) for c in classifier.classes_])


def vectorize(rows: list[list[str]], vocabulary: dict[str, int]):
    from scipy.sparse import csr_matrix

    indices, indptr = [], [0]
    for row in rows:
        indices.extend(sorted({vocabulary[f] for f in row if f in vocabulary}))
        indptr.append(len(indices))
    return csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocabulary)))


def folds(count: int, size: int) -> list[list[int]]:
    """Document indices in `count` folds, by position (documents come in id order, split by hash)."""
    return [list(range(k, size, count)) for k in range(count)]


@dataclass
class TrainingData:
    examples: list[Example]  # event examples, their arguments chosen by cross-fitted argument models
    arguments: LinearModel  # the argument model fitted on every document


def training_data(parsed: list[Parsed], settings: Settings) -> TrainingData:
    per_document = [argument_examples(p) for p in parsed]
    for held_out in folds(settings.folds, len(parsed)):
        rows = [row for i, (r, _) in enumerate(per_document) if i not in held_out for row in r]
        labels = [label for i, (_, ls) in enumerate(per_document) if i not in held_out for label in ls]
        model = fit_linear(rows, labels, settings.argument_regularization)
        for i in held_out:
            parsed[i].proposals = readings(model, parsed[i].proposals, parsed[i].finder)
    arguments = fit_linear([row for r, _ in per_document for row in r], [label for _, ls in per_document for label in ls],
                           settings.argument_regularization)
    return TrainingData([e for p in parsed for e in event_examples(p)], arguments)


def fit(data: TrainingData, settings: Settings) -> DecisionModel:
    """The event model on every labelled example; its calibration from the predictions of models that did
    not see the document, against whether each answer (the likeliest reading of each proposal) would be a
    correct event; the rules' own calibration from their events' confidence, against whether each rule
    event, its target completed as `calibrate` mode completes it (by those predictions), is correct."""
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression

    examples = data.examples

    def events_model(part: list[Example]) -> LinearModel:
        labelled = [e for e in part if e.alignment.label is not None]
        return fit_linear([e.row(settings.groups) for e in labelled], [e.alignment.label for e in labelled],
                          settings.regularization)

    doc_ids = sorted({e.doc_id for e in examples})
    probabilities, outcomes, rule_outcomes = [], [], []
    for held_out in folds(settings.folds, len(doc_ids)):
        held_ids = {doc_ids[i] for i in held_out}
        model = events_model([e for e in examples if e.doc_id not in held_ids])
        part = [e for e in examples if e.doc_id in held_ids]
        best_probability, codes = best_roots(model, [e.row(settings.groups) for e in part],
                                             [e.lexicon_code for e in part])
        for i in best_readings(best_probability, [e.key for e in part]):
            probabilities.append(best_probability[i])
            outcomes.append(part[i].alignment.correct(codes[i]))
            if part[i].rule_correct is not None:  # the rule event as `calibrate` mode completes its target
                rule_outcomes.append((rule_features(part[i].rule_confidence, part[i].target, part[i].modality,
                                                    part[i].source, part[i].by_classifier),
                                      part[i].rule_correct))
    isotonic = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(probabilities, outcomes)
    platt = LogisticRegression(C=1e6).fit([x for x, _ in rule_outcomes], [ok for _, ok in rule_outcomes])
    return DecisionModel(events_model(examples), data.arguments, settings.groups,
                         np.asarray(isotonic.X_thresholds_, dtype=np.float64),
                         np.asarray(isotonic.y_thresholds_, dtype=np.float64),
                         np.concatenate([platt.coef_[0][:1], platt.intercept_, platt.coef_[0][1:]]))


def fingerprint(corpus: Path, doc_ids: Iterable[str], settings: Settings) -> str:
    """sha256 of what the model is trained from: the training documents and annotations, the split file,
    the rule engine and learning code that turn them into examples, and the settings."""
    digest = hashlib.sha256(repr(settings).encode())
    paths = [corpus / "splits.tsv"]
    paths += [corpus / f"{doc_id}{suffix}" for doc_id in sorted(doc_ids) for suffix in (".txt", ".expected.jsonl")]
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for path in engine_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def engine_files() -> list[Path]:
    """The files of ENGINE_SOURCES, in a fixed order, without Python's caches."""
    files = []
    for name in ENGINE_SOURCES:
        path = PACKAGE / name
        found = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        files += [p for p in found if "__pycache__" not in p.parts]
    return files
