"""The limits each step is measured against: plain libyaml, plain sqlite3, plain dicts.

Nothing here imports the import or check code of ea-repo; the schema is read from a
database that `init_repository` created, so the plain insert fills the same tables with
the same indexes and constraints.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

import yaml

from metamodel import load_metamodel

YAML_SUFFIXES = (".yaml", ".yml")
ELEMENT_INSERT = (
    "INSERT INTO element (ippd, plateau, element_id, kind, name, opd, reference, spec, labels, annotations, "
    "source, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
LINK_INSERT = "INSERT INTO link (ippd, plateau, source_id, field, target_id, position) VALUES (?, ?, ?, ?, ?, ?)"


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


# --- import limit -----------------------------------------------------------------------
def parse_all(files: Iterable[Path]) -> int:
    """(a) read and parse every file with libyaml; the documents are dropped file by file."""
    count = 0
    for path in files:
        count += len(list(yaml.load_all(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)))
    return count


def prebuilt_rows(files: Iterable[Path]) -> tuple[list[tuple], list[tuple]]:
    """Element and link tuples, columns as in our `element` and `link` tables (untimed)."""
    metamodel = load_metamodel()
    elements: list[tuple] = []
    links: list[tuple] = []
    for path in files:
        for doc in yaml.load_all(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader):
            if doc is None or not metamodel.has_kind(doc["kind"]):
                continue
            meta, spec = doc["metadata"], doc.get("spec") or {}
            key = (meta["ippd"], meta["plateau"], meta["id"])
            attributes = {k: v for k, v in spec.items() if not isinstance(v, list)}
            spec_json = json.dumps(attributes, ensure_ascii=False, sort_keys=True)
            digest = hashlib.blake2b(spec_json.encode(), digest_size=12).hexdigest()
            elements.append(
                (
                    *key,
                    doc["kind"],
                    meta.get("name"),
                    meta.get("opd"),
                    json.dumps(spec.get("reference", [])),
                    spec_json,
                    "{}",
                    "{}",
                    f"{path}:1",
                    digest,
                )
            )
            position = 0
            for field, values in spec.items():
                if isinstance(values, list) and field != "reference":
                    for target in values:
                        links.append((*key, field, str(target), position))
                        position += 1
    return elements, links


def schema_statements(db_path: Path) -> list[str]:
    """CREATE statements (tables and indexes) of an initialised ea-repo SQLite database."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC, name").fetchall()
    return [sql for (sql,) in rows]


def plain_insert(db_path: Path, schema: list[str], elements: list[tuple], links: list[tuple]) -> None:
    """(b) a fresh WAL database, same schema, one transaction of executemany."""
    conn = _connect(db_path)
    conn.execute("BEGIN")
    for statement in schema:
        conn.execute(statement)
    conn.executemany(ELEMENT_INSERT, elements)
    conn.executemany(LINK_INSERT, links)
    conn.execute("COMMIT")
    conn.close()


def _connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


# --- check limit ------------------------------------------------------------------------
def allowed_pairs() -> tuple[set, set]:
    """(source kind, target kind) pairs an untyped link may join; (source, field, target) for typed."""
    mm = load_metamodel()
    pairs = {(s, t) for r in mm.relations for s in r.sources for t in r.targets}
    pairs |= {(t, s) for s, t in pairs}
    typed = {(s, r.field, t) for r in mm.relations for s in r.sources for t in r.targets}
    return pairs, typed


def plain_check(elements: list[tuple], links: list[tuple], pairs: set, typed: set) -> tuple[int, int]:
    """One dict/set pass: kind by (ippd, plateau, id); every link's target looked up and its pair tested."""
    kinds = {(row[0], row[1], row[2]): row[3] for row in elements}
    missing = bad = 0
    for ippd, plateau, source, field, target in links:
        target_kind = kinds.get((ippd, plateau, target))
        if target_kind is None:
            missing += 1
            continue
        source_kind = kinds[(ippd, plateau, source)]
        if (
            (source_kind, target_kind) not in pairs
            if field == "related"
            else (source_kind, field, target_kind) not in typed
        ):
            bad += 1
    return missing, bad


# --- harness sanity check: ORM objects vs executemany -----------------------------------
def orm_rows(count: int) -> list[tuple]:
    return [
        (
            "kab-x",
            "as-is",
            f"A.{i:05d}",
            "Application",
            f"Aplikasi {i}",
            "2.16.01",
            "[]",
            '{"category":"khusus"}',
            "{}",
            "{}",
            f"f.yaml:{i}",
            f"{i:024x}",
        )
        for i in range(count)
    ]


ORM_COLUMNS = (
    "ippd",
    "plateau",
    "element_id",
    "kind",
    "name",
    "opd",
    "reference",
    "spec",
    "labels",
    "annotations",
    "source",
    "digest",
)


def raw_insert(db_path: Path, schema: list[str], rows: list[tuple], from_dicts: bool = False) -> float:
    """Seconds for executemany of element tuples and commit (schema created first, untimed).

    from_dicts: the rows arrive as dicts (as the ORM gets them) and become tuples on the clock.
    """
    records = [dict(zip(ORM_COLUMNS, row, strict=False)) for row in rows] if from_dicts else None
    conn = _connect(db_path)
    for statement in schema:
        conn.execute(statement)
    started = time.perf_counter()
    if records is not None:
        rows = [tuple(record[c] for c in ORM_COLUMNS) for record in records]
    conn.execute("BEGIN")
    conn.executemany(ELEMENT_INSERT, rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def orm_insert(url: str, rows: list[tuple]) -> float:
    """Seconds to build ElementRecord objects and add/commit them in one session."""
    from sqlmodel import Session

    from ea_repo.storage.db import create_schema, make_engine
    from ea_repo.storage.tables import ElementRecord

    engine = make_engine(url)
    create_schema(engine)
    records = [dict(zip(ORM_COLUMNS, row, strict=False)) for row in rows]
    started = time.perf_counter()
    with Session(engine) as session:
        session.add_all([ElementRecord(**record) for record in records])
        session.commit()
    seconds = time.perf_counter() - started
    engine.dispose()
    return seconds
