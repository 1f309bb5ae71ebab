"""A report: titled tables of text cells, and its three writers (Markdown, HTML, XLSX)."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, select_autoescape

from ea_repo.core.i18n import t
from ea_repo.reports.safety import markdown_text, terminal_text, xlsx_append, xlsx_text

FORMATS = ("md", "html", "xlsx")


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    sheet: str = ""  # XLSX sheet name (at most 31 characters); default: from the title
    note: str | None = None  # a line under the table (e.g. the Pemenuhan bands)
    widths: list[int] = field(default_factory=list)  # XLSX column widths in characters; default: from the content


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    tables: list[Table]
    lang: str = "id"


def write_document(document: Document, fmt: str) -> bytes:
    if fmt == "md":
        return to_markdown(document).encode("utf-8")
    if fmt == "html":
        return to_html(document).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(document)
    raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")


# --- Markdown ---------------------------------------------------------------------------
def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(markdown_text(c) for c in cells) + " |"


def to_markdown(document: Document) -> str:
    """Every text, ours or stored, through markdown_text: it renders as text, never as HTML or a link."""
    lines = [f"# {markdown_text(document.title, ' ')}", "", markdown_text(document.subtitle), ""]
    for table in document.tables:
        lines += [
            f"## {markdown_text(table.title, ' ')}",
            "",
            _md_row(table.headers),
            "|" + "---|" * len(table.headers),
        ]
        lines += [_md_row(row) for row in table.rows]
        if table.note:
            lines += ["", markdown_text(table.note)]
        lines.append("")
    return "\n".join(lines)


# --- HTML -------------------------------------------------------------------------------
_HTML = """<!DOCTYPE html>
<html lang="{{ document.lang }}">
<head>
<meta charset="utf-8">
<title>{{ document.title }}</title>
<style>
body { font-family: "Segoe UI", Arial, sans-serif; margin: 2rem; color: #1a1a1a; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #e8eef5; }
tr:nth-child(even) td { background: #fafafa; }
.note { font-size: 0.85rem; color: #444; }
</style>
</head>
<body>
<h1>{{ document.title }}</h1>
<p>{{ document.subtitle }}</p>
{% for table in document.tables %}
<h2>{{ table.title }}</h2>
<table>
<thead><tr>{% for h in table.headers %}<th>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in table.rows %}<tr>{% for cell in row %}<td>{{ cell | lines }}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>
{% if table.note %}<p class="note">{{ table.note }}</p>{% endif %}
{% endfor %}
</body>
</html>
"""


def _lines(text: str) -> str:
    from markupsafe import Markup

    return Markup("<br>".join(html.escape(line) for line in terminal_text(text).split("\n")))


def _no_controls(value):
    """Every printed value without control characters or bidi overrides (HTML parse errors, and harmful
    when the page is written to a terminal); autoescaping still escapes it afterwards."""
    from markupsafe import Markup

    return value if isinstance(value, Markup) or not isinstance(value, str) else terminal_text(value)


_ENV = Environment(autoescape=select_autoescape(default=True, default_for_string=True), finalize=_no_controls)
_ENV.filters["lines"] = _lines


def to_html(document: Document) -> str:
    return _ENV.from_string(_HTML).render(document=document)


# --- XLSX -------------------------------------------------------------------------------
def to_xlsx(document: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # a new workbook's one empty sheet
    used: set[str] = set()
    note = t("safety_xlsx_replaced", document.lang)
    for table in document.tables:
        sheet = workbook.create_sheet(_sheet_name(table.sheet or table.title, used))
        xlsx_append(sheet, [document.title], note)
        sheet["A1"].font = Font(bold=True, size=13)
        xlsx_append(sheet, [table.title], note)
        xlsx_append(sheet, table.headers, note)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E8EEF5")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            xlsx_append(sheet, [str(c) for c in row], note)  # text, never a formula: "=SUM(...)" stays a name
        for row in sheet.iter_rows(min_row=4):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if table.note:
            sheet.append([])
            xlsx_append(sheet, [table.note], note)
        sheet.freeze_panes = "A4"
        for index, width in enumerate(table.widths or _widths(table), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join(c for c in xlsx_text(title) if c not in "[]:*?/\\\ufffd")[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _widths(table: Table) -> list[int]:
    out = []
    for column, header in enumerate(table.headers):
        longest = max(
            [len(header)]
            + [
                max((len(line) for line in str(row[column]).split("\n")), default=0)
                for row in table.rows
                if column < len(row)
            ]
        )
        out.append(min(max(longest + 2, 6), 60))
    return out


def write_file(document: Document, path: Path, fmt: str | None = None) -> str:
    """Write to `path`; the format from `fmt` or the suffix. Returns the format used."""
    chosen = fmt or path.suffix.lstrip(".").lower()
    if chosen not in FORMATS:
        raise ValueError(
            f"format: expected one of {', '.join(FORMATS)} (or a .md/.html/.xlsx file name), got {chosen!r}"
        )
    path.write_bytes(write_document(document, chosen))
    return chosen
