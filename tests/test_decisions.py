"""The learned decisions (dyads.learn): the shipped model, the alignment that labels its training data,
argument choice, calibrated confidence and the --min-confidence filters."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dyads import Coder
from dyads import nlp as pipeline
from dyads.cli import app
from dyads.coder import DEFAULT_MIN_CONFIDENCE
from dyads.evaluate.corpus import read_splits
from dyads.evaluate.gold import AnnotatedDocument, ExpectedEvent
from dyads.evaluate.run import _main_events
from dyads.events.arguments import ArgumentFinder
from dyads.events.inferred_actors import UNRESOLVED
from dyads.export.store import EventFilter, Store
from dyads.learn import training
from dyads.learn.alignment import align, entry_at_trigger, is_argument, quoted_entries
from dyads.learn.arguments import readings
from dyads.learn.component import PARTNER_RULE, SETTING_RULE
from dyads.learn.features import features
from dyads.learn.model import MODEL_DIR, NO_EVENT, NONE, SETTING, TRAINING_META, decision_model
from dyads.learn.proposals import proposals
from dyads.learn.training import RULE_STAGES, Settings, fingerprint
from dyads.model import Document
from dyads.server.app import create_app
from stored_examples import harbour_document, rail_document

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "benchmarks" / "voa"
TEXT = "Russia condemned the missile test by North Korea on Monday. Prices rose in Moscow."


def test_shipped_model_was_trained_on_the_current_inputs():
    meta = json.loads((MODEL_DIR / TRAINING_META).read_text(encoding="utf-8"))
    train_ids = [doc_id for doc_id, split in read_splits(CORPUS / "splits.tsv").items() if split == "train"]
    assert meta["training_fingerprint"] == fingerprint(CORPUS, train_ids, Settings()), (
        "the train split, its annotations, the splits, the rule engine (actors, events, nlp, their data), "
        "dyads/learn or its settings changed "
        "since the model was trained: run `python scripts/train_models.py`"
    )


def test_a_change_to_the_rule_engines_data_changes_the_training_fingerprint(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "splits.tsv").write_text("id\tsplit\nd1\ttrain\n", encoding="utf-8")
    (corpus / "d1.txt").write_text("Russia condemned the test.", encoding="utf-8")
    (corpus / "d1.expected.jsonl").write_text("", encoding="utf-8")
    engine = tmp_path / "engine"
    (engine / "data" / "events").mkdir(parents=True)
    verbs = engine / "data" / "events" / "verbs.tsv"
    verbs.write_text("condemn\t111\n", encoding="utf-8")
    monkeypatch.setattr(training, "PACKAGE", engine)
    monkeypatch.setattr(training, "ENGINE_SOURCES", ("data/events",))
    before = fingerprint(corpus, ["d1"], Settings())
    verbs.write_text("condemn\t112\n", encoding="utf-8")
    assert fingerprint(corpus, ["d1"], Settings()) != before


@pytest.fixture(scope="module")
def rule_stages():
    return pipeline.load(stages=RULE_STAGES)


def parsed(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.document = Document(id="t", text=text)
    doc = nlp(doc)
    finder = ArgumentFinder(doc)
    return doc, finder, proposals(doc, finder)


def entry(quote: str, status: str = "required", cameo=("112",), sources=("RUS",), targets=("PRK",)) -> ExpectedEvent:
    return ExpectedEvent(id=quote[:8], status=status, quote=quote, sources=list(sources), targets=list(targets),
                         cameo=list(cameo))


def test_the_event_model_reads_how_an_event_is_told_not_its_words(rule_stages):
    _, finder, found = parsed(rule_stages, TEXT)
    for proposal in readings(decision_model().arguments, found, finder):
        words = {proposal.trigger.lemma_.lower(), proposal.trigger.head.lemma_.lower()}
        named = {f.rpartition("=")[2].rpartition(":")[2] for f in features(proposal, finder.mention_at)}
        assert not named & words, proposal.trigger.text


def test_a_proposal_in_an_entrys_quote_takes_its_root_and_others_are_no_event(rule_stages):
    doc, finder, found = parsed(rule_stages, TEXT)
    found = readings(decision_model().arguments, found, finder)  # as in training: other verbs get a source here
    gold = AnnotatedDocument(doc._.document, [entry("Russia condemned the missile test")])
    labels = {p.trigger.text: align(p, quoted_entries(gold)).label for p in found}
    assert labels["condemned"] == "11"
    assert labels.get("rose", NO_EVENT) == NO_EVENT
    gold = AnnotatedDocument(doc._.document, [entry("Russia condemned the missile test", status="optional")])
    assert align(next(p for p in found if p.trigger.text == "condemned"), quoted_entries(gold)).label is None


def test_alignment_judges_correctness_like_the_scorer(rule_stages):
    doc, _, found = parsed(rule_stages, TEXT)
    condemned = next(p for p in found if p.trigger.text == "condemned")
    right = align(condemned, quoted_entries(AnnotatedDocument(doc._.document, [entry("Russia condemned the missile")])))
    wrong_dyad = align(condemned, quoted_entries(AnnotatedDocument(doc._.document, [
        entry("Russia condemned the missile", sources=["USA"])])))
    assert right.correct("112") and not right.correct("042")
    assert not wrong_dyad.correct("112")


def test_argument_labels_come_from_the_entrys_countries(rule_stages):
    doc, finder, found = parsed(rule_stages, TEXT)
    condemned = next(p for p in found if p.trigger.text == "condemned")
    gold_entry = entry_at_trigger(condemned, quoted_entries(
        AnnotatedDocument(doc._.document, [entry("Russia condemned the missile test")])))
    assert gold_entry is not None
    russia = next(m for m in finder.mentions if m.actor.country == "RUS")
    assert is_argument(russia.actor, gold_entry, "source") is True
    assert is_argument(russia.actor, gold_entry, "target") is False


def test_a_clear_subject_and_object_make_the_only_reading(rule_stages):
    _, finder, found = parsed(rule_stages, "Russia condemned North Korea on Monday.")
    condemned = [p for p in readings(decision_model().arguments, found, finder) if p.trigger.text == "condemned"]
    assert len(condemned) == 1 and not condemned[0].rechosen
    assert condemned[0].source.actor.country == "RUS"
    assert condemned[0].target is not None and condemned[0].target.actor.country == "PRK"


def test_a_missing_target_is_read_from_the_sentences_mentions_and_wrong_readings_are_no_event(rule_stages):
    text = "Police in Kenya detained the organisers after the protest, the Ugandan government said."
    doc, finder, found = parsed(rule_stages, text)
    detained = [p for p in readings(decision_model().arguments, found, finder) if p.trigger.text == "detained"]
    targets = {p.actors()[1].country if p.actors()[1] is not None else None for p in detained}
    assert targets == {"UGA", None}
    gold = quoted_entries(AnnotatedDocument(doc._.document, [
        entry("Police in Kenya detained the organisers", cameo=["173"], sources=["KEN"], targets=["UGA"])]))
    labels = {p.actors()[1].country if p.actors()[1] else None: align(p, gold).label for p in detained}
    assert labels == {"UGA": "17", None: NO_EVENT}


@pytest.mark.parametrize(("text", "trigger"), [
    ("The British government has demanded their immediate release, as VOA's Sonja Pace reports from London.",
     "demanded"),
    ("In a statement emailed to VOA on Friday, the Haitian minister described the jailbreak as deplorable.",
     "described"),
    ("The Kenyan president has decided to lift the curfew, an aide told the BBC on Monday.", "lift"),
])
def test_the_press_a_statement_reaches_or_that_reports_it_is_no_target_of_what_it_tells(text, trigger):
    [event] = [e for e in Coder(min_confidence=0.0).code(text, date="2021-03-15") if e.trigger.text == trigger]
    assert event.target is None or event.target.sectors[:1] != ["MED"]


def test_linear_model_matches_scikit_learn():
    linear_model = pytest.importorskip("sklearn.linear_model")
    from dyads.learn.training import fit_linear, vectorize

    rows = [["a", "b"], ["b"], ["c"], ["a", "c"], ["b", "c"], ["a"]]
    labels = ["x", "y", "z", "x", "y", "z"]
    model = fit_linear(rows, labels, 1.0)
    reference = linear_model.LogisticRegression(C=1.0, max_iter=3000).fit(vectorize(rows, model.vocabulary), labels)
    expected = reference.predict_proba(vectorize(rows + [["unseen"]], model.vocabulary))
    assert np.allclose(model.probabilities(rows + [["unseen"]]), expected, atol=1e-6)
    binary = fit_linear(rows, ["yes", "no", "no", "yes", "no", "yes"], 1.0)
    assert binary.probabilities(rows).shape == (len(rows), 2)


def test_confidence_is_a_calibrated_probability():
    model = decision_model()
    grid = np.linspace(0, 1, 101)
    calibrated = model.calibrated(grid)
    assert np.all((calibrated >= 0) & (calibrated <= 1))
    assert np.all(np.diff(calibrated) >= 0)  # a surer answer is never less likely to be right
    rules = model.rule_confidence(grid)
    assert np.all(np.diff(rules) > 0)  # the rules' order of their events is kept
    assert np.all(model.rule_confidence(grid, NONE) < model.rule_confidence(grid, SETTING))
    assert np.all(model.rule_confidence(grid, NONE) < rules)  # annotators name whom it was done to
    assert np.all(model.rule_confidence(grid, source=UNRESOLVED) < rules)  # a name no lexicon holds: no country
    assert np.all(model.rule_confidence(grid, by_classifier=True) < rules)  # the fallback is right less often


def test_an_event_whose_sentence_names_no_target_concerns_the_country_the_report_is_set_in():
    report = ("Nepal's government and Maoist rebels failed to agree on a ceasefire in Kathmandu on Monday. "
              "Nepalese officials said the army would stay in its barracks. ")
    strike = "The rebels declared a three-day nationwide strike on Thursday."
    coder = Coder(min_confidence=0.0)
    [event] = [e for e in coder.code(report + strike) if e.trigger.text == "strike"]
    assert (event.source.code, event.target.code, event.target.text) == ("NPLREB", "NPL", "Nepal")
    assert event.rule.endswith(SETTING_RULE)
    [alone] = coder.code(strike)  # one sentence: no report around it, no setting
    assert alone.target is None


def test_a_journey_in_the_travellers_own_country_takes_no_setting_target():
    report = ("Nepal's government and Maoist rebels failed to agree on a ceasefire in Kathmandu on Monday. "
              "Nepalese officials said the army would stay in its barracks. ")
    trip = "The Nepalese prime minister travelled to a ruling party stronghold in the west to campaign."
    events = Coder(min_confidence=0.0).code(report + trip)
    assert not [e for e in events if e.trigger.text == "travelled"]


# a report of the setting state's talks with a partner, before the sentence a test codes
VENEZUELA_EU_TALKS = ("Venezuela and the European Union held talks in Caracas on Monday over the disputed oil fields. "
                      "EU envoys met Venezuelan ministers again on Tuesday. ")


def test_a_dealing_of_the_setting_state_is_with_its_partner_in_the_report():
    report = VENEZUELA_EU_TALKS
    coder = Coder(min_confidence=0.0)
    [agreed] = [e for e in coder.code(report + "Venezuela has agreed to reopen the border crossings.")
                if e.trigger.text == "agreed"]
    assert (agreed.source.code, agreed.target.code) == ("VEN", "IGOEUR")
    assert PARTNER_RULE in agreed.rule
    # what is not a dealing with another party stays with the setting: the rebels' strike concerns Venezuela
    [strike] = [e for e in coder.code(report + "The rebels declared a three-day nationwide strike on Thursday.")
                if e.trigger.text == "strike"]
    assert strike.target.code == "VEN" and strike.rule.endswith(SETTING_RULE)


def test_a_request_of_the_setting_state_is_made_of_its_partner_in_the_report():
    report = VENEZUELA_EU_TALKS
    request = "Venezuela filed a request for the next round to be postponed."
    [filed] = [e for e in Coder(min_confidence=0.0).code(report + request) if e.cameo.root == "02"]
    assert (filed.source.code, filed.target.code) == ("VEN", "IGOEUR")
    assert PARTNER_RULE in filed.rule


@pytest.mark.parametrize("dealing", [
    "The Venezuelan government called for nationwide demonstrations against the violence.",
    "Venezuela has agreed to address the internal problems of its economy.",
    "Calling for political changes in Venezuela, the Venezuelan president took office on Monday.",
    "The Venezuelan president agreed to step down.",
])
def test_a_dealing_of_the_setting_state_at_home_is_with_its_own_country(dealing):
    report = VENEZUELA_EU_TALKS
    [event] = [e for e in Coder(min_confidence=0.0).code(report + dealing)
               if e.cameo.root in ("02", "03") and e.source.country == "VEN"
               and e.sentence_start > len(report) - 2]
    assert event.target.code == "VEN" and event.rule.endswith(SETTING_RULE)


def test_a_dealing_of_the_setting_state_in_one_of_its_cities_is_still_with_its_partner():
    report = VENEZUELA_EU_TALKS
    [agreed] = [e for e in Coder(min_confidence=0.0).code(report + "Venezuela agreed to hold the next round in Caracas.")
                if e.trigger.text == "agreed"]
    assert agreed.target.code == "IGOEUR" and PARTNER_RULE in agreed.rule


def test_a_state_does_not_deal_with_itself_where_the_sentence_names_no_partner():
    report = ("Kenya and the European Union held talks in Brussels on Monday over fishing rights. "
              "EU envoys met Kenyan ministers again on Tuesday. ")
    said = "Trade Minister John Mwangi confirmed at a news conference that Nairobi is negotiating a new fisheries accord."
    [negotiating] = [e for e in Coder(min_confidence=0.0).code(report + said) if e.trigger.text == "negotiating"]
    # the minister who tells of the talks is no party to them: the talks are with the EU
    assert (negotiating.source.code, negotiating.target.code) == ("KEN", "IGOEUR")


def test_pipeline_makes_the_decisions_after_the_rules():
    names = pipeline.shared().pipe_names
    assert names.index("dyads_paragraphs") < names.index("parser")
    assert names.index("dyads_event_classifier") < names.index("dyads_decisions") < names.index("dyads_factuality")
    assert names.index("dyads_factuality") < names.index("dyads_confidence") < names.index("dyads_when")


def test_min_confidence_leaves_out_less_likely_events():
    text = "Russia condemned the missile test by North Korea. Japan and China signed a trade agreement."
    events = Coder(min_confidence=0.0).code(text, date="2024-05-02")
    assert events
    cut = sorted(e.confidence for e in events)[len(events) // 2]
    kept = Coder(min_confidence=cut).code(text, date="2024-05-02")
    assert {e.id for e in kept} == {e.id for e in events if e.confidence >= cut}


def test_by_default_an_event_unlikely_to_be_correct_is_left_out():
    text = "Nigeria condemned the attack."
    every = Coder(min_confidence=0.0).code(text, date="2024-05-02")
    unlikely = [e for e in every if e.confidence < DEFAULT_MIN_CONFIDENCE]
    assert unlikely  # a condemnation of no one: annotators almost always name whom it is aimed at
    assert all(e.target is None for e in unlikely)
    assert Coder().code(text, date="2024-05-02") == [e for e in every if e.confidence >= DEFAULT_MIN_CONFIDENCE]


def test_an_event_whose_source_no_lexicon_codes_is_left_out_by_default():
    text = "The ZKRF condemned the missile test by North Korea. Russia condemned the missile test by North Korea."
    every = Coder(min_confidence=0.0).code(text, date="2024-05-02")
    uncoded = [e for e in every if e.source.code is None]
    assert uncoded and all(e.confidence == 0.0 for e in uncoded)  # kept, with its probability, when asked for
    assert [e.source.code for e in Coder().code(text, date="2024-05-02")] == ["RUS"]


def test_a_sentence_set_scores_each_sentences_likeliest_event_whatever_its_confidence():
    sentences = [("s1", "Nigeria condemned the attack.", None)]
    assert Coder().code(sentences[0][1]) == []
    [event], _ = _main_events(Coder(), sentences, workers=0)
    assert event is not None and event.cameo.root == "11"


@pytest.fixture()
def store(tmp_path):
    harbour = harbour_document()
    for event, confidence in zip(harbour.events, (0.9, 0.2, 0.6, 0.4)):
        event.confidence = confidence
    rail = rail_document()
    for event in rail.events:
        event.confidence = 0.1
    with Store(tmp_path / "events.duckdb") as store:
        store.add([harbour, rail])
        yield store


def test_store_and_api_filter_on_min_confidence(store):
    assert store.count_events(EventFilter(min_confidence=0.5)) == 2
    assert store.count_events(EventFilter(min_confidence=0.0)) == 6
    client = TestClient(create_app(store), base_url="http://127.0.0.1")  # the server answers loopback names
    assert client.get("/api/events", params={"min_confidence": 0.35}).json()["total"] == 3
    assert client.get("/api/events", params={"min_confidence": 1.5}).status_code == 422


def test_calibrate_mode_keeps_every_rule_decision():
    text = "Russia condemned the missile test by North Korea. Japan and China signed a trade agreement in Beijing."
    rules_only = pipeline.load(stages=[name for name, _ in pipeline.STAGES if name not in pipeline.LEARNED_STAGES])

    def decisions(nlp):
        doc = nlp.make_doc(text)
        doc._.document = Document(id="t", text=text)
        kept = [c.event for c in nlp(doc)._.events if c.dropped is None]
        return [(e.id, e.cameo.code, e.modality) for e in kept], [e.confidence for e in kept]

    coded, calibrated = decisions(pipeline.shared())
    expected, raw = decisions(rules_only)
    assert coded == expected
    assert calibrated != raw
    assert sorted(range(len(raw)), key=raw.__getitem__) == sorted(range(len(calibrated)), key=calibrated.__getitem__)


def test_decide_mode_lets_the_models_code():
    events = Coder(decisions="decide").code("Russia condemned North Korea on Monday.", date="2024-05-02")
    condemnation = next(e for e in events if e.cameo.root == "11")
    assert (condemnation.source.country, condemnation.target.country) == ("RUS", "PRK")
    config = pipeline.shared().get_pipe_meta("dyads_decisions").default_config
    assert all(e.confidence >= min(config["keep"], config["add"]) for e in events)


def test_code_and_export_take_min_confidence(store, tmp_path):
    runner = CliRunner()
    db = tmp_path / "events.duckdb"
    store.close()
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / "sure.jsonl"), "--min-confidence", "0.5"])
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "sure.jsonl").read_text().splitlines()) == 2
    report = tmp_path / "report.txt"
    report.write_text("Russia condemned the missile test by North Korea. Japan and China signed a trade agreement.")
    every = runner.invoke(app, ["code", str(report), "-o", str(tmp_path / "all.jsonl")])
    sure = runner.invoke(app, ["code", str(report), "-o", str(tmp_path / "sure-code.jsonl"), "--min-confidence", "0.99"])
    assert every.exit_code == 0 and sure.exit_code == 0, every.output + sure.output
    assert (tmp_path / "all.jsonl").read_text().strip()
    assert not (tmp_path / "sure-code.jsonl").read_text().strip()


def test_calibrate_mode_completes_a_target_the_parse_left_open_and_keeps_the_code():
    text = "Tehran condemned the vote, a day after Washington announced new sanctions."
    rules_only = pipeline.load(stages=[name for name, _ in pipeline.STAGES if name not in pipeline.LEARNED_STAGES])
    doc = rules_only.make_doc(text)
    doc._.document = Document(id="t", text=text)
    by_rules = next(c.event for c in rules_only(doc)._.events if c.trigger.text == "condemned")
    completed = next(e for e in Coder().code(text, date="2024-05-02") if e.trigger.text == "condemned")
    assert by_rules.target is None
    assert completed.target is not None and completed.target.country == "USA"
    assert completed.cameo.code == by_rules.cameo.code and "model:arguments" in completed.rule


def _target_features(nlp, text: str, trigger: str, mention_text: str) -> list[str]:
    from dyads.learn.arguments import pair_features, sentence_mentions
    _, finder, found = parsed(nlp, text)
    proposal = next(p for p in found if p.trigger.text == trigger)
    mention = next(m for m in sentence_mentions(proposal, finder)
                   if finder.doc[m.start : m.end].text == mention_text)
    return pair_features(proposal, mention)


def test_argument_features_tell_a_place_from_a_party(rule_stages):
    place = _target_features(rule_stages, "Iran condemned the talks held in the Syrian capital, Damascus.",
                             "condemned", "Damascus")
    party = _target_features(rule_stages, "Iran condemned Syria on Monday.", "condemned", "Syria")
    assert "location" in place and "location" not in party


def test_argument_features_mark_the_speaker_and_the_other_clause(rule_stages):
    features = _target_features(rule_stages, "Prosecutors in Germany said Iran offered money to the gang.",
                                "offered", "Prosecutors in Germany")
    assert "speaker" in features and "mention_clauses=0" in features and "trigger_clauses=1" in features
    subject = _target_features(rule_stages, "Prosecutors in Germany said Iran offered money to the gang.",
                               "offered", "Iran")
    assert "speaker" not in subject and "trigger_clauses=0" in subject


def test_argument_features_mark_a_mention_of_the_sources_own_country(rule_stages):
    features = _target_features(rule_stages, "The Pakistani government condemned the Pakistani army.",
                                "condemned", "the Pakistani army")
    other = _target_features(rule_stages, "The Pakistani government condemned the Indian army.",
                             "condemned", "the Indian army")
    assert "source_country" in features and "source_country" not in other
