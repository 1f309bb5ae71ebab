"""Rules about links: missing targets, retired targets, disallowed relations, one-way metadata."""

from __future__ import annotations

from collections.abc import Iterator

from ea_repo.catalog.graph import RepoGraph
from ea_repo.checks.findings import Severity, Text
from ea_repo.checks.registry import Hit, rule
from metamodel import RELATED_FIELD


@rule(
    "link-missing-target",
    Severity.ERROR,
    title=Text("Tautan ke ID yang tidak ada", "Link to a missing ID"),
    message=Text(
        "{element} menautkan {target} (di {field}), tetapi {target} tidak ada di plateau {plateau}",
        "{element} links to {target} (in {field}), but {target} does not exist in plateau {plateau}",
    ),
    fix=Text(
        "Perbaiki ID tujuan (salah ketik?) atau daftarkan elemen tersebut di plateau ini.",
        "Correct the target ID (a typo?) or register that element in this plateau.",
    ),
)
def link_missing_target(graph: RepoGraph) -> Iterator[Hit]:
    for link in graph.problem_links:
        if link.target is None and not _earlier_plateau_has(
            graph, link.source.ippd, link.source.plateau, link.target_id
        ):
            yield link.source, {"target": link.target_id, "field": link.field}


@rule(
    "link-to-retired",
    Severity.ERROR,
    title=Text("Tautan ke elemen yang dihapus di plateau ini", "Link to an element this plateau drops"),
    message=Text(
        "{element} di {plateau} menautkan {target}, yang ada di {found_in} tetapi tidak lagi di {plateau}",
        "{element} in {plateau} links to {target}, which exists in {found_in} but is dropped in {plateau}",
    ),
    fix=Text(
        "Tautkan ke elemen pengganti di plateau ini, atau pertahankan elemen tujuan di plateau ini.",
        "Link to the replacing element in this plateau, or keep the target in this plateau.",
    ),
)
def link_to_retired(graph: RepoGraph) -> Iterator[Hit]:
    for link in graph.problem_links:
        if link.target is None:
            found_in = _earlier_plateau_has(graph, link.source.ippd, link.source.plateau, link.target_id)
            if found_in:
                yield link.source, {"target": link.target_id, "found_in": found_in}


def _earlier_plateau_has(graph: RepoGraph, ippd: str, plateau: str, element_id: str) -> str | None:
    order = graph.metamodel.plateau_order
    for other in graph.plateaus_of(ippd):
        if order(other) < order(plateau) and graph.node(ippd, other, element_id) is not None:
            return other
    return None


@rule(
    "relation-not-allowed",
    Severity.ERROR,
    title=Text("Relasi tidak diizinkan metamodel", "Relation not allowed by the metamodel"),
    message=Text(
        "{element} ({source_kind}) menautkan {target} ({target_kind}) di {field}: metamodel tidak mengenal relasi "
        "{source_kind} -> {target_kind}",
        "{element} ({source_kind}) links to {target} ({target_kind}) in {field}: the metamodel allows no {source_kind} "
        "-> {target_kind} relation",
    ),
    fix=Text(
        "Periksa apakah ID tujuan benar; relasi yang diizinkan tercantum di `ea metamodel relations`.",
        "Check that the target ID is right; the allowed relations are listed by `ea metamodel relations`.",
    ),
)
def relation_not_allowed(graph: RepoGraph) -> Iterator[Hit]:
    for link in graph.problem_links:
        if link.target is not None and link.relation is None:
            yield (
                link.source,
                {
                    "target": link.target_id,
                    "field": link.field,
                    "source_kind": link.source.kind,
                    "target_kind": link.target.kind,
                },
            )


@rule(
    "link-one-way",
    Severity.WARNING,
    title=Text("ID Metadata Terkait satu arah", "One-way ID Metadata Terkait"),
    message=Text(
        "{element} mencantumkan {target} di ID Metadata Terkait, tetapi daftar milik {target} tidak mencantumkan "
        "{element}",
        "{element} lists {target} in ID Metadata Terkait, but {target}'s own list does not name {element}",
    ),
    fix=Text(
        "Tambahkan elemen ini ke ID Metadata Terkait milik elemen tujuan, atau hapus tautan yang keliru.",
        "Add this element to the target's ID Metadata Terkait, or remove the wrong link.",
    ),
)
def link_one_way(graph: RepoGraph) -> Iterator[Hit]:
    """B "disagrees" when it keeps an ID Metadata Terkait list of its own and A is in none of B's links."""
    keeps_a_list = {id(link.source) for link in graph.related_links}
    keeps_a_list.update(id(link.source) for link in graph.problem_links if link.field == RELATED_FIELD)
    for link in graph.related_links:  # resolved: each has its target
        if link.target is not None and id(link.target) in keeps_a_list and link.source.id not in link.target.targets:
            yield link.source, {"target": link.target_id}
