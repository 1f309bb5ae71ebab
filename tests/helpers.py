"""Small builders for catalogue documents and check graphs, used across the tests."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from ea_repo.catalog.graph import Node, RepoGraph

IPPD = "kab"


needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None and not os.environ.get("EA_TEST_REQUIRE_DOT"),
    reason="Graphviz `dot` not installed (CI installs it and sets EA_TEST_REQUIRE_DOT)",
)


def doc(
    kind: str,
    element_id: str,
    *,
    name: str | None = "Nama",
    ippd: str = IPPD,
    opd: str | None = "1",
    plateau: str = "as-is",
    **spec: Any,
) -> dict[str, Any]:
    metadata = {"id": element_id, "name": name, "ippd": ippd, "opd": opd, "plateau": plateau}
    return {
        "apiVersion": "ea-repo/v1",
        "kind": kind,
        "metadata": {k: v for k, v in metadata.items() if v is not None},
        "spec": spec,
    }


def organisation(ippd: str = IPPD, opds: tuple[str, ...] = ("1",)) -> list[dict[str, Any]]:
    docs = [{"apiVersion": "ea-repo/v1", "kind": "IPPD", "metadata": {"id": ippd, "name": f"Kabupaten {ippd}"}}]
    docs += [
        {"apiVersion": "ea-repo/v1", "kind": "OPD", "metadata": {"id": code, "name": f"OPD {code}", "ippd": ippd}}
        for code in opds
    ]
    return docs


def write_yaml(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump_all(docs, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def node(
    element_id: str,
    kind: str,
    *,
    plateau: str = "as-is",
    ippd: str = IPPD,
    opd: str | None = "1",
    name: str | None = "Nama",
    reference: tuple[str, ...] = (),
    spec: dict | None = None,
) -> Node:
    return Node(ippd, plateau, element_id, kind, name, opd, reference, spec or {}, None)


def graph(
    nodes: list[Node],
    links: list[tuple[str, ...]] = (),
    *,
    opds: tuple[str, ...] = ("1",),
    ippds: tuple[str, ...] = (IPPD,),
) -> RepoGraph:
    """links are (source ID, field, target ID), or (plateau, source ID, field, target ID) when IDs repeat."""
    by_id = {n.id: n for n in nodes}
    rows = [(IPPD, *link) if len(link) == 4 else (by_id[link[0]].ippd, by_id[link[0]].plateau, *link) for link in links]
    return RepoGraph(nodes=nodes, links=rows, ippds=ippds, opds=[(i, o) for i in ippds for o in opds])


def chain(plateau: str = "as-is") -> tuple[list[Node], list[tuple[str, str, str]]]:
    """A complete, clean chain: process <- service <- application -> data, server <- security device."""
    nodes = [
        node("P.1", "BusinessProcess", plateau=plateau, reference=("RAB.09.07",)),
        node("L.1", "Service", plateau=plateau, reference=("RAL.02.01",)),
        node("A.1", "Application", plateau=plateau, reference=("RAA.01.02",)),
        node("D.1", "Data", plateau=plateau, reference=("RAD.09.02",)),
        node("I.PKS.1", "Server", plateau=plateau),
        node("K.PKK.1", "SecurityDevice", plateau=plateau),
    ]
    links = [
        ("L.1", "processes", "P.1"),
        ("A.1", "services", "L.1"),
        ("A.1", "data", "D.1"),
        ("A.1", "runs_on", "I.PKS.1"),
        ("K.PKK.1", "protects", "I.PKS.1"),
    ]
    return nodes, links


def workbook_bytes(sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> bytes:
    """An XLSX file of these sheets (name -> rows), with the given merged ranges per sheet."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
