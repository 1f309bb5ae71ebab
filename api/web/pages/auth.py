"""Sign in, sign out, and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ea_repo import service
from ea_repo.core.errors import NotAuthenticated
from ea_repo.core.i18n import LANGS

from ..render import render
from ..session import LANG_COOKIE, SESSION_COOKIE, FormChecked, PageRoute, safe_next, set_cookie

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/masuk")
def sign_in_page(request: Request, lanjut: str = "/", keluar: bool = False) -> Response:
    return render(
        request, "sign_in.html", {"next_path": safe_next(lanjut), "login": "", "problem": None, "signed_out": keluar}
    )


@router.post("/masuk", dependencies=[FormChecked])
async def sign_in(
    request: Request,
    login: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    lanjut: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    repo = request.app.state.repository
    hours = request.app.state.settings.session_hours
    try:
        _, secret = await run_in_threadpool(service.sign_in, repo, login, password, hours=hours)
    except NotAuthenticated as exc:
        context = {
            "next_path": safe_next(lanjut),
            "login": login[:64],
            "problem": exc.render(request.state.lang),
            "signed_out": False,
        }
        return render(request, "sign_in.html", context, status_code=401)
    response = RedirectResponse(safe_next(lanjut), status_code=303)
    set_cookie(response, request, SESSION_COOKIE, secret, max_age=int(hours * 3600))
    return response


@router.post("/keluar", dependencies=[FormChecked])
async def sign_out(request: Request) -> Response:
    await run_in_threadpool(service.sign_out, request.app.state.repository, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/masuk?keluar=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/bahasa/{lang}")
def choose_language(request: Request, lang: str, kembali: str = "/") -> Response:
    response = RedirectResponse(safe_next(kembali), status_code=303)
    if lang in LANGS:
        set_cookie(response, request, LANG_COOKIE, lang, max_age=365 * 24 * 3600)
    return response
