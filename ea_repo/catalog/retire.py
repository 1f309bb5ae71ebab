"""Retiring elements: what an `ea import --sync` (or a replacing plateau copy) removes, and the links it leaves
dangling.

A synchronising import makes its input the truth for what the input covers: the IPPDs and
plateaus of its rows, and the kinds it holds (a spreadsheet's sheet covers its kind even when
every row was deleted). Stored elements in that cover which the input no longer holds are
retired; a principal retires only what it may write. Planning reads, applying writes (in the
caller's transaction), each retired element with its own audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection

from ea_repo.access.principal import Principal
from ea_repo.catalog.elements import ElementRow
from ea_repo.catalog.exporter import element_document
from ea_repo.storage import audit, store


@dataclass(frozen=True)
class DanglingLink:
    """A link that will point at nothing once its target is retired."""

    ippd: str
    plateau: str
    source_id: str
    field: str
    target_id: str


@dataclass
class Retirement:
    """The elements to retire and the links from others that would then dangle."""

    elements: list[ElementRow] = field(default_factory=list)
    dangling: list[DanglingLink] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.elements)


def plan_sync(conn: Connection, principal: Principal, incoming: list[ElementRow], kinds: Iterable[str]) -> Retirement:
    """Stored elements of the input's (IPPD, plateau) pairs and kinds that the input no longer holds."""
    covered = tuple(sorted(set(kinds)))
    scopes = sorted({(row.ippd, row.plateau) for row in incoming}) if covered else []
    filters = [store.ElementFilter(ippd=ippd, plateau=plateau, kinds=covered) for ippd, plateau in scopes]
    return _plan(conn, principal, filters, incoming)


def plan_replace(
    conn: Connection, principal: Principal, ippd: str, plateau: str, incoming: list[ElementRow]
) -> Retirement:
    """Every element of the plateau the principal may write that `incoming` does not hold (a replacing copy)."""
    return _plan(conn, principal, [store.ElementFilter(ippd=ippd, plateau=plateau, opds=_opds(principal))], incoming)


def _plan(
    conn: Connection, principal: Principal, filters: list[store.ElementFilter], incoming: list[ElementRow]
) -> Retirement:
    """Keys and owners first (a national sync covers 50,000 elements); whole rows only of those retired."""
    kept = {row.key for row in incoming}
    gone = [
        key
        for f in filters
        for *key, opd in store.read_owners(conn, f)
        if tuple(key) not in kept and principal.may_write(key[0], opd)
    ]
    retired = [
        row
        for plateau in sorted({key[1] for key in gone})
        for row in store.read_elements_by_id(conn, plateau, [(k[0], k[2]) for k in gone if k[1] == plateau]).values()
    ]
    retired.sort(key=lambda row: row.key)
    return Retirement(retired, dangling_links(conn, retired, incoming))


def _opds(principal: Principal) -> tuple[str, ...] | None:
    return tuple(sorted(principal.opds)) if principal.opds is not None else None


def dangling_links(
    conn: Connection, retired: list[ElementRow], incoming: Sequence[ElementRow] = ()
) -> list[DanglingLink]:
    """Links to retired elements from elements that stay: stored links of elements the input does not
    rewrite, and the input's own links (they replace the stored ones of its elements)."""
    replaced = {row.key for row in retired} | {row.key for row in incoming}
    found: list[DanglingLink] = []
    for ippd, plateau in sorted({row.key[:2] for row in retired}):
        targets = {row.element_id for row in retired if row.key[:2] == (ippd, plateau)}
        for source, fld, target in store.read_links_into(conn, ippd, plateau, targets):
            if (ippd, plateau, source) not in replaced:
                found.append(DanglingLink(ippd, plateau, source, fld, target))
        found += [
            DanglingLink(ippd, plateau, row.element_id, fld, target)
            for row in incoming
            if row.key[:2] == (ippd, plateau)
            for fld, target in row.links
            if target in targets
        ]
    return sorted(set(found), key=lambda d: (d.ippd, d.plateau, d.source_id, d.field, d.target_id))


def apply_retirement(conn: Connection, principal: Principal, retirement: Retirement) -> int:
    """Delete the planned elements (and the links they declare), one audit entry each with the element as it was."""
    store.delete_elements(conn, [row.key for row in retirement.elements])
    return audit.record(
        conn,
        principal,
        [
            audit.Change(
                "delete",
                row.ippd,
                row.plateau,
                row.opd,
                row.element_id,
                row.kind,
                row.version,
                element_document(row),
                None,
            )
            for row in retirement.elements
        ],
    )
