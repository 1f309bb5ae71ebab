"""The FastAPI application: routes, error shape, limits, OpenAPI with the catalogue schemas."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from ea_repo import __version__, service
from ea_repo.core.settings import Settings
from ea_repo.service import catalog_json_schema

from . import docs, errors, web
from .deps import TokenCache
from .headers import SecurityHeaders
from .limits import BodySizeLimit, RejectNul
from .routes import (
    audit,
    checks,
    diagrams,
    elements,
    imports,
    meta,
    organisations,
    planning,
    redundancy,
    reference,
    tokens,
)

DESCRIPTION = """The SPBE architecture repository over HTTP: register and query the six domains'
elements, their links, the findings of the checks, and the audit log.

Every request but `/health` needs a token: `Authorization: Bearer ea_...` (`ea token create`).
Bodies are the catalogue documents of the YAML files (`apiVersion`, `kind`, `metadata`, `spec`).
Errors are `{"error": {"code", "message", "details"}}`; messages in Bahasa Indonesia, or English
with `Accept-Language: en` or `?lang=en`."""


def create_app(settings: Settings | None = None, repository: service.Repository | None = None) -> FastAPI:
    settings = settings or Settings.from_environment()
    app = FastAPI(title="ea-repo API", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.tokens = TokenCache(settings.token_cache_s)
    app.state.repository = repository or service.open_repository(
        settings.database_url, statement_timeout_s=settings.statement_timeout_s
    )
    for module in (
        meta,
        organisations,
        elements,
        checks,
        imports,
        audit,
        reference,
        tokens,
        diagrams,
        planning,
        redundancy,
    ):
        app.include_router(module.router, responses=errors.ERROR_RESPONSES)
    app.include_router(meta.public)
    docs.install(app)  # /docs from the server itself: nothing from a CDN
    web.install(app)  # the pages, at / (api/web)
    errors.install(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type", "If-Match", "Accept-Language"],
            expose_headers=["ETag", "Location"],
        )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RejectNul)
    app.add_middleware(SecurityHeaders)  # outermost: on every answer, the early refusals too
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def app_from_environment() -> FastAPI:
    """For `uvicorn --factory` (what `ea serve` runs, once per worker process)."""
    return create_app(Settings.from_environment())


def _openapi(app: FastAPI) -> dict:
    """FastAPI's schema plus the catalogue document schemas the element routes refer to."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        documents = catalog_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(documents.pop("$defs"))
        components["CatalogDocument"] = {k: v for k, v in documents.items() if k not in ("$schema", "$id")}
        app.openapi_schema = schema
    return app.openapi_schema
