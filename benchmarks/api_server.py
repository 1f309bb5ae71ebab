"""The app the API benchmark serves: ea-repo's own app plus bare routes, in one uvicorn process.

    uvicorn benchmarks.api_server:bench_app --factory   (settings from EA_DATABASE_URL etc.)

The bare routes are the limit: they share the server, the process, the client and the moment
with ours. `/bench/constant` is the plainest FastAPI route (async, a constant dict, no token);
`/bench/constant-sync` is the same as a plain `def`, which FastAPI runs in its thread pool as
it runs our routes, so the difference between the two is the thread hop alone.
`/bench/page` answers the bytes of the file EA_BENCH_PAGE names (the client saves a real page
of 100 elements there before timing), pre-serialised: what moving that much JSON costs.

Every response carries `Server-Timing: app;dur=<ms>`: the time from the request entering the
app to the response headers leaving it (for our JSON routes the body is already rendered
then). With EA_BENCH_PROFILE=1, /bench/profile/start and /bench/profile/stop run the sampling
profiler of benchmarks/sampler.py in the server (the profiling pass only, never when timed).
"""

from __future__ import annotations

import os
import time
from functools import cache
from pathlib import Path

from fastapi import FastAPI, Response

from api.app import create_app
from ea_repo.core.settings import Settings

CONSTANT = {"status": "ok", "service": "ea-repo", "bench": True}
PROFILE_ENV = "EA_BENCH_PROFILE"
PAGE_ENV = "EA_BENCH_PAGE"


class ServerTiming:
    """Pure ASGI middleware: adds the app's own time to the response headers."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()

        async def timed_send(message):
            if message["type"] == "http.response.start":
                millis = (time.perf_counter() - started) * 1000
                message["headers"] = [*message.get("headers", []), (b"server-timing", f"app;dur={millis:.3f}".encode())]
            await send(message)

        await self.app(scope, receive, timed_send)


def add_bare_routes(app: FastAPI) -> None:
    @app.get("/bench/constant", include_in_schema=False)
    async def constant() -> dict:
        return CONSTANT

    @app.get("/bench/constant-sync", include_in_schema=False)
    def constant_sync() -> dict:
        return CONSTANT

    @cache
    def page_bytes() -> bytes:  # read at the first request: the client writes the file after the server starts
        return Path(os.environ[PAGE_ENV]).read_bytes()

    @app.get("/bench/page", include_in_schema=False)
    async def page() -> Response:
        return Response(page_bytes(), media_type="application/json")


def add_profile_routes(app: FastAPI) -> None:
    from .sampler import Sampler

    current: list[Sampler] = []

    @app.post("/bench/profile/start", include_in_schema=False)
    async def start() -> dict:
        current[:] = [Sampler()]
        current[0].start()
        return {"started": True}

    @app.post("/bench/profile/stop", include_in_schema=False)
    async def stop() -> dict:
        return current.pop().stop()


def bench_app() -> FastAPI:
    app = create_app(Settings.from_environment())
    add_bare_routes(app)
    if os.environ.get(PROFILE_ENV) == "1":
        add_profile_routes(app)
    app.add_middleware(ServerTiming)  # added last: outermost, so it times every other layer too
    return app
