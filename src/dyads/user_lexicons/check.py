"""What `dyads lexicon check` finds in users' own tables, beyond a row's cells: rows that never take effect.

A row can be well formed and still change nothing: its names may all be claimed by an earlier row, the
tokenizer or the actor recognizer may never find them in a sentence, the lemmatizer may never produce its
verb lemma, or a row tried before it may always match first. Each is checked the way coding does it: with
the layered lexicons and the real pipeline, on probe sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from dyads import nlp as pipeline
from dyads.actors.lexicon import ActorLexicon
from dyads.events.lexicon import (
    VALUELESS_CONDITIONS,
    WILDCARD,
    TriggerEntry,
    TriggerLexicon,
    acts_as_verb,
    trigger_lexicon,
)
from dyads.user_lexicons import LexiconFile, Problem, Row, Table, UserLexicons, read_table, split_cell

ACTOR_PROBE = "On Monday, {form} said it would act."
# Sentences that put a verb in each of its forms: base, third person, past, present participle.
VERB_PROBES = (
    ("base", "They will {form} {rest}."),
    ("written", "They {form} {rest} on Monday."),  # the lemma as written, read as a past tense: "forgave"
    ("s", "He {form} {rest} every day."),
    ("ed", "They {form} {rest} on Monday."),
    ("ing", "They are {form} {rest}."),
)
VERB_OBJECT = "the plan"
# Condition kinds whose values are lemmas of nouns ("obj=troop", not "obj=troops").
NOUN_CONDITIONS = {"obj", "pobj", "subj"}
NOUN_PROBE = "They saw the {value} yesterday."
VOWELS = "aeiou"


def check_files(files: list[LexiconFile], model: str = pipeline.DEFAULT_MODEL) -> list[Problem]:
    """Every problem of `files`, given in the order a run layers them, file by file and line by line."""
    tables = [read_table(file) for file in files]
    problems = [problem for table in tables for problem in table.problems]
    loadable = [(table, _without_bad_rows(table)) for table in tables if table.format is not None]
    actor_tables = [(table, file) for table, file in loadable if table.format.kind == "actors"]
    verb_tables = [(table, file) for table, file in loadable if table.format.kind == "verbs"]
    nlp = pipeline.load(model, stages=["dyads_actors"],
                        lexicons=UserLexicons(actors=tuple(file for _, file in actor_tables)))
    if actor_tables:
        lexicon = nlp.get_pipe("dyads_actors").lexicon
        problems += _actor_problems([row for table, _ in actor_tables for row in table.rows], lexicon, nlp)
    if verb_tables:
        lexicon = trigger_lexicon(tuple(file for _, file in verb_tables))
        problems += _verb_problems([row for table, _ in verb_tables for row in table.rows], lexicon, nlp)
    order = {file.name: index for index, file in enumerate(files)}
    return sorted(problems, key=lambda p: (order.get(p.origin.rsplit(":", 1)[0], 0), _line(p.origin)))


def _line(origin: str) -> int:
    return int(origin.rsplit(":", 1)[1])


def _without_bad_rows(table: Table) -> LexiconFile:
    """The file with its faulty lines turned into comments, so that the other rows keep their line numbers."""
    bad = {_line(problem.origin) for problem in table.errors}
    lines = table.file.text.splitlines()
    kept = ["# " + line if number in bad else line for number, line in enumerate(lines, start=1)]
    return LexiconFile(table.file.name, "\n".join(kept) + "\n")


def _forms(row: Row) -> list[str]:
    return list(dict.fromkeys((row["name"], *split_cell(row["aliases"]))))


def _actor_problems(rows: list[Row], lexicon: ActorLexicon, nlp: Language) -> Iterator[Problem]:
    reachable: list[tuple[Row, str]] = []
    for row in rows:
        claimed, shadowed = [], []
        for form in _forms(row):
            key = form.lower()
            winner = lexicon.entries[key]
            if row.origin not in winner.origins:
                shadowed.append(f"{form!r} by {winner.origins[0]}")
                continue
            claimed.append(form)
            for other in lexicon.overridden.get(key, []):
                if any(":" in origin for origin in other.origins):
                    continue  # an earlier user row's, reported as shadowing there
                shipped = f"the shipped {other.kind} {other.name or other.code!r} ({other.origins[0]})"
                if other.kind == winner.kind and other.code == winner.code and not other.terms:
                    yield Problem(row.origin, "note", f"{form!r} is {shipped} already, with the same code")
                else:
                    yield Problem(row.origin, "note", f"{form!r} overrides {shipped}, code {other.code or '-'}")
        if shadowed:
            severity = "warning" if claimed else "error"
            yield Problem(row.origin, severity, f"shadowed by an earlier row: {', '.join(shadowed)}")
        reachable += [(row, form) for form in claimed]
    yield from _unmatched_forms(reachable, nlp)


def _unmatched_forms(forms: list[tuple[Row, str]], nlp: Language) -> Iterator[Problem]:
    """Names the actor recognizer never finds in a sentence as the row's own (an error when no name of the
    row is found), or only in normally cased text (some feeds are all lower case), and names that would
    make everyday words actors."""
    recognizer = nlp.get_pipe("dyads_actors")
    stop_words = nlp.Defaults.stop_words
    at = ACTOR_PROBE.index("{form}")
    cased = [ACTOR_PROBE.format(form=form) for _, form in forms]
    docs = list(nlp.pipe([*cased, *(text.lower() for text in cased)]))
    misses: dict[str, list[str]] = {}
    for (row, form), doc in zip(forms, docs[: len(forms)], strict=True):
        found, why = _found_as_row(doc, at, form, row, recognizer)
        if not found:
            misses.setdefault(row.origin, []).append(f"{form!r} never matches in a sentence ({why})")
        elif len(found) == 1 and (found[0].lower_ in stop_words or not any(map(str.isalpha, form))):
            yield Problem(row.origin, "warning", f"{form!r} is an everyday word: every {form!r} in a text "
                          "becomes this actor")
    for (row, form), doc in zip(forms, docs[len(forms) :], strict=True):
        found, why = _found_as_row(doc, at, form.lower(), row, recognizer)
        if not found and row.origin not in misses:
            yield Problem(row.origin, "warning", f"{form!r} never matches in all-lower-case text ({why})")
    rows = {row.origin: row for row, _ in forms}
    for origin, missed in misses.items():
        severity = "warning" if len(_forms(rows[origin])) > len(missed) else "error"
        yield from (Problem(origin, severity, miss) for miss in missed)


def _found_as_row(doc: Doc, at: int, form: str, row: Row, recognizer) -> tuple[Span | None, str]:
    """The span of `form` at `at` if the recognizer reads it as the row's entry; else why not."""
    span = doc.char_span(at, at + len(form))
    pieces = recognizer.pieces(doc)
    if span is not None and any(
        (p.start, p.end) == (span.start, span.end) and row.origin in p.entry.origins for p in pieces
    ):
        return span, ""
    read_as = [doc[p.start : p.end].text for p in pieces if _overlaps(doc[p.start : p.end], at, form)]
    if read_as:
        return None, f"read as {', '.join(map(repr, read_as))}"
    tokens = [t.text for t in doc if at <= t.idx < at + len(form)]
    return None, f"{' | '.join(tokens)}: the recognizer does not take it there"


