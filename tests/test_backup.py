"""ea backup / ea restore: every table, row for row, across backends; damaged files refused; consistent while
written to."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import threading
import time

import pytest
from conftest import POSTGRES_URL
from sqlalchemy import inspect, select
from sqlmodel import SQLModel
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from ea_repo.catalog.importer import read_records
from ea_repo.core.errors import PermissionDenied, Refused
from ea_repo.core.yaml_io import LoadedDocument
from ea_repo.service.demo import sample_folders
from ea_repo.storage import backup, tables
from ea_repo.storage.db import atomic, make_engine, schema_version

ADMIN = service.local_principal()
needs_postgres = pytest.mark.skipif(not POSTGRES_URL, reason="EA_TEST_POSTGRES_URL not set")
SQLITE, POSTGRES = "sqlite", pytest.param("postgres", marks=needs_postgres)


def fresh_url(backend: str, tmp_path, name: str) -> str:
    """An empty database: a new SQLite file, or the test PostgreSQL database without its tables."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path}/{name}.db"
    engine = make_engine(POSTGRES_URL)
    SQLModel.metadata.drop_all(engine)
    engine.dispose()
    return POSTGRES_URL


def fill(repo: service.Repository, tmp_path) -> None:
    """A row in every table: the samples (elements, links, organisations, roadmap, audit), a token, a
    dismissal, evidence records and a loaded reference list."""
    service.import_paths(repo, sample_folders(), principal=service.local_principal())
    service.create_token(repo, role="viewer", name="Budi", principal=service.local_principal())
    apps = [
        r.element_id
        for r in service.list_elements(
            repo, kind="application", ippd="kab-contoh", plateau="as-is", principal=service.local_principal()
        )
    ]
    service.dismiss_redundancy(
        repo, members=apps[:2], ippd="kab-contoh", reason="berbeda fungsi", principal=service.local_principal()
    )
    record = {
        "apiVersion": "ea-repo/v1",
        "kind": "Enactment",
        "metadata": {"id": "perbup", "ippd": "kab-contoh"},
        "spec": {"document": "Perbup 1/2025", "date": "2025-01-10", "covers": ["arsitektur", "peta-rencana"]},
    }
    items, problems = read_records([LoadedDocument(0, None, record)], "x")
    assert not problems
    service.record_evidence(repo, items[0], principal=service.local_principal())
    codes = tmp_path / "raa.csv"
    codes.write_text("kode,nama\nRAA.01,Aplikasi Umum\nRAA.01.09,Aplikasi Umum Baru\n")
    service.load_reference(repo, codes, domain="RAA", version="uji", principal=service.local_principal())
    service.create_user(
        repo, login="budi", name="Budi", role="viewer", password="kata-sandi-uji-1", principal=service.local_principal()
    )
    service.sign_in(repo, "budi", "kata-sandi-uji-1")  # a web session: a row of its own table


