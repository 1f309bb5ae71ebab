"""Typed findings and reports. Compute here; rendering lives in render.py."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from ea_repo.core.i18n import Text  # the one type of user text; rules and packages import it from here too

__all__ = ["Finding", "Report", "Severity", "Text"]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Finding(NamedTuple):
    """One rule firing on one element (or organisation) in one plateau (a NamedTuple: thousands are made per run)."""

    rule: str
    severity: Severity
    ippd: str
    plateau: str | None
    element: str | None
    kind: str | None
    opd: str | None
    params: tuple[tuple[str, str], ...] = ()
    source: str | None = None

    def param(self, name: str) -> str | None:
        return dict(self.params).get(name)


@dataclass(frozen=True)
class Report:
    """The findings of one check run and what was checked."""

    findings: tuple[Finding, ...]
    rules: tuple[str, ...]
    elements: int
    links: int

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def by_severity(self) -> dict[str, int]:
        return {s.value: sum(1 for f in self.findings if f.severity is s) for s in Severity}
