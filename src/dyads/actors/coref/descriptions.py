"""Definite descriptions: "the Russian defense chief" → the most recent person of that country whose title or
sectors fit; "the Andean nation" → the most salient country named before that its region fits; "his Russian
counterpart" → the country it names, the role of the possessor, the person of its apposition."""

from __future__ import annotations

from dyads.actors.coref.common import PERSON_KINDS, PERSON_PRONOUNS, PRONOUN_WINDOW, SUBJECTS, ResolverState
from dyads.actors.lexicon import actor_code, load_regions
from dyads.actors.mention import Mention

QUALIFIED_MATCH = 2  # a description whose qualifier ("ousted", "interim") an earlier mention bore


class DescriptionRules(ResolverState):
    """Descriptions of a person or a country named before."""

    def _person_described(self, mention: Mention) -> Mention | None:
        """'the Russian defense chief' → the most recent person of that country whose title or role fits;
        'the spokesman' also → 'a spokesman for President Gbagbo', a person introduced by that title alone."""
        actor = mention.actor
        head_word = (actor.title or "").lower().split()[-1:] or [""]
        qualifiers = self._qualifiers(mention)
        best, best_score = None, 0
        for earlier in reversed(self.history):
            other = earlier.actor
            if earlier.is_group or earlier.kind not in PERSON_KINDS:
                continue
            if not other.name and not introduced_by_title(earlier, head_word[0]):
                continue
            if actor.country and other.country != actor.country:
                continue
            if head_word[0] and head_word[0] in (other.title or "").lower().split():
                score = 3
            elif actor.sectors and actor.sectors == other.sectors:
                score = 2
            elif set(actor.sectors) <= set(other.sectors):
                score = 1
            else:
                continue
            if qualifiers & self._qualifiers(earlier):
                score += QUALIFIED_MATCH  # "the ousted leader" is the one named "ousted President Zelaya"
            if score > best_score:
                best, best_score = earlier, score
        return self._root(best) if best is not None else None

    def _qualifiers(self, mention: Mention) -> set[str]:
        """The adjectives that say which holder of an office a mention means, in it or just before it ("the
        ousted leader", "ousted President Manuel Zelaya", "interim President Ahmed al-Sharaa")."""
        span = self.doc[mention.start : mention.end]
        words = {word for token in span for word in [token, *token.children]}
        return {w.lower_ for w in words if w.dep_ == "amod" and w.pos_ in ("ADJ", "VERB")}

    def _country_described(self, mention: Mention) -> Mention | None:
        """'the country', 'the Andean nation': the most salient country named before (a subject first, in
        this sentence, then in the ones before), among those its regional adjective fits. Pronouns are
        guesses themselves and never count."""
        region = self._region_of(mention)
        sentence = self._sentence(mention.start)
        bound = self._other_party_countries(mention)

        def named_country(m: Mention) -> bool:
            return (
                m.kind != "pronoun"
                and not m.is_group
                and m.actor.country is not None
                and m.actor.country not in bound
                and (region is None or m.actor.country in region)
            )

        recent = [
            m
            for m in self.history
            if named_country(m) and sentence - self._sentence(m.start) <= PRONOUN_WINDOW
        ]
        if not recent:
            return self._most_recent(named_country)
        return max(recent, key=lambda m: self._country_salience(m, sentence))

    def _region_of(self, mention: Mention) -> frozenset[str] | None:
        """The countries a regional adjective in a description allows ("the [East African] nation")."""
        regions = load_regions()
        words = [t.lower_ for t in self.doc[mention.start : mention.end - 1] if t.lower_ not in ("the", "'s")]
        for size in (3, 2, 1):
            for first in range(len(words) - size + 1):
                found = regions.get(" ".join(words[first : first + size]))
                if found is not None:
                    return found
        return None

    def _country_salience(self, mention: Mention, sentence: int) -> tuple:
        """Nearer sentences first; in one sentence, subjects (or their possessors: "Peru's minister said")
        before other mentions, main clauses before others, later before earlier."""
        root = self.doc[mention.start : mention.end].root
        if root.dep_ == "poss":
            root = root.head
        is_subject = root.dep_ in SUBJECTS
        return (self._sentence(mention.start) - sentence, is_subject, root.head.dep_ == "ROOT", mention.start)

    def _resolve_counterpart(self, mention: Mention) -> None:
        """'his Russian counterpart, Defense Minister Igor Sergeev': role from "his", person from the apposition."""
        actor = mention.actor
        possessor_at = mention.extra.get("possessor")
        if possessor_at is not None:
            possessor = self._pronoun_antecedent(self.doc[possessor_at], PERSON_PRONOUNS)
            if possessor is not None:
                owner = possessor[0].actor
                actor.sectors = list(owner.sectors)
                actor.title = owner.title
                actor.code = actor_code(actor.country, actor.sectors)
        appositive = self._appositive_person(mention)
        if appositive is not None:
            actor.name = appositive.actor.name
            if appositive.actor.country is None and actor.country:
                appositive.actor.country = actor.country
                appositive.actor.code = actor_code(actor.country, appositive.actor.sectors)
            actor.country = actor.country or appositive.actor.country
            actor.sectors = actor.sectors or list(appositive.actor.sectors)
            actor.code = actor_code(actor.country, actor.sectors)
            self.antecedent[id(mention)] = appositive

    def _appositive_person(self, mention: Mention) -> Mention | None:
        doc = self.doc
        if mention.end >= len(doc) or doc[mention.end].text != ",":
            return None
        return next(
            (m for m in self.mentions if m.start == mention.end + 1 and m.kind == "person" and m.actor.name),
            None,
        )


def introduced_by_title(mention: Mention, head_word: str) -> bool:
    """An unnamed single person of a known country whose title ends in `head_word`: "a U.S. envoy" for "the
    envoy"."""
    title = (mention.actor.title or "").lower().split()
    return (
        bool(head_word) and title[-1:] == [head_word] and bool(mention.actor.country)
        and not mention.extra.get("plural")
    )
