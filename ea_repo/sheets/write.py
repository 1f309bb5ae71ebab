"""Writing catalogue documents as an XLSX workbook (one sheet per kind) or CSV files, and the empty template.

Every cell is text or a plain number, never a formula; what a spreadsheet could evaluate or refuse is
made safe by reports.safety (CSV: a leading `'`, which `ea import` takes away again; XLSX: characters
XLSX cannot hold as U+FFFD, with a comment on the cell). Dropdowns (Excel data validation) offer
the OPD codes, the plateaus, each enumeration's values and the reference codes of the sheet's
domain, from a hidden list sheet, so a template filled in by hand already speaks the metamodel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from ea_repo.core.i18n import Catalogue, Text, t
from ea_repo.reports.safety import csv_cell, xlsx_append, xlsx_catalogue_cell, xlsx_text
from ea_repo.sheets.convert import column_letter, to_row
from ea_repo.sheets.layout import CODES, SheetLayout, layouts
from metamodel import load_metamodel

LIST_SHEET = "Daftar"
GUIDE_SHEET = "Petunjuk"
TEMPLATE_ROWS = 500  # rows of a template that carry the dropdowns


def documents_by_layout(documents: Iterable[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for document in documents:
        out.setdefault(document["kind"], []).append(document)
    return out


def write_workbook(
    documents: Iterable[dict],
    reference_codes: dict[str, list[str]],
    *,
    guide: bool = True,
    all_sheets: bool = False,
    lang: str = "id",
) -> bytes:
    """The documents as a workbook: a guide, one sheet per kind present (`all_sheets`: every kind, the
    template), and the hidden list sheet behind the dropdowns."""
    from openpyxl import Workbook

    grouped = documents_by_layout(documents)
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    if guide:
        _guide(book.create_sheet(GUIDE_SHEET), lang)
    lists = book.create_sheet(LIST_SHEET)
    ranges = _lists(lists, grouped, reference_codes)
    lists.sheet_state = "hidden"
    for layout in layouts():
        rows = grouped.get(layout.kind, [])
        if rows or all_sheets:
            _sheet(book.create_sheet(layout.sheet), layout, rows, ranges, lang)
    book.move_sheet(LIST_SHEET, offset=len(book.sheetnames))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(sheet, layout: SheetLayout, documents: list[dict], ranges: dict[str, str], lang: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet.append([c.header for c in layout.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF5")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    note = t("safety_xlsx_replaced", lang)
    wrapped, single = Alignment(wrap_text=True, vertical="top"), Alignment(wrap_text=False, vertical="top")
    for document in documents:
        for cell in xlsx_append(sheet, to_row(document, layout), note, cell=xlsx_catalogue_cell):
            if isinstance(cell.value, str):
                cell.alignment = wrapped if "\n" in cell.value else single
    sheet.freeze_panes = "B2"
    for index, column in enumerate(layout.columns):
        letter = column_letter(index)
        sheet.column_dimensions[letter].width = min(max(len(column.header) + 2, 12), 45)
        source = _validation_source(layout, column, ranges)
        if source:
            _dropdown(sheet, letter, source, max(len(documents) + 1, TEMPLATE_ROWS))


def _validation_source(layout: SheetLayout, column, ranges: dict[str, str]) -> str | None:
    if column.path == ("metadata", "opd"):
        return ranges.get("opd")
    if column.shape == CODES and layout.reference:
        return ranges.get(layout.reference)
    if column.values:
        return ranges.get(f"values:{','.join(column.values)}")
    return None


def _dropdown(sheet, letter: str, source: str, last_row: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    # A list, not a hard stop: several codes in one cell and a code with its name are still allowed.
    validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=False)
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(validation)


def _lists(sheet, grouped: dict[str, list[dict]], reference_codes: dict[str, list[str]]) -> dict[str, str]:
    """Write each dropdown's values in a column of the hidden list sheet; name -> range formula."""
    columns: dict[str, list[str]] = {"opd": sorted({d["metadata"]["id"] for d in grouped.get("OPD", [])})}
    columns["plateau"] = list(load_metamodel().named_plateaus)
    for layout in layouts():
        for column in layout.columns:
            if column.values:
                columns[f"values:{','.join(column.values)}"] = list(column.values)
    columns.update({name: codes for name, codes in sorted(reference_codes.items()) if codes})
    ranges = {}
    for index, (name, values) in enumerate(columns.items()):
        letter = column_letter(index)
        sheet.cell(row=1, column=index + 1, value=name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index + 1, value=xlsx_text(value)).data_type = "s"
        if values:
            ranges[name] = f"'{LIST_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


