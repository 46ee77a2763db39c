"""Pronouns: "he/she", "they", "it" → the most compatible recent mention, subjects first (pleonastic "it" is
skipped). A pronoun becomes a mention only when it is resolved."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.actors.coref.common import (
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    PRONOUN_WINDOW,
    SUBJECTS,
    THING_PRONOUNS,
    is_person,
    is_thing,
)
from dyads.actors.coref.quotations import QuotationRules
from dyads.actors.lexicon import load_thing_antecedents
from dyads.actors.mention import Mention
from dyads.model import Actor

# "thousands of Sudanese", "hundreds of Afghans": the nouns that count people
COUNTS = {"dozen", "hundred", "thousand", "million"}
GENDER = {"he": "he", "him": "he", "his": "he", "himself": "he", "she": "she", "her": "she", "hers": "she"}
GENDER["herself"] = "she"
# Prepositions that set a clause on an occasion its subject and object share ("during their meeting").
OCCASION_PREPOSITIONS = {"during", "at", "after", "before", "following", "in", "on"}
# Adjectives that describe an actor's stance ("Syria says it is ready to talk"): their "it" is no filler.
WILLING_ADJECTIVES = {
    "willing", "unwilling", "ready", "prepared", "determined", "able", "unable", "eager", "keen",
    "reluctant", "committed", "happy", "open", "obliged", "set", "intent", "resolved",
}  # fmt: skip


class PronounRules(QuotationRules):
    """Pronouns and what they stand for."""

    def _resolve_pronoun(self, token: Token) -> Mention | None:
        word = token.lower_
        if word in THING_PRONOUNS and _pleonastic(token):
            return None
        if self._stands_for_a_thing(token):
            return None
        group = (
            PERSON_PRONOUNS
            if word in PERSON_PRONOUNS
            else PLURAL_PRONOUNS
            if word in PLURAL_PRONOUNS
            else THING_PRONOUNS
        )
        found = self._pronoun_antecedent(token, group)
        if found is None:
            return None
        earlier, actors = found
        return self._pronoun_mention(token, actors, earlier, f"coref:pronoun:{word}", word in PLURAL_PRONOUNS)

    def _pronoun_antecedent(self, token: Token, group: set[str]) -> tuple[Mention, list[Actor]] | None:
        """The best antecedent for a pronoun and the actors it stands for (two for 'Cho and Sergeev ... they')."""
        sentence = self._sentence(token.i)
        own_words = self._quoted_by(token)
        candidates = [
            m
            for m in self.history + (self.strangers if group is PERSON_PRONOUNS else [])
            if m.end <= token.i and sentence - self._sentence(m.start) <= PRONOUN_WINDOW
            # '"... the PNH is instructed to act," he tweeted': a speaker is not someone named in their own words
            and not any(start < m.start < end for start, end in own_words)
        ]
        if group is PLURAL_PRONOUNS and (pair := self._clause_pair(token, candidates)):
            return pair[0], [pair[0].actor, pair[1].actor]
        ranked = sorted(candidates, key=lambda m: self._salience(m, token, sentence), reverse=True)
        controller = self._object_controller(token)
        ranked.sort(key=lambda m: not (controller is not None and m.start <= controller.i < m.end))
        for mention in ranked:
            if self._bound_elsewhere(token, mention):
                continue
            if group is PLURAL_PRONOUNS:
                if mention.is_group or mention.extra.get("plural") or self._names_a_people(mention):
                    return self._root(mention), mention.actors
                partners = self._coordinated(mention)
                # coordinated countries or bodies stand for a "they" of their own sentence only; one further
                # back is more often a plural noun the lexicons do not know ("Greek Cypriots")
                nearby = is_person(mention) or self._sentence(mention.start) == sentence
                if partners and nearby:
                    return self._root(mention), [mention.actor, *(partner.actor for partner in partners)]
            elif group is PERSON_PRONOUNS and is_person(mention):
                root = self._root(mention)
                gender = GENDER.get(token.lower_)
                if self.gender.setdefault(id(root), gender) != gender:
                    continue
                return root, mention.actors
            elif group is THING_PRONOUNS and is_thing(mention):
                return self._root(mention), mention.actors
        return None

    def _names_a_people(self, mention: Mention) -> bool:
        """"Thousands of Afghans marched", "some 200 Sudanese protested": a crowd counted of a nation's people,
        whom a "they" after may stand for."""
        last = self.doc[mention.end - 1]
        count = last.head.head if last.dep_ == "pobj" and last.head.lower_ == "of" else None
        counted = any(c.dep_ == "nummod" for c in last.children) or (
            count is not None and (count.like_num or count.lemma_ in COUNTS))
        return mention.kind in ("people", "demonym") and counted

    def _clause_pair(self, pronoun: Token, candidates: list[Mention]) -> tuple[Mention, Mention] | None:
        """'Putin asked Voronin during their meeting': a 'their' on the occasion of a clause whose subject and
        object are each one actor of the same sort stands for the two of them."""
        occasion = pronoun.head.head
        if pronoun.lower_ != "their" or pronoun.dep_ != "poss" or occasion.lower_ not in OCCASION_PREPOSITIONS:
            return None
        verb = occasion.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        sides = []
        for dep in (SUBJECTS, ("dobj", "dative")):
            token = next((c for c in verb.children if c.dep_ in dep), None)
            mention = token and next((m for m in candidates if m.start <= token.i < m.end), None)
            if mention is None or mention.is_group or mention.extra.get("plural") or self._coordinated(mention):
                return None
            sides.append(mention)
        subject, target = sides
        same_sort = is_person(subject) and is_person(target) or is_thing(subject) and is_thing(target)
        return (subject, target) if same_sort and subject.actor.code != target.actor.code else None

    def _stands_for_a_thing(self, pronoun: Token) -> bool:
        """'Greece backs the UN plan. But Turkey opposes it': an object "it" or "them" with a plan, act or
        document noun of its number nearer than any actor (or holding the nearest actor, "the conflict in
        Ukraine") stands for that noun."""
        objects = {"it": ("dobj", "pobj"), "them": ("dobj",)}  # "steps against them" is most often persons
        if pronoun.lower_ == "it" and pronoun.dep_ in SUBJECTS:
            return self._continues_a_thing_topic(pronoun)
        if pronoun.dep_ not in objects.get(pronoun.lower_, ()):
            return False
        ancestors = set(pronoun.ancestors)
        nearest = next(
            (m for m in reversed(self.history) if m.end <= pronoun.i and not self._subject_among(m, ancestors)), None
        )
        first = self.sentence_starts[max(self._sentence(pronoun.i) - PRONOUN_WINDOW, 0)]
        plural = pronoun.lower_ == "them"
        for noun in self.doc[first : pronoun.i]:
            if noun.pos_ != "NOUN" or noun.lemma_.lower() not in load_thing_antecedents() or self.covered[noun.i]:
                continue
            if (noun.tag_ == "NNS") != plural or noun in ancestors:
                continue  # "peace talks between them and the government": "them" is inside what the noun names
            if nearest is None or noun.i >= nearest.end or noun.is_ancestor(self.doc[nearest.start : nearest.end].root):
                return True
        return False

    def _continues_a_thing_topic(self, pronoun: Token) -> bool:
        """'A peace document was signed Saturday. It calls for a ceasefire': the subject "it" of a main clause
        right after a sentence whose main clause has a plan, act or document noun as its subject carries that
        topic on, whoever the sentence before named."""
        sentence = self._sentence(pronoun.i)
        if sentence == 0 or pronoun.head.dep_ != "ROOT":
            return False
        before = self.doc[self.sentence_starts[sentence - 1] : self.sentence_starts[sentence]]
        subject = next((c for c in before.root.children if c.dep_ in SUBJECTS), None)
        return (subject is not None and subject.pos_ == "NOUN" and subject.tag_ != "NNS"
                and subject.lemma_.lower() in load_thing_antecedents())

    def _subject_among(self, mention: Mention, verbs: set[Token]) -> bool:
        """'The government wants to hold them': the subject of the pronoun's own verbs is not what it stands for."""
        root = self.doc[mention.start : mention.end].root
        return root.dep_ in SUBJECTS and root.head in verbs

    def _object_controller(self, pronoun: Token) -> Token | None:
        """'Egypt told Israel to withdraw its forces': in an infinitive after a verb with an object, the
        object is who acts, and whose the pronoun most likely is."""
        verb = pronoun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        infinitive = any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
        if verb.dep_ != "xcomp" or not infinitive:
            return None
        return next((child for child in verb.head.children if child.dep_ in ("dobj", "dative")), None)

    def _salience(self, mention: Mention, pronoun: Token, sentence: int) -> tuple:
        """Same sentence first, its nearest subject first; in an earlier sentence, the subject of the main
        clause, then other subjects, then the first named."""
        root = self.doc[mention.start : mention.end].root
        distance = sentence - self._sentence(mention.start)
        is_subject = root.dep_ in SUBJECTS
        if distance == 0:
            return (0, is_subject, False, mention.start)
        return (-distance, is_subject, root.head.dep_ == "ROOT", -mention.start)

    def _coordinated(self, mention: Mention) -> list[Mention]:
        """'Cho and Sergeev', 'India, Japan and the Philippines': the mentions of the same sort (persons,
        or countries and organisations) coordinated with this one."""
        same_sort = is_person if is_person(mention) else is_thing if is_thing(mention) else None
        if same_sort is None:
            return []
        root = self.doc[mention.start : mention.end].root
        partners = []
        for conjunct in root.conjuncts:
            other = next((m for m in self.history if m.start <= conjunct.i < m.end), None)
            if other is not None and other is not mention and same_sort(other) and other not in partners:
                partners.append(other)
        return partners


def _pleonastic(token: Token) -> bool:
    """'It was unclear whether ...', 'it appeared that ...': an 'it' that refers to nothing."""
    if token.lower_ != "it":
        return False
    if token.dep_ == "expl":
        return True
    head = token.head
    clauses = {"ccomp", "xcomp", "csubj", "advcl"}
    if head.lemma_ in ("be", "seem", "appear", "remain"):
        complements = [c for c in head.children if c.dep_ in ("acomp", "attr")]
        if any(c.lemma_ in WILLING_ADJECTIVES for c in complements):
            return False  # "it is willing to withdraw": the adjective says something of an actor
        has_clause = any(c.dep_ in clauses for c in head.children)
        has_clause = has_clause or any(g.dep_ in clauses for c in complements for g in c.children)
        return bool(complements) and has_clause or head.lemma_ in ("seem", "appear")
    return False
