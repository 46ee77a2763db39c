"""`dyads_events`: trigger words from the lexicon plus source and target from the parse → coded events.

Where an event is decided: `TriggerLexicon.match` (events/lexicon.py) picks the CAMEO code of a verb or
event noun; `subsumed.py` says when a trigger only restates what another codes; `arguments.py` finds who did
it and to whom, `inferred_actors.py` stands in for actors the report leaves unnamed or the lexicons cannot
name; this module chooses each trigger's source and target from them and `record.py` makes the records
(`travel.py`: a journey that meets no one is no visit; `repeats.py`: a later report of an event is no second
event). Factuality, time, place and provenance are later components.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from dyads.actors.mention import Mention
from dyads.events.arguments import (
    ArgumentFinder,
    clause_targets,
    location_targets,
    noun_sources,
    noun_targets,
    subject_candidates,
    unattributed_means,
    undergoers,
    undergoing_agents,
    verb_targets,
)
from dyads.events.candidate import EventCandidate, Side
from dyads.events.denials import accuser_of, answers_a_charge
from dyads.events.factuality import reporting_verbs
from dyads.events.inferred_actors import (
    DEPLOYED,
    VIOLENT_ROOTS,
    agentless_passive,
    home_country,
    located,
    officials_of_the_place,
    passive_doers,
    place_mentions,
    placed_mark,
    unidentified_attacker,
    unnamed_doers,
    unresolved_subjects,
    unresolved_targets,
)
from dyads.events.lexicon import (
    OBJECT_DEPS,
    RECIPROCAL_PREPS,
    TriggerEntry,
    TriggerLexicon,
    is_nominal,
    trigger_lexicon,
)
from dyads.events.noun_doers import clause_verb, means_of_coded_violence, subject_is_doer
from dyads.events.press import is_press, journalists_at_work, told_the_press
from dyads.events.reciprocity import coordinated_doers
from dyads.events.record import rule_event, trigger_tokens
from dyads.events.referents import issuer, referred_doer
from dyads.events.repeats import drop_repeats
from dyads.events.salience import salience
from dyads.events.subsumed import AUDIENCE_ROOTS, PLAIN_STATEMENT, STATEMENT_ROOT, subsumed
from dyads.events.travel import host_inviting, makes_no_visit, meeting_parties
from dyads.nlp import in_a_caption
from dyads.user_lexicons import LexiconFile

# Threats: an if-clause's subject is who is threatened ("threatened to quit the talks if Japan ...").
CONDITIONAL_ROOTS = {"13"}
# Where a statement is made or a meeting held (or proposed: "proposed talks in Seoul") is not its target; a
# visit's destination is.
PLACELESS_ROOTS = (STATEMENT_ROOT,)
PLACELESS_CODES = {"036", "04", "040", "041", "044", "045", "046"}
SIDE_NOUNS = {"side", "delegation", "camp"}  # "the South Korean side" of a South Korean minister
# Meetings and agreements are named for the city they are held in: such a name is not a party.
VENUE_ROOTS = {"04", "05"}
# They are also had by those their own `of` phrase names ("the summit of the GCC opened").
GATHERING_ROOTS = VENUE_ROOTS
MEDIATION = "045"
SIGNING = "057"
# Who invites someone to a visit and names no inviter is the host: "was invited to visit the United States".
INVITING_VERBS = {"invite"}
LEAVING_NOUNS = {"withdrawal", "pullout", "departure", "retreat", "exit"}
# Verbs whose subject gets what its `from` phrase gives ("received 23 bailout packages from the IMF"), except
# what a host takes in ("received the delegation from Beijing", "received inspectors from the IAEA").
RECEIVING_VERBS = {"receive", "get", "obtain"}
HOSTED_ROOTS = ("04", "086")
# Statements, talks, stances told: reporters, a newspaper or VOA told or spoken to are the channel, no party.
PRESS_CHANNEL_ROOTS = {STATEMENT_ROOT, "04"}
# consulting and negotiating (not visiting, "visited Iraq", nor hosting): a group's object is its subject matter
TALKS_CODES = {"040", "041", "046"}


class EventExtractor:
    """The `dyads_events` component, with the trigger lexicon it codes by."""

    def __init__(self, lexicon: TriggerLexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        return extract_events(doc, self.lexicon)


# user_files: users' own verb tables as [name, text] pairs (`dyads.user_lexicons`), over the shipped rows
@Language.factory("dyads_events", default_config={"user_files": []})
def make_event_extractor(nlp: Language, name: str, user_files: list[list[str]]) -> EventExtractor:
    return EventExtractor(trigger_lexicon(tuple(LexiconFile(*pair) for pair in user_files)))


def extract_events(doc: Doc, lexicon: TriggerLexicon) -> Doc:
    finder = ArgumentFinder(doc)
    candidates: list[EventCandidate] = []
    for sent_index, sent in enumerate(doc.sents):
        matched = {
            token.i: entry for token in sent
            if not (_in_a_name(token, finder) or in_a_caption(token))
            and (entry := lexicon.match(token)) is not None
        }
        for i, entry in matched.items():
            trigger = doc[i]
            if subsumed(trigger, entry, matched):
                continue
            weight = salience(trigger, matched)
            for source, target, reciprocal, via in _arguments(trigger, entry, finder, lexicon, candidates):
                if target is None and answers_a_charge(entry) and (accuser := accuser_of(source, candidates)):
                    target, via = accuser, via + "+answers"
                if target is None and (referred := referred_doer(trigger, entry, source, candidates, finder)):
                    target, via = referred, via + "+refers"
                event = rule_event(sent_index, sent, trigger, entry, source, target, via, weight)
                if makes_no_visit(event):
                    continue
                event.reciprocal = reciprocal
                candidates.append(
                    EventCandidate(
                        event=event,
                        trigger=trigger,
                        sent=sent,
                        source_mention=source[0],
                        target_mention=target[0] if target else None,
                        tokens=trigger_tokens(trigger),
                    )
                )
    drop_repeats(candidates)
    doc._.events = candidates
    return doc


def _in_a_name(token: Token, finder: ArgumentFinder) -> bool:
    """A word of an actor's proper name ("the Organization for Economic Cooperation and Development", "Pussy
    Riot", "the Peace Corps"): it names the actor, no event."""
    return token.pos_ == "PROPN" and finder.mention_of(token) is not None


