"""Resumable runs: the Parquet dataset's commit protocol, and `dyads code --db/--out-dir` killed with
SIGKILL at random points and started again, compared with an uninterrupted run."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from dyads.coder import CodedDocument, Coder
from dyads.export.store import Store
from dyads.scale import ParquetDataset, ResumableRun
from dyads.scale.dataset import JOURNAL, DatasetLocked
from test_resume_corpus import synthetic_reports, write_jsonl

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.fixture(scope="module")
def coded(coder) -> list[CodedDocument]:
    return list(coder.pipe(synthetic_reports(40, seed=11)))


def dataset_events(path: Path) -> list[str]:
    """Every event record in the dataset's final files (what a Parquet reader sees)."""
    if not any((path / "events").glob("part-*.parquet")):
        return []
    rows = duckdb.sql(f"SELECT record FROM read_parquet('{path}/events/part-*.parquet')").fetchall()
    return [canonical(json.loads(record)) for (record,) in rows]


def dataset_documents(path: Path) -> list[str]:
    if not any((path / "documents").glob("part-*.parquet")):
        return []
    return [
        doc_id for (doc_id,) in duckdb.sql(f"SELECT doc_id FROM '{path}/documents/part-*.parquet'").fetchall()
    ]


def test_dataset_commits_each_document_once(tmp_path, coded):
    with ParquetDataset(tmp_path) as dataset:
        first = dataset.add(coded[:25])
        again = dataset.add(coded[20:])
    assert (first.added, again.added, again.skipped) == (25, 15, 5)
    with ParquetDataset(tmp_path) as reopened:
        assert reopened.done() == {(c.document.id, c.document.content_hash) for c in coded}
    assert sorted(dataset_documents(tmp_path)) == sorted(c.document.id for c in coded)
    expected = sorted(canonical(e.to_dict()) for c in coded for e in c.events)
    assert sorted(dataset_events(tmp_path)) == expected


def test_dataset_leaves_failed_documents_for_the_next_run(tmp_path, coded):
    failed = CodedDocument(coded[0].document, [], error="still coding after 1 s, the time limit")
    with ParquetDataset(tmp_path) as dataset:
        result = dataset.add([failed, *coded[1:3]])
        assert (result.added, result.failed) == (2, 1)
        assert (coded[0].document.id, coded[0].document.content_hash) not in dataset.done()


def test_dataset_recovers_from_a_crash_at_each_step_of_a_commit(tmp_path, coded):
    with ParquetDataset(tmp_path) as dataset:
        dataset.add(coded[:10])
        dataset.add(coded[10:20])
    # killed after the journal line (the commit) but before the renames: the next open finishes them
    for table in ("events", "documents"):
        os.replace(tmp_path / table / "part-000002.parquet", tmp_path / table / ".part-000002.parquet.tmp")
    # killed before the commit of part 3: its temporary files are left, and half a journal line
    for table in ("events", "documents"):
        (tmp_path / table / ".part-000003.parquet.tmp").write_bytes(b"PAR1 truncated")
    with open(tmp_path / JOURNAL, "a") as journal:
        journal.write('{"part": 3, "documents": [["synth')
    with ParquetDataset(tmp_path) as dataset:
        assert len(dataset.done()) == 20
        assert sorted(p.name for p in (tmp_path / "events").iterdir()) == [
            "part-000001.parquet",
            "part-000002.parquet",
        ]
        dataset.add(coded[20:])
    assert (tmp_path / JOURNAL).read_text().count("\n") == 3
    assert sorted(dataset_documents(tmp_path)) == sorted(c.document.id for c in coded)


def test_dataset_has_one_writer_at_a_time(tmp_path):
    with ParquetDataset(tmp_path), pytest.raises(DatasetLocked):
        ParquetDataset(tmp_path, lock_wait=0.2)


def test_resumed_run_codes_only_what_no_output_holds(tmp_path, coder):
    documents = synthetic_reports(30, seed=5)
    with Store(tmp_path / "events.duckdb") as store, ParquetDataset(tmp_path / "out") as dataset:
        store.add(coder.pipe(documents[:10]))  # a previous run reached the store only
        run = ResumableRun([store, dataset], coder, batch_size=8)
        coded = list(run.code(documents + documents[:3]))  # the input repeats three documents
        assert run.already_done == 3
        assert [c.document.id for c in coded] == [d.id for d in documents]  # dataset still lacked all
        assert store.count_documents() == len(documents) == len(dataset.done())
        again = ResumableRun([store, dataset], coder)
        assert list(again.code(documents)) == []
        assert again.stored_before == again.already_done == len(documents)


# SIGKILL at random points, then resume --------------------------------------------------------------

