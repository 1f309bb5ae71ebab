"""The applications of a plateau, read lean for a redundancy run: one pass over elements and links.

Raw driver cursors, as store.read_gap_rows does: the rows are only unpacked. Services and data
an application uses are its typed `services` / `data` links, its untyped `related` links to a
Service or Data element, and the `related` links of a Service or Data element that names it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy.engine import Connection

from ea_repo.catalog.elements import OrganisationRow
from ea_repo.redundancy.features import AppInput
from ea_repo.redundancy.text import Owner, owner_of
from ea_repo.storage.db import placeholders
from metamodel import RELATED_FIELD, MetamodelError, load_metamodel

# The kinds a redundancy run compares and reads around them; their link fields are the metamodel's.
APPLICATION, SERVICE, DATA = "Application", "Service", "Data"
HOST = "Server"  # the bucket of whatever an application runs on, whichever hosting kind it is


def link_field_kinds() -> dict[str, str]:
    """The typed link field of an application -> the bucket it fills: its services, its data, its hosts."""
    metamodel = load_metamodel()
    buckets = {SERVICE: SERVICE, DATA: DATA, HOST: HOST}  # a host kind stands for every hosting kind (runs-on)
    fields: dict[str, str] = {}
    for kind, bucket in buckets.items():
        resolved = metamodel.relation_for(APPLICATION, kind)
        if resolved is None:
            raise MetamodelError(f"relations: the redundancy finder needs one from {APPLICATION} to {kind}")
        fields[resolved.relation.field] = bucket
    return fields


def _in(values) -> str:
    return ", ".join(f"'{value}'" for value in values)  # the metamodel's names: letters, '_' and '-', nothing to escape


_LINK_FIELD_KIND = link_field_kinds()
_APPS = f"SELECT ippd, element_id, name, opd, reference, spec FROM element WHERE plateau = ? AND kind = '{APPLICATION}'"
_TARGETS = (
    f"SELECT ippd, element_id, kind, reference FROM element WHERE plateau = ? AND kind IN ({_in((SERVICE, DATA))})"
)
_LINKS = (
    "SELECT ippd, source_id, field, target_id FROM link "
    f"WHERE plateau = ? AND field IN ({_in((*_LINK_FIELD_KIND, RELATED_FIELD))})"
)


def read_applications(
    conn: Connection, plateau: str, ippds: Iterable[str] | None, organisations: list[OrganisationRow]
) -> list[AppInput]:
    """Every application of the plateau in these IPPDs (None: all), with its links and its owner's words."""
    chosen = sorted(set(ippds)) if ippds is not None else None
    apps = _fetch(conn, _APPS, plateau, chosen)
    targets = {(i, e): (k, _first_codes(r)) for i, e, k, r in _fetch(conn, _TARGETS, plateau, chosen)}
    links = _fetch(conn, _LINKS, plateau, chosen)
    app_keys = {(row[0], row[1]) for row in apps}
    used: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: {SERVICE: set(), DATA: set(), HOST: set()})
    for ippd, source, field, target in links:
        if (ippd, source) in app_keys:
            kind = _LINK_FIELD_KIND.get(field) or targets.get((ippd, target), ("", ()))[0]
            if kind in (SERVICE, DATA, HOST):
                used[(ippd, source)][kind].add(target)
        elif field == RELATED_FIELD and (ippd, target) in app_keys and (ippd, source) in targets:
            used[(ippd, target)][targets[(ippd, source)][0]].add(source)
    owners = _owners(organisations)
    out = []
    for ippd, element_id, name, opd, reference, spec in apps:
        spec = _loads(spec)
        links_of = used.get((ippd, element_id), {SERVICE: set(), DATA: set(), HOST: set()})
        services, data = tuple(sorted(links_of[SERVICE])), tuple(sorted(links_of[DATA]))
        out.append(
            AppInput(
                ippd,
                element_id,
                name or "",
                opd,
                str(spec.get("category") or ""),
                str(spec.get("description") or ""),
                str(spec.get("function") or ""),
                str(spec.get("developer") or ""),
                str(spec.get("url") or ""),
                _first_codes(reference),
                services,
                data,
                _codes_of(targets, ippd, services),
                _codes_of(targets, ippd, data),
                owners.get((ippd, opd)) or owners.get((ippd, None)) or Owner(),
                servers=tuple(sorted(links_of[HOST])),
                users=str(spec.get("users") or ""),
            )
        )
    return out


def _fetch(conn: Connection, sql: str, plateau: str, ippds: list[str] | None) -> list[tuple]:
    cursor = conn.connection.cursor()
    try:
        if ippds is None:
            cursor.execute(placeholders(conn, sql), (plateau,))
            return list(cursor.fetchall())
        rows: list[tuple] = []
        for ippd in ippds:
            cursor.execute(placeholders(conn, sql + " AND ippd = ?"), (plateau, ippd))
            rows += cursor.fetchall()
        return rows
    finally:
        cursor.close()


def _loads(text: Any) -> dict:
    if not text or text == "{}":
        return {}
    return json.loads(text) if isinstance(text, str) else dict(text)


def _first_codes(reference: Any) -> tuple[str, ...]:
    """The codes of a stored reference list ("RAA.01.02 Aplikasi ..." -> "RAA.01.02")."""
    if not reference or reference == "[]":
        return ()
    items = json.loads(reference) if isinstance(reference, str) else reference
    return tuple(str(item).split()[0] for item in items if str(item).strip())


def _codes_of(targets: dict, ippd: str, ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({code for t in ids for code in targets.get((ippd, t), ("", ()))[1]}))


def _owners(organisations: list[OrganisationRow]) -> dict[tuple[str, str | None], Owner]:
    names = {o.code: o.name for o in organisations if o.kind == "IPPD"}
    out: dict[tuple[str, str | None], Owner] = {
        (code, None): owner_of(name, None, None) for code, name in names.items()
    }
    for org in organisations:
        if org.kind == "OPD" and org.ippd is not None:
            out[(org.ippd, org.code)] = owner_of(names.get(org.ippd), org.name, str(org.spec.get("short_name") or ""))
    return out
