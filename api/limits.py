"""Request body cap, enforced before and while the body is read (pure ASGI: no buffering here)."""

from __future__ import annotations

from starlette.requests import Request

from ea_repo.core.i18n import t

from .errors import BodyTooLarge, error_response, for_pages
from .i18n import request_lang


class BodySizeLimit:
    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            return await self._refuse(scope)(scope, receive, send)
        received = 0

        async def counted():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:  # a chunked body without Content-Length
                    raise BodyTooLarge(self.max_bytes)  # the app's handler answers 413
            return message

        await self.app(scope, counted, send)

    def _refuse(self, scope):
        """413 before the body is read: a page for the web pages, the API's error shape elsewhere; in the reader's
        language either way."""
        request = Request(scope)
        message = t("body_too_large", request_lang(request), limit=self.max_bytes // (1024 * 1024))
        if for_pages(scope["path"]):
            from .web.session import outside_page

            return outside_page(request, 413, message)
        return error_response(413, "body_too_large", message)


class RejectNul:
    """PostgreSQL text cannot hold NUL: a path or query string with one is refused (400) before it reaches SQL."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and ("\x00" in scope["path"] or b"%00" in scope["query_string"]):
            response = error_response(400, "bad_request", "NUL (%00) is not allowed in a URL")
            return await response(scope, receive, send)
        await self.app(scope, receive, send)
