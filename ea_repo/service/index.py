"""`ea index`: the SPBE index from a file of indicator scores. No repository and no caller: the file is the
user's own, read where it lies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ea_repo import index as spbe
from ea_repo.reports.tables import Document


@dataclass(frozen=True)
class IndexOutcome:
    result: spbe.IndexResult
    change: spbe.WhatIf | None  # the what-if's before and after, when one was asked
    levers: tuple[spbe.Lever, ...]  # the indicators that, raised by one, move the index most


def spbe_index(path: Path, *, instrument: str | None = None, what_if: str | None = None, top: int = 10) -> IndexOutcome:
    """The index of the scores in `path` under their instrument (or `instrument`: a shipped key or a YAML file),
    a what-if (`11=4,aspek2=3`) and the `top` levers. ScoresRejected lists every problem of the input."""
    result = spbe.compute_index(spbe.read_scores(path, spbe.choose_instrument(instrument) if instrument else None))
    change = spbe.what_if(result.scores, *spbe.parse_what_if(what_if)) if what_if else None
    levers = spbe.levers(change.after if change else result)[: max(top, 0)]  # after a what-if: what to raise next
    return IndexOutcome(result, change, levers)


def index_data(outcome: IndexOutcome, lang: str = "id") -> dict:
    return {
        **spbe.result_data(outcome.result, lang),
        "what_if": spbe.what_if_data(outcome.change) if outcome.change else None,
        "levers": spbe.levers_data(outcome.levers),
    }


def index_document(outcome: IndexOutcome, lang: str = "id", *, indicators: bool = True) -> Document:
    return spbe.index_document(outcome.result, lang, outcome.change, outcome.levers, indicators=indicators)
