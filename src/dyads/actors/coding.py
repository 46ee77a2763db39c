"""From a phrase to a mention: the actor code, country and sectors its pieces give ("South Korean Defense
Minister Cho Sung-tae" → KORMIL, name "Cho Sung-tae"; a known person's office on the report's date), and what
coreference needs to know of it: its number and definiteness ("the two"), whether it is bare ("the
spokesman"), plural, ethnic."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from dyads.actors.lexicon import FORMER_OFFICE_SECTOR, Entry, actor_code
from dyads.actors.mention import Mention
from dyads.actors.phrases import Phrase
from dyads.actors.pieces import Piece, role_sectors
from dyads.data import read_lemmas
from dyads.model import Actor

REGION_KINDS = {"city", "region"}
NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4}
DEFINITE = {"the", "these", "those"}
DISTRIBUTIVE = {"each", "either"}  # "each side accuses the other": one of two, see coref/collectives.py
POSSESSIVE_PRONOUNS = {"his", "her", "their", "its"}
ROLE_MENTION_KINDS = {
    "title": "title", "person": "title", "body": "institution", "country": "country",
    "counterpart": "counterpart", "modifier": None, "equipment": "institution",
}  # fmt: skip
DE_FACTO = "PRE"  # the sector of a de facto state's authorities
STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
# Offices a bare title before the name does not tell: "President Aslan Maskhadov" of the Chechen separatists.
NON_STATE_OFFICES = {DE_FACTO, "REB"}
GENERIC_TITLES = {"chairman", "chairwoman", "leader", "head", "chief", "boss"}


def language_nouns() -> frozenset[str]:
    """data/actors/language_nouns.tsv: what a nationality word before them names a language of."""
    return read_lemmas("actors/language_nouns.tsv")


class PhraseCoder:
    """Makes the mention of a phrase."""

    def __init__(self, doc: Doc, when: date | None):
        self.doc = doc
        self.when = when  # a known person's office is the one held then

    def to_mention(self, phrase: Phrase) -> Mention | None:
        doc = self.doc
        countries = [c for piece in phrase.places for c in piece.entry.countries]
        if phrase.residence is not None:
            countries = list(phrase.residence.entry.countries)
        sectors = role_sectors(phrase.roles)
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
                if nested.actor.international and not countries:
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
            if kind == "demonym" and self._names_a_language(phrase):
                return None  # "known by its French acronym": the language, not the French
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
        if bare and head is not None and head.role in ("title", "body") and self._used_as_adjective(phrase):
            return None  # "the general public", "its firm opposition": an adjective spelt like a role
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

    def _names_a_language(self, phrase: Phrase) -> bool:
        """A nationality word before a noun of language ("their French acronym FNL", "its English name")."""
        last = self.doc[phrase.end - 1]
        nouns = [token for token in (last.head, *self.doc[phrase.end : phrase.end + 1]) if token.pos_ == "NOUN"]
        return any(noun.lemma_.lower() in language_nouns() for noun in nouns)

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

    def _used_as_adjective(self, phrase: Phrase) -> bool:
        last = self.doc[phrase.end - 1]
        return last.tag_ == "JJ" and last.dep_ == "amod" and last.is_lower and last.head.i > last.i

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
            elif word in DISTRIBUTIVE:
                extra["distributive"] = True
                break
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
