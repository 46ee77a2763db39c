"""Binding: who cannot be whom. "She urged him": an object pronoun is not the subject of its own clause; "He
calls President Xi a friend": a subject pronoun is not its verb's object; "Iraq's invasion of the country": a
description is not the country of who acts on it."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.actors.coref.common import NAME_PARTICLES, SUBJECTS, ResolverState, is_person, names_of
from dyads.actors.mention import Mention

# Who does what a verb or an event noun tells: its subject ("troops were sent into the country"), or the
# noun's possessor or national modifier.
DOER_DEPS = {"nsubj", "nsubjpass", "poss", "amod", "compound"}
# Prepositions that name whom an act is aimed at or done with ("aid to", "an attack on", "talks with", "the
# invasion of", "mediated between"); not where a subject suffers or comes from ("suffering from the country's
# war"), nor what it is one of ("ranks among the worst countries").
TARGET_PREPOSITIONS = {"to", "on", "against", "of", "with", "into", "toward", "towards", "at", "between"}
OBJECTS = {"dobj", "pobj", "dative", "iobj"}


class BindingRules(ResolverState):
    """What a mention cannot stand for, from the clause it is in."""

    def _doers_acting_on(self, mention: Mention) -> list[Token]:
        """Who acts on what a mention names ("Norway urged both sides", "Iraq's invasion of the country", "the
        State Department provided training to the country's police"): one act's doer and the one it is done to
        are two parties. The doer is the subject of the verb whose object the mention (or what it owns) is, or
        the possessor, national modifier or by-phrase of such an event noun. A verb joined to another, or an
        infinitive completing one, without a subject of its own shares that one's ("described the war and
        called on both nations", "Japan wants to send aid to the country"); an infinitive after an object is
        that object's act ("Egypt told Israel to send no troops into the country"). The tokens are each doer's
        head, its conjuncts and their possessors: their own mentions, not a place or venue inside their phrase
        ("the Algiers accord", "children in Sudan")."""
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
            return []  # "the two men met", "the UN says both sides ...": the speaker may well be one of them
        doers = [child for child in predicate.children if child.dep_ in DOER_DEPS]
        if not doers and predicate.dep_ == "dobj":  # "provided training to the country's police"
            predicate = predicate.head
            doers = [child for child in predicate.children if child.dep_ in DOER_DEPS]
        while not doers and (predicate.dep_ == "conj" or _infinitive(predicate)) and predicate.head != predicate:
            controllers = [child for child in predicate.head.children if child.dep_ in ("dobj", "dative")]
            controlled = predicate.dep_ == "xcomp"
            predicate = predicate.head
            doers = controlled and controllers or [c for c in predicate.children if c.dep_ in DOER_DEPS]
        doers += [
            grandchild
            for child in predicate.children
            if child.dep_ in ("agent", "prep") and child.lower_ == "by" and child.i != node.head.i
            for grandchild in child.children
            if grandchild.dep_ == "pobj"
        ]
        return [
            token
            for doer in doers
            # "the troops that entered the country": the mention is inside the doer's phrase
            if not doer.left_edge.i <= mention.start <= doer.right_edge.i
            for head in (doer, *doer.conjuncts)
            for token in (head, *(child for child in head.children if child.dep_ == "poss"))
        ]

    def _other_party_countries(self, mention: Mention) -> set[str]:
        """The countries of who acts on what a description names: "the country" in "Iraq's invasion of the
        country" is not Iraq."""
        countries = (self._country_at(token) for token in self._doers_acting_on(mention))
        return {country for country in countries if country}

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
        keys = {word for name in names_of(antecedent) for word in name.split()} - NAME_PARTICLES
        for token in (conjunct for obj in objects for conjunct in (obj, *obj.conjuncts)):
            named = next((m for m in self.mentions if m.start <= token.i < m.end and not m.is_group), None)
            if named is None:
                continue
            other = named.actor
            if is_person(named) and keys & {t.lower_ for t in self.doc[named.start : named.end]}:
                return True
            places = ("country", "capital")
            if named.kind in places and antecedent.kind in places and other.country == wanted.country:
                return True
        return False


def _infinitive(verb: Token) -> bool:
    """'wants [to visit]': a verb that completes another with "to" (not "caught them [entering]", whose
    participle tells what the object did)."""
    return verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
