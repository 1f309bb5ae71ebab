"""What routes receive: the repository, the caller (from the bearer token), the language."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message

from .i18n import request_lang

_bearer = HTTPBearer(
    auto_error=False, description="An API token from `ea token create`: `Authorization: Bearer ea_...`"
)


# Dependencies without I/O are `async def`: a plain `def` costs a trip through the thread pool
# (~0.4 ms here), and a read needs only one, for the route itself.
async def repository(request: Request) -> service.Repository:
    return request.app.state.repository


class TokenCache:
    """Tokens verified in the last few seconds, so a busy client costs no lookup per request.

    A revocation made through this process's API is seen at once; one made elsewhere (`ea
    token revoke`, another worker) within `seconds`.
    """

    def __init__(self, seconds: float = 5.0, size: int = 10_000):
        self.seconds, self.size = seconds, size
        self._verified: dict[str, tuple[float, service.Principal]] = {}

    def get(self, text: str) -> service.Principal | None:
        hit = self._verified.get(text)
        return hit[1] if hit is not None and hit[0] > time.monotonic() else None

    def put(self, text: str, principal: service.Principal) -> None:
        if len(self._verified) >= self.size:
            self._verified.clear()
        self._verified[text] = (time.monotonic() + self.seconds, principal)

    def clear(self) -> None:
        self._verified.clear()


async def principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> service.Principal:
    text = credentials.credentials if credentials else None
    cache: TokenCache = request.app.state.tokens
    found = cache.get(text) if text else None
    if found is None:
        found = await run_in_threadpool(service.authenticate, request.app.state.repository, text)
        cache.put(text, found)
    return found


async def language(request: Request) -> str:
    return request_lang(request)


async def expected_version(
    if_match: Annotated[
        str | None,
        Header(description='The ETag of the version this write is based on, e.g. "3"; a stale one gets 412'),
    ] = None,
) -> int | None:
    """If-Match: "3" (or W/"3", or 3) -> 3. '*' or absent: no precondition."""
    if if_match is None or if_match.strip() == "*":
        return None
    text = if_match.strip().removeprefix("W/").strip('"')
    if not text.isdigit() or len(text) > 18:  # our versions count writes: 18 digits is more than any will reach
        raise ConfigError(Message("if_match_invalid", got=repr(if_match[:40])))
    return int(text)


Repo = Annotated[service.Repository, Depends(repository)]
Caller = Annotated[service.Principal, Depends(principal)]
Lang = Annotated[str, Depends(language)]
ExpectedVersion = Annotated[int | None, Depends(expected_version)]
