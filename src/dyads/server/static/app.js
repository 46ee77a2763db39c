// dyads event explorer: a hash-routed single page over the REST API. No build step, no dependencies.
// Every text from the store is inserted as text nodes (never as HTML): news text is untrusted input.
"use strict";

// filters with a field in the form; the URL also carries the multi-valued chips and the network's pair filters
const FILTER_FIELDS = ["date_from", "date_to", "source_country", "target_country", "sector", "cameo", "plover_type",
  "actor", "place", "min_confidence", "q"];
const URL_FILTERS = [...FILTER_FIELDS, "source_actor", "target_actor", "modality", "quad_class", "rule_family"];
const MODALITIES = ["actual", "future", "hypothetical", "negated"];
const RULE_FAMILIES = {
  lexicon: "a lexicon row's trigger, between actors the actor lexicons name",
  model: "the learned fallback classifier: no lexicon row matched the sentence",
  unattributed: "violence reported without its perpetrator: an unidentified attacker",
  authorities: "an arrest, deportation or investigation reported without its agent: the local authorities",
  unresolved: "a name the parser recognises but no actor lexicon holds",
};
const LEXICON_FILES = { verb: "data/events/verbs.tsv", noun: "data/events/nouns.tsv" };
const DOWNLOAD_FORMATS = ["csv", "jsonl", "parquet"];
const QUAD_COLORS = { 1: "#6fb38a", 2: "#1f7a45", 3: "#e5a23f", 4: "#c2412f" };
const PAGE_SIZE = 50;
const SVG_NS = "http://www.w3.org/2000/svg";

let vocabulary = null;

// ---- small DOM helpers -------------------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  node.append(...children.flat().filter((c) => c !== null && c !== undefined));
  return node;
}

function setAttributes(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "style") node.style.cssText = value; // through CSSOM: the policy forbids style attributes
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}

const tooltip = document.getElementById("tooltip");
function showTooltip(event, lines) {
  tooltip.replaceChildren(...lines.map((line, i) => h("div", i === 0 ? { style: "font-weight:600" } : {}, line)));
  tooltip.hidden = false;
  const x = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
  tooltip.style.left = `${x}px`;
  tooltip.style.top = `${event.clientY + 14}px`;
}
function hideTooltip() { tooltip.hidden = true; }

async function api(path, params) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) {
    const detail = Array.isArray(body.detail) ? body.detail.map((d) => `${d.loc.at(-1)}: ${d.msg}`).join("; ") : body.detail;
    throw new Error(detail || response.statusText);
  }
  return body;
}

const formatNumber = (n) => n.toLocaleString("en-US");
const eventDate = (e) => (e.date && e.date.start) || e.doc_date || "";

// ---- routing and filter state (all in the URL hash: views are linkable) ----------------------------------------

function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = hash.split("?");
  const [view, ...rest] = path.split("/");
  return { view: view || "events", arg: rest.length ? decodeURIComponent(rest.join("/")) : null, params: new URLSearchParams(query) };
}

function filterParams(params) {
  const out = new URLSearchParams();
  for (const key of URL_FILTERS) for (const v of params.getAll(key)) if (v) out.append(key, v);
  return out;
}

function navigate(view, params) {
  const query = params.toString();
  location.hash = `#/${view}${query ? `?${query}` : ""}`;
}

function updateFilters(change) {
  const route = currentRoute();
  const params = filterParams(route.params);
  change(params);
  const keep = ["sort", "interval", "axis", "nodes"].filter((k) => route.params.has(k));
  for (const k of keep) params.set(k, route.params.get(k));
  navigate(route.view === "doc" || route.view === "documents" ? "events" : route.view, params);
}

function updateDownloads(params) {
  for (const link of document.querySelectorAll("#downloads a")) {
    const query = filterParams(params);
    query.set("format", link.dataset.format);
    link.href = `/api/export?${query}`;
  }
}

const form = document.getElementById("filters");

function syncFilterForm(params) {
  for (const name of FILTER_FIELDS) if (document.activeElement !== form.elements[name]) form.elements[name].value = params.get(name) || "";
  for (const chip of form.querySelectorAll(".chip")) {
    chip.setAttribute("aria-pressed", String(params.getAll(chip.dataset.field).includes(chip.dataset.value)));
  }
}

function buildFilterForm() {
  const facets = vocabulary.facets;
  const fill = (name, values, label = (v) => v) => {
    const select = form.elements[name];
    for (const v of values) select.append(h("option", { value: v }, label(v)));
  };
  fill("source_country", facets.countries);
  fill("target_country", facets.countries);
  fill("sector", facets.sectors);
  fill("cameo", Object.keys(vocabulary.cameo_roots), (code) => `${code} ${titleCase(vocabulary.cameo_roots[code])}`);
  fill("plover_type", facets.plover_types);
  document.getElementById("actor-codes").append(...facets.actor_codes.map((code) => h("option", { value: code })));
  document.getElementById("place-names").append(...facets.places.map((name) => h("option", { value: name })));
  const chip = (field, value, label) =>
    h("button", { type: "button", class: "chip", dataset: { field, value }, "aria-pressed": "false",
      onclick: () => updateFilters((params) => toggle(params, field, value)) }, label);
  document.getElementById("modality-chips").append(...MODALITIES.map((m) => chip("modality", m, m)));
  document.getElementById("quad-chips").append(...[1, 2, 3, 4].map((q) =>
    chip("quad_class", String(q), h("span", {}, h("span", { class: `quad quad-${q}` }), vocabulary.quad_classes[q]))));
  document.getElementById("family-chips").append(...Object.entries(RULE_FAMILIES).map(([family, note]) => {
    const button = chip("rule_family", family, family);
    button.title = note;
    return button;
  }));

  form.addEventListener("change", (event) => {
    if (event.target.name && event.target.name !== "q" && event.target.checkValidity()) setField(event.target.name, event.target.value.trim());
  });
  let typing = null;
  form.elements.q.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => setField("q", form.elements.q.value.trim()), 300);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("clear-filters").addEventListener("click", () => updateFilters((params) => {
    for (const key of [...params.keys()]) params.delete(key);
  }));
}

