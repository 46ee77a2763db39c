"""Events whose source the actor lexicon cannot name: unidentified attackers, unknown organisations and people,
sector-only actors placed by where they act. Sentences written for these tests."""

from __future__ import annotations

import pytest

from dyads import Coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(min_confidence=0.0)  # every event the rules make, however unlikely


def events_of(coder: Coder, text: str):
    return coder.code(text, date="2022-06-01", doc_id="t")


def with_root(events, *roots: str):
    found = [e for e in events if e.cameo.root in roots]
    assert found, f"no event with root {roots} in {[(e.trigger.text, e.cameo.code) for e in events]}"
    return found[0]


@pytest.mark.parametrize(
    "text, country, target",
    [
        ("A roadside bomb near the town of Tikrit killed two Iraqi policemen on Monday.", "IRQ", "IRQCOP"),
        ("Four Afghan soldiers were killed by a suicide car bomb outside Kandahar.", "AFG", "AFGMIL"),
        ("A Kenyan journalist was shot dead in Nairobi on Friday.", "KEN", "KENMED"),
        ("Two Turkish soldiers were wounded in a mortar attack in southeastern Turkey.", "TUR", "TURMIL"),
        ("A series of bombings in Kandahar killed four Afghan policemen.", "AFG", "AFGCOP"),
    ],
)
def test_violence_without_a_named_perpetrator_has_an_unidentified_attacker_where_it_struck(
    coder, text, country, target
):
    event = with_root(events_of(coder, text), "18", "19", "20")
    assert event.source.code == country + "UAF"
    assert event.source.text == "unidentified attacker"
    assert event.target.code == target
    assert "unattributed" in event.rule


def test_the_attacker_without_a_place_stays_unplaced(coder):
    event = with_root(events_of(coder, "A car bomb killed three Somali soldiers on Sunday."), "18", "19", "20")
    assert event.source.code == "UAF"
    assert event.source.country is None


@pytest.mark.parametrize(
    "text",
    [
        "Three Nigerian soldiers were killed in a car accident near Kano.",  # no attacker behind an accident
        "Two Malian soldiers were killed on Tuesday.",  # killed, by whom or what is not said
        "Soldiers killed in the attack were buried in Kabul on Friday.",  # the soldiers did not kill
    ],
)
def test_deaths_without_a_sign_of_an_attacker_are_no_assault(coder, text):
    assert not [e for e in events_of(coder, text) if e.cameo.root in ("18", "19", "20")]


def test_gunmen_take_the_country_of_the_place_they_strike(coder):
    event = with_root(events_of(coder, "Gunmen killed five Pakistani soldiers in Peshawar on Tuesday."), "18")
    assert (event.source.code, event.target.code) == ("PAKUAF", "PAKMIL")
    assert event.rule.endswith("+place")


def test_a_sector_only_actor_takes_the_country_of_the_place_it_acts_in(coder):
    event = with_root(events_of(coder, "Riot police dispersed hundreds of protesters in Nairobi."), "17", "14", "18")
    assert event.source.code == "KENCOP"


def test_an_unknown_organisation_is_a_source_without_a_code(coder):
    events = events_of(coder, "The ZKRF said it is skeptical of the new pension plan.")
    event = with_root(events, "01")
    assert event.cameo.code == "012"
    assert event.source.text == "ZKRF"
    assert event.source.code is None and event.source.country is None
    assert "unresolved" in event.rule
    assert event.confidence < 0.7


def test_an_unknown_name_inside_a_known_actor_is_not_a_second_actor(coder):
    events = events_of(coder, "Officials from the South Korean and the Russian sides discussed the visit.")
    assert all(e.target is None or e.target.code is not None for e in events)


def test_a_participle_the_parser_hung_on_its_subject_still_has_that_subject(coder):
    text = "The Iraqi air force carried out at least three air strikes in western Mosul on Sunday."
    event = with_root(events_of(coder, text), "19")
    assert event.source.code == "IRQMIL"


