"""National reference-model codes (Perpres 132/2022): parsing cells and holding code lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

REFERENCE_DOMAINS = ("RAB", "RAD", "RAL", "RAA", "RAI", "RAK")
MAX_LEVEL = 7  # SIA SPBE allows up to seven levels
CODE_PATTERN = re.compile(r"^RA[BDLAIK](\.\d{2}){1,7}$")
_CELL_CODE = re.compile(r"(?<!\S)(?:(RA[BDLAIK])[.\s]?)?(\d{2}(?:\.\d{2}){0,6})(?![\S])", re.IGNORECASE)


class ReferenceCellError(ValueError):
    """A reference cell that holds no code ('no-code') or text before its first code ('text-before')."""

    def __init__(self, reason: str, text: str, default_domain: str):
        self.reason, self.text, self.default_domain = reason, text, default_domain
        detail = (
            f"no reference code in {text!r} (expected e.g. {default_domain}.01.02 or 01.02)"
            if reason == "no-code"
            else f"text before the first code in {text!r}"
        )
        super().__init__(detail)


class ReferenceListError(ValueError):
    """A code list file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ReferenceCode:
    code: str
    level: int
    name: str

    @property
    def parent(self) -> str | None:
        head, _, _ = self.code.rpartition(".")
        return head if "." in head else None


@dataclass(frozen=True)
class ReferenceEntry:
    """A reference written on an element: the code, and the name as the document wrote it."""

    code: str
    name: str = ""

    def text(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def domain(self) -> str:
        return self.code.split(".", 1)[0]


def code_level(code: str) -> int:
    return code.count(".")


def parse_reference_cell(value: str | list[str] | None, default_domain: str) -> list[ReferenceEntry]:
    """Parse '09.02 Data Keuangan 09.03 Data Informasi' or 'RAB.09.07' into entries.

    A code without prefix belongs to `default_domain` (the element's own domain). Text
    between codes is the name as written. Raises ValueError when no code is found.
    """
    if value is None:
        return []
    cells = value if isinstance(value, list) else [value]
    entries: list[ReferenceEntry] = []
    for cell in cells:
        entries.extend(_parse_one_cell(str(cell), default_domain))
    return entries


def _parse_one_cell(text: str, default_domain: str) -> list[ReferenceEntry]:
    matches = list(_CELL_CODE.finditer(text))
    if not matches:
        raise ReferenceCellError("no-code", text, default_domain)
    if text[: matches[0].start()].strip():
        raise ReferenceCellError("text-before", text, default_domain)
    entries = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        prefix = (match.group(1) or default_domain).upper()
        name = " ".join(text[match.end() : end].split())
        entries.append(ReferenceEntry(f"{prefix}.{match.group(2)}", name))
    return entries


@dataclass(frozen=True)
class ReferenceList:
    """One domain's code list, in one version, with where it came from."""

    domain: str
    version: str
    source: str
    codes: dict[str, ReferenceCode] = field(default_factory=dict)

    @property
    def deepest_level(self) -> int:
        return max((c.level for c in self.codes.values()), default=0)

    def get(self, code: str) -> ReferenceCode | None:
        return self.codes.get(code)

    def status(self, code: str) -> str:
        """'known'; 'local' (deeper than the list, under a known code); 'unverifiable'; 'unknown'."""
        if code in self.codes:
            return "known"
        if not self.codes:
            return "unverifiable"
        deepest = self.deepest_level
        if code_level(code) > deepest:
            ancestor = ".".join(code.split(".")[: deepest + 1])
            if ancestor in self.codes:
                return "local"
        return "unknown"

    def children(self, code: str | None) -> list[ReferenceCode]:
        return [c for c in self.codes.values() if c.parent == code]


def build_reference_list(domain: str, rows: list[tuple[str, str, str]], *, version: str, source: str) -> ReferenceList:
    """Validate (code, level, name) rows into a list; level may be '' (taken from the code)."""
    problems: list[str] = []
    codes: dict[str, ReferenceCode] = {}
    for number, (raw_code, raw_level, name) in enumerate(rows, start=1):
        code = raw_code.strip().upper()
        if not code.startswith(domain + "."):
            code = f"{domain}.{code}"
        problem = _row_problem(code, raw_level, name, codes)
        if problem:
            problems.append(f"row {number}: {problem}")
            continue
        codes[code] = ReferenceCode(code, code_level(code), " ".join(name.split()))
    problems.extend(_orphan_problems(codes))
    if problems:
        raise ReferenceListError(problems)
    return ReferenceList(domain, version, source, codes)


def _row_problem(code: str, raw_level: str, name: str, seen: dict[str, ReferenceCode]) -> str | None:
    if not CODE_PATTERN.match(code):
        return f"code {code!r} is not dotted two-digit segments (e.g. RAB.09.07.08)"
    if raw_level.strip() and raw_level.strip() != str(code_level(code)):
        return f"code {code} has {code_level(code)} segments but level says {raw_level.strip()}"
    if not name.strip():
        return f"code {code} has no name"
    if code in seen:
        return f"code {code} appears twice"
    return None


def _orphan_problems(codes: dict[str, ReferenceCode]) -> list[str]:
    return [
        f"code {c.code}: parent {c.parent} is not in the list"
        for c in codes.values()
        if c.parent and c.parent not in codes
    ]


def read_tsv(path: Path) -> tuple[list[tuple[str, str, str]], str]:
    """Rows and the '#' header comment of a shipped TSV list."""
    rows: list[tuple[str, str, str]] = []
    comments: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line.lstrip("# ").rstrip())
        elif line.strip() and not line.startswith("code\t"):
            code, level, name = (line.split("\t") + ["", ""])[:3]
            rows.append((code, level, name))
    return rows, "\n".join(comments)
