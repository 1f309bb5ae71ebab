"""IPPDs (governments) and their OPDs (agencies)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ea_repo import service

from ..deps import Caller, Repo
from ..documents import document_body

router = APIRouter(tags=["organisations"])


@router.get("/v1/ippds", summary="IPPDs you can see")
def list_ippds(repo: Repo, caller: Caller) -> JSONResponse:
    rows = [o for o in service.organisations(repo, principal=caller) if o.kind == "IPPD"]
    return JSONResponse({"items": service.as_organisation_documents(rows)})


@router.get("/v1/ippds/{ippd}", summary="One IPPD")
def get_ippd(ippd: str, repo: Repo, caller: Caller) -> JSONResponse:
    return JSONResponse(service.as_organisation_documents([service.organisation(repo, ippd, principal=caller)])[0])


@router.put(
    "/v1/ippds/{ippd}", summary="Create or replace an IPPD (admin)", openapi_extra=document_body("An IPPD document")
)
def put_ippd(ippd: str, repo: Repo, caller: Caller, document: Annotated[Any, Body()]) -> JSONResponse:
    row = service.put_organisation(repo, document, ippd=ippd, principal=caller)
    return JSONResponse(service.as_organisation_documents([row])[0])


@router.get("/v1/ippds/{ippd}/opds", summary="OPDs of an IPPD you can see")
def list_opds(ippd: str, repo: Repo, caller: Caller) -> JSONResponse:
    service.organisation(repo, ippd, principal=caller)
    rows = [o for o in service.organisations(repo, ippd=ippd, principal=caller) if o.kind == "OPD"]
    return JSONResponse({"items": service.as_organisation_documents(rows)})


@router.get("/v1/ippds/{ippd}/opds/{opd}", summary="One OPD")
def get_opd(ippd: str, opd: str, repo: Repo, caller: Caller) -> JSONResponse:
    return JSONResponse(service.as_organisation_documents([service.organisation(repo, ippd, opd, principal=caller)])[0])


@router.put(
    "/v1/ippds/{ippd}/opds/{opd}",
    summary="Create or replace an OPD (admin of the IPPD)",
    openapi_extra=document_body("An OPD document"),
)
def put_opd(ippd: str, opd: str, repo: Repo, caller: Caller, document: Annotated[Any, Body()]) -> JSONResponse:
    row = service.put_organisation(repo, document, ippd=ippd, opd=opd, principal=caller)
    return JSONResponse(service.as_organisation_documents([row])[0])
