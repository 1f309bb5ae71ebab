"""Who may do what. Every service function that reads or writes asks here; nothing else decides.

A principal has a role and a scope. Scope: one IPPD (or every IPPD, `ippd=None`) and within it
some OPDs (or the whole IPPD, `opds=None`). An element is inside the scope when its IPPD is and,
for an OPD-scoped principal, its OPD is one of theirs.

What a principal may read is what it `sees`: a whole-IPPD token reads every element of its IPPD;
an OPD-scoped token reads only its own OPDs' elements (other OPDs' elements are hidden from it,
though it may read the IPPD itself and its public plan, the Peta Rencana).

No existence oracles. An answer never tells a caller whether something it may not see exists:
- An object the caller may not see answers exactly as a missing one: NotFound, with the same
  message (only the ID the caller sent is echoed). The lookup filters by `sees` first, then asks
  "is it there?".
- A request addressed outside the scope by its address alone (another IPPD in the URL, an OPD code
  not the caller's) is refused (403) before anything is looked up, so the answer is the same whether
  or not that IPPD or OPD exists; the refusal names only what the caller asked for.
- An object the caller may see but not write answers 403 (it already knows the object exists);
  only then may the refusal name the object's owner (`_denied` with the stored IPPD and OPD).
- One leak is inherent and accepted: a create under an ID taken by an element the caller cannot
  see answers 409 (the ID is taken), naming neither the element nor its owner.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any

from ea_repo.core.errors import PermissionDenied
from ea_repo.core.i18n import Message


class Role(str, Enum):
    VIEWER = "viewer"  # read within scope
    ARCHITECT = "architect"  # read and write elements within scope
    ADMIN = "admin"  # everything within scope, including organisations and tokens

    @property
    def writes(self) -> bool:
        return self is not Role.VIEWER


@dataclass(frozen=True)
class Principal:
    name: str
    role: Role
    ippd: str | None = None
    opds: frozenset[str] | None = None
    via: str = "cli"  # recorded in the audit log: cli, api, import

    @property
    def scope(self) -> str:
        where = self.ippd or "*"
        return f"{where}/{','.join(sorted(self.opds))}" if self.opds is not None else where

    def sees_ippd(self, ippd: str) -> bool:
        return self.ippd is None or self.ippd == ippd

    def sees(self, ippd: str, opd: str | None) -> bool:
        return self.sees_ippd(ippd) and (self.opds is None or opd in self.opds)

    def sees_organisation(self, code: str, ippd: str | None) -> bool:
        """An IPPD (`ippd` None) when it sees that IPPD; an OPD of `ippd` as it sees that OPD's elements."""
        return self.sees_ippd(code) if ippd is None else self.sees(ippd, code)

    def hides(self, ippd: str, opd: str | None) -> bool:
        """The object (of this IPPD and OPD) does not exist for this principal: answer NotFound."""
        return not self.sees(ippd, opd)

    def may_write(self, ippd: str, opd: str | None) -> bool:
        return self.role.writes and self.sees(ippd, opd)

    def administers(self, ippd: str | None) -> bool:
        """Admin of this IPPD (None: of everything, i.e. national)."""
        whole = self.role is Role.ADMIN and self.opds is None
        return whole and (self.ippd is None or self.ippd == ippd)

    def covers(self, other: Principal) -> bool:
        """Whether this principal may hand out `other`'s rights (no token wider than its maker)."""
        if not self.administers(other.ippd):
            return False
        return self.ippd is None or other.ippd == self.ippd


def granted(actor: str, role: Role, ippd: str | None, opds: tuple[str, ...] | None, via: str) -> Principal:
    """The principal a stored grant (a token, a user) acts as."""
    return Principal(actor, role, ippd, frozenset(opds) if opds is not None else None, via=via)


def grant_record(grant: Any) -> dict[str, Any]:
    """A stored grant (TokenInfo, UserInfo) as plain data, field by field: the role by its value, the OPDs a list."""
    out: dict[str, Any] = {}
    for field in fields(grant):
        value = getattr(grant, field.name)
        if isinstance(value, Role):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        out[field.name] = value
    return out


def local_principal() -> Principal:
    """Whoever runs the CLI on the machine holding the database: an admin of everything."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        user = "local"
    return Principal(f"cli:{user}", Role.ADMIN, via="cli")


def require_ippd(principal: Principal, ippd: str) -> None:
    if not principal.sees_ippd(ippd):
        raise PermissionDenied(_denied(principal, f"IPPD {ippd}", ippd, None))


def require_read(principal: Principal, ippd: str, opd: str | None, subject: str) -> None:
    if not principal.sees(ippd, opd):
        raise PermissionDenied(_denied(principal, subject, ippd, opd))


def require_write(principal: Principal, ippd: str, opd: str | None, subject: str) -> None:
    if not principal.role.writes:
        raise PermissionDenied(Message("read_only", who=principal.name))
    if not principal.sees(ippd, opd):
        raise PermissionDenied(_denied(principal, subject, ippd, opd))


def require_admin(principal: Principal, ippd: str | None) -> None:
    if not principal.administers(ippd):
        what = f"IPPD {ippd}" if ippd else Message("whole_repository")
        raise PermissionDenied(Message("not_admin", who=principal.name, what=what))


def _denied(principal: Principal, subject: str, ippd: str, opd: str | None) -> Message:
    return Message("denied", who=principal.name, subject=subject, ippd=ippd, opd=opd or "-", scope=principal.scope)
