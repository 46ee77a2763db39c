"""What the model sees of a proposal: named binary features, in groups that can be left out one at a time
(`scripts/train_models.py --without GROUP` measures what each is worth on the dev split).

Actor names are never features: actors enter only as their kind, first sector and whether their country is
known, so that the model learns how events are told, not who made the news in the training stories. Words
are not features either: the trigger's and its head's lemma and the lexicon row that matched it would
teach which words and rows were right in the training stories, not how an event is told. Measured (5-fold
cross-validation by document over train, and dev): without them the event model keeps its F1 (0.480 and
0.459 in `decide` mode against 0.482 and 0.461) with 2,500 features instead of 6,000, and `calibrate`
mode's events are the same. A group of the sentence's words (its lemmas without actor mentions, and two
either side of the trigger) was measured and left out too: on dev it cost 0.07 of precision for 0.02 of
recall.
"""

from __future__ import annotations

from collections.abc import Callable

from dyads.actors.mention import Mention
from dyads.events.classifier import RULE as CLASSIFIER_RULE
from dyads.events.factuality import reporting_verbs
from dyads.learn.proposals import Proposal

PATH_STEPS = 3  # dependency labels from the trigger up towards the root
CONFIDENCE_STEP = 0.1
SCORE_BINS = 5  # the argument model's probabilities, in bins


def trigger_features(p: Proposal, mention_at: dict[int, int]) -> list[str]:
    t = p.trigger
    return [f"pos={t.pos_}", f"tag={t.tag_}"]


def syntax_features(p: Proposal, mention_at: dict[int, int]) -> list[str]:
    t = p.trigger
    steps, node = [], t
    while node.head.i != node.i and len(steps) < PATH_STEPS:
        steps.append(node.dep_)
        node = node.head
    depth = 0
    node = t
    while node.head.i != node.i:
        depth += 1
        node = node.head
    return [f"dep={t.dep_}", f"path={'>'.join(steps) or 'ROOT'}", f"depth={min(depth, 4)}",
            f"children={','.join(sorted({c.dep_ for c in t.children}))}"]


def lexicon_features(p: Proposal, mention_at: dict[int, int]) -> list[str]:
    if p.candidate is None:
        if p.matched_code is None:
            return ["lexicon=none"]
        return ["lexicon=no_event", f"lex_code={p.matched_code}", f"lex_root={p.matched_code[:2]}"]
    event = p.candidate.event
    origin = "classifier" if event.rule.startswith(CLASSIFIER_RULE) else "lexicon"
    via = event.rule.partition(" ")[2]
    features = [f"origin={origin}", f"lex_code={event.cameo.code}", f"lex_root={event.cameo.root}",
                f"lex_confidence={round(event.confidence / CONFIDENCE_STEP)}"]
    features += [f"via={part}" for part in via.replace("|", " ").split() if part]
    return features


def cue_features(p: Proposal, mention_at: dict[int, int]) -> list[str]:
    t = p.trigger
    features = [f"aux={c.lemma_.lower()}" for c in t.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"]
    if any(c.dep_ == "neg" for c in t.children):
        features.append("negated")
    features += [f"mark={c.lemma_.lower()}" for c in t.children if c.dep_ == "mark"]
    if t.head.i != t.i and t.head.lemma_.lower() in reporting_verbs():
        features.append("reported")
    if t.lemma_.lower() in reporting_verbs():
        features.append("reporting")
    if p.sent.text.rstrip().endswith("?"):
        features.append("question")
    return features


def argument_features(p: Proposal, mention_at: dict[int, int]) -> list[str]:
    features = _actor_features("source", p.source) + (
        _actor_features("target", p.target) if p.target is not None else ["target=none"])
    if p.target is not None and p.source.actor.country and p.source.actor.country == p.target.actor.country:
        features.append("same_country")
    if p.reciprocal:
        features.append("reciprocal")
    if p.source.antecedent is not None:
        features.append("source_resolved")
    if p.parse_source is None:
        features.append("parse_source=none")
    if p.rechosen:
        features.append("rechosen")
    for side, score, rank in (("source", p.source_score, p.source_rank), ("target", p.target_score, p.target_rank)):
        if score is not None:
            features.append(f"{side}_score={int(score * SCORE_BINS)}")
            features.append(f"{side}_rank={rank}")
    return features


def _actor_features(side: str, mention: Mention) -> list[str]:
    actor = mention.actor
    return [f"{side}_kind={mention.kind}", f"{side}_sector={actor.sectors[0] if actor.sectors else 'none'}",
            f"{side}_country={'known' if actor.country else 'none'}", f"{side}_group={mention.is_group}"]


FEATURE_GROUPS: dict[str, Callable[[Proposal, dict[int, int]], list[str]]] = {
    "trigger": trigger_features,
    "syntax": syntax_features,
    "lexicon": lexicon_features,
    "cues": cue_features,
    "arguments": argument_features,
}


def features(p: Proposal, mention_at: dict[int, int], groups: tuple[str, ...] = tuple(FEATURE_GROUPS)) -> list[str]:
    return [feature for group in groups for feature in FEATURE_GROUPS[group](p, mention_at)]
