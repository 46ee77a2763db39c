"""Actors a report implies, or names in words the actor lexicons do not hold, and places that stand for
their country.

- an unidentified attacker behind violence whose perpetrator is not named ("a roadside bomb killed ...",
  "was shot dead", "an attempt to assassinate ...": data/events/unattributed.tsv);
- the same attacker behind a violent event noun placed but with no doer ("suicide bombings in Saudi Arabia"),
  and protesters behind a protest noun so placed ("riots swept across France"); either in the report's
  country where the sentence tells it as news, not background ("the assassination of the prime minister",
  "protests spread Monday");
- the local authorities behind an act only they do (an arrest, trial, verdict, release, seizure, deployment,
  curfew, state of emergency, ban or grant of asylum: data/events/authorities.tsv) reported without its
  agent, of the place it happened in (not the country that held a colony) or else of the country the
  report is set in; the forces themselves where forces are deployed ("troops were deployed"); the speaker
  behind a cooperative act they say will not be done ("said sanctions would not be lifted": a refusal);
- an organisation or person the entity recogniser names but no lexicon holds, coded without a country;
- the country of a sector-only actor ("gunmen", "protesters") from where it acts, or from the police or
  court acting on it; refugees of the country they fled.
Places are read as of the document's date (`country_on`). Events built from these say so in their rule
(`unattributed`, `authorities`, `unresolved`, `+place`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Span, Token

from dyads.actors.coding import STATE_SECTORS
from dyads.actors.lexicon import actor_code, country_on, load_regional_adjectives, load_speech_verbs
from dyads.actors.mention import Mention
from dyads.data import read_lemmas, read_tsv
from dyads.events.arguments import (
    ArgumentFinder,
    doer_named_around,
    event_places,
    noun_words,
    passive_agents,
    place_name,
    subject_candidates,
    undergoing_word,
)
from dyads.events.factuality import NEGATION_WORDS, REFUSAL_CUES, recoding, reporting_verbs
from dyads.events.lexicon import (
    INTERNATIONAL_BODY,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    TriggerEntry,
    has_modal,
    is_passive,
)
from dyads.model import Actor
from dyads.where import choose, gazetteer

# Violence may be reported without its perpetrator: an unidentified attacker, placed where it struck.
VIOLENT_ROOTS = {"18", "19", "20"}
UNIDENTIFIED = "UAF"
UNIDENTIFIED_NAME = "unidentified attacker"
# Protests reported without who took part ("the worst riots in 40 years swept across France"): the people
# of the place they happened in.
PROTEST_ROOT = "14"
CASUALTY_VERBS = {"kill", "wound", "injure", "die"}
# what unrest does when a report follows its course: "protests spread", "the riots continue"
COURSE_VERBS = {"spread", "continue", "erupt", "break", "grow", "sweep", "escalate", "intensify", "rage", "resume",
                "flare", "rock", "spill", "engulf", "paralyze", "paralyse", "swell", "persist"}
# the killing of a named person is news wherever it is mentioned, even with no doer and no place
ASSASSINATION = "186"
PROTESTERS = "CVL"
# Deployments and alerts reported without who ordered them: the forces deployed are the state's own.
MOBILIZE_ROOT = "15"
DEPLOYED = "nsubjpass.forces"  # via of such forces
SPEAKER = "speaker"  # via of whoever says an act of theirs will not be done
# People of an office whom the actor lexicon leaves without a country when bare ("officials"): of the
# place's authorities where they do what only the authorities do.
OFFICE_HOLDERS = {"official", "officer"}
# Police and courts act at home: whom they arrest, disperse or sentence is of their country.
DOMESTIC_SECTORS = {"COP", "JUD"}
STATELESS_SECTORS = {"IGO", "NGO", "REF"}  # bodies whose place of action does not say whose they are
REFUGEES = "REF"  # of the country they fled, not the one they are in
# "international forces", "multinational troops": of no one country, international bodies (codebook: IGO)
INTERNATIONAL_MODIFIERS = {"international", "multinational", "multi-national"}
FLIGHT_VERBS = {"flee", "escape"}
PLACED = "+place"  # rule suffix of an event with an actor given the country of the place it acts in
# A subject the actor lexicon does not know but the entity recogniser names ("the BCFL said it is
# skeptical") is still the source: coded without a country, and less sure.
UNRESOLVED_LABELS = {"ORG", "PERSON", "NORP"}
UNRESOLVED = "unresolved"  # kind of the mention of a name no lexicon holds
STAND_IN = "unidentified"  # kind of a stand-in's mention: its span is what it is read from ("a roadside bomb")
UNRESOLVED_WEIGHT = 0.8
# mentions of a person by name, title or pronoun (a resolved "he" holds the name of whom it stands for)
NAMED_PERSON_KINDS = {"person", "name", "title", "pronoun", UNRESOLVED}


def home_country(source: Mention) -> str | None:
    """The country whose people a police force or court acts on: its own."""
    actor = source.actor
    return actor.country if actor.sectors[:1] and actor.sectors[0] in DOMESTIC_SECTORS else None


def placed_mark(*mentions: Mention) -> str:
    """Marks in the rule string an event with an actor whose country was inferred from where it acted."""
    return PLACED if any(m.rule.endswith(PLACED) for m in mentions) else ""


def place_mentions(candidates, finder: ArgumentFinder, excluded: Callable[[Mention], bool] = lambda m: False,
                   preferred: frozenset[str] = frozenset()) -> tuple[list[Mention], str]:
    """The first place the event happens in, with its via: a country, capital or region standing for its
    country (not an institution), or a named place of the gazetteer (neither an `excluded` mention)
    ("demonstrated in the northern city of Kirkuk"), read in a `preferred` country where ambiguous."""
    for token, via in candidates:
        if token.lemma_.lower() in _possession_nouns():
            continue
        found = [m for m in finder.actors_coordinated(token)
                 if m.actor.country and not m.actor.sectors and not excluded(m)]
        if found:
            return found, via
        name = place_name(token)
        place = _gazetteer_place(name, preferred) if name is not None else None
        if place is not None and not excluded(place):
            return [place], via + ".gazetteer"
    return [], ""


def unresolved_subjects(verb: Token, finder: ArgumentFinder) -> tuple[list[Mention], str]:
    """The verb's nearest subject as actors without a code, where the parser names it as an organisation,
    person or group that the actor lexicon does not know."""
    for subjects, via in subject_candidates(verb):
        found = [m for s in subjects for t in (s, *s.conjuncts) if (m := _named_entity(t, finder)) is not None]
        return _distinct(found), f"{via}.unresolved"
    return [], ""


def unresolved_targets(candidates, finder: ArgumentFinder) -> tuple[list[Mention], str]:
    """The first target candidate the entity recogniser names, as an actor without a code."""
    for token, via in candidates:
        found = _distinct([m for t in (token, *token.conjuncts) if (m := _named_entity(t, finder)) is not None])
        if found:
            return found, f"{via}.unresolved"
    return [], ""


def _distinct(mentions: list[Mention]) -> list[Mention]:
    """One mention per span: two words of one name found as separate subjects name it once."""
    return list({(m.start, m.end): m for m in mentions}.values())


def _named_entity(token: Token, finder: ArgumentFinder) -> Mention | None:
    """The named entity a token is part of, as an actor without a code; not a part of a known actor."""
    label = token.ent_type_
    if label not in UNRESOLVED_LABELS:
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if any(i in finder.mention_at for i in range(start, end)):
        return None
    text = doc[start:end].text
    actor = Actor(text, name=text if label == "PERSON" else None)
    return Mention(start, end, [actor], UNRESOLVED, rule=f"entity:{label}")


def _possession_nouns() -> frozenset[str]:
    return read_lemmas("places/possession_nouns.tsv")


@lru_cache(maxsize=1)
def _authority_rows() -> dict[str, tuple[str, bool]]:
    return {row["cameo"]: (row["sector"], row["nouns"] == "yes") for row in read_tsv("events/authorities.tsv")}


def authority_sector(cameo: str, noun: bool = False) -> str | None:
    """The sector of the authorities who do an act reported without its agent, by the longest prefix of its
    code in data/events/authorities.tsv (for an event `noun`, only rows that say so); None for acts the
    authorities are not taken to do."""
    for length in range(len(cameo), 1, -1):
        row = _authority_rows().get(cameo[:length])
        if row is not None:
            sector, nouns = row
            return sector if nouns or not noun else None
    return None


def agentless_passive(verb: Token) -> bool:
    """A passive that names no agent, nor does a passive coordinated with it ("were torched and looted by
    crowds")."""
    return is_passive(verb) and not passive_agents(verb)


def passive_doers(verb: Token, entry: TriggerEntry, finder: ArgumentFinder) -> tuple[list[Mention], str]:
    """Who did what an agentless passive reports: the forces themselves where forces are deployed or put on
    alert ("British soldiers are being deployed", "troops were deployed to the villages": whose forces they
    are mobilises them), else the authorities behind an act that only they do (authorities.tsv)."""
    if entry.cameo[:2] == MOBILIZE_ROOT:
        forces = [m for s in verb.children if s.dep_ in PASSIVE_SUBJECT_DEPS for m in finder.actors_coordinated(s)]
        if forces:
            return forces[:1], DEPLOYED  # "troops and humanitarian workers": the troops
    if refusers := announced_refusers(verb, entry, finder):
        return refusers, SPEAKER
    sector = authority_sector(entry.cameo)
    return (authorities(verb, sector, finder), "authorities") if sector else ([], "")


def announced_refusers(verb: Token, entry: TriggerEntry, finder: ArgumentFinder) -> list[Mention]:
    """Who says that a cooperative act will not be done, told in the passive without its agent ("saying
    economic sanctions would not be lifted", "Iran said inspectors would not be given access"): the speaker,
    whose act it is to refuse (factuality codes the refusal); nobody for an act no refusal code covers ("said
    no one would be arrested")."""
    speech = verb.head.lemma_.lower()
    if verb.dep_ != "ccomp" or speech not in reporting_verbs() | load_speech_verbs() or not _refused(verb):
        return []
    if not any(entry.cameo[:length] in recoding("refusal") for length in range(len(entry.cameo), 1, -1)):
        return []
    for subjects, _ in subject_candidates(verb.head):
        if found := [m for s in subjects for m in finder.actors_coordinated(s)]:
            return found
    return []


def _refused(verb: Token) -> bool:
    """"would not be lifted", "won't be released": negated with a modal of will or ability."""
    words = {c.lower_ for c in verb.children if c.dep_ in ("neg", "aux")}
    return bool(words & NEGATION_WORDS and words & REFUSAL_CUES)


def officials_of_the_place(verb: Token, entry: TriggerEntry, finder: ArgumentFinder) -> tuple[list[Mention], str]:
    """"By Thursday officials had arrested fifty-six people": office holders the report does not say whose
    (the actor lexicon leaves bare "officials" uncoded), doing an act that only the authorities do
    (authorities.tsv), are the authorities of the place or of the report's country."""
    sector = authority_sector(entry.cameo)
    subjects, via = next(subject_candidates(verb), ([], ""))
    if sector is None or not any(s.lemma_.lower() in OFFICE_HOLDERS and s.i not in finder.mention_at for s in subjects):
        return [], ""
    return authorities(verb, sector, finder), f"{via}.authorities"


def authorities(trigger: Token, sector: str, finder: ArgumentFinder) -> list[Mention]:
    """Who arrests, deports, tries or investigates where the report does not say: the authorities of the
    country where it happened ("two journalists were arrested in Cairo"), else of the country the report is
    set in ("Hundreds were arrested" in a report on France), with `sector`. Nobody, where neither is known."""
    places, _ = place_mentions(event_places(trigger), finder)
    country = places[0].actor.country if places else finder.setting_country(trigger.sent)
    if country is None:
        return []
    actor = Actor("authorities", code=actor_code(country, [sector]), country=country, sectors=[sector])
    return [Mention(trigger.i, trigger.i + 1, [actor], STAND_IN, rule="authorities" + PLACED)]


def unnamed_doers(noun: Token, entry: TriggerEntry, finder: ArgumentFinder) -> tuple[list[Mention], str]:
    """Who is behind an event noun that names no doer, nor does its clause: an unidentified attacker behind
    violence where it is placed ("suicide bombings in Saudi Arabia"), protesters behind protests where they
    are placed ("riots swept across France"), the authorities behind an arrest or trial ("a series of
    trials of dissidents"). Violence and protest named with no place are as often background as news, unless
    the sentence reports them as news (`_reported_as_news`): then they are set in the report's country."""
    if doer_named_around(noun):
        return [], ""
    root = entry.cameo[:2]
    if root in VIOLENT_ROOTS | {PROTEST_ROOT}:
        places, _ = place_mentions(event_places(noun), finder)
        if places:
            country, news = places[0].actor.country, ""
        elif (news := _reported_as_news(noun, entry.cameo)) is not None:
            country = finder.setting_country(noun.sent)
        else:
            return [], ""
        if country is None:
            return [], ""
        stand_in = _protesters(noun) if root == PROTEST_ROOT else unidentified_attacker(noun)
        return [_placed(stand_in, country)], stand_in.rule + news
    sector = authority_sector(entry.cameo, noun=True)
    if sector:
        return authorities(noun, sector, finder), "authorities"
    return [], ""


def _reported_as_news(noun: Token, cameo: str) -> str | None:
    """Why violence or protest named with no place is still the news, set in the report's country, as the
    mark of its rule: violence that took lives ("killed in gun battles", "fighting in which 30 people were
    killed"), the assassination of someone ("the assassination last week of Serbia's prime minister"), or
    unrest whose course the clause reports ("protests against Chinese rule spread Monday"), or what the clause
    tells someone underwent ("the convoy came under attack"). None where it may be background."""
    root = cameo[:2]
    if root != PROTEST_ROOT and _took_lives(noun):
        return ""
    if _relative_casualties(noun):
        return ".casualties"
    if cameo == ASSASSINATION:
        return ".assassination"
    if root == PROTEST_ROOT and _runs_its_course(noun):
        return ".course"
    if undergoing_word(noun) is not None:  # "the convoy came under attack", "faced protests"
        return ".undergone"
    return None


def _relative_casualties(event: Token) -> bool:
    """"fighting that has killed several people", "gun battles in which 30 people were killed"."""
    return any(clause.dep_ == "relcl" and clause.lemma_.lower() in CASUALTY_VERBS for clause in event.children)


def _runs_its_course(event: Token) -> bool:
    """The event noun is the subject of a verb that tells what it does ("protests spread", "the riots
    continue"), not of a copula or one that says how it is seen."""
    verb = event.head
    return (event.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() in COURSE_VERBS
            and not has_modal(verb))  # "will intensify"


def _took_lives(fight: Token) -> bool:
    """"Three people were killed in gun battles", "died during clashes": fighting that took lives is the news,
    set in the report's country, though the sentence names no place."""
    preposition = fight.head
    return (fight.dep_ == "pobj" and preposition.lower_ in ("in", "during")
            and preposition.head.lemma_.lower() in CASUALTY_VERBS)


def _protesters(protest: Token) -> Mention:
    actor = Actor("protesters", code=actor_code(None, [PROTESTERS]), sectors=[PROTESTERS])
    return Mention(protest.i, protest.i + 1, [actor], STAND_IN, rule="protesters")


def unidentified_attacker(means: Token) -> Mention:
    """The attacker behind "a roadside bomb" or "was shot dead": a mention of the means, named for what it is."""
    span = noun_words(means) if means.pos_ in ("NOUN", "PROPN") else means.doc[means.i : means.i + 1]
    actor = Actor(UNIDENTIFIED_NAME, code=UNIDENTIFIED, sectors=[UNIDENTIFIED])
    return Mention(span.start, span.end, [actor], STAND_IN, rule="unattributed")


def located(mention: Mention, trigger: Token, finder: ArgumentFinder, home: str | None = None) -> Mention:
    """A sector-only actor ("gunmen", "protesters", a roadside bomb's attacker) with the country it acts in:
    where the event happened ("gunmen killed five soldiers in Peshawar": unidentified gunmen in Pakistan),
    else `home`, the country of the police or court that acted on it ("Turkish police dispersed students"),
    else the country the report is set in. "International forces" are an international body wherever they act."""
    actor = mention.actor
    if mention.kind in NAMED_PERSON_KINDS and actor.name and not actor.country and not actor.international:
        # a named person whose country no lexicon or phrase tells is of the report's country, not where the
        # event happens: a president "visiting Nigeria" is no Nigerian, a prime minister "transferred to the
        # tribunal in The Hague" no Dutchman
        return _placed(mention, finder.setting_country(trigger.sent))
    if mention.is_group or actor.country or not actor.sectors or actor.code != actor_code(None, actor.sectors):
        return mention
    if actor.sectors[0] not in STATELESS_SECTORS and any(
            c.dep_ == "amod" and c.lower_ in INTERNATIONAL_MODIFIERS for c in finder.doc[mention.end - 1].children):
        return _international(mention)
    if actor.sectors[0] in STATE_SECTORS and any(
            c.dep_ == "amod" and c.lower_ in load_regional_adjectives() for c in finder.doc[mention.end - 1].children):
        return mention  # "Arab leaders", "European diplomats": of several states, none of them the place's
    if actor.sectors[0] == REFUGEES:
        places, _ = place_mentions(_fled_places(finder.doc[mention.end - 1]), finder)
        home = None
    elif actor.sectors[0] in STATELESS_SECTORS:
        return mention
    else:
        places, _ = place_mentions(event_places(trigger), finder)
    return _placed(mention, places[0].actor.country if places else home or finder.setting_country(trigger.sent))


def _placed(mention: Mention, country: str | None) -> Mention:
    """The mention with its actor of `country` (the mention itself where there is none)."""
    if country is None:
        return mention
    placed = copy.copy(mention.actor)
    placed.country, placed.code = country, actor_code(country, placed.sectors)
    return _recoded(mention, placed, PLACED)


def _international(mention: Mention) -> Mention:
    international = copy.copy(mention.actor)
    international.code = INTERNATIONAL_BODY + (international.code or "")
    return _recoded(mention, international, "+international")


def _recoded(mention: Mention, actor: Actor, mark: str) -> Mention:
    """The mention as one of `actor`, its rule marked with how that actor was inferred."""
    return Mention(mention.start, mention.end, [actor], mention.kind, rule=mention.rule + mark,
                   antecedent=mention.antecedent, extra=mention.extra)


def _fled_places(head: Token) -> list[tuple[Token, str]]:
    """Where refugees come from: "refugees fleeing Syria", "people fleeing the civil war in Liberia"."""
    fleeing = [c for c in head.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in FLIGHT_VERBS]
    return [(c, f"{c.dep_}.fled") for verb in fleeing for c in verb.children if c.dep_ in OBJECT_DEPS] + [
        place for verb in fleeing for place in event_places(verb)
    ]


def _gazetteer_place(name: Span, preferred: frozenset[str]) -> Mention | None:
    """A place name as an actor that stands for its country; "West Darfur State" is found as "West Darfur"."""
    readings = gazetteer().lookup(name.text) or (gazetteer().lookup(name[:-1].text) if len(name) > 1 else [])
    if not readings:
        return None
    place = choose(readings, set(preferred), set())
    document = name.doc._.document
    country = country_on(place.country, document.date if document is not None else None)
    return Mention(name.start, name.end, [Actor(name.text, code=country, country=country)], "place", rule="gazetteer")
