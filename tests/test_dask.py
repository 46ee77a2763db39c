"""The Dask engine (a LocalCluster of 2 worker processes) codes the same events as one process."""

from __future__ import annotations

import json
import subprocess

import duckdb
import pytest

from dyads.coder import Coder
from dyads.ingest.limits import DocumentLimits
from dyads.model import Document
from dyads.scale import ParquetDataset, ResumableRun
from dyads.scale.cluster import DaskEngine
from test_resume import dyads_code, environment
from test_resume_corpus import synthetic_reports, write_jsonl

LIMITS = DocumentLimits(piece_chars=2_000)


def corpus() -> list[Document]:
    documents = synthetic_reports(90, seed=17, prefix="dask")
    long_text = "\n\n".join(document.text for document in synthetic_reports(20, seed=18))
    return [*documents, Document("dask-long", long_text)]  # coded in pieces on a worker


def canonical_events(coded_documents) -> list[str]:
    return sorted(
        json.dumps(event.to_dict(), sort_keys=True) for coded in coded_documents for event in coded.events
    )


@pytest.fixture(scope="module")
def single_process_events() -> list[str]:
    return canonical_events(Coder(limits=LIMITS).pipe(corpus()))


@pytest.mark.slow
def test_dask_workers_code_the_same_events_as_one_process(tmp_path, single_process_events):
    coder = Coder(limits=LIMITS, batch_size=8)
    with DaskEngine(workers=2, partition_size=8) as engine, ParquetDataset(tmp_path) as dataset:
        assert len(engine.client.nthreads()) == 2
        coded = list(ResumableRun([dataset], coder, engine, batch_size=16).code(corpus()))
        assert sorted(c.document.id for c in coded) == sorted(d.id for d in corpus())
        assert len(dataset.done()) == len(coded)
    assert single_process_events  # the comparison means something only if events were coded
    assert canonical_events(coded) == single_process_events
    stored = duckdb.sql(f"SELECT record FROM '{tmp_path}/events/*.parquet'").fetchall()
    assert (
        sorted(json.dumps(json.loads(record), sort_keys=True) for (record,) in stored)
        == single_process_events
    )


@pytest.mark.slow
def test_dyads_code_with_the_dask_engine_writes_what_a_local_run_writes(tmp_path):
    source = write_jsonl(synthetic_reports(24, seed=19, prefix="cli"), tmp_path / "corpus.jsonl")
    for engine, workers in (("local", 1), ("dask", 2)):
        subprocess.run(
            dyads_code(source, "--engine", engine, "--workers", workers, "--out-dir", tmp_path / engine),
            env=environment(),
            check=True,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )
    local, distributed = (
        sorted(duckdb.sql(f"SELECT event_id, record FROM '{tmp_path / engine}/events/*.parquet'").fetchall())
        for engine in ("local", "dask")
    )
    assert local and local == distributed


@pytest.mark.slow
def test_a_dask_worker_abandons_a_document_over_the_time_limit_and_codes_the_rest():
    # over 100,000 characters: coded in pieces, so the limit holds whether the watched process or the
    # worker itself codes it (it takes well over 3 s on any machine)
    slow = Document("slow", "\n\n".join(document.text for document in synthetic_reports(1500, seed=21)))
    documents = [*synthetic_reports(6, seed=22, prefix="quick"), slow]
    coder = Coder(batch_size=4, limits=DocumentLimits(max_seconds=3))
    with DaskEngine(workers=1, partition_size=4) as engine:
        coded = {item.document.id: item for item in engine.code(coder, documents)}
    assert set(coded) == {document.id for document in documents}
    assert "time limit" in (coded["slow"].error or "")
    assert not any(item.error for doc_id, item in coded.items() if doc_id != "slow")
    assert any(item.events for item in coded.values())
