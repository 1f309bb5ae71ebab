"""The audit log: one row per accepted change, written in the same transaction as the change.

Actions: create, update, delete (elements, organisations, roadmap items); dismiss-redundancy,
restore-redundancy; token-create, token-revoke (kind `ApiToken`, subject the token id, the
scope in `after`, never the secret or its hash). A national token (every IPPD) is logged under
the IPPD marker `*` (the audit table's ippd is NOT NULL), the same mark `Principal.scope` uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from ea_repo.access.principal import Principal
from ea_repo.core.timeutil import now_text
from ea_repo.storage.db import match_clauses, placeholders

_COLUMNS = "id, at, actor, via, action, ippd, plateau, opd, subject, kind, version, before, after"
TOKEN_KIND = "ApiToken"
USER_KIND = "User"  # a web user's grant, password change or disabling
EVERY_IPPD = "*"  # the ippd of an entry about something national (a token for every IPPD)
_INSERT = (
    "INSERT INTO audit (at, actor, via, action, ippd, plateau, opd, subject, kind, version, before, after) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class Change:
    """One change to record: the documents before and after (None for a create / a delete)."""

    action: str  # create, update, delete, dismiss-redundancy, restore-redundancy, token-create, token-revoke
    ippd: str
    plateau: str | None
    opd: str | None
    subject: str
    kind: str
    version: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    via: str
    change: Change


@dataclass(frozen=True)
class AuditFilter:
    ippd: str | None = None
    plateau: str | None = None
    subject: str | None = None
    actor: str | None = None
    opds: tuple[str, ...] | None = None
    ippds: tuple[str, ...] | None = None  # the principal's reach; None: all
    subjects: tuple[str, ...] | None = None  # any of these subjects (an ID as typed and as normalised)
    hidden_kinds: tuple[str, ...] = ()  # kinds the reader may not see (ApiToken: for admins only)


def record(conn: Connection, principal: Principal, changes: Iterable[Change]) -> int:
    at = now_text()
    rows = [
        (
            at,
            principal.name,
            principal.via,
            c.action,
            c.ippd,
            c.plateau,
            c.opd,
            c.subject,
            c.kind,
            c.version,
            _dumps(c.before),
            _dumps(c.after),
        )
        for c in changes
    ]
    if rows:
        conn.exec_driver_sql(placeholders(conn, _INSERT), rows)
    return len(rows)


def _dumps(document: dict[str, Any] | None) -> str | None:
    return None if document is None else json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def read(conn: Connection, selection: AuditFilter, *, limit: int, before_id: int | None = None) -> list[AuditEntry]:
    """Newest first; `before_id` pages further back."""
    clauses, params = match_clauses(
        {"ippd": selection.ippd, "plateau": selection.plateau, "subject": selection.subject, "actor": selection.actor},
        {"opd": selection.opds, "ippd": selection.ippds, "subject": selection.subjects},
    )
    if selection.hidden_kinds:
        clauses.append(f"kind NOT IN ({', '.join('?' for _ in selection.hidden_kinds)})")
        params.extend(selection.hidden_kinds)
    if before_id is not None:
        clauses.append("id < ?")
        params.append(before_id)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    sql = f"SELECT {_COLUMNS} FROM audit{where} ORDER BY id DESC LIMIT {int(limit)}"
    return [_entry(tuple(r)) for r in conn.exec_driver_sql(placeholders(conn, sql), tuple(params))]


def _entry(row: tuple) -> AuditEntry:
    entry_id, at, actor, via, action, ippd, plateau, opd, subject, kind, version, before, after = row
    change = Change(
        action,
        ippd,
        plateau,
        opd,
        subject,
        kind,
        version,
        json.loads(before) if before else None,
        json.loads(after) if after else None,
    )
    return AuditEntry(entry_id, at, actor, via, change)


def data_stamp(conn: Connection) -> tuple[int, int]:
    """Changes whenever the catalogue does: the newest audit entry (every accepted write logs one), and the number
    of reference codes (a reloaded code list is not an audited write). What a cache of derived results keys on."""
    newest = conn.exec_driver_sql("SELECT MAX(id) FROM audit").scalar()
    codes = conn.exec_driver_sql("SELECT COUNT(*) FROM reference_code").scalar()
    return int(newest or 0), int(codes or 0)