def _arguments(trigger: Token, entry: TriggerEntry, finder: ArgumentFinder, lexicon: TriggerLexicon,
               earlier: list[EventCandidate]):
    """Yield (source, target or None, reciprocal, via) for each event this trigger codes; `earlier`: the
    candidates of the sentences before, which an issued document's subject refers back to."""
    if entry.pos == "verb":
        source_mentions, subject_via = subject_actors(trigger, finder)
        if not source_mentions and (issued_by := issuer(trigger, earlier, finder)) is not None:
            source_mentions, subject_via = [issued_by[0]], "issuer"
        means = unattributed_means(trigger) if not source_mentions and entry.cameo[:2] in VIOLENT_ROOTS else None
        if means is not None:
            source_mentions, subject_via = [unidentified_attacker(means)], "unattributed"
        passive = agentless_passive(trigger)
        if not source_mentions and not passive:
            source_mentions, subject_via = officials_of_the_place(trigger, entry, finder)
        if not source_mentions and passive:
            if entry.cameo == SIGNING and (parties := meeting_parties(trigger, earlier)) is not None:
                yield parties[0], parties[1], True, "signatories/meeting"
                return
            source_mentions, subject_via = passive_doers(trigger, entry, finder)
        held = _held_event_noun(trigger, entry, lexicon) if not source_mentions and passive else None
        if held is not None:
            # "the agreement between Russia and Ukraine was signed", "Russian-Turkish talks were held": the
            # event noun the verb carries out names its parties
            if parties := _parties(noun_targets(held), finder):
                yield (parties[0], 0), (parties[1], 0), True, f"held.{parties[2]}/{parties[2]}"
                return
            source_mentions, subject_via = _owners(noun_sources(held), entry, finder)
            subject_via = "held." + subject_via
        if not source_mentions and passive and trigger.lemma_.lower() in INVITING_VERBS:
            source_mentions, subject_via = host_inviting(trigger, finder), "host"
        if not source_mentions:
            source_mentions, subject_via = unresolved_subjects(trigger, finder)
        target_candidates = verb_targets(trigger)
        if held is not None:
            target_candidates += noun_targets(held)
        if subject_via == DEPLOYED:  # "troops and aid workers were deployed": what is deployed is no target
            target_candidates = [(token, via) for token, via in target_candidates if via != "nsubjpass"]
    else:
        # "the convoy came under attack", "faces charges": who undergoes the event is its target
        undergone = undergoers(trigger)
        target_candidates = undergone + noun_targets(trigger)
        # "the meeting between Cho and Sergeev": the first party acts, the other is the target; they are the
        # parties even where a clause's subject is not ("Russia closed its border because of fighting between
        # Azerbaijanis and Armenians"), and where the noun's row keys on them, rather than a broker
        # ("the agreement between A and B brokered by the EU") or a national modifier
        parties = _parties(target_candidates, finder)
        if parties and entry.keys_on_preposition(parties[2]):
            yield (parties[0], 0), (parties[1], 0), True, f"{parties[2]}/{parties[2]}"
            return
        sources = noun_sources(trigger) + undergoing_agents(trigger)
        if entry.cameo == MEDIATION:  # "under the mediation of Russia's foreign minister": the mediator acts
            sources = [(token, via) for token, via in target_candidates if via == "prep:of"] + sources
            target_candidates = [(token, via) for token, via in target_candidates if via != "prep:of"]
        if trigger.lemma_.lower() in LEAVING_NOUNS:
            # "the withdrawal of Russian troops from Syria": those of the `of` phrase leave, what they leave is
            # no source but the target
            sources = [(token, via) for token, via in target_candidates if via == "prep:of"] + [
                (token, via) for token, via in sources if via != "prep:from"]
            target_candidates = [(token, via) for token, via in target_candidates if via != "prep:of"]
        source_mentions, subject_via = _owners(sources, entry, finder)
        if not source_mentions:
            if parties:
                yield (parties[0], 0), (parties[1], 0), True, f"{parties[2]}/{parties[2]}"
                return
            verb = clause_verb(trigger)
            if verb is not None and subject_is_doer(trigger, verb, entry, undergone, lexicon):
                # the noun's own phrase as the subject: a gathering is of those it is of ("the summit of the
                # GCC opened"), any other event not ("the arrest of the activist prompted questions")
                inside = None if entry.cameo[:2] in GATHERING_ROOTS else trigger
                source_mentions, subject_via = subject_actors(verb, finder, event_noun=inside)
                subject_via = "verb." + subject_via
                if verb.lemma_.lower() in reporting_verbs():  # "Reuters reported the attack": the media only tell of it
                    source_mentions = [m for m in source_mentions if not is_press(m)]
        if not source_mentions and not means_of_coded_violence(trigger, lexicon):
            source_mentions, subject_via = unnamed_doers(trigger, entry, finder)
    if not source_mentions or journalists_at_work(trigger, source_mentions, target_candidates, finder):
        return
    if entry.cameo == PLAIN_STATEMENT and told_the_press(target_candidates, finder):
        return
    source_mentions = [located(mention, trigger, finder) for mention in source_mentions]

    group = _group_members(source_mentions)
    if entry.cameo[:2] in AUDIENCE_ROOTS:  # "complained to the UN over Israeli raids": the UN only hears it
        target_candidates.sort(key=lambda candidate: candidate[1].endswith("prep:to"))
    target_mentions, target_via, theme = _first_target(target_candidates, source_mentions, finder, entry, lexicon)
    if len(group) >= 2 and entry.cameo in TALKS_CODES and target_via.split(".")[0] == "dobj":
        # "the two men discuss North Korea's nuclear program": what a group consults on is no party to it
        target_mentions, target_via = [], ""
    if (not target_mentions or theme) and (len(group) < 2 or entry.keys_on_attitude):
        # a clause's participants and the event's place are weaker guesses than the two sides of a group,
        # unless the row is keyed on the clause ("the US and the Palestinians say Israeli plans violate")
        weaker, weaker_via, weaker_theme = _fallback_target(trigger, entry, source_mentions, finder, lexicon)
        if weaker and not (target_mentions and weaker_theme):
            target_mentions, target_via = weaker, weaker_via
    if not target_mentions and len(group) < 2:
        target_mentions, target_via = unresolved_targets(target_candidates, finder)
    via = f"{subject_via}/{target_via or '-'}"
    reciprocal_prep = target_via.split(":")[-1] in RECIPROCAL_PREPS

    if not target_mentions:
        if len(group) >= 2:  # "Cho and Sergeev agreed", "they agreed", "the US and the EU pressed for a probe"
            yield coordinated_doers(trigger, entry.cameo, group, via)
            return
        for mention in source_mentions:
            yield (mention, 0), None, False, via + placed_mark(mention)
        return
    if given_by_target(trigger, target_mentions[0], entry.cameo):
        source_mentions, target_mentions, via = target_mentions, source_mentions, via + "+given"
    home = home_country(source_mentions[0])
    target_mentions = [located(mention, trigger, finder, home) for mention in target_mentions]
    for source in source_mentions:
        for target in target_mentions:
            for member in _other_members(source, target):
                yield (source, 0), (target, member), reciprocal_prep, via + placed_mark(source, target)


