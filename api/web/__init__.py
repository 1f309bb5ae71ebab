"""The web workspace: server-rendered pages over the service layer, beside the JSON API in the same app.

Every page works without JavaScript; /static/app.js only enhances. Nothing is loaded from outside the server.
See docs/web.md.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .pages import analysis, auth, catalog, edit, home, imports, planning, users

PAGES = (auth, home, catalog, edit, imports, users, planning, analysis)


def install(app: FastAPI) -> None:
    for module in PAGES:
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
