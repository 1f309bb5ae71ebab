"""The spreadsheet-first workflow (issue 21 part A): import -> findings by sheet and row -> fix the sheet ->
re-import with --sync; ea delete; formula cells without a value; ea plateau copy; score files beside a catalogue."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from api_support import make_world
from helpers import doc, organisation, write_yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from ea_repo.access.principal import Principal, Role
from ea_repo.checks.render import render_json, render_table
from ea_repo.core.errors import AlreadyExists, ElementNotFound, ImportRejected
from ea_repo.core.yaml_io import dump_documents
from ea_repo.sheets.formulas import _scan_rows

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
OPD1 = Principal("opd1", Role.ARCHITECT, ippd="kab", opds=frozenset({"1"}), via="api")


def catalog_docs() -> list[dict]:
    return [
        *organisation("kab", ("1", "2")),
        doc("Service", "L.001", opd="1", reference="RAL.01.01"),
        doc("Application", "A.001", name="SIMPEG", opd="1", reference="RAA.01.02", services=["L.001"]),
        doc("Application", "A.002", name="E-Arsip", opd="2", reference="RAA.01.02", services=["L.001"]),
        doc("Data", "D.001", name="Data Pegawai", opd="1", reference="RAD.01.01", related="A.002"),
    ]


@pytest.fixture
def loaded(repo):
    service.import_text(repo, dump_documents(catalog_docs()), name="katalog.yaml", principal=service.local_principal())
    return repo


def ids(repo, plateau: str = "as-is") -> set[str]:
    return {
        r.element_id
        for r in service.list_elements(repo, ippd="kab", plateau=plateau, principal=service.local_principal())
    }


def workbook(repo, path: Path) -> Path:
    path.write_bytes(service.export_workbook(repo, "kab", principal=service.local_principal()))
    return path


def sheet_row(book, sheet: str, element_id: str) -> int:
    return next(cell.row for cell in book[sheet]["A"] if cell.value == element_id)


def header_column(book, sheet: str, header: str) -> str:
    return next(cell.column_letter for cell in book[sheet][1] if str(cell.value or "").startswith(header))


def ea(repo_url: str, *args: str):
    return runner.invoke(app, ["--db", repo_url, *args])


# --- 1. import ends with the findings its rows brought ---------------------------------------
def test_import_names_the_sheet_row_and_column_of_each_finding(loaded, tmp_path):
    path = workbook(loaded, tmp_path / "katalog.xlsx")
    book = load_workbook(path)
    row = sheet_row(book, "Aplikasi", "A.001")
    column = header_column(book, "Aplikasi", "ID mendukung")  # spec.services
    book["Aplikasi"][f"{column}{row}"] = "L.999"  # a link to an ID that does not exist
    book.save(path)
    result = service.import_paths(loaded, [path], principal=service.local_principal())
    assert result.findings.counts["error"] == 1
    located = next(f for f in result.findings.first if f.finding.rule == "link-missing-target")
    assert located.source == f"katalog.xlsx [Aplikasi]:{row}"
    assert located.column.endswith(f"({column})")
    assert located.finding.element == "A.001"


def test_yaml_findings_name_file_and_line_and_check_table_shows_them(repo, tmp_path):
    docs = [*organisation("kab", ("1",)), doc("Application", "A.001", opd="3O", reference="RAA.01.02")]
    path = write_yaml(tmp_path / "apps.yaml", docs)
    line = [i for i, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("apiVersion")][
        2
    ]  # A.001's document
    result = service.import_paths(repo, [path], principal=service.local_principal())
    located = next(f for f in result.findings.first if f.finding.rule == "opd-unknown")
    assert located.source == f"{path}:{line}" and located.column is None
    report = service.check_repository(repo, principal=service.local_principal())
    assert f"{path}:{line}" in render_table(report, width=400)
    assert any(f["source"] == f"{path}:{line}" for f in json.loads(render_json(report))["findings"])


def test_cli_import_prints_the_findings_count_and_where(repo_url, tmp_path):
    assert ea(repo_url, "init").exit_code == 0
    docs = [*organisation("kab", ("1",)), doc("Application", "A.001", reference="RAA.01.02", services=["L.404"])]
    result = ea(repo_url, "import", str(write_yaml(tmp_path / "a.yaml", docs)))
    assert result.exit_code == 0, result.output
    assert "Temuan pada elemen yang diimpor: 1 galat" in result.output
    assert f"galat  link-missing-target  {tmp_path / 'a.yaml'}:" in result.output


def test_api_import_summary_carries_the_findings(repo):
    world = make_world(repo)
    body = [doc("Application", "A.009", opd="1", reference="RAA.01.02", services=["L.404"])]
    response = world.client.post("/v1/import", json=body, headers=world.headers("kab_architect"))
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["findings"]["error"] == 1
    first = summary["first_findings"][0]
    assert (
        first["rule"] == "link-missing-target" and first["element"] == "A.009" and first["source"].startswith("body[0]")
    )


# --- 2. --sync: the file is the truth for what it covers ----------------------------------
def _without_a002(fmt: str, repo, tmp_path: Path) -> Path:
    """The catalogue as the user edits it, in one format, with A.002's row deleted."""
    if fmt == "xlsx":
        path = workbook(repo, tmp_path / "katalog.xlsx")
        book = load_workbook(path)
        book["Aplikasi"].delete_rows(sheet_row(book, "Aplikasi", "A.002"))
        book.save(path)
        return path
    if fmt == "csv":
        files = service.export_csv(repo, tmp_path / "csv", "kab", principal=service.local_principal())
        path = next(f for f in files if f.stem.lower() in ("aplikasi", "application"))
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if "A.002" not in line.split(",")[0]), encoding="utf-8")
        return path
    return write_yaml(
        tmp_path / "apps.yaml",
        [d for d in catalog_docs() if d["kind"] == "Application" and d["metadata"]["id"] != "A.002"],
    )


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "yaml"])
def test_sync_previews_then_retires_what_the_file_no_longer_holds(loaded, tmp_path, fmt):
    path = _without_a002(fmt, loaded, tmp_path)
    preview = service.import_paths(loaded, [path], sync=True, preview=True, principal=service.local_principal())
    assert not preview.applied
    assert [r.element_id for r in preview.retirement.elements] == ["A.002"]
    assert [(d.source_id, d.target_id) for d in preview.retirement.dangling] == [("D.001", "A.002")]
    assert "A.002" in ids(loaded)  # a preview writes nothing
    result = service.import_paths(loaded, [path], sync=True, principal=service.local_principal())
    assert [r.element_id for r in result.retirement.elements] == ["A.002"]
    assert ids(loaded) == {"L.001", "A.001", "D.001"}
    entry = service.history(loaded, element_id="A.002", principal=service.local_principal())[0]
    assert (
        entry.change.action == "delete"
        and entry.change.before["metadata"]["name"] == "E-Arsip"
        and entry.change.after is None
    )


