"""The `ea` command: exit codes, formats, languages, and every command has help."""

from __future__ import annotations

import json

import pytest
from helpers import doc, organisation, write_yaml
from typer.testing import CliRunner

from cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path}/ea.db"
    assert runner.invoke(app, ["--db", url, "init"]).exit_code == 0
    return url


def ea(db: str, *args: str, lang: str = "id"):
    return runner.invoke(app, ["--db", db, "--lang", lang, *args])


@pytest.fixture
def clean_catalog(tmp_path):
    docs = organisation() + [
        doc("BusinessProcess", "P.1", reference="RAB.09.07"),
        doc("Service", "L.1", reference="RAL.02.01", processes=["P.1"]),
        doc("Application", "A.1", reference="RAA.01.02", services=["L.1"], data=["D.1"], runs_on=["I.PKS.1"]),
        doc("Data", "D.1", reference="RAD.09.02"),
        doc("Server", "I.PKS.1"),
    ]
    return write_yaml(tmp_path / "catalog" / "c.yaml", docs)


def test_init_twice_is_harmless(db):
    result = ea(db, "init")
    assert result.exit_code == 0 and "sudah ada" in result.output


def test_commands_refuse_an_uninitialised_database(tmp_path):
    result = runner.invoke(app, ["--db", f"sqlite:///{tmp_path}/none.db", "list"])
    assert result.exit_code == 2 and "ea init" in result.output
    assert not (tmp_path / "none.db").exists()


def test_import_then_clean_check_exits_zero(db, clean_catalog):
    result = ea(db, "import", str(clean_catalog.parent))
    assert result.exit_code == 0 and "5 baru" in result.output
    check = ea(db, "check")
    assert check.exit_code == 0, check.output
    assert "0 galat" in check.output


def test_rejected_import_exits_two_and_lists_problems(db, tmp_path):
    path = write_yaml(tmp_path / "bad.yaml", [doc("Server", "I.PKS.1", memory_gb="banyak"), doc("Data", "X")])
    result = ea(db, "import", str(path), lang="en")
    assert result.exit_code == 2
    assert f"{path}:" in result.output and ".spec.memory_gb" in result.output and "Nothing was written" in result.output


def test_check_with_errors_exits_one_in_every_format(db, clean_catalog, tmp_path):
    write_yaml(tmp_path / "catalog" / "d.yaml", [doc("Application", "A.2", services=["L.404"])])
    ea(db, "import", str(clean_catalog.parent))
    table = ea(db, "check", lang="en")
    assert table.exit_code == 1 and "link-missing-target" in table.output and "how to fix" in table.output
    body = json.loads(ea(db, "check", "--format", "json").output)
    assert body["ok"] is False and {f["rule"] for f in body["findings"]} >= {"link-missing-target"}
    sarif = json.loads(ea(db, "check", "--format", "sarif").output)
    assert sarif["version"] == "2.1.0"
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "link-missing-target")
    assert result["level"] == "error" and result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_check_filters_and_severity(db, clean_catalog, tmp_path):
    write_yaml(tmp_path / "catalog" / "d.yaml", [doc("Application", "A.2", services=["L.404"])])
    ea(db, "import", str(clean_catalog.parent))
    only_warnings = json.loads(ea(db, "check", "--format", "json", "--rule", "application-without-data").output)
    assert {f["rule"] for f in only_warnings["findings"]} == {"application-without-data"}
    result = ea(db, "check", "--rule", "application-without-data")
    assert result.exit_code == 0
    assert ea(db, "check", "--domain", "nowhere").exit_code == 2
    assert ea(db, "check", "--rule", "no-such-rule").exit_code == 2
    assert ea(db, "check", "--format", "xml").exit_code == 2


def test_check_writes_a_report_file(db, clean_catalog, tmp_path):
    ea(db, "import", str(clean_catalog.parent))
    assert ea(db, "check", "--format", "sarif", "-o", str(tmp_path / "r.sarif")).exit_code == 0
    assert json.loads((tmp_path / "r.sarif").read_text())["runs"][0]["results"] == []


def test_list_show_and_export(db, clean_catalog, tmp_path):
    ea(db, "import", str(clean_catalog.parent))
    listed = ea(db, "list", "application", "--plateau", "as-is", "--format", "json")
    assert [d["metadata"]["id"] for d in json.loads(listed.output)] == ["A.1"]
    shown = ea(db, "show", "A.1", lang="en")
    assert shown.exit_code == 0 and "A.1 supports L.1" in shown.output and "Findings (0)" in shown.output
    assert ea(db, "show", "A.404").exit_code == 1
    exported = ea(db, "export", str(tmp_path / "out"))
    assert exported.exit_code == 0 and (tmp_path / "out" / "kab" / "as-is" / "application.yaml").exists()


def test_reference_commands(db, tmp_path):
    assert "RAB.09.07  Kesekretariatan Negara" in ea(db, "reference", "show", "RAB", "09").output
    assert "kosong" in ea(db, "reference", "list").output and "empty" in ea(db, "reference", "list", lang="en").output
    path = tmp_path / "rai.yaml"
    path.write_text(
        "codes:\n  - {code: RAI.01, name: Fasilitas Komputasi}\n  - {code: RAI.01.01, name: Pusat Data Nasional}\n"
    )
    loaded = ea(db, "reference", "load", str(path), "--domain", "RAI", "--version", "uji", lang="en")
    assert loaded.exit_code == 0 and "2 codes" in loaded.output
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\nRAI.01.01,Tanpa induk\n")
    assert ea(db, "reference", "load", str(bad), "--domain", "RAI").exit_code == 2


