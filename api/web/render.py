"""Pages from Jinja2 templates: escaped everywhere, in the reader's language, with the guards every page needs.

One environment for every page. Autoescape is on for every template; `finalize` takes control characters and
bidi overrides out of every printed value (a hostile name must not break a page). Texts come from catalogues
(`t("key")` in a template looks in the page's catalogue, then the shared one in api/web/texts.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ea_repo.core.i18n import Catalogue
from ea_repo.reports.safety import terminal_text

from .texts import WEB

TEMPLATES = Path(__file__).parent / "templates"


def _no_controls(value: Any) -> Any:
    return value if isinstance(value, Markup) or not isinstance(value, str) else terminal_text(value)


ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    finalize=_no_controls,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _number(value: Any, lang: str = "id") -> str:
    """12345 -> 12.345 (Indonesian) or 12,345 (English); floats with one decimal."""
    if isinstance(value, float):
        text = f"{value:,.1f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        return "" if value is None else str(value)
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def person(principal: Any) -> str:
    """The name to show for a signed-in person: "user:budi (Budi Santoso)" -> "Budi Santoso"."""
    name = getattr(principal, "name", "")
    return name.split(" (", 1)[1][:-1] if name.startswith("user:") and " (" in name else name


def url_with(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None or "" removes one): filters, sorting, paging."""
    params = dict(request.query_params)
    for name, value in changes.items():
        if value is None or value == "":
            params.pop(name, None)
        else:
            params[name] = str(value)
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    *,
    texts: Catalogue | None = None,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The page `template` with `context`; every template also gets the caller, the language, `t`, `csrf` and
    `url_with`."""
    lang = request.state.lang

    def t(key: str, **params: Any) -> str:
        catalogue = texts if texts is not None and key in texts else WEB
        return catalogue.t(key, lang, **params)

    def action(name: str) -> str:
        """An audit action ("update") in the reader's words; an action without a text is shown as stored."""
        key = f"action.{name}"
        return WEB.t(key, lang) if key in WEB else name

    page = ENV.get_template(template).render(
        {
            "request": request,
            "lang": lang,
            "t": t,
            "n": lambda value: _number(value, lang),
            "csrf": getattr(request.state, "csrf", ""),
            "me": getattr(request.state, "principal", None),
            "ippd": getattr(request.state, "ippd", None),
            "person": person,
            "action": action,
            "active": None,
            "url_with": lambda **changes: url_with(request, **changes),
            **context,
        }
    )
    return HTMLResponse(page, status_code=status_code, headers=dict(headers or {}))
