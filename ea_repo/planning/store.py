"""Storing roadmap plans and initiatives: upsert by (IPPD, kind, ID), optionally replacing an IPPD's whole roadmap."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection

from ea_repo.access.principal import Principal
from ea_repo.planning.records import RoadmapItem
from ea_repo.storage import audit
from ea_repo.storage.db import placeholders
from ea_repo.storage.store import dumps
from metamodel import load_metamodel

_COLUMNS = "ippd, kind, item_id, name, spec, labels, annotations, source, digest, version"
_INSERT = f"INSERT INTO roadmap_item ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_UPDATE = (
    "UPDATE roadmap_item SET name = ?, spec = ?, labels = ?, annotations = ?, source = ?, digest = ?, version = ? "
    "WHERE ippd = ? AND kind = ? AND item_id = ?"
)
_DELETE = "DELETE FROM roadmap_item WHERE ippd = ? AND kind = ? AND item_id = ?"


@dataclass
class RoadmapWrite:
    """What a roadmap import changed, per kind."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)


def digest(item: RoadmapItem) -> str:
    payload = dumps([item.name, item.spec, item.labels, item.annotations])
    return hashlib.blake2b(payload.encode(), digest_size=12).hexdigest()


def write_roadmap(
    conn: Connection, items: list[RoadmapItem], principal: Principal, *, replace: bool = False
) -> RoadmapWrite:
    """Upsert the items; with `replace`, remove the stored items of the same IPPDs that `items` does not hold."""
    summary = RoadmapWrite()
    ippds = sorted({item.ippd for item in items})
    stored = {item.key: item for ippd in ippds for item in read_roadmap(conn, ippd)}
    changes: list[audit.Change] = []
    for item in items:
        old = stored.get(item.key)
        if old is None:
            summary.created[item.kind] += 1
            conn.exec_driver_sql(placeholders(conn, _INSERT), (*item.key, *_content(item), 1))
            changes.append(_change("create", None, item, 1))
        elif digest(old) != digest(item):
            summary.updated[item.kind] += 1
            version = (old.version or 1) + 1
            conn.exec_driver_sql(placeholders(conn, _UPDATE), (*_content(item), version, *item.key))
            changes.append(_change("update", old, item, version))
        else:
            summary.unchanged[item.kind] += 1
    if replace:
        roadmap_kinds = load_metamodel().record_kind_names("roadmap")
        keep = {item.key for item in items}
        for key, old in stored.items():
            if key not in keep and old.kind in roadmap_kinds:  # the roadmap is replaced, its evidence records are not
                summary.removed[old.kind] += 1
                conn.exec_driver_sql(placeholders(conn, _DELETE), key)
                changes.append(_change("delete", old, None, old.version))
    audit.record(conn, principal, changes)
    return summary


def _content(item: RoadmapItem) -> tuple:
    return (item.name, dumps(item.spec), dumps(item.labels), dumps(item.annotations), item.source, digest(item))


def _change(action: str, old: RoadmapItem | None, new: RoadmapItem | None, version: int | None) -> audit.Change:
    item = new or old
    assert item is not None  # a change has an old item, a new one or both
    return audit.Change(
        action,
        item.ippd,
        None,
        None,
        item.item_id,
        item.kind,
        version,
        old.document() if old else None,
        new.document() if new else None,
    )


def read_roadmap(conn: Connection, ippd: str) -> list[RoadmapItem]:
    """The IPPD's plan(s) and initiatives, plans first, initiatives in their stored order of IDs."""
    sql = f"SELECT {_COLUMNS} FROM roadmap_item WHERE ippd = ? ORDER BY kind DESC, item_id"
    rows = conn.exec_driver_sql(placeholders(conn, sql), (ippd,)).all()
    items = [
        RoadmapItem(
            kind,
            ippd_,
            item_id,
            name,
            _spec(json.loads(spec)),
            json.loads(labels),
            json.loads(annotations),
            source,
            version,
        )
        for ippd_, kind, item_id, name, spec, labels, annotations, source, _digest, version in rows
    ]
    return items


def _spec(spec: dict) -> dict:
    """JSON turns the year keys of `targets` into text; give them back as integers."""
    if "targets" in spec:
        spec["targets"] = {int(year): text for year, text in spec["targets"].items()}
    return spec


def delete_item(conn: Connection, principal: Principal, key: tuple[str, str, str]) -> bool:
    """Remove one plan or initiative; False if there was none."""
    old = next((item for item in read_roadmap(conn, key[0]) if item.key == key), None)
    if old is None:
        return False
    conn.exec_driver_sql(placeholders(conn, _DELETE), key)
    audit.record(conn, principal, [_change("delete", old, None, old.version)])
    return True
