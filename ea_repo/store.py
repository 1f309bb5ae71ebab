"""Bulk reads and writes. Hot paths build tuples and call executemany: no ORM object per row."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from sqlalchemy.engine import Connection

from .db import placeholders
from .elements import ElementRow, OrganisationRow

_ELEMENT_COLUMNS = "ippd, plateau, element_id, kind, name, opd, reference, spec, labels, annotations, source, digest"
_UPSERT_ELEMENT = (
    f"INSERT INTO element ({_ELEMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (ippd, plateau, element_id) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
    "opd = excluded.opd, reference = excluded.reference, spec = excluded.spec, labels = excluded.labels, "
    "annotations = excluded.annotations, source = excluded.source, digest = excluded.digest"
)
_UPDATE_SOURCE = "UPDATE element SET source = ? WHERE ippd = ? AND plateau = ? AND element_id = ?"
_DELETE_LINKS = "DELETE FROM link WHERE ippd = ? AND plateau = ? AND source_id = ?"
_INSERT_LINK = "INSERT INTO link (ippd, plateau, source_id, field, target_id, position) VALUES (?, ?, ?, ?, ?, ?)"
_UPSERT_IPPD = (
    "INSERT INTO ippd (code, name, spec, labels, source) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
    "name = excluded.name, spec = excluded.spec, labels = excluded.labels, source = excluded.source"
)
_UPSERT_OPD = (
    "INSERT INTO opd (ippd, code, name, spec, labels, source) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ippd, code) "
    "DO UPDATE SET name = excluded.name, spec = excluded.spec, labels = excluded.labels, source = excluded.source"
)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass
class WriteSummary:
    """What an import changed, per kind."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    organisations: Counter = field(default_factory=Counter)
    links: int = 0

    @property
    def elements(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values()) + sum(self.unchanged.values())


def write_catalog(conn: Connection, elements: list[ElementRow], organisations: list[OrganisationRow]) -> WriteSummary:
    """Upsert organisations and elements; replace the links of every element that changed."""
    summary = WriteSummary()
    _write_organisations(conn, organisations, summary)
    known = _existing_digests(conn, {row.ippd for row in elements})
    changed: list[ElementRow] = []
    moved: list[ElementRow] = []
    digests: list[str] = []
    for row in elements:
        digest = row.digest()
        before = known.get(row.key)
        if before is None:
            summary.created[row.kind] += 1
            changed.append(row)
            digests.append(digest)
        elif before[0] != digest:
            summary.updated[row.kind] += 1
            changed.append(row)
            digests.append(digest)
        else:
            summary.unchanged[row.kind] += 1
            if before[1] != row.source:
                moved.append(row)
    _executemany(conn, _UPSERT_ELEMENT, (_element_params(r, d) for r, d in zip(changed, digests)))
    _executemany(conn, _UPDATE_SOURCE, ((r.source, *r.key) for r in moved))
    replaced = [r.key for r in changed if r.key in known]
    _executemany(conn, _DELETE_LINKS, replaced)
    link_rows = [(*r.key, f, t, i) for r in changed for i, (f, t) in enumerate(r.links)]
    _executemany(conn, _INSERT_LINK, link_rows)
    summary.links = len(link_rows)
    return summary


def _write_organisations(conn: Connection, organisations: list[OrganisationRow], summary: WriteSummary) -> None:
    ippds = [(o.code, o.name, dumps(o.spec), dumps(o.labels), o.source) for o in organisations if o.kind == "IPPD"]
    opds = [(o.ippd, o.code, o.name, dumps(o.spec), dumps(o.labels), o.source) for o in organisations if o.kind == "OPD"]
    _executemany(conn, _UPSERT_IPPD, ippds)
    _executemany(conn, _UPSERT_OPD, opds)
    summary.organisations.update(IPPD=len(ippds), OPD=len(opds))


def _element_params(row: ElementRow, digest: str) -> tuple:
    return (row.ippd, row.plateau, row.element_id, row.kind, row.name, row.opd, dumps(list(row.reference)),
            dumps(row.spec), _dumps_small(row.labels), _dumps_small(row.annotations), row.source, digest)


def _dumps_small(value: dict) -> str:
    return dumps(value) if value else "{}"


def _existing_digests(conn: Connection, ippds: set[str]) -> dict[tuple[str, str, str], tuple[str, str | None]]:
    if not ippds:
        return {}
    sql = placeholders(conn, "SELECT ippd, plateau, element_id, digest, source FROM element WHERE ippd = ?")
    found: dict[tuple[str, str, str], tuple[str, str | None]] = {}
    for ippd in sorted(ippds):
        for i, p, e, d, s in conn.exec_driver_sql(sql, (ippd,)):
            found[(i, p, e)] = (d, s)
    return found


