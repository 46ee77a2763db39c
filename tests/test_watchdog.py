"""The worker watchdog: a document that hangs or kills its process costs only itself."""

from __future__ import annotations

import os
import time

import pytest
from spacy.language import Language

from dyads import nlp as pipeline
from dyads.coder import Coder
from dyads.ingest.limits import DocumentLimits
from dyads.model import Document

REPORT = "Egypt condemned the attack on the embassy in Cairo on Monday, officials said."


@Language.component("test_saboteur")
def saboteur(doc):
    if "HANG" in doc.text:
        time.sleep(3600)
    if "CRASH" in doc.text:
        os._exit(3)  # what a segfault or the out-of-memory killer does to a worker
    return doc


@pytest.fixture(scope="module")
def sabotaged_coder() -> Coder:
    coder = Coder(batch_size=4, limits=DocumentLimits(max_seconds=3))
    nlp = pipeline.load()
    nlp.add_pipe("test_saboteur", first=True)
    coder._nlp = nlp  # forked workers inherit this pipeline
    return coder


def corpus() -> list[Document]:
    documents = [Document(f"good-{n}", REPORT) for n in range(10)]
    documents.insert(3, Document("hangs", f"HANG {REPORT}"))
    documents.insert(8, Document("crashes", f"CRASH {REPORT}"))
    return documents


@pytest.mark.parametrize("workers", [1, 2])
def test_a_hanging_or_crashing_document_is_skipped_and_the_rest_coded(sabotaged_coder, workers):
    started = time.monotonic()
    coded = list(sabotaged_coder.pipe(corpus(), workers=workers))
    assert time.monotonic() - started < 60
    assert [item.document.id for item in coded] == [document.id for document in corpus()]  # input order
    errors = {item.document.id: item.error for item in coded if item.error}
    assert set(errors) == {"hangs", "crashes"}
    assert "time limit" in errors["hangs"]
    assert "died" in errors["crashes"]
    good = [item for item in coded if not item.error]
    assert all(item.events and item.events[0].cameo.code.startswith("11") for item in good)


def test_workers_code_the_same_events_as_this_process():
    coder = Coder(batch_size=3)
    documents = [Document(f"d{n}", f"{REPORT} Talks followed in Rome.") for n in range(7)]
    here = [[event.to_dict() for event in item.events] for item in coder.pipe(documents)]
    there = [[event.to_dict() for event in item.events] for item in coder.pipe(documents, workers=2)]
    assert here == there and all(here)
