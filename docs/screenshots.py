"""Regenerate the README's screenshots of the web UI (docs/*.png) with the system Chromium.

    PYTHONPATH=src .venv/bin/python docs/screenshots.py

- document view: the demo report shipped with dyads, coded by the real `Coder`;
- network, map, timeline and events (with one event's "why" open) views: that report and the short reports
  of docs/sample_reports.jsonl (written for the project), coded by the real `Coder`, so the dyads, places and
  dates are what dyads finds.
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from dyads import Coder
from dyads.data import data_path
from dyads.export.store import Store
from dyads.ingest import read
from dyads.server.app import create_app

DOCS = Path(__file__).resolve().parent
SAMPLES = DOCS / "sample_reports.jsonl"
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]


def serve(store: Store) -> tuple[uvicorn.Server, int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, port


def main() -> None:
    coder = Coder()
    (demo,) = read([data_path("demo/seoul-tokyo-thaw.txt")])
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "shots.duckdb") as store:
        store.add([coder.code_document(demo)])
        store.add(list(coder.pipe(read([SAMPLES]))))
        server, port = serve(store)
        shots = {
            "document-view.png": (f"#/doc/{demo.id}", lambda page: page.hover(".event-card:nth-child(2)")),
            "network-view.png": ("#/network", None),
            "network-actors.png": ("#/network?source_country=KOR", None),  # KOR is in all of them: actor codes
            "map-view.png": ("#/map", None),
            "timeline-view.png": ("#/timeline?interval=week", None),
            "events-why.png": (
                "#/events?sort=-confidence",
                lambda page: page.locator("table.events .why-toggle").first.click(),
            ),
        }
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
                for name, (fragment, action) in shots.items():
                    # a page per shot: a new hash on the same page renders after `data-ready` is already set
                    page = browser.new_page(viewport={"width": 1440, "height": 900}, device_scale_factor=1)
                    page.goto(f"http://127.0.0.1:{port}/{fragment}")
                    page.wait_for_selector("body[data-ready]")
                    if action:
                        action(page)
                    page.wait_for_timeout(300)
                    page.screenshot(path=DOCS / name)
                    page.close()
                    print(f"wrote docs/{name}")
                browser.close()
        finally:
            server.should_exit = True


if __name__ == "__main__":
    main()
