"""The audit log: who changed what, when, before and after (indicator 11's review trail)."""
from __future__ import annotations

from typing import Annotated, Any, Optional

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
    plateau: Optional[str]
    opd: Optional[str]
    subject: str
    kind: str
    version: Optional[int]
    before: Optional[dict[str, Any]]
    after: Optional[dict[str, Any]]


class AuditPage(BaseModel):
    items: list[AuditOut]
    next: Optional[int] = None


@router.get("/v1/audit", summary="Audit log (newest first)", response_model=AuditPage)
def audit(
    repo: Repo, caller: Caller,
    element: Annotated[Optional[str], Query(description="An element ID (or an OPD/IPPD code)")] = None,
    ippd: Annotated[Optional[str], Query()] = None,
    plateau: Annotated[Optional[str], Query()] = None,
    actor: Annotated[Optional[str], Query(description="e.g. token:3f2a... (Budi)")] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 100,
    before: Annotated[Optional[int], Query(ge=1, le=2**63 - 1, description="The `next` value of the previous page")] = None,
) -> AuditPage:
    entries = service.history(repo, caller, element_id=element, ippd=ippd, plateau=plateau, actor=actor, limit=limit + 1, before_id=before)
    more = len(entries) > limit
    entries = entries[:limit]
    items = [AuditOut(id=e.id, at=e.at, actor=e.actor, via=e.via, **vars(e.change)) for e in entries]
    return AuditPage(items=items, next=entries[-1].id if more else None)