function setField(name, value) {
  updateFilters((params) => (value ? params.set(name, value) : params.delete(name)));
}

function toggle(params, field, value) {
  const values = params.getAll(field);
  params.delete(field);
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  for (const v of next) params.append(field, v);
}

function titleCase(text) {
  return text.toLowerCase().replace(/(^|\s)\S/g, (c) => c.toUpperCase());
}

// ---- views -------------------------------------------------------------------------------------------------

const view = document.getElementById("view");
let renderToken = 0;

async function route() {
  const { view: name, arg, params } = currentRoute();
  for (const tab of document.querySelectorAll(".tabs a")) {
    tab.classList.toggle("active", tab.dataset.view === name || (name === "doc" && tab.dataset.view === "documents"));
    if (tab.dataset.view !== "documents") tab.href = `#/${tab.dataset.view}${filterParams(params).toString() ? `?${filterParams(params)}` : ""}`;
  }
  syncFilterForm(params);
  updateDownloads(params);
  form.hidden = name === "doc" || name === "documents";
  const token = ++renderToken;
  const renderers = { events: renderEvents, doc: renderDocument, timeline: renderTimeline, network: renderNetwork, map: renderMap,
    documents: renderDocuments };
  const render = renderers[name] || renderEvents;
  try {
    const content = await render(arg, params);
    if (token === renderToken) view.replaceChildren(content);
  } catch (error) {
    if (token === renderToken) view.replaceChildren(h("div", { class: "panel error", role: "alert" }, `Could not load: ${error.message}`));
  }
}

function sentenceWithTrigger(e) {
  const start = e.trigger.start - e.sentence_start;
  const end = e.trigger.end - e.sentence_start;
  if (start < 0 || end > e.sentence.length || e.sentence.slice(start, end) !== e.trigger.text) return [e.sentence];
  return [e.sentence.slice(0, start), h("mark", {}, e.sentence.slice(start, end)), e.sentence.slice(end)];
}

function actorCell(actor) {
  if (!actor) return h("td", { class: "actor-cell" }, h("span", { class: "actor-text" }, "—"));
  return h("td", { class: "actor-cell" }, h("span", { class: "country" }, actor.code || actor.country || "?"),
    h("span", { class: "actor-text" }, actor.text));
}

function modalityBadge(modality) {
  return h("span", { class: `badge badge-${modality}` }, modality);
}

async function renderEvents(_, params) {
  const sort = params.get("sort") || "-date";
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const query = filterParams(params);
  query.set("sort", sort);
  query.set("limit", PAGE_SIZE);
  query.set("offset", offset);
  const page = await api("/api/events", query);

  const sortable = (label, key) => {
    const active = sort.replace(/^-/, "") === key;
    const next = active && !sort.startsWith("-") ? `-${key}` : key;
    return h("th", { class: "sortable", onclick: () => { const p = new URLSearchParams(params); p.set("sort", next); p.delete("offset"); navigate("events", p); } },
      label, active ? h("span", { class: "arrow" }, sort.startsWith("-") ? "▼" : "▲") : null);
  };
  const rows = page.items.map((e) => h("tr", { dataset: { eventId: e.id } },
    h("td", { class: "date" }, eventDate(e)),
    actorCell(e.source),
    h("td", {}, h("span", { class: "code" }, h("span", { class: `quad quad-${e.cameo.quad_class}` }), e.cameo.code),
      h("span", { class: "code-name" }, e.cameo.name)),
    actorCell(e.target),
    h("td", {}, modalityBadge(e.modality)),
    h("td", { class: "num" }, e.cameo.goldstein.toFixed(1)),
    h("td", { class: "num" }, e.confidence.toFixed(2)),
    h("td", { class: "sentence" }, sentenceWithTrigger(e)),
    h("td", {}, h("a", { href: `#/doc/${encodeURIComponent(e.doc_id)}`, class: "doc-link" }, e.doc_id)),
    h("td", {}, h("button", { type: "button", class: "why-toggle", "aria-expanded": "false", onclick: (click) => toggleWhy(click.currentTarget, e) }, "why")),
  ));
  const table = h("table", { class: "events" },
    h("thead", {}, h("tr", {}, sortable("Date", "date"), sortable("Source", "source"), sortable("Event", "cameo"),
      sortable("Target", "target"), sortable("Modality", "modality"), sortable("Goldstein", "goldstein"),
      sortable("Conf.", "confidence"), h("th", {}, "Sentence"), sortable("Document", "document"), h("th", {}, "Why"))),
    h("tbody", {}, rows));
  const goTo = (next) => { const p = new URLSearchParams(params); p.set("offset", next); navigate("events", p); };
  const last = Math.min(offset + PAGE_SIZE, page.total);
  return h("section", { class: "panel" },
    h("div", { class: "panel-head" }, h("h2", {}, "Events"),
      h("span", { class: "meta", id: "event-total" }, `${formatNumber(page.total)} matching`)),
    page.items.length ? table : h("div", { class: "empty" }, "No events match these filters."),
    h("div", { class: "pager" },
      h("span", {}, page.total ? `${formatNumber(offset + 1)}–${formatNumber(last)} of ${formatNumber(page.total)}` : ""),
      h("span", { class: "spacer" }),
      h("button", { type: "button", disabled: offset === 0, onclick: () => goTo(Math.max(0, offset - PAGE_SIZE)) }, "← Previous"),
      h("button", { type: "button", disabled: last >= page.total, onclick: () => goTo(offset + PAGE_SIZE) }, "Next →")));
}

