"""Token management (admins), and who the caller is."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from ea_repo import service

from ..deps import Caller, Repo

router = APIRouter(tags=["tokens"])


class TokenOut(BaseModel):
    id: str
    name: str
    role: str
    ippd: str | None
    opds: list[str] | None
    created_at: str
    created_by: str
    revoked_at: str | None = None


class NewToken(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="Who holds it (recorded in the audit log)")
    role: service.Role = Field(description="viewer (read), architect (write elements), admin (everything in scope)")
    ippd: str | None = Field(None, description="Default: your own IPPD")
    opds: list[str] | None = Field(None, description="Limit to these OPDs; default the whole IPPD")


class CreatedToken(TokenOut):
    token: str = Field(description="The token text. Shown once: only its hash is kept")


class Me(BaseModel):
    name: str
    role: str
    ippd: str | None
    opds: list[str] | None


@router.get("/v1/me", summary="Who this token is, and what it may reach", response_model=Me)
def me(caller: Caller) -> Me:
    return Me(
        name=caller.name,
        role=caller.role.value,
        ippd=caller.ippd,
        opds=sorted(caller.opds) if caller.opds is not None else None,
    )


@router.get("/v1/tokens", summary="Tokens within your scope (admin)", response_model=list[TokenOut])
def list_tokens(repo: Repo, caller: Caller) -> list[dict]:
    return [service.grant_record(i) for i in service.list_tokens(repo, principal=caller)]


@router.post(
    "/v1/tokens",
    status_code=201,
    summary="Make a token (admin; never wider than your own)",
    response_model=CreatedToken,
)
def create_token(new: NewToken, repo: Repo, caller: Caller) -> dict:
    info, text = service.create_token(
        repo, role=new.role.value, name=new.name, ippd=new.ippd, opds=new.opds, principal=caller
    )
    return {**service.grant_record(info), "token": text}


@router.delete("/v1/tokens/{token_id}", summary="Revoke a token (admin)", response_model=TokenOut)
def revoke_token(token_id: str, repo: Repo, caller: Caller, request: Request) -> dict:
    revoked = service.revoke_token(repo, token_id, principal=caller)
    request.app.state.tokens.clear()  # effective at once in this process
    return service.grant_record(revoked)