def contents(url: str) -> dict[str, list[tuple]]:
    """Every table of the schema, every row, in primary-key order."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table.name: [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key.columns))]
                for table in SQLModel.metadata.sorted_tables
            }
    finally:
        engine.dispose()


@pytest.fixture
def filled(repo, tmp_path):
    fill(repo, tmp_path)
    return repo


@pytest.mark.parametrize("target", [SQLITE, POSTGRES])
def test_every_table_comes_back_row_for_row(filled, repo_url, tmp_path, target):
    before = contents(repo_url)
    assert all(before.values()), [
        name for name, rows in before.items() if not rows
    ]  # a comparison that means something
    assert set(before) >= {
        "ea_schema",
        "ippd",
        "opd",
        "element",
        "link",
        "reference_code",
        "api_token",
        "audit",
        "roadmap_item",
        "redundancy_dismissal",
    }
    path = tmp_path / "ea.eabak.gz"
    written = service.backup_repository(filled, path, principal=ADMIN)
    assert written.rows == {name: len(rows) for name, rows in before.items()}
    filled.engine.dispose()
    target_url = fresh_url(target, tmp_path, "restored")  # PostgreSQL to PostgreSQL: the same database, emptied
    restored = service.restore_repository(target_url, path, principal=ADMIN)
    assert restored.rows == written.rows
    assert contents(target_url) == before


@pytest.mark.parametrize("target", [SQLITE, POSTGRES])
def test_a_restored_repository_keeps_working_new_ids_follow_the_restored_ones(filled, repo_url, tmp_path, target):
    path = tmp_path / "ea.eabak.gz"
    service.backup_repository(filled, path, principal=ADMIN)
    filled.engine.dispose()
    target_url = fresh_url(target, tmp_path, "restored")
    service.restore_repository(target_url, path, principal=ADMIN)
    repo = service.open_repository(target_url)
    try:
        before = contents(target_url)
        text = (
            "apiVersion: ea-repo/v1\nkind: Application\n"
            "metadata: {id: A.999, name: Baru, ippd: kab-contoh, opd: '1'}\nspec: {}\n"
        )
        service.import_text(
            repo, text, name="baru.yaml", principal=service.local_principal()
        )  # new element and audit rows: ids after the restored ones
        service.dismiss_redundancy(
            repo,
            members=["A.999", before["element"][0][3]],
            ippd="kab-contoh",
            reason="lain",
            principal=service.local_principal(),
        )
        after = contents(target_url)
        assert len(after["element"]) == len(before["element"]) + 1 and len(after["audit"]) > len(before["audit"])
        assert len(after["redundancy_dismissal"]) == len(before["redundancy_dismissal"]) + 1
    finally:
        repo.engine.dispose()


def test_the_backup_file_is_private(filled, tmp_path):
    previous = os.umask(0o022)
    try:
        path = tmp_path / "ea.eabak.gz"
        service.backup_repository(filled, path, principal=ADMIN)
    finally:
        os.umask(previous)
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("ea.eabak")] == [
        "ea.eabak.gz"
    ]  # no partial file left


def test_only_a_national_admin_backs_up_and_restores(filled, tmp_path):
    path = tmp_path / "ea.eabak.gz"
    for who in (
        service.Principal("v", service.Role.VIEWER),
        service.Principal("k", service.Role.ADMIN, ippd="kab-contoh"),
    ):
        with pytest.raises(PermissionDenied):
            service.backup_repository(filled, path, principal=who)
        assert not path.exists()
    service.backup_repository(filled, path, principal=ADMIN)
    with pytest.raises(PermissionDenied):
        service.restore_repository(
            f"sqlite:///{tmp_path}/r.db", path, principal=service.Principal("v", service.Role.VIEWER)
        )
    assert not (tmp_path / "r.db").exists()


def _lines(path) -> list[dict]:
    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines()]


def _write_lines(path, records: list[dict], *, reseal: bool = True) -> None:
    """A backup file with these records; `reseal` recomputes the trailer (digest and counts) as `ea backup` would."""
    body = [(json.dumps(r, separators=(",", ":")) + "\n").encode() for r in records[:-1]]
    trailer = records[-1]
    if reseal:
        counts = {t["name"]: 0 for t in records[0]["tables"]}
        for record in records[1:-1]:
            counts[record["t"]] += len(record["r"])
        trailer = {**trailer, "rows": counts, "sha256": hashlib.sha256(b"".join(body)).hexdigest()}
    path.write_bytes(gzip.compress(b"".join(body) + (json.dumps(trailer) + "\n").encode()))


def _damaged_copies(path, tmp_path) -> dict[str, tuple]:
    data = path.read_bytes()
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0xFF
    records = _lines(path)
    altered = [dict(r) for r in records]
    element = next(i for i, r in enumerate(altered) if r.get("t") == "element")
    altered[element] = {
        **altered[element],
        "r": [["X" if v == "as-is" else v for v in row] for row in altered[element]["r"]],
    }
    copies = {
        "truncated": (data[: len(data) // 2], "backup_truncated"),
        "flipped-byte": (bytes(flipped), None),  # the gzip CRC or the digest: either way refused
        "not-gzip": (b"apiVersion: ea-repo/v1\n", "backup_not_a_backup"),
        "not-a-backup": (gzip.compress(b'{"hello": 1}\n'), "backup_not_a_backup"),
    }
    for name, (content, _) in copies.items():
        (tmp_path / name).write_bytes(content)
    _write_lines(tmp_path / "tampered", altered, reseal=False)  # a valid gzip whose rows no longer match the digest
    _write_lines(tmp_path / "no-trailer", records[:-1] + [records[-2]], reseal=False)
    return {**copies, "tampered": (None, "backup_damaged"), "no-trailer": (None, "backup_truncated")}


@pytest.mark.parametrize("target", [SQLITE, POSTGRES])
def test_a_damaged_file_is_refused_and_nothing_is_written(filled, tmp_path, target):
    path = tmp_path / "ea.eabak.gz"
    service.backup_repository(filled, path, principal=ADMIN)
    filled.engine.dispose()
    for name, (_, key) in _damaged_copies(path, tmp_path).items():
        target_url = fresh_url(target, tmp_path, f"restored-{name}")
        with pytest.raises(Refused) as refused:
            service.restore_repository(target_url, tmp_path / name, principal=ADMIN)
        assert key is None or refused.value.message.key == key, name
        assert refused.value.render("id") != refused.value.render("en")
        engine = make_engine(target_url)
        if target == "sqlite":
            assert not os.path.exists(engine.url.database), name
        else:
            assert inspect(engine).get_table_names() == [], name
        engine.dispose()


def test_a_database_holding_data_is_refused_unless_forced(filled, repo_url, tmp_path):
    path = tmp_path / "ea.eabak.gz"
    service.backup_repository(filled, path, principal=ADMIN)
    before = contents(repo_url)
    service.import_text(
        filled,
        "apiVersion: ea-repo/v1\nkind: Application\nmetadata: {id: A.998, ippd: kab-contoh, opd: '1'}\nspec: {}\n",
        name="later.yaml",
        principal=service.local_principal(),
    )
    later = contents(repo_url)
    with pytest.raises(Refused) as refused:
        service.restore_repository(repo_url, path, principal=ADMIN)
    assert refused.value.message.key == "restore_not_empty" and "--force" in refused.value.render("id")
    assert contents(repo_url) == later
    service.restore_repository(repo_url, path, principal=ADMIN, force=True)
    assert contents(repo_url) == before


def test_a_backup_of_an_older_schema_is_restored_and_upgraded_a_newer_one_refused(filled, repo_url, tmp_path):
    path = tmp_path / "ea.eabak.gz"
    service.backup_repository(filled, path, principal=ADMIN)
    before = contents(repo_url)
    records = _lines(path)
    header = records[0]
    columns = {t["name"]: t["columns"] for t in header["tables"]}
    at = columns["element"].index("version")
    # as schema version 1 wrote it: no element.version, no roadmap_item nor redundancy_dismissal table
    old_tables = [
        {"name": n, "columns": [c for c in cs if (n, c) != ("element", "version")]}
        for n, cs in columns.items()
        if n not in ("roadmap_item", "redundancy_dismissal")
    ]
    old_rows = [
        {**r, "r": [row[:at] + row[at + 1 :] for row in r["r"]]} if r["t"] == "element" else r
        for r in records[1:-1]
        if r["t"] not in ("roadmap_item", "redundancy_dismissal")
    ]
    old = tmp_path / "v1.eabak.gz"
    _write_lines(old, [{**header, "schema_version": 1, "tables": old_tables}, *old_rows, records[-1]])
    target_url = fresh_url("sqlite", tmp_path, "from-v1")
    service.restore_repository(target_url, old, principal=ADMIN)
    restored = contents(target_url)
    assert [row[:at] + row[at + 1 :] for row in restored["element"]] == [
        row[:at] + row[at + 1 :] for row in before["element"]
    ]
    assert {row[at] for row in restored["element"]} == {1}
    assert restored["roadmap_item"] == [] and restored["audit"] == before["audit"]
    engine = make_engine(target_url)
    assert schema_version(engine) == tables.SCHEMA_VERSION
    engine.dispose()
    newer = tmp_path / "v99.eabak.gz"
    _write_lines(newer, [{**header, "schema_version": tables.SCHEMA_VERSION + 1}, *records[1:]])
    with pytest.raises(Refused) as refused:
        service.restore_repository(fresh_url("sqlite", tmp_path, "from-v99"), newer, principal=ADMIN)
    assert refused.value.message.key == "restore_newer_schema"
    assert not (tmp_path / "from-v99.db").exists()


class _SlowProgress:
    """Stretches the backup over a while, so the writer commits between the tables it reads."""

    def start(self, total_rows: int) -> None:
        pass

    def advance(self, rows: int) -> None:
        time.sleep(0.01)


def _commit_pairs(repo: service.Repository, stop: threading.Event, committed: list[int]) -> None:
    """Each transaction adds one audit row and one link row: a committed state has as many of each."""
    audit, link = tables.AuditRecord.__table__, tables.LinkRecord.__table__
    while not stop.is_set():
        n = len(committed)
        with atomic(repo.engine) as conn:
            conn.execute(
                audit.insert(),
                {
                    "at": "2025",
                    "actor": "t",
                    "via": "test",
                    "action": "pair",
                    "ippd": "kab-contoh",
                    "subject": f"pair-{n}",
                    "kind": "Application",
                },
            )
            conn.execute(
                link.insert(),
                {
                    "ippd": "kab-contoh",
                    "plateau": "as-is",
                    "source_id": f"pair-{n}",
                    "field": "related",
                    "target_id": "A.001",
                    "position": 0,
                },
            )
        committed.append(n)
        time.sleep(0.002)


def test_a_backup_taken_while_writes_commit_is_one_committed_state(filled, repo_url, tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "BATCH_ROWS", 20)  # many batches: time for commits between audit and link
    stop, committed = threading.Event(), []
    writer = threading.Thread(target=_commit_pairs, args=(filled, stop, committed))
    writer.start()
    try:
        while len(committed) < 3:
            time.sleep(0.01)
        path = tmp_path / "ea.eabak.gz"
        service.backup_repository(filled, path, principal=ADMIN, progress=_SlowProgress())
        during = len(committed)
    finally:
        stop.set()
        writer.join()
    records = _lines(path)
    columns = {t["name"]: t["columns"] for t in records[0]["tables"]}

    def pairs(table: str, column: str) -> int:
        at = columns[table].index(column)
        return sum(1 for r in records[1:-1] if r["t"] == table for row in r["r"] if str(row[at]).startswith("pair-"))

    audit_pairs, link_pairs = pairs("audit", "subject"), pairs("link", "source_id")
    assert audit_pairs == link_pairs >= 3
    assert len(committed) > link_pairs and during > link_pairs  # writes did commit while the backup ran


def test_the_cli_backs_up_and_restores(tmp_path):
    runner = CliRunner()
    source, target = f"sqlite:///{tmp_path}/ea.db", f"sqlite:///{tmp_path}/restored.db"
    assert runner.invoke(app, ["--db", source, "init"]).exit_code == 0
    assert runner.invoke(app, ["--db", source, "import", str(sample_folders()[0])]).exit_code == 0
    path = tmp_path / "ea.eabak.gz"
    done = runner.invoke(app, ["--db", source, "backup", str(path)])
    assert done.exit_code == 0 and "Cadangan ditulis" in done.output and "12 tabel" in done.output, done.output
    restored = runner.invoke(app, ["--db", target, "restore", str(path)])
    assert restored.exit_code == 0 and "Dipulihkan" in restored.output, restored.output
    assert contents(target) == contents(source)
    again = runner.invoke(app, ["--db", target, "--lang", "en", "restore", str(path)])
    assert (
        again.exit_code == 2
        and "--force" in again.output
        and "Nothing was written" in again.output.replace("nothing", "Nothing")
    )
    assert runner.invoke(app, ["--db", target, "restore", str(path), "--force"]).exit_code == 0
    (tmp_path / "cut.gz").write_bytes(path.read_bytes()[:200])
    cut = runner.invoke(app, ["--db", f"sqlite:///{tmp_path}/other.db", "restore", str(tmp_path / "cut.gz")])
    assert cut.exit_code == 2 and "terpotong" in cut.output and "Traceback" not in cut.output
    assert isinstance(cut.exception, SystemExit) and not (tmp_path / "other.db").exists()
