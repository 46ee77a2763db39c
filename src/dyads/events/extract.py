"""`dyads_events`: trigger words from the lexicon plus source and target from the parse → coded events.

Where an event is decided: `TriggerLexicon.match` (events/lexicon.py) picks the CAMEO code of a verb or
event noun; `arguments.py` finds who did it and to whom; this module assembles the records. Factuality,
time, place and provenance are later components.
"""

from __future__ import annotations

import copy
import hashlib
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.actors.lexicon import actor_code, country_on
from dyads.actors.mention import Mention
from dyads.data import read_tsv
from dyads.events.arguments import (
    RECIPROCAL_PREPS,
    ArgumentFinder,
    clause_targets,
    event_places,
    governing_verb,
    is_purpose_clause,
    location_targets,
    noun_sources,
    noun_targets,
    noun_words,
    place_name,
    subject_candidates,
    unattributed_means,
    verb_targets,
)
from dyads.events.candidate import EventCandidate
from dyads.events.factuality import cues
from dyads.events.lexicon import (
    OBJECT_DEPS,
    TriggerEntry,
    complement_clauses,
    is_nominal,
    is_passive,
    trigger_lexicon,
)
from dyads.events.ontology import lookup
from dyads.model import Actor, Event
from dyads.model import Span as TextSpan
from dyads.where import choose, gazetteer

STATEMENT_ROOT = "01"
PLAIN_STATEMENT = "010"
# Disapproval: a `to` phrase names who hears the complaint, not whom it is about.
AUDIENCE_ROOTS = {"11"}
# Threats: an if-clause's subject is who is threatened ("threatened to quit the talks if Japan ...").
CONDITIONAL_ROOTS = {"13"}
# Where a statement is made or a meeting held is not its target; a visit's destination is.
PLACELESS_ROOTS = (STATEMENT_ROOT,)
PLACELESS_CODES = {"04", "040", "041", "044", "045", "046"}
# Violence may be reported without its perpetrator ("a roadside bomb killed"): an unidentified attacker
# (data/events/unattributed.tsv), placed in the country where it struck, is the source.
VIOLENT_ROOTS = {"18", "19", "20"}
UNIDENTIFIED = "UAF"
UNIDENTIFIED_NAME = "unidentified attacker"
STATELESS_SECTORS = {"IGO", "NGO", "REF"}  # bodies whose place of action does not say whose they are
# Arrests and investigations reported in the passive without an agent are the local authorities' acts.
AUTHORITY_SECTORS = {"173": "COP", "174": "GOV", "09": "JUD"}  # arrest, deport, investigate
# Police and courts act at home: whom they arrest, disperse or sentence is of their country.
DOMESTIC_SECTORS = {"COP", "JUD"}
REFUGEES = "REF"  # of the country they fled, not the one they are in
FLIGHT_VERBS = {"flee", "escape"}
PLACED = "+place"
SIDE_NOUNS = {"side", "delegation", "camp"}
MEDIA = "MED"  # rule suffix of an actor given the country of the place it acts in
# A subject the actor lexicon does not know but the parser's entity recogniser names ("the BCFL said it is
# skeptical", "Ingabire rejected ...") is still the source: coded without a country, and less sure.
UNRESOLVED_LABELS = {"ORG", "PERSON", "NORP"}
UNRESOLVED_WEIGHT = 0.8


@Language.component("dyads_events")
def extract_events(doc: Doc) -> Doc:
    lexicon = trigger_lexicon()
    finder = ArgumentFinder(doc)
    candidates: list[EventCandidate] = []
    for sent_index, sent in enumerate(doc.sents):
        matched = {token.i: entry for token in sent if (entry := lexicon.match(token)) is not None}
        for i, entry in matched.items():
            trigger = doc[i]
            if _subsumed(trigger, entry, matched):
                continue
            weight = _salience(trigger, matched)
            for source, target, reciprocal, via in _arguments(trigger, entry, finder):
                event = _event(sent_index, sent, trigger, entry, source, target, via, weight)
                event.reciprocal = reciprocal
                candidates.append(
                    EventCandidate(
                        event=event,
                        trigger=trigger,
                        sent=sent,
                        source_mention=source[0],
                        target_mention=target[0] if target else None,
                        tokens=_trigger_tokens(trigger),
                    )
                )
    _drop_repeats(candidates)
    doc._.events = candidates
    return doc


