"""Argument choice: which actor mention of the sentence is a proposal's source, and which its target.

The parse's own answer (events/arguments.py) is one candidate among the sentence's actor mentions; the
argument model scores each (trigger, mention, role) from the dependency path between them and the clauses
it crosses, their order and distance, the mention's kind and sector, whether it names where the event is
(a locative phrase), who reports it or the source's own country, the lexicon's root and whether the parse
picked it. The parse's pair and the likeliest sources and targets make a few readings of each proposal; the
event model judges each reading (is it this event between these actors?) and keeps the best. Trained from
the annotated entries' countries: a mention is a right source (target) of a trigger inside an entry's quote
when its country is one the entry accepts.
"""

from __future__ import annotations

import copy

from spacy.tokens import Token

from dyads.actors.mention import Mention
from dyads.events.arguments import LOCATIVE_PREPS, ArgumentFinder, names_a_venue
from dyads.events.factuality import reporting_verbs
from dyads.events.inferred_actors import located
from dyads.learn.model import IS_ARGUMENT, LinearModel
from dyads.learn.proposals import Proposal

ROLES = ("source", "target")
PATH_STEPS = 3
# the dependency labels that open another clause: a mention across one is seldom the trigger's party
CLAUSE_LINKS = frozenset({"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "pcomp", "csubj"})
# the labels inside a noun phrase, between a mention and the preposition that governs the phrase
PHRASE_LINKS = frozenset({"appos", "compound", "poss", "amod", "nmod", "conj"})
ALTERNATIVES = 2  # the likeliest sources and targets of a trigger that the event model weighs


def sentence_mentions(proposal: Proposal, finder: ArgumentFinder) -> list[Mention]:
    """The parse's picks and every actor mention of the proposal's sentence, each once."""
    sent = proposal.sent
    found = [m for m in (proposal.parse_source, proposal.parse_target) if m is not None]
    for mention in finder.mentions:
        if sent.start <= mention.start < sent.end and not names_a_venue(mention, sent.doc) and all(
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
    features += [f"mention_clauses={min(_clause_links(mention_steps), 2)}",
                 f"trigger_clauses={min(_clause_links(trigger_steps), 2)}"]
    if _names_a_location(head):
        features.append("location")
    if _speaker_of(head, trigger):
        features.append("speaker")
    source = proposal.parse_source
    if source is not None and mention is not source and actor.country and actor.country == source.actor.country:
        features.append("source_country")
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children):
        features.append("passive")
    if mention is proposal.parse_source:
        features.append("parse=source")
    if mention is proposal.parse_target:
        features.append("parse=target")
    return features


def _clause_links(steps: list[str]) -> int:
    return sum(step in CLAUSE_LINKS for step in steps)


def _names_a_location(head: Token) -> bool:
    """The mention's phrase is the object of a locative preposition: where, not with whom ("talks in
    Beijing", "in the Syrian capital, Damascus")."""
    node = head
    while node.dep_ in PHRASE_LINKS and node.head.i != node.i:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS | {"at"}


def _speaker_of(head: Token, trigger: Token) -> bool:
    """The mention is who reports the trigger's event ("prosecutors said Tehran offered ..."), not a party."""
    verb = head.head
    return (head.dep_ == "nsubj" and verb.i != trigger.i and verb.lemma_.lower() in reporting_verbs()
            and verb in trigger.ancestors)


def role_rows(proposal: Proposal, mentions: list[Mention]) -> list[list[str]]:
    """One row per (role, mention), roles first: source rows then target rows."""
    base = [pair_features(proposal, mention) for mention in mentions]
    return [[f"role={role}"] + [f"{role}:{f}" for f in row] for role in ROLES for row in base]


def readings(model: LinearModel, found: list[Proposal], finder: ArgumentFinder) -> list[Proposal]:
    """Each proposal read with the parse's source and target, or where the parse found none, with each of
    the argument model's `ALTERNATIVES` likeliest (or no target) in every combination (one model call):
    the event model judges each reading, and the likeliest becomes the event."""
    candidates = [sentence_mentions(p, finder) for p in found]
    rows = [row for p, mentions in zip(found, candidates) for row in role_rows(p, mentions)]
    if not rows:
        return []
    yes = model.classes.index(IS_ARGUMENT)
    scores = iter(model.probabilities(rows)[:, yes])
    read = []
    for proposal, mentions in zip(found, candidates):
        source_scores = [float(next(scores)) for _ in mentions]
        target_scores = [float(next(scores)) for _ in mentions]
        sources = _likeliest(source_scores, mentions, proposal.parse_source)
        targets = _likeliest(target_scores, mentions, proposal.parse_target)
        targets += [None] if proposal.parse_target is None else []
        for source in sources:
            for target in targets:
                if target is not None and (_same_actor(mentions[target], mentions[source])
                                           or _coordinated(mentions[target], mentions[source], finder)):
                    continue
                read.append(_reading(proposal, mentions, source, target, source_scores, target_scores, finder))
    return read


def _likeliest(scores: list[float], mentions: list[Mention], parse_pick: Mention | None) -> list[int]:
    """The parse's pick where it made one (measured: overruling it costs more than it gains), else the
    indices of the `ALTERNATIVES` likeliest mentions."""
    if parse_pick is not None:
        return [next(i for i, m in enumerate(mentions) if m is parse_pick)]
    return sorted(range(len(mentions)), key=lambda i: -scores[i])[:ALTERNATIVES]


def _reading(proposal: Proposal, mentions: list[Mention], source: int, target: int | None,
             source_scores: list[float], target_scores: list[float], finder: ArgumentFinder) -> Proposal:
    """The proposal between the mentions at `source` and `target`, with how likely and how highly ranked
    the argument model found each (rank 0: no mention likelier)."""
    reading = copy.copy(proposal)
    chosen_source, chosen_target = mentions[source], mentions[target] if target is not None else None
    reading.source_score, reading.source_rank = source_scores[source], _rank(source_scores, source)
    if target is not None:
        reading.target_score, reading.target_rank = target_scores[target], _rank(target_scores, target)
    if chosen_source is not proposal.parse_source or chosen_target is not proposal.parse_target:
        reading.source = located(chosen_source, proposal.trigger, finder)
        reading.target = located(chosen_target, proposal.trigger, finder) if chosen_target else None
        reading.reciprocal = False
        reading.rechosen = True
    return reading


def _rank(scores: list[float], index: int) -> int:
    return sum(score > scores[index] for score in scores)


def _coordinated(a: Mention, b: Mention, finder: ArgumentFinder) -> bool:
    """Co-actors ("the United States and Britain launched airstrikes") are not each other's target; where
    an act is mutual the rules make it reciprocal themselves."""
    doc = finder.doc
    return doc[a.start : a.end].root in doc[b.start : b.end].root.conjuncts


def _same_actor(a: Mention, b: Mention) -> bool:
    if a is b or (a.start, a.end) == (b.start, b.end):
        return True
    x, y = a.actor, b.actor
    return bool((x.name and x.name == y.name) or (x.code is not None and x.code == y.code))
