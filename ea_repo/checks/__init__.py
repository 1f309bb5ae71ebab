"""Consistency checks: pure rules over the repository graph, yielding typed findings."""

from __future__ import annotations

from dataclasses import dataclass

from ea_repo.catalog.graph import RepoGraph
from ea_repo.checks import rules_coverage, rules_elements, rules_links, rules_roadmap  # noqa: F401  (registers the built-in rules)
from ea_repo.checks.findings import Finding, Report, Severity, Text
from ea_repo.checks.registry import RULES, OrgSubject, Rule, fix_for, message_for, rule
from ea_repo.core.runtime import paused_gc

__all__ = [
    "CheckFilter",
    "Finding",
    "OrgSubject",
    "RULES",
    "Report",
    "Rule",
    "Severity",
    "Text",
    "check_graph",
    "fix_for",
    "message_for",
    "rule",
]


@dataclass(frozen=True)
class CheckFilter:
    """Which findings a run reports. Rules not selected do not run at all."""

    rules: tuple[str, ...] | None = None
    domains: tuple[str, ...] | None = None
    opds: tuple[str, ...] | None = None
    plateaus: tuple[str, ...] | None = None
    min_severity: Severity = Severity.INFO

    def selected_rules(self) -> list[Rule]:
        catalogue = {r.id: r for r in RULES.values() if r.subject == "catalogue"}
        unknown = sorted(set(self.rules or ()) - set(catalogue))
        if unknown:
            raise KeyError(", ".join(unknown))
        return [r for r in catalogue.values() if self.rules is None or r.id in self.rules]

    @property
    def filters_findings(self) -> bool:
        return (
            self.min_severity is not Severity.INFO
            or self.opds is not None
            or self.plateaus is not None
            or self.domains is not None
        )

    def keeps(self, finding: Finding, graph: RepoGraph) -> bool:
        if finding.severity.rank > self.min_severity.rank:
            return False
        if self.opds is not None and finding.opd not in self.opds:
            return False
        if self.plateaus is not None and finding.plateau is not None and finding.plateau not in self.plateaus:
            return False
        if self.domains is not None:
            domain = graph.metamodel.kind(finding.kind).domain if finding.kind else "organisation"  # few findings: fine
            return domain in self.domains
        return True


def check_graph(graph: RepoGraph, selection: CheckFilter = CheckFilter()) -> Report:
    """Run the selected rules over a built graph; findings in a stable order."""
    rules = selection.selected_rules()
    with paused_gc(freeze=True):
        findings = [f for r in rules for f in r.run(graph)]
    if selection.filters_findings:
        findings = [f for f in findings if selection.keeps(f, graph)]
    rank = {r.id: (r.severity.rank, r.id) for r in rules}
    findings.sort(key=lambda f: (rank[f.rule], f.ippd, f.plateau or "", f.element or ""))
    return Report(tuple(findings), tuple(r.id for r in rules), len(graph), graph.link_count)
