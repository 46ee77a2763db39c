"""The one left-to-right pass: mentions from the recogniser, name runs and pronouns in document order, each
sent to the rule that resolves it; then the countries that only the whole document settles."""

from __future__ import annotations

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc

from dyads.actors.coref.binding import BindingRules
from dyads.actors.coref.collectives import SUMMING_UP, CollectiveRules
from dyads.actors.coref.common import (
    PERSON_KINDS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    PRONOUN_WINDOW,
    STATE_SECTORS,
    THING_PRONOUNS,
    copied,
    is_international,
    names_of,
)
from dyads.actors.coref.countries import CountryRules, countries_of_members
from dyads.actors.coref.descriptions import DescriptionRules
from dyads.actors.coref.names import NameRules, name_keys
from dyads.actors.coref.pronouns import PronounRules
from dyads.actors.coref.strangers import StrangerRules
from dyads.actors.lexicon import load_collectives, load_distributive_collectives
from dyads.actors.mention import Mention
from dyads.model import Actor


class Resolver(
    StrangerRules, CountryRules, NameRules, DescriptionRules, CollectiveRules, BindingRules, PronounRules
):
    """Resolves a document's actor mentions. The rules of each concern are a base class in their own module;
    all share the state and helpers of `common.ResolverState`."""

    def __init__(self, doc: Doc, mentions: list[Mention]):
        super().__init__(doc, mentions)
        self.strangers = [] if self.lowercase else self._strangers()
        self._introduce_described_strangers()

    def run(self) -> list[Mention]:
        for kind, item in self._stream():
            if kind == "mention":
                if self._resolve_mention(item):
                    self.history.append(item)
            elif kind == "name":
                mention = self._resolve_name_run(*item)
                if mention is not None:
                    self.history.append(mention)
            else:
                mention = self._resolve_pronoun(item)
                if mention is not None:
                    self.history.append(mention)
        final = sorted(self.history, key=lambda m: m.start)
        self._countries_from_authorities(final)
        self._countries_along_chains(final)
        countries_of_members(final)
        final = sorted(final + self._resolve_quoted_first_persons(final), key=lambda m: m.start)
        position = {id(m): index for index, m in enumerate(final)}
        for mention in final:
            target = self.antecedent.get(id(mention))
            mention.antecedent = position.get(id(target)) if target is not None else None
            members = mention.extra.get("members")
            if members:
                mention.extra["members"] = [position[id(m)] for m in members if id(m) in position]
        return final

    def _stream(self):
        """Mentions, uncovered name runs and pronouns, in document order.

        Only tokens that are pronouns or words of a name seen in this document are looked at, found in one
        vectorised pass over the LOWER attribute, so the cost stays small on long documents."""
        doc = self.doc
        items: list[tuple[int, str, object]] = [(m.start, "mention", m) for m in self.mentions]
        strings = doc.vocab.strings
        pronouns = {strings.add(word) for word in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS}
        name_words = {
            strings.add(word)
            for m in self.mentions
            if m.actor.name
            for name in names_of(m)
            for word in name_keys(name)
        }
        lowers = doc.to_array([LOWER])
        wanted = numpy.isin(lowers, list(pronouns | name_words) or [0])
        run_end = -1
        for i in numpy.flatnonzero(wanted).tolist():
            if self.covered[i] or i < run_end:
                continue
            if int(lowers[i]) in pronouns:
                items.append((i, "pronoun", doc[i]))
                continue
            start = self._name_run_start(i)
            run_end = self._name_run_end(start)
            if run_end > i:
                items.append((start, "name", (start, run_end)))
        items.sort(key=lambda item: item[0])
        return [(kind, item) for _, kind, item in items]

    def _resolve_mention(self, mention: Mention) -> bool:
        """Resolve what needs resolving; False drops a mention that needed an antecedent and found none."""
        extra = mention.extra
        role = extra.get("role")
        if mention.kind == "counterpart":
            self._resolve_counterpart(mention)
            return True
        if extra.get("ethnic"):
            self._code_by_residence(mention)
        if self._of_countries_summed_up(mention):
            return True
        if self._country_from_relations(mention):
            extra.pop("bare", None)
        if mention.kind == "person" and mention.actor.name:
            earlier = self._person_named(mention.actor.name)
            if earlier is None and extra.get("definite") and not mention.actor.country:
                earlier = self._person_described(mention)  # "A U.S. envoy ... The envoy, Amos Hochstein,"
            if earlier is not None:
                self._link(mention, earlier, keep_own=True)
            return True
        if extra.get("distributive") and self._one_against_the_other(mention):
            kinds = load_distributive_collectives().get(self.doc[mention.end - 1].lower_)
            if kinds:
                return self._collective(mention, kinds) or not extra.get("bare")
        kinds = load_collectives().get(self.doc[mention.end - 1].lower_)
        if kinds and extra.get("number") and self.doc[mention.start].lower_ in SUMMING_UP:
            return self._collective(mention, kinds) or not extra.get("bare")
        if extra.get("plural") and (extra.get("definite") or extra.get("number")):
            if role == "country" and is_international(mention):
                return True  # "the G7 countries", "the EU nations": the members of the body they name
            if role == "country" and not self._restricted(mention):
                return self._group_of_countries(mention) or not extra.get("bare")
            if role == "country":
                return not extra.get("bare")
            if role in ("title", "person"):
                return self._group_of_persons(mention) or self._same_offices(mention) or not extra.get("bare")
            return True
        if extra.get("plural") and role == "title" and self._offices_of_listed_countries(mention):
            return True
        if extra.get("plural"):
            # "members", "officials" of whom? "Opposition officials" say it: they take the report's country
            return not (extra.get("bare") and role == "person" and not extra.get("qualified"))
        if role in ("title", "person") and extra.get("definite") and not extra.get("described"):
            earlier = self._person_described(mention)
            if earlier is not None:
                self._link(mention, earlier)
                return True
            if role == "title" and mention.actor.sectors[:1] and mention.actor.sectors[0] in STATE_SECTORS:
                return True  # "the general", "the judge" no one named before: the office of the report's country
        if role == "country" and extra.get("definite") and not mention.actor.country:
            earlier = self._country_described(mention)
            if earlier is not None:
                country = earlier.actor.country
                self.antecedent[id(mention)] = earlier
                mention.actors = [copied(Actor(country, code=country, country=country), mention.actor)]
                return True
        if role == "body" and extra.get("definite") and not mention.actor.country and mention.actor.sectors:
            primary = mention.actor.sectors[0]
            sentence = self._sentence(mention.start)
            earlier = self._most_recent(
                lambda m: m.kind not in PERSON_KINDS and not m.is_group and m.actor.sectors[:1] == [primary]
                and sentence - self._sentence(m.start) <= PRONOUN_WINDOW
            )
            if earlier is not None:
                self._link(mention, earlier)
        return not extra.get("bare")
