"""A trigger that is no event of its own: a second reading of what another trigger of its sentence already
codes ("signed a treaty", "threatened to attack", "accused Iran of backing the rebels", "said that Russia
would send troops"), or a noun that only describes ("North Korea represents a threat")."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.data import read_lemmas
from dyads.events.denials import DENIAL
from dyads.events.factuality import reporting_verbs
from dyads.events.lexicon import OBJECT_DEPS, TriggerEntry, complement_clauses, first_conjunct

STATEMENT_ROOT = "01"
PLAIN_STATEMENT = "010"
INTENT_ROOT = "03"
# Disapproval: a `to` phrase names who hears the complaint, not whom it is about.
AUDIENCE_ROOTS = {"11"}
# What an accusation charges someone with: "accused X of ...", "blamed X for ...", from the act up to its
# phrase ("of killing, maiming and looting", "of trying to topple", "for instigating the protests"). Criticism
# (111) is left out: "criticized Fox for supporting the United States" takes the support as done.
ACCUSATION = "112"
CHARGE_PREPOSITIONS = {"of", "for"}
CHARGE_CLAUSE_DEPS = {"conj", "xcomp", "dobj"}
# Praise, disapproval and rejection: what a statement says about someone.
JUDGING_ROOTS = {"05", "11", "12"}
# Praise of a deed ("welcomed the arrest of Tolimir", "praised the withdrawal"): the deed, a material act,
# happened and is an event of its own. Not for disapproval: on VOA dev it added more wrong events than right.
APPRAISING_ROOTS = {"05"}
MATERIAL_ROOTS = {"06", "07", "08", "14", "15", "16", "17", "18", "19", "20"}


def descriptive_verbs() -> frozenset[str]:
    return read_lemmas("events/descriptive_verbs.tsv")


def subsumed(trigger: Token, entry: TriggerEntry, matched: dict[int, TriggerEntry]) -> bool:
    """A second reading of what another trigger already codes, or a noun that only describes."""
    head = trigger.head
    if entry.pos == "noun" and _described(trigger):
        return True  # "North Korea represents a threat": a description, not a threat
    if head.i != trigger.i and head.i in matched:
        if entry.pos == "noun" and trigger.dep_ in OBJECT_DEPS | {"nsubjpass"}:
            # "signed a treaty": the verb codes it
            return not (_announces(head, trigger, matched) or _appraises_a_deed(head, trigger, matched))
        if any(c.i == trigger.i for c in complement_clauses(head)):
            return not _bare_intent(matched[head.i])  # "threatened to attack": the control verb codes it
    if _bare_intent(entry) and any(c.i in matched for c in complement_clauses(trigger)):
        return True  # "pledged to continue the insurgency": the act to come, an intent or a threat, is the event
    if entry.pos == "noun" and _keyed_prepositional_object(trigger, matched):
        return True  # "pulled out of peace talks": the verb's row names the talks, the verb codes them
    if trigger.dep_ == "acl" and head.dep_ in OBJECT_DEPS and head.head.i in matched:
        # "accepted an invitation to visit Seoul": the acceptance is the event; but in "issued a statement
        # condemning the raid" the condemnation is what the statement does, and in "announced plans that Modi
        # will visit the Maldives" the visit is what it reports
        return not (_content_of_statement(trigger, matched) or _reported_in_object_clause(trigger, matched))
    if _charged_wrong(trigger, matched) or _judged_in_clause(trigger, matched):
        return True  # "accused the rebels of killing civilians": the accusation is the event
    if entry.keys_on_predicate and _names_what_another_codes(trigger, matched):
        return True  # "condemned what it called illegal sanctions": the condemnation is the event
    if _presents_the_speaker(trigger):
        return True  # "Eguiluz, who headed the agency's mission, says": who the speaker is, not an event
    if _answered_by_an_act(trigger, entry, matched):
        return True  # "retaliated by imposing tariffs": the tariffs are the event
    if _takes_sides(trigger):
        return True  # "demonstrators supporting Aristide clashed": who the demonstrators are, not an event
    if entry.cameo.startswith(STATEMENT_ROOT) and entry.cameo != DENIAL and not entry.keys_on_attitude:
        # "said that Russia would send troops": the reported event is the event, not the saying; so is
        # an announced one ("announced the deployment of troops"); a denial negates its clause's event, so the
        # denial is the event ("denied that it had received arms")
        return any(
            (c.dep_ == "ccomp" and any(t.i in matched for t in c.subtree)) or _announces(trigger, c, matched)
            or any(_content_of_statement(g, matched) or (_reported_in_object_clause(g, matched)
                                                         and any(t.i in matched for t in g.subtree))
                   for g in c.children if g.dep_ == "acl")
            for c in trigger.children
        )
    return False


def _bare_intent(entry: TriggerEntry) -> bool:
    """A promise read from its verb alone ("pledged", "promised"), which says nothing of what was promised."""
    return not entry.conditions and entry.cameo.startswith(INTENT_ROOT)


def _keyed_prepositional_object(noun: Token, matched: dict[int, TriggerEntry]) -> bool:
    """The noun is the object of a preposition of a verb trigger ("out of", "in") whose row keys on it."""
    if noun.dep_ != "pobj":
        return False
    preposition = noun.head
    while preposition.dep_ == "prep" and preposition.head.dep_ == "prep":  # "out of"
        preposition = preposition.head
    verb = preposition.head
    entry = matched.get(verb.i)
    return entry is not None and entry.keys_on("pobj", {noun.lemma_.lower()})


def _names_what_another_codes(verb: Token, matched: dict[int, TriggerEntry]) -> bool:
    """A verb of a free relative ("what it called", "what Beijing considers") under a trigger of its sentence
    that judges: it only says how the judge sees what it judges. Under an act of another kind it is an
    accusation of its own ("protested what they called the fraudulent re-election")."""
    if not any(c.dep_ in OBJECT_DEPS and c.lower_ == "what" for c in verb.children):
        return False
    return any(ancestor.i in matched and matched[ancestor.i].cameo[:2] in JUDGING_ROOTS for ancestor in verb.ancestors)


def _described(noun: Token) -> bool:
    """The noun, or the first of the nouns it is conjoined to, is what a descriptive verb says something is
    ("can mean intimidation, arrest and violence")."""
    noun = first_conjunct(noun)
    return noun.dep_ in ("attr", "dobj", "acomp", "oprd") and noun.head.lemma_.lower() in descriptive_verbs()


def _content_of_statement(participle: Token, matched: dict[int, TriggerEntry]) -> bool:
    """A participle on the object of a plain statement that says what the statement judges: "issued a
    statement condemning the raid", "released a communique welcoming the deal". Appeals stay statements
    ("issued a statement urging ..."), as the sentence-level gold sets code them."""
    verb, entry = participle.head.head, matched.get(participle.i)
    verb_entry = matched.get(verb.i)
    return (
        participle.dep_ == "acl" and participle.tag_ == "VBG" and participle.head.dep_ in OBJECT_DEPS
        and verb_entry is not None and verb_entry.cameo == PLAIN_STATEMENT
        and entry is not None and entry.cameo[:2] in JUDGING_ROOTS
    )


def _reported_in_object_clause(clause: Token, matched: dict[int, TriggerEntry]) -> bool:
    """A clause with a subject of its own on the object of a plain statement, what the statement says: "announced
    plans that Modi will visit the Maldives", as "said that Modi will visit" is."""
    verb_entry = matched.get(clause.head.head.i)
    return (
        clause.dep_ == "acl" and clause.head.dep_ in OBJECT_DEPS
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
        and verb_entry is not None and verb_entry.cameo == PLAIN_STATEMENT
    )


