"""Labels for proposals from annotated documents (benchmarks/voa, docs/annotation.md): the crux of training.

An annotation entry names the event by a quote of its sentence, its source and target countries and the
CAMEO codes it accepts; it does not say which token is the trigger. A proposal is aligned with an entry
(required or optional) whose quote lies in the proposal's sentence when

- its trigger lies inside the quote or within `NEAR` characters of it, or
- its source and target agree with the entry's countries and the lexicon proposed one of the entry's roots
  (the same event told with a trigger outside the quote).

Where several entries align, the one agreeing on most of (trigger near, dyad, root) wins. A proposal
whose source and target agree with that entry takes its root (the lexicon's root where the entry accepts
it, else the root of the entry's first code); one that disagrees is a wrong reading, "no event". A
proposal aligned only with optional entries is left out of training (None); every other proposal (no
entry in its sentence, or none aligned, or only a forbidden entry) is "no event".

Whether an emitted event is *correct* is the scorer's question (dyads.evaluate.scoring), asked here without
modality, which a later component decides: an entry that is not forbidden shares its sentence and dyad and
accepts its code.
"""

from __future__ import annotations

from dataclasses import dataclass

from dyads.evaluate.gold import AnnotatedDocument, ExpectedEvent
from dyads.evaluate.metrics import actor_in_countries, cameo_accepts
from dyads.evaluate.scoring import quote_spans
from dyads.learn.model import NO_EVENT
from dyads.learn.proposals import Proposal
from dyads.model import Actor

NEAR = 20  # characters between a trigger and a quote that still count as the quote's


@dataclass(frozen=True)
class QuotedEntry:
    entry: ExpectedEvent
    start: int
    end: int


@dataclass(frozen=True)
class Alignment:
    label: str | None  # a CAMEO root, NO_EVENT, or None: left out of training
    agreeing: tuple[ExpectedEvent, ...]  # accepted entries of its sentence whose dyad it shares

    def correct(self, code: str) -> bool:
        return any(cameo_accepts(entry.cameo, code) for entry in self.agreeing)


def quoted_entries(gold: AnnotatedDocument) -> list[QuotedEntry]:
    spans = quote_spans(gold)
    return [QuotedEntry(entry, *spans[entry.id]) for entry in gold.expected if spans[entry.id] is not None]


def dyad_agrees(source: Actor, target: Actor | None, entry: ExpectedEvent) -> bool:
    def forward(sources: list[str] | None, targets: list[str] | None) -> bool:
        return (sources is None or actor_in_countries(source, sources)) and (
            targets is None or actor_in_countries(target, targets))

    return forward(entry.sources, entry.targets) or (entry.reciprocal and forward(entry.targets, entry.sources))


def align(proposal: Proposal, entries: list[QuotedEntry]) -> Alignment:
    sent = proposal.sent
    here = [q for q in entries if q.start < sent.end_char and sent.start_char < q.end
            and q.entry.status != "forbidden"]
    source, target = proposal.actors()
    agreeing = tuple(q.entry for q in here if dyad_agrees(source, target, q.entry))
    lexicon_root = proposal.lexicon_code[:2] if proposal.lexicon_code else None
    trigger = proposal.trigger.idx
    best, best_score = None, (0, 0, 0)
    for q in here:
        near = q.start - NEAR <= trigger <= q.end + NEAR
        dyad = q.entry in agreeing
        root = lexicon_root is not None and any(code[:2] == lexicon_root for code in q.entry.cameo)
        if not (near or (dyad and root)):
            continue
        score = (int(near), int(dyad), int(root))
        if best is None or score > best_score:
            best, best_score = q.entry, score
    if best is None or best not in agreeing:
        return Alignment(NO_EVENT, agreeing)
    if best.status != "required":
        return Alignment(None, agreeing)
    root = lexicon_root if best_score[2] else best.cameo[0][:2]
    return Alignment(root, agreeing)


def judged_event(proposal: Proposal, entries: list[QuotedEntry], target: Actor | None, code: str,
                 modality: str) -> bool | None:
    """As the scorer judges the event a rule proposal becomes, with `target`, `code` and `modality`: True
    when an accepted entry of its sentence shares its dyad, accepts its code and has its modality (or
    names none); None when, coded as not having happened, it shares the dyad of a forbidden entry (neither
    right nor wrong); else False."""
    sent, (source, _) = proposal.sent, proposal.actors()
    here = [q.entry for q in entries if q.start < sent.end_char and sent.start_char < q.end]
    if any(entry.status != "forbidden" and dyad_agrees(source, target, entry) and cameo_accepts(entry.cameo, code)
           and entry.modality in (None, modality) for entry in here):
        return True
    if modality != "actual" and any(entry.status == "forbidden" and dyad_agrees(source, target, entry)
                                    for entry in here):
        return None
    return False


def entry_at_trigger(proposal: Proposal, entries: list[QuotedEntry]) -> ExpectedEvent | None:
    """The required entry whose quote holds the proposal's trigger (or lies within `NEAR` characters of it),
    the closest where several do: whose source and target the argument model learns from."""
    trigger = proposal.trigger.idx
    near = [(max(q.start - trigger, trigger - q.end, 0), q.entry) for q in entries
            if q.entry.status == "required" and q.start - NEAR <= trigger <= q.end + NEAR]
    return min(near, key=lambda item: item[0])[1] if near else None


def is_argument(actor: Actor, entry: ExpectedEvent, role: str) -> bool | None:
    """Whether an actor may be the entry's source (or target); None where the entry leaves that side open."""
    accepted = entry.sources if role == "source" else entry.targets
    if accepted is None:
        return None
    if entry.reciprocal:
        accepted = [*(entry.sources or []), *(entry.targets or [])]
    return actor_in_countries(actor, accepted)
