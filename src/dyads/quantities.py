"""`dyads_quantities`: how much. Money, casualties, arrests, displaced people, troop and weapon counts.

Money is found by pattern ("US$500 million", "$1.8 billion", "Rs 5 crore"); counts of people by the
parse: a number on a noun that is the passive subject or the object of a casualty verb ("at least 12
people were killed", "police arrested 20 activists"), the subject of an intransitive one ("three
policemen died"), or a casualty adjective ("12 dead"). Troop and weapon counts come from their nouns.
Each quantity goes to the event whose trigger's subtree holds it most closely, else to the event nearest
to it in the parse; the lexicons are data/quantities/*.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.data import read_tsv
from dyads.events.candidate import EventCandidate
from dyads.model import Quantity
from dyads.when import tree_distance

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {"hundred": 100, "thousand": 1000, "lakh": 100_000, "million": 10**6, "crore": 10**7, "billion": 10**9}
# vague counts, read as the least they can mean ("dozens" is at least two dozen)
VAGUE_COUNTS = {"dozen": 12, "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000}
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Lexicon:
    kinds: dict[str, dict[str, str]]  # role → word → kind
    currencies: dict[str, str]
    multipliers: dict[str, float]
    money: re.Pattern


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    kinds: dict[str, dict[str, str]] = {}
    for row in read_tsv("quantities/words.tsv"):
        kinds.setdefault(row["role"], {})[row["word"]] = row["kind"]
    currencies, multipliers = {}, {}
    for row in read_tsv("quantities/money.tsv"):
        if row["kind"] == "currency":
            currencies[row["word"].lower()] = row["value"]
        else:
            multipliers[row["word"].lower()] = float(row["value"])

    def alternation(words) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    prefixes = alternation([w for w in currencies if not w.isalpha() or w.isupper() or w in ("rs", "usd", "inr")])
    suffixes = alternation([w for w in currencies if w.isalpha()])
    scale = alternation(multipliers)
    money = re.compile(
        rf"(?:(?P<pre>{prefixes})\s*(?P<n1>{NUMBER})(?:\s*(?P<m1>{scale})\b)?"
        rf"|(?<![\w$])(?P<n2>{NUMBER})(?:\s*(?P<m2>{scale}))?\s+(?P<post>{suffixes})\b)",
        re.IGNORECASE,
    )
    return Lexicon(kinds, currencies, multipliers, money)


def parse_number(text: str) -> float | None:
    """'12' → 12, '1,800' → 1800, 'three' → 3, 'two hundred' → 200, 'dozens' → 24, '1.5 million' → 1.5e6."""
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", text.lower().strip()):
        if not word or word == "and":
            continue
        if re.fullmatch(NUMBER, word):
            current += float(word.replace(",", ""))
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in SCALE_WORDS:
            current = max(current, 1) * SCALE_WORDS[word]
            if SCALE_WORDS[word] >= 1000:
                total, current = total + current, 0.0
        elif word in VAGUE_COUNTS:
            current = max(current, 1) * VAGUE_COUNTS[word]
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_money(text: str) -> Quantity | None:
    """'US$500 million' → Quantity(value=5e8, unit='USD', kind='money')."""
    table = lexicon()
    m = table.money.fullmatch(text.strip()) or table.money.search(text)
    return _money(m) if m else None


def _money(m: re.Match) -> Quantity:
    table = lexicon()
    number = m["n1"] or m["n2"]
    scale = (m["m1"] or m["m2"] or "").lower()
    marker = (m["pre"] or m["post"]).lower()
    value = float(number.replace(",", "")) * table.multipliers.get(scale, 1.0)
    return Quantity(text=m.group().strip(), value=value, unit=table.currencies[marker], kind="money")


@dataclass
class FoundQuantity:
    quantity: Quantity
    anchor: Token  # where it hangs in the parse: the casualty verb, or the number


def _number_tokens(token: Token) -> list[Token]:
    """The number and the words that belong to it: "at least 12", "two hundred", "1.5 million"."""
    tokens = [token] + [c for c in token.children if c.dep_ in ("quantmod", "compound", "nummod", "advmod")
                        and (c.like_num or c.lower_ in VAGUE_COUNTS or c.dep_ in ("quantmod", "advmod"))]
    for child in list(tokens[1:]):
        tokens.extend(g for g in child.children if g.dep_ in ("quantmod", "advmod"))
    return sorted(set(tokens), key=lambda t: t.i)


def _value(tokens: list[Token]) -> float | None:
    numeric = [t.text for t in tokens if t.like_num or t.lower_ in VAGUE_COUNTS or t.lower_ in SCALE_WORDS]
    return parse_number(" ".join(numeric)) if numeric else None


def _casualty_kind(noun: Token) -> tuple[str | None, Token]:
    """The casualty kind a counted noun's place in the parse gives it, and the verb that gives it."""
    kinds = lexicon().kinds
    node = noun
    while node.dep_ == "conj" and node.head.i != node.i:  # "killed five policemen and three civilians"
        node = node.head
    head = node.head
    lemma = head.lemma_.lower()
    if node.dep_ in ("nsubjpass", "dobj") and lemma in kinds["verb"]:
        return kinds["verb"][lemma], head
    if node.dep_ == "nsubj" and lemma in kinds["intransitive"]:
        return kinds["intransitive"][lemma], head
    if node.dep_ == "nsubj":
        for child in head.children:  # "12 people were dead", "five were injured"
            if child.dep_ in ("acomp", "attr", "oprd") and child.lower_ in kinds["adjective"]:
                return kinds["adjective"][child.lower_], head
    for child in noun.children:  # "12 dead", "three injured policemen"
        if child.dep_ in ("amod", "acl") and child.lower_ in kinds["adjective"]:
            return kinds["adjective"][child.lower_], head
    if noun.lower_ in kinds["adjective"]:
        return kinds["adjective"][noun.lower_], head
    if node.dep_ == "pobj" and head.lower_ in ("to", "at"):  # "the death toll rose to 12"
        verb = head.head
        if any(c.dep_ == "nsubj" and c.lemma_.lower() == "toll" for c in verb.children):
            return "killed", verb
    return None, head


