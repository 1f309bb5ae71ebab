"""Views as networkx graphs: the whole plateau, one domain, one OPD, the context or impact of one element."""
from __future__ import annotations

import networkx as nx

from ea_repo.service import DiagramData


def build(data: DiagramData) -> nx.MultiDiGraph:
    """Nodes carry id, name, kind, domain, opd, reference; edges carry the relation name."""
    graph = nx.MultiDiGraph(ippd=data.ippd, plateau=data.plateau)
    for element in data.elements:
        graph.add_node(element.id, name=element.name, kind=element.kind, domain=element.domain, opd=element.opd,
                       reference=element.reference)
    for link in data.links:
        graph.add_edge(link.subject, link.object, relation=link.relation)
    return graph


def layered(graph: nx.MultiDiGraph, opd: str | None = None) -> nx.MultiDiGraph:
    """Every domain, or one OPD's elements and what they link to directly (its picture in context)."""
    if opd is None:
        return graph
    own = {n for n, attrs in graph.nodes(data=True) if attrs["opd"] == opd}
    near = own | {m for n in own for m in (*graph.successors(n), *graph.predecessors(n))}
    return graph.subgraph(near).copy()


def domain(graph: nx.MultiDiGraph, key: str) -> nx.MultiDiGraph:
    return graph.subgraph([n for n, attrs in graph.nodes(data=True) if attrs["domain"] == key]).copy()


def context(graph: nx.MultiDiGraph, element: str, depth: int = 1) -> nx.MultiDiGraph:
    """The element and everything within `depth` links of it, in either direction."""
    _require(graph, element)
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), element, cutoff=depth)
    return graph.subgraph(reach).copy()


def impact(graph: nx.MultiDiGraph, element: str) -> nx.MultiDiGraph:
    """Everything that depends on the element, transitively, and everything it depends on.

    Links read subject -> object ("A.001 runs-on I.PKS.003"), so what depends on a server is
    what reaches it: its ancestors; what it depends on: its descendants.
    """
    _require(graph, element)
    return graph.subgraph({element} | nx.ancestors(graph, element) | nx.descendants(graph, element)).copy()


class UnknownElement(KeyError):
    pass


def _require(graph: nx.MultiDiGraph, element: str) -> None:
    if element not in graph:
        raise UnknownElement(element)
