"""Documents to spreadsheet rows and back, and finding the header row of a real sheet."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ea_repo.catalog.documents import API_VERSION
from ea_repo.core.i18n import Message
from ea_repo.sheets.layout import CODES, IDS, LINES, NAMES, PAIRS, TARGETS, YEARS, Column, SheetLayout, normal

MAX_HEADER_SEARCH = 12  # rows above the header: titles, logos, merged group headings


class CellError(ValueError):
    """A cell that cannot be read as its column's shape (e.g. a label line without 'key: value')."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


# --- document -> row --------------------------------------------------------------------
def to_row(document: dict, layout: SheetLayout) -> list[Any]:
    return [to_cell((document.get(c.path[0]) or {}).get(c.path[1]), c.shape) for c in layout.columns]


def to_cell(value: Any, shape: str) -> Any:
    if value in (None, "", [], {}):
        return None
    if shape in (IDS, YEARS):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else value
    if shape in (CODES, LINES):
        return "\n".join(value) if isinstance(value, list) else value
    if shape == NAMES:
        return "; ".join(value) if isinstance(value, list) else value
    if shape in (PAIRS, TARGETS):
        return "\n".join(f"{k}: {v}" for k, v in value.items())
    return value


# --- row -> document --------------------------------------------------------------------
def from_cell(value: Any, shape: str) -> Any:
    """A cell as the document wants it; None when empty. Spaces around text are trimmed."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel keeps every number as a float: Kode OPD 14, 2025
    if isinstance(value, dt.datetime):
        value = value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    elif isinstance(value, dt.date):
        value = value.isoformat()
    if shape == NAMES:
        return [part.strip() for part in re.split(r"[;\n]", str(value)) if part.strip()]
    if shape == LINES:
        return [line.strip() for line in str(value).splitlines() if line.strip()]
    if shape == PAIRS:
        return _pairs(str(value))
    if shape == TARGETS:
        return {int(k) if k.isdigit() else k: v for k, v in _pairs(str(value)).items()}
    if shape in (IDS, CODES, YEARS):
        return str(value)
    return value


def _pairs(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise CellError(Message("pairs_line", got=repr(line.strip())))
        out[key.strip()] = value.strip()
    return out


def to_document(layout: SheetLayout, cells: dict[Column, Any], defaults: dict[str, str]) -> dict:
    """The catalogue document of one row; `defaults` fill metadata the sheet leaves out (the IPPD)."""
    document: dict[str, Any] = {"apiVersion": API_VERSION, "kind": layout.kind, "metadata": {}, "spec": {}}
    for column, value in cells.items():
        if value is not None:
            document[column.path[0]][column.path[1]] = value
    for key, value in defaults.items():
        if key not in document["metadata"] and any(c.path == ("metadata", key) for c in layout.columns):
            document["metadata"][key] = value
    return document


# --- the header row ---------------------------------------------------------------------
@dataclass(frozen=True)
class Header:
    row: int  # 1-based row of the (last) header line; data starts below
    columns: dict[int, Column]  # 0-based column index -> column
    ignored: tuple[str, ...]  # headers no column means (e.g. "No")


def find_header(rows: list[tuple], layout: SheetLayout) -> Header | None:
    """The best header among the first rows: one line, or two lines where a merged group heading
    sits above its sub-headings. None when no row names the ID column and one more."""
    matcher = layout.matcher()
    best: Header | None = None
    for index in range(min(len(rows), MAX_HEADER_SEARCH)):
        for header in (_single(rows, index, matcher), _double(rows, index, matcher)):
            if header and (best is None or len(header.columns) > len(best.columns)):
                best = header
    if best is None or not any(c.required for c in best.columns.values()) or len(best.columns) < 2:
        return None
    return best


def _single(rows: list[tuple], index: int, matcher: dict[str, Column]) -> Header | None:
    return _header(index + 1, [(i, cell) for i, cell in enumerate(rows[index])], matcher)


def _double(rows: list[tuple], index: int, matcher: dict[str, Column]) -> Header | None:
    if index + 1 >= len(rows):
        return None
    top, bottom = rows[index], rows[index + 1]
    width = max(len(top), len(bottom))
    texts = []
    group = None
    for i in range(width):
        upper = top[i] if i < len(top) else None
        lower = bottom[i] if i < len(bottom) else None
        group = upper if upper not in (None, "") else group  # a merged heading covers the cells to its right
        candidates = [lower, f"{group} {lower}" if group and lower else None, upper]
        texts.append(
            (
                i,
                next(
                    (c for c in candidates if c and normal(c) in matcher), lower if lower not in (None, "") else upper
                ),
            )
        )
    return _header(index + 2, texts, matcher)


def _header(row: int, texts: list[tuple[int, Any]], matcher: dict[str, Column]) -> Header | None:
    columns: dict[int, Column] = {}
    ignored = []
    taken: set[Column] = set()
    for i, text in texts:
        if text in (None, ""):
            continue
        column = matcher.get(normal(text))
        if column is None or column in taken:
            ignored.append(str(text).strip())
            continue
        columns[i] = column
        taken.add(column)
    return Header(row, columns, tuple(ignored)) if columns else None


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
