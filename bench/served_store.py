"""Coding into a served store: `dyads code --db` into the file itself, then into a store `dyads serve` holds.

    PYTHONPATH=src .venv/bin/python bench/served_store.py [--limit 300]

Both runs code the same first `--limit` news articles into a fresh store, as separate processes (model
loading included, so compare the two times with each other). During the second run the script queries
the server's `/api/events` ten times a second (a busy UI) and reports its median and 95th percentile
latency and how many different event totals it saw while the run was going.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from corpus import REPO, news_documents, require_shared

from dyads.export.store import Store

CLI = [sys.executable, "-c", "from dyads.cli import app; app()"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="news articles to code")
    options = parser.parse_args()
    require_shared()
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        articles = folder / "articles.jsonl"
        with articles.open("w") as out:
            for document in news_documents(options.limit):
                out.write(json.dumps({"id": document.id, "text": document.text, "date": str(document.date)}) + "\n")
        started = time.monotonic()
        subprocess.run([*CLI, "code", articles, "--db", folder / "file.duckdb"], env=environment, check=True,
                       stderr=subprocess.DEVNULL)
        print(f"into the file:          {time.monotonic() - started:6.1f} s")

        Store(folder / "served.duckdb").close()
        port = _free_port()
        server = subprocess.Popen([*CLI, "serve", "--db", folder / "served.duckdb", "--port", str(port)],
                                  env=environment, stderr=subprocess.DEVNULL)
        try:
            _wait_for(port)
            started = time.monotonic()
            coding = subprocess.Popen([*CLI, "code", articles, "--db", folder / "served.duckdb"], env=environment,
                                      stderr=subprocess.DEVNULL)
            latencies, seen = [], set()
            while coding.poll() is None:
                asked = time.monotonic()
                seen.add(_get(port, "/api/events?limit=50&sort=-date")["total"])
                latencies.append(time.monotonic() - asked)
                time.sleep(0.1)
            print(f"into the served store:  {time.monotonic() - started:6.1f} s")
            latencies.sort()
            print(f"/api/events meanwhile:  median {statistics.median(latencies) * 1000:.0f} ms, "
                  f"95th percentile {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms, "
                  f"{len(latencies)} queries, {len(seen)} distinct event totals seen")
        finally:
            server.terminate()
            server.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return json.loads(response.read())


def _wait_for(port: int) -> None:
    for _ in range(300):
        try:
            _get(port, "/api/vocabulary")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("dyads serve did not start")


if __name__ == "__main__":
    main()