def _drop_repeats(candidates: list[EventCandidate]) -> None:
    """Later mentions of an event already coded: one real event, one record.

    A later trigger is a repeat when its source, CAMEO code and trigger word agree with an earlier event
    and it names the same target or none ("Cho's visit" after "Cho paid a visit to Moscow"), or when it is
    a definite event noun ("the talks with Cho", "the meeting between Cho and Sergeev") between the same
    two countries as an earlier event of the same CAMEO root. The first, fuller record stands for all.
    """
    kept: list[EventCandidate] = []
    for candidate in candidates:
        event = candidate.event
        for first in kept:
            if first.event.sentence_index >= event.sentence_index:
                continue
            if _repeats(candidate, first):
                candidate.dropped = f"repeats {first.event.id}"
                break
        else:
            kept.append(candidate)


DEFINITE = {"the", "this", "that", "these", "those"}


def _repeats(later: EventCandidate, first: EventCandidate) -> bool:
    a, b = later.event, first.event
    same_source = (a.source.code, a.source.name) == (b.source.code, b.source.name)
    if a.target is None and a.source.country == b.source.country and a.cameo.code == b.cameo.code:
        return True  # "Cho's visit" after "Cho paid a visit to Moscow"
    nominal = is_nominal(later.trigger)
    if same_source and a.cameo.code == b.cameo.code and later.trigger.lemma_ == first.trigger.lemma_:
        same_target = b.target and a.target and (a.target.code, a.target.name) == (b.target.code, b.target.name)
        if a.target is None or (nominal and same_target):
            return True
    definite = nominal and any(
        c.dep_ in ("det", "poss") and c.lower_ in DEFINITE | {"its", "their", "his", "her"}
        for c in later.trigger.children
    )
    if definite and a.cameo.root == b.cameo.root and a.target and b.target:
        return {a.source.country, a.target.country} == {b.source.country, b.target.country}
    return False


@lru_cache(maxsize=1)
def descriptive_verbs() -> frozenset[str]:
    return frozenset(row["lemma"] for row in read_tsv("events/descriptive_verbs.tsv"))


def _subsumed(trigger: Token, entry: TriggerEntry, matched: dict[int, TriggerEntry]) -> bool:
    """A second reading of what another trigger already codes, or a noun that only describes."""
    head = trigger.head
    if entry.pos == "noun" and trigger.dep_ in ("attr", "dobj", "acomp", "oprd") and (
        head.lemma_.lower() in descriptive_verbs()
    ):
        return True  # "North Korea represents a threat": a description, not a threat
    if head.i != trigger.i and head.i in matched:
        if entry.pos == "noun" and trigger.dep_ in OBJECT_DEPS | {"nsubjpass"}:
            return not _announces(head, trigger, matched)  # "signed a treaty": the verb codes it
        if any(c.i == trigger.i for c in complement_clauses(head)):
            return True  # "threatened to attack": the control verb codes it
    if trigger.dep_ == "acl" and head.dep_ in OBJECT_DEPS and head.head.i in matched:
        return True  # "accepted an invitation to visit Seoul": the acceptance is the event
    if entry.cameo.startswith(STATEMENT_ROOT) and not entry.keys_on_attitude:
        # "said that Russia would send troops": the reported event is the event, not the saying; so is
        # an announced one ("announced the deployment of troops")
        return any(
            (c.dep_ == "ccomp" and any(t.i in matched for t in c.subtree)) or _announces(trigger, c, matched)
            for c in trigger.children
        )
    return False


def _announces(verb: Token, obj: Token, matched: dict[int, TriggerEntry]) -> bool:
    """A plain statement whose object is an event of another kind: "announced the release of two hostages" is
    the release; "expressed condolences" and "denied the charges" stay the statement."""
    verb_entry, object_entry = matched.get(verb.i), matched.get(obj.i)
    return (
        obj.dep_ in OBJECT_DEPS
        and verb_entry is not None and verb_entry.cameo == PLAIN_STATEMENT
        and object_entry is not None and not object_entry.cameo.startswith(STATEMENT_ROOT)
    )


