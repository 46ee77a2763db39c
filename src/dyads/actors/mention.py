"""An actor mention: a stretch of tokens in a spaCy Doc that refers to one actor (or a group of them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dyads.model import Actor


@dataclass
class Mention:
    start: int  # token index of the first token
    end: int  # token index after the last token
    actors: list[Actor]  # one actor, or the members of a group ("the two defense ministers", "they")
    kind: str  # country | capital | demonym | organisation | person | title | pronoun | group | ...
    rule: str = ""  # the lexicon entry or pattern that produced it
    antecedent: int | None = None  # index in doc._.actor_mentions this mention was resolved to
    extra: dict = field(default_factory=dict)

    @property
    def actor(self) -> Actor:
        return self.actors[0]

    @property
    def is_group(self) -> bool:
        return len(self.actors) > 1
