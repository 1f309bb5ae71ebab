"""The views an ArchiMate export carries, drawn exactly as `ea diagram` draws them (same selection, same DOT
text), for ea_repo.service.export_archimate to lay out with Graphviz."""

from __future__ import annotations

from collections.abc import Callable

from ea_repo import service
from ea_repo.core.errors import Refused
from ea_repo.core.i18n import Message, t
from metamodel import load_metamodel

from . import dot, views

EXPORT_VIEWS = ("layers", "domain")  # views whose nodes are elements; "none" exports no view


def drawer(
    repo: service.Repository,
    principal: service.Principal,
    ippd: str,
    names: list[str],
    *,
    opd: str | None = None,
    lang: str = "id",
) -> Callable[[str], list[service.ViewDrawing]] | None:
    """`draw(plateau)`: the requested views of one plateau (layers: the whole selection, or the OPD's picture
    with `opd`; domain: one view per domain)."""
    wanted = [n for n in names if n != "none"]
    unknown = [n for n in wanted if n not in EXPORT_VIEWS]
    if unknown:
        raise Refused(Message("archimate_unknown_view", view=unknown[0], choices=", ".join((*EXPORT_VIEWS, "none"))))
    if not wanted:
        return None

    def draw(plateau: str) -> list[service.ViewDrawing]:
        drawings = []
        for name in wanted:
            requests = (
                [views.ViewRequest("layers", plateau, opd)]
                if name == "layers"
                else [views.ViewRequest("domain", plateau, domain=key) for key in dot.LAYERS]
            )
            for request in requests:
                graph, title = views.view_graph(service.diagram_view(repo, ippd, request, principal=principal))
                if graph.number_of_nodes():
                    drawings.append(
                        service.ViewDrawing(
                            _name(request, lang), plateau, dot.to_dot(graph, title, lang=lang), graph.number_of_nodes()
                        )
                    )
        return drawings

    return draw


def _name(request: views.ViewRequest, lang: str) -> str:
    if request.view == "domain":
        return f"{load_metamodel().domain(request.domain).name(lang)} {request.plateau}"
    if request.opd:
        return t("archimate_view_name_opd", lang, plateau=request.plateau, opd=request.opd)
    return t("archimate_view_name", lang, plateau=request.plateau)
