"""The web UI in headless Chromium (Debian's system browser, driven by Playwright), against a live server.

Needs /usr/bin/chromium (`apt-get install chromium`) and the `playwright` Python package; never downloads a
browser. The server runs in a thread on a free 127.0.0.1 port and stops at the end of the module.
"""

from __future__ import annotations

import importlib.util
import re
import socket
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from dyads.export.store import Store
from dyads.server.app import create_app
from stored_examples import delhi_document, harbour_document, rail_document

CHROMIUM = Path("/usr/bin/chromium")
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "corpus" / "seed" / "monitor-6-101.txt"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs the system Chromium: apt-get install chromium"),
    pytest.mark.skipif(importlib.util.find_spec("playwright") is None, reason="needs `pip install playwright`"),
]


def expect(locator):
    """Playwright's `expect`, imported when a test runs (the module is collected without Playwright too).

    It waits in Playwright's own script world: the page's policy forbids the `eval` that
    `page.wait_for_function("...")` needs.
    """
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """uvicorn serving `create_app(store)` in a thread, on a free port."""

    def __init__(self, store: Store):
        import uvicorn

        self.port = _free_port()
        config = uvicorn.Config(create_app(store), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("ui") / "events.duckdb") as store:
        store.add([harbour_document(), rail_document()])
        with LiveServer(store) as live:
            yield live


def offline_context(browser):
    """A browser context that reaches only servers on 127.0.0.1, as a machine with no network would."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:") else route.abort(),
    )
    return context


def watch_errors(page) -> list[str]:
    """JavaScript errors and content security policy violations on `page`, collected as they happen."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return errors


def watched_page(browser):
    """A page in an offline context; the test fails afterwards on any JavaScript error or policy violation."""
    context = offline_context(browser)
    page = context.new_page()
    errors = watch_errors(page)
    yield page
    context.close()
    assert not errors, f"JavaScript errors or policy violations: {errors}"


@pytest.fixture()
def page(browser, server):
    yield from watched_page(browser)


def open_view(page, server: LiveServer, fragment: str) -> None:
    page.goto(server.url + fragment)
    page.wait_for_selector("body[data-ready]")


def test_document_view_highlights_events_and_hover_links_them(page, server):
    open_view(page, server, "#/doc/test%2Fharbour-1")
    cards = page.locator(".event-card")
    assert cards.count() == 4
    triggers = page.locator("#doc-body .trigger").all_inner_texts()
    assert triggers == ["signed", "seized", "retaliate", "impose sanctions"]
    assert "Iceland's coast guard" in page.locator("#doc-body .actor").all_inner_texts()
    assert page.locator(".event-card .badge-negated").count() == 1
    assert page.locator(".event-card .badge-hypothetical").count() == 1
    assert "Reykjavik Herald" in cards.nth(1).inner_text()  # cited source
    assert "Reykjavik, ISL" in cards.nth(0).inner_text()  # place

    cards.nth(1).hover()
    lit = page.locator("#doc-body .lit").all_inner_texts()
    assert set(lit) == {"Iceland's coast guard", "seized", "Norwegian trawler"}
    page.mouse.move(0, 0)
    assert page.locator("#doc-body .lit").count() == 0

    page.locator("#doc-body .trigger", has_text="retaliate").hover()
    assert "lit" in cards.nth(2).get_attribute("class")


def test_events_table_filters_by_modality(page, server):
    open_view(page, server, "#/events")
    assert page.locator("#event-total").inner_text() == "6 matching"
    page.locator(".chip[data-value='negated']").click()
    expect(page.locator("#event-total")).to_have_text("1 matching")
    assert "modality=negated" in page.url
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 1
    assert "retaliate" in rows.first.inner_text()
    rows.first.locator("a.doc-link").click()
    page.wait_for_selector(".event-card")
    assert page.url.endswith("#/doc/test%2Fharbour-1")


def test_timeline_opens_and_bars_lead_to_their_events(page, server):
    open_view(page, server, "#/events")
    page.locator(".tabs a[data-view='timeline']").click()
    page.wait_for_selector("#timeline svg rect.bar")
    bars = page.locator("#timeline rect.bar")
    assert bars.count() == 5  # Jan 2021: 2 quad classes, Mar: 2, Apr: 1
    page.locator("#timeline rect.bar[data-period='2021-03-01'][data-quad='4']").click()
    expect(page.locator("#event-total")).to_have_text("2 matching")
    assert re.search(r"date_from=2021-03-01.*date_to=2021-03-31", page.url)


def test_network_draws_countries_and_filters_on_click(page, server):
    open_view(page, server, "#/network")
    page.wait_for_selector("#network svg")
    countries = page.locator("#network .network-node").evaluate_all("nodes => nodes.map(n => n.dataset.country)")
    assert sorted(countries) == ["DNK", "ISL", "KEN", "NOR", "TZA"]
    assert page.locator("#network").get_attribute("data-nodes") == "country"  # no country dominates
    assert page.locator("#network .network-edge").count() == 5
    domestic = page.locator("#network .network-edge.domestic")  # KEN -> KEN: a loop on its node
    assert (domestic.get_attribute("data-source"), domestic.get_attribute("data-target")) == ("KEN", "KEN")
    page.locator("#network .network-node[data-country='DNK']").click()
    expect(page.locator("#event-total")).to_have_text("1 matching")


