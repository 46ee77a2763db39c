"""Scoring of `dyads eval`, on hand-made events and hand-computed figures (no model is loaded)."""

from __future__ import annotations

import pytest

from dyads.evaluate import metrics
from dyads.evaluate.gold import (
    ActorPhrase,
    AnnotatedDocument,
    CameoExample,
    ExpectedEvent,
    GoldActor,
    PentaclassSentence,
    PloverRecord,
)
from dyads.evaluate.scoring import (
    score_actor_phrases,
    score_cameo,
    score_corpus,
    score_document,
    score_pentaclass,
    score_plover,
)
from dyads.events.ontology import lookup
from dyads.model import Actor, Document, Event, Span

TEXT = (
    "Ruritania recalled its ambassador from Freedonia on Monday. "
    "The two governments later signed a fisheries accord. "
    "Officials said a summit with Sylvania might follow."
)
SENTENCES = TEXT.split(". ")


def event(
    code: str,
    source: str | None,
    target: str | None,
    sentence: int = 0,
    modality: str = "actual",
    confidence: float = 0.5,
    sectors: tuple[str, ...] = (),
) -> Event:
    start = TEXT.find(SENTENCES[sentence])
    entry = lookup(code)
    return Event(
        id=f"e{sentence}{code}",
        doc_id="doc",
        doc_date=None,
        sentence_index=sentence,
        sentence=SENTENCES[sentence],
        trigger=Span("trigger", start, start + 7),
        source=Actor(source or "someone", country=source, sectors=list(sectors)),
        target=Actor(target, country=target) if target else None,
        cameo=entry.cameo(),
        plover=entry.plover(),
        modality=modality,
        confidence=confidence,
        sentence_start=start,
        sentence_end=start + len(SENTENCES[sentence]),
    )


def annotated(*expected: ExpectedEvent) -> AnnotatedDocument:
    return AnnotatedDocument(Document("doc", TEXT), list(expected))


RECALL = ExpectedEvent("recall", "required", "recalled its ambassador", ["RUT"], ["FRE"], ["161"])
ACCORD = ExpectedEvent(
    "accord", "required", "signed a fisheries accord", ["RUT"], ["FRE"], ["05"], reciprocal=True
)
SUMMIT = ExpectedEvent("summit", "forbidden", "a summit with Sylvania", ["RUT"], ["SYL"], ["04"])
OPTIONAL_SUMMIT = ExpectedEvent(
    "summit", "optional", "a summit with Sylvania", ["RUT"], ["SYL"], ["04"], "future"
)


def test_prf_from_counts():
    score = metrics.PRF(true_positives=3, false_positives=1, false_negatives=2)
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert metrics.PRF(0, 0, 0).f1 == 0.0


def test_cameo_root_and_full_code_acceptance():
    assert metrics.cameo_accepts(["04"], "042")
    assert metrics.cameo_accepts(["031"], "0312")
    assert metrics.cameo_accepts(["0312"], "0312")
    assert not metrics.cameo_accepts(["0312"], "031")
    assert not metrics.cameo_accepts(["042"], "043")
    assert not metrics.cameo_accepts([], "042")


def test_pentaclass_of_root_boundaries():
    assert [metrics.pentaclass_of_root(root) for root in ("01", "02", "05", "06", "08", "09", "13", "14", "20")] == [
        0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]  # fmt: skip
    with pytest.raises(ValueError):
        metrics.pentaclass_of_root("21")


def test_macro_f1_by_hand():
    gold = ["a", "a", "b", "b"]
    predicted = ["a", "b", "b", None]
    # a: P 1/1, R 1/2, F1 2/3; b: P 1/2, R 1/2, F1 1/2; macro (2/3 + 1/2) / 2
    assert metrics.macro_f1(gold, predicted) == pytest.approx((2 / 3 + 1 / 2) / 2)
    assert metrics.macro_f1(["a", "b"], ["a", "b"]) == 1.0
    assert metrics.macro_f1(["a", "b"], [None, None]) == 0.0
    assert metrics.confusion_matrix(gold, predicted)[("b", None)] == 1


def test_main_event_is_most_confident_then_earliest():
    low, high = event("042", "RUT", "FRE", 0, confidence=0.4), event("161", "RUT", "FRE", 0, confidence=0.9)
    assert metrics.main_event([low, high]) is high
    first, second = event("042", "RUT", "FRE", 0), event("043", "RUT", "FRE", 1)
    assert metrics.main_event([second, first]) is first
    assert metrics.main_event([]) is None


def test_main_event_for_plover_skips_statements_without_a_plover_type():
    said, accused = event("010", "RUT", None, confidence=0.9), event("111", "RUT", "FRE", confidence=0.6)
    assert metrics.main_event([said, accused], with_plover_type=True) is accused
    assert metrics.main_event([said], with_plover_type=True) is said


