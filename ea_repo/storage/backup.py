"""Logical backup and restore of every table: one consistent snapshot to a file, and back, on either backend.

The file is gzip-compressed UTF-8 JSON lines. The first line is the header (format, versions, source
backend, each table with its columns); then chunks of rows, `{"t": table, "r": [[values in column
order], ...]}`; then the trailer `{"end": "ea-repo-backup", "rows": {table: count}, "sha256": ...}`
whose digest covers every line before it. A file that is not a backup, is truncated, or was altered
is refused before anything is written. The tables are those of SQLModel.metadata, so a table added
later is backed up without a change here.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import Integer, Table, func, inspect, select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from ea_repo import __version__
from ea_repo.core.errors import Refused
from ea_repo.core.i18n import Message
from ea_repo.storage import tables
from ea_repo.storage.db import atomic, create_schema

FORMAT = "ea-repo-backup"
FORMAT_VERSION = 1
BATCH_ROWS = 1000
FILE_MODE = 0o600  # it holds token hashes and the audit log
_SCHEMA_TABLE = tables.SchemaInfo.__tablename__


class Progress(Protocol):
    def start(self, total_rows: int) -> None: ...

    def advance(self, rows: int) -> None: ...


class _Silent:
    def start(self, total_rows: int) -> None:
        pass

    def advance(self, rows: int) -> None:
        pass


@dataclass(frozen=True)
class BackupHeader:
    """What the first line of a backup says about it."""

    ea_repo_version: str
    schema_version: int
    created_at: str
    backend: str
    tables: dict[str, tuple[str, ...]]  # table -> its columns, in the order of the row values
    format_version: int = FORMAT_VERSION

    def as_json(self) -> dict:
        return {
            "format": FORMAT,
            "format_version": self.format_version,
            "ea_repo_version": self.ea_repo_version,
            "schema_version": self.schema_version,
            "created_at": self.created_at,
            "backend": self.backend,
            "tables": [{"name": name, "columns": list(columns)} for name, columns in self.tables.items()],
        }

    @classmethod
    def from_json(cls, data: dict) -> BackupHeader | None:
        """The header, or None if this is not the first line of a backup this version can read."""
        try:
            if data.get("format") != FORMAT or not 1 <= int(data["format_version"]) <= FORMAT_VERSION:
                return None
            listed = {str(t["name"]): tuple(str(c) for c in t["columns"]) for t in data["tables"]}
            return cls(
                str(data["ea_repo_version"]),
                int(data["schema_version"]),
                str(data["created_at"]),
                str(data["backend"]),
                listed,
                int(data["format_version"]),
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class BackupSummary:
    """A backup written (or restored): where, from (into) which database, how many rows per table, how many bytes."""

    path: Path
    database: str  # its URL, without a password
    header: BackupHeader
    rows: dict[str, int]
    bytes: int

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def schema_tables() -> list[Table]:
    return list(SQLModel.metadata.sorted_tables)


# --- backup -------------------------------------------------------------------------------


def write_backup(engine: Engine, path: Path, progress: Progress | None = None) -> BackupSummary:
    """Every table, as one committed state had it, to `path` (mode 0600; replaced only when complete)."""
    progress = progress or _Silent()
    with _snapshot(engine) as conn:
        header = _header_of(conn)
        progress.start(sum(_count(conn, table) for table in schema_tables()))
        with _private_file(path) as raw:
            rows = _write_lines(raw, conn, header, progress)
    return BackupSummary(path, _shown(engine), header, rows, path.stat().st_size)


def _shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction. PostgreSQL: REPEATABLE READ, read only. SQLite (WAL): a read transaction
    sees the database as it was at its first read, whatever commits after."""
    options = (
        {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        if engine.dialect.name == "postgresql"
        else {}
    )
    with engine.connect() as conn:
        conn = conn.execution_options(**options)
        with conn.begin():
            yield conn


def _header_of(conn: Connection) -> BackupHeader:
    info = tables.SCHEMA_INFO_TABLE
    stored = conn.execute(select(info.c.value).where(info.c.key == "schema_version")).scalar()
    return BackupHeader(
        __version__,
        int(stored or tables.SCHEMA_VERSION),
        dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        conn.dialect.name,
        {table.name: tuple(column.name for column in table.columns) for table in schema_tables()},
    )


def _count(conn: Connection, table: Table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar_one()


@contextmanager
def _private_file(path: Path) -> Iterator:
    """A new file only its owner may read, renamed onto `path` once complete (never a half backup there)."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except OSError:
        raise Refused(Message("backup_cannot_write", path=str(path))) from None
    try:
        with os.fdopen(fd, "wb") as raw:
            yield raw
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _write_lines(raw, conn: Connection, header: BackupHeader, progress: Progress) -> dict[str, int]:
    digest, rows = hashlib.sha256(), {}
    with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as out:

        def emit(record: dict) -> bytes:
            line = (json.dumps(record, separators=(",", ":")) + "\n").encode()
            out.write(line)
            return line

        digest.update(emit(header.as_json()))
        for table in schema_tables():
            rows[table.name] = 0
            for chunk in _chunks(conn, table):
                digest.update(emit({"t": table.name, "r": chunk}))
                rows[table.name] += len(chunk)
                progress.advance(len(chunk))
        emit({"end": FORMAT, "rows": rows, "sha256": digest.hexdigest()})
    return rows


def _chunks(conn: Connection, table: Table) -> Iterator[list[list]]:
    query = select(table).order_by(*table.primary_key.columns)
    result = conn.execute(query.execution_options(stream_results=True, yield_per=BATCH_ROWS))
    for batch in result.partitions(BATCH_ROWS):
        yield [list(row) for row in batch]


# --- reading and verifying ----------------------------------------------------------------

Chunk = Callable[[str, tuple[str, ...], list[list]], None]


def verify_backup(path: Path, on_chunk: Chunk | None = None) -> tuple[BackupHeader, dict[str, int]]:
    """Read the whole file: its header and rows per table. Refused unless it is a complete, unaltered
    backup. `on_chunk(table, columns, rows)` sees each chunk before the end is verified."""
    digest = hashlib.sha256()
    header: BackupHeader | None = None
    trailer: dict | None = None
    rows: dict[str, int] = {}
    for line in _lines(path):
        record = _parse(line, path, first=header is None)
        if header is None:
            header = BackupHeader.from_json(record)
            if header is None:
                raise Refused(Message("backup_not_a_backup", path=str(path)))
        elif trailer is not None or "end" in record:
            if trailer is not None:
                raise Refused(Message("backup_damaged", path=str(path)))
            trailer = record
            continue
        else:
            table, chunk = _chunk_of(record, header, path)
            rows[table] = rows.get(table, 0) + len(chunk)
            if on_chunk:
                on_chunk(table, header.tables[table], chunk)
        digest.update(line)
    header = _check_end(path, header, trailer, rows, digest.hexdigest())
    return header, {table: rows.get(table, 0) for table in header.tables}


def _lines(path: Path) -> Iterator[bytes]:
    if not path.is_file():
        raise Refused(Message("backup_missing", path=str(path)))
    started = False
    try:
        with gzip.open(path, "rb") as source:
            for line in source:
                started = True
                yield line
    except EOFError:
        raise Refused(Message("backup_truncated", path=str(path))) from None
    except (zlib.error, OSError):  # gzip.BadGzipFile is an OSError
        raise Refused(Message("backup_damaged" if started else "backup_not_a_backup", path=str(path))) from None


def _parse(line: bytes, path: Path, *, first: bool) -> dict:
    try:
        record = json.loads(line)
    except ValueError:
        record = None
    if not isinstance(record, dict):
        raise Refused(Message("backup_not_a_backup" if first else "backup_damaged", path=str(path)))
    return record


def _chunk_of(record: dict, header: BackupHeader, path: Path) -> tuple[str, list[list]]:
    table, chunk = record.get("t"), record.get("r")
    columns = header.tables.get(table) if isinstance(table, str) else None
    if (
        not isinstance(table, str)
        or columns is None
        or not isinstance(chunk, list)
        or any(not isinstance(r, list) or len(r) != len(columns) for r in chunk)
    ):
        raise Refused(Message("backup_damaged", path=str(path)))
    return table, chunk


def _check_end(
    path: Path, header: BackupHeader | None, trailer: dict | None, rows: dict[str, int], sha256: str
) -> BackupHeader:
    """The header, once the file is known to be whole."""
    if header is None:
        raise Refused(Message("backup_not_a_backup", path=str(path)))
    if trailer is None:
        raise Refused(Message("backup_truncated", path=str(path)))
    counted = {table: rows.get(table, 0) for table in header.tables}
    if trailer.get("end") != FORMAT or trailer.get("sha256") != sha256 or trailer.get("rows") != counted:
        raise Refused(Message("backup_damaged", path=str(path)))
    return header


# --- restore ------------------------------------------------------------------------------


def restore_backup(
    engine: Engine, path: Path, *, force: bool = False, progress: Progress | None = None
) -> BackupSummary:
    """Into a database with no ea-repo rows yet (or, with `force`, emptied first), in one transaction."""
    progress = progress or _Silent()
    header, rows = verify_backup(path)  # all of it, before anything is written
    _check_fits(header, path)
    occupied = _occupied(engine)
    if occupied and not force:
        raise Refused(Message("restore_not_empty", rows=sum(occupied.values()), tables=", ".join(sorted(occupied))))
    create_schema(engine)
    progress.start(sum(rows.values()))
    known = {table.name: table for table in schema_tables()}
    with atomic(engine) as conn:
        for table in reversed(schema_tables()):
            conn.execute(table.delete())

        def insert(name: str, columns: tuple[str, ...], chunk: list[list]) -> None:
            conn.execute(known[name].insert(), [dict(zip(columns, row, strict=False)) for row in chunk])
            progress.advance(len(chunk))

        verify_backup(path, on_chunk=insert)  # checked again as it is read: a file changed since rolls back
        _stamp_schema_version(conn)
        _advance_sequences(conn)
    return BackupSummary(path, _shown(engine), header, rows, path.stat().st_size)


def _check_fits(header: BackupHeader, path: Path) -> None:
    """A newer schema is refused; an older one is restored when its columns map onto today's tables
    (true of versions 1-3: the upgrades since add a defaulted column and new tables). An upgrade step
    that transforms data would need its own step here."""
    if header.schema_version > tables.SCHEMA_VERSION:
        raise Refused(
            Message("restore_newer_schema", path=str(path), found=header.schema_version, current=tables.SCHEMA_VERSION)
        )
    known = {table.name: table for table in schema_tables()}
    unknown = [
        f"{name}.{column}"
        for name, columns in header.tables.items()
        for column in columns
        if name not in known or column not in known[name].columns
    ]
    needed = [
        f"{table.name}.{column.name}"
        for table in schema_tables()
        if table.name in header.tables
        for column in table.columns
        if column.name not in header.tables[table.name] and not _may_be_left_out(column)
    ]
    if unknown or needed:
        raise Refused(Message("restore_columns_differ", path=str(path), columns=", ".join(unknown + needed)))


def _may_be_left_out(column) -> bool:
    return (
        column.nullable
        or column.server_default is not None
        or column.default is not None
        or column.autoincrement is True
    )


def _occupied(engine: Engine) -> dict[str, int]:
    """Tables of ours that hold rows (the schema-version row aside)."""
    present = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        counts = {
            table.name: _count(conn, table)
            for table in schema_tables()
            if table.name in present and table.name != _SCHEMA_TABLE
        }
    return {name: count for name, count in counts.items() if count}


def _stamp_schema_version(conn: Connection) -> None:
    info = tables.SCHEMA_INFO_TABLE
    conn.execute(info.delete().where(info.c.key == "schema_version"))
    conn.execute(info.insert(), {"key": "schema_version", "value": str(tables.SCHEMA_VERSION)})


def _advance_sequences(conn: Connection) -> None:
    """PostgreSQL: rows came with their ids, so each id sequence must continue after the largest."""
    if conn.dialect.name != "postgresql":
        return  # SQLite's INTEGER PRIMARY KEY continues from the largest rowid by itself
    quote = conn.dialect.identifier_preparer.quote
    for table in schema_tables():
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and isinstance(keys[0].type, Integer):
            name, column = quote(table.name), quote(keys[0].name)
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{name}', '{keys[0].name}'), "
                f"COALESCE(MAX({column}), 0) + 1, false) FROM {name}"
            )
