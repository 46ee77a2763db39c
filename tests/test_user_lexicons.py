"""Users' own actor and verb tables (`--actors`, `--verbs`, `Coder(actors=, verbs=)`) and `dyads lexicon check`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dyads.actors.lexicon import SECTORS
from dyads.cli import app
from dyads.coder import Coder
from dyads.model import Document
from dyads.user_lexicons import LexiconError, LexiconFile, read_table
from dyads.user_lexicons.check import check_files

runner = CliRunner()

ORGANISATIONS = "name\taliases\tcountry\tsectors\tcode\tkind\n"
LEADERS = "name\taliases\tcountry\tsectors\ttitle\tstart\tend\n"
VERBS = "lemma\twhen\tcameo\tconfidence\n"

MILITIA = ORGANISATIONS + "Raia Mutomboki\tRaia Mutomboki militia\tCOD\tPRM\t\torganisation\n"
MINISTER = LEADERS + "Jacquemain Shabani\tShabani\tCOD\tGOV;COP\tInterior Minister\t2024\t\n"
EXTORT = VERBS + "extort\t\t1711\t0.8\n"

REPORT = (
    "Raia Mutomboki fighters attacked an army post near Shabunda on Tuesday. "
    "Jacquemain Shabani condemned Rwanda on Wednesday. "
    "Raia Mutomboki fighters extorted Congolese traders in Shabunda."
)


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tables(tmp_path):
    return {
        "militia": write(tmp_path, "militia.tsv", MILITIA),
        "minister": write(tmp_path, "minister.tsv", MINISTER),
        "extort": write(tmp_path, "extort.tsv", EXTORT),
    }


def coded(coder: Coder, text: str = REPORT, day: str = "2025-03-04") -> list[tuple]:
    return [
        (event.source.code, event.cameo.code, event.trigger.text, event.target.code if event.target else None,
         event.rule)
        for event in coder.code(text, date=day)
    ]


def by_trigger(events: list[tuple], trigger: str) -> tuple:
    return next(event for event in events if event[2] == trigger)


def test_a_users_militia_minister_and_verb_are_coded_as_their_rows_say(tables):
    shipped = coded(Coder(min_confidence=0.0))
    own = coded(Coder(min_confidence=0.0, actors=[tables["militia"], tables["minister"]], verbs=[tables["extort"]]))
    assert by_trigger(shipped, "attacked")[0] != "CODPRM"
    assert by_trigger(own, "attacked")[0] == "CODPRM"
    assert by_trigger(shipped, "condemned")[0] != "CODGOV"
    assert by_trigger(own, "condemned")[:2] == ("CODGOV", "111")
    assert all(event[2] != "extorted" for event in shipped)  # no shipped row reads "extort"
    assert by_trigger(own, "extorted")[:2] == ("CODPRM", "1711")
    assert by_trigger(own, "extorted")[4].startswith("verb:extort@extort.tsv:2 ")


def test_an_office_holder_is_coded_by_the_term_held_on_the_document_date(tables):
    coder = Coder(min_confidence=0.0, actors=[tables["minister"]])
    text = "Jacquemain Shabani condemned Rwanda on Wednesday."
    assert by_trigger(coded(coder, text, "2025-03-04"), "condemned")[0] == "CODGOV"
    assert by_trigger(coded(coder, text, "2019-03-04"), "condemned")[0] == "CODELI"  # not in office then


def test_a_user_row_wins_over_the_shipped_row_and_the_first_user_row_over_later_ones(tmp_path):
    spies = write(tmp_path, "spies.tsv", ORGANISATIONS + "Kremlin\t\tRUS\tSPY\t\tseat\n")
    army = write(tmp_path, "army.tsv", ORGANISATIONS + "Kremlin\t\tRUS\tMIL\t\tseat\n")
    text = "The Kremlin condemned Japan on Monday."
    assert by_trigger(coded(Coder(min_confidence=0.0), text), "condemned")[0] == "RUSGOV"
    assert by_trigger(coded(Coder(min_confidence=0.0, actors=[spies, army]), text), "condemned")[0] == "RUSSPY"
    assert by_trigger(coded(Coder(min_confidence=0.0, actors=[army, spies]), text), "condemned")[0] == "RUSMIL"


def test_a_user_verb_row_replaces_the_shipped_row_with_the_same_conditions(tmp_path):
    denounce = write(tmp_path, "condemn.tsv", VERBS + "condemn\t\t112\t0.9\n")
    text = "Russia condemned Japan on Monday."
    assert by_trigger(coded(Coder(min_confidence=0.0), text), "condemned")[1] == "111"
    assert by_trigger(coded(Coder(min_confidence=0.0, verbs=[denounce]), text), "condemned")[1:3] == ("112", "condemned")


def test_a_user_no_event_row_switches_a_shipped_sense_off(tmp_path):
    no_condemning = write(tmp_path, "condemn.tsv", VERBS + "condemn\t\t-\t\n")
    assert read_table(LexiconFile("condemn.tsv", no_condemning.read_text())).problems == []
    text = "Russia condemned Japan on Monday."
    assert "condemned" in [event[2] for event in coded(Coder(min_confidence=0.0), text)]
    assert "condemned" not in [event[2] for event in coded(Coder(min_confidence=0.0, verbs=[no_condemning]), text)]


def test_worker_processes_load_the_same_user_tables(tables):
    coder = Coder(min_confidence=0.0, actors=[tables["militia"]], verbs=[tables["extort"]])
    documents = [Document(f"d{i}", REPORT, date=None) for i in range(3)]
    in_process = [[e.to_dict() for e in c.events] for c in coder.pipe(documents)]
    in_workers = [[e.to_dict() for e in c.events] for c in coder.pipe(documents, workers=2)]
    assert in_workers == in_process
    assert any(event["cameo"]["code"] == "1711" for event in in_workers[0])


@pytest.mark.slow
def test_dask_workers_load_the_same_user_tables(tables):
    from dyads.scale.cluster import DaskEngine

    coder = Coder(min_confidence=0.0, actors=[tables["militia"]], verbs=[tables["extort"]])
    documents = [Document("d1", REPORT, date=None)]
    with DaskEngine(workers=1) as engine:
        (on_dask,) = list(engine.code(coder, documents))
    assert [e.to_dict() for e in on_dask.events] == [e.to_dict() for e in coder.code_document(documents[0]).events]
    assert any(event.cameo.code == "1711" and event.source.code == "CODPRM" for event in on_dask.events)


def test_dyads_code_takes_actors_and_verbs_files(tmp_path, tables):
    report = write(tmp_path, "report.txt", REPORT)
    args = ["code", str(report), "--date", "2025-03-04"]
    plain = runner.invoke(app, args)
    own = runner.invoke(app, [*args, "--actors", str(tables["militia"]), "--verbs", str(tables["extort"])])
    assert plain.exit_code == own.exit_code == 0, own.output
    codes = {(e["source"]["code"], e["cameo"]["code"]) for e in map(json.loads, own.stdout.splitlines())}
    assert ("CODPRM", "1711") in codes
    assert ("CODPRM", "1711") not in {
        (e["source"]["code"], e["cameo"]["code"]) for e in map(json.loads, plain.stdout.splitlines())
    }


def test_a_table_that_cannot_be_loaded_is_a_usage_error_that_names_the_row(tmp_path):
    bad = write(tmp_path, "bad.tsv", ORGANISATIONS + "Raia Mutomboki\t\tXYZ\tPRM\t\torganisation\n")
    report = write(tmp_path, "report.txt", REPORT)
    result = runner.invoke(app, ["code", str(report), "--actors", str(bad)])
    assert result.exit_code == 2
    assert "bad.tsv:2: error: unknown country 'XYZ'" in result.output
    with pytest.raises(LexiconError):
        Coder(verbs=[bad])  # an organisations table given as verbs


def messages(text: str, name: str = "mine.tsv", *others: LexiconFile) -> list[str]:
    return [str(problem) for problem in check_files([*others, LexiconFile(name, text)])]


def test_check_reports_the_cells_a_row_gets_wrong():
    problems = [str(p) for p in read_table(LexiconFile("mine.tsv", LEADERS + (
        "A Minister\t\tCOD\tGOV\tMinister\t2020\t2019\n"
        "B Minister\t\tCOD\tGOV\tMinister\t20x0\t\n"
        "C Minister\t\tXYZ\tFOO\tMinister\t2020\t\n"
        "D Minister\tCOD\tGOV\n"
        "A Minister\t\tCOD\tGOV\tMinister\t2020\t2019\n"
    ))).problems]
    assert problems == [
        "mine.tsv:2: error: ends (2019) before it starts (2020)",
        "mine.tsv:3: error: start '20x0' is not a year like 2019",
        "mine.tsv:4: error: unknown country 'XYZ' (ISO 3166 alpha-3, as in data/actors/countries.tsv)",
        f"mine.tsv:4: error: unknown sector FOO (sectors are {' '.join(SECTORS)})",
        "mine.tsv:5: error: 3 columns, the header has 7 (columns are separated by one tab; an empty cell is still a column)",
        "mine.tsv:6: error: repeats line 2",
    ]
    without_end = read_table(LexiconFile("mine.tsv", LEADERS + "A Minister\t\tCOD\tGOV\tMinister\t2020\n"))
    assert without_end.problems == [] and without_end.rows[0]["end"] == ""  # an editor dropped the last tab
    (verb_problem,) = read_table(LexiconFile("v.tsv", VERBS + "extort\tobject=money\t999\t2\n")).problems[:1]
    assert "unknown CAMEO code '999'" in str(verb_problem)
    (header,) = read_table(LexiconFile("h.tsv", "name\tcountry\nX\tCOD\n")).problems
    assert "unknown header 'name country'" in str(header)


def test_check_says_which_rows_are_shadowed_or_override_shipped_ones():
    found = messages(ORGANISATIONS + (
        "Raia Mutomboki\tRM\tCOD\tPRM\t\torganisation\n"
        "Mutomboki Fighters\tRaia Mutomboki\tCOD\tREB\t\torganisation\n"
        "Raia Mutomboki Brigade\tRaia Mutomboki\tCOD\tREB\t\torganisation\n"
        "Kremlin\t\tRUS\tSPY\t\tseat\n"
    ))
    assert "mine.tsv:3: warning: shadowed by an earlier row: 'Raia Mutomboki' by mine.tsv:2" in found
    assert (
        "mine.tsv:5: note: 'Kremlin' overrides the shipped seat 'Kremlin' (actors/organisations.tsv), code RUSGOV"
        in found
    )
    earlier = LexiconFile("first.tsv", ORGANISATIONS + "Raia Mutomboki\t\tCOD\tPRM\t\torganisation\n")
    (shadowed,) = messages(ORGANISATIONS + "Raia Mutomboki\t\tCOD\tREB\t\torganisation\n", "mine.tsv", earlier)
    assert shadowed == "mine.tsv:2: error: shadowed by an earlier row: 'Raia Mutomboki' by first.tsv:2"


def test_check_finds_verb_rows_that_never_match_or_are_shadowed():
    found = messages(VERBS + (
        "extort\t\t1711\t0.8\n"
        "extort\t\t1712\t0.8\n"  # the same sense again: never reached
        "attacked\t\t190\t0.8\n"  # a past tense: the lemmatizer never gives it
        "stage\tobj=attacks\t190\t0.6\n"  # "staged" is lemmatised "stag"; objects are compared by lemma
        "condemn\t\t112\t0.9\n"
    ))
    assert "mine.tsv:3: error: shadowed: verb:extort@mine.tsv:2 (CAMEO 1711) is tried first and " \
           "matches wherever this row would" in found
    assert any(m.startswith("mine.tsv:4: error: 'attacked' never matches: ") for m in found)
    assert any(m.startswith("mine.tsv:5: warning: some forms miss the row: ") and "'staged' is lemmatised 'stag'"
               in m for m in found)
    assert "mine.tsv:5: warning: conditions are on lemmas: obj=attacks never holds: the lemmatizer makes " \
           "'attacks' 'attack'" in found
    assert "mine.tsv:6: note: replaces the shipped row verb:condemn (CAMEO 111)" in found
    assert not any(m.startswith("mine.tsv:2:") for m in found)


def test_check_finds_names_that_match_too_much_or_not_in_lower_case_text():
    found = messages(ORGANISATIONS + "Raia Mutomboki\tRM;the\tCOD\tPRM\t\torganisation\n")
    assert "mine.tsv:2: warning: 'the' is an everyday word: every 'the' in a text becomes this actor" in found
    assert any(m.startswith("mine.tsv:2: warning: 'RM' never matches in all-lower-case text") for m in found)
    assert not any("'Raia Mutomboki'" in m for m in found)


def test_dyads_lexicon_check_exits_non_zero_on_errors_only(tmp_path, tables):
    good = runner.invoke(app, ["lexicon", "check", str(tables["militia"]), str(tables["extort"])])
    assert good.exit_code == 0, good.output
    assert "2 files: 0 errors" in good.output
    bad = write(tmp_path, "bad.tsv", VERBS + "extort\t\t999\t0.8\n")
    failed = runner.invoke(app, ["lexicon", "check", str(bad)])
    assert failed.exit_code == 1
    assert "bad.tsv:2: error unknown CAMEO code '999'" in failed.output
