"""The findings an import brought: the checks' findings on the elements its rows wrote, each
located where the user can fix it (the sheet, row and column of a workbook; the file and line of YAML)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ea_repo.catalog.elements import ElementRow
from ea_repo.checks import Finding, Report, Severity

FIRST = 5  # findings shown after an import; `ea check` shows all

# The one field a rule's finding is about, when it has one: where to look in the row. Link rules
# name their field in the finding (`field`); rules about the chain (a service no application
# supports) have no single cell.
_RULE_FIELDS = {
    "id-malformed": "metadata.id",
    "id-duplicate": "metadata.id",
    "id-kind-conflict": "metadata.id",
    "name-missing": "metadata.name",
    "ippd-unknown": "metadata.ippd",
    "opd-unknown": "metadata.opd",
    "data-without-owner": "metadata.opd",
    "reference-code-missing": "spec.reference",
    "reference-code-wrong-domain": "spec.reference",
    "reference-code-unknown": "spec.reference",
    "reference-name-mismatch": "spec.reference",
}


@dataclass(frozen=True)
class LocatedFinding:
    """A finding and where its cause was written: `file [sheet]:row` or `file:line`, and the column if known."""

    finding: Finding
    source: str | None
    column: str | None


@dataclass
class ImportFindings:
    """Counts by severity of the findings on the imported elements, and the first few, located."""

    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Severity})
    first: list[LocatedFinding] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def brought_by(
    report: Report, elements: list[ElementRow], columns: dict[str, dict[str, str]], first: int = FIRST
) -> ImportFindings:
    """The report's findings on these elements, counted by severity (the report's order: errors first)."""
    keys = {row.key for row in elements}
    result = ImportFindings()
    for finding in report.findings:
        if (finding.ippd, finding.plateau, finding.element) not in keys:
            continue
        result.counts[finding.severity.value] += 1
        if len(result.first) < first:
            result.first.append(LocatedFinding(finding, finding.source, column_of(finding, columns)))
    return result


def column_of(finding: Finding, columns: dict[str, dict[str, str]]) -> str | None:
    """The sheet column ("Nama Aplikasi (C)") the finding is about, for an element read from a sheet."""
    if not finding.source:
        return None
    sheet = columns.get(finding.source.rpartition(":")[0])
    if sheet is None:
        return None
    link_field = finding.param("field")
    wanted = f"spec.{link_field}" if link_field else _RULE_FIELDS.get(finding.rule)
    return sheet.get(wanted) if wanted else None
