"""Assault or fight by who uses force on whom: an act of violence a row of armed_force.tsv names takes the
code its row gives for the sectors of its source and target."""

from __future__ import annotations

from functools import lru_cache

from dyads.data import read_tsv


@lru_cache(maxsize=1)
def _armed_force_rows() -> tuple[tuple[str, frozenset[str], frozenset[str], frozenset[str], str], ...]:
    def cells(text: str) -> frozenset[str]:
        return frozenset(filter(None, text.split("|")))

    return tuple(
        (row["act"], cells(row["lemmas"]), cells(row["sectors"]), cells(row["unless_target"]), row["code"])
        for row in read_tsv("events/armed_force.tsv")
    )


def armed_force_code(code: str, lemma: str, source_sector: str, target_sector: str) -> str | None:
    """The CAMEO code an act of violence takes by who uses force on whom (armed_force.tsv), or None to keep
    `code`."""
    for act, lemmas, sectors, spared_targets, recoded in _armed_force_rows():
        if (code == act and source_sector in sectors and (not lemmas or lemma in lemmas)
                and target_sector not in spared_targets):
            return None if recoded == code else recoded  # a row recoding to its act keeps it: an execution
    return None
