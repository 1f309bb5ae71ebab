"""The rule registry. Built-in rules register here exactly as a user's own rule would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from ea_repo.catalog.graph import Node, RepoGraph
from ea_repo.checks.findings import Finding, Severity, Text
from ea_repo.core.i18n import Catalogue


@dataclass(frozen=True)
class OrgSubject:
    """A finding about the organisation rather than one element."""

    ippd: str
    opd: str | None = None


Subject = Node | OrgSubject
Hit = tuple[Subject, dict[str, str]]
# A rule's function: (RepoGraph) -> Hits, or for a roadmap rule (RoadmapContext) -> its own hits.
Find = Callable[[Any], Iterator[tuple[Any, dict[str, str]]]]
FindT = TypeVar("FindT", bound=Find)


@dataclass(frozen=True)
class Rule:
    """A consistency rule: what it means, how to fix it, and the pure function that finds it."""

    id: str
    severity: Severity
    domain: str | None
    title: Text
    message: Text
    fix: Text
    find: Find
    subject: str = "catalogue"  # "roadmap": runs over a roadmap and its gap (`ea roadmap check`), not the graph

    def run(self, graph: RepoGraph) -> Iterator[Finding]:
        for subject, params in self.find(graph):
            yield _finding(self, subject, params)


def _finding(rule: Rule, subject: Subject, params: dict[str, str]) -> Finding:
    frozen = tuple(params.items())  # rules pass text values
    if isinstance(subject, OrgSubject):
        return Finding(rule.id, rule.severity, subject.ippd, None, None, None, subject.opd, frozen)
    return Finding(
        rule.id,
        rule.severity,
        subject.ippd,
        subject.plateau,
        subject.id,
        subject.kind,
        subject.opd,
        frozen,
        subject.source,
    )


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    severity: Severity,
    *,
    title: Text,
    message: Text,
    fix: Text,
    domain: str | None = None,
    subject: str = "catalogue",
) -> Callable[[FindT], FindT]:
    """Register a rule function that yields (element, params) hits (roadmap rules: Finding objects)."""

    def register(find: FindT) -> FindT:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, severity, domain, title, message, fix, find, subject)
        return find

    return register


PARAM_TEXT = Catalogue(
    "checks.params",
    {
        "added": Text("ditambahkan", "added"),
        "retired": Text("dihentikan", "retired"),
        "changed": Text("diubah", "changed"),
        "kept": Text("tetap", "kept"),
        "shipped": Text("bawaan", "shipped"),
    },
)


def message_for(finding: Finding, lang: str = "id") -> str:
    params = {
        "element": finding.element or "",
        "plateau": finding.plateau or "",
        "ippd": finding.ippd,
        "opd": finding.opd or "",
        "kind": finding.kind or "",
        **dict(finding.params),
    }
    for name in ("change", "version"):  # gap change codes, the shipped list: read in the reader's language
        if params.get(name) in PARAM_TEXT:
            params[name] = PARAM_TEXT.t(params[name], lang)
    return RULES[finding.rule].message.get(lang, **params)


def fix_for(finding: Finding, lang: str = "id") -> str:
    return RULES[finding.rule].fix.get(lang)