def test_sync_without_yes_on_the_cli_writes_nothing(repo_url, tmp_path):
    assert ea(repo_url, "init").exit_code == 0
    repo = service.open_repository(repo_url)
    service.import_text(repo, dump_documents(catalog_docs()), name="katalog.yaml", principal=service.local_principal())
    path = _without_a002("xlsx", repo, tmp_path)
    preview = ea(repo_url, "import", str(path), "--sync")
    assert preview.exit_code == 0, preview.output
    assert "A.002" in preview.output and "D.001.related -> A.002" in preview.output and "--yes" in preview.output
    assert "A.002" in ids(repo)
    applied = ea(repo_url, "import", str(path), "--sync", "--yes")
    assert applied.exit_code == 0 and "1 elemen dipensiunkan" in applied.output
    assert "A.002" not in ids(repo)
    repo.engine.dispose()


def test_sync_by_a_scoped_principal_retires_only_its_own_opds(loaded, tmp_path):
    service.import_text(
        loaded,
        dump_documents([doc("Application", "A.003", opd="1", reference="RAA.01.02")]),
        principal=service.local_principal(),
    )
    path = write_yaml(tmp_path / "opd1.yaml", [d for d in catalog_docs() if d["metadata"].get("id") == "A.001"])
    result = service.import_paths(loaded, [path], sync=True, principal=OPD1)
    assert [r.element_id for r in result.retirement.elements] == ["A.003"]  # A.002 (OPD 2) is not the OPD 1 token's
    assert ids(loaded) == {"L.001", "A.001", "A.002", "D.001"}


