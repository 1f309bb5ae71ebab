"""Output safety: stored text cannot act in the spreadsheet, Markdown viewer or terminal that opens our output."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
from helpers import IPPD, doc, organisation, write_yaml
from markdown_it import MarkdownIt
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from rich.console import Console
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from ea_repo.catalog.elements import ElementRow
from ea_repo.planning.records import RoadmapItem
from ea_repo.planning.store import write_roadmap
from ea_repo.redundancy.report import report_document
from ea_repo.reports import write_document
from ea_repo.reports.planning import gap_document, roadmap_document
from ea_repo.reports.safety import (
    TRIGGERS,
    csv_cell,
    json_text,
    markdown_text,
    terminal_text,
    unquote_cell,
    xlsx_append,
    xlsx_catalogue_cell,
    xlsx_text,
)
from ea_repo.reports.tables import Document, Table
from ea_repo.storage import store
from ea_repo.storage.db import atomic

INDONESIAN = "Sistem Informasi Kepegawaian — Badan Kepegawaian Daerah (SIMPEG) ✓ 🚀"
CONTROLS = ["\x1b[31m", "\x07", "\r", "\x9b", "\u202e", "\u2066", "\x7f", "\x00"]
# Hostile, but with no control character: what the importer accepts today.
HOSTILE_NAME = '=HYPERLINK("http://evil.example","klik") <script>alert(1)</script> [link=https://evil]x[/link]'
HOSTILE_DESCRIPTION = "+cmd|' /C calc'!A0 | [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n# judul"
HOSTILE_DEVELOPER = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_URL = "-2+3"
QUOTED_TRIGGER = "'=sudah dikutip"
QUOTED_TEXT = "'Dinas Kominfo"
CONTROL_NAME = "Aplikasi \x1b[31mmerah\x07 \u202etxt.exe \x1b]8;;https://evil\x07tautan\x1b]8;;\x07"


# --- csv_cell / unquote_cell ----------------------------------------------------------------
@pytest.mark.parametrize("trigger", list(TRIGGERS))
def test_csv_cell_quotes_every_trigger_and_import_unquotes_it(trigger):
    text = f"{trigger}1+1"
    written = csv_cell(text)
    assert written == "'" + text
    assert unquote_cell(written) == text


def test_csv_cell_covers_the_full_width_look_alikes():
    for text in ("\uff1dSUM(1)", "\uff0b1", "\uff0d1", "\uff20A1"):
        assert csv_cell(text).startswith("'")


@pytest.mark.parametrize("value", [-3, 2.5, 0, 2025, None])
def test_csv_cell_leaves_numbers_typed(value):
    assert csv_cell(value) is value


@pytest.mark.parametrize("text", [INDONESIAN, "A.001", "as-is", "Dinas-Kominfo", QUOTED_TEXT, "", "a=b"])
def test_csv_cell_leaves_harmless_text_alone(text):
    assert csv_cell(text) == text
    assert unquote_cell(text) == text


@pytest.mark.parametrize("text", [QUOTED_TRIGGER, "''=x", "'''-1", "'+62 812"])
def test_a_text_already_quoted_survives_the_round_trip(text):
    assert unquote_cell(csv_cell(text)) == text
    assert unquote_cell(xlsx_catalogue_cell(text)) == text


# --- xlsx_text ----------------------------------------------------------------------------
def test_xlsx_text_replaces_every_character_openpyxl_refuses():
    refused = "".join(chr(c) for c in range(0x20) if ILLEGAL_CHARACTERS_RE.match(chr(c)))
    assert len(refused) > 25
    cleaned = xlsx_text(f"a{refused}b")
    assert cleaned == "a" + "\ufffd" * len(refused) + "b"
    assert not ILLEGAL_CHARACTERS_RE.search(cleaned)


def test_xlsx_text_keeps_text_tabs_line_breaks_and_numbers():
    assert xlsx_text(INDONESIAN + "\n\tbaris") == INDONESIAN + "\n\tbaris"
    assert xlsx_text(-3) == -3


def test_xlsx_append_keeps_types_makes_text_never_a_formula_and_says_what_it_replaced():
    book = Workbook()
    xlsx_append(book.active, ["=1+1", "a\x1bb", -3, INDONESIAN], "diganti")
    reread = load_workbook(_saved(book)).active
    formula, replaced, number, kept = (c for c in reread[1])
    assert (formula.value, formula.data_type, formula.quotePrefix) == ("=1+1", "s", True)
    assert replaced.value == "a\ufffdb" and replaced.comment.text == "diganti"
    assert number.value == -3 and number.data_type == "n"
    assert kept.value == INDONESIAN and kept.comment is None


# --- markdown_text ------------------------------------------------------------------------
MARKDOWN = MarkdownIt("commonmark").enable("table")
HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "[x]: javascript:alert(1)\n[x]",
    "**tebal** _miring_ `kode` ~~coret~~",
    "&lt;script&gt;",
    "a | b",
    "# judul\n> kutipan",
    "\\[x\\](y)",
]


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN + [INDONESIAN])
def test_markdown_text_renders_as_the_same_text(text):
    rendered = MARKDOWN.render(markdown_text(text, line_break="\n"))
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "<strong>" not in rendered and "<em>" not in rendered and "<code>" not in rendered and "<h1>" not in rendered
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()
    assert shown.split() == text.split()


def test_markdown_text_keeps_a_table_cell_one_cell_on_one_line():
    row = "| " + markdown_text("a | b\nc\r\nd") + " | x |"
    rendered = MARKDOWN.render("| h | i |\n|---|---|\n" + row + "\n")
    assert rendered.count("<td>") == 2
    assert "\n" not in markdown_text("a\nb") and markdown_text("a\nb") == "a<br>b"


def test_markdown_text_drops_control_characters():
    assert markdown_text("a\x1b[31mb\x07\u202ec") == "a\ufffd\\[31mb\ufffd\ufffdc"


# --- terminal_text ------------------------------------------------------------------------
@pytest.mark.parametrize("control", CONTROLS)
def test_terminal_text_neutralises_control_characters(control):
    shown = terminal_text(f"a{control}b")
    assert control[0] not in shown and "\ufffd" in shown


def test_terminal_text_keeps_readable_text_and_line_breaks():
    assert terminal_text(INDONESIAN + "\nbaris 2") == INDONESIAN + "\nbaris 2"
    assert terminal_text("a\r\nb") == "a\nb"
    assert terminal_text("a\nb\tc", newlines=False) == "a b c"


def test_rich_prints_terminal_text_as_plain_text():
    from cli.common import plain

    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=200)
    console.print(plain("[link=javascript:alert(1)]x[/link] [red]merah[/red] \x1b[31m"))
    written = console.file.getvalue()
    assert "[link=javascript:alert(1)]x[/link] [red]merah[/red]" in written
    assert "\x1b]8;" not in written and "\x1b[31m" not in written


def test_json_text_is_the_same_data_without_raw_controls():
    import json

    dumped = json.dumps({"name": CONTROL_NAME + "\x9b"}, ensure_ascii=False)
    safe = json_text(dumped)
    assert json.loads(safe) == json.loads(dumped)
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", safe)


# --- end to end -------------------------------------------------------------------------------
def _hostile_catalog(tmp_path, repo):
    docs = organisation(opds=("1", "2")) + [
        doc(
            "Application",
            "A.001",
            name=HOSTILE_NAME,
            description=HOSTILE_DESCRIPTION,
            developer=HOSTILE_DEVELOPER,
            url=HOSTILE_URL,
            unit=QUOTED_TRIGGER,
            function=QUOTED_TEXT,
        ),
    ]
    service.import_paths(
        repo, [write_yaml(tmp_path / "in" / "katalog.yaml", docs)], principal=service.local_principal()
    )


def _insert_control_rows(repo):
    """Elements and an initiative stored before the importer refused control characters."""
    rows = [
        ElementRow(
            IPPD, plateau, element_id, "Application", CONTROL_NAME, opd, (), {"description": CONTROL_NAME}, {}, {}, ()
        )
        for plateau, element_id, opd in (("as-is", "A.002", "1"), ("as-is", "A.003", "2"), ("to-be", "A.004", "1"))
    ]
    initiative = RoadmapItem("Initiative", IPPD, "1.1", CONTROL_NAME, {"muatan": "tata kelola", "output": CONTROL_NAME})
    with atomic(repo.engine) as conn:
        for row in rows:
            assert store.insert_element(conn, row)
        write_roadmap(conn, [initiative], service.local_principal())


def _stored(repo, element_id):
    return service.as_documents(service.list_elements(repo, text=element_id, principal=service.local_principal()))[0]


def test_csv_export_quotes_every_trigger_and_import_gives_the_stored_text_back(repo, tmp_path):
    _hostile_catalog(tmp_path, repo)
    before = _stored(repo, "A.001")
    files = service.export_csv(repo, tmp_path / "csv", principal=service.local_principal())
    cells = [
        cell for path in files for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))) for cell in row
    ]
    assert HOSTILE_NAME in "".join(cells).replace("'=HYPERLINK", "=HYPERLINK")
    assert not [cell for cell in cells if cell and cell[0] in TRIGGERS]
    assert "''=sudah dikutip" in cells and QUOTED_TEXT in cells
    result = service.import_paths(repo, files, principal=service.local_principal())
    assert sum(result.summary.created.values()) == 0 and sum(result.summary.updated.values()) == 0
    after = _stored(repo, "A.001")
    assert after == before
    assert (after["metadata"]["name"], after["spec"]["developer"], after["spec"]["unit"]) == (
        HOSTILE_NAME,
        HOSTILE_DEVELOPER,
        QUOTED_TRIGGER,
    )


def test_xlsx_export_then_import_gives_the_stored_text_back(repo, tmp_path):
    _hostile_catalog(tmp_path, repo)
    before = _stored(repo, "A.001")
    path = tmp_path / "katalog.xlsx"
    path.write_bytes(service.export_workbook(repo, principal=service.local_principal()))
    cells = _report_cells(path.read_bytes())
    assert "''=sudah dikutip" in cells and HOSTILE_NAME in cells  # only an already quoted trigger gets a quote in XLSX
    result = service.import_paths(repo, [path], principal=service.local_principal())
    assert sum(result.summary.created.values()) == 0 and sum(result.summary.updated.values()) == 0
    assert _stored(repo, "A.001") == before


def test_catalogue_workbook_holds_control_characters_as_replacement_and_says_so(repo, tmp_path):
    _hostile_catalog(tmp_path, repo)
    _insert_control_rows(repo)
    book = load_workbook(io.BytesIO(service.export_workbook(repo, principal=service.local_principal())))
    cells = [c for name in book.sheetnames for row in book[name].iter_rows() for c in row if isinstance(c.value, str)]
    replaced = [c for c in cells if "\ufffd" in c.value and c.parent.title != "Petunjuk"]
    assert replaced and all(c.comment is not None and "U+FFFD" in c.comment.text for c in replaced)
    assert any(c.value == HOSTILE_NAME and c.data_type == "s" for c in cells)
    assert any("U+FFFD" in c.value for c in book["Petunjuk"]["A"])


def _report_cells(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data))
    return [
        c.value for name in book.sheetnames for row in book[name].iter_rows() for c in row if isinstance(c.value, str)
    ]


def test_report_workbooks_do_not_raise_on_control_characters(repo, tmp_path):
    _hostile_catalog(tmp_path, repo)
    _insert_control_rows(repo)
    gap = service.gap_report(repo, IPPD, "as-is", "to-be", principal=service.local_principal())
    redundancy = service.redundancy_report(repo, ippd=IPPD, national=False, principal=service.local_principal())
    roadmap = roadmap_document(IPPD, service.roadmap(repo, IPPD, principal=service.local_principal()))
    assert redundancy.clusters, "the two applications named alike form a cluster"
    for document in (gap_document(gap), report_document(redundancy, "id"), roadmap):
        cells = _report_cells(write_document(document, "xlsx"))
        assert any("Aplikasi \ufffd[31mmerah\ufffd" in c for c in cells), document.title


def test_markdown_reports_hold_no_raw_html_and_no_javascript_link(repo, tmp_path):
    _hostile_catalog(tmp_path, repo)
    _insert_control_rows(repo)
    gap = service.gap_report(repo, IPPD, "as-is", "to-be", principal=service.local_principal())
    redundancy = service.redundancy_report(repo, ippd=IPPD, national=False, principal=service.local_principal())
    hostile_rows = Table("t", ["nama", "uraian"], [[HOSTILE_NAME, HOSTILE_DESCRIPTION], [CONTROL_NAME, "x"]])
    documents = [
        gap_document(gap),
        report_document(redundancy, "id"),
        roadmap_document(IPPD, service.roadmap(repo, IPPD, principal=service.local_principal())),
        Document(HOSTILE_NAME, HOSTILE_DESCRIPTION, [hostile_rows]),
    ]
    for document in documents:
        text = write_document(document, "md").decode()
        rendered = MARKDOWN.render(text)
        links = re.findall(r'(?:href|src)="([^"]*)"', rendered)
        assert "<script" not in rendered and "<img" not in rendered
        assert not [link for link in links if not link.startswith(("http:", "https:", "mailto:"))]
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    html_text = write_document(documents[-1], "html").decode()
    assert "<script>alert" not in html_text and "&lt;script&gt;" in html_text
    assert "\x1b" not in html_text and "\u202e" not in html_text


def test_cli_list_and_show_print_no_escape_and_no_markup(repo_url, tmp_path):
    repo, _ = service.init_repository(repo_url)
    _hostile_catalog(tmp_path, repo)
    _insert_control_rows(repo)
    runner = CliRunner()
    for args in (["list", "--limit", "0"], ["show", "A.002"], ["show", "A.001"], ["history"], ["list", "-f", "json"]):
        result = runner.invoke(app, ["--db", repo_url, *args], env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output, args
    shown = runner.invoke(app, ["--db", repo_url, "show", "A.001"], env={"COLUMNS": "400"}).output
    assert "[link=https://evil]x[/link]" in shown
    listed = runner.invoke(app, ["--db", repo_url, "list"], env={"COLUMNS": "400"}).output
    assert "[link=https://evil]x[/link]" in listed
    repo.engine.dispose()


def _saved(book) -> io.BytesIO:
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_check_files_and_json_outputs_hold_no_raw_control_or_bidi_character(repo_url, tmp_path):
    repo, _ = service.init_repository(repo_url)
    _hostile_catalog(tmp_path, repo)
    _insert_control_rows(repo)
    service.create_token(repo, role="viewer", name="Budi \u202egnp.exe", ippd=IPPD, principal=service.local_principal())
    runner = CliRunner()
    raw = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    for fmt in ("table", "json", "sarif"):
        target = tmp_path / f"temuan.{fmt}"
        result = runner.invoke(app, ["--db", repo_url, "check", "--format", fmt, "-o", str(target)])
        assert result.exit_code in (0, 1), result.output
        assert not raw.search(target.read_text(encoding="utf-8")), fmt
        if fmt != "table":
            json.loads(target.read_text(encoding="utf-8"))  # still JSON
    for args in (["token", "list", "--format", "json"], ["history", "--format", "json"]):
        result = runner.invoke(app, ["--db", repo_url, *args])
        assert result.exit_code == 0, result.output
        assert not raw.search(result.stdout), args
        json.loads(result.stdout)
    repo.engine.dispose()