def test_older_plover_types_are_mapped():
    assert [metrics.current_plover_type(t) for t in ("DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "AID")] == [
        "REQUEST", "ACCUSE", "ACCUSE", "ASSAULT", "AID",
    ]  # fmt: skip


def test_international_organisations_match_by_code_prefix():
    assert metrics.actor_in_countries(Actor("the UN", code="IGOUNO"), ["IGO"])
    assert not metrics.actor_in_countries(Actor("the UN", code="IGOUNO"), ["USA"])
    assert not metrics.actor_in_countries(None, ["USA"])


def test_document_perfect_run():
    events = [event("161", "RUT", "FRE", 0), event("057", "RUT", "FRE", 1)]
    result = score_document("doc", annotated(RECALL, ACCORD, SUMMIT), events)
    figures = result.figures
    assert (figures["required"], figures["required_found"], figures["forbidden_as_actual"]) == (2, 2, 0)
    assert figures["precision"] == 1.0 and figures["f1"] == 1.0
    assert result.errors == []


def test_document_empty_run():
    result = score_document("doc", annotated(RECALL, ACCORD, SUMMIT), [])
    figures = result.figures
    assert (figures["required_found"], figures["required_recall"], figures["precision"]) == (0, 0.0, 0.0)
    assert figures["forbidden_as_actual"] == 0
    assert [case.kind for case in result.errors] == ["miss", "miss"]


def test_document_false_alarms_and_forbidden_event_coded_as_actual():
    events = [
        event("161", "RUT", "FRE", 0),
        event("111", "FRE", "RUT", 0),  # a criticism nobody annotated
        event("040", "RUT", "SYL", 2, modality="actual"),  # the summit did not happen
    ]
    result = score_document("doc", annotated(RECALL, ACCORD, SUMMIT), events)
    figures = result.figures
    assert figures["required_found"] == 1
    assert figures["forbidden_as_actual"] == 1
    assert figures["emitted_correct"] == 1
    assert figures["precision"] == pytest.approx(1 / 3)
    assert figures["f1"] == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))
    assert len(result.worst("false alarm", 5)) == 3  # the criticism, the summit (as event and as entry)
    assert result.worst("false alarm", 1)[0].expected.startswith("summit (forbidden)")


def test_document_future_event_is_not_a_forbidden_actual_and_matches_optional():
    future = event("040", "RUT", "SYL", 2, modality="future")
    assert score_document("doc", annotated(SUMMIT), [future]).figures["forbidden_as_actual"] == 0
    assert score_document("doc", annotated(OPTIONAL_SUMMIT), [future]).figures["precision"] == 1.0
    actual = event("040", "RUT", "SYL", 2, modality="actual")
    assert score_document("doc", annotated(OPTIONAL_SUMMIT), [actual]).figures["precision"] == 0.0


def test_document_reciprocal_accepts_either_direction():
    swapped = event("057", "FRE", "RUT", 1)
    assert score_document("doc", annotated(ACCORD), [swapped]).figures["required_found"] == 1
    assert (
        score_document("doc", annotated(RECALL), [event("161", "FRE", "RUT", 0)]).figures["required_found"]
        == 0
    )


def test_document_event_must_sit_in_the_quoted_sentence():
    elsewhere = event("161", "RUT", "FRE", 1)
    assert score_document("doc", annotated(RECALL), [elsewhere]).figures["required_found"] == 0


def test_corpus_pools_documents_locates_actors_and_scores_document_plover_labels():
    recall = ExpectedEvent(
        "recall", "required", "recalled its ambassador", ["RUT"], ["FRE"], ["161"], "actual", plover="SANCTION"
    )
    accord = ExpectedEvent(
        "accord", "required", "signed a fisheries accord", ["RUT"], ["FRE"], ["057"], "actual",
        reciprocal=True, plover="SUPPORT",
    )  # fmt: skip
    first = (annotated(recall, accord), [event("161", "RUT", "FRE", 0), event("111", "FRE", "RUT", 1)])
    second = (annotated(recall), [])
    result = score_corpus("corpus [dev]", [first, second])
    figures = result.figures
    assert (figures["documents"], figures["required"], figures["required_found"]) == (2, 3, 1)
    assert figures["precision"] == 0.5  # the criticism in the accord's sentence is a false alarm
    # the criticism sits in the accord's sentence: right (reciprocal) dyad, wrong root
    assert figures["located"] == 2
    assert (figures["source_country_accuracy"], figures["target_country_accuracy"]) == (1.0, 1.0)
    assert figures["root_accuracy"] == 0.5
    # SANCTION: 1 of 2 documents found, no false one; SUPPORT missed; ACCUSE coded but never annotated
    assert figures["plover_doc_macro_f1"] == pytest.approx((2 / 3 + 0 + 0) / 3)
    assert {row[0]: row[1] for row in result.tables[0].rows} == {"ACCUSE": 0, "SANCTION": 2, "SUPPORT": 1}


def test_document_list_of_countries_means_any():
    either = ExpectedEvent("recall", "required", "recalled its ambassador", ["RUT"], ["SYL", "FRE"], ["16"])
    assert (
        score_document("doc", annotated(either), [event("161", "RUT", "FRE", 0)]).figures["required_found"]
        == 1
    )


