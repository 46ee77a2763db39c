"""PLOVER, ICEWS and GDELT layouts: the published columns in order, one full row of a known event, and the
files read back by the loaders users have (pyarrow's CSV reader for the tables, json for PLOVER)."""

from __future__ import annotations

import io
import json

import pyarrow.csv as pv
import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.export import UnknownOutputFormat, open_writer, writer_for
from dyads.export.interchange import InterchangeWriter, columns
from dyads.export.store import Store
from dyads.model import Location
from stored_examples import harbour_document, rail_document

# ICEWS Coded Event Data (Harvard Dataverse doi:10.7910/DVN/28075), the header row of its yearly files
ICEWS_COLUMNS = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
]

# GDELT Event Codebook V2.0: the event table's 61 fields in order
GDELT_COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(
        f"Actor{n}{field}"
        for n in (1, 2)
        for field in (
            "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
            "Type1Code", "Type2Code", "Type3Code",
        )
    ),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(
        f"{place}Geo_{field}"
        for place in ("Actor1", "Actor2", "Action")
        for field in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ),
    "DATEADDED", "SOURCEURL",
]  # fmt: skip

# POLECAT (Harvard Dataverse doi:10.7910/DVN/AJGVIT): its variables in the order of its files
POLECAT_VARIABLES = [
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Event Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
]


def harbour_signing():
    """The harbour story's first event (Norway signs with Iceland in Reykjavik), with its GeoNames ids."""
    coded = harbour_document()
    event = coded.events[0]
    event.location = Location(
        "Reykjavik", name="Reykjavik", country="ISL", admin1="IS.39", lat=64.14, lon=-21.9,
        geonameid=3413829, precision="city",
    )  # fmt: skip
    return event, coded.document


def written(layout: str, events, documents) -> str:
    stream = io.StringIO()
    InterchangeWriter(layout, stream, documents, close_stream=False).write(events)
    return stream.getvalue()


def test_the_column_files_follow_the_published_specifications():
    assert [column.name for column in columns("icews")] == ICEWS_COLUMNS
    assert [column.name for column in columns("gdelt")] == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    polecat_in_snake_case = [name.lower().replace(" ", "_") for name in POLECAT_VARIABLES]
    assert [column.name for column in columns("plover")][: len(POLECAT_VARIABLES)] == polecat_in_snake_case


def test_icews_row_of_a_known_event():
    event, document = harbour_signing()
    header, row, end = written("icews", [event], {document.id: document}).split("\n")
    assert header.split("\t") == ICEWS_COLUMNS and end == ""
    assert dict(zip(ICEWS_COLUMNS, row.split("\t"))) == {
        "Event ID": event.id,
        "Event Date": "2021-03-16",
        "Source Name": "Norway",
        "Source Sectors": "GOV",
        "Source Country": "Norway",
        "Event Text": "Sign formal agreement",
        "CAMEO Code": "057",
        "Intensity": "8.0",
        "Target Name": "Iceland",
        "Target Sectors": "GOV",
        "Target Country": "Iceland",
        "Story ID": "test/harbour-1",
        "Sentence Number": "1",
        "Publisher": "Test Wire",
        "City": "Reykjavik",
        "District": "",
        "Province": "",  # known by its code only
        "Country": "Iceland",
        "Latitude": "64.14",
        "Longitude": "-21.9",
    }


def test_gdelt_row_of_a_known_event():
    event, document = harbour_signing()
    header, row, _ = written("gdelt", [event], {document.id: document}).split("\n")
    assert header.split("\t") == GDELT_COLUMNS
    known = {name: value for name, value in zip(GDELT_COLUMNS, row.split("\t")) if value}
    assert known == {
        "GlobalEventID": event.id,
        "Day": "20210316",
        "MonthYear": "202103",
        "Year": "2021",
        "FractionDate": "2021.2055",  # 2021 + 75/365: 16 March is day 75
        "Actor1Code": "NOR",
        "Actor1Name": "Norway",
        "Actor1CountryCode": "NOR",
        "Actor1Type1Code": "GOV",
        "Actor2Code": "ISL",
        "Actor2Name": "Iceland",
        "Actor2CountryCode": "ISL",
        "Actor2Type1Code": "GOV",
        "IsRootEvent": "1",
        "EventCode": "057",
        "EventBaseCode": "057",
        "EventRootCode": "05",
        "QuadClass": "2",
        "GoldsteinScale": "8.0",
        "NumMentions": "1",
        "NumSources": "1",
        "NumArticles": "1",
        "ActionGeo_Type": "4",  # a city outside the United States
        "ActionGeo_FullName": "Reykjavik, Iceland",
        "ActionGeo_Lat": "64.14",
        "ActionGeo_Long": "-21.9",
        "SOURCEURL": "https://example.org/harbour",
    }


