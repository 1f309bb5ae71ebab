"""What a diagram shows of one IPPD and plateau: elements and their resolved links, in scope."""
from __future__ import annotations

from dataclasses import dataclass

from metamodel import load_metamodel

from .. import store
from ..access import Principal, local_principal, require_ippd
from ..gap import element_changes
from ..runtime import thawed_after
from .catalog import build_graph
from .repository import Repository


@dataclass(frozen=True)
class DiagramElement:
    id: str
    name: str | None
    kind: str
    domain: str
    opd: str | None
    reference: tuple[str, ...]


@dataclass(frozen=True)
class DiagramLink:
    """A link in its relation's direction: subject -relation-> object (A.001 uses D.002)."""

    subject: str
    relation: str
    object: str


@dataclass(frozen=True)
class DiagramData:
    ippd: str
    plateau: str
    elements: list[DiagramElement]
    links: list[DiagramLink]


def diagram_data(repo: Repository, ippd: str, plateau: str = "as-is", principal: Principal | None = None) -> DiagramData:
    """The plateau's elements the principal may see, and the allowed links among them."""
    who = principal or local_principal()
    require_ippd(who, ippd)
    metamodel = load_metamodel()
    with thawed_after():
        graph = build_graph(repo, ippds=[ippd])
        nodes = [n for n in graph.nodes() if n.ippd == ippd and n.plateau == plateau and who.sees(ippd, n.opd)]
        visible = {n.id for n in nodes}
        links = []
        for link in graph.scope_links(ippd, plateau):
            if link.relation is None or link.target is None or link.target_id not in visible or link.source.id not in visible:
                continue  # missing targets and disallowed pairs are the checks' business, not the picture's
            subject, obj = (link.target_id, link.source.id) if link.relation.reversed else (link.source.id, link.target_id)
            links.append(DiagramLink(subject, link.relation.relation.name, obj))
    elements = [DiagramElement(n.id, n.name, n.kind, metamodel.kind(n.kind).domain, n.opd, tuple(n.reference)) for n in nodes]
    return DiagramData(ippd, plateau, elements, links)


@dataclass(frozen=True)
class DiagramDiff:
    """Two plateaus of one IPPD and, per element ID, added / retired / changed / kept."""

    before: DiagramData
    after: DiagramData
    changes: dict[str, str]


def diagram_diff(repo: Repository, ippd: str, before: str = "as-is", after: str = "to-be",
                 principal: Principal | None = None) -> DiagramDiff:
    who = principal or local_principal()
    old, new = diagram_data(repo, ippd, before, who), diagram_data(repo, ippd, after, who)
    with repo.engine.connect() as conn:
        rows = {p: [r for r in store.read_elements(conn, store.ElementFilter(ippd=ippd, plateau=p)) if who.sees(ippd, r.opd)]
                for p in (before, after)}
    return DiagramDiff(old, new, element_changes(rows[before], rows[after]))
