"""The trigger lexicon: verbs and event nouns (data/events/*.tsv) and how a row matches a parsed token."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from dyads.data import read_tsv
from dyads.events.ontology import cameo_codes

CONDITION_KINDS = {"obj", "prep", "xcomp", "subj", "verb", "pass"}
OBJECT_DEPS = {"dobj", "obj", "dative"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}


@dataclass(frozen=True)
class TriggerEntry:
    pos: str  # "verb" or "noun"
    lemma: str  # head lemma
    particle: str | None  # "up" for "set up"
    conditions: tuple[tuple[str, frozenset[str]], ...]
    cameo: str
    confidence: float
    source: str  # file:line, reported as the event's rule

    @property
    def specificity(self) -> int:
        return len(self.conditions) + (1 if self.particle else 0)

    def matches(self, token: Token) -> bool:
        if self.particle and not any(c.dep_ == "prt" and c.lower_ == self.particle for c in token.children):
            return False
        return all(_holds(kind, values, token) for kind, values in self.conditions)


def _lemmas_around(token: Token) -> set[str]:
    """The token's lemma, its compound/amod modifiers' and its in/of objects' ("arms sales", "$5m in arms")."""
    lemmas = {token.lemma_.lower()}
    for child in token.children:
        if child.dep_ in ("compound", "amod"):
            lemmas.add(child.lemma_.lower())
        elif child.dep_ == "prep" and child.lower_ in ("of", "in"):
            lemmas.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    return lemmas


def _objects(token: Token) -> list[Token]:
    objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if is_passive(token):
        objects += [c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if token.pos_ in ("NOUN", "PROPN"):
        objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return objects


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _holds(kind: str, values: frozenset[str], token: Token) -> bool:
    if kind == "obj":
        if token.pos_ in ("NOUN", "PROPN") and values & (_lemmas_around(token) - {token.lemma_.lower()}):
            return True
        return any(values & _lemmas_around(obj) for obj in _objects(token))
    if kind == "prep":
        heads = [token, *(c for c in token.children if c.dep_ in OBJECT_DEPS)]
        preps = {c.lower_ for head in heads for c in head.children if c.dep_ in ("prep", "agent", "dative")}
        return bool(values & preps)
    if kind == "xcomp":
        clauses = [c for c in token.children if c.dep_ == "xcomp"]
        return bool(clauses) and ("*" in values or any(c.lemma_.lower() in values for c in clauses))
    if kind == "subj":
        return any(
            c.dep_ in ("nsubj", "nsubjpass") and values & _lemmas_around(c) for c in token.children
        )
    if kind == "verb":
        head = token.head
        return head.i != token.i and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in values
    if kind == "pass":
        return is_passive(token)
    raise ValueError(kind)


def _parse_conditions(text: str, where: str) -> tuple[tuple[str, frozenset[str]], ...]:
    conditions = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        kind, _, values = part.partition("=")
        kind = kind.strip()
        if kind not in CONDITION_KINDS:
            raise ValueError(f"{where}: unknown condition {part!r}")
        conditions.append((kind, frozenset(v.strip().lower() for v in values.split("|") if v.strip())))
    return tuple(conditions)


class TriggerLexicon:
    def __init__(self, entries: list[TriggerEntry]):
        self.entries = entries
        self._index: dict[tuple[str, str], list[TriggerEntry]] = {}
        for entry in entries:
            self._index.setdefault((entry.pos, entry.lemma), []).append(entry)
        for rows in self._index.values():
            rows.sort(key=lambda e: -e.specificity)  # stable: file order among equals

    def match(self, token: Token) -> TriggerEntry | None:
        """The most specific row whose conditions hold for this token, or None."""
        if token.pos_ == "VERB":
            pos = "verb"
        elif token.pos_ in ("NOUN", "PROPN"):
            pos = "noun"
        else:
            return None
        for entry in self._index.get((pos, token.lemma_.lower()), ()):
            if entry.matches(token):
                return entry
        return None


@lru_cache(maxsize=1)
def trigger_lexicon() -> TriggerLexicon:
    codes = cameo_codes()
    entries = []
    for pos, filename in (("verb", "events/verbs.tsv"), ("noun", "events/nouns.tsv")):
        for number, row in enumerate(read_tsv(filename), start=1):
            where = f"{filename}:{row['lemma']}"
            if row["cameo"] not in codes:
                raise ValueError(f"{where}: unknown CAMEO code {row['cameo']!r}")
            lemma, _, particle = row["lemma"].lower().partition(" ")
            entries.append(
                TriggerEntry(
                    pos=pos,
                    lemma=lemma,
                    particle=particle or None,
                    conditions=_parse_conditions(row.get("when", ""), where),
                    cameo=row["cameo"],
                    confidence=float(row.get("confidence") or 0.6),
                    source=f"{pos}:{row['lemma']}" + (f"[{row['when']}]" if row.get("when") else ""),
                )
            )
    return TriggerLexicon(entries)
