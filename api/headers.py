"""Security headers on every response (pure ASGI: the body passes through untouched)."""

from __future__ import annotations

# The HTML reports carry their style inline and their figures as data: URIs; SVG diagrams are
# plain Graphviz output. Nothing the API serves runs a script or loads from elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
# /docs (api/docs.py) runs Swagger UI's script, served by this server, and our own start-up file: scripts
# from this server only; Swagger UI sets inline styles and fetches /openapi.json.
DOCS_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


# The web pages (api/web): our own stylesheet and script only, no inline script or style; inline SVG diagrams
# draw with attributes. Forms post to this server only.
PAGES_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
API_PREFIXES = ("/v1/", "/v1", "/health", "/openapi.json", "/docs")  # the API's addresses; the rest are pages


def policy_for(path: str) -> bytes:
    if path == "/docs" or path.startswith("/docs/"):
        return DOCS_POLICY.encode()
    if path.startswith(API_PREFIXES):
        return CONTENT_SECURITY_POLICY.encode()
    return PAGES_POLICY.encode()


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        added = [*SECURITY_HEADERS, (b"content-security-policy", policy_for(scope["path"]))]

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in added if name not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
