"""Every diagram from what the service read for the caller: the view's graph, then the bytes. The CLI and the API
ask the service for the data (`service.diagram_view`, `service.national_diagram_data`), then call this."""

from __future__ import annotations

import networkx as nx

from ea_repo import service
from ea_repo.core.errors import ConfigError, ElementNotFound
from ea_repo.core.i18n import Catalogue, Message, Text, t
from metamodel import load_metamodel

from . import dot, export, model

VIEWS = service.DIAGRAM_VIEWS
FORMATS = (*dot.FORMATS, *export.FORMATS)
MEDIA_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
    "dot": "text/vnd.graphviz",
    "graphml": "application/graphml+xml",
    "json": "application/json",
}


ViewRequest = service.DiagramRequest  # the views' request, read by the service (`service.diagram_view`)


TITLES = Catalogue(
    "viz.titles",
    {
        "context": Text("{title} — konteks {element}", "{title} — context of {element}"),
        "impact": Text("{title} — dampak {element}", "{title} — impact of {element}"),
    },
)


def view_graph(source: service.DiagramView, lang: str = "id") -> tuple[nx.MultiDiGraph, str]:
    """The view's graph and its title in `lang`, from what the service read for the principal
    (`service.diagram_view`)."""
    request, ippd = source.request, source.ippd
    if source.diff is not None:
        graph = model.difference(source.diff)
        return model.layered(graph, request.opd), f"{ippd} — {request.before} → {request.after}"
    data = source.data
    title = f"{ippd} — {request.plateau}"
    if request.view == "layers":
        only = model.opd_neighbourhood(data, request.opd) if request.opd else None
        return model.build(data, only), title + (f" — OPD {request.opd}" if request.opd else "")
    graph = model.build(data)
    if request.view == "opds":
        return model.opd_view(graph), f"{title} — OPD ↔ OPD"
    if request.view == "domain":
        if request.domain not in dot.LAYERS:
            layers = ", ".join(dot.LAYERS)
            raise ConfigError(Message("parameter_one_of", name="domain", choices=layers, got=repr(request.domain)))
        return model.domain(graph, request.domain), f"{title} — {load_metamodel().domain(request.domain).name(lang)}"
    element = source.element
    try:
        view = (
            model.context(graph, element, request.depth) if request.view == "context" else model.impact(graph, element)
        )
    except model.UnknownElement:
        raise ElementNotFound(element) from None
    return view, TITLES.t(request.view, lang, title=title, element=element)


def national_graph(
    data: service.DiagramData, max_nodes: int = 2000, lang: str = "id"
) -> tuple[nx.MultiDiGraph, str, Message | None]:
    """Every IPPD the principal sees (`service.national_diagram_data`), one plateau, layered: collapsed straight
    from the rows when too big (the national repository is never built element by element); its title and note."""
    graph, note = model.overview(data, max_nodes)
    ippds = len({e.ippd for e in data.elements})
    return graph, t("diagram_national_title", lang, count=f"{ippds:,}", plateau=data.plateau), note


def produce(
    graph: nx.MultiDiGraph,
    title: str,
    fmt: str,
    *,
    lang: str = "id",
    max_nodes: int = 2000,
    cluster: str = "domain",
    note: Message | None = None,
) -> tuple[bytes, str | None]:
    """The diagram (or the graph as data) in `fmt`, and a note in `lang` if it had to be collapsed
    (`note`: what was collapsed before, as national_graph does)."""
    if fmt not in FORMATS:
        raise ConfigError(Message("parameter_one_of", name="format", choices=", ".join(FORMATS), got=repr(fmt)))
    if cluster not in dot.CLUSTERS:
        clusters = ", ".join(dot.CLUSTERS)
        raise ConfigError(Message("parameter_one_of", name="cluster", choices=clusters, got=repr(cluster)))
    if fmt in export.FORMATS:
        return export.graph_bytes(graph, fmt), note.render(lang) if note else None
    drawn, collapsed = model.aggregate(graph, max_nodes)
    said = (note or collapsed).render(lang) if note or collapsed else None
    try:
        return dot.render(dot.to_dot(drawn, title, lang=lang, note=said, cluster=cluster), fmt), said
    except dot.DotMissing:
        raise ConfigError(Message("dot_missing")) from None