Side = tuple[Mention, int]


def _arguments(trigger: Token, entry: TriggerEntry, finder: ArgumentFinder):
    """Yield (source, target or None, reciprocal, via) for each event this trigger codes."""
    if entry.pos == "verb":
        source_mentions, subject_via = subject_actors(trigger, finder)
        means = unattributed_means(trigger) if not source_mentions and entry.cameo[:2] in VIOLENT_ROOTS else None
        if means is not None:
            source_mentions, subject_via = [_unidentified_attacker(means)], "unattributed"
        if not source_mentions and _authority_sector(entry.cameo) and _agentless_passive(trigger):
            source_mentions, subject_via = _authorities(trigger, entry, finder), "authorities"
        if not source_mentions:
            source_mentions, subject_via = unresolved_subjects(trigger, finder)
        target_candidates = verb_targets(trigger)
    else:
        source_mentions, subject_via = [], ""
        for token, via in noun_sources(trigger):
            found = finder.actors_coordinated(token)
            if found:
                source_mentions, subject_via = found, via
                break
        target_candidates = noun_targets(trigger)
        if not source_mentions:
            # "the meeting between Cho and Sergeev": the first party acts, the other is the target; they are
            # the parties even where a clause's subject is not ("Russia closed its border because of
            # fighting between Azerbaijanis and Armenians")
            for token, via in target_candidates:
                if via in ("prep:between", "prep:among"):
                    found = finder.actors_coordinated(token)
                    if len(found) >= 2:
                        yield (found[0], 0), (found[1], 0), True, f"{via}/{via}"
                        return
            verb = governing_verb(trigger)
            if verb is not None:
                source_mentions, subject_via = subject_actors(verb, finder)
                subject_via = "verb." + subject_via
                if _reports(verb):  # "Reuters reported the attack": the media only tell of it
                    source_mentions = [m for m in source_mentions if m.actor.sectors[:1] != [MEDIA]]
    if not source_mentions:
        return
    source_mentions = [located(mention, trigger, finder) for mention in source_mentions]

    group = _group_members(source_mentions)
    if entry.cameo[:2] in AUDIENCE_ROOTS:  # "complained to the UN over Israeli raids": the UN only hears it
        target_candidates.sort(key=lambda candidate: candidate[1].endswith("prep:to"))
    target_mentions, target_via, theme = _first_target(target_candidates, source_mentions, finder, entry)
    if (not target_mentions or theme) and len(group) < 2:
        # a clause's participants and the event's place are weaker guesses than the two sides of a group
        weaker, weaker_via, weaker_theme = _fallback_target(trigger, entry, source_mentions, finder)
        if weaker and not (target_mentions and weaker_theme):
            target_mentions, target_via = weaker, weaker_via
    if not target_mentions and len(group) < 2:
        target_mentions, target_via = _unresolved_target(target_candidates, finder)
    via = f"{subject_via}/{target_via or '-'}"
    reciprocal_prep = target_via.split(":")[-1] in RECIPROCAL_PREPS

    if not target_mentions:
        if len(group) >= 2:  # "Cho and Sergeev agreed", "they agreed": a reciprocal event
            yield group[0], group[1], True, via + "+reciprocal"
            return
        for mention in source_mentions:
            yield (mention, 0), None, False, via + placed_mark(mention)
        return
    home = home_country(source_mentions[0])
    target_mentions = [located(mention, trigger, finder, home) for mention in target_mentions]
    for source in source_mentions:
        for target in target_mentions:
            for member in range(len(target.actors)):
                yield (source, 0), (target, member), reciprocal_prep, via + placed_mark(source, target)


def home_country(source: Mention) -> str | None:
    """The country whose people a police force or court acts on: its own."""
    actor = source.actor
    return actor.country if actor.sectors[:1] and actor.sectors[0] in DOMESTIC_SECTORS else None


def placed_mark(*mentions: Mention) -> str:
    """Marks in the rule string an event with an actor whose country was inferred from where it acted."""
    return PLACED if any(m.rule.endswith(PLACED) for m in mentions) else ""


