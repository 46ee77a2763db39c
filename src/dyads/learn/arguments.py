"""Argument choice: which actor mention of the sentence is a proposal's source, and which its target.

The parse's own answer (events/arguments.py) is one candidate among the sentence's actor mentions; the
argument model scores each (trigger, mention, role) from the dependency path between them, their order
and distance, the mention's kind and sector, the lexicon's root and whether the parse picked it, and the
best-scoring mention takes the role. Trained from the annotated entries' countries: a mention is a right
source (target) of a trigger inside an entry's quote when its country is one the entry accepts.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyads.actors.mention import Mention
from dyads.events.arguments import ArgumentFinder
from dyads.events.inferred_actors import located
from dyads.learn.model import IS_ARGUMENT, LinearModel
from dyads.learn.proposals import Proposal

ROLES = ("source", "target")
PATH_STEPS = 3
LIKELY = 0.5  # a mention the parse did not pick takes a role only this likely ...
OVERRULE_MARGIN = 0.3  # ... and, against the parse's pick, this much likelier than it
LIKELY_SOURCE = 0.0  # every proposal needs a source: the event model weighs how likely it is


def sentence_mentions(proposal: Proposal, finder: ArgumentFinder) -> list[Mention]:
    """The parse's picks and every actor mention of the proposal's sentence, each once."""
    sent = proposal.sent
    found = [m for m in (proposal.parse_source, proposal.parse_target) if m is not None]
    for mention in finder.mentions:
        if sent.start <= mention.start < sent.end and all(
                (m.start, m.end) != (mention.start, mention.end) for m in found):
            found.append(mention)
    return found


def dependency_path(mention_head: Token, trigger: Token) -> tuple[list[str], list[str]]:
    """The labels from the mention up to the lowest node it shares with the trigger, and from the trigger up."""
    up = {trigger.i: 0}
    chain = [trigger]
    node = trigger
    while node.head.i != node.i:
        node = node.head
        up[node.i] = len(chain)
        chain.append(node)
    mention_steps = []
    node = mention_head
    while node.i not in up and node.head.i != node.i:
        mention_steps.append(node.dep_)
        node = node.head
    trigger_steps = [t.dep_ for t in chain[: up.get(node.i, len(chain))]]
    return mention_steps, trigger_steps


def pair_features(proposal: Proposal, mention: Mention) -> list[str]:
    doc = proposal.trigger.doc
    trigger = proposal.trigger
    head = doc[mention.start : mention.end].root
    mention_steps, trigger_steps = dependency_path(head, trigger)
    path = f"{'>'.join(mention_steps[:PATH_STEPS])}|{'>'.join(trigger_steps[:PATH_STEPS])}"
    distance = abs(head.i - trigger.i)
    root = proposal.lexicon_code[:2] if proposal.lexicon_code else "none"
    actor = mention.actor
    features = [f"path={path}", f"mention_path={'>'.join(mention_steps[:PATH_STEPS])}",
                f"trigger_up={len(trigger_steps)}", f"side={'before' if head.i < trigger.i else 'after'}",
                f"distance={min(distance.bit_length(), 5)}", f"kind={mention.kind}",
                f"sector={actor.sectors[0] if actor.sectors else 'none'}", f"country={bool(actor.country)}",
                f"root_path={root}:{path}", f"root={root}"]
    if head.dep_ == "pobj":
        features.append(f"prep={head.head.lemma_.lower()}")
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children):
        features.append("passive")
    if mention is proposal.parse_source:
        features.append("parse=source")
    if mention is proposal.parse_target:
        features.append("parse=target")
    return features


def role_rows(proposal: Proposal, mentions: list[Mention]) -> list[list[str]]:
    """One row per (role, mention), roles first: source rows then target rows."""
    base = [pair_features(proposal, mention) for mention in mentions]
    return [[f"role={role}"] + [f"{role}:{f}" for f in row] for role in ROLES for row in base]


def choose(model: LinearModel, found: list[Proposal], finder: ArgumentFinder) -> None:
    """Give each proposal the source and target the argument model scores best (one model call). The
    parse's pick stays unless the model finds it unlikely and another mention clearly likelier."""
    candidates = [sentence_mentions(p, finder) for p in found]
    rows = [row for p, mentions in zip(found, candidates) for row in role_rows(p, mentions)]
    if not rows:
        return
    yes = model.classes.index(IS_ARGUMENT)
    scores = iter(model.probabilities(rows)[:, yes])
    for proposal, mentions in zip(found, candidates):
        source_scores = [next(scores) for _ in mentions]
        target_scores = [next(scores) for _ in mentions]
        source = _pick(mentions, source_scores, proposal.parse_source, range(len(mentions)), LIKELY_SOURCE)
        others = [i for i in range(len(mentions)) if not _same_actor(mentions[i], mentions[source])]
        target = _pick(mentions, target_scores, proposal.parse_target, others, LIKELY)
        proposal.source_score = source_scores[source]
        proposal.target_score = target_scores[target] if target is not None else None
        chosen_source = mentions[source]
        chosen_target = mentions[target] if target is not None else None
        if chosen_source is not proposal.source or chosen_target is not proposal.target:
            proposal.source = located(chosen_source, proposal.trigger, finder)
            proposal.target = located(chosen_target, proposal.trigger, finder) if chosen_target else None
            proposal.reciprocal = False
            proposal.rechosen = True


def _pick(mentions: list[Mention], scores: list[float], parse_pick: Mention | None, allowed,
          least: float) -> int | None:
    """The index of the mention taking a role: the parse's, unless the model clearly prefers another; where
    the parse has none, the model's best if at least `least` likely."""
    best = max(allowed, key=lambda i: scores[i], default=None)
    if parse_pick is None:
        return best if best is not None and scores[best] >= least else None
    parse_index = next(i for i, m in enumerate(mentions) if m is parse_pick)
    if best is None or parse_index not in allowed:
        return best
    overruled = scores[parse_index] < LIKELY and scores[best] - scores[parse_index] >= OVERRULE_MARGIN
    return best if overruled else parse_index


def _same_actor(a: Mention, b: Mention) -> bool:
    if a is b or (a.start, a.end) == (b.start, b.end):
        return True
    x, y = a.actor, b.actor
    return bool((x.name and x.name == y.name) or (x.code is not None and x.code == y.code))
