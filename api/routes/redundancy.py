"""Redundant applications over HTTP: the same report as `ea redundancy`, and dismissals."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ea_repo import service
from ea_repo.redundancy.report import report_data, report_document
from ea_repo.reports import write_document

from ..deps import Caller, Lang, Repo

router = APIRouter(tags=["redundancy"])
DOCUMENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
Format = Annotated[str, Query(pattern="^(json|md|html|xlsx)$", description="json, or the report as md, html or xlsx")]
Threshold = Annotated[float | None, Query(gt=0, le=1, description="Pair score that counts as redundant (default 0.5)")]
RESPONSES = {200: {"content": {"application/json": {}, **{t: {} for t in DOCUMENT_TYPES.values()}}}}


class DismissalCreate(BaseModel):
    """Applications that are not redundant with each other: two or more IDs, or one cluster id of the current report."""

    members: list[str] = Field(default_factory=list, description="IDs of this IPPD (A.001) or IPPD/ID across IPPDs")
    cluster: str | None = Field(None, description="A cluster id (R-...) of the report of `scope`, instead of members")
    reason: str = Field(min_length=1, max_length=2000, description="Why they are not redundant")
    scope: Literal["ippd", "national"] = "ippd"
    plateau: str = "as-is"


@router.get(
    "/v1/ippds/{ippd}/redundancy", summary="Redundant applications across the OPDs of one IPPD", responses=RESPONSES
)
async def read_redundancy(
    ippd: str,
    repo: Repo,
    caller: Caller,
    lang: Lang,
    format: Format = "json",
    opd: Annotated[str | None, Query(description="Only clusters with an application of this OPD")] = None,
    plateau: str = "as-is",
    threshold: Threshold = None,
    national: Annotated[bool, Query(description="Also compare with the national Aplikasi Umum")] = True,
) -> Response:
    """Only the applications your token covers are compared."""
    report = await run_in_threadpool(
        service.redundancy_report,
        repo,
        principal=caller,
        scope="ippd",
        ippd=ippd,
        opd=opd,
        plateau=plateau,
        settings=service.RedundancySettings().with_threshold(threshold),
        national=national,
    )
    return _answer(report, format, lang)


@router.get("/v1/redundancy", summary="Redundant applications across every IPPD the token covers", responses=RESPONSES)
async def read_national_redundancy(
    repo: Repo,
    caller: Caller,
    lang: Lang,
    format: Format = "json",
    plateau: str = "as-is",
    threshold: Threshold = None,
    national: Annotated[bool, Query(description="Also compare with the national Aplikasi Umum")] = True,
) -> Response:
    report = await run_in_threadpool(
        service.redundancy_report,
        repo,
        principal=caller,
        scope="national",
        plateau=plateau,
        settings=service.RedundancySettings().with_threshold(threshold),
        national=national,
    )
    return _answer(report, format, lang)


@router.get("/v1/ippds/{ippd}/redundancy/dismissals", summary="Dismissals in force (who, when, why)")
def read_dismissals(
    ippd: str,
    repo: Repo,
    caller: Caller,
    opd: Annotated[str | None, Query(description="Only dismissals with an application of this OPD")] = None,
) -> JSONResponse:
    found = service.redundancy_dismissals(repo, principal=caller, ippd=ippd, opd=opd)
    return JSONResponse({"items": [d.document() for d in found]})


@router.post(
    "/v1/ippds/{ippd}/redundancy/dismissals", summary="Dismiss: these applications are not redundant", status_code=201
)
def create_dismissal(ippd: str, body: DismissalCreate, repo: Repo, caller: Caller) -> JSONResponse:
    """Needs write access to every application named (an architect or admin of their IPPDs and OPDs)."""
    found = service.dismiss_redundancy(
        repo,
        principal=caller,
        members=body.members,
        ippd=ippd,
        cluster=body.cluster,
        reason=body.reason,
        plateau=body.plateau,
        scope=body.scope,
    )
    return JSONResponse(found.document(), status_code=201)


@router.delete(
    "/v1/ippds/{ippd}/redundancy/dismissals/{dismissal_id}", summary="Remove a dismissal (admin)", status_code=204
)
def delete_dismissal(
    ippd: str, dismissal_id: Annotated[int, Path(ge=1, le=2**62)], repo: Repo, caller: Caller
) -> Response:
    service.restore_redundancy(repo, principal=caller, dismissal_id=dismissal_id, ippd=ippd)
    return Response(status_code=204)


def _answer(report, fmt: str, lang: str) -> Response:
    if fmt == "json":
        return JSONResponse(report_data(report, lang))
    data = write_document(report_document(report, lang), fmt)
    headers = {"Content-Disposition": 'attachment; filename="redundansi.xlsx"'} if fmt == "xlsx" else None
    return Response(data, media_type=DOCUMENT_TYPES[fmt], headers=headers)
