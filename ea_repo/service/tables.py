"""The catalogue as the national template's tables: a kind's columns and an element's cells, as the workbook writes
them (the sheets layout asks the metamodel; nothing here restates a column), and a filtered view as a download."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ea_repo.access.principal import Principal, require_ippd
from ea_repo.catalog.elements import ElementRow
from ea_repo.catalog.exporter import element_document
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message
from ea_repo.service.browse import ElementQuery, _order, element_selection
from ea_repo.service.repository import Repository
from ea_repo.service.sheets import reference_codes
from ea_repo.sheets.convert import to_cell
from ea_repo.sheets.layout import IDS, Column, element_layout
from ea_repo.sheets.write import write_csv_files, write_workbook
from ea_repo.storage import store
from metamodel import load_metamodel

BOOKKEEPING = ("metadata.ippd", "metadata.labels", "metadata.annotations")  # what a table of one IPPD leaves out


@dataclass(frozen=True)
class TableColumn:
    header: str  # the national template's column, as the workbook heads it
    field: str  # where in the document: "metadata.id", "spec.url"
    ids: bool = False  # its cell lists element IDs (links)


@dataclass(frozen=True)
class TableCell:
    text: str | None  # as the workbook's cell holds it (several IDs "A, B", several codes one per line)
    ids: tuple[str, ...] = ()  # the element IDs it names, when the column holds IDs


@dataclass(frozen=True)
class KindTable:
    kind: str  # the kind's name (Application)
    columns: tuple[TableColumn, ...]
    rows: list[tuple[ElementRow, tuple[TableCell, ...]]]


def table_columns(kind: str, leave_out: Iterable[str] = BOOKKEEPING) -> tuple[TableColumn, ...]:
    """A kind's columns as its sheet in the national workbook has them, but those in `leave_out`."""
    skipped = set(leave_out)
    return tuple(
        TableColumn(c.header, ".".join(c.path), c.shape == IDS)
        for c in _columns(kind)
        if ".".join(c.path) not in skipped
    )


def catalog_tables(rows: Iterable[ElementRow], leave_out: Iterable[str] = BOOKKEEPING) -> list[KindTable]:
    """The rows as one table per kind (in metamodel order; rows in the order given), cells as the workbook
    writes them."""
    metamodel = load_metamodel()
    grouped: dict[str, list[ElementRow]] = {}
    for row in rows:
        grouped.setdefault(row.kind, []).append(row)
    skipped = tuple(leave_out)
    tables = []
    for kind in sorted(grouped, key=metamodel.kind_order):
        columns = table_columns(kind, skipped)
        wanted = {c.field for c in columns}
        layout = [c for c in _columns(kind) if ".".join(c.path) in wanted]
        tables.append(KindTable(kind, columns, [(row, _cells(row, layout)) for row in grouped[kind]]))
    return tables


def _columns(kind: str) -> tuple[Column, ...]:
    return element_layout(load_metamodel().kind(kind)).columns


def _cells(row: ElementRow, layout: list[Column]) -> tuple[TableCell, ...]:
    document = element_document(row)
    cells = []
    for column in layout:
        value = (document.get(column.path[0]) or {}).get(column.path[1])
        text = to_cell(value, column.shape)
        ids = tuple(str(v) for v in value) if column.shape == IDS and isinstance(value, list) else ()
        cells.append(TableCell(None if text is None else str(text), ids))
    return tuple(cells)


def kind_counts(repo: Repository, ippd: str, *, principal: Principal) -> dict[str, dict[str, int]]:
    """Plateau -> kind name -> how many elements the principal sees (one grouped count, for a kind chooser)."""
    require_ippd(principal, ippd)
    opds = tuple(sorted(principal.opds)) if principal.opds is not None else None
    with repo.engine.connect() as conn:
        counted = store.count_by_kind(conn, store.ElementFilter(ippd=ippd, opds=opds))
    out: dict[str, dict[str, int]] = {}
    for plateau, kind, count in counted:
        out.setdefault(plateau, {})[kind] = count
    return out


# --- a filtered view as a download ------------------------------------------------------
@dataclass(frozen=True)
class ViewExport:
    content: bytes
    format: str  # xlsx, csv, or zip (CSV of several kinds: one file per kind)
    elements: int


def export_view(
    repo: Repository, ippd: str, query: ElementQuery, *, principal: Principal, format: str = "xlsx", lang: str = "id"
) -> ViewExport:
    """Exactly the elements a catalogue view shows (every page of it, in its order) in the national layout: an XLSX
    workbook, or CSV (one kind: one file; several kinds: a zip of one CSV per kind, as `ea export` writes them).
    Cells through the writers' output safety (reports.safety)."""
    if format not in ("xlsx", "csv"):
        raise ConfigError(Message("parameter_one_of", name="format", choices="xlsx, csv", got=repr(format)))
    order, descending = _order(query.order)
    selection = element_selection(repo, ippd, query, principal=principal)
    with repo.engine.connect() as conn:
        rows = list(store.read_elements(conn, selection, order=order, descending=descending))
    documents = [element_document(r) for r in rows]
    if format == "xlsx":
        return ViewExport(write_workbook(documents, reference_codes(repo), lang=lang), "xlsx", len(rows))
    with tempfile.TemporaryDirectory(prefix="ea-view-") as folder:
        files = write_csv_files(documents, Path(folder))
        if len(files) == 1:
            return ViewExport(files[0].read_bytes(), "csv", len(rows))
        if not files:  # nothing matched: the header of the kind asked for (or nothing, for several kinds)
            kinds, text = selection.kinds or (), io.StringIO()
            if len(kinds) == 1:
                csv.writer(text, lineterminator="\n").writerow([c.header for c in _columns(kinds[0])])
            return ViewExport(text.getvalue().encode("utf-8-sig"), "csv", 0)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.writestr(path.name, path.read_bytes())
    return ViewExport(buffer.getvalue(), "zip", len(rows))
