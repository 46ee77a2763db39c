"""Plurals that sum up actors named before: "the two defense ministers" → the two most recent fitting persons,
"the two countries" → the two most recent countries; collective nouns ("the two leaders", "both sides",
"both forces": data/actors/collectives.tsv) → the most recent actors of the kinds they may stand for,
leaving out who acts on them ("Norway urged both sides")."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.actors.coref.common import (
    PERSON_KINDS,
    PRONOUN_WINDOW,
    ResolverState,
    is_international,
    of_each_country,
)
from dyads.actors.coref.countries import PLACE_PREPOSITIONS
from dyads.actors.lexicon import actor_code, load_regional_adjectives
from dyads.actors.mention import Mention
from dyads.model import Actor

ARMED_SECTORS = {"MIL", "REB", "UAF"}
PRESS = "MED"
INFORMANT_NOUNS = {"source"}  # "U.N. sources say": whose sources tell of the parties
REBELS = "REB"
# First words of a number that sums up actors named before ("the two men", "both sides"); "two men were
# killed" is about two others.
SUMMING_UP = {"the", "these", "those", "both"}


class CollectiveRules(ResolverState):
    """Groups of actors named before."""

    def _restricted(self, mention: Mention) -> bool:
        """'the countries that agreed to contribute': a relative clause says which, not an earlier mention;
        so does a region's adjective without a number ('the Nordic countries', 'the Western nations'), where
        'the two Asian countries' still sums up two named before."""
        root = self.doc[mention.start : mention.end].root
        regional = load_regional_adjectives()
        named_region = not mention.extra.get("number") and any(
            child.dep_ in ("amod", "compound") and child.lower_ in regional for child in root.children)
        return named_region or any(child.dep_ == "relcl" for child in root.children)

    def _one_against_the_other(self, mention: Mention) -> bool:
        """'Each side accuses the other', 'each country blamed the other side', 'each side fired on the other':
        the subject after "each" is one of two parties whose verb acts on "the other", so the two together.
        Not "the other" as a place ("supports rebels in the other")."""
        root = self.doc[mention.start : mention.end].root
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        verb = root.head
        for token in verb.subtree:
            if token.lower_ != "other" or self.doc[token.i - 1].lower_ != "the":
                continue
            party = token.head if token.dep_ == "amod" else token  # "the other side"
            if party.dep_ in ("dobj", "dative") and party.head == verb:
                return True
            preposition = party.head
            if (party.dep_ == "pobj" and preposition.head == verb
                    and preposition.lower_ not in PLACE_PREPOSITIONS):
                return True
        return False

    def _collective(self, mention: Mention, kinds: tuple[str, ...]) -> bool:
        """'the two leaders', 'both sides' (collectives.tsv): the N most recent distinct actors of the first
        kind the noun may stand for of which enough were named, leaving out who acts on them."""
        excluded = self._actors_acting_on(mention)
        for kind in kinds:
            if kind == "person" and self._group_of_persons(mention, any_sector=True, excluded=excluded):
                return True
            if kind in ("country", "government"):
                sectors = [] if kind == "country" else ["GOV"]
                if self._group_of_countries(mention, sectors, excluded=excluded):
                    return True
            if kind == "force" and self._group_of_parties(mention, excluded, ARMED_SECTORS):
                return True
            if kind == "party" and self._group_of_parties(mention, excluded):
                return True
        return False

    def _actors_acting_on(self, mention: Mention) -> list[Actor]:
        """The actors of who acts on a mention ("Norway urged both sides"; `_doers_acting_on`): who acts on
        the actors summed up is not one of them."""
        doers = self._doers_acting_on(mention)
        return [
            actor
            for token in doers
            for earlier in self.history
            if earlier.start <= token.i < earlier.end
            for actor in earlier.actors
        ]

    def _group_of_persons(self, mention: Mention, any_sector: bool = False, excluded: list[Actor] = ()) -> bool:
        """'the two defense ministers' → the N most recent distinct persons who fit (with `any_sector`,
        whatever their sector: "the two men"), none of the `excluded`."""
        wanted = mention.extra.get("number", 2)
        actor = mention.actor
        members: list[Mention] = []
        names: set[str] = {other.name for other in excluded if other.name}
        for earlier in reversed(self.history):
            other = earlier.actor
            if earlier.is_group or earlier.kind not in PERSON_KINDS | {"pronoun"} or not other.name:
                continue
            if self._root(earlier).extra.get("stranger"):
                continue  # a voice the report quotes, not one of the parties it sums up
            if actor.country and other.country != actor.country:
                continue
            if actor.sectors and not any_sector and not set(actor.sectors) <= set(other.sectors):
                continue
            if other.name not in names:
                names.add(other.name)
                members.append(self._root(earlier))
            if len(members) == wanted:
                break
        return self._make_group(mention, members, wanted)

    def _group_of_countries(
        self, mention: Mention, sectors: list[str] = (), excluded: list[Actor] = ()
    ) -> bool:
        """'the two countries' → the N most recently named distinct countries, none of the `excluded`
        (with `sectors`, their institutions of those sectors: "the two governments")."""
        wanted = mention.extra.get("number", 2)
        members: list[Mention] = []
        countries: set[str] = set()
        unwanted = {actor.country for actor in excluded if actor.country} | self._other_party_countries(mention)
        for earlier in reversed(self.history):
            for member in earlier.actors:
                country = member.country
                if (country and country not in countries | unwanted and earlier.kind not in ("pronoun",)
                        and not _press(member)):
                    countries.add(country)
                    members.append(earlier)
            if len(countries) >= wanted:
                break
        if len(countries) < wanted:
            return False
        chosen = []
        seen: set[str] = set()
        for earlier in members:
            for member in earlier.actors:
                if member.country in countries and member.country not in seen and len(seen) < wanted:
                    seen.add(member.country)
                    code = actor_code(member.country, list(sectors))
                    chosen.append(Actor(member.country, code=code, country=member.country, sectors=list(sectors)))
        self._set_group(mention, chosen, members)
        return True

    def _group_of_parties(self, mention: Mention, excluded: list[Actor], sectors: set[str] = frozenset()) -> bool:
        """'both sides' → the N most recently named actors on distinct sides (`_side`), none of the `excluded`
        and no country named as the place where something happens ("signed in Minsk"); with `sectors`, only
        actors of such a sector ('both forces': an army and the rebels). Within that reach back, the sides one
        sentence names together come first: "the Israelis eased restrictions on the Palestinians ... the
        Administration says the two sides have begun to talk" are the Israelis and the Palestinians, not the
        Administration. A group of as many sides summed up since the sides were last named one by one is they
        (`_summed_up_sides`)."""
        wanted = mention.extra.get("number", 2)
        excluded_sides = {_side(actor) for actor in excluded}
        across: list[Mention] = []
        by_sentence: dict[int, list[Mention]] = {}
        reach = None  # the sentence where the N most recent sides are complete
        for earlier in reversed(self.history):
            sentence = self._sentence(earlier.start)
            if reach is not None and sentence < reach:
                break
            if reach is None and self._summed_up_sides(earlier, wanted, excluded_sides, sectors):
                self._set_group(mention, list(earlier.actors), earlier.extra.get("members") or [earlier])
                return True
            if not self._may_be_party(earlier, sectors):
                continue
            side = _side(earlier.actor)
            if _among(side, excluded_sides):
                continue
            together = by_sentence.setdefault(sentence, [])
            if not _among(side, {_side(m.actor) for m in together}):
                together.append(self._root(earlier))
                if len(together) == wanted:
                    return self._make_group(mention, together, wanted)
            if not _among(side, {_side(m.actor) for m in across}):
                across.append(self._root(earlier))
                if len(across) == wanted:
                    reach = sentence
        return self._make_group(mention, across, wanted)

    @staticmethod
    def _summed_up_sides(earlier: Mention, wanted: int, excluded_sides: set[tuple], sectors: set[str]) -> bool:
        """A group of as many actors on distinct sides, none excluded, summed up before ("the two men held
        their first meeting ... mediating between the two sides"): the same parties again. Not a pronoun: what
        "they" stands for is itself a guess."""
        sides = {_side(actor) for actor in earlier.actors}
        return (earlier.is_group and earlier.kind != "pronoun" and len(earlier.actors) == wanted and len(sides) == wanted
                and not any(_among(side, excluded_sides) for side in sides)
                and (not sectors or all(set(actor.sectors) & sectors for actor in earlier.actors)))

    def _may_be_party(self, earlier: Mention, sectors: set[str]) -> bool:
        """Not a group, pronoun, news agency or a country named as a place; of one of `sectors` if any."""
        other = earlier.actor
        place = earlier.kind in ("country", "capital") and self._named_as_place(earlier)
        if earlier.is_group or earlier.kind == "pronoun" or place or _press(other) or self._informants(earlier):
            return False
        if sectors and not set(other.sectors) & sectors:
            return False
        # "the rebels" of the report, whose country it settles later (countries_of_members passes it on)
        unsettled = earlier.extra.get("definite") and earlier.kind not in PERSON_KINDS and other.sectors[:1] == [REBELS]
        return bool(other.country or is_international(earlier) or unsettled)

    def _informants(self, earlier: Mention) -> bool:
        """"U.N. sources say", "diplomatic sources": whose sources tell of the parties; they are not one."""
        root = self.doc[earlier.start : earlier.end].root
        return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.lemma_.lower() in INFORMANT_NOUNS

    def _offices_of_listed_countries(self, mention: Mention) -> bool:
        """'Presidents Meri of Estonia, Ulmanis of Latvia, and Adamkus of Lithuania': a plural title before
        names each said to be of a country is that office of each of the countries, a group."""
        title = self.doc[mention.end - 1]
        if title.dep_ != "compound":
            return False
        members = [
            country
            for name in _listed(title.head)
            for prep in name.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for place in prep.children if place.dep_ == "pobj"
            for country in self.mentions if country.start <= place.i < country.end and country.kind == "country"
        ]
        countries = list(dict.fromkeys(m.actor.country for m in members if m.actor.country))
        if len(countries) < 2:
            return False
        self._set_group(mention, of_each_country(mention.actor, countries), members)
        return True

    def _same_offices(self, mention: Mention) -> bool:
        """'The presidents' after 'Presidents Meri of Estonia, Ulmanis of Latvia ...': the group that plural
        title made of the offices of the countries it listed."""
        head = self.doc[mention.end - 1].lemma_.lower()
        sentence = self._sentence(mention.start)
        for earlier in reversed(self.history):
            if sentence - self._sentence(earlier.start) > PRONOUN_WINDOW:
                return False
            if earlier.is_group and self.doc[earlier.end - 1].lemma_.lower() == head and earlier.kind == "group":
                self._set_group(mention, list(earlier.actors), [earlier])
                return True
        return False

    def _make_group(self, mention: Mention, members: list[Mention], wanted: int) -> bool:
        if len(members) < wanted:
            return False
        self._set_group(mention, [m.actor for m in members], members)
        return True


def _listed(name: Token) -> list[Token]:
    """The name and those listed with it, however the parser hangs them: "Meri of Estonia, Ulmanis of Latvia",
    "Meri of Estonia and Ulmanis of Latvia" (the second name a conjunct of "Estonia")."""
    found = [name]
    for child in name.children:
        if child.dep_ in ("appos", "conj") or child.dep_ in ("prep", "pobj") and child.lower_ != "by":
            found += _listed(child)
    return found


def _press(actor: Actor) -> bool:
    """A news agency the report cites ("Reuters", "AFP") tells of the parties; it is not one of them."""
    return actor.sectors[:1] == [PRESS]


def _side(actor: Actor) -> tuple:
    """What tells two parties apart: a state organ by its country and sector (the government, the army), an
    international body by its organisation (a UN mission is the UN's); rebels of no country yet by their
    sector alone."""
    if actor.country:
        return actor.country, tuple(actor.sectors[:1])
    if not actor.international:
        return None, tuple(actor.sectors[:1])
    return (actor.code or "")[:6], ()


def _among(side: tuple, sides: set[tuple]) -> bool:
    """The side is one of `sides`: "rebels" of no country yet are on the side of any rebels named."""
    return side in sides or bool(side[1]) and any(None in (side[0], other[0]) and side[1] == other[1] for other in sides)
