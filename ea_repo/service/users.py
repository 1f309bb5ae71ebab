"""User accounts for the web pages: create (an admin, never wider than itself), list, disable, change a
password; sign in and out; the principal a session stands for.

Every grant, password change and disabling goes to the audit log in the same transaction; never a password
nor its hash. `sign_in` and `session_principal` are, like `authenticate`, how a caller is found, so they take
no principal.
"""

from __future__ import annotations

import datetime as dt

from ea_repo.access import users
from ea_repo.access.principal import Principal, require_admin
from ea_repo.core.errors import ConfigError, NotAuthenticated, NotFound
from ea_repo.core.i18n import Message
from ea_repo.service.repository import Repository
from ea_repo.service.tokens import checked_grant
from ea_repo.storage import audit
from ea_repo.storage.db import atomic

USER_KIND = audit.USER_KIND
SESSION_HOURS = 12.0  # a working day; the server takes EA_SESSION_HOURS


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def create_user(
    repo: Repository,
    *,
    login: str,
    name: str,
    role: str,
    password: str,
    ippd: str | None = None,
    opds: list[str] | None = None,
    principal: Principal,
) -> users.UserInfo:
    """A new person who may sign in, with a role and scope as a token has them (with one IPPD, it is the default)."""
    login = _check_login(login)
    name = " ".join(name.split())
    if not name or len(name) > 200 or "\x00" in name:
        raise ConfigError(Message("user_name_invalid"))
    _check_password(password)
    wanted_role, ippd = checked_grant(repo, role, ippd, opds, principal)
    info = users.UserInfo(
        login, name, wanted_role, ippd, tuple(opds) if opds else None, _now().isoformat(), principal.name
    )
    with atomic(repo.engine) as conn:
        if users.read_user(conn, login) is not None:
            raise ConfigError(Message("user_exists", login=login))
        users.insert_user(conn, info, users.hash_password(password))
        audit.record(conn, principal, [_user_change("user-create", None, info)])
    return info


def list_users(repo: Repository, *, principal: Principal) -> list[users.UserInfo]:
    """The users an admin may see: those inside its own scope."""
    require_admin(principal, principal.ippd)
    with repo.engine.connect() as conn:
        return [u for u in users.read_users(conn) if principal.covers(u.principal())]


def disable_user(repo: Repository, login: str, *, principal: Principal) -> users.UserInfo:
    """The user may no longer sign in; its sessions end at once."""
    with atomic(repo.engine) as conn:
        before = _covered(conn, login, principal)
        users.mark_disabled(conn, before.login)
        users.delete_sessions(conn, before.login, _now())
        after = users.read_user(conn, before.login)
        assert after is not None  # read above, in this transaction
        if before.disabled_at is None:
            audit.record(conn, principal, [_user_change("user-disable", before, after)])
        return after


def set_password(repo: Repository, login: str, password: str, *, principal: Principal) -> None:
    """A new password, by the user itself or an admin over it; every session of the user ends."""
    _check_password(password)
    with atomic(repo.engine) as conn:
        own = principal.name.startswith(f"user:{login} ")
        user = users.read_user(conn, login) if own else _covered(conn, login, principal)
        if user is None:
            raise NotFound(Message("unknown_user", login=login))
        users.set_password_hash(conn, user.login, users.hash_password(password))
        users.delete_sessions(conn, user.login, _now())
        audit.record(conn, principal, [_user_change("user-password", user, user)])


def change_own_password(
    repo: Repository, current: str, new: str, *, principal: Principal, hours: float = SESSION_HOURS
) -> str:
    """A signed-in person's new password, once the current one is given again (a wrong one counts as a failed
    sign-in, so guessing through this form waits as sign-in does). Every session of the person ends; the secret
    of a new one for the browser that asked is returned."""
    _check_password(new)
    login = principal.name.removeprefix("user:").split(" ", 1)[0] if principal.name.startswith("user:") else ""
    if not users.LOGIN_PATTERN.fullmatch(login) or not 0 < len(current) <= users.MAX_PASSWORD:
        raise ConfigError(Message("current_password_wrong"))
    now = _now()
    with atomic(repo.engine) as conn:
        user = users.check_password(conn, login, current, now)
        if user is not None:
            users.set_password_hash(conn, user.login, users.hash_password(new))
            users.delete_sessions(conn, user.login, now)
            secret = users.insert_session(conn, user.login, dt.timedelta(hours=hours), now)
            audit.record(conn, principal, [_user_change("user-password", user, user)])
    if user is None:
        raise ConfigError(Message("current_password_wrong"))  # after the commit: the failure is counted
    return secret


def sign_in(repo: Repository, login: str, password: str, *, hours: float = SESSION_HOURS) -> tuple[Principal, str]:
    """The principal and a new session secret for this login and password; NotAuthenticated with one message for
    every reason (unknown login, wrong password, disabled, waiting after repeated failures), so it tells nothing."""
    login = login.strip().lower()
    if not users.LOGIN_PATTERN.fullmatch(login) or not 0 < len(password) <= users.MAX_PASSWORD:
        raise NotAuthenticated(Message("bad_sign_in"))
    now = _now()
    with atomic(repo.engine) as conn:
        user = users.check_password(conn, login, password, now)
        if user is None:
            failed = NotAuthenticated(Message("bad_sign_in"))
        else:
            secret = users.insert_session(conn, user.login, dt.timedelta(hours=hours), now)
    if user is None:
        raise failed  # after the commit: the failure is counted
    return user.principal(), secret


def session_principal(repo: Repository, secret: str | None) -> Principal:
    """The principal a session cookie stands for; NotAuthenticated if none, expired, signed out or disabled."""
    if not secret or len(secret) > 100:
        raise NotAuthenticated(Message("no_session"))
    with repo.engine.connect() as conn:
        user = users.session_user(conn, secret, _now())
    if user is None:
        raise NotAuthenticated(Message("no_session"))
    return user.principal()


def sign_out(repo: Repository, secret: str | None) -> None:
    if secret and len(secret) <= 100:
        with atomic(repo.engine) as conn:
            users.delete_session(conn, secret)


def _covered(conn, login: str, principal: Principal) -> users.UserInfo:
    require_admin(principal, principal.ippd)
    user = users.read_user(conn, login.strip().lower())
    if user is None or not principal.covers(user.principal()):
        raise NotFound(Message("unknown_user", login=login))
    return user


def _check_login(login: str) -> str:
    login = login.strip().lower()
    if not users.LOGIN_PATTERN.fullmatch(login):
        raise ConfigError(Message("login_invalid", got=repr(login[:70])))
    return login


def _check_password(password: str) -> None:
    if not users.MIN_PASSWORD <= len(password) <= users.MAX_PASSWORD or "\x00" in password:
        raise ConfigError(Message("password_invalid", least=users.MIN_PASSWORD, most=users.MAX_PASSWORD))


def _user_change(action: str, before: users.UserInfo | None, after: users.UserInfo) -> audit.Change:
    return audit.Change(
        action,
        after.ippd or audit.EVERY_IPPD,
        None,
        None,
        after.login,
        USER_KIND,
        None,
        _user_document(before) if before else None,
        _user_document(after),
    )


def _user_document(info: users.UserInfo) -> dict:
    """The user's scope as the audit log keeps it (no password, no hash)."""
    return {
        "kind": USER_KIND,
        "metadata": {"id": info.login, "name": info.name},
        "spec": {
            "role": info.role.value,
            "ippd": info.ippd,
            "opds": list(info.opds) if info.opds is not None else None,
            "disabled_at": info.disabled_at,
        },
    }
