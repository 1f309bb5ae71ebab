"""The rough edges of the first hour (issue 21): --lang anywhere, Ctrl-C, reference lists without a database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import doc, organisation, write_yaml
from typer.testing import CliRunner

from cli import app
from cli.interrupt import lang_in_argv

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(repo_url) -> str:
    assert runner.invoke(app, ["--db", repo_url, "init"]).exit_code == 0
    return repo_url


@pytest.fixture
def catalogue(tmp_path) -> Path:
    docs = organisation() + [doc("Application", "A.1", reference="RAA.01.02", services=["L.404"])]
    return write_yaml(tmp_path / "c.yaml", docs)


# --- --lang anywhere -------------------------------------------------------------------------
def test_lang_after_the_command_is_the_same_as_before_it(db, catalogue):
    assert runner.invoke(app, ["--db", db, "import", str(catalogue)]).exit_code == 0
    before = runner.invoke(app, ["--db", db, "--lang", "en", "check"])
    after = runner.invoke(app, ["--db", db, "check", "--lang", "en"])
    assert before.exit_code == after.exit_code == 1
    assert "Checked 1 elements" in after.output and after.output == before.output
    assert "Diperiksa" in runner.invoke(app, ["--db", db, "check"]).output


def test_lang_after_a_sub_command_and_between_group_and_command(db):
    for args in (
        ["reference", "list", "--lang", "en"],
        ["reference", "--lang", "en", "list"],
        ["reference", "list", "--lang=en"],
    ):
        result = runner.invoke(app, ["--db", db, *args])
        assert result.exit_code == 0 and "version" in result.output and "versi " not in result.output, args


def test_the_last_lang_given_wins_and_a_bad_one_is_refused(db):
    assert "versi" in runner.invoke(app, ["--db", db, "--lang", "en", "reference", "list", "--lang", "id"]).output
    refused = runner.invoke(app, ["--db", db, "check", "--lang", "fr"])
    assert refused.exit_code == 2 and "--lang" in refused.output


def test_ea_lang_still_sets_the_default(db, monkeypatch):
    monkeypatch.setenv("EA_LANG", "en")
    assert "version" in runner.invoke(app, ["--db", db, "reference", "list"]).output
    assert "versi" in runner.invoke(app, ["--db", db, "reference", "list", "--lang", "id"]).output


def test_every_command_accepts_lang_and_shows_it_in_its_help():
    from typer.main import get_command

    def leaves(group, path=()):
        for name, command in group.commands.items():
            yield path + (name,), command
            if hasattr(command, "commands"):
                yield from leaves(command, path + (name,))

    commands = list(leaves(get_command(app)))
    assert len(commands) > 30
    assert [p for p, c in commands if not any("--lang" in param.opts for param in c.params)] == []
    assert "--lang" in runner.invoke(app, ["check", "--help"]).output
    assert "--lang" in runner.invoke(app, ["diagram", "layers", "--help"]).output


def test_lang_read_from_the_raw_command_line():
    assert lang_in_argv(["check", "--lang", "en"]) == "en"
    assert lang_in_argv(["--lang=en", "check"]) == "en"
    assert lang_in_argv(["list", "--", "--lang", "en"]) in ("id", os.environ.get("EA_LANG", "id"))


# --- Ctrl-C -----------------------------------------------------------------------------------
def test_an_interrupted_command_exits_130_with_one_line(db, monkeypatch):
    from ea_repo import service

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(service, "check_repository", interrupted)
    result = runner.invoke(app, ["--db", db, "check"])
    assert result.exit_code == 130 and result.output.strip() == "Dibatalkan."
    english = runner.invoke(app, ["--db", db, "check", "--lang", "en"])
    assert english.exit_code == 130 and english.output.strip() == "Cancelled."


def run_python(code: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    env.pop("EA_LANG", None)
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def test_sigint_during_a_long_command_is_a_clean_exit_130(tmp_path):
    process = run_python(f"""
        import sys, time
        from cli import app, main

        @app.command("lama")
        def lama() -> None:
            print("mulai", flush=True)
            time.sleep(60)

        sys.argv = ["ea", "--db", "{tmp_path}/ea.db", "lama", "--lang", "en"]
        main()
    """)
    assert process.stdout.readline().strip() == "mulai"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.strip() == "Cancelled." and "Traceback" not in stdout + stderr


def test_sigint_while_the_commands_are_imported_is_a_clean_exit_130():
    """The signal arrives while `cli` imports its command modules, as Ctrl-C right after typing `ea`."""
    process = run_python("""
        import os, signal, sys

        class InterruptOnImport:
            def find_spec(self, name, path=None, target=None):
                if name == "cli.catalog":
                    os.kill(os.getpid(), signal.SIGINT)
                return None

        sys.meta_path.insert(0, InterruptOnImport())
        sys.argv = ["ea", "list"]
        from cli import main
        print("not reached")
        main()
    """)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.strip() == "Dibatalkan." and stdout == ""


def test_other_unhandled_errors_keep_their_traceback():
    process = run_python("""
        import cli
        raise RuntimeError("boom")
    """)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1 and "Traceback" in stderr and "RuntimeError: boom" in stderr


# --- reference lists without a database --------------------------------------------------------
def test_reference_lists_without_a_database_are_the_shipped_ones(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EA_DATABASE_URL", raising=False)
    listed = runner.invoke(app, ["reference", "list", "--lang", "en"])
    assert listed.exit_code == 0, listed.output
    assert "No database" in listed.output and "RAB" in listed.output and "358" in listed.output
    shown = runner.invoke(app, ["reference", "show", "RAB", "09"])
    assert shown.exit_code == 0 and "RAB.09.07  Kesekretariatan Negara" in shown.output
    assert not (tmp_path / "ea.db").exists()  # and none was created


def test_reference_lists_of_a_database_are_those_in_force_there(tmp_path, monkeypatch, repo_url):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EA_DATABASE_URL", raising=False)
    path = tmp_path / "rai.csv"
    path.write_text("kode,nama\nRAI.01,Fasilitas Komputasi\n", encoding="utf-8")
    assert runner.invoke(app, ["--db", repo_url, "init"]).exit_code == 0
    assert (
        runner.invoke(
            app, ["--db", repo_url, "reference", "load", str(path), "--domain", "RAI", "--version", "uji"]
        ).exit_code
        == 0
    )
    listed = runner.invoke(app, ["--db", repo_url, "reference", "list"])
    assert "uji" in listed.output and "Tanpa basis data" not in listed.output
    assert "RAI.01  Fasilitas Komputasi" in runner.invoke(app, ["--db", repo_url, "reference", "show", "RAI"]).output


def test_the_default_database_is_used_when_it_exists(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EA_DATABASE_URL", raising=False)
    assert runner.invoke(app, ["init"]).exit_code == 0 and (tmp_path / "ea.db").exists()
    listed = runner.invoke(app, ["reference", "list"])
    assert listed.exit_code == 0 and "Tanpa basis data" not in listed.output


def test_a_named_database_that_is_missing_is_still_an_error(tmp_path):
    result = runner.invoke(app, ["--db", f"sqlite:///{tmp_path}/none.db", "reference", "list"])
    assert result.exit_code == 2 and "ea init" in result.output


def test_show_names_relations_in_the_readers_language(db, tmp_path):
    docs = organisation() + [
        doc("Service", "L.1"),
        doc("Application", "A.1", services=["L.1"]),
        doc("Application", "A.2", services=["L.9"]),
    ]
    assert runner.invoke(app, ["--db", db, "import", str(write_yaml(tmp_path / "k.yaml", docs))]).exit_code == 0
    indonesian = runner.invoke(app, ["--db", db, "show", "A.1"], env={"COLUMNS": "200"}).output
    english = runner.invoke(app, ["--db", db, "show", "A.1", "--lang", "en"], env={"COLUMNS": "200"}).output
    assert "A.1 mendukung L.1" in indonesian and "supports" not in indonesian
    assert "A.1 supports L.1" in english
    missing = runner.invoke(app, ["--db", db, "show", "A.2"], env={"COLUMNS": "200"}).output
    assert "L.9: tidak ada" in missing
