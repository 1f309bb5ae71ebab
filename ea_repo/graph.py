"""The read-only repository graph the checks run over, built once per run.

Plain dicts and one object per element and per link: a networkx graph of national size
costs ~20 s to build, this ~2 s (shared/PERFORMANCE.md). Relation roles are bitmasks on
each node so "has an application supporting it?" is one AND.
"""
from __future__ import annotations

import json
from functools import cached_property
from typing import Any, Iterable, NamedTuple

from metamodel import Metamodel, ReferenceList, ResolvedRelation, load_metamodel

RELATED_FIELD = "related"


class Node:
    """An element in one plateau of one IPPD."""

    __slots__ = ("ippd", "plateau", "id", "kind", "name", "opd", "reference", "_spec", "source", "roles")

    def __init__(self, ippd: str, plateau: str, element_id: str, kind: str, name: str | None,
                 opd: str | None, reference: tuple[str, ...], spec: Any = "{}", source: str | None = None):
        self.ippd, self.plateau, self.id, self.kind = ippd, plateau, element_id, kind
        self.name, self.opd, self.reference, self._spec, self.source = name, opd, reference, spec, source
        self.roles = 0

    @property
    def spec(self) -> dict[str, Any]:
        if isinstance(self._spec, str):
            self._spec = json.loads(self._spec)
        return self._spec

    def __repr__(self) -> str:
        return f"Node({self.ippd}/{self.plateau}/{self.id} {self.kind})"


class Link(NamedTuple):
    """A declared link; `target` None when the ID is not in the plateau, `relation` None when not allowed."""

    source: Node
    field: str
    target_id: str
    target: Node | None
    relation: ResolvedRelation | None


class RepoGraph:
    """Elements by scope (IPPD, plateau), links, organisations and the reference lists in force."""

    def __init__(self, *, nodes: Iterable[Node], links: Iterable[tuple[str, str, str, str, str]],
                 ippds: Iterable[str] = (), opds: Iterable[tuple[str, str]] = (),
                 reference_lists: dict[str, ReferenceList] | None = None, metamodel: Metamodel | None = None):
        self.metamodel = metamodel or load_metamodel()
        self.scopes: dict[tuple[str, str], dict[str, Node]] = {}
        for node in nodes:
            self.scopes.setdefault((node.ippd, node.plateau), {})[node.id] = node
        self.ippds = set(ippds)
        self.opds: dict[str, set[str]] = {}
        for ippd, code in opds:
            self.opds.setdefault(ippd, set()).add(code)
        self.reference_lists = reference_lists or {d: self.metamodel.reference_codes(d) for d in _reference_domains(self.metamodel)}
        self._bits = {r.name: 1 << (2 * i) for i, r in enumerate(self.metamodel.relations)}
        self.links: list[Link] = self._resolve(links)

    def _resolve(self, rows: Iterable[tuple[str, str, str, str, str]]) -> list[Link]:
        pairs, fields = self.metamodel.relation_for, self.metamodel.relation_for_field
        typed: dict[tuple[str, str, str], ResolvedRelation | None] = {}
        out: list[Link] = []
        last_key, scope = None, {}
        for ippd, plateau, source_id, field, target_id in rows:
            if (ippd, plateau) != last_key:
                last_key, scope = (ippd, plateau), self.scopes.get((ippd, plateau), {})
            source = scope.get(source_id)
            if source is None:
                continue  # a link row whose element was removed: nothing to check
            target = scope.get(target_id)
            relation = None
            if target is not None:
                if field == RELATED_FIELD:
                    relation = pairs(source.kind, target.kind)
                else:
                    key = (source.kind, field, target.kind)
                    if key not in typed:
                        found = fields(*key)
                        typed[key] = ResolvedRelation(found, False) if found else None
                    relation = typed[key]
                if relation is not None:
                    self._mark(source, target, relation)
            out.append(Link(source, field, target_id, target, relation))
        return out

    def _mark(self, source: Node, target: Node, resolved: ResolvedRelation) -> None:
        bit = self._bits[resolved.relation.name]
        origin, end = (target, source) if resolved.reversed else (source, target)
        origin.roles |= bit
        end.roles |= bit << 1

    # --- queries the rules use ---------------------------------------------------------
    def nodes(self) -> Iterable[Node]:
        for scope in self.scopes.values():
            yield from scope.values()

    def node(self, ippd: str, plateau: str, element_id: str) -> Node | None:
        return self.scopes.get((ippd, plateau), {}).get(element_id)

    def plateaus_of(self, ippd: str) -> list[str]:
        """The IPPD's plateaus in order: as-is, transition years, to-be."""
        return self._plateaus.get(ippd, [])

    @cached_property
    def _plateaus(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for ippd, plateau in self.scopes:
            out.setdefault(ippd, []).append(plateau)
        return {i: sorted(p, key=self.metamodel.plateau_order) for i, p in out.items()}

    def has_outgoing(self, node: Node, relation: str) -> bool:
        """True when the node is the source end of at least one `relation` link."""
        return bool(node.roles & self._bits[relation])

    def has_incoming(self, node: Node, relation: str) -> bool:
        """True when the node is the target end of at least one `relation` link."""
        return bool(node.roles & (self._bits[relation] << 1))

    def domain_of(self, node: Node) -> str:
        return self.metamodel.kind(node.kind).domain

    def __len__(self) -> int:
        return sum(len(s) for s in self.scopes.values())


def _reference_domains(metamodel: Metamodel) -> list[str]:
    return [d.reference for d in metamodel.domains]


def nodes_from_rows(rows: Iterable[tuple]) -> Iterable[Node]:
    """Nodes from store.read_graph_rows tuples (reference stored as JSON text)."""
    for ippd, plateau, element_id, kind, name, opd, reference, spec, source in rows:
        refs = () if reference == "[]" else tuple(json.loads(reference))
        yield Node(ippd, plateau, element_id, kind, name, opd, refs, spec, source)
