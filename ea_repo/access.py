"""Who may do what. Every service function that reads or writes asks here; nothing else decides.

A principal has a role and a scope. Scope: one IPPD (or every IPPD, `ippd=None`) and within it
some OPDs (or the whole IPPD, `opds=None`). An element is inside the scope when its IPPD is and,
for an OPD-scoped principal, its OPD is one of theirs.
"""
from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import Enum

from .errors import PermissionDenied
from .i18n import Message


class Role(str, Enum):
    VIEWER = "viewer"        # read within scope
    ARCHITECT = "architect"  # read and write elements within scope
    ADMIN = "admin"          # everything within scope, including organisations and tokens

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

    def may_write(self, ippd: str, opd: str | None) -> bool:
        return self.role.writes and self.sees(ippd, opd)

    def administers(self, ippd: str | None) -> bool:
        """Admin of this IPPD (None: of everything, i.e. national)."""
        whole = self.role is Role.ADMIN and self.opds is None
        return whole and (self.ippd is None or self.ippd == ippd)

    def covers(self, other: "Principal") -> bool:
        """Whether this principal may hand out `other`'s rights (no token wider than its maker)."""
        if not self.administers(other.ippd):
            return False
        return self.ippd is None or other.ippd == self.ippd


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
