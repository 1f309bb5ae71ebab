"""Elements of an IPPD: list, create; and one element: read, replace, delete, its links."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ea_repo import service
from ea_repo.checks.render import message_for

from ..deps import Caller, ExpectedVersion, Lang, Repo
from ..documents import document_body, document_responses, element_response

router = APIRouter(tags=["elements"])
ELEMENT = "/v1/ippds/{ippd}/plateaus/{plateau}/elements/{element_id}"


@router.get("/v1/ippds/{ippd}/elements", summary="List elements (a page)", responses=document_responses(list_of=True))
def list_elements(
    ippd: str,
    repo: Repo,
    caller: Caller,
    plateau: Annotated[str | None, Query(description="as-is, to-be, or a year")] = None,
    kind: Annotated[str | None, Query(description="A kind (Application, server) or a domain (application, I)")] = None,
    opd: Annotated[str | None, Query(description="Kode OPD")] = None,
    reference: Annotated[
        str | None, Query(description="Elements classified under this code, e.g. RAL.01 or RAA.02.01")
    ] = None,
    q: Annotated[str | None, Query(description="Text in the name or the ID")] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE, description="Page size")] = 100,
    cursor: Annotated[str | None, Query(description="The `next` value of the previous page")] = None,
) -> JSONResponse:
    """Elements in a stable order (plateau, then ID). Follow `next` until it is null."""
    query = service.ElementQuery(plateau=plateau, kind=kind, opd=opd, reference=reference, text=q)
    page = service.element_page(repo, ippd, query, limit=limit, cursor=cursor, principal=caller)
    return JSONResponse({"items": service.as_documents(page.items, with_version=True), "next": page.next})


@router.post(
    "/v1/ippds/{ippd}/elements",
    status_code=201,
    summary="Register an element",
    openapi_extra=document_body("One catalogue document (the same as in a YAML file)"),
    responses=document_responses(201),
)
def create_element(ippd: str, repo: Repo, caller: Caller, document: Annotated[Any, Body()]) -> JSONResponse:
    """Register an application, server, service... `metadata.ippd` may be left out (the URL says it)."""
    row = service.create_element(repo, document, ippd=ippd, principal=caller)
    response = element_response(row, 201)
    response.headers["Location"] = f"/v1/ippds/{row.ippd}/plateaus/{row.plateau}/elements/{row.element_id}"
    return response


@router.get(ELEMENT, summary="Read an element", responses=document_responses())
def get_element(ippd: str, plateau: str, element_id: str, repo: Repo, caller: Caller) -> JSONResponse:
    """The element's document; its version is in `metadata.version` and the ETag."""
    return element_response(service.get_element(repo, service.element_key(ippd, plateau, element_id), principal=caller))


@router.put(
    ELEMENT,
    summary="Replace an element",
    openapi_extra=document_body("The whole new document"),
    responses=document_responses(),
)
def replace_element(
    ippd: str,
    plateau: str,
    element_id: str,
    repo: Repo,
    caller: Caller,
    expected: ExpectedVersion,
    document: Annotated[Any, Body()],
) -> JSONResponse:
    """Send `If-Match` with the ETag you read (or `metadata.version`): if the element changed since, 412 and nothing
    is written."""
    key = service.element_key(ippd, plateau, element_id)
    return element_response(service.replace_element(repo, key, document, expected_version=expected, principal=caller))


class Deleted(BaseModel):
    deleted: str
    version: int
    dangling: list[str] = Field(description="Elements whose links to the deleted one now point at nothing")


@router.delete(ELEMENT, summary="Delete an element", response_model=Deleted)
def delete_element(
    ippd: str, plateau: str, element_id: str, repo: Repo, caller: Caller, expected: ExpectedVersion
) -> Deleted:
    key = service.element_key(ippd, plateau, element_id)
    current = service.get_element(repo, key, principal=caller)
    dangling = service.delete_element(repo, key, expected_version=expected, principal=caller)
    return Deleted(deleted=key[2], version=current.version, dangling=dangling)