def given_by_target(trigger: Token, target: Mention, cameo: str) -> bool:
    """Whether the target, named in the `from` phrase of a verb of receiving or of its object, gave what the
    subject got: it is the source ("Pakistan received 23 bailout packages from the IMF", "received arms from
    Sudan and Libya"); not where the subject hosts ("received a delegation from China")."""
    if trigger.lemma_.lower() not in RECEIVING_VERBS or cameo.startswith(HOSTED_ROOTS):
        return False
    token = trigger.doc[target.start : target.end].root
    while token.head.i not in (token.i, trigger.i):
        giver_of = token.head.head
        if token.dep_ == "pobj" and token.head.lower_ == "from" and (
            giver_of.i == trigger.i or (giver_of.dep_ in OBJECT_DEPS and giver_of.head.i == trigger.i)
        ):
            return True
        token = token.head
    return False


def _owners(sources: list[tuple[Token, str]], entry: TriggerEntry, finder: ArgumentFinder) -> tuple[list[Mention], str]:
    """Whose event a noun is, by the first of its `noun_sources` that names an actor: its owner, its national
    modifier or its `by` phrase ("Cho's visit", "the Russian-Turkish talks", "the demonstration staged by
    students")."""
    for token, via in sources:
        found = finder.actors_coordinated(token)
        if via == "modifier" and entry.cameo[:2] in VENUE_ROOTS and all(m.kind == "capital" for m in found):
            continue  # "the Moscow meeting", "the Hanoi summit", "the Oslo accords": where, not who
        if found:
            return found, via
    return [], ""


