"""Bytes to text: binary inputs are refused, invalid UTF-8 is replaced with a warning."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path
from typing import BinaryIO

import ftfy

from dyads.ingest.report import ReadReport, UnreadableInput

SAMPLE_BYTES = 8192
# Control characters other than whitespace are rare in text and common in binary formats.
TEXT_CONTROLS = {0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1B}
MAX_CONTROL_SHARE = 0.05
MAX_NUL_SHARE = 0.001


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, decompressed when its name ends in `.gz`."""
    if path.suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def check_not_binary(sample: bytes) -> None:
    """Raise `UnreadableInput` when a sample of an input looks like a binary file."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableInput("UTF-16 text is not supported; convert it to UTF-8")
    # a stray NUL is corruption in a text file (cleaned later, or a malformed JSON line that is skipped);
    # binary formats are full of them
    if sample.count(0) > max(1, len(sample) * MAX_NUL_SHARE):
        raise UnreadableInput("binary file (NUL bytes)")
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in TEXT_CONTROLS or byte == 0x7F)
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise UnreadableInput(f"binary file ({controls} control bytes in the first {len(sample)})")


def decode(data: bytes, origin: str, report: ReadReport) -> str:
    """UTF-8 text of `data`; invalid bytes become U+FFFD and a warning names where."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        report.warn(origin, f"invalid UTF-8 at byte {error.start}; undecodable bytes replaced")
    return text.removeprefix("\ufeff")


def read_text_file(path: Path, report: ReadReport) -> str:
    """The whole text of a (small, one-document) file, with line endings normalised to \\n."""
    with open_binary(path) as handle:
        data = handle.read()
    check_not_binary(data[:SAMPLE_BYTES])
    return normalise_newlines(decode(data, str(path), report))


MOJIBAKE_MARKS = ("â€", "Ã", "Â")


def repair_mojibake(text: str) -> str:
    """UTF-8 that was once decoded as Windows-1252 ("â€œwe demandâ€") read back as what was meant.

    Only the encoding is repaired (ftfy.fix_encoding); quotes, widths and normal forms are left alone,
    so a clean text's offsets stay those of its source.
    """
    if any(mark in text for mark in MOJIBAKE_MARKS):
        return ftfy.fix_encoding(text)
    return text


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