class LinkOut(BaseModel):
    subject: str = Field(description="The relation reads: subject relation object (A.002 uses D.010)")
    relation: str | None = Field(
        description="None: the target is missing or the metamodel allows no link between the kinds"
    )
    object: str
    declared_by: str
    field: str
    other: str
    other_kind: str | None


class FindingOut(BaseModel):
    rule: str
    severity: str
    message: str
    source: str | None = Field(None, description="Where the element was written: `file:line` or `file [sheet]:row`")


class LinksOut(BaseModel):
    element: str
    version: int
    out: list[LinkOut]
    incoming: list[LinkOut] = Field(alias="in")
    findings: list[FindingOut]


@router.get(
    ELEMENT + "/links",
    summary="An element's links, both ways, and its findings",
    response_model=LinksOut,
    response_model_by_alias=True,
)
def element_links(ippd: str, plateau: str, element_id: str, repo: Repo, caller: Caller, lang: Lang) -> dict:
    detail = service.element_detail(repo, ippd, plateau, element_id, principal=caller)
    return {
        "element": detail.element.element_id,
        "version": detail.element.version,
        "out": [vars(v) for v in detail.links_out],
        "in": [vars(v) for v in detail.links_in],
        "findings": [
            {"rule": f.rule, "severity": f.severity.value, "message": message_for(f, lang), "source": f.source}
            for f in detail.findings
        ],
    }


class NewLink(BaseModel):
    target: str = Field(description="The ID to link to, e.g. D.010")
    field: str | None = Field(
        None, description="A typed link field of the kind (e.g. `uses`); default the untyped `related`"
    )


@router.post(ELEMENT + "/links", summary="Link an element to another", responses=document_responses())
def add_link(
    ippd: str, plateau: str, element_id: str, link: NewLink, repo: Repo, caller: Caller, expected: ExpectedVersion
) -> JSONResponse:
    """Adds the target to the field (a new version of the element); linking twice changes nothing."""
    key = service.element_key(ippd, plateau, element_id)
    return element_response(
        service.add_link(repo, key, link.target, field=link.field, expected_version=expected, principal=caller)
    )


@router.delete(ELEMENT + "/links/{target}", summary="Remove a link", responses=document_responses())
def remove_link(
    ippd: str,
    plateau: str,
    element_id: str,
    target: str,
    repo: Repo,
    caller: Caller,
    expected: ExpectedVersion,
    field: Annotated[str | None, Query(description="Only from this link field")] = None,
) -> JSONResponse:
    key = service.element_key(ippd, plateau, element_id)
    return element_response(
        service.remove_link(repo, key, target, field=field, expected_version=expected, principal=caller)
    )


class PlateauCopied(BaseModel):
    ippd: str
    source: str = Field(alias="from")
    target: str = Field(alias="to")
    elements: int
    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    links: int
    retired: list[str] = Field(
        description="With replace=true: elements of the target the source does not hold, now deleted"
    )
    dangling: list[str] = Field(description="Links (`SOURCE.field -> TARGET`) that point at a retired element")


@router.post(
    "/v1/ippds/{ippd}/plateaus/{plateau}/copy",
    summary="Start a plateau from another (to-be from as-is)",
    response_model=PlateauCopied,
    response_model_by_alias=True,
)
def copy_plateau(
    ippd: str,
    plateau: str,
    repo: Repo,
    caller: Caller,
    source: Annotated[str, Query(alias="from", description="The plateau to copy, e.g. as-is")],
    replace: Annotated[bool, Query(description="Overwrite a target that already holds elements")] = False,
) -> dict:
    """Every element and link of `from` written into this plateau, in one transaction, audited; only the elements your
    token may write. 409 when the plateau already holds elements (that you see), unless `replace=true`."""
    result = service.copy_plateau(repo, ippd=ippd, source=source, target=plateau, replace=replace, principal=caller)
    s = result.summary
    return {
        "ippd": ippd,
        "from": source,
        "to": plateau,
        "elements": s.elements,
        "created": dict(s.created),
        "updated": dict(s.updated),
        "unchanged": dict(s.unchanged),
        "links": s.links,
        "retired": [row.element_id for row in result.retirement.elements],
        "dangling": [f"{d.source_id}.{d.field} -> {d.target_id}" for d in result.retirement.dangling],
    }