def _held_event_noun(verb: Token, entry: TriggerEntry, lexicon: TriggerLexicon) -> Token | None:
    """The event noun that a passive verb carries out, its subject where the row keys on it and the noun
    tells an event of the same kind ("talks were held", "the accord was signed"; not "until their demands
    are met", whose owners demand, nor "calling for the summit to be held", which only wants it)."""
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children):
        return None
    for noun in verb.children:
        rows = lexicon.rows("noun", noun.lemma_.lower()) if noun.dep_ == "nsubjpass" and is_nominal(noun) else None
        if rows is not None and entry.is_theme(noun) and rows.code_in_root(entry.cameo[:2]):
            return noun
    return None


def _other_members(source: Mention, target: Mention) -> list[int]:
    """The members of the target that are not of the source's own country: "signed an agreement on the
    Russia-Estonia border" is Russia's with Estonia, not with itself."""
    own = source.actor.country
    members = range(len(target.actors))
    others = [m for m in members if not own or target.actors[m].country != own]
    return others if others else list(members)


def _parties(target_candidates, finder: ArgumentFinder) -> tuple[Mention, Mention, str] | None:
    """The first two parties of a `between` or `among` phrase, with the phrase's via."""
    for token, via in target_candidates:
        if via in ("prep:between", "prep:among"):
            found = finder.actors_coordinated(token)
            if len(found) >= 2:
                return found[0], found[1], via
    return None


