"""Actor recognition (`dyads_actors`) and the actor lexicon, on invented sentences."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from dyads import nlp as pipeline
from dyads.actors.lexicon import SECTORS, load_lexicon, tokenizer_like
from dyads.actors.recognize import resolve_phrase
from dyads.data import read_tsv
from dyads.model import Document


@pytest.fixture(scope="module")
def nlp():
    return pipeline.load(stages=["dyads_actors", "dyads_coref"])


def mentions(nlp, text, when=None):
    doc = nlp.make_doc(text)
    doc._.document = Document("test", text, date=when)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return {doc[m.start : m.end].text: m for m in doc._.actor_mentions}


def test_capitals_and_seats_of_government_stand_for_their_country(nlp):
    found = mentions(
        nlp, "The Kremlin rebuffed Ottawa, and the Pentagon said Canberra had not asked for help."
    )
    assert found["Kremlin"].actor.code == "RUSGOV"
    assert found["Pentagon"].actor.code == "USAMIL"
    assert (found["Ottawa"].actor.country, found["Ottawa"].kind) == ("CAN", "capital")
    assert found["Canberra"].actor.country == "AUS"


def test_a_bodys_possessive_before_one_of_its_offices_is_one_phrase(nlp):
    found = mentions(nlp, "Kenya snubbed the United Nations' highest court, NATO's top commander and Hamas's leader.")
    assert found["United Nations' highest court"].actor.code == "IGOUNO"
    assert found["NATO's top commander"].actor.code == "IGONATMIL"
    assert found["Hamas's leader"].actor.country == "PSE"


def test_a_nationality_word_naming_a_language_is_no_actor(nlp):
    text = "The rebels, known by their French acronym FNL, met. The French named a new envoy."
    doc = nlp.make_doc(text)
    doc._.document = Document("test", text)
    for _, component in nlp.pipeline:
        doc = component(doc)
    french = [m for m in doc._.actor_mentions if doc[m.start : m.end].text == "French"]
    assert [doc[m.start - 1].text for m in french] == ["The"]  # the people who named an envoy, not the acronym's


def test_possessive_capital_is_its_own_mention(nlp):
    found = mentions(nlp, "Hanoi's objections delayed the accord, and Lima's envoy left early.")
    assert found["Hanoi"].actor.code == "VNM"
    assert found["Lima's envoy"].actor.code == "PERGOV"


def test_opposition_to_something_is_a_stance_not_the_opposition(nlp):
    found = mentions(nlp, "Kiev's opposition to the decree angered Moscow.")
    assert "Kiev's opposition" not in found
    assert found["Kiev"].actor.code == "UKR"
    found = mentions(nlp, "Crowds voiced their opposition against the coup.")
    assert not any("opposition" in text for text in found)
    found = mentions(nlp, "Cambodia's opposition has returned, and they persuaded the opposition to join the talks.")
    assert found["Cambodia's opposition"].actor.code == "KHMOPP"
    assert found["the opposition"].actor.sectors == ["OPP"]  # "to" begins a verb: the parties


def test_demonyms_code_countries_and_sectors(nlp):
    found = mentions(nlp, "Chilean police detained Bolivian farmers while Norwegian diplomats watched.")
    assert found["Chilean police"].actor.code == "CHLCOP"
    assert found["Bolivian farmers"].actor.code == "BOLAGR"
    assert found["Norwegian diplomats"].actor.code == "NORGOV"


def test_hyphenated_demonyms_form_a_group(nlp):
    found = mentions(nlp, "Officials rejected the Swedish-Finnish plan for the lake.")
    assert [a.country for a in found["Swedish-Finnish"].actors] == ["SWE", "FIN"]
    assert found["Swedish-Finnish"].kind == "group"


def test_a_community_written_with_a_hyphen_is_one_people(nlp):
    found = mentions(nlp, "Peacekeepers arrested a Bosnian-Serb army colonel near Banja Luka.")
    colonel = next(mention for text, mention in found.items() if "colonel" in text)
    assert [a.country for a in colonel.actors] == ["BIH"]


def test_the_hague_tribunal_is_the_un_war_crimes_court(nlp):
    found = mentions(nlp, "The Hague Tribunal sentenced the general to 46 years in prison.")
    tribunal = next(mention for text, mention in found.items() if "Tribunal" in text)
    assert tribunal.actor.code == "IGOUNOJUD"


def test_international_observers_are_an_international_body(nlp):
    found = mentions(nlp, "Separatists detained a team of international military observers near the town.")
    observers = next(mention for text, mention in found.items() if "observers" in text)
    assert observers.actor.code == "IGO"


def test_hyphenated_countries_kept_in_one_word_form_a_group(nlp):
    found = mentions(nlp, "U.S.-Russian talks opened near the U.K.-U.S. base.")
    assert [a.country for a in found["U.S.-Russian"].actors] == ["USA", "RUS"]
    assert [a.country for a in found["U.K.-U.S."].actors] == ["GBR", "USA"]


def test_country_before_a_non_actor_noun_stays_a_country(nlp):
    found = mentions(nlp, "Analysts doubted U.S. missile defense plans.")
    assert "U.S." in found and found["U.S."].actor.code == "USA"


def test_title_and_unknown_name_make_one_person(nlp):
    found = mentions(nlp, "Peruvian Defense Minister Alma Quispe-Rojas inspected the base.")
    person = found["Peruvian Defense Minister Alma Quispe-Rojas"]
    assert person.kind == "person"
    assert (person.actor.code, person.actor.sectors) == ("PERMIL", ["MIL", "GOV"])
    assert (person.actor.name, person.actor.title) == ("Alma Quispe-Rojas", "Defense Minister")


def test_sectors_from_institutions_before_a_person_noun(nlp):
    found = mentions(nlp, "A Danish Foreign Ministry spokesman and Kenyan army officers spoke.")
    assert found["Danish Foreign Ministry spokesman"].actor.code == "DNKGOV"
    assert found["Kenyan army officers"].actor.code == "KENMIL"


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Ghanaian rebels", "GHAREB"),
        ("Ghanaian parliament", "GHALEG"),
        ("Ghanaian opposition", "GHAOPP"),
        ("Ghanaian protesters", "GHACVL"),
        ("Ghanaian judges", "GHAJUD"),
        ("Ghanaian students", "GHACVL"),
        ("Ghanaian immigrants", "GHACVL"),
        ("Ghanaian newspaper", "GHAMED"),
        ("Ghanaian trade union", "GHALAB"),
        ("Ghanaian opposition groups", "GHAOPP"),
        ("Ghanaian Islamist group", "GHAREB"),
    ],
)
def test_institution_sectors(nlp, phrase, code):
    found = mentions(nlp, f"The {phrase} issued a statement.")
    assert found[f"The {phrase}"].actor.code == code


def test_election_observers_are_an_international_body(nlp):
    found = mentions(nlp, "International election observers said the vote was flawed.")
    assert found["election observers"].actor.sectors == ["IGO", "NGO"]


def test_known_leaders_resolve_by_name_and_date(nlp):
    found = mentions(nlp, "Nikol Pashinyan met Emmanuel Macron.", when=date(2019, 6, 1))
    assert found["Nikol Pashinyan"].actor.code == "ARMGOV"
    assert found["Emmanuel Macron"].actor.title == "President"
    before = mentions(nlp, "Emmanuel Macron spoke.", when=date(2005, 1, 1))
    assert before["Emmanuel Macron"].actor.sectors == ["ELI"]


def test_chinese_leaders_are_known_by_their_surname_which_comes_first(nlp):
    found = mentions(nlp, "Trump calls President Xi a friend.", when=date(2025, 3, 1))
    assert found["President Xi"].actor.code == "CHNGOV"


def test_international_organisations(nlp):
    found = mentions(nlp, "NATO and the African Union urged the IAEA and Amnesty International to act.")
    assert found["NATO"].actor.code == "IGONATMIL" and found["NATO"].actor.country is None
    assert found["African Union"].actor.code == "IGOAFU"
    assert found["IAEA"].actor.code.startswith("IGOUNO")
    assert found["Amnesty International"].actor.code == "NGOAMN"


def test_people_sent_by_an_international_body_are_of_that_body(nlp):
    found = mentions(nlp, "Sudan objected. Troops from the African Union and inspectors from the IAEA arrived in Darfur.")
    assert found["Troops from the African Union"].actor.code == "IGOAFU"
    assert found["inspectors from the IAEA"].actor.code.startswith("IGOUNO")
    assert found["Troops from the African Union"].actor.country is None
    countries = mentions(nlp, "Troops from Chad arrived.")
    assert "Troops from Chad" not in countries and countries["Troops"].actor.code == "TCDMIL"


def test_a_role_word_ending_a_persons_name_is_part_of_the_name(nlp):
    found = mentions(nlp, "China's Foreign Ministry spokesman Qin Gang responded sharply. Qin Gang criticized Japan.")
    assert all(m.actor.code == "CHNGOV" for text, m in found.items() if "Gang" in text)
    assert "Gang" not in found


def test_organisation_followed_by_its_kind(nlp):
    found = mentions(nlp, "The Izvestia daily criticised the plan.")
    assert found["Izvestia daily"].actor.code == "RUSMED"


def test_unknown_name_before_a_newspaper(nlp):
    found = mentions(nlp, "The editors of the Morgenbladet newspaper disagreed.")
    assert found["the Morgenbladet newspaper"].actor.sectors == ["MED"]


def test_role_of_a_place(nlp):
    found = mentions(
        nlp, "The head of the Estonian Interior Ministry resigned, and the government in Latvia fell."
    )
    assert found["The head of the Estonian Interior Ministry"].actor.code == "ESTGOV"
    assert found["the government in Latvia"].actor.code == "LVAGOV"


def test_regions_and_cities_code_institutions_but_are_not_actors_alone(nlp):
    found = mentions(nlp, "Gujarat police raided a warehouse in Surat.")
    assert found["Gujarat police"].actor.code == "INDCOP"
    assert "Surat" not in found


def test_lowercase_text_still_finds_actors(nlp):
    found = mentions(nlp, "the pakistani army and indian police met in new delhi. the bjp protested.")
    assert found["the pakistani army"].actor.code == "PAKMIL"
    assert found["indian police"].actor.code == "INDCOP"
    assert found["bjp"].actor.code == "INDPTY"


def test_lowercase_common_words_are_not_countries(nlp):
    found = mentions(nlp, "we ate turkey and chad may visit us in the china shop.")
    assert not {"turkey", "chad", "us", "may", "china"} & set(found)
    assert "china" in mentions(nlp, "talks between china and india resumed.")


def test_capitalised_country_names_that_are_words_are_kept_in_cased_text(nlp):
    found = mentions(nlp, "Turkey and Chad signed the accord, and China welcomed it.")
    assert {"Turkey", "Chad", "China"} <= set(found)


def test_acronyms_match_only_in_their_own_case(nlp):
    found = mentions(nlp, "Let us see who comes. The WHO and the US replied.")
    assert found["WHO"].actor.code == "IGOUNOHLH"
    assert found["US"].actor.country == "USA"
    assert "us" not in found and "who" not in found


def test_mentions_are_sorted_non_overlapping_and_indexed(nlp):
    doc = nlp("Swiss President Ana Berg met the Austrian chancellor in Vienna, and Swiss police watched.")
    spans = [(m.start, m.end) for m in doc._.actor_mentions]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    for index, mention in enumerate(doc._.actor_mentions):
        assert all(doc._.mention_at[token] == index for token in range(mention.start, mention.end))
        assert doc.text[mention.actor.start : mention.actor.end] == doc[mention.start : mention.end].text


@pytest.mark.parametrize(
    ("phrase", "country", "primary"),
    [
        ("Honduran Prime Minister", "HND", "GOV"),
        ("Poland's current interior minister", "POL", "GOV"),
        ("the Mexican National Guard", "MEX", "MIL"),
        ("Boko Haram", "NGA", "REB"),
        ("Zimbabwean farmers", "ZWE", "AGR"),
        ("Transnistria", "MDA", "PRE"),
        ("International Court of Justice", None, "JUD"),
        ("Kyiv", "UKR", None),
        ("puppies", None, None),
    ],
)
def test_resolve_phrase(phrase, country, primary):
    actor = resolve_phrase(phrase)
    if country is None and primary is None:
        assert actor is None
        return
    assert actor.country == country
    assert (actor.sectors[0] if actor.sectors else None) == primary


def test_every_sovereign_country_has_a_demonym():
    demonyms = {row["country"] for row in read_tsv("actors/demonyms.tsv")}
    countries = {row["country"] for row in read_tsv("actors/countries.tsv") if row["kind"] == "capital"}
    territories = {
        "ABW",
        "AIA",
        "ALA",
        "ASM",
        "ATF",
        "BES",
        "BLM",
        "BVT",
        "CCK",
        "COK",
        "CUW",
        "CXR",
        "ESH",
        "FLK",
    }
    territories |= {
        "FRO",
        "GGY",
        "GIB",
        "GLP",
        "GRL",
        "GUF",
        "GUM",
        "HMD",
        "IMN",
        "IOT",
        "JEY",
        "MAF",
        "MNP",
        "MSR",
    }
    territories |= {
        "MTQ",
        "MYT",
        "NCL",
        "NFK",
        "NIU",
        "PCN",
        "PRI",
        "PYF",
        "REU",
        "SGS",
        "SHN",
        "SJM",
        "SPM",
        "SXM",
    }
    territories |= {"TCA", "TKL", "UMI", "VGB", "VIR", "WLF", "ANT", "BMU", "CYM", "HKG", "MAC"}
    shared = {"COG", "DMA"}  # "Congolese", "Dominican" name the larger namesake (COD, DOM)
    assert not countries - territories - shared - demonyms


def test_lexicon_tables_use_known_sectors_and_countries():
    lexicon = load_lexicon()
    sectors = set(SECTORS)
    for entry in lexicon.entries.values():
        assert set(entry.sectors) <= sectors, entry
        for term in entry.terms:
            assert set(term.sectors) <= sectors, entry
        assert all(len(country) == 3 and country.isupper() for country in entry.countries), entry


def test_a_titled_name_takes_the_country_it_serves_after_of(nlp):
    found = mentions(nlp, "Queen Amina of Ghana opened the new bridge on Tuesday.")
    assert found["Queen Amina of Ghana"].actor.code == "GHAGOV"
    assert found["Queen Amina of Ghana"].actor.name == "Amina"


def test_a_town_name_may_begin_a_name_after_a_title(nlp):
    found = mentions(nlp, "King Hassan of Morocco received the envoys.")  # Hassan is also a town in India
    assert found["King Hassan of Morocco"].actor.code == "MARGOV"


def test_linking_words_stay_inside_a_name(nlp):
    found = mentions(nlp, "Minister Khalid bin Salman al-Harbi signed the accord.")
    assert found["Minister Khalid bin Salman al-Harbi"].actor.name == "Khalid bin Salman al-Harbi"


def test_a_known_surname_ends_a_name_after_a_title(nlp):
    found = mentions(nlp, "President Vladimir V. Putin spoke.", when=date(2005, 1, 1))
    assert found["President Vladimir V. Putin"].actor.code == "RUSGOV"
    found = mentions(nlp, "President Anatoly Putin spoke.", when=date(2005, 1, 1))
    assert found["President Anatoly Putin"].actor.country == "RUS"


def test_a_country_side_keeps_its_own_country(nlp):
    found = mentions(nlp, "Chile and Peru met, and the Peruvian side asked for more time.")
    assert found["the Peruvian side"].actor.country == "PER"


def test_an_organisations_people_and_equipment_are_the_organisation(nlp):
    found = mentions(
        nlp, "U.N. weapons inspectors and NATO peacekeeping troops left as U.N. helicopters landed."
    )
    assert found["U.N. weapons inspectors"].actor.code == "IGOUNO"
    assert found["NATO peacekeeping troops"].actor.code.startswith("IGONAT")
    assert found["U.N. helicopters"].actor.code == "IGOUNO"


def test_equipment_alone_is_no_actor_but_a_countrys_is(nlp):
    found = mentions(nlp, "Helicopters circled while Syrian tanks moved north.")
    assert "Helicopters" not in found
    assert found["Syrian tanks"].actor.code == "SYRMIL"


def test_unknown_names_may_stand_between_a_place_and_its_institution(nlp):
    found = mentions(nlp, "Peru's Aprista government and Greek Pontian refugees were mentioned.")
    assert found["Peru's Aprista government"].actor.code == "PERGOV"
    assert found["Greek Pontian refugees"].actor.code == "GRCREF"


def test_forces_led_by_a_country_are_that_countrys(nlp):
    found = mentions(nlp, "Kenyan-led forces secured the port.")
    assert found["Kenyan-led forces"].actor.code == "KENMIL"


def test_a_coalition_led_by_a_country_or_organisation_is_theirs(nlp):
    found = mentions(nlp, "The U.S.-led coalition and Saudi-led forces met NATO-led troops and U.N.-led police.")
    assert found["U.S.-led"].actor.code == "USA"  # one token: "U.S." inside it
    assert found["Saudi-led forces"].actor.code == "SAUMIL"
    assert found["NATO-led troops"].actor.code == "IGONATMIL"
    assert found["U.N.-led police"].actor.code == "IGOUNO"


def test_a_country_backing_others_is_no_actor_of_the_phrase(nlp):
    found = mentions(nlp, "Russian-backed separatists and French-backed forces clashed near the Kremlin-backed mayor.")
    assert found["separatists"].actor.country is None
    assert found["forces"].actor.country is None
    assert not {"Russian", "French", "Kremlin"} & set(found)
    found = mentions(nlp, "The military-backed administration tried to exile her.")
    assert [m.actor.code for m in found.values()] == ["GOV"]  # the army behind it is no actor here


def test_a_group_against_or_for_an_institution_is_not_that_institution(nlp):
    found = mentions(nlp, "Anti-government protesters and pro-Kremlin activists met anti-riot police.")
    assert not {"government", "Kremlin"} & set(found)
    assert found["protesters"].actor.code == "CVL"
    assert found["riot police"].actor.code == "COP"  # a stance word inside a longer role leaves it whole


def test_rebels_in_a_country_are_its_rebels_but_troops_are_not(nlp):
    found = mentions(nlp, "Rebels in Chad attacked while troops in Mali waited.")
    assert found["Rebels in Chad"].actor.code == "TCDREB"
    assert "troops in Mali" not in found


def test_a_community_is_coded_by_the_country_it_lives_in(nlp):
    found = mentions(
        nlp, "The Hungarians of northern Serbia and ethnic Greeks in Albania voted; Danes in Spain too."
    )
    assert found["Hungarians of northern Serbia"].actor.country == "SRB"
    assert found["Greeks in Albania"].actor.country == "ALB"
    assert found["Danes"].actor.country == "DNK"  # without "ethnic", "in" only says where they are


def test_communities_named_by_home_and_people(nlp):
    found = mentions(nlp, "Bosnian Croats and Turkish Cypriots boycotted the vote.")
    assert found["Bosnian Croats"].actor.country == "BIH"
    assert found["Turkish Cypriots"].actor.country == "CYP"


def test_military_ranks_written_with_abbreviations_are_titles(nlp):
    found = mentions(nlp, "Maj. Gen. Kofi Mensah and Brig. Gen. Ama Boateng resigned.")
    assert found["Maj. Gen. Kofi Mensah"].actor.sectors == ["MIL"]
    assert found["Brig. Gen. Ama Boateng"].actor.name == "Ama Boateng"


def test_a_known_surname_after_another_first_name_and_office_is_someone_else(nlp):
    found = mentions(nlp, "Lt. Gen. Samuel Ortega accused the rebels.", when=date(2010, 1, 1))
    general = found["Lt. Gen. Samuel Ortega"].actor
    assert (general.name, general.country, general.code) == ("Samuel Ortega", None, "MIL")


def test_international_bodies_known_by_abbreviation(nlp):
    found = mentions(nlp, "The ILO and UNRWA briefed Nato while AQAP militants and the IOM waited.")
    assert found["ILO"].actor.code.startswith("IGOUNO")
    assert found["UNRWA"].actor.code.startswith("IGOUNO")
    assert found["Nato"].actor.code.startswith("IGONAT")
    assert found["AQAP militants"].actor.code == "YEMREB"
    assert found["IOM"].actor.code.startswith("IGO")


def test_words_for_the_mission_may_stand_between_a_demonym_and_its_forces(nlp):
    found = mentions(nlp, "Zambian peacekeeping troops and Malian border police met.")
    assert found["Zambian peacekeeping troops"].actor.code == "ZMBMIL"
    assert found["Malian border police"].actor.code == "MLICOP"


def test_a_clinic_in_a_country_is_that_countrys(nlp):
    found = mentions(nlp, "Gunmen looted a clinic in Malawi.")
    assert found["clinic in Malawi"].actor.code == "MWIHLH"


def test_students_throughout_a_country_are_its_students(nlp):
    found = mentions(nlp, "Students throughout Peru and farmers across Bolivia marched.")
    assert found["Students throughout Peru"].actor.country == "PER"
    assert found["farmers across Bolivia"].actor.code == "BOLAGR"


def test_a_labour_congress_is_a_union_not_a_legislature(nlp):
    found = mentions(nlp, "The Ghana Labour Congress called a strike.")
    assert found["The Ghana Labour Congress"].actor.code == "GHALAB"


def test_a_faith_describes_a_group_without_deciding_its_sector(nlp):
    found = mentions(nlp, "Belgian Muslim suicide bombers struck, and Islamic fundamentalists marched.")
    assert found["Belgian Muslim suicide bombers"].actor.sectors == ["UAF", "REL"]
    assert found["Islamic fundamentalists"].actor.sectors[0] == "CVL"
    assert "REL" in found["Islamic fundamentalists"].actor.sectors


def test_a_region_before_nation_describes_a_country_and_names_none(nlp):
    found = mentions(nlp, "Serbia said the Balkan country would wait.")
    assert found["the Balkan country"].actor.country == "SRB"  # from coreference, not from a Balkan town


def test_a_name_introduced_with_its_acronym_is_an_organisation(nlp):
    found = mentions(nlp, "The Malawi Tenants Association (MTA) and the Open Roads Movement (ORM) protested.")
    assert found["Malawi Tenants Association (MTA)"].actor.code == "MWI"
    assert found["Open Roads Movement (ORM)"].actor.code == "NGO"
    found = mentions(nlp, "The Ghana Farmers Federation (GFF) officials met.")
    assert found["Ghana Farmers Federation (GFF) officials"].actor.country == "GHA"


def test_a_national_security_council_is_not_the_un_security_council(nlp):
    found = mentions(nlp, "Chile's National Security Council met before the Security Council did.")
    assert found["Chile's National Security Council"].actor.code == "CHLGOV"
    assert found["Security Council"].actor.code == "IGOUNO"


def test_a_chamber_of_commerce_is_business(nlp):
    found = mentions(nlp, "The Kenyan Chamber of Commerce welcomed the budget.")
    assert found["The Kenyan Chamber of Commerce"].actor.code == "KENBUS"


def test_a_country_or_demonym_misspelt_by_one_letter_is_still_known(nlp):
    found = mentions(
        nlp, "Officials said Afganistan and Ethopia signed the accord, while Isreal stayed away."
    )
    assert [found[name].actor.country for name in ("Afganistan", "Ethopia", "Isreal")] == [
        "AFG",
        "ETH",
        "ISR",
    ]
    found = mentions(nlp, "Ethipian rebels freed two nurses.")
    assert found["Ethipian rebels"].actor.code == "ETHREB"


def test_names_a_letter_away_from_a_country_are_not_that_country(nlp):
    found = mentions(nlp, "Angela Merkel thanked Olivia Brandt and Roland Weber.")
    assert set(found) == {"Angela Merkel"}  # a wrong letter (Angola), another first letter (Bolivia, Poland)
    found = mentions(nlp, "Riots spread across Kashmir as farmers marched.")
    assert "Kashmir" not in found  # a land named like its people ("Kashmiri"), not a misspelling


def test_in_after_a_group_skips_a_direction_word(nlp):
    found = mentions(nlp, "Hindu militias in western Nepal attacked a convoy.")
    assert found["Hindu militias in western Nepal"].actor.code == "NPLREB"
    found = mentions(nlp, "Rebels in South Sudan met the government in North Korea.")
    assert found["Rebels in South Sudan"].actor.code == "SSDREB"  # a direction that begins a name stays
    assert found["the government in North Korea"].actor.code == "PRKGOV"


def test_troops_in_a_country_are_its_own_only_when_said_to_be_local(nlp):
    found = mentions(nlp, "Moslem forces in east Bosnia and government troops in eastern Chad regrouped.")
    assert found["Moslem forces in east Bosnia"].actor.country == "BIH"
    assert found["government troops in eastern Chad"].actor.country == "TCD"
    found = mentions(nlp, "Troops in southern Iraq stayed in their bases.")
    assert found["Troops"].actor.country is None


def test_fighters_and_warring_parties_are_armed_groups(nlp):
    found = mentions(nlp, "Syrian Kurdish fighters seized the town while Turkish fighter jets circled.")
    assert found["Syrian Kurdish fighters"].actor.code == "SYRREB"
    assert found["Turkish fighter jets"].actor.code == "TURMIL"
    found = mentions(nlp, "The envoy urged the parties to the conflict in Chad to talk.")
    assert found["the parties to the conflict in Chad"].actor.code == "TCDUAF"


def test_abbreviated_titles_before_a_name(nlp):
    found = mentions(nlp, "Gov. Anna Berg and Sen. Tom Pike met Rep. Lisa Howe.")
    assert [found[name].actor.sectors[0] for name in ("Gov. Anna Berg", "Sen. Tom Pike", "Rep. Lisa Howe")] == [
        "GOV", "LEG", "LEG",
    ]  # fmt: skip


def test_regional_bodies_are_international_organisations(nlp):
    found = mentions(nlp, "Mercosur met APEC and Caricom envoys and their European Common Market partners.")
    assert [found[name].actor.code[:3] for name in ("Mercosur", "APEC", "Caricom envoys")] == ["IGO"] * 3
    assert found["European Common Market"].actor.code == "IGOEUR"


def test_a_long_name_beginning_with_a_word_for_an_organisation_and_its_acronym(nlp):
    found = mentions(nlp, "Members of the Union for the Liberation of the Northern Provinces (ULNP) met.")
    organisation = next(m for text, m in found.items() if "(ULNP)" in text)
    assert organisation.actor.code == "NGO"  # "Union" says what kind of body it is, not labour
    found = mentions(nlp, "The Government Audit Office (GAU) said costs rose.")
    assert found["Government Audit Office (GAU)"].actor.code == "GOV"
    found = mentions(nlp, "China and the Pacific Trade Union (PTU) signed a deal.")
    assert found["China"].actor.code == "CHN"  # "and the" does not join two names into one


def test_national_agencies_known_by_acronym_or_name(nlp):
    found = mentions(nlp, "ICE agents and CBP officers detained the men, and the FDA and USAID were told.")
    assert [found[name].actor.code for name in ("ICE", "CBP officers", "FDA", "USAID")] == [
        "USACOP", "USACOP", "USAHLH", "USAGOV",
    ]  # fmt: skip
    found = mentions(nlp, "The NIA questioned him after HMRC and the Royal Air Force had finished.")
    assert [found[name].actor.code for name in ("NIA", "HMRC", "Royal Air Force")] == [
        "INDCOP", "GBRGOV", "GBRMIL",
    ]  # fmt: skip


def test_a_country_named_before_an_agency_is_its_own(nlp):
    found = mentions(nlp, "Taiwan's Centers for Disease Control and Chile's Department of Defense agreed.")
    assert found["Taiwan's Centers for Disease Control"].actor.code == "TWNHLH"
    assert found["Chile's Department of Defense"].actor.country == "CHL"


def test_agency_acronyms_that_are_words_are_not_agencies_in_lowercase_text(nlp):
    found = mentions(nlp, "ice closed the roads and the pace of repairs slowed, the army said.")
    assert not {"ice", "pace"} & set(found)


def test_un_departments_and_missions(nlp):
    found = mentions(nlp, "DPKO asked UNDOF and MINUSMA to report to the UN Environment Programme.")
    assert found["DPKO"].actor.code == "IGOUNO"
    assert found["UNDOF"].actor.code == found["MINUSMA"].actor.code == "IGOUNOMIL"
    assert found["UN Environment Programme"].actor.code == "IGOUNO"


def test_armed_groups_have_their_country(nlp):
    found = mentions(
        nlp, "The Peshmerga, Hezb-e-Islami, the Rapid Support Forces and the al-Nusra Front all fought on."
    )
    assert [found[name].actor.code for name in ("Peshmerga", "Hezb-e-Islami", "Rapid Support Forces")] == [
        "IRQMIL", "AFGREB", "SDNPRM",
    ]  # fmt: skip
    assert found["al-Nusra Front"].actor.code == "SYRREB"


def test_unions_news_agencies_and_companies(nlp):
    found = mentions(nlp, "COSATU and the Nigeria Labour Congress told Bernama that Siemens would pay.")
    assert [found[name].actor.code for name in ("COSATU", "Nigeria Labour Congress", "Bernama", "Siemens")] == [
        "ZAFLAB", "NGALAB", "MYSMED", "DEUBUS",
    ]  # fmt: skip


def test_strikers_prison_guards_and_gang_bosses(nlp):
    found = mentions(
        nlp, "The strikers said prison guards in Tabriz beat them, and Mafia boss Ugo Rana agreed."
    )
    assert [found[name].actor.sectors[0] for name in ("The strikers", "Mafia boss Ugo Rana")] == [
        "LAB",
        "CRM",
    ]
    assert found["prison guards in Tabriz"].actor.code == "IRNCOP"


def test_names_with_a_typographic_apostrophe_match(nlp):
    found = mentions(
        nlp, "The People’s Liberation Army and the Tigray People’s Liberation Front both mobilised."
    )
    assert found["People’s Liberation Army"].actor.code == "CHNMIL"
    assert found["Tigray People’s Liberation Front"].actor.country == "ETH"


def test_an_acronym_introduced_after_a_known_name_stands_for_it_throughout(nlp):
    text = "Soldiers of the Armed Forces of the Philippines (AFP) arrived. Later the AFP said it would stay."
    doc_mentions = mentions(nlp, text)
    assert doc_mentions["AFP"].actor.code == "PHLMIL"
    assert mentions(nlp, "The AFP news agency said so.")["AFP news agency"].actor.code == "FRAMED"


def test_a_spokesman_for_a_body_belongs_to_it(nlp):
    found = mentions(nlp, "A spokesman for the Taliban rejected the offer.")
    assert found["spokesman for the Taliban"].actor.code == "AFGREB"


def test_de_facto_states_their_capitals_and_their_offices_are_coded_pre(nlp):
    found = mentions(
        nlp,
        "Tiraspol accused Chisinau of stalling, and the Transdniester authorities closed two crossings. "
        "Abkhazia's foreign minister met Abkhaz refugees, while Abkhaz forces stayed in Sukhumi.",
    )
    assert found["Tiraspol"].actor.code == "MDAPRE"
    assert found["Chisinau"].actor.code == "MDA"
    assert found["the Transdniester authorities"].actor.code == "MDAPRE"
    assert found["Abkhazia's foreign minister"].actor.code == "GEOPRE"
    assert found["Abkhaz refugees"].actor.code == "GEOREF"
    assert found["Abkhaz forces"].actor.sectors == ["PRE", "MIL"]


def test_a_separatist_leaders_own_office_beats_a_bare_state_title(nlp):
    sentence = "President Aslan Maskhadov called for talks."
    assert mentions(nlp, sentence, date(2001, 7, 1))["President Aslan Maskhadov"].actor.code == "RUSREB"
    assert mentions(nlp, sentence, date(1998, 7, 1))["President Aslan Maskhadov"].actor.code == "RUSPRE"


def test_a_generic_title_gives_way_to_a_known_persons_office(nlp):
    found = mentions(nlp, "Chairman Zurab Zhvania opened the session.", date(1999, 3, 1))
    assert found["Chairman Zurab Zhvania"].actor.code == "GEOLEG"


def test_the_person_named_after_an_organisations_title_holds_it(nlp):
    found = mentions(
        nlp,
        "Gazprom chairman Rem Vyakhirev met Rosneft president Ivan Petrenko in Kiev.",
        date(1999, 3, 1),
    )
    known = found["Gazprom chairman Rem Vyakhirev"]
    assert (known.kind, known.actor.code, known.actor.name) == ("person", "RUSBUS", "Rem Vyakhirev")
    unknown = found["Rosneft president Ivan Petrenko"]
    assert (unknown.actor.code, unknown.actor.name) == ("RUSBUS", "Ivan Petrenko")
    assert found["Kiev"].actor.code == "UKR"


def test_a_known_name_glued_by_a_hyphen_to_a_longer_name_is_not_that_body(nlp):
    found = mentions(nlp, "The National-Democratic Party walked out of parliament.")
    assert all(m.actor.country != "USA" for m in found.values())


def test_a_name_set_off_by_commas_after_a_title_is_its_holder(nlp):
    found = mentions(nlp, "The Transdniester leader, Igor Smirnov, rejected the plan.", date(2001, 8, 1))
    smirnov = next(m for m in found.values() if m.actor.name == "Igor Smirnov")
    assert smirnov.actor.code == "MDAPRE"
    found = mentions(nlp, "A rebel commander, Umar Dadashev, was captured on Tuesday.")
    assert any(m.actor.name == "Umar Dadashev" and m.actor.sectors[:1] == ["REB"] for m in found.values())


def test_scare_quotes_inside_a_phrase_and_post_soviet_police(nlp):
    found = mentions(
        nlp, 'The Russian "peacekeeping" troops left, and Belarusan riot police and the OMON stayed.'
    )
    assert found['The Russian "peacekeeping" troops'].actor.code == "RUSMIL"
    assert found["Belarusan riot police"].actor.code == "BLRCOP"
    assert found["the OMON"].actor.sectors == ["COP"]


def test_the_lexicon_is_tokenised_as_the_pipeline_tokenises_text(nlp):
    """The lexicon's forms go through a tokenizer of their own, which leaves the pipeline's cache to the
    news; it must split them as the pipeline's does, or the names would no longer match."""
    forms = sorted({form for pattern in load_lexicon().patterns.values() for form in pattern.forms})
    forms += ["U.S.", "Côte d'Ivoire", "al-Shabaab's", "Gen. Dostum", "https://un.org/en", "(IAEA)"]

    def split(tokenizer):
        return [[token.text for token in doc] for doc in tokenizer.pipe(forms)]

    assert split(tokenizer_like(nlp.tokenizer)) == split(nlp.tokenizer)


