"""One entry for every diagram: pick the view, then produce the bytes. The CLI and the API call this."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ea_repo import service
from ea_repo.core.errors import ConfigError, ElementNotFound

from . import dot, export, model

VIEWS = ("layers", "domain", "context", "impact", "diff", "opds")
FORMATS = (*dot.FORMATS, *export.FORMATS)
MEDIA_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
    "dot": "text/vnd.graphviz",
    "graphml": "application/graphml+xml",
    "json": "application/json",
}


@dataclass(frozen=True)
class ViewRequest:
    view: str = "layers"
    plateau: str = "as-is"
    opd: str | None = None  # layers, diff: one OPD and its neighbours
    domain: str | None = None  # domain: which one
    element: str | None = None  # context, impact: which element
    depth: int = 1  # context: how far
    before: str = "as-is"  # diff
    after: str = "to-be"  # diff


def select(
    repo: service.Repository, principal: service.Principal, ippd: str, request: ViewRequest
) -> tuple[nx.MultiDiGraph, str]:
    """The view's graph (only what the principal may see) and its title."""
    if request.view not in VIEWS:
        raise ConfigError(f"unknown view {request.view!r}; expected one of: {', '.join(VIEWS)}")
    service.require_visible(principal, ippd, request.opd)  # asking for an OPD outside the scope is refused, not emptied
    if request.view == "diff":
        graph = model.difference(service.diagram_diff(repo, ippd, request.before, request.after, principal))
        return model.layered(graph, request.opd), f"{ippd} — {request.before} → {request.after}"
    data = service.diagram_data(repo, ippd, request.plateau, principal)
    title = f"{ippd} — {request.plateau}"
    if request.view == "layers":
        only = model.opd_neighbourhood(data, request.opd) if request.opd else None
        return model.build(data, only), title + (f" — OPD {request.opd}" if request.opd else "")
    graph = model.build(data)
    if request.view == "opds":
        return model.opd_view(graph), f"{title} — OPD ↔ OPD"
    if request.view == "domain":
        if request.domain not in dot.LAYERS:
            raise ConfigError(f"unknown domain {request.domain!r}; expected one of: {', '.join(dot.LAYERS)}")
        return model.domain(graph, request.domain), f"{title} — {request.domain}"
    if not request.element:
        raise ConfigError(f"the {request.view} view needs an element ID")
    key = service.element_key(ippd, request.plateau, request.element)
    element = service.get_element(repo, principal, key).element_id  # 404 if absent, 403 if outside the scope
    try:
        view = (
            model.context(graph, element, request.depth) if request.view == "context" else model.impact(graph, element)
        )
    except model.UnknownElement:
        raise ElementNotFound(element) from None
    return view, f"{title} — {request.view} {element}"


def select_national(
    repo: service.Repository, principal: service.Principal, plateau: str = "as-is", max_nodes: int = 2000
) -> tuple[nx.MultiDiGraph, str, str | None]:
    """Every IPPD the principal sees, one plateau, layered: collapsed straight from the rows when
    too big (the national repository is never built element by element); its title and note."""
    data = service.national_diagram_data(repo, plateau, principal)
    graph, note = model.overview(data, max_nodes)
    ippds = len({e.ippd for e in data.elements})
    return graph, f"Nasional ({ippds:,} IPPD) — {plateau}", note


def produce(
    graph: nx.MultiDiGraph,
    title: str,
    fmt: str,
    *,
    lang: str = "id",
    max_nodes: int = 2000,
    cluster: str = "domain",
    note: str | None = None,
) -> tuple[bytes, str | None]:
    """The diagram (or the graph as data) in `fmt`, and a note if it had to be collapsed
    (`note`: what was collapsed before, as select_national does)."""
    if fmt not in FORMATS:
        raise ConfigError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    if cluster not in dot.CLUSTERS:
        raise ConfigError(f"cluster: expected one of {', '.join(dot.CLUSTERS)}, got {cluster!r}")
    if fmt in export.FORMATS:
        return export.graph_bytes(graph, fmt), note
    drawn, collapsed = model.aggregate(graph, max_nodes)
    note = note or collapsed
    try:
        return dot.render(dot.to_dot(drawn, title, lang=lang, note=note, cluster=cluster), fmt), note
    except dot.DotMissing as exc:
        raise ConfigError(str(exc)) from None
