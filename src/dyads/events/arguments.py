"""Who did it and to whom: source and target of a trigger, read off the dependency parse.

Verbs: the subject (or the passive's `by` agent) is the source; the object, the passive subject or a
`to`/`with`/`against`/... phrase is the target. Verbs without a subject of their own ("is scheduled to
meet", "agreed ... and signed") inherit it from the clause they depend on. Event nouns: a possessor or
a national modifier is the source ("Moscow's denunciation", "Russian warnings"), else the subject of the
verb they are the object of ("held talks"); `with`/`to`/`against`/`between` phrases give the target, and
so does the subject of a clause that tells it underwent the event ("the convoy came under attack").
"""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.tokens import Doc, Span, Token

from dyads.actors.mention import Mention
from dyads.data import read_lemmas, read_tsv
from dyads.events.counting import counting_noun
from dyads.events.lexicon import (
    COPULAS,
    OBJECT_DEPS,
    acts_as_verb,
    complement_clauses,
    head_party_phrases,
    is_infinitive,
    is_passive,
    participle_party_phrases,
    passive_subjects,
    place_party_phrases,
    relative_antecedent,
    shared_verbs,
)
from dyads.nlp import doc_text

TARGET_PREPS = ("to", "with", "against", "on", "toward", "towards", "into", "for", "from", "at", "over",
                "upon", "between", "among", "of")
NOUN_TARGET_PREPS = ("to", "with", "against", "on", "between", "toward", "towards", "for", "at", "over",
                     "upon", "among", "of", "from")
# Dependencies that stay inside a noun phrase when looking for the actor it names.
PHRASE_DEPS = {"compound", "amod", "poss", "appos", "nmod", "prep", "pobj", "npadvmod", "conj"}
# "the government of Japan", "officials from Japan", "calls by Japan"; not "in": a place
PHRASE_PREPS = {"of", "from", "by"}
# Where an event happens; the place is the target of last resort ("lifted the curfew in Montenegro").
LOCATIVE_PREPS = {"in", "inside", "within", "across", "throughout", "near", "outside", "around"}
CONDITION_MARKS = {"if", "unless"}
# "a series of airstrikes", "a wave of arrests", "after a day of negotiations": the events are of the clause
# the counting noun is in
SERIES_NOUNS = {"series", "wave", "spate", "string", "round", "number", "barrage", "volley", "flurry",
                "hour", "day", "week", "month", "year"}
# "the NATO bombing campaign": an event noun naming what a campaign of acts does takes the campaign's doer
CAMPAIGN_NOUNS = {"campaign", "operation", "offensive", "drive", "blitz", "spree"}
# "suspended part of the aid programme for Bosnia": the programme is what the verb acts on
PARTITIVES = {"part", "parts", "some", "half", "most", "all", "rest", "portion", "bulk", "much", "share"}
# "a hunger strike in protest of the government's refusal": what is protested names the target
GRIEVANCES = {"protest", "retaliation", "response", "reaction", "revenge", "opposition", "defiance"}
# The country a report is set in (ArgumentFinder.setting_country): its lead's mentions count double, and
# the most named country must hold this share of all; a country named as where things happen counts double.
LEAD_SENTENCES = 2
SETTING_SHARE = 0.3
PLACE_WEIGHT = 2
CLIMB_DEPS = {"xcomp", "conj", "advcl", "acl", "pcomp", "relcl"}
# An event noun's owner named in its own phrase: "Iran's plan", "a decision by the council"
OWNER_VIAS = ("poss", "prep:by", "prep:from")


@dataclass
class Argument:
    mention: Mention
    member: int  # which actor of a group mention
    via: str  # how it was found, for the rule string


