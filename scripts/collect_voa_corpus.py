"""Write the VOA staff stories of ../shared/corpus/voa into benchmarks/voa/ as `<id>.txt` files.

Each file is a header block (Title, Date, URL, Credit), a blank line and the story text exactly as
collected. The stories are US government works (public domain); VOA asks reuse to credit voanews.com /
Voice of America. Stories from the `pages` search corpus were added by hand in the same layout.

    python scripts/collect_voa_corpus.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "voa"
CREDIT = "Voice of America (voanews.com), public domain"
INDEX_COLUMNS = ["id", "date", "region", "topic", "url"]
REGION_OF_SECTION = {
    "Africa": "Africa",
    "Middle East": "Middle East",
    "Iran": "Middle East",
    "Europe": "Europe and Eurasia",
    "Ukraine": "Europe and Eurasia",
    "East Asia": "Asia",
    "South & Central Asia": "Asia",
    "China News": "Asia",
    "Press Freedom": "Asia",
    "Americas": "Americas",
    "Immigration": "Americas",
}


def story_id(url: str) -> str:
    match = re.search(r"/(\d+)\.html?$", url)
    if match is None:
        raise ValueError(f"no article number in {url}")
    return f"voa-{match.group(1)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    CORPUS.mkdir(parents=True, exist_ok=True)
    rows = []
    with open(args.shared / "corpus" / "voa" / "voa_stories.jsonl", encoding="utf-8") as lines:
        for line in lines:
            story = json.loads(line)
            doc_id = story_id(story["url"])
            date = story["published"][:10]
            header = f"Title: {story['title']}\nDate: {date}\nURL: {story['url']}\nCredit: {CREDIT}\n\n"
            (CORPUS / f"{doc_id}.txt").write_text(header + story["text"] + "\n", encoding="utf-8")
            rows.append([doc_id, date, REGION_OF_SECTION[story["section"]], story["section"], story["url"]])
    index = CORPUS / "documents.tsv"
    known = {}
    if index.exists():
        with open(index, encoding="utf-8", newline="") as lines:
            known = {row["id"]: row for row in csv.DictReader(lines, delimiter="\t")}
    known.update({row[0]: dict(zip(INDEX_COLUMNS, row)) for row in rows})
    with open(index, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, INDEX_COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(known[doc_id] for doc_id in sorted(known))
    print(f"{len(rows)} stories written to {CORPUS}; {index.name} lists {len(known)} documents")


if __name__ == "__main__":
    main()
