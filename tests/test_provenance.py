from datetime import date

from dyads.provenance import attribute_events, cited_source, normalise_outlet, parse_citation
from event_fixtures import add_event, parse

BASE = date(2000, 5, 22)


def test_parse_a_multi_source_citation():
    references = parse_citation("AP, May 12, 16; UPI, May 15-16; RIA, May 16; Reuters, The Korea Herald, May 17")
    cited = [cited_source(r, BASE) for r in references]
    assert [(c.name, c.dates) for c in cited] == [
        ("AP", ["2000-05-12", "2000-05-16"]),
        ("UPI", ["2000-05-15", "2000-05-16"]),
        ("RIA", ["2000-05-16"]),
        ("Reuters", ["2000-05-17"]),
        ("The Korea Herald", ["2000-05-17"]),
    ]


def test_outlet_names_are_normalised():
    assert [r.name for r in parse_citation("Itar-Tass, Interfax, October 3")] == ["Itar-Tass", "Interfax"]
    assert [r.name for r in parse_citation("Kommersant daily, May 17")] == ["Kommersant"]
    assert normalise_outlet("the Associated Press").name == "AP"
    assert normalise_outlet("Korea Herald").country == "KOR"


def test_dates_before_the_document_date_fall_in_the_previous_year():
    (reference,) = parse_citation("Xinhua, December 30")
    assert cited_source(reference, BASE).dates == ["1999-12-30"]
    assert cited_source(reference, None).dates == ["--12-30"]


def test_prose_in_parentheses_is_not_a_citation():
    assert parse_citation("the ruling party") is None
    assert parse_citation("which was signed in 1997, and ratified later") is None
    assert parse_citation("see above") is None


def test_citations_go_to_the_events_of_the_sentences_they_close():
    text = ("The presidents met in Minsk. They signed a customs accord (Interfax, May 18). "
            "Later the premiers quarreled (Itar-Tass, May 19).\n\n"
            "The opposition protested on Sunday.")
    doc = parse(text, BASE)
    met = add_event(doc, "met", "RUS", "BLR", "040")
    signed = add_event(doc, "signed", "RUS", "BLR", "057")
    quarreled = add_event(doc, "quarreled", "RUS", "BLR", "110")
    protested = add_event(doc, "protested", "BLR", "BLR", "140")
    attribute_events(doc)
    assert [c.name for c in met.event.cited_sources] == ["Interfax"]
    assert [(c.name, c.dates) for c in signed.event.cited_sources] == [("Interfax", ["2000-05-18"])]
    assert [c.name for c in quarreled.event.cited_sources] == ["Itar-Tass"]
    assert protested.event.cited_sources == []


def test_reported_speech_keeps_its_speaker_and_an_outlet_speaker_is_cited():
    doc = parse("Troops shelled the town, a Georgian Interior Ministry spokesman said. "
                "Reuters reported that rebels seized the airport.", BASE)
    shelled = add_event(doc, "shelled", "RUS", "GEO", "195")
    seized = add_event(doc, "seized", "REB", "GEO", "190")
    attribute_events(doc)
    assert shelled.event.attributed_to == "a Georgian Interior Ministry spokesman"
    assert seized.event.attributed_to == "Reuters"
    assert [c.name for c in seized.event.cited_sources] == ["Reuters"]
