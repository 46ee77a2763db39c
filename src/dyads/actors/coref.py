"""`dyads_coref`: rule-based in-document coreference for actor mentions.

No coreference library works offline, so this is a small, ordered set of rules applied in one left-to-right
pass; each later mention can only point back to what came before it (an appositive is the one exception):

- names: a later "Cho" or "President Kim" → the most recent person whose name holds that word;
- definite descriptions: "the Russian defense chief" → the most recent person of that country whose title
  or sectors fit; "the paper" → the most recent actor of that sector;
- "his Russian counterpart": the country it names, the role of the possessor ("his" → the minister);
- plurals: "the two defense ministers" → a group of the two most recent fitting persons, "the two
  countries" → the two most recent countries; nouns that sum up actors named before ("the two leaders",
  "both sides", "both forces": data/actors/collectives.tsv) → the most recent actors of the kinds they may
  stand for, leaving out the subject of the verb they are the object of ("Norway urged both sides");
- pronouns: "he/she", "they", "it" → the most compatible recent mention, subjects first (pleonastic "it"
  is skipped). A pronoun becomes a mention only when it is resolved;
- a country for an actor that names none, from what the parse ties it to: its possessor ("its troops"),
  where it comes from or is based ("doctors from American aid groups"), a title in apposition ("Qatar's
  emir, Sheikh Hamad"); and, in a sentence naming one country only (places where things happen aside),
  for its government's, police's or courts' countryless counterparts ("Egyptian police dispersed
  demonstrators"); an ethnic community, by the country it lives in ("ethnic Albanians in Macedonia");
- a person no lexicon knows, described beside their name ("Ahmed Musa, a spokesman for the Sudanese army",
  "Uganda's Bobi Wine"), is who the description says, wherever the report names that surname.

A resolved mention keeps its own text and offsets; code, country, sectors and name come from its
antecedent, and `Mention.antecedent` is the antecedent's index in `doc._.actor_mentions`.
"""

from __future__ import annotations

import copy
from bisect import bisect_right

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.actors.lexicon import actor_code, load_collectives, load_regions
from dyads.actors.mention import Mention
from dyads.actors.recognize import DE_FACTO, continues_name, index_mentions, is_lowercase_text
from dyads.model import Actor

PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
THING_PRONOUNS = {"it", "its", "itself"}
PERSON_KINDS = {"person", "title", "counterpart", "name"}
THING_KINDS = {"country", "capital", "seat", "organisation", "igo", "ngo", "institution"}
SUBJECTS = {"nsubj", "nsubjpass"}
# Who does what a verb or an event noun tells: its subject, or the noun's possessor or national modifier.
DOER_DEPS = {"nsubj", "poss", "amod", "compound"}
# Prepositions that name whom an act is aimed at or done with ("aid to", "an attack on", "talks with", "the invasion
# of"); not where a subject suffers or comes from ("suffering from the country's war").
TARGET_PREPOSITIONS = {"to", "on", "against", "of", "with", "into", "toward", "towards", "at"}
OBJECTS = {"dobj", "pobj", "dative", "iobj"}
GENDER = {"he": "he", "him": "he", "his": "he", "himself": "he", "she": "she", "her": "she", "hers": "she"}
GENDER["herself"] = "she"
PRONOUN_WINDOW = 2  # sentences before the pronoun's own in which to look for its antecedent
# "a group [based] in Trinidad", "rebels [operating] in Darfur": the place says whose they are.
LOCATING_PARTICIPLES = {"based", "operating"}
# Governments, police and courts act at home: a group they deal with in a sentence that names no other
# country is of theirs ("Egyptian police dispersed demonstrators"). Refugees and soldiers are often
# foreign: not these.
DOMESTIC_AUTHORITY_SECTORS = {"COP", "JUD", "GOV"}
# Offices of a state: a named holder whose country is not said is usually of the country in the news.
# A cleric or an activist often speaks of another country ("Archbishop X called for sanctions on Y").
STATE_SECTORS = {"GOV", "JUD", "LEG", "MIL", "COP", "SPY"}
PLACE_PREPOSITIONS = {"in", "into", "inside"}
VISIT_VERBS = {"visit", "tour"}
DOMESTIC_GROUP_SECTORS = {"CVL", "REB", "OPP", "CRM", "EDU", "LAB", "UAF", "MED", "PTY", "REL", "AGR"}
# Adjectives that describe an actor's stance ("Syria says it is ready to talk"): their "it" is no filler.
WILLING_ADJECTIVES = {
    "willing", "unwilling", "ready", "prepared", "determined", "able", "unable", "eager", "keen",
    "reluctant", "committed", "happy", "open", "obliged", "set", "intent", "resolved",
}  # fmt: skip
ARMED_SECTORS = {"MIL", "REB", "UAF"}
# First words of a number that sums up actors named before ("the two men", "both sides"); "two men were
# killed" is about two others.
SUMMING_UP = {"the", "these", "those", "both"}
COMMUNITY_SECTOR = "CVL"  # an ethnic community without a role of its own ("ethnic Albanians")
NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "del", "van", "von", "der", "le", "la", "jr.", "mr."}
# "Mister Djindjic" (transcripts spell the title out): the name is the words after it.
HONORIFICS = {"mister", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "madam", "madame", "dr", "dr."}
# An apposition after a name ("Ali Karimli, an Azerbaijani opposition figure,") ends at one of these.
APPOSITION_ENDS = {",", ".", ";", ":", ")", "(", "—", "–", "“", "”", '"'}
APPOSITION_LENGTH = 12
APPOSITION_MODIFIERS = {"DET", "ADJ", "NUM", "ADV", "PUNCT"}
# What does not describe a person beside their name: another person, or several.
NOT_DESCRIPTIONS = {"person", "pronoun", "counterpart", "group"}
NATIONALITY_KINDS = {"country", "demonym"}  # "Uganda's Bobi Wine", "Ugandan Bobi Wine"
POSSESSIVES = {"'s", "’s"}
DESCRIBING_VERBS = {"be", "head", "lead", "chair", "direct", "run"}


