"""The seed article coded end to end: dates, places, money and cited sources (needs ../shared)."""

from datetime import date
from importlib.util import find_spec
from pathlib import Path

import pytest

from dyads.nlp import STAGES

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEED = SHARED / "corpus" / "seed" / "monitor-6-101.txt"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SEED.exists(), reason="../shared is absent"),
    pytest.mark.skipif(not all(find_spec(module) for _, module in STAGES), reason="a pipeline stage is not written yet"),
]


@pytest.fixture(scope="module")
def events():
    from dyads.coder import Coder

    return Coder().code(SEED.read_text(encoding="utf-8"), date=date(2000, 5, 22), doc_id="monitor-6-101")


def _find(events, phrase: str, lemma_prefix: str, cameo_roots: tuple[str, ...] | None = None):
    found = [
        e for e in events
        if phrase in e.sentence and e.trigger.text.lower().startswith(lemma_prefix)
        and (cameo_roots is None or e.cameo.root in cameo_roots)
    ]
    assert found, f"no event for {phrase!r} / {lemma_prefix!r}"
    return found[0]


def test_moscow_visit_last_week_in_moscow(events):
    visit = _find(events, "paid a quiet visit to Moscow", "", ("04",))
    assert "2000-05-15" <= visit.date.start <= visit.date.end <= "2000-05-21"
    assert (visit.location.name, visit.location.country) == ("Moscow", "RUS")
    assert abs(visit.location.lat - 55.75) < 0.2 and abs(visit.location.lon - 37.62) < 0.2


def test_may_16_meeting(events):
    meeting = _find(events, "during a meeting with Sergeev on May 16", "meet")
    assert (meeting.date.start, meeting.date.end) == ("2000-05-16", "2000-05-16")


def test_scheduled_summit_in_pyongyang(events):
    summit = _find(events, "is scheduled to meet", "meet")
    assert summit.modality == "future"
    assert (summit.date.start, summit.date.end) == ("2000-06-12", "2000-06-14")
    assert (summit.location.name, summit.location.country) == ("Pyongyang", "PRK")


def test_friendship_treaty_in_february(events):
    treaty = _find(events, "signed a friendship treaty in February", "sign")
    assert (treaty.date.start, treaty.date.end, treaty.date.precision) == ("2000-02-01", "2000-02-29", "month")


def test_arms_deliveries_carry_500_million_dollars(events):
    deal = _find(events, "US$500 million in arms", "")
    assert deal.flat()["quantity_usd"] == 500_000_000


def test_second_paragraph_cites_its_sources(events):
    paragraph_events = [e for e in events if "Sergeev assured Cho" in e.sentence or "hot line" in e.sentence]
    assert paragraph_events
    for event in paragraph_events:
        names = {c.name for c in event.cited_sources}
        assert names >= {"AP", "UPI", "RIA", "Reuters", "The Korea Herald"}