CORPUS_SIZE = 240
KILLS = 8


def dyads_code(*arguments: str | Path) -> list[str]:
    return [sys.executable, "-c", "from dyads.cli import app; app()", "code", *map(str, arguments)]


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }


def store_events(path: Path) -> list[str]:
    with Store(path, read_only=True) as store:
        return [canonical(event.to_dict()) for batch in store.iter_events() for event in batch]


def canonical(record: dict) -> str:
    return json.dumps(record, sort_keys=True)


def store_documents(path: Path) -> list[str]:
    with Store(path, read_only=True) as store:
        return [doc_id for doc_id, _ in store.done()]


def events_by_document(records: list[str]) -> dict[str, Counter]:
    grouped: dict[str, Counter] = {}
    for record in records:
        grouped.setdefault(json.loads(record)["doc_id"], Counter())[record] += 1
    return grouped


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    """The corpus, an uninterrupted run's store and dataset, and how long starting and coding take."""
    folder = tmp_path_factory.mktemp("uninterrupted")
    corpus = write_jsonl(synthetic_reports(CORPUS_SIZE, seed=3), folder / "corpus.jsonl")
    one = write_jsonl(synthetic_reports(1, seed=3), folder / "one.jsonl")
    started = time.perf_counter()
    subprocess.run(
        dyads_code(one, "-o", folder / "one.events.jsonl"),
        env=environment(),
        check=True,
        stderr=subprocess.DEVNULL,
    )
    startup = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run(
        dyads_code(corpus, "--db", folder / "events.duckdb", "--out-dir", folder / "out", "--batch-size", 16),
        env=environment(),
        check=True,
        stderr=subprocess.DEVNULL,
    )
    coding = time.perf_counter() - started - startup
    return corpus, folder / "events.duckdb", folder / "out", startup, max(coding, 0.5)


@pytest.mark.slow
@pytest.mark.parametrize("output", ["--db", "--out-dir"])
def test_killed_runs_resume_to_the_uninterrupted_result(tmp_path, uninterrupted, output):
    corpus, reference_db, reference_dir, startup, coding = uninterrupted
    if output == "--db":
        target, read_events, read_documents = tmp_path / "events.duckdb", store_events, store_documents
        reference = store_events(reference_db)
    else:
        target, read_events, read_documents = tmp_path / "out", dataset_events, dataset_documents
        reference = dataset_events(reference_dir)
        assert sorted(reference) == sorted(store_events(reference_db))
    reference_by_document = events_by_document(reference)
    seed = int(os.environ.get("DYADS_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    stored_after_kills = []
    window = coding

    def cut_mid_run() -> bool:
        return any(0 < count < CORPUS_SIZE for count in stored_after_kills)

    def start_over() -> None:  # no run was cut mid-way yet: begin again and kill sooner
        nonlocal window
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
            target.with_name(target.name + ".wal").unlink(missing_ok=True)
        stored_after_kills.clear()
        window /= 2

    for _ in range(KILLS):
        process = subprocess.Popen(
            dyads_code(corpus, output, target, "--batch-size", 16),
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            process.wait(timeout=startup + rng.uniform(0.0, window))
            if cut_mid_run():
                break  # it finished before its kill, after an earlier run was cut: resumption was exercised
            start_over()
            continue
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
        if output == "--out-dir":
            ParquetDataset(target).close()  # what the next run does first: finish or drop a cut commit
        elif not target.exists():
            continue  # killed before it created the store (a slow start on a loaded machine)
        stored = read_documents(target)
        # never inconsistent: each stored document has exactly its events, once
        assert len(set(stored)) == len(stored), f"seed {seed}"
        assert events_by_document(read_events(target)) == {
            doc_id: reference_by_document[doc_id] for doc_id in stored if doc_id in reference_by_document
        }, f"seed {seed}"
        if len(stored) == CORPUS_SIZE and not cut_mid_run():
            start_over()  # killed after the last document was stored: nothing was left to resume
            continue
        stored_after_kills.append(len(stored))
    finished = subprocess.run(
        dyads_code(corpus, output, target, "--batch-size", 16),
        env=environment(),
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert finished.returncode == 0, finished.stderr
    assert stored_after_kills == sorted(stored_after_kills), f"seed {seed}"
    assert any(0 < count < CORPUS_SIZE for count in stored_after_kills), (
        f"{stored_after_kills}, {startup}, {coding}; seed {seed}"
    )
    assert Counter(read_events(target)) == Counter(reference), f"seed {seed}"
    assert sorted(read_documents(target)) == sorted(store_documents(reference_db))
    if stored_after_kills and stored_after_kills[-1]:
        assert "already stored" in finished.stderr
