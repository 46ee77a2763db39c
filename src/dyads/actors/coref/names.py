"""Later mentions of a person by name ("Cho", "President Kim") → the most recent person whose name holds that
word; the name runs the recogniser left uncovered are found here too."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.actors.coref.common import NAME_PARTICLES, PERSON_KINDS, ResolverState, copied, names_of, own_actor
from dyads.actors.mention import Mention
from dyads.actors.phrases import continues_name

# "Mister Djindjic" (transcripts spell the title out): the name is the words after it.
HONORIFICS = {"mister", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "madam", "madame", "dr", "dr."}


class NameRules(ResolverState):
    """Names: a later "Cho" is the Cho Sung-tae named before."""

    def _name_run_start(self, i: int) -> int:
        """Back over the name words before `i` ("Sung-tae" in "Cho Sung-tae" starts at "Cho")."""
        doc = self.doc
        while i > 0 and not self.covered[i - 1] and (doc[i - 1].text == "-" or self._name_like(doc[i - 1])):
            i -= 1
        while doc[i].text == "-" or doc[i].lower_ in HONORIFICS:
            i += 1
        return i

    def _name_run_end(self, start: int) -> int:
        doc = self.doc
        end = start
        while end < len(doc) and not self.covered[end] and continues_name(doc, start, end, self._name_like):
            end += 1
        while end > start and doc[end - 1].text == "-":
            end -= 1
        return end

    def _name_like(self, token: Token) -> bool:
        if not token.is_alpha:
            return False
        if self.lowercase:
            return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "GPE", "ORG", "NORP")
        return token.text[:1].isupper()

    def _person_named(self, name: str) -> Mention | None:
        """The most recent person mention whose name is `name`, holds it as a word ("Cho" → Cho Sung-tae) or
        ends with it ("De Mistura" → Staffan de Mistura)."""
        wanted = name.lower()
        for earlier in reversed(self.history):
            if earlier.is_group or not earlier.actor.name or earlier.kind not in PERSON_KINDS | {"pronoun"}:
                continue
            if earlier.kind == "counterpart":
                continue  # it points forward to its apposition; linking back to it would make a cycle
            root = self._root(earlier)
            if any(
                wanted == full or wanted in name_keys(full) or full.endswith(" " + wanted)
                for full in {*names_of(earlier), *names_of(root)}
            ):
                return root
        return None

    def _resolve_name_run(self, start: int, end: int) -> Mention | None:
        span = self.doc[start:end]
        earlier = self._person_named(span.text)
        if earlier is None:
            return None
        mention = Mention(start, end, [copied(earlier.actor, own_actor(span))], "name", rule="coref:name")
        self.antecedent[id(mention)] = earlier
        return mention


def name_keys(name: str) -> set[str]:
    """Words a later mention may use for a person: the first and the last name ("Cho", "Sergeev")."""
    words = [w for w in name.split() if w not in NAME_PARTICLES and len(w) > 2]
    return {words[0], words[-1]} if words else set()