def test_a_spokesman_for_a_group_speaks_for_it(coder):
    text = "A spokesman for the Taliban claimed responsibility for the attack in Kandahar."
    event = with_root(events_of(coder, text), "01")
    assert event.cameo.code == "015"
    assert event.source.code == "AFGREB"


def test_media_that_report_an_attack_did_not_carry_it_out(coder):
    events = events_of(coder, "Reuters reported the attack on the convoy near Kabul.")
    assert not [e for e in events if e.source.sectors[:1] == ["MED"] and e.cameo.root == "19"]


def test_an_arrest_reported_without_its_agent_is_by_the_local_police(coder):
    event = with_root(events_of(coder, "Two journalists were arrested in Cairo on Monday."), "17")
    assert (event.source.code, event.source.text) == ("EGYCOP", "authorities")
    assert event.target.code == "EGYMED"
    assert not [e for e in events_of(coder, "Three activists were detained on Monday.") if e.cameo.root == "17"]


@pytest.mark.parametrize(
    "text, source",
    [
        ("Serbia's prime minister was shot in Belgrade on Wednesday. By Thursday officials had arrested 40 people.",
         "SRBCOP"),
        ("Officers detained six smugglers in Mombasa on Friday.", "KENCOP"),
    ],
)
def test_bare_officials_doing_what_only_the_authorities_do_are_the_authorities_of_the_place(coder, text, source):
    event = with_root(events_of(coder, text), "17")
    assert (event.source.code, event.source.text) == (source, "authorities")


def test_bare_officials_doing_what_anyone_may_do_stay_unnamed(coder):
    text = "Serbia's prime minister was shot in Belgrade on Wednesday. Officials praised the opposition."
    assert not [e for e in events_of(coder, text) if e.cameo.root == "05"]


def test_police_and_courts_act_on_people_of_their_own_country(coder):
    event = with_root(events_of(coder, "A Chinese court sentenced three activists to prison."), "11", "17")
    assert event.target.code == "CHNCVL"


def test_soldiers_do_not_take_their_country_to_those_they_fight(coder):
    event = with_root(events_of(coder, "Israeli troops killed two militants on Sunday."), "18", "19")
    assert event.target.country is None


def test_international_forces_are_an_international_body_not_of_the_place(coder):
    event = with_root(events_of(coder, "Gunmen attacked multinational troops in Kabul on Sunday."), "18", "19")
    assert (event.source.code, event.target.code) == ("AFGUAF", "IGOMIL")
    event = with_root(events_of(coder, "Gunmen attacked troops in Kabul on Sunday."), "18", "19")
    assert event.target.code == "AFGMIL"


def test_officials_of_a_region_take_no_one_country_from_where_they_act(coder):
    event = with_root(events_of(coder, "Kenya hosted the summit. African leaders condemned the coup."), "11")
    assert event.source.country is None
    event = with_root(events_of(coder, "Kenya hosted the summit. Arab protesters condemned the coup."), "11")
    assert event.source.country == "KEN"


def test_refugees_are_of_the_country_they_fled(coder):
    event = with_root(events_of(coder, "Jordan accepted thousands of refugees fleeing the war in Syria."), "07")
    assert event.target.code == "SYRREF"


def test_an_anti_or_pro_country_modifier_does_not_give_that_country(coder):
    events = events_of(coder, "Anti-American protesters stoned a police station in Karachi.")
    assert all(e.source.country != "USA" for e in events)


def test_an_object_the_parser_split_from_its_preposition_is_still_the_target(coder):
    text = "Ecuador granted asylum to two Peruvian army officers holed up in its embassy since March."
    event = with_root(events_of(coder, text), "07")
    assert event.target.code == "PERMIL"


def test_the_parties_between_whom_fighting_broke_out_are_its_sides(coder):
    text = "Georgia closed its border because of fighting between Azerbaijanis and Armenians."
    event = next(e for e in events_of(coder, text) if e.trigger.text == "fighting")
    assert {event.source.country, event.target.country} == {"AZE", "ARM"}


