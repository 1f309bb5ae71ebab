"""Spreadsheets in the national layouts: lossless round trips, the variants real sheets have, bad rows
named by sheet, row and column (and nothing written), the template, and LibreOffice reading our XLSX."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import organisation, workbook_bytes, write_yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from ea_repo.core.errors import ImportRejected

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if (p / "organisasi.yaml").is_file())
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("EA_TEST_REQUIRE_SOFFICE"),
    reason="LibreOffice not installed (CI installs it and sets EA_TEST_REQUIRE_SOFFICE)",
)


def _repo(tmp_path: Path, name: str = "ea") -> service.Repository:
    return service.init_repository(f"sqlite:///{tmp_path}/{name}.db")[0]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_yaml_to_xlsx_to_yaml_is_lossless_on_every_sample(sample, tmp_path):
    original = _repo(tmp_path)
    service.import_paths(original, [sample], principal=service.local_principal())
    (tmp_path / "katalog.xlsx").write_bytes(service.export_workbook(original, principal=service.local_principal()))
    again = _repo(tmp_path, "again")
    service.import_paths(again, [tmp_path / "katalog.xlsx"], principal=service.local_principal())
    assert service.catalog_documents(again, principal=service.local_principal()) == service.catalog_documents(
        original, principal=service.local_principal()
    )
    service.export_catalog(original, tmp_path / "a", principal=service.local_principal())
    service.export_catalog(again, tmp_path / "b", principal=service.local_principal())
    assert {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.yaml")} == {
        p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.yaml")
    }


def test_csv_files_round_trip_too(tmp_path):
    original = _repo(tmp_path)
    service.import_paths(original, [ROOT / "samples" / "contoh"], principal=service.local_principal())
    files = service.export_csv(original, tmp_path / "csv", principal=service.local_principal())
    assert (tmp_path / "csv" / "Aplikasi.csv") in files
    again = _repo(tmp_path, "again")
    service.import_paths(again, [tmp_path / "csv"], principal=service.local_principal())
    assert service.catalog_documents(again, principal=service.local_principal()) == service.catalog_documents(
        original, principal=service.local_principal()
    )


ORGANISATION = [["Kode IPPD", "Nama IPPD"], ["kab", "Kabupaten Uji"]]
OPDS = [["Kode IPPD", "Kode OPD", "Nama OPD"], ["kab", 14, "BPKAD"], ["kab", "1", "Inspektorat"]]


def test_the_variants_real_sheets_have_are_read(tmp_path):
    applications = [
        ["Tabel 4.7 Daftar Aplikasi Kabupaten Uji"],  # a title row
        [],
        ["No", "Identitas", None, "Kode\nOPD", "Kode Model Referensi Aplikasi", "ID Metadata Terkait:", "alamat  url"],
        [None, "ID", "Nama Aplikasi", None, None, None, None],  # a merged group heading above its sub-headers
        [1, "A.001 ", "SIMPEG  ", 14.0, "RAA.01.02", "L.163, L.164,\nD.001", "http://simpeg.example"],
        [2, "a.2", "E-Arsip", 1, None, None, None],
        [None, None, None, None, None, None, None],  # an empty row
    ]
    data = workbook_bytes({"IPPD": ORGANISATION, "OPD": OPDS, "Aplikasi": applications}, {"Aplikasi": ["B3:C3"]})
    (tmp_path / "uji.xlsx").write_bytes(data)
    (tmp_path / "~$uji.xlsx").write_bytes(b"Excel's lock file, not a workbook")
    (tmp_path / "layanan.csv").write_text(
        "ID;Nama Layanan;Kode OPD;IPPD\nL.163;Layanan satu;14;kab\nL.164;Layanan dua ;1;kab\n", encoding="utf-8-sig"
    )
    catalog = service.validate_paths([tmp_path])
    rows = {r.element_id: r for r in catalog.elements}
    assert set(rows) == {"A.001", "A.2", "L.163", "L.164"}
    simpeg = rows["A.001"]
    assert (simpeg.name, simpeg.opd, simpeg.ippd, simpeg.plateau) == ("SIMPEG", "14", "kab", "as-is")
    assert simpeg.reference == ("RAA.01.02",) and simpeg.spec["url"] == "http://simpeg.example"
    assert [t for _, t in simpeg.links] == ["L.163", "L.164", "D.001"]
    assert rows["L.164"].name == "Layanan dua" and rows["L.163"].opd == "14"
    assert any("No" in str(note) for note in catalog.notes)  # the numbering column is left aside, and said so


def test_bad_rows_are_named_by_sheet_row_and_column_and_nothing_is_written(tmp_path):
    applications = [
        ["ID", "Nama Aplikasi", "Kode OPD", "Jenis Aplikasi", "Catatan"],
        ["A.001", "SIMPEG", "14", "umum", "sumber: tabel 4.7"],
        ["A.002", "SIPD", "14", "lokal", None],
        ["X-9", "Salah", "14", None, None],
        ["A.003", "E-Arsip", "1", None, "tanpa pemisah"],
        ["A.001", "SIMPEG lagi", "14", None, None],
    ]
    (tmp_path / "uji.xlsx").write_bytes(workbook_bytes({"IPPD": ORGANISATION, "OPD": OPDS, "Aplikasi": applications}))
    repo = _repo(tmp_path)
    with pytest.raises(ImportRejected) as caught:
        service.import_paths(repo, [tmp_path / "uji.xlsx"], principal=service.local_principal())
    problems = {(p.path, p.line, p.field) for p in caught.value.problems}
    assert ("uji.xlsx [Aplikasi]", 3, "Jenis Aplikasi (D)") in problems
    assert ("uji.xlsx [Aplikasi]", 4, "ID (A)") in problems
    assert ("uji.xlsx [Aplikasi]", 5, "Catatan (E)") in problems
    assert any(p.line == 6 and "A.001" in p.render("en") for p in caught.value.problems)  # listed twice
    assert service.list_elements(repo, principal=service.local_principal()) == []


def test_a_sheet_without_an_id_column_is_refused(tmp_path):
    (tmp_path / "uji.xlsx").write_bytes(workbook_bytes({"Aplikasi": [["Nama Aplikasi", "Kode OPD"], ["SIMPEG", "14"]]}))
    with pytest.raises(ImportRejected, match="1 problem"):
        service.validate_paths([tmp_path / "uji.xlsx"])


def test_the_template_has_every_sheet_column_and_dropdown(tmp_path):
    repo = _repo(tmp_path)
    service.import_paths(
        repo, [write_yaml(tmp_path / "org.yaml", organisation(opds=("1", "14")))], principal=service.local_principal()
    )
    book = load_workbook(io.BytesIO(service.template_workbook(repo, principal=service.local_principal())))
    assert book.sheetnames[0] == "Petunjuk" and book["Daftar"].sheet_state == "hidden"
    assert {"IPPD", "OPD", "Proses Bisnis", "Aplikasi", "Perangkat Keras Server", "Inisiatif"} <= set(book.sheetnames)
    sheet = book["Aplikasi"]
    headers = [c.value for c in sheet[1]]
    assert (
        headers[:3] == ["ID", "Nama Aplikasi", "Kode OPD"]
        and "Kode Model Referensi" in headers
        and "ID Metadata Terkait" in headers
    )
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    letter = {h: chr(65 + i) for i, h in enumerate(headers)}
    assert validations[f"{letter['Kode OPD']}2"].startswith("'Daftar'!")
    assert validations[f"{letter['Kode Model Referensi']}2"].startswith("'Daftar'!")
    assert validations[f"{letter['Jenis Aplikasi']}2"].startswith("'Daftar'!")
    lists = book["Daftar"]
    columns = {
        lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1) if lists.cell(r, c).value]
        for c in range(1, lists.max_column + 1)
    }
    assert columns["opd"] == ["1", "14"] and "RAA.01.01 Aplikasi Umum Layanan Publik" in columns["RAA"]
    (tmp_path / "kosong.xlsx").write_bytes(service.template_workbook(repo, principal=service.local_principal()))
    assert service.validate_paths([tmp_path / "kosong.xlsx"]).elements == []


def test_the_cli_exports_imports_and_writes_a_template(tmp_path):
    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/ea.db"
    runner.invoke(app, ["--db", db, "init"])
    runner.invoke(app, ["--db", db, "import", str(ROOT / "samples" / "contoh")])
    assert runner.invoke(app, ["--db", db, "export", "--format", "xlsx", "-o", str(tmp_path / "a.xlsx")]).exit_code == 0
    assert (
        runner.invoke(app, ["--db", db, "export", "-o", str(tmp_path / "b.xlsx")]).exit_code == 0
    )  # the suffix says xlsx
    assert runner.invoke(app, ["--db", db, "export"]).exit_code == 2
    assert runner.invoke(app, ["template", "-o", str(tmp_path / "kosong.xlsx")]).exit_code == 0  # no repository needed
    other = f"sqlite:///{tmp_path}/other.db"
    runner.invoke(app, ["--db", other, "init"])
    result = runner.invoke(app, ["--db", other, "import", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 0, result.output
    assert "135" in result.output


@needs_soffice
def test_libreoffice_reads_our_workbook_as_we_wrote_it(tmp_path):
    repo = _repo(tmp_path)
    service.import_paths(repo, [ROOT / "samples" / "contoh"], principal=service.local_principal())
    (tmp_path / "katalog.xlsx").write_bytes(service.export_workbook(repo, principal=service.local_principal()))
    ours = {
        p.stem: list(csv.reader(io.StringIO(p.read_text(encoding="utf-8-sig"))))
        for p in service.export_csv(repo, tmp_path / "ours", principal=service.local_principal())
    }
    options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"  # UTF-8, every sheet
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    subprocess.run(
        [
            "soffice",
            profile,
            "--headless",
            "--convert-to",
            options,
            "--outdir",
            str(tmp_path / "lo"),
            str(tmp_path / "katalog.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    theirs = {
        p.stem.removeprefix("katalog-"): list(csv.reader(io.StringIO(p.read_text(encoding="utf-8-sig"))))
        for p in (tmp_path / "lo").glob("*.csv")
    }
    assert set(ours) <= set(theirs)
    for sheet, rows in ours.items():
        assert theirs[sheet] == rows, sheet
