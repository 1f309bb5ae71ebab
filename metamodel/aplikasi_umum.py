"""The national shared applications (Aplikasi Umum and central systems) and the SPBE abbreviations.

Data in data/aplikasi_umum.yaml, each entry with its sources; loaded once into frozen objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).parent / "data" / "aplikasi_umum.yaml"
DESIGNATIONS = ("aplikasi-umum", "pusat")
MODES = ("use", "integrate")


def reached_at(host: str, domains: tuple[str, ...]) -> bool:
    """Whether a host is one of `domains` or below one; a `label.*` domain is any host whose first label is it."""
    host = host.lower().strip(".")
    for domain in domains:
        if domain.endswith(".*"):
            if host.split(".", 1)[0] == domain[:-2]:
                return True
        elif host == domain or host.endswith("." + domain):
            return True
    return False


@dataclass(frozen=True)
class NationalApplication:
    """One national application a local one should use (or integrate with) instead of rebuilding it."""

    key: str
    name: str
    expansion: str
    owner: str
    function: str
    designation: str
    mode: str
    reference: str
    aliases: tuple[str, ...]
    replaces: tuple[str, ...]
    basis: str
    sources: tuple[str, ...]
    domains: tuple[str, ...] = ()  # where a centrally run one is reached: "sipd.kemendagri.go.id" (and below)

    @property
    def title(self) -> str:
        return f"{self.name} ({self.expansion})" if self.expansion and self.expansion != self.name else self.name

    def reached_at(self, host: str) -> bool:
        """Whether an address's host is this application's: one of its domains or below it (`reached_at`)."""
        return reached_at(host, self.domains)

    def names(self) -> tuple[str, ...]:
        """Every name it is compared under: its own, the expansion, the aliases, the local names it replaces."""
        seen: dict[str, None] = {}
        for text in (self.name, self.expansion, *self.aliases, *self.replaces):
            if text and text.strip():
                seen.setdefault(text.strip())
        return tuple(seen)


@dataclass(frozen=True)
class Abbreviation:
    short: str
    long: str
    source: str


@dataclass(frozen=True)
class FunctionArea:
    """A government function, and the words and phrases an application's name or description says it with."""

    key: str
    label: str
    terms: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class NationalCatalogue:
    applications: tuple[NationalApplication, ...]
    abbreviations: tuple[Abbreviation, ...]
    functions: tuple[FunctionArea, ...] = ()

    def application(self, key: str) -> NationalApplication:
        for app in self.applications:
            if app.key == key:
                return app
        raise KeyError(key)

    def glossary(self) -> dict[str, str]:
        return {a.short.lower(): a.long.lower() for a in self.abbreviations}


def parse_catalogue(document: dict) -> NationalCatalogue:
    """Build the catalogue from its YAML document; every problem is collected and raised together."""
    problems: list[str] = []
    apps = []
    keys: set[str] = set()
    for index, raw in enumerate(document.get("aplikasi_umum") or []):
        where = f"aplikasi_umum[{index}] {raw.get('key', '?')}"
        for field in ("key", "name", "owner", "function", "designation", "mode"):
            if not str(raw.get(field) or "").strip():
                problems.append(f"{where}: {field} is required")
        if raw.get("designation") not in DESIGNATIONS:
            problems.append(f"{where}: designation must be one of {', '.join(DESIGNATIONS)}")
        if raw.get("mode") not in MODES:
            problems.append(f"{where}: mode must be one of {', '.join(MODES)}")
        if not raw.get("sources"):
            problems.append(f"{where}: at least one source is required")
        if raw.get("key") in keys:
            problems.append(f"{where}: duplicate key")
        keys.add(raw.get("key"))
        apps.append(
            NationalApplication(
                str(raw.get("key", "")),
                str(raw.get("name", "")),
                str(raw.get("expansion") or ""),
                str(raw.get("owner", "")),
                " ".join(str(raw.get("function", "")).split()),
                str(raw.get("designation", "")),
                str(raw.get("mode", "")),
                str(raw.get("reference") or ""),
                tuple(map(str, raw.get("aliases") or ())),
                tuple(map(str, raw.get("replaces") or ())),
                str(raw.get("basis") or ""),
                tuple(map(str, raw.get("sources") or ())),
                domains=tuple(str(d).lower() for d in raw.get("domains") or ()),
            )
        )
    abbreviations = []
    for index, raw in enumerate(document.get("singkatan") or []):
        if not (raw.get("short") and raw.get("long") and raw.get("source")):
            problems.append(f"singkatan[{index}]: short, long and source are required")
        abbreviations.append(
            Abbreviation(str(raw.get("short", "")), str(raw.get("long", "")), str(raw.get("source", "")))
        )
    functions = []
    for index, raw in enumerate(document.get("fungsi") or []):
        if not (raw.get("key") and raw.get("label") and raw.get("terms") and raw.get("source")):
            problems.append(f"fungsi[{index}]: key, label, terms and source are required")
        functions.append(
            FunctionArea(
                str(raw.get("key", "")),
                str(raw.get("label", "")),
                tuple(" ".join(str(t).lower().split()) for t in raw.get("terms") or ()),
                str(raw.get("source", "")),
            )
        )
    if problems:
        raise ValueError("; ".join(problems))
    return NationalCatalogue(tuple(apps), tuple(abbreviations), tuple(functions))


@lru_cache(maxsize=1)
def load_national_catalogue() -> NationalCatalogue:
    """The shipped list (loaded once)."""
    with open(DATA_FILE, encoding="utf-8") as handle:
        return parse_catalogue(yaml.safe_load(handle))
