"""What ran the benchmark: CPU, cores, memory, library versions, code revision, date."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
import subprocess
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def describe() -> dict:
    import yaml

    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "nproc": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "python": platform.python_version(),
        "pyyaml": yaml.__version__,
        "libyaml": yaml.__with_libyaml__,
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": version("sqlalchemy"),
        "sqlmodel": version("sqlmodel"),
        "pydantic": version("pydantic"),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "core_modified": bool(_git("status", "--porcelain", "ea_repo", "metamodel")),
    }


def one_line(info: dict) -> str:
    return (
        f"{info['date']}; {info['cpu']}, nproc {info['nproc']}, {info['memory_gib']} GiB; Python {info['python']}, "
        f"PyYAML {info['pyyaml']} (libyaml {info['libyaml']}), SQLite {info['sqlite']}, SQLAlchemy "
        f"{info['sqlalchemy']}, SQLModel {info['sqlmodel']}, pydantic {info['pydantic']}; commit {info['commit']}"
        f"{' (core modified)' if info['core_modified'] else ''}"
    )
