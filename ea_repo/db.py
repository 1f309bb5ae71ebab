"""Engines for the embedded SQLite default and PostgreSQL by URL; schema creation and version."""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel, create_engine

from . import tables
from .errors import ConfigError, RepositoryNotInitialised

DEFAULT_URL = "sqlite:///ea.db"
URL_ENV = "EA_DATABASE_URL"


def resolve_url(url: str | None) -> str:
    """--db wins, then EA_DATABASE_URL, then ./ea.db. A bare path means a SQLite file."""
    chosen = url or os.environ.get(URL_ENV) or DEFAULT_URL
    if "://" not in chosen:
        chosen = f"sqlite:///{chosen}"
    if chosen.startswith("postgresql://"):
        chosen = "postgresql+psycopg://" + chosen[len("postgresql://"):]
    return chosen


def make_engine(url: str | None = None) -> Engine:
    resolved = resolve_url(url)
    try:
        engine = create_engine(resolved)
    except Exception as exc:  # bad URL or missing driver: a configuration problem
        raise ConfigError(f"cannot use database {resolved!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_schema(engine: Engine) -> bool:
    """Create the tables and record the schema version. Returns False if it already existed."""
    existed = inspect(engine).has_table(tables.SchemaInfo.__tablename__)
    SQLModel.metadata.create_all(engine)
    if not existed:
        with engine.begin() as conn:
            conn.execute(tables.SchemaInfo.__table__.insert(), {"key": "schema_version", "value": str(tables.SCHEMA_VERSION)})
    return not existed


def require_schema(engine: Engine) -> None:
    """Refuse to work on a database that `ea init` has not prepared, or a newer schema."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:" and not os.path.exists(database):
        raise RepositoryNotInitialised(f"no ea-repo database at {database}: run `ea init` first")  # and do not create one
    if not inspect(engine).has_table(tables.SchemaInfo.__tablename__):
        raise RepositoryNotInitialised(f"no ea-repo schema in {engine.url.render_as_string(hide_password=True)}: run `ea init` first")
    with engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT value FROM ea_schema WHERE key = 'schema_version'").first()
    found = int(row[0]) if row else 0
    if found != tables.SCHEMA_VERSION:
        raise ConfigError(f"database schema version {found}, this ea-repo expects {tables.SCHEMA_VERSION}")


@contextmanager
def atomic(engine: Engine) -> Iterator[Connection]:
    """One transaction: everything inside commits together or not at all."""
    with engine.begin() as conn:
        yield conn


def placeholders(conn: Connection, sql: str) -> str:
    """Write SQL with '?' and get the driver's own parameter style."""
    return sql if conn.dialect.paramstyle == "qmark" else sql.replace("?", "%s")