def test_a_government_can_break_its_promise_to_its_own_people(coder):
    text = "President Ruiz reneged on his commitment to the Bolivian people."
    event = with_root(events_of(coder, text), "12")
    assert event.target.country == "BOL"


@pytest.mark.parametrize("day, country", [("1995-03-01", "SDN"), ("2015-03-01", "SSD")])
def test_a_city_belongs_to_the_country_it_was_in_on_the_day(coder, day, country):
    events = coder.code("Sudanese rebels shelled Juba on Sunday. Gunmen killed two soldiers in Malakal.", date=day,
                        doc_id="t")
    assert with_root(events, "19").target.country == country
    assert with_root(events, "18").source.code == country + "UAF"  # placed by the gazetteer
    assert {e.location.country for e in events if e.location} == {country}


def test_a_foiled_attempt_by_no_one_named_is_an_unidentified_attackers(coder):
    text = "An attempt to assassinate the governor of Samara, Ivan Petrov, was foiled in Tolyatti on Friday."
    event = next(e for e in events_of(coder, text) if e.trigger.text == "assassinate")
    assert event.source.code == "RUSUAF"
    assert event.modality != "actual"


def test_a_place_the_entity_recogniser_missed_is_found_in_the_gazetteer(coder):
    event = with_root(events_of(coder, "Gunmen shot dead two Russian police officers in Khanty-Mansiysk."), "18", "19")
    assert event.source.code == "RUSUAF"


def test_prisoners_are_civilians_where_they_are_held(coder):
    event = with_root(events_of(coder, "Prisoners rioted at a jail in Kampala on Monday."), "14")
    assert event.source.code == "UGACVL"


NIGERIAN_REPORT = (
    "Nigerian troops freed 40 hostages in Borno on Monday. The Nigerian army said the operation went well. "
)


def test_a_person_no_lexicon_knows_is_of_the_country_the_report_is_set_in(coder):
    text = NIGERIAN_REPORT + "Security analyst Kabiru Adamu criticized Ghana on Tuesday."
    event = with_root(events_of(coder, text), "11")
    assert (event.source.text, event.source.country) == ("Kabiru Adamu", "NGA")
    assert event.rule.split("|")[0].strip().endswith("+place")


def test_a_person_no_lexicon_knows_is_not_of_the_country_visited(coder):
    text = NIGERIAN_REPORT + "Security analyst Kabiru Adamu visited Ghana on Tuesday."
    event = with_root(events_of(coder, text), "04")
    assert (event.source.country, event.target.country) == ("NGA", "GHA")


def test_a_person_no_lexicon_knows_stays_without_a_country_in_a_report_set_nowhere(coder):
    event = with_root(events_of(coder, "Kabiru Adamu criticized Ghana on Tuesday."), "11")
    assert event.source.country is None


FRENCH_SETTING = "French police clashed with youths in Paris on Monday. The French government said order would return. "


def events_in_last_sentence(coder: Coder, text: str):
    events = events_of(coder, text)
    last = max(e.sentence_index for e in events) if events else None
    return [e for e in events if e.sentence_index == last]


def test_a_violent_noun_with_no_doer_is_by_an_unidentified_attacker_where_it_struck(coder):
    event = with_root(events_of(coder, "The bombing of a market in Kabul shocked the country."), "18")
    assert (event.source.code, event.source.text) == ("AFGUAF", "unidentified attacker")
    assert "unattributed" in event.rule


@pytest.mark.parametrize(
    "text",
    [
        "Officials discussed the bombings on Monday.",  # no place: as often background as news
        "Officials counted the attacks the group had carried out in Iraq.",  # the group did them
    ],
)
def test_a_violent_noun_without_a_place_or_with_its_doer_in_a_clause_has_no_stand_in(coder, text):
    assert not [e for e in events_of(coder, text) if e.source.sectors[:1] == ["UAF"]]


