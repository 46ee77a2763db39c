"""Event ids: a stable hash of what makes an event itself, unique within a document, exact repeats merged."""

from __future__ import annotations

from collections import Counter
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.coder import Coder
from dyads.ingest import read
from dyads.ingest.limits import DocumentLimits
from dyads.model import Document, Event, event_id
from test_resume_corpus import COUNTRIES

SHARED_NEWS = (
    Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news" / "india_police_events_2002.jsonl"
)

ROLES = ["president", "foreign minister", "defense minister", "prime minister", "police", "army", "ambassador"]
VERBS = ["criticized", "praised", "condemned", "accused", "met", "thanked", "blamed"]
# Templates whose targets may share one actor code ("the German chancellor and the German foreign minister"):
# events that differ only in which of them is the target.
TEMPLATES = [
    "The {a} {role1} {verb} the {b} {role2} and the {b} {role3}.",
    "The {a} {role1} and the {a} {role2} {verb} the {b} {role3}.",
    "The {a} {role1} {verb} the {b} {role2}, officials said.",
    "{A} {verb} {B} on Monday.",
]


def sentences() -> st.SearchStrategy[str]:
    def fill(template, first, second, roles, verb):
        (country_a, adjective_a, _), (country_b, adjective_b, _) = first, second
        role1, role2, role3 = roles
        return template.format(
            A=country_a, B=country_b, a=adjective_a, b=adjective_b, role1=role1, role2=role2, role3=role3, verb=verb
        )

    return st.builds(
        fill,
        st.sampled_from(TEMPLATES),
        st.sampled_from(COUNTRIES),
        st.sampled_from(COUNTRIES),
        st.lists(st.sampled_from(ROLES), min_size=3, max_size=3, unique=True),
        st.sampled_from(VERBS),
    )


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(min_confidence=0.0)  # every event the rules make, however unlikely


def assert_identities_hold(events: list[Event]) -> None:
    assert [event.id for event in events] == [event_id(event) for event in events]
    identities = Counter(event.identity() for event in events)
    assert [identity for identity, count in identities.items() if count > 1] == [], "exact repeats merged"
    assert len({event.id for event in events}) == len(events), "distinct events have distinct ids"


def test_targets_of_one_code_are_distinct_events(coder):
    events = coder.code("The VHP leader slammed Vajpayee and home minister LK Advani.", date="2002-03-01")
    assert sorted(event.target.text for event in events) == ["Vajpayee", "home minister LK Advani"]
    assert_identities_hold(events)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(sentences(), min_size=1, max_size=6))
def test_generated_documents_have_unique_stable_ids(coder, lines):
    text = " ".join(lines)
    events = coder.code(text, date="2020-05-04", doc_id="generated")
    assert_identities_hold(events)
    neighbour = Document(id="other", text="Russia condemned Japan. " + text)
    (alone, _) = coder.code_batch([Document(id="generated", text=text), neighbour])
    assert [event.id for event in alone.events] == [event.id for event in events], "stable across runs"


def test_a_long_document_coded_in_pieces_keeps_the_ids_of_its_whole_offsets():
    paragraph = "The German chancellor criticized the French president and the French foreign minister."
    text = "\n\n".join([paragraph] * 30)
    coder = Coder(limits=DocumentLimits(piece_chars=1_000))
    events = coder.code(text, date="2020-05-04")
    assert len({event.sentence_start for event in events}) == 30
    assert_identities_hold(events)


@pytest.mark.shared
@pytest.mark.skipif(not SHARED_NEWS.exists(), reason="needs ../shared/corpus/news")
def test_the_first_200_news_articles_have_unique_event_ids(coder):
    documents = list(islice(read([SHARED_NEWS]), 200))
    events = [event for coded in coder.pipe(documents) for event in coded.events]
    assert len(events) > 500
    assert_identities_hold(events)
