"""The views an ArchiMate export carries, drawn exactly as `ea diagram` draws them (same selection, same DOT
text), for ea_repo.service.export_archimate to lay out with Graphviz."""

from __future__ import annotations

from collections.abc import Callable

from ea_repo import service
from ea_repo.core.errors import Refused
from ea_repo.core.i18n import Message, t
from metamodel import load_metamodel

from . import dot, views

# views whose nodes are elements (or OPDs); "none" exports no view. context and impact centre on one element: not
# exported (README, ArchiMate)
EXPORT_VIEWS = ("layers", "domain", "diff", "opds")


def drawer(
    repo: service.Repository,
    principal: service.Principal,
    ippd: str,
    names: list[str],
    *,
    opd: str | None = None,
    lang: str = "id",
) -> Callable[[str, str | None], list[service.ViewDrawing]] | None:
    """`draw(plateau, previous)`: the requested views of one plateau (layers: the whole selection, or the OPD's
    picture with `opd`; domain: one view per domain; diff: the changes since `previous`, the plateau exported before
    it, none for the first; opds: one node per OPD, as `ea diagram opds` places them)."""
    wanted = [n for n in names if n != "none"]
    unknown = [n for n in wanted if n not in EXPORT_VIEWS]
    if unknown:
        raise Refused(Message("archimate_unknown_view", view=unknown[0], choices=", ".join((*EXPORT_VIEWS, "none"))))
    if not wanted:
        return None

    def draw(plateau: str, previous: str | None) -> list[service.ViewDrawing]:
        drawings = []
        for request in (r for name in wanted for r in _requests(name, plateau, previous, opd)):
            graph, title = views.view_graph(service.diagram_view(repo, ippd, request, principal=principal))
            if graph.number_of_nodes():
                opds = (
                    {n: a["opd"] for n, a in graph.nodes(data=True) if a["kind"] == "OPD"}
                    if request.view == "opds"
                    else {}
                )
                drawings.append(
                    service.ViewDrawing(
                        _name(request, lang),
                        plateau,
                        dot.to_dot(graph, title, lang=lang),
                        graph.number_of_nodes(),
                        previous if request.view == "diff" else None,
                        opds,
                    )
                )
        return drawings

    return draw


def _requests(name: str, plateau: str, previous: str | None, opd: str | None) -> list[views.ViewRequest]:
    if name == "layers":
        return [views.ViewRequest("layers", plateau, opd)]
    if name == "domain":
        return [views.ViewRequest("domain", plateau, domain=key) for key in dot.LAYERS]
    if name == "diff":
        return [views.ViewRequest("diff", plateau, opd, before=previous, after=plateau)] if previous else []
    return [views.ViewRequest("opds", plateau)]


def _name(request: views.ViewRequest, lang: str) -> str:
    if request.view == "domain":
        return f"{load_metamodel().domain(request.domain).name(lang)} {request.plateau}"
    if request.view == "diff":
        key, opd = ("archimate_view_name_diff_opd", request.opd) if request.opd else ("archimate_view_name_diff", "")
        return t(key, lang, before=request.before, after=request.after, opd=opd)
    if request.view == "opds":
        return t("archimate_view_name_opds", lang, plateau=request.plateau)
    if request.opd:
        return t("archimate_view_name_opd", lang, plateau=request.plateau, opd=request.opd)
    return t("archimate_view_name", lang, plateau=request.plateau)
