"""Element IDs as real documents write them: normalising, splitting lists, sorting."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"\s*[-_.]\s*")
_LIST_SPLIT = re.compile(r"[,;\n]+|\s{2,}|\s+(?=[A-Za-z]\s*[-_.])")
_ID_CHARS = re.compile(r"^[A-Za-z]+(?:\.[A-Za-z0-9]+)+$")
_NATURAL = re.compile(r"(\d+)")


def normalise_id(raw: str) -> str:
    """Return the national spelling of an ID: 'a-001 ' -> 'A.001', 'I.pks.003' -> 'I.PKS.003'.

    Digits are kept as written (P.1 stays P.1). The result may still be malformed; the
    kind's pattern decides that.
    """
    text = raw.strip().strip(",;")
    text = _SEPARATORS.sub(".", text)
    return text.upper()


def looks_like_id(text: str) -> bool:
    """True for something shaped like an ID at all (letters, dots, alphanumerics)."""
    return _ID_CHARS.match(text) is not None


def split_id_list(value: str | list[str] | None) -> list[str]:
    """Split an "ID Metadata Terkait" cell ('L.163, L.164,\\nA.002') into normalised IDs."""
    if value is None:
        return []
    parts = value if isinstance(value, list) else _LIST_SPLIT.split(str(value))
    ids = [normalise_id(str(part)) for part in parts]
    return [i for i in ids if i]


def id_prefix(element_id: str) -> str:
    """The domain letter of an ID: 'I.PKS.003' -> 'I'."""
    return element_id.split(".", 1)[0]


def id_number_key(element_id: str) -> tuple[str, int] | None:
    """(prefix and sub-code, number) so that A.1, A.01 and A.001 collide; None if no number."""
    head, _, tail = element_id.rpartition(".")
    return (head, int(tail)) if tail.isdigit() else None


def natural_key(element_id: str) -> tuple:
    """Sort key that puts A.2 before A.10."""
    return tuple(int(p) if p.isdigit() else p for p in _NATURAL.split(element_id))
