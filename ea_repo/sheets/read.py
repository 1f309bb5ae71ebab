"""Reading XLSX workbooks and CSV files in the national layouts into validated catalogue rows.

Tolerant of what real sheets do (title rows above the header, merged group headings, header
spellings and line breaks, lists of IDs in one cell, trailing spaces, numbers where text was
meant, extra columns such as "No"); strict about what matters: every bad row is reported with
its sheet, row and column, and nothing is imported unless every row is good.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ea_repo.core.errors import InputProblem
from ea_repo.core.i18n import Message
from ea_repo.core.yaml_io import LoadedDocument
from ea_repo.reports.safety import unquote_cell
from ea_repo.sheets.convert import CellError, Header, column_letter, find_header, from_cell, to_document
from ea_repo.sheets.formulas import Cell, uncalculated_formulas
from ea_repo.sheets.layout import ORGANISATION_SHEETS, SheetLayout, layout_for_sheet

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
OUR_SHEETS = {"petunjuk", "daftar", "kode referensi"}  # written by ea export / ea template: not data


@dataclass
class SheetRow:
    """One data row: its document, and where each field came from (for error messages)."""

    document: dict
    where: str  # "file [sheet]"
    row: int
    columns: dict[str, str]  # document field (spec.url) -> "Alamat URL (F)"


@dataclass
class SheetRead:
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)  # sheets and columns left aside, for the user to see
    kinds: set[str] = field(default_factory=set)  # the kinds whose sheet is present (even empty): what `--sync` covers


def read_workbook(path: Path, default_ippd: str | None = None) -> SheetRead:
    from openpyxl import load_workbook

    result = SheetRead()
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:  # read-only sheets are parsed here, lazily: a hostile sheet (an XML entity) fails here, not above
            sheets = [(name, [tuple(r) for r in book[name].iter_rows(values_only=True)]) for name in book.sheetnames]
        finally:
            book.close()
    except Exception as exc:  # noqa: BLE001 - openpyxl and the XML parser raise many kinds for a file that is not a workbook
        result.problems.append(
            InputProblem(str(path), None, Message("bad_workbook", detail=f"{type(exc).__name__}: {str(exc)[:200]}"))
        )
        return result
    _read_sheets(path, sheets, default_ippd, result, uncalculated_formulas(path))
    return result


def read_csv(path: Path, default_ippd: str | None = None) -> SheetRead:
    """One CSV file holds one sheet; its name (aplikasi.csv, application.csv, OPD.csv) says which."""
    result = SheetRead()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        result.problems.append(InputProblem(str(path), None, Message("not_utf8", byte=exc.start)))
        return result
    dialect = _dialect(text)
    rows = [tuple(r) for r in csv.reader(io.StringIO(text), dialect)]
    _read_sheets(path, [(path.stem, rows)], default_ippd, result)
    return result


def _dialect(text: str) -> type[csv.Dialect]:
    """Comma, semicolon (Excel in an Indonesian locale writes ';') or tab; quoting always as Excel does it."""
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    return type("Sheet", (csv.excel,), {"delimiter": delimiter})


def _read_sheets(
    path: Path,
    sheets: list[tuple[str, list[tuple]]],
    default_ippd: str | None,
    result: SheetRead,
    formulas: dict[str, dict[Cell, str]] | None = None,
) -> None:
    ippd = default_ippd or _only_ippd(sheets)
    for name, rows in sheets:
        layout = layout_for_sheet(name)
        if layout is None:
            if name.strip().lower() not in OUR_SHEETS:
                result.notes.append(Message("sheet_left_aside", where=f"{path.name} [{name}]"))
            continue
        header = find_header(rows, layout)
        if header is None:
            if any(any(c not in (None, "") for c in r) for r in rows):
                result.problems.append(
                    InputProblem(
                        f"{path.name} [{name}]",
                        None,
                        Message("no_header_row", header=layout.columns[0].header),
                    )
                )
            continue
        if header.ignored:
            ignored = ", ".join(header.ignored)
            result.notes.append(Message("columns_left_aside", where=f"{path.name} [{name}]", columns=ignored))
        result.kinds.add(layout.kind)
        _read_rows(
            f"{path.name} [{name}]",
            layout,
            header,
            rows,
            {"ippd": ippd} if ippd else {},
            result,
            (formulas or {}).get(name, {}),
        )


def _only_ippd(sheets: list[tuple[str, list[tuple]]]) -> str | None:
    """The IPPD of a workbook whose IPPD sheet holds exactly one: the default for rows without one."""
    for name, rows in sheets:
        layout = layout_for_sheet(name)
        if layout is None or layout.sheet != ORGANISATION_SHEETS["IPPD"]:
            continue
        header = find_header(rows, layout)
        if header is None:
            return None
        index = next(i for i, c in header.columns.items() if c.path == ("metadata", "id"))
        codes = {
            str(from_cell(r[index], "text"))
            for r in rows[header.row :]
            if index < len(r) and from_cell(r[index], "text") is not None
        }
        return codes.pop() if len(codes) == 1 else None
    return None


def _read_rows(
    where: str,
    layout: SheetLayout,
    header: Header,
    rows: list[tuple],
    defaults: dict[str, str],
    result: SheetRead,
    formulas: dict[Cell, str],
) -> None:
    labels = {f"{c.path[0]}.{c.path[1]}": f"{c.header} ({column_letter(i)})" for i, c in header.columns.items()}
    for number, row in enumerate(rows[header.row :], start=header.row + 1):
        uncalculated = (
            [(i, formulas[(number, i + 1)]) for i in header.columns if (number, i + 1) in formulas] if formulas else []
        )
        if all(cell in (None, "") or (isinstance(cell, str) and not cell.strip()) for cell in row) and not uncalculated:
            continue
        cells: dict = {}
        bad = False
        for index, formula in uncalculated:  # read as None by data_only: never a silent empty cell
            column = header.columns[index]
            result.problems.append(
                InputProblem(
                    where,
                    number,
                    Message("formula_without_value", formula=formula, cell=f"{column_letter(index)}{number}"),
                    layout.kind,
                    _row_id(header, row),
                    labels[f"{column.path[0]}.{column.path[1]}"],
                )
            )
            bad = True
        for index, column in header.columns.items():
            try:
                # unquote_cell: a text our CSV export quoted ('=1+1) is read back as stored (=1+1)
                cells[column] = from_cell(unquote_cell(row[index]) if index < len(row) else None, column.shape)
            except CellError as exc:
                result.problems.append(
                    InputProblem(
                        where,
                        number,
                        exc.message,
                        layout.kind,
                        None,
                        labels[f"{column.path[0]}.{column.path[1]}"],
                    )
                )
                bad = True
        if not bad:
            result.rows.append(SheetRow(to_document(layout, cells, defaults), where, number, labels))


def _row_id(header: Header, row: tuple) -> str | None:
    index = next((i for i, c in header.columns.items() if c.path == ("metadata", "id")), None)
    value = row[index] if index is not None and index < len(row) else None
    return str(value).strip() or None if value is not None else None


def validate_rows(rows: Iterable[SheetRow], reader_for) -> tuple[list[Any], list[InputProblem]]:
    """Each row's document through the catalogue's own validation; problems named by sheet, row and column."""
    parsed, problems = [], []
    for row in rows:
        outcome = reader_for(row.where).read(
            LoadedDocument(0, row.row, row.document)
        )  # the row, for the source and duplicates
        if isinstance(outcome, list):
            problems += [
                InputProblem(row.where, row.row, p.message, p.kind, p.element_id, _column_of(p.field, row.columns))
                for p in outcome
            ]
        else:
            parsed.append(outcome)
    return parsed, problems


def _column_of(field_path: str | None, columns: dict[str, str]) -> str | None:
    """'spec.url' -> 'Alamat URL (F)'; a nested path (spec.years.1) by its first two parts."""
    if not field_path:
        return field_path
    key = ".".join(field_path.split(".")[:2])
    return columns.get(key, field_path)
