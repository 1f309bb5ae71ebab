"""`ea --help` and every `ea <command> --help` in Bahasa Indonesia by default, English with --lang en or EA_LANG=en;
every help text from the one catalogue (cli/help_text.py), in both languages."""

from __future__ import annotations

import inspect
import sys

import pytest
import typer.main
from test_no_english import ENGLISH, english_words
from typer.testing import CliRunner

from cli import app
from cli.help_text import HELP, build_lang, help_text, key_of
from metamodel import load_metamodel

runner = CliRunner()

# Typer's own chrome ("Usage", the panel titles, "[required]", "[default: ...]") is worded by cli/chrome.py and
# held by tests/test_cli_chrome.py; nothing of it is allowed here.
# Values typed on the command line as written, which the help names: option values (`--format table`, `--view none`,
# `--plateau all`, `--severity warning`), then the domain and kind keys, the command names and the argument names.
OPTION_VALUES = {"table", "none", "all", "error", "warning"}
assert OPTION_VALUES <= ENGLISH  # each would be flagged: the allow-lists hold nothing idle


def _commands(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


COMMANDS = dict(_commands(typer.main.get_command(app)))
PATHS = list(COMMANDS)
VALUES_AS_TYPED = OPTION_VALUES | {domain.key for domain in load_metamodel().domains}
VALUES_AS_TYPED |= {kind.key for kind in load_metamodel().kinds}  # `ea list application`
VALUES_AS_TYPED |= {name for path in PATHS for name in path}  # `ea list`, `ea evidence record`
VALUES_AS_TYPED |= {p.name for c in COMMANDS.values() for p in c.params if p.param_type_name == "argument"}


def _help(*args: str, env: dict[str, str | None] | None = None) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "400", "EA_LANG": None, **(env or {})})
    assert result.exit_code == 0, result.output
    return result.output


def _english(output: str) -> list[str]:
    return sorted({word for line in output.splitlines() for word in english_words(line)} - VALUES_AS_TYPED)


def test_the_commands_are_walked_not_listed():
    assert len(PATHS) > 50 and ("roadmap", "check") in PATHS and ("evidence", "record", "budget") in PATHS


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "ea")
def test_help_is_indonesian_by_default(path):
    output = _help(*path, "--help")
    assert _english(output) == [], f"ea {' '.join(path)} --help:\n{output}"
    assert "Menampilkan bantuan ini lalu keluar." in output


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "ea")
def test_help_is_english_with_lang_en(path):
    for output in (_help(*path, "--help", "--lang", "en"), _help(*path, "--help", env={"EA_LANG": "en"})):
        assert "Show this message and exit." in output
        assert "Menampilkan bantuan" not in output
        assert _english(output), output


def test_the_lang_option_before_or_after_the_command_words_the_help():
    assert "Import catalogue YAML" in _help("--lang", "en", "--help")
    assert "Import catalogue YAML" in _help("--lang=en", "--help")
    assert "Show one element" in _help("show", "--lang=en", "--help")
    assert "Menampilkan satu elemen" in _help("show", "--help", env={"EA_LANG": "id"})
    assert "Menampilkan satu elemen" in _help("--lang", "id", "show", "--help", env={"EA_LANG": "en"})


def test_the_word_test_bites_on_help():
    assert _english(_help("--help", "--lang", "en"))
    assert _english("Show this message and exit.") == ["and", "message", "this"]


def test_every_help_comes_from_the_catalogue_and_every_key_is_used():
    used, outside = set(), []
    for path, command in COMMANDS.items():
        texts = [(" ".join(path) or "ea", command.help)]
        texts += [(f"{' '.join(path)} {p.name}", getattr(p, "help", None)) for p in command.params]
        for where, text in texts:
            key = key_of(text)
            if key is None:
                outside.append(where)
            used.add(key)
    assert outside == []
    assert set(HELP) - used == {"opt.help"}  # --help is click's own option, worded when the help is shown


def test_every_key_has_both_languages_distinct_and_unique():
    for key, text in HELP.items():
        assert text.id.strip() and text.en.strip() and text.id != text.en, key
    for lang in ("id", "en"):
        texts = [inspect.cleandoc(HELP[key][lang]) for key in HELP]
        assert len(set(texts)) == len(texts), f"two keys share a text in {lang}: localise_help could not tell them"
    assert not {inspect.cleandoc(t.id) for t in HELP.values()} & {inspect.cleandoc(t.en) for t in HELP.values()}


def test_a_commands_help_is_a_short_line_then_the_body():
    for key, text in HELP.items():
        for lang in ("id", "en"):
            short = text[lang].split("\n\n")[0]
            assert "\n" not in short and "[" not in text[lang], (key, lang)  # `[` would be read as rich markup


def test_the_language_of_help_is_read_from_the_command_line_then_ea_lang(monkeypatch):
    monkeypatch.setenv("EA_LANG", "en")
    monkeypatch.setattr(sys, "argv", ["ea", "check", "--lang", "id"])
    assert build_lang() == "id" and help_text("check").startswith("Menjalankan pemeriksaan")
    monkeypatch.setattr(sys, "argv", ["ea", "check"])
    assert build_lang() == "en" and help_text("check").startswith("Run the consistency checks")
    monkeypatch.delenv("EA_LANG")
    assert build_lang() == "id"
