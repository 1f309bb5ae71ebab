"""Roadmap initiatives as WorkPackage properties and back: each field of the record kind under its workbook column
(metamodel.yaml `records:`), its value as the workbook cell holds it, so the export, the workbook and the import
agree on one spelling. `delivers` is not a property: it is the WorkPackage -> Deliverable -> element realization
chain (ea_repo/archimate/write.py, read.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ea_repo.core.i18n import Message
from ea_repo.sheets.convert import CellError, from_cell, to_cell
from ea_repo.sheets.layout import Column, normal, record_layout
from metamodel import RecordKind, load_metamodel

DELIVERS = "delivers"  # the field written as the realization chain


_BOOKKEEPING = ("labels", "annotations")  # the workbook's Label and Catatan columns ("key: value" lines)


@lru_cache(maxsize=4)
def record_columns(kind_name: str) -> tuple[Column, ...]:
    """The workbook columns of a record kind's fields but `delivers`, and its Label and Catatan columns: the
    properties its WorkPackage carries (ID, name and IPPD are the element's own)."""
    kind = load_metamodel().record_kind(kind_name)
    assert kind is not None, kind_name
    return tuple(
        c
        for c in record_layout(kind).columns
        if (c.path[0] == "spec" and c.path[1] != DELIVERS) or (c.path[0] == "metadata" and c.path[1] in _BOOKKEEPING)
    )


def record_properties(kind_name: str, document: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(column, cell value) of what a record document holds, in the workbook's column order."""
    for column in record_columns(kind_name):
        section, name = column.path
        raw = (document.get(section) or {}).get(name)
        if section == "metadata" and raw:  # "key: value" lines: a note written on several lines is one line here
            raw = {key: " ".join(str(text).splitlines()) for key, text in raw.items()}
        value = to_cell(raw, column.shape)
        if value is not None:
            yield column.header, value


@dataclass
class RecordRead:
    """A record's spec, labels and annotations read from a WorkPackage's properties; cells that cannot be read."""

    spec: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[str, Message]] = field(default_factory=list)  # (property, what is wrong)


def read_record_properties(kind_name: str, properties: dict[str, list[str]]) -> RecordRead:
    """A column's header or alias names a field, the labels or the notes (as in a workbook); any other property is
    kept as an annotation under its own name."""
    matcher = {
        normal(text): column for column in record_columns(kind_name) for text in (column.header, *column.aliases)
    }
    read = RecordRead()
    for name, values in properties.items():
        column = matcher.get(normal(name))
        if column is None:
            read.annotations[name] = "\n".join(values)
            continue
        try:
            value = from_cell("\n".join(values), column.shape)
        except CellError as exc:
            read.problems.append((name, exc.message))
            continue
        if value is None:
            continue
        if column.path[0] == "spec":
            read.spec[column.path[1]] = value
        else:
            getattr(read, column.path[1]).update(value)
    return read


def id_example(kind: RecordKind, spec: dict[str, Any]) -> str:
    """The shape of an assigned ID: the muatan's prefix when the record names one (LAY.1, as `ea roadmap draft`
    numbers), else the record kind's example (D.1.1)."""
    muatan = str(spec.get("muatan") or "").strip().lower()
    prefixes = {m.key: m.prefix for m in load_metamodel().roadmap.muatan}
    return f"{prefixes[muatan]}.1" if muatan in prefixes else kind.id_example
