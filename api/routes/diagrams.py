"""Diagrams over HTTP: the same views as `ea diagram`, limited to what the token may see."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ea_repo import service
from viz import views

from ..deps import Caller, Lang, Repo

router = APIRouter(tags=["diagrams"])


@router.get(
    "/v1/ippds/{ippd}/diagrams/{view}",
    summary="A diagram (SVG, PNG, PDF, DOT) or its graph (GraphML, JSON)",
    responses={200: {"content": {t: {} for t in views.MEDIA_TYPES.values()}}},
)
async def diagram(
    ippd: str,
    repo: Repo,
    caller: Caller,
    lang: Lang,
    view: Annotated[str, Path(description="layers, domain, context, impact, diff or opds")],
    format: Annotated[str, Query(pattern="^(svg|png|pdf|dot|graphml|json)$")] = "svg",
    plateau: Annotated[str, Query()] = "as-is",
    opd: Annotated[str | None, Query(description="layers, diff: one OPD and its neighbours")] = None,
    domain: Annotated[str | None, Query(description="domain view: which domain")] = None,
    element: Annotated[str | None, Query(description="context, impact: the element ID")] = None,
    depth: Annotated[int, Query(ge=1, le=10)] = 1,
    before: Annotated[str, Query(alias="from")] = "as-is",
    after: Annotated[str, Query(alias="to")] = "to-be",
    max_nodes: Annotated[
        int,
        Query(
            ge=10,
            le=5000,
            description="Above this, groups: IPPD/OPD/domain, IPPD/domain, then domain and reference code",
        ),
    ] = 2000,
    cluster: Annotated[
        str, Query(pattern="^(domain|opd)$", description="Bands per domain, or boxes per OPD")
    ] = "domain",
) -> Response:
    request = service.DiagramRequest(view, plateau, opd, domain, element, depth, before, after)
    source = await run_in_threadpool(lambda: service.diagram_view(repo, ippd, request, principal=caller))
    graph, title = await run_in_threadpool(views.view_graph, source)
    data, note = await run_in_threadpool(
        views.produce, graph, title, format, lang=lang, max_nodes=max_nodes, cluster=cluster
    )
    return Response(data, media_type=views.MEDIA_TYPES[format], headers=_note_header(note))


def _note_header(note: str | None) -> dict[str, str] | None:
    return {"X-Diagram-Note": note.encode("ascii", "replace").decode()} if note else None


@router.get(
    "/v1/diagrams/national",
    summary="Every IPPD the token sees in one layered diagram, collapsed when large",
    responses={200: {"content": {t: {} for t in views.MEDIA_TYPES.values()}}},
)
async def national_diagram(
    repo: Repo,
    caller: Caller,
    lang: Lang,
    format: Annotated[str, Query(pattern="^(svg|png|pdf|dot|graphml|json)$")] = "svg",
    plateau: Annotated[str, Query()] = "as-is",
    max_nodes: Annotated[
        int, Query(ge=10, le=5000, description="Above this, groups: IPPD/OPD/domain, IPPD/domain, then reference codes")
    ] = 2000,
    cluster: Annotated[
        str, Query(pattern="^(domain|opd)$", description="Bands per domain, or boxes per OPD")
    ] = "domain",
) -> Response:
    data = await run_in_threadpool(lambda: service.national_diagram_data(repo, plateau, principal=caller))
    graph, title, note = await run_in_threadpool(views.national_graph, data, max_nodes, lang)
    data, note = await run_in_threadpool(
        views.produce, graph, title, format, lang=lang, max_nodes=max_nodes, cluster=cluster, note=note
    )
    return Response(data, media_type=views.MEDIA_TYPES[format], headers=_note_header(note))
