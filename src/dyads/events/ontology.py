"""CAMEO codes (name, Goldstein score, quad class) and their PLOVER type, mode and context."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dyads.data import read_tsv
from dyads.model import Cameo, Plover

PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]

QUAD_CLASS_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]

    def cameo(self) -> Cameo:
        return Cameo(self.code, self.root, self.name, self.quad_class, self.goldstein)

    def plover(self) -> Plover:
        return Plover(self.plover_type or "", self.plover_mode, self.plover_context)


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    codes = {}
    for row in read_tsv("reference/cameo_codes.tsv"):
        codes[row["code"]] = CameoCode(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover_type=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None,
            plover_context=row["plover_context"] or None,
        )
    return codes


def lookup(code: str) -> CameoCode:
    """The entry for a CAMEO code; raises KeyError with the code for an unknown one."""
    try:
        return cameo_codes()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None


def cameo_filter(code: str) -> str:
    """`code` as a filter on events: a code of the CAMEO table, standing for itself and every code under it
    ("04": root 04 and all of 04x, 04xx). Raises ValueError naming `code` for anything else ("1")."""
    if code not in cameo_codes():
        raise ValueError(
            f"{code!r} is not a CAMEO code: use a two-digit root such as 01 (it takes in every code under it) or a"
            " code of the CAMEO table such as 190 or 0311"
        )
    return code
