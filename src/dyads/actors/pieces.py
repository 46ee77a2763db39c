"""Pieces: the lexicon's matches in a Doc that are plausible there ("South Korean", "Defense Minister",
"Kremlin", "Vladimir Putin"), longest first and without overlaps; names introduced with an acronym ("The Civil
Liberty Organization (CLO)"), near misses ("Afganistan") and names inside one hyphenated word ("the U.S.-led
coalition") become pieces too. Also what a run of role pieces says of its sectors."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Token

from dyads.actors.lexicon import (
    KIND_PRIORITY,
    NAMED_KINDS,
    PLACE_KINDS,
    WORLD_REGION,
    ActorLexicon,
    Entry,
    country_on,
    hyphen_participles,
    load_lexicon,
)
from dyads.nlp import doc_text

LOWERCASE_KEY = "dyads_lowercase"
NAME_ENTITIES = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}
# Sectors of modifiers that only describe ("Muslim", "Catholic"): they give way to the role they modify.
ATTRIBUTE_SECTORS = {"REL"}
# Last words of an organisation's name; with an acronym after it, an unknown name is an organisation.
ORGANISATION_HEADS = {
    "organization", "organisation", "association", "movement", "council", "committee", "front", "league",
    "federation", "forum", "coalition", "society", "alliance", "institute", "foundation", "network",
    "office", "agency", "union", "party", "commission", "bureau", "authority", "group", "army", "congress",
    "confederation", "brigade", "brigades", "centre", "center", "board", "service", "campaign",
}  # fmt: skip
NAME_LINK_WORDS = {"of", "for", "and"}  # "Movement for Democracy", "Council of Elders"
STANCE_PREFIXES = {"anti", "pro"}
# Kinds of name that join a hyphenated group of countries in one word ("U.S.-Russian", "U.K.-U.S.").
GROUP_MEMBER_KINDS = {"country", "capital", "demonym"}
# Capitalised words that make a demonym before them part of a sea's or a land's name ("the Indian Ocean",
# "the Persian Gulf"): a place no state acts as.
GEOGRAPHIC_FEATURES = {"ocean", "sea", "gulf", "bay", "peninsula", "strait", "straits", "channel", "basin"}


@dataclass
class Piece:
    start: int
    end: int
    entry: Entry

    @property
    def kind(self) -> str:
        return self.entry.kind


def _hyphenated(doc: Doc) -> list[Token]:
    """The tokens with a hyphen in them, in order: found from the hyphens of the text, not by asking every
    token for its text."""
    text = doc_text(doc)
    tokens: list[Token] = []
    at = text.find("-")
    while at >= 0:
        token = doc[doc.char_span(at, at + 1, alignment_mode="expand").start]
        if not tokens or tokens[-1].i != token.i:
            tokens.append(token)
        at = text.find("-", at + 1)
    return tokens


def is_lowercase_text(doc: Doc) -> bool:
    """True for text with (almost) no capitals, as some news feeds deliver it; case then tells nothing.
    Worked out once per Doc (from its first 400 tokens) and kept in `doc.user_data`."""
    known = doc.user_data.get(LOWERCASE_KEY)
    if known is None:
        last = doc[min(len(doc), 400) - 1] if len(doc) else None
        # the text of the first 400 tokens, cut from the Doc's kept text: a Span's text is rebuilt token by token
        sample = doc_text(doc)[: last.idx + len(last.text)] if last is not None else ""
        letters = sum(map(str.isalpha, sample))
        upper = sum(map(str.isupper, sample))
        known = doc.user_data[LOWERCASE_KEY] = letters > 0 and upper < 0.005 * letters
    return known


class PieceFinder:
    """Finds the pieces of a Doc in the actor lexicon."""

    def __init__(self, nlp: Language, lexicon: ActorLexicon | None = None):
        self.lexicon = lexicon or load_lexicon()
        self.matcher = self.lexicon.matcher(nlp.vocab, nlp.tokenizer)

    def pieces(self, doc: Doc) -> list[Piece]:
        """Lexicon matches that are plausible here, longest first, without overlaps."""
        lowercase = is_lowercase_text(doc)
        strings = doc.vocab.strings
        found = []
        for match_id, start, end in self.matcher(doc):
            key = strings[match_id]
            if self._plausible(doc, start, end, key, lowercase):
                found.append(Piece(start, end, self.lexicon.entries[key]))
        found.sort(key=lambda p: (p.start - p.end, KIND_PRIORITY.index(p.kind), p.start))
        taken = [False] * len(doc)
        chosen = []
        for piece in found:
            if not any(taken[piece.start : piece.end]):
                taken[piece.start : piece.end] = [True] * (piece.end - piece.start)
                chosen.append(piece)
        chosen = sorted((p for p in chosen if p.kind != WORLD_REGION), key=lambda p: p.start)
        document = doc._.document
        if document is not None and document.date is not None:
            chosen = [_as_of(piece, document.date) for piece in chosen]
        chosen = self._with_glued_names(doc, chosen, taken)
        if lowercase:
            return chosen
        pieces = _with_introduced_organisations(doc, self._with_near_misses(doc, chosen, taken))
        return _with_introduced_acronyms(doc, pieces)

    def _with_glued_names(self, doc: Doc, pieces: list[Piece], taken: list[bool]) -> list[Piece]:
        """The tokenizer keeps a dotted abbreviation and what a hyphen glues to it as one word: the leader of
        'the U.S.-led coalition', 'U.N.-led troops' is a piece of that word, and so are the countries of
        'U.S.-Russian talks', 'the U.K.-U.S. base' (one group)."""
        found = []
        for token in _hyphenated(doc):
            if taken[token.i]:
                continue
            name, _, participle = token.text.rpartition("-")
            if hyphen_participles().get(participle.lower()) == "own":
                entry = self._glued_entry(name)
                if entry is not None and entry.kind in PLACE_KINDS | NAMED_KINDS and entry.kind != "person":
                    found.append(Piece(token.i, token.i + 1, entry))
                continue
            parts = [self._glued_entry(part) for part in token.text.split("-")]
            if len(parts) > 1 and all(p is not None and p.kind in GROUP_MEMBER_KINDS for p in parts):
                countries = tuple(dict.fromkeys(c for part in parts for c in part.countries))
                found.append(Piece(token.i, token.i + 1, Entry(kind="group", countries=countries)))
        return sorted(pieces + found, key=lambda p: p.start) if found else pieces

    def _glued_entry(self, name: str) -> Entry | None:
        """The lexicon's entry for a name inside a hyphenated word, in a case it is written in."""
        key = name.lower()
        entry = self.lexicon.entries.get(key)
        if entry is None:
            return None
        pattern = self.lexicon.patterns[key]
        return entry if name in pattern.forms or not pattern.acronym and name[:1].isupper() else None

    def _with_near_misses(self, doc: Doc, pieces: list[Piece], taken: list[bool]) -> list[Piece]:
        """A lone capitalised name one letter away from a country or demonym ("Afganistan", "Ethipian
        rebels") stands for it; not a word inside a longer name ("Frances Townsend") nor a person's name."""
        found = []
        for token in doc:
            if taken[token.i] or not (token.is_alpha and token.text[:1].isupper()) or token.is_upper:
                continue
            if token.ent_type_ == "PERSON" or not (
                token.pos_ == "PROPN" or token.ent_type_ in ("GPE", "NORP")
            ):
                continue
            if self._in_longer_name(doc, token, taken):
                continue
            key = self.lexicon.near_miss(token.text)
            if key is not None:
                found.append(Piece(token.i, token.i + 1, self.lexicon.entries[key]))
        return sorted(pieces + found, key=lambda p: p.start) if found else pieces

    @staticmethod
    def _in_longer_name(doc: Doc, token, taken: list[bool]) -> bool:
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc) and not taken[i]]
        return any(t.is_alpha and t.text[:1].isupper() and not t.is_sent_start for t in neighbours)

    def _plausible(self, doc: Doc, start: int, end: int, key: str, lowercase: bool) -> bool:
        pattern = self.lexicon.patterns[key]
        entry = self.lexicon.entries[key]
        if entry.kind in NAMED_KINDS and _after_capitalised_hyphen(doc, start):
            return False  # the "National-Democratic Party" is not the "Democratic Party"
        if (entry.kind in PLACE_KINDS or end - start == 1) and _after_stance_prefix(doc, start):
            # an "anti-Syria journalist" or "pro-Russian separatists" are not of that country, nor are
            # "anti-government protesters" the government; "anti-riot police" are police
            return False
        if hyphen_participle_after(doc, end) == "other":
            return False  # "Russian-backed separatists" are not Russia's, "military-backed rulers" no army
        if entry.kind == "demonym" and _names_a_geographic_feature(doc, end):
            return False
        if entry.kind == "role" and _names_a_stance(doc, end, self.lexicon.stance_senses.get(key)):
            return False  # "Kiev's opposition to the decree" is Kiev's stance, not Ukraine's opposition
        if entry.kind == "role" and not lowercase and _ends_a_persons_name(doc, start, end):
            return False  # "spokesman Qin Gang": a word of a name, spelt like a role
        text = doc[start:end].text
        if not lowercase:
            if pattern.acronym:
                return text in pattern.forms
            return entry.kind == "role" or text in pattern.forms or text[:1].isupper()
        if pattern.acronym and (len(key) < 3 or key in self.lexicon.ambiguous):
            return False
        if key in self.lexicon.ambiguous:  # "china" counts in "china warned", not in "china shop"
            return doc[end - 1].ent_type_ in NAME_ENTITIES and doc[end - 1].dep_ != "compound"
        return True


