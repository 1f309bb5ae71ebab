"""Server settings (ea_repo/core/settings.py): read from EA_* variables, defaulted, and checked when made; a wrong
value is one line naming the variable, in Indonesian unless English is asked for."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli import app
from ea_repo.core.errors import ConfigError
from ea_repo.core.settings import MiB, Settings

VARIABLES = ("EA_DATABASE_URL", "EA_MAX_BODY_BYTES", "EA_STATEMENT_TIMEOUT", "EA_CORS_ORIGINS", "EA_TOKEN_CACHE")


@pytest.fixture
def environment(monkeypatch):
    """The EA_* server variables unset; set(name=value) sets some for this test only."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def set_variables(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_variables


def test_unset_variables_give_the_defaults(environment):
    settings = Settings.from_environment()
    assert settings == Settings()
    assert (settings.database_url, settings.max_body_bytes, settings.statement_timeout_s) == (None, 64 * MiB, 60.0)
    assert (settings.cors_origins, settings.token_cache_s) == ((), 5.0)


def test_every_variable_is_read_under_its_name(environment):
    environment(
        EA_DATABASE_URL="postgresql://ea@db/ea",
        EA_MAX_BODY_BYTES="2048",
        EA_STATEMENT_TIMEOUT="7.5",
        EA_CORS_ORIGINS=" https://ea.example.go.id , http://localhost:5173,, ",
        EA_TOKEN_CACHE="0",
    )
    settings = Settings.from_environment()
    assert settings.database_url == "postgresql://ea@db/ea" and settings.max_body_bytes == 2048
    assert settings.statement_timeout_s == 7.5 and settings.token_cache_s == 0.0
    assert settings.cors_origins == ("https://ea.example.go.id", "http://localhost:5173")


def test_an_argument_wins_over_the_environment_and_the_rest_is_still_read(environment):
    environment(EA_STATEMENT_TIMEOUT="5", EA_TOKEN_CACHE="1")
    settings = Settings(statement_timeout_s=30, cors_origins=("https://a.go.id",))
    assert (settings.statement_timeout_s, settings.token_cache_s, settings.cors_origins) == (
        30.0,
        1.0,
        ("https://a.go.id",),
    )


def test_an_empty_database_url_names_no_database(environment):
    environment(EA_DATABASE_URL="")
    assert Settings.from_environment().database_url is None


def test_to_environment_is_read_back_as_the_same_settings(environment):
    written = Settings(
        database_url="sqlite:////srv/ea.db",
        max_body_bytes=MiB,
        statement_timeout_s=12.5,
        cors_origins=("https://a.go.id", "*"),
        token_cache_s=0,
    )
    environment(**written.to_environment())
    assert Settings.from_environment() == written


@pytest.mark.parametrize(
    ("variable", "value", "expected_id", "expected_en"),
    [
        ("EA_MAX_BODY_BYTES", "0", "bilangan bulat paling kecil 1", "whole number of at least 1"),
        ("EA_MAX_BODY_BYTES", "64MB", "bilangan bulat paling kecil 1", "whole number of at least 1"),
        ("EA_MAX_BODY_BYTES", "1.5", "bilangan bulat paling kecil 1", "whole number of at least 1"),
        ("EA_STATEMENT_TIMEOUT", "-1", "bilangan paling kecil 0", "number of at least 0"),
        ("EA_STATEMENT_TIMEOUT", "nan", "bilangan paling kecil 0", "number of at least 0"),
        ("EA_TOKEN_CACHE", "lima", "bilangan paling kecil 0", "number of at least 0"),
        ("EA_CORS_ORIGINS", "https://ea.example.go.id/app", "http(s)://host[:port] tanpa path", "without a path"),
        ("EA_CORS_ORIGINS", "ea.example.go.id", "http(s)://host[:port] tanpa path", "without a path"),
        ("EA_DATABASE_URL", "mysql://ea@db/ea", "postgresql://pengguna@host/basisdata", "postgresql://user@host"),
    ],
)
def test_a_wrong_value_is_one_line_naming_the_variable(environment, variable, value, expected_id, expected_en):
    environment(**{variable: value})
    with pytest.raises(ConfigError) as refused:
        Settings.from_environment()
    [indonesian] = refused.value.render("id")
    [english] = refused.value.render("en")
    assert indonesian.startswith(f"pengaturan {variable}") and f"tidak sah ({value}): " in indonesian
    assert expected_id in indonesian and "invalid" not in indonesian and "must" not in indonesian
    assert english.startswith(f"setting {variable}") and expected_en in english


def test_each_wrong_value_gets_its_own_line(environment):
    environment(EA_MAX_BODY_BYTES="-5", EA_TOKEN_CACHE="x")
    with pytest.raises(ConfigError) as refused:
        Settings.from_environment()
    lines = refused.value.render("id")
    assert len(lines) == 2 and "EA_MAX_BODY_BYTES" in lines[0] and "EA_TOKEN_CACHE" in lines[1]


def test_a_wrong_argument_is_refused_like_a_wrong_variable(environment):
    with pytest.raises(ConfigError) as refused:
        Settings(statement_timeout_s=-3)
    assert refused.value.render("id") == [
        "pengaturan EA_STATEMENT_TIMEOUT (--statement-timeout) tidak sah (-3): harus bilangan paling kecil 0"
    ]


def test_settings_cannot_be_changed_once_made(environment):
    settings = Settings()
    with pytest.raises(ValueError):
        settings.max_body_bytes = 1  # type: ignore[misc]  # frozen: assigning is what is tested


def test_ea_serve_refuses_a_wrong_setting_before_it_serves(environment, tmp_path, monkeypatch):
    monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: pytest.fail("served despite a wrong setting"))
    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/ea.db"
    assert runner.invoke(app, ["--db", db, "init"]).exit_code == 0
    environment(EA_TOKEN_CACHE="-1")
    result = runner.invoke(app, ["--db", db, "--lang", "id", "serve", "--statement-timeout", "-2"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if "pengaturan" in line]
    assert len(lines) == 2
    assert "EA_STATEMENT_TIMEOUT (--statement-timeout) tidak sah (-2.0)" in lines[0]
    assert "EA_TOKEN_CACHE tidak sah (-1)" in lines[1]
