"""Timestamps as stored: ISO 8601 in UTC with microseconds, so text order is time order."""

from __future__ import annotations

import datetime as dt


def now_text() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
