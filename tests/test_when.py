from datetime import date

import pytest

from dyads.when import date_events, find_time_mentions, resolve
from event_fixtures import add_event, parse

BASE = date(2000, 5, 22)  # a Monday


@pytest.mark.parametrize(
    ("text", "tense", "start", "end", "precision"),
    [
        ("last week", "past", "2000-05-15", "2000-05-21", "week"),
        ("on May 16", "past", "2000-05-16", "2000-05-16", "day"),
        ("May 30", "past", "1999-05-30", "1999-05-30", "day"),
        ("May 30", "future", "2000-05-30", "2000-05-30", "day"),
        ("on June 12-14", "future", "2000-06-12", "2000-06-14", "day"),
        ("12-14 June", "future", "2000-06-12", "2000-06-14", "day"),
        ("May 30 to June 2", "future", "2000-05-30", "2000-06-02", "day"),
        ("in February", "past", "2000-02-01", "2000-02-29", "month"),
        ("in February", "future", "2001-02-01", "2001-02-28", "month"),
        ("in May 1999", None, "1999-05-01", "1999-05-31", "month"),
        ("early next year", "future", "2001-01-01", "2001-04-30", "quarter"),
        ("late 1999", None, "1999-09-01", "1999-12-31", "quarter"),
        ("mid-May", "past", "2000-05-11", "2000-05-20", "month"),
        ("during the past decade", "past", "1990-05-22", "2000-05-22", "decade"),
        ("over the past two years", "past", "1998-05-22", "2000-05-22", "year"),
        ("in the 1990s", None, "1990-01-01", "1999-12-31", "decade"),
        ("yesterday", "past", "2000-05-21", "2000-05-21", "day"),
        ("tomorrow", "future", "2000-05-23", "2000-05-23", "day"),
        ("on Friday", "past", "2000-05-19", "2000-05-19", "day"),
        ("on Friday", "future", "2000-05-26", "2000-05-26", "day"),
        ("last Monday", "past", "2000-05-15", "2000-05-15", "day"),
        ("next Tuesday", None, "2000-05-23", "2000-05-23", "day"),
        ("two years ago", "past", "1998-01-01", "1998-12-31", "year"),
        ("three days ago", "past", "2000-05-19", "2000-05-19", "day"),
        ("since 1997", "past", "1997-01-01", "2000-05-22", "year"),
        ("since February", "past", "2000-02-01", "2000-05-22", "month"),
        ("recently", "past", "2000-02-21", "2000-05-22", "quarter"),
        ("later this year", "future", "2000-05-22", "2000-12-31", "year"),
        ("last month", "past", "2000-04-01", "2000-04-30", "month"),
        ("the first quarter of 2001", None, "2001-01-01", "2001-03-31", "quarter"),
        ("March 10, 2002", None, "2002-03-10", "2002-03-10", "day"),
        ("2001-07-04", None, "2001-07-04", "2001-07-04", "day"),
    ],
)
def test_resolve_forms(text, tense, start, end, precision):
    resolved = resolve(text, base=BASE, tense=tense)
    assert (resolved.start, resolved.end, resolved.precision) == (start, end, precision)
    assert resolved.text == text


def test_relative_forms_need_a_base_date_but_full_dates_do_not():
    assert resolve("last week", base=None) is None
    assert resolve("May 16", base=None) is None
    assert resolve("May 16, 2000", base=None).start == "2000-05-16"


def test_the_verb_may_is_not_a_month():
    doc = parse("The ministers may meet again. They may 12 times have said so. The vote is on May 12.", BASE)
    assert [m.text for m in find_time_mentions(doc)] == ["on May 12"]


def test_lowercase_text_keeps_may_dates():
    doc = parse("the rally held on may 12 was peaceful, officials said they may return in may.", BASE)
    assert [m.text for m in find_time_mentions(doc)] == ["on may 12", "in may"]


def test_each_event_takes_its_own_expression_not_any_date_in_the_sentence():
    doc = parse("The foreign minister, who arrived in Cairo on Tuesday, met the Egyptian president on Thursday.", BASE)
    arrived = add_event(doc, "arrived", "FRA", "EGY", "042")
    met = add_event(doc, "met", "FRA", "EGY", "040")
    date_events(doc)
    assert arrived.event.date.start == "2000-05-16"
    assert met.event.date.start == "2000-05-18"


def test_future_events_resolve_forward_and_past_events_backward():
    doc = parse("The envoy visited Lagos in March. He will return to Lagos in March.", BASE)
    visited = add_event(doc, "visited", "GBR", "NGA", "042")
    returning = add_event(doc, "return", "GBR", "NGA", "042", modality="future")
    date_events(doc)
    assert (visited.event.date.start, visited.event.date.precision) == ("2000-03-01", "month")
    assert returning.event.date.start == "2001-03-01"


def test_a_past_event_does_not_take_a_future_date_and_inherits_from_its_paragraph():
    text = ("The two generals met in Hanoi on May 16. The general accepted an invitation to visit Beijing "
            "early next year.\n\nThe delegation protested against the decision.")
    doc = parse(text, BASE)
    accepted = add_event(doc, "accepted", "VNM", "CHN", "036")
    protested = add_event(doc, "protested", "VNM", "CHN", "140")
    date_events(doc)
    assert (accepted.event.date.start, accepted.event.date.text) == ("2000-05-16", "on May 16")
    assert (protested.event.date.start, protested.event.date.precision) == ("2000-05-22", "document")


def test_historical_event_without_date_is_unknown_up_to_the_document_date():
    doc = parse("The admiral has already traveled once to Manila.", BASE)
    traveled = add_event(doc, "traveled", "USA", "PHL", "042", historical=True)
    date_events(doc)
    assert traveled.event.date == traveled.event.date.__class__(None, "2000-05-22", None, "unknown")


def test_without_a_document_date_the_citations_and_the_text_give_the_base():
    text = "The ministers met in Riga last week, and signed a protocol in 1999 (Reuters, May 17)."
    doc = parse(text, None)
    met = add_event(doc, "met", "LVA", "EST", "040")
    date_events(doc)
    assert (met.event.date.start, met.event.date.end) == ("1999-05-10", "1999-05-16")
    assert "cited sources" in met.event.date.text


def test_without_any_date_events_keep_a_null_date():
    doc = parse("The ministers met in Riga.", None)
    met = add_event(doc, "met", "LVA", "EST", "040")
    date_events(doc)
    assert met.event.date is None


def test_without_a_document_date_a_dateline_gives_it():
    doc = parse("This story is from March 10, 2002\n\nlucknow: the police detained ten workers on saturday.", None)
    detained = add_event(doc, "detained", "IND", "IND", "173")
    date_events(doc)
    assert (detained.event.date.start, detained.event.date.precision) == ("2002-03-09", "day")
    assert "dateline" in detained.event.date.text


def test_a_stretch_of_time_is_not_inherited_by_the_next_sentence():
    doc = parse("The two countries have signed no arms contracts over the past two years. "
                "The newspaper blamed Washington.", BASE)
    blamed = add_event(doc, "blamed", "RUS", "USA", "112")
    date_events(doc)
    assert blamed.event.date.precision == "document"
