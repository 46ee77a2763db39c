from datetime import date

import pytest

from dyads.model import EventDate
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


def test_a_past_event_takes_neither_a_future_date_nor_another_sentences_date():
    text = ("The two generals met in Hanoi on May 16. The general accepted an invitation to visit Beijing "
            "early next year.\n\nThe delegation protested against the decision.")
    doc = parse(text, BASE)
    accepted = add_event(doc, "accepted", "VNM", "CHN", "036")
    protested = add_event(doc, "protested", "VNM", "CHN", "140")
    date_events(doc)
    assert (accepted.event.date.start, accepted.event.date.precision) == ("2000-05-22", "document")
    assert (protested.event.date.start, protested.event.date.precision) == ("2000-05-22", "document")


def test_a_date_stays_in_its_sentence():
    doc = parse("The VHP said it will protest on March 15. India condemned Pakistan.", date(2002, 3, 14))
    protest = add_event(doc, "protest", "IND", None, "140", modality="future")
    condemned = add_event(doc, "condemned", "IND", "PAK", "111")
    date_events(doc)
    assert protest.event.date.start == "2002-03-15"
    assert (condemned.event.date.start, condemned.event.date.precision) == ("2002-03-14", "document")


def test_a_date_in_a_clause_with_an_event_dates_only_that_clause():
    doc = parse("The minister who visited Cairo in February criticised the Egyptian government.", BASE)
    visited = add_event(doc, "visited", "FRA", "EGY", "042")
    criticised = add_event(doc, "criticised", "FRA", "EGY", "111")
    date_events(doc)
    assert (visited.event.date.start, visited.event.date.precision) == ("2000-02-01", "month")
    assert (criticised.event.date.start, criticised.event.date.precision) == ("2000-05-22", "document")


def test_a_date_in_a_clause_without_events_dates_the_sentence():
    doc = parse("On Tuesday, as the crowd gathered, police arrested ten protesters.", BASE)
    arrested = add_event(doc, "arrested", "FRA", "FRA", "173")
    date_events(doc)
    assert arrested.event.date.start == "2000-05-16"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ('"As was done in 1969, a judge should be asked to conduct an inquiry," says former Chief Justice Ahmadi.',
         "says"),
        ("Comparing the riots with those in 1969, Malkani criticised the Congress government.", "criticised"),
        ("Comparing the riots in 1969 with today's unrest, Malkani criticised the Congress government.", "criticised"),
        ("Referring to the riots in 1969, Malkani criticised the Congress government.", "criticised"),
        ("Malkani criticised the Congress government, recalling the riots in 1969.", "criticised"),
        ("The report on the riots in 1969 was criticised by Malkani.", "criticised"),
    ],
)
def test_a_year_in_a_subordinate_clause_or_a_noun_phrase_does_not_date_the_main_event(text, trigger):
    doc = parse(text, date(2002, 3, 11))
    event = add_event(doc, trigger, "IND", "IND", "111")
    date_events(doc)
    assert (event.event.date.start, event.event.date.precision, event.event.historical) == (
        "2002-03-11", "document", False)


def test_a_participle_clause_of_another_time_dates_its_own_events():
    doc = parse("Recalling the riots in 1969, Malkani criticised the Congress government.", date(2002, 3, 11))
    riots = add_event(doc, "riots", "IND", None, "145")
    criticised = add_event(doc, "criticised", "IND", "IND", "111")
    date_events(doc)
    assert (riots.event.date.start, riots.event.date.precision) == ("1969-01-01", "year")
    assert criticised.event.date.precision == "document"


def test_verbs_sharing_a_subject_share_its_date():
    doc = parse("Police arrested ten men on Saturday and charged them with rioting.", BASE)
    charged = add_event(doc, "charged", "FRA", "FRA", "173")
    arrested = add_event(doc, "arrested", "FRA", "FRA", "173")
    date_events(doc)
    assert charged.event.date.start == arrested.event.date.start == "2000-05-20"


