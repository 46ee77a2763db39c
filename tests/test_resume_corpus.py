"""A generator of short invented news reports for the resume, Dask and scale tests (and its own tests)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from dyads.model import Document

COUNTRIES = [
    ("Russia", "Russian", "Moscow"),
    ("China", "Chinese", "Beijing"),
    ("Japan", "Japanese", "Tokyo"),
    ("India", "Indian", "New Delhi"),
    ("Pakistan", "Pakistani", "Islamabad"),
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Turkey", "Turkish", "Ankara"),
    ("Ukraine", "Ukrainian", "Kyiv"),
    ("Egypt", "Egyptian", "Cairo"),
]

EVENT_SENTENCES = [
    "{A} condemned {B} for the shelling of a border village on {day}.",
    "The {a} foreign minister visited {B} on {day} for two days of talks.",
    "{A} and {B} signed an agreement on fishing rights in {capital_a}.",
    "The {a} president met with the {b} prime minister in {capital_b} on {day}.",
    "{A} criticized {B} over the arrest of three journalists.",
    "Officials in {capital_a} said {A} would send troops to the border with {B}.",
    "{A} accused {B} of supplying weapons to rebels in the north.",
    "The {b} ambassador was summoned by {A} after the incident.",
    "{A} agreed to resume trade talks with {B} next month.",
    "Police in {capital_a} arrested forty protesters outside the {b} embassy on {day}.",
]
CONTEXT_SENTENCES = [
    "Markets in {capital_a} were calm after the announcement.",
    "The talks lasted more than three hours, according to a spokesman.",
    "Analysts said the move had been expected for weeks.",
    "Neither side gave details of the schedule.",
    "The statement was read out on state television.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def synthetic_reports(count: int, seed: int = 7, prefix: str = "synthetic") -> list[Document]:
    """`count` invented reports with distinct ids, two to five sentences each; the same for the same seed."""
    rng = random.Random(seed)
    documents = []
    for number in range(count):
        (country_a, adjective_a, capital_a), (country_b, adjective_b, capital_b) = rng.sample(COUNTRIES, 2)
        names = {
            "A": country_a,
            "a": adjective_a,
            "capital_a": capital_a,
            "B": country_b,
            "b": adjective_b,
            "capital_b": capital_b,
            "day": rng.choice(DAYS),
        }
        sentences = rng.sample(EVENT_SENTENCES, rng.randint(1, 3)) + rng.sample(
            CONTEXT_SENTENCES, rng.randint(1, 2)
        )
        rng.shuffle(sentences)
        documents.append(
            Document(
                id=f"{prefix}-{number:05d}",
                text=" ".join(sentence.format(**names) for sentence in sentences),
                date=date(2002, 3, 1) + timedelta(days=rng.randrange(60)),
                title=f"{country_a} and {country_b}",
                source="Invented Wire",
            )
        )
    return documents


def write_jsonl(documents: list[Document], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for document in documents:
            record = {"id": document.id, "text": document.text, "date": document.date.isoformat()}
            handle.write(json.dumps(record) + "\n")
    return path


def test_synthetic_reports_are_reproducible_with_distinct_ids():
    first, again = synthetic_reports(50), synthetic_reports(50)
    assert [d.text for d in first] == [d.text for d in again]
    assert len({d.id for d in first}) == 50
    assert len({d.text for d in first}) > 40
