"""What typer and its parser print themselves, in Bahasa Indonesia by default and English with --lang en or
EA_LANG=en: the help's usage line, panel titles and brackets (cli/chrome.py), and the usage errors, shown in typer's
panel with exit code 2."""

from __future__ import annotations

import pytest
from test_cli_help import VALUES_AS_TYPED
from test_no_english import ENGLISH, english_words
from typer.testing import CliRunner

from cli import app
from cli.help_text import CHROME

runner = CliRunner()

CHROME_WORDS = ("Usage", "Options", "Arguments", "Commands", "default", "required", "env var", "[OPTIONS]", "Try")


def _run(*args: str, lang: str | None = None):
    return runner.invoke(app, list(args), env={"COLUMNS": "400", "EA_LANG": lang})


@pytest.mark.parametrize("args", [("--help",), ("import", "--help"), ("diagram", "--help"), ("check", "--help")])
def test_the_help_chrome_is_indonesian_by_default_and_english_with_lang_en(args):
    result = _run(*args)
    assert result.exit_code == 0, result.output
    assert [word for word in CHROME_WORDS if word in result.output] == [], result.output
    assert "Penggunaan: ea" in result.output and "╭─ Opsi " in result.output
    english = _run(*args, "--lang", "en").output
    assert "Usage: ea" in english and "╭─ Options " in english and "Penggunaan" not in english


def test_the_help_brackets_are_worded():
    indonesian, english = _run("import", "--help").output, _run("import", "--help", lang="en").output
    assert "[wajib]" in indonesian and "[bawaan: 64]" in indonesian and "╭─ Argumen " in indonesian
    assert "[required]" in english and "[default: 64]" in english and "╭─ Arguments " in english
    assert "[variabel lingkungan: EA_DATABASE_URL]" in _run("--help").output
    assert "╭─ Perintah " in _run("--help").output and "╭─ Commands " in _run("--help", lang="en").output


# (command line, Indonesian, English): each a usage error typer's parser or validation raises.
USAGE_ERRORS = [
    (("list", "--db", "x"), "Opsi --db tidak dikenal (yang mirip: --ippd, --opd).", "No such option: --db"),
    (("import",), "Argumen 'paths' belum diberikan.", "Missing argument 'paths'."),
    (("list", "--limit", "x"), "Nilai tidak sah untuk '--limit': 'x' bukan bilangan bulat.", "is not a valid integer"),
    (("serve", "--statement-timeout", "x"), "'x' bukan bilangan.", "'x' is not a valid number."),
    (
        ("check", "--severity", "bogus"),
        "'bogus' bukan salah satu dari 'error', 'warning', 'info'.",
        "'bogus' is not one of 'error', 'warning', 'info'.",
    ),
    (("diagram", "context", "x", "--depth", "0"), "kurang dari batas terkecil 1.", "less than the minimum 1."),
    (("list", "a", "b", "c"), "Argumen berlebih: b c.", "Unexpected extra arguments: b c."),
    (("lisst",), "Perintah 'lisst' tidak dikenal. Mungkin maksudnya 'list'?", "Did you mean 'list'?"),
    (("diagram", "nothing"), "Perintah 'nothing' tidak dikenal.", "No such command 'nothing'."),
    (("list", "--limit"), "Opsi '--limit' memerlukan nilai.", "Option '--limit' requires a value."),
    (("import", "--dry-run=x", "a.yaml"), "Opsi '--dry-run' tidak menerima nilai.", "does not take a value."),
    (("--lang", "xx", "list"), "Nilai tidak sah untuk --lang: 'xx' bukan salah satu dari 'id', 'en'.", "is not one of"),
]


@pytest.mark.parametrize(("args", "indonesian", "english"), USAGE_ERRORS, ids=[" ".join(e[0]) for e in USAGE_ERRORS])
def test_usage_errors_in_indonesian_by_default_and_english_with_ea_lang_en(args, indonesian, english):
    result = _run(*args)
    assert result.exit_code == 2, result.output
    assert indonesian in result.output and "Galat" in result.output, result.output
    as_typed = {word.strip("'-") for word in args} | {"info"} | VALUES_AS_TYPED  # values, command and argument names
    found = {word for line in result.output.splitlines() for word in english_words(line)} & ENGLISH
    assert found - as_typed == set(), result.output
    assert [word for word in CHROME_WORDS if word in result.output] == [], result.output
    result = _run(*args, lang="en")
    assert result.exit_code == 2, result.output
    assert english in result.output and "Error" in result.output and indonesian not in result.output, result.output


def test_a_group_called_without_a_command_says_so_in_the_language_asked_for():
    assert "Perintah belum disebutkan." in _run("token", "--lang", "id").output
    result = _run("token", "--lang", "en")
    assert result.exit_code == 2 and "Missing command." in result.output


def test_the_usage_line_of_an_error_is_worded_too():
    output = _run("list", "--db", "x").output
    assert "Penggunaan: ea list [OPSI]" in output and "Coba 'ea list --help' untuk bantuan." in output
    assert "Usage: ea list [OPTIONS]" in _run("list", "--db", "x", lang="en").output


def test_the_chrome_keys_differ_between_the_languages():
    assert all(CHROME[key].id != CHROME[key].en for key in CHROME)


def test_the_last_lang_given_words_the_errors_and_the_help_as_it_words_the_output():
    assert "Opsi --db tidak dikenal" in _run("--lang", "en", "list", "--db", "x", "--lang", "id").output
    assert "No such option: --db" in _run("--lang", "id", "list", "--lang", "en", "--db", "x").output
    assert "Usage: ea list" in _run("--lang", "id", "list", "--help", "--lang", "en").output