def _overlaps(span: Span, start: int, form: str) -> bool:
    return span.start_char < start + len(form) and start < span.end_char


def _verb_problems(rows: list[Row], lexicon: TriggerLexicon, nlp: Language) -> Iterator[Problem]:
    entries = {entry.origin: entry for entry in lexicon.entries if entry.origin in {row.origin for row in rows}}
    shipped = {entry.sense: entry for entry in trigger_lexicon().entries}
    for row in rows:
        entry = entries[row.origin]
        first = _tried_first(entry, lexicon)
        if first is not None:
            yield Problem(row.origin, "error", f"shadowed: {first.source} (CAMEO {first.cameo}) "
                          "is tried first and matches wherever this row would")
        elif entry.sense in shipped:
            old = shipped[entry.sense]
            yield Problem(row.origin, "note", f"replaces the shipped row {old.source} (CAMEO {old.cameo})")
    yield from _unreached_lemmas([entries[row.origin] for row in rows], nlp)
    yield from _condition_values([entries[row.origin] for row in rows], nlp)


def _tried_first(entry: TriggerEntry, lexicon: TriggerLexicon) -> TriggerEntry | None:
    """A row that `TriggerLexicon.match` tries before `entry` and whose conditions hold wherever entry's do."""
    rows = lexicon.rows(entry.pos, entry.lemma)
    assert rows is not None
    order = rows.conditional + rows.plain
    for earlier in order[: order.index(entry)]:
        if _implies(entry, earlier):
            return earlier
    return None


def _implies(narrow: TriggerEntry, broad: TriggerEntry) -> bool:
    """Whether `broad` holds wherever `narrow` does: each of its conditions is one of narrow's, as wide."""
    if broad.particle and broad.particle != narrow.particle:
        return False
    for kind, values in broad.conditions:
        own = [mine for other, mine in narrow.conditions if other == kind]
        if WILDCARD in values or kind in VALUELESS_CONDITIONS:
            ok = bool(own)
        else:
            ok = any(mine and WILDCARD not in mine and mine <= values for mine in own)
        if not ok:
            return False
    return True


