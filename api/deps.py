"""What routes receive: the repository, the caller (from the bearer token), the language."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ea_repo import service
from ea_repo.errors import ConfigError

from .i18n import request_lang

_bearer = HTTPBearer(auto_error=False, description="An API token from `ea token create`: `Authorization: Bearer ea_...`")


def repository(request: Request) -> service.Repository:
    return request.app.state.repository


def principal(request: Request, credentials: Annotated[Optional[HTTPAuthorizationCredentials], Depends(_bearer)]) -> service.Principal:
    return service.authenticate(request.app.state.repository, credentials.credentials if credentials else None)


def expected_version(if_match: Annotated[Optional[str], Header(description='The ETag of the version this write is based on, e.g. "3"; a stale one gets 412')] = None) -> int | None:
    """If-Match: "3" (or W/"3", or 3) -> 3. '*' or absent: no precondition."""
    if if_match is None or if_match.strip() == "*":
        return None
    text = if_match.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise ConfigError(f"If-Match must be an ETag this API gave, like \"3\"; got {if_match!r}")
    return int(text)


Repo = Annotated[service.Repository, Depends(repository)]
Caller = Annotated[service.Principal, Depends(principal)]
Lang = Annotated[str, Depends(request_lang)]
ExpectedVersion = Annotated[Optional[int], Depends(expected_version)]
