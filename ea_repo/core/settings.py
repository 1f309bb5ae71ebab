"""`ea serve` settings, from arguments or the environment (so `--workers N` processes share them).

Here, not in api/, so the CLI can pass them on without importing the API package."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

MiB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    database_url: str | None = None  # None: EA_DATABASE_URL, then ./ea.db
    max_body_bytes: int = 64 * MiB  # the same cap as one catalogue file
    statement_timeout_s: float = 60.0  # PostgreSQL: each statement; SQLite waits this long for the write lock at most
    cors_origins: tuple[str, ...] = field(default_factory=tuple)  # none: CORS off
    token_cache_s: float = 5.0  # a token revoked elsewhere stops working within this time

    @classmethod
    def from_environment(cls) -> Settings:
        origins = tuple(o.strip() for o in os.environ.get("EA_CORS_ORIGINS", "").split(",") if o.strip())
        return cls(
            database_url=os.environ.get("EA_DATABASE_URL") or None,
            max_body_bytes=int(os.environ.get("EA_MAX_BODY_BYTES", 64 * MiB)),
            statement_timeout_s=float(os.environ.get("EA_STATEMENT_TIMEOUT", 60)),
            cors_origins=origins,
            token_cache_s=float(os.environ.get("EA_TOKEN_CACHE", 5)),
        )

    def to_environment(self) -> dict[str, str]:
        values = {
            "EA_MAX_BODY_BYTES": str(self.max_body_bytes),
            "EA_STATEMENT_TIMEOUT": str(self.statement_timeout_s),
            "EA_CORS_ORIGINS": ",".join(self.cors_origins),
            "EA_TOKEN_CACHE": str(self.token_cache_s),
        }
        if self.database_url:
            values["EA_DATABASE_URL"] = self.database_url
        return values
