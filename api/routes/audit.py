"""The audit log: who changed what, when, before and after (indicator 11's review trail)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from ea_repo import service

from ..deps import Caller, Repo

router = APIRouter(tags=["audit"])


class AuditOut(BaseModel):
    id: int
    at: str
    actor: str
    via: str
    action: str
    ippd: str
    plateau: str | None
    opd: str | None
    subject: str
    kind: str
    version: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class AuditPage(BaseModel):
    items: list[AuditOut]
    next: int | None = None


@router.get("/v1/audit", summary="Audit log (newest first)", response_model=AuditPage)
def audit(
    repo: Repo,
    caller: Caller,
    element: Annotated[str | None, Query(description="An element ID (or an OPD/IPPD code)")] = None,
    ippd: Annotated[str | None, Query()] = None,
    plateau: Annotated[str | None, Query()] = None,
    actor: Annotated[str | None, Query(description="e.g. token:3f2a... (Budi)")] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 100,
    before: Annotated[
        int | None, Query(ge=1, le=2**63 - 1, description="The `next` value of the previous page")
    ] = None,
) -> AuditPage:
    entries = service.history(
        repo,
        element_id=element,
        ippd=ippd,
        plateau=plateau,
        actor=actor,
        limit=limit + 1,
        before_id=before,
        principal=caller,
    )
    more = len(entries) > limit
    entries = entries[:limit]
    items = [AuditOut(id=e.id, at=e.at, actor=e.actor, via=e.via, **vars(e.change)) for e in entries]
    return AuditPage(items=items, next=entries[-1].id if more else None)
