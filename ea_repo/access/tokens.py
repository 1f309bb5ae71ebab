"""API tokens: `ea_<id>_<secret>`. The secret is 256 random bits; only its SHA-256 is stored.

A fast hash is right here (as for GitHub's tokens): the secret is random, not a password, so
there is nothing to brute-force, and every request can afford the lookup.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from ea_repo.access.principal import Principal, Role, granted
from ea_repo.core.timeutil import now_text
from ea_repo.storage.db import placeholders

PREFIX = "ea"


@dataclass(frozen=True)
class TokenInfo:
    id: str
    name: str
    role: Role
    ippd: str | None
    opds: tuple[str, ...] | None
    created_at: str
    created_by: str
    revoked_at: str | None = None

    def principal(self) -> Principal:
        return granted(f"token:{self.id} ({self.name})", self.role, self.ippd, self.opds, via="api")


def secret_hash(secret: str) -> str:
    """What is stored of a random secret (a token's, a browser session's): its SHA-256."""
    return hashlib.sha256(secret.encode()).hexdigest()


def insert_token(
    conn: Connection, *, name: str, role: Role, ippd: str | None, opds: tuple[str, ...] | None, created_by: str
) -> tuple[TokenInfo, str]:
    """Store a new token; returns it and the full token text (shown once, never stored)."""
    token_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    info = TokenInfo(token_id, name, role, ippd, opds, now_text(), created_by)
    sql = (
        "INSERT INTO api_token (id, name, role, ippd, opds, secret_hash, created_at, created_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    conn.exec_driver_sql(
        placeholders(conn, sql),
        (
            token_id,
            name,
            role.value,
            ippd,
            json.dumps(list(opds)) if opds is not None else None,
            secret_hash(secret),
            info.created_at,
            created_by,
        ),
    )
    return info, f"{PREFIX}_{token_id}_{secret}"


_COLUMNS = "id, name, role, ippd, opds, created_at, created_by, revoked_at"


def _info(row: tuple) -> TokenInfo:
    token_id, name, role, ippd, opds, created_at, created_by, revoked_at = row
    return TokenInfo(
        token_id,
        name,
        Role(role),
        ippd,
        tuple(json.loads(opds)) if opds is not None else None,
        created_at,
        created_by,
        revoked_at,
    )


def verify(conn: Connection, text: str) -> TokenInfo | None:
    """The live token this text is, or None (malformed, unknown, wrong secret, revoked)."""
    prefix, _, rest = text.strip().partition("_")
    token_id, _, secret = rest.partition("_")
    if prefix != PREFIX or not token_id or not secret:
        return None
    sql = placeholders(conn, f"SELECT {_COLUMNS}, secret_hash FROM api_token WHERE id = ?")
    row = conn.exec_driver_sql(sql, (token_id,)).first()
    if row is None or not hmac.compare_digest(row[-1], secret_hash(secret)):
        return None
    info = _info(tuple(row[:-1]))
    return None if info.revoked_at else info


def read_tokens(conn: Connection) -> list[TokenInfo]:
    rows = conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM api_token ORDER BY created_at, id").all()
    return [_info(tuple(r)) for r in rows]


def read_token(conn: Connection, token_id: str) -> TokenInfo | None:
    row = conn.exec_driver_sql(
        placeholders(conn, f"SELECT {_COLUMNS} FROM api_token WHERE id = ?"), (token_id,)
    ).first()
    return _info(tuple(row)) if row else None


def mark_revoked(conn: Connection, token_id: str) -> None:
    sql = placeholders(conn, "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
    conn.exec_driver_sql(sql, (now_text(), token_id))
