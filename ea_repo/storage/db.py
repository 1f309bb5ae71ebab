"""Engines for the embedded SQLite default and PostgreSQL by URL; schema creation and version."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel, create_engine

from ea_repo.core.errors import ConfigError, DatabaseUnusable, RepositoryNotInitialised
from ea_repo.core.i18n import Message
from ea_repo.storage import tables

DEFAULT_URL = "sqlite:///ea.db"
URL_ENV = "EA_DATABASE_URL"


def resolve_url(url: str | None) -> str:
    """--db wins, then EA_DATABASE_URL, then ./ea.db. A bare path means a SQLite file."""
    chosen = url or os.environ.get(URL_ENV) or DEFAULT_URL
    if "://" not in chosen:
        chosen = f"sqlite:///{chosen}"
    if chosen.startswith("postgresql://"):
        chosen = "postgresql+psycopg://" + chosen[len("postgresql://") :]
    return chosen


_WRITE = "ea_write"
LOCK_WAIT_SECONDS = 30


def make_engine(url: str | None = None, *, statement_timeout_s: float | None = None) -> Engine:
    """An engine; `statement_timeout_s` bounds each PostgreSQL statement (the server sets it)."""
    resolved = resolve_url(url)
    connect_args = {}
    if statement_timeout_s and resolved.startswith("postgresql"):
        connect_args["options"] = f"-c statement_timeout={int(statement_timeout_s * 1000)}"
    try:
        engine = create_engine(resolved, connect_args=connect_args)
    except Exception as exc:  # bad URL or missing driver: a configuration problem
        raise ConfigError(Message("database_url_unusable", url=repr(resolved), detail=str(exc))) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "do_connect", _private_sqlite_file(engine.url.database))
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


PRIVATE_FILE_MODE = 0o600  # the database holds token hashes and the audit log


def _private_sqlite_file(database: str | None):
    """Before SQLite opens a database file, create it 0600 if it is new (SQLite would make it 0644).
    SQLite gives the -wal and -shm files the mode of the database file."""

    def create(*_args) -> None:
        if not database or database == ":memory:" or database.startswith("file:"):
            return
        try:
            os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        except OSError:  # it exists, or cannot be created: SQLite opens it or reports why not
            pass

    return create


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # the driver must not BEGIN on its own: _sqlite_begin does
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={LOCK_WAIT_SECONDS * 1000}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A write transaction takes the write lock at BEGIN. A deferred one that reads first and
    # writes later fails at once (SQLITE_BUSY, no waiting) when another writer got in between.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def create_schema(engine: Engine) -> bool:
    """Create the tables, or bring an older schema up to date. Returns False if it already existed."""
    existed = _has_schema(engine)
    found = schema_version(engine) if existed else tables.SCHEMA_VERSION
    if found > tables.SCHEMA_VERSION:
        raise ConfigError(Message("schema_newer", found=found, current=tables.SCHEMA_VERSION))
    with atomic(engine) as conn:
        for version in range(found, tables.SCHEMA_VERSION):
            _UPGRADES[version](conn)
        SQLModel.metadata.create_all(conn)
        if existed:
            info = tables.SCHEMA_INFO_TABLE
            conn.execute(info.update().where(info.c.key == "schema_version").values(value=str(tables.SCHEMA_VERSION)))
        else:
            conn.execute(
                tables.SCHEMA_INFO_TABLE.insert(), {"key": "schema_version", "value": str(tables.SCHEMA_VERSION)}
            )
    return not existed


def _upgrade_1_to_2(conn: Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE element ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


def _upgrade_2_to_3(conn: Connection) -> None:
    """Nothing to alter: the new roadmap_item table comes from create_all."""


def _upgrade_3_to_4(conn: Connection) -> None:
    """Nothing to alter: the new redundancy_dismissal table comes from create_all."""


def _upgrade_4_to_5(conn: Connection) -> None:
    """Nothing to alter: the new user_account and web_session tables come from create_all."""


_UPGRADES = {
    1: _upgrade_1_to_2,
    2: _upgrade_2_to_3,
    3: _upgrade_3_to_4,
    4: _upgrade_4_to_5,
}  # from version N to N+1; the new tables come from create_all


def _has_schema(engine: Engine) -> bool:
    """Whether the ea-repo schema is there; the first contact, so a file that is not a database, or a server
    that cannot be reached, is said here in one line instead of a driver's traceback."""
    try:
        return inspect(engine).has_table(tables.SchemaInfo.__tablename__)
    except DBAPIError as exc:
        where = engine.url.render_as_string(hide_password=True)
        raise DatabaseUnusable(Message("database_unusable", url=where, detail=str(exc.orig).strip()[:300])) from None


def schema_version(engine: Engine) -> int:
    with engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT value FROM ea_schema WHERE key = 'schema_version'").first()
    return int(row[0]) if row else 0


def require_schema(engine: Engine) -> None:
    """Refuse to work on a database that `ea init` has not prepared, or a newer schema."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:" and not os.path.exists(database):
        raise RepositoryNotInitialised(Message("no_database_file", path=database))  # and do not create one
    if not _has_schema(engine):
        raise RepositoryNotInitialised(Message("no_schema", url=engine.url.render_as_string(hide_password=True)))
    found = schema_version(engine)
    if found < tables.SCHEMA_VERSION:
        raise ConfigError(Message("schema_older", found=found, current=tables.SCHEMA_VERSION))
    if found > tables.SCHEMA_VERSION:
        raise ConfigError(Message("schema_newer", found=found, current=tables.SCHEMA_VERSION))


@contextmanager
def atomic(engine: Engine) -> Iterator[Connection]:
    """One write transaction: everything inside commits together or not at all."""
    with engine.execution_options(**{_WRITE: True}).begin() as conn:
        yield conn


def placeholders(conn: Connection, sql: str) -> str:
    """Write SQL with '?' and get the driver's own parameter style."""
    return sql if conn.dialect.paramstyle == "qmark" else sql.replace("?", "%s")


def match_clauses(equal: dict[str, Any], within: dict[str, tuple | None]) -> tuple[list[str], list[Any]]:
    """SQL conditions (with '?') for column = value and column IN values; None means no condition."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in equal.items():
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    for column, values in within.items():
        if values is not None:
            clauses.append(f"{column} IN ({', '.join('?' for _ in values) or 'NULL'})")
            params.extend(values)
    return clauses, params
