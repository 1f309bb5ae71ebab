"""The index calculator (Indeks Pemdi, PermenPANRB 8/2026; Indeks SPBE, 59/2020 and 5/2018; or an instrument from a
file): scores in, aspects, domains, index and band out.

inputs.py reads score files (YAML/CSV) and --what-if text; instruments.py picks the instrument (shipped, or a user's
file, checked); compute.py is pure arithmetic over it; report.py turns a result into tables and JSON.
"""

from __future__ import annotations

from ea_repo.index.compute import compute_index, levers, missing_indicators, what_if
from ea_repo.index.inputs import ScoreFile, parse_score, parse_what_if, read_scores
from ea_repo.index.instruments import InstrumentRejected, choose_instrument
from ea_repo.index.model import (
    AspectResult,
    DomainResult,
    IndexResult,
    Lever,
    ScoreProblem,
    ScoreSet,
    ScoresRejected,
    WhatIf,
    round_half_up,
)
from ea_repo.index.report import index_document, levers_data, number, result_data, what_if_data

__all__ = [
    "InstrumentRejected",
    "choose_instrument",
    "AspectResult",
    "DomainResult",
    "IndexResult",
    "Lever",
    "ScoreFile",
    "ScoreProblem",
    "ScoreSet",
    "ScoresRejected",
    "WhatIf",
    "compute_index",
    "index_document",
    "levers",
    "levers_data",
    "missing_indicators",
    "number",
    "parse_score",
    "parse_what_if",
    "read_scores",
    "result_data",
    "round_half_up",
    "what_if",
    "what_if_data",
]
