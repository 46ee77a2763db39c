"""Who did what an event noun that names no doer of its own tells: the subject of the noun's clause, unless
that subject only takes a stance on it, looks on, undergoes it or acts around it ("condemned the bombing",
"residents heard gunfire", "the convoy came under attack", "soldiers stood guard during a protest")."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.data import read_lemmas
from dyads.events.arguments import (
    governing_verb,
    held_for,
    possessor_undergoes,
    unattributed_means,
    undergoing_word,
)
from dyads.events.inferred_actors import PROTEST_ROOT, VIOLENT_ROOTS
from dyads.events.lexicon import TriggerEntry, TriggerLexicon
from dyads.events.referents import DEFINITE

# Prepositions that set an event as the time or circumstance of a clause ("after the bombings").
CIRCUMSTANCE_PREPOSITIONS = {"after", "before", "since", "following", "during", "amid", "despite", "until"}
STANCE_ROOTS = {"02", "10", "11", "12"}


def clause_verb(noun: Token) -> Token | None:
    """The verb of the clause an event noun is in."""
    verb = governing_verb(noun)
    if verb is not None and _participle_preposition(verb) and not _told_before(noun):
        verb = verb.head  # "lifted the curfew following talks with the opposition": the clause's verb
    return verb


def subject_is_doer(noun: Token, verb: Token, entry: TriggerEntry, undergone: list[tuple[Token, str]],
                    lexicon: TriggerLexicon) -> bool:
    """Whether the subject of the event noun's clause `verb` did what the noun tells (`undergone`: the noun's
    `undergoers`): not where the verb takes a stance on it or looks on, the noun did the verb's act or only
    frames the clause, the subject undergoes it or is held for it."""
    return (not _takes_a_stance(verb, lexicon) and not _violence_around(noun, entry)
            and not _agent_of(noun, verb) and not _undergone_by_subject(noun, undergone)
            and not _looks_on(verb, entry) and not held_for(noun))


def _participle_preposition(verb: Token) -> bool:
    """A participle the parser hangs on a clause's verb as a preposition ("following talks", "following a meeting")."""
    return verb.dep_ == "prep" and verb.head.pos_ in ("VERB", "AUX")


def _told_before(noun: Token) -> bool:
    """"following the talks in Russia", "following the rebukes": a definite noun after such a participle tells of
    an act the story has told before, not one the clause's subject took part in."""
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)


def _takes_a_stance(verb: Token, lexicon: TriggerLexicon) -> bool:
    """A verb that appeals for, demands, condemns or rejects what its object noun tells ("condemned the
    bombing", "blamed ETA for the attack"): its subject is not who did it."""
    entry = lexicon.match(verb)
    return entry is not None and entry.cameo[:2] in STANCE_ROOTS


def onlooker_verbs() -> frozenset[str]:
    return read_lemmas("events/onlooker_verbs.tsv")


def _looks_on(verb: Token, entry: TriggerEntry) -> bool:
    """A verb whose subject suffers, witnesses or stops what its object noun tells ("hear gunfire", "put down the
    protests"): the subject did not do it, unless the noun's row keys on the verb (onlooker_verbs.tsv)."""
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    lemma = verb.lemma_.lower()
    phrase = f"{lemma} {particles[0]}" if particles else lemma
    return phrase in onlooker_verbs() and not entry.keys_on("verb", {lemma})


def _violence_around(noun: Token, entry: TriggerEntry) -> bool:
    """Violence or protest, or what was done to someone, that only dates or frames the clause ("became an ally
    after the attacks of September 11", "soldiers stood guard during a protest", "supporters demonstrated
    following their leader's arrest"): the clause's subject did something else around it."""
    preposition = noun.head
    return (
        (entry.cameo[:2] in VIOLENT_ROOTS | {PROTEST_ROOT} or possessor_undergoes(noun))
        and noun.dep_ in ("pobj", "dobj")  # "following" may be parsed as a participle with an object
        and preposition.dep_ == "prep" and preposition.lower_ in CIRCUMSTANCE_PREPOSITIONS
    )


def _undergone_by_subject(noun: Token, undergone: list[tuple[Token, str]]) -> bool:
    """"The convoy came under attack", "Iran has been the target of sanctions": the clause's subject
    undergoes the event noun, it does not do it; "police put him under arrest" still arrest him."""
    return undergoing_word(noun) is not None and not any(via == "undergoes.dobj" for _, via in undergone)


def _agent_of(noun: Token, verb: Token) -> bool:
    """"The devastation caused by suicide bombings in Riyadh": the noun is what did the passive verb's act;
    the verb's subject, or the one its participle inherits, is what it was done to."""
    return noun.dep_ == "pobj" and noun.head.dep_ == "agent" and noun.head.head == verb


def means_of_coded_violence(noun: Token, lexicon: TriggerLexicon) -> bool:
    """"A roadside bomb killed two soldiers": the violent verb codes the attack its means names."""
    verb = governing_verb(noun)
    entry = lexicon.match(verb) if verb is not None else None
    return entry is not None and entry.cameo[:2] in VIOLENT_ROOTS and unattributed_means(verb) == noun
