"""Score `resolve_phrase` on a table of actor phrases with expected country and sector.

    PYTHONPATH=src python -m dyads.actors.phrases ../shared/gold/dev/actor_phrases_dev.tsv

The table (NGEC's actor-resolution tests: columns `text`, `date`, `expectations` as JSON field →
[[op, value]]) expects `country` (ISO alpha-3, or an IGO body such as UNO/EUR, or "" for none), `code_1`
(primary sector, "" for none) and `code` Is null (not an actor). A dyads IGO code IGOUNO... answers
country "UNO"; every IGO code answers "IGO".
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dyads.actors.recognize import resolve_phrase
from dyads.model import Actor


@dataclass
class PhraseScore:
    country_total: int = 0
    country_right: int = 0
    sector_total: int = 0
    sector_right: int = 0
    null_total: int = 0
    null_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def country_accuracy(self) -> float:
        return self.country_right / self.country_total if self.country_total else 0.0

    @property
    def sector_accuracy(self) -> float:
        return self.sector_right / self.sector_total if self.sector_total else 0.0

    def summary(self) -> str:
        return (
            f"country {self.country_right}/{self.country_total} = {self.country_accuracy:.3f}; "
            f"sector {self.sector_right}/{self.sector_total} = {self.sector_accuracy:.3f}; "
            f"not an actor {self.null_right}/{self.null_total}"
        )


def score_phrases(path: str | Path) -> PhraseScore:
    score = PhraseScore()
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            expected = json.loads(row["expectations"])
            actor = resolve_phrase(row["text"], when=_date(row.get("date", "")))
            for field_name, checks in expected.items():
                if field_name not in ("country", "code_1", "code"):
                    continue
                right = all(_check(op, _answer(field_name, actor), value) for op, value in checks)
                if field_name == "country":
                    score.country_total += 1
                    score.country_right += right
                elif field_name == "code_1":
                    score.sector_total += 1
                    score.sector_right += right
                else:
                    score.null_total += 1
                    score.null_right += right
                if not right:
                    score.misses.append(
                        f"{row['text']!r} {field_name}: want {checks}, got {_answer(field_name, actor)!r}"
                    )
    return score


def _answer(field_name: str, actor: Actor | None) -> set:
    """What the actor answers for a field; an IGO answers both its body (UNO) and "IGO"."""
    if field_name == "code":
        return {actor.code if actor else None}
    if actor is None:
        return {""}
    if field_name == "country":
        code = actor.code or ""
        if actor.country is None and code.startswith("IGO"):
            return {code[3:6], "IGO"}
        return {actor.country or ""}
    return {next((s for s in actor.sectors if s != "IGO"), "")}


def _check(op: str, answers: set, value) -> bool:
    if op == "Eq":
        return value in answers
    if op == "NotEq":
        return value not in answers
    if op == "In":
        return bool(answers & set(value))
    if op == "Is":
        return value in answers
    return False


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


if __name__ == "__main__":
    result = score_phrases(sys.argv[1])
    if "-v" in sys.argv:
        print("\n".join(result.misses))
    print(result.summary())
