"""`ea serve` settings, from arguments or the EA_* environment variables (so `--workers N` processes share them).

Here, not in api/, so the CLI can pass them on without importing the API package. The settings check themselves
when made: a wrong value is a ConfigError naming the variable (and its `ea serve` option), in the reader's language.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message

MiB = 1024 * 1024
_ORIGIN = re.compile(r"\*|https?://[^/\s?#]+")  # scheme://host[:port], as a browser sends it in Origin
_BACKENDS = ("sqlite", "postgresql")


class Settings(BaseSettings):
    """Read from EA_DATABASE_URL, EA_MAX_BODY_BYTES, EA_STATEMENT_TIMEOUT, EA_CORS_ORIGINS and EA_TOKEN_CACHE;
    a value given as an argument wins over the environment."""

    model_config = SettingsConfigDict(env_prefix="EA_", frozen=True, populate_by_name=True)

    database_url: str | None = None  # None: EA_DATABASE_URL, then ./ea.db
    max_body_bytes: int = Field(64 * MiB, ge=1)  # the same cap as one catalogue file
    # PostgreSQL: each statement (0: no limit); SQLite waits this long for the write lock at most
    statement_timeout_s: float = Field(60.0, ge=0, allow_inf_nan=False, validation_alias="EA_STATEMENT_TIMEOUT")
    cors_origins: Annotated[tuple[str, ...], NoDecode] = ()  # none: CORS off; the environment: comma-separated
    # a token revoked elsewhere stops working within this time
    token_cache_s: float = Field(5.0, ge=0, allow_inf_nan=False, validation_alias="EA_TOKEN_CACHE")
    # how long a browser stays signed in (the web pages)
    session_hours: float = Field(12.0, gt=0, le=24 * 30, allow_inf_nan=False)

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise ConfigError([_problem(error) for error in exc.errors()]) from None

    @classmethod
    def from_environment(cls) -> Settings:
        return cls()

    @field_validator("database_url", mode="before")
    @classmethod
    def _database_url(cls, value: object) -> object:
        if value == "":
            return None  # EA_DATABASE_URL= set but empty: not named
        if isinstance(value, str) and "://" in value:
            try:
                backend = make_url(value).get_backend_name()
            except ArgumentError:
                backend = ""
            if backend not in _BACKENDS:
                raise ValueError("not a database URL")
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _cors_origins(cls, value: object) -> object:
        if isinstance(value, str):
            value = [origin.strip() for origin in value.split(",")]
        if isinstance(value, (list, tuple)):
            origins = tuple(origin for origin in value if not isinstance(origin, str) or origin.strip())
            if not all(isinstance(origin, str) and _ORIGIN.fullmatch(origin) for origin in origins):
                raise ValueError("not an origin")
            return origins
        return value

    def to_environment(self) -> dict[str, str]:
        values = {
            "EA_MAX_BODY_BYTES": str(self.max_body_bytes),
            "EA_STATEMENT_TIMEOUT": str(self.statement_timeout_s),
            "EA_CORS_ORIGINS": ",".join(self.cors_origins),
            "EA_TOKEN_CACHE": str(self.token_cache_s),
            "EA_SESSION_HOURS": str(self.session_hours),
        }
        if self.database_url:
            values["EA_DATABASE_URL"] = self.database_url
        return values


# field -> (how the reader names it, what it must be)
_NAMES = {
    "database_url": ("EA_DATABASE_URL (--db)", Message("setting_database_url")),
    "max_body_bytes": ("EA_MAX_BODY_BYTES (--max-body-mb)", Message("setting_whole_number_at_least", minimum=1)),
    "statement_timeout_s": (
        "EA_STATEMENT_TIMEOUT (--statement-timeout)",
        Message("setting_number_at_least", minimum=0),
    ),
    "cors_origins": ("EA_CORS_ORIGINS (--cors-origin)", Message("setting_origins")),
    "token_cache_s": ("EA_TOKEN_CACHE", Message("setting_number_at_least", minimum=0)),
    "session_hours": ("EA_SESSION_HOURS", Message("setting_hours")),
}
_ALIASES = {"EA_STATEMENT_TIMEOUT": "statement_timeout_s", "EA_TOKEN_CACHE": "token_cache_s"}


def _problem(error: ErrorDetails) -> Message | str:
    """One pydantic error as one line: the variable, the value given, what it must be."""
    field = str(error["loc"][0]) if error["loc"] else ""
    field = _ALIASES.get(field, field)
    if field not in _NAMES:  # an argument Settings does not have: a programming error, said as pydantic says it
        return f"{field}: {error['msg']}"
    name, expected = _NAMES[field]
    shown = error["input"]
    shown = ",".join(shown) if isinstance(shown, (list, tuple)) and all(isinstance(o, str) for o in shown) else shown
    text = str(shown)
    return Message(
        "setting_invalid", name=name, value=text if len(text) <= 60 else text[:57] + "...", expected=expected
    )
