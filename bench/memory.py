"""Peak memory of `dyads code` on the news corpus with 1 and 2 workers.

    PYTHONPATH=src .venv/bin/python bench/memory.py [--limit N] [--workers 1 2]

Each run is a separate `dyads code` process writing JSONL to a temporary file. Every 0.2 s the script
sums the memory of that process and all its children: RSS (what `top` shows; it counts pages that forked
workers share with the parent once per process, so it overstates) and PSS (shared pages split between
the processes that share them: the honest total). The peaks of both sums are reported.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from corpus import NEWS, REPO, require_shared

MEMORY_TARGET_GB = 1.5  # peak with 2 workers
POLL_SECONDS = 0.2


def tree_memory(process: psutil.Process) -> tuple[int, int]:
    """(RSS, PSS) in bytes of a process and all its descendants; processes that just ended are skipped."""
    rss = pss = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            info = member.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return rss, pss


def measure(corpus: Path, workers: int) -> tuple[float, float, float]:
    """Peak RSS and PSS (GB) of `dyads code` over `corpus`, and its wall time (s)."""
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with tempfile.TemporaryDirectory() as scratch:
        command = [
            sys.executable, "-c", "from dyads.cli import app; app()",
            "code", str(corpus), "-o", str(Path(scratch) / "events.jsonl"), "--workers", str(workers),
        ]  # fmt: skip
        started = time.perf_counter()
        child = subprocess.Popen(
            command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        process = psutil.Process(child.pid)
        peak_rss = peak_pss = 0
        while child.poll() is None:
            rss, pss = tree_memory(process)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - started
    if child.returncode not in (0, 1):  # 1: some input skipped, still a complete run
        raise SystemExit(f"dyads code failed with status {child.returncode}: {' '.join(command)}")
    return peak_rss / 1e9, peak_pss / 1e9, seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=150, help="articles to code (default 150; 0 = all)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default 1 2)")
    args = parser.parse_args()
    require_shared()

    with tempfile.TemporaryDirectory() as scratch:
        corpus = NEWS
        if args.limit:
            corpus = Path(scratch) / "news.jsonl"
            lines = [line for path in sorted(NEWS.glob("*.jsonl")) for line in path.open(encoding="utf-8")]
            corpus.write_text("".join(lines[: args.limit]), encoding="utf-8")
        for workers in args.workers:
            rss, pss, seconds = measure(corpus, workers)
            verdict = ""
            if workers == 2:
                verdict = (
                    f"  (target RSS ≤ {MEMORY_TARGET_GB} GB: {'PASS' if rss <= MEMORY_TARGET_GB else 'FAIL'})"
                )
            print(
                f"{workers} worker(s): peak RSS {rss:.2f} GB, peak PSS {pss:.2f} GB, {seconds:.0f} s{verdict}"
            )


if __name__ == "__main__":
    main()
