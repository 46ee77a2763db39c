"""Write the UI map's world outline, `src/dyads/server/static/world-110m.json`, from Natural Earth.

    pip download geopandas==0.14.4 --no-deps -d /tmp/ne
    PYTHONPATH=src .venv/bin/python scripts/vendor_world_outline.py /tmp/ne/geopandas-0.14.4-py3-none-any.whl

The source is Natural Earth's 1:110m admin-0 countries (public domain, naturalearthdata.com), as the
geopandas 0.14 wheel ships it (`geopandas/datasets/naturalearth_lowres`, 177 countries, with geopandas'
fix of the `-99` ISO codes of France and Norway). Geopandas 1.0 dropped the file; this wheel is the last
on PyPI to carry it. The output is GeoJSON with `iso_a3` and `name` per country and coordinates rounded to
0.1 degree (about 11 km, under a pixel at the UI's scale), runs of repeated points dropped. Deterministic:
the same wheel gives the same bytes.
"""

from __future__ import annotations

import json
import struct
import sys
import zipfile
from pathlib import Path

DATASET = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "dyads" / "server" / "static" / "world-110m.json"
POLYGON = 5
DECIMALS = 1


def polygons(shp: bytes) -> list[list[list[tuple[float, float]]]]:
    """The rings of each record of an ESRI shapefile of polygons (header 100 bytes, then records)."""
    records, offset = [], 100
    while offset < len(shp):
        _, length_words = struct.unpack(">ii", shp[offset : offset + 8])
        content = shp[offset + 8 : offset + 8 + 2 * length_words]
        (shape_type,) = struct.unpack("<i", content[:4])
        if shape_type != POLYGON:
            raise ValueError(f"shape type {shape_type}, not a polygon")
        parts_count, points_count = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{parts_count}i", content[44 : 44 + 4 * parts_count]))
        start = 44 + 4 * parts_count
        flat = struct.unpack(f"<{2 * points_count}d", content[start : start + 16 * points_count])
        points = list(zip(flat[0::2], flat[1::2]))
        records.append([points[a:b] for a, b in zip(parts, [*parts[1:], points_count])])
        offset += 8 + 2 * length_words
    return records


def attributes(dbf: bytes, encoding: str) -> list[dict[str, str]]:
    """The text of every field of every record of a dBASE III table."""
    records_count, header_length, record_length = struct.unpack("<IHH", dbf[4:12])
    names, widths, offset = [], [], 32
    while dbf[offset] != 0x0D:
        names.append(dbf[offset : offset + 11].split(b"\0")[0].decode("ascii").lower())
        widths.append(dbf[offset + 16])
        offset += 32
    rows = []
    for index in range(records_count):
        start = header_length + index * record_length + 1  # after the deletion flag
        row = {}
        for name, width in zip(names, widths):
            row[name] = dbf[start : start + width].decode(encoding).strip()
            start += width
        rows.append(row)
    return rows


def rounded(ring: list[tuple[float, float]]) -> list[list[float]]:
    points: list[list[float]] = []
    for x, y in ring:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not points or point != points[-1]:
            points.append(point)
    return points


def main(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shapes = polygons(archive.read(f"{DATASET}.shp"))
        rows = attributes(archive.read(f"{DATASET}.dbf"), archive.read(f"{DATASET}.cpg").decode("ascii").strip())
    features = []
    for rings, row in zip(shapes, rows):
        kept = [ring for ring in map(rounded, rings) if len(ring) >= 4]
        features.append({
            "type": "Feature",
            "properties": {"iso_a3": row["iso_a3"], "name": row["name"]},
            # shapefile rings are not grouped into polygons; each is drawn as its own polygon
            "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in kept]},
        })
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14.4",
        "features": features,
    }
    OUTPUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(features)} countries, {OUTPUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
