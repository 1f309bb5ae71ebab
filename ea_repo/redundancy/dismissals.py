"""Dismissals: sets of applications an architect judged not redundant with each other, with who, when and why.

A dismissal of two applications is a pair; a dismissed cluster keeps all its members apart. The
runs read them back and never put two members of one dismissal in the same cluster again.
Each dismissal (and its removal) goes to the audit log, once per member, in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from ea_repo.access.principal import Principal
from ea_repo.core.timeutil import now_text
from ea_repo.storage import audit
from ea_repo.storage.db import placeholders

KIND = "RedundancyDismissal"
_COLUMNS = "id, key, members, ippds, cluster, reason, actor, via, at"


@dataclass(frozen=True)
class Dismissal:
    id: int
    members: tuple[tuple[str, str, str | None], ...]  # (ippd, element_id, opd at the time)
    cluster: str | None
    reason: str
    actor: str
    via: str
    at: str

    @property
    def keys(self) -> frozenset[tuple[str, str]]:
        return frozenset((ippd, element_id) for ippd, element_id, _ in self.members)

    def document(self) -> dict:
        return {
            "id": self.id,
            "members": [{"ippd": i, "id": e, "opd": o} for i, e, o in self.members],
            "cluster": self.cluster,
            "reason": self.reason,
            "actor": self.actor,
            "via": self.via,
            "at": self.at,
        }


def dismissal_key(members) -> str:
    text = "\n".join(sorted(f"{ippd}/{element_id}" for ippd, element_id, *_ in members))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def find(conn: Connection, members) -> Dismissal | None:
    sql = placeholders(conn, f"SELECT {_COLUMNS} FROM redundancy_dismissal WHERE key = ?")
    row = conn.exec_driver_sql(sql, (dismissal_key(members),)).first()
    return _dismissal(tuple(row)) if row else None


def write(
    conn: Connection, principal: Principal, members: list[tuple[str, str, str | None]], reason: str, cluster: str | None
) -> Dismissal:
    """Record a dismissal (members sorted) and audit it; the caller has checked access and existence."""
    members = sorted(members)
    at = now_text()
    ippds = ",".join(sorted({m[0] for m in members}))
    sql = placeholders(
        conn,
        "INSERT INTO redundancy_dismissal (key, members, ippds, cluster, reason, actor, via, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    conn.exec_driver_sql(
        sql,
        (
            dismissal_key(members),
            json.dumps([list(m) for m in members], ensure_ascii=False),
            ippds,
            cluster,
            reason,
            principal.name,
            principal.via,
            at,
        ),
    )
    stored = find(conn, members)
    assert stored is not None
    audit.record(conn, principal, _changes(stored, "dismiss-redundancy"))
    return stored


def delete(conn: Connection, principal: Principal, dismissal: Dismissal) -> None:
    conn.exec_driver_sql(placeholders(conn, "DELETE FROM redundancy_dismissal WHERE id = ?"), (dismissal.id,))
    audit.record(conn, principal, _changes(dismissal, "restore-redundancy"))


def read(conn: Connection, ippds: tuple[str, ...] | None = None) -> list[Dismissal]:
    """Every dismissal, or those with a member in one of these IPPDs; oldest first."""
    rows = conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM redundancy_dismissal ORDER BY id").all()
    found = [_dismissal(tuple(r)) for r in rows]
    if ippds is None:
        return found
    wanted = set(ippds)
    return [d for d in found if any(m[0] in wanted for m in d.members)]


def by_id(conn: Connection, dismissal_id: int) -> Dismissal | None:
    if not 0 < dismissal_id < 2**62:  # no such row, and beyond what the databases store
        return None
    row = conn.exec_driver_sql(
        placeholders(conn, f"SELECT {_COLUMNS} FROM redundancy_dismissal WHERE id = ?"), (dismissal_id,)
    ).first()
    return _dismissal(tuple(row)) if row else None


def _dismissal(row: tuple) -> Dismissal:
    dismissal_id, _key, members, _ippds, cluster, reason, actor, via, at = row
    return Dismissal(int(dismissal_id), tuple(tuple(m) for m in json.loads(members)), cluster, reason, actor, via, at)


def _changes(dismissal: Dismissal, action: str) -> list[audit.Change]:
    """One audit entry per member: `ea history A.001` shows that it was dismissed, with whom and why."""
    record = {"redundancy_dismissal": dismissal.document()}
    before, after = (None, record) if action == "dismiss-redundancy" else (record, None)
    return [
        audit.Change(action, ippd, None, opd, element_id, KIND, None, before, after)
        for ippd, element_id, opd in dismissal.members
    ]
