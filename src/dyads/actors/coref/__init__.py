"""`dyads_coref`: rule-based in-document coreference for actor mentions.

No coreference library works offline, so this is a small, ordered set of rules applied in one left-to-right
pass (`resolver.py`); each later mention can only point back to what came before it (an appositive is the one
exception). Where each rule lives:

- `names.py`: a later "Cho" or "President Kim" → the most recent person whose name holds that word;
- `descriptions.py`: "the Russian defense chief" → the most recent person of that country whose title or
  sectors fit; "the paper" → the most recent actor of that sector (in `resolver.py`); "the Andean nation" →
  the most salient country named before; "his Russian counterpart": the country it names, the role of the
  possessor ("his" → the minister);
- `collectives.py`: "the two defense ministers" → a group of the two most recent fitting persons, "the two
  countries" → the two most recent countries; nouns that sum up actors named before ("the two leaders",
  "both sides", "both forces": data/actors/collectives.tsv) → the most recent actors of the kinds they may
  stand for, leaving out the subject of the verb they are the object of ("Norway urged both sides");
- `pronouns.py`: "he/she", "they", "it" → the most compatible recent mention, subjects first (pleonastic "it"
  is skipped). A pronoun becomes a mention only when it is resolved;
- `quotations.py`: a "we", "our" or "I" inside a quotation → its speaker, the subject of the speech verb
  (data/actors/speech_verbs.tsv) that closes or opens it ("“We will not accept it,” the Chinese foreign
  ministry said"): "I" the speaker, "we" the speaker's government or organisation; found after the pass, since
  the speaker often follows the quotation. A speaker's pronoun never stands for someone named in the quotation;
- `binding.py`: what a mention cannot stand for ("she urged him"; "Iraq's invasion of the country");
- `countries.py`: a country for an actor that names none, from what the parse ties it to: its possessor
  ("its troops"), where it comes from or is based ("doctors from American aid groups"), a title in
  apposition ("Qatar's emir, Sheikh Hamad"); and, in a sentence naming one country only (places where things
  happen aside), for its government's, police's or courts' countryless counterparts ("Egyptian police
  dispersed demonstrators"); an ethnic community, by the country it lives in ("ethnic Albanians in
  Macedonia");
- `strangers.py`: a person no lexicon knows, described beside their name ("Ahmed Musa, a spokesman for the
  Sudanese army", "Uganda's Bobi Wine"), is who the description says, wherever the report names that surname;
- `common.py`: the resolver's state and the helpers the rules share.

A resolved mention keeps its own text and offsets; code, country, sectors and name come from its
antecedent, and `Mention.antecedent` is the antecedent's index in `doc._.actor_mentions`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dyads.actors.coref.resolver import Resolver
from dyads.actors.recognize import index_mentions


class Coreference:
    """The `dyads_coref` component."""

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.actor_mentions or []
        resolver = Resolver(doc, mentions)
        final = resolver.run()
        doc._.actor_mentions = final
        doc._.mention_at = index_mentions(final)
        return doc


@Language.factory("dyads_coref")
def make_coreference(nlp: Language, name: str) -> Coreference:
    return Coreference()