function toggleWhy(button, e) {
  const row = button.closest("tr");
  const open = button.getAttribute("aria-expanded") === "true";
  button.setAttribute("aria-expanded", String(!open));
  if (open) row.nextElementSibling.remove();
  else row.after(h("tr", { class: "why-row" }, h("td", { colspan: row.children.length }, whyPanel(e))));
}

// ---- why: what produced an event, read from its `rule` ----------------------------------------------------------

function explainRule(rule) {
  // "<lexicon row> <parse path> | <adjustment> | ...", or "model:<name>[+place] | ..." (see events/record.py)
  const [main, ...adjustments] = (rule || "").split(" | ");
  if (main.startsWith("model:")) return { family: "model", model: main.replace(/\+place$/, ""), row: null, path: null, adjustments };
  const cut = main.lastIndexOf(" ");  // a lexicon row may hold a space ("verb:carry out"), a parse path never
  const row = cut < 0 ? main : main.slice(0, cut);
  const path = cut < 0 ? null : main.slice(cut + 1);
  let family = "lexicon";
  if (path && path.startsWith("unattributed")) family = "unattributed";
  else if (path && path.startsWith("authorities")) family = "authorities";
  else if (path && path.includes(".unresolved")) family = "unresolved";
  return { family, model: null, row, path, adjustments };
}

function whyPanel(e) {
  const why = explainRule(e.rule);
  const rows = [];
  const add = (label, ...value) => rows.push(h("dt", {}, label), h("dd", {}, ...value));
  add("Found by", h("span", { class: "family" }, why.family), ` — ${RULE_FAMILIES[why.family]}`);
  if (why.model) add("Model", h("code", {}, why.model));
  else {
    const file = LEXICON_FILES[why.row.split(":")[0]];
    add("Lexicon row", h("code", {}, why.row), file ? ` in ${file}` : "");
  }
  if (why.path) add("Parse path", h("code", {}, why.path), " (dependency path from the trigger to source / target)");
  if (why.adjustments.length) add("Adjusted by", why.adjustments.map((a) => h("code", {}, a)));
  add("Confidence", e.confidence.toFixed(2));
  add("Rule", h("code", { class: "rule" }, e.rule || "—"));
  return h("dl", { class: "why-panel" }, rows);
}

async function renderDocuments(_, params) {
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const query = new URLSearchParams({ sort: "-date", limit: PAGE_SIZE, offset });
  const page = await api("/api/documents", query);
  const rows = page.items.map((d) => h("tr", {},
    h("td", { class: "date" }, d.date || ""),
    h("td", { class: "title" }, h("a", { href: `#/doc/${encodeURIComponent(d.id)}` }, d.title || d.id)),
    h("td", {}, d.source || ""),
    h("td", { class: "num" }, formatNumber(d.event_count)),
    h("td", { class: "date" }, d.id)));
  const goTo = (next) => navigate("documents", new URLSearchParams({ offset: next }));
  return h("section", { class: "panel" },
    h("div", { class: "panel-head" }, h("h2", {}, "Documents"), h("span", { class: "meta" }, `${formatNumber(page.total)} stored`)),
    h("table", { class: "events documents-table" },
      h("thead", {}, h("tr", {}, ["Date", "Title", "Source", "Events", "Id"].map((t) => h("th", {}, t)))),
      h("tbody", {}, rows)),
    h("div", { class: "pager" }, h("span", { class: "spacer" }),
      h("button", { type: "button", disabled: offset === 0, onclick: () => goTo(Math.max(0, offset - PAGE_SIZE)) }, "← Previous"),
      h("button", { type: "button", disabled: offset + PAGE_SIZE >= page.total, onclick: () => goTo(offset + PAGE_SIZE) }, "Next →")));
}

// ---- document view: text with highlighted spans, events beside it ------------------------------------------------

function highlightedText(text, events) {
  // every actor and trigger span, cut at every boundary so overlapping spans nest cleanly
  const spans = [];
  for (const e of events) {
    spans.push({ start: e.trigger.start, end: e.trigger.end, kind: "trigger", event: e.id });
    for (const actor of [e.source, e.target]) if (actor && actor.end > actor.start) spans.push({ start: actor.start, end: actor.end, kind: "actor", event: e.id });
  }
  const valid = spans.filter((sp) => sp.start >= 0 && sp.end <= text.length && sp.start < sp.end);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((sp) => [sp.start, sp.end])])].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    const covering = valid.filter((sp) => sp.start <= start && sp.end >= end);
    const piece = text.slice(start, end);
    if (!covering.length) { pieces.push(piece); continue; }
    const kinds = new Set(covering.map((sp) => sp.kind));
    const ids = [...new Set(covering.map((sp) => sp.event))];
    pieces.push(h("span", { class: kinds.has("trigger") ? "trigger" : "actor", dataset: { events: ids.join(" ") } }, piece));
  }
  return pieces;
}