def role_sectors(roles: list[Piece]) -> list[str]:
    """Sectors of a run of roles: what comes first decides ("Defense Ministry spokesman" → MIL, GOV);
    a person's own default sector counts only when nothing before it gave one."""
    sectors: list[str] = []
    for position, piece in enumerate(roles):
        entry = piece.entry
        inherits = entry.role in ("title", "person") and position > 0 and sectors
        if not inherits:
            sectors.extend(s for s in entry.sectors if s not in sectors)
    if roles and any(_is_attribute(piece.entry) for piece in roles[:-1]):
        # "Muslim suicide bombers" are bombers first: a faith says who they are, not what they do
        attributes = {s for piece in roles[:-1] if _is_attribute(piece.entry) for s in piece.entry.sectors}
        sectors = [s for s in sectors if s not in attributes] + [s for s in sectors if s in attributes]
    return sectors


def foreign_able(roles: list[Piece]) -> bool:
    """Troops may serve abroad: "forces in Bosnia" need not be Bosnia's. A faith before them ("Moslem
    forces in Bosnia") or a government ("government troops in Congo") makes them a local force."""
    local = any(_is_attribute(piece.entry) or "GOV" in piece.entry.sectors for piece in roles[:-1])
    return "MIL" in roles[-1].entry.sectors and not local