GUIDE = Catalogue(
    "sheets",
    {
        "guide_title": Text(
            "Lembar kerja katalog Arsitektur SPBE (ea-repo).", "SPBE architecture catalogue workbook (ea-repo)."
        ),
        "guide_sheets": Text(
            "Satu lembar per jenis elemen; kolom mengikuti tabel bukti level 3 nasional. Baris judul di atas header "
            "boleh ada.",
            "One sheet per element kind; columns follow the national level-3 evidence tables. Title rows above the "
            "header are fine.",
        ),
        "guide_ids": Text(
            "ID: seperti templat nasional (P.1, D.001, L.001, A.001, I.PKS.001, K.PKK.001). Plateau: as-is, to-be "
            "atau tahun.",
            "IDs as the national templates write them (P.1, D.001, L.001, A.001, I.PKS.001, K.PKK.001). Plateau: "
            "as-is, to-be or a year.",
        ),
        "guide_cells": Text(
            'Beberapa ID dalam satu sel dipisah koma ("L.163, L.164"); beberapa kode referensi dipisah baris baru.',
            'Several IDs in one cell are separated by commas ("L.163, L.164"); several reference codes by line breaks.',
        ),
        "guide_pairs": Text(
            "Label dan Catatan: satu 'kunci: nilai' per baris. Penanggung Jawab (OPD) pada Inisiatif: dipisah titik "
            "koma.",
            "Label and Catatan: one 'key: value' per line. An initiative's Penanggung Jawab (OPD): separated by "
            "semicolons.",
        ),
        "guide_import": Text(
            "Impor: ea import berkas.xlsx (semua atau tidak sama sekali; setiap baris salah disebut lembar, baris dan "
            "kolomnya).",
            "Import: ea import file.xlsx (all or nothing; every bad row is named by sheet, row and column).",
        ),
        "guide_roadmap": Text(
            "Lembar {sheets}: Peta Rencana SPBE (periode rencana dan inisiatif).",
            "Sheets {sheets}: the Peta Rencana SPBE (plan period and initiatives).",
        ),
        "sheet": Text("Lembar", "Sheet"),
        "kind": Text("Jenis", "Kind"),
    },
)


def _guide(sheet, lang: str) -> None:
    from openpyxl.styles import Font

    roadmap = ", ".join(k.sheet for k in load_metamodel().record_kinds if k.group == "roadmap")
    keys = ("guide_title", "guide_sheets", "guide_ids", "guide_cells", "guide_pairs", "guide_import", "guide_roadmap")
    for line in [GUIDE.t(key, lang, sheets=roadmap) for key in keys] + [t("safety_xlsx_guide", lang)]:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 120
    sheet.append([])
    sheet.append([GUIDE.t("sheet", lang), GUIDE.t("kind", lang)])
    for layout in layouts():
        sheet.append([layout.sheet, layout.kind])


def write_csv_files(documents: Iterable[dict], out_dir: Path) -> list[Path]:
    """One CSV per kind present (UTF-8 with BOM so Excel reads it), named by its sheet; every text cell
    through csv_cell, so no spreadsheet evaluates it (`ea import` reads the exact text back)."""
    grouped = documents_by_layout(documents)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for layout in layouts():
        rows = grouped.get(layout.kind)
        if not rows:
            continue
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.header for c in layout.columns])
        writer.writerows([["" if v is None else csv_cell(v) for v in to_row(d, layout)] for d in rows])
        target = out_dir / f"{layout.sheet}.csv"
        target.write_text(buffer.getvalue(), encoding="utf-8-sig")
        written.append(target)
    return written
