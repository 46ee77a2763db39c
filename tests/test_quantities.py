from datetime import date

import pytest

from dyads.quantities import count_events, find_quantities, parse_money, parse_number
from event_fixtures import add_event, parse

BASE = date(2002, 3, 10)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("US$500 million", 500_000_000, "USD"),
        ("$1.8 billion", 1_800_000_000, "USD"),
        ("Rs 5 crore", 50_000_000, "INR"),
        ("rs 20 lakh", 2_000_000, "INR"),
        ("3,500 dollars", 3500, "USD"),
        ("€2.5bn", 2_500_000_000, "EUR"),
    ],
)
def test_money(text, value, unit):
    quantity = parse_money(text)
    assert (quantity.value, quantity.unit, quantity.kind) == (value, unit, "money")


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), ("1,800", 1800), ("three", 3), ("two hundred", 200), ("1.5 million", 1_500_000), ("dozens", 24)],
)
def test_numbers(text, value):
    assert parse_number(text) == value


def _quantities(text: str) -> list[tuple[str, float, str, str]]:
    doc = parse(text, BASE)
    return [(f.quantity.text, f.quantity.value, f.quantity.unit, f.quantity.kind)
            for sent in doc.sents for f in find_quantities(sent)]


def test_casualties_arrests_and_displacement():
    assert _quantities("At least 12 people were killed in the riot.") == [
        ("At least 12 people", 12, "persons", "killed")]
    assert _quantities("Three policemen were injured in the clash.") == [("Three policemen", 3, "persons", "injured")]
    assert _quantities("Police arrested 20 activists outside the court.") == [
        ("20 activists", 20, "persons", "arrested")]
    assert _quantities("Dozens of people died in the fire.") == [("Dozens of people", 24, "persons", "killed")]
    assert _quantities("Hundreds fled their homes.") == [("Hundreds", 200, "persons", "displaced")]


def test_killers_are_not_counted_as_killed():
    assert _quantities("Two gunmen killed a shopkeeper.") == []


def test_troops_and_weapons():
    assert _quantities("The army deployed 5,000 troops and 40 tanks along the border.") == [
        ("5,000 troops", 5000, "troops", "troops"), ("40 tanks", 40, "tank", "weapons")]


def test_quantities_attach_to_the_event_they_belong_to():
    doc = parse("The rebels attacked the convoy, killing 14 soldiers, and the government sent 3,000 troops.", BASE)
    attacked = add_event(doc, "attacked", "REB", "GOV", "190")
    sent = add_event(doc, "sent", "GOV", None, "150")
    count_events(doc)
    assert [(q.kind, q.value) for q in attacked.event.quantities] == [("killed", 14)]
    assert [(q.kind, q.value) for q in sent.event.quantities] == [("troops", 3000)]


def test_money_attaches_to_the_deal_not_to_the_other_event():
    doc = parse("Russia sold US$300 million of arms to Vietnam, while China protested.", BASE)
    sold = add_event(doc, "sold", "RUS", "VNM", "062")
    protested = add_event(doc, "protested", "CHN", None, "140")
    count_events(doc)
    assert [(q.value, q.unit) for q in sold.event.quantities] == [(300_000_000, "USD")]
    assert protested.event.quantities == []
    assert sold.event.flat()["quantity_usd"] == 300_000_000


def test_a_casualty_count_goes_to_the_event_under_its_verb_and_other_clauses_keep_theirs():
    doc = parse("Three policemen were injured when a mob attacked the station. "
                "The rebels seized the town, but the state still owes $2 billion to its creditors.", BASE)
    attacked = add_event(doc, "attacked", "IND", "IND", "180")
    seized = add_event(doc, "seized", "REB", "GOV", "190")
    count_events(doc)
    assert [(q.kind, q.value) for q in attacked.event.quantities] == [("injured", 3)]
    assert seized.event.quantities == []
