"""`dyads_factuality`: did it happen? Modality, evidentiality, attribution and historicity of each event.

A meeting that was only expected is not a meeting. The cues (data/events/factuality.tsv) are read off the
trigger's own clause (auxiliaries, adverbs, determiners of its object) and off the clauses above it in
the sentence ("is scheduled to meet", "sources said that", "appeared to"), off the verb an event noun is
the object of ("suspended the withdrawal") and off constructions ("troops are to withdraw"); a later
sentence that says a reported event never took place ("There was no indication that the meeting had taken place") turns the
earlier events of that kind hypothetical.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import defaultdict
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.data import read_tsv
from dyads.events.arguments import condition_clauses, governing_verb
from dyads.events.candidate import EventCandidate
from dyads.events.lexicon import (
    acts_as_verb,
    attended_clause,
    first_conjunct,
    is_infinitive,
    is_nominal,
    states_an_attitude,
)
from dyads.events.ontology import lookup
from dyads.model import Event

MODALITY_ORDER = ("negated", "hypothetical", "future")  # the first effect found decides
EVIDENTIAL_ORDER = ("hedged", "reported")
GOVERNOR_DEPS = {"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "conj"}
PARTICIPLE_TAGS = {"VBG", "VBN"}
NEGATION_DEPS = {"neg"}
# the trigger's subject and object, whose "no", "neither" or "nobody" says the act was not done
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj"}
DETERMINER_DEPS = {"det", "preconj"}  # "neither the police nor the army": preconj where the parser sees one
# Event nouns a disconfirming sentence may name, and the CAMEO code prefixes of the events they stand for
# (036 is a meeting announced for the future).
MEETING_INTENT = "036"
MEETING_CODES = ("04", MEETING_INTENT)
EVENT_KIND_CODES = {
    "meeting": MEETING_CODES, "visit": MEETING_CODES, "trip": MEETING_CODES, "talk": MEETING_CODES,
    "summit": MEETING_CODES, "negotiation": MEETING_CODES, "session": MEETING_CODES,
    "encounter": MEETING_CODES, "agreement": ("03", "057"), "deal": ("03", "057", "06"),
    "attack": ("18", "19"), "strike": ("14", "19"), "protest": ("14",),
}


@lru_cache(maxsize=1)
def cues() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = defaultdict(dict)
    for row in read_tsv("events/factuality.tsv"):
        table[row["role"]][row["word"].lower()] = row["effect"]
    return dict(table)


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Verbs that report what someone said or announced ("said", "reported", "confirmed")."""
    return frozenset(word for word, effect in cues().get("governor", {}).items() if effect == "reported")


@cache
def recoding(name: str) -> dict[str, str]:
    """A CAMEO convention for events that are not (yet) acts: intent.tsv, threat.tsv, refusal.tsv."""
    return {row["act"]: row[name] for row in read_tsv(f"events/{name}.tsv")}


def intent_codes() -> dict[str, str]:
    return recoding("intent")


