"""Redundant applications across OPDs and IPPDs: the report, and the dismissals that silence a cluster."""

from __future__ import annotations

from collections.abc import Sequence

from ea_repo.access.principal import (
    Principal,
    require_admin,
    require_ippd,
    require_read,
    require_write,
)
from ea_repo.core.errors import ConfigError, NotFound
from ea_repo.core.i18n import Message
from ea_repo.core.runtime import paused_gc
from ea_repo.redundancy import dismissals as dismissal_store
from ea_repo.redundancy.dismissals import Dismissal
from ea_repo.redundancy.engine import analyse, build_report
from ea_repo.redundancy.model import RedundancyReport
from ea_repo.redundancy.settings import Settings
from ea_repo.redundancy.source import read_applications
from ea_repo.service.repository import Repository
from ea_repo.service.visibility import require_registered
from ea_repo.storage import store
from ea_repo.storage.db import atomic
from metamodel import load_metamodel, load_national_catalogue, normalise_id

SCOPES = ("ippd", "national")


def redundancy_report(
    repo: Repository,
    *,
    principal: Principal,
    scope: str = "ippd",
    ippd: str | None = None,
    opd: str | None = None,
    plateau: str = "as-is",
    settings: Settings | None = None,
    national: bool = True,
) -> RedundancyReport:
    """Clusters of applications that do the same job: within one IPPD (across its OPDs), or across every IPPD
    the principal sees (`scope="national"`). Only applications the principal may read are compared.
    With `national`, local applications are also compared with the national Aplikasi Umum."""
    who = principal
    settings = settings or Settings()
    ippds, organisations = _scope(repo, who, scope, ippd, opd, plateau)
    everything = ippds is not None and len(ippds) == sum(1 for o in organisations if o.kind == "IPPD")
    with repo.engine.connect() as conn, paused_gc():  # every IPPD: one read of the plateau, not one per IPPD
        apps = [
            a
            for a in read_applications(conn, plateau, None if everything else ippds, organisations)
            if who.sees(a.ippd, a.opd)
        ]
        dismissed = dismissal_store.read(conn, tuple(ippds) if ippds is not None else None)
    catalogue = load_national_catalogue() if national else None
    analysis = analyse(apps, settings, catalogue, [d.keys for d in dismissed])
    opd_names = {(o.ippd, o.code): o.name for o in organisations if o.kind == "OPD"}
    shown = tuple(ippds) if ippds is not None else tuple(sorted({a.ippd for a in apps}))
    return build_report(
        analysis,
        settings,
        catalogue,
        scope=scope,
        ippds=shown,
        plateau=plateau,
        opd=opd,
        opd_names=opd_names,
        dismissals=len(dismissed),
    )


def _scope(repo: Repository, who: Principal, scope: str, ippd: str | None, opd: str | None, plateau: str):
    if scope not in SCOPES:
        raise ConfigError(Message("parameter_one_of", name="scope", choices=", ".join(SCOPES), got=repr(scope)))
    if not load_metamodel().is_plateau(plateau):
        raise ConfigError(Message("unknown_plateau", plateau=plateau))
    with repo.engine.connect() as conn:
        organisations = store.read_organisations(conn)
    known = sorted(o.code for o in organisations if o.kind == "IPPD")
    if scope == "national":
        if opd is not None:
            raise ConfigError(Message("redundancy_opd_national"))
        if ippd is not None:
            raise ConfigError(Message("redundancy_national_ippd"))
        return [code for code in known if who.sees_ippd(code)], organisations
    if ippd is None:
        raise ConfigError(Message("redundancy_scope_ippd"))
    require_ippd(who, ippd)
    if ippd not in known:
        raise NotFound(Message("unknown_ippd", ippd=ippd))
    if opd is not None:
        require_read(who, ippd, opd, f"OPD {opd}")
    return [ippd], organisations