def offices_agree(roles: list[Piece], person: Entry) -> bool:
    """Could the title before a name be one this known person held ("President" for a president)?"""
    sectors = role_sectors(roles)
    return not sectors or any(sectors[0] in term.sectors for term in person.terms)


def _is_attribute(entry: Entry) -> bool:
    return entry.role == "modifier" and set(entry.sectors) <= ATTRIBUTE_SECTORS


def _with_introduced_organisations(doc: Doc, pieces: list[Piece]) -> list[Piece]:
    """'The Civil Liberty Organization (CLO)', 'Montenegro Municipality Association (AKK)': a capitalised
    name ending in a word for an organisation and followed by its acronym is an organisation, of the one
    country its name holds, of the sectors its words give ("Farmers") or else a non-governmental one.
    Its pieces ("Montenegro") become one organisation piece."""
    for paren in range(2, len(doc) - 2):
        if not (doc[paren].text == "(" and doc[paren + 2].text == ")" and _is_acronym_token(doc[paren + 1])):
            continue
        if not doc[paren - 1].text[:1].isupper():
            continue
        start = _organisation_start(doc[_name_start(doc, paren - 1) : paren], doc[paren + 1].text)
        if start is None:
            continue
        inside = [p for p in pieces if start <= p.start < paren]
        if paren - start < 2 or any(p.kind in NAMED_KINDS or p.end > paren for p in inside):
            continue
        countries = tuple(dict.fromkeys(c for p in inside for c in p.entry.countries))
        country = countries if len(countries) == 1 else ()
        # a leading "Union" or "Army" says what kind of body, not what it does ("Union for the Liberation of ...")
        leading_head = (
            doc[start].lower_ in ORGANISATION_HEADS and doc[paren - 1].lower_ not in ORGANISATION_HEADS
        )
        said = [p for p in inside if p.kind == "role" and not (leading_head and p.start == start)]
        sectors = tuple(dict.fromkeys(s for p in said for s in p.entry.sectors))
        sectors = sectors or (() if country else ("NGO",))
        entry = Entry(kind="organisation", countries=country, sectors=sectors, name=doc[start:paren].text)
        pieces = [p for p in pieces if p not in inside] + [Piece(start, paren + 3, entry)]
        pieces.sort(key=lambda p: p.start)
    return pieces


def _as_of(piece: Piece, when: date) -> Piece:
    """A city or region in the country it belonged to on `when` (country names keep their code)."""
    if piece.kind not in ("capital", "city", "region"):
        return piece
    countries = tuple(country_on(c, when) for c in piece.entry.countries)
    if countries == piece.entry.countries:
        return piece
    return Piece(piece.start, piece.end, replace(piece.entry, countries=countries))


def _after_capitalised_hyphen(doc: Doc, start: int) -> bool:
    """Is the match glued by a hyphen to a capitalised word before it ("National-[Democratic Party]")?"""
    return (
        start >= 2
        and doc[start - 1].text == "-"
        and doc[start - 2].is_alpha
        and doc[start - 2].text[:1].isupper()
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
    )