def test_a_protest_noun_with_no_doer_is_by_the_people_of_its_place(coder):
    event = with_root(events_of(coder, "The worst riots in years swept across Kenya on Monday."), "14")
    assert (event.source.code, event.source.text) == ("KENCVL", "protesters")


@pytest.mark.parametrize(
    "sentence, target",
    [
        ("Hundreds of students were arrested.", "FRAEDU"),  # agentless passive, no place named
        ("The trial of three opposition leaders ended on Monday.", "FRAOPP"),  # event noun, no doer
    ],
)
def test_an_arrest_or_trial_with_no_doer_or_place_is_by_the_authorities_of_the_reports_country(
    coder, sentence, target
):
    event = with_root(events_in_last_sentence(coder, FRENCH_SETTING + sentence), "17")
    assert (event.source.code, event.source.text) == ("FRACOP", "authorities")


@pytest.mark.parametrize(
    "sentence, root, source",
    [
        ("Only one of the detained ministers has been released.", "08", "FRAGOV"),
        ("Large quantities of ammunition were seized near Lyon.", "17", "FRACOP"),
    ],
)
def test_other_acts_of_the_state_without_an_agent_are_by_its_authorities(coder, sentence, root, source):
    event = with_root(events_in_last_sentence(coder, FRENCH_SETTING + sentence), root)
    assert (event.source.code, event.source.text) == (source, "authorities")


@pytest.mark.parametrize(
    "sentence, code, source",
    [
        ("The curfew was lifted on Tuesday.", "0813", "FRAGOV"),
        ("A state of emergency was declared in Lyon.", "1724", "FRAGOV"),
        ("The opposition party was banned on Monday.", "1722", "FRAGOV"),
        ("Thirty Syrian activists have been granted asylum in the Netherlands.", "075", "NLDGOV"),
        ("Five journalists were sentenced to ten years in prison.", "116", "FRAJUD"),
    ],
)
def test_restrictions_asylum_and_verdicts_without_an_agent_are_by_the_authorities(coder, sentence, code, source):
    event = with_root(events_in_last_sentence(coder, FRENCH_SETTING + sentence), code[:2])
    assert (event.cameo.code, event.source.code, event.source.text) == (code, source, "authorities")


@pytest.mark.parametrize(
    "text, code, source",
    [
        ("The Japanese foreign minister said sanctions on North Korea would not be lifted.", "1244", "JPN"),
        ("Iran reiterated that foreign inspectors will not be given access to its missile sites.", "1245", "IRN"),
    ],
)
def test_an_agentless_act_a_speaker_says_will_not_be_done_is_the_speakers_refusal(coder, text, code, source):
    event = with_root(events_of(coder, text), "12")
    assert (event.cameo.code, event.source.country, event.modality) == (code, source, "actual")
    assert "speaker/" in event.rule


def test_an_agentless_act_a_speaker_forecasts_is_not_the_speakers(coder):
    events = events_of(coder, "The Japanese foreign minister said sanctions on North Korea would be lifted.")
    assert not [e for e in events if "speaker/" in e.rule]


def test_a_participle_coordinated_with_an_agentless_passive_has_no_agent_either(coder):
    events = events_in_last_sentence(coder, FRENCH_SETTING + "Three journalists were arrested and later released.")
    released = next(e for e in events if e.trigger.text == "released")
    assert (released.cameo.code, released.source.code, released.target.code) == ("0841", "FRAGOV", "FRAMED")


def test_a_former_colony_is_no_place_of_the_country_that_held_it(coder):
    text = "A French minister cancelled a visit after a state of siege was declared in the one-time French colony."
    assert not [e for e in events_of(coder, text) if e.cameo.code == "1724" and e.source.country == "FRA"]


def test_a_release_named_by_a_noun_with_no_doer_is_not_the_authorities(coder):
    events = events_in_last_sentence(coder, FRENCH_SETTING + "The union called for the release of the strikers.")
    assert not [e for e in events if e.cameo.root == "08" and e.source.text == "authorities"]


