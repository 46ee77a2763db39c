"""Decisions learned from annotated news: is a candidate an event, of which CAMEO root, and how sure.

The rules propose, a model decides. `proposals.py` gathers the candidates of a parsed document: every
event the trigger lexicon and the fallback classifier coded (`doc._.events`), plus, in sentences naming an
actor, the verbs and lexicon-matched nouns the rules made no event of, with source and target from the
same argument finder. `arguments.py` reads each candidate several ways where the parse left its source or
target open (the argument model's likeliest mentions of the sentence). `features.py` describes each
reading as a bag of named features in groups (the trigger, its place in the parse, the lexicon's
proposal, negation/modal/reporting cues, the arguments). `model.py` is the shipped model: a multinomial
logistic regression over those features ("no event" or a CAMEO root) and an isotonic map from its
probability to the probability that the event is correct, stored as plain arrays in
`data/models/event_decisions/model.npz` and applied with numpy alone. `component.py` is the
pipeline component `dyads_decisions` that applies it. `alignment.py` labels candidates from annotated
documents, and `training.py` fits the model (scikit-learn, needed only to train:
`scripts/train_models.py`).
"""
