"""User administration (admins: the users of their scope; create and disable) and one's own password."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Catalogue, Message, Text

from ..render import render
from ..session import SESSION_COOKIE, FormChecked, PageRoute, set_cookie
from .home import Person, Repo

CAT = Catalogue(
    "web.users",
    {
        "users.title": Text("Pengguna", "Users"),
        "users.intro": Text(
            "Orang yang dapat masuk ke halaman ini, dalam wewenang Anda ({scope}). Peran dan wewenang mereka sama "
            "seperti token API: pembaca hanya membaca, arsitek menulis elemen, admin mengelola semuanya.",
            "The people who may sign in to these pages, within your scope ({scope}). Their roles and scopes are as "
            "API tokens have them: a viewer reads, an architect writes elements, an admin manages everything.",
        ),
        "users.caption": Text("Pengguna dalam wewenang Anda", "Users within your scope"),
        "col.login": Text("Nama pengguna", "User name"),
        "col.name": Text("Nama", "Name"),
        "col.role": Text("Peran", "Role"),
        "col.scope": Text("Wewenang", "Scope"),
        "col.created": Text("Dibuat", "Created"),
        "col.by": Text("Oleh", "By"),
        "col.status": Text("Status", "Status"),
        "col.action": Text("Tindakan", "Action"),
        "users.active": Text("aktif", "active"),
        "users.disabled": Text("nonaktif sejak {at}", "disabled since {at}"),
        "users.disable": Text("Nonaktifkan", "Disable"),
        "users.disable_label": Text("Nonaktifkan {login}", "Disable {login}"),
        "users.you": Text("Anda", "you"),
        "users.none": Text("Belum ada pengguna.", "No users yet."),
        "users.created": Text("Pengguna {login} dibuat.", "User {login} created."),
        "users.was_disabled": Text(
            "Pengguna {login} dinonaktifkan; sesinya berakhir.", "User {login} disabled; its sessions have ended."
        ),
        "new.title": Text("Pengguna baru", "New user"),
        "new.login_hint": Text(
            "2-64 huruf kecil, angka, titik, garis bawah atau tanda hubung.",
            "2-64 lower-case letters, digits, dots, underscores or hyphens.",
        ),
        "new.role": Text("Peran", "Role"),
        "new.ippd": Text("IPPD", "IPPD"),
        "new.national": Text("nasional (semua IPPD)", "national (every IPPD)"),
        "new.opds": Text("Kode OPD (bila dibatasi)", "OPD codes (when limited)"),
        "new.opds_hint": Text(
            "Dipisah koma atau spasi, misalnya 1, 14. Kosong: seluruh IPPD.",
            "Separated by commas or spaces, e.g. 1, 14. Empty: the whole IPPD.",
        ),
        "new.password": Text("Kata sandi awal", "Initial password"),
        "new.password_hint": Text(
            "Sampaikan kepada orangnya lewat jalur yang aman; ia dapat menggantinya sesudah masuk.",
            "Give it to the person by a safe channel; they can change it once signed in.",
        ),
        "new.password_again": Text("Ulangi kata sandi", "Repeat the password"),
        "new.submit": Text("Buat pengguna", "Create the user"),
        "new.problems": Text(
            "Pengguna belum dibuat: periksa isian yang ditandai.", "Not created: see the fields marked."
        ),
        "password.title": Text("Ganti kata sandi", "Change your password"),
        "password.intro": Text(
            "Sesudah diganti, setiap sesi Anda yang lain berakhir; di peramban ini Anda tetap masuk.",
            "Once changed, every other session of yours ends; in this browser you stay signed in.",
        ),
        "password.current": Text("Kata sandi saat ini", "Current password"),
        "password.new": Text("Kata sandi baru", "New password"),
        "password.again": Text("Ulangi kata sandi baru", "Repeat the new password"),
        "password.submit": Text("Ganti kata sandi", "Change the password"),
        "password.changed": Text("Kata sandi Anda sudah diganti.", "Your password has been changed."),
        "password.link": Text("Ganti kata sandi Anda", "Change your password"),
    },
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)

ROLES = ("viewer", "architect", "admin")
# which field of the form a problem from the service is about (by its message key); anything else: the form's top
FIELD_OF = {
    "login_invalid": "login",
    "user_exists": "login",
    "user_name_invalid": "name",
    "password_invalid": "password",
    "passwords_differ": "password_again",
    "unknown_role": "role",
    "architect_needs_ippd": "ippd",
    "token_unknown_ippd": "ippd",
    "name_the_ippd": "ippd",
    "opd_needs_ippd": "opds",
    "unknown_opd": "opds",
}
_OPD_SPLIT = re.compile(r"[\s,;]+")


@router.get("/pengguna")
def users_page(request: Request, repo: Repo, principal: Person, dibuat: str = "", dinonaktifkan: str = "") -> Response:
    done = None
    if dibuat:
        done = CAT.t("users.created", request.state.lang, login=dibuat[:64])
    elif dinonaktifkan:
        done = CAT.t("users.was_disabled", request.state.lang, login=dinonaktifkan[:64])
    return _users(request, repo, principal, done=done)


@router.post("/pengguna", dependencies=[FormChecked])
def create_user(
    request: Request,
    repo: Repo,
    principal: Person,
    login: Annotated[str, Form(max_length=200)] = "",
    name: Annotated[str, Form(max_length=400)] = "",
    role: Annotated[str, Form(max_length=40)] = "",
    ippd: Annotated[str, Form(max_length=200)] = "",
    opds: Annotated[str, Form(max_length=2000)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    password_again: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    service.list_users(repo, principal=principal)  # an admin's page: anyone else is refused before anything else
    form = {"login": login, "name": name, "role": role, "ippd": ippd, "opds": opds}
    codes = [code for code in _OPD_SPLIT.split(opds) if code]
    try:
        if password != password_again:
            raise ConfigError(Message("passwords_differ"))
        created = service.create_user(
            repo,
            login=login,
            name=name,
            role=role,
            password=password,
            ippd=ippd or None,
            opds=codes or None,
            principal=principal,
        )
    except ConfigError as refused:
        return _users(request, repo, principal, form=form, problems=_at_fields(refused, request), status_code=422)
    return RedirectResponse(f"/pengguna?dibuat={created.login}", status_code=303)


@router.post("/pengguna/{login}/nonaktifkan", dependencies=[FormChecked])
def disable_user(request: Request, repo: Repo, principal: Person, login: str) -> Response:
    disabled = service.disable_user(repo, login, principal=principal)
    return RedirectResponse(f"/pengguna?dinonaktifkan={disabled.login}", status_code=303)


@router.get("/akun/sandi")
def password_page(request: Request, principal: Person, diubah: bool = False) -> Response:
    return _password(request, done=diubah)


@router.post("/akun/sandi", dependencies=[FormChecked])
def change_password(
    request: Request,
    repo: Repo,
    principal: Person,
    current: Annotated[str, Form(max_length=1000)] = "",
    new: Annotated[str, Form(max_length=1000)] = "",
    new_again: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    hours = request.app.state.settings.session_hours
    try:
        if new != new_again:
            raise ConfigError(Message("passwords_differ"))
        secret = service.change_own_password(repo, current, new, principal=principal, hours=hours)
    except ConfigError as refused:
        fields = {"password_invalid": "new", "passwords_differ": "new_again", "current_password_wrong": "current"}
        problems = _at_fields(refused, request, fields)
        return _password(request, problems=problems, status_code=422)
    response = RedirectResponse("/akun/sandi?diubah=1", status_code=303)
    set_cookie(response, request, SESSION_COOKIE, secret, max_age=int(hours * 3600))  # the other sessions ended
    return response


def _users(
    request: Request,
    repo: service.Repository,
    principal: service.Principal,
    *,
    form: dict | None = None,
    problems: dict[str, list[str]] | None = None,
    done: str | None = None,
    status_code: int = 200,
) -> Response:
    rows = service.list_users(repo, principal=principal)  # PermissionDenied (403) for anyone but an admin
    if principal.ippd is None:
        ippds = [o.code for o in service.organisations(repo, principal=principal) if o.kind == "IPPD"]
    else:
        ippds = [principal.ippd]
    context = {
        "active": "users",
        "rows": rows,
        "me_login": principal.name.removeprefix("user:").split(" ", 1)[0],
        "ippds": ippds,
        "national": principal.ippd is None,
        "roles": ROLES,
        "form": form or {"login": "", "name": "", "role": "viewer", "ippd": principal.ippd or "", "opds": ""},
        "problems": problems or {},
        "done": done,
    }
    return render(request, "users.html", context, texts=CAT, status_code=status_code)


def _password(
    request: Request, *, problems: dict[str, list[str]] | None = None, done: bool = False, status_code: int = 200
) -> Response:
    context = {"active": None, "problems": problems or {}, "done": done}
    return render(request, "users_password.html", context, texts=CAT, status_code=status_code)


def _at_fields(refused: ConfigError, request: Request, fields: dict[str, str] = FIELD_OF) -> dict[str, list[str]]:
    """Each problem of a refusal under the field it is about ("" for the form as a whole)."""
    found: dict[str, list[str]] = {}
    for problem in refused.problems:
        key = problem.key if isinstance(problem, Message) else ""
        text = problem.render(request.state.lang) if isinstance(problem, Message) else problem
        found.setdefault(fields.get(key, ""), []).append(text)
    return found
