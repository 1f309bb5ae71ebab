"""Reference-model code lists in force: the shipped lists, replaced per domain by a user's file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml
from sqlalchemy.engine import Connection

from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message
from ea_repo.core.yaml_io import YAML_SUFFIXES
from ea_repo.storage.db import placeholders
from metamodel import REFERENCE_DOMAINS, ReferenceList, ReferenceListError, build_reference_list, load_metamodel

_HEADER_ALIASES = {"code": "code", "kode": "code", "level": "level", "name": "name", "nama": "name", "uraian": "name"}


def read_reference_file(path: Path, domain: str) -> list[tuple[str, str, str]]:
    """(code, level, name) rows from a CSV, TSV or YAML file; header names in English or Indonesian."""
    if domain not in REFERENCE_DOMAINS:
        raise ConfigError(Message("unknown_reference_list", list=repr(domain), known=", ".join(REFERENCE_DOMAINS)))
    if not path.is_file():
        raise ConfigError(Message("file_missing", path=path))
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() in YAML_SUFFIXES:
        return _yaml_rows(text, path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in text.splitlines()[0] else ","
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    columns = {c: _HEADER_ALIASES.get((c or "").strip().lower()) for c in reader.fieldnames or []}
    if not {"code", "name"} <= set(columns.values()):
        raise ConfigError(Message("reference_header", path=path, got=reader.fieldnames))
    return [_row({columns[k]: v for k, v in r.items() if columns.get(k)}) for r in reader]


def _yaml_rows(text: str, path: Path) -> list[tuple[str, str, str]]:
    data = yaml.safe_load(text)
    items = data.get("codes") if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ConfigError(Message("reference_yaml", path=path))
    return [_row({_HEADER_ALIASES.get(str(k).lower(), ""): v for k, v in item.items()}) for item in items]


def _row(values: dict) -> tuple[str, str, str]:
    return (str(values.get("code") or ""), str(values.get("level") or ""), str(values.get("name") or ""))


def store_reference_list(conn: Connection, reference: ReferenceList) -> None:
    """Replace the domain's list in the repository with this one."""
    conn.exec_driver_sql(placeholders(conn, "DELETE FROM reference_code WHERE domain = ?"), (reference.domain,))
    rows = [
        (reference.domain, c.code, c.level, c.name, reference.version, reference.source)
        for c in reference.codes.values()
    ]
    if rows:
        sql = "INSERT INTO reference_code (domain, code, level, name, version, source) VALUES (?, ?, ?, ?, ?, ?)"
        conn.exec_driver_sql(placeholders(conn, sql), rows)


def delete_reference_list(conn: Connection, domain: str) -> None:
    conn.exec_driver_sql(placeholders(conn, "DELETE FROM reference_code WHERE domain = ?"), (domain,))


def build_user_list(domain: str, rows: list[tuple[str, str, str]], *, version: str, source: str) -> ReferenceList:
    try:
        return build_reference_list(domain, rows, version=version, source=source)
    except ReferenceListError as exc:  # the metamodel's own words (it imports nothing of ours): English for now
        raise ConfigError([f"{source}: {p}" for p in exc.problems]) from None


def lists_in_force(conn: Connection) -> dict[str, ReferenceList]:
    """Per domain: the user's list if one was loaded, else the shipped one."""
    metamodel = load_metamodel()
    lists = {d: metamodel.reference_codes(d) for d in REFERENCE_DOMAINS}
    rows = conn.exec_driver_sql("SELECT domain, code, level, name, version, source FROM reference_code").all()
    loaded: dict[str, list] = {}
    for row in rows:
        loaded.setdefault(row[0], []).append(row)
    for domain, items in loaded.items():
        rows3 = [(code, str(level), name) for _, code, level, name, _, _ in items]
        lists[domain] = build_reference_list(domain, rows3, version=items[0][4], source=items[0][5])
    return lists
