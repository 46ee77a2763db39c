"""`dyads_decisions`: the learned models decide which proposals are events, between whom, and how sure
(see the package docstring). Runs after the rule components and before factuality.

Two modes. `calibrate` (the default) keeps the rules' choice of events and codes: the models only give a
target to a rule event whose parse found none (`complete_targets`), and `dyads_confidence`, after
factuality, sets each rule event's `confidence` to the calibrated probability that it is correct (a
strictly increasing map, so the rules' order of events is kept): the project's sentence-level gold sets
and its tests of the rules stay as they were, and `--min-confidence` trades recall for precision. `decide`
lets the models overrule the rules: each proposal is read with the parse's arguments or, where the parse
found none, the argument model's likeliest; the event model keeps a rule event whose best reading is at
least `keep` likely to be correct (with the lexicon's code) and makes an event of another word whose best
reading is at least `add` likely (`rule` = `model:decisions`). `dyads eval --decisions decide` measures it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from dyads.actors.lexicon import country_names
from dyads.data import read_lemmas
from dyads.events.arguments import ArgumentFinder
from dyads.events.candidate import EventCandidate
from dyads.events.inferred_actors import placed_mark
from dyads.events.ontology import lookup
from dyads.events.press import press_channel
from dyads.events.record import build_event
from dyads.events.travel import makes_no_visit
from dyads.learn.arguments import readings
from dyads.learn.features import features
from dyads.learn.model import (
    NAMED,
    NONE,
    SETTING,
    DecisionModel,
    best_readings,
    best_roots,
    classified,
    decision_model,
    setting_target,
    source_kind,
    targeted,
)
from dyads.learn.proposals import Proposal, proposals
from dyads.model import Actor, Event, event_id

RULE = "model:decisions"
ARGUMENTS_RULE = "model:arguments"
SETTING_RULE = "target:setting"
PARTNER_RULE = "target:partner"
# CAMEO roots of dealings with another party: to appeal or request (02), cooperate (03), consult (04), cut
# relations (16). "Iran agreed to suspend enrichment" in a report of its talks with the IAEA is a dealing
# with the IAEA; "Kenya filed several requests" in a report of its case at the World Court asks the court
DEALING_ROOTS = frozenset({"02", "03", "04", "16"})
# an intent to reform the state's own politics (034: its leadership, policy, rights or institutions) is
# addressed to its own country, whoever it deals with: "Shevardnadze agreed to step down"
REFORM_AT_HOME = "034"
# a source that speaks for its state: the country itself, its government or its diplomats
STATE_SECTORS = frozenset({"GOV"})
DROPPED = "model: no event"
VISIT_AT_HOME = "journey at home: no visit"


@dataclass(frozen=True)
class Decision:
    code: str | None  # the CAMEO code the event gets; None: no event
    confidence: float  # calibrated: the probability that the event is correct


def judged(model: DecisionModel, found: list[Proposal], finder: ArgumentFinder):
    """The event model's probability of each reading (`best_roots`) and the code it gives."""
    rows = [features(p, finder.mention_at, model.groups) for p in found]
    return best_roots(model.events, rows, [p.lexicon_code for p in found])


def decide(model: DecisionModel, found: list[Proposal], finder: ArgumentFinder, keep: float,
           add: float) -> list[tuple[Proposal, Decision]]:
    """Each proposal's answer: its likeliest reading with that reading's code, kept when the calibrated
    probability that the event is correct reaches `keep` for a rule event, `add` for any other proposal."""
    if not found:
        return []
    probability, codes = judged(model, found, finder)
    confidence = model.calibrated(probability)
    decided = []
    for i in best_readings(confidence, [p.key for p in found]):
        least = keep if found[i].candidate is not None else add
        decided.append((found[i], Decision(codes[i] if confidence[i] >= least else None, float(confidence[i]))))
    return decided