def test_metamodel_rules_and_schema_commands(db, tmp_path):
    assert "SecurityDevice" in ea(db, "metamodel", "kinds").output
    assert "memory_gb" in ea(db, "metamodel", "kinds", "server").output
    assert "runs-on" in ea(db, "metamodel", "relations").output
    assert "link-one-way" in ea(db, "rules").output
    assert ea(db, "schema", "-o", str(tmp_path / "s.json")).exit_code == 0
    assert json.loads((tmp_path / "s.json").read_text())["title"] == "ea-repo catalogue document"


def _commands(group, prefix=()):
    import typer.main

    command = typer.main.get_command(group)
    for name, sub in getattr(command, "commands", {}).items():
        yield (*prefix, name), sub
        if hasattr(sub, "commands"):
            for sub_name in sub.commands:
                yield (*prefix, name, sub_name), sub.commands[sub_name]


@pytest.mark.parametrize("path", [p for p, _ in _commands(app)], ids=" ".join)
def test_every_command_has_help(path):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0 and "Penggunaan: ea" in result.output  # typer's "Usage:", in Indonesian
    command = dict(_commands(app))[path]
    assert (command.help or "").strip(), f"ea {' '.join(path)} has no help text"


def test_the_table_caps_rows_per_rule(db, tmp_path):
    docs = organisation() + [doc("Application", f"A.{i}", services=[f"L.{i}"]) for i in range(1, 8)]
    ea(db, "import", str(write_yaml(tmp_path / "many.yaml", docs)))
    capped = ea(db, "check", "--rule", "link-missing-target", "--limit", "3", lang="en")
    assert capped.output.count("links to L.") == 3 and "and 4 more findings" in capped.output
    full = ea(db, "check", "--rule", "link-missing-target", "--limit", "0", lang="en")
    assert full.output.count("links to L.") == 7


def test_import_problems_are_in_bahasa_indonesia_by_default(db, tmp_path):
    path = write_yaml(tmp_path / "bad.yaml", [doc("Server", "I.PKS.1", memory_gb="banyak")])
    result = ea(db, "import", str(path))
    assert result.exit_code == 2
    assert ".spec.memory_gb: harus angka (hanya digit, mis. 32 atau 2.5), tertulis 'banyak'" in result.output
    assert "Impor ditolak: 1 masalah. Tidak ada yang ditulis." in result.output


def test_dry_run_validates_without_a_database(tmp_path, clean_catalog):
    url = f"sqlite:///{tmp_path}/never.db"
    result = runner.invoke(app, ["--db", url, "--lang", "en", "import", "--dry-run", str(clean_catalog.parent)])
    assert result.exit_code == 0 and "Valid: 1 file(s), 5 elements, 2 IPPD/OPD" in result.output
    assert not (tmp_path / "never.db").exists()
    bad = write_yaml(tmp_path / "bad.yaml", [doc("Data", "X.1")])
    assert runner.invoke(app, ["--db", url, "import", "--dry-run", str(bad)]).exit_code == 2


def test_list_caps_the_table_and_writes_machine_formats_whole(db, tmp_path):
    docs = organisation() + [doc("Application", f"A.{i:03d}") for i in range(1, 6)]
    ea(db, "import", str(write_yaml(tmp_path / "apps.yaml", docs)))
    capped = ea(db, "list", "--limit", "2", lang="en")
    assert "A.001" in capped.output and "A.003" not in capped.output and "3 more elements not shown" in capped.output
    assert len(json.loads(ea(db, "list", "--format", "json").output)) == 5
    assert ea(db, "list", "--format", "yaml").output.count("kind: Application") == 5


def test_an_unknown_kind_is_a_usage_error_that_lists_the_kinds(db):
    result = ea(db, "metamodel", "kinds", "aplikasi")
    assert (
        result.exit_code == 2
        and "jenis 'aplikasi' tidak dikenal; pilihan: ippd, opd, business-process" in result.output
    )
    assert "`ea rules` lists them" in ea(db, "check", "--rule", "no-such-rule", lang="en").output
    assert "`ea rules` menampilkan daftarnya" in ea(db, "check", "--rule", "no-such-rule").output


def test_an_unknown_report_format_is_a_usage_error_before_anything_is_written(db, tmp_path):
    """`ea gap` and `ea roadmap` check the format (or the output's suffix) first: no traceback, no file."""
    docs = organisation() + [doc("Application", "A.1"), doc("Application", "A.2", plateau="to-be")]
    ea(db, "import", str(write_yaml(tmp_path / "apps.yaml", docs)))
    for args in (("gap", "--format", "bogus"), ("gap", "-o", str(tmp_path / "gap.txt"))):
        result = ea(db, *args)
        assert result.exit_code == 2 and "harus salah satu dari table, json, md, html, xlsx" in result.output, args
    assert "expected one of table, json, md, html, xlsx, got 'txt'" in ea(db, *args, lang="en").output
    assert not (tmp_path / "gap.txt").exists()
