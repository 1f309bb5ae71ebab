"""Security headers on every response (pure ASGI: the body passes through untouched)."""
from __future__ import annotations

# The HTML reports carry their style inline and their figures as data: URIs; SVG diagrams are
# plain Graphviz output. Nothing the API serves runs a script or loads from elsewhere.
CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                           "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
# Swagger UI and ReDoc load their scripts from a CDN and run inline code: the strict policy
# would leave them blank. They keep the other headers; a later issue serves them locally.
CSP_EXEMPT_PATHS = frozenset({"/docs", "/redoc"})


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        added = list(SECURITY_HEADERS)
        if scope["path"] not in CSP_EXEMPT_PATHS:
            added.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in added if name not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
