"""Bulk reads and writes. Hot paths build tuples and call executemany: no ORM object per row."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection

from ea_repo.access.principal import Principal
from ea_repo.catalog.elements import ElementRow, OrganisationRow
from ea_repo.catalog.exporter import element_document, organisation_document
from ea_repo.storage import audit
from ea_repo.storage.db import match_clauses, placeholders

_ELEMENT_COLUMNS = "ippd, plateau, element_id, kind, name, opd, reference, spec, labels, annotations, source, digest"
_ELEMENT_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1"
_UPSERT_ELEMENT = (
    f"INSERT INTO element ({_ELEMENT_COLUMNS}, version) VALUES ({_ELEMENT_VALUES}) "
    "ON CONFLICT (ippd, plateau, element_id) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
    "opd = excluded.opd, reference = excluded.reference, spec = excluded.spec, labels = excluded.labels, "
    "annotations = excluded.annotations, source = excluded.source, digest = excluded.digest, "
    "version = element.version + 1"
)
_INSERT_ELEMENT = f"INSERT INTO element ({_ELEMENT_COLUMNS}, version) VALUES ({_ELEMENT_VALUES}) ON CONFLICT DO NOTHING"
_UPDATE_ELEMENT = (
    "UPDATE element SET kind = ?, name = ?, opd = ?, reference = ?, spec = ?, labels = ?, annotations = ?, source = ?, "
    "digest = ?, version = version + 1 WHERE ippd = ? AND plateau = ? AND element_id = ? AND version = ?"
)
_DELETE_ELEMENT = "DELETE FROM element WHERE ippd = ? AND plateau = ? AND element_id = ?"
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


def write_catalog(
    conn: Connection,
    elements: list[ElementRow],
    organisations: list[OrganisationRow],
    principal: Principal,
) -> WriteSummary:
    """Upsert organisations and elements; replace the links of every element that changed.

    Every created or changed element and organisation goes to the audit log, under the principal's name.
    """
    summary = WriteSummary()
    changed_organisations = _write_organisations(conn, organisations, summary)
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
    replaced = [r.key for r in changed if r.key in known]
    stored = _stored_versions(conn, replaced)
    _executemany(conn, _UPSERT_ELEMENT, (_element_params(r, d) for r, d in zip(changed, digests, strict=False)))
    _executemany(conn, _UPDATE_SOURCE, ((r.source, *r.key) for r in moved))
    _executemany(conn, _DELETE_LINKS, replaced)
    link_rows = [(*r.key, f, t, i) for r in changed for i, (f, t) in enumerate(r.links)]
    _executemany(conn, _INSERT_LINK, link_rows)
    summary.links = len(link_rows)
    audit.record(conn, principal, [*_element_changes(changed, stored), *_organisation_changes(changed_organisations)])
    return summary


def _stored_versions(conn: Connection, keys: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], ElementRow]:
    """The stored rows (as they were before this write) of these keys; read before the upsert."""
    wanted = set(keys)
    found: dict[tuple[str, str, str], ElementRow] = {}
    for ippd, plateau in sorted({k[:2] for k in wanted}):
        for row in read_elements(conn, ElementFilter(ippd=ippd, plateau=plateau)):
            if row.key in wanted:
                found[row.key] = row
    return found


def _element_changes(
    changed: list[ElementRow], before: dict[tuple[str, str, str], ElementRow]
) -> Iterator[audit.Change]:
    for row in changed:
        old = before.get(row.key)
        version = old.stored_version + 1 if old is not None else 1
        yield audit.Change(
            "update" if old else "create",
            row.ippd,
            row.plateau,
            row.opd,
            row.element_id,
            row.kind,
            version,
            element_document(old) if old else None,
            element_document(row),
        )


def _organisation_changes(changed: list[tuple[OrganisationRow | None, OrganisationRow]]) -> Iterator[audit.Change]:
    for old, org in changed:
        yield audit.Change(
            "update" if old else "create",
            org.ippd or org.code,
            None,
            org.code if org.kind == "OPD" else None,
            org.code,
            org.kind,
            None,
            organisation_document(old) if old else None,
            organisation_document(org),
        )


def _write_organisations(
    conn: Connection, organisations: list[OrganisationRow], summary: WriteSummary
) -> list[tuple[OrganisationRow | None, OrganisationRow]]:
    """Upsert IPPDs and OPDs; returns (stored before or None, new) for those whose content changed."""
    ippds = [(o.code, o.name, dumps(o.spec), dumps(o.labels), o.source) for o in organisations if o.kind == "IPPD"]
    opds = [
        (o.ippd, o.code, o.name, dumps(o.spec), dumps(o.labels), o.source) for o in organisations if o.kind == "OPD"
    ]
    stored = {(o.kind, o.ippd, o.code): o for o in read_organisations(conn)} if organisations else {}
    changed = [
        (stored.get((o.kind, o.ippd, o.code)), o)
        for o in organisations
        if _content(stored.get((o.kind, o.ippd, o.code))) != _content(o)
    ]
    _executemany(conn, _UPSERT_IPPD, ippds)
    _executemany(conn, _UPSERT_OPD, opds)
    summary.organisations.update(IPPD=len(ippds), OPD=len(opds))
    return changed


def _content(org: OrganisationRow | None) -> tuple | None:
    return None if org is None else (org.name, org.spec, org.labels)


# --- single-element edits (the API's create / update / delete) --------------------------
def lock_element(conn: Connection, key: tuple[str, str, str]) -> ElementRow | None:
    """The stored row, locked until the transaction ends (PostgreSQL; SQLite's writer lock does it)."""
    lock = " FOR UPDATE" if conn.dialect.name == "postgresql" else ""
    sql = f"SELECT id FROM element WHERE ippd = ? AND plateau = ? AND element_id = ?{lock}"
    if conn.exec_driver_sql(placeholders(conn, sql), key).first() is None:
        return None
    ippd, plateau, element_id = key
    return next(read_elements(conn, ElementFilter(ippd=ippd, plateau=plateau, element_id=element_id)), None)


def insert_element(conn: Connection, row: ElementRow) -> bool:
    """Insert a new element and its links; False (nothing written) if the key exists."""
    inserted = conn.exec_driver_sql(placeholders(conn, _INSERT_ELEMENT), _element_params(row, row.digest())).rowcount
    if inserted:
        _executemany(conn, _INSERT_LINK, ((*row.key, f, t, i) for i, (f, t) in enumerate(row.links)))
    return bool(inserted)


def update_element(conn: Connection, row: ElementRow, version: int) -> bool:
    """Replace an element at `version` (and its links); False if the stored version differs."""
    params = (
        row.kind,
        row.name,
        row.opd,
        dumps(list(row.reference)),
        dumps(row.spec),
        _dumps_small(row.labels),
        _dumps_small(row.annotations),
        row.source,
        row.digest(),
        *row.key,
        version,
    )
    if not conn.exec_driver_sql(placeholders(conn, _UPDATE_ELEMENT), params).rowcount:
        return False
    conn.exec_driver_sql(placeholders(conn, _DELETE_LINKS), row.key)
    _executemany(conn, _INSERT_LINK, ((*row.key, f, t, i) for i, (f, t) in enumerate(row.links)))
    return True


def delete_element(conn: Connection, key: tuple[str, str, str]) -> None:
    conn.exec_driver_sql(placeholders(conn, _DELETE_LINKS), key)
    conn.exec_driver_sql(placeholders(conn, _DELETE_ELEMENT), key)


def delete_elements(conn: Connection, keys: list[tuple[str, str, str]]) -> None:
    """Delete these elements and the links they declare (links to them stay, and dangle)."""
    _executemany(conn, _DELETE_LINKS, keys)
    _executemany(conn, _DELETE_ELEMENT, keys)


def read_owners(conn: Connection, f: ElementFilter) -> list[tuple[str, str, str, str | None]]:
    """(ippd, plateau, element ID, OPD) of the matching elements: what deciding about them needs, without their
    content."""
    where, params = _where(conn, f)
    sql = f"SELECT ippd, plateau, element_id, opd FROM element{where} ORDER BY ippd, plateau, element_id"
    return [tuple(r) for r in conn.exec_driver_sql(placeholders(conn, sql), tuple(params))]


def read_links_into(conn: Connection, ippd: str, plateau: str, targets: Iterable[str]) -> list[tuple[str, str, str]]:
    """(source ID, field, target ID) of the links of one plateau that point at any of these IDs."""
    wanted = sorted(set(targets))
    found: list[tuple[str, str, str]] = []
    for start in range(0, len(wanted), 500):
        batch = wanted[start : start + 500]
        sql = (
            f"SELECT source_id, field, target_id FROM link WHERE ippd = ? AND plateau = ? "
            f"AND target_id IN ({', '.join('?' for _ in batch)}) ORDER BY source_id, position"
        )
        found += [tuple(r) for r in conn.exec_driver_sql(placeholders(conn, sql), (ippd, plateau, *batch))]
    return found


def _element_params(row: ElementRow, digest: str) -> tuple:
    return (
        row.ippd,
        row.plateau,
        row.element_id,
        row.kind,
        row.name,
        row.opd,
        dumps(list(row.reference)),
        dumps(row.spec),
        _dumps_small(row.labels),
        _dumps_small(row.annotations),
        row.source,
        digest,
    )


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
    opds: tuple[str, ...] | None = None  # a principal's OPDs
    reference: str | None = None  # a code: elements classified under it (itself or below)
    keys: tuple[tuple[str, str], ...] | None = None  # only these (plateau, ID) pairs (e.g. those with findings)


# How a page of elements may be ordered: the column (an expression) sorted on before (plateau, ID).
ELEMENT_ORDERS = {"id": None, "name": "LOWER(COALESCE({a}name, ''))", "opd": "COALESCE({a}opd, '')"}


def _like(text: str) -> str:
    """A LIKE pattern matching `text` literally (its own % and _ are not wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(conn: Connection, f: ElementFilter, alias: str = "") -> tuple[str, list[Any]]:
    clauses, params = match_clauses(
        {
            f"{alias}ippd": f.ippd,
            f"{alias}plateau": f.plateau,
            f"{alias}opd": f.opd,
            f"{alias}element_id": f.element_id,
        },
        {f"{alias}kind": f.kinds, f"{alias}opd": f.opds},
    )
    if f.text:
        clauses.append(f"(LOWER({alias}name) LIKE ? ESCAPE '\\' OR LOWER({alias}element_id) LIKE ? ESCAPE '\\')")
        params.extend([f"%{_like(f.text.lower())}%"] * 2)
    if f.reference:
        code = _like(f.reference)  # stored as a JSON list of "CODE name" texts
        like = f"{alias}reference LIKE ? ESCAPE '\\'"
        clauses.append(f"({like} OR {like} OR {like})")
        params.extend([f'%"{code}"%', f'%"{code} %', f'%"{code}.%'])
    if f.keys is not None:  # one parameter however many keys: a JSON list of [plateau, ID] pairs
        if conn.dialect.name == "postgresql":
            wanted = "SELECT k->>0, k->>1 FROM jsonb_array_elements(CAST(? AS jsonb)) AS k"
        else:
            wanted = "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)"
        clauses.append(f"({alias}plateau, {alias}element_id) IN ({wanted})")
        params.append(json.dumps([list(k) for k in f.keys]))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def read_elements(
    conn: Connection,
    f: ElementFilter = ElementFilter(),
    *,
    after: tuple[str, ...] | None = None,
    limit: int | None = None,
    order: str = "id",
    descending: bool = False,
) -> Iterator[ElementRow]:
    """Full element rows with their declared links, ordered by IPPD, plateau, ID.

    `after` (plateau, ID) and `limit` read one page of an IPPD (keyset pagination: stable
    under concurrent writes, and as fast on the last page as on the first). `order` and
    `descending` as in `read_element_page`.
    """
    for row, _ in _read_ordered(conn, f, after, limit, order, descending):
        yield row


def read_element_page(
    conn: Connection,
    f: ElementFilter,
    *,
    limit: int,
    after: tuple[str, ...] | None = None,
    order: str = "id",
    descending: bool = False,
) -> list[tuple[ElementRow, tuple[str, ...]]]:
    """One page of elements, each with its position: `order` (a key of ELEMENT_ORDERS) sorts on that column first,
    then plateau and ID; `descending` turns the whole order round. A position, passed back as `after`, continues
    after that row; it is the database's own sort value, so the next page starts exactly where this one ended."""
    return list(_read_ordered(conn, f, after, limit, order, descending))


def _read_ordered(
    conn: Connection,
    f: ElementFilter,
    after: tuple[str, ...] | None,
    limit: int | None,
    order: str,
    descending: bool,
) -> Iterator[tuple[ElementRow, tuple[str, ...]]]:
    where, params = _where(conn, f)
    expression = ELEMENT_ORDERS[order]
    sort = [expression.format(a="")] if expression else []
    sort += ["plateau", "element_id"]
    if after is not None:
        if len(after) != len(sort):
            raise ValueError("the page position does not fit the order")
        where += (" AND " if where else " WHERE ") + _after(sort, "<" if descending else ">")
        for i, value in enumerate(after):
            params.extend([*after[:i], value])
    direction = " DESC" if descending else ""
    extra = f", {sort[0]}" if expression else ""
    sql = (
        f"SELECT {_ELEMENT_COLUMNS}, version{extra} FROM element{where} "
        f"ORDER BY ippd, {', '.join(column + direction for column in sort)}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = conn.exec_driver_sql(placeholders(conn, sql), tuple(params)).all()
    links = _links_of(conn, [r[:3] for r in rows]) if limit is not None else _links_for(conn, f)
    for row in rows:
        element = _element_row(row[:13], links)
        yield element, ((row[13],) if expression else ()) + (element.plateau, element.element_id)


def _after(columns: list[str], op: str) -> str:
    """(a, b, c) beyond (?, ?, ?), written out: a > ? OR (a = ? AND b > ?) OR (a = ? AND b = ? AND c > ?)."""
    terms = []
    for i, column in enumerate(columns):
        equal = [f"{c} = ?" for c in columns[:i]]
        terms.append("(" + " AND ".join([*equal, f"{column} {op} ?"]) + ")")
    return "(" + " OR ".join(terms) + ")"


def _loads(text: str) -> Any:
    """JSON column -> value; the empty "{}" and "[]" most rows hold need no parser."""
    if text == "{}":
        return {}
    if text == "[]":
        return []
    return json.loads(text)


def _links_for(conn: Connection, f: ElementFilter) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    where, params = _where(conn, ElementFilter(ippd=f.ippd, plateau=f.plateau))
    if f.element_id is not None:
        where += (" AND " if where else " WHERE ") + "source_id = ?"
        params.append(f.element_id)
    sql = f"SELECT ippd, plateau, source_id, field, target_id FROM link{where} ORDER BY position"
    return _group_links(conn.exec_driver_sql(placeholders(conn, sql), tuple(params)))


def _links_of(conn: Connection, keys: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    """The links declared by these elements only (a page), through the source index."""
    out: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    by_plateau: dict[tuple[str, str], list[str]] = {}
    for ippd, plateau, eid in keys:
        by_plateau.setdefault((ippd, plateau), []).append(eid)
    for (ippd, plateau), ids in by_plateau.items():
        sql = (
            f"SELECT ippd, plateau, source_id, field, target_id FROM link WHERE ippd = ? AND plateau = ? "
            f"AND source_id IN ({', '.join('?' for _ in ids)}) ORDER BY position"
        )
        out.update(_group_links(conn.exec_driver_sql(placeholders(conn, sql), (ippd, plateau, *ids)).all()))
    return out


def _group_links(rows: Iterable[tuple]) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
    out: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for ippd, plateau, source, fld, target in rows:
        out.setdefault((ippd, plateau, source), []).append((fld, target))
    return out


def count_elements_and_links(conn: Connection, f: ElementFilter) -> tuple[int, int]:
    """How many elements match, and how many links those elements declare."""
    where, params = _where(conn, f, alias="e.")
    sql = (
        f"SELECT COUNT(DISTINCT e.id), COUNT(l.id) FROM element e LEFT JOIN link l ON l.ippd = e.ippd "
        f"AND l.plateau = e.plateau AND l.source_id = e.element_id{where}"
    )
    elements, links = conn.exec_driver_sql(placeholders(conn, sql), tuple(params)).one()
    return int(elements), int(links)


def count_by_kind(conn: Connection, f: ElementFilter) -> list[tuple[str, str, int]]:
    """(plateau, kind, how many) of the matching elements."""
    where, params = _where(conn, f)
    sql = f"SELECT plateau, kind, COUNT(*) FROM element{where} GROUP BY plateau, kind ORDER BY plateau, kind"
    return [(p, k, int(c)) for p, k, c in conn.exec_driver_sql(placeholders(conn, sql), tuple(params)).all()]


def count_by_ippd(conn: Connection, f: ElementFilter = ElementFilter()) -> dict[str, dict[str, int]]:
    """IPPD -> plateau -> how many of the matching elements."""
    where, params = _where(conn, f)
    sql = f"SELECT ippd, plateau, COUNT(*) FROM element{where} GROUP BY ippd, plateau"
    counts: dict[str, dict[str, int]] = {}
    for ippd, plateau, count in conn.exec_driver_sql(placeholders(conn, sql), tuple(params)).all():
        counts.setdefault(ippd, {})[plateau] = int(count)
    return counts


def read_links_to(conn: Connection, element_id: str, ippd: str | None = None) -> list[tuple[str, str, str, str]]:
    """(ippd, plateau, source ID, field) of every link that points at this ID."""
    sql = "SELECT ippd, plateau, source_id, field FROM link WHERE target_id = ?" + (" AND ippd = ?" if ippd else "")
    params = (element_id, ippd) if ippd else (element_id,)
    return [tuple(r) for r in conn.exec_driver_sql(placeholders(conn, sql), params)]


def read_organisations(conn: Connection, ippd: str | None = None) -> list[OrganisationRow]:
    """Every IPPD and OPD; or one IPPD and its OPDs (a national repository holds tens of thousands of OPDs)."""
    if ippd is None:
        ippds = conn.exec_driver_sql("SELECT code, name, spec, labels, source FROM ippd ORDER BY code").all()
        opds = conn.exec_driver_sql("SELECT ippd, code, name, spec, labels, source FROM opd ORDER BY ippd, code").all()
    else:
        one = (ippd,)
        sql = placeholders(conn, "SELECT code, name, spec, labels, source FROM ippd WHERE code = ?")
        ippds = conn.exec_driver_sql(sql, one).all()
        sql = placeholders(conn, "SELECT ippd, code, name, spec, labels, source FROM opd WHERE ippd = ? ORDER BY code")
        opds = conn.exec_driver_sql(sql, one).all()
    return [OrganisationRow("IPPD", c, None, n, json.loads(s), json.loads(lb), src) for c, n, s, lb, src in ippds] + [
        OrganisationRow("OPD", c, i, n, json.loads(s), json.loads(lb), src) for i, c, n, s, lb, src in opds
    ]


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


def read_plateau_rows(conn: Connection, plateau: str, ippd: str | None = None) -> tuple[list[tuple], list[tuple]]:
    """One plateau's element tuples (ippd, element_id, kind, name, opd, reference) and link tuples
    (ippd, source_id, field, target_id), of one IPPD or of all: what a diagram needs, nothing more."""
    element_sql = "SELECT ippd, element_id, kind, name, opd, reference FROM element WHERE plateau = ?"
    link_sql = "SELECT ippd, source_id, field, target_id FROM link WHERE plateau = ?"
    where, params = (" AND ippd = ?", (plateau, ippd)) if ippd is not None else ("", (plateau,))
    cursor = conn.connection.cursor()
    try:
        return (
            _fetch(cursor, placeholders(conn, element_sql + where), params),
            _fetch(cursor, placeholders(conn, link_sql + where), params),
        )
    finally:
        cursor.close()


def read_gap_rows(conn: Connection, plateau: str, ippds: Iterable[str] | None = None) -> list[tuple]:
    """(ippd, element_id, kind, name, opd, reference JSON, digest) of a plateau: the gap's first pass."""
    sql = "SELECT ippd, element_id, kind, name, opd, reference, digest FROM element WHERE plateau = ?"
    cursor = conn.connection.cursor()
    try:
        if ippds is None:
            return _fetch(cursor, placeholders(conn, sql), (plateau,))
        rows: list[tuple] = []
        for ippd in sorted(set(ippds)):
            rows += _fetch(cursor, placeholders(conn, sql + " AND ippd = ?"), (plateau, ippd))
        return rows
    finally:
        cursor.close()


def read_elements_by_id(
    conn: Connection, plateau: str, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], ElementRow]:
    """Full rows (with links) of some (ippd, element_id) keys of one plateau."""
    columns = ", ".join(f"e.{c.strip()}" for c in _ELEMENT_COLUMNS.split(",")) + ", e.version"
    rows, links = _read_by_key(conn, plateau, keys, columns)
    out: dict[tuple[str, str], ElementRow] = {}
    for row in rows:
        out[(row[0], row[2])] = _element_row(row, links)
    return out


def _element_row(row, links: dict) -> ElementRow:
    """An element from its stored columns (as _ELEMENT_COLUMNS, then version) and the links read for it."""
    ippd, plateau, eid, kind, name, opd, ref, spec, labels, notes, source, _digest, version = row
    return ElementRow(
        ippd,
        plateau,
        eid,
        kind,
        name,
        opd,
        tuple(_loads(ref)),
        _loads(spec),
        _loads(labels),
        _loads(notes),
        tuple(links.get((ippd, plateau, eid), ())),
        source,
        version,
    )


def read_specs_and_links(
    conn: Connection, plateau: str, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, tuple]]:
    """(spec JSON text, declared links) of some keys of one plateau: what the gap compares beyond the columns it
    already has."""
    rows, links = _read_by_key(conn, plateau, keys, "e.ippd, e.element_id, e.spec")
    return {(ippd, eid): (spec, tuple(links.get((ippd, plateau, eid), ()))) for ippd, eid, spec in rows}


def _read_by_key(
    conn: Connection, plateau: str, keys: Iterable[tuple[str, str]], columns: str
) -> tuple[list[tuple], dict]:
    """Element columns and links of some (ippd, element_id) keys of one plateau: the keys go into a temporary
    table and two joins read them, one round trip each however many keys (a national gap: 50,000)."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return [], {}
    cursor = conn.connection.cursor()
    try:
        cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS wanted_key (ippd TEXT NOT NULL, element_id TEXT NOT NULL)")
        driver = conn.connection.driver_connection
        assert driver is not None  # None only once the connection is invalidated
        own_transaction = conn.dialect.name == "sqlite" and not driver.in_transaction
        if own_transaction:  # else SQLite commits every INSERT on its own: 50,000 keys took 3.4 s instead of 0.2
            cursor.execute("BEGIN")
        cursor.execute("DELETE FROM wanted_key")
        cursor.executemany(placeholders(conn, "INSERT INTO wanted_key (ippd, element_id) VALUES (?, ?)"), keys)
        if own_transaction:
            cursor.execute("COMMIT")
        # CROSS JOIN: SQLite then walks the keys and probes the unique and link-source indexes, not the other way round
        rows = _fetch(
            cursor,
            placeholders(
                conn,
                f"SELECT {columns} FROM wanted_key k CROSS JOIN element e "
                "WHERE e.ippd = k.ippd AND e.plateau = ? AND e.element_id = k.element_id",
            ),
            (plateau,),
        )
        link_rows = _fetch(
            cursor,
            placeholders(
                conn,
                "SELECT l.ippd, l.plateau, l.source_id, l.field, l.target_id, l.position "
                "FROM wanted_key k CROSS JOIN link l WHERE l.ippd = k.ippd AND l.plateau = ? "
                "AND l.source_id = k.element_id",
            ),
            (plateau,),
        )
        cursor.execute("DELETE FROM wanted_key")
    finally:
        cursor.close()
    link_rows.sort(key=lambda r: r[5])  # declared order; cheaper here than an ORDER BY over the join
    return rows, _group_links(r[:5] for r in link_rows)


def _fetch(cursor: Any, sql: str, params: tuple) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()
