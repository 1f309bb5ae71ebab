"""IPPDs (governments) and their OPDs (agencies)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ea_repo import service
from ea_repo.core.errors import NotFound
from ea_repo.core.i18n import Message

from ..deps import Caller, Repo
from ..documents import document_body

router = APIRouter(tags=["organisations"])


@router.get("/v1/ippds", summary="IPPDs you can see")
def list_ippds(repo: Repo, caller: Caller) -> JSONResponse:
    rows = [o for o in service.organisations(repo, caller) if o.kind == "IPPD"]
    return JSONResponse({"items": service.as_organisation_documents(rows)})


@router.get("/v1/ippds/{ippd}", summary="One IPPD")
def get_ippd(ippd: str, repo: Repo, caller: Caller) -> JSONResponse:
    return JSONResponse(service.as_organisation_documents([_one(repo, caller, ippd, "IPPD", ippd)])[0])


@router.put(
    "/v1/ippds/{ippd}", summary="Create or replace an IPPD (admin)", openapi_extra=document_body("An IPPD document")
)
def put_ippd(ippd: str, repo: Repo, caller: Caller, document: Annotated[Any, Body()]) -> JSONResponse:
    row = service.put_organisation(repo, caller, document, ippd=ippd)
    return JSONResponse(service.as_organisation_documents([row])[0])


@router.get("/v1/ippds/{ippd}/opds", summary="OPDs of an IPPD you can see")
def list_opds(ippd: str, repo: Repo, caller: Caller) -> JSONResponse:
    _one(repo, caller, ippd, "IPPD", ippd)
    rows = [o for o in service.organisations(repo, caller, ippd=ippd) if o.kind == "OPD"]
    return JSONResponse({"items": service.as_organisation_documents(rows)})


@router.get("/v1/ippds/{ippd}/opds/{opd}", summary="One OPD")
def get_opd(ippd: str, opd: str, repo: Repo, caller: Caller) -> JSONResponse:
    return JSONResponse(service.as_organisation_documents([_one(repo, caller, ippd, "OPD", opd)])[0])


@router.put(
    "/v1/ippds/{ippd}/opds/{opd}",
    summary="Create or replace an OPD (admin of the IPPD)",
    openapi_extra=document_body("An OPD document"),
)
def put_opd(ippd: str, opd: str, repo: Repo, caller: Caller, document: Annotated[Any, Body()]) -> JSONResponse:
    row = service.put_organisation(repo, caller, document, ippd=ippd, opd=opd)
    return JSONResponse(service.as_organisation_documents([row])[0])


def _one(repo, caller, ippd: str, kind: str, code: str):
    service.require_visible(caller, ippd, code if kind == "OPD" else None)
    for row in service.organisations(repo, caller, ippd=ippd):
        if row.kind == kind and row.code == code:
            return row
    message = (
        Message("unknown_ippd", ippd=ippd)
        if kind == "IPPD"
        else Message("unknown_opd", opd=code, ippd=ippd, known="GET /v1/ippds/{ippd}/opds")
    )
    raise NotFound(message)
