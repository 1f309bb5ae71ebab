"""The spreadsheet layout: one sheet per kind, its columns read from the metamodel.

A column maps a header (as the national templates write it, with the spellings real sheets
use) to one place in a catalogue document. Rows become documents and documents become rows,
so a spreadsheet is only another way of writing the YAML: the same validation, nothing lost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from metamodel import RELATED_FIELD, Kind, RecordKind, load_metamodel

TEXT, IDS, CODES, PAIRS, NAMES, YEARS, TARGETS, LINES = (
    "text",
    "ids",
    "codes",
    "pairs",
    "names",
    "years",
    "targets",
    "lines",
)
ORGANISATION_SHEETS = {"IPPD": "IPPD", "OPD": "OPD"}


@dataclass(frozen=True)
class Column:
    header: str
    path: tuple[str, str]  # (metadata|spec, field)
    shape: str = TEXT  # how a cell holds the value: text, ID list, reference codes, key: value lines, ...
    aliases: tuple[str, ...] = ()
    values: tuple[str, ...] = ()  # an enumeration: a dropdown in the template
    required: bool = False


@dataclass(frozen=True)
class SheetLayout:
    kind: str
    sheet: str
    columns: tuple[Column, ...]
    reference: str | None = None  # the reference list (RAB, ...) of the kind's domain
    extra_names: tuple[str, ...] = field(default=())  # other sheet names that mean this kind

    def matcher(self) -> dict[str, Column]:
        """Normalised header or alias -> column."""
        out: dict[str, Column] = {}
        for column in self.columns:
            for text in (column.header, *column.aliases):
                out.setdefault(normal(text), column)
        return out


def normal(text: Any) -> str:
    """A header as compared: case, accents, punctuation, line breaks and repeated spaces ignored."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def _common(kind: Kind, name_header: str) -> list[Column]:
    return [
        Column("ID", ("metadata", "id"), aliases=(f"ID {kind.name_id}", "Kode", "No ID", "ID Elemen"), required=True),
        Column(name_header, ("metadata", "name"), aliases=("Nama", f"Nama {kind.name_id}", f"Nama {kind.name_en}")),
        Column("Kode OPD", ("metadata", "opd"), aliases=("OPD", "Kode Perangkat Daerah", "Kode SKPD")),
        Column("Kode IPPD", ("metadata", "ippd"), aliases=("IPPD", "Instansi", "Kode Instansi")),
        Column(
            "Plateau",
            ("metadata", "plateau"),
            aliases=("Kondisi", "Arsitektur"),
            values=load_metamodel().named_plateaus,
        ),
    ]


def _bookkeeping() -> list[Column]:
    return [
        Column("Label", ("metadata", "labels"), PAIRS, aliases=("Labels",)),
        Column("Catatan", ("metadata", "annotations"), PAIRS, aliases=("Anotasi", "Annotations", "Keterangan")),
    ]


def element_layout(kind: Kind) -> SheetLayout:
    metamodel = load_metamodel()
    domain = metamodel.domain(kind.domain)
    columns = _common(kind, kind.name_column)
    columns += [Column(a.column, ("spec", a.name), aliases=(a.label, a.name), values=a.values) for a in kind.attributes]
    columns.append(
        Column(
            "Kode Model Referensi",
            ("spec", "reference"),
            CODES,
            aliases=(
                f"Kode Model Referensi {kind.name_id}",
                f"Kode Model Referensi {domain.name_id}",
                "Kode Referensi",
                f"Kode {domain.reference}",
                "Kode Model Referensi Data",
                "Kode Model Referensi Layanan",
                "Kode Model Referensi Aplikasi",
            ),
        )
    )
    for link_field in kind.link_fields:
        relation = next(r for r in metamodel.relations if r.field == link_field and kind.name in r.sources)
        columns.append(
            Column(
                f"ID {relation.label_id}", ("spec", link_field), IDS, aliases=(link_field, f"ID {relation.label_en}")
            )
        )
    columns.append(
        Column("ID Metadata Terkait", ("spec", RELATED_FIELD), IDS, aliases=("Metadata Terkait", "ID Terkait"))
    )
    return SheetLayout(
        kind.name,
        sheet_name(kind.name_id),
        tuple(columns + _bookkeeping()),
        domain.reference,
        (kind.name, kind.key, kind.name_id),
    )