function eventCard(e) {
  const rows = [];
  const add = (label, value) => value && rows.push(h("dt", {}, label), h("dd", {}, value));
  add("Trigger", `“${e.trigger.text}”`);
  add("Date", e.date ? `${e.date.start || "?"}${e.date.end && e.date.end !== e.date.start ? ` – ${e.date.end}` : ""}${e.date.text ? ` (${e.date.text})` : ""}` : e.doc_date && `${e.doc_date} (document)`);
  add("Place", e.location && [e.location.name || e.location.text, e.location.country].filter(Boolean).join(", "));
  add("Sources", e.cited_sources.length ? e.cited_sources.map((c) => c.name + (c.dates.length ? ` (${c.dates.join(", ")})` : "")).join("; ") : e.attributed_to);
  add("PLOVER", [e.plover.type, e.plover.mode, e.plover.context].filter(Boolean).join(" · "));
  add("Quantities", e.quantities.map((q) => q.text).join("; "));
  add("Confidence", e.confidence.toFixed(2));
  const flags = [e.historical && "historical", e.reciprocal && "reciprocal", e.evidential !== "direct" && e.evidential].filter(Boolean);
  const actorLabel = (a) => (a ? `${a.code || a.country || "?"} · ${a.text}` : "—");
  return h("article", { class: `event-card quad-border-${e.cameo.quad_class}`, dataset: { eventId: e.id }, tabindex: "0" },
    h("div", { class: "line1" }, h("span", { class: "code" }, e.cameo.code), h("span", {}, e.cameo.name),
      ...flags.map((f) => h("span", { class: "badge badge-soft" }, f)), modalityBadge(e.modality)),
    h("div", { class: "dyad" }, actorLabel(e.source), h("span", { class: "arrow" }, "→"), actorLabel(e.target)),
    h("dl", {}, rows),
    h("details", { class: "why" }, h("summary", {}, "why"), whyPanel(e)));
}

async function renderDocument(docId) {
  const record = await api(`/api/documents/${encodeURIComponent(docId)}`);
  const body = h("div", { class: "doc-body", id: "doc-body" }, highlightedText(record.text, record.events));
  const cards = record.events.map(eventCard);
  const light = (ids, on) => {
    for (const node of body.querySelectorAll("[data-events]")) {
      if (node.dataset.events.split(" ").some((id) => ids.includes(id))) node.classList.toggle("lit", on);
    }
    for (const card of cards) if (ids.includes(card.dataset.eventId)) card.classList.toggle("lit", on);
  };
  for (const card of cards) {
    card.addEventListener("mouseenter", () => light([card.dataset.eventId], true));
    card.addEventListener("mouseleave", () => light([card.dataset.eventId], false));
    card.addEventListener("focus", () => light([card.dataset.eventId], true));
    card.addEventListener("blur", () => light([card.dataset.eventId], false));
  }
  body.addEventListener("mouseover", (event) => {
    const node = event.target.closest("[data-events]");
    if (node) light(node.dataset.events.split(" "), true);
  });
  body.addEventListener("mouseout", (event) => {
    const node = event.target.closest("[data-events]");
    if (node) light(node.dataset.events.split(" "), false);
  });
  const meta = [record.date && `Published ${record.date}`, record.source, `${record.events.length} events`, `id ${record.id}`].filter(Boolean);
  return h("div", { class: "doc-layout" },
    h("section", { class: "panel doc-text" },
      h("h1", {}, record.title || record.id),
      h("div", { class: "doc-meta" }, meta.map((m) => h("span", {}, m)),
        record.url && /^https?:\/\//.test(record.url) ? h("a", { href: record.url, target: "_blank", rel: "noopener noreferrer" }, "original ↗") : null),
      h("div", { class: "legend" }, h("span", {}, h("span", { class: "swatch", style: "background:#fff1c2;border-bottom:2px solid #d7a916" }), "actor"),
        h("span", {}, h("span", { class: "swatch", style: "background:#dce9ff;border-bottom:2px solid #2456a6" }), "event trigger"),
        h("span", {}, "Hover an event to see its words")),
      body),
    h("aside", { class: "event-list", id: "event-list" },
      cards.length ? cards : h("div", { class: "panel empty" }, "No events were coded in this document.")));
}

// ---- timeline: stacked bars per period and quad class --------------------------------------------------------------

async function renderTimeline(_, params) {
  const interval = params.get("interval") || "month";
  const showAll = params.get("axis") === "all";
  const query = filterParams(params);
  query.set("interval", interval);
  query.set("by", "quad_class");
  const points = await api("/api/stats/timeline", query);
  const total = points.reduce((sum, p) => sum + p.count, 0);
  const core = coreRange(points);
  const axis = showAll || !core ? fullRange(points) : core;
  const stacks = new Map();
  for (const p of points) {
    if (p.period < axis.from || p.period > axis.to) continue;
    if (!stacks.has(p.period)) stacks.set(p.period, { 1: 0, 2: 0, 3: 0, 4: 0 });
    stacks.get(p.period)[p.key] += p.count;
  }
  const outside = total - [...stacks.values()].reduce((sum, c) => sum + c[1] + c[2] + c[3] + c[4], 0);
  const everything = fullRange(points);
  const trimmed = core && (core.from !== everything.from || core.to !== everything.to);

  const setParam = (key, value) => { const p = new URLSearchParams(params); if (value) p.set(key, value); else p.delete(key); navigate("timeline", p); };
  const intervalButtons = ["day", "week", "month"].map((name) => h("button", { type: "button", "aria-pressed": String(name === interval),
    onclick: () => setParam("interval", name) }, name));
  const panel = h("section", { class: "panel", id: "timeline" },
    h("div", { class: "panel-head" }, h("h2", {}, "Timeline"), h("span", { class: "meta" }, `${formatNumber(total)} dated events by quad class`),
      h("div", { class: "controls" }, intervalButtons)));
  if (!points.length) { panel.append(h("div", { class: "empty" }, "No dated events match these filters.")); return panel; }
  if (outside) {
    const word = outside === 1 ? "event is" : "events are";
    panel.append(h("div", { class: "axis-note", id: "axis-note" },
      `${formatNumber(outside)} ${word} dated outside ${axis.from} – ${periodEnd(axis.to, interval)}, far from most events, and not on this axis. `,
      h("button", { type: "button", class: "link-button", onclick: () => setParam("axis", "all") }, "Show every date")));
  } else if (showAll && trimmed) {
    panel.append(h("div", { class: "axis-note", id: "axis-note" }, "Every date is on this axis. ",
      h("button", { type: "button", class: "link-button", onclick: () => setParam("axis", null) }, "Fit the axis to most events")));
  }

  const width = Math.max(760, view.clientWidth - 86);
  const height = 380;
  const margin = { top: 16, right: 16, bottom: 46, left: 52 };
  const innerW = width - margin.left - margin.right;
  const innerH = height - margin.top - margin.bottom;
  const maxTotal = Math.max(...[...stacks.values()].map((c) => c[1] + c[2] + c[3] + c[4]));
  const yMax = niceCeiling(maxTotal);
  // a time scale: periods are placed by date, so the number of periods never matters, only those with events are drawn
  const t0 = dayNumber(axis.from), t1 = dayNumber(nextPeriod(axis.to, interval));
  const x = (period) => margin.left + ((dayNumber(period) - t0) / (t1 - t0)) * innerW;
  const y = (v) => margin.top + innerH - (v / yMax) * innerH;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "events per period by quad class" });
  for (const tick of ticks(yMax)) {
    svg.append(s("line", { class: "gridline", x1: margin.left, x2: width - margin.right, y1: y(tick), y2: y(tick) }),
      s("text", { class: "axis", x: margin.left - 8, y: y(tick) + 4, "text-anchor": "end", fill: "#66727f", "font-size": 11 }, formatNumber(tick)));
  }
  for (const [period, counts] of stacks) {
    const slot = x(nextPeriod(period, interval)) - x(period);
    const barW = Math.max(1, Math.min(48, slot * 0.78));
    const left = x(period) + (slot - barW) / 2;
    let base = 0;
    for (const quad of [1, 2, 3, 4]) {
      const n = counts[quad];
      if (!n) continue;
      const rect = s("rect", { class: "bar", x: left, width: barW, y: y(base + n), height: Math.max(0.5, y(base) - y(base + n)), fill: QUAD_COLORS[quad], dataset: { period, quad } });
      rect.addEventListener("mousemove", (ev) => showTooltip(ev, [`${period} · ${vocabulary.quad_classes[quad]}`, `${formatNumber(n)} events`, "click to list them"]));
      rect.addEventListener("mouseleave", hideTooltip);
      rect.addEventListener("click", () => {
        hideTooltip();
        const p = filterParams(params);
        p.set("date_from", period);
        p.set("date_to", periodEnd(period, interval));
        p.delete("quad_class");
        p.append("quad_class", String(quad));
        navigate("events", p);
      });
      svg.append(rect);
      base += n;
    }
  }
  for (const tick of dateTicks(axis.from, nextPeriod(axis.to, interval), Math.max(2, Math.floor(innerW / 90)))) {
    const at = x(tick.date);
    svg.append(s("line", { class: "gridline", x1: at, x2: at, y1: y(0), y2: y(0) + 5 }),
      s("text", { class: "date-tick", x: at, y: height - margin.bottom + 18, "text-anchor": "middle", fill: "#66727f", "font-size": 11 }, tick.label));
  }
  svg.append(s("line", { x1: margin.left, x2: width - margin.right, y1: y(0), y2: y(0), stroke: "#9aa5b1" }));
  panel.append(h("div", { class: "chart-wrap" }, svg),
    h("div", { class: "chart-legend" }, [1, 2, 3, 4].map((q) => h("span", {}, h("span", { class: "swatch", style: `background:${QUAD_COLORS[q]}` }), vocabulary.quad_classes[q]))));
  return panel;
}

