"""User accounts: the service's own-password change and the web import's dry run, and `ea user` on the command
line (create, list, disable, password) with its refusals."""

from __future__ import annotations

import json

import pytest
from helpers import doc, organisation, write_yaml
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from ea_repo.core.errors import ConfigError, ImportRejected, NotAuthenticated, PermissionDenied
from ea_repo.core.yaml_io import dump_documents

runner = CliRunner()
ADMIN = service.local_principal()
PASSWORD = "kata-sandi-panjang-1"


# --- the service -------------------------------------------------------------------------------------------------
@pytest.fixture
def kab(repo):
    service.import_text(repo, dump_documents(organisation("kab", ("1", "2"))), principal=ADMIN)
    service.create_user(repo, login="sri", name="Sri", role="architect", password=PASSWORD, ippd="kab", principal=ADMIN)
    service.create_user(
        repo, login="opd1", name="Opd", role="architect", password=PASSWORD, ippd="kab", opds=["1"], principal=ADMIN
    )
    return repo


def test_changing_ones_own_password_needs_the_current_one_and_ends_the_other_sessions(kab):
    sri, old_session = service.sign_in(kab, "sri", PASSWORD)
    with pytest.raises(ConfigError, match="current password is wrong"):
        service.change_own_password(kab, "salah-sekali", "sandi-baru-panjang", principal=sri)
    with pytest.raises(ConfigError, match="10 to 256"):
        service.change_own_password(kab, PASSWORD, "pendek", principal=sri)
    secret = service.change_own_password(kab, PASSWORD, "sandi-baru-panjang", principal=sri)
    assert service.session_principal(kab, secret) == sri
    with pytest.raises(NotAuthenticated):
        service.session_principal(kab, old_session)
    with pytest.raises(NotAuthenticated):
        service.sign_in(kab, "sri", PASSWORD)
    assert service.sign_in(kab, "sri", "sandi-baru-panjang")[0] == sri
    with pytest.raises(ConfigError):  # a token or the CLI has no password of its own to change
        service.change_own_password(kab, PASSWORD, "sandi-baru-panjang", principal=ADMIN)


def _application(element_id: str, opd: str = "1", name: str = "Nama") -> bytes:
    return dump_documents([doc("Application", element_id, ippd="kab", opd=opd, name=name)]).encode()


def test_a_dry_run_counts_what_the_commit_writes_and_writes_nothing(kab):
    service.import_text(kab, _application("A.001").decode(), principal=ADMIN)
    audited = len(service.history(kab, limit=1000, principal=ADMIN))
    uploads = [("a.yaml", _application("A.001", name="Baru")), ("b.yml", _application("A.002"))]
    preview = service.import_files(kab, uploads, ippd="kab", dry_run=True, principal=ADMIN)
    assert not preview.applied
    assert (dict(preview.summary.created), dict(preview.summary.updated)) == ({"Application": 1}, {"Application": 1})
    assert [e.name for e in service.list_elements(kab, principal=ADMIN)] == ["Nama"]
    assert len(service.history(kab, limit=1000, principal=ADMIN)) == audited
    done = service.import_files(kab, uploads, ippd="kab", principal=ADMIN)
    assert done.applied and done.summary == preview.summary
    assert [e.name for e in service.list_elements(kab, principal=ADMIN)] == ["Baru", "Nama"]


def test_the_import_of_files_keeps_the_scope_rules(kab):
    opd1 = service.sign_in(kab, "opd1", PASSWORD)[0]
    with pytest.raises(PermissionDenied):
        service.import_files(kab, [("a.yaml", _application("A.003", opd="2"))], ippd="kab", principal=opd1)
    viewer = service.Principal("viewer", service.Role.VIEWER, "kab")
    with pytest.raises(PermissionDenied, match="may only read"):
        service.check_import_allowed(kab, "kab", principal=viewer)
    with pytest.raises(ImportRejected) as caught:
        service.import_files(kab, [("C:\\data\\x.txt", b"x")], ippd="kab", principal=opd1)
    assert caught.value.problems[0].path == "x.txt"  # the file's own name, never a folder
    assert service.list_elements(kab, principal=ADMIN) == []


# --- ea user -----------------------------------------------------------------------------------------------------
def ea(db: str, *args: str, lang: str = "en", input: str | None = None):
    return runner.invoke(app, ["--db", db, "--lang", lang, *args], input=input)


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path}/ea.db"
    assert ea(url, "init").exit_code == 0
    catalog = write_yaml(tmp_path / "c.yaml", organisation("kab", ("1", "14")))
    assert ea(url, "import", str(catalog)).exit_code == 0
    return url


