"""The trigger lexicon: verbs and event nouns (data/events/*.tsv) and how a row matches a parsed token."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.tokens import Doc, Token

from dyads.data import read_tsv
from dyads.events.counting import standing_for
from dyads.events.ontology import cameo_codes
from dyads.model import Actor
from dyads.user_lexicons import LexiconFile, rows_of

CONDITION_KINDS = {"obj", "prep", "pobj", "body", "xcomp", "asks", "ccomp", "subj", "verb", "pass", "modal", "acomp",
                   "pred", "verdict", "about", "forecast", "outcome", "imputes", "parties", "owner", "attended"}
VALUELESS_CONDITIONS = {"pass", "parties", "owner", "attended"}  # a bare flag: "pass", not "pass=..."
# "at a meeting last month, the two sides ...": prepositions that place a clause at a gathering
ATTENDANCE_PREPOSITIONS = {"at", "during"}
RECIPROCAL_PREPS = ("with", "between", "among")
INTERNATIONAL_BODY = "IGO"  # the code of an intergovernmental organisation, a regional bloc's too
WILDCARD = "*"
WORD_CLASS = "@"  # a condition value naming a class of evaluative.tsv: `pred=@condemnation`
NEGATED = "not "  # how a negated predicate's lemmas are told: "not credible"
# The code of a row for a sense that is no event ("talked about the plan", "appealed the verdict"): chosen as
# any row is, it keeps the word's other rows from coding that sense.
NO_EVENT = "-"
# Verbs that say what their subject is: "the claims were false", "the case remains illegal".
# A verb of a that-clause that asks as a modal does: "said the rebels need to join peace talks".
NECESSITY_VERBS = {"need": "must"}
SPEAKER_PRONOUNS = {"i", "we"}
COPULAS = {"be", "remain", "seem", "appear", "become", "look", "sound"}
OBJECT_DEPS = {"dobj", "obj", "dative"}
TIME_SPANS = {"minute", "hour", "day", "week", "month"}  # what an ultimatum gives: "gave Iran 48 hours to leave"
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
RELATIVE_TAGS = {"WDT", "WP"}  # "that", "which", "who", "whom" heading a relative clause
OWN_GAP_DEPS = OBJECT_DEPS | {"xcomp", "ccomp"}  # a relative clause's verb with these does not act on its noun
VICTIM_ROOTS = {"17", "18", "19", "20"}
# What a word of war used as a figure does not report (figurative.tsv): its end as a military de-escalation (087),
# a campaign against someone (113), a threat of force (138), a show of force (15), violence (18-20)
FIGURATIVE_READINGS = ("087", "113", "138", "15", "18", "19", "20")
# What a word of war used as a figure is against or for: "a fight against poverty", "a battle for votes".
FIGURATIVE_AIM_PREPOSITIONS = {"against", "on", "for"}
# Participles that, after "as", only contrast two things: "free trade, as opposed to restrictive blocs".
CONTRASTING_PARTICIPLES = {"oppose", "compare", "contrast"}
# An object that names a people ("evacuated ethnic Serbs") reads as "people" too, and one that names a person
# ("executed Jang Song Thaek") as "someone", the words the object lists of acts on people write them with. A
# list may take peoples and not persons: "a mob beat two Kurds" is an assault, "Lula beat Bolsonaro" an election.
NAMED_OBJECT_WORDS = {"NORP": "people", "people": "people", "PERSON": "someone", "person": "someone"}


@dataclass(frozen=True)
class TriggerEntry:
    pos: str  # "verb" or "noun"
    lemma: str  # head lemma
    particle: str | None  # "up" for "set up"
    conditions: tuple[tuple[str, frozenset[str]], ...]
    cameo: str
    confidence: float
    source: str  # the row, reported as the event's rule (a user row's with @file:line)
    origin: str  # the shipped table, or the user's file:line

    @property
    def codes_event(self) -> bool:
        return self.cameo != NO_EVENT

    @property
    def sense(self) -> tuple:
        """What a row keys on: a user row with the same sense replaces a shipped one."""
        return self.pos, self.lemma, self.particle, frozenset(self.conditions)

    @property
    def specificity(self) -> int:
        """How narrow the row is; `obj=*` ("has an object") is no narrower than no condition."""
        narrowing = [values for _, values in self.conditions if values != {WILDCARD}]
        return len(narrowing) + (1 if self.particle else 0)

    def is_theme(self, token: Token) -> bool:
        """The object this row keys on is what is sent, offered or withdrawn ("sent troops to Haiti"); not
        for coercion and violence, whose object is the victim ("shelled rebel positions")."""
        if self.cameo[:2] in VICTIM_ROOTS:
            return False
        return any(kind == "obj" and (WILDCARD in values or values & _lemmas_around(token))
                   for kind, values in self.conditions)

    def matches(self, facts: TokenFacts, conjuncts: bool = False) -> bool:
        """Whether the row's conditions hold for the token; with `conjuncts`, an object condition may be met
        by an object coordinated with the first ("provided photographs and intelligence")."""
        if self.particle and self.particle not in facts.particles:
            return False
        for kind, values in self.conditions:  # a plain loop: the event stage's most frequent test
            if not facts.holds(kind, values, conjuncts):
                return False
        return True

    @property
    def keys_on_object(self) -> bool:
        return any(kind == "obj" for kind, _ in self.conditions)

    def keys_on(self, kind: str, words: set[str] | frozenset[str]) -> bool:
        """Whether a condition of this kind names one of the words: `keys_on("obj", {"allegation"})` for
        "dismiss[obj=claim|allegation]"."""
        return any(own == kind and not values.isdisjoint(words) for own, values in self.conditions)

    def keys_on_preposition(self, via: str) -> bool:
        """Whether the row asks for this prepositional phrase ("prep:between") of its noun."""
        return self.keys_on("prep", {via.removeprefix("prep:")})

    @property
    def keys_on_attitude(self) -> bool:
        """A statement coded by the attitude it states ("said it was skeptical of the plan", "hoped the talks
        would succeed"): what its clause is about is the comment's topic, not a reported event."""
        return any(kind in ("acomp", "ccomp", "verdict", "imputes") for kind, _ in self.conditions)

    @property
    def keys_on_predicate(self) -> bool:
        """A verb coded by what it calls its object ("called the ruling arbitrary")."""
        return any(kind == "pred" for kind, _ in self.conditions)

    @property
    def keys_on_verdict(self) -> bool:
        """A statement coded by what its that-clause says something is ("said the claims were false"): the
        clause's subject is what is judged, and whose it is the target."""
        return any(kind == "verdict" for kind, _ in self.conditions)


def _lemmas_around(token: Token) -> set[str]:
    """The token's lemma, its compound/amod modifiers' and its in/of objects' with theirs ("arms sales", "$5m
    in arms", "a team of medical experts")."""
    lemmas = _lemma_and_modifiers(token)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            for g in child.children:
                if g.dep_ == "pobj":
                    lemmas |= _lemma_and_modifiers(g)
    return lemmas


def _lemma_and_modifiers(token: Token) -> set[str]:
    return {token.lemma_.lower(), *(c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod"))}


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _judged_lemmas(predicate: Token, negated: bool = False) -> set[str]:
    """The lemmas around a predicate, each as "not LEMMA" when it or its clause is negated ("as not
    credible", "is not legal")."""
    lemmas = _lemmas_around(predicate)
    return {NEGATED + lemma for lemma in lemmas} if negated or _negated(predicate) else lemmas


VERBAL_DEPS = {"ROOT", "ccomp", "conj", "advcl", "relcl"}


def acts_as_verb(token: Token) -> bool:
    """A verb, or a verb the tagger took for a plural noun: "the government rejects and condemns" (a noun
    has no subject of its own)."""
    if token.pos_ == "VERB":
        return True
    return (
        token.tag_ == "NNS"
        and token.dep_ in VERBAL_DEPS
        and any(c.dep_ == "nsubj" for c in token.children)
    )


def is_nominal(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and not acts_as_verb(token)


def states_an_attitude(token: Token) -> bool:
    """A copula the tagger makes an auxiliary, with a subject and an adjective complement: it tells its subject's
    stance as a verb does ("Beijing was not supportive of the meeting", "Brazil is critical of Washington")."""
    return (token.pos_ == "AUX" and token.lemma_.lower() in COPULAS and token.dep_ in VERBAL_DEPS
            and any(c.dep_ == "acomp" for c in token.children) and any(c.dep_ == "nsubj" for c in token.children))


def attended_clause(noun: Token) -> Token | None:
    """The clause an event noun's "at" or "during" phrase places at the gathering it names ("at a meeting last
    month, the two sides showed no movement": "showed"); None when the noun is in no such phrase."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ not in ATTENDANCE_PREPOSITIONS:
        return None
    return preposition.head


def first_conjunct(noun: Token) -> Token:
    """The first of the nouns this one is conjoined to ("intimidation, arrest and violence": "intimidation"),
    where the list's role in the sentence is told; the noun itself when it is in no list."""
    while noun.dep_ == "conj" and noun.head.i != noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    return noun


def shared_verbs(verb: Token) -> list[Token]:
    """Verbs coordinated after this one that share its subject: "rejected and condemned the decision"."""
    return [
        c for c in verb.children
        if c.dep_ == "conj" and c.i > verb.i and acts_as_verb(c)
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
    ]


def own_objects(verb: Token) -> list[Token]:
    """The verb's objects, or those of a coordinated verb it shares them with when it has none."""
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if objects or any(c.dep_ in ("dative", "ccomp", "xcomp") for c in verb.children):
        return objects
    return [c for conj in shared_verbs(verb) for c in conj.children if c.dep_ in OBJECT_DEPS]


def complement_clauses(verb: Token) -> list[Token]:
    """The verb's open complements ("threatened to attack"), and the infinitive clauses the parser hung
    as ccomp or advcl right after a verb without an object ("allow refugees to return", "have sworn to
    fight"); not a purpose clause further on ("called on Monday for talks to end the war")."""
    clauses = [c for c in verb.children if c.dep_ == "xcomp"]
    if any(c.dep_ in OBJECT_DEPS for c in verb.children):
        return clauses + _time_given_clauses(verb)
    return clauses + [
        c for c in verb.children
        if c.dep_ in ("ccomp", "advcl") and c.i > verb.i and acts_as_verb(c)
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        and all(t.dep_ in ("advmod", "neg", "prt") for t in verb.doc[verb.i + 1 : c.left_edge.i])
    ]


def _time_given_clauses(verb: Token) -> list[Token]:
    """The infinitive after a span of time the verb gives, which the parser hangs on the span or on the verb:
    "gave Iran 48 hours to leave"."""
    spans = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in TIME_SPANS]
    if not spans:
        return []
    candidates = [*verb.children, *(c for span in spans for c in span.children)]
    return [c for c in candidates if c.dep_ in ("relcl", "acl", "advcl") and c.i > spans[0].i and is_infinitive(c)]


def _objects(token: Token, conjuncts: bool = False) -> list[Token]:
    objects = own_objects(token) if acts_as_verb(token) else [c for c in token.children if c.dep_ in OBJECT_DEPS]
    objects = [relative_antecedent(token, obj) for obj in objects]
    if conjuncts:
        objects += [c for obj in objects for c in obj.conjuncts]
    if is_passive(token):
        objects += [c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if is_nominal(token):
        objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return objects


def relative_antecedent(verb: Token, obj: Token) -> Token:
    """The noun a relative object or subject stands for: "the thesis, which the OSCE threw out" throws out a
    thesis, "an explosion that ripped through a market" is an explosion ripping through it."""
    if verb.dep_ == "relcl" and obj.tag_ in RELATIVE_TAGS and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return obj


def relativized_objects(verb: Token) -> list[Token]:
    """The noun a relative clause or a past participle modifies, where it is what the verb acts on: "the
    sanctions Washington has imposed", "the town that rebels seized", "the ministers who were detained", "the
    embargo imposed by Lanavia"; not the doer ("the rebels who seized the town", "rebels who attacked"), nor
    what a stranded preposition or a complement governs ("the prison he returned to", "a declaration Iraq
    refused to endorse")."""
    if not acts_as_verb(verb) or is_infinitive(verb):
        return []
    if verb.dep_ == "acl":
        # a clause with a subject of its own says what its noun says ("a statement that Iran had attacked")
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        return [verb.head] if verb.tag_ == "VBN" and not own_subject else []
    if verb.dep_ != "relcl":
        return []
    relatives = {c.dep_ for c in verb.children if c.tag_ in RELATIVE_TAGS}
    if relatives & (OBJECT_DEPS | PASSIVE_SUBJECT_DEPS):
        return [verb.head]
    stranded = any(c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children) for c in verb.children)
    if "nsubj" in relatives or stranded or any(c.dep_ in OWN_GAP_DEPS for c in verb.children):
        return []
    return [verb.head]


def has_modal(verb: Token) -> bool:
    """Whether a modal auxiliary says the verb's act only should, could or will be done ("will intensify")."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) or _shares_a_passive(token)


def _shares_a_passive(token: Token) -> bool:
    """"were arrested and later released": a participle coordinated with a passive, with no subject or
    auxiliary of its own, is passive too."""
    return (token.dep_ == "conj" and token.tag_ == "VBN" and is_passive(token.head)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children))


def passive_subjects(verb: Token) -> list[Token]:
    """The subjects of a passive, those of the passive it is coordinated with for a participle sharing it."""
    own = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    return own or (passive_subjects(verb.head) if _shares_a_passive(verb) else [])


def is_infinitive(verb: Token) -> bool:
    """A to-infinitive: "to meet"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


class TokenFacts:
    """What the rows of a lemma ask about one token, each worked out once however many rows ask it: a
    common verb has some fifty rows, most of them keyed on the lemmas of its objects."""

    def __init__(self, token: Token, noun_acted_on: list[Token] | None = None):
        self.token = token
        self.noun_acted_on = noun_acted_on or []  # the noun of a relative clause (`relativized_objects`)
        self._object_lemmas: dict[bool, set[str]] = {}

    @cached_property
    def particles(self) -> set[str]:
        return {c.lower_ for c in self.token.children if c.dep_ == "prt"}

    @cached_property
    def phrase_heads(self) -> list[Token]:
        """The token and the word counting it, which holds its possessive ("their round of talks")."""
        counter = standing_for(self.token)
        return [self.token] if counter is self.token else [self.token, counter]

    @cached_property
    def has_object(self) -> bool:
        return bool(_objects(self.token))

    @cached_property
    def own_modifier_lemmas(self) -> set[str]:
        """An event noun's own modifiers ("arms sales"), which key its rows as an object would."""
        token = self.token
        if not is_nominal(token):
            return set()
        lemmas = _lemmas_around(token)
        if token.dep_ == "compound":  # "the NATO bombing campaign": the campaign's words are the bombing's too
            lemmas |= _lemma_and_modifiers(token.head)
        return lemmas - {token.lemma_.lower()}

    def object_lemmas(self, conjuncts: bool) -> set[str]:
        if conjuncts not in self._object_lemmas:
            objects = _objects(self.token, conjuncts) + self.noun_acted_on
            lemmas = set().union(*(_lemmas_around(obj) for obj in objects))
            self._object_lemmas[conjuncts] = lemmas | {word for obj in objects if (word := named_people_word(obj))}
        return self._object_lemmas[conjuncts]

    @cached_property
    def prepositions(self) -> set[str]:
        token = self.token
        heads = [token, *(c for c in token.children if c.dep_ in OBJECT_DEPS)]
        own = {c.lower_ for head in heads for c in head.children if c.dep_ in ("prep", "agent", "dative")}
        return own | {prep.lower_ for prep in (participle_party_phrases(token) + place_party_phrases(token)
                                               + head_party_phrases(token))}

    @cached_property
    def prepositional_object_lemmas(self) -> set[str]:
        """The lemmas around the objects of the token's prepositions and of its objects' ("deployed troops
        to the peacekeeping mission", "used villagers as human shields"), a two-word preposition's too
        ("pulled out of the talks"), and those of an adverb of the verb ("ordered him back to prison")."""
        token = self.token
        heads = [token, *(c for c in token.children if c.dep_ in OBJECT_DEPS or c.dep_ == "advmod")]
        # the parser labels "to" of a verb with an object a dative at times ("paid tribute to their efforts")
        prepositions = [c for head in heads for c in head.children if c.dep_ in ("prep", "dative")]
        prepositions += [g for c in prepositions for g in c.children if g.dep_ == "prep"]
        objects = [g for c in prepositions for g in c.children if g.dep_ == "pobj"]
        return set().union(*(_lemmas_around(obj) for obj in objects))

    @cached_property
    def prepositions_to_bodies(self) -> set[str]:
        """The token's prepositions whose object the actor lexicon knows as an intergovernmental organisation
        ("withdrew from ECOWAS", "pulled out of the African Union")."""
        return {
            prep.lower_
            for prep in self.token.children if prep.dep_ == "prep"
            for obj in prep.children
            if obj.dep_ == "pobj" and any((actor.code or "").startswith(INTERNATIONAL_BODY) for actor in _actors_at(obj))
        }

    @cached_property
    def owner_actor_count(self) -> int:
        """How many actors an event noun's owners name, its possessive and its national modifiers ("their
        meeting" with "their" for Putin and Erdogan, "the Russian-Turkish talks"). A pronoun counts the
        parties its sentence names: one resolved further back is too often a wrong guess to make a meeting of."""
        doc = self.token.doc
        owners = [c for head in self.phrase_heads for c in head.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
        mentions = _mention_indices(doc, (t for owner in owners for t in owner.subtree))
        in_sentence = _mention_indices(doc, self.token.sent)
        count = 0
        for index in mentions:
            mention = doc._.actor_mentions[index]
            actors = mention.actors
            if mention.kind == "pronoun":
                named = {actor.code for other in in_sentence - {index} for actor in doc._.actor_mentions[other].actors}
                actors = [actor for actor in actors if actor.code in named]
            count += len(actors)
        return count

    @cached_property
    def attendee_actor_count(self) -> int:
        """How many actors the subject of the clause names that an event noun places at it ("at a meeting last
        month, the two sides showed no movement", "during the talks, Chad and Sudan agreed"): those present at
        the gathering. Pronouns do not count: whom "they" stands for is itself a guess."""
        clause = attended_clause(standing_for(self.token))
        if clause is None:
            return 0
        doc = self.token.doc
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        mentions = _mention_indices(doc, (t for subject in subjects for t in subject.subtree))
        return sum(len(doc._.actor_mentions[index].actors) for index in mentions
                   if doc._.actor_mentions[index].kind != "pronoun")

    @cached_property
    def complement_lemmas(self) -> set[str] | None:
        """The lemmas of the token's complement clauses, "not LEMMA" for a negated one ("vowed not to
        recognize"); None when it has none."""
        clauses = complement_clauses(self.token)
        return {NEGATED + c.lemma_.lower() if _negated(c) else c.lemma_.lower() for c in clauses} if clauses else None

    @cached_property
    def asked_lemmas(self) -> set[str] | None:
        """The verbs of the token's to-infinitive complements that have a subject of their own: what the
        token's subject wants another party to do ("want the United States to support", "wanted Iran to
        stop"); None when it has none ("want to visit" is the subject's own aim)."""
        clauses = [c for c in complement_clauses(self.token)
                   if is_infinitive(c) and any(g.dep_ == "nsubj" for g in c.children)]
        return {c.lemma_.lower() for c in clauses} or None

    @cached_property
    def subject_lemmas(self) -> set[str]:
        # "an explosion that ripped through": a thing's relative pronoun stands for it; a person's "who" clause
        # mostly describes them ("militias who have fought")
        subjects = [relative_antecedent(self.token, c) if c.tag_ == "WDT" else c
                    for c in self.token.children if c.dep_ in ("nsubj", "nsubjpass")]
        return set().union(*(_lemmas_around(c) for c in subjects))

    @cached_property
    def that_clauses(self) -> list[Token]:
        return _that_clauses(self.token)

    @cached_property
    def attitude_lemmas(self) -> set[str]:
        """The adjective complements of the verb and its that-clauses, and a that-clause's passive
        participle, by lemma and as written ("said it was disappointed by the vote"), and with a preposition of
        its own ("critical of"); "not WORD" where it or its clause is negated ("was not supportive of the plan")."""
        clauses = [self.token, *self.that_clauses]
        attitudes = [c for clause in clauses for c in clause.children if c.dep_ == "acomp"]
        attitudes += [clause for clause in self.that_clauses if is_passive(clause)]
        forms = {(c, form) for c in attitudes for form in (c.lemma_.lower(), c.lower_)}
        forms |= {(c, f"{c.lemma_.lower()} {p.lower_}") for c in attitudes for p in c.children if p.dep_ == "prep"}
        return {NEGATED + form if _negated(c) or _negated(c.head) else form for c, form in forms}

    @cached_property
    def predicate_lemmas(self) -> set[str]:
        """What the verb calls its object: an object predicate ("called the ruling arbitrary", "called it an
        empty gesture") or an as-phrase ("described the vote as a sham"); the parser also makes an adjective
        predicate a verbless clause ("holds Tehran accountable"), an adverbial clause ("held Iran liable") or a
        modifier after the object ("held the ruling party responsible")."""
        predicates = []
        for c in self.token.children:
            if (c.dep_ == "oprd" or (c.dep_ == "ccomp" and c.pos_ == "ADJ" and any(g.dep_ == "nsubj" for g in c.children))
                    or (c.dep_ == "advcl" and c.pos_ == "ADJ" and c.i > self.token.i and own_objects(self.token))):
                predicates.append(c)
            elif c.dep_ == "dobj":
                predicates.extend(g for g in c.children if g.dep_ == "amod" and g.pos_ == "ADJ" and g.i > c.i)
                # the parser may hang the as-phrase on the object: "portrays the editors as traitors"
                predicates.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ == "as"
                                  for g in p.children if g.dep_ in ("pobj", "amod", "acomp"))
            elif c.dep_ == "prep" and c.lower_ == "as":
                predicates.extend(g for g in c.children if g.dep_ in ("pobj", "amod", "acomp"))
        return set().union(*(_judged_lemmas(p) for p in predicates))

    @cached_property
    def verdict_clauses(self) -> list[Token]:
        """That-clauses that say what their subject is: "said the claims were false"."""
        return [c for c in self.that_clauses if c.lemma_.lower() in COPULAS]

    @cached_property
    def verdict_lemmas(self) -> set[str]:
        """What a that-clause says its subject is, its adjective or noun predicates and their conjuncts ("said
        the newspaper's thinking is antiquated and weak", "is criminality, terrorism"), "not LEMMA" where
        the clause or the predicate is negated ("said the case is not legal")."""
        lemmas: set[str] = set()
        for clause in self.verdict_clauses:
            for predicate in (c for c in clause.children if c.dep_ in ("acomp", "attr")):
                for judged in (predicate, *predicate.conjuncts):
                    lemmas |= _judged_lemmas(judged, _negated(clause))
        return lemmas

    @cached_property
    def epithet_lemmas(self) -> set[str]:
        """A condemning adjective a that-clause gives in passing to a noun an actor owns: "said Eritrea's
        inflammatory rhetoric is making peace harder", "said that Ecuador's unjustified action left no option"."""
        nouns = [c for clause in self.that_clauses for c in clause.children if c.dep_ in ("nsubj", "dobj")]
        owned = [noun for noun in nouns if any(c.dep_ == "poss" and _actors_at(c) for c in noun.children)]
        adjectives = {c.lemma_.lower() for noun in owned for c in noun.children if c.dep_ == "amod"}
        return adjectives & evaluative_words()["condemnation"]

    @cached_property
    def about_lemmas(self) -> set[str]:
        """The lemmas around what such a clause judges, its subject: "the claims", "many of the signatures"."""
        subjects = [c for clause in self.verdict_clauses for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        return set().union(*(_lemmas_around(c) for c in subjects))

    @cached_property
    def outcome_lemmas(self) -> set[str]:
        """The lemmas around the objects of the verbs of the token's that-clauses: what the clause says
        someone will face or suffer ("warned that Israel would face serious consequences")."""
        objects = [obj for clause in self.that_clauses for obj in _objects(clause)]
        return set().union(*(_lemmas_around(obj) for obj in objects))

    @cached_property
    def forecast_lemmas(self) -> set[str] | None:
        """The verbs of the that-clauses that say what others will do or what will happen, told to no one
        ("warned that the situation would deteriorate"); None when the verb has an addressee ("warned Tehran
        that") or its clauses speak of the speaker ("warned it would retaliate"), which are threats."""
        if self.has_object:
            return None
        clauses = [c for c in self.that_clauses
                   if not any(g.dep_ in ("nsubj", "nsubjpass") and g.tag_ == "PRP" for g in c.children)]
        return {c.lemma_.lower() for c in clauses} or None

    @cached_property
    def imputed_lemmas(self) -> set[str]:
        """The verbs of the that-clauses that say a party the actor lexicon knows, or its act, does or did
        something ("said Iran is defying the Council", "say Israeli plans violate the roadmap"): not a negated
        clause ("said it did not interfere"), nor the speaker's own ("we violated"), nor one with a modal, which
        tells what may or will be ("said Iran could violate"); nor an active one whose subject names no party
        ("said the jet violated its airspace"), which accuses no one the report names, or only the speaker
        ("Washington said it is training the rebels"). A passive one leaves the
        wrongdoer to the context ("said the elections were rigged in favor of the president")."""
        speaker = _subject_actor_codes(self.token)
        clauses = [c for c in self.that_clauses if not _negated(c) and not _of_the_speaker(c)
                   and not has_modal(c)
                   and (is_passive(c) or bool(_subject_actor_codes(c) - speaker))]
        return {c.lemma_.lower() for c in clauses}

    @cached_property
    def reported_auxiliaries(self) -> set[str]:
        """The modals of a that-clause that asks someone to act: "said China must drop its tariffs". A passive
        one names no one to ask ("said candidates should be barred", "it should be seen as a signal"),
        and one with "have" looks back at what was not done ("another venue should have been selected"), and
        one of the speaker told to no one is its own resolve ("said we must see the attacks as a trend"; but
        "told the prime minister that together we should"). A clause whose verb is a necessity ("said the
        rebels need to join peace talks") reads as its modal."""
        clauses = [c for c in self.that_clauses if _addressed(c) and (self.has_object or not _of_the_speaker(c))]
        modals = {a.lower_ for c in clauses for a in c.children if a.dep_ == "aux"}
        return modals | {NECESSITY_VERBS[c.lemma_.lower()] for c in clauses
                         if c.lemma_.lower() in NECESSITY_VERBS and any(is_infinitive(x) for x in complement_clauses(c))}

    @cached_property
    def has_actor_owner(self) -> bool:
        """Whether an event noun's possessive or `by` phrase names an actor: whose act it is ("China's measures
        against Australia", "the delivery of weapons by Russia"), where the noun alone names no particular act."""
        owners = [c for head in self.phrase_heads for c in head.children if c.dep_ == "poss"]
        owners += [g for c in self.token.children if c.dep_ == "prep" and c.lower_ == "by"
                   for g in c.children if g.dep_ == "pobj"]
        return any(_actors_at(t) for owner in owners for t in owner.subtree)

    def holds(self, kind: str, values: frozenset[str], conjuncts: bool = False) -> bool:
        if kind == "obj":
            if WILDCARD in values:
                return self.has_object
            return not values.isdisjoint(self.own_modifier_lemmas) or not values.isdisjoint(self.object_lemmas(conjuncts))
        if kind == "prep":
            return bool(values & self.prepositions)
        if kind == "xcomp":
            lemmas = self.complement_lemmas
            return lemmas is not None and (WILDCARD in values or bool(values & lemmas))
        if kind == "asks":
            lemmas = self.asked_lemmas
            return lemmas is not None and (WILDCARD in values or bool(values & lemmas))
        if kind == "pobj":
            return bool(values & self.prepositional_object_lemmas)
        if kind == "parties":
            return self.owner_actor_count >= 2
        if kind == "owner":
            return self.has_actor_owner
        if kind == "attended":
            return self.attendee_actor_count >= 2
        if kind == "body":
            return bool(values & self.prepositions_to_bodies)
        if kind == "ccomp":
            clauses = {c.lemma_.lower() for c in self.that_clauses}
            return bool(clauses) and (WILDCARD in values or bool(values & clauses))
        if kind == "subj":
            return bool(values & self.subject_lemmas)
        if kind == "verb":
            token = self.token
            head = token.head
            if token.dep_ == "pobj" and head.dep_ == "prep":
                head = head.head  # "remained on alert", "put under arrest"
            return head.i != token.i and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in values
        if kind == "pass":
            return is_passive(self.token)
        if kind == "acomp":
            return bool(values & self.attitude_lemmas)
        if kind == "modal":
            return bool(values & self.reported_auxiliaries)
        if kind == "pred":
            return bool(values & self.predicate_lemmas)
        if kind == "verdict":
            return bool(values & self.verdict_lemmas) or bool(values & self.epithet_lemmas)
        if kind == "about":
            return bool(values & self.about_lemmas)
        if kind == "forecast":
            lemmas = self.forecast_lemmas
            return lemmas is not None and (WILDCARD in values or bool(values & lemmas))
        if kind == "imputes":
            return bool(values & self.imputed_lemmas)
        if kind == "outcome":
            return bool(values & self.outcome_lemmas)
        raise ValueError(kind)


def _subject_actor_codes(verb: Token) -> set[str]:
    """The codes of the actors the verb's subject names ("it" as what it stands for)."""
    doc = verb.doc
    mention_at, mentions = doc._.mention_at or {}, doc._.actor_mentions  # read once: each `doc._` access costs
    return {actor.code or "" for g in verb.children if g.dep_ == "nsubj" for t in g.subtree
            if (index := mention_at.get(t.i)) is not None for actor in mentions[index].actors}


def participle_party_phrases(noun: Token) -> list[Token]:
    """The with/between/among phrases of a past participle on an event noun, where the parser hangs the
    parties ("the agreement signed in January between the government and the rebels")."""
    if not is_nominal(noun):
        return []
    return [prep for participle in noun.children if participle.dep_ == "acl" and participle.tag_ == "VBN"
            for prep in participle.children if prep.dep_ == "prep" and prep.lower_ in RECIPROCAL_PREPS]


def place_party_phrases(noun: Token) -> list[Token]:
    """The between phrases the parser hangs on the place of an event noun, not on the noun ("a meeting in the
    Great Hall of the People between Yeltsin and Jiang", "talks in Geneva between Iran and the US")."""
    if not is_nominal(noun):
        return []
    phrases: list[Token] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
            continue
        place = next((c for c in prep.children if c.dep_ == "pobj"), None)
        for _ in range(3):  # down a chain of of-phrases: "the Hall of the People"
            if place is None:
                break
            phrases += [c for c in place.children if c.dep_ == "prep" and c.lower_ == "between"]
            place = next((g for c in place.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj"), None)
    return phrases


def head_party_phrases(noun: Token) -> list[Token]:
    """The between phrases the parser hangs on the word an event noun depends on, after the noun ("fighting
    broke out Monday between the army and the rebels", "holds Khartoum responsible for clashes two weeks ago
    between government forces and southern troops")."""
    if not is_nominal(noun):
        return []
    if noun.dep_ in ("nsubj", "nsubjpass"):
        head = noun.head
    elif noun.dep_ == "pobj":
        head = noun.head.head
    else:
        return []
    return [prep for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "between" and prep.i > noun.i]


def named_people_word(token: Token) -> str | None:
    """The list word ("people" or "someone") of a noun that names a people or a person: "ethnic Serbs",
    "Jang Song Thaek", "leader Kim"; None for any other noun."""
    if token.pos_ == "PROPN" and token.ent_type_ in NAMED_OBJECT_WORDS:
        return NAMED_OBJECT_WORDS[token.ent_type_]
    index = (token.doc._.mention_at or {}).get(token.i)
    return NAMED_OBJECT_WORDS.get(token.doc._.actor_mentions[index].kind) if index is not None else None


def _mention_indices(doc: Doc, tokens: Iterable[Token]) -> set[int]:
    """The indices (into the Doc's `actor_mentions`) of the actor mentions these tokens belong to."""
    mention_at = doc._.mention_at or {}
    return {index for token in tokens if (index := mention_at.get(token.i)) is not None}


def _actors_at(token: Token) -> list[Actor]:
    """The actors of the actor mention the token belongs to, if any (the actor stages' `mention_at`)."""
    doc = token.doc
    index = (doc._.mention_at or {}).get(token.i)
    return [] if index is None else doc._.actor_mentions[index].actors


def _addressed(clause: Token) -> bool:
    return not is_passive(clause) and not any(c.dep_ == "aux" and c.lower_ == "have" for c in clause.children)


def _of_the_speaker(clause: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in SPEAKER_PRONOUNS for c in clause.children)


def _that_clauses(token: Token) -> list[Token]:
    """Clauses with a subject of their own that say what was said: "said that China must", "a reminder to
    Iraq that it must"."""
    heads = [token, *(c for c in token.children if c.dep_ in OBJECT_DEPS)]
    clauses = [c for head in heads for c in head.children if c.dep_ in ("ccomp", "acl")]
    return [c for c in clauses if any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]


@lru_cache(maxsize=1)
def evaluative_words() -> dict[str, frozenset[str]]:
    """The words of each class of evaluative.tsv, with "not WORD" in the class that its negation joins."""
    classes: dict[str, set[str]] = {}
    for row in read_tsv("events/evaluative.tsv"):
        if row["class"]:
            classes.setdefault(row["class"], set()).add(row["word"])
        if row["negated"]:
            classes.setdefault(row["negated"], set()).add(NEGATED + row["word"])
    return {name: frozenset(words) for name, words in classes.items()}


def _parse_conditions(text: str, where: str) -> tuple[tuple[str, frozenset[str]], ...]:
    conditions = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        kind, _, values = part.partition("=")
        kind = kind.strip()
        if kind not in CONDITION_KINDS:
            raise ValueError(f"{where}: unknown condition {part!r}")
        conditions.append((kind, frozenset().union(*(_condition_values(v.strip().lower(), where)
                                                      for v in values.split("|") if v.strip()))))
    return tuple(conditions)


def _condition_values(value: str, where: str) -> frozenset[str]:
    if not value.startswith(WORD_CLASS):
        return frozenset({value})
    words = evaluative_words().get(value[len(WORD_CLASS):])
    if words is None:
        raise ValueError(f"{where}: unknown word class {value!r}")
    return words


@dataclass(frozen=True)
class LemmaRows:
    """The rows of one (pos, lemma), in the order `TriggerLexicon.match` tries them."""

    conditional: list[TriggerEntry]  # narrowed by a condition or a particle, most specific first
    object_keyed: list[TriggerEntry]  # those of `conditional` keyed on an object
    plain: list[TriggerEntry]  # no narrowing condition

    def code_in_root(self, root: str) -> bool:
        """Whether some sense of the lemma codes an event of this CAMEO root ("19" for one of "fight"'s rows)."""
        return any(row.cameo[:2] == root for row in self.conditional + self.plain)


READINGS_KEY = "dyads_readings"  # doc.user_data: each lexicon's reading of each token looked up


class TriggerLexicon:
    def __init__(self, entries: list[TriggerEntry]):
        self.entries = entries
        grouped: dict[tuple[str, str], list[TriggerEntry]] = {}
        for entry in entries:
            grouped.setdefault((entry.pos, entry.lemma), []).append(entry)
        self._index: dict[tuple[str, str], LemmaRows] = {}
        for key, rows in grouped.items():
            # stable: file order among equals; a row whose wildcard holds ("told them to leave") before a bare one
            rows.sort(key=lambda e: (-e.specificity, not e.conditions))
            conditional = [entry for entry in rows if entry.specificity]
            self._index[key] = LemmaRows(
                conditional,
                [entry for entry in conditional if entry.keys_on_object],
                [entry for entry in rows if not entry.specificity],
            )
        self._lemmas = {lemma for _, lemma in self._index}

    def rows(self, pos: str, lemma: str) -> LemmaRows | None:
        return self._index.get((pos, lemma))

    def match(self, token: Token) -> TriggerEntry | None:
        """The row of the event the token reports, or None: no row holds, or the row that holds is for a
        sense that is no event."""
        found = self.reading(token)
        return found if found is not None and found.codes_event else None

    def reads_as_no_event(self, token: Token) -> bool:
        """Whether the row that holds for the token is one for a sense that is no event ("talked about")."""
        found = self.reading(token)
        return found is not None and not found.codes_event

    def reading(self, token: Token) -> TriggerEntry | None:
        """The most specific row whose conditions hold for this token, a no-event row included, or None.
        Worked out once per token, kept in `doc.user_data`: the rule events, the classifier's open sentences
        and the learned decisions each read the same tokens, after the actor stages, which it depends on."""
        lemma = token.lemma_.lower()
        if lemma not in self._lemmas:  # most tokens: no row to try, nothing worth keeping
            return None
        readings = token.doc.user_data.setdefault((READINGS_KEY, id(self)), {})
        if token.i not in readings:
            readings[token.i] = self._reading(token, lemma)
        return readings[token.i]

    def _reading(self, token: Token, lemma: str) -> TriggerEntry | None:
        if acts_as_verb(token):
            if token.dep_ == "amod":
                return None  # "the internationally recognised government": a participle that describes
            if contrasts(token):
                return None
            pos = "verb"
        elif is_nominal(token):
            pos = "noun"
        elif states_an_attitude(token):
            pos = "verb"
        else:
            return None
        rows = self._index.get((pos, lemma))
        if rows is None:
            return None
        facts = TokenFacts(token)
        found = next((entry for entry in rows.conditional if entry.matches(facts)), None)
        # only where the first object keys no row: "launched artillery and rocket fire" is shelling
        found = found or next((entry for entry in rows.object_keyed if entry.matches(facts, conjuncts=True)), None)
        found = found or next((entry for entry in rows.plain if entry.matches(facts)), None)
        if found is not None and not found.specificity and (noun := relativized_objects(token)):
            # the noun of a relative clause tells the sense of a verb that codes anyway ("the sanctions
            # Washington has imposed"); a verb that codes only with an object stays a description there ("the
            # attacks it had carried out")
            with_noun = TokenFacts(token, noun)
            found = next((entry for entry in rows.object_keyed if entry.matches(with_noun)), found)
        if found is not None and found.cameo.startswith(FIGURATIVE_READINGS) and speaks_figuratively(token):
            return None
        return found


def contrasts(token: Token) -> bool:
    """Whether the verb is the connective "as opposed to" ("as compared with"), which reports no act."""
    return (
        token.lemma_.lower() in CONTRASTING_PARTICIPLES
        and token.tag_ == "VBN"
        and token.i > 0
        and token.doc[token.i - 1].lower_ == "as"
    )


@lru_cache(maxsize=1)
def figurative_words() -> dict[str, frozenset[str]]:
    """The words of figurative.tsv by role: conflict, domain, aim."""
    roles: dict[str, set[str]] = {"conflict": set(), "domain": set(), "aim": set()}
    for row in read_tsv("events/figurative.tsv"):
        roles[row["role"]].add(row["word"])
    return {role: frozenset(words) for role, words in roles.items()}


def speaks_figuratively(token: Token) -> bool:
    """Whether the trigger's word of war, itself, its object or its complement ("waged a trade war", "vowed
    to fight corruption"), is a figure: a trade war, a legal battle, a fight against poverty, a battle for
    votes."""
    words = figurative_words()
    conflicts = [token]
    if acts_as_verb(token):
        conflicts += own_objects(token) + complement_clauses(token)
    for conflict in conflicts:
        if conflict.lemma_.lower() not in words["conflict"]:
            continue
        modifiers = _lemma_and_modifiers(conflict) - {conflict.lemma_.lower()}
        aims = [g for c in conflict.children if c.dep_ == "prep" and c.lower_ in FIGURATIVE_AIM_PREPOSITIONS
                for g in c.children if g.dep_ == "pobj"]
        if acts_as_verb(conflict):
            aims += [c for c in conflict.children if c.dep_ in OBJECT_DEPS]
        if modifiers & (words["domain"] | words["aim"]) or any(aim.lemma_.lower() in words["aim"] for aim in aims):
            return True
    return False


@lru_cache(maxsize=4)
def trigger_lexicon(user_files: tuple[LexiconFile, ...] = ()) -> TriggerLexicon:
    """The shipped verb and noun rows under the user's verb tables: a user row comes before the shipped
    rows as narrow as it and replaces a shipped row with the same lemma and conditions."""
    user = [_entry("verb", row.cells, row.origin) for file in user_files for row in rows_of(file, "verbs")[1]]
    replaced = {entry.sense for entry in user}
    shipped = [
        _entry(pos, row, filename)
        for pos, filename in (("verb", "events/verbs.tsv"), ("noun", "events/nouns.tsv"))
        for row in read_tsv(filename)
    ]
    return TriggerLexicon(user + [entry for entry in shipped if entry.sense not in replaced])


def _entry(pos: str, row: dict[str, str], origin: str) -> TriggerEntry:
    where = f"{origin}:{row['lemma']}"
    if row["cameo"] != NO_EVENT and row["cameo"] not in cameo_codes():
        raise ValueError(f"{where}: unknown CAMEO code {row['cameo']!r}")
    lemma, _, particle = row["lemma"].lower().partition(" ")
    rule = f"{pos}:{row['lemma']}" + (f"[{row['when']}]" if row.get("when") else "")
    return TriggerEntry(
        pos=pos,
        lemma=lemma,
        particle=particle or None,
        conditions=_parse_conditions(row.get("when", ""), where),
        cameo=row["cameo"],
        confidence=float(row.get("confidence") or 0.6),
        source=rule if origin.startswith("events/") else f"{rule}@{origin}",
        origin=origin,
    )
