"""What of an IPPD exists for a principal: registered IPPDs, the element IDs it may see, a plan trimmed to them.

The rule is in `access`: what a principal may not see answers as if it did not exist.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy.engine import Connection

from ea_repo.access.principal import Principal
from ea_repo.core.errors import ImportRejected, InputProblem, NotFound
from ea_repo.core.i18n import Message
from ea_repo.planning.records import RoadmapItem
from ea_repo.storage.db import placeholders

ELEMENT_LISTS = ("delivers", "retires")  # the initiative fields that name elements


def require_registered(conn: Connection, ippd: str) -> None:
    """NotFound unless the IPPD has its row (writes under an IPPD path need one)."""
    found = conn.exec_driver_sql(placeholders(conn, "SELECT 1 FROM ippd WHERE code = ?"), (ippd,)).first()
    if found is None:
        raise NotFound(Message("unknown_ippd", ippd=ippd))


def visible_ids(conn: Connection, principal: Principal, ippd: str) -> set[tuple[str, str]] | None:
    """(plateau, element ID) of the IPPD's elements the principal may see; None when it sees them all."""
    if principal.opds is None and principal.sees_ippd(ippd):
        return None
    if not principal.sees_ippd(ippd) or not principal.opds:
        return set()
    opds = sorted(principal.opds)
    sql = f"SELECT plateau, element_id FROM element WHERE ippd = ? AND opd IN ({', '.join('?' for _ in opds)})"
    return {
        (plateau, element_id) for plateau, element_id in conn.exec_driver_sql(placeholders(conn, sql), (ippd, *opds))
    }


def trim_item(item: RoadmapItem, visible: set[tuple[str, str]] | None) -> RoadmapItem:
    """The item without the element IDs the principal may not see (missing ones go too: no difference shows)."""
    if visible is None:
        return item
    seen = {element_id for _plateau, element_id in visible}
    spec = dict(item.spec)
    for name in ELEMENT_LISTS:
        if name in spec:
            spec[name] = [i for i in item.ids(name) if i in seen]
    return dataclasses.replace(item, spec=spec)


NAMING_PARAMS = ("target", "other")  # finding parameters that name another element


def names_only_visible(finding, visible: set[tuple[str, str]] | None) -> bool:
    """Whether a finding names no element hidden from the principal (a missing one counts as hidden: a
    link to a missing ID and a link to another OPD's element must read the same)."""
    if visible is None:
        return True
    seen = {element_id for _plateau, element_id in visible}
    return all(finding.param(name) in seen for name in NAMING_PARAMS if finding.param(name) is not None)


def refuse_taken_ids(conn: Connection, principal: Principal, rows: list) -> None:
    """An OPD-scoped import may not overwrite (nor move into its OPD) an element it cannot see: the ID is
    taken, as a create would answer (409); the owner is not named. Whole-IPPD writers pass."""
    if principal.opds is None or not rows:
        return
    opds = sorted(principal.opds)
    sql = (
        f"SELECT plateau, element_id FROM element WHERE ippd = ? AND (opd IS NULL OR opd NOT IN "
        f"({', '.join('?' for _ in opds)}))"
    )
    problems = []
    for ippd in sorted({row.ippd for row in rows}):
        hidden = {tuple(r) for r in conn.exec_driver_sql(placeholders(conn, sql), (ippd, *opds))}
        problems += [
            InputProblem(
                row.source or "body",
                None,
                Message("access_id_taken", id=row.element_id, plateau=row.plateau),
                row.kind,
                row.element_id,
                "metadata.id",
            )
            for row in rows
            if row.ippd == ippd and (row.plateau, row.element_id) in hidden
        ]
    if problems:
        raise ImportRejected(problems)
