"""The trigger lexicon: verbs and event nouns (data/events/*.tsv) and how a row matches a parsed token."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from dyads.data import read_tsv
from dyads.events.ontology import cameo_codes

CONDITION_KINDS = {"obj", "prep", "xcomp", "subj", "verb", "pass", "modal", "acomp"}
WILDCARD = "*"
OBJECT_DEPS = {"dobj", "obj", "dative"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
VICTIM_ROOTS = {"17", "18", "19", "20"}


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
        """How narrow the row is; `obj=*` ("has an object") is no narrower than no condition."""
        narrowing = [values for _, values in self.conditions if values != {WILDCARD}]
        return len(narrowing) + (1 if self.particle else 0)

    def is_theme(self, token: Token) -> bool:
        """The object this row keys on is what is sent, offered or withdrawn ("sent troops to Haiti"); not
        for coercion and violence, whose object is the victim ("shelled rebel positions")."""
        if self.cameo[:2] in VICTIM_ROOTS:
            return False
        return any(kind == "obj" and (WILDCARD in values or values & _lemmas_around(token))
                   for kind, values in self.conditions)

    def matches(self, token: Token, conjuncts: bool = False) -> bool:
        """Whether the row's conditions hold; with `conjuncts`, an object condition may be met by an object
        coordinated with the first ("provided photographs and intelligence")."""
        if self.particle and not any(c.dep_ == "prt" and c.lower_ == self.particle for c in token.children):
            return False
        return all(_holds(kind, values, token, conjuncts) for kind, values in self.conditions)

    @property
    def keys_on_object(self) -> bool:
        return any(kind == "obj" for kind, _ in self.conditions)

    @property
    def keys_on_attitude(self) -> bool:
        """A statement coded by the attitude it states ("said it was skeptical of the plan"): what its clause
        is about is the comment's topic, not a reported event."""
        return any(kind == "acomp" for kind, _ in self.conditions)


def _lemmas_around(token: Token) -> set[str]:
    """The token's lemma, its compound/amod modifiers' and its in/of objects' ("arms sales", "$5m in arms")."""
    lemmas = {token.lemma_.lower()}
    for child in token.children:
        if child.dep_ in ("compound", "amod"):
            lemmas.add(child.lemma_.lower())
        elif child.dep_ == "prep" and child.lower_ in ("of", "in"):
            lemmas.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    return lemmas


VERBAL_DEPS = {"ROOT", "ccomp", "conj", "advcl", "relcl"}


def acts_as_verb(token: Token) -> bool:
    """A verb, or a verb the tagger took for a plural noun: "the government rejects and condemns" (a noun
    has no subject of its own)."""
    if token.pos_ == "VERB":
        return True
    return (
        token.tag_ == "NNS"
        and token.dep_ in VERBAL_DEPS
        and any(c.dep_ == "nsubj" for c in token.children)
    )


def is_nominal(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and not acts_as_verb(token)


def shared_verbs(verb: Token) -> list[Token]:
    """Verbs coordinated after this one that share its subject: "rejected and condemned the decision"."""
    return [
        c for c in verb.children
        if c.dep_ == "conj" and c.i > verb.i and acts_as_verb(c)
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
    ]


def own_objects(verb: Token) -> list[Token]:
    """The verb's objects, or those of a coordinated verb it shares them with when it has none."""
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if objects or any(c.dep_ in ("dative", "ccomp", "xcomp") for c in verb.children):
        return objects
    return [c for conj in shared_verbs(verb) for c in conj.children if c.dep_ in OBJECT_DEPS]


def complement_clauses(verb: Token) -> list[Token]:
    """The verb's open complements ("threatened to attack"), and the infinitive clauses the parser hung
    as ccomp or advcl right after a verb without an object ("allow refugees to return", "have sworn to
    fight"); not a purpose clause further on ("called on Monday for talks to end the war")."""
    clauses = [c for c in verb.children if c.dep_ == "xcomp"]
    if any(c.dep_ in OBJECT_DEPS for c in verb.children):
        return clauses
    return clauses + [
        c for c in verb.children
        if c.dep_ in ("ccomp", "advcl") and c.i > verb.i and acts_as_verb(c)
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        and all(t.dep_ in ("advmod", "neg", "prt") for t in verb.doc[verb.i + 1 : c.left_edge.i])
    ]


def _objects(token: Token, conjuncts: bool = False) -> list[Token]:
    objects = own_objects(token) if acts_as_verb(token) else [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if conjuncts:
        objects += [c for obj in objects for c in obj.conjuncts]
    if is_passive(token):
        objects += [c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if is_nominal(token):
        objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return objects


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _holds(kind: str, values: frozenset[str], token: Token, conjuncts: bool = False) -> bool:
    if kind == "obj":
        if WILDCARD in values:
            return bool(_objects(token))
        if is_nominal(token) and values & (_lemmas_around(token) - {token.lemma_.lower()}):
            return True
        return any(values & _lemmas_around(obj) for obj in _objects(token, conjuncts))
    if kind == "prep":
        heads = [token, *(c for c in token.children if c.dep_ in OBJECT_DEPS)]
        preps = {c.lower_ for head in heads for c in head.children if c.dep_ in ("prep", "agent", "dative")}
        return bool(values & preps)
    if kind == "xcomp":
        clauses = complement_clauses(token)
        return bool(clauses) and ("*" in values or any(c.lemma_.lower() in values for c in clauses))
    if kind == "subj":
        return any(
            c.dep_ in ("nsubj", "nsubjpass") and values & _lemmas_around(c) for c in token.children
        )
    if kind == "verb":
        head = token.head
        if token.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head  # "remained on alert", "put under arrest"
        return head.i != token.i and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in values
    if kind == "pass":
        return is_passive(token)
    if kind == "acomp":
        clauses = [token, *_that_clauses(token)]
        return any(c.dep_ == "acomp" and c.lemma_.lower() in values for clause in clauses for c in clause.children)
    if kind == "modal":
        return any(values & {a.lower_ for a in c.children if a.dep_ == "aux"} for c in _that_clauses(token))
    raise ValueError(kind)


def _that_clauses(token: Token) -> list[Token]:
    """Clauses with a subject of their own that say what was said: "said that China must", "a reminder to
    Iraq that it must"."""
    heads = [token, *(c for c in token.children if c.dep_ in OBJECT_DEPS)]
    clauses = [c for head in heads for c in head.children if c.dep_ in ("ccomp", "acl")]
    return [c for c in clauses if any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]


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
        if acts_as_verb(token):
            if token.dep_ == "amod":
                return None  # "the internationally recognised government": a participle that describes
            pos = "verb"
        elif is_nominal(token):
            pos = "noun"
        else:
            return None
        rows = self._index.get((pos, token.lemma_.lower()), ())
        conditional = [entry for entry in rows if entry.specificity]
        found = next((entry for entry in conditional if entry.matches(token)), None)
        # only where the first object keys no row: "launched artillery and rocket fire" is shelling
        found = found or next(
            (entry for entry in conditional if entry.keys_on_object and entry.matches(token, conjuncts=True)), None
        )
        return found or next((entry for entry in rows if not entry.specificity and entry.matches(token)), None)


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