def _presents_the_speaker(trigger: Token) -> bool:
    """A relative clause on the subject of a reporting verb, or on an apposition to it ("Evans Revere, a former
    official who had negotiated with North Korea, said"): a description of whoever speaks."""
    if trigger.dep_ != "relcl":
        return False
    person = trigger.head
    if person.dep_ == "appos":
        person = person.head
    return person.dep_ == "nsubj" and person.head.lemma_.lower() in reporting_verbs()


def response_verbs() -> frozenset[str]:
    return read_lemmas("events/response_verbs.tsv")


def _answered_by_an_act(trigger: Token, entry: TriggerEntry, matched: dict[int, TriggerEntry]) -> bool:
    """A verb of answering whose `by` phrase names the answer with a verb that codes an event of its own
    ("Canada retaliated by imposing tariffs", "police responded by firing tear gas")."""
    verb = f"{entry.lemma} {entry.particle}" if entry.particle else entry.lemma
    if entry.pos != "verb" or verb not in response_verbs():
        return False
    return any(
        means.dep_ == "pcomp" and means.i in matched
        for by in trigger.children if by.dep_ == "prep" and by.lower_ == "by"
        for means in by.children
    )


def allegiance_verbs() -> frozenset[str]:
    return read_lemmas("events/allegiance.tsv")