def find_quantities(sent: Span) -> list[FoundQuantity]:
    """Money and counts in one sentence."""
    table = lexicon()
    doc = sent.doc
    found: list[FoundQuantity] = []
    covered: set[int] = set()
    for m in table.money.finditer(sent.text):
        span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
        if span is None:
            continue
        covered.update(t.i for t in span)
        number = next((t for t in span if t.like_num), span.root)
        found.append(FoundQuantity(_money(m), number))
    for token in sent:
        if token.i in covered or not (token.like_num or token.lower_ in VAGUE_COUNTS):
            continue
        if token.dep_ in ("compound", "quantmod") and token.head.like_num:
            continue  # part of a larger number ("two hundred")
        if token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
            continue
        noun = token.head if token.dep_ == "nummod" else token
        if token.lower_ in VAGUE_COUNTS and token.dep_ != "nummod":
            # "dozens of people": the people are the object of "of"
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            noun = counted or token
        numbers = _number_tokens(token)
        value = _value(numbers)
        if value is None:
            continue
        lemma = noun.lemma_.lower()
        kind, anchor = _casualty_kind(noun)
        if kind is None and noun.i != token.i and token.dep_ != "nummod":  # "dozens of people died"
            kind, anchor = _casualty_kind(token)
        if kind is not None and (noun.i == token.i or lemma in table.kinds["person"] or lemma in table.kinds["troops"]
                                 or noun.lower_ in table.kinds["adjective"]):
            unit = "persons"
        elif lemma in table.kinds["troops"]:
            kind, unit, anchor = "troops", "troops", noun
        elif lemma in table.kinds["weapons"]:
            kind, unit, anchor = "weapons", lemma, noun
        else:
            continue
        first = min(numbers[0].i, noun.i)
        text = doc[first : max(numbers[-1].i, noun.i) + 1].text
        covered.update(t.i for t in numbers)
        found.append(FoundQuantity(Quantity(text=text, value=value, unit=unit, kind=kind), anchor))
    return found


def _holds(trigger: Token, anchor: Token) -> bool:
    """The anchor is in the trigger's own clause or below it, not in a clause merely joined to it."""
    node = anchor
    while node.i != trigger.i:
        if node.head.i == node.i:  # reached the root without meeting the trigger
            return False
        if node.dep_ in ("conj", "parataxis") and node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
    return True


def owner(anchor: Token, triggers: list[Token]) -> Token | None:
    """The trigger a quantity belongs to: the innermost whose subtree holds it ("attacked ..., killing 14
    soldiers"), else the nearest one below the quantity's own verb ("three were injured when a mob
    attacked"); a quantity in another clause of the sentence belongs to no event."""
    holding = [t for t in triggers if _holds(t, anchor)]
    if holding:
        return min(holding, key=lambda t: t.right_edge.i - t.left_edge.i)
    below = [t for t in triggers if anchor in t.ancestors]
    if not below:
        return None
    return min(below, key=lambda t: (tree_distance(t, anchor), abs(t.i - anchor.i)))


@Language.component("dyads_quantities")
def count_events(doc: Doc) -> Doc:
    candidates: list[EventCandidate] = doc._.events or []
    by_sentence: dict[int, list[EventCandidate]] = {}
    for candidate in candidates:
        by_sentence.setdefault(candidate.sent.start, []).append(candidate)
    for group in by_sentence.values():
        triggers = list({c.trigger.i: c.trigger for c in group}.values())
        for found in find_quantities(group[0].sent):
            trigger = owner(found.anchor, triggers)
            for candidate in group:
                if trigger is not None and candidate.trigger.i == trigger.i:
                    candidate.event.quantities.append(found.quantity)
    return doc
