"""Validated rows and the element invariants every input path (YAML, Excel, API) calls.

Shape is pydantic's job (documents.py). Here: ID pattern of the kind, plateau name,
reference-code syntax, link ID syntax. Repository consistency is the checks' job, not this.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ea_repo.catalog.envelope import ValidDocument
from ea_repo.catalog.limits import attribute_problems
from ea_repo.core.i18n import Message
from metamodel import (
    RELATED_FIELD,
    Kind,
    ReferenceCellError,
    load_metamodel,
    looks_like_id,
    normalise_id,
    parse_reference_cell,
    split_id_list,
)


@dataclass(frozen=True, slots=True)
class ElementRow:
    """One element as stored: identity, owner, reference codes, attributes, declared links."""

    ippd: str
    plateau: str
    element_id: str
    kind: str
    name: str | None
    opd: str | None
    reference: tuple[str, ...]
    spec: dict[str, Any]
    labels: dict[str, str]
    annotations: dict[str, str]
    links: tuple[tuple[str, str], ...]  # (field, target ID), in declared order
    source: str | None = None
    version: int | None = None  # the stored version; None for rows not read from the store

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.ippd, self.plateau, self.element_id)

    @property
    def stored_version(self) -> int:
        """The version of a row read from the store, where every row has one."""
        assert self.version is not None, "a row not read from the store has no version"
        return self.version

    def digest(self) -> str:
        """Content fingerprint: an unchanged re-import writes nothing."""
        payload = json.dumps(
            [self.kind, self.name, self.opd, self.reference, self.spec, self.labels, self.annotations, self.links],
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.blake2b(payload.encode(), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    """An IPPD (ippd is None) or an OPD of one IPPD."""

    kind: str
    code: str
    ippd: str | None
    name: str | None
    spec: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    source: str | None = None


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: Message


def plain_values(spec: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready attribute values: dates as ISO text, whole numbers as integers, no empties."""
    out: dict[str, Any] = {}
    for key, value in spec.items():
        if value is None:
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        out[key] = value
    return out


def element_from_document(
    document: ValidDocument, kind: Kind, source: str | None = None
) -> ElementRow | list[FieldProblem]:
    """Apply the element invariants to a shape-valid document; problems, or the row."""
    metamodel = load_metamodel()
    meta, spec = document.metadata, document.spec
    problems: list[FieldProblem] = []
    element_id = normalise_id(meta.id)
    if not kind.id_matches(element_id):
        problems.append(FieldProblem("metadata.id", Message("id_shape", example=kind.id_example, got=repr(meta.id))))
    if not metamodel.is_plateau(meta.plateau):
        problems.append(FieldProblem("metadata.plateau", Message("plateau", got=repr(meta.plateau))))
    problems.extend(ippd_problems(meta.ippd, Message("ippd_missing")))
    reference_domain = metamodel.domain(kind.domain).reference
    try:
        reference = tuple(e.text() for e in parse_reference_cell(spec.reference, reference_domain))
    except ReferenceCellError as exc:
        key = "no_reference_code" if exc.reason == "no-code" else "text_before_code"
        problems.append(FieldProblem("spec.reference", Message(key, got=repr(exc.text), example=exc.default_domain)))
        reference = ()
    links = _links(spec, kind, problems)
    attributes = plain_values({a.name: getattr(spec, a.name) for a in kind.attributes})
    problems.extend(FieldProblem(field, message) for field, message in attribute_problems(attributes))
    if problems:
        return problems
    return ElementRow(
        ippd=meta.ippd,
        plateau=meta.plateau,
        element_id=element_id,
        kind=kind.name,
        name=meta.name,
        opd=meta.opd,
        reference=reference,
        spec=attributes,
        labels=dict(meta.labels),
        annotations=dict(meta.annotations),
        links=links,
        source=source,
    )


def _links(spec: BaseModel, kind: Kind, problems: list[FieldProblem]) -> tuple[tuple[str, str], ...]:
    links: dict[tuple[str, str], None] = {}
    typed_targets: set[str] = set()
    for link_field in (*kind.link_fields, RELATED_FIELD):
        for target in split_id_list(getattr(spec, link_field)):
            if link_field == RELATED_FIELD and target in typed_targets:
                continue  # already declared with its type; the untyped mention adds nothing
            if looks_like_id(target):
                links[(link_field, target)] = None
                typed_targets.add(target)
            else:
                problems.append(FieldProblem(f"spec.{link_field}", Message("link_ids", got=repr(target))))
    return tuple(links)


def ippd_problems(ippd: str | None, missing: Message) -> list[FieldProblem]:
    """The IPPD a document belongs to: present and a well-formed code (it names export folders and URL paths)."""
    if not ippd:
        return [FieldProblem("metadata.ippd", missing)]
    if not load_metamodel().is_ippd_code(ippd):
        return [
            FieldProblem(
                "metadata.ippd",
                Message("ippd_code", example=load_metamodel().ippd_kind.id_example, got=repr(ippd)),
            )
        ]
    return []


def organisation_from_document(
    document: ValidDocument, kind: Kind, source: str | None = None
) -> OrganisationRow | list[FieldProblem]:
    meta = document.metadata
    code = meta.id.strip()
    problems: list[FieldProblem] = []
    if not kind.id_matches(code):
        problems.append(FieldProblem("metadata.id", Message("org_code", example=kind.id_example, got=repr(meta.id))))
    if kind.name == "OPD":
        problems.extend(ippd_problems(meta.ippd, Message("opd_ippd_missing")))
    spec = plain_values({a.name: getattr(document.spec, a.name) for a in kind.attributes})
    problems.extend(FieldProblem(field, message) for field, message in attribute_problems(spec))
    if problems:
        return problems
    ippd = meta.ippd if kind.name == "OPD" else None
    return OrganisationRow(kind.name, code, ippd, meta.name, spec, dict(meta.labels), source)
