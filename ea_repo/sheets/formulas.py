"""Formula cells without a cached value, found in the workbook's XML.

openpyxl reads a workbook with `data_only=True`: a formula cell gives its cached value, and a
formula nobody ever calculated (a sheet written by a script, or saved by some tools) gives None,
exactly like an empty cell. This scan tells the two apart, so the reader can report the cell
instead of dropping it. It streams each worksheet once and does real work only where `<f`
occurs, so a workbook without formulas costs a search over its bytes, not a second parse.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

Cell = tuple[int, int]  # (row, column), both from 1

_CHUNK = 4 << 20
_FORMULA = re.compile(rb"<f[\s>/]")
_SHEET = re.compile(rb"<sheet\b[^>]*>")
_RELATION = re.compile(rb"<Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_REF = re.compile(rb"([A-Z]{1,3})(\d+)")
_FORMULA_TEXT = re.compile(rb"<f\b([^>]*?)(?:/>|>(.*?)</f>)", re.S)
_VALUE = re.compile(rb"<v>([^<]+)</v>|<is>", re.S)


def uncalculated_formulas(path: Path) -> dict[str, dict[Cell, str]]:
    """Sheet name -> cell -> formula (`=A1`), for every formula cell that holds no cached value."""
    found: dict[str, dict[Cell, str]] = {}
    with zipfile.ZipFile(path) as book:
        for name, member in _sheet_members(book).items():
            cells = _scan(book, member)
            if cells:
                found[name] = cells
    return found


def _sheet_members(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML member, from the workbook and its relationships (small files)."""
    try:
        workbook = book.read("xl/workbook.xml")
        relations = book.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for match in _RELATION.finditer(relations):
        attributes = _attributes(match.group(0))
        target = attributes.get("Target", "")
        targets[attributes.get("Id")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    members = {}
    for match in _SHEET.finditer(workbook):
        attributes = _attributes(match.group(0))
        member = targets.get(attributes.get("r:id"))
        if member in book.namelist():
            members[html.unescape(attributes.get("name", ""))] = member
    return members


def _attributes(tag: bytes) -> dict[str, str]:
    return {key.decode(): html.unescape(value.decode("utf-8", "replace")) for key, value in _ATTRIBUTE.findall(tag)}


def _scan(book: zipfile.ZipFile, member: str) -> dict[Cell, str]:
    cells: dict[Cell, str] = {}
    shared: dict[str, str] = {}  # si -> the formula of a shared formula's first cell
    pending = b""
    with book.open(member) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            data = pending + chunk
            cut = len(data) if not chunk else data.rfind(b"</row>") + len(b"</row>")
            if cut < len(b"</row>"):  # no complete row yet: read on
                pending = data
                continue
            _scan_rows(data[:cut], cells, shared)
            pending = data[cut:]
            if not chunk:
                return cells


def _scan_rows(data: bytes, cells: dict[Cell, str], shared: dict[str, str]) -> None:
    for match in _FORMULA.finditer(data):
        start = data.rfind(b"<c ", 0, match.start())
        end = data.find(b"</c>", match.start())
        if start < 0 or end < 0:
            continue
        cell = data[start:end]
        head = _attributes(cell[: cell.find(b">") + 1])
        formula = _formula(cell, shared)
        if head.get("t") == "str" or _VALUE.search(cell):
            continue  # a cached value (an empty text result is `t="str"` with an empty <v>)
        ref = _REF.fullmatch(head.get("r", "").encode())
        if ref:
            cells[(int(ref.group(2)), _column_number(ref.group(1).decode()))] = formula


def _formula(cell: bytes, shared: dict[str, str]) -> str:
    match = _FORMULA_TEXT.search(cell)
    attributes = _attributes(match.group(1)) if match else {}
    text = html.unescape(match.group(2).decode("utf-8", "replace")) if match and match.group(2) else ""
    key = attributes.get("si")
    if key is not None and text:
        shared[key] = text
    return "=" + (text or shared.get(key or "", "?"))


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
