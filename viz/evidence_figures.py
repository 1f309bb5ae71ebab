"""The diagrams of the evidence document, cut into pieces whose type stays readable on a landscape page.

The whole IPPD first; when its picture must shrink below the minimum type size (longform.outline.MIN_FONT_PT),
one picture per OPD (its elements and what they link to); an OPD still too large is cut into groups of its
elements, each with its neighbours, packed while the picture stays readable; an element with more neighbours than
one readable picture holds (a shared server) is drawn with its neighbours in turns. Only a picture of one element
and one neighbour can stay below the minimum (names hundreds of characters long).
"""

from __future__ import annotations

import shutil

from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Catalogue, t
from ea_repo.reports.document import Figure
from ea_repo.reports.longform.outline import readable
from ea_repo.reports.planning import opd_label

TEXT = Catalogue.from_languages(
    "viz.evidence_figures",
    {
        "id": {
            "as_is": "Arsitektur as-is — {name}",
            "diff": "Perubahan as-is → to-be — {name}",
            "part": "{title} (bagian {n} dari {of})",
            "opd": "{title} — OPD {opd}",
        },
        "en": {
            "as_is": "As-is architecture — {name}",
            "diff": "Changes as-is → to-be — {name}",
            "part": "{title} (part {n} of {of})",
            "opd": "{title} — OPD {opd}",
        },
    },
)


def evidence_figures(
    repo, ippd: str, name: str, opd_names: dict[str, str], lang: str, *, principal: service.Principal
) -> tuple[tuple[Figure, ...], str | None]:
    """The figures of what `principal` may see, and None; or no figures and why they could not be drawn (the
    document prints it). The CLI draws as the local admin, a web page as the person signed in."""
    if shutil.which("dot") is None:
        return (), t("evidence_no_dot_why", lang)
    from viz import views

    who = principal
    requests = [("layers", TEXT.t("as_is", lang, name=name))]
    if service.list_elements(repo, ippd=ippd, plateau="to-be", principal=who):
        requests.append(("diff", TEXT.t("diff", lang, name=name)))
    figures = []
    try:
        for view, title in requests:
            graph, _ = views.view_graph(service.diagram_view(repo, ippd, views.ViewRequest(view), principal=who))
            for piece, heading, svg in _pieces(views, repo, who, ippd, view, graph, title, opd_names, lang):
                figures.append(Figure(heading, svg=svg, png=views.produce(piece, heading, "png", lang=lang)[0]))
    except ConfigError as exc:  # dot failed on a picture: say so in the document rather than stop
        return (), str(exc)
    return tuple(figures), None


def _pieces(views, repo, who, ippd, view, graph, title, opd_names, lang):
    svg = _svg(views, graph, title, lang)
    if readable(svg) or graph.number_of_nodes() <= 1:
        return [(graph, title, svg)]
    opds = sorted({a["opd"] for _, a in graph.nodes(data=True) if a.get("opd")})
    if len(opds) <= 1:
        return _groups(views, graph, sorted(graph.nodes), title, lang)
    out = []
    for opd in opds:
        piece, _ = views.view_graph(service.diagram_view(repo, ippd, views.ViewRequest(view, opd=opd), principal=who))
        heading = TEXT.t("opd", lang, title=title, opd=opd_label(opd, opd_names))
        svg = _svg(views, piece, heading, lang)
        if readable(svg):
            out.append((piece, heading, svg))
        else:
            own = sorted(n for n, a in piece.nodes(data=True) if a.get("opd") == opd)
            out += _groups(views, piece, own, heading, lang)
    return out


def _groups(views, graph, own: list[str], title: str, lang: str):
    """`own` packed, in order, into groups whose pictures (each group with its neighbours) stay readable. An element
    whose picture alone is not readable (a server many applications run on) is drawn with its neighbours in turns."""
    probe = TEXT.t("part", lang, title=title, n=len(own) * 9, of=len(own) * 9)  # the longest title a piece gets
    pieces = []
    for group in _pack(own, lambda chosen: _svg(views, _near(graph, chosen), probe, lang)):
        if len(group) == 1 and not readable(_svg(views, _near(graph, group), probe, lang)):
            pieces += _hub_pieces(views, graph, group[0], probe, lang)
        else:
            pieces.append(_near(graph, group))
    out = []
    for number, piece in enumerate(pieces, start=1):
        heading = TEXT.t("part", lang, title=title, n=number, of=len(pieces)) if len(pieces) > 1 else title
        out.append((piece, heading, _svg(views, piece, heading, lang)))
    return out


def _hub_pieces(views, graph, hub: str, probe: str, lang: str) -> list:
    """The hub with its neighbours in turns, each turn as many neighbours as stay readable."""
    around = sorted(set(graph.successors(hub)) | set(graph.predecessors(hub)))
    turns = _pack(around, lambda chosen: _svg(views, graph.subgraph({hub, *chosen}), probe, lang))
    return [graph.subgraph({hub, *turn}).copy() for turn in turns]


def _pack(items: list[str], draw) -> list[list[str]]:
    """`items` in order, in groups as large as stay readable when drawn (a group of one always stands)."""
    groups: list[list[str]] = []
    current: list[str] = []
    for item in items:
        if current and not readable(draw(current + [item])):
            groups.append(current)
            current = []
        current.append(item)
    return groups + ([current] if current else [])


def _near(graph, group: list[str]):
    """The group's elements and everything they link to directly, either way."""
    near = set(group) | {m for n in group for m in (*graph.successors(n), *graph.predecessors(n))}
    return graph.subgraph(near).copy()


def _svg(views, graph, title: str, lang: str) -> bytes:
    return views.produce(graph, title, "svg", lang=lang)[0]