def test_hostile_text_is_shown_as_text(page, server, tmp_path):
    coded = rail_document()
    coded.document.id = "<img src=x onerror=alert(1)>"
    coded.document.title = "<script>window.pwned = 1</script>"
    with Store(tmp_path / "hostile.duckdb") as store:
        store.add([coded])
        with LiveServer(store) as live:
            open_view(page, live, "#/doc/" + "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
            assert page.locator("h1").inner_text() == "<script>window.pwned = 1</script>"
            assert page.evaluate("window.pwned") is None


def test_api_docs_render_offline_under_the_policy(browser, server):
    context = offline_context(browser)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(server.url + "docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/events" in paths and "/api/code" in paths
    page.goto(server.url + "redoc")
    expect(page.get_by_text("/api/events").first).to_be_attached()
    assert page.locator("h1").first.inner_text().startswith("dyads")
    context.close()
    assert not errors, f"JavaScript errors or policy violations: {errors}"


@pytest.mark.shared
@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared (the seed article)")
@pytest.mark.skipif(
    importlib.util.find_spec("dyads.actors.recognize") is None, reason="the actor stage is not built yet"
)
def test_seed_article_document_view(browser, tmp_path):
    from dyads import Coder
    from dyads.ingest import read

    (document,) = read([SEED])
    document.date = document.date or date(2000, 5, 22)  # the README of ../shared gives it
    coded = Coder().code_document(document)
    assert coded.events, "the seed article gave no events"
    with Store(tmp_path / "seed.duckdb") as store:
        store.add([coded])
        with LiveServer(store) as live:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            open_view(page, live, "#/doc/" + document.id.replace("/", "%2F"))
            assert page.locator(".event-card").count() == len(coded.events)
            assert page.locator("#doc-body .trigger").count() >= 1
            page.locator(".event-card").first.hover()
            assert page.locator("#doc-body .lit").count() >= 1
            page.close()


# an Indian report: domestic dyads, every rule family, places with coordinates, an event dated 31 years back


@pytest.fixture(scope="module")
def delhi_server(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("ui-delhi") / "events.duckdb") as store:
        store.add([delhi_document()])
        with LiveServer(store) as live:
            yield live


@pytest.fixture()
def delhi_page(browser, delhi_server):
    yield from watched_page(browser)


def test_filters_on_confidence_rule_family_actor_and_place(delhi_page, delhi_server):
    page = delhi_page
    open_view(page, delhi_server, "#/events")
    total = page.locator("#event-total")
    assert total.inner_text() == "7 matching"
    page.locator("input[name='min_confidence']").fill("0.7")
    page.locator("input[name='min_confidence']").press("Enter")
    expect(total).to_have_text("3 matching")
    assert "min_confidence=0.7" in page.url
    page.locator("#clear-filters").click()
    expect(total).to_have_text("7 matching")

    page.locator(".chip[data-field='rule_family'][data-value='unattributed']").click()
    expect(total).to_have_text("1 matching")
    page.locator(".chip[data-field='rule_family'][data-value='model']").click()
    expect(total).to_have_text("2 matching")
    assert "rule_family=unattributed&rule_family=model" in page.url
    page.locator("#clear-filters").click()

    page.locator("input[name='actor']").fill("INDCOP")
    page.locator("input[name='actor']").press("Enter")
    expect(total).to_have_text("4 matching")  # either side
    assert page.locator("table.events tbody .actor-cell .country", has_text="INDCOP").count() == 4
    page.locator("input[name='place']").fill("Kolkata")
    page.locator("input[name='place']").press("Enter")
    expect(total).to_have_text("1 matching")
    assert "journalists" in page.locator("table.events tbody tr").first.inner_text()


def test_every_event_says_why(delhi_page, delhi_server):
    page = delhi_page
    open_view(page, delhi_server, "#/events?sort=confidence")
    rows = page.locator("table.events tbody tr")
    bomb = rows.filter(has_text="roadside bomb")
    bomb.locator(".why-toggle").click()
    why = page.locator("tr.why-row .why-panel")
    expect(why).to_be_visible()
    text = why.inner_text()
    for shown in ("unattributed", "verb:kill", "data/events/verbs.tsv", "unattributed/dobj+place", "0.55"):
        assert shown in text, shown
    bomb.locator(".why-toggle").click()
    assert page.locator("tr.why-row").count() == 0

    rows.filter(has_text="held talks").locator(".why-toggle").click()
    text = page.locator("tr.why-row .why-panel").inner_text()
    assert "model:event-classifier" in text and "reported:say" in text and "Lexicon row" not in text

    open_view(page, delhi_server, "#/doc/test%2Fdelhi-3")
    card = page.locator(".event-card").filter(has_text="The Sangh Forum")
    card.locator("details.why summary").click()
    text = card.locator(".why-panel").inner_text()
    assert "unresolved" in text and "nsubj.unresolved/dobj" in text and "0.40" in text


@pytest.mark.parametrize("format", ["csv", "jsonl", "parquet"])
def test_download_holds_the_filtered_events(delhi_page, delhi_server, tmp_path, format):
    import pyarrow.parquet as pq

    page = delhi_page
    open_view(page, delhi_server, "#/events?rule_family=lexicon")
    expect(page.locator("#event-total")).to_have_text("3 matching")
    with page.expect_download() as download:
        page.locator(f"#downloads a[data-format='{format}']").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"events.{format}"
    if format == "parquet":
        triggers = pq.read_table(saved).column("trigger_text").to_pylist()
    elif format == "csv":
        import csv

        triggers = [row["trigger_text"] for row in csv.DictReader(saved.open(encoding="utf-8"))]
    else:
        import json

        triggers = [json.loads(line)["trigger"]["text"] for line in saved.read_text(encoding="utf-8").splitlines()]
    assert sorted(triggers) == ["arrested", "attacked", "killed"]


def test_map_draws_the_world_and_places_that_filter_on_click(delhi_page, delhi_server):
    page = delhi_page
    open_view(page, delhi_server, "#/events")
    page.locator(".tabs a[data-view='map']").click()
    page.wait_for_selector("#map svg .map-place")
    assert page.locator("#map .map-country").count() == 177  # Natural Earth's 110m countries
    assert page.locator("#map .map-country[data-iso='IND']").count() == 1
    places = page.locator("#map .map-place").evaluate_all("nodes => nodes.map(n => n.dataset.place)")
    assert sorted(places) == ["Islamabad", "Kolkata", "Mumbai", "New Delhi", "Srinagar"]
    assert page.locator("#map-summary").inner_text().startswith("5 of 7 matching events at 5 places")
    # the map is fitted to the places: Mumbai lies west of Kolkata and south of Srinagar
    mumbai, kolkata, srinagar = (
        page.locator(f"#map .map-place[data-place='{name}']").bounding_box() for name in ("Mumbai", "Kolkata", "Srinagar")
    )
    assert mumbai["x"] < kolkata["x"] and mumbai["y"] > srinagar["y"]
    page.locator("#map .map-place[data-place='Mumbai']").click()
    expect(page.locator("#event-total")).to_have_text("1 matching")
    assert "place=Mumbai" in page.url


def test_network_shows_domestic_dyads_by_actor_code(delhi_page, delhi_server):
    page = delhi_page
    open_view(page, delhi_server, "#/network")
    page.wait_for_selector("#network svg")
    assert page.locator("#network").get_attribute("data-nodes") == "actor"  # IND is in every event
    codes = page.locator("#network .network-node").evaluate_all("nodes => nodes.map(n => n.dataset.code)")
    assert sorted(codes) == ["INDCOP", "INDCVL", "INDEDU", "INDGOV", "INDMED", "INDMIL", "INDUAF", "PAKGOV"]
    edge = page.locator("#network .network-edge[data-source='INDCOP'][data-target='INDCVL']")
    assert edge.count() == 1
    edge.dispatch_event("click")
    expect(page.locator("#event-total")).to_have_text("1 matching")
    assert "source_actor=INDCOP&target_actor=INDCVL" in page.url

    open_view(page, delhi_server, "#/network")
    page.locator("#network .nodes-choice[data-nodes='country']").click()
    expect(page.locator("#network")).to_have_attribute("data-nodes", "country")
    domestic = page.locator("#network .network-edge.domestic")
    assert (domestic.get_attribute("data-source"), domestic.get_attribute("data-target")) == ("IND", "IND")


def test_timeline_axis_leaves_out_outlier_dates_and_day_view_spans_any_range(delhi_page, delhi_server):
    page = delhi_page
    open_view(page, delhi_server, "#/timeline?interval=day")
    page.wait_for_selector("#timeline svg rect.bar")
    note = page.locator("#axis-note")
    assert note.inner_text().startswith("1 event is dated outside 2021-02-09 – 2021-02-10")
    periods = page.locator("#timeline rect.bar").evaluate_all("bars => bars.map(b => b.dataset.period)")
    assert sorted(set(periods)) == ["2021-02-09", "2021-02-10"]

    # every date: 1990 to 2021 is over 11,000 days
    note.locator("button").click()
    expect(page.locator("#timeline rect.bar[data-period='1990-01-01']")).to_have_count(1)
    assert "axis=all" in page.url
    assert page.locator("#timeline .date-tick").count() >= 2
    page.locator(".controls button", has_text="week").click()
    expect(page.locator("#timeline rect.bar[data-period='1990-01-01']")).to_have_count(1)