def _executemany(conn: Connection, sql: str, rows: Iterable[tuple]) -> None:
    batch = list(rows)
    if batch:
        conn.exec_driver_sql(placeholders(conn, sql), batch)


# --- reads ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ElementFilter:
    """Which elements a read returns; None means any."""

    ippd: str | None = None
    plateau: str | None = None
    opd: str | None = None
    kinds: tuple[str, ...] | None = None
    element_id: str | None = None
    text: str | None = None


def _where(conn: Connection, f: ElementFilter, alias: str = "") -> tuple[str, list[Any]]:
    clauses, params = [], []
    for column, value in (("ippd", f.ippd), ("plateau", f.plateau), ("opd", f.opd), ("element_id", f.element_id)):
        if value is not None:
            clauses.append(f"{alias}{column} = ?")
            params.append(value)
    if f.kinds is not None:
        clauses.append(f"{alias}kind IN ({', '.join('?' for _ in f.kinds) or 'NULL'})")
        params.extend(f.kinds)
    if f.text:
        clauses.append(f"(LOWER({alias}name) LIKE ? OR LOWER({alias}element_id) LIKE ?)")
        params.extend([f"%{f.text.lower()}%"] * 2)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def read_elements(conn: Connection, f: ElementFilter = ElementFilter()) -> Iterator[ElementRow]:
    """Full element rows with their declared links, in storage order."""
    where, params = _where(conn, f)
    sql = f"SELECT {_ELEMENT_COLUMNS} FROM element{where} ORDER BY ippd, plateau, element_id"
    rows = conn.exec_driver_sql(placeholders(conn, sql), tuple(params)).all()
    links = _links_for(conn, f)
    for ippd, plateau, eid, kind, name, opd, ref, spec, labels, notes, source, _digest in rows:
        yield ElementRow(ippd, plateau, eid, kind, name, opd, tuple(json.loads(ref)), json.loads(spec),
                         json.loads(labels), json.loads(notes), tuple(links.get((ippd, plateau, eid), ())), source)


def _links_for(conn: Connection, f: ElementFilter) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    where, params = _where(conn, ElementFilter(ippd=f.ippd, plateau=f.plateau))
    if f.element_id is not None:
        where += (" AND " if where else " WHERE ") + "source_id = ?"
        params.append(f.element_id)
    sql = f"SELECT ippd, plateau, source_id, field, target_id FROM link{where} ORDER BY position"
    out: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for ippd, plateau, source, fld, target in conn.exec_driver_sql(placeholders(conn, sql), tuple(params)):
        out.setdefault((ippd, plateau, source), []).append((fld, target))
    return out


def read_links_to(conn: Connection, element_id: str, ippd: str | None = None) -> list[tuple[str, str, str, str]]:
    """(ippd, plateau, source ID, field) of every link that points at this ID."""
    sql = "SELECT ippd, plateau, source_id, field FROM link WHERE target_id = ?" + (" AND ippd = ?" if ippd else "")
    params = (element_id, ippd) if ippd else (element_id,)
    return [tuple(r) for r in conn.exec_driver_sql(placeholders(conn, sql), params)]


def read_organisations(conn: Connection) -> list[OrganisationRow]:
    ippds = conn.exec_driver_sql("SELECT code, name, spec, labels, source FROM ippd ORDER BY code").all()
    opds = conn.exec_driver_sql("SELECT ippd, code, name, spec, labels, source FROM opd ORDER BY ippd, code").all()
    return ([OrganisationRow("IPPD", c, None, n, json.loads(s), json.loads(lb), src) for c, n, s, lb, src in ippds]
            + [OrganisationRow("OPD", c, i, n, json.loads(s), json.loads(lb), src) for i, c, n, s, lb, src in opds])


def read_graph_rows(conn: Connection, ippds: Iterable[str] | None = None) -> tuple[list[tuple], list[tuple]]:
    """Raw element and link tuples for building the check graph (optionally some IPPDs).

    Read through the driver's own cursor: SQLAlchemy's Row wrapping costs ~40% of the read
    at national scale, and these rows are only ever unpacked.
    """
    element_sql = "SELECT ippd, plateau, element_id, kind, name, opd, reference, spec, source FROM element"
    link_sql = "SELECT ippd, plateau, source_id, field, target_id FROM link"
    cursor = conn.connection.cursor()
    try:
        if ippds is None:
            return _fetch(cursor, element_sql, ()), _fetch(cursor, link_sql, ())
        elements: list[tuple] = []
        links: list[tuple] = []
        for ippd in sorted(set(ippds)):
            elements += _fetch(cursor, placeholders(conn, element_sql + " WHERE ippd = ?"), (ippd,))
            links += _fetch(cursor, placeholders(conn, link_sql + " WHERE ippd = ?"), (ippd,))
        return elements, links
    finally:
        cursor.close()


def _fetch(cursor: Any, sql: str, params: tuple) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()
