"""What every page needs before it runs: the language, the signed-in person, the form guard, and errors as pages.

Cookies: `ea_sesi` (the session secret, from `service.sign_in`), `ea_pra` (a random value a browser gets before it
signs in, so the sign-in form is guarded too) and `ea_bahasa` (the language chosen). All HttpOnly and
SameSite=Lax; Secure when the request came over HTTPS (behind a proxy: uvicorn's --proxy-headers).

CSRF: every form carries `csrf`, a keyed hash of the browser's session (or pre-session) secret. Another site can
neither read the cookie nor compute the value, so it cannot forge a form; a POST without it, or with another
browser's, is refused before the page runs. An Origin header from elsewhere is refused too.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import uuid
from urllib.parse import quote, urlsplit

from fastapi import Depends, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute

from ea_repo import service
from ea_repo.core.errors import (
    ConfigError,
    EaError,
    InputRejected,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    Refused,
    VersionConflict,
)
from ea_repo.core.i18n import LANGS, Message

from .texts import WEB

log = logging.getLogger("ea_repo.web")

SESSION_COOKIE, PRE_COOKIE, LANG_COOKIE = "ea_sesi", "ea_pra", "ea_bahasa"
SIGN_IN_PATH = "/masuk"


def page_lang(request: Request) -> str:
    """?lang=en, else the language chosen (cookie), else Bahasa Indonesia: the browser's own language is not asked,
    since most officers' browsers say English."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    chosen = request.cookies.get(LANG_COOKIE)
    return chosen if chosen in LANGS else "id"


def csrf_value(secret: str) -> str:
    return hmac.new(b"ea-repo web form", secret.encode(), hashlib.sha256).hexdigest()[:40]


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def safe_next(target: str | None) -> str:
    """A path on this server to go to after signing in; anything else (another host, //x, a scheme) is '/'."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else "/"


class PageRoute(APIRoute):
    """A page: prepares language and form guard, and answers errors as pages (the API's routes answer JSON)."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            request.state.lang = page_lang(request)
            secret = request.cookies.get(SESSION_COOKIE) or request.cookies.get(PRE_COOKIE)
            new_pre = None
            if not secret:
                secret = new_pre = secrets.token_urlsafe(32)
            request.state.csrf = csrf_value(secret)
            try:
                response = await handler(request)
            except EaError as exc:
                response = error_page(request, exc)
            except RequestValidationError as exc:  # a malformed parameter or form field: said on a page too
                response = _page(request, 422, [_invalid(e, request.state.lang) for e in exc.errors()])
            except HTTPException:
                raise
            except Exception as exc:  # noqa: BLE001  (a page never shows a traceback; the log keeps it)
                reference = uuid.uuid4().hex[:12]
                log.error("unexpected error %s on %s %s", reference, request.method, request.url.path, exc_info=exc)
                response = _page(request, 500, [WEB.t("error.crash", request.state.lang, reference=reference)])
            if new_pre:
                set_cookie(response, request, PRE_COOKIE, new_pre)
            response.headers.setdefault("cache-control", "no-store")
            return response

        return page


def error_page(request: Request, exc: EaError) -> Response:
    if isinstance(exc, NotAuthenticated):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"{SIGN_IN_PATH}?lanjut={quote(target, safe='')}", status_code=303)
    status = 400
    for kind, code in ((PermissionDenied, 403), (NotFound, 404), (VersionConflict, 409), (InputRejected, 422)):
        if isinstance(exc, kind):
            status = code
            break
    return _page(request, status, _lines(request.state.lang, exc))


def _lines(lang: str, exc: EaError) -> list[str]:
    if isinstance(exc, InputRejected):
        return [p.render(lang) for p in exc.problems]
    if isinstance(exc, Refused):
        return [exc.render(lang)]
    if isinstance(exc, ConfigError):
        return exc.render(lang)
    return [str(exc)]


def _invalid(error: dict, lang: str) -> str:
    """One malformed parameter in the reader's words (pydantic's own text is English): its name and value."""
    where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "?"
    return WEB.t("bad_parameter", lang, name=where, got=repr(error.get("input", ""))[:80])


def _page(request: Request, status: int, lines: list[str]) -> Response:
    from .render import render

    return render(request, "error.html", {"status": status, "lines": lines}, status_code=status)


async def checked_form(request: Request) -> None:
    """The form guard for every POST page: same-origin and this browser's `csrf` value."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise PermissionDenied(_refused())
    form = await request.form()
    sent = form.get("csrf")
    if not isinstance(sent, str) or not hmac.compare_digest(sent, request.state.csrf):
        raise PermissionDenied(_refused())


def _refused() -> Message:
    return Message("form_expired")


def signed_in(request: Request) -> service.Principal:
    """The person this browser signed in as (NotAuthenticated sends them to the sign-in page)."""
    principal = service.session_principal(request.app.state.repository, request.cookies.get(SESSION_COOKIE))
    request.state.principal = principal
    return principal


def repository(request: Request) -> service.Repository:
    return request.app.state.repository


FormChecked = Depends(checked_form)


def outside_page(request: Request, status: int, line: str | None = None) -> Response:
    """An error page for a request no page handled (an unknown address, a body over the cap): in the reader's
    language, without the signed-in frame (nothing was looked up)."""
    request.state.lang = page_lang(request)
    request.state.csrf = ""
    return _page(request, status, [line or WEB.t("no_such_page", request.state.lang)])
