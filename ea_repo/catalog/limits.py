"""What one document may hold: characters, lengths, list sizes, nesting and numbers.

Every document passes here where it enters (the catalogue reader and the record reader), whatever
its route: YAML, XLSX, CSV, a JSON body, a form. The limits are the metamodel's (`limits:`), so
whatever is stored can be written to every format ea-repo produces and read back.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from ea_repo.core.errors import ImportRejected, InputProblem
from ea_repo.core.i18n import Message
from metamodel import Limits, load_metamodel

# NUL, C0 controls but TAB/LF/CR, DEL, C1 controls, lone surrogates: see metamodel.yaml `limits`.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n\r]")
MAX_PROBLEMS = 20  # a hostile document could hold thousands; the first few say enough

Path = tuple[Any, ...]


def document_problems(body: Any) -> list[tuple[str, Message]]:
    """(dotted field, problem) for each value of a raw document beyond the limits; [] if none."""
    limits = load_metamodel().limits
    problems: list[tuple[str, Message]] = []
    for path, problem in _walk(body, limits):
        problems.append((_dotted(path), problem))
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


def _walk(body: Any, limits: Limits) -> Iterator[tuple[Path, Message]]:
    stack: list[tuple[Path, Any]] = [((), body)]
    while stack:  # iterative: a document nested thousands deep must not exhaust the interpreter's stack
        path, value = stack.pop()
        if len(path) > limits.nesting:
            yield path, Message("too_deep", limit=limits.nesting)
            continue
        if isinstance(value, dict):
            yield from _size_problem(path, value, limits)
            for key, item in value.items():
                if isinstance(key, str):
                    yield from _text_problems((*path, key), key, "name", limits)
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            yield from _size_problem(path, value, limits)
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str):
            yield from _text_problems(path, value, field_class(path, limits), limits)
        else:
            problem = number_problem(value, limits)
            if problem is not None:
                yield path, problem


def _size_problem(path: Path, value: dict | list, limits: Limits) -> Iterator[tuple[Path, Message]]:
    if len(value) > limits.list_items:
        yield path, Message("too_many_items", count=len(value), limit=limits.list_items)


def field_class(path: Path, limits: Limits) -> str:
    """'code' (one line, short: the metamodel's `code_fields`), 'name' (one line) or 'text' (several lines allowed)."""
    if len(path) == 2 and path[0] == "metadata":
        return "code" if path[1] in limits.code_fields else "name" if path[1] == "name" else "text"
    if len(path) == 3 and path[:2] == ("metadata", "labels"):
        return "name"
    return "text"


def _text_problems(path: Path, text: str, kind_of_field: str, limits: Limits) -> Iterator[tuple[Path, Message]]:
    limit = {"code": limits.code_chars, "name": limits.name_chars, "text": limits.text_chars}[kind_of_field]
    if len(text) > limit:
        yield path, Message("text_too_long", length=len(text), limit=limit)
        return
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        yield path, Message("bad_character", char=f"U+{ord(bad.group()):04X}", position=bad.start() + 1)
    elif kind_of_field == "code" and _LINE_BREAKS.search(text):
        yield path, Message("code_line_break")


def number_problem(value: Any, limits: Limits | None = None) -> Message | None:
    """A number that is not finite, or too large to stay exact in JSON; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    limit = (limits or load_metamodel().limits).number_abs
    if isinstance(value, float) and not math.isfinite(value):
        return Message("number_not_finite", got=repr(value))
    if abs(value) > limit:
        return Message("number_too_large", limit=f"{limit:,}".replace(",", "."))
    return None


def attribute_problems(values: dict[str, Any], section: str = "spec") -> list[tuple[str, Message]]:
    """Numbers that became too large only when text was converted (a cell '1e400', 'nan' is refused by pydantic)."""
    found = ((name, number_problem(value)) for name, value in values.items())
    return [(f"{section}.{name}", problem) for name, problem in found if problem is not None]


def one_line(value: Any) -> Any:
    """A name's TAB or line break (typed in a spreadsheet cell) as one space: a name is one line."""
    return (
        " ".join(_LINE_BREAKS.sub(" ", value).split())
        if isinstance(value, str) and _LINE_BREAKS.search(value)
        else value
    )


def shown_id(value: Any) -> str | None:
    """An ID as a problem message may show it: written as is when it is a plain short code, else quoted and cut."""
    if value is None:
        return None
    text = str(value)
    limits = load_metamodel().limits
    if len(text) <= limits.code_chars and not _FORBIDDEN.search(text) and not _LINE_BREAKS.search(text):
        return text
    return repr(text[: limits.code_chars]).encode("ascii", "backslashreplace").decode()


def json_documents(data: bytes, name: str = "body") -> list:
    """Documents sent as JSON (one, or an array); ImportRejected when the text is not JSON or is nested beyond
    reason."""
    try:
        documents = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImportRejected([InputProblem(name, None, Message("not_json", detail=str(exc)))]) from None
    except RecursionError:  # deeper than the decoder goes: far beyond any document (metamodel `limits.nesting`)
        raise ImportRejected(
            [InputProblem(name, None, Message("too_deep", limit=load_metamodel().limits.nesting))]
        ) from None
    return documents if isinstance(documents, list) else [documents]


def _dotted(path: Path) -> str:
    return ".".join(str(part) for part in path) or "."