def _names_a_geographic_feature(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].lower_ in GEOGRAPHIC_FEATURES and doc[end].text[:1].isupper()


def _ends_a_persons_name(doc: Doc, start: int, end: int) -> bool:
    """Is doc[start:end] the capitalised last word of a longer person's name ("Qin Gang")? A title comes
    before the name it goes with, never last in it."""
    first = doc[start]
    return (first.ent_type_ == "PERSON" and first.ent_iob_ == "I" and first.text[:1].isupper()
            and (end == len(doc) or doc[end].ent_iob_ != "I"))


def _names_a_stance(doc: Doc, end: int, prepositions: frozenset[str] | None) -> bool:
    """Is the word before `end` a stance here: followed by one of its prepositions, attached to it or, where
    the parse hangs the preposition on the verb ("voiced their opposition to the coup"), after a possessor?"""
    if not prepositions or end >= len(doc):
        return False
    word, after = doc[end - 1], doc[end]
    if after.lower_ not in prepositions or after.pos_ != "ADP":
        return False  # "persuaded the opposition to join": "to" begins a verb
    return after.head.i == word.i or any(child.dep_ == "poss" for child in word.children)


def hyphen_participle_after(doc: Doc, end: int) -> str | None:
    """Whose the noun after a name glued to a participle by a hyphen is ("Saudi[-led]": "own",
    "Russian[-backed]": "other"); None where no such participle follows."""
    if end + 1 >= len(doc) or doc[end].text != "-" or doc[end - 1].whitespace_ or doc[end].whitespace_:
        return None
    return hyphen_participles().get(doc[end + 1].lower_)


def _after_stance_prefix(doc: Doc, start: int) -> bool:
    return (
        start >= 2
        and doc[start - 1].text == "-"
        and doc[start - 2].lower_ in STANCE_PREFIXES
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
    )


def _with_introduced_acronyms(doc: Doc, pieces: list[Piece]) -> list[Piece]:
    """'the Armed Forces of the Philippines (AFP)': an acronym in brackets right after a named body stands for
    that body wherever it appears in the document, whatever else the acronym might mean."""
    ending_at = {p.end: p for p in pieces if p.kind in NAMED_KINDS and p.kind != "person"}
    introduced: dict[str, Entry] = {}
    for paren in range(1, len(doc) - 2):
        if doc[paren].text == "(" and doc[paren + 2].text == ")" and _is_acronym_token(doc[paren + 1]):
            named = ending_at.get(paren)
            if named is not None:
                introduced.setdefault(doc[paren + 1].text, named.entry)
    if not introduced:
        return pieces
    kept = [p for p in pieces if not (p.end - p.start == 1 and doc[p.start].text in introduced)]
    covered = {i for p in kept for i in range(p.start, p.end)}
    added = [
        Piece(t.i, t.i + 1, introduced[t.text]) for t in doc if t.text in introduced and t.i not in covered
    ]
    return sorted(kept + added, key=lambda p: p.start)


def _organisation_start(name, acronym: str) -> int | None:
    """Where the organisation begins in a capitalised name before an acronym, if it names one: the name ends
    in a word for an organisation ("... Farmers Association"), or such a word begins it, with the acronym's
    first letter ("[Activists of the] Front for the Liberation of the Enclave of Cabinda (FLEC)")."""
    if name[-1].lower_ in ORGANISATION_HEADS:
        return name.start
    heads = (t.i for t in name if t.lower_ in ORGANISATION_HEADS and t.text[:1] == acronym[:1])
    return next(heads, None)


def _name_start(doc: Doc, head: int) -> int:
    """The first word of a capitalised name that ends at `head`; "of", "for", "and" may link its words, and
    "the" after "of" or "for" ("Movement for the Liberation of ...")."""
    start = head
    while start > 0 and not doc[start].is_sent_start:
        previous = doc[start - 1]
        capitalised = previous.text[:1].isupper() and previous.is_alpha and previous.lower_ != "the"
        linking = previous.lower_ in NAME_LINK_WORDS and start >= 2 and doc[start - 2].text[:1].isupper()
        linked_the = previous.lower_ == "the" and start >= 2 and doc[start - 2].lower_ in ("of", "for")
        if not (capitalised or linking or linked_the):
            break
        start -= 1
    while doc[start].lower_ in NAME_LINK_WORDS or doc[start].lower_ == "the":
        start += 1
    return start


def _is_acronym_token(token) -> bool:
    return token.is_alpha and token.is_upper and 2 <= len(token.text) <= 8
