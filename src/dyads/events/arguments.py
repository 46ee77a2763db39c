"""Who did it and to whom: source and target of a trigger, read off the dependency parse.

Verbs: the subject (or the passive's `by` agent) is the source; the object, the passive subject or a
`to`/`with`/`against`/... phrase is the target. Verbs without a subject of their own ("is scheduled to
meet", "agreed ... and signed") inherit it from the clause they depend on. Event nouns: a possessor or
a national modifier is the source ("Moscow's denunciation", "Russian warnings"), else the subject of the
verb they are the object of ("held talks"); `with`/`to`/`against`/`between` phrases give the target.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyads.actors.mention import Mention
from dyads.events.lexicon import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    acts_as_verb,
    complement_clauses,
    is_passive,
    shared_verbs,
)

TARGET_PREPS = ("to", "with", "against", "on", "toward", "towards", "into", "for", "from", "at", "over",
                "upon", "between", "among", "of")
NOUN_TARGET_PREPS = ("to", "with", "against", "on", "between", "toward", "towards", "for", "at", "over",
                     "upon", "among", "of")
RECIPROCAL_PREPS = ("with", "between", "among")
# Dependencies that stay inside a noun phrase when looking for the actor it names.
PHRASE_DEPS = {"compound", "amod", "poss", "appos", "nmod", "prep", "pobj", "npadvmod", "conj"}
PHRASE_PREPS = {"of", "from"}  # "the government of Japan", "officials from Japan"; not "in": a place
CLIMB_DEPS = {"xcomp", "conj", "advcl", "acl", "pcomp", "relcl"}


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

    def mention_of(self, token: Token) -> Mention | None:
        index = self.mention_at.get(token.i)
        return None if index is None else self.mentions[index]

    def actor_in(self, token: Token, depth: int = 3) -> tuple[Mention, Token] | None:
        """The actor a noun phrase names: the token's own mention, else the nearest inside the phrase."""
        found = self.mention_of(token)
        if found is not None:
            return found, token
        frontier = [token]
        for _ in range(depth):
            next_frontier = []
            for node in frontier:
                for child in node.children:
                    if child.dep_ not in PHRASE_DEPS or child.dep_ == "conj":
                        continue
                    if child.dep_ == "prep" and child.lower_ not in PHRASE_PREPS:
                        continue  # "talks with X": X is a party to the talks, not the talks' owner
                    found = self.mention_of(child)
                    if found is not None:
                        return found, child
                    next_frontier.append(child)
            frontier = next_frontier
        return None

    def actors_coordinated(self, token: Token, depth: int = 2) -> list[Mention]:
        """The actor a phrase names and those coordinated with it ("Cho and Sergeev", "Moscow and Pyongyang")."""
        found: list[Mention] = []
        for node in [token, *token.conjuncts]:
            hit = self.actor_in(node, depth)
            if hit is None:
                continue
            for conjunct in [hit[1], *hit[1].conjuncts]:
                mention = self.mention_of(conjunct)
                if mention is not None and all(mention is not m for m in found):
                    found.append(mention)
        return found


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
PERSONAL_PRONOUNS = {"it", "they", "he", "she", "we"}


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
        if is_passive(node):
            agents = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agents:
                yield agents, "agent" + mark
                return
            passive_subjects = [c for c in node.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            if step > 0 and passive_subjects:  # raising: "the president is scheduled to meet"
                yield passive_subjects, "nsubjpass" + mark
                return
            if step == 0 and passive_subjects:
                return  # "Japan was condemned": the source is not named
        if node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN"):
            yield [node.head], "relcl"
        if node.dep_ not in CLIMB_DEPS or node.head.i == node.i:
            return
        node = node.head
        while node.pos_ not in ("VERB", "AUX") and not acts_as_verb(node) and node.head.i != node.i:
            # "an invitation to visit", "is willing to withdraw": up to the clause's verb
            if node.dep_ not in ("dobj", "obj", "pobj", "prep", "nsubjpass", "attr", "dative", "advcl", "acomp"):
                return
            node = node.head


def instrument_users(verb: Token, subjects: list[Token]) -> list[Token]:
    """The `by` agents of a subject's participle ("rockets fired by the army hit") or, where the parser
    made that participle the main verb, of the verb itself ("rockets [fired by the army] [hit]")."""
    participles = [c for s in subjects for c in s.children if c.dep_ == "acl"]
    if not is_passive(verb):
        participles.append(verb)
    return [g for p in participles for c in p.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def verb_targets(verb: Token) -> list[tuple[Token, str]]:
    """Candidate target tokens of a verb, most direct first."""
    candidates: list[tuple[Token, str]] = []
    if is_passive(verb):
        candidates += [(c, "nsubjpass") for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    candidates += [(c, c.dep_) for c in objects]
    for prep in verb.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in TARGET_PREPS:
            candidates += [(g, f"prep:{prep.lower_}") for g in prep.children if g.dep_ == "pobj"]
    for obj in objects:
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS:
                candidates += [(g, f"dobj.prep:{prep.lower_}") for g in prep.children if g.dep_ == "pobj"]
    if not objects:  # "rejected and condemned the decision", "donated and delivered goods to the school"
        for conj in shared_verbs(verb):
            candidates += [(token, "conj." + via) for token, via in verb_targets(conj)]
    return candidates


def noun_sources(noun: Token) -> list[tuple[Token, str]]:
    candidates: list[tuple[Token, str]] = []
    candidates += [(c, "poss") for c in noun.children if c.dep_ == "poss"]
    candidates += [(c, "modifier") for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
            candidates += [(g, f"prep:{prep.lower_}") for g in prep.children if g.dep_ == "pobj"]
    return candidates


def noun_targets(noun: Token) -> list[tuple[Token, str]]:
    candidates: list[tuple[Token, str]] = []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS:
            candidates += [(g, f"prep:{prep.lower_}") for g in prep.children if g.dep_ == "pobj"]
    if noun.dep_ in OBJECT_DEPS:  # "increase arms sales to Korea": the parser hangs "to" on the verb
        for prep in noun.head.children:
            if prep.dep_ == "prep" and prep.lower_ in NOUN_TARGET_PREPS and prep.i > noun.i:
                candidates += [(g, f"verb.prep:{prep.lower_}") for g in prep.children if g.dep_ == "pobj"]
    return candidates


def clause_targets(trigger: Token, reported_subject: bool = True) -> list[tuple[Token, str]]:
    """Last-resort targets from a clause hanging off the trigger or its object.

    "offered to hand over to Great Britain" → Great Britain; "demanded that the US cancel" → the US
    (`reported_subject`: not for statements, whose clause is what was said, not to whom);
    "accepted an invitation to visit Seoul" → Seoul; "warnings that any U.S. abandonment would ..." → U.S.
    """
    candidates: list[tuple[Token, str]] = []
    complements = {c.i for c in complement_clauses(trigger)}
    for clause in trigger.children:
        if clause.i in complements:
            # "allow refugees to return": the clause's own subject is who is let
            candidates += [(c, "xcomp.nsubj") for c in clause.children if c.dep_ == "nsubj"]
            candidates += [(token, "xcomp." + via) for token, via in verb_targets(clause)]
        elif clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
            # "renewed its call for Israel to lift the blockade"
            candidates += [(c, "advcl.nsubj") for c in clause.children if c.dep_ == "nsubj"]
        elif clause.dep_ == "ccomp" and reported_subject:
            candidates += [(c, "ccomp.nsubj") for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    heads = [trigger, *(c for c in trigger.children if c.dep_ in OBJECT_DEPS)]
    for head in heads:
        for clause in head.children:
            if clause.dep_ != "acl":
                continue
            candidates += [(c, "acl.nsubj") for c in clause.children if c.dep_ == "nsubj"]
            candidates += [(token, "acl." + via) for token, via in verb_targets(clause)]
    return candidates


def governing_verb(noun: Token) -> Token | None:
    """The verb whose clause a noun belongs to: "held talks" → held; "during a meeting" → the clause verb."""
    node = noun
    for _ in range(3):
        head = node.head
        if head.i == node.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.dep_ == "prep" or node.dep_ == "pobj":
            node = head
            continue
        return None
    return None
