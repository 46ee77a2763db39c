from datetime import date

from dyads.where import choose, gazetteer, locate_events
from event_fixtures import add_event, parse

BASE = date(2002, 3, 10)


def test_gazetteer_reads_cities_countries_and_states():
    moscow = choose(gazetteer().lookup("Moscow"), set(), set())
    assert (moscow.country, moscow.kind) == ("RUS", "city")
    assert abs(moscow.lat - 55.75) < 0.1 and abs(moscow.lon - 37.6) < 0.1
    assert {p.country for p in gazetteer().lookup("Hyderabad")} >= {"IND", "PAK"}
    assert choose(gazetteer().lookup("the United States"), set(), set()).country == "USA"
    assert choose(gazetteer().lookup("Bombay"), set(), set()).name == "Mumbai"


def test_a_city_in_two_countries_follows_the_event_actors():
    doc = parse("Pakistani troops clashed with protesters in Hyderabad.", BASE)
    clashed = add_event(doc, "clashed", "PAK", "PAK", "190")
    locate_events(doc)
    location = clashed.event.location
    assert (location.text, location.name, location.country, location.precision) == (
        "Hyderabad", "Hyderabad", "PAK", "city")
    assert location.geonameid is not None and 25 < location.lat < 26


def test_a_city_in_two_countries_follows_the_other_places_of_the_document():
    text = "Fighting spread from Beirut to the north. Gunmen attacked a checkpoint in Tripoli."
    doc = parse(text, BASE)
    attacked = add_event(doc, "attacked", None, None, "190")
    locate_events(doc)
    assert attacked.event.location.country == "LBN"
    without_context = parse("Gunmen attacked a checkpoint in Tripoli.", BASE)
    alone = add_event(without_context, "attacked", None, None, "190")
    locate_events(without_context)
    assert alone.event.location.country == "LBY"


def test_georgia_is_the_country_unless_the_actors_are_american():
    doc = parse("Russian troops shelled villages in Georgia.", BASE)
    shelled = add_event(doc, "shelled", "RUS", "GEO", "195")
    locate_events(doc)
    assert (shelled.event.location.country, shelled.event.location.precision) == ("GEO", "country")
    doc = parse("American police arrested protesters in Georgia.", BASE)
    arrested = add_event(doc, "arrested", "USA", "USA", "173")
    locate_events(doc)
    assert (arrested.event.location.country, arrested.event.location.precision) == ("USA", "admin1")


def test_a_visit_is_located_at_its_destination():
    doc = parse("The Japanese prime minister paid a visit to Jakarta after talks in Tokyo.", BASE)
    paid = add_event(doc, "paid", "JPN", "IDN", "042")
    locate_events(doc)
    assert (paid.event.location.name, paid.event.location.country) == ("Jakarta", "IDN")


def test_places_that_are_not_where_the_event_happened_are_not_its_location():
    doc = parse("The Kenyan minister criticised Somalia's policy on refugees.", BASE)
    criticised = add_event(doc, "criticised", "KEN", "SOM", "111")
    locate_events(doc)
    assert criticised.event.location is None


def test_lowercase_report_uses_its_dateline_when_the_event_names_no_place():
    text = "This story is from March 10, 2002\n\nlucknow: the police detained party workers on saturday."
    doc = parse(text, BASE)
    detained = add_event(doc, "detained", "IND", "IND", "173")
    locate_events(doc)
    assert (detained.event.location.name, detained.event.location.country) == ("Lucknow", "IND")


def test_common_words_and_airport_codes_are_not_places_in_lowercase_text():
    doc = parse("in a rare act, pakistan praised india. police fired at the mob in the city. "
                "3,000 people were massacred in one day by the police. the rebels attacked a post in man.", BASE)
    events = [add_event(doc, trigger, None, None, "190") for trigger in ("praised", "fired", "massacred", "attacked")]
    locate_events(doc)
    assert [e.event.location for e in events] == [None, None, None, None]


def test_a_code_is_a_place_only_as_written_in_capitals_in_cased_text():
    assert gazetteer().lookup("act") == [] and gazetteer().lookup("Day") == []
    assert "Dayton" in {p.name for p in gazetteer().lookup("DAY")}
    assert gazetteer().lookup("DAY", lowercase_text=True) == []


def test_a_renamed_city_keeps_its_former_name_in_reports_from_before_the_renaming():
    for doc_date, name in ((date(2002, 3, 10), "Allahabad"), (date(2019, 3, 10), "Prayagraj")):
        doc = parse("Police fired at protesters in Allahabad.", doc_date)
        fired = add_event(doc, "fired", "IND", "IND", "180")
        locate_events(doc)
        assert (fired.event.location.name, fired.event.location.country) == (name, "IND")
    doc = parse("bangalore: police arrested ten men.", date(2002, 3, 10))
    arrested = add_event(doc, "arrested", "IND", "IND", "173")
    locate_events(doc)
    assert arrested.event.location.name == "Bangalore"
