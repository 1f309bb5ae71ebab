"""Peta Rencana SPBE records (the plan, its initiatives) and the provenance records assessors ask for
(enactments, reviews, budgets), as stored.

    apiVersion: ea-repo/v1
    kind: Initiative
    metadata: {id: D.1.1, name: ..., ippd: kab-serang}
    spec: {muatan: Aplikasi, uic: [Diskominfo], years: [2023, 2024], delivers: [A.020], ...}

The record kinds and their fields are declared in the metamodel (`records`); the document reader
(catalog/importer.py) reads, explains and de-duplicates them like every other document, and calls
`item_from_document` here to turn a valid document into a `RoadmapItem`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ea_repo.catalog.elements import FieldProblem, ippd_problems, plain_values
from ea_repo.catalog.envelope import API_VERSION, ValidDocument
from ea_repo.catalog.limits import attribute_problems
from ea_repo.core.i18n import Message
from metamodel import RecordKind, load_metamodel, normalise_id, split_id_list

# The record kinds code refers to by name; what they hold is the metamodel's.
PLAN, INITIATIVE = "RoadmapPlan", "Initiative"
ENACTMENT, REVIEW, BUDGET = "Enactment", "Review", "Budget"
_METAMODEL = load_metamodel()
ROADMAP_KINDS = _METAMODEL.record_kind_names("roadmap")
EVIDENCE_KINDS = _METAMODEL.record_kind_names("evidence")  # provenance for indicators 11 and 12 (`ea evidence`)
RECORD_KINDS = _METAMODEL.record_kind_names()
FIRST_YEAR, LAST_YEAR = _METAMODEL.record_years  # the years a plan, a budget or an assessment may name


@dataclass(frozen=True)
class RoadmapItem:
    """A plan or an initiative as stored. Initiative spec lists: uic, years, targets, delivers, retires, depends_on."""

    kind: str
    ippd: str
    item_id: str
    name: str | None
    spec: dict[str, Any]
    labels: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    version: int | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.ippd, self.kind, self.item_id)

    def ids(self, name: str) -> list[str]:
        return list(self.spec.get(name) or [])

    @property
    def years(self) -> list[int]:
        """Every year it is scheduled in: `years` and the years of `targets`."""
        return sorted(
            {int(y) for y in self.spec.get("years") or []} | {int(y) for y in (self.spec.get("targets") or {})}
        )

    def document(self, with_version: bool = False) -> dict[str, Any]:
        metadata = {
            "id": self.item_id,
            "name": self.name,
            "ippd": self.ippd,
            "labels": self.labels or None,
            "annotations": self.annotations or None,
            "version": self.version if with_version else None,
        }
        spec = {k: v for k, v in self.spec.items() if v not in (None, [], {})}
        return {
            "apiVersion": API_VERSION,
            "kind": self.kind,
            "metadata": {k: v for k, v in metadata.items() if v is not None},
            "spec": spec,
        }


def item_from_document(
    document: ValidDocument, kind: RecordKind, source: str | None
) -> RoadmapItem | list[FieldProblem]:
    """A validated record document as stored, its lists cleaned by their declared types; or what is wrong with it."""
    meta, spec = document.metadata, document.spec
    item_id = normalise_id(meta.id) if kind.normalise_id else meta.id.strip()
    problems: list[FieldProblem] = []
    if not kind.id_matches(item_id):
        problems.append(FieldProblem("metadata.id", Message("id_shape", example=kind.id_example, got=repr(meta.id))))
    problems.extend(ippd_problems(meta.ippd, Message("ippd_missing")))
    values = plain_values(spec.model_dump())
    problems.extend(FieldProblem(path, message) for path, message in attribute_problems(values))
    if problems:
        return problems
    for name in (f.name for f in kind.fields_of_type("ids")):
        values[name] = [normalise_id(i) for i in split_id_list(values.get(name))]
    for name in (f.name for f in kind.fields_of_type("mentions")):
        values[name] = split_id_list(values.get(name))
    for name in (f.name for f in kind.fields_of_type("year_texts")):
        values[name] = {int(year): text for year, text in sorted((values.get(name) or {}).items())}
    for name in (f.name for f in kind.fields_of_type("years")):
        values[name] = sorted(set(values.get(name) or []))
    for name in (f.name for f in kind.fields_of_type("names")):
        values[name] = [u.strip() for u in values.get(name) or [] if u.strip()]
    return RoadmapItem(
        kind.name, meta.ippd, item_id, meta.name, values, dict(meta.labels), dict(meta.annotations), source
    )
