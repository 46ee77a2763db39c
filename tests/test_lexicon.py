"""The trigger lexicon (data/events/verbs.tsv, nouns.tsv): integrity, coverage and senses on invented sentences."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from dyads.data import data_path, read_tsv
from dyads.events.lexicon import (
    CONDITION_KINDS,
    NO_EVENT,
    VALUELESS_CONDITIONS,
    _parse_conditions,
    evaluative_words,
    trigger_lexicon,
)
from dyads.events.ontology import cameo_codes
from dyads.nlp import load

LEXICON_FILES = ("events/verbs.tsv", "events/nouns.tsv")
GROUP_COMMENT = re.compile(r"^# (\d\d) [A-Z]")


def rows(filename: str) -> list[dict[str, str]]:
    return list(read_tsv(filename))


@pytest.mark.parametrize("filename", LEXICON_FILES)
def test_every_code_is_a_cameo_code(filename):
    unknown = [(row["lemma"], row["cameo"]) for row in rows(filename) if row["cameo"] not in {*cameo_codes(), NO_EVENT}]
    assert not unknown


@pytest.mark.parametrize("filename", LEXICON_FILES)
def test_conditions_and_confidences_parse(filename):
    for row in rows(filename):
        for condition in filter(None, row["when"].split(";")):
            kind, _, values = condition.partition("=")
            assert kind in CONDITION_KINDS, (row["lemma"], condition)
            assert (kind in VALUELESS_CONDITIONS) == (not values), (row["lemma"], condition)
        if row["cameo"] == NO_EVENT:
            assert not row["confidence"], row  # a sense that is no event has no prior
        else:
            assert 0 < float(row["confidence"]) <= 1, row


@pytest.mark.parametrize("filename", LEXICON_FILES)
def test_no_duplicate_rows(filename):
    counts = Counter((row["lemma"], row["when"]) for row in rows(filename))
    assert [key for key, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("filename", LEXICON_FILES)
def test_rows_sit_in_the_group_of_their_cameo_root(filename):
    group = None
    misplaced = []
    for line in data_path(filename).read_text(encoding="utf-8").splitlines():
        if match := GROUP_COMMENT.match(line):
            group = match.group(1)
        elif line and not line.startswith("#") and not line.startswith("lemma\t"):
            lemma, _, code, _ = line.split("\t")
            if code != NO_EVENT and code[:2] != group:  # a no-event row sits with the senses it tells apart
                misplaced.append((lemma, code, group))
    assert misplaced == []


def test_word_classes_expand_to_the_words_of_evaluative_tsv():
    classes = evaluative_words()
    assert {"condemnation", "fault", "untrue", "crime", "praise", "displeasure"} <= set(classes)
    assert "scandalous" in classes["condemnation"] and "not credible" in classes["condemnation"]
    assert "credible" not in classes["condemnation"]
    with pytest.raises(ValueError, match="unknown word class"):
        _parse_conditions("pred=@nosuchclass", "test")


def test_every_cameo_code_can_be_produced():
    produced = {entry.cameo for entry in trigger_lexicon().entries if entry.codes_event}
    roots = {code[:2] for code in produced}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    missing = [code for code in cameo_codes() if len(code) > 2 and code not in produced]
    assert missing == []


@pytest.fixture(scope="module")
def parse():
    nlp = load(stages=[])
    return nlp


# (invented sentence, trigger word as it appears, expected CAMEO code)
SENSES = [
    # statements
    ("Officials in Lisbon declined to comment on the report.", "declined", "011"),
    ("The minister expressed deep concern over the border incident.", "expressed", "012"),
    ("The rebel front claimed responsibility for the ambush.", "claimed", "015"),
    ("Ministers laid a wreath at the war memorial.", "laid", "017"),
    ("The king sent condolences to the families of the victims.", "sent", "018"),
    ("The finance ministry said it was skeptical of the merger plan.", "said", "012"),
    ("The coalition leaders said they were confident of a quick deal.", "said", "013"),
    ("The cabinet is considering sending engineers to the flooded delta.", "considering", "014"),
    # appeals and demands: the embedded verb or the object refines the code
    ("The council urged both sides to resume negotiations.", "urged", "026"),
    ("The envoy urged Lanavia to release the detained sailors.", "urged", "0253"),
    ("The bishops urged the army to withdraw from the valley.", "urged", "0256"),
    ("Farmers' unions demanded the release of their leaders.", "demanded", "1053"),
    ("The opposition demanded the resignation of the prime minister.", "demanded", "1041"),
    ("The island state requested humanitarian aid after the cyclone.", "requested", "0233"),
    ("The island state asked for help after the cyclone.", "asked", "020"),
    ("The minister said that the rebels must lay down their arms.", "said", "100"),
    ("The minister said that the rebels should lay down their arms.", "said", "020"),  # advice: an appeal
    ("The envoy told the council that the talks should resume.", "told", "020"),
    ("The envoy insisted that the talks should resume.", "insisted", "100"),
    ("The opposition says the elections were rigged.", "says", "112"),
    ("Kenya said Somalia had failed to secure the border.", "said", "111"),
    ("The envoy issued a reminder that the junta should free the prisoners.", "reminder", "100"),
    # intent: agree/promise/offer + what is promised
    ("Norway offered to mediate between the two parties.", "offered", "039"),
    ("Tokyo pledged economic aid to the flooded provinces.", "pledged", "0331"),
    ("The junta agreed to release the foreign journalists.", "agreed", "0353"),
    ("The two governments agreed to hold talks next month.", "agreed", "036"),
    # consult, cooperate, aid
    ("The foreign minister held telephone talks with her Estonian counterpart.", "held", "041"),
    ("The chancellor paid a visit to the refugee camps.", "paid", "042"),
    ("Ghana hosted the regional summit.", "hosted", "043"),
    ("Leaders of forty nations gathered at a summit in Accra.", "gathered", "044"),
    ("Protesters gathered outside the summit in Accra.", "gathered", "141"),
    # a crowd that turns out, converges, pours in or camps somewhere rallies there; a delegation travels
    ("Thousands of protesters turned out to demand his resignation.", "turned", "141"),
    ("Demonstrators converged on the capital from the provinces.", "converged", "141"),
    ("Students poured into the main square after the verdict.", "poured", "141"),
    ("Opposition supporters remain camped outside parliament.", "remain", "141"),
    ("Thousands of supporters were heading for the capital to demand new elections.", "heading", "141"),
    ("The trade delegation is heading for Geneva.", "heading", "042"),
    ("The prime minister praised the peacekeepers for their courage.", "praised", "051"),
    ("The two navies held joint exercises in the gulf.", "held", "062"),
    ("The court extradited the banker to Switzerland.", "extradited", "063"),
    ("Prosecutors shared evidence with their Latvian colleagues.", "shared", "064"),
    ("Canada sent food and medicine to the quake zone.", "sent", "073"),
    # exercises with another country, however the writer says so, are military cooperation, not a show of force
    ("The two navies held combined exercises in the gulf.", "held", "062"),
    ("Lanavia and Estonia conducted bilateral drills near the border.", "conducted", "062"),
    ("NATO launched naval drills with the Baltic states.", "launched", "062"),
    ("The two coast guards conducted joint patrols along the river.", "conducted", "062"),
    ("The state oil firm formed a joint venture with a Lanavian refiner.", "formed", "061"),
    # joining with another party to act together
    ("The two parties teamed up against the ruling coalition.", "teamed", "060"),
    ("The coast guard joined forces with the navy to stop the smugglers.", "joined", "060"),
    ("The port authority partnered with a Qatari fund.", "partnered", "060"),
    # aid that arrives is aid delivered, not a visit
    ("Relief supplies arrived in the flooded province on Monday.", "arrived", "073"),
    ("The Red Cross dispatched a shipment of medicine to the island.", "dispatched", "073"),
    # relations taken up again or opened, as restored or established ones are
    ("Lanavia resumed diplomatic relations with Estonia.", "resumed", "050"),
    ("The two states opened diplomatic ties last year.", "opened", "054"),
    ("The embassy granted asylum to the dissident.", "granted", "075"),
    # yield
    ("The authorities lifted the curfew on Tuesday.", "lifted", "0813"),
    ("The rebels freed three hostages.", "freed", "0841"),
    # ordering a release of persons is the release; of anything else ("ordered the release of the records") it is not
    ("The president ordered the release of 280 political prisoners.", "ordered", "0841"),
    ("The government lifted sanctions on the neighbouring state.", "lifted", "085"),
    ("The trade ministry cut tariffs on imported grain.", "cut", "085"),
    ("The museum authority returned two carved masks to the tribe.", "returned", "084"),
    ("The republic opened its borders to the fleeing villagers.", "opened", "081"),
    ("Both armies declared a ceasefire along the river.", "declared", "0871"),
    ("The garrison laid down its arms.", "laid", "0873"),
    ("The governor shortened the nightly curfew.", "shortened", "0813"),
    ("The ministry relaxed the rules on foreign travel.", "relaxed", "081"),
    ("The cabinet finally gave into the strikers' demands.", "gave", "080"),
    ("The council caved in to pressure from the farmers.", "caved", "080"),
    ("The regime acceded to the demands of the students.", "acceded", "083"),
    ("The republic withdrew its complaint against its neighbour.", "withdrew", "080"),
    ("The island dropped its objection to the new port.", "dropped", "080"),
    ("The governor shelved the controversial land bill.", "shelved", "0832"),
    ("The defence minister quit his post on Friday.", "quit", "0831"),
    ("The militia turned over its weapons to the police.", "turned", "0873"),
    ("The province eased its lockdown on Monday.", "eased", "081"),
    ("The regulator unblocked the news website.", "unblocked", "081"),
    ("The supreme court overturned the ban on the party.", "overturned", "081"),
    ("An appeals court overturned the journalist's conviction.", "overturned", "080"),
    ("The government scrapped the dam project after the protests.", "scrapped", "0832"),
    ("The energy minister shelved the plan after the protests.", "shelved", "0832"),
    ("Israel froze settlement construction in the West Bank.", "froze", "0832"),
    ("The minister cancelled a planned visit to Haiti.", "cancelled", "160"),
    ("The judge granted the activist bail.", "granted", "0841"),
    ("The junta gave the monitors access to the prison.", "gave", "086"),
    ("The army will evacuate its outposts along the river.", "evacuate", "0874"),
    ("Helicopters evacuated the wounded from the valley.", "evacuated", "073"),
    ("The island accepted a formula for settling the dispute.", "accepted", "030"),
    ("The army and the rebels agreed to a ceasefire.", "agreed", "030"),
    ("Ghana launched a mediation effort between the two factions.", "launched", "045"),
    ("Chile will contribute two hundred troops to the mission.", "contribute", "074"),
    # investigate, disapprove, reject, threaten
    ("Prosecutors launched a corruption investigation against the mayor.", "launched", "091"),
    ("The ministry condemned the bombing of the market.", "condemned", "111"),
    ("The embassy lodged a formal protest with the foreign ministry.", "lodged", "114"),
    ("The regime refused to release the opposition leader.", "refused", "1243"),
    ("The president rejected the invitation to the peace talks.", "rejected", "125"),
    ("The council vetoed the draft resolution.", "vetoed", "129"),
    ("The envoy ruled out direct talks with the rebels.", "ruled", "125"),
    ("The militia violated the ceasefire within hours.", "violated", "196"),
    ("The general threatened to invade the island.", "threatened", "1382"),
    ("The trade bloc threatened sanctions against the exporter.", "threatened", "1312"),
    ("The coalition issued an ultimatum to the garrison.", "issued", "139"),
    # protest, force posture, reduce relations, coerce
    ("Thousands of teachers protested against the pay cuts.", "protested", "141"),
    ("Dockworkers staged a strike at the port.", "staged", "143"),
    ("Farmers blocked the highway with tractors.", "blocked", "144"),
    ("Hospital nurses stopped work over unpaid wages.", "stopped", "143"),
    ("Riot police prevented the rally outside the parliament.", "prevented", "1721"),
    ("Rioters torched two buses.", "torched", "1712"),
    ("The navy conducted military exercises off the coast.", "conducted", "150"),
    ("The government mobilized its reserves.", "mobilized", "154"),
    ("The capital recalled its ambassador from Vienna.", "recalled", "161"),
    ("Donors suspended aid to the junta.", "suspended", "162"),
    ("The union imposed an embargo on the regime.", "imposed", "163"),
    ("The governor imposed a curfew on the district.", "imposed", "1723"),
    ("The junta reimposed the curfew after the riots.", "reimposed", "1723"),
    ("Police arrested twelve protesters.", "arrested", "173"),
    ("The ministry deported the journalist.", "deported", "174"),
    ("Police used tear gas to disperse the crowd.", "used", "175"),
    ("The army called up thousands of conscripts.", "called", "154"),
    ("Riot police were called in to clear the square.", "called", "153"),
    ("The navy placed its submarines and troops on high alert.", "placed", "152"),
    ("The ministry raised the combat readiness of the air force.", "raised", "152"),
    ("Soldiers enforced the curfew in the old city.", "enforced", "1723"),
    ("The night curfew went into effect at dusk.", "curfew", "1723"),
    ("Hackers hacked into the ministry's computer network.", "hacked", "170"),
    ("Foreign agents hacked the election commission's servers.", "hacked", "170"),
    ("A cyber attack crippled the state broadcaster.", "attack", "170"),
    ("The cyberattack on the central bank lasted two days.", "cyberattack", "170"),
    ("The gang hacked the farmer to death.", "hacked", "1823"),
    ("The ministry blacklisted three news portals.", "blacklisted", "1721"),
    ("The regulator blocked access to the opposition's website.", "blocked", "1721"),
    ("The junta banned the news outlet.", "banned", "1721"),
    ("The capital declared the attache persona non grata.", "declared", "161"),
    ("The envoy was declared persona non grata.", "declared", "161"),
    ("The junta ordered the foreign diplomats to leave within 72 hours.", "ordered", "161"),
    ("The president ordered the UN inspectors to leave the country.", "ordered", "1662"),
    ("The leader dismissed the international observers.", "dismissed", "1662"),
    # a warning of what the other side will face is a threat, a forecast of hardship is none
    ("The ministry warned that the rebels would face serious consequences.", "warned", "130"),
    ("The envoy warned that the regime would face new sanctions.", "warned", "1312"),
    ("The general warned the invaders would pay a heavy price.", "warned", "130"),
    ("The agency warned that the region would face severe shortages.", "warned", "012"),
    # assault, fight, mass violence
    ("Gunmen abducted two engineers near the pipeline.", "abducted", "181"),
    ("The assailants tortured the prisoners.", "tortured", "1822"),
    ("The militants assassinated the provincial governor.", "assassinated", "186"),
    ("Artillery units shelled the rebel positions overnight.", "shelled", "194"),
    ("Fighter jets carried out airstrikes on the depots.", "carried", "195"),
    ("The troops occupied the border town.", "occupied", "192"),
    ("The army besieged the city for weeks.", "besieged", "191"),
    ("The militia massacred the villagers.", "massacred", "202"),
    ("The air force attacked rebel positions near the dam.", "attacked", "190"),
    ("Border troops remained on high alert.", "alert", "152"),
    ("The junta strengthened its forces along the frontier.", "strengthened", "154"),
    ("The government forced the aid agency out of the province.", "forced", "174"),
    # event nouns
    ("The Danish queen's visit to Iceland ended on Friday.", "visit", "042"),
    ("Air strikes on the depots continued.", "strikes", "195"),
    ("Kenyan police launched a manhunt for the gunmen on Sunday.", "manhunt", "173"),
    ("A police dragnet in Karachi caught two suspects.", "dragnet", "173"),
    ("The kidnapping of the engineers shocked the town.", "kidnapping", "181"),
    ("The government ordered the arrest of the editor.", "arrest", "173"),
    ("The lifting of sanctions was welcomed.", "lifting", "085"),
    ("Allegations of espionage against the attaché strained ties.", "Allegations", "1125"),
    ("Pro-democracy protests spread to the capital.", "protests", "1414"),
    # senses keyed on a that-clause, a prepositional object or an of-object's modifier
    ("The ministers said they agree with Oslo that the fund must grow.", "agree", "019"),
    ("The president attended the funeral of the former king.", "attended", "017"),
    ("The junta let free forty student activists.", "let", "0841"),
    ("Nepali soldiers participate in peacekeeping missions abroad.", "participate", "074"),
    ("Ghana is sending two hundred troops to the peacekeeping force.", "sending", "074"),
    ("Units of the peacekeeping force patrolled the buffer zone.", "patrolled", "074"),
    ("Police patrolled the streets of the capital.", "patrolled", "150"),
    ("Marines from both countries participated in joint naval exercises.", "participated", "062"),
    ("Fiji sent a team of medical experts to the islands.", "sent", "073"),
    ("The customs office returned the stolen paintings to the gallery.", "returned", "0842"),
    ("The ministry earmarked ten million dollars in emergency aid.", "earmarked", "071"),
    ("The government announced a suspension of aid to the province.", "announced", "010"),
    ("The president declared a state of siege in the province.", "declared", "1724"),
    ("The rebels used villagers as human shields.", "used", "184"),
    ("The republic launched cyber warfare against its neighbour.", "launched", "190"),
    # what a verb calls its object: an object predicate or an as-phrase
    ("The opposition called the election results scandalous.", "called", "111"),
    ("The party called the offer an empty gesture.", "called", "111"),
    ("Observers described the vote as a sham.", "described", "111"),
    ("The junta branded the exiled editor as a traitor.", "branded", "1125"),
    ("The premier called his neighbour a warmonger and an aggressor.", "called", "1123"),
    ("The president called the visiting king a dear friend.", "called", "051"),
    ("Observers described the elections as not credible.", "described", "111"),  # a negated praise condemns
    ("Tokyo regards the new air defense zone as a dangerous provocation.", "regards", "111"),
    ("The opposition views the emergency decree as draconian.", "views", "111"),
    ("The envoy sees the accord as a historic breakthrough.", "sees", "051"),
    ("The junta portrays the exiled editors as traitors.", "portrays", "1125"),
    # what a that-clause says another or its act is: evaluative.tsv's classes
    ("The opposition said the ruling was a travesty.", "said", "111"),
    ("\"This case is not legal,\" the minister said.", "said", "111"),
    ("The general said the rebels were bandits and terrorists.", "said", "112"),
    ("Ecuador's government said the claims were false.", "said", "016"),  # a claim said to be false is denied
    ("The ministry said the ruling was baseless.", "said", "111"),  # anything else said to be false is criticised
    ("The ministry dismissed the allegations.", "dismissed", "120"),  # a claim dismissed or called untrue is rejected
    ("Tehran called the abduction allegations baseless.", "called", "120"),
    ("The minister called the plan baseless.", "called", "111"),
    ("The minister contended that the naval blockade was unlawful.", "contended", "111"),
    ("The opposition believes the ruling party's leaders are warlords.", "believes", "112"),
    ("The embassy said it was frustrated by the repeated delays.", "said", "111"),
    ("The embassy said it was deeply disappointed by the verdict.", "said", "111"),
    ("The rebels said they were unhappy at being excluded from the talks.", "said", "111"),
    ("The envoy expressed frustration with the junta.", "expressed", "111"),
    # a copula that tells its subject's stance toward another
    ("Brazil's government is often critical of Washington's trade policy.", "is", "111"),
    ("Beijing was not supportive of the council's plan.", "was", "111"),
    ("Serbia remains opposed to the new constitution.", "remains", "110"),
    ("The ministry has been supportive of the mediator's efforts.", "been", "051"),
    ("Washington is unhappy with Beijing's currency decision.", "is", "111"),
    ("The cabinet was pleased with the mediator's appointment.", "was", "051"),
    # removing a leader
    ("The army ousted the elected president.", "ousted", "172"),
    ("The president was toppled in a bloodless coup.", "toppled", "172"),
    # tariffs and duties
    ("The government levied steep tariffs on imported steel.", "levied", "163"),
    ("Washington doubled the duty on Lanavian exports.", "doubled", "163"),
    ("The ministry delayed the tariffs for a month.", "delayed", "085"),
    ("The new tariffs on grain hurt farmers.", "tariffs", "163"),
    # detention and breaking up networks
    ("The former leader has been held at an undisclosed location.", "held", "173"),
    ("The editor was held in solitary confinement for a year.", "held", "173"),
    ("Police broke up a smuggling ring in the port.", "broke", "173"),
    ("A terrorist cell was dismantled in the capital.", "dismantled", "173"),
    # demonstrations and bombings
    ("Thousands of students took to the streets of the capital.", "took", "141"),
    ("Supporters of the cleric filled the streets on Friday.", "filled", "141"),
    ("A powerful explosion ripped through the crowded market.", "ripped", "183"),
    # meetings, talks and agreements as nouns
    ("The regional summit ended in the capital.", "summit", "040"),
    ("The talks ended without agreement on Sunday.", "talks", "040"),
    ("Negotiations resumed in Geneva on Monday.", "Negotiations", "046"),
    ("The ceasefire agreement signed in January collapsed.", "agreement", "057"),
    ("The visit produced two intergovernmental agreements.", "agreements", "057"),
    # military or financial support as a noun is aid
    ("Russian military support allowed the separatists to hold out.", "support", "072"),
    ("Heavy fighting continued throughout the province.", "fighting", "190"),
    # attacks: on people by force, on plans and policies in words
    ("Suicide attacks against pilgrims killed dozens.", "attacks", "1831"),
    ("Gunmen staged attacks against the border posts.", "attacks", "190"),
    ("The envoy used the forum to launch attacks against the missile defence plan.", "attacks", "111"),
    # leaving and ending talks
    ("The rebels pulled out of the peace talks.", "pulled", "164"),
    ("The breakdown of the talks angered the mediators.", "breakdown", "164"),
    # troops ordered to a place; fighting by armed groups; trials
    ("The president ordered troops to the border.", "ordered", "154"),
    ("The militia fought back fiercely.", "fought", "190"),
    ("Fifteen militants are on trial for the riots.", "trial", "173"),
    ("The trial of the dissidents opened on Monday.", "trial", "173"),
    # criticism and blame
    ("The minister chastised the West for its silence.", "chastised", "111"),
    ("The president reprimanded the ambassador.", "reprimanded", "111"),
    ("He characterized the vote as a sham.", "characterized", "111"),
    ("The envoy dismissed the panel's findings.", "dismissed", "111"),
    ("The opposition is disputing the results of the vote.", "disputing", "111"),
    ("The government placed blame on the rebels.", "placed", "112"),
    # light verbs whose object names the act, as their synonyms' rows do
    ("The party extended its support to the coalition government.", "extended", "051"),
    ("Lanavia sent a request to Borovia for the extradition of the suspects.", "sent", "020"),
    ("The province submitted an appeal to the federal government for funds.", "submitted", "020"),
    ("Farmers handed over a memorandum to the governor listing their demands.", "handed", "020"),
    ("The opposition held the ruling party responsible for the riots.", "held", "112"),
    ("Lanavia holds Borovia accountable for the attack on its embassy.", "holds", "112"),
    ("The junta put restrictions on the opposition press.", "put", "172"),
    ("The air force targeted rebel positions near the dam.", "targeted", "190"),
    ("Syrian warplanes targeted militants near the border.", "targeted", "190"),
    ("Lanavian drones targeted the airport of the capital.", "targeted", "195"),
    ("Nine militants were killed in Lanavian air strikes.", "killed", "195"),
    ("Four people were injured in an explosion at the market.", "injured", "183"),
    ("Two soldiers were killed in the shelling of the town.", "killed", "194"),
    ("Protesters threw stones at the riot police.", "threw", "145"),
    ("The two countries established a diplomatic relationship in 1992.", "established", "054"),
    ("Lanavia severed its relationship with Borovia.", "severed", "161"),
    ("The president pleaded with the neighbours for calm.", "pleaded", "020"),
    ("Refugees pleaded for help.", "pleaded", "020"),
    ("The court denied the request for a delay.", "denied", "120"),
    ("The ministry denied the allegations.", "denied", "016"),
    # administrative coercion
    ("Authorities closed three newspapers.", "closed", "1721"),
    ("The commission disqualified dozens of candidates.", "disqualified", "1722"),
    ("The court removed the governor.", "removed", "172"),
    ("A judge revoked his bail.", "revoked", "173"),
    ("The navy intercepted the vessel.", "intercepted", "191"),
    ("Police intercepted a truck loaded with weapons.", "intercepted", "1711"),
    ("Soldiers removed the roadblocks.", "removed", "0872"),
    # street protest
    ("Protesters thronged the capital.", "thronged", "141"),
    ("Youths erected barricades on the highway.", "erected", "144"),
    # military cooperation and aid
    ("Washington said it would resume cooperation with Kyiv.", "cooperation", "050"),
    ("The two navies began military cooperation in May.", "cooperation", "062"),
    ("Qatar hosts American troops.", "hosts", "062"),
    ("Uzbekistan provided an airbase for the coalition.", "provided", "062"),
    ("The United States provided training to the coast guard.", "provided", "072"),
    ("Foreign advisers instructed the troops.", "instructed", "062"),
    # the code is that of what is done: an exercise with a partner is cooperation, attending a foreign
    # leader's inauguration a visit, a visit to a shrine a symbolic act, handing over security a de-escalation
    ("Lanavia held naval exercises with three neighbouring states.", "held", "062"),
    ("The fleet conducted exercises with the Estovan navy.", "conducted", "062"),
    ("Lanavia held naval exercises in its own waters.", "held", "150"),
    ("Their drills with the Estovan navy ended on Friday.", "drills", "062"),
    ("The president sent a delegation to attend the inauguration of the new president.", "attend", "042"),
    ("The ministers attended a funeral in the capital.", "attended", "017"),
    ("The prime minister visited a war shrine on Sunday.", "visited", "017"),
    ("The prime minister visited Lanavia on Sunday.", "visited", "042"),
    ("The premier prayed at the shrine.", "prayed", "017"),
    ("The prime minister went to the shrine to pay respects.", "went", "017"),
    ("The prime minister went to Seoul.", "went", "042"),
    ("Britain transferred security responsibilities for the province to local forces.", "transferred", "087"),
    ("The coalition transferred power to an interim government.", "transferred", "080"),
    ("The president announced his resignation on Sunday.", "announced", "0831"),
    ("The minister announced the activation of a standby military force.", "announced", "154"),
    ("The president declared a state of rebellion in the capital.", "declared", "1724"),
    # a warning of what others will do or what will happen is a pessimistic comment; of what the speaker
    # will do, or to an addressee, a threat
    ("The analyst warned that the situation would deteriorate.", "warned", "012"),
    ("The minister warned that the plan would divide the country.", "warned", "012"),
    ("The general warned that he would not accept the result.", "warned", "130"),
    ("Seoul is warning that the North may pull out of the treaty.", "warning", "012"),
    ("The army warned that it would retaliate.", "warned", "138"),
    ("The agency warned Tehran that its patience was running out.", "warned", "130"),
    ("The security chief warned that police will no longer tolerate rallies.", "warned", "137"),
    # pressing someone to act is a demand, not coercion
    ("The police have been pressuring the workers to call off the strike.", "pressuring", "100"),
    # a raid on homes, offices or hideouts is a police action (17), one on positions an attack
    ("Soldiers raided the hotels of foreign journalists.", "raided", "173"),
    ("Security forces have been raiding monasteries.", "raiding", "173"),
    ("Rebels raided an army outpost near the border.", "raided", "190"),
    # backing an armed group is military aid; backing a government or a plan, support
    ("The neighbouring state is backing rebels in the north.", "backing", "072"),
    ("He supported the militia during the war.", "supported", "072"),
    ("Lanavia supported the proposal.", "supported", "051"),
    # a campaign's words key the event noun that names its acts
    ("The allied bombing campaign lasted weeks.", "bombing", "195"),
    # rarer types: troops sent to a border, an ultimatum to surrender, vows to hunt down, peacekeepers leaving
    ("The president said he was sending tank battalions to the border.", "sending", "154"),
    ("The general dispatched two brigades to the northern frontier.", "dispatched", "154"),
    ("The deadline the authorities gave the protesters to surrender passed.", "gave", "139"),
    ("The prime minister vowed to hunt down those behind the bombings.", "vowed", "137"),
    # a vow or promise not to do a cooperative act is its refusal, not an intent to do it
    ("The opposition vowed not to recognize the new government.", "vowed", "127"),
    ("The rebels pledged never to negotiate with the junta.", "pledged", "125"),
    ("The president promised not to resign before the election.", "promised", "1231"),
    ("The opposition vowed to recognize the new government.", "vowed", "032"),
    ("The UN peacekeepers have withdrawn from the province.", "withdrawn", "1661"),
    # told to act is a demand; told alone, a statement
    ("The leader told the council to review its decision.", "told", "100"),
    ("The leader told reporters about his trip.", "told", "010"),
    # control of a vessel or plane seized is a hijacking; of a place, an occupation
    ("The gang seized control of a passenger ferry in the bay.", "seized", "181"),
    ("Armed men took control of the airliner after take-off.", "took", "181"),
    ("The rebels seized control of the port city.", "seized", "192"),
    # a coup staged or fallen in is force against the state
    ("Soldiers staged a coup in the island nation.", "coup", "190"),
    ("The president was toppled in a bloodless coup.", "coup", "190"),
    # aid ceased or paused, as aid cut or halted
    ("Lanavia ceased military aid to its neighbour.", "ceased", "1622"),
    ("The donors paused humanitarian aid to the region.", "paused", "1623"),
    # what "we" should do is asked of the hearer when told to one; said to no one, it is the speaker's resolve
    ("The premier told his neighbour that together we should end the dispute.", "told", "020"),
    # playing host to troops is hosting them: military cooperation, not a visit
    ("Lanavia is playing host to thousands of foreign troops.", "playing", "062"),
    ("Lanavia is playing host to the regional summit.", "playing", "043"),
    # communications cut are a curb on expression; a road cut, a blockade
    ("The authorities have cut off Internet access in the capital.", "cut", "1721"),
    ("The government blocked mobile phone services in the region.", "blocked", "1721"),
    ("The army cut off the road to the town.", "cut", "191"),
    # the noun of a relative clause tells the sense of a verb that codes anyway
    ("Officials hinted at lifting the sanctions Washington has imposed on Moscow.", "imposed", "163"),
    ("The curfew that the army imposed last week was lifted.", "imposed", "1723"),
    ("The embargo imposed by Lanavia hurt farmers.", "imposed", "163"),
    # an attack on a newspaper is made in words
    ("The president attacked the country's biggest newspaper in a speech.", "attacked", "111"),
    # sanctions kept in place are sanctions; retaliation in kind is by their means, else by force
    ("Lanavia is keeping its tariffs on steel in place.", "keeping", "163"),
    ("Lanavia retaliated with tariffs on farm goods.", "retaliated", "163"),
    ("The army retaliated overnight.", "retaliated", "190"),
    ("The government responded with military force.", "responded", "190"),
    # sent or ordered back to prison is detained; a crowd broken up or roughed up by force, repressed
    ("The judge ordered the journalist back to prison.", "ordered", "173"),
    ("The court sent the opposition leader to jail.", "sent", "173"),
    ("Police broke up the demonstration outside parliament.", "broke", "175"),
    ("Security forces roughed up a group of protesters.", "roughed", "175"),
    # a legislature approving sanctions threatens them (annotation.md); fighting continued is fighting
    ("The Senate approved new sanctions against Syria.", "approved", "1312"),
    ("The rebels continued fighting in the north.", "continued", "190"),
    ("The rebels resumed the insurgency after the talks failed.", "resumed", "190"),
    # calls for a leader to resign appeal for a change in leadership
    ("Protesters maintained calls for the president to resign.", "calls", "0241"),
    # days given to do something are an ultimatum; critics countered are criticised; an election victory
    # upheld is endorsed; an assurance of commitment is an intent to cooperate
    ("Kenya had given the U.N. Refugee Agency 14 days to present a plan.", "given", "139"),
    ("The foreign minister once again countered such critics.", "countered", "111"),
    ("The tribunal has upheld the president's victory.", "upheld", "051"),
    ("Serbian leaders assured the envoys that they are committed to full cooperation.", "assured", "030"),
    # medical care for the victims is humanitarian aid
    ("The charity treated hundreds of wounded civilians last month.", "treated", "073"),
    # tribute to a party's role praises it, tribute to the dead is a symbolic act; ruling out a compromise or
    # demurring rejects
    ("Both sides paid tribute to the mediator's role.", "paid", "051"),
    ("Mourners paid tribute to the victims of the attack.", "paid", "017"),
    ("The premier paid tribute to the firefighters for their bravery.", "paid", "051"),
    ("The separatist leader ruled out any compromise on the mandate.", "ruled", "120"),
    ("The government demurred on setting a date for the talks.", "demurred", "120"),
    ("The president voiced astonishment over the silence of the government.", "voiced", "111"),
    ("The delegation ruled out any reference to the withdrawal deadline.", "ruled", "120"),
    # an object that names a person or a people is what a list of person words asks for
    ("The regime executed Ali Hassan Karimi on Tuesday.", "executed", "1823"),
    ("Peacekeepers evacuated ethnic Albanians from the village.", "evacuated", "073"),
    ("A mob beat two Kurds outside the stadium.", "beat", "182"),  # a people, not a person: no election
    # wanting another party to act asks it to, coded by what it is to do
    ("The protesters want the United States to support an independent review.", "want", "022"),
    ("The opposition wants the president to resign.", "wants", "0241"),
    # saying others are guilty of an act accuses them
    ("The government says the prisoners are guilty of joining an illegal group.", "says", "112"),
    # a mood told as a tone, a picture or a copula's adjective
    ("The trade minister struck an optimistic note on the talks with Ottawa.", "struck", "013"),
    ("The central bank painted a grim picture of the economy.", "painted", "012"),
    ("Diplomats in Geneva were pessimistic about the truce.", "were", "012"),
    ("Officials remain hopeful about a deal with the lenders.", "remain", "013"),
    # solidarity shown, common ground found
    ("Thousands marched to show solidarity with the strikers in Gdansk.", "show", "018"),
    ("The two premiers found common ground on energy prices.", "found", "019"),
    ("The rebels said they were open to dialogue with the junta.", "were", "030"),
    # a call by phone, engagement in talks, a go-between's role, taking part in a meeting, a landing, a host
    ("The two foreign ministers spoke by telephone on Friday.", "spoke", "041"),
    ("The chancellor rang the Polish president on Sunday evening.", "rang", "041"),
    ("The union has been engaged in talks with the port authority since May.", "engaged", "046"),
    ("The two delegations sat down with the facilitators in Nairobi.", "sat", "040"),
    ("Qatar acted as an intermediary between the militants and Kabul.", "acted", "045"),
    ("Algeria played a mediating role between Mali and the rebels.", "played", "045"),
    ("Iran's envoy took part in the conference on Afghanistan.", "took", "044"),
    ("The Indian prime minister landed in Colombo on Saturday.", "landed", "042"),
    ("Cairo hosted the Libyan prime minister for two days.", "hosted", "043"),
    ("The emir welcomed the Greek president at his palace.", "welcomed", "043"),
    # endorsing, defending and rallying for a party; an apology accepted or asked
    ("The labour unions threw their support behind the challenger.", "threw", "051"),
    ("Belgrade rushed to the defence of its ally in Banja Luka.", "rushed", "052"),
    ("Kenya drummed up support for its candidate among African states.", "drummed", "053"),
    ("Seoul accepted Tokyo's apology for the remarks.", "accepted", "056"),
    ("The bishop asked forgiveness from the victims' families.", "asked", "055"),
    # ties deepened, mended or raised; positions coordinated
    ("Hanoi and Manila agreed to deepen ties in fisheries.", "deepen", "050"),
    ("Ankara moved to mend relations with Cairo.", "mend", "050"),
    ("The two ministers coordinated their positions before the vote.", "coordinated", "050"),
    # intelligence pooled or supplied
    ("The three states pooled intelligence on smuggling routes.", "pooled", "064"),
    ("Morocco supplied information on the suspect to Spanish police.", "supplied", "064"),
    # an envoy sent to a capital
    ("The sultan sent an envoy to Tehran on Monday.", "sent", "042"),
    # a will to cooperate or to give ground signalled, shown or restated; a symbolic act of remembrance
    ("The junta signalled its readiness to release the detainees.", "signalled", "030"),
    ("The two sides showed flexibility on the border question.", "showed", "035"),
    ("Minsk reiterated its commitment to the grain corridor.", "reiterated", "030"),
    ("Students lit candles outside the embassy in memory of the victims.", "lit", "017"),
    ("The ambassador placed flowers at the memorial.", "placed", "017"),
    # military aid named by the kind of weapon, or by a vessel, vehicle or system of a military kind
    ("Moscow shipped howitzers to the separatists.", "shipped", "072"),
    ("Tokyo transferred armoured vehicles to the Ukrainian army.", "transferred", "072"),
    ("Warsaw delivered tanks and drones to the Ukrainian army.", "delivered", "072"),
    ("Sweden granted refugee status to the dissident.", "granted", "075"),
    # giving in to demands, resigning, easing curbs, taking a party off a list, handing back, drawing down
    ("The cabinet agreed to the teachers' demands.", "agreed", "083"),
    ("The minister tendered his resignation.", "tendered", "0831"),
    ("The authorities lifted curbs on foreign journalists.", "lifted", "081"),
    ("The Treasury removed the bank from its sanctions list.", "removed", "085"),
    ("The museum handed back the bronzes to Nigeria.", "handed", "0842"),
    ("The army drew down its troops along the frontier.", "drew", "0874"),
    ("Rebel fighters left the town after the truce.", "left", "0874"),
    ("The guerrillas turned in their weapons to the monitors.", "turned", "0873"),
    ("Opposition parties demanded the dismissal of the police chief.", "demanded", "1041"),
    ("The authorities barred foreign observers from the polling stations.", "barred", "1245"),
    # rallying others against a party; taking it to court; a court holding it liable
    ("The president rallied neighbouring states against the rebels.", "rallied", "113"),
    ("The exiles formed a coalition against the junta.", "formed", "113"),
    ("The farmers took the mining company to court.", "took", "115"),
    ("Qatar initiated arbitration proceedings against the emirates.", "initiated", "115"),
    ("A court in Geneva held the state oil company liable for the spill.", "held", "116"),
    ("The court ruled that the company was liable for the damage.", "ruled", "116"),
    # an ultimatum's infinitive, which the parser hangs on the span of time given
    ("The ministry gave the protesters 48 hours to leave the square.", "gave", "139"),
    # protest, force posture, reduced relations, coercion and violence as news usually words them
    ("Bus drivers in Lyon walked off the job on Friday.", "walked", "143"),
    ("The imprisoned blogger has refused food for a week.", "refused", "142"),
    ("Villagers blocked the checkpoint outside the town.", "blocked", "144"),
    ("Minsk moved tanks and troops toward the frontier.", "moved", "154"),
    ("The authorities massed police around the square.", "massed", "153"),
    ("The ministry heightened security measures at airports.", "heightened", "153"),
    ("France raised its terror alert level after the attack.", "raised", "151"),
    ("Seoul ordered its army units on alert.", "ordered", "152"),
    ("Beijing put military cooperation with Manila on hold.", "put", "160"),
    ("Brussels froze its cooperation with the junta.", "froze", "160"),
    ("Moscow barred imports of Georgian wine.", "barred", "163"),
    ("The government cut off trade with its neighbour.", "cut", "163"),
    ("The junta scrapped the talks with the rebels.", "scrapped", "164"),
    ("The junta ordered the foreign troops to leave by December.", "ordered", "166"),
    ("Pyongyang barred the inspectors from the reactor site.", "barred", "1245"),
    ("The police pressured witnesses into withdrawing their statements.", "pressured", "170"),
    ("The ministry revoked the licence of the broadcaster.", "revoked", "172"),
    ("The regime stripped the dissidents of their citizenship.", "stripped", "172"),
    ("The commission barred the opposition candidate from the runoff.", "barred", "1722"),
    ("The governor decreed a curfew in the capital.", "decreed", "1723"),
    ("Three activists were taken into custody in Baku.", "taken", "173"),
    ("Rebels sabotaged the railway line near the capital.", "sabotaged", "171"),
    ("A roadside bomb went off near the convoy.", "went", "183"),
    ("Militants set off a car bomb in the market.", "set", "183"),
    ("Jailers subjected the prisoners to torture.", "subjected", "1822"),
    ("Border guards of the two states traded fire across the river.", "traded", "193"),
    ("Government artillery pounded the rebel-held suburbs.", "pounded", "194"),
    ("The bomber dropped an atomic bomb on the city.", "dropped", "2042"),
    ("Aircraft dropped chlorine on the town.", "dropped", "2041"),
    ("Militias unleashed mass violence on the villages.", "unleashed", "200"),
    ("The occupying army carried out atrocities in the region.", "carried", "200"),
    ("Riot police opened fire on the marchers in the capital.", "opened", "175"),
    ("Soldiers fired live rounds into the crowd.", "fired", "175"),
    ("Bucharest pulled its military advisers out of the country.", "pulled", "166"),
    ("The regional bloc pulled its observers out of the capital.", "pulled", "1662"),
    ("Russia pulled out of the grain deal in July.", "pulled", "160"),
]


def test_what_the_speaker_says_it_must_do_asks_no_one(parse):
    token = next(t for t in parse("The premier said we must see the attacks on schools as a trend.") if t.text == "said")
    entry = trigger_lexicon().match(token)
    assert entry is None or not entry.cameo.startswith("10")


def test_a_relative_clause_makes_no_event_of_a_verb_that_needs_an_object(parse):
    doc = parse("The group doubled the number of attacks it had carried out in the region.")
    token = next(t for t in doc if t.text == "carried")
    assert token.dep_ == "relcl"
    assert trigger_lexicon().match(token) is None


def test_a_clause_with_its_own_subject_does_not_act_on_its_noun(parse):
    doc = parse("The ministry issued a statement that Iran had attacked the tanker.")
    token = next(t for t in doc if t.text == "attacked")
    assert token.dep_ == "acl"
    assert trigger_lexicon().match(token).cameo != "111"  # the statement is not what was attacked


@pytest.mark.parametrize(("text", "trigger", "code"), SENSES, ids=[s[1] + "-" + s[2] for s in SENSES])
def test_sense(parse, text, trigger, code):
    doc = parse(text)
    token = next(t for t in doc if t.text == trigger)
    entry = trigger_lexicon().match(token)
    assert entry is not None, f"no lexicon row for {trigger!r} ({token.lemma_}, {token.pos_}, {token.dep_})"
    assert entry.cameo == code, entry.source


# Senses the lexicon must not code: ordinary uses of event words.
NON_EVENTS = [
    ("The company said profits rose.", "said"),
    ("She went home early.", "went"),
    ("The strikers took the train.", "took"),
    ("The ministry released its annual budget figures.", "released"),
    ("The reform was discussed at length.", "reform"),
    ("The engineers stopped work on the bridge.", "stopped"),
    ("The incumbent beat Ahmed Salem by a narrow margin.", "beat"),  # an election won
    ("Biden beat Trump to win the presidency.", "beat"),  # a person beaten is no assault unless told so
    ("The delegation returned to the capital on Sunday.", "returned"),
    ("The company said it was ready for the audit.", "said"),
    ("The internationally recognised government met in the port city.", "recognised"),
    ("The minister hoped to retire soon.", "hoped"),
    ("The fans participated in the Olympic games.", "participated"),
    ("He removed his coat.", "removed"),
    ("The shop closed the door.", "closed"),
    ("The team disputed the referee's call.", "disputed"),
    ("The governor attended the opening of the new bridge.", "attended"),
    ("The committee called the meeting to order.", "called"),
    ("The minister was not critical of the plan.", "was"),
    ("Her role is critical to the talks.", "is"),
    ("The guests held their glasses in silence.", "held"),
    ("Workers filled the tank with water.", "filled"),
    ("The customs officer was on duty at the border.", "duty"),
    ("The rebels plotted to overthrow the monarchy.", "overthrow"),
    ("During the summit, the leaders posed for photographs.", "summit"),
    ("The coach ordered new kits for the team.", "ordered"),
    ("The two companies fought over the patent.", "fought"),
    ("The two defendants have pleaded not guilty.", "pleaded"),
    ("Food prices have risen since the coup.", "coup"),
    # cooperation as a relation, described or growing, not started or offered
    ("The visit is aimed at boosting cooperation with India.", "cooperation"),
    ("Their security cooperation with Manila will develop slowly.", "cooperation"),
    # a must/should clause that asks no one to act: passive, or looking back with "have"
    ("The minister said candidates should only be barred with adequate proof.", "said"),
    ("The rebels say another venue should have been chosen for the talks.", "say"),
    ("The envoy said the ruling must be seen as a warning.", "said"),
    # a fault found in a situation, or a claim said to be true, judges no one
    ("The minister said the situation was dangerous.", "said"),
    ("The ministry said the reports were true.", "said"),
    # senses that no-event rows tell apart from the word's events
    ("The president talked about the plan in an interview.", "talked"),
    ("The defendants have until Friday to appeal the High Court's order.", "appeal"),
    ("The government has done its best to meet international concerns.", "meet"),
    ("The country failed to meet the deadline for the census.", "meet"),
    ("The shuttling of people demonstrates a complete disregard for human dignity.", "demonstrates"),
    ("The two leaders pledged to demonstrate patience and restraint.", "demonstrate"),
    # where forces are stationed is their posture, not a deployment
    ("The Russian troops are stationed in the breakaway region.", "stationed"),
    ("The ministry did not reply to an email requesting comment.", "requesting"),
    ("The town briefly captured international media attention.", "captured"),
    ("The United Nations has invested four years in drawing up the plan.", "invested"),
    ("The ministry released the results of the survey.", "released"),
    ("The governor announced his candidacy for the presidency.", "announced"),
    ("The witness told the jurors that he had been paid.", "told"),
    ("The minister conceded that the figures were wrong.", "conceded"),
    # force posture, curfew and cyber senses need their object
    ("The coach called in two new players.", "called"),
    ("The firm raised its prices.", "raised"),
    ("The hospital placed the patient on a ventilator.", "placed"),
    ("The wind hacked at the branches.", "hacked"),
    ("The security breach was patched.", "breach"),
    ("The court enforced the contract.", "enforced"),
    ("The minister ordered the staff to leave the building early.", "ordered"),
    # a threat faced or perceived is a danger, not a threat anyone made
    ("Japan and India perceive a growing threat from China.", "threat"),
    ("South Korea will deal with North Korea's nuclear threat.", "threat"),
    # to threaten a thing is to endanger it, no threat made to anyone
    ("Militants fired mortars at the crossing, threatening vital trade.", "threatening"),
    ("Critics say the law could threaten the rule of law in the city.", "threaten"),
    # what someone suggests is a guess or an idea, not a statement to code (no event on VOA train and dev)
    ("The minister suggested that the rain had delayed the count.", "suggested"),
    # light verbs and targets that need a political object
    ("The team held its best players back for the final.", "held"),
    ("The mayor put the key on the table.", "put"),
    ("The campaign targeted young voters.", "targeted"),
    ("The pitcher threw the ball at the batter.", "threw"),
    ("The judge ordered the release of the gun ownership records.", "ordered"),
    # a statement whose that-clause says what was said: the clause holds the event, the statement is none
    ("The ministry announced that the border crossing would reopen on Monday.", "announced"),
    ("The guerrillas told the mediator the ceasefire was over.", "told"),
    ("The president declared that the emergency had ended.", "declared"),
    # a hope that something will happen is no comment to code
    ("The minister hopes the talks will succeed.", "hopes"),
    ("The rebels hoped that the ceasefire would hold.", "hoped"),
    # wanting to act oneself is an aim, not an appeal
    ("Japan wants to support the new government in Kabul.", "wants"),
    ("The minister wanted to release the report.", "wanted"),
    # "going on the attack" is a politician's idiom for hitting back in words, no use of force
    ("The opposition leader went on the attack in a televised speech.", "attack"),
    # a plane lands, a man lands in jail; raising output is no tie
    ("The cargo plane landed in Entebbe after midnight.", "landed"),
    ("The former mayor landed in jail after the audit.", "landed"),
    ("The factory increased its output last year.", "increased"),
    # ruling without a verdict, recalling no force; jets not of a military kind
    ("The judge ruled on the motion on Friday.", "ruled"),
    ("The minister recalled his years in the army.", "recalled"),
    ("Tourists left the city before the storm.", "left"),
    ("The manufacturer delivered its first jets to the airline.", "delivered"),
    ("The minister walked off the stage after the speech.", "walked"),
    ("The alarm went off at midnight.", "went"),
    ("The news set off a debate in parliament.", "set"),
    ("The firm moved its headquarters to Dublin.", "moved"),
    ("The committee put the vote on hold.", "put"),
    ("Critics say the minister abused his power.", "abused"),
    ("The attack heightened security concerns in the region.", "heightened"),
    ("The government barred trade unions from the talks.", "barred"),
    ("The agency released chemical safety data.", "released"),
    ("Libya dropped its chemical weapons programme in 2003.", "dropped"),
    ("The police conducted a campaign against domestic violence.", "conducted"),
]


@pytest.mark.parametrize(("text", "word"), NON_EVENTS)
def test_no_event_for_ordinary_senses(parse, text, word):
    doc = parse(text)
    token = next(t for t in doc if t.text == word)
    assert trigger_lexicon().match(token) is None


# The word's event senses beside a no-event row
NO_EVENT_NEIGHBOURS = [
    ("The president talked to Putin about the plan.", "talked", "040"),
    ("The minister will meet with the rebel delegation.", "meet", "040"),
    ("Students demonstrated against the war.", "demonstrated", "141"),
    ("The alliance stationed troops in the Baltic states.", "stationed", "154"),
    ("The rebels released the hostages.", "released", "0841"),
    ("The army captured the town.", "captured", "192"),
    ("North Korea renewed its threat of military action against Seoul.", "threat", "138"),
    ("The electoral commission announced the results.", "announced", "010"),
    ("The foreign minister told Beijing that it must release the activists.", "told", "100"),
]


@pytest.mark.parametrize(("text", "trigger", "code"), NO_EVENT_NEIGHBOURS)
def test_a_no_event_row_leaves_the_words_events(parse, text, trigger, code):
    token = next(t for t in parse(text) if t.text == trigger)
    entry = trigger_lexicon().match(token)
    assert entry is not None and entry.cameo == code


def test_a_no_event_row_is_chosen_as_any_row_and_matches_no_event(parse):
    token = next(t for t in parse("The lawyers appealed the verdict to the Supreme Court.") if t.text == "appealed")
    reading = trigger_lexicon().reading(token)
    assert reading is not None and not reading.codes_event  # narrower than appeal[prep=to], and tried first
    assert trigger_lexicon().match(token) is None


# A word of war used as a figure: a domain modifier, or an aim that is no party, codes no violence
FIGURES = [
    ("The president ramped up his trade war with Canada.", "war"),
    ("The legal battle between the two parties may drag on for months.", "battle"),
    ("The government launched a campaign against corruption.", "campaign"),
    ("The army joined the fight against poverty in the north.", "fight"),
    ("Mexico launched a war on drugs in 2006.", "launched"),
    ("The ruling party vowed to fight corruption.", "vowed"),
    ("The candidates battled for votes in the capital.", "battled"),
    ("China and the United States ended their trade war.", "ended"),
    ("We launched a drug war, not a trade war, he said.", "launched"),
]


@pytest.mark.parametrize(("text", "word"), FIGURES)
def test_no_violence_for_a_figure_of_war(parse, text, word):
    doc = parse(text)
    token = next(t for t in doc if t.text == word)
    assert trigger_lexicon().match(token) is None


@pytest.mark.parametrize(("text", "trigger", "code"), [
    ("Nigeria's army launched a war against the rebels.", "launched", "190"),
    ("Colombian troops are fighting against drug cartels.", "fighting", "190"),
    ("North Korea launched war games near the border.", "launched", "150"),
    ("The government vowed to fight the rebels.", "vowed", "138"),
    ("Israel ended its offensive in Gaza.", "ended", "087"),
])
def test_a_real_war_keeps_its_code(parse, text, trigger, code):
    doc = parse(text)
    token = next(t for t in doc if t.text == trigger)
    entry = trigger_lexicon().match(token)
    assert entry is not None and entry.cameo == code


def test_a_token_is_read_once_per_doc_and_lexicon(parse, monkeypatch):
    from dyads.events.lexicon import TriggerLexicon

    lexicon = trigger_lexicon()
    doc = parse("Russia condemned the missile test.")
    condemned = doc[1]
    first = lexicon.reading(condemned)
    assert first is not None and first.codes_event
    worked_out = []
    monkeypatch.setattr(TriggerLexicon, "_reading", lambda self, token, lemma: worked_out.append(token.i))
    assert lexicon.reading(condemned) is first and lexicon.match(condemned) is first
    assert worked_out == []  # the event stages after the first ask again without the rows being tried again
    other = parse("Russia condemned the missile test.")
    assert lexicon.reading(other[1]) is None and worked_out == [1]  # another Doc is read anew
    assert lexicon.reading(other[3]) is None and worked_out == [1]  # "missile": no row to try, nothing kept