const DAY_MS = 86400000;
const dayNumber = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
// Dates further than this many spreads of the middle half of the events from it are outliers (a misread year,
// a historical event) and left off the axis; the spread counts as at least a year, so a short corpus keeps its
// own year and the years around it.
const OUTLIER_SPREADS = 3;
const MIN_SPREAD_DAYS = 365;

function fullRange(points) {
  const periods = points.map((p) => p.period).sort();
  return { from: periods[0], to: periods.at(-1) };
}

function coreRange(points) {
  // the quartiles of the events' periods, weighted by their counts
  if (!points.length) return null;
  const sorted = [...points].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const total = sorted.reduce((sum, p) => sum + p.count, 0);
  const quantile = (q) => {
    let seen = 0;
    for (const p of sorted) { seen += p.count; if (seen >= q * total) return dayNumber(p.period); }
    return dayNumber(sorted.at(-1).period);
  };
  const [q1, q3] = [quantile(0.25), quantile(0.75)];
  const spread = Math.max(q3 - q1, MIN_SPREAD_DAYS);
  const [low, high] = [q1 - OUTLIER_SPREADS * spread, q3 + OUTLIER_SPREADS * spread];
  const kept = sorted.map((p) => p.period).filter((period) => dayNumber(period) >= low && dayNumber(period) <= high);
  return { from: kept[0], to: kept.at(-1) };
}

