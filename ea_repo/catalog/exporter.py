"""Elements -> YAML documents, deterministically ordered so that export is byte-stable."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ea_repo.catalog.elements import ElementRow, OrganisationRow
from ea_repo.catalog.envelope import API_VERSION
from ea_repo.core.yaml_io import dump_documents
from metamodel import RELATED_FIELD, load_metamodel, natural_key

ORGANISATION_FILE = "organisasi.yaml"
ROADMAP_FILE = "peta-rencana.yaml"
EVIDENCE_FILE = "bukti.yaml"


def element_document(row: ElementRow, *, with_version: bool = False) -> dict[str, Any]:
    """The YAML envelope of one element, fields in metamodel order, empties left out.

    Files leave the version out (an export stays byte-stable across edits); the API shows it.
    """
    kind = load_metamodel().kind(row.kind)
    metadata = _drop_empty(
        {
            "id": row.element_id,
            "name": row.name,
            "ippd": row.ippd,
            "opd": row.opd,
            "plateau": row.plateau,
            "labels": dict(sorted(row.labels.items())),
            "annotations": dict(sorted(row.annotations.items())),
            "version": row.version if with_version else None,
        }
    )
    spec: dict[str, Any] = {a.name: row.spec[a.name] for a in kind.attributes if a.name in row.spec}
    if row.reference:
        spec["reference"] = list(row.reference)
    by_field: dict[str, list[str]] = {}
    for link_field, target in row.links:
        by_field.setdefault(link_field, []).append(target)
    for link_field in (*kind.link_fields, RELATED_FIELD):
        if link_field in by_field:
            spec[link_field] = by_field[link_field]
    return {"apiVersion": API_VERSION, "kind": kind.name, "metadata": metadata, "spec": spec}


def organisation_document(row: OrganisationRow) -> dict[str, Any]:
    kind = load_metamodel().organisation_kind(row.kind)
    assert kind is not None, row.kind  # an organisation row is made from an organisation kind
    metadata = _drop_empty(
        {"id": row.code, "name": row.name, "ippd": row.ippd, "labels": dict(sorted(row.labels.items()))}
    )
    spec = {a.name: row.spec[a.name] for a in kind.attributes if a.name in row.spec}
    return {"apiVersion": API_VERSION, "kind": kind.name, "metadata": metadata, "spec": spec}


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "", {}, [])}


def export_files(
    elements: Iterable[ElementRow], organisations: Iterable[OrganisationRow], roadmap: Iterable[dict] = ()
) -> dict[Path, str]:
    """Relative path -> YAML text: <ippd>/organisasi.yaml, <ippd>/<plateau>/<domain>.yaml and <ippd>/peta-rencana.yaml
    (`roadmap`: RoadmapPlan and Initiative documents, in the order given)."""
    metamodel = load_metamodel()
    grouped: dict[Path, list[ElementRow]] = defaultdict(list)
    for row in elements:
        domain = metamodel.kind(row.kind).domain
        grouped[Path(row.ippd) / row.plateau / f"{domain}.yaml"].append(row)
    files: dict[Path, str] = {}
    for path, rows in sorted(grouped.items()):
        rows.sort(key=lambda r: (metamodel.kind_order(r.kind), natural_key(r.element_id)))
        ippd, plateau, domain = path.parts[0], path.parts[1], path.stem
        header = f"# ea-repo export: IPPD {ippd}, plateau {plateau}, {metamodel.domain(domain).name_id}\n"
        files[path] = dump_documents([element_document(r) for r in rows], header)
    for ippd, orgs in _organisations_by_ippd(organisations).items():
        files[Path(ippd) / ORGANISATION_FILE] = dump_documents(
            [organisation_document(o) for o in orgs], f"# ea-repo export: IPPD {ippd} and its OPDs\n"
        )
    by_file: dict[Path, list[dict]] = defaultdict(list)
    roadmap_kinds = metamodel.record_kind_names("roadmap")
    for document in roadmap:
        name = ROADMAP_FILE if document["kind"] in roadmap_kinds else EVIDENCE_FILE
        by_file[Path(document["metadata"]["ippd"]) / name].append(document)
    for path, documents in by_file.items():
        what = "Peta Rencana SPBE" if path.name == ROADMAP_FILE else "bukti: penetapan, reviu, anggaran"
        files[path] = dump_documents(documents, f"# ea-repo export: IPPD {path.parent}, {what}\n")
    return dict(sorted(files.items()))


def _organisations_by_ippd(organisations: Iterable[OrganisationRow]) -> dict[str, list[OrganisationRow]]:
    out: dict[str, list[OrganisationRow]] = defaultdict(list)
    for org in organisations:
        out[org.ippd or org.code].append(org)
    for orgs in out.values():
        orgs.sort(key=lambda o: (o.kind != "IPPD", natural_key(o.code)))
    return out
