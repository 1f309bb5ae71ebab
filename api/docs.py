"""The API's interactive documentation, served from the server itself (government networks are often offline).

Swagger UI comes from the `fastapi-offline` package, which ships its files (we use only those, not its
code); nothing is copied into the repository and nothing is loaded from a CDN. The page and its start-up
script are ours, so the page runs under a Content-Security-Policy that allows scripts from this server
only (api/headers.py).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/docs/assets"

_PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{title} — dokumentasi API</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
<link rel="icon" type="image/png" href="{assets}/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script>
</body>
</html>
"""

_START = """window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
                               presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"});
});
"""


def swagger_ui_folder() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def install(app: FastAPI) -> None:
    """GET /docs (the page), /docs/start.js (its start-up) and /docs/assets/* (Swagger UI's own files)."""
    router = APIRouter(include_in_schema=False)
    page = _PAGE.format(title=app.title, assets=ASSETS_URL)

    @router.get("/docs")
    def read_docs() -> HTMLResponse:
        return HTMLResponse(page)

    @router.get("/docs/start.js")
    def read_docs_start() -> Response:
        return Response(_START, media_type="text/javascript")

    app.include_router(router)
    app.mount(ASSETS_URL, StaticFiles(directory=swagger_ui_folder()), name="docs-assets")
