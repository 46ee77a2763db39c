"""Issue 2's acceptance check on the seed article, run the way a user runs it:

    dyads code ../shared/corpus/seed/monitor-6-101.txt --date 2000-05-22

Every `required` event found, none `forbidden` coded as actual, and at least 80% of the emitted events
matching a required or optional entry. Skipped when ../shared is absent (a user's fresh clone).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.evaluate.gold import read_document
from dyads.evaluate.scoring import score_document
from dyads.model import Event

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seed"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SEED.exists(), reason="needs ../shared (the seed article and its annotation)"),
]


@pytest.fixture(scope="module")
def coded(tmp_path_factory) -> list[Event]:
    output = tmp_path_factory.mktemp("seed") / "events.jsonl"
    result = CliRunner().invoke(
        app, ["code", str(SEED / "monitor-6-101.txt"), "--date", "2000-05-22", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    return [Event.from_dict(json.loads(line)) for line in output.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def figures(coded) -> dict:
    gold = read_document(SEED / "monitor-6-101.expected.jsonl", default_date=date(2000, 5, 22))
    return score_document("seed", gold, coded).figures


def test_every_required_event_is_found(figures):
    assert figures["required_found"] == figures["required"] == 16


def test_no_forbidden_event_is_coded_as_actual(figures):
    assert figures["forbidden_as_actual"] == 0


def test_most_emitted_events_are_annotated(figures):
    assert figures["precision"] >= 0.90, figures


def test_events_carry_the_document_date_and_offsets(coded):
    text = (SEED / "monitor-6-101.txt").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1].lstrip("\n")
    for event in coded:
        assert event.doc_date == "2000-05-22"
        assert body[event.trigger.start : event.trigger.end] == event.trigger.text
