"""People no lexicon knows: the parser's named persons a later "he" may stand for, and those described beside
their name ("Ahmed Musa, a spokesman for the Sudanese army", "Uganda's Bobi Wine"), who are who the
description says wherever the report names that surname."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.actors.coref.common import ResolverState
from dyads.actors.mention import Mention
from dyads.model import Actor

# An apposition after a name ("Ali Karimli, an Azerbaijani opposition figure,") ends at one of these.
APPOSITION_ENDS = {",", ".", ";", ":", ")", "(", "—", "–", "“", "”", '"'}
APPOSITION_LENGTH = 12
APPOSITION_MODIFIERS = {"DET", "ADJ", "NUM", "ADV", "PUNCT"}
# What does not describe a person beside their name: another person, or several.
NOT_DESCRIPTIONS = {"person", "pronoun", "counterpart", "group"}
NATIONALITY_KINDS = {"country", "demonym"}  # "Uganda's Bobi Wine", "Ugandan Bobi Wine"
POSSESSIVES = {"'s", "’s"}
DESCRIBING_VERBS = {"be", "head", "lead", "chair", "direct", "run"}


class StrangerRules(ResolverState):
    """Persons the parser names and no lexicon knows."""

    def _strangers(self) -> list[Mention]:
        """People the parser names and no lexicon knows ("Moqtada al-Sadr"): not actor mentions of their
        own, but what a later "he" or "she" may stand for (its event then takes the report's country)."""
        found = []
        for entity in self.doc.ents:
            if entity.label_ == "PERSON" and not any(self.covered[entity.start : entity.end]):
                actor = Actor(entity.text, name=entity.text, start=entity.start_char, end=entity.end_char)
                found.append(Mention(entity.start, entity.end, [actor], "person", rule="entity:PERSON"))
        return found

    def _introduce_described_strangers(self) -> None:
        """'Ahmed Musa, a spokesman for the Sudanese army', 'Catherine Russell, UNICEF's executive director',
        'Uganda's Bobi Wine': a person no lexicon knows, described beside their name, is who the description
        says, and so is every other mention of that surname in the report ("Musa said ..."), before or after.
        They become mentions of their own, which pronouns resolve to."""
        identities: dict[str, list[Actor]] = {}
        for stranger in self.strangers:
            description = self._description_of(stranger)
            if description is not None:
                identities.setdefault(_surname(stranger.actor.name), description.actors)
        if not identities:
            return
        described = []
        for stranger in self.strangers:
            actors = identities.get(_surname(stranger.actor.name))
            if actors is None:
                continue
            own = stranger.actor
            stranger.actors = [
                Actor(own.text, code=actor.code, country=actor.country, sectors=list(actor.sectors),
                      name=own.name, title=actor.title, start=own.start, end=own.end)
                for actor in actors
            ]
            stranger.rule = "entity:PERSON+described"
            stranger.extra["stranger"] = True
            self.covered[stranger.start : stranger.end] = [True] * (stranger.end - stranger.start)
            described.append(stranger)
        self.strangers = [s for s in self.strangers if s not in described]
        self.mentions = sorted(self.mentions + described, key=lambda m: m.start)

    def _description_of(self, stranger: Mention) -> Mention | None:
        """The mention that says who a person is: a title right before the name ("Ugandan politician [Bobi
        Wine]"), or the first actor of an apposition after it ("[Catherine Russell], UNICEF's executive
        director,", "[Ali Karimli], an Azerbaijani opposition figure,", "[X], who is Azerbaijani,")."""
        doc = self.doc
        before = self._description_before(stranger.start) or self._office_set_before(stranger)
        if before is not None and before.kind not in NOT_DESCRIPTIONS and _says_whose(before):
            return before
        end = stranger.end
        if end >= len(doc) or doc[end].text != ",":
            return None
        stop = end + 1
        while stop < len(doc) and stop - end <= APPOSITION_LENGTH and doc[stop].text not in APPOSITION_ENDS:
            token = doc[stop]
            if token.pos_ in ("VERB", "AUX") and not _describing_verb(token) or token.is_sent_start:
                return None  # "Musa, who fled to Egypt,": a clause tells what they did, not who they are
            stop += 1
        if stop >= len(doc) or doc[stop].text not in APPOSITION_ENDS:
            return None
        inside = (m for m in self.mentions if end < m.start and m.end <= stop and doc[m.end - 1].pos_ != "VERB")
        first = next(inside, None)  # not "heads" in "who heads the party"
        if first is None or first.kind in NOT_DESCRIPTIONS:
            return None
        if not all(_modifies(token) for token in doc[end + 1 : first.start]):
            return None  # "a vocal critic of Tehran", "an expert at a university in Jakarta": not whose they are
        return first if _says_whose(first) else None

    def _description_before(self, start: int) -> Mention | None:
        """A title or role right before a name ("African Union spokesman Assane Ba"), or a country or demonym
        ("Uganda's Bobi Wine", "Ugandan Bobi Wine"). Not one set off by a comma ("the governor of Samara, Ivan
        Petrov"): the parse often takes such a name for the subject of the clause."""
        doc = self.doc
        ending_at = {m.end: m for m in self.mentions}
        if start > 0 and doc[start - 1].text in POSSESSIVES:
            start -= 1
        before = ending_at.get(start)
        return before if before is not None and (before.kind in NATIONALITY_KINDS or _names_an_office(before)) else None

    def _office_set_before(self, stranger: Mention) -> Mention | None:
        """The office a name is set beside as its apposition ("Iraq's national security adviser, Mowafaq
        al-Rubaie,", "The spokesman for the Sudan Liberation Army, Bahar Ibrahim, says"): where the parse hangs
        the name on a word of that office, not on a place after it ("Eritrea's envoy to Somalia, Yohannes Berhe")."""
        name = self.doc[stranger.start : stranger.end].root
        if name.dep_ != "appos" or name.head.i >= stranger.start:
            return None
        office = next((m for m in self.mentions if m.start <= name.head.i < m.end), None)
        return office if office is not None and _names_an_office(office) else None


def _names_an_office(mention: Mention) -> bool:
    """A title or a person's role, of one person: "Ugandan politician", "African Union spokesman"."""
    return mention.extra.get("role") in ("title", "person") and not mention.extra.get("plural")


def _surname(name: str) -> str:
    return name.lower().split()[-1]


def _says_whose(mention: Mention) -> bool:
    """A description that names a country or an international or non-governmental body."""
    return all(actor.country or actor.international for actor in mention.actors)


def _modifies(token: Token) -> bool:
    """A word that may stand before the description in an apposition: "a", "who is", "77-year-old"."""
    doc = token.doc
    hyphenated = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" or token.i > 0 and doc[token.i - 1].text == "-"
    return token.pos_ in APPOSITION_MODIFIERS or _describing_verb(token) or hyphenated


def _describing_verb(token: Token) -> bool:
    """'who is Azerbaijani', 'who heads Thailand's People's Empowerment Foundation': a copula, or a verb of
    leading a body, describes."""
    return token.lemma_ in DESCRIBING_VERBS or token.lower_ in ("who", "then")
