"""Phrases: adjacent pieces joined into whole actor phrases,

    [place ['s]] [role ...] [named person | organisation | name after a title] [of/in phrase]

so that "South Korean Defense Minister Cho Sung-tae" is one phrase: its places, its roles, the person named.
Names the lexicon does not know are found here too: after a title ("Defense Minister [Igor Sergeev]"), in an
apposition ("a rebel commander, Magomed Tsagaroev,"), before an institution ("[Kommersant] daily")."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from dyads.actors.lexicon import NAMED_KINDS, PLACE_KINDS, Entry
from dyads.actors.pieces import (
    Piece,
    foreign_able,
    hyphen_participle_after,
    is_lowercase_text,
    offices_agree,
)

POSSESSIVE = {"'s", "’s", "'", "’"}
# Named bodies whose possessive may open a phrase naming one of their offices ("NATO's top commander")
OFFICE_HOLDING_KINDS = {"igo", "ngo", "organisation", "seat"}
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
# Prepositions after a group that say where it acts, hence whose it is ("students throughout Chile").
WHERE_PREPOSITIONS = {"in", "throughout", "across"}
# Words for a part of a place after "in" ("in [eastern] Bosnia").
DIRECTIONS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
    "southwestern", "north-east", "north-west", "south-east", "south-west", "upper", "lower",
}  # fmt: skip
NAME_STOP_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# Quotes around a word inside a phrase: the Russian "peacekeeping" troops.
SCARE_QUOTES = {'"', "“", "”"}
# A body role alone ("the party", "police") is an actor; a person role alone ("the spokesman") only
# when coreference resolves it.
INSTITUTION_SECTORS_NAMED_BEFORE = {"MED", "PTY", "EDU", "BUS", "LAB", "NGO", "REB", "CRM"}


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


class PhraseBuilder:
    """Groups a Doc's pieces into phrases."""

    def __init__(self, doc: Doc, pieces: list[Piece]):
        self.doc = doc
        self.pieces = pieces
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
        a participle that makes what follows its own ("Vietnamese[-led] forces" are Vietnam's)."""
        doc = self.doc
        if end < len(doc) and doc[end].text in POSSESSIVE:
            return end + 1
        return self._after_own_participle(end)

    def _after_own_participle(self, end: int) -> int:
        return end + 2 if hyphen_participle_after(self.doc, end) == "own" else end

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
        if not self._first_names_agree(phrase.name, person) and not offices_agree(phrase.roles, person):
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
        """Roles right after a name belong to it: "Kommersant daily", "Boko Haram militants", "NATO-led
        troops"; so do a body's own offices after its possessive, as after a country's ("NATO's top
        commander", "the U.N.'s highest court")."""
        pieces = self.pieces
        end = self._after_own_participle(phrase.end)
        owned = phrase.named.kind in OFFICE_HOLDING_KINDS and end < len(self.doc) and self.doc[end].text in POSSESSIVE
        if owned and k < len(pieces) and pieces[k].kind == "role" and self._continues(end + 1, pieces[k]):
            phrase.roles.append(pieces[k])
            phrase.end = end = pieces[k].end
            k += 1
        while k < len(pieces) and pieces[k].kind == "role" and self._only_descriptors(end, pieces[k]):
            phrase.roles.append(pieces[k])
            phrase.end = end = pieces[k].end
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
        sent_by = doc[end].lower_ == "from" and not phrase.places
        if doc[end].lower_ not in ("of", *WHERE_PREPOSITIONS) and not speaks_for and not sent_by:
            return k
        if doc[end].lower_ in WHERE_PREPOSITIONS and (phrase.places or foreign_able(phrase.roles)):
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
            if sent_by:  # "inspectors from the IAEA"; "troops from Chad" is left to coreference
                if nested is not None and _international_body(nested):
                    phrase.nested = nested
                    phrase.end = nested.end
                    return after
                return k
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


def _international_body(phrase: Phrase) -> bool:
    """A phrase that names an international body and nothing else: "the International Atomic Energy Agency"."""
    return phrase.named is not None and phrase.named.entry.kind in ("igo", "ngo") and not phrase.roles and not phrase.places


def _closes_apposition(doc: Doc, end: int) -> bool:
    return end >= len(doc) or doc[end].text in (",", ".", ";", ")")


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