# Future cues that are someone's forecast or a timetable, not an actor's statement of what it will do.
FORECAST_CUES = frozenset({"expect", "schedule", "due", "suppose", "likely", "about", "poised", "verge", "brink"})
# Cues of a readiness to meet, which is the intent stated (036, actual), not a meeting planned (future).
READINESS_CUES = frozenset({"ready", "willing", "prepared", "eager", "keen"})
# Future cues that are someone else's forecast or a cooperative frame, not the actor's own stated plan:
# "is expected to strike" is no threat, "agreed to impose sanctions" is a decision taken together.
NOT_THREAT_CUES = frozenset({"expect", "schedule", "due", "agree", "propose", "offer", "invite"})
# Cues of a plan or an aim (`_plotted`).
PLAN_CUES = frozenset({"plan", "aim", "intend"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# What turns a negated cooperative act into a refusal: a modal ("will not accept", "won't negotiate",
# "cannot allow") or a governor of unwillingness ("is unwilling to withdraw").
REFUSAL_CUES = frozenset({"will", "wo", "'ll", "would", "shall", "can", "could", "unwilling", "reluctant",
                          "refuse"})
NEGATION_WORDS = frozenset({"not", "n't", "never"})
# Verbs of letting, which negated are a refusal with no modal: "have not allowed him to return" barred him.
PERMISSION_VERBS = frozenset({"allow", "permit", "let"})
# An act that was only demanded, supposed or not done is a less sure reading of what a sentence reports
# than one that took place: "demanded that Kagame agree" is the demand.
UNREALIZED = {"hypothetical", "negated"}
UNREALIZED_WEIGHT = 0.85
UNSTATED = "factuality: an act only forecast, that nobody stated"


@Language.component("dyads_factuality")
def assess_factuality(doc: Doc) -> Doc:
    _assess_all(doc, doc._.events or [])
    return doc


def assessed(doc: Doc, candidates: list[EventCandidate]) -> list[Event]:
    """The events factuality makes of `candidates` (modality, recoded code, confidence), leaving the
    candidates as they are: what the learned calibration is fitted on."""
    copies = [dataclasses.replace(candidate, event=copy.copy(candidate.event)) for candidate in candidates]
    _assess_all(doc, copies)
    return [candidate.event for candidate in copies]


def _assess_all(doc: Doc, candidates: list[EventCandidate]) -> None:
    for candidate in candidates:
        effects = _assess(candidate)
        planned = candidate.event.modality == "future"
        permission = candidate.trigger.lemma_.lower() in PERMISSION_VERBS
        if _recode(candidate.event, effects, _conditioned(candidate.trigger), permission):
            candidate.dropped = UNSTATED
        candidate.act_to_come = planned and candidate.event.modality == "actual"
        if candidate.event.modality in UNREALIZED:
            candidate.event.confidence = round(candidate.event.confidence * UNREALIZED_WEIGHT, 3)
    _apply_disconfirmations(doc, candidates)


def _recode(event, effects: list[tuple[str, str]], conditioned: bool = False, permission: bool = False) -> bool:
    """CAMEO's conventions for acts not done: a future cooperative act is an intent (03x), a future
    conflictual act the actor announces a threat (13x), a cooperative act it says it will not do a
    refusal (12x). An intent or threat someone stated took place (the codebook's promises and pledges,
    a readiness to talk, a meeting offered on a condition); a meeting still to come stays a future 036.
    True for an act only forecast or scheduled that nobody stated ("were supposed to sign a deal", "are
    expected to ease restrictions"): no intent nor threat of anyone's, no event CAMEO codes."""
    cues = {cue for _, cue in effects}
    if event.modality == "future":
        if _code_as(event, "intent"):
            meeting = event.cameo.code == MEETING_INTENT
            if meeting and not (cues & READINESS_CUES or conditioned):
                return False
            if not _stated_by_actor(effects):
                return not meeting and bool(cues & FORECAST_CUES)
            event.modality = "actual"  # the promise was made
        elif not cues & NOT_THREAT_CUES and not _plotted(event, cues) and _code_as(event, "threat"):
            if not _stated_by_actor(effects):
                return bool(cues & FORECAST_CUES)
            event.modality = "actual"  # the threat was made
    elif event.modality == "negated" and cues & NEGATION_WORDS and (cues & REFUSAL_CUES or permission) and (
        _code_as(event, "refusal")
    ):
        event.modality = "actual"  # the refusal itself took place
    return False


def _conditioned(trigger: Token) -> bool:
    """The act is set on a condition of its own clause ("would meet with Kim if there is a prospect of a
    deal"): an offer made now, not a timetable."""
    return bool(condition_clauses(_clause_verb(trigger)))


def _plotted(event, cues: set[str]) -> bool:
    """Violence only planned or aimed at is a plot, no threat, for a threat of force is made to its target:
    "is planning a suicide attack" is a future attack. A coercive policy planned is announced and stays a
    threat: "plans to impose restrictions on its labour market"."""
    return bool(cues & PLAN_CUES) and event.cameo.root in VIOLENT_ROOTS


def _stated_by_actor(effects: list[tuple[str, str]]) -> bool:
    """The future act is one someone announced or committed to ("said it would free", "agreed to endorse",
    "vows to resist"), not a schedule or a forecast ("when the truce begins, Hamas will halt attacks",
    "is expected to provide")."""
    governors = cues().get("governor", {})
    return any(
        effect == "reported" or (effect == "future" and governors.get(cue) == "future" and cue not in FORECAST_CUES)
        for effect, cue in effects
    )


def _code_as(event, name: str) -> bool:
    """Recode the event by the longest prefix of its code in the table `name`; False if none applies."""
    table = recoding(name)
    code = event.cameo.code
    for length in range(len(code), 1, -1):
        recoded = table.get(code[:length])
        if recoded is not None:
            entry = lookup(recoded)
            event.cameo, event.plover = entry.cameo(), entry.plover()
            event.rule += f" | {name}:{code}->{recoded}"
            return True
    return False


def _clause_verb(trigger: Token) -> Token:
    if is_nominal(trigger):
        return governing_verb(trigger) or trigger
    return trigger


def _assess(candidate: EventCandidate) -> list[tuple[str, str]]:
    table = cues()
    event = candidate.event
    trigger = candidate.trigger
    effects: list[tuple[str, str]] = []  # (effect, cue text)

    own = [trigger]
    clause = _clause_verb(trigger)
    scene = _sets_the_scene(trigger, clause)
    if scene:
        # "at a meeting last month, the two sides showed no movement": the clause's negation is not the
        # meeting's, but its tense is ("at next week's summit they will sign")
        effects += [(table["aux"][c.lower_], c.lower_) for c in clause.children
                    if c.dep_ in ("aux", "auxpass") and c.lower_ in table.get("aux", {})]
    elif clause.i != trigger.i and not _presupposed(trigger, clause):
        own.append(clause)
    node = clause
    # "Kyiv will not attend and Minsk signed": a conjunct with a subject of its own has its own tense and
    # negation, while the clauses above the first conjunct govern it still
    tensed = [*own]
    own_tense = True
    while node.dep_ == "conj" and node.head.i != node.i:  # "apparently agreed ... and signed"
        if is_infinitive(node) and not is_infinitive(node.head):
            break  # "agreed to suspend ... and to allow": a second complement of "agreed", not its conjunct
        own_tense = own_tense and not any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
        node = _conjoined_verb(node)
        own.append(node)
        if own_tense:
            tensed.append(node)
    for token in tensed:
        effects += _constructions(token) + _alternative_not_taken(token)
        for child in token.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass") and word in table.get("aux", {}):
                effects.append((table["aux"][word], word))
            elif child.dep_ in NEGATION_DEPS and token.i == trigger.i and states_an_attitude(trigger):
                continue  # "was not supportive of": the lexicon reads the negated stance as a stance of its own
            elif child.dep_ in NEGATION_DEPS or (child.dep_ == "advmod" and word in table.get("advmod", {})):
                effects.append((table["advmod"].get(word, "negated"), word))
            elif child.dep_ == "amod" and word in table.get("modifier", {}):
                effects.append((table["modifier"][word], word))
            elif child.dep_ == "mark" and word in table.get("mark", {}):
                effects.append((table["mark"][word], word))
            elif child.dep_ == "npadvmod" and word == "once":
                effects.append(("historical", word))
            elif child.dep_ == "prep" and word == "at" and _names_that_time(child):
                effects.append(("historical", "at that time"))
        arguments = [c for c in token.children if c.dep_ in ARGUMENT_DEPS]
        for argument in arguments:
            if argument.lower_ in table.get("pronoun", {}):
                effects.append((table["pronoun"][argument.lower_], argument.lower_))
        for argument in [*arguments, token]:
            for det in argument.children:
                if det.dep_ in DETERMINER_DEPS and det.lower_ in table.get("determiner", {}):
                    effects.append((table["determiner"][det.lower_], det.lower_))
    question = _question_mark(trigger)
    if question:
        effects.append((table["question"][question], question))
    # "an invitation to visit Seoul", "seeking ways to oppose the limits", "resources to fund schools": what
    # a noun's infinitive names is still to come, unless the noun is singled out as the one that did it
    # ("the first country to recognize Kosovo")
    if trigger.dep_ in ("acl", "relcl") and is_infinitive(trigger) and not _singled_out(trigger.head):
        effects.append(("future", "to"))
    if is_nominal(trigger):
        effects += _noun_effects(trigger, clause)

    attributed_to = None
    asserted = False  # below an "as"/"after"/"because" clause, what the clauses above plan or ask is not its
    governed = clause if scene else own[-1]  # what governs the clause governs the gathering it happens at
    for governor, clause_below in ([] if _free_relative(governed) else _governors(governed)):
        asserted = asserted or _asserted_clause(clause_below)
        lemma = governor.lemma_.lower()
        if asserted:
            effect = table.get("governor", {}).get(lemma)
            if effect in EVIDENTIAL_ORDER:
                effects.append((effect, lemma))
                if effect == "reported" and attributed_to is None:
                    attributed_to = _subject_text(governor)
            continue
        if clause_below.dep_ == "xcomp" or is_infinitive(clause_below):
            # "might be forced to ask", "would agree to sign", "would be the first to disarm"
            for verb in _predicate_verbs(governor):
                effects += [(table["aux"][c.lower_], c.lower_) for c in verb.children
                            if c.dep_ == "aux" and c.lower_ in table.get("aux", {})]
        if (clause_below.dep_ in ("xcomp", "advcl") and is_infinitive(clause_below)
                and lemma not in table.get("governor", {}) and lemma not in table.get("negation_affirms", {})
                and any(c.dep_ in NEGATION_DEPS for c in governor.children)):
            effects.append(("negated", "not"))  # "did not travel to meet him": no journey for it, no meeting
        # "if they agree to meet", "for Zelenskyy to come back to sign": the condition covers what it governs
        effects += [(table["mark"][c.lower_], c.lower_) for c in governor.children
                    if c.dep_ == "mark" and c.lower_ in table.get("mark", {})]
        if lemma in table.get("attempted", {}) and governor.pos_ in ("VERB", "AUX"):
            if _attempt_failed(governor):
                effects.append(("negated", lemma))
            continue
        if _accompanying(clause_below):
            continue
        effect = table.get("governor", {}).get(lemma)
        if effect is None and lemma in table.get("capacity", {}) and (
            governor.head.lemma_.lower() not in table.get("capacity_used", {})
        ):
            effect = table["capacity"][lemma]  # "the right to protest"; not "exercised their right to protest"
        if effect is None:
            continue
        if lemma in table.get("wish_for_others", {}) and _has_own_subject(clause_below, governor):
            effect = table["wish_for_others"][lemma]  # "wanted Tbilisi to crack down": a wish, not a plan
        negators = [*governor.children, *(governor.head.children if governor.dep_ == "acomp" else ())]
        if any(c.dep_ in NEGATION_DEPS for c in negators) and effect in ("future", "reported"):
            effect = "negated" if effect == "future" else effect
        effects.append((effect, lemma))
        if effect == "reported" and attributed_to is None:
            attributed_to = _subject_text(governor)
        for child in governor.children:
            if child.dep_ == "advmod" and table.get("advmod", {}).get(child.lower_) == "hedged":
                effects.append(("hedged", child.lower_))
    according = _according_to(candidate.sent)
    if according:
        effects.append(("reported", "according to"))
        attributed_to = attributed_to or according

    found = {effect for effect, _ in effects}
    modality = next((m for m in MODALITY_ORDER if m in found), "actual")
    if modality == "hypothetical" and "reported" in found and _future_in_past(own):
        modality = "future"
    event.modality = modality
    event.evidential = next((e for e in EVIDENTIAL_ORDER if e in found), "direct")
    event.historical = "historical" in found and modality == "actual"
    if attributed_to:
        event.attributed_to = attributed_to
    if effects:
        event.rule += " | " + ",".join(f"{effect}:{cue}" for effect, cue in effects)
    return effects


def _singled_out(noun: Token) -> bool:
    """"the first country", "the only leader", "the largest group", "the first": an infinitive after such a
    noun says what it did ("the first country to recognize Kosovo", "was the first to reject it")."""
    words = [noun, *(c for c in noun.children if c.dep_ in ("amod", "det", "advmod", "nummod"))]
    return any(w.tag_ == "JJS" or w.ent_type_ == "ORDINAL" or w.lower_ in cues().get("singles_out", {}) for w in words)


def _conjoined_verb(verb: Token) -> Token:
    """What a verb is conjoined to; a verb the parser hangs on the object of another ("if it changes its
    position or tests more missiles") is conjoined to that object's verb."""
    head = verb.head
    if verb.pos_ == "VERB" and head.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj":
        return head.head
    return head


def _accompanying(clause: Token) -> bool:
    """A participle adjunct says what went with its governor's act, not what the act plans or reports: in
    "the House voted 368-7, urging an investigation" the urging is done by the vote."""
    return clause.dep_ == "advcl" and clause.tag_ == "VBG" and not any(
        c.dep_ in ("mark", "aux", "nsubj") for c in clause.children)


def _free_relative(clause: Token) -> bool:
    """"vowed to protest what they called the fraudulent re-election": how its speaker names a thing, said
    now, whatever the clauses above plan or ask about the thing."""
    return any(c.dep_ in ("dobj", "nsubj") and c.tag_ == "WP" and c.lower_ == "what" for c in clause.children)


def _predicate_verbs(governor: Token) -> list[Token]:
    """The governor, and the copula of a predicate governor that is no cue itself ("would be the first to
    disarm"); a cue predicate says what its complement is ("would be ready to host" is an offer)."""
    if (governor.dep_ in ("attr", "acomp") and governor.head.i != governor.i
            and governor.lemma_.lower() not in cues().get("governor", {})):
        return [governor, governor.head]
    return [governor]


def _attempt_failed(verb: Token) -> bool:
    """"did not try to", "tried unsuccessfully to", "tried in vain to": the act was not done."""
    failed = cues().get("attempt_failed", {})
    words = [c for c in verb.children if c.dep_ in NEGATION_DEPS or c.lower_ in failed]
    words += [obj for c in verb.children if c.dep_ == "prep" for obj in c.children if obj.lower_ in failed]
    return bool(words)


def _asserted_clause(clause: Token) -> bool:
    """An adverbial clause that states a fact of its own: "warned ... as Tehran rejected the offer", or a
    participle clause set before its verb, what the subject did as it acted: "Threatening to kill the
    hostages, the group demanded the release of prisoners" threatens; it is not what the group demanded;
    so is one set after a subordinating word ("While paying tribute to Nordic aid, they agreed") or a
    preposition ("after meeting Putin, Bush agreed to visit Moscow") that makes a clause a fact of its own."""
    marks = cues().get("factive_mark", {})
    if clause.dep_ == "prep" and clause.lower_ in marks and any(c.dep_ == "pcomp" for c in clause.children):
        return True
    if clause.dep_ != "advcl":
        return False
    if clause.tag_ in PARTICIPLE_TAGS and clause.i < clause.head.i and not is_infinitive(clause) and all(
        c.lower_ in cues().get("participle_mark", {}) for c in clause.children if c.dep_ == "mark"
    ):
        return True
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def _sets_the_scene(noun: Token, verb: Token) -> bool:
    """An event noun in an "at" or "during" phrase of its clause, which tells when and where the clause
    happens ("during the talks, Chad did not yield"): it took place whatever the clause says of its own act."""
    clause = attended_clause(noun)
    return noun.i != verb.i and clause is not None and clause.i == verb.i


def _presupposed(noun: Token, verb: Token) -> bool:
    """An event noun subject of a verb that says what the event does, not whether it happens: in "Lebed's
    visit will shed light" the visit is under way; in "the visit will take place" it is to come."""
    return noun.dep_ == "nsubj" and noun.head.i == verb.i and verb.lemma_.lower() not in cues().get("occur", {})


def _governors(clause: Token):
    """Verbs of the clauses above this one, nearest first, within the sentence, each with the clause
    under it."""
    node = below = clause
    for _ in range(6):
        # through a preposition to the noun it complements and on to that noun's verb: "pledged support
        # for demobilizing his troops", "denied involvement in attacking"
        through_preposition = (node.pos_ == "ADP" and node.dep_ == "prep") or (
            node.dep_ in ("dobj", "obj") and below.pos_ == "ADP"
        )
        if not (node.dep_ in GOVERNOR_DEPS or through_preposition) or node.head.i == node.i:
            return
        below, node = node, node.head
        if node.pos_ in ("VERB", "AUX", "ADJ", "NOUN") or acts_as_verb(node):
            yield node, below  # a noun too: "its demand that Israel ease", "a plan to attack"
            # "reiterated its demand [that Israel ease]": the parser hangs the clause on the verb
            yield from ((c, below) for c in node.children if c.dep_ in ("dobj", "obj") and c.i < clause.i)
            # "it is possible they will use force": the copula's adjective governs the clause set after it
            yield from ((c, below) for c in node.children if c.dep_ == "acomp" and below.dep_ == "ccomp")


def _has_own_subject(clause: Token, governor: Token) -> bool:
    """"wanted Tbilisi to crack down", "hopes Moscow will sign": the clause's actor is not the governor's."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        return not all(s.pos_ == "PRON" for s in subjects)  # "Kiev hopes it will join": its own plan
    return any(c.dep_ in ("dobj", "obj") and c.i < clause.i for c in governor.children)


def _question_mark(trigger: Token) -> str | None:
    """The question mark of the trigger's clause or of a clause above it ("Do you hope that China can do
    more?"); a question asked in a quote leaves the clauses that report it alone ("'Will they meet?' he
    asked, refusing to wait")."""
    marks = cues().get("question", {})
    for node in [trigger, *trigger.ancestors]:
        for child in node.children:
            if child.dep_ == "punct" and child.text in marks:
                return child.text
    return None


def _names_that_time(preposition: Token) -> bool:
    """"which Russia supported at that time": a past the report looks back on."""
    return any(
        obj.dep_ == "pobj" and obj.lemma_ == "time" and any(d.lower_ == "that" for d in obj.children)
        for obj in preposition.children
    )


def _constructions(token: Token) -> list[tuple[str, str]]:
    """'be to' + infinitive: "troops are to withdraw" is planned; "were to have signed" never happened."""
    head = token.head
    if token.dep_ != "xcomp" or head.lemma_ != "be" or head.i == token.i:
        return []
    auxiliaries = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if "to" not in auxiliaries:
        return []
    return [("hypothetical", "was to have")] if "have" in auxiliaries else [("future", "is to")]


def _alternative_not_taken(token: Token) -> list[tuple[str, str]]:
    """The act set against another as the one not taken: "preferable to an invasion", "in place of an
    invasion", "instead of an invasion", "rather than attacking", "talks rather than an attack"."""
    words = cues().get("alternative", {})
    if token.dep_ in ("pobj", "pcomp"):
        preposition = token.head
        marks = [preposition.head, *(c for c in preposition.children if c.dep_ == "advmod")]
    elif token.dep_ == "conj":  # "talks rather than an attack": "than" joins the two, "rather" hangs on it
        marks = [m for c in token.head.children if c.dep_ == "cc" and c.lower_ == "than"
                 for m in c.children if m.dep_ == "advmod"]
    else:
        return []
    return [(words[m.lower_], m.lower_) for m in marks if m.lower_ in words][:1]


def _noun_effects(noun: Token, clause: Token) -> list[tuple[str, str]]:
    """An event noun as the object of a verb that stops it ("suspended the withdrawal", "the visit was
    cancelled") or only plans, seeks, asks for or refuses it ("planning an attack", "called for a probe"), a
    weapon found before it was used ("found two roadside bombs"), as what an act is taken for ("interpreted the
    meeting as a recognition"), or under "any" ("any attack would")."""
    table = cues()
    effects = []
    if _object_of(noun, clause):
        lemma = clause.lemma_.lower()
        effect = next((table[role][lemma] for role in ("stopper", "called_off", "planned_object")
                       if lemma in table.get(role, {})), None)
        if effect is None and noun.lemma_.lower() in table.get("device", {}):
            effect = table.get("device_found", {}).get(lemma)
        if effect:
            effects.append((effect, lemma))
    preposition = noun.head
    planning = preposition.head
    sought = table.get("planned_object", {}) | table.get("asked_for", {})
    if noun.dep_ == "pobj" and preposition.lower_ == "for" and planning.i == clause.i and (
            clause.lemma_.lower() in sought):
        # "preparing for the visit", "called for sanctions against Zimbabwe"
        effects.append((sought[clause.lemma_.lower()], clause.lemma_.lower()))
    if (noun.dep_ == "pobj" and preposition.lower_ in ("for", "of") and planning.pos_ == "NOUN"
            and table.get("governor", {}).get(planning.lemma_.lower()) in ("future", "hypothetical")):
        # "expectations for the Bush-Calderon meeting", "plans for a visit": the event is still to come
        effects.append((table["governor"][planning.lemma_.lower()], planning.lemma_.lower()))
    planned = noun.head.lemma_.lower()
    if noun.dep_ == "compound" and table.get("governor", {}).get(planned) in ("future", "hypothetical"):
        effects.append((table["governor"][planned], planned))  # "the withdrawal plan", "an arrest warrant"
    possibility = _possibility_of(noun)
    if possibility in table.get("possibility", {}):
        effects.append((table["possibility"][possibility], possibility))  # "the threat of attacks": may come
    if noun.dep_ == "pobj" and preposition.lower_ == "as" and (
        preposition.head.lemma_.lower() in table.get("characterize", {})
    ):
        effects.append((table["characterize"][preposition.head.lemma_.lower()], "as"))
    for det in noun.children:
        if det.dep_ == "det" and det.lower_ in table.get("noun_determiner", {}):
            effects.append((table["noun_determiner"][det.lower_], det.lower_))
    return effects


def _possibility_of(noun: Token) -> str | None:
    """The lemma of the noun whose of-phrase holds the noun, or the first of the nouns it is conjoined to
    ("the threat of kidnappings and attacks")."""
    noun = first_conjunct(noun)
    preposition = noun.head
    if noun.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.pos_ == "NOUN":
        return preposition.head.lemma_.lower()
    return None


def _object_of(noun: Token, clause: Token) -> bool:
    """The noun is an object of the clause's verb, or conjoined to one ("canceled exercises, as well as a
    visit", where the parser hangs the second object on the verb)."""
    noun = first_conjunct(noun)
    return noun.head.i == clause.i and noun.dep_ in ("dobj", "nsubjpass", "conj")


def _future_in_past(own: list[Token]) -> bool:
    """'would' under a reporting verb is a future seen from the past ("said Cho would meet Putin")."""
    return any(c.lower_ == "would" and c.dep_ == "aux" for token in own for c in token.children)


def _subject_text(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            tokens = list(child.subtree)
            return verb.doc[tokens[0].i : tokens[-1].i + 1].text
    return None


def _according_to(sent: Span) -> str | None:
    for token in sent:
        if token.lower_ == "according" and token.dep_ == "prep":
            for to in token.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        tokens = list(obj.subtree)
                        return sent.doc[tokens[0].i : tokens[-1].i + 1].text
    return None


def _apply_disconfirmations(doc: Doc, candidates: list[EventCandidate]) -> None:
    if not candidates:
        return
    sentences = list(doc.sents)
    by_sentence: dict[int, list[EventCandidate]] = defaultdict(list)
    for candidate in candidates:
        by_sentence[candidate.event.sentence_index].append(candidate)
    for index, sent in enumerate(sentences):
        prefixes = _disconfirmed_codes(sent)
        if not prefixes:
            continue
        # the nearest earlier sentence with an event of that kind is the one disconfirmed
        for earlier in range(index - 1, max(-1, index - 4), -1):
            affected = [c for c in by_sentence.get(earlier, []) if c.event.cameo.code.startswith(prefixes)]
            if affected:
                for candidate in affected:
                    if candidate.event.modality in ("actual", "future"):
                        candidate.event.modality = "hypothetical"
                        candidate.event.rule += f" | unconfirmed:sentence{index}"
                break


def _disconfirmed_codes(sent: Span) -> tuple[str, ...]:
    table = cues()
    disconfirm, nonevent, called_off = (table.get(kind, {}) for kind in ("disconfirm", "nonevent", "called_off"))
    disconfirming = False
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in disconfirm and any(
            c.dep_ == "det" and c.lower_ == "no" for c in token.children
        ):
            disconfirming = True
        elif lemma in nonevent:
            verb = token.head if lemma == "place" else token
            if any(c.dep_ in NEGATION_DEPS for c in verb.children):
                disconfirming = True
        elif lemma in called_off or (lemma == "call" and any(
            c.dep_ == "prt" and c.lower_ == "off" for c in token.children
        )):
            disconfirming = True
    if not disconfirming:
        return ()
    return tuple({code for token in sent for code in EVENT_KIND_CODES.get(token.lemma_.lower(), ())})