class ArgumentFinder:
    """Looks up actor mentions for parse tokens of one Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.mentions: list[Mention] = doc._.actor_mentions or []
        self.mention_at: dict[int, int] = doc._.mention_at or {}
        self._settings: dict[int, str | None] = {}  # by sentence start: setting_country
        self._sharers: dict[int, list[Mention]] = {}  # by mention start: _office_sharers

    def setting_country(self, sent: Span) -> str | None:
        """The country the report is set in, as the sentences other than `sent` tell it: the one their
        actors name most (the lead counting double, and so does a place where things happen: "U.S. officials
        said protests erupted in Havana" is set in Cuba however often U.S. officials speak), when it holds at
        least `SETTING_SHARE` of those mentions. Unplaced police, courts, gunmen or protesters of the report are of that country; the
        sentence's own mentions do not count, lest "Israeli troops killed two militants" make the
        militants Israeli."""
        scene = self._scene_of_paragraph(sent)
        if scene is not None:
            return scene
        if sent.start not in self._settings:
            counts: Counter[str] = Counter()
            for start, weight, countries in self._setting_votes:
                if sent.start <= start < sent.end:
                    continue
                for country in countries:
                    counts[country] += weight
            top = counts.most_common(1)
            self._settings[sent.start] = (
                top[0][0] if top and top[0][1] >= SETTING_SHARE * sum(counts.values()) else None)
        return self._settings[sent.start]

    @cached_property
    def _setting_votes(self) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, weight, countries) of each mention that counts towards `setting_country`, worked out once
        for all the Doc's sentences."""
        votes = []
        for mention in self.mentions:
            if self._of_stranger(mention):
                continue
            weight = 2 if mention.start < self._lead_end else 1
            if self._names_a_place(mention):
                weight *= PLACE_WEIGHT
            # in the actors' order, not a set's: a tie between two countries breaks alike in every run
            countries = dict.fromkeys(actor.country for actor in mention.actors if actor.country)
            votes.append((mention.start, weight, tuple(countries)))
        return votes

    def _names_a_place(self, mention: Mention) -> bool:
        """A country, capital or place named as where something happens ("protested in Havana")."""
        root = self.doc[mention.start : mention.end].root
        return mention.kind in ("country", "capital", "place") and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS

    def _scene_of_paragraph(self, sent: Span) -> str | None:
        """"In Seoul, several hundred demonstrators protested ...": a paragraph that opens on a place sets
        its sentences there, whatever country the whole report names most."""
        breaks = doc_text(self.doc).rfind("\n\n", 0, sent.start_char)
        paragraph = self.doc.char_span(0 if breaks < 0 else breaks + 2, sent.end_char, alignment_mode="expand")
        opening = next((token for token in paragraph if not token.is_space), None) if paragraph is not None else None
        if opening is None or opening.lower_ != "in" or opening.dep_ != "prep":
            return None
        places = [self.mention_of(child) for child in opening.children if child.dep_ == "pobj"]
        if len(places) != 1 or places[0] is None or places[0].kind not in ("country", "capital", "place"):
            return None
        followed_by_comma = places[0].end < len(self.doc) and self.doc[places[0].end].text == ","
        return places[0].actor.country if followed_by_comma else None

    def _of_stranger(self, mention: Mention) -> bool:
        """A person no lexicon knows, whose country an apposition told ("Ali Karimli, an Azerbaijani
        opposition figure"), or a mention of them: a voice in the report, which does not say where it is set."""
        root = self.mentions[mention.antecedent] if mention.antecedent is not None else mention
        return bool(mention.extra.get("stranger") or root.extra.get("stranger"))

    @cached_property
    def _lead_end(self) -> int:
        return next((sent.end for i, sent in enumerate(self.doc.sents) if i == LEAD_SENTENCES - 1), len(self.doc))

    def mention_of(self, token: Token) -> Mention | None:
        index = self.mention_at.get(token.i)
        return None if index is None else self.mentions[index]

    def actor_in(self, token: Token, depth: int = 3) -> tuple[Mention, Token] | None:
        """The actor a noun phrase names: the token's own mention, else the nearest inside the phrase."""
        token = self._whole_of_part(token)
        found = self.mention_of(token)
        if found is not None:
            return found, token
        described = token.head if token.dep_ == "appos" else None
        if described is not None and (found := self.mention_of(described)) is not None:
            return found, described  # "Kuwait, a country that Iraq invaded": the description is of Kuwait
        frontier = [token]
        for _ in range(depth):
            next_frontier = []
            for node in frontier:
                for child in _phrase_children(node):
                    found = self.mention_of(child)
                    if found is not None and not names_a_venue(found, self.doc):
                        return found, child
                    next_frontier.append(child)
            frontier = next_frontier
        return None

    def _whole_of_part(self, token: Token) -> Token:
        """"one of Iran's negotiators", "dozens of Palestinian prisoners": a part or quantity that names no
        actor itself stands for the group its "of" phrase names."""
        while self.mention_of(token) is None and (token.like_num or token.lemma_.lower() in partitive_heads()):
            wholes = _of_objects(token)
            if not wholes:
                break
            token = wholes[0]
        return token

    def actors_coordinated(self, token: Token, depth: int = 2) -> list[Mention]:
        """The actor a phrase names and those coordinated with it ("Cho and Sergeev", "Moscow and Pyongyang")."""
        found: list[Mention] = []
        for node in [token, *token.conjuncts]:
            hit = self.actor_in(node, depth)
            if hit is None:
                continue
            for conjunct in [hit[1], *hit[1].conjuncts]:
                mention = self.mention_of(conjunct)
                if mention is not None and all(mention is not m for m in found) and not self._owned_by(mention, found):
                    found.append(mention)
        for mention in list(found):
            found += [m for m in self._office_sharers(mention) if all(m is not f for f in found)]
        return found

    def _owned_by(self, mention: Mention, found: list[Mention]) -> bool:
        """"The United States and its allies": the allies are not the United States again."""
        owner = self.mentions[mention.antecedent] if mention.antecedent is not None else None
        return owner is not None and self.doc[mention.start].dep_ == "poss" and any(owner is m for m in found)

    def _office_sharers(self, mention: Mention) -> list[Mention]:
        """The other countries of a plural office: "the leaders of Ukraine, Russia and France" and "his
        French, Russian and German counterparts" hold the leaders of Russia and France too, though the
        mention ends at Ukraine or begins at German; "the Ivorian and French chiefs of staff" hold the
        Ivorian chief, though the mention begins at French."""
        if mention.start not in self._sharers:
            self._sharers[mention.start] = [self._holder(mention, country) for country in self._sharing(mention)]
        return self._sharers[mention.start]

    def _sharing(self, mention: Mention) -> list[Mention]:
        inside = range(mention.start, mention.end)
        last = self.doc[mention.end - 1]
        office = last.head.head
        if (last.dep_ == "pobj" and last.head.lower_ == "of" and office.i in inside and office.tag_ == "NNS"
                and mention.kind == "title"):
            countries = [self.mention_of(c) for c in last.conjuncts]
            if countries:
                return [m for m in countries if m is not None and m.kind == "country"]
        head = self.doc[mention.start : mention.end].root  # "chiefs" of "French chiefs of staff"
        if head.tag_ != "NNS":
            return []
        for modifier in head.children:  # "French, Russian and German", "U.S. and Afghan": the first is outside
            coordinated = [modifier, *modifier.conjuncts]
            if (modifier.dep_ in NOUN_MODIFIERS and modifier.i not in inside
                    and any(t.i in inside for t in coordinated)):
                countries = [self.mention_of(t) for t in coordinated if t.i not in inside]
                return [m for m in countries if m is not None and m.kind in ("demonym", "country")]
        return []

    @staticmethod
    def _holder(mention: Mention, country: Mention) -> Mention:
        """The office `mention` names, held for `country`."""
        office_code = mention.actor.code or ""
        role = office_code[len(mention.actor.country):] if mention.actor.country else ""
        actors = [copy.copy(actor) for actor in country.actors]
        for actor in actors:
            actor.sectors, actor.title = list(mention.actor.sectors), mention.actor.title
            actor.code = (actor.code or "") + role
        return Mention(country.start, country.end, actors, mention.kind, mention.rule + "+office-sharer")


def venue_nouns() -> frozenset[str]:
    return read_lemmas("events/venue_nouns.tsv")


def partitive_heads() -> frozenset[str]:
    return read_lemmas("events/partitive_heads.tsv")


def names_a_venue(mention: Mention, doc: Doc) -> bool:
    """"the Vienna session", "the Minsk talks": the city is where the occasion is held, not a party to it."""
    last = doc[mention.end - 1]
    return (mention.kind == "capital" and last.dep_ in ("compound", "nmod", "amod")
            and last.head.lemma_.lower() in venue_nouns())


def _phrase_children(node: Token) -> list[Token]:
    """The tokens inside a noun phrase below this one, with the `by` agent of a participle that describes
    it ("the plan proposed by Russia", "the demonstration staged by students")."""
    children = []
    # "his rival, Riek Machar": the name set beside the noun says who it is, before its owner does; so does a
    # nationality, before an owner that is only a pronoun ("its Tunisian hosts")
    for child in sorted(node.children, key=lambda c: (c.dep_ != "appos", c.dep_ == "poss" and c.pos_ == "PRON")):
        if child.dep_ == "acl":
            children += [g for a in child.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        elif child.dep_ == "prep":
            if child.lower_ in PHRASE_PREPS:  # "talks with X": X is a party to the talks, not their owner
                children.append(child)
        elif child.dep_ in PHRASE_DEPS and child.dep_ != "conj":
            children.append(child)
    return children


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
PERSONAL_PRONOUNS = {"it", "they", "he", "she", "we"}
# whom these words describe ("suspected in the killing", "indicted for the attacks") is who did it
SUSPECTED = {"suspect", "accuse", "charge", "convict", "implicate", "involve", "link", "indict", "arrest", "detain",
             "jail", "sentence", "prosecute", "try", "punish", "blame"}


def subject_candidates(verb: Token, climb: int = 4):
    """Possible subjects of a verb, nearest first: its own, then those of the clauses it depends on.

    Yields (tokens, via). A verb without a subject of its own ("is scheduled to meet", "agreed ... and
    signed", "a platform from which to launch attacks") takes the subject of the clause above it.
    """
    node = verb
    for step in range(climb + 1):
        mark = "" if step == 0 else "^"
        own = [c for c in node.children if c.dep_ in ("nsubj", "csubj")] or [
            g for c in node.children if c.dep_ == "aux" for g in c.children if g.dep_ == "nsubj"
        ]  # the small parser sometimes hangs the subject on the auxiliary ("X however have opposed")
        if own and node.dep_ == "relcl" and all(t.lower_ in RELATIVE_PRONOUNS for t in own):
            own = [node.head]  # "Cho, who continued on to Tokyo"
        if own:
            yield own, "nsubj" + mark
            # "missiles fired by the army struck": the instrument's user acts
            yield instrument_users(node, own), "nsubj.agent" + mark
            if not (node.dep_ == "ccomp" and all(t.lower_ in PERSONAL_PRONOUNS for t in own)):
                return  # a clause with a subject of its own never borrows the speaker's ("X said Y would")
            # "Egypt says it is willing to withdraw": a pronoun coreference left open is the speaker
            node = node.head
            continue
        first_predicate = semicolon_series_start(node)
        if first_predicate is not None:
            own = [c for c in first_predicate.children if c.dep_ in ("nsubj", "csubj")]
            if own:
                yield own, "series" + mark
                return
        if is_passive(node):
            agents = passive_agents(node)
            if agents:
                yield agents, "agent" + mark
                return
            subjects = passive_subjects(node)
            if step > 0 and subjects:  # raising: "the president is scheduled to meet"
                yield subjects, "nsubjpass" + mark
                return
            if step == 0 and subjects:
                return  # "Japan was condemned", "were held and released": the source is not named
        if node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
            yield [node.head], "relcl"
        if node.dep_ == "acl" and node.head.pos_ == "NOUN" and is_infinitive(node):
            # "the decision by the Guardian Council to disqualify", "Iran's plan to expel": whose plan it is
            # acts, not the subject of the clause that tells of the plan ("Washington criticized Iran's plan")
            owners = [token for token, via in noun_sources(node.head) if via in OWNER_VIAS]
            if owners:
                yield owners, "acl.owner" + mark
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN") and _active_participle(node):
            yield [node.head], "acl"  # "troops carrying out raids"; the parser's "the air force [carried out]"
        if node.dep_ == "acl" and node.tag_ == "VBN" and not _active_participle(node):
            return  # "soldiers killed in the attack": the noun undergoes it, and whoever did it is not named
        if node.dep_ not in CLIMB_DEPS or node.head.i == node.i:
            return
        node = node.head
        while node.pos_ not in ("VERB", "AUX") and not acts_as_verb(node) and node.head.i != node.i:
            # "an invitation to visit", "is willing to withdraw": up to the clause's verb
            if node.dep_ not in ("dobj", "obj", "pobj", "prep", "nsubjpass", "attr", "dative", "advcl", "acomp"):
                return
            node = node.head


def semicolon_series_start(verb: Token) -> Token | None:
    """The first predicate of a series that shares one subject across semicolons ("Kuchma called for
    talks; urged Russia to drop its claims; and called for free trade"): the parser hangs that first
    predicate on the next as a clausal complement, which leaves the next without a subject."""
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < verb.i and any(
            punct.dep_ == "punct" and punct.text == ";" and child.i < punct.i < verb.i for punct in verb.children
        ):
            return child
    return None


def _active_participle(verb: Token) -> bool:
    """A participle whose noun does it, not undergoes it: "-ing" forms, and past forms with an object of
    their own or of a coordinated verb, or hanging on a noun that is the root of its sentence (the parser
    sometimes hangs a sentence's main verb on its subject as a participle)."""
    if verb.tag_ == "VBG":
        return True
    if verb.tag_ not in ("VBN", "VBD"):
        return False
    if any(c.dep_ == "aux" and c.lower_ == "having" for c in verb.children):
        return True  # "the position of both having met Kim": a perfect participle is done, never undergone
    return verb.head.dep_ == "ROOT" or any(c.dep_ in OBJECT_DEPS for v in (verb, *verb.conjuncts) for c in v.children)


def passive_agents(verb: Token) -> list[Token]:
    """The `by` agents of a passive or a participle, or of a verb coordinated with it ("were torched and
    looted by crowds")."""
    for node in (verb, *verb.conjuncts):
        agents = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agents:
            return agents
    return []


def instrument_users(verb: Token, subjects: list[Token]) -> list[Token]:
    """The `by` agents of a subject's participle ("rockets fired by the army hit") or, where the parser
    made that participle the main verb, of the verb itself ("rockets [fired by the army] [hit]")."""
    participles = [c for s in subjects for c in s.children if c.dep_ == "acl"]
    if not is_passive(verb):
        participles.append(verb)
    return [g for p in participles for c in p.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


@lru_cache(maxsize=1)
def unattributed_words() -> dict[str, frozenset[str]]:
    """data/events/unattributed.tsv by kind: weapons and attacks ("instrument"), attacker-implying verbs ("act"),
    attacks done by someone ("attack"), attempts and plots ("attempt")."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv("events/unattributed.tsv"):
        kinds[row["kind"]].add(row["word"])
    return {kind: frozenset(words) for kind, words in kinds.items()}


def unattributed_means(verb: Token) -> Token | None:
    """The means of an attack whose attacker a violent verb does not name: an instrument as its subject
    ("a roadside bomb killed"), as the subject, agent or `in` phrase of a passive ("two attacks were staged",
    "were killed by an improvised explosive device", "died in a car bomb explosion"), the verb itself for a passive that always has an
    attacker behind it ("was shot dead"), or the attempt it is the aim of ("an attempt to assassinate the
    governor was thwarted"). None when the verb names or implies no such means."""
    words = unattributed_words()
    instruments = words.get("instrument", frozenset())
    subjects = [relative_antecedent(verb, c) for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        return next((s for s in subjects if _names_instrument(s, instruments)), None)
    attempt = verb.head
    if verb.dep_ == "acl" and attempt.lemma_.lower() in words.get("attempt", frozenset()):
        return None if any(c.dep_ == "poss" for c in attempt.children) else attempt
    if not is_passive(verb):
        return None
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents:
        return next((a for a in agents if _names_instrument(a, instruments)), None)
    if verb.lemma_.lower() in words.get("act", frozenset()):
        return verb
    # "two terrorist attacks were staged in Bukhara": the attack itself is what was done, by someone unnamed
    means = [c for c in verb.children if c.dep_ == "nsubjpass" and c.lemma_.lower() in words.get("attack", ())]
    means += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "by")
              for g in c.children if g.dep_ == "pobj"]
    return next((m for m in means if _names_instrument(m, instruments)), None)


def _names_instrument(token: Token, instruments: frozenset[str]) -> bool:
    if token.lemma_.lower() in SERIES_NOUNS:  # "a series of bombings killed 16", "a barrage of rockets hit"
        return any(_names_instrument(counted, instruments) for counted in _of_objects(token))
    return token.lemma_.lower() in instruments or any(
        c.dep_ == "compound" and c.lemma_.lower() in instruments for c in token.children
    )


def noun_words(token: Token) -> Span:
    """A noun with the words that modify it before it: "a roadside bomb" → "roadside bomb"."""
    start = token.i
    while start > 0 and token.doc[start - 1].head.i == token.i and token.doc[start - 1].dep_ in NOUN_MODIFIERS:
        start -= 1
    return token.doc[start : token.i + 1]


def event_places(verb: Token) -> list[tuple[Token, str]]:
    """Every place a violent clause locates itself in, in text order: the verb's own locative phrases and
    those of its subject or means ("a car bomb in Kiev killed", "killed ... outside the Iraqi city of Basra"),
    then those of the clause whose subject it describes ("an attempt to kill X was foiled in Y")."""
    places = []
    for token in verb.subtree:
        if token.dep_ != "pobj":
            continue
        prep = token.head
        if prep.lower_ in LOCATIVE_PREPS or (prep.lower_ == "of" and prep.head.lower_ in LOCATIVE_PREPS):
            places.append((token, f"prep:{prep.lower_}.in"))
    noun = verb.head
    if verb.dep_ == "acl" and noun.dep_ in ("nsubj", "nsubjpass"):  # "an attempt to kill X was foiled in Y"
        places += _clause_places(noun.head)
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("nsubj", "nsubjpass"):  # "two attacks were staged in Y"
        places += _clause_places(verb.head)
    if verb.pos_ in ("NOUN", "PROPN") and (word := undergoing_word(verb)) is not None:  # "came under attack in Y"
        places += _clause_places(_verb_of(word))
    return places


def _clause_places(verb: Token) -> list[tuple[Token, str]]:
    return [(g, f"prep:{p.lower_}.in") for p in verb.children
            if p.dep_ == "prep" and p.lower_ in LOCATIVE_PREPS for g in p.children if g.dep_ == "pobj"]


def verb_targets(verb: Token) -> list[tuple[Token, str]]:
    """Candidate target tokens of a verb, most direct first."""
    candidates: list[tuple[Token, str]] = []
    subjects = [relative_antecedent(verb, c) for c in passive_subjects(verb)] if is_passive(verb) else []
    candidates += [(c, "nsubjpass") for c in subjects]
    objects = [relative_antecedent(verb, c) for c in verb.children if c.dep_ in OBJECT_DEPS]
    candidates += [(c, c.dep_) for c in objects]
    # "kidnapped up to 16 advisers": the parser may hang the phrase on a particle
    preps = [*verb.children, *(g for c in verb.children if c.dep_ == "prt" for g in c.children)]
    verb_pobjs = []
    for prep in preps:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in TARGET_PREPS:
            verb_pobjs += [(g, prep.lower_) for g in prep.children if g.dep_ == "pobj"] or [
                (g, prep.lower_) for g in filter(None, [_stranded_object(prep)])
            ]
    candidates += [(g, f"prep:{prep}") for g, prep in verb_pobjs]
    if verb.lemma_.lower() in COPULAS:
        # "is critical of Washington", "remains opposed to the plan": whom the stance is toward
        candidates += [(g, f"acomp.prep:{p.lower_}") for a in verb.children if a.dep_ == "acomp"
                       for p in a.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    # the parties named inside the object: "a truce with the rebels", "fire against guerrilla camps",
    # "a camp for refugees was attacked", "suspended part of the programme for Bosnia"
    heads = [*subjects, *objects, *(c for o in objects for c in o.conjuncts)]
    heads += [g for o in objects if o.lemma_.lower() in PARTITIVES for g in _of_objects(o)]
    for obj in heads:
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS:
                candidates += [(g, f"dobj.prep:{prep.lower_}") for g in prep.children if g.dep_ == "pobj"]
    for pobj, outer in verb_pobjs:  # "reneged on his commitment to the people"
        for prep in pobj.children:
            if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS:
                candidates += [(g, f"prep:{outer}.prep:{prep.lower_}") for g in prep.children if g.dep_ == "pobj"]
    if not objects and not complement_clauses(verb):
        # "rejected and condemned the decision", "donated and delivered goods to the school"; not "refused
        # to deploy troops and urged its citizens ...": the complement is what was refused
        for conj in shared_verbs(verb):
            candidates += [(token, "conj." + via) for token, via in verb_targets(conj)]
    return candidates


def _stranded_object(prep: Token) -> Token | None:
    """The object the parser split from its preposition and made the subject of the clause after it:
    "granted asylum to [five army officers] holed up in the embassy"."""
    if any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
        return None
    for token in prep.doc[prep.i + 1 : prep.i + 8]:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.i > token.i:
            return token
        if token.pos_ in ("VERB", "AUX") or token.is_punct:
            return None
    return None


def _of_objects(noun: Token) -> list[Token]:
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def noun_sources(noun: Token) -> list[tuple[Token, str]]:
    candidates: list[tuple[Token, str]] = []
    if _names_a_campaign(noun):  # "the NATO bombing campaign", "the bombing campaign initiated by Britain"
        candidates += [(token, "campaign." + via) for token, via in noun_sources(noun.head)]
    if (counter := counting_noun(noun)) is not None:  # "their round of talks": the round's owners are the talks'
        candidates += [(token, "round." + via) for token, via in noun_sources(counter)]
    if not possessor_undergoes(noun):
        candidates += [(c, "poss") for c in noun.children if c.dep_ == "poss"]
    candidates += [(c, "modifier") for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
            candidates += [(g, f"prep:{prep.lower_}") for g in prep.children if g.dep_ == "pobj"]
    for participle in noun.children:  # "the demonstration staged by students"
        if participle.dep_ == "acl":
            candidates += [(g, "acl.agent") for a in participle.children if a.dep_ == "agent"
                           for g in a.children if g.dep_ == "pobj"]
    # "calls for his release by the United States": the parser hangs the noun's `by` phrase on the object
    # of the phrase before it
    for prep in noun.children:
        if prep.dep_ == "prep":
            candidates += [(g, f"prep:{prep.lower_}.prep:by") for o in prep.children if o.dep_ == "pobj"
                           for by in o.children if by.dep_ == "prep" and by.lower_ == "by"
                           for g in by.children if g.dep_ == "pobj"]
    return candidates


def patient_nouns() -> frozenset[str]:
    return read_lemmas("events/patient_nouns.tsv")


def possessor_undergoes(noun: Token) -> bool:
    """"his arrest", "Lai's trial": the possessor of a noun of what is done to someone undergoes it, unless an
    `of` phrase names who does ("Iran's execution of the protesters")."""
    return noun.lemma_.lower() in patient_nouns() and not _of_objects(noun)


def _names_a_campaign(noun: Token) -> bool:
    return noun.dep_ == "compound" and noun.head.lemma_.lower() in CAMPAIGN_NOUNS


def noun_targets(noun: Token) -> list[tuple[Token, str]]:
    candidates: list[tuple[Token, str]] = []
    if _names_a_campaign(noun):  # "the bombing campaign against Serbia"
        candidates += [(token, "campaign." + via) for token, via in noun_targets(noun.head)]
    if possessor_undergoes(noun):
        candidates += [(c, "poss") for c in noun.children if c.dep_ == "poss"]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS:
            candidates += [(g, f"prep:{prep.lower_}") for g in prep.children if g.dep_ == "pobj"]
    phrases = participle_party_phrases(noun) + place_party_phrases(noun) + head_party_phrases(noun)
    candidates += [(g, f"prep:{prep.lower_}") for prep in phrases for g in prep.children if g.dep_ == "pobj"]
    if noun.dep_ in OBJECT_DEPS:  # "increase arms sales to Korea": the parser hangs "to" on the verb
        for prep in noun.head.children:
            if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS and prep.i > noun.i:
                candidates += [(g, f"verb.prep:{prep.lower_}") for g in prep.children if g.dep_ == "pobj"]
    manner = noun.head
    if noun.dep_ == "pobj" and manner.lower_ == "in" and manner.head.pos_ == "VERB":
        # "told Trump in phone conversations", "killed civilians in airstrikes": the verb's object takes part
        candidates += [(c, "verb.in." + c.dep_) for c in manner.head.children if c.dep_ in OBJECT_DEPS]
    return candidates


@lru_cache(maxsize=1)
def undergoing_frames() -> dict[tuple[str, str], frozenset[str]]:
    """data/events/undergoing.tsv: (word, preposition; empty for an object) → the only event nouns the frame
    takes (empty: any)."""
    return {(row["word"], row["preposition"]): frozenset(filter(None, row["nouns"].split("|")))
            for row in read_tsv("events/undergoing.tsv")}


def undergoing_word(noun: Token) -> Token | None:
    """The word of undergoing.tsv an event noun hangs on: "came" of "came under attack", "target" of "the
    target of sanctions", "faces" of "faces charges and a trial"; None where it hangs on none."""
    first = _first_conjunct(noun)
    if first.dep_ in OBJECT_DEPS:
        word, preposition = first.head, ""
    elif first.dep_ == "pobj" and first.head.dep_ == "prep":
        word, preposition = first.head.head, first.head.lower_
    else:
        return None
    nouns = undergoing_frames().get((word.lemma_.lower(), preposition))
    if nouns is None or (nouns and noun.lemma_.lower() not in nouns):
        return None
    if word.pos_ not in ("VERB", "AUX") and not _complements_a_verb(word):
        return None  # "mourned the victims of the attack": whose the victims are, no clause tells
    return word


def _complements_a_verb(word: Token) -> bool:
    """"is the target of", "are subject to", "became a victim of": the noun or adjective completes a verb
    (not "mourned the victims of")."""
    return word.dep_ in ("attr", "acomp", "oprd") and word.head.pos_ in ("VERB", "AUX")


def _verb_of(word: Token) -> Token:
    """The verb of a word of undergoing.tsv: itself, or the copula it completes ("is the target of")."""
    return word if word.pos_ in ("VERB", "AUX") else word.head


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def undergoers(noun: Token) -> list[tuple[Token, str]]:
    """Who undergoes an event noun told through a word of undergoing.tsv, with its via: the object of a verb
    that has one ("police put him under arrest"), else the subject ("the convoy came under attack", "Iran
    has been the target of sanctions", "dissidents, subjected to arrests"); none where there is no such word."""
    word = undergoing_word(noun)
    if word is None:
        return []
    verb = _verb_of(word)
    first = _first_conjunct(noun)
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i not in (first.i, word.i)]
    if objects:
        return [(relative_antecedent(verb, o), "undergoes.dobj") for o in objects]
    if is_passive(verb):
        return [(relative_antecedent(verb, s), "undergoes.nsubjpass") for s in passive_subjects(verb)]
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return [(verb.head, "undergoes.acl")]
    for subjects, via in subject_candidates(verb):
        return [(s, "undergoes." + via) for s in subjects]
    return []


def undergoing_agents(noun: Token) -> list[tuple[Token, str]]:
    """The `by` or `from` phrase of the word an undergone event noun hangs on: "came under attack by
    militants" (the parser hangs it on the verb), "the victim of rockets from terrorists"."""
    word = undergoing_word(noun)
    if word is None:
        return []
    return [(g, f"undergoes.prep:{p.lower_}") for p in word.children
            if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from") for g in p.children if g.dep_ == "pobj"]


def clause_targets(trigger: Token, reported_subject: bool = True, conditions: bool = False) -> list[tuple[Token, str]]:
    """Last-resort targets from a clause hanging off the trigger or its object.

    "offered to hand over to Great Britain" → Great Britain; "demanded that the US cancel" → the US
    (`reported_subject`: not for statements, whose clause is what was said, not to whom);
    "accepted an invitation to visit Seoul" → Seoul; "warnings that any U.S. abandonment would ..." → U.S.;
    with `conditions` (threats), the subject of an if-clause: "threatened to quit the talks if Japan ...".
    """
    candidates: list[tuple[Token, str]] = []
    complements = complement_clauses(trigger)
    for clause in trigger.children:
        if any(c.i == clause.i for c in complements):
            # "allow refugees to return": the clause's own subject is who is let
            candidates += [(c, "xcomp.nsubj") for c in clause.children if c.dep_ == "nsubj"]
            candidates += [(token, "xcomp." + via) for token, via in verb_targets(clause)]
        elif is_purpose_clause(clause):
            # "staged a strike to demand reforms by the government": whom the action is aimed at
            candidates += [(token, "purpose." + via) for token, via in verb_targets(clause)]
        elif clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
            # "renewed its call for Israel to lift the blockade"
            candidates += [(c, "advcl.nsubj") for c in clause.children if c.dep_ == "nsubj"]
        elif clause.dep_ == "ccomp" and reported_subject:
            candidates += [(c, "ccomp.nsubj") for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "said it was skeptical of Moldova's plan", "said it was disappointed by Somalia's vote": what an
    # attitude is about
    for clause in [trigger, *(c for c in trigger.children if c.dep_ == "ccomp")]:
        passive_clause = clause.i != trigger.i and is_passive(clause)
        attitudes = [c for c in clause.children if c.dep_ == "acomp"] + ([clause] if passive_clause else [])
        for attitude in attitudes:
            candidates += [(g, f"acomp.prep:{p.lower_}") for p in attitude.children if p.dep_ in ("prep", "agent")
                           for g in p.children if g.dep_ == "pobj"]
    # "condemned what it called the use of force by the police", "what he called Britain's violation": whose
    # act it is that the trigger names
    for predicate in (c for c in trigger.children if c.dep_ == "oprd"):
        candidates += [(token, "oprd." + via) for token, via in noun_sources(predicate)]
        candidates += [(token, "oprd.prep:of") for token in _of_objects(predicate)]
    heads = [trigger, *(c for c in trigger.children if c.dep_ in OBJECT_DEPS)]
    for head in heads:
        for clause in head.children:
            if clause.dep_ != "acl":
                continue
            candidates += [(c, "acl.nsubj") for c in clause.children if c.dep_ == "nsubj"]
            candidates += [(token, "acl." + via) for token, via in verb_targets(clause)]
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "as"):
                grievances = [g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in GRIEVANCES]
                candidates += [(g, "grievance.prep:" + p.lower_) for grievance in grievances
                               for p in grievance.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    if conditions:
        for verb in [trigger, *complements]:
            for clause in condition_clauses(verb):
                candidates += [(c, "if.nsubj") for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return candidates


def condition_clauses(verb: Token) -> list[Token]:
    """The clauses that set a condition on the verb's act: "if Japan ...", "unless the freeze is lifted"."""
    return [clause for clause in verb.children if clause.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.children)]


PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOUN_MODIFIERS = {"compound", "amod", "nmod"}
ANY_NAME = PLACE_LABELS | {"NORP", "ORG", "PERSON"}
PLACE_NOUNS = {"town", "city", "village", "province", "district", "region", "county", "port", "capital",
               "suburb", "neighbourhood", "neighborhood", "municipality", "state", "island", "enclave"}


def place_name(token: Token) -> Span | None:
    """The named place a locative phrase's object names: "Kirkuk", "the northern city of Kirkuk". After
    "the town of" a name is a place whatever the entity recogniser took it for, and so is a proper noun
    the recogniser left unlabelled or took for an organisation, if the gazetteer knows it."""
    named = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    labels = ANY_NAME if token.lemma_.lower() in PLACE_NOUNS else PLACE_LABELS
    for name, accepted in [(token, PLACE_LABELS), *((n, labels) for n in named)]:
        for ent in token.doc.ents:
            if ent.start <= name.i < ent.end and ent.label_ in accepted:
                return ent
    # a name the entity recogniser missed or mislabelled; the gazetteer decides whether it is a place
    if token.pos_ != "PROPN" or token.ent_type_ in ("PERSON", "DATE", "TIME"):  # not "in March"
        return None
    start = min([token.i, *(c.i for c in token.children if c.dep_ == "compound" and c.i < token.i)])
    return token.doc[start : token.i + 1]  # "Khanty-Mansiysk"


def is_purpose_clause(clause: Token) -> bool:
    """An infinitive clause of purpose: "staged demonstrations to demand reforms", "blocked roads to press
    their demands"; not a complement ("agreed to meet"), which the parser labels xcomp."""
    return (
        clause.dep_ == "advcl"
        and is_infinitive(clause)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in clause.children)
        and not any(c.i == clause.i for c in complement_clauses(clause.head))
    )


def location_targets(trigger: Token) -> list[tuple[Token, str]]:
    """Places the event happens in, for an event that names no other party: "lifted the curfew in
    Montenegro", "strengthened its forces in Lebanon", "threatened to resume attacks in Israel",
    "sent troops to a peacekeeping force in Liberia", "remained on alert in the West Bank"."""
    heads: list[tuple[Token, str]] = []
    verbs = [trigger] if acts_as_verb(trigger) else [trigger, *filter(None, [governing_verb(trigger)])]
    for verb in list(verbs):
        verbs += complement_clauses(verb)
    for verb in verbs:
        heads.append((verb, "in"))
        heads += [(c, f"{c.dep_}.in") for c in verb.children if c.dep_ in OBJECT_DEPS]
        heads += [(g, f"prep:{p.lower_}.in") for p in verb.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPS
                  for g in p.children if g.dep_ == "pobj"]
    return [(place, via) for head, via in heads for prep in head.children
            if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS
            for place in prep.children if place.dep_ == "pobj"]


def governing_verb(noun: Token) -> Token | None:
    """The verb whose clause a noun belongs to: "held talks" → held; "during a meeting" → the clause verb;
    "carried out a series of airstrikes" → carried."""
    node = noun
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        counted = node.dep_ == "prep" and head.lemma_.lower() in SERIES_NOUNS
        if head.dep_ == "prep" or node.dep_ == "pobj" or counted:
            node = head
            continue
        return None
    return None


def held_for(noun: Token) -> bool:
    """Whether the noun is what someone is held for ("a gang suspected in the assassination", "indicted X for
    the attacks"): the one held did it."""
    return noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in SUSPECTED


def doer_named_around(noun: Token) -> bool:
    """Whether the words around an event noun name who did it, though no lexicon knows them: a relative
    clause with its own subject ("the attacks it had carried out"; "the attacks that killed 40" names no
    one), the owner of the part played in it ("her role in rioting", "their involvement in the attacks"), or
    someone held for it ("a gang suspected in the assassination", "the men charged with the bombing")."""
    if held_for(noun):
        return True
    if any(clause.dep_ == "relcl" and any(
            s.dep_ in ("nsubj", "nsubjpass") and s.lower_ not in RELATIVE_PRONOUNS for s in clause.children)
           for clause in noun.children):
        return True
    part = noun.head.head if noun.dep_ == "pobj" else None
    return part is not None and part.pos_ == "NOUN" and any(
        c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME") for c in part.children)  # not "last week's"
