"""Every error is JSON of one shape: {"error": {"code", "message", "details"}}; never a stack trace."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ea_repo.core.errors import (
    AlreadyExists,
    ConfigError,
    EaError,
    ElementNotFound,
    ImportRejected,
    InputRejected,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    Refused,
    RepositoryNotInitialised,
    VersionConflict,
)
from ea_repo.core.i18n import t

from .headers import API_PREFIXES
from .i18n import request_lang

log = logging.getLogger("ea_repo.api")

_STATUS = [  # most specific first
    (NotAuthenticated, 401, "unauthenticated"),
    (PermissionDenied, 403, "forbidden"),
    (ElementNotFound, 404, "not_found"),
    (NotFound, 404, "not_found"),
    (AlreadyExists, 409, "exists"),
    (VersionConflict, 412, "version_conflict"),
    (InputRejected, 422, "invalid_document"),
    (RepositoryNotInitialised, 503, "not_initialised"),
    (ConfigError, 400, "bad_request"),
]


class ErrorDetail(BaseModel):
    code: str = Field(
        description="Stable machine-readable code: unauthenticated, forbidden, not_found, exists, version_conflict, "
        "invalid_document, ..."
    )
    message: str = Field(description="For people, in Bahasa Indonesia or (Accept-Language: en) English")
    details: Any = Field(description="Problems per document/field (422), versions (412), or []")


class ErrorBody(BaseModel):
    error: ErrorDetail


def _described(text: str) -> dict:
    return {"model": ErrorBody, "description": text}


ERROR_RESPONSES: dict = {
    400: _described("Bad parameter (cursor, If-Match, filter)"),
    401: _described("No token, or not a valid one"),
    403: _described("Outside what the token was granted"),
    404: _described("No such element, IPPD, OPD or code"),
    409: _described("It exists already"),
    412: _described("Stale If-Match: the element changed since it was read"),
    413: _described("Body over the size cap"),
    422: _described("Invalid document or parameters: every problem listed"),
}


class BodyTooLarge(Exception):
    def __init__(self, limit: int):
        self.limit = limit


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message, "details": details if details is not None else []}},
        status_code=status,
        headers=headers,
    )


def _ea_error(request: Request, exc: EaError) -> JSONResponse:
    lang = request_lang(request)
    status, code = next(((s, c) for cls, s, c in _STATUS if isinstance(exc, cls)), (400, "bad_request"))
    details: Any = []
    headers = None
    if isinstance(exc, ImportRejected):
        details = [
            {
                "document": p.path,
                "line": p.line,
                "kind": p.kind,
                "id": p.element_id,
                "field": p.field,
                "message": p.message.render(lang),
            }
            for p in exc.problems
        ]
        message = t("rejected", lang, count=len(exc.problems))
    elif isinstance(exc, InputRejected):
        details = [{"message": p.render(lang)} for p in exc.problems]
        message = t(exc.summary_key, lang, count=len(exc.problems))
    elif isinstance(exc, ElementNotFound):
        message = t("not_found", lang, element=exc.element_id)
    elif isinstance(exc, Refused):
        message = exc.render(lang)
    elif isinstance(exc, ConfigError):
        details = exc.render(lang)
        message = "; ".join(details)
    else:
        message = str(exc)
    if isinstance(exc, VersionConflict):
        details = {"expected": exc.expected, "current": exc.current}
        headers = {"ETag": f'"{exc.current}"'}
    if isinstance(exc, NotAuthenticated):
        headers = {"WWW-Authenticate": "Bearer"}
    return error_response(status, code, message, details, headers)


def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    details = [
        {"location": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors()
    ]
    return error_response(422, "invalid_request", t("invalid_request", request_lang(request)), details)


def for_pages(path: str) -> bool:
    """An address of the web pages (api/web), where an error is a page, not JSON."""
    return not path.startswith(API_PREFIXES)


def _http(request: Request, exc: StarletteHTTPException) -> Response:
    if for_pages(request.url.path) and exc.status_code in (404, 405):
        from .web.session import outside_page

        return outside_page(request, exc.status_code)
    code = {404: "no_such_route", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))


def _too_large(request: Request, exc: BodyTooLarge) -> Response:
    message = t("body_too_large", request_lang(request), limit=exc.limit // (1024 * 1024))
    if for_pages(request.url.path):
        from .web.session import outside_page

        return outside_page(request, 413, message)
    return error_response(413, "body_too_large", message)


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    reference = uuid.uuid4().hex[:12]
    log.error("unexpected error %s on %s %s", reference, request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal", t("internal_error", request_lang(request), reference=reference))


def install(app: FastAPI) -> None:
    app.add_exception_handler(EaError, _ea_error)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(BodyTooLarge, _too_large)
    app.add_exception_handler(Exception, _unexpected)
