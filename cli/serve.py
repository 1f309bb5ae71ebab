"""ea serve: run the HTTP API (uvicorn) over the same repository the CLI uses."""

from __future__ import annotations

import os
import signal
import threading
import time

import typer

from cli.common import err, lang_of, state, translate_errors
from cli.help_text import help_text
from ea_repo.core.i18n import t
from ea_repo.core.settings import MiB, Settings
from ea_repo.service import resolve_url

APP_FACTORY = "api.app:app_from_environment"  # by name: the core never imports the API package
WORKER_FACTORY = "cli.serve:worker_app"
SUPERVISOR_ENV = "EA_SERVE_SUPERVISOR"  # the pid of `ea serve`, for its worker processes
GRACEFUL_S = 10


@translate_errors
def serve(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", help=help_text("opt.serve_db")),
    host: str = typer.Option("127.0.0.1", "--host", help=help_text("opt.host")),
    port: int = typer.Option(8000, "--port", help=help_text("opt.port")),
    workers: int = typer.Option(1, "--workers", min=1, help=help_text("opt.workers")),
    cors_origin: list[str] | None = typer.Option(None, "--cors-origin", help=help_text("opt.cors_origin")),
    max_body_mb: int = typer.Option(64, "--max-body-mb", min=1, help=help_text("opt.max_body_mb")),
    statement_timeout: float = typer.Option(60.0, "--statement-timeout", help=help_text("opt.statement_timeout")),
    log_level: str = typer.Option("info", "--log-level", help=help_text("opt.log_level")),
) -> None:
    import uvicorn

    if db:
        state(ctx).db = db
    repo = state(ctx).repository()  # refuse now, with the CLI's message, if `ea init` was not run
    settings = Settings(
        database_url=resolve_url(state(ctx).db),
        max_body_bytes=max_body_mb * MiB,
        statement_timeout_s=statement_timeout,
        cors_origins=tuple(cors_origin or ()),
    )
    os.environ.update(settings.to_environment())
    os.environ[SUPERVISOR_ENV] = str(os.getpid())
    err.print(t("serving", lang_of(ctx), host=host, port=port, url=repo.url), markup=False)
    uvicorn.run(
        WORKER_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=GRACEFUL_S,
    )


def worker_app():
    """The API app as each server process loads it; a worker of `ea serve --workers N` also follows its supervisor.

    uvicorn's supervisor (the `ea serve` process) stops its workers when it is itself stopped by
    SIGTERM or SIGINT. A supervisor that dies without running its handler (SIGKILL, the OOM killer,
    a crash) tells them nothing: they were left serving, orphaned, on the port. Now each worker
    stops (gracefully, as on SIGTERM) once its supervisor is gone.
    """
    from uvicorn.importer import import_from_string

    supervisor = int(os.environ.get(SUPERVISOR_ENV) or 0)
    if supervisor and os.getpid() != supervisor:  # with --workers 1 the app runs in `ea serve` itself
        _follow_supervisor(supervisor)
    return import_from_string(APP_FACTORY)()


def _follow_supervisor(supervisor: int) -> None:
    """When the supervisor is gone (this process was re-parented), stop as if it had sent SIGTERM."""

    def watch() -> None:
        while os.getppid() == supervisor:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="ea-follow-supervisor", daemon=True).start()
