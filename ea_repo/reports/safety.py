"""Output safety: stored text made harmless for the program that opens what we write.

Names and descriptions are typed by many architects and stored as written; the writers must not
let that text act. One helper per kind of output, applied at each writer's choke point:

- `csv_cell`: a spreadsheet opening a CSV evaluates a cell that begins with `=`, `+`, `-`, `@`,
  TAB or CR (formula and DDE injection, OWASP "CSV Injection"). Such text gets a leading `'`,
  which Excel and LibreOffice show and never evaluate. The full-width look-alikes U+FF1D `＝`,
  U+FF0B `＋`, U+FF0D `－` and U+FF20 `＠` are quoted too: Excel in East-Asian locales reads
  them as their ASCII forms, and an Indonesian name hardly ever begins with one.
  Numbers written as numbers stay numbers (-3 stays -3).
- `unquote_cell`: our own import undoes `csv_cell`, so export then import gives back the stored
  text exactly. The rule is bijective: the writer quotes text matching `'*` + trigger, the reader
  drops one `'` from text matching `'+` + trigger. A cell that begins with `'` and a character
  that is no trigger (`'Dinas`) is read as written.
- `xlsx_text`: XLSX (XML) cannot hold most C0 control characters; openpyxl raises on them. They
  become U+FFFD, and each writer says so in a comment on the cell (`xlsx_append`).
- `markdown_text`: Markdown passes raw HTML through and turns `[x](javascript:...)` into a link.
  Text is escaped so it renders as text; no link can be formed from stored text at all.
- `terminal_text`: escape sequences, BEL, CR and the like in stored text would drive the
  terminal; bidi overrides reorder what is shown. They become U+FFFD (the rest of an escape
  sequence stays visible, so the reader sees that something odd is stored). Rich must then print
  the text without reading markup: wrap it in `rich.text.Text`. `json_text` does the same for JSON
  on a terminal, losslessly, as JSON escapes (\\u009b).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

REPLACEMENT = "\ufffd"
TRIGGERS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
_TRIGGER = re.compile(f"'*[{re.escape(TRIGGERS)}]")
_QUOTED_TRIGGER = re.compile(f"'+[{re.escape(TRIGGERS)}]")

# C0 controls but LF and TAB, DEL, C1 controls (0x9B is an 8-bit CSI), and the bidi embeddings,
# overrides and isolates (U+202A-202E, U+2066-2069) that reorder text on screen.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What openpyxl refuses (openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE), plus what XML 1.0 forbids besides.
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|~])")
_LINE_START_HASH = re.compile(r"^(\s*)#", re.MULTILINE)


# --- CSV --------------------------------------------------------------------------------
def csv_cell(value: Any) -> Any:
    """A CSV cell no spreadsheet evaluates: text beginning with a trigger gets a leading `'`."""
    if isinstance(value, str) and _TRIGGER.match(value):
        return "'" + value
    return value


def unquote_cell(value: Any) -> Any:
    """Undo `csv_cell` on import: `'=1+1` -> `=1+1`; `'Dinas` stays as written."""
    if isinstance(value, str) and _QUOTED_TRIGGER.match(value):
        return value[1:]
    return value


# --- XLSX -------------------------------------------------------------------------------
def xlsx_text(value: Any) -> Any:
    """Text an XLSX cell can hold: characters openpyxl and Excel refuse become U+FFFD."""
    if isinstance(value, str):
        return _XLSX_ILLEGAL.sub(REPLACEMENT, value)
    return value


def xlsx_catalogue_cell(value: Any) -> Any:
    """A catalogue workbook cell that `ea import` reads back exactly: `xlsx_text`, and text that
    already begins with `'` and a trigger gets one more `'`, which `unquote_cell` takes away."""
    value = xlsx_text(value)
    return "'" + value if isinstance(value, str) and _QUOTED_TRIGGER.match(value) else value


def xlsx_append(sheet, values: Iterable[Any], note: str, cell=xlsx_text) -> list:
    """Append a row through `cell` (default `xlsx_text`): text stays text (never a formula) and a cell
    whose characters were replaced carries `note` as a comment. Numbers and dates keep their type.

    Returns the row's cells. They are made before they are appended: finding the row again afterwards
    (sheet.max_row) scans every cell of the sheet, which made a 50,000-element export quadratic."""
    from openpyxl.cell.cell import Cell
    from openpyxl.comments import Comment

    row = []
    for original in values:
        # openpyxl's stubs require row and column, which append() sets
        written = Cell(sheet, value=cell(original))  # type: ignore[call-arg]  # third-party stub gap
        if isinstance(written.value, str):
            written.data_type = "s"
            if _TRIGGER.match(written.value):
                written.quotePrefix = True  # Excel's own mark: the cell stays text even once edited
            if isinstance(original, str) and _XLSX_ILLEGAL.search(original):
                written.comment = Comment(note, "ea-repo")
        row.append(written)
    sheet.append(row)
    return row


# --- Markdown ---------------------------------------------------------------------------
def markdown_text(value: Any, line_break: str = "<br>") -> str:
    """Text that Markdown (CommonMark, GFM, Python-Markdown) renders as the same text.

    `&`, `<`, `>` become entities (no raw HTML, no autolink, no blockquote); `\\`, `` ` ``, `*`,
    `_`, `[`, `]`, `|` and `~` are backslash-escaped (no emphasis, code, link or table split); a `#`
    opening a line is escaped; line breaks become `line_break` (`<br>` in a table cell, a space in a
    heading). Control characters as in `terminal_text`.
    """
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", _clean(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_START_HASH.sub(r"\1\\#", text).replace("\n", line_break)


# --- terminal ---------------------------------------------------------------------------
def terminal_text(value: Any, newlines: bool = True) -> str:
    """Text a terminal shows as text: control characters and bidi overrides as U+FFFD, TAB as a space;
    line breaks kept (`newlines=False`: a space). Print it as `rich.text.Text`, never as markup."""
    text = _clean(value).replace("\t", " ")
    return text if newlines else text.replace("\n", " ")


def json_text(dumped: str) -> str:
    """JSON (dumped with ensure_ascii=False) safe on a terminal and still the same data: DEL, C1
    controls and bidi overrides, which json leaves raw, written as \\uXXXX escapes."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def _clean(value: Any) -> str:
    text = "" if value is None else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return _CONTROLS.sub(REPLACEMENT, text)
