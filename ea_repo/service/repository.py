"""Opening a repository: the embedded SQLite file or PostgreSQL by URL, the same code."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from ea_repo.storage.db import create_schema, make_engine, require_schema


@dataclass
class Repository:
    """An opened ea-repo database (SQLite file or PostgreSQL)."""

    engine: Engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)


def init_repository(url: str | None = None) -> tuple[Repository, bool]:
    """Create the schema, or upgrade an older one (idempotent). Returns the repository and whether it was new."""
    engine = make_engine(url)
    return Repository(engine), create_schema(engine)


def open_repository(url: str | None = None, *, statement_timeout_s: float | None = None) -> Repository:
    engine = make_engine(url, statement_timeout_s=statement_timeout_s)
    require_schema(engine)
    return Repository(engine)