# --- dismissals -------------------------------------------------------------------------
def dismiss_redundancy(
    repo: Repository,
    *,
    principal: Principal,
    members: Sequence[str] = (),
    ippd: str | None = None,
    cluster: str | None = None,
    reason: str = "",
    plateau: str = "as-is",
    scope: str = "ippd",
    settings: Settings | None = None,
) -> Dismissal:
    """Record that these applications (IDs of `ippd`, or "ippd/ID") are not redundant with each other, or that
    the members of cluster `cluster` (as the report of `scope` shows it now) are not. The principal must be
    allowed to write every member. Returns the stored dismissal (the existing one if it was already dismissed)."""
    who = principal
    if not reason.strip():
        raise ConfigError(Message("dismissal_reason"))
    if cluster and members or not cluster and len(members) < 2:
        raise ConfigError(Message("dismissal_members"))
    if ippd is not None:
        require_ippd(who, ippd)
        with repo.engine.connect() as conn:
            require_registered(conn, ippd)
    if cluster:
        keys = _cluster_members(repo, who, cluster, ippd, plateau, scope, settings)
    else:
        keys = sorted({_member_key(m, ippd) for m in members})
        if len(keys) < 2:
            raise ConfigError(Message("dismissal_distinct"))
    if ippd is not None and all(code != ippd for code, _ in keys):
        raise ConfigError(Message("dismissal_outside_ippd", ippd=ippd))
    with atomic(repo.engine) as conn:
        rows = {k: r for k, r in store.read_elements_by_id(conn, plateau, keys).items() if not who.hides(r.ippd, r.opd)}
        missing = [f"{i}/{e}" for i, e in keys if (i, e) not in rows or rows[(i, e)].kind != "Application"]
        if missing:  # an application the principal may not see is missing to it: the same answer
            raise NotFound(Message("access_no_application", ids=", ".join(missing), plateau=plateau))
        for key in keys:
            require_write(who, key[0], rows[key].opd, f"{key[0]}/{key[1]}")
        stored = dismissal_store.find(conn, keys)
        if stored is not None:
            return stored
        return dismissal_store.write(conn, who, [(i, e, rows[(i, e)].opd) for i, e in keys], reason.strip(), cluster)


def _member_key(text: str, ippd: str | None) -> tuple[str, str]:
    if "/" in text:
        code, element_id = text.split("/", 1)
        return code, normalise_id(element_id)
    if ippd is None:
        raise ConfigError(Message("member_needs_ippd", member=text))
    return ippd, normalise_id(text)


def _cluster_members(
    repo: Repository,
    who: Principal,
    cluster: str,
    ippd: str | None,
    plateau: str,
    scope: str,
    settings: Settings | None,
) -> list[tuple[str, str]]:
    report = redundancy_report(
        repo, principal=who, scope=scope, ippd=ippd if scope == "ippd" else None, plateau=plateau, settings=settings
    )
    for found in report.clusters:
        if found.id == cluster:
            return sorted((m.ippd, m.element_id) for m in found.members)
    if scope == "ippd" and ippd:
        raise NotFound(Message("no_cluster_ippd", cluster=cluster, scope=scope, ippd=ippd))
    raise NotFound(Message("no_cluster", cluster=cluster, scope=scope))


def redundancy_dismissals(
    repo: Repository, *, principal: Principal, ippd: str | None = None, opd: str | None = None
) -> list[Dismissal]:
    """The dismissals the principal may see (every member inside its scope), of one IPPD (and OPD) or of all."""
    who = principal
    if ippd is not None:
        require_ippd(who, ippd)
        if opd is not None:
            require_read(who, ippd, opd, f"OPD {opd}")
    elif opd is not None:
        raise ConfigError(Message("opd_needs_ippd"))
    with repo.engine.connect() as conn:
        found = dismissal_store.read(conn, (ippd,) if ippd is not None else None)
    visible = [d for d in found if all(who.sees(i, o) for i, _, o in d.members)]
    return [d for d in visible if opd is None or any(i == ippd and o == opd for i, _, o in d.members)]


def restore_redundancy(
    repo: Repository, *, principal: Principal, dismissal_id: int, ippd: str | None = None
) -> Dismissal:
    """Remove a dismissal: its members may be reported together again. Undoing an architect's judgement is for
    the admins of every IPPD it names (`ippd`: the IPPD the caller addresses it through, which it must name)."""
    who = principal
    if ippd is not None:
        require_admin(who, ippd)
    with atomic(repo.engine) as conn:
        found = dismissal_store.by_id(conn, dismissal_id)
        hidden = found is not None and not all(
            who.sees(i, o) for i, _, o in found.members
        )  # as in redundancy_dismissals
        if found is None or hidden or (ippd is not None and all(i != ippd for i, _, _ in found.members)):
            raise NotFound(Message("access_no_dismissal", id=dismissal_id, ippd=ippd or "-"))
        for code in sorted({i for i, _, _ in found.members}):
            require_admin(who, code)
        dismissal_store.delete(conn, who, found)
    return found