def test_the_forces_deployed_without_an_agent_mobilise_for_their_own_country(coder):
    event = with_root(events_of(coder, "British soldiers are being deployed near Pristina."), "15")
    assert event.source.code == "GBRMIL"
    event = with_root(events_in_last_sentence(
        coder, FRENCH_SETTING + "Troops and aid workers were deployed to the villages."), "15")
    assert event.source.code == "FRAMIL"
    assert "nsubjpass.forces/-" in event.rule  # the rules take no target: the workers are deployed too


def test_the_agent_of_a_coordinated_passive_did_both(coder):
    events = events_in_last_sentence(coder, FRENCH_SETTING + "Their homes were torched and looted by Serbian crowds.")
    torched = next(e for e in events if e.trigger.text == "torched")
    assert torched.source.country == "SRB"


def test_events_counted_in_a_series_are_of_the_clause_that_counts_them(coder):
    text = "Russian forces carried out a series of airstrikes against rebels in Syria."
    event = next(e for e in events_of(coder, text) if e.trigger.text == "airstrikes")
    assert event.source.code == "RUSMIL"


def test_the_owner_of_a_part_in_violence_names_its_doer(coder):
    events = events_of(coder, "Police questioned a student about her role in the bombing of a bank in Lagos.")
    assert not [e for e in events if e.source.sectors[:1] == ["UAF"]]


def test_unnamed_perpetrators_are_unidentified_attackers_of_the_country_they_strike(coder):
    event = with_root(events_of(coder, "Police said attackers detonated a car bomb in Kabul on Monday."), "18")
    assert event.source.code == "AFGUAF"


@pytest.mark.parametrize(
    "text, country, code",
    [
        ("A car bomb exploded in Mogadishu on Sunday.", "SOM", "183"),  # an explosive as the subject
        ("Police sealed off the area after an explosion that ripped through a market in Peshawar.", "PAK", "183"),
        ("Two terrorist attacks were staged in the town of Bukhara on Monday.", "UZB", "180"),  # the passive's subject
    ],
)
def test_an_explosion_or_attack_reported_without_its_perpetrator_is_an_unidentified_attackers(
    coder, text, country, code
):
    event = with_root(events_of(coder, text), "18")
    assert (event.source.code, event.cameo.code) == (country + "UAF", code)
    assert "unattributed" in event.rule


def test_a_hijacking_reported_in_the_passive_has_a_hijacker(coder):
    event = with_root(events_of(coder, "Two Cuban planes were hijacked near Havana on Monday."), "18")
    assert (event.source.code, event.cameo.code) == ("CUBUAF", "181")


def test_a_weapon_placed_in_an_agentless_passive_is_no_attack_yet(coder):
    events = events_of(coder, "The bomb was planted near the road in Kandahar on Monday.")
    assert not [e for e in events if e.source.sectors[:1] == ["UAF"]]


def test_violence_that_did_a_passive_participles_act_is_not_by_the_clauses_subject(coder):
    text = "Foreign Minister Sergei Lavrov got a first hand look Tuesday at the devastation caused late Monday by suicide bombings in Riyadh."
    event = next(e for e in events_of(coder, text) if e.trigger.text == "bombings")
    assert event.source.code == "SAUUAF"


def test_bombings_that_targeted_someone_are_an_unidentified_attackers_bombing_of_them(coder):
    text = "Police detained dozens of people after the bombings, which targeted the British consulate in Istanbul."
    event = next(e for e in events_of(coder, text) if e.trigger.text == "targeted")
    assert (event.source.code, event.cameo.code, event.target.country) == ("TURUAF", "183", "GBR")


def test_a_paragraph_opening_on_a_place_sets_its_unplaced_actors_there(coder):
    text = ("Japan's foreign minister visited Seoul on Monday. Japan and South Korea signed a pact. "
            "Japan hopes for more trade with Korea. Tokyo welcomed the deal.\n\n"
            "In Seoul, hundreds of demonstrators protested on Saturday.")
    assert with_root(events_of(coder, text), "14").source.country == "KOR"
    without_scene = text.replace("In Seoul, hundreds", "Hundreds")
    assert with_root(events_of(coder, without_scene), "14").source.country == "JPN"  # the report's setting