def test_user_create_asks_the_password_twice_and_the_user_signs_in(db):
    typed = f"{PASSWORD}\n{PASSWORD}\n"
    result = ea(
        db, "user", "create", "--login", "budi", "--name", "Budi", "--role", "architect", "--opd", "14", input=typed
    )
    assert result.exit_code == 0, result.output
    assert "User budi created: role architect, scope kab/14." in result.stderr
    assert PASSWORD not in result.output  # never echoed
    principal, _ = service.sign_in(service.open_repository(db), "budi", PASSWORD)
    assert (principal.role.value, principal.ippd, principal.opds) == ("architect", "kab", frozenset({"14"}))


def test_user_create_from_standard_input_and_in_indonesian(db):
    result = ea(
        db,
        "user",
        "create",
        "--login",
        "sri",
        "--name",
        "Sri",
        "--role",
        "viewer",
        "--ippd",
        "kab",
        "--password-stdin",
        lang="id",
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Pengguna sri dibuat: peran viewer, wewenang kab." in result.stderr
    assert "Kata sandi" not in result.output  # nothing asked
    assert service.sign_in(service.open_repository(db), "sri", PASSWORD)


@pytest.mark.parametrize(
    ("args", "typed", "said"),
    [
        (("--role", "architect"), "pendek\npendek\n", "a password must have 10 to 256 characters"),
        (("--role", "chief"), f"{PASSWORD}\n{PASSWORD}\n", "unknown role 'chief'"),
        (("--role", "architect"), f"{PASSWORD}\nlain-sandi-sekali\n", "the two passwords differ"),
        (("--role", "architect", "--opd", "99"), f"{PASSWORD}\n{PASSWORD}\n", "99"),
        (("--role", "architect", "--ippd", "kota"), f"{PASSWORD}\n{PASSWORD}\n", "kota"),
    ],
)
def test_user_create_refusals(db, args, typed, said):
    result = ea(db, "user", "create", "--login", "budi", "--name", "Budi", *args, input=typed)
    assert result.exit_code == 2 and said in result.stderr, result.output
    assert service.list_users(service.open_repository(db), principal=ADMIN) == []


def create_viewer(db: str, login: str, name: str):
    args = ("user", "create", "--login", login, "--name", name, "--role", "viewer", "--ippd", "kab", "--password-stdin")
    return ea(db, *args, input=f"{PASSWORD}\n")


def test_user_list_disable_and_password(db):
    assert create_viewer(db, "budi", "Budi").exit_code == 0 and create_viewer(db, "sri", "Sri").exit_code == 0
    assert create_viewer(db, "budi", "Budi lagi").exit_code == 2  # the user name is taken
    listed = json.loads(ea(db, "user", "list", "--format", "json").stdout)
    assert [(u["login"], u["role"], u["ippd"], u["disabled_at"]) for u in listed] == [
        ("budi", "viewer", "kab", None),
        ("sri", "viewer", "kab", None),
    ]
    assert "password" not in json.dumps(listed) and "hash" not in json.dumps(listed)
    table = ea(db, "user", "list", lang="id").stdout
    assert "wewenang" in table and "nonaktif" in table and "budi" in table

    disabled = ea(db, "user", "disable", "budi")
    assert disabled.exit_code == 0 and "User budi disabled" in disabled.stderr
    ended = json.loads(ea(db, "user", "list", "--format", "json").stdout)[0]["disabled_at"]
    wide = runner.invoke(app, ["--db", db, "user", "list"], env={"COLUMNS": "250"}).stdout
    assert ended and ended[:19] in wide  # the table's last column says when
    repo = service.open_repository(db)
    with pytest.raises(NotAuthenticated):
        service.sign_in(repo, "budi", PASSWORD)
    assert ea(db, "user", "disable", "nobody").exit_code == 1

    changed = ea(db, "user", "password", "sri", input="sandi-baru-panjang\nsandi-baru-panjang\n")
    assert changed.exit_code == 0 and "Password of sri changed" in changed.stderr
    assert service.sign_in(repo, "sri", "sandi-baru-panjang")
    refused = ea(db, "user", "password", "sri", input="sandi-lain-panjang\nbeda-sandi-panjang\n")
    assert refused.exit_code == 2 and "the two passwords differ" in refused.stderr
    assert ea(db, "user", "password", "nobody", "--password-stdin", input=f"{PASSWORD}\n").exit_code == 1