function dateTicks(from, to, most) {
  // calendar-aligned ticks (days, months or years) with at most `most` of them between two ISO dates
  const [start, end] = [dayNumber(from), dayNumber(to)];
  const days = end - start;
  for (const step of [1, 2, 7, 14]) {
    if (days / step <= most) {
      const out = [];
      for (let day = start; day <= end; day += step) out.push({ date: isoDay(day), label: isoDay(day) });
      return out;
    }
  }
  const [y0, m0] = from.split("-").map(Number);
  const [y1] = to.split("-").map(Number);
  for (const months of [1, 2, 3, 6]) {
    if (days / 30.44 / months <= most) {
      const out = [];
      for (let i = Math.ceil((y0 * 12 + m0 - 1) / months) * months; ; i += months) {
        const date = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01`;
        if (date > to) return out;
        if (date >= from) out.push({ date, label: date.slice(0, 7) });
      }
    }
  }
  let years = 1;
  for (const k of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]) { years = k; if ((y1 - y0 + 1) / k <= most) break; }
  const out = [];
  for (let year = Math.ceil(y0 / years) * years; year <= y1; year += years) {
    const date = `${String(year).padStart(4, "0")}-01-01`;
    if (date >= from && date <= to) out.push({ date, label: String(year) });
  }
  return out;
}

function nextPeriod(period, interval) {
  const date = new Date(`${period}T00:00:00Z`);
  if (interval === "day") date.setUTCDate(date.getUTCDate() + 1);
  else if (interval === "week") date.setUTCDate(date.getUTCDate() + 7);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

function periodEnd(start, interval) {
  const date = new Date(`${start}T00:00:00Z`);
  if (interval === "day") return start;
  if (interval === "week") date.setUTCDate(date.getUTCDate() + 6);
  else { date.setUTCMonth(date.getUTCMonth() + 1); date.setUTCDate(0); }
  return date.toISOString().slice(0, 10);
}

function niceCeiling(value) {
  if (value <= 5) return 5;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

function ticks(max) {
  const step = max / 5;
  return [0, 1, 2, 3, 4, 5].map((i) => Math.round(i * step * 100) / 100);
}

// ---- dyad network: countries or actor codes as nodes, edge width = events, colour = mean Goldstein -------------------------------

function goldsteinColor(score) {
  // red (-10) → grey (0) → green (+10)
  const t = Math.max(-1, Math.min(1, score / 10));
  const [from, to] = t < 0 ? [[154, 165, 177], [194, 65, 47]] : [[154, 165, 177], [31, 122, 69]];
  const k = Math.abs(t) ** 0.7;
  const mix = from.map((c, i) => Math.round(c + (to[i] - c) * k));
  return `rgb(${mix.join(",")})`;
}

function layout(nodes, edges, width, height) {
  // Fruchterman–Reingold with gravity (so separate clusters stay near each other), deterministic start,
  // then scaled to fill the drawing area
  const n = nodes.length;
  const k = 0.75 * Math.sqrt((width * height) / Math.max(n, 1));
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / n;
    node.x = Math.cos(angle) * width * 0.3 + (i % 3) * 5;
    node.y = Math.sin(angle) * height * 0.3 + (i % 5) * 5;
  });
  const maxCount = Math.max(...edges.map((e) => e.count), 1);
  for (const node of nodes) node.degree = 0;
  for (const e of edges) { e.from.degree += 1; e.to.degree += 1; }
  const iterations = 350;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const temperature = (width / 8) * (1 - iteration / iterations) + 1;
    for (const a of nodes) { a.dx = -a.x * 0.4; a.dy = -a.y * 0.4; }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = nodes[i], b = nodes[j];
      const dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      const push = (k * k) / d / d;
      a.dx += dx * push; a.dy += dy * push;
      b.dx -= dx * push; b.dy -= dy * push;
    }
    for (const e of edges) {
      const dx = e.to.x - e.from.x, dy = e.to.y - e.from.y;
      const d = Math.sqrt(dx * dx + dy * dy);
      const pull = ((d / k) * 0.25 * (0.4 + 0.6 * Math.sqrt(e.count / maxCount))) / Math.sqrt(Math.max(e.from.degree, e.to.degree));
      e.from.dx += dx * pull; e.from.dy += dy * pull;
      e.to.dx -= dx * pull; e.to.dy -= dy * pull;
    }
    for (const a of nodes) {
      const step = Math.sqrt(a.dx * a.dx + a.dy * a.dy) || 1;
      const move = Math.min(step, temperature);
      a.x += (a.dx / step) * move;
      a.y += (a.dy / step) * move;
    }
  }
  const xs = nodes.map((a) => a.x), ys = nodes.map((a) => a.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const margin = 50;
  for (const a of nodes) {
    a.x = margin + ((a.x - minX) / (maxX - minX || 1)) * (width - 2 * margin);
    a.y = margin + ((a.y - minY) / (maxY - minY || 1)) * (height - 2 * margin);
  }
}

// A country dominates the dyads when it is on one side of at least this share of their events; its pairs are
// then mostly domestic (IND→IND), and the network's nodes become actor codes, told apart by sector.
const DOMINANT_SHARE = 2 / 3;

function dominantCountry(dyads) {
  const total = dyads.reduce((sum, d) => sum + d.count, 0);
  const share = new Map();
  for (const d of dyads) {
    for (const country of new Set([d.source_country, d.target_country])) share.set(country, (share.get(country) || 0) + d.count / total);
  }
  const [country, most] = [...share].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [null, 0]);
  return most >= DOMINANT_SHARE ? { country, share: most } : null;
}

async function renderNetwork(_, params) {
  const query = filterParams(params);
  query.set("limit", "150");
  const countryDyads = await api("/api/stats/dyads", query);
  const dominant = dominantCountry(countryDyads);
  const nodesBy = params.get("nodes") || (dominant ? "actor" : "country");
  query.set("by", nodesBy);
  const dyads = nodesBy === "actor" ? await api("/api/stats/dyads", query) : countryDyads;
  const choose = (name) => { const p = new URLSearchParams(params); p.set("nodes", name); navigate("network", p); };
  const what = nodesBy === "actor" ? "actor codes" : "countries";
  const why = dominant && nodesBy === "actor" && !params.get("nodes")
    ? ` (${dominant.country} is in ${Math.round(100 * dominant.share)}% of these events, so its actors are told apart by sector)` : "";
  const panel = h("section", { class: "panel", id: "network", dataset: { nodes: nodesBy } },
    h("div", { class: "panel-head" }, h("h2", {}, "Dyad network"),
      h("span", { class: "meta" }, `top ${dyads.length} source → target pairs of ${what}${why}; click to filter`),
      h("div", { class: "controls" },
        ["country", "actor"].map((name) => h("button", { type: "button", class: "nodes-choice", dataset: { nodes: name },
          "aria-pressed": String(name === nodesBy), onclick: () => choose(name) }, name === "actor" ? "actors" : "countries")),
        h("div", { class: "scale-bar" }, h("span", { class: "meta" }, "mean Goldstein −10"),
          h("span", { class: "scale-gradient", style: `background:linear-gradient(90deg,${goldsteinColor(-10)},${goldsteinColor(0)},${goldsteinColor(10)})` }),
          h("span", { class: "meta" }, "+10")))));
  if (!dyads.length) { panel.append(h("div", { class: "empty" }, `No dyads with both ${what} known match these filters.`)); return panel; }

  const byCode = new Map();
  const nodeKey = nodesBy === "actor" ? ["source_code", "target_code"] : ["source_country", "target_country"];
  const countryOf = { source: "source_country", target: "target_country" };
  const node = (code, country) => {
    if (!byCode.has(code)) byCode.set(code, { code, country, events: 0, domestic: 0 });
    return byCode.get(code);
  };
  const edges = [];
  for (const d of dyads) {
    const from = node(d[nodeKey[0]], d[countryOf.source]), to = node(d[nodeKey[1]], d[countryOf.target]);
    from.events += d.count;
    if (from === to) from.domestic += d.count;
    else to.events += d.count;
    edges.push({ from, to, count: d.count, goldstein: d.mean_goldstein });
  }
  const nodes = [...byCode.values()];
  const width = Math.max(760, view.clientWidth - 86);
  const height = 560;
  layout(nodes, edges.filter((e) => e.from !== e.to), width, height);
  const maxCount = Math.max(...edges.map((e) => e.count), 1);
  const maxEvents = Math.max(...nodes.map((n) => n.events), 1);
  const radius = (n) => 9 + 17 * Math.sqrt(n.events / maxEvents);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "dyad network" });
  const defs = s("defs");
  svg.append(defs);
  const markers = new Map();
  const marker = (color) => {
    if (!markers.has(color)) {
      const id = `arrow-${markers.size}`;
      defs.append(s("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" },
        s("path", { d: "M0,0 L10,5 L0,10 z", fill: color })));
      markers.set(color, id);
    }
    return markers.get(color);
  };
  const filterPair = (from, to) => {
    const p = filterParams(params);
    if (nodesBy === "actor") { p.set("source_actor", from.code); p.set("target_actor", to.code); }
    else { p.set("source_country", from.code); p.set("target_country", to.code); }
    navigate("events", p);
  };
  for (const e of edges.sort((a, b) => a.count - b.count)) {
    const { from, to } = e;
    const color = goldsteinColor(e.goldstein);
    const widthPx = 1.2 + 9 * Math.sqrt(e.count / maxCount);
    let d;
    if (from === to) {
      // a domestic pair (IND→IND among countries): a loop above its node
      const r = radius(from);
      d = `M${from.x - r * 0.6},${from.y - r * 0.8} C${from.x - r * 2.4},${from.y - r * 3.4} ${from.x + r * 2.4},${from.y - r * 3.4} ${from.x + r * 0.6},${from.y - r * 0.8}`;
    } else {
      const dx = to.x - from.x, dy = to.y - from.y;
      const length = Math.sqrt(dx * dx + dy * dy) || 1;
      // curve every edge to its right, so A→B and B→A stay apart
      const mx = (from.x + to.x) / 2 - (dy / length) * length * 0.12, my = (from.y + to.y) / 2 + (dx / length) * length * 0.12;
      const end = shorten(mx, my, to.x, to.y, radius(to) + 3);
      d = `M${from.x},${from.y} Q${mx},${my} ${end.x},${end.y}`;
    }
    const path = s("path", { class: from === to ? "network-edge domestic" : "network-edge", d, stroke: color,
      "stroke-width": widthPx, "marker-end": `url(#${marker(color)})`, dataset: { source: from.code, target: to.code } });
    path.addEventListener("mousemove", (ev) => showTooltip(ev, [`${from.code} → ${to.code}`, `${formatNumber(e.count)} events`, `mean Goldstein ${e.goldstein.toFixed(2)}`]));
    path.addEventListener("mouseleave", hideTooltip);
    path.addEventListener("click", () => { hideTooltip(); filterPair(from, to); });
    svg.append(path);
  }
  for (const n of nodes) {
    const group = s("g", { class: "network-node", transform: `translate(${n.x},${n.y})`, dataset: { code: n.code, country: n.country } },
      s("circle", { r: radius(n), fill: dominant && n.country !== dominant.country ? "#7a8da5" : "#2f4a6d" }));
    group.addEventListener("mousemove", (ev) => showTooltip(ev, [n.code, `${formatNumber(n.events)} events in the top dyads`,
      n.domestic ? `${formatNumber(n.domestic)} with itself` : "", "click to filter by it"].filter(Boolean)));
    group.addEventListener("mouseleave", hideTooltip);
    group.addEventListener("click", () => {
      hideTooltip();
      const p = filterParams(params);
      for (const key of ["source_country", "target_country", "source_actor", "target_actor"]) p.delete(key);
      if (nodesBy === "actor") p.set("actor", n.code);
      else p.set("source_country", n.code);
      navigate("events", p);
    });
    svg.append(group);
  }
  // labels last, above every edge and node, each with a white halo
  for (const n of nodes) svg.append(s("text", { class: "network-label", x: n.x, y: n.y + radius(n) + 13, "text-anchor": "middle" }, n.code));
  panel.append(h("div", { class: "chart-wrap" }, svg));
  return panel;
}

function shorten(fromX, fromY, toX, toY, by) {
  const dx = toX - fromX, dy = toY - fromY;
  const d = Math.sqrt(dx * dx + dy * dy) || 1;
  return { x: toX - (dx / d) * by, y: toY - (dy / d) * by };
}

// ---- map: events per geocoded place over Natural Earth's world outline (shipped in static/, drawn here) --------

let worldOutline = null;
async function loadWorld() {
  if (!worldOutline) {
    const response = await fetch("/static/world-110m.json");
    if (!response.ok) throw new Error(`world outline: ${response.statusText}`);
    worldOutline = await response.json();
  }
  return worldOutline;
}

function mapExtent(places) {
  // the places' bounding box with a margin, at least 40° × 20°, widened to the map's 2:1 shape (plate carrée)
  if (!places.length) return { west: -180, east: 180, south: -90, north: 90 };
  const lons = places.map((p) => p.lon), lats = places.map((p) => p.lat);
  let [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const cx = (west + east) / 2, cy = (south + north) / 2;
  let w = Math.max(40, (east - west) * 1.3), hgt = Math.max(20, (north - south) * 1.3);
  if (w / hgt > 2) hgt = w / 2; else w = hgt * 2;
  w = Math.min(w, 360); hgt = Math.min(hgt, 180);
  west = Math.max(-180, Math.min(cx - w / 2, 180 - w)); south = Math.max(-90, Math.min(cy - hgt / 2, 90 - hgt));
  return { west, east: west + w, south, north: south + hgt };
}

async function renderMap(_, params) {
  const query = filterParams(params);
  const counted = new URLSearchParams(query);
  counted.set("limit", "1");
  const [world, places, page] = await Promise.all([loadWorld(), api("/api/stats/places", query), api("/api/events", counted)]);
  const located = places.reduce((sum, p) => sum + p.count, 0);
  const panel = h("section", { class: "panel", id: "map" },
    h("div", { class: "panel-head" }, h("h2", {}, "Map"),
      h("span", { class: "meta", id: "map-summary" }, `${formatNumber(located)} of ${formatNumber(page.total)} matching events at ${formatNumber(places.length)} places with coordinates; click a place to list its events`),
      h("div", { class: "controls" }, h("div", { class: "scale-bar" }, h("span", { class: "meta" }, "mean Goldstein −10"),
        h("span", { class: "scale-gradient", style: `background:linear-gradient(90deg,${goldsteinColor(-10)},${goldsteinColor(0)},${goldsteinColor(10)})` }),
        h("span", { class: "meta" }, "+10")))));
  const width = Math.max(760, view.clientWidth - 86);
  const height = Math.round(width / 2);
  const extent = mapExtent(places);
  const x = (lon) => ((lon - extent.west) / (extent.east - extent.west)) * width;
  const y = (lat) => ((extent.north - lat) / (extent.north - extent.south)) * height;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "events per place" });
  svg.append(s("rect", { class: "map-sea", x: 0, y: 0, width, height }));
  for (const feature of world.features) {
    const d = feature.geometry.coordinates.flat().map((ring) =>
      `M${ring.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join("L")}Z`).join("");
    svg.append(s("path", { class: "map-country", d, dataset: { iso: feature.properties.iso_a3 } }));
  }
  const most = Math.max(...places.map((p) => p.count), 1);
  for (const place of [...places].sort((a, b) => b.count - a.count)) {  // small circles drawn last, on top
    const circle = s("circle", { class: "map-place", cx: x(place.lon), cy: y(place.lat), r: 4 + 14 * Math.sqrt(place.count / most),
      fill: goldsteinColor(place.mean_goldstein), dataset: { place: place.name || "", country: place.country || "" } });
    circle.addEventListener("mousemove", (ev) => showTooltip(ev, [[place.name, place.country].filter(Boolean).join(", "),
      `${formatNumber(place.count)} events`, `mean Goldstein ${place.mean_goldstein.toFixed(2)}`, "click to list them"]));
    circle.addEventListener("mouseleave", hideTooltip);
    circle.addEventListener("click", () => {
      hideTooltip();
      const p = filterParams(params);
      p.set("place", place.name || place.country);
      navigate("events", p);
    });
    svg.append(circle);
  }
  panel.append(h("div", { class: "chart-wrap" }, svg,
    h("div", { class: "map-credit" }, "Country outlines: Natural Earth 1:110m (public domain)")));
  if (!places.length) panel.append(h("div", { class: "empty" }, "No matching event has a place with coordinates."));
  return panel;
}

// ---- start -------------------------------------------------------------------------------------------------

async function start() {
  vocabulary = await api("/api/vocabulary");
  const f = vocabulary.facets;
  document.getElementById("store-summary").textContent =
    `${formatNumber(f.events)} events · ${formatNumber(f.documents)} documents${f.date_min ? ` · ${f.date_min} – ${f.date_max}` : ""}`;
  buildFilterForm();
  window.addEventListener("hashchange", route);
  await route();
  document.body.dataset.ready = "true";
}

start().catch((error) => view.replaceChildren(h("div", { class: "panel error", role: "alert" }, `Could not start: ${error.message}`)));
