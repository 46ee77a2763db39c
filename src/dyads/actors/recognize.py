"""`dyads_actors`: finds actor mentions (countries, capitals, demonyms, institutions, titled persons ...).

Three steps, each in its own module:

- `pieces.py`: one PhraseMatcher pass over the lexicon finds the pieces ("South Korean", "Defense Minister",
  "Kremlin", "Vladimir Putin");
- `phrases.py`: `PhraseBuilder` joins adjacent pieces into whole actor phrases,
  `[place ['s]] [role ...] [named person | organisation | name after a title] [of/in phrase]`;
- `coding.py`: `PhraseCoder` makes each phrase a mention and decides its actor code, country and sectors.

"South Korean Defense Minister Cho Sung-tae" is one mention (KORMIL, name "Cho Sung-tae"); "Moscow's
support" gives the mention "Moscow"; "Japanese-U.S. proposals" a group mention of JPN and USA.
Mentions land on `doc._.actor_mentions` (sorted, non-overlapping) and `doc._.mention_at`.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from dyads.actors.coding import PhraseCoder
from dyads.actors.lexicon import PLACE_KINDS, actor_code, load_lexicon
from dyads.actors.mention import Mention
from dyads.actors.phrases import PhraseBuilder
from dyads.actors.pieces import Piece, PieceFinder
from dyads.model import Actor
from dyads.user_lexicons import LexiconFile


class ActorRecognizer(PieceFinder):
    """The `dyads_actors` component."""

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        when = document.date if document is not None else None
        mentions = _mentions(doc, self.pieces(doc), when)
        doc._.actor_mentions = mentions
        doc._.mention_at = index_mentions(mentions)
        return doc


def _mentions(doc: Doc, pieces: list[Piece], when: date | None) -> list[Mention]:
    """The mention of each phrase, in document order; one that overlaps the mention before it is left out."""
    builder = PhraseBuilder(doc, pieces)
    coder = PhraseCoder(doc, when)
    mentions: list[Mention] = []
    index = 0
    while index < len(pieces):
        phrase, index = builder.phrase(index)
        if phrase is not None:
            mention = coder.to_mention(phrase)
            if mention is not None and (not mentions or mention.start >= mentions[-1].end):
                mentions.append(mention)
    return mentions


def index_mentions(mentions: list[Mention]) -> dict[int, int]:
    return {
        token: index for index, mention in enumerate(mentions) for token in range(mention.start, mention.end)
    }


# user_files: users' own actor tables as [name, text] pairs (`dyads.user_lexicons`), over the shipped ones
@Language.factory("dyads_actors", default_config={"user_files": []})
def make_actor_recognizer(nlp: Language, name: str, user_files: list[list[str]]) -> ActorRecognizer:
    return ActorRecognizer(nlp, load_lexicon(tuple(LexiconFile(*pair) for pair in user_files)))


@lru_cache(maxsize=2)
def _phrase_pipeline(model: str) -> Language:
    from dyads import nlp as pipeline

    return pipeline.load(model, stages=["dyads_actors"])


def resolve_phrase(text: str, when: date | None = None, model: str | None = None) -> Actor | None:
    """Code a free actor phrase outside any document ("Russia's ambassador to Poland" → RUSGOV).

    The phrase's main mention decides (the one holding the parse root, else the first); a country it lacks
    is taken from another mention in the phrase ("professor ... at a university in Scotland"). A phrase that
    is only a city or region ("Sydney") gives that place's country. `when` picks the office a named leader
    held then (without it, their latest office).
    """
    from dyads import nlp as pipeline
    from dyads.model import Document

    nlp = _phrase_pipeline(model or pipeline.DEFAULT_MODEL)
    doc = nlp.make_doc(text.strip())
    doc._.document = Document(id="phrase", text=doc.text, date=when)
    for _, component in nlp.pipeline:
        doc = component(doc)
    mentions = doc._.actor_mentions
    if not mentions:
        return _place_of(doc, nlp)
    root = next((t.i for t in doc if t.dep_ == "ROOT"), 0)
    main = next((m for m in mentions if m.start <= root < m.end), mentions[0])
    actor = main.actor
    if actor.country is None and not actor.international:
        other = next((m.actor.country for m in mentions if m is not main and m.actor.country), None)
        other = other or (_place_of(doc, nlp, whole=False) or Actor("")).country
        if other:
            actor.country = other
            actor.code = actor_code(other, actor.sectors)
    return actor


def _place_of(doc: Doc, nlp: Language, whole: bool = True) -> Actor | None:
    """A city or region a phrase names ("Sydney"; with `whole`, only if it is the whole phrase)."""
    recognizer = nlp.get_pipe("dyads_actors")
    for piece in recognizer.pieces(doc):
        rest = (*doc[: piece.start], *doc[piece.end :])
        alone = all(not t.is_alpha or t.lower_ == "the" for t in rest)
        if piece.kind in PLACE_KINDS and piece.entry.country and (alone or not whole):
            span = doc[piece.start : piece.end]
            country = piece.entry.country
            return Actor(span.text, code=country, country=country, start=span.start_char, end=span.end_char)
    return None