def test_a_country_abbreviated_with_or_without_its_points_is_that_country(nlp):
    found = mentions(nlp, "The C.A.R. accused the rebels, the CAR justice minister said, and the U.A.E. agreed.")
    assert found["C.A.R."].actor.country == "CAF"
    assert found["the CAR justice minister"].actor.code == "CAFGOV"
    assert found["U.A.E."].actor.country == "ARE"
    assert "car" not in [text.lower() for text in mentions(nlp, "A car bomb exploded near the market.")]


def test_the_african_unions_security_council_is_not_the_uns(nlp):
    found = mentions(nlp, "The African Union's Peace and Security Council and the UN Security Council met.")
    assert found["Peace and Security Council"].actor.code == "IGOAFU"
    assert found["UN Security Council"].actor.code == "IGOUNO"


def test_a_city_before_a_known_leader_does_not_change_his_country(nlp):
    found = mentions(nlp, "Wagner reports from Miami President Evo Morales has refused.", when=date(2008, 1, 1))
    assert found["Miami President Evo Morales"].actor.code == "BOLGOV"


@pytest.mark.parametrize(
    "text, phrase, primary",
    [
        ("Attackers detonated a car bomb.", "Attackers", "UAF"),
        ("The girls were freed by their captors.", "captors", "UAF"),
        ("Opposition supporters burned his car.", "Opposition supporters", "OPP"),
        ("Opponents of the plan marched.", "Opponents", "OPP"),
        ("The mutineers have been granted amnesty.", "mutineers", "MIL"),
        ("Rights groups called for his release.", "Rights groups", "NGO"),
        ("Dozens of angry youths erected barricades.", "youths", "CVL"),
    ],
)
def test_perpetrators_supporters_and_advocates_are_actors_by_their_role(nlp, text, phrase, primary):
    found = mentions(nlp, text)
    key = next(key for key in found if key.endswith(phrase))
    assert found[key].actor.sectors[0] == primary


