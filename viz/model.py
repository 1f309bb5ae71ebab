"""Views as networkx graphs: the whole plateau, one domain, one OPD, the context or impact of one element."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ea_repo.core.i18n import Message
from ea_repo.service import DiagramData, DiagramDiff


def build(data: DiagramData, only: set[str] | None = None) -> nx.MultiDiGraph:
    """Nodes carry id, name, kind, domain, opd, reference; edges carry the relation name. `only`: just these
    elements and the links among them."""
    graph = nx.MultiDiGraph(ippd=data.ippd, plateau=data.plateau)
    for element in data.elements:
        if only is None or element.id in only:
            graph.add_node(
                element.id,
                name=element.name,
                kind=element.kind,
                domain=element.domain,
                opd=element.opd,
                reference=element.reference,
                ippd=element.ippd or data.ippd,
            )
    for link in distinct_links(data):
        if only is None or (link.subject in only and link.object in only):
            graph.add_edge(link.subject, link.object, relation=link.relation)
    return graph


def distinct_links(data: DiagramData) -> Iterable:
    """Each link once: declared on both ends (A.001 services: [L.001] and L.001 related: [A.001], as the rule
    link-one-way asks) it is one relation between the same two elements, already read in its relation's
    direction by the service, so one edge."""
    seen = set()
    for link in data.links:
        if link not in seen:
            seen.add(link)
            yield link


def opd_neighbourhood(data: DiagramData, opd: str) -> set[str]:
    """One OPD's elements and everything they link to directly, either way: what layered(graph, opd) keeps,
    found from the data so that the rest of the IPPD is never built."""
    own = {e.id for e in data.elements if e.opd == opd}
    near = set(own)
    for link in data.links:
        if link.subject in own:
            near.add(link.object)
        elif link.object in own:
            near.add(link.subject)
    return near


def difference(diff: DiagramDiff) -> nx.MultiDiGraph:
    """Both plateaus in one picture: every element with its change (added, retired, changed, kept),
    every link with whether it was added, retired or kept."""
    before, after = build(diff.before), build(diff.after)
    graph = nx.MultiDiGraph(ippd=diff.after.ippd, plateau=f"{diff.before.plateau} → {diff.after.plateau}")
    for source in (before, after):
        for node, attrs in source.nodes(data=True):
            graph.add_node(node, **attrs, change=diff.changes.get(node, "kept"))
    old_links = {(s, t, a["relation"]) for s, t, a in before.edges(data=True)}
    new_links = {(s, t, a["relation"]) for s, t, a in after.edges(data=True)}
    for source, target, relation in sorted(old_links | new_links):
        change = (
            "kept"
            if (source, target, relation) in old_links & new_links
            else ("added" if (source, target, relation) in new_links else "retired")
        )
        graph.add_edge(source, target, relation=relation, change=change)
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


def opd_view(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """OPDs as nodes; an edge where one OPD's elements link to another's (the integration picture).

    Edge attributes: how many links, and which relations (e.g. an application of one OPD using
    the data of another).
    """
    view = nx.MultiDiGraph(**graph.graph)
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for source, target, attrs in graph.edges(data=True):
        a, b = graph.nodes[source]["opd"] or "-", graph.nodes[target]["opd"] or "-"
        if a != b:
            relations = counts.setdefault((a, b), {})
            relations[attrs["relation"]] = relations.get(attrs["relation"], 0) + 1
    for opd in sorted({attrs["opd"] or "-" for _, attrs in graph.nodes(data=True)}):
        members = sum(1 for _, attrs in graph.nodes(data=True) if (attrs["opd"] or "-") == opd)
        view.add_node(
            f"OPD {opd}",
            name=f"{members} elemen",
            kind="OPD",
            domain="organisation",
            opd=opd,
            reference=(),
            members=members,
        )
    for (a, b), relations in sorted(counts.items()):
        label = ", ".join(f"{name} ×{n}" for name, n in sorted(relations.items()))
        view.add_edge(f"OPD {a}", f"OPD {b}", relation=label, relations=dict(relations), count=sum(relations.values()))
    return view


NO_CODE = "-"
GROUPINGS = (
    ("ippd", "opd", "domain"),
    ("ippd", "domain"),
    ("domain", "reference:2"),
    ("domain", "reference:1"),
    ("domain",),
)  # finest first; reference:N is the element's first reference code cut to level N
MAX_GROUP_EDGES = 1500  # dot lays out ~1,000 edges between a few hundred groups in seconds, 17,000 in minutes


def aggregate(
    graph: nx.MultiDiGraph, max_nodes: int = 2000, max_edges: int = MAX_GROUP_EDGES
) -> tuple[nx.MultiDiGraph, Message | None]:
    """The graph itself if small enough; else one node per group with counts, and a note saying
    what was collapsed (Graphviz `dot` needs minutes beyond a few thousand nodes)."""
    if graph.number_of_nodes() <= max_nodes:
        return graph, None
    return collapse(dict(graph.nodes(data=True)), graph.edges(), graph.graph, max_nodes, max_edges)


def overview(
    data: DiagramData, max_nodes: int = 2000, max_edges: int = MAX_GROUP_EDGES
) -> tuple[nx.MultiDiGraph, Message | None]:
    """build(data) then aggregate, without building the element graph when it would be collapsed
    anyway (the national repository: 300,000 elements, over a million links)."""
    if len(data.elements) <= max_nodes:
        return build(data), None
    nodes = {
        e.id: {"domain": e.domain, "opd": e.opd, "ippd": e.ippd or data.ippd, "reference": e.reference}
        for e in data.elements
    }
    edges = ((link.subject, link.object) for link in distinct_links(data))
    return collapse(nodes, edges, {"ippd": data.ippd, "plateau": data.plateau}, max_nodes, max_edges)


def collapse(
    nodes: dict[str, dict], edges: Iterable[tuple[str, str]], attrs: dict, max_nodes: int, max_edges: int
) -> tuple[nx.MultiDiGraph, Message]:
    """One node per group of the finest of GROUPINGS that fits in `max_nodes`: one IPPD collapses
    to its OPDs, the national repository to its IPPDs, then to reference codes. Between groups,
    one edge with the count of links; beyond `max_edges`, only the heaviest are drawn."""
    for grouping in GROUPINGS:  # count the groups with tuples first; name them only for the grouping chosen
        if len({group_parts(a, grouping) for a in nodes.values()}) <= max_nodes or grouping == GROUPINGS[-1]:
            break
    group_of = {n: group_key(a, grouping) for n, a in nodes.items()}
    view = nx.MultiDiGraph(**attrs)
    for node, node_attrs in nodes.items():
        group = group_of[node]
        if group not in view:
            view.add_node(
                group,
                name=None,
                kind="group",
                domain=node_attrs["domain"],
                opd=node_attrs.get("opd") if "opd" in grouping else None,
                ippd=node_attrs.get("ippd") if "ippd" in grouping else None,
                reference=_group_codes(node_attrs, grouping),
                members=0,
            )
        view.nodes[group]["members"] += 1
    for _group, group_attrs in view.nodes(data=True):
        group_attrs["name"] = f"{group_attrs['members']:,} elemen"
    pairs: dict[tuple[str, str], int] = {}
    for source, target in edges:
        key = (group_of[source], group_of[target])
        pairs[key] = pairs.get(key, 0) + 1
    drawn = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:max_edges]
    for (a, b), n in sorted(drawn):
        view.add_edge(a, b, relation=f"×{n:,}", count=n)
    said = {"count": f"{len(nodes):,}", "groups": f"{view.number_of_nodes():,}", "limit": f"{max_nodes:,}"}
    names = "/".join(grouping)
    if len(drawn) < len(pairs):
        heaviest = {"drawn": f"{len(drawn):,}", "pairs": f"{len(pairs):,}", "least": f"{drawn[-1][1]:,}"}
        return view, Message("diagram_collapsed_heaviest", names=names, **said, **heaviest)
    return view, Message("diagram_collapsed", names=names, **said)


def group_parts(attrs: dict, grouping: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_group_part(attrs, part) for part in grouping)


def group_key(attrs: dict, grouping: tuple[str, ...]) -> str:
    return " / ".join(group_parts(attrs, grouping))


def _group_part(attrs: dict, part: str) -> str:
    if part.startswith("reference:"):
        return reference_prefix(attrs.get("reference") or (), int(part.split(":")[1]))
    return str(attrs.get(part) or NO_CODE)


def reference_prefix(reference: tuple[str, ...], level: int) -> str:
    """The first reference code cut to `level` (RAA.01.02.05 at level 2: RAA.01.02); '-' without one."""
    if not reference:
        return NO_CODE
    code = reference[0].split(" ")[0]
    return ".".join(code.split(".")[: level + 1])


def _group_codes(attrs: dict, grouping: tuple[str, ...]) -> tuple[str, ...]:
    codes = [_group_part(attrs, part) for part in grouping if part.startswith("reference:")]
    return tuple(c for c in codes if c != NO_CODE)


class UnknownElement(KeyError):
    pass


def _require(graph: nx.MultiDiGraph, element: str) -> None:
    if element not in graph:
        raise UnknownElement(element)
