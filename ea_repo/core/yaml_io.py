"""Reading and writing catalogue YAML safely and fast.

Plain scalars load as strings (only `null`/`~`/empty are special): YAML 1.1 would turn
Kode OPD `014` into 12 and `no` into False. The schemas convert types where a field asks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from ea_repo.core.i18n import Message

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MAX_FILE_BYTES = 64 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")  # the one list of what a YAML file is called
MAX_NODES_PER_DOCUMENT = 20_000
_DOC_START = re.compile(r"^---", re.MULTILINE)
_MAYBE_ALIAS = re.compile(r"[&*][^\s,\[\]{}]")


class CatalogLoader(_Loader):  # type: ignore[misc, valid-type]
    """libyaml's safe loader, with plain scalars kept as strings."""


CatalogLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


class YamlRefused(ValueError):
    """A YAML text that cannot or must not be loaded; `line` when known."""

    def __init__(self, message: Message, line: int | None = None):
        super().__init__(str(message))
        self.message, self.line = message, line


@dataclass(frozen=True)
class LoadedDocument:
    index: int
    line: int | None  # None for documents that came as data (a JSON body), not text
    body: Any


def load_documents(text: str) -> list[LoadedDocument]:
    """All non-empty documents of a YAML stream, each with the line it starts on."""
    try:
        bodies = list(yaml.load_all(text, Loader=CatalogLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlRefused(
            Message("invalid_yaml", detail=exc.problem or exc.context), mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise YamlRefused(Message("invalid_yaml", detail=str(exc))) from None
    lines = _document_lines(text, len(bodies))
    if _MAYBE_ALIAS.search(text):
        for body, line in zip(bodies, lines, strict=False):
            _refuse_aliases(body, line)
    return [
        LoadedDocument(i, line, body)
        for i, (body, line) in enumerate(zip(bodies, lines, strict=False))
        if body is not None
    ]


def _document_lines(text: str, count: int) -> list[int]:
    """Start line of each document, from its `---` separator; exact (slow) walk if unsure."""
    separators: list[tuple[int, bool]] = []  # (line, content follows on the same line)
    line, position = 1, 0
    for match in _DOC_START.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        rest = text[match.end() : text.find("\n", match.end()) % (len(text) + 1)].strip()
        separators.append((line, bool(rest) and not rest.startswith("#")))
    first = _DOC_START.search(text)
    head = text[: first.start()].splitlines() if first else []
    implicit_first = not separators or any(h.strip() and not h.lstrip().startswith(("#", "%")) for h in head)
    starts = ([1] if implicit_first else []) + [n if inline else n + 1 for n, inline in separators]
    return starts if len(starts) == count else _document_lines_exact(text)


def _document_lines_exact(text: str) -> list[int]:
    return [
        node.start_mark.line + 1 if node is not None else 1 for node in yaml.compose_all(text, Loader=yaml.SafeLoader)
    ]


def _refuse_aliases(body: Any, line: int) -> None:
    """Refuse documents that reuse a node (YAML aliases): the billion-laughs defence."""
    seen: set[int] = set()
    stack = [body]
    count = 0
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                raise YamlRefused(Message("aliases"), line)
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)
        count += 1
        if count > MAX_NODES_PER_DOCUMENT:
            raise YamlRefused(Message("too_many_values", limit=MAX_NODES_PER_DOCUMENT), line)


def compose(text: str) -> list[yaml.Node | None]:
    """The node trees (with line marks) of every document; slow, so only used to explain errors."""
    try:
        return list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return []


def locate(nodes: list[yaml.Node | None], document_index: int, path: tuple[Any, ...]) -> int | None:
    """The line of a field inside a composed document."""
    node = nodes[document_index] if document_index < len(nodes) else None
    return _walk(node, path) if node is not None else None


def _walk(node: yaml.Node, path: tuple[Any, ...]) -> int:
    line = node.start_mark.line + 1
    for step in path:
        child = _child(node, step)
        if child is None:
            return line
        line, node = child[0].start_mark.line + 1, child[1]
    return line


def _child(node: yaml.Node, step: Any) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        return next(((k, v) for k, v in node.value if k.value == str(step)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step], node.value[step]
    return None


def dump_documents(documents: Iterator[dict[str, Any]] | list[dict[str, Any]], header: str = "") -> str:
    """A multi-document YAML text, deterministic for the same input."""
    body = yaml.dump_all(
        documents,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        explicit_start=True,
        width=100,
    )
    return header + body
