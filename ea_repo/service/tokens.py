"""API tokens: create (an admin, never wider than itself), list, revoke, and authenticate.

Every grant and revocation goes to the audit log in the same transaction: who, when, through
what, and the token's scope; never its secret nor the secret's hash.
"""

from __future__ import annotations

from ea_repo.access import tokens
from ea_repo.access.principal import Principal, Role, require_admin
from ea_repo.core.errors import ConfigError, NotAuthenticated, NotFound
from ea_repo.core.i18n import Message
from ea_repo.service.repository import Repository
from ea_repo.storage import audit, store
from ea_repo.storage.db import atomic


def create_token(
    repo: Repository,
    *,
    role: str,
    name: str,
    ippd: str | None = None,
    opds: list[str] | None = None,
    principal: Principal,
) -> tuple[tokens.TokenInfo, str]:
    """A new token and its text (shown once). With one IPPD in the repository, it is the default scope."""
    maker = principal
    if "\x00" in name:
        raise ConfigError(Message("token_name_nul"))
    wanted_role, ippd = checked_grant(repo, role, ippd, opds, maker)
    with atomic(repo.engine) as conn:
        info, text = tokens.insert_token(
            conn, name=name, role=wanted_role, ippd=ippd, opds=tuple(opds) if opds else None, created_by=maker.name
        )
        audit.record(conn, maker, [_token_change("token-create", None, info)])
    return info, text


def checked_grant(
    repo: Repository, role: str, ippd: str | None, opds: list[str] | None, maker: Principal
) -> tuple[Role, str | None]:
    """The role and IPPD of a new token or user, once the maker may grant them and the scope exists (with one IPPD
    in the repository, it is the default)."""
    try:
        wanted_role = Role(role)
    except ValueError:
        raise ConfigError(Message("unknown_role", role=repr(role), roles=", ".join(r.value for r in Role))) from None
    with repo.engine.connect() as conn:
        organisations = store.read_organisations(conn)
    ippd = ippd or default_ippd(organisations, wanted_role, opds, maker)
    grant = Principal("grant", wanted_role, ippd, frozenset(opds) if opds else None)
    if not maker.covers(grant):  # before the scope is checked: no answer about IPPDs the maker cannot see
        require_admin(maker, ippd)  # raises with the reason
    check_scope(organisations, wanted_role, ippd, opds)
    return wanted_role, ippd


def default_ippd(organisations, role: Role, opds: list[str] | None, maker: Principal) -> str | None:
    if maker.ippd is not None:
        return maker.ippd
    if role is not Role.ARCHITECT and not opds:
        return None  # a national viewer or admin
    codes = [o.code for o in organisations if o.kind == "IPPD"]
    if len(codes) != 1:
        raise ConfigError(Message("name_the_ippd", count=len(codes), codes=", ".join(codes) or "-"))
    return codes[0]


def check_scope(organisations, role: Role, ippd: str | None, opds: list[str] | None) -> None:
    if role is Role.ARCHITECT and ippd is None:
        raise ConfigError(Message("architect_needs_ippd"))
    if opds and ippd is None:
        raise ConfigError(Message("opd_needs_ippd"))
    known_ippds = {o.code for o in organisations if o.kind == "IPPD"}
    if ippd is not None and ippd not in known_ippds:
        raise ConfigError(Message("token_unknown_ippd", ippd=ippd, known=", ".join(sorted(known_ippds)) or "-"))
    known_opds = sorted(o.code for o in organisations if o.kind == "OPD" and o.ippd == ippd)
    unknown = [o for o in opds or [] if o not in known_opds]
    if unknown:
        raise ConfigError(Message("unknown_opd", opd=", ".join(unknown), ippd=ippd, known=", ".join(known_opds) or "-"))


def list_tokens(repo: Repository, *, principal: Principal) -> list[tokens.TokenInfo]:
    """The tokens an admin may see: those inside its own scope."""
    viewer = principal
    require_admin(viewer, viewer.ippd)
    with repo.engine.connect() as conn:
        return [t for t in tokens.read_tokens(conn) if viewer.covers(t.principal())]


def revoke_token(repo: Repository, token_id: str, *, principal: Principal) -> tokens.TokenInfo:
    actor = principal
    require_admin(actor, actor.ippd)
    with atomic(repo.engine) as conn:
        info = tokens.read_token(conn, token_id)
        if info is None or not actor.covers(info.principal()):
            raise NotFound(Message("unknown_token_id", token=token_id))
        tokens.mark_revoked(conn, token_id)
        revoked = tokens.read_token(conn, token_id)
        assert revoked is not None  # read above, in this transaction
        if info.revoked_at is None:  # revoking twice changes nothing and logs nothing
            audit.record(conn, actor, [_token_change("token-revoke", info, revoked)])
        return revoked


def _token_change(action: str, before: tokens.TokenInfo | None, after: tokens.TokenInfo) -> audit.Change:
    return audit.Change(
        action,
        after.ippd or audit.EVERY_IPPD,
        None,
        None,
        after.id,
        audit.TOKEN_KIND,
        None,
        _token_document(before) if before else None,
        _token_document(after),
    )


def _token_document(info: tokens.TokenInfo) -> dict:
    """The token's scope as the audit log keeps it (no secret, no hash)."""
    return {
        "kind": audit.TOKEN_KIND,
        "metadata": {"id": info.id, "name": info.name},
        "spec": {
            "role": info.role.value,
            "ippd": info.ippd,
            "opds": list(info.opds) if info.opds is not None else None,
            "revoked_at": info.revoked_at,
        },
    }


def authenticate(repo: Repository, token_text: str | None) -> Principal:
    """The principal a bearer token stands for; NotAuthenticated if none or not valid."""
    if not token_text:
        raise NotAuthenticated(Message("no_token"))
    with repo.engine.connect() as conn:
        info = tokens.verify(conn, token_text)
    if info is None:
        raise NotAuthenticated(Message("bad_token"))
    return info.principal()
