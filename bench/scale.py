"""Scale: throughput with 1 and 2 Dask workers, and flat memory on an input ten batches long.

    PYTHONPATH=src .venv/bin/python bench/scale.py [--limit N] [--batches 10] [--batch-size 64]

Throughput: the first `--limit` news articles (default 300; 0 for all 1,257) coded by a Dask
LocalCluster of 1, then 2 single-threaded worker processes into a Parquet dataset. Cluster start and
pipeline loading are timed apart from coding.

Memory: `dyads code CORPUS --out-dir DIR --batch-size B` in a separate process on an input of one batch,
then of `--batches` batches (the news corpus repeated with new ids as often as needed). The RSS of the
process and its worker is sampled every 0.2 s; the figures printed are the RSS when the first, the middle
and the last batch was committed, and the peak. Flat memory: the peak on ten batches is that on one batch.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from itertools import cycle, islice
from pathlib import Path

import psutil
from corpus import REPO, news_documents, require_shared
from memory import tree_memory

from dyads.coder import Coder
from dyads.model import Document
from dyads.scale import ParquetDataset, ResumableRun
from dyads.scale.cluster import DaskEngine
from dyads.scale.dataset import JOURNAL

POLL_SECONDS = 0.2
MB = 1024 * 1024


def dask_throughput(documents: list[Document], workers: int) -> tuple[float, float]:
    """(seconds to start the cluster and load the pipeline on every worker, seconds to code)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch, DaskEngine(workers=workers) as engine:
        list(engine.code(Coder(), documents[:workers]))  # every worker has loaded its pipeline
        ready = time.perf_counter()
        with ParquetDataset(scratch) as dataset:
            coded = list(ResumableRun([dataset], Coder(), engine).code(documents))
        assert len(coded) == len(documents)
        return ready - started, time.perf_counter() - ready


def repeated_corpus(documents: list[Document], count: int, path: Path) -> Path:
    """`count` records: the articles over and over, each repeat under new ids."""
    with open(path, "w", encoding="utf-8") as handle:
        for number, document in enumerate(islice(cycle(documents), count)):
            repeat = replace(document, id=f"{document.id}~{number // len(documents)}")
            record = {"id": repeat.id, "text": repeat.text, "date": repeat.date and repeat.date.isoformat()}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def memory_over_time(corpus: Path, batch_size: int) -> tuple[list[tuple[int, float]], float, float]:
    """RSS (MB) when each batch was committed, the peak RSS (MB), and the wall time of the run."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        command = [
            sys.executable, "-c", "from dyads.cli import app; app()",
            "code", str(corpus), "--out-dir", str(out), "--batch-size", str(batch_size),
        ]  # fmt: skip
        environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        started = time.perf_counter()
        child = subprocess.Popen(
            command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        process = psutil.Process(child.pid)
        at_commit: list[tuple[int, float]] = []
        peak = 0.0
        while child.poll() is None:
            try:
                rss = tree_memory(process)[0] / MB  # the coding run and its worker process
            except psutil.NoSuchProcess:
                break
            peak = max(peak, rss)
            journal = out / JOURNAL
            committed = journal.read_bytes().count(b"\n") if journal.exists() else 0
            if committed and (not at_commit or at_commit[-1][0] < committed):
                at_commit.append((committed, rss))
            time.sleep(POLL_SECONDS)
        if child.returncode not in (0, 1):
            raise SystemExit(f"dyads code failed with status {child.returncode}")
        return at_commit, peak, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="articles for the throughput runs (0: all)")
    parser.add_argument("--batches", type=int, default=10, help="batches in the long memory run")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--skip-throughput", action="store_true")
    arguments = parser.parse_args()
    require_shared()
    articles = news_documents()
    words = sum(len(document.text.split()) for document in articles) / len(articles)
    print(
        f"news corpus: {len(articles):,} articles, {words:.0f} words each on average; {os.cpu_count()} CPUs"
    )

    if not arguments.skip_throughput:
        documents = articles[: arguments.limit or None]
        rates = {}
        for workers in (1, 2):
            startup, seconds = dask_throughput(documents, workers)
            rates[workers] = len(documents) / seconds
            print(
                f"dask, {workers} worker{'s' if workers > 1 else ''}: {len(documents)} articles in {seconds:.1f} s "
                f"= {rates[workers]:.2f} articles/s ({rates[workers] * words:,.0f} words/s); "
                f"cluster start and pipeline load {startup:.1f} s"
            )
        print(f"speed-up with 2 workers: {rates[2] / rates[1]:.2f}x")

    with tempfile.TemporaryDirectory() as scratch:
        for batches in (1, arguments.batches):
            count = batches * arguments.batch_size
            corpus = repeated_corpus(articles, count, Path(scratch) / f"news-{count}.jsonl")
            at_commit, peak, seconds = memory_over_time(corpus, arguments.batch_size)
            marks = [at_commit[0], at_commit[len(at_commit) // 2], at_commit[-1]] if at_commit else []
            shown = ", ".join(f"batch {batch}: {rss:.0f} MB" for batch, rss in marks)
            print(
                f"memory, {count:,} articles ({batches} batch{'es' if batches > 1 else ''} of "
                f"{arguments.batch_size}), {seconds:.0f} s: RSS at {shown}; peak {peak:.0f} MB"
            )


if __name__ == "__main__":
    main()
