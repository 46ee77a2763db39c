"""The actor lexicon: every name, title and institution dyads knows, loaded once from data/actors/*.tsv.

Each pattern (lower-cased) maps to one `Entry`. Where two tables hold the same pattern the more specific
one wins, in the order of `KIND_PRIORITY` (a leader's name over an organisation over a country ...).
`ActorLexicon.matcher(vocab, tokenizer)` compiles all patterns into one spaCy `PhraseMatcher` on LOWER.
Users' own tables (`dyads.user_lexicons`, in the leaders or organisations format) are read by the same code
and claim their patterns before any shipped table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab

from dyads.data import read_tsv
from dyads.user_lexicons import LexiconFile, rows_of

# Most specific first: a pattern claimed by an earlier kind is not taken by a later one.
KIND_PRIORITY = [
    "person", "igo", "ngo", "seat", "organisation", "group", "country", "capital", "demonym", "people",
    "role", "region", "city", "world region",
]  # fmt: skip
# "Latin America", "North American": a name that holds a country's but names no actor (data/actors/world_regions.tsv)
WORLD_REGION = "world region"
PLACE_KINDS = {"country", "capital", "group", "demonym", "people", "region", "city"}
NAMED_KINDS = {"person", "igo", "ngo", "seat", "organisation"}
# Sector that an elite no longer in office gets (CAMEO's "ELI").
FORMER_OFFICE_SECTOR = "ELI"
# Kinds whose misspellings are worth catching ("Afganistan", "Ethipian"), and the shortest word to try:
# shorter names sit one letter away from too many ordinary words and names.
NEAR_MISS_KINDS = {"country", "demonym", "people"}
NEAR_MISS_MIN_LENGTH = 5
# Kinds of pattern that name one country: what a country filter accepts besides a code.
COUNTRY_NAME_KINDS = {"country", "demonym", "people"}


SECTORS: dict[str, str] = {row["sector"]: row["meaning"] for row in read_tsv("actors/sectors.tsv")}


@dataclass(frozen=True)
class Term:
    """One office a person held: sectors and title from `start` to `end` (years, inclusive)."""

    country: str | None
    sectors: tuple[str, ...]
    title: str
    start: int
    end: int | None


@dataclass
class Entry:
    """What one lexicon pattern means."""

    kind: str  # one of KIND_PRIORITY
    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    code: str | None = None
    name: str | None = None  # canonical name of a person or organisation
    role: str | None = None  # for kind "role": title | person | body | modifier | counterpart | country
    plural: bool = False
    terms: list[Term] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)  # the rows it was read from: "file:line" or the table

    @property
    def country(self) -> str | None:
        return self.countries[0] if self.countries else None

    def term_at(self, when: date | None) -> Term | None:
        """The office a person held at `when` (the latest one when `when` is None); None if out of office."""
        if not self.terms:
            return None
        if when is None:
            return max(self.terms, key=lambda term: term.start)
        held = [t for t in self.terms if t.start <= when.year and (t.end is None or when.year <= t.end)]
        return max(held, key=lambda term: term.start) if held else None


@dataclass
class Pattern:
    """A pattern as written in the data: its forms and whether it must match case-sensitively."""

    forms: set[str]
    acronym: bool  # "US", "WHO", "LeT": matched only in that exact case in normally cased text


def actor_code(country: str | None, sectors: list[str] | tuple[str, ...]) -> str | None:
    """CAMEO-style code: country plus primary sector (RUSMIL), the country alone (RUS) or the sector (COP)."""
    primary = sectors[0] if sectors else ""
    if country:
        return country + (primary if primary != "IGO" else "")
    return primary or None


class ActorLexicon:
    """The shipped tables, under `user_files` (users' own tables, the first one given winning)."""

    def __init__(self, user_files: tuple[LexiconFile, ...] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        self.patterns: dict[str, Pattern] = {}
        self.overridden: dict[str, list[Entry]] = {}  # entries that lost a pattern to another, by pattern
        self.ambiguous: set[str] = {row["word"] for row in read_tsv("actors/ambiguous.tsv")}
        # group words that also name a stance, → the prepositions that make them one ("opposition to")
        self.stance_senses: dict[str, frozenset[str]] = {
            row["word"].lower(): frozenset(_split(row["prepositions"]))
            for row in read_tsv("actors/stance_senses.tsv")
        }
        # leaders by (table, name), while reading: one Entry for all the terms a table gives a person
        self._people: dict[tuple[str, str], Entry] = {}
        self._leader_forms: dict[tuple[str, str], set[str]] = {}
        candidates: dict[str, list[tuple[str, Entry, int]]] = {}
        for form, entry in self._read_user_tables(user_files):
            candidates.setdefault(form.lower(), []).append((form, entry, -1))  # before every shipped kind
        for form, entry in self._read_tables():
            candidates.setdefault(form.lower(), []).append((form, entry, KIND_PRIORITY.index(entry.kind)))
        for key, found in candidates.items():
            found.sort(key=lambda item: item[2])
            entry = found[0][1]
            forms = {form for form, other, _ in found if other is entry}
            self.entries[key] = entry
            self.patterns[key] = Pattern(forms, acronym=all(_is_acronym(f) for f in forms))
            losers = list({id(other): other for _, other, _ in found if other is not entry}.values())
            if losers:
                self.overridden[key] = losers
        self._matchers: dict[int, PhraseMatcher] = {}
        self._near_miss_index = self._index_near_misses()

    def lookup(self, text: str) -> Entry | None:
        return self.entries.get(text.lower())

    def is_ambiguous(self, text: str) -> bool:
        return text.lower() in self.ambiguous

    def near_miss(self, word: str) -> str | None:
        """The one country or demonym pattern that `word` misspells by a letter left out, a letter too many
        or two neighbouring letters swapped ("Afganistan", "Quatar", "Isreal"), with the same first letter;
        None when there is none or more than one. Wrong letters are not tried: "Angela" is not "Angola"."""
        word = word.lower()
        if len(word) < NEAR_MISS_MIN_LENGTH or word in self.entries:
            return None
        found = set(self._near_miss_index.get(word, ()))  # a letter left out
        found.update(key for key in _deletions(word) if key in self._near_miss_index.get(key, ()))
        found.update(key for key in _swaps(word) if key in self._near_miss_index.get(key, ()))
        found = {key for key in found if key[0] == word[0] and not self._place_of_people(word, key)}
        return found.pop() if len(found) == 1 else None

    def _place_of_people(self, word: str, key: str) -> bool:
        """'Kashmir' is not a misspelt "Kashmiri": a people's name less its ending is often their land's."""
        return self.entries[key].kind != "country" and key.startswith(word)

    def _index_near_misses(self) -> dict[str, set[str]]:
        """Each one-word country or demonym pattern under itself and under each form with a letter left out."""
        index: dict[str, set[str]] = {}
        for key, entry in self.entries.items():
            if entry.kind in NEAR_MISS_KINDS and key.isalpha() and len(key) >= NEAR_MISS_MIN_LENGTH:
                for form in (key, *_deletions(key)):
                    index.setdefault(form, set()).add(key)
        return index

    def matcher(self, vocab: Vocab, tokenizer) -> PhraseMatcher:
        """One PhraseMatcher (attr LOWER) per vocab, built on first use; match ids are the lower-cased patterns."""
        vocab_id = id(vocab)
        if vocab_id not in self._matchers:
            matcher = PhraseMatcher(vocab, attr="LOWER")
            keyed = [
                (key, form) for key, pattern in self.patterns.items() for form in _spellings(pattern, key)
            ]
            docs = tokenizer_like(tokenizer).pipe(form for _, form in keyed)
            by_key: dict[str, list] = {}
            for (key, _), doc in zip(keyed, docs, strict=True):
                by_key.setdefault(key, []).append(doc)
            for key, pattern_docs in by_key.items():
                matcher.add(key, pattern_docs)
            self._matchers[vocab_id] = matcher
        return self._matchers[vocab_id]

    def _read_user_tables(self, user_files: tuple[LexiconFile, ...]):
        for file in user_files:
            table_format, rows = rows_of(file, "actors")
            for row in rows:
                if table_format.name == "leaders":
                    yield from self._leader(row.cells, row.origin, file.name)
                else:
                    yield from _organisation(row.cells, row.origin)

    def _read_tables(self):
        for row in read_tsv("actors/leaders.tsv"):
            yield from self._leader(row, "actors/leaders.tsv")
        for row in read_tsv("actors/organisations.tsv"):
            yield from _organisation(row, "actors/organisations.tsv")
        aliases = "actors/country_aliases.tsv"
        for row in read_tsv(aliases):
            countries = _split(row["countries"])
            yield row["pattern"], Entry(kind=row["kind"], countries=countries, code=countries[0], origins=[aliases])
        for row in read_tsv("actors/countries.tsv"):
            yield row["pattern"], Entry(kind=row["kind"], countries=(row["country"],), code=row["country"],
                                         origins=["actors/countries.tsv"])
        for row in read_tsv("actors/demonyms.tsv"):
            country = (row["country"],)
            sectors = _split(row["sectors"])  # PRE for the people of a de facto state
            code = actor_code(row["country"], sectors)
            yield row["adjective"], Entry(
                kind="demonym", countries=country, sectors=sectors, code=code, origins=["actors/demonyms.tsv"]
            )
            if row["people"]:
                entry = Entry(kind="people", countries=country, sectors=sectors, code=code, plural=True,
                              origins=["actors/demonyms.tsv"])
                yield row["people"], entry
        for row in read_tsv("actors/roles.tsv"):
            sectors = _split(row["sectors"])
            yield row["singular"], Entry(kind="role", sectors=sectors, role=row["kind"], origins=["actors/roles.tsv"])
            if row["plural"]:
                yield row["plural"], Entry(
                    kind="role", sectors=sectors, role=row["kind"], plural=True, origins=["actors/roles.tsv"]
                )
        for row in read_tsv("actors/places.tsv"):
            yield row["pattern"], Entry(kind=row["kind"], countries=(row["country"],), code=row["country"],
                                        origins=["actors/places.tsv"])
        for row in read_tsv("actors/world_regions.tsv"):
            yield row["pattern"], Entry(kind=WORLD_REGION, origins=["actors/world_regions.tsv"])

    def _leader(self, row: dict[str, str], origin: str, table: str = "shipped"):
        """A person's term in office; a table's rows for one name make one person, whose patterns are
        the name and every row's aliases."""
        person = (table, row["name"])
        entry = self._people.get(person)
        if entry is None:
            entry = self._people[person] = Entry(kind="person", name=row["name"])
            forms = (row["name"], *_split(row["aliases"]))
        else:
            forms = tuple(f for f in _split(row["aliases"]) if f.lower() not in self._leader_forms[person])
        self._leader_forms.setdefault(person, set()).update(f.lower() for f in forms)
        country = row["country"] or None
        entry.terms.append(
            Term(country, _split(row["sectors"]), row["title"], int(row["start"]), _year(row["end"]))
        )
        entry.countries = (country,) if country else ()
        entry.origins.append(origin)
        yield from ((form, entry) for form in forms)


def _organisation(row: dict[str, str], origin: str):
    sectors = _split(row["sectors"])
    country = row["country"] or None
    entry = Entry(
        kind=row["kind"],
        countries=(country,) if country else (),
        sectors=sectors,
        code=row["code"] or actor_code(country, sectors),
        name=row["name"],
        origins=[origin],
    )
    for form in (row["name"], *_split(row["aliases"])):
        yield form, entry


def _spellings(pattern: Pattern, key: str) -> set[str]:
    """Forms to tokenise for one pattern: as written, lower-cased and capitalised, since the tokenizer
    splits them differently ("U.S." / "u.s."; "Lt. Gen." keeps "Gen." whole, "lt. gen." does not), and
    with a typographic apostrophe where the name has one."""
    capitalised = " ".join(word[:1].upper() + word[1:] for word in key.split(" "))
    forms = {*pattern.forms, key, capitalised}
    return forms | {form.replace("'", "’") for form in forms if "'" in form}  # "People’s Liberation Army"


def _is_acronym(form: str) -> bool:
    """One word with two or more capitals: "US", "U.S.", "WHO", "LeT", "DfID", "Itar-Tass"."""
    return " " not in form and sum(char.isupper() for char in form) >= 2


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def tokenizer_like(tokenizer):
    """A tokenizer that splits text as `tokenizer` does, with a cache of its own. Tokenised by the pipeline's
    tokenizer, the lexicon's forms would fill its cache (spaCy keeps 10,000 chunks) and leave no room for
    the words of the news, which it would then tokenise several times slower."""
    if not isinstance(tokenizer, Tokenizer):
        return tokenizer
    return Tokenizer(
        tokenizer.vocab, rules=tokenizer.rules, prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match, url_match=tokenizer.url_match,
        faster_heuristics=tokenizer.faster_heuristics,
    )  # fmt: skip


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _year(cell: str) -> int | None:
    return int(cell) if cell else None


@lru_cache(maxsize=1)
def load_regions() -> dict[str, frozenset[str]]:
    """Regional adjectives, lower-cased ("andean"), → the countries they can describe."""
    return {
        row["adjective"].lower(): frozenset(_split(row["countries"]))
        for row in read_tsv("actors/regions.tsv")
    }


@lru_cache(maxsize=1)
def hyphen_participles() -> dict[str, str]:
    """Participles glued by a hyphen to an actor word ("Saudi-led", "Russian-backed") → whose the noun after
    them is: "own" (that actor's) or "other"."""
    return {row["participle"].lower(): row["whose"] for row in read_tsv("actors/hyphen_participles.tsv")}


@lru_cache(maxsize=1)
def load_collectives() -> dict[str, tuple[str, ...]]:
    """Plural nouns that sum up actors named before ("leaders") → the kinds they stand for, first choice first."""
    return {
        row["head"].lower(): tuple(kind for kind in (row["refers_to"], row["otherwise"]) if kind)
        for row in read_tsv("actors/collectives.tsv")
    }


@lru_cache(maxsize=1)
def load_distributive_collectives() -> dict[str, tuple[str, ...]]:
    """The singulars of collectives.tsv that sum up two after "each" set against "the other" ("side") → the
    kinds they stand for, first choice first."""
    return {
        row["singular"].lower(): tuple(kind for kind in (row["refers_to"], row["otherwise"]) if kind)
        for row in read_tsv("actors/collectives.tsv")
        if row["singular"]
    }


@lru_cache(maxsize=1)
def load_regional_adjectives() -> frozenset[str]:
    """data/actors/regional_adjectives.tsv, lower-cased: "Arab", "European", "Western"."""
    return frozenset(row["adjective"].lower() for row in read_tsv("actors/regional_adjectives.tsv"))


@lru_cache(maxsize=1)
def load_speech_verbs() -> frozenset[str]:
    """data/actors/speech_verbs.tsv: the lemmas of verbs that attribute a quotation to its speaker."""
    return frozenset(row["lemma"].lower() for row in read_tsv("actors/speech_verbs.tsv"))


@lru_cache(maxsize=1)
def load_thing_antecedents() -> frozenset[str]:
    """data/actors/thing_antecedents.tsv: lemmas of act, plan and document nouns an object "it" may stand for."""
    return frozenset(row["lemma"].lower() for row in read_tsv("actors/thing_antecedents.tsv"))


@lru_cache(maxsize=1)
def successor_states() -> dict[str, tuple[date, str]]:
    """data/actors/successor_states.tsv: country → (independence date, the country it was part of)."""
    return {
        row["country"]: (date.fromisoformat(row["independent"]), row["part_of"])
        for row in read_tsv("actors/successor_states.tsv")
    }


def country_on(country: str, when: date | None) -> str:
    """The country a place of `country` belonged to on `when`: Juba is in Sudan before 9 July 2011."""
    successor = successor_states().get(country)
    if when is None or successor is None or when >= successor[0]:
        return country
    return country_on(successor[1], when)


def load_lexicon(user_files: tuple[LexiconFile, ...] = ()) -> ActorLexicon:
    """The shipped lexicon under the user's tables, built once per set of tables (a second of work: the
    recognizer and `country_names` share it)."""
    return _built_lexicon(user_files)


@lru_cache(maxsize=4)
def _built_lexicon(user_files: tuple[LexiconFile, ...]) -> ActorLexicon:
    return ActorLexicon(user_files)


@lru_cache(maxsize=1)
def common_country_names() -> dict[str, str]:
    """ISO 3166 alpha-3 → the country's common name: the shortest the actor lexicon lists ("Norway", not
    "Kingdom of Norway"; "Syria", not "Syrian Arab Republic")."""
    names: dict[str, str] = {}
    for row in read_tsv("actors/countries.tsv"):
        known = names.get(row["country"])
        if row["kind"] == "country" and (known is None or len(row["pattern"]) < len(known)):
            names[row["country"]] = row["pattern"]
    return names


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Lower-cased → ISO 3166 alpha-3: every country code of the shipped tables ("ind") and every name or
    demonym of one country ("india", "indian", "indians")."""
    entries = load_lexicon().entries
    names = {
        key: entry.countries[0]
        for key, entry in entries.items()
        if entry.kind in COUNTRY_NAME_KINDS and len(entry.countries) == 1
    }
    names.update({code.lower(): code for entry in entries.values() for code in entry.countries})
    return names


def country_code(value: str) -> str:
    """The code of the country `value` names, in any case: its code ("ind"), its name ("India") or its
    people's ("Indian", "Indians"). Raises ValueError naming `value` when it names no country."""
    code = country_names().get(value.strip().lower())
    if code is None:
        raise ValueError(
            f"unknown country {value!r}: give an ISO 3166 alpha-3 code such as IND, or a country's name such as"
            " India or Indian"
        )
    return code
