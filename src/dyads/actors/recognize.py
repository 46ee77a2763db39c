"""`dyads_actors`: finds actor mentions (countries, capitals, demonyms, institutions, titled persons ...).

One PhraseMatcher pass over the lexicon finds the pieces ("South Korean", "Defense Minister", "Kremlin",
"Vladimir Putin"); `PhraseBuilder` then joins adjacent pieces into whole actor phrases:

    [place ['s]] [role ...] [named person | organisation | name after a title] [of/in phrase]

"South Korean Defense Minister Cho Sung-tae" is one mention (KORMIL, name "Cho Sung-tae"); "Moscow's
support" gives the mention "Moscow"; "Japanese-U.S. proposals" a group mention of JPN and USA.
Mentions land on `doc._.actor_mentions` (sorted, non-overlapping) and `doc._.mention_at`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from dyads.actors.lexicon import (
    FORMER_OFFICE_SECTOR,
    KIND_PRIORITY,
    NAMED_KINDS,
    PLACE_KINDS,
    ActorLexicon,
    Entry,
    actor_code,
    country_on,
    load_lexicon,
)
from dyads.actors.mention import Mention
from dyads.model import Actor
from dyads.user_lexicons import LexiconFile

POSSESSIVE = {"'s", "’s", "'", "’"}
LOWERCASE_KEY = "dyads_lowercase"
# Words that may stand between the pieces of one actor phrase ("Poland's current interior minister").
PHRASE_FILLERS = {
    "deputy", "acting", "former", "top", "senior", "new", "current", "then", "outgoing", "incoming",
    "interim", "provisional", "local", "regional", "provincial", "federal", "national", "central",
    "leading", "main", "chief", "vice", "assistant", "first", "elected", "newly", "recently", "caretaker",
}  # fmt: skip
# Lower-case words inside a person's name ("Hamad bin Khalifa al-Thani", "Jose dos Santos").
NAME_LINKS = {
    "al",
    "el",
    "bin",
    "ibn",
    "bint",
    "abu",
    "de",
    "da",
    "del",
    "dos",
    "das",
    "van",
    "von",
    "der",
    "le",
    "la",
}
# Words that may stand between an organisation and the people or means it sends ("U.N. weapons inspectors").
DESCRIPTORS = {
    "peacekeeping", "weapons", "arms", "aid", "relief", "humanitarian", "election", "nuclear", "monitoring",
    "rescue", "medical", "naval", "ground", "border", "security", "special", "war", "crimes", "human",
    "rights",
}  # fmt: skip
# Places a name may begin with after a title ("King [Hassan]": Hassan is also a city in India).
NAME_PLACE_KINDS = {"city", "region"}
REGION_KINDS = {"city", "region"}
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
# Prepositions after a group that say where it acts, hence whose it is ("students throughout Chile").
WHERE_PREPOSITIONS = {"in", "throughout", "across"}
# Words for a part of a place after "in" ("in [eastern] Bosnia").
DIRECTIONS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
    "southwestern", "north-east", "north-west", "south-east", "south-west", "upper", "lower",
}  # fmt: skip
STANCE_PREFIXES = {"anti", "pro"}
# Capitalised words that make a demonym before them part of a sea's or a land's name ("the Indian Ocean",
# "the Persian Gulf"): a place no state acts as.
GEOGRAPHIC_FEATURES = {"ocean", "sea", "gulf", "bay", "peninsula", "strait", "straits", "channel", "basin"}
NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4}
DEFINITE = {"the", "these", "those"}
POSSESSIVE_PRONOUNS = {"his", "her", "their", "its"}
ROLE_MENTION_KINDS = {
    "title": "title", "person": "title", "body": "institution", "country": "country",
    "counterpart": "counterpart", "modifier": None, "equipment": "institution",
}  # fmt: skip
NAME_ENTITIES = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}
NAME_STOP_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# A body role alone ("the party", "police") is an actor; a person role alone ("the spokesman") only
# when coreference resolves it.
INSTITUTION_SECTORS_NAMED_BEFORE = {"MED", "PTY", "EDU", "BUS", "LAB", "NGO", "REB", "CRM"}
DE_FACTO = "PRE"  # the sector of a de facto state's authorities
STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
# Offices a bare title before the name does not tell: "President Aslan Maskhadov" of the Chechen separatists.
NON_STATE_OFFICES = {DE_FACTO, "REB"}
# Quotes around a word inside a phrase: the Russian "peacekeeping" troops.
SCARE_QUOTES = {'"', "“", "”"}
GENERIC_TITLES = {"chairman", "chairwoman", "leader", "head", "chief", "boss"}


@dataclass
class Piece:
    start: int
    end: int
    entry: Entry

    @property
    def kind(self) -> str:
        return self.entry.kind


@dataclass
class Phrase:
    """The pieces of one actor phrase, before it becomes a Mention."""

    start: int
    end: int
    places: list[Piece] = field(default_factory=list)
    roles: list[Piece] = field(default_factory=list)
    named: Piece | None = None
    name: tuple[int, int] | None = None  # tokens of a name after a title, not in the lexicon
    nested: Phrase | None = None  # "head of [the Russian Defense Ministry]"
    name_before: tuple[int, int] | None = None  # "[Kommersant] daily"
    residence: Piece | None = None  # "the Albanians of [Serbia]": where a people named lives
    holder: str | None = None  # "Gazprom chairman [Rem Vyakhirev]": who holds the title after an organisation


def is_lowercase_text(doc: Doc) -> bool:
    """True for text with (almost) no capitals, as some news feeds deliver it; case then tells nothing.
    Worked out once per Doc (from its first 400 tokens) and kept in `doc.user_data`."""
    known = doc.user_data.get(LOWERCASE_KEY)
    if known is None:
        sample = doc[:400].text
        letters = sum(map(str.isalpha, sample))
        upper = sum(map(str.isupper, sample))
        known = doc.user_data[LOWERCASE_KEY] = letters > 0 and upper < 0.005 * letters
    return known


class ActorRecognizer:
    """The `dyads_actors` component."""

    def __init__(self, nlp: Language, lexicon: ActorLexicon | None = None):
        self.lexicon = lexicon or load_lexicon()
        self.matcher = self.lexicon.matcher(nlp.vocab, nlp.tokenizer)

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        when = document.date if document is not None else None
        builder = PhraseBuilder(doc, self.pieces(doc), self.lexicon, when)
        mentions = builder.mentions()
        doc._.actor_mentions = mentions
        doc._.mention_at = index_mentions(mentions)
        return doc

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
        chosen.sort(key=lambda p: p.start)
        document = doc._.document
        if document is not None and document.date is not None:
            chosen = [_as_of(piece, document.date) for piece in chosen]
        if lowercase:
            return chosen
        pieces = _with_introduced_organisations(doc, self._with_near_misses(doc, chosen, taken))
        return _with_introduced_acronyms(doc, pieces)

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
        if entry.kind in PLACE_KINDS and _after_stance_prefix(doc, start):
            return False  # an "anti-Syria journalist" or "pro-Russian separatists" are not of that country
        if entry.kind == "demonym" and _names_a_geographic_feature(doc, end):
            return False
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


class PhraseBuilder:
    def __init__(self, doc: Doc, pieces: list[Piece], lexicon: ActorLexicon, when: date | None):
        self.doc = doc
        self.pieces = pieces
        self.lexicon = lexicon
        self.when = when
        self.lowercase = is_lowercase_text(doc)
        self.piece_starting = {piece.start: index for index, piece in enumerate(pieces)}
        self.covered = [False] * len(doc)
        self.place_at = [False] * len(doc)
        self.name_place_at = [False] * len(doc)
        for piece in pieces:
            self.covered[piece.start : piece.end] = [True] * (piece.end - piece.start)
            if piece.kind in PLACE_KINDS:
                self.place_at[piece.start : piece.end] = [True] * (piece.end - piece.start)
            if piece.kind in NAME_PLACE_KINDS and piece.end - piece.start == 1:
                self.name_place_at[piece.start] = True

    def mentions(self) -> list[Mention]:
        mentions: list[Mention] = []
        index = 0
        while index < len(self.pieces):
            phrase, index = self.phrase(index)
            if phrase is not None:
                mention = self.to_mention(phrase)
                if mention is not None and (not mentions or mention.start >= mentions[-1].end):
                    mentions.append(mention)
        return mentions

    # -- grouping pieces into phrases ------------------------------------------------------------------

    def phrase(self, index: int) -> tuple[Phrase | None, int]:
        """The phrase starting at piece `index`, and the index of the first piece after it."""
        pieces = self.pieces
        first = pieces[index]
        phrase = Phrase(first.start, first.start)
        k = index
        if first.kind in NAMED_KINDS:
            phrase.named = first
            phrase.end = first.end
            return phrase, self._holder_after(phrase, self._trailing_roles(phrase, k + 1))
        if first.kind in PLACE_KINDS:
            phrase.places.append(first)
            phrase.end = first.end
            k += 1
            while (
                k < len(pieces)
                and pieces[k].kind in PLACE_KINDS
                and self._hyphen_joined(phrase.end, pieces[k])
            ):
                phrase.places.append(pieces[k])
                phrase.end = pieces[k].end
                k += 1
            if first.kind == "people" and len(phrase.places) == 1:
                residence = self._residence(phrase, k)
                if residence is not None:
                    phrase.residence, phrase.end = self.pieces[residence], self.pieces[residence].end
                    return phrase, residence + 1
            after = self._after_place(phrase.end)
            joins = k < len(pieces) and pieces[k].kind not in PLACE_KINDS
            if joins and self._continues(after, pieces[k], names_between=not self.lowercase):
                phrase.end = after
            else:
                return phrase, k
        while (
            k < len(pieces)
            and pieces[k].kind == "role"
            and self._continues(
                phrase.end,
                pieces[k],
                names_between=bool(phrase.places) and not phrase.roles and not self.lowercase,
            )
        ):
            if (
                phrase.roles
                and phrase.roles[-1].entry.role in ("title", "person")
                and phrase.roles[-1].entry.plural
            ):
                break  # "officials" ends a phrase: "officials police" is two
            phrase.roles.append(pieces[k])
            phrase.end = pieces[k].end
            k += 1
        if phrase.roles and not phrase.places:
            phrase.name_before = self._name_before(phrase)
        head = phrase.roles[-1].entry if phrase.roles else None
        named_next = k < len(pieces) and pieces[k].kind in NAMED_KINDS
        if named_next and self._continues(phrase.end, pieces[k], gap=not phrase.roles):
            if head is None or head.role in ("title", "person", "modifier") or pieces[k].kind != "person":
                phrase.named = pieces[k]
                phrase.end = pieces[k].end
                k = self._trailing_roles(phrase, k + 1)
        elif head is not None and head.role == "title" and not head.plural:
            phrase.name = self._name_after(phrase.end)
            if phrase.name:
                phrase.end = phrase.name[1]
                k = self._name_closed_by_person(phrase, k)
            else:
                k = self._name_in_apposition(phrase, k)
        if phrase.named is None and phrase.name is None and phrase.roles:
            k = self._extend_of_in(phrase, k)
        elif phrase.roles and not phrase.places and (phrase.name or phrase.named.kind == "person"):
            k = self._country_after_name(phrase, k)
        return phrase, k

    def _next_piece_at(self, token: int, k: int) -> int | None:
        """The index of the piece starting at `token`, if only pieces inside the phrase come before it."""
        index = self.piece_starting.get(token)
        if index is None or index < k or any(p.end > token for p in self.pieces[k:index]):
            return None
        return index

    def _after_place(self, end: int) -> int:
        """Where the rest of a phrase may begin after a place: past a possessive ("Russia['s] army") or
        "-led" ("Vietnamese[-led] forces" are Vietnam's)."""
        doc = self.doc
        if end < len(doc) and doc[end].text in POSSESSIVE:
            return end + 1
        if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "led":
            return end + 2 if not doc[end - 1].whitespace_ and not doc[end].whitespace_ else end
        return end

    def _residence(self, phrase: Phrase, k: int) -> int | None:
        """'The Albanians of southern Serbia', 'ethnic Albanians in Macedonia': a community is coded by the
        country it lives in. Without "ethnic", "in" says no more than where they are ("Americans in Iraq")."""
        doc, end = self.doc, phrase.end
        ethnic = phrase.start > 0 and doc[phrase.start - 1].lower_ == "ethnic"
        if end >= len(doc) or not (doc[end].lower_ == "of" or doc[end].lower_ == "in" and ethnic):
            return None
        start = end + 1
        while (
            start < len(doc) and start - end <= 3 and (doc[start].lower_ == "the" or doc[start].pos_ == "ADJ")
        ):
            start += 1
        index = self._next_piece_at(start, k)
        if index is None or self.pieces[index].kind not in ("country", "region"):
            return None
        return index

    def _name_in_apposition(self, phrase: Phrase, k: int) -> int:
        """'a rebel commander, Magomed Tsagaroev, was killed': the name set off by commas after a title is
        its holder's: a known person, or a name of two words or more the parser takes for a person's."""
        doc, comma = self.doc, phrase.end
        if comma + 1 >= len(doc) or doc[comma].text != "," or self.lowercase:
            return k
        index = self._next_piece_at(comma + 1, k)
        if index is not None and self.pieces[index].kind == "person":
            if _closes_apposition(doc, self.pieces[index].end):
                phrase.named, phrase.end = self.pieces[index], self.pieces[index].end
                return index + 1
            return k
        name = self._name_after(comma + 1)
        if (
            name
            and name[1] - name[0] >= 2
            and doc[name[0]].ent_type_ == "PERSON"
            and _closes_apposition(doc, name[1])
        ):
            phrase.name, phrase.end = name, name[1]
        return k

    def _name_closed_by_person(self, phrase: Phrase, k: int) -> int:
        """'President Omar El [Bashir]': a known person's name that ends the name after a title is that
        person."""
        index = self._next_piece_at(phrase.end, k)
        if index is None or self.pieces[index].kind != "person":
            return k
        person = self.pieces[index].entry
        if not self._first_names_agree(phrase.name, person) and not _offices_agree(phrase.roles, person):
            phrase.end = self.pieces[index].end  # "Gen. Samuel [Ortega]": another Ortega, name unknown
            phrase.name = (phrase.name[0], phrase.end)
            return index + 1
        phrase.named, phrase.name = self.pieces[index], None
        phrase.end = self.pieces[index].end
        return index + 1

    def _first_names_agree(self, name: tuple[int, int], person: Entry) -> bool:
        """Are the words before a known surname part of that person's name ("Omar El" of "Omar Hassan
        al-Bashir"), rather than another person's ("Samuel" before "Ortega")? Spellings vary ("Mohamed",
        "Mohammed"): the first three letters decide."""
        known = {word[:3] for word in (person.name or "").lower().replace("-", " ").split()}
        words = [t.lower_ for t in self.doc[name[0] : name[1]] if t.is_alpha and t.lower_ not in NAME_LINKS]
        return all(word[:3] in known for word in words)

    def _country_after_name(self, phrase: Phrase, k: int) -> int:
        """'King Hassan of Morocco', 'President Kim of South Korea': the country a titled person serves."""
        doc, end = self.doc, phrase.end
        if end + 1 >= len(doc) or doc[end].lower_ != "of":
            return k
        start = end + 2 if doc[end + 1].lower_ == "the" else end + 1
        index = self._next_piece_at(start, k)
        if index is None or self.pieces[index].kind not in ("country", "capital"):
            return k
        phrase.places.append(self.pieces[index])
        phrase.end = self.pieces[index].end
        return index + 1

    def _trailing_roles(self, phrase: Phrase, k: int) -> int:
        """Roles right after a name belong to it: "Kommersant daily", "Boko Haram militants"."""
        pieces = self.pieces
        while k < len(pieces) and pieces[k].kind == "role" and self._only_descriptors(phrase.end, pieces[k]):
            phrase.roles.append(pieces[k])
            phrase.end = pieces[k].end
            k += 1
        return k

    def _holder_after(self, phrase: Phrase, k: int) -> int:
        """'Gazprom chairman Rem Vyakhirev', 'NATO Secretary General Javier Solana': the person named after an
        organisation's title holds it; the organisation still says whose office it is."""
        if phrase.named.kind == "person" or not phrase.roles:
            return k
        head = phrase.roles[-1].entry
        if head.role != "title" or head.plural:
            return k
        index = self._next_piece_at(phrase.end, k)
        if index is not None and self.pieces[index].kind == "person":
            phrase.holder = self.pieces[index].entry.name
            phrase.end = self.pieces[index].end
            return index + 1
        name = self._name_after(phrase.end)
        if name is not None:
            phrase.holder = self.doc[name[0] : name[1]].text
            phrase.end = name[1]
        return k

    def _only_descriptors(self, end: int, piece: Piece) -> bool:
        """Nothing, or words such as "weapons", "peacekeeping" between a name and the role after it."""
        between = self.doc[end : piece.start]
        return piece.start >= end and len(between) <= 2 and all(t.lower_ in DESCRIPTORS for t in between)

    def _continues(self, end: int, piece: Piece, gap: bool = True, names_between: bool = False) -> bool:
        """Is `piece` part of the phrase ending at token `end`? Only fillers may stand between, and with
        `names_between` unknown names too ("Turkish Kurd refugees", "Nicaragua's Sandinista government")."""
        if piece.start < end:
            return False
        between = self.doc[end : piece.start]
        if len(between) > (3 if gap else 0):
            return False
        return all(
            t.lower_ in PHRASE_FILLERS
            or t.lower_ in DESCRIPTORS
            or t.text in SCARE_QUOTES
            or (t.pos_ in ("ADJ", "NUM") and t.is_alpha)
            or (names_between and self._unknown_name_word(t))
            for t in between
        )

    def _unknown_name_word(self, token) -> bool:
        return (
            token.pos_ == "PROPN"
            and token.is_alpha
            and token.text[:1].isupper()
            and not self.covered[token.i]
            and token.ent_type_ not in NAME_STOP_ENTITIES
        )

    def _hyphen_joined(self, end: int, piece: Piece) -> bool:
        """'Japanese-U.S.', 'U.S.-Russian': places joined by a hyphen or slash into one group."""
        return (
            piece.start == end + 1
            and self.doc[end].text in ("-", "/", "–")
            and not self.doc[end - 1].whitespace_
        )

    def _name_after(self, start: int) -> tuple[int, int] | None:
        """A person's name right after a title ("Defense Minister [Igor Sergeev]")."""
        doc = self.doc
        end = start
        while end < len(doc) and end - start < 8:
            token = doc[end]
            if token.ent_type_ in NAME_STOP_ENTITIES:
                break
            if end > start and token.lower_ in NAME_LINKS and self._name_goes_on(end + 1):
                end += 1
                continue
            if self.covered[end] and not (end > start and self.place_at[end] or self.name_place_at[end]):
                break  # a place word may go on a name ("Hugo Salinas"), only a town's name begin one
            if not continues_name(doc, start, end, self._name_word):
                break
            end += 1
        while end > start and doc[end - 1].text == "-":
            end -= 1
        return (start, end) if end > start else None

    def _name_goes_on(self, i: int) -> bool:
        """After a link word ("bin", "al"): a capitalised word, or a hyphen glued to one ("al-Thani")."""
        doc = self.doc
        if i < len(doc) and doc[i].text == "-" and not doc[i].whitespace_:
            i += 1
        return i < len(doc) and not self.covered[i] and self._name_word(doc[i])

    def _name_word(self, token) -> bool:
        if self.lowercase:
            return token.ent_type_ == "PERSON"
        return token.text[:1].isupper() and (token.is_alpha or _is_initial(token.text))

    def _name_before(self, phrase: Phrase) -> tuple[int, int] | None:
        """An unknown name right before an institution ("[Kommersant] daily", "[Bharat Sena] party")."""
        head = phrase.roles[0].entry
        if self.lowercase or head.role != "body" or not set(head.sectors) & INSTITUTION_SECTORS_NAMED_BEFORE:
            return None
        start = phrase.start
        while start > 0 and phrase.start - start < 4:
            token = self.doc[start - 1]
            if self.covered[start - 1] or token.is_sent_start or token.ent_type_ in NAME_STOP_ENTITIES:
                break
            if not (token.text[:1].isupper() and token.is_alpha and token.pos_ == "PROPN"):
                break
            start -= 1
        return (start, phrase.start) if start < phrase.start else None

    def _extend_of_in(self, phrase: Phrase, k: int) -> int:
        """'head of the Russian Defense Ministry', 'the government in North Korea', 'Ministry of Mines',
        'a spokesman for the Taliban'."""
        doc = self.doc
        end = phrase.end
        if end >= len(doc):
            return k
        head = phrase.roles[-1].entry
        speaks_for = doc[end].lower_ == "for" and head.role in ("person", "title")
        if doc[end].lower_ not in ("of", *WHERE_PREPOSITIONS) and not speaks_for:
            return k
        if doc[end].lower_ in WHERE_PREPOSITIONS and (phrase.places or _foreign_able(phrase.roles)):
            return k  # troops "in" a country are rarely that country's; rebels and gunmen usually are
        nxt = end + 2 if end + 1 < len(doc) and doc[end + 1].lower_ == "the" else end + 1
        while (
            nxt not in self.piece_starting
            and nxt < len(doc)
            and doc[nxt].lower_ in DIRECTIONS
            and nxt - end <= 3
        ):
            nxt += 1  # "rebels in [southern] Sudan", but "in [North Korea]"
        index = self.piece_starting.get(nxt)
        if index is not None and index >= k:
            nested, after = self.phrase(index)
            # "in" needs a place or a name: "militants in the country" leaves "the country" to coreference
            says_where = nested is not None and (nested.places or nested.named)
            if says_where or nested is not None and nested.roles and doc[end].lower_ in ("of", "for"):
                phrase.nested = nested
                phrase.end = nested.end
                return after
        if doc[end].lower_ == "of" and head.role == "body" and not self.lowercase:
            stop = nxt
            while (
                stop < len(doc)
                and not self.covered[stop]
                and doc[stop].text[:1].isupper()
                and doc[stop].is_alpha
            ):
                stop += 1
            if stop > nxt:
                phrase.end = stop  # "Ministry of Mines"
        return k

    # -- from phrase to mention ------------------------------------------------------------------------

    def to_mention(self, phrase: Phrase) -> Mention | None:
        doc = self.doc
        countries = [c for piece in phrase.places for c in piece.entry.countries]
        if phrase.residence is not None:
            countries = list(phrase.residence.entry.countries)
        sectors = _role_sectors(phrase.roles)
        head = phrase.roles[-1].entry if phrase.roles else None
        if head is not None and head.role == "country" and all(p.kind in REGION_KINDS for p in phrase.places):
            countries = []  # "the Balkan country" is a description of a country named elsewhere
        name = title = code = None
        kind = ROLE_MENTION_KINDS.get(head.role) if head is not None else None
        if head is not None and head.role in ("title", "person"):
            title = doc[phrase.roles[0].start : phrase.roles[-1].end].text
        if phrase.nested is not None and not phrase.nested.roles and not phrase.nested.named:
            countries = countries or [c for piece in phrase.nested.places for c in piece.entry.countries]
        elif phrase.nested is not None:
            nested = self.to_mention(phrase.nested)
            if nested is not None:
                countries = countries or [a.country for a in nested.actors if a.country]
                inherited = [s for s in nested.actor.sectors if s not in sectors]
                if head is not None and head.role in ("title", "person") and len(phrase.roles) == 1:
                    sectors = nested.actor.sectors + [s for s in sectors if s not in nested.actor.sectors]
                elif head is not None and head.role == "body":
                    sectors = sectors + inherited
                if nested.actor.code and nested.actor.code.startswith(("IGO", "NGO")) and not countries:
                    code = nested.actor.code
        if phrase.named is not None:
            entry = phrase.named.entry
            if entry.kind == "person":
                kind = "person"
                name = entry.name
                term = entry.term_at(self.when)
                if term is not None:
                    if term.country and phrase.places and all(p.kind in REGION_KINDS for p in phrase.places):
                        countries = [term.country]  # "reports from Miami President Evo Morales": a city is no one's country
                    else:
                        countries = countries or ([term.country] if term.country else [])
                    said = [] if self._only_generic_titles(phrase.roles) else sectors
                    sectors = _office_sectors(said, term.sectors)
                    title = title or term.title
                else:
                    countries = countries or list(entry.countries)
                    sectors = sectors or [FORMER_OFFICE_SECTOR]
            else:
                kind = entry.kind
                countries = countries or list(entry.countries)
                sectors = list(entry.sectors) + [s for s in sectors if s not in entry.sectors]
                code = entry.code if not countries or countries == list(entry.countries) else None
                name = entry.name
                if phrase.holder is not None:
                    kind, name = "person", phrase.holder
        elif phrase.name is not None:
            kind = "person"
            name = doc[phrase.name[0] : phrase.name[1]].text
        elif head is None:
            kind = phrase.places[0].kind
            if kind in ("region", "city"):
                return None  # a place alone is a location, not an actor
            if kind == "group" or len(phrase.places) > 1:
                kind = "group"
        elif head.role == "modifier":
            return self._place_only(phrase) if phrase.places else None
        if self._of_de_facto_state(phrase):
            sectors = _de_facto_first(sectors)
        start = phrase.start
        if phrase.name_before is not None:
            start = phrase.name_before[0]
            name = doc[phrase.name_before[0] : phrase.name_before[1]].text
            kind = "organisation"
        extra = self._determiners(start, head)
        if head is not None and phrase.named is None:
            start = extra.pop("prefix_start", start)
        extra.pop("prefix_start", None)
        bare = not countries and phrase.named is None and phrase.name is None and phrase.name_before is None
        bare = bare and phrase.nested is None
        if bare and head is not None and head.role in ("title", "person", "country", "modifier"):
            extra["bare"] = True
        if bare and head is not None and head.role == "body" and not self._heads_noun_phrase(phrase):
            return None  # "daily life", "paper mill": the role word is only a modifier here
        if bare and head is not None and head.role == "equipment":
            return None  # "helicopters" are an actor only as someone's ("U.N. helicopters")
        if phrase.nested is not None:
            extra["described"] = True  # "the head of the Defense Ministry" says who it is: no coreference
        if self._ethnic(phrase):
            extra["ethnic"] = True
        if head is not None:
            extra["role"] = head.role
            extra["plural"] = head.plural
            if len(phrase.roles) > 1:
                extra["qualified"] = True  # "opposition officials": another role before it says whose
        if phrase.named is not None and phrase.named.kind == "person":
            extra["spelled"] = doc[
                phrase.named.start : phrase.named.end
            ].text  # "Heidar Aliev" for Heydar Aliyev
        span = doc[start : phrase.end]
        distinct = list(dict.fromkeys(countries)) or [None]
        actors = [
            Actor(
                text=span.text,
                code=code or actor_code(country, sectors),
                country=country,
                sectors=list(sectors),
                name=name,
                title=title,
                start=span.start_char,
                end=span.end_char,
            )
            for country in distinct
        ]
        if len(actors) > 1:
            kind = "group"
        rule = "+".join(piece.kind for piece in (*phrase.places, *phrase.roles)) or kind
        if phrase.named is not None:
            rule = f"{rule}+{phrase.named.kind}" if rule != kind else phrase.named.kind
        return Mention(start, phrase.end, actors, kind or "actor", rule=rule, extra=extra)

    def _only_generic_titles(self, roles: list[Piece]) -> bool:
        """'chairman Zurab Zhvania', 'leader Igor Smirnov': titles that do not say of what; a known person's
        own office says more."""
        return bool(roles) and all(self.doc[p.start : p.end].text.lower() in GENERIC_TITLES for p in roles)

    def _of_de_facto_state(self, phrase: Phrase) -> bool:
        """Is the phrase about a de facto state: its places ("Abkhaz", "authorities in [Tiraspol]") all of
        one, or its nested phrase one of its offices? Not a community ("ethnic Abkhaz") nor a people's
        residence."""
        places = list(phrase.places)
        if phrase.nested is not None and not places:
            places = list(phrase.nested.places)
            if phrase.nested.named is not None and phrase.nested.named.kind != "person":
                places.append(phrase.nested.named)
        if not places or phrase.residence is not None or self._ethnic(phrase):
            return False
        return all(DE_FACTO in piece.entry.sectors for piece in places)

    def _ethnic(self, phrase: Phrase) -> bool:
        """'ethnic Albanians', 'ethnic Turkish leaders': a community named for a people, wherever it lives."""
        people = len(phrase.places) == 1 and phrase.places[0].kind in ("demonym", "people")
        before = phrase.places[0].start - 1 if phrase.places else -1
        return people and phrase.residence is None and before >= 0 and self.doc[before].lower_ == "ethnic"

    def _place_only(self, phrase: Phrase) -> Mention | None:
        places_end = phrase.places[-1].end
        return self.to_mention(Phrase(phrase.start, places_end, places=phrase.places))

    def _heads_noun_phrase(self, phrase: Phrase) -> bool:
        last = self.doc[phrase.end - 1]
        return last.pos_ in ("NOUN", "PROPN") and last.dep_ not in ("amod", "compound", "nmod")

    def _determiners(self, start: int, head: Entry | None) -> dict:
        """Number, definiteness and possessor from the words before a phrase ("the two", "his")."""
        extra: dict = {"definite": False}
        position = start - 1
        while position >= 0 and start - position <= 3:
            word = self.doc[position].lower_
            if word in NUMBER_WORDS:
                extra["number"] = NUMBER_WORDS[word]
            elif word in DEFINITE:
                extra["definite"] = True
                extra["prefix_start"] = position
                break
            elif word in POSSESSIVE_PRONOUNS and head is not None and head.role == "counterpart":
                extra["definite"] = True
                extra["possessor"] = position
                extra["prefix_start"] = position
                break
            elif self.doc[position].pos_ != "ADJ":
                break
            position -= 1
        if "number" in extra and "prefix_start" not in extra:
            extra["prefix_start"] = position + 1
        return extra


def _role_sectors(roles: list[Piece]) -> list[str]:
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


def _de_facto_first(sectors: list[str]) -> list[str]:
    """A de facto state's own offices are its authorities' (PRE first: "Abkhaz president", "Abkhaz forces",
    "Abkhazia" alone); its people in other roles keep theirs ("Abkhaz refugees")."""
    if sectors and sectors[0] not in STATE_SECTORS | {DE_FACTO}:
        return sectors
    return [DE_FACTO] + [s for s in sectors if s != DE_FACTO]


def _office_sectors(said: list[str], held: tuple[str, ...]) -> list[str]:
    """Sectors of a known person: the title said before the name ("Defense Minister ..."), unless the office
    held is a de facto state's or a rebel one, which a bare state title does not tell."""
    if not said:
        return list(held)
    if held[0] in NON_STATE_OFFICES and said[0] in STATE_SECTORS:
        return list(held) + [s for s in said if s not in held]
    return said


def _foreign_able(roles: list[Piece]) -> bool:
    """Troops may serve abroad: "forces in Bosnia" need not be Bosnia's. A faith before them ("Moslem
    forces in Bosnia") or a government ("government troops in Congo") makes them a local force."""
    local = any(_is_attribute(piece.entry) or "GOV" in piece.entry.sectors for piece in roles[:-1])
    return "MIL" in roles[-1].entry.sectors and not local


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


def _closes_apposition(doc: Doc, end: int) -> bool:
    return end >= len(doc) or doc[end].text in (",", ".", ";", ")")


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


def _offices_agree(roles: list[Piece], person: Entry) -> bool:
    """Could the title before a name be one this known person held ("President" for a president)?"""
    sectors = _role_sectors(roles)
    return not sectors or any(sectors[0] in term.sectors for term in person.terms)


def _is_attribute(entry: Entry) -> bool:
    return entry.role == "modifier" and set(entry.sectors) <= ATTRIBUTE_SECTORS


def continues_name(doc: Doc, start: int, i: int, is_name_word) -> bool:
    """Does token `i` continue a name begun at `start`? Hyphenated parts count ("Kim Dae-jung")."""
    token = doc[i]
    if i > start and token.text == "-":
        return not token.whitespace_ and not doc[i - 1].whitespace_
    if i > start and doc[i - 1].text == "-" and not doc[i - 1].whitespace_:
        return token.is_alpha
    return is_name_word(token)


def _is_initial(text: str) -> bool:
    return len(text) <= 4 and text.endswith(".") and text[:1].isupper()


def index_mentions(mentions: list[Mention]) -> dict[int, int]:
    return {
        token: index for index, mention in enumerate(mentions) for token in range(mention.start, mention.end)
    }


# user_files: users' own actor tables as [name, text] pairs (`dyads.user_lexicons`), over the shipped ones
@Language.factory("dyads_actors", default_config={"user_files": []})
def make_actor_recognizer(nlp: Language, name: str, user_files: list[list[str]]) -> ActorRecognizer:
    return ActorRecognizer(nlp, load_lexicon(tuple(LexiconFile(*pair) for pair in user_files)))


@lru_cache(maxsize=2)
def _phrase_pipeline(model: str) -> Language:
    from dyads import nlp as pipeline

    return pipeline.load(model, stages=["dyads_actors"])


def resolve_phrase(text: str, when: date | None = None, model: str | None = None) -> Actor | None:
    """Code a free actor phrase outside any document ("Russia's ambassador to Poland" → RUSGOV).

    The phrase's main mention decides (the one holding the parse root, else the first); a country it lacks
    is taken from another mention in the phrase ("professor ... at a university in Scotland"). A phrase that
    is only a city or region ("Sydney") gives that place's country. `when` picks the office a named leader
    held then (without it, their latest office).
    """
    from dyads import nlp as pipeline
    from dyads.model import Document

    nlp = _phrase_pipeline(model or pipeline.DEFAULT_MODEL)
    doc = nlp.make_doc(text.strip())
    doc._.document = Document(id="phrase", text=doc.text, date=when)
    for _, component in nlp.pipeline:
        doc = component(doc)
    mentions = doc._.actor_mentions
    if not mentions:
        return _place_of(doc, nlp)
    root = next((t.i for t in doc if t.dep_ == "ROOT"), 0)
    main = next((m for m in mentions if m.start <= root < m.end), mentions[0])
    actor = main.actor
    if actor.country is None and not (actor.code or "").startswith(("IGO", "NGO")):
        other = next((m.actor.country for m in mentions if m is not main and m.actor.country), None)
        other = other or (_place_of(doc, nlp, whole=False) or Actor("")).country
        if other:
            actor.country = other
            actor.code = actor_code(other, actor.sectors)
    return actor


def _place_of(doc: Doc, nlp: Language, whole: bool = True) -> Actor | None:
    """A city or region a phrase names ("Sydney"; with `whole`, only if it is the whole phrase)."""
    recognizer = nlp.get_pipe("dyads_actors")
    for piece in recognizer.pieces(doc):
        rest = (*doc[: piece.start], *doc[piece.end :])
        alone = all(not t.is_alpha or t.lower_ == "the" for t in rest)
        if piece.kind in PLACE_KINDS and piece.entry.country and (alone or not whole):
            span = doc[piece.start : piece.end]
            country = piece.entry.country
            return Actor(span.text, code=country, country=country, start=span.start_char, end=span.end_char)
    return None
