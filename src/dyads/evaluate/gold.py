"""Gold readers: one typed record per gold item, whatever file format the gold set came in.

`detect_format` looks at the content (JSONL keys, TSV header), not only the file name, so a user's own
gold file in one of these layouts is recognised wherever it lives.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from dyads.evaluate.corpus import read_splits
from dyads.evaluate.metrics import current_plover_type
from dyads.ingest import ReadReport, read_path
from dyads.model import Document

GoldFormat = Literal["corpus", "document", "plover", "cameo", "pentaclass", "actor_phrases"]
Status = Literal["required", "optional", "forbidden"]

# A folder of annotated documents with this file is a corpus: `id<TAB>split` for each of its documents.
SPLITS_FILE = "splits.tsv"
# The seed article states no date; the shared README dates it (Monitor vol. 6 no. 101, 22 May 2000).
SEED_DATE = date(2000, 5, 22)


class GoldFormatError(ValueError):
    """The file is not in any gold format dyads knows; the message says which ones it knows."""


@dataclass
class ExpectedEvent:
    """One line of a document annotation: an event that must, may or must not be coded."""

    id: str
    status: Status
    quote: str  # a substring of the sentence that states the event
    sources: list[str] | None  # ISO 3166 alpha-3, any of them; None: the annotation leaves it open
    targets: list[str] | None
    cameo: list[str]  # accepted codes; a 2-digit entry accepts its whole root
    modality: str | None = None  # None: any modality
    reciprocal: bool = False
    historical: bool | None = None
    plover: str | None = None  # the PLOVER type; None for plain statements (01x) and older annotations


@dataclass
class AnnotatedDocument:
    document: Document  # its text is the body the coder sees; quotes are located in it
    expected: list[ExpectedEvent]


@dataclass
class GoldActor:
    text: str
    country: str | None
    sector: str | None  # a CAMEO sector code (GOV, MIL, ...); None when the gold leaves it open


@dataclass
class PloverRecord:
    id: str
    text: str
    date: date | None
    event_type: str  # already mapped to a current PLOVER type
    sources: list[GoldActor]
    targets: list[GoldActor]


@dataclass
class CameoExample:
    id: str
    text: str  # the example sentence, without the codebook's trailing "Note: ..."
    code: str


@dataclass
class PentaclassSentence:
    id: str
    text: str
    label: int


@dataclass
class ActorPhrase:
    id: str
    text: str
    context: str
    date: str
    country: str | None  # expected country, None when the test does not check it
    sectors: list[str] | None  # accepted primary sectors, None when the test does not check it
    no_actor: bool = False  # the test expects the phrase to resolve to nothing


def detect_format(path: Path) -> GoldFormat:
    if path.is_dir() and (path / SPLITS_FILE).is_file():
        return "corpus"
    if path.suffix == ".jsonl":
        first = _first_json(path)
        if {"status", "quote"} <= first.keys():
            return "document"
        if {"event", "text", "source"} <= first.keys():
            return "plover"
    elif path.suffix in (".tsv", ".tab"):
        header = set(_tsv_header(path))
        if {"code", "example"} <= header:
            return "cameo"
        if {"text", "label"} <= header:
            return "pentaclass"
        if {"text", "expectations"} <= header:
            return "actor_phrases"
    raise GoldFormatError(
        f"{path}: not a known gold format (a corpus folder with {SPLITS_FILE}, document annotation "
        "*.expected.jsonl, PLOVER records .jsonl, "
        "CAMEO examples .tsv code/example, five-class sentences .tsv text/label, actor phrases .tsv "
        "text/expectations)"
    )


def read_document(path: Path, default_date: date | None = None) -> AnnotatedDocument:
    """An `X.expected.jsonl` annotation and its text `X.txt`, read as `dyads code` reads it; the date is
    the text's own, else `default_date`, else the seed's."""
    stem = path.name.removesuffix(".jsonl").removesuffix(".expected")
    text_path = path.with_name(stem + ".txt")
    report = ReadReport()
    documents = list(read_path(text_path, report))
    if not documents:
        reasons = "; ".join(str(skipped) for skipped in report.skipped) or "no text"
        raise GoldFormatError(f"{path}: its text {text_path.name} cannot be read ({reasons})")
    document = documents[0]
    document.date = document.date or default_date or SEED_DATE
    return AnnotatedDocument(document, read_expected(path))


def read_expected(path: Path) -> list[ExpectedEvent]:
    """The entries of one `*.expected.jsonl` annotation."""
    return [_expected_event(record) for record in _json_lines(path)]


def read_corpus(folder: Path, split: str) -> Iterator[AnnotatedDocument]:
    """The annotated documents of one split of a corpus folder, in id order; documents not yet
    annotated (no `<id>.expected.jsonl`) are left out."""
    for doc_id, doc_split in sorted(read_splits(folder / SPLITS_FILE).items()):
        annotation = folder / f"{doc_id}.expected.jsonl"
        if doc_split == split and annotation.is_file():
            yield read_document(annotation)


def read_plover(path: Path) -> Iterator[PloverRecord]:
    for record in _json_lines(path):
        yield PloverRecord(
            id=record["id"],
            text=record["text"],
            date=_iso_date(record.get("date")),
            event_type=current_plover_type(record["event"]),
            sources=_gold_actors(record.get("source")),
            targets=_gold_actors(record.get("target")),
        )


def read_cameo(path: Path) -> Iterator[CameoExample]:
    for number, row in enumerate(_tsv_rows(path), start=1):
        sentence = row["example"].split("Note:")[0].strip()
        yield CameoExample(id=f"{row['code']}#{number}", text=sentence, code=row["code"])


def read_pentaclass(path: Path) -> Iterator[PentaclassSentence]:
    for number, row in enumerate(_tsv_rows(path), start=1):
        yield PentaclassSentence(id=str(number), text=row["text"], label=int(row["label"]))


def read_actor_phrases(path: Path) -> Iterator[ActorPhrase]:
    for number, row in enumerate(_tsv_rows(path), start=1):
        expectations = json.loads(row["expectations"])
        yield ActorPhrase(
            id=row.get("test") or str(number),
            text=row["text"],
            context=row.get("context", ""),
            date=row.get("date", ""),
            country=_expected_value(expectations.get("country")),
            sectors=_expected_values(expectations.get("code_1")),
            no_actor=["Is", None] in expectations.get("code", []),
        )


def _expected_event(record: dict) -> ExpectedEvent:
    return ExpectedEvent(
        id=record["id"],
        status=record["status"],
        quote=record["quote"],
        sources=_as_list(record.get("source")) or None,
        targets=_as_list(record.get("target")) or None,
        cameo=_as_list(record.get("cameo")),
        modality=record.get("modality"),
        reciprocal=bool(record.get("reciprocal")),
        historical=record.get("historical"),
        plover=record.get("plover") or None,
    )


def _gold_actors(value) -> list[GoldActor]:
    if not isinstance(value, list):
        return []
    return [
        GoldActor(actor.get("actorText", ""), actor.get("code") or None, _sector(actor.get("sector")))
        for actor in value
    ]


def _sector(value: str | None) -> str | None:
    """Gold sectors carry ethnic or religious suffixes (REBkur, CVLMOS) and a `***` for "unknown";
    the first three letters are the sector. CIV is an old spelling of CVL (civilians)."""
    if not value or not value[:3].isalpha():
        return None
    sector = value[:3].upper()
    return "CVL" if sector == "CIV" else sector


def _expected_value(checks: list | None) -> str | None:
    values = _expected_values(checks)
    return values[0] if values else None


def _expected_values(checks: list | None) -> list[str] | None:
    """The accepted values of NGEC-style checks ([[op, value], ...]): `Eq` one value, `In` a list."""
    if not checks:
        return None
    accepted: list[str] = []
    for op, value in checks:
        if op == "Eq":
            accepted.append(value)
        elif op == "In":
            accepted.extend(value)
    return accepted or None


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _json_lines(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldFormatError(f"{path}:{number}: not JSON ({error.msg})") from None


def _first_json(path: Path) -> dict:
    first = next(_json_lines(path), None)
    return first if isinstance(first, dict) else {}


def _tsv_header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle, delimiter="\t"), [])


def _tsv_rows(path: Path) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t")
