"""What the coreference rules share: the resolver's state (the mentions kept so far and what each resolves
to), the kinds of mention a pronoun may stand for, and the copying of an antecedent's identity."""

from __future__ import annotations

import copy
from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from dyads.actors.lexicon import actor_code
from dyads.actors.mention import Mention
from dyads.actors.pieces import is_lowercase_text
from dyads.model import Actor

PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
THING_PRONOUNS = {"it", "its", "itself"}
PERSON_KINDS = {"person", "title", "counterpart", "name"}
THING_KINDS = {"country", "capital", "seat", "organisation", "igo", "ngo", "institution"}
SUBJECTS = {"nsubj", "nsubjpass"}
PRONOUN_WINDOW = 2  # sentences before the pronoun's own in which to look for its antecedent
# Offices of a state: a named holder whose country is not said is usually of the country in the news.
# A cleric or an activist often speaks of another country ("Archbishop X called for sanctions on Y").
STATE_SECTORS = {"GOV", "JUD", "LEG", "MIL", "COP", "SPY"}
NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "del", "van", "von", "der", "le", "la", "jr.", "mr."}


class ResolverState:
    """The state of one left-to-right pass over a document, and the helpers every rule uses."""

    def __init__(self, doc: Doc, mentions: list[Mention]):
        self.doc = doc
        self.mentions = mentions
        self.lowercase = is_lowercase_text(doc)
        self.covered = [False] * len(doc)
        for mention in mentions:
            self.covered[mention.start : mention.end] = [True] * (mention.end - mention.start)
        self.history: list[Mention] = []  # mentions kept so far, in document order
        self.gender: dict[int, str] = {}  # id(person mention) → "he" | "she", once a pronoun has told
        self.antecedent: dict[int, Mention] = {}  # id(mention) → the mention it resolves to
        self.sentence_starts = (
            [sentence.start for sentence in doc.sents] if doc.has_annotation("SENT_START") else [0]
        )

    def _pronoun_mention(self, token: Token, actors: list[Actor], earlier: Mention, rule: str,
                         plural: bool) -> Mention:
        """A one-word mention of `actors`, resolved to the `earlier` mention they come from."""
        span = self.doc[token.i : token.i + 1]
        mention = Mention(token.i, token.i + 1, [copied(actor, own_actor(span)) for actor in actors], "pronoun",
                          rule=rule, extra={"pronoun": token.lower_, "plural": plural})
        self.antecedent[id(mention)] = earlier
        return mention

    def _sentence(self, token: int) -> int:
        return bisect_right(self.sentence_starts, token) - 1

    def _most_recent(self, accept) -> Mention | None:
        return next((self._root(m) for m in reversed(self.history) if accept(m)), None)

    def _root(self, mention: Mention) -> Mention:
        """The first mention of a chain: link to the original, not to a copy of it."""
        while (
            not mention.is_group
            and id(mention) in self.antecedent
            and self.antecedent[id(mention)].start < mention.start
        ):
            mention = self.antecedent[id(mention)]
        return mention

    def _link(self, mention: Mention, earlier: Mention, keep_own: bool = False) -> None:
        """Copy the antecedent's identity into the mention (keeping its text and offsets)."""
        self.antecedent[id(mention)] = earlier
        own, source = mention.actor, earlier.actor
        if keep_own:
            # "President Fox" after "Mexican President Vicente Fox": a code made without a country is remade
            stated = own.country
            own.country = own.country or source.country
            own.sectors = own.sectors or list(source.sectors)
            own.code = (
                own.code
                if stated == source.country and own.code
                else actor_code(own.country, own.sectors)
            )
            return
        mention.actors = [copied(source, own)]

    def _mention_holding(self, token: Token) -> Mention | None:
        """The mention (kept so far, latest first, or found by the recogniser) that holds `token`."""
        return next((m for m in (*reversed(self.history), *self.mentions) if m.start <= token.i < m.end), None)

    def _set_group(self, mention: Mention, actors: list[Actor], members: list[Mention]) -> None:
        """The mention stands for a group of these actors, summed up from the `members` mentions."""
        own = mention.actor
        mention.actors = [copied(actor, own) for actor in actors]
        mention.kind = "group"
        mention.extra["members"] = members
        self.antecedent[id(mention)] = members[0]

    def _country_at(self, token: Token) -> str | None:
        """The one country of the mention (kept so far, or found by the recogniser) that holds `token`."""
        mention = self._mention_holding(token)
        if mention is None:
            return None
        countries = {actor.country for actor in mention.actors}
        return countries.pop() if len(countries) == 1 else None


def copied(source: Actor, own: Actor) -> Actor:
    """The antecedent's identity with this mention's own text and offsets (and title, where it has one)."""
    actor = copy.copy(source)
    actor.sectors = list(source.sectors)
    actor.text, actor.start, actor.end = own.text, own.start, own.end
    actor.title = own.title or source.title
    return actor


def of_each_country(actor: Actor, countries: list[str]) -> list[Actor]:
    """The same office or body of each of the countries ("the two countries' ministers")."""
    return [replace(actor, code=actor_code(country, actor.sectors), country=country, sectors=list(actor.sectors))
            for country in countries]


def own_actor(span: Span) -> Actor:
    return Actor(span.text, start=span.start_char, end=span.end_char)


def names_of(mention: Mention) -> list[str]:
    """A person's name, lower-cased, and the spelling the text used where it differs ("heidar aliev")."""
    names = [mention.actor.name.lower()] if mention.actor.name else []
    spelled = mention.extra.get("spelled")
    return names + [spelled.lower()] if spelled else names


def is_person(mention: Mention) -> bool:
    if mention.is_group or mention.extra.get("plural"):
        return False
    if mention.kind == "pronoun":
        return mention.extra.get("pronoun") in PERSON_PRONOUNS
    # "a State Department spokesman": an organisation's code, but a person whom "he" can stand for
    return mention.kind in PERSON_KINDS or mention.extra.get("role") == "person"


def is_thing(mention: Mention) -> bool:
    if mention.is_group or mention.extra.get("plural"):
        return False
    if mention.kind == "pronoun":
        return mention.extra.get("pronoun") in THING_PRONOUNS
    return mention.kind in THING_KINDS


def is_international(mention: Mention) -> bool:
    return any(actor.international for actor in mention.actors)