def test_a_demonym_in_the_name_of_a_sea_is_no_actor(nlp):
    assert "Indian" not in mentions(nlp, "India reaffirmed its commitment to a free Indian Ocean.")
    found = mentions(nlp, "Indian ships sailed into the Persian Gulf.")
    assert found["Indian"].actor.country == "IND"
    assert "Persian" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Bush visited Mexico on his tour of Latin America.",
        "Latin American leaders criticized Spain on Monday.",
        "Drug cartels in South America smuggled cocaine to Europe.",
        "Brazil urged North American governments to lift tariffs.",
    ],
)
def test_a_world_region_holding_a_countrys_name_is_no_actor(nlp, text):
    found = mentions(nlp, text)
    assert not [t for t in found if "America" in t], {t: m.actor.code for t, m in found.items()}


def test_politicians_of_a_country_are_its_actors_and_their_own_antecedent(nlp):
    found = mentions(nlp, "Mexican opposition parties met. Some Mexican politicians continued their criticism of Fox.")
    assert found["Mexican politicians"].actor.code == "MEXELI"
    assert found["their"].actor.code == "MEXELI"


@pytest.mark.parametrize("text, word", [
    ("He raised the general issue of trade with Japan.", "general"),
    ("Beijing voiced its firm opposition to the plan.", "firm"),
])
def test_an_adjective_spelt_like_a_role_is_no_actor(nlp, text, word):
    assert all(word not in found for found in mentions(nlp, text))
    assert mentions(nlp, "General Musharraf met Indian officials.")["General Musharraf"].actor.code == "PAKMIL"


def test_the_hyphenated_tokens_are_found_from_the_text_as_token_by_token(nlp):
    from dyads.actors.pieces import _hyphenated

    text = "The U.S.-led coalition - and the Russian-Turkish talks -- met in Guinea-Bissau.\n\n- A well-known man"
    doc = nlp.make_doc(text)
    doc._.document = Document("test", text)
    hyphenated = [t.i for t in doc if "-" in t.text]
    assert len(hyphenated) >= 5 and [t.i for t in _hyphenated(doc)] == hyphenated
