"""Bulk import: a YAML body, or uploaded .yaml/.yml files or .zip archives of them; all or nothing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ea_repo import service
from ea_repo.checks.render import message_for

from ..deps import Caller, Lang, Repo
from ..documents import DOCUMENT_REF

router = APIRouter(tags=["import"])

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml")
DryRun = Annotated[bool, Query(description="Validate (shape, invariants, your scope) and write nothing")]


class FindingBrought(BaseModel):
    rule: str
    severity: str
    plateau: str | None
    element: str | None
    message: str
    source: str | None = Field(description="Where the element was written: `file:line`, or `file [sheet]:row`")
    column: str | None = Field(description="The sheet column the finding is about, when the element came from a sheet")


class ImportSummary(BaseModel):
    files: int
    dry_run: bool
    elements: int
    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    organisations: dict[str, int]
    links: int
    findings: dict[str, int] = Field(
        default_factory=dict, description="Findings of the checks on the imported elements, by severity"
    )
    first_findings: list[FindingBrought] = Field(
        default_factory=list, description="The first few of them (`GET .../findings` lists all)"
    )


def _summary(result: service.ImportResult, dry_run: bool, lang: str) -> ImportSummary:
    s = result.summary
    found = result.findings
    first = [
        FindingBrought(
            rule=f.finding.rule,
            severity=f.finding.severity.value,
            plateau=f.finding.plateau,
            element=f.finding.element,
            message=message_for(f.finding, lang),
            source=f.source,
            column=f.column,
        )
        for f in (found.first if found else [])
    ]
    return ImportSummary(
        files=result.files,
        dry_run=dry_run,
        elements=len(result.catalog.elements) if result.catalog else s.elements,
        created=dict(s.created),
        updated=dict(s.updated),
        unchanged=dict(s.unchanged),
        organisations=dict(s.organisations),
        links=s.links,
        findings=dict(found.counts) if found else {},
        first_findings=first,
    )


_BODY = {
    "requestBody": {
        "required": True,
        "description": "Catalogue documents: a YAML stream as in a file, or a JSON array",
        "content": {
            **{t: {"schema": {"type": "string"}} for t in YAML_TYPES},
            "application/json": {"schema": {"type": "array", "items": DOCUMENT_REF}},
        },
    }
}


@router.post(
    "/v1/import",
    summary="Import documents (YAML body or JSON array)",
    response_model=ImportSummary,
    openapi_extra=_BODY,
)
async def import_body(
    request: Request, repo: Repo, caller: Caller, lang: Lang, dry_run: DryRun = False
) -> ImportSummary:
    """The same rules as `ea import`: every problem is listed (document, line, field) and nothing is written.
    Then the checks run on what was imported: `findings` counts what they found on its elements, `first_findings`
    names a few.

    A JSON array skips YAML parsing, the larger part of an import's time: use it from scripts."""
    data = await request.body()
    as_json = request.headers.get("content-type", "").split(";")[0].strip() == "application/json"
    result = await run_in_threadpool(
        lambda: service.import_body(repo, data, principal=caller, as_json=as_json, dry_run=dry_run)
    )
    return _summary(result, dry_run, lang)


@router.post(
    "/v1/import/upload", summary="Import uploaded files (.yaml, .yml, or .zip of them)", response_model=ImportSummary
)
async def import_upload(
    repo: Repo,
    caller: Caller,
    lang: Lang,
    files: Annotated[list[UploadFile], File(description="Catalogue files or zip archives")],
    dry_run: DryRun = False,
) -> ImportSummary:
    uploads = [(upload.filename or "upload", await upload.read()) for upload in files]
    result = await run_in_threadpool(lambda: service.import_uploads(repo, uploads, principal=caller, dry_run=dry_run))
    return _summary(result, dry_run, lang)