class Coreference:
    """The `dyads_coref` component."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.actor_mentions or []
        resolver = _Resolver(doc, mentions)
        final = resolver.run()
        doc._.actor_mentions = final
        doc._.mention_at = index_mentions(final)
        return doc


class _Resolver:
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
        _countries_of_members(final)
        position = {id(m): index for index, m in enumerate(final)}
        for mention in final:
            target = self.antecedent.get(id(mention))
            mention.antecedent = position.get(id(target)) if target is not None else None
            members = mention.extra.get("members")
            if members:
                mention.extra["members"] = [position[id(m)] for m in members if id(m) in position]
        return final

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
            international = any(_is_international(m) for m in group)
            authority = any(_is_domestic_authority(m) for m in group)
            # "Prime Minister Allawi thanked the United States": a state dealt with is not the office holder's
            addressed = all(self._addressed(m) for m in actors)
            for mention in group:
                domestic_group = authority and _is_domestic_group_without_country(mention)
                if domestic_group or not (international or addressed) and _is_titled_stranger(mention):
                    mention.actor.country = country
                    mention.actor.code = actor_code(country, mention.actor.sectors)

    def _addressed(self, mention: Mention) -> bool:
        """A country or capital named as what a verb acts on or is aimed at ("thanked the United States",
        "appealed to Japan"), not as whose people or offices act."""
        root = self.doc[mention.start : mention.end].root
        return mention.kind in ("country", "capital") and (
            root.dep_ in ("dobj", "dative") or root.dep_ == "pobj" and root.head.head.pos_ == "VERB")

    def _destination(self, mention: Mention) -> bool:
        """A country named only as where something happens ("plotting attacks in France"). Not one after "to":
        that is as often whom something is sent or said to ("sent aid to Peru") as where one goes."""
        return mention.kind == "country" and self._named_as_place(mention)

    def _named_as_place(self, mention: Mention) -> bool:
        """Named after "in", "into", "inside": where something happens ("talks in Minsk")."""
        root = self.doc[mention.start : mention.end].root
        return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS

    def _visited(self, mention: Mention) -> bool:
        """A country or capital someone visits ("while President Menezes was visiting Nigeria"): the visitor
        is no one of the host's."""
        root = self.doc[mention.start : mention.end].root
        return mention.kind in ("country", "capital") and root.dep_ == "dobj" and root.head.lemma_.lower() in VISIT_VERBS

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
        before = self._description_before(stranger.start)
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

    def _sentence(self, token: int) -> int:
        return bisect_right(self.sentence_starts, token) - 1

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
            for name in _names(m)
            for word in _name_keys(name)
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

    def _name_run_start(self, i: int) -> int:
        """Back over the name words before `i` ("Sung-tae" in "Cho Sung-tae" starts at "Cho")."""
        doc = self.doc
        while i > 0 and not self.covered[i - 1] and (doc[i - 1].text == "-" or self._name_like(doc[i - 1])):
            i -= 1
        while doc[i].text == "-" or doc[i].lower_ in HONORIFICS:
            i += 1
        return i

    def _name_run_end(self, start: int) -> int:
        doc = self.doc
        end = start
        while end < len(doc) and not self.covered[end] and continues_name(doc, start, end, self._name_like):
            end += 1
        while end > start and doc[end - 1].text == "-":
            end -= 1
        return end

    def _name_like(self, token: Token) -> bool:
        if not token.is_alpha:
            return False
        if self.lowercase:
            return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "GPE", "ORG", "NORP")
        return token.text[:1].isupper()

    # -- mentions from the recogniser --------------------------------------------------------------------

    def _resolve_mention(self, mention: Mention) -> bool:
        """Resolve what needs resolving; False drops a mention that needed an antecedent and found none."""
        extra = mention.extra
        role = extra.get("role")
        if mention.kind == "counterpart":
            self._resolve_counterpart(mention)
            return True
        if extra.get("ethnic"):
            self._code_by_residence(mention)
        if self._country_from_relations(mention):
            extra.pop("bare", None)
        if mention.kind == "person" and mention.actor.name:
            earlier = self._person_named(mention.actor.name)
            if earlier is not None:
                self._link(mention, earlier, keep_own=True)
            return True
        kinds = load_collectives().get(self.doc[mention.end - 1].lower_)
        if kinds and extra.get("number") and self.doc[mention.start].lower_ in SUMMING_UP:
            return self._collective(mention, kinds) or not extra.get("bare")
        if extra.get("plural") and (extra.get("definite") or extra.get("number")):
            if role == "country" and _is_international(mention):
                return True  # "the G7 countries", "the EU nations": the members of the body they name
            if role == "country" and not self._restricted(mention):
                return self._group_of_countries(mention) or not extra.get("bare")
            if role == "country":
                return not extra.get("bare")
            if role in ("title", "person"):
                return self._group_of_persons(mention) or not extra.get("bare")
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
                mention.actors = [_copied(Actor(country, code=country, country=country), mention.actor)]
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

    def _restricted(self, mention: Mention) -> bool:
        """'the countries that agreed to contribute': a relative clause says which, not an earlier mention."""
        root = self.doc[mention.start : mention.end].root
        return any(child.dep_ == "relcl" for child in root.children)

    def _country_described(self, mention: Mention) -> Mention | None:
        """'the country', 'the Andean nation': the most salient country named before (a subject first, in
        this sentence, then in the ones before), among those its regional adjective fits. Pronouns are
        guesses themselves and never count."""
        region = self._region_of(mention)
        sentence = self._sentence(mention.start)
        bound = self._other_party_countries(mention)

        def named_country(m: Mention) -> bool:
            return (
                m.kind != "pronoun"
                and not m.is_group
                and m.actor.country is not None
                and m.actor.country not in bound
                and (region is None or m.actor.country in region)
            )

        recent = [
            m
            for m in self.history
            if named_country(m) and sentence - self._sentence(m.start) <= PRONOUN_WINDOW
        ]
        if not recent:
            return self._most_recent(named_country)
        return max(recent, key=lambda m: self._country_salience(m, sentence))

    def _other_party_countries(self, mention: Mention) -> set[str]:
        """The countries of who acts on what a description names ("Iraq's invasion of the country", "the
        State Department provided training to the country's police", "Nazarbayev called on both nations"):
        one act's doer and the one it is done to are two parties, so the description is not the doer's
        country. The doer is the subject of the verb whose object the description (or what it owns) is, or the
        possessor, national modifier or by-phrase of such an event noun."""
        node = self.doc[mention.start : mention.end].root
        if node.dep_ == "poss":
            node = node.head
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ in ("dobj", "dative"):
            predicate = node.head
        elif node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in TARGET_PREPOSITIONS:
            predicate = node.head.head
        else:
            return set()
        doers = [child for child in predicate.children if child.dep_ in DOER_DEPS]
        if not doers and predicate.dep_ == "dobj":  # "provided training to the country's police"
            predicate = predicate.head
            doers = [child for child in predicate.children if child.dep_ in DOER_DEPS]
        if not doers and predicate.dep_ == "conj" and predicate.pos_ == "VERB":  # "described ... and called on"
            doers = [child for child in predicate.head.children if child.dep_ in SUBJECTS]
        doers += [
            grandchild
            for child in predicate.children
            if child.dep_ in ("agent", "prep") and child.lower_ == "by" and child.i != node.head.i
            for grandchild in child.children
            if grandchild.dep_ == "pobj"
        ]
        countries = set()
        for doer in doers:
            if doer.left_edge.i <= mention.start <= doer.right_edge.i:
                continue  # "the troops that entered the country": the description is inside the doer's phrase
            for head in (doer, *doer.conjuncts):
                # the doer's own mention and its owner ("the State Department's program"), not a place or
                # venue inside its phrase ("the Algiers accord", "children in Sudan")
                for token in (head, *(child for child in head.children if child.dep_ == "poss")):
                    country = self._country_at(token)
                    if country:
                        countries.add(country)
        return countries

    def _region_of(self, mention: Mention) -> frozenset[str] | None:
        """The countries a regional adjective in a description allows ("the [East African] nation")."""
        regions = load_regions()
        words = [t.lower_ for t in self.doc[mention.start : mention.end - 1] if t.lower_ not in ("the", "'s")]
        for size in (3, 2, 1):
            for first in range(len(words) - size + 1):
                found = regions.get(" ".join(words[first : first + size]))
                if found is not None:
                    return found
        return None

    def _country_salience(self, mention: Mention, sentence: int) -> tuple:
        """Nearer sentences first; in one sentence, subjects (or their possessors: "Peru's minister said")
        before other mentions, main clauses before others, later before earlier."""
        root = self.doc[mention.start : mention.end].root
        if root.dep_ == "poss":
            root = root.head
        is_subject = root.dep_ in SUBJECTS
        return (self._sentence(mention.start) - sentence, is_subject, root.head.dep_ == "ROOT", mention.start)

    def _country_from_relations(self, mention: Mention) -> bool:
        """A country for an actor that names none, from a word the parse ties it to: its possessor ("its
        troops", "President Suharto's government"), where it is from ("doctors from two American aid
        groups"), where it is based ("a group based in Trinidad") or an apposition ("Qatar's emir, Sheikh
        Hamad"). True when it found one."""
        actor = mention.actor
        if mention.is_group or actor.country or (actor.code or "")[:3] in ("IGO", "NGO"):
            return False
        if mention.kind not in PERSON_KINDS | {"institution"} and not mention.extra.get("role"):
            return False
        root = self.doc[mention.start : mention.end].root
        related = list(self._related_tokens(root, military="MIL" in actor.sectors))
        if mention.kind == "person" and actor.name:
            related += self._described_beside(mention)
        for token in related:
            country = self._country_at(token)
            if country:
                actor.country = country
                if self._de_facto_at(token) and actor.sectors[:1] and actor.sectors[0] in STATE_SECTORS:
                    actor.sectors = [DE_FACTO] + [s for s in actor.sectors if s != DE_FACTO]  # "his forces"
                actor.code = actor_code(country, actor.sectors)
                return True
        return False

    def _de_facto_at(self, token: Token) -> bool:
        """Is `token` in a mention of a de facto state or its authorities ("Abkhaz president Ardzinba")?"""
        for mention in (*reversed(self.history), *self.mentions):
            if mention.start <= token.i < mention.end:
                return mention.actor.sectors[:1] == [DE_FACTO]
        return False

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

    def _country_at(self, token: Token) -> str | None:
        """The one country of the mention (kept so far, or found by the recogniser) that holds `token`."""
        for mention in (*reversed(self.history), *self.mentions):
            if mention.start <= token.i < mention.end:
                countries = {actor.country for actor in mention.actors}
                return countries.pop() if len(countries) == 1 else None
        return None

    def _person_named(self, name: str) -> Mention | None:
        """The most recent person mention whose name is `name`, holds it as a word ("Cho" → Cho Sung-tae) or
        ends with it ("De Mistura" → Staffan de Mistura)."""
        wanted = name.lower()
        for earlier in reversed(self.history):
            if earlier.is_group or not earlier.actor.name or earlier.kind not in PERSON_KINDS | {"pronoun"}:
                continue
            if earlier.kind == "counterpart":
                continue  # it points forward to its apposition; linking back to it would make a cycle
            root = self._root(earlier)
            if any(
                wanted == full or wanted in _name_keys(full) or full.endswith(" " + wanted)
                for full in {*_names(earlier), *_names(root)}
            ):
                return root
        return None

    def _person_described(self, mention: Mention) -> Mention | None:
        """'the Russian defense chief' → the most recent person of that country whose title or role fits."""
        actor = mention.actor
        head_word = (actor.title or "").lower().split()[-1:] or [""]
        best, best_score = None, 0
        for earlier in reversed(self.history):
            other = earlier.actor
            if earlier.is_group or earlier.kind not in PERSON_KINDS or not other.name:
                continue
            if actor.country and other.country != actor.country:
                continue
            if head_word[0] and head_word[0] in (other.title or "").lower().split():
                score = 3
            elif actor.sectors and actor.sectors == other.sectors:
                score = 2
            elif set(actor.sectors) <= set(other.sectors):
                score = 1
            else:
                continue
            if score > best_score:
                best, best_score = earlier, score
        return self._root(best) if best is not None else None

    def _resolve_counterpart(self, mention: Mention) -> None:
        """'his Russian counterpart, Defense Minister Igor Sergeev': role from "his", person from the apposition."""
        actor = mention.actor
        possessor_at = mention.extra.get("possessor")
        if possessor_at is not None:
            possessor = self._pronoun_antecedent(self.doc[possessor_at], PERSON_PRONOUNS)
            if possessor is not None:
                owner = possessor[0].actor
                actor.sectors = list(owner.sectors)
                actor.title = owner.title
                actor.code = actor_code(actor.country, actor.sectors)
        appositive = self._appositive_person(mention)
        if appositive is not None:
            actor.name = appositive.actor.name
            if appositive.actor.country is None and actor.country:
                appositive.actor.country = actor.country
                appositive.actor.code = actor_code(actor.country, appositive.actor.sectors)
            actor.country = actor.country or appositive.actor.country
            actor.sectors = actor.sectors or list(appositive.actor.sectors)
            actor.code = actor_code(actor.country, actor.sectors)
            self.antecedent[id(mention)] = appositive

    def _appositive_person(self, mention: Mention) -> Mention | None:
        doc = self.doc
        if mention.end >= len(doc) or doc[mention.end].text != ",":
            return None
        return next(
            (m for m in self.mentions if m.start == mention.end + 1 and m.kind == "person" and m.actor.name),
            None,
        )

    def _collective(self, mention: Mention, kinds: tuple[str, ...]) -> bool:
        """'the two leaders', 'both sides' (collectives.tsv): the N most recent distinct actors of the first
        kind the noun may stand for of which enough were named, leaving out the subject of its verb."""
        excluded = self._subjects_around(mention)
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

    def _subjects_around(self, mention: Mention) -> list[Actor]:
        """The actors of the subject of the verb a mention is the object of ("Norway urged both sides"): who
        acts on the actors summed up is not one of them. A verb joined to another without a subject of its own
        shares that one's ("described the war and called on both nations")."""
        root = self.doc[mention.start : mention.end].root
        if root.dep_ in ("dobj", "dative"):
            verb = root.head
        elif root.dep_ == "pobj" and root.head.dep_ == "prep":
            verb = root.head.head
        else:
            return []  # "the two men met", "the UN says both sides ...": the speaker may well be one of them
        while verb.dep_ in ("conj", "xcomp") and not any(c.dep_ in SUBJECTS for c in verb.children):
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        return [
            actor
            for subject in subjects
            for earlier in self.history
            if earlier.start <= subject.i < earlier.end
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
                if country and country not in countries | unwanted and earlier.kind not in ("pronoun",):
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
        actors of such a sector ('both forces': an army and the rebels)."""
        wanted = mention.extra.get("number", 2)
        members: list[Mention] = []
        sides: set[tuple] = {_side(actor) for actor in excluded}
        for earlier in reversed(self.history):
            other = earlier.actor
            place = earlier.kind in ("country", "capital") and self._named_as_place(earlier)
            if earlier.is_group or earlier.kind == "pronoun" or place:
                continue
            if sectors and not set(other.sectors) & sectors or not (other.country or _is_international(earlier)):
                continue
            if _side(other) not in sides:
                sides.add(_side(other))
                members.append(self._root(earlier))
            if len(members) == wanted:
                break
        return self._make_group(mention, members, wanted)

    def _make_group(self, mention: Mention, members: list[Mention], wanted: int) -> bool:
        if len(members) < wanted:
            return False
        self._set_group(mention, [m.actor for m in members], members)
        return True

    def _set_group(self, mention: Mention, actors: list[Actor], members: list[Mention]) -> None:
        own = mention.actor
        mention.actors = [_copied(actor, own) for actor in actors]
        mention.kind = "group"
        mention.extra["members"] = members
        self.antecedent[id(mention)] = members[0]

    # -- names and pronouns not covered by the recogniser ------------------------------------------------

    def _resolve_name_run(self, start: int, end: int) -> Mention | None:
        span = self.doc[start:end]
        earlier = self._person_named(span.text)
        if earlier is None:
            return None
        mention = Mention(start, end, [_copied(earlier.actor, _own(span))], "name", rule="coref:name")
        self.antecedent[id(mention)] = earlier
        return mention

    def _resolve_pronoun(self, token: Token) -> Mention | None:
        word = token.lower_
        if word in THING_PRONOUNS and _pleonastic(token):
            return None
        group = (
            PERSON_PRONOUNS
            if word in PERSON_PRONOUNS
            else PLURAL_PRONOUNS
            if word in PLURAL_PRONOUNS
            else THING_PRONOUNS
        )
        found = self._pronoun_antecedent(token, group)
        if found is None:
            return None
        earlier, actors = found
        span = self.doc[token.i : token.i + 1]
        mention = Mention(
            token.i,
            token.i + 1,
            [_copied(actor, _own(span)) for actor in actors],
            "pronoun",
            rule=f"coref:pronoun:{word}",
            extra={"pronoun": word, "plural": word in PLURAL_PRONOUNS},
        )
        self.antecedent[id(mention)] = earlier
        return mention

    def _pronoun_antecedent(self, token: Token, group: set[str]) -> tuple[Mention, list[Actor]] | None:
        """The best antecedent for a pronoun and the actors it stands for (two for 'Cho and Sergeev ... they')."""
        sentence = self._sentence(token.i)
        candidates = [
            m
            for m in self.history + (self.strangers if group is PERSON_PRONOUNS else [])
            if m.end <= token.i and sentence - self._sentence(m.start) <= PRONOUN_WINDOW
        ]
        ranked = sorted(candidates, key=lambda m: self._salience(m, token, sentence), reverse=True)
        controller = self._object_controller(token)
        ranked.sort(key=lambda m: not (controller is not None and m.start <= controller.i < m.end))
        for mention in ranked:
            if self._bound_elsewhere(token, mention):
                continue
            if group is PLURAL_PRONOUNS:
                if mention.is_group or mention.extra.get("plural"):
                    return self._root(mention), mention.actors
                partners = self._coordinated(mention)
                # coordinated countries or bodies stand for a "they" of their own sentence only; one further
                # back is more often a plural noun the lexicons do not know ("Greek Cypriots")
                nearby = _is_person(mention) or self._sentence(mention.start) == sentence
                if partners and nearby:
                    return self._root(mention), [mention.actor, *(partner.actor for partner in partners)]
            elif group is PERSON_PRONOUNS and _is_person(mention):
                root = self._root(mention)
                gender = GENDER.get(token.lower_)
                if self.gender.setdefault(id(root), gender) != gender:
                    continue
                return root, mention.actors
            elif group is THING_PRONOUNS and _is_thing(mention):
                return self._root(mention), mention.actors
        return None

    def _object_controller(self, pronoun: Token) -> Token | None:
        """'Egypt told Israel to withdraw its forces': in an infinitive after a verb with an object, the
        object is who acts, and whose the pronoun most likely is."""
        verb = pronoun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        infinitive = any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
        if verb.dep_ != "xcomp" or not infinitive:
            return None
        return next((child for child in verb.head.children if child.dep_ in ("dobj", "dative")), None)

    def _bound_elsewhere(self, pronoun: Token, mention: Mention) -> bool:
        """'She urged him': an object pronoun is not the subject of its own clause, and 'He calls President Xi a
        friend': a subject pronoun is not whom its own verb names as its object (binding)."""
        if pronoun.dep_ in SUBJECTS:
            return self._named_as_object(pronoun.head, self._root(mention))
        if (
            pronoun.dep_ not in OBJECTS
            or pronoun.lower_.endswith("self")
            or pronoun.lower_.endswith("selves")
        ):
            return False
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        root = self.doc[mention.start : mention.end].root
        return root.dep_ in SUBJECTS and root.head == verb

    def _named_as_object(self, verb: Token, antecedent: Mention) -> bool:
        """Whether an object of `verb` ("calls [President Xi]", "attacked [Iran]", "spoke to [Putin]") names
        the person, or the country by its name, that `antecedent` is."""
        objects = [child for child in verb.children if child.dep_ in ("dobj", "dative")]
        objects += [grandchild for child in verb.children if child.dep_ == "prep"
                    for grandchild in child.children if grandchild.dep_ == "pobj"]
        wanted = antecedent.actor
        keys = {word for name in _names(antecedent) for word in name.split()} - NAME_PARTICLES
        for token in (conjunct for obj in objects for conjunct in (obj, *obj.conjuncts)):
            named = next((m for m in self.mentions if m.start <= token.i < m.end and not m.is_group), None)
            if named is None:
                continue
            other = named.actor
            if _is_person(named) and keys & {t.lower_ for t in self.doc[named.start : named.end]}:
                return True
            places = ("country", "capital")
            if named.kind in places and antecedent.kind in places and other.country == wanted.country:
                return True
        return False

    def _salience(self, mention: Mention, pronoun: Token, sentence: int) -> tuple:
        """Same sentence first, its nearest subject first; in an earlier sentence, the subject of the main
        clause, then other subjects, then the first named."""
        root = self.doc[mention.start : mention.end].root
        distance = sentence - self._sentence(mention.start)
        is_subject = root.dep_ in SUBJECTS
        if distance == 0:
            return (0, is_subject, False, mention.start)
        return (-distance, is_subject, root.head.dep_ == "ROOT", -mention.start)

    def _coordinated(self, mention: Mention) -> list[Mention]:
        """'Cho and Sergeev', 'India, Japan and the Philippines': the mentions of the same sort (persons,
        or countries and organisations) coordinated with this one."""
        same_sort = _is_person if _is_person(mention) else _is_thing if _is_thing(mention) else None
        if same_sort is None:
            return []
        root = self.doc[mention.start : mention.end].root
        partners = []
        for conjunct in root.conjuncts:
            other = next((m for m in self.history if m.start <= conjunct.i < m.end), None)
            if other is not None and other is not mention and same_sort(other) and other not in partners:
                partners.append(other)
        return partners

    # -- helpers ---------------------------------------------------------------------------------------

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
        mention.actors = [_copied(source, own)]


def _names_an_office(mention: Mention) -> bool:
    """A title or a person's role, of one person: "Ugandan politician", "African Union spokesman"."""
    return mention.extra.get("role") in ("title", "person") and not mention.extra.get("plural")


def _surname(name: str) -> str:
    return name.lower().split()[-1]


def _says_whose(mention: Mention) -> bool:
    """A description that names a country or an international or non-governmental body."""
    return all(actor.country or (actor.code or "")[:3] in ("IGO", "NGO") for actor in mention.actors)


def _modifies(token: Token) -> bool:
    """A word that may stand before the description in an apposition: "a", "who is", "77-year-old"."""
    doc = token.doc
    hyphenated = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" or token.i > 0 and doc[token.i - 1].text == "-"
    return token.pos_ in APPOSITION_MODIFIERS or _describing_verb(token) or hyphenated


def _describing_verb(token: Token) -> bool:
    """'who is Azerbaijani', 'who heads Thailand's People's Empowerment Foundation': a copula, or a verb of
    leading a body, describes."""
    return token.lemma_ in DESCRIBING_VERBS or token.lower_ in ("who", "then")


def _copied(source: Actor, own: Actor) -> Actor:
    """The antecedent's identity with this mention's own text and offsets (and title, where it has one)."""
    actor = copy.copy(source)
    actor.sectors = list(source.sectors)
    actor.text, actor.start, actor.end = own.text, own.start, own.end
    actor.title = own.title or source.title
    return actor


def _object_words(preposition: Token) -> list[Token]:
    """The words of a preposition's object, its head noun first ("from [two American aid groups]")."""
    objects = [child for child in preposition.children if child.dep_ == "pobj"]
    taken = {preposition.i, *(t.i for t in objects)}
    return objects + [t for t in preposition.subtree if t.i not in taken]


def _countries_of_members(mentions: list[Mention]) -> None:
    """A person summed up in a group before their own country was settled ("opposition leader Riek Machar" ...
    "the two leaders") takes it in the group too."""
    for mention in mentions:
        named = {m.actor.name: m.actor for m in mention.extra.get("members") or [] if m.actor.name and m.actor.country}
        for actor in mention.actors:
            member = named.get(actor.name) if actor.name and not actor.country else None
            if member is not None:
                actor.country, actor.code = member.country, member.code


def _side(actor: Actor) -> tuple:
    """What tells two parties apart: a state organ by its country and sector (the government, the army), an
    international body by its organisation (a UN mission is the UN's)."""
    if actor.country:
        return actor.country, tuple(actor.sectors[:1])
    return (actor.code or "")[:6], ()


def _own(span: Span) -> Actor:
    return Actor(span.text, start=span.start_char, end=span.end_char)


def _names(mention: Mention) -> list[str]:
    """A person's name, lower-cased, and the spelling the text used where it differs ("heidar aliev")."""
    names = [mention.actor.name.lower()] if mention.actor.name else []
    spelled = mention.extra.get("spelled")
    return names + [spelled.lower()] if spelled else names


def _name_keys(name: str) -> set[str]:
    """Words a later mention may use for a person: the first and the last name ("Cho", "Sergeev")."""
    words = [w for w in name.split() if w not in NAME_PARTICLES and len(w) > 2]
    return {words[0], words[-1]} if words else set()


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
    if mention.is_group or actor.country or (actor.code or "")[:3] in ("IGO", "NGO"):
        return False
    return bool(actor.sectors) and actor.sectors[0] in DOMESTIC_GROUP_SECTORS


def _is_international(mention: Mention) -> bool:
    return any((actor.code or "")[:3] in ("IGO", "NGO") for actor in mention.actors)


def _is_titled_stranger(mention: Mention) -> bool:
    """A named holder of a state office ("Judge Ana Ruiz") whose country the lexicon does not know."""
    actor = mention.actor
    if mention.kind != "person" or mention.is_group or actor.country or not (actor.title and actor.name):
        return False
    return bool(actor.sectors) and actor.sectors[0] in STATE_SECTORS


def _is_person(mention: Mention) -> bool:
    if mention.is_group or mention.extra.get("plural"):
        return False
    if mention.kind == "pronoun":
        return mention.extra.get("pronoun") in PERSON_PRONOUNS
    # "a State Department spokesman": an organisation's code, but a person whom "he" can stand for
    return mention.kind in PERSON_KINDS or mention.extra.get("role") == "person"


def _is_thing(mention: Mention) -> bool:
    if mention.is_group or mention.extra.get("plural"):
        return False
    if mention.kind == "pronoun":
        return mention.extra.get("pronoun") in THING_PRONOUNS
    return mention.kind in THING_KINDS


def _pleonastic(token: Token) -> bool:
    """'It was unclear whether ...', 'it appeared that ...': an 'it' that refers to nothing."""
    if token.lower_ != "it":
        return False
    if token.dep_ == "expl":
        return True
    head = token.head
    clauses = {"ccomp", "xcomp", "csubj", "advcl"}
    if head.lemma_ in ("be", "seem", "appear", "remain"):
        complements = [c for c in head.children if c.dep_ in ("acomp", "attr")]
        if any(c.lemma_ in WILLING_ADJECTIVES for c in complements):
            return False  # "it is willing to withdraw": the adjective says something of an actor
        has_clause = any(c.dep_ in clauses for c in head.children)
        has_clause = has_clause or any(g.dep_ in clauses for c in complements for g in c.children)
        return bool(complements) and has_clause or head.lemma_ in ("seem", "appear")
    return False


@Language.factory("dyads_coref")
def make_coreference(nlp: Language, name: str) -> Coreference:
    return Coreference()
