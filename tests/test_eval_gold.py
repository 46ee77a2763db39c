"""Gold format detection and readers, on tiny gold files written here (invented sentences)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dyads.evaluate.gold import (
    SEED_DATE,
    GoldFormatError,
    detect_format,
    read_actor_phrases,
    read_cameo,
    read_document,
    read_pentaclass,
    read_plover,
)
from dyads.evaluate.run import gold_files

ARTICLE = (
    "Publication: Harbour Review Issue: 7\n\n"
    "Ruritania recalled its ambassador from Freedonia on Monday. "
    "The two governments later signed a fisheries accord.\n"
)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    lines = ["\t".join(header), *("\t".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def document_gold(tmp_path: Path) -> Path:
    (tmp_path / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    return write_jsonl(
        tmp_path / "harbour.expected.jsonl",
        [
            {"id": "recall", "status": "required", "quote": "recalled its ambassador", "source": "RUT",
             "target": "FRE", "cameo": ["161"], "modality": "actual"},
            {"id": "accord", "status": "optional", "quote": "signed a fisheries accord", "source": ["RUT", "FRE"],
             "target": ["RUT", "FRE"], "cameo": ["05", "057"], "reciprocal": True},
        ],
    )  # fmt: skip


@pytest.fixture
def plover_gold(tmp_path: Path) -> Path:
    return write_jsonl(
        tmp_path / "plover.jsonl",
        [
            {"id": "p1", "date": "2001-02-03", "event": "DISAPPROVE", "text": "Freedonia scolded Ruritania.",
             "source": [{"actorText": "Freedonia", "code": "FRE", "sector": "GOVfre"}],
             "target": [{"actorText": "Ruritania", "code": "RUT", "sector": "***"}]},
            {"id": "p2", "date": "", "event": "AGREE", "text": "Ruritania and Sylvania agreed on a truce.",
             "source": [{"actorText": "Ruritania", "code": "RUT"}, {"actorText": "Sylvania", "code": "SYL"}],
             "target": ""},
        ],
    )  # fmt: skip


def test_detects_every_format(tmp_path: Path, document_gold: Path, plover_gold: Path):
    cameo = write_tsv(tmp_path / "c.tsv", ["code", "name", "example"], [["042", "Make a visit", "X went."]])
    five = write_tsv(tmp_path / "f.tsv", ["text", "label"], [["Ruritania shelled the border.", "4"]])
    phrases = write_tsv(
        tmp_path / "a.tsv",
        ["test", "method", "text", "context", "date", "expectations"],
        [["t", "m", "x", "", "", "{}"]],
    )
    assert detect_format(document_gold) == "document"
    assert detect_format(plover_gold) == "plover"
    assert detect_format(cameo) == "cameo"
    assert detect_format(five) == "pentaclass"
    assert detect_format(phrases) == "actor_phrases"


def test_unknown_format_says_which_formats_exist(tmp_path: Path):
    other = write_tsv(tmp_path / "other.tsv", ["a", "b"], [["1", "2"]])
    with pytest.raises(GoldFormatError, match="CAMEO examples"):
        detect_format(other)
    with pytest.raises(GoldFormatError):
        detect_format(write_jsonl(tmp_path / "events.jsonl", [{"id": 1, "text": "no gold here"}]))


def test_folders_yield_only_gold_files(tmp_path: Path, document_gold: Path, plover_gold: Path):
    write_tsv(tmp_path / "notes.tsv", ["a", "b"], [["1", "2"]])
    assert list(gold_files([tmp_path])) == [document_gold, plover_gold]


def test_document_reader_strips_header_and_defaults_the_date(document_gold: Path):
    annotated = read_document(document_gold)
    assert annotated.document.text.startswith("Ruritania recalled")
    assert annotated.document.date == SEED_DATE
    assert read_document(document_gold, date(2020, 1, 2)).document.date == date(2020, 1, 2)
    recall, accord = annotated.expected
    assert (recall.sources, recall.targets, recall.modality, recall.reciprocal) == (
        ["RUT"],
        ["FRE"],
        "actual",
        False,
    )
    assert (accord.status, accord.targets, accord.modality, accord.reciprocal) == (
        "optional", ["RUT", "FRE"], None, True,
    )  # fmt: skip


def test_document_reader_needs_the_text(tmp_path: Path):
    gold = write_jsonl(tmp_path / "lonely.expected.jsonl", [{"id": "x", "status": "required", "quote": "q"}])
    with pytest.raises(GoldFormatError, match="lonely.txt"):
        read_document(gold)


def test_plover_reader_maps_older_types_and_sectors(plover_gold: Path):
    first, second = read_plover(plover_gold)
    assert first.event_type == "ACCUSE"
    assert first.date == date(2001, 2, 3)
    assert [(a.country, a.sector) for a in first.sources] == [("FRE", "GOV")]
    assert [(a.country, a.sector) for a in first.targets] == [("RUT", None)]  # "***" is unknown
    assert second.targets == [] and second.date is None
    assert [a.country for a in second.sources] == ["RUT", "SYL"]


def test_cameo_reader_strips_codebook_notes(tmp_path: Path):
    path = write_tsv(
        tmp_path / "c.tsv",
        ["code", "name", "example"],
        [["0312", "Intend cooperation", "Ruritania offered Freedonia grain. Note: coded once per offer."]],
    )
    (example,) = read_cameo(path)
    assert (example.code, example.text) == ("0312", "Ruritania offered Freedonia grain.")


def test_pentaclass_reader(tmp_path: Path):
    path = write_tsv(tmp_path / "f.tsv", ["text", "label"], [["Ruritania shelled the border.", "4"]])
    assert [(s.text, s.label) for s in read_pentaclass(path)] == [("Ruritania shelled the border.", 4)]


def test_actor_phrase_expectations(tmp_path: Path):
    expectations = [
        {"country": [["Eq", "RUT"]], "code_1": [["Eq", "MIL"]]},
        {"code_1": [["In", ["REB", "OPP"]]], "wiki": [["Eq", "Freedonian Front"]]},
        {"code": [["Is", None]]},
    ]
    rows = [
        [f"t{i}", "agent_to_code", f"phrase {i}", "", "", json.dumps(e)] for i, e in enumerate(expectations)
    ]
    path = write_tsv(tmp_path / "a.tsv", ["test", "method", "text", "context", "date", "expectations"], rows)
    army, front, nobody = read_actor_phrases(path)
    assert (army.country, army.sectors, army.no_actor) == ("RUT", ["MIL"], False)
    assert (front.country, front.sectors) == (None, ["REB", "OPP"])
    assert (nobody.country, nobody.sectors, nobody.no_actor) == (None, None, True)