class Decisions:
    """The `dyads_decisions` component: in `decide` mode, proposals → readings → event model; in
    `calibrate` mode, only the targets the parse left open (`complete_targets`)."""

    def __init__(self, model: DecisionModel, mode: str, keep: float, add: float):
        self.model = model
        self.deciding = mode == "decide"
        self.keep, self.add = keep, add

    def __call__(self, doc: Doc) -> Doc:
        finder = ArgumentFinder(doc)
        if self.deciding:
            apply(doc, decide(self.model, readings(self.model.arguments, proposals(doc, finder), finder), finder,
                              self.keep, self.add))
        else:
            self.complete_targets(finder)
        setting_targets(doc._.events or [], finder)
        drop_visits_at_home(doc._.events or [])
        return doc

    def complete_targets(self, finder: ArgumentFinder) -> None:
        """`calibrate` mode: a rule event whose parse found no target takes the sentence's mention that makes
        its likeliest reading, where that reading has a target other than the source's own state
        (`_with_itself`) and the press that tells of it (`press_channel`); its code and confidence stay the
        rule's."""
        found = readings(self.model.arguments, [p for p in proposals(finder.doc, finder, other_words=False)
                                                 if p.parse_target is None], finder)
        found = [p for p in found if p.target is None or not press_channel(p.target, finder.doc)]
        if not found:
            return
        probability, _ = judged(self.model, found, finder)
        for i in best_readings(probability, [p.key for p in found]):
            reading = found[i]
            if reading.target is not None and not _with_itself(reading):
                event = reading.candidate.event
                reading.candidate.event = rebuilt(reading, Decision(event.cameo.code, event.confidence))
                reading.candidate.target_mention = reading.target


def drop_visits_at_home(candidates: list[EventCandidate]) -> None:
    """A visit whose target the models filled in (the report's setting, a mention the argument model chose)
    may turn out to be a journey in the traveller's own country or a private one, which meets no one: "the
    prime minister travelled to a party stronghold" in a report from Thailand (`makes_no_visit`)."""
    for candidate in candidates:
        if candidate.dropped is None and makes_no_visit(candidate.event):
            candidate.dropped = VISIT_AT_HOME


def _with_itself(reading: Proposal) -> bool:
    """A state's dealing read as with its own state ("Islamabad is negotiating" read with the finance
    minister who tells of it): a state deals with another party, so the reading names none."""
    event, target = reading.candidate.event, reading.target.actor
    return target.country is not None and _state_dealing(event, target.country) and _speaks_for_its_state(target)


def setting_targets(candidates: list[EventCandidate], finder: ArgumentFinder) -> None:
    """An event still without a target concerns the country the report is set in: annotators name it
    ("the rebels declared a nationwide strike" in a report from Nepal: Nepal). A report that names no
    country most, and a one-sentence text, have no setting. A dealing (`DEALING_ROOTS`) of the setting
    country's state is not with itself but with its partner in the report (`partner`), unless its clause
    sets it at home (`_at_home`)."""
    for candidate in candidates:
        event = candidate.event
        if candidate.dropped is None and event.target is None:
            country = finder.setting_country(candidate.sent)
            if country is None:
                continue
            dealing_abroad = _state_dealing(event, country) and not _at_home(candidate, country)
            other = partner(candidates, country) if dealing_abroad else None
            if other is not None:
                event.target = other
                event.rule += f" | {PARTNER_RULE}"
            else:
                event.target = setting_target(country)
                event.rule += f" | {SETTING_RULE}"


def _state_dealing(event: Event, country: str) -> bool:
    source = event.source
    return (event.cameo.root in DEALING_ROOTS and source is not None and source.country == country
            and _speaks_for_its_state(source))


def domestic_scope() -> frozenset[str]:
    return read_lemmas("events/domestic_scope.tsv")


def _at_home(candidate: EventCandidate, country: str) -> bool:
    """The dealing is at home: a reform (`REFORM_AT_HOME`), or a clause of the trigger's with a word of
    domestic_scope.tsv ("called for nationwide demonstrations") or the country's name as a place ("called
    for changes in Argentina"; not "its" nor "Iraqis", which stand for the state or its people, nor a city,
    where talks with a partner may be held: "agreed to host the next round in Caracas")."""
    if candidate.event.cameo.code.startswith(REFORM_AT_HOME):
        return True
    clause = list(candidate.trigger.subtree)
    source = candidate.source_mention
    places = [place for place in candidate.sent.ents if place.root in clause
              and (source is None or not source.start <= place.start < source.end)]
    return (any(token.pos_ != "PROPN" and token.lemma_.lower() in domestic_scope() for token in clause)
            or any(_names_country(place, country) for place in places))


def _names_country(place: Span, country: str) -> bool:
    return place.label_ == "GPE" and country_names().get(place.text.lower()) == country


def _speaks_for_its_state(actor: Actor) -> bool:
    """The bare country or its government (`STATE_SECTORS`)."""
    return all(sector in STATE_SECTORS for sector in actor.sectors)