def _first_target(candidates, source_mentions: list[Mention], finder: ArgumentFinder, entry: TriggerEntry):
    """The first candidate naming an actor other than the source, its via, and whether it is only a theme:
    a theme that names no other country ("sent troops to Haiti", "withdrew its forces from Lebanon")
    yields to a later candidate, and stands only when there is none."""
    source_countries = {m.actor.country for m in source_mentions}
    fallback: tuple[list[Mention], str, bool] = ([], "", False)
    for token, via in candidates:
        found = [m for m in finder.actors_coordinated(token) if not _same(m, source_mentions, finder.doc)]
        if not found:
            continue
        foreign = any(m.actor.country and m.actor.country not in source_countries for m in found)
        if via.split(".")[-1] in OBJECT_DEPS and not foreign and _is_theme(token, via, found, entry):
            fallback = fallback if fallback[0] else (found, via, True)
            continue
        return found, via, False
    return fallback


def _is_theme(token: Token, via: str, found: list[Mention], entry: TriggerEntry) -> bool:
    """Whether an object is what is sent, offered or withdrawn rather than whom the event is aimed at. In a
    complement ("refused to deploy troops in Iraq") the clause's own verb says; there an object that names
    no country at all is as weak a target as a theme."""
    if not via.startswith("xcomp."):
        return entry.is_theme(token)
    keyed = trigger_lexicon().match(token.head)
    return (keyed is not None and keyed.is_theme(token)) or not any(m.actor.country for m in found)


def _fallback_target(trigger: Token, entry: TriggerEntry, source_mentions: list[Mention], finder: ArgumentFinder):
    """A participant of a clause of the trigger, else the place the event happens in: (mentions, via, theme).
    A place is a better target than what is sent ("strengthened its forces in Lebanon")."""
    clauses = clause_targets(trigger, reported_subject=not entry.cameo.startswith(STATEMENT_ROOT),
                             conditions=entry.cameo[:2] in CONDITIONAL_ROOTS)
    found = _first_target(clauses, source_mentions, finder, entry)
    if found[0] and not found[2]:
        return found
    if not entry.cameo.startswith(PLACELESS_ROOTS) and entry.cameo not in PLACELESS_CODES:
        place, via = _place_target(location_targets(trigger), source_mentions, finder)
        if place:
            return place, via, False
    return found


def _place_target(candidates, source_mentions: list[Mention], finder: ArgumentFinder):
    """The first place the event happens in: a country, capital or region standing for its country (not an
    institution), or a named place of the gazetteer ("demonstrated in the northern city of Kirkuk")."""
    for token, via in candidates:
        found = [m for m in finder.actors_coordinated(token)
                 if m.actor.country and not m.actor.sectors and not _same(m, source_mentions, finder.doc)]
        if found:
            return found, via
        name = place_name(token)
        place = _gazetteer_place(name, {m.actor.country for m in source_mentions}) if name is not None else None
        if place is not None:
            return [place], via + ".gazetteer"
    return [], ""


def unresolved_subjects(verb: Token, finder: ArgumentFinder) -> tuple[list[Mention], str]:
    """The verb's nearest subject as actors without a code, where the parser names it as an organisation,
    person or group that the actor lexicon does not know."""
    for subjects, via in subject_candidates(verb):
        found = [m for s in subjects for t in (s, *s.conjuncts) if (m := _named_entity(t, finder)) is not None]
        return _distinct(found), f"{via}.unresolved"
    return [], ""


def _unresolved_target(candidates, finder: ArgumentFinder) -> tuple[list[Mention], str]:
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
    return Mention(start, end, [actor], "unresolved", rule=f"entity:{label}")


def _authority_sector(cameo: str) -> str | None:
    return next((sector for prefix, sector in AUTHORITY_SECTORS.items() if cameo.startswith(prefix)), None)


def _agentless_passive(verb: Token) -> bool:
    return is_passive(verb) and not any(c.dep_ == "agent" for c in verb.children)