def _takes_sides(trigger: Token) -> bool:
    """A participle of an allegiance verb on a noun: "demonstrators supporting Aristide", "al-Qaida supported
    militants"."""
    return (
        trigger.dep_ in ("acl", "amod") and trigger.tag_ in ("VBG", "VBN")
        and trigger.head.pos_ in ("NOUN", "PROPN") and trigger.lemma_.lower() in allegiance_verbs()
    )


def _charged_wrong(trigger: Token, matched: dict[int, TriggerEntry]) -> bool:
    """Whether the trigger is the wrong that an accusation charges someone with, in its
    `of` or `for` phrase ("accused Iran of backing the rebels", "blamed ETA for the bombings", "accused the
    protesters of trying to topple the government"): an alleged act that is the accusation's content."""
    node = trigger
    while node.dep_ in CHARGE_CLAUSE_DEPS and node.head.i != node.i:
        node = node.head
    preposition = node.head
    if node.dep_ not in ("pcomp", "pobj") or preposition.dep_ != "prep" or preposition.lower_ not in CHARGE_PREPOSITIONS:
        return False
    charging = preposition.head
    if charging.dep_ in OBJECT_DEPS and charging.i not in matched:
        charging = charging.head  # the parser hangs the phrase on the one accused ("the rebel group of killing")
    entry = matched.get(charging.i)
    return entry is not None and entry.pos == "verb" and entry.cameo.startswith(ACCUSATION)


def _judged_in_clause(trigger: Token, matched: dict[int, TriggerEntry]) -> bool:
    """The act of a that-clause by which a statement criticises or accuses ("say Israeli plans violate the
    roadmap", "say it violates Thailand's treaty obligations", coded 112 by the saying): the judgement is the
    event, the clause its content."""
    head = trigger.head
    if trigger.dep_ not in ("ccomp", "acl") or head.i == trigger.i:
        return False
    if head.dep_ in OBJECT_DEPS and head.i not in matched:
        head = head.head  # a clause on the statement's object ("a reminder to Iraq that it must")
    entry = matched.get(head.i)
    return entry is not None and entry.cameo[:2] in AUDIENCE_ROOTS and entry.keys_on_attitude


def _appraises_a_deed(verb: Token, obj: Token, matched: dict[int, TriggerEntry]) -> bool:
    """Praise whose object is a material act: "welcomed the arrest", "praised the withdrawal"."""
    verb_entry, object_entry = matched.get(verb.i), matched.get(obj.i)
    return (
        obj.dep_ in OBJECT_DEPS
        and verb_entry is not None and verb_entry.cameo[:2] in APPRAISING_ROOTS
        and object_entry is not None and object_entry.cameo[:2] in MATERIAL_ROOTS
    )


def _announces(verb: Token, obj: Token, matched: dict[int, TriggerEntry]) -> bool:
    """A plain statement whose object is an event of another kind: "announced the release of two hostages" is
    the release; "expressed condolences" and "denied the charges" stay the statement."""
    verb_entry, object_entry = matched.get(verb.i), matched.get(obj.i)
    return (
        obj.dep_ in OBJECT_DEPS
        and verb_entry is not None and verb_entry.cameo == PLAIN_STATEMENT
        and object_entry is not None and not object_entry.cameo.startswith(STATEMENT_ROOT)
    )