def test_a_date_before_a_noun_is_that_things_date_not_the_events():
    doc = parse("The committee sought a ban on the March 15 rally in Ayodhya.", date(2002, 3, 10))
    sought = add_event(doc, "sought", "IND", "IND", "111")
    date_events(doc)
    assert (sought.event.date.start, sought.event.date.precision) == ("2002-03-10", "document")


def test_a_day_without_a_year_follows_the_tense_of_its_clause():
    doc = parse("The party said a rally would be held on March 15.", date(2002, 3, 10))
    held = add_event(doc, "held", "IND", None, "140", modality="hypothetical")
    date_events(doc)
    assert held.event.date.start == "2002-03-15"


def test_a_deadline_after_the_report_does_not_date_a_past_event_a_year_back():
    doc = parse("The authorities closed the schools till March 12.", date(2002, 3, 10))
    closed = add_event(doc, "closed", "IND", "IND", "192")
    date_events(doc)
    assert (closed.event.date.start, closed.event.date.precision) == ("2002-03-10", "document")


def test_a_stated_year_long_before_the_report_makes_the_event_historical():
    doc = parse("The two armies clashed along the border in 1992.", date(2002, 3, 10))
    clashed = add_event(doc, "clashed", "IND", "PAK", "190")
    date_events(doc)
    assert clashed.event.historical
    assert (clashed.event.date.start, clashed.event.date.end, clashed.event.date.dropped) == (
        "1992-01-01", "1992-12-31", None)


def test_a_date_long_before_the_report_without_a_cue_is_dropped_to_the_documents():
    doc = parse("The two armies clashed along the border last decade.", date(2002, 3, 10))
    clashed = add_event(doc, "clashed", "IND", "PAK", "190")
    date_events(doc)
    assert not clashed.event.historical
    assert clashed.event.date == EventDate("2002-03-10", "2002-03-10", "last decade", "document",
                                           dropped="1990-01-01..1999-12-31")


def test_a_historical_cue_in_the_sentence_keeps_a_date_long_before_the_report():
    doc = parse("During the war the two armies clashed along the border last decade.", date(2002, 3, 10))
    clashed = add_event(doc, "clashed", "IND", "PAK", "190")
    date_events(doc)
    assert clashed.event.historical
    assert (clashed.event.date.start, clashed.event.date.end) == ("1990-01-01", "1999-12-31")


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


def test_the_coder_keeps_a_planned_protests_date_out_of_the_next_sentence():
    from dyads import Coder

    events = Coder(min_confidence=0.0).code("The VHP said it will protest on March 15. India condemned Pakistan.", date="2002-03-14")
    dates = {event.trigger.text: (event.date.start, event.date.precision) for event in events}
    assert dates["protest"] == ("2002-03-15", "day")
    assert dates["condemned"] == ("2002-03-14", "document")


@pytest.mark.parametrize(
    "text",
    [
        "The minister paid a visit to Moscow last week, during which he held talks with the defence minister.",
        "Last week, when the minister paid a visit to Moscow, he held talks with the defence minister.",
    ],
)
def test_a_clause_at_the_same_time_shares_the_date_of_the_clause_it_hangs_on(text):
    doc = parse(text, BASE)
    paid = add_event(doc, "paid", "KOR", "RUS", "042")
    held = add_event(doc, "held", "KOR", "RUS", "040")
    date_events(doc)
    assert paid.event.date.start == held.event.date.start == "2000-05-15"


def test_a_participle_beside_its_clause_shares_its_date():
    doc = parse("Expressing outrage at the killings, the opposition parties on Wednesday demanded his dismissal.", BASE)
    expressing = add_event(doc, "Expressing", "IND", "IND", "014")
    date_events(doc)
    assert expressing.event.date.start == "2000-05-17"


def test_a_dateline_dates_the_document_not_its_first_sentences_events():
    doc = parse("This story is from March 10, 2002\n\nlucknow: the committee sought a ban on the programme.",
                date(2002, 3, 10))
    sought = add_event(doc, "sought", "IND", "IND", "111")
    date_events(doc)
    assert (sought.event.date.start, sought.event.date.precision) == ("2002-03-10", "document")