def _unreached_lemmas(entries: list[TriggerEntry], nlp: Language) -> Iterator[Problem]:
    """Verb lemmas the lemmatizer never gives to the word as written (an error: "attacked" is lemmatised
    "attack", so a row for "attacked" never matches), or not to some of its regular forms (a warning:
    "staged" is lemmatised "stag", so a row for "stage" misses it)."""
    probes = [(entry, kind, form) for entry in entries for kind, form in _inflections(entry.lemma)]
    texts = []
    for entry, kind, form in probes:
        template = dict(VERB_PROBES)[kind]
        texts.append(template.format(form=form, rest=" ".join(filter(None, (entry.particle, VERB_OBJECT)))))
    missed: dict[str, list[str]] = {}
    written: set[str] = set()  # rows whose lemma is what the lemmatizer gives to the lemma as written
    for (entry, kind, form), doc in zip(probes, nlp.pipe(texts, disable=["dyads_actors"]), strict=True):
        start = dict(VERB_PROBES)[kind].index("{form}")
        token = next((t for t in doc if t.idx == start and t.text == form), None)
        if token is None:
            missed.setdefault(entry.origin, []).append(f"the tokenizer splits {form!r}")
            continue
        ok = token.lemma_.lower() == entry.lemma and acts_as_verb(token) and token.dep_ != "amod"
        if ok and entry.particle and not any(c.dep_ == "prt" and c.lower_ == entry.particle for c in token.children):
            missed.setdefault(entry.origin, []).append(f"in {doc.text!r} {entry.particle!r} is not parsed as its "
                                                       "particle")
        elif ok and form == entry.lemma:
            written.add(entry.origin)
        elif not ok:
            missed.setdefault(entry.origin, []).append(f"{form!r} is lemmatised {token.lemma_!r} ({token.pos_})")
    for entry in entries:
        misses = list(dict.fromkeys(missed.get(entry.origin, [])))
        if entry.origin not in written:
            as_written = [miss for miss in misses if miss.startswith(repr(entry.lemma))] or misses
            yield Problem(entry.origin, "error", f"{entry.lemma!r} never matches: " + "; ".join(as_written))
        elif misses:
            yield Problem(entry.origin, "warning", "some forms miss the row: " + "; ".join(misses))


def _inflections(lemma: str) -> list[tuple[str, str]]:
    """The regular forms of a verb (irregular ones are in the lemmatizer's tables): base, -s, -ed, -ing."""
    # a short verb ending consonant-vowel-consonant doubles it ("ban" → "banned"); longer ones mostly do not
    doubled = lemma + lemma[-1] if re.search(f"[^{VOWELS}][{VOWELS}][^{VOWELS}wxy]$", lemma) and len(lemma) <= 4 \
        else lemma
    if lemma.endswith("e"):
        past, participle = lemma + "d", (lemma if lemma.endswith("ee") else lemma[:-1]) + "ing"
    elif re.search(f"[^{VOWELS}]y$", lemma):
        past, participle = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, participle = doubled + "ed", doubled + "ing"
    if re.search("(s|x|z|ch|sh|o)$", lemma):
        third = lemma + "es"
    elif re.search(f"[^{VOWELS}]y$", lemma):
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return [("base", lemma), ("written", lemma), ("s", third), ("ed", past), ("ing", participle)]


def _condition_values(entries: list[TriggerEntry], nlp: Language) -> Iterator[Problem]:
    """Condition values that are not lemmas ("obj=troops" never holds: the object's lemma is "troop")."""
    values = sorted({value for entry in entries for kind, vals in entry.conditions if kind in NOUN_CONDITIONS
                     for value in vals if value != WILDCARD and " " not in value})
    texts = [NOUN_PROBE.format(value=value) for value in values]
    lemmas = {}
    for value, doc in zip(values, nlp.pipe(texts, disable=["dyads_actors"]), strict=True):
        token = doc[3]
        if token.text.lower() == value and token.lemma_.lower() != value:
            lemmas[value] = token.lemma_.lower()
    for entry in entries:
        wrong = _wrong_values(entry.conditions, lemmas)
        if wrong:
            yield Problem(entry.origin, "warning", "conditions are on lemmas: " + "; ".join(wrong))


def _wrong_values(conditions: Iterable[tuple[str, frozenset[str]]], lemmas: dict[str, str]) -> list[str]:
    return [f"{kind}={value} never holds: the lemmatizer makes {value!r} {lemmas[value]!r}"
            for kind, values in conditions if kind in NOUN_CONDITIONS for value in sorted(values) if value in lemmas]
