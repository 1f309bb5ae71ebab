"""People who sign in to the web pages, and their browser sessions.

A user has a role and a scope exactly as a token has them (access/principal.py decides what either may do).
Passwords are kept only as argon2id hashes (argon2-cffi: salted, memory-hard, the parameters stored in the
hash so they can be raised later). A session is 256 random bits in an HttpOnly cookie; only its SHA-256 is
stored (a fast hash is right for a random secret, as for tokens).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import Connection

from ea_repo.access.principal import Principal, Role, granted
from ea_repo.access.tokens import secret_hash
from ea_repo.core.timeutil import now_text
from ea_repo.storage.db import placeholders

LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
MIN_PASSWORD, MAX_PASSWORD = 10, 256
FREE_FAILURES = 5  # wrong passwords before the account waits
LOCK_SECONDS, MAX_LOCK_SECONDS = 30, 15 * 60  # doubling from the sixth failure on

_hasher = PasswordHasher()
# Verified against when the login is unknown, so a wrong login costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class UserInfo:
    login: str
    name: str
    role: Role
    ippd: str | None
    opds: tuple[str, ...] | None
    created_at: str
    created_by: str
    disabled_at: str | None = None

    def principal(self) -> Principal:
        return granted(f"user:{self.login} ({self.name})", self.role, self.ippd, self.opds, via="web")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


_COLUMNS = "login, name, role, ippd, opds, created_at, created_by, disabled_at"


def _info(row) -> UserInfo:
    login, name, role, ippd, opds, created_at, created_by, disabled_at = tuple(row)[:8]
    return UserInfo(
        login,
        name,
        Role(role),
        ippd,
        tuple(json.loads(opds)) if opds is not None else None,
        created_at,
        created_by,
        disabled_at,
    )


def insert_user(conn: Connection, user: UserInfo, password_hash: str) -> None:
    sql = (
        "INSERT INTO user_account (login, name, role, ippd, opds, password_hash, created_at, created_by, "
        "failed_sign_ins) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)"
    )
    opds = json.dumps(list(user.opds)) if user.opds is not None else None
    values = (user.login, user.name, user.role.value, user.ippd, opds, password_hash, user.created_at, user.created_by)
    conn.exec_driver_sql(placeholders(conn, sql), values)


def read_user(conn: Connection, login: str) -> UserInfo | None:
    row = conn.exec_driver_sql(
        placeholders(conn, f"SELECT {_COLUMNS} FROM user_account WHERE login = ?"), (login,)
    ).first()
    return _info(row) if row else None


def read_users(conn: Connection) -> list[UserInfo]:
    return [_info(r) for r in conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM user_account ORDER BY login").all()]


def check_password(conn: Connection, login: str, password: str, now: dt.datetime) -> UserInfo | None:
    """The user this login and password sign in, or None: unknown, disabled, waiting after failures, or wrong.

    A failure counts against the account; from the sixth on, the account waits before the next try."""
    sql = placeholders(
        conn, f"SELECT {_COLUMNS}, password_hash, failed_sign_ins, locked_until FROM user_account WHERE login = ?"
    )
    row = conn.exec_driver_sql(sql, (login,)).first()
    if row is None:
        _verify(_DUMMY_HASH, password)
        return None
    user, stored, failures, locked_until = _info(row), row[8], int(row[9] or 0), row[10]
    if user.disabled_at or (locked_until and dt.datetime.fromisoformat(locked_until) > now):
        _verify(_DUMMY_HASH, password)
        return None
    if not _verify(stored, password):
        _count_failure(conn, login, failures + 1, now)
        return None
    if failures or locked_until or _hasher.check_needs_rehash(stored):
        sql = "UPDATE user_account SET failed_sign_ins = 0, locked_until = NULL, password_hash = ? WHERE login = ?"
        new_hash = _hasher.hash(password) if _hasher.check_needs_rehash(stored) else stored
        conn.exec_driver_sql(placeholders(conn, sql), (new_hash, login))
    return user


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _count_failure(conn: Connection, login: str, failures: int, now: dt.datetime) -> None:
    locked_until = None
    if failures >= FREE_FAILURES:
        wait = min(LOCK_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_LOCK_SECONDS)
        locked_until = (now + dt.timedelta(seconds=wait)).isoformat(timespec="microseconds")
    sql = "UPDATE user_account SET failed_sign_ins = ?, locked_until = ? WHERE login = ?"
    conn.exec_driver_sql(placeholders(conn, sql), (failures, locked_until, login))


def set_password_hash(conn: Connection, login: str, password_hash: str) -> None:
    sql = "UPDATE user_account SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL WHERE login = ?"
    conn.exec_driver_sql(placeholders(conn, sql), (password_hash, login))


def mark_disabled(conn: Connection, login: str) -> None:
    sql = "UPDATE user_account SET disabled_at = ? WHERE login = ? AND disabled_at IS NULL"
    conn.exec_driver_sql(placeholders(conn, sql), (now_text(), login))


def insert_session(conn: Connection, login: str, lifetime: dt.timedelta, now: dt.datetime) -> str:
    """A new session for this user; returns its secret (the cookie's value, never stored)."""
    secret = secrets.token_urlsafe(32)
    sql = "INSERT INTO web_session (id_hash, login, created_at, expires_at) VALUES (?, ?, ?, ?)"
    expires = (now + lifetime).isoformat(timespec="microseconds")
    conn.exec_driver_sql(placeholders(conn, sql), (secret_hash(secret), login, now.isoformat(), expires))
    return secret


def session_user(conn: Connection, secret: str, now: dt.datetime) -> UserInfo | None:
    """The live, enabled user of this session secret, or None (unknown, expired, signed out, user disabled)."""
    sql = placeholders(
        conn,
        f"SELECT {', '.join('u.' + c.strip() for c in _COLUMNS.split(','))}, s.expires_at "
        "FROM web_session s JOIN user_account u ON u.login = s.login WHERE s.id_hash = ?",
    )
    row = conn.exec_driver_sql(sql, (secret_hash(secret),)).first()
    if row is None or dt.datetime.fromisoformat(row[8]) <= now:
        return None
    user = _info(row)
    return None if user.disabled_at else user


def delete_session(conn: Connection, secret: str) -> None:
    conn.exec_driver_sql(placeholders(conn, "DELETE FROM web_session WHERE id_hash = ?"), (secret_hash(secret),))


def delete_sessions(conn: Connection, login: str, now: dt.datetime) -> None:
    """Every session of this user, and (while here) every expired session of anyone."""
    sql = "DELETE FROM web_session WHERE login = ? OR expires_at <= ?"
    conn.exec_driver_sql(placeholders(conn, sql), (login, now.isoformat(timespec="microseconds")))