def _authorities(trigger: Token, entry: TriggerEntry, finder: ArgumentFinder) -> list[Mention]:
    """Who arrests, deports or investigates where the report does not say: the authorities of the country
    where it happened ("two journalists were arrested in Cairo"). Nobody, where no place is named."""
    places, _ = _place_target(event_places(trigger), [], finder)
    if not places:
        return []
    country, sector = places[0].actor.country, _authority_sector(entry.cameo)
    actor = Actor("authorities", code=actor_code(country, [sector]), country=country, sectors=[sector])
    return [Mention(trigger.i, trigger.i + 1, [actor], "unidentified", rule="authorities" + PLACED)]


def _reports(verb: Token) -> bool:
    return cues().get("governor", {}).get(verb.lemma_.lower()) == "reported"


def _unidentified_attacker(means: Token) -> Mention:
    """The attacker behind "a roadside bomb" or "was shot dead": a mention of the means, named for what it is."""
    span = noun_words(means) if means.pos_ in ("NOUN", "PROPN") else means.doc[means.i : means.i + 1]
    actor = Actor(UNIDENTIFIED_NAME, code=UNIDENTIFIED, sectors=[UNIDENTIFIED])
    return Mention(span.start, span.end, [actor], "unidentified", rule="unattributed")


def located(mention: Mention, trigger: Token, finder: ArgumentFinder, home: str | None = None) -> Mention:
    """A sector-only actor ("gunmen", "protesters", a roadside bomb's attacker) with the country it acts in:
    where the event happened ("gunmen killed five soldiers in Peshawar": unidentified gunmen in Pakistan),
    else `home`, the country of the police or court that acted on it ("Turkish police dispersed students")."""
    actor = mention.actor
    if mention.is_group or actor.country or not actor.sectors or actor.code != actor_code(None, actor.sectors):
        return mention
    if actor.sectors[0] == REFUGEES:
        places, _ = _place_target(_fled_places(finder.doc[mention.end - 1]), [], finder)
        home = None
    elif actor.sectors[0] in STATELESS_SECTORS:
        return mention
    else:
        places, _ = _place_target(event_places(trigger), [], finder)
    country = places[0].actor.country if places else home
    if country is None:
        return mention
    located = copy.copy(actor)
    located.country, located.code = country, actor_code(country, actor.sectors)
    return Mention(mention.start, mention.end, [located], mention.kind, rule=mention.rule + PLACED,
                   antecedent=mention.antecedent, extra=mention.extra)


def _fled_places(head: Token) -> list[tuple[Token, str]]:
    """Where refugees come from: "refugees fleeing Syria", "people fleeing the civil war in Liberia"."""
    fleeing = [c for c in head.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in FLIGHT_VERBS]
    return [(c, f"{c.dep_}.fled") for verb in fleeing for c in verb.children if c.dep_ in OBJECT_DEPS] + [
        place for verb in fleeing for place in event_places(verb)
    ]


def _gazetteer_place(name: Span, source_countries: set[str | None]) -> Mention | None:
    """A place name as an actor that stands for its country; "West Darfur State" is found as "West Darfur"."""
    readings = gazetteer().lookup(name.text) or (gazetteer().lookup(name[:-1].text) if len(name) > 1 else [])
    if not readings:
        return None
    place = choose(readings, {c for c in source_countries if c}, set())
    document = name.doc._.document
    country = country_on(place.country, document.date if document is not None else None)
    return Mention(name.start, name.end, [Actor(name.text, code=country, country=country)], "place", rule="gazetteer")


def subject_actors(verb: Token, finder: ArgumentFinder) -> tuple[list[Mention], str]:
    for subjects, via in subject_candidates(verb):
        found = [m for s in subjects for m in finder.actors_coordinated(s)]
        if found:
            return found, via
    return [], ""


def _group_members(mentions: list[Mention]) -> list[Side]:
    return [(mention, member) for mention in mentions for member in range(len(mention.actors))]


def _same(mention: Mention, others: list[Mention], doc: Doc) -> bool:
    for other in others:
        if other is mention:
            return True
        a, b = mention.actor, other.actor
        if a.name and a.name == b.name:
            return True
        if not a.name and not b.name and a.code == b.code and a.code is not None:
            return True
        if (mention.kind in ("demonym", "group") and not a.sectors and a.country is not None
                and a.country == b.country and _names_a_side(mention, doc)):
            return True  # "the South Korean side" of a South Korean minister is the minister's own side
    return False