def test_sync_covers_only_the_plateaus_and_kinds_of_the_input(loaded, tmp_path):
    service.import_text(
        loaded,
        dump_documents([doc("Application", "A.002", opd="2", plateau="to-be", reference="RAA.01.02")]),
        principal=service.local_principal(),
    )
    path = _without_a002("yaml", loaded, tmp_path)  # as-is applications only
    result = service.import_paths(loaded, [path], sync=True, principal=service.local_principal())
    assert [r.key for r in result.retirement.elements] == [("kab", "as-is", "A.002")]
    assert "A.002" in ids(loaded, "to-be") and {"L.001", "D.001"} <= ids(loaded)


# --- 3. ea delete --------------------------------------------------------------------------
def test_cli_delete_previews_then_deletes_and_removes_links(repo_url):
    assert ea(repo_url, "init").exit_code == 0
    repo = service.open_repository(repo_url)
    service.import_text(repo, dump_documents(catalog_docs()), name="katalog.yaml", principal=service.local_principal())
    preview = ea(repo_url, "delete", "A.002", "--plateau", "as-is")
    assert preview.exit_code == 0 and "D.001.related -> A.002" in preview.output and "--yes" in preview.output
    assert "A.002" in ids(repo)
    done = ea(repo_url, "--lang", "en", "delete", "a-002", "--yes")  # the only plateau; the ID as typed
    assert done.exit_code == 0 and "Deleted: A.002" in done.output
    assert "A.002" not in ids(repo)
    assert service.history(repo, element_id="A.002", principal=service.local_principal())[0].change.action == "delete"
    unlinked = ea(repo_url, "delete", "A.001", "--link", "services:L.001")
    assert unlinked.exit_code == 0, unlinked.output
    assert service.get_element(repo, ("kab", "as-is", "A.001"), principal=service.local_principal()).links == ()
    assert ea(repo_url, "delete", "A.404", "--yes").exit_code == 1
    repo.engine.dispose()


def test_delete_of_another_opds_element_answers_not_found(repo):
    world = make_world(repo)
    key = ("kab", "as-is", "A.002")  # OPD 2
    with pytest.raises(ElementNotFound):
        service.delete_preview(repo, key, principal=OPD1)
    with pytest.raises(ElementNotFound):
        service.delete_element(repo, key, principal=OPD1)
    response = world.client.delete("/v1/ippds/kab/plateaus/as-is/elements/A.002", headers=world.headers("kab_opd1"))
    assert response.status_code == 404
    assert "A.002" in ids(repo)


# --- 4. formula cells without a cached value ------------------------------------------------
def test_a_formula_without_a_value_is_a_problem_with_sheet_row_column_and_formula(loaded, tmp_path):
    path = workbook(loaded, tmp_path / "katalog.xlsx")
    book = load_workbook(path)
    book["Aplikasi"].insert_rows(1)  # a title row above the header, as real sheets have
    book["Aplikasi"]["A1"] = "Daftar Aplikasi"
    row = sheet_row(book, "Aplikasi", "A.001")
    column = next(c.column_letter for c in book["Aplikasi"][2] if str(c.value or "").startswith("Nama"))
    book["Aplikasi"][f"{column}{row}"] = "=UPPER(A1)"  # openpyxl writes it with no cached value
    book.save(path)
    for attempt in (
        lambda: service.validate_paths([path]),
        lambda: service.import_paths(loaded, [path], principal=service.local_principal()),
    ):
        with pytest.raises(ImportRejected) as rejected:
            attempt()
        [problem] = rejected.value.problems
        assert (problem.path, problem.line, problem.element_id) == ("katalog.xlsx [Aplikasi]", row, "A.001")
        assert problem.field.endswith(f"({column})") and "=UPPER(A1)" in problem.render("en")
        assert f"{column}{row}" in problem.render("id")
    assert service.get_element(loaded, ("kab", "as-is", "A.001"), principal=service.local_principal()).name == "SIMPEG"