def organisation_layout(kind: Kind) -> SheetLayout:
    if kind.name == "IPPD":
        columns = [
            Column("Kode IPPD", ("metadata", "id"), aliases=("Kode", "ID", "IPPD"), required=True),
            Column("Nama IPPD", ("metadata", "name"), aliases=("Nama", "Nama Instansi", "Nama Pemerintah Daerah")),
        ]
    else:
        columns = [
            Column("Kode IPPD", ("metadata", "ippd"), aliases=("IPPD", "Instansi")),
            Column("Kode OPD", ("metadata", "id"), aliases=("Kode", "ID", "Kode Perangkat Daerah"), required=True),
            Column("Nama OPD", ("metadata", "name"), aliases=("Nama", "Nama Perangkat Daerah")),
        ]
    columns += [Column(a.column, ("spec", a.name), aliases=(a.label, a.name), values=a.values) for a in kind.attributes]
    columns.append(Column("Label", ("metadata", "labels"), PAIRS, aliases=("Labels",)))
    return SheetLayout(kind.name, ORGANISATION_SHEETS[kind.name], tuple(columns), None, (kind.name, kind.key))


# How a record field's list is written in one cell, by the field's type (metamodel.yaml `records:`).
RECORD_CELLS = {"names": NAMES, "subjects": NAMES, "years": YEARS, "year_texts": TARGETS, "ids": IDS}
RECORD_CELLS |= {"mentions": IDS, "texts": LINES}


def record_layout(record: RecordKind) -> SheetLayout:
    """A record kind's sheet: ID, name and IPPD, then its fields with a column, as the metamodel declares them."""
    columns = [
        Column("ID", ("metadata", "id"), aliases=("No", "Nomor"), required=True),
        Column(record.name_column, ("metadata", "name"), aliases=record.name_aliases),
        Column("Kode IPPD", ("metadata", "ippd"), aliases=("IPPD",)),
    ]
    for f in record.fields:
        if f.column:
            shape = f.cell or RECORD_CELLS.get(f.type, TEXT)
            values = f.values if f.type == "enum" else ()  # a dropdown only where one value is chosen
            columns.append(
                Column(f.column, ("spec", f.name), shape, aliases=f.aliases or (f.label, f.name), values=values)
            )
    if record.group == "roadmap":
        columns += _bookkeeping()
    else:
        columns.append(Column("Catatan", ("metadata", "annotations"), PAIRS, aliases=("Anotasi", "Keterangan")))
    return SheetLayout(record.name, record.sheet, tuple(columns), None, (record.name,))


def sheet_name(title: str) -> str:
    """Excel allows 31 characters and no : \\ / ? * [ ] in a sheet name."""
    return re.sub(r"[:\\/?*\[\]]", " ", title)[:31].rstrip()


@lru_cache(maxsize=1)
def layouts() -> tuple[SheetLayout, ...]:
    """Every sheet a workbook may hold, in workbook order: organisation, the kinds in metamodel order, the roadmap."""
    metamodel = load_metamodel()
    return (
        *(organisation_layout(k) for k in metamodel.organisation_kinds),
        *(element_layout(k) for k in metamodel.kinds),
        *(record_layout(k) for k in metamodel.record_kinds if k.group == "roadmap"),
        *(record_layout(k) for k in metamodel.record_kinds if k.group == "evidence"),
    )


def layout_for_sheet(name: str) -> SheetLayout | None:
    """The layout a sheet (or CSV file stem) name means: its Indonesian name, the kind name or key, any case."""
    wanted = normal(name)
    for layout in layouts():
        if wanted in {normal(n) for n in (layout.sheet, *layout.extra_names)}:
            return layout
    return None