def _names_a_side(mention: Mention, doc: Doc) -> bool:
    """"the South Korean side", "the South Korean and the Russian sides"."""
    last = doc[mention.end - 1]
    return any(t.lemma_.lower() in SIDE_NOUNS for t in (last, last.head, *last.conjuncts))


def _actor(doc: Doc, side: Side) -> Actor:
    mention, member = side
    actor = copy.copy(mention.actors[member])
    actor.sectors = list(actor.sectors)
    span = doc[mention.start : mention.end]
    actor.start, actor.end = span.start_char, span.end_char
    if mention.kind != "unidentified":  # its span is the means ("a roadside bomb"), not the actor
        actor.text = span.text
    return actor


# How much less sure the event of a subordinate clause is than the main clause's, per clause level: a
# clause that describes a noun ("an attack officials blamed on X", "a resolution that aims to impose")
# is background more often than a complement is ("said it would", "agreed to").
SUBORDINATE_WEIGHTS = {"ccomp": 0.92, "xcomp": 0.92, "advcl": 0.92, "pcomp": 0.92, "csubj": 0.92,
                       "acl": 0.7, "relcl": 0.7}
LATER_CONJUNCT_WEIGHT = 0.85
# "staged demonstrations to demand reforms": the purpose is background to what was done
PURPOSE_WEIGHT = 0.8


def _salience(trigger: Token, matched: dict[int, TriggerEntry]) -> float:
    """How central the trigger is to its sentence: the main clause's event is the surest reading, and of
    coordinated events ("rejected and condemned the decision") the first is the one a coder codes."""
    weight = 1.0
    token = trigger
    while token.head.i != token.i:
        weight *= PURPOSE_WEIGHT if is_purpose_clause(token) else SUBORDINATE_WEIGHTS.get(token.dep_, 1.0)
        token = token.head
    if trigger.dep_ == "conj" and trigger.head.i in matched:
        weight *= LATER_CONJUNCT_WEIGHT
    return weight


def _trigger_tokens(trigger: Token) -> list[Token]:
    tokens = [trigger] + [c for c in trigger.children if c.dep_ == "prt"]
    return sorted(tokens, key=lambda t: t.i)


def _event(sent_index, sent: Span, trigger: Token, entry: TriggerEntry,
           source: Side, target: Side | None, via: str, weight: float) -> Event:
    confidence = entry.confidence
    if target is None:
        confidence *= 0.85
    if source[0].antecedent is not None:
        confidence *= 0.95
    if source[0].kind == "unresolved":
        confidence *= UNRESOLVED_WEIGHT
    confidence *= weight
    return build_event(sent_index, sent, _trigger_tokens(trigger), entry.cameo, source, target, confidence,
                       f"{entry.source} {via}")


def build_event(sent_index: int, sent: Span, tokens: list[Token], cameo: str, source: Side, target: Side | None,
                confidence: float, rule: str) -> Event:
    """The event record of a trigger (`tokens`) coded `cameo`, between two sides of the parse: how rule
    events and the learned fallback's events are made alike."""
    doc = sent.doc
    document = doc._.document
    doc_id = document.id if document is not None else "doc"
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    code = lookup(cameo)
    source_actor = _actor(doc, source)
    target_actor = _actor(doc, target) if target else None
    identity = "|".join(
        [doc_id, str(sent.start_char), str(start), source_actor.code or source_actor.text,
         (target_actor.code or target_actor.text) if target_actor else "", str(target[1] if target else ""), cameo]
    )
    return Event(
        id=hashlib.sha1(identity.encode()).hexdigest()[:16],
        doc_id=doc_id,
        doc_date=document.date.isoformat() if document is not None and document.date else None,
        sentence_index=sent_index,
        sentence=sent.text,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        trigger=TextSpan(doc[tokens[0].i : tokens[-1].i + 1].text, start, end),  # doc.text rebuilds the text
        source=source_actor,
        target=target_actor,
        cameo=code.cameo(),
        plover=code.plover(),
        confidence=round(confidence, 3),
        rule=rule,
    )
