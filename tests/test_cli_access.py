"""ea token / ea history / ea serve, and the schema upgrade that brought versions and the audit log."""

from __future__ import annotations

import json
import sqlite3

from helpers import doc, organisation, write_yaml
from typer.testing import CliRunner

from cli import app
from ea_repo import service

runner = CliRunner()


def ea(db: str, *args: str, lang: str = "en"):
    return runner.invoke(app, ["--db", db, "--lang", lang, *args])


def _repository(tmp_path, opds=("1", "14")) -> str:
    db = f"sqlite:///{tmp_path}/ea.db"
    assert ea(db, "init").exit_code == 0
    catalog = write_yaml(tmp_path / "c.yaml", organisation("kab", opds) + [doc("Application", "A.001", opd="14")])
    assert ea(db, "import", str(catalog)).exit_code == 0
    return db


def test_token_create_prints_the_token_once_and_it_authenticates(tmp_path):
    db = _repository(tmp_path)
    result = ea(db, "token", "create", "--role", "architect", "--opd", "14", "--name", "Budi")
    assert result.exit_code == 0, result.output
    text = result.stdout.strip().splitlines()[-1]
    assert text.startswith("ea_") and "kab/14" in result.stderr  # the only IPPD is the default
    principal = service.authenticate(service.open_repository(db), text)
    assert (principal.role.value, principal.ippd, principal.opds) == ("architect", "kab", frozenset({"14"}))
    assert text.split("_", 2)[2] not in (tmp_path / "ea.db").read_bytes().decode("latin-1")  # only a hash is stored


def test_token_list_and_revoke(tmp_path):
    db = _repository(tmp_path)
    text = ea(db, "token", "create", "--role", "viewer", "--ippd", "kab", "--name", "Assessor").stdout.strip()
    listed = json.loads(ea(db, "token", "list", "--format", "json").stdout)
    assert [(t["name"], t["role"], t["ippd"], t["revoked_at"]) for t in listed] == [("Assessor", "viewer", "kab", None)]
    assert ea(db, "token", "revoke", listed[0]["id"]).exit_code == 0
    ended = json.loads(ea(db, "token", "list", "--format", "json").stdout)[0]["revoked_at"]
    wide = runner.invoke(app, ["--db", db, "token", "list"], env={"COLUMNS": "250"}).stdout
    assert ended and ended[:19] in wide and listed[0]["id"] in wide  # the table: who, and when it ended
    repo = service.open_repository(db)
    try:
        service.authenticate(repo, text)
        raise AssertionError("a revoked token authenticated")
    except service_errors().NotAuthenticated:
        pass
    assert ea(db, "token", "revoke", "nope").exit_code == 1


def service_errors():
    from ea_repo.core import errors

    return errors


def test_token_create_refuses_what_cannot_be(tmp_path):
    db = _repository(tmp_path)
    cases = [
        (["--role", "owner"], "unknown role"),
        (["--role", "architect", "--opd", "99"], "unknown OPD 99"),
        (["--role", "architect", "--ippd", "kota"], "unknown IPPD kota"),
    ]
    for args, message in cases:
        result = ea(db, "token", "create", "--name", "x", *args)
        assert result.exit_code == 2 and message in result.output, (args, result.output)


def test_an_architect_token_needs_an_ippd_when_there_are_several(tmp_path):
    db = _repository(tmp_path)
    other = write_yaml(tmp_path / "kota.yaml", organisation("kota", ("1",)))
    ea(db, "import", str(other))
    result = ea(db, "token", "create", "--role", "architect", "--name", "x")
    assert result.exit_code == 2 and "(ippd)" in result.output  # the parameter, named as the service names it


def test_history_shows_who_changed_what(tmp_path):
    db = _repository(tmp_path)
    changed = write_yaml(tmp_path / "c2.yaml", [doc("Application", "A.001", opd="14", name="Renamed")])
    ea(db, "import", str(changed))
    entries = json.loads(ea(db, "history", "A.001", "--format", "json").stdout)
    assert [e["action"] for e in entries] == ["update", "create"]
    assert entries[0]["before"]["metadata"]["name"] == "Nama" and entries[0]["after"]["metadata"]["name"] == "Renamed"
    assert entries[0]["actor"].startswith("cli:") and entries[0]["version"] == 2
    table = ea(db, "history", "A.001")
    assert table.exit_code == 0 and "name" in table.output.split("update")[1]
    assert ea(db, "history", "A.999").exit_code == 1


def test_reimporting_unchanged_files_records_nothing(tmp_path):
    db = _repository(tmp_path)
    before = len(json.loads(ea(db, "history", "--format", "json").stdout))
    ea(db, "import", str(tmp_path / "c.yaml"))
    assert len(json.loads(ea(db, "history", "--format", "json").stdout)) == before


def test_serve_refuses_an_uninitialised_database(tmp_path):
    result = ea(f"sqlite:///{tmp_path}/none.db", "serve")
    assert result.exit_code == 2 and "ea init" in result.output
    result = runner.invoke(app, ["serve", "--db", f"{tmp_path}/other.db"])  # --db after the command, too
    assert result.exit_code == 2 and "other.db" in result.output


def test_ea_init_upgrades_a_version_1_database(tmp_path):
    db = _repository(tmp_path)
    path = tmp_path / "ea.db"
    with sqlite3.connect(path) as conn:  # make it look like a schema-1 database
        conn.execute("DROP TABLE audit")
        conn.execute("DROP TABLE api_token")
        conn.execute("ALTER TABLE element DROP COLUMN version")
        conn.execute("UPDATE ea_schema SET value = '1'")
    refused = ea(db, "list")
    assert refused.exit_code == 2 and "ea init" in refused.output
    assert ea(db, "init").exit_code == 0
    assert ea(db, "list").exit_code == 0
    row = service.get_element(
        service.open_repository(db), service.element_key("kab", "as-is", "A.001"), principal=service.local_principal()
    )
    assert row.version == 1


def test_token_grants_and_revocations_are_in_ea_history(tmp_path):
    db = _repository(tmp_path)
    ea(db, "token", "create", "--role", "viewer", "--ippd", "kab", "--name", "Asesor")
    token_id = json.loads(ea(db, "token", "list", "--format", "json").stdout)[0]["id"]
    assert ea(db, "token", "revoke", token_id).exit_code == 0
    entries = json.loads(ea(db, "history", token_id, "--format", "json").stdout)
    assert [(e["action"], e["kind"], e["ippd"], e["via"]) for e in entries] == [
        ("token-revoke", "ApiToken", "kab", "cli"),
        ("token-create", "ApiToken", "kab", "cli"),
    ]
    assert entries[1]["after"]["spec"] == {"role": "viewer", "ippd": "kab", "opds": None, "revoked_at": None}
    assert entries[0]["after"]["spec"]["revoked_at"] and entries[0]["actor"].startswith("cli:")