def plover_record(
    event_type: str, source: str, target: str | None, sector: str | None = None
) -> PloverRecord:
    targets = [GoldActor(target, target, None)] if target else []
    return PloverRecord("r", "text", None, event_type, [GoldActor(source, source, sector)], targets)


def test_plover_accuracies():
    records = [
        plover_record("ACCUSE", "RUT", "FRE", "GOV"),
        plover_record("AGREE", "RUT", None),
        plover_record("ASSAULT", "FRE", "RUT", "MIL"),
        plover_record("CONSULT", "SYL", "FRE"),
    ]
    predicted = [
        event("111", "RUT", "FRE", sectors=("GOV",)),  # ACCUSE, all right
        event("031", "RUT", "FRE"),  # AGREE; the gold has no target, so it is not scored
        event("111", "FRE", "SYL", sectors=("GOV",)),  # wrong type, wrong target, wrong sector
        None,  # no event: wrong everywhere
    ]
    figures = score_plover("p", records, predicted).figures
    assert figures["coverage"] == 0.75
    assert figures["type_accuracy"] == 0.5
    assert figures["source_country_accuracy"] == 0.75
    assert figures["scored_target_countries"] == 3
    assert figures["target_country_accuracy"] == pytest.approx(1 / 3)
    assert figures["source_sector_accuracy"] == 0.5


def test_cameo_root_versus_full_code():
    examples = [CameoExample("1", "s", "0312"), CameoExample("2", "s", "042"), CameoExample("3", "s", "111")]
    predicted = [event("031", "RUT", "FRE"), event("042", "RUT", "FRE"), None]
    result = score_cameo("c", examples, predicted)
    assert result.figures["root_accuracy"] == pytest.approx(2 / 3)
    assert result.figures["code_accuracy"] == pytest.approx(1 / 3)
    assert [case.kind for case in result.errors] == ["miss"]


def test_pentaclass_macro_f1_and_confusion():
    sentences = [PentaclassSentence(str(i), "s", label) for i, label in enumerate([4, 4, 3, 0])]
    predicted = [event("190", "RUT", "FRE"), event("111", "RUT", "FRE"), event("111", "RUT", "FRE"), None]
    result = score_pentaclass("f", sentences, predicted)
    # material conflict: P 1, R 1/2, F1 2/3; verbal conflict: P 1/2, R 1, F1 2/3; statement: F1 0
    assert result.figures["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert result.figures["accuracy"] == 0.5
    confusion = {row[0]: row[1:] for row in result.tables[1].rows}
    assert confusion["material conflict"] == [0, 0, 0, 1, 1, 0]
    assert confusion["statement"] == [0, 0, 0, 0, 0, 1]


def test_actor_phrases_country_sector_and_nothing():
    phrases = [
        ActorPhrase("a", "Ruritanian army", "", "", "RUT", ["MIL"]),
        ActorPhrase("b", "Freedonian rebels", "", "", "FRE", ["REB", "OPP"]),
        ActorPhrase("c", "John Doe", "", "", None, None, no_actor=True),
    ]
    resolved = [
        Actor("Ruritanian army", country="RUT", sectors=["MIL", "GOV"]),
        Actor("Freedonian rebels", country="RUT", sectors=["CVL", "REB"]),
        None,
    ]
    result = score_actor_phrases("a", phrases, resolved)
    assert result.figures["country_accuracy"] == 0.5
    assert result.figures["sector_accuracy"] == 0.5  # the primary (first) sector decides
    assert result.figures["no_actor_accuracy"] == 1.0
    assert len(result.errors) == 1


def test_empty_expected_country_or_sector_means_none():
    red_cross = Actor("Red Cross", code="NGOIRC", sectors=["NGO"])
    assert metrics.country_agrees(red_cross, "")
    assert not metrics.country_agrees(Actor("France", country="FRA"), "")
    assert metrics.country_agrees(None, "")  # "two men": no actor, so no country, as expected
    assert metrics.sector_agrees(Actor("France", country="FRA"), [""])
    assert not metrics.sector_agrees(red_cross, [""])
    assert metrics.sector_agrees(None, [""])


def test_misaligned_predictions_are_an_error():
    with pytest.raises(ValueError):
        score_cameo("c", [CameoExample("1", "s", "042")], [])


def test_international_bodies_match_their_own_three_letters():
    from dyads.evaluate.metrics import actor_in_countries
    from dyads.model import Actor

    un = Actor("the United Nations", code="IGOUNO", country=None, sectors=["IGO"])
    assert actor_in_countries(un, ["UNO"]) and actor_in_countries(un, ["IGO"])
    assert not actor_in_countries(un, ["EUR"])
    assert not actor_in_countries(Actor("Uruguay", code="URY", country="URY"), ["UNO"])


def test_no_actor_agrees_with_an_expected_empty_country_and_sector():
    from dyads.evaluate.metrics import country_agrees, sector_agrees

    assert country_agrees(None, "") and sector_agrees(None, [""])
    assert not country_agrees(None, "FRA") and not sector_agrees(None, ["GOV"])
