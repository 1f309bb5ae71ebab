"""The gap between plateaus and the Peta Rencana (roadmap): the same as `ea gap` and `ea roadmap`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ea_repo import service
from ea_repo.checks.render import render_json

from ..deps import Caller, Lang, Repo

router = APIRouter(tags=["planning"])
DOCUMENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
Format = Annotated[str, Query(pattern="^(json|md|html|xlsx)$", description="json, or the document as md, html or xlsx")]


@router.get(
    "/v1/ippds/{ippd}/gap",
    summary="The gap between two plateaus, with Pemenuhan per component",
    responses={200: {"content": {"application/json": {}, **{t: {} for t in DOCUMENT_TYPES.values()}}}},
)
async def gap(
    ippd: str,
    repo: Repo,
    caller: Caller,
    lang: Lang,
    format: Format = "json",
    before: Annotated[str, Query(alias="from")] = "as-is",
    after: Annotated[str, Query(alias="to")] = "to-be",
) -> Response:
    """Only the elements your token covers."""
    if format == "json":
        return JSONResponse(
            await run_in_threadpool(lambda: service.gap_json(repo, ippd, before, after, principal=caller))
        )
    data = await run_in_threadpool(lambda: service.gap_file(repo, ippd, before, after, format, lang, principal=caller))
    return _document(data, format, "kesenjangan")


@router.get(
    "/v1/ippds/{ippd}/roadmap",
    summary="The Peta Rencana: the plan and its initiatives",
    responses={200: {"content": {"application/json": {}, **{t: {} for t in DOCUMENT_TYPES.values()}}}},
)
def get_roadmap(ippd: str, repo: Repo, caller: Caller, lang: Lang, format: Format = "json") -> Response:
    if format == "json":
        items = service.roadmap(repo, ippd, principal=caller)
        return JSONResponse({"items": [i.document(with_version=True) for i in items]})
    return _document(service.roadmap_file(repo, ippd, format, lang, principal=caller), format, "peta-rencana")


@router.get("/v1/ippds/{ippd}/roadmap/findings", summary="Findings of the roadmap checks (as `ea roadmap check`)")
def roadmap_findings(
    ippd: str,
    repo: Repo,
    caller: Caller,
    lang: Lang,
    before: Annotated[str, Query(alias="from")] = "as-is",
    after: Annotated[str, Query(alias="to")] = "to-be",
) -> Response:
    report = service.roadmap_findings(repo, ippd, before, after, principal=caller)
    return Response(render_json(report, lang), media_type="application/json")


@router.put(
    "/v1/ippds/{ippd}/roadmap/{item_id}",
    summary="Create or replace one initiative or plan (admin)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "An Initiative or RoadmapPlan document (see `ea roadmap`)",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
def put_roadmap_item(
    ippd: str, item_id: str, repo: Repo, caller: Caller, document: Annotated[Any, Body()]
) -> JSONResponse:
    item = service.put_roadmap_item(repo, ippd, item_id, document, principal=caller)
    return JSONResponse(item.document(with_version=True))


@router.delete("/v1/ippds/{ippd}/roadmap/{item_id}", summary="Remove one initiative or plan (admin)", status_code=204)
def delete_roadmap_item(ippd: str, item_id: str, repo: Repo, caller: Caller) -> Response:
    service.delete_roadmap_item(repo, ippd, item_id, principal=caller)
    return Response(status_code=204)


def _document(data: bytes, fmt: str, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'} if fmt == "xlsx" else None
    return Response(data, media_type=DOCUMENT_TYPES[fmt], headers=headers)


@router.get(
    "/v1/ippds/{ippd}/evidence", summary="Self-assessment under the instrument in force, with the provenance records"
)
def evidence(
    ippd: str,
    repo: Repo,
    caller: Caller,
    lang: Lang,
    on: Annotated[dt.date | None, Query(alias="date", description="Assess as on this date; default today")] = None,
    instrument: Annotated[
        str | None,
        Query(
            description="permenpanrb-8-2026 (Pemdi indicators I1, I13-I16, I18) or "
            "permenpanrb-59-2020 (indicators 11/12); default: in force on the date"
        ),
    ] = None,
) -> JSONResponse:
    """The Pemdi evidence (criteria, the IDs behind them, what is missing; no level) or the level of indicators 11
    and 12."""
    return JSONResponse(service.evidence_status(repo, ippd, on, instrument, lang, principal=caller))


@router.put(
    "/v1/ippds/{ippd}/evidence/{record_id}",
    summary="Create or replace an Enactment, Review or Budget record (admin)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "An Enactment, Review or Budget document (see `ea evidence`)",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
def put_evidence(
    ippd: str, record_id: str, repo: Repo, caller: Caller, document: Annotated[Any, Body()]
) -> JSONResponse:
    item = service.put_evidence_record(repo, ippd, record_id, document, principal=caller)
    return JSONResponse(item.document(with_version=True))


@router.delete("/v1/ippds/{ippd}/evidence/{record_id}", summary="Remove an evidence record (admin)", status_code=204)
def delete_evidence(ippd: str, record_id: str, repo: Repo, caller: Caller) -> Response:
    service.delete_evidence_record(repo, ippd, record_id, principal=caller)
    return Response(status_code=204)
