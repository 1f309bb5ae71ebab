"""ea serve: run the HTTP API (uvicorn) over the same repository the CLI uses."""
from __future__ import annotations

import os
from typing import List, Optional

import typer

from ..db import resolve_url
from ..server_settings import MiB, Settings
from ..i18n import t
from .common import err, lang_of, state, translate_errors

APP_FACTORY = "api.app:app_from_environment"  # by name: the core never imports the API package


@translate_errors
def serve(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", help="Same as `ea --db`: a SQLite file or postgresql://user@host/db."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; 0.0.0.0 for every interface (put TLS in front)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes (PostgreSQL: one per core; SQLite: 1-2 suffice)."),
    cors_origin: Optional[List[str]] = typer.Option(None, "--cors-origin", help="Allow browser pages from this origin (repeatable). Default: CORS off."),
    max_body_mb: int = typer.Option(64, "--max-body-mb", min=1, help="Largest request body accepted, in MiB (413 beyond)."),
    statement_timeout: float = typer.Option(60.0, "--statement-timeout", help="Seconds a PostgreSQL statement may run before it is cancelled."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level: critical, error, warning, info, debug."),
) -> None:
    """Serve the REST API (OpenAPI docs at /docs). Every request needs a token from `ea token create`."""
    import uvicorn

    if db:
        state(ctx).db = db
    repo = state(ctx).repository()  # refuse now, with the CLI's message, if `ea init` was not run
    settings = Settings(database_url=resolve_url(state(ctx).db), max_body_bytes=max_body_mb * MiB,
                        statement_timeout_s=statement_timeout, cors_origins=tuple(cors_origin or ()))
    os.environ.update(settings.to_environment())
    err.print(t("serving", lang_of(ctx), host=host, port=port, url=repo.url), markup=False)
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, workers=workers, log_level=log_level,
                timeout_keep_alive=5, timeout_graceful_shutdown=10)