def test_the_scan_tells_a_cached_value_from_none():
    cells: dict = {}
    _scan_rows(
        b'<row r="2"><c r="B2"><f>A1</f><v>5</v></c><c r="C2" t="str"><f>A1&amp;""</f><v></v></c>'
        b'<c r="D2"><f>A1*2</f><v></v></c><c r="E2"><f t="shared" ref="E2:E3" si="0">A1</f></c></row>'
        b'<row r="3"><c r="E3"><f t="shared" si="0"/></c><c r="F3" t="s"><v>1</v></c></row>',
        cells,
        {},
    )
    assert cells == {(2, 4): "=A1*2", (2, 5): "=A1", (3, 5): "=A1"}


# --- 5. ea plateau copy ------------------------------------------------------------------------
def test_plateau_copy_then_the_gap_shows_everything_kept(loaded):
    copied = service.copy_plateau(
        loaded, ippd="kab", source="as-is", target="to-be", principal=service.local_principal()
    )
    assert copied.summary.elements == 4 and copied.summary.links == 3
    gap = service.gap_report(loaded, "kab", "as-is", "to-be", principal=service.local_principal())
    assert gap.summary() == {"added": 0, "retired": 0, "changed": 0, "kept": 4}
    assert {e.change.action for e in service.history(loaded, plateau="to-be", principal=service.local_principal())} == {
        "create"
    }
    with pytest.raises(AlreadyExists):
        service.copy_plateau(loaded, ippd="kab", source="as-is", target="to-be", principal=service.local_principal())
    service.import_text(
        loaded,
        dump_documents([doc("Application", "A.050", opd="1", plateau="to-be")]),
        principal=service.local_principal(),
    )
    replaced = service.copy_plateau(
        loaded, ippd="kab", source="as-is", target="to-be", replace=True, principal=service.local_principal()
    )
    assert [r.element_id for r in replaced.retirement.elements] == ["A.050"]
    assert ids(loaded, "to-be") == ids(loaded)


def test_plateau_copy_by_an_opd_token_copies_its_opds_only(repo):
    world = make_world(repo)
    refused = world.client.post("/v1/ippds/kab/plateaus/to-be/copy?from=as-is", headers=world.headers("kab_opd1"))
    assert refused.status_code == 409  # its A.001 is already in the to-be
    response = world.client.post("/v1/ippds/kab/plateaus/2025/copy?from=as-is", headers=world.headers("kab_opd1"))
    assert response.status_code == 200, response.text
    assert response.json()["elements"] == 3 and response.json()["from"] == "as-is"
    assert {
        (r.element_id, r.opd)
        for r in service.list_elements(repo, ippd="kab", plateau="2025", principal=service.local_principal())
    } == {
        ("L.001", "1"),
        ("D.001", "1"),
        ("A.001", "1"),
    }
    viewer = world.client.post("/v1/ippds/kab/plateaus/2026/copy?from=as-is", headers=world.headers("kab_viewer"))
    assert viewer.status_code == 403


def test_cli_plateau_copy(repo_url):
    assert ea(repo_url, "init").exit_code == 0
    repo = service.open_repository(repo_url)
    service.import_text(repo, dump_documents(catalog_docs()), name="katalog.yaml", principal=service.local_principal())
    result = ea(repo_url, "plateau", "copy", "as-is", "to-be")
    assert result.exit_code == 0 and "Disalin 4 elemen dari as-is ke to-be" in result.output
    again = ea(repo_url, "plateau", "copy", "as-is", "to-be")
    assert again.exit_code == 2 and "--replace" in again.output
    assert ea(repo_url, "plateau", "copy", "as-is", "tobe").exit_code == 2
    repo.engine.dispose()


# --- 6. score files beside the catalogue ---------------------------------------------------
def test_import_of_the_samples_folder_skips_the_score_files():
    result = runner.invoke(app, ["import", str(SAMPLES), "--dry-run"])
    assert result.exit_code == 0, result.output
    for name in ("serang-2022.yaml", "pesawaran-2019.yaml"):
        assert f"{name}: berkas nilai indeks, dilewati" in result.output
    assert "ea index" in result.output


def test_a_csv_catalogue_keeps_its_rows(loaded, tmp_path):
    """The CSV the sync test edits is the national layout: its first column is the ID."""
    files = service.export_csv(loaded, tmp_path / "csv", "kab", principal=service.local_principal())
    path = next(f for f in files if f.stem.lower() in ("aplikasi", "application"))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "ID" and {r[0] for r in rows[1:]} == {"A.001", "A.002"}
