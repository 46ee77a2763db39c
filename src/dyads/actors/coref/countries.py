"""A country for an actor that names none, from what the parse ties it to: its possessor ("its troops"), where
it comes from or is based ("doctors from American aid groups"), a title in apposition ("Qatar's emir, Sheikh
Hamad"), the noun it is coordinated with ("British sailors and marines"); in a sentence naming one country
only (places where things happen aside), for its government's, police's or courts' countryless counterparts ("Egyptian police dispersed demonstrators"); an ethnic
community, by the country it lives in ("ethnic Albanians in Macedonia")."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.actors.coding import DE_FACTO
from dyads.actors.coref.common import (
    PERSON_KINDS,
    STATE_SECTORS,
    ResolverState,
    is_international,
    of_each_country,
)
from dyads.actors.lexicon import actor_code
from dyads.actors.mention import Mention
from dyads.data import read_lemmas

# "a group [based] in Trinidad", "rebels [operating] in Darfur": the place says whose they are.
LOCATING_PARTICIPLES = {"based", "operating"}
# Governments, police and courts act at home: a group they deal with in a sentence that names no other
# country is of theirs ("Egyptian police dispersed demonstrators"). Refugees and soldiers are often
# foreign: not these.
DOMESTIC_AUTHORITY_SECTORS = {"COP", "JUD", "GOV"}
PLACE_PREPOSITIONS = {"in", "into", "inside"}
VISIT_VERBS = {"visit", "tour"}
DOMESTIC_GROUP_SECTORS = {"CVL", "REB", "OPP", "CRM", "EDU", "LAB", "UAF", "MED", "PTY", "REL", "AGR"}
NATIONAL_MODIFIER_DEPS = {"amod", "compound", "nmod"}
COMMUNITY_SECTOR = "CVL"  # an ethnic community without a role of its own ("ethnic Albanians")
OPPOSITION = "OPP"


class CountryRules(ResolverState):
    """Countries for actors that name none."""

    def _countries_from_authorities(self, mentions: list[Mention]) -> None:
        """In a sentence that names one country only, and names it for its government, police or courts, the
        groups without a country are that country's ("Egyptian police arrested twelve protesters"); a country
        named only as the place where something happens ("protests in Chile") does not count. So is a named
        office holder whose country is not said ("Judge Ana Ruiz charged five Chilean officials"), when no
        international body is there to be theirs: news names foreign officials with their country, local
        ones without. Pronouns are guesses and name no country here."""
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(self._sentence(mention.start), []).append(mention)
        for group in by_sentence.values():
            named = [m for m in group if m.kind != "pronoun" and any(a.country for a in m.actors) and not self._visited(m)]
            actors = [m for m in named if not self._destination(m)] or named
            countries = {actor.country for mention in actors for actor in mention.actors if actor.country}
            if len(countries) != 1:
                continue
            country = countries.pop()
            international = any(is_international(m) for m in group)
            authority = any(_is_domestic_authority(m) for m in group)
            # "Prime Minister Allawi thanked the United States": a state dealt with is not the office holder's
            addressed = all(self._addressed(m) for m in actors)
            for mention in group:
                domestic_group = authority and _is_domestic_group_without_country(mention)
                if domestic_group or not (international or addressed) and _is_titled_stranger(mention):
                    mention.actor.country = country
                    mention.actor.code = actor_code(country, mention.actor.sectors)

    def _countries_along_chains(self, mentions: list[Mention]) -> None:
        """A person whose country a sentence settled after a later mention had copied them ("riot police in
        Honduras broke up marches by supporters of ousted President Manuel Zelaya"; "Foreign Minister Shah
        Mehmood Qureshi ... told reporters Islamabad is optimistic") is of it wherever the report names them
        again ("Qureshi", "he")."""
        for mention in mentions:
            actor = mention.actor
            if mention.is_group or actor.country or not actor.name:
                continue
            settled = self._root(mention).actor
            if settled.country and settled.name == actor.name:
                actor.country = settled.country
                actor.code = actor_code(settled.country, actor.sectors)

    def _addressed(self, mention: Mention) -> bool:
        """A country or capital named as what a verb acts on or is aimed at ("thanked the United States",
        "appealed to Japan"), not as whose people or offices act."""
        root = self.doc[mention.start : mention.end].root
        return mention.kind in ("country", "capital") and (
            root.dep_ in ("dobj", "dative") or root.dep_ == "pobj" and root.head.head.pos_ == "VERB")

    def _destination(self, mention: Mention) -> bool:
        """A country named only as where something happens ("plotting attacks in France"), or its mission
        abroad ("took refuge in the Brazilian embassy"), which stands in another. Not one after "to": that is as
        often whom something is sent or said to ("sent aid to Peru") as where one goes."""
        root = self.doc[mention.start : mention.end].root
        is_place = mention.kind == "country" or root.lemma_.lower() in mission_nouns()
        return is_place and self._named_as_place(mention)

    def _named_as_place(self, mention: Mention) -> bool:
        """Named after "in", "into", "inside": where something happens ("talks in Minsk")."""
        root = self.doc[mention.start : mention.end].root
        return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS

    def _visited(self, mention: Mention) -> bool:
        """A country or capital someone visits ("while President Menezes was visiting Nigeria"): the visitor
        is no one of the host's."""
        root = self.doc[mention.start : mention.end].root
        return mention.kind in ("country", "capital") and root.dep_ == "dobj" and root.head.lemma_.lower() in VISIT_VERBS

    @staticmethod
    def _wants_a_country(mention: Mention) -> bool:
        """A single person, office or institution that names no country and is no international body."""
        actor = mention.actor
        if mention.is_group or actor.country or actor.international:
            return False
        return mention.kind in PERSON_KINDS | {"institution"} or bool(mention.extra.get("role"))

    def _country_from_relations(self, mention: Mention) -> bool:
        """A country for an actor that names none, from a word the parse ties it to: its possessor ("its
        troops", "President Suharto's government"), where it is from ("doctors from two American aid
        groups"), where it is based ("a group based in Trinidad"), an apposition ("Qatar's emir, Sheikh
        Hamad") or the nationality of the noun it is coordinated with ("British sailors and marines"). True
        when it found one."""
        if not self._wants_a_country(mention):
            return False
        actor = mention.actor
        root = self.doc[mention.start : mention.end].root
        related = list(self._related_tokens(root, military="MIL" in actor.sectors))
        if mention.kind == "person" and actor.name:
            related += self._described_beside(mention)
        if mention.kind not in PERSON_KINDS:
            related += self._coordinated_nationality(root, actor.sectors)
        for token in related:
            country = self._country_at(token)
            if country:
                actor.country = country
                if self._de_facto_at(token) and actor.sectors[:1] and actor.sectors[0] in STATE_SECTORS:
                    actor.sectors = [DE_FACTO] + [s for s in actor.sectors if s != DE_FACTO]  # "his forces"
                actor.code = actor_code(country, actor.sectors)
                return True
        return False

    def _of_countries_summed_up(self, mention: Mention) -> bool:
        """An actor without a country whose possessor sums up several countries ("the two countries'
        ministers", "both nations' negotiators"): the same actor of each of them, a group. True when it
        made one."""
        if not self._wants_a_country(mention):
            return False
        actor = mention.actor
        root = self.doc[mention.start : mention.end].root
        for child in root.children:
            if child.dep_ != "poss":
                continue
            owner = next((m for m in reversed(self.history) if m.start <= child.i < m.end), None)
            countries = list(dict.fromkeys(a.country for a in owner.actors if a.country)) if owner else []
            if len(countries) < 2:
                return False
            self._set_group(mention, of_each_country(actor, countries), [owner])
            return True
        return False

    def _de_facto_at(self, token: Token) -> bool:
        """Is `token` in a mention of a de facto state or its authorities ("Abkhaz president Ardzinba")?"""
        mention = self._mention_holding(token)
        return mention is not None and mention.actor.sectors[:1] == [DE_FACTO]

    def _code_by_residence(self, mention: Mention) -> None:
        """'Ethnic Albanians' are coded by the country they live in, not by the people's namesake state:
        the one the parse ties them to ("operating in Macedonia"), else the nearest other state named before
        them in the sentence, or one of its institutions, else the first after them ("ethnic Turks protested
        against Sweden's decision"). Without a
        role of its own such a community is of the civilians there, not the state."""
        actor = mention.actor
        own = actor.country
        actor.sectors = actor.sectors or [COMMUNITY_SECTOR]
        actor.code = actor_code(own, actor.sectors)
        root = self.doc[mention.start : mention.end].root
        tied = (self._country_at(token) for token in self._related_tokens(root, military=False))
        country = next((c for c in tied if c and c != own), None) or self._nearest_other_state(mention, own)
        if country:
            actor.country = country
            actor.code = actor_code(country, actor.sectors)

    def _nearest_other_state(self, mention: Mention, own: str | None) -> str | None:
        sentence = self._sentence(mention.start)
        states = [
            other
            for other in self.mentions
            if other is not mention
            and self._sentence(other.start) == sentence
            and _names_state(other)
            and other.actor.country not in (own, None)
        ]
        before = [other for other in states if other.end <= mention.start]
        chosen = before[-1] if before else next(iter(states), None)
        return chosen.actor.country if chosen is not None else None

    def _related_tokens(self, root: Token, military: bool):
        for child in root.children:
            if child.dep_ == "poss" or child.dep_ == "appos" and self._is_description_at(child):
                yield child
            elif child.dep_ == "prep" and child.lower_ == "from":
                yield from _object_words(child)
            elif child.dep_ == "acl" and child.lower_ in LOCATING_PARTICIPLES and not military:
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "in":
                        yield from _object_words(prep)
        if root.dep_ == "appos" and self._is_description_at(root.head):
            yield root.head

    def _coordinated_nationality(self, root: Token, sectors: list[str]) -> list[Token]:
        """"British sailors and marines", "the Ugandan government and army": the nationality before the first
        noun is the phrase's, when it is a word of its own or both nouns are organs of a state ("Somali
        refugees and students" leaves the students' country open)."""
        first = root.head
        if root.dep_ != "conj" or first.i > root.i:
            return []
        holder = self._mention_holding(first)
        if holder is not None and sectors[:1] == [OPPOSITION] and holder.actor.sectors[:1] == ["GOV"]:
            return [first]  # "the Tajik government and opposition": one country's politics
        if holder is not None and not (
                sectors[:1] and sectors[0] in STATE_SECTORS and holder.actor.sectors[:1]
                and holder.actor.sectors[0] in STATE_SECTORS):
            return []
        return [c for c in first.children if c.dep_ in NATIONAL_MODIFIER_DEPS and c.i < first.i]

    def _described_beside(self, mention: Mention) -> list[Token]:
        """'Qatar's emir, Sheikh Hamad' or 'Sheikh Hamad, Qatar's emir': a title without a name in apposition
        to a name (the parse often misses it)."""
        doc = self.doc
        found = []
        if mention.start >= 2 and doc[mention.start - 1].text == ",":
            found.append(doc[mention.start - 2])
        if mention.end + 1 < len(doc) and doc[mention.end].text == ",":
            found.append(doc[mention.end + 1])
        return [token for token in found if self._is_description_at(token)]

    def _is_description_at(self, token: Token) -> bool:
        """Is `token` in a mention that says what someone is without naming them ("Qatar's emir")?"""
        return any(
            m.start <= token.i < m.end and m.kind in ("title", "institution") and not m.actor.name
            for m in self.mentions
            if not m.is_group
        )


def mission_nouns() -> frozenset[str]:
    return read_lemmas("actors/mission_nouns.tsv")


def _object_words(preposition: Token) -> list[Token]:
    """The words of a preposition's object, its head noun first ("from [two American aid groups]")."""
    objects = [child for child in preposition.children if child.dep_ == "pobj"]
    taken = {preposition.i, *(t.i for t in objects)}
    return objects + [t for t in preposition.subtree if t.i not in taken]


def countries_of_members(mentions: list[Mention]) -> None:
    """A person or armed group summed up in a group before their own country was settled ("opposition leader
    Riek Machar" ... "the two leaders", "the rebels" ... "the two sides") takes it in the group too."""
    for mention in mentions:
        members = mention.extra.get("members") or []
        named = {m.actor.name: m.actor for m in members if m.actor.name and m.actor.country}
        for actor in mention.actors:
            member = named.get(actor.name) if actor.name and not actor.country else None
            if member is not None:
                actor.country, actor.code = member.country, member.code
        if len(members) != len(mention.actors):
            continue
        for actor, member in zip(mention.actors, members):
            settled = member.actor
            if not actor.country and not member.is_group and settled.country and settled.sectors == actor.sectors:
                actor.country, actor.code = settled.country, settled.code


def _names_state(mention: Mention) -> bool:
    """A country by its name or seat ("Sweden", "the Kremlin"), or one of its state institutions."""
    if mention.is_group or mention.extra.get("ethnic"):
        return False
    return mention.kind in ("country", "seat") or mention.actor.sectors[:1] in (["GOV"], ["MIL"], ["COP"])


def _is_domestic_authority(mention: Mention) -> bool:
    actor = mention.actor
    return (
        not mention.is_group
        and bool(actor.country and actor.sectors)
        and (actor.sectors[0] in DOMESTIC_AUTHORITY_SECTORS)
    )


def _is_domestic_group_without_country(mention: Mention) -> bool:
    actor = mention.actor
    if mention.is_group or actor.country or actor.international:
        return False
    return bool(actor.sectors) and actor.sectors[0] in DOMESTIC_GROUP_SECTORS


def _is_titled_stranger(mention: Mention) -> bool:
    """A named holder of a state office ("Judge Ana Ruiz") whose country the lexicon does not know."""
    actor = mention.actor
    if mention.kind != "person" or mention.is_group or actor.country or not (actor.title and actor.name):
        return False
    return bool(actor.sectors) and actor.sectors[0] in STATE_SECTORS