def _first_target(
    candidates, source_mentions: list[Mention], finder: ArgumentFinder, entry: TriggerEntry, lexicon: TriggerLexicon
):
    """The first candidate naming an actor other than the source, its via, and whether it is only a theme:
    a theme that names no other country ("sent troops to Haiti", "withdrew its forces from Lebanon")
    yields to a later candidate, and stands only when there is none. The source's own country, unqualified,
    yields to a later candidate of another country ("sent troops to his nation's border with Colombia")."""
    source_countries = {m.actor.country for m in source_mentions}
    fallback: tuple[list[Mention], str, bool] = ([], "", False)
    own_land: tuple[list[Mention], str, bool] | None = None
    press_heard = entry.cameo[:2] in PRESS_CHANNEL_ROOTS or entry.lemma in reporting_verbs()
    for token, via in candidates:
        found = [m for m in finder.actors_coordinated(token) if not _same(m, source_mentions, finder.doc)
                 and not (press_heard and is_press(m))]
        if not found:
            continue
        foreign = any(m.actor.country and m.actor.country not in source_countries for m in found)
        if via.split(".")[-1] in OBJECT_DEPS and not foreign and _is_theme(token, via, found, entry, lexicon):
            fallback = fallback if fallback[0] else (found, via, True)
            continue
        if own_land is not None and not foreign:
            continue
        if own_land is None and all(not m.actor.sectors and m.actor.country in source_countries for m in found):
            own_land = (found, via, False)
            continue
        return found, via, False
    return own_land or fallback


def _is_theme(token: Token, via: str, found: list[Mention], entry: TriggerEntry, lexicon: TriggerLexicon) -> bool:
    """Whether an object is what is sent, offered or withdrawn rather than whom the event is aimed at. In a
    complement ("refused to deploy troops in Iraq") the clause's own verb says; there an object that names
    no country at all is as weak a target as a theme."""
    if not via.startswith("xcomp."):
        return entry.is_theme(token)
    keyed = lexicon.match(token.head)
    return (keyed is not None and keyed.is_theme(token)) or not any(m.actor.country for m in found)


def _fallback_target(
    trigger: Token, entry: TriggerEntry, source_mentions: list[Mention], finder: ArgumentFinder, lexicon: TriggerLexicon
):
    """A participant of a clause of the trigger, else the place the event happens in: (mentions, via, theme).
    A place is a better target than what is sent ("strengthened its forces in Lebanon")."""
    # a statement's clause is what was said, not to whom; but what a verdict judges is whose it is
    # ("said the claims by Colombia were false")
    reported_subject = not entry.cameo.startswith(STATEMENT_ROOT) or entry.keys_on_verdict
    clauses = clause_targets(trigger, reported_subject=reported_subject, conditions=entry.cameo[:2] in CONDITIONAL_ROOTS)
    found = _first_target(clauses, source_mentions, finder, entry, lexicon)
    if found[0] and not found[2]:
        return found
    if not entry.cameo.startswith(PLACELESS_ROOTS) and entry.cameo not in PLACELESS_CODES:
        own_countries = frozenset(m.actor.country for m in source_mentions if m.actor.country)
        first_source = min((m.start for m in source_mentions), default=len(finder.doc))
        # "In London, the British government welcomed the decision": a setting put before the source and in
        # its own country is where it acts, not what it acts on ("protests in Georgia" of Georgians still are)
        place, via = place_mentions(
            location_targets(trigger), finder,
            lambda m: (m.rule != "gazetteer" and _same(m, source_mentions, finder.doc))  # Kirkuk is not the Iraqis
            or (m.actor.country in own_countries and m.end <= first_source),
            own_countries,
        )
        if place:
            return place, via, False
    return found


def subject_actors(verb: Token, finder: ArgumentFinder, event_noun: Token | None = None) -> tuple[list[Mention], str]:
    """The actors of the verb's subject; for the clause an `event_noun` is in, not a subject whose phrase holds
    the noun ("the arrest of the activist prompted questions": the activist did not arrest)."""
    for subjects, via in subject_candidates(verb):
        if event_noun is not None:
            subjects = [s for s in subjects if not _phrase_holds(s, event_noun, verb)]
        found = [m for s in subjects for m in finder.actors_coordinated(s)]
        if found:
            return found, via
    return [], ""


def _phrase_holds(subject: Token, noun: Token, verb: Token) -> bool:
    """Whether the noun is inside the subject's own phrase, not in a clause of it ("the Front, which sparked
    demonstrations")."""
    node = noun
    while node.i not in (subject.i, verb.i) and node.head.i != node.i:
        node = node.head
    return node.i == subject.i


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