def partner(candidates: list[EventCandidate], country: str) -> Actor | None:
    """The party the report shows `country` dealing with most: the other side of its events whose
    sentences name both (a country, or a body such as the IAEA); None when it deals with no one."""
    counts: Counter[str] = Counter()
    actors: dict[str, Actor] = {}
    for candidate in candidates:
        event = candidate.event
        if candidate.dropped is not None or event.target is None or SETTING_RULE in event.rule:
            continue
        for own, other in ((event.source, event.target), (event.target, event.source)):
            key = other.country or other.code if other is not None else None
            if own is not None and own.country == country and key and key != country:
                counts[key] += 1
                actors.setdefault(key, setting_target(other.country) if other.country
                                  else Actor(other.name or other.text, code=other.code))
    return actors[counts.most_common(1)[0][0]] if counts else None


def target_kind(event: Event) -> str:
    if SETTING_RULE in event.rule or PARTNER_RULE in event.rule:
        return SETTING
    return NAMED if targeted(event.target) else NONE


@Language.factory("dyads_confidence", default_config={"mode": "calibrate"})
def make_confidence(nlp: Language, name: str, mode: str):
    """In `calibrate` mode, after factuality has weighed the rule events: each one's confidence becomes the
    probability that such an event is correct (in `decide` mode the event model has set it already)."""
    model = decision_model()

    def calibrate(doc: Doc) -> Doc:
        if mode == "calibrate":
            for candidate in doc._.events or []:
                candidate.event.confidence = calibrated_confidence(model, candidate)
        return doc

    return calibrate


def calibrated_confidence(model: DecisionModel, candidate: EventCandidate) -> float:
    """The probability that a rule event is correct. A source no lexicon codes ("Ochieng warns", "other
    Western nations called for") is no party an annotator or a dyad count can use: none of the 21 such
    events on VOA train and dev was right, whatever its rule's confidence, so it is 0 (kept by
    `--min-confidence 0`, left out by the default threshold)."""
    event = candidate.event
    if event.source is None or event.source.code is None:
        return 0.0
    probability = model.rule_confidence(event.confidence, target_kind(event), event.modality,
                                        source_kind(candidate.source_mention), classified(event))
    return round(float(probability), 3)


def apply(doc: Doc, decided: list[tuple[Proposal, Decision]]) -> None:
    """Rule events the model rejects are dropped, the others take its code and confidence; the other
    proposals it accepts become events."""
    candidates: list[EventCandidate] = doc._.events if doc._.events is not None else []
    for proposal, decision in decided:
        candidate = proposal.candidate
        if candidate is not None:
            if decision.code is None:
                candidate.dropped = DROPPED
                continue
            if proposal.rechosen:
                candidate.event = rebuilt(proposal, decision)
                candidate.source_mention, candidate.target_mention = proposal.source, proposal.target
                continue
            event = candidate.event
            if decision.code != event.cameo.code:
                code = lookup(decision.code)
                event.cameo, event.plover = code.cameo(), code.plover()
                event.rule += f" | {RULE}"
            event.confidence = round(decision.confidence, 3)
            event.id = event_id(event)
        elif decision.code is not None:
            candidates.append(new_event(proposal, decision))
    doc._.events = candidates


def rebuilt(proposal: Proposal, decision: Decision) -> Event:
    """A rule event between the mentions the argument model chose instead of the parse's."""
    target = (proposal.target, 0) if proposal.target is not None else None
    return build_event(proposal.sent_index, proposal.sent, proposal.candidate.tokens, decision.code,
                       (proposal.source, 0), target, decision.confidence,
                       f"{proposal.candidate.event.rule} | {ARGUMENTS_RULE}")


def new_event(proposal: Proposal, decision: Decision) -> EventCandidate:
    target = (proposal.target, 0) if proposal.target is not None else None
    event = build_event(proposal.sent_index, proposal.sent, [proposal.trigger], decision.code, (proposal.source, 0),
                        target, decision.confidence, RULE + placed_mark(*proposal.mentions))
    event.reciprocal = proposal.reciprocal
    return EventCandidate(event=event, trigger=proposal.trigger, sent=proposal.sent, source_mention=proposal.source,
                          target_mention=proposal.target, tokens=[proposal.trigger])


# mode: "calibrate" or "decide" (see above); in "decide", the least calibrated confidence of a rule event
# kept (`keep`) and of an event the rules did not make (`add`), chosen on the dev split
@Language.factory("dyads_decisions", default_config={"mode": "calibrate", "keep": 0.1, "add": 0.3})
def make_decisions(nlp: Language, name: str, mode: str, keep: float, add: float) -> Decisions:
    return Decisions(decision_model(), mode, keep, add)