def test_plover_object_of_a_known_event():
    event, document = harbour_signing()
    (line,) = written("plover", [event], {document.id: document}).splitlines()
    record = json.loads(line)
    assert list(record) == [column.name for column in columns("plover")]
    assert {key: value for key, value in record.items() if value is not None} == {
        "event_id": event.id,
        "event_date": "2021-03-16",
        "event_type": "SUPPORT",
        "contexts": ["diplomatic"],
        "actor_name": "Norway",
        "actor_country": "NOR",
        "primary_actor_sector": "GOV",
        "actor_sectors": ["GOV"],
        "actor_name_raw": "Norway",
        "recipient_name": "Iceland",
        "recipient_country": "ISL",
        "primary_recipient_sector": "GOV",
        "recipient_sectors": ["GOV"],
        "recipient_name_raw": "Iceland",
        "placename": "Reykjavik",
        "city": "Reykjavik",
        "country": "ISL",
        "latitude": 64.14,
        "longitude": -21.9,
        "geonames_id": 3413829,
        "raw_placename": "Reykjavik",
        "source": "Test Wire",
        "publication_date": "2021-03-16",
        "version": record["version"],
        "actor_code": "NOR",
        "recipient_code": "ISL",
        "event_text": "signed",
        "text": "Norway signed a fishing agreement with Iceland in Reykjavik on Tuesday, officials said.",
        "story_id": "test/harbour-1",
        "sentence_number": 1,
        "cameo_code": "057",
        "url": "https://example.org/harbour",
    }
    assert record["version"].startswith("dyads ")


@pytest.mark.parametrize("layout", ["icews", "gdelt"])
def test_tables_load_with_pyarrow_whatever_the_text_holds(tmp_path, layout):
    coded = [harbour_document(), rail_document()]
    events = [event for document in coded for event in document.events]
    events[1].source.name = 'the "coast\tguard"\nof Iceland'  # quotes, a tab and a line break in a value
    path = tmp_path / f"events.{layout}.tsv"
    with open_writer(path, layout, {document.document.id: document.document for document in coded}) as writer:
        writer.write(events[:3])
        writer.write(events[3:])
    table = pv.read_csv(
        path,
        parse_options=pv.ParseOptions(delimiter="\t"),
        convert_options=pv.ConvertOptions(strings_can_be_null=True),
    )
    assert table.column_names == (ICEWS_COLUMNS if layout == "icews" else GDELT_COLUMNS)
    assert table.num_rows == len(events)
    name = "Source Name" if layout == "icews" else "Actor1Name"
    assert table.column(name)[1].as_py() == 'the "coast guard" of Iceland'


def test_an_event_whose_document_is_unknown_keeps_empty_publisher_and_url():
    event, _ = harbour_signing()
    (line,) = written("plover", [event], {}).splitlines()
    record = json.loads(line)
    assert record["source"] is None and record["url"] is None and record["story_id"] == "test/harbour-1"


def test_format_choice_and_its_errors(tmp_path):
    with pytest.raises(UnknownOutputFormat, match="unknown format 'xml'"):
        writer_for(tmp_path / "events.xml", "xml")
    with pytest.raises(UnknownOutputFormat, match="cannot write parquet to stdout"):
        writer_for("-", "parquet")
    with open_writer(tmp_path / "events.txt", "csv") as writer:  # --format beats the extension
        writer.write(harbour_document().events)
    assert (tmp_path / "events.txt").read_text().startswith("event_id,doc_id,")


def test_export_command_writes_each_layout_from_a_store(tmp_path):
    db = tmp_path / "events.duckdb"
    with Store(db) as store:
        store.add([harbour_document(), rail_document()])
    runner = CliRunner()
    for layout in ("plover", "icews", "gdelt"):
        output = tmp_path / f"out.{layout}"
        result = runner.invoke(app, ["export", "--db", str(db), "-o", str(output), "--format", layout])
        assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (tmp_path / "out.plover").read_text().splitlines()]
    assert len(records) == 6
    assert {record["source"] for record in records} == {"Test Wire"}
    icews = pv.read_csv(tmp_path / "out.icews", parse_options=pv.ParseOptions(delimiter="\t"))
    assert icews.num_rows == 6 and set(icews.column("Publisher").to_pylist()) == {"Test Wire"}
    gdelt = pv.read_csv(
        tmp_path / "out.gdelt",
        parse_options=pv.ParseOptions(delimiter="\t"),
        convert_options=pv.ConvertOptions(strings_can_be_null=True),
    )
    assert (
        sorted(url for url in gdelt.column("SOURCEURL").to_pylist() if url)
        == ["https://example.org/harbour"] * 4
    )
    bad = runner.invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / "x"), "--format", "xml"])
    assert bad.exit_code == 2 and "unknown format 'xml'" in bad.output


@pytest.mark.parametrize(
    ("place", "city", "province", "country", "geo_type"),
    [
        (Location("Uttar Pradesh", "Uttar Pradesh", "IND", "IN.36", 27.0, 81.0, precision="admin1"), "", "Uttar Pradesh", "India", "5"),
        (Location("Ohio", "Ohio", "USA", "US.OH", 40.2, -82.7, precision="admin1"), "", "Ohio", "United States", "2"),
        (Location("Dayton", "Dayton", "USA", "US.OH", 39.8, -84.2, precision="city"), "Dayton", "", "United States", "3"),
        (Location("India", "India", "IND", None, 22.0, 79.0, precision="country"), "", "", "India", "1"),
    ],
)  # fmt: skip
def test_city_province_and_gdelt_place_type_follow_the_precision(place, city, province, country, geo_type):
    event, _ = harbour_signing()
    event.location = place
    icews = dict(zip(ICEWS_COLUMNS, written("icews", [event], {}).split("\n")[1].split("\t")))
    assert (icews["City"], icews["Province"], icews["Country"]) == (city, province, country)
    gdelt = dict(zip(GDELT_COLUMNS, written("gdelt", [event], {}).split("\n")[1].split("\t")))
    assert gdelt["ActionGeo_Type"] == geo_type
