"""The VOA benchmark corpus (`benchmarks/voa/`): every story has its header and credit, every annotation
passes the codebook's mechanical checks, and every story is in exactly one split, the one its id hashes to."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from dyads.evaluate.corpus import SPLITS, check_annotation, read_splits, split_of, story_text
from dyads.evaluate.gold import SPLITS_FILE, read_corpus
from dyads.ingest import ReadReport, read_path
from dyads.ingest.txt import split_header

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "voa"
STORIES = sorted(CORPUS.glob("*.txt"))
ANNOTATIONS = sorted(CORPUS.glob("*.expected.jsonl"))
SECOND_ANNOTATIONS = sorted((CORPUS / "second").glob("*.expected.jsonl"))
FIRST_ANNOTATIONS = sorted((CORPUS / "first").glob("*.expected.jsonl"))  # before adjudication


def test_the_corpus_is_there():
    assert len(STORIES) >= 100
    assert ANNOTATIONS


@pytest.mark.parametrize("story", STORIES, ids=lambda path: path.stem)
def test_every_story_has_its_header_and_reads_with_its_date(story):
    metadata, body = split_header(story.read_text(encoding="utf-8"))
    assert {"Title", "Date", "URL", "Credit"} <= metadata.keys()
    assert "voa" in metadata["URL"] or "globalsecurity.org" in metadata["URL"]
    assert "Voice of America" in metadata["Credit"]
    assert body.strip()
    (document,) = read_path(story, ReadReport())
    assert document.date is not None and document.date.isoformat() == metadata["Date"]
    assert document.text == body


@pytest.mark.parametrize(
    "annotation", ANNOTATIONS + SECOND_ANNOTATIONS + FIRST_ANNOTATIONS, ids=lambda path: str(path.relative_to(CORPUS))
)
def test_every_annotation_passes_the_codebook_checks(annotation):
    assert check_annotation(annotation) == []


def test_every_story_is_in_exactly_one_split_the_one_its_id_hashes_to():
    with open(CORPUS / SPLITS_FILE, encoding="utf-8", newline="") as rows:
        listed = [row["id"] for row in csv.DictReader(rows, delimiter="\t")]
    assert sorted(listed) == sorted(path.stem for path in STORIES)
    assert len(set(listed)) == len(listed)
    splits = read_splits(CORPUS / SPLITS_FILE)
    assert all(splits[doc_id] == split_of(doc_id) for doc_id in splits)
    assert set(splits.values()) == set(SPLITS)


def test_every_story_is_annotated_and_double_annotations_come_in_pairs():
    assert {path.name.removesuffix(".expected.jsonl") for path in ANNOTATIONS} == {path.stem for path in STORIES}
    assert {path.name for path in SECOND_ANNOTATIONS} <= {path.name for path in FIRST_ANNOTATIONS}


def test_split_assignment_is_stable_and_near_60_20_20():
    counts = Counter(split_of(f"voa-{number}") for number in range(10_000))
    assert abs(counts["train"] / 10_000 - 0.6) < 0.02
    assert abs(counts["dev"] / 10_000 - 0.2) < 0.02
    assert split_of("voa-565862") == split_of("voa-565862")


def test_corpus_reader_yields_the_annotated_documents_of_one_split(tmp_path):
    body = "Freedonia and Sylvania signed a border treaty in Geneva on Monday."
    for doc_id in ("doc-a", "doc-b", "doc-c"):
        (tmp_path / f"{doc_id}.txt").write_text(f"Title: T\nDate: 2010-03-03\n\n{body}\n", encoding="utf-8")
    entry = {
        "id": "treaty", "status": "required", "quote": "signed a border treaty in Geneva", "source": "FRE",
        "target": "SYL", "cameo": ["057"], "plover": "SUPPORT", "mode": "", "modality": "actual",
    }  # fmt: skip
    for doc_id in ("doc-a", "doc-b"):
        (tmp_path / f"{doc_id}.expected.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    (tmp_path / SPLITS_FILE).write_text("id\tsplit\ndoc-a\tdev\ndoc-b\ttest\ndoc-c\tdev\n", encoding="utf-8")
    (document,) = read_corpus(tmp_path, "dev")  # doc-c is not annotated yet
    assert document.document.id == "doc-a" and document.expected[0].plover == "SUPPORT"
    assert story_text(tmp_path / "doc-a.txt") == body + "\n"
    assert check_annotation(tmp_path / "doc-a.expected.jsonl") == []


def test_the_checks_catch_what_the_codebook_forbids(tmp_path):
    (tmp_path / "doc.txt").write_text("Date: 2010-03-03\n\nRuritania shelled Freedonia. Ruritania shelled Freedonia.\n")
    bad = [
        {"id": "a", "status": "required", "quote": "Ruritania shelled Freedonia.", "source": "RUT",
         "cameo": ["194"], "plover": "ASSAULT", "mode": "", "modality": "actual"},
        {"id": "a", "status": "maybe", "quote": "shelled Freedonia all night long", "source": "Ruritania",
         "cameo": ["999"], "plover": "FIGHT", "modality": "certain"},
    ]  # fmt: skip
    (tmp_path / "doc.expected.jsonl").write_text("\n".join(json.dumps(entry) for entry in bad) + "\nnot json\n")
    problems = "\n".join(check_annotation(tmp_path / "doc.expected.jsonl"))
    for expected in (
        "occurs 2 times", "occurs 0 times", "used twice", "status 'maybe'", "modality 'certain'",
        "unknown CAMEO code '999'", "PLOVER type 'FIGHT'", "no 'mode'", "'Ruritania' is not an ISO",
        "quote has 3 words", "not JSON",
    ):  # fmt: skip
        assert expected in problems