def test_fighting_that_took_lives_is_placed_in_the_reports_country(coder):
    text = ("Haiti's president called for calm in Port-au-Prince on Monday. "
            "Two police officers were wounded in a shootout near the airport.")
    fight = next(e for e in events_of(coder, text) if e.trigger.text == "shootout")
    assert fight.source.code == "HTIUAF"
    # without a report's country, a fight named with no place is as often background as news
    alone = events_of(coder, "Two police officers were wounded in a shootout near the airport.")
    assert not [e for e in alone if e.trigger.text == "shootout"]


KENYAN_SETTING = "Kenyan police arrested an opposition leader in Nairobi on Sunday. "


@pytest.mark.parametrize(
    "sentence, trigger, code, rule",
    [
        # violence whose own clause tells of the lives it took
        ("Markets stayed shut amid fighting that has killed several people.", "fighting", "KENUAF",
         ".casualties"),
        # an assassination is news wherever it is mentioned
        ("Analysts spoke of the assassination last week of the reformist prime minister.", "assassination",
         "KENUAF", ".assassination"),
        # unrest whose course the clause reports
        ("Protests against the government spread on Monday into more towns.", "Protests", "KENCVL", ".course"),
        # what the clause tells someone underwent
        ("A police convoy came under attack on the road to Garissa.", "attack", "KENUAF", ".undergone"),
        ("The governor faced protests over the new tax.", "protests", "KENCVL", ".undergone"),
    ],
)
def test_unplaced_violence_or_protest_reported_as_news_is_set_in_the_reports_country(
    coder, sentence, trigger, code, rule
):
    event = next(e for e in events_in_last_sentence(coder, KENYAN_SETTING + sentence) if e.trigger.text == trigger)
    assert event.source.code == code
    assert rule in event.rule


@pytest.mark.parametrize(
    "sentence, trigger",
    [
        ("Officials fear that the protests will spread.", "protests"),  # a forecast, not a course
        ("The protests were a sign of anger.", "protests"),  # a description
        ("Police detained a gang suspected in the assassination of the mayor.", "assassination"),  # doer held
    ],
)
def test_unplaced_violence_or_protest_not_reported_as_news_has_no_stand_in(coder, sentence, trigger):
    events = events_in_last_sentence(coder, KENYAN_SETTING + sentence)
    assert not [e for e in events if e.trigger.text == trigger and e.source.sectors[:1] in (["UAF"], ["CVL"])]


def test_a_gun_battle_is_a_fire_fight(coder):
    text = "Haiti's president called for calm on Monday. Three people were killed in gun battles near the airport."
    battle = next(e for e in events_of(coder, text) if e.trigger.text == "battles")
    assert (battle.cameo.code, battle.source.code) == ("193", "HTIUAF")


def test_clashes_that_took_lives_are_fighting_other_clashes_no_event(coder):
    setting = "Violence erupted across Kosovo on Monday. "
    deadly = events_of(coder, setting + "At least 30 people were killed in clashes.")
    assert [e.source.code for e in deadly if e.trigger.text == "clashes"] == ["XKXUAF"]
    mild = events_of(coder, setting + "The clashes were the worst in years.")
    assert not [e for e in mild if e.trigger.text == "clashes"]


def test_a_named_office_holder_of_no_known_country_is_of_the_report_not_of_where_he_acts(coder):
    text = ("Colombia and the FARC rebels agreed to a ceasefire on Wednesday. Colombian President Juan Manuel "
            "Santos and rebel leader Rodrigo Londono will sign the ceasefire on Thursday in Havana.")
    signing = [e for e in events_of(coder, text) if e.trigger.text == "sign"]
    assert signing and all(actor.country == "COL" for e in signing for actor in (e.source, e.target))
