"""The read-only repository graph the checks run over, built once per run.

Plain dicts and one small object per element: a networkx graph of national size costs ~20 s
to build (shared/PERFORMANCE.md). The build resolves every link once; relation roles become
bitmasks on each node ("has an application supporting it?" is one AND), and Link objects are
kept only for the links rules look at one by one (problems and untyped `related` links).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from typing import Any, NamedTuple

from ea_repo.core.runtime import paused_gc
from metamodel import RELATED_FIELD, Kind, Metamodel, ReferenceEntry, ReferenceList, ResolvedRelation, load_metamodel


class Node:
    """An element in one plateau of one IPPD."""

    __slots__ = ("ippd", "plateau", "id", "kind", "name", "opd", "reference", "_spec", "source", "roles", "targets")

    def __init__(
        self,
        ippd: str,
        plateau: str,
        element_id: str,
        kind: str,
        name: str | None,
        opd: str | None,
        reference: tuple[str, ...],
        spec: Any = "{}",
        source: str | None = None,
    ):
        self.ippd, self.plateau, self.id, self.kind = ippd, plateau, element_id, kind
        self.name, self.opd, self.reference, self._spec, self.source = name, opd, reference, spec, source
        self.roles = 0
        self.targets: list[str] = []  # every ID this element declares a link to, any field

    @property
    def spec(self) -> dict[str, Any]:
        if isinstance(self._spec, str):
            self._spec = json.loads(self._spec)
        return self._spec

    def spec_value(self, key: str) -> Any:
        """One attribute, decoding only its value from the stored JSON text.

        The store writes compact JSON of a flat mapping, so `"key":` can only be that key
        (a quote inside a string value is escaped).
        """
        if not isinstance(self._spec, str):
            return self._spec.get(key)
        marker = _key_marker(key)
        start = self._spec.find(marker)
        if start < 0:
            return None
        return _DECODER.raw_decode(self._spec, start + len(marker))[0]

    def __repr__(self) -> str:
        return f"Node({self.ippd}/{self.plateau}/{self.id} {self.kind})"


_DECODER = json.JSONDecoder()


@cache
def _key_marker(key: str) -> str:
    return f'"{key}":'


class Link(NamedTuple):
    """A declared link; `target` None when the ID is not in the plateau, `relation` None when not allowed."""

    source: Node
    field: str
    target_id: str
    target: Node | None
    relation: ResolvedRelation | None


class RepoGraph:
    """Elements by scope (IPPD, plateau), resolved links, organisations and the reference lists in force."""

    def __init__(
        self,
        *,
        nodes: Iterable[Node],
        links: Iterable[tuple[str, str, str, str, str]],
        ippds: Iterable[str] = (),
        opds: Iterable[tuple[str, str]] = (),
        reference_lists: dict[str, ReferenceList] | None = None,
        metamodel: Metamodel | None = None,
    ):
        with paused_gc(freeze=True):
            self._build(nodes, links, ippds, opds, reference_lists, metamodel)

    def _build(self, nodes, links, ippds, opds, reference_lists, metamodel) -> None:
        self.metamodel = metamodel or load_metamodel()
        self.scopes: dict[tuple[str, str], dict[str, Node]] = {}
        self._nodes: list[Node] = []
        for node in nodes:
            node.roles, node.targets = 0, []  # this graph's own view of the node
            self.scopes.setdefault((node.ippd, node.plateau), {})[node.id] = node
            self._nodes.append(node)
        self.ippds = set(ippds)
        self.opds: dict[str, set[str]] = {}
        for ippd, code in opds:
            self.opds.setdefault(ippd, set()).add(code)
        self.reference_lists = reference_lists or {
            d.reference: self.metamodel.reference_codes(d.reference) for d in self.metamodel.domains
        }
        self._bits = {r.name: 1 << (2 * i) for i, r in enumerate(self.metamodel.relations)}
        self._resolutions: dict[
            str, dict[str, dict[str, Any]]
        ] = {}  # field -> source kind -> target kind -> resolution
        self._rows = links if isinstance(links, list) else list(links)
        self.problem_links: list[Link] = []  # target missing, or relation not allowed
        self.related_links: list[Link] = []  # resolved untyped links (ID Metadata Terkait)
        self.link_count = 0
        self._resolve_all()

    def _resolve_all(self) -> None:
        problems, related, resolutions = self.problem_links, self.related_links, self._resolutions
        related_field = RELATED_FIELD
        last_ippd = last_plateau = None
        scope: dict[str, Node] = {}
        skipped = 0
        for ippd, plateau, source_id, field, target_id in self._rows:
            if ippd != last_ippd or plateau != last_plateau:
                last_ippd, last_plateau, scope = ippd, plateau, self.scopes.get((ippd, plateau), {})
            source = scope.get(source_id)
            if source is None:
                skipped += 1  # a link row whose element was removed: nothing to check
                continue
            source.targets.append(target_id)
            target = scope.get(target_id)
            if target is None:
                problems.append(Link(source, field, target_id, None, None))
                continue
            try:
                found = resolutions[field][source.kind][target.kind]
            except KeyError:
                found = self._remember(field, source.kind, target.kind)
            if found is None:
                problems.append(Link(source, field, target_id, target, None))
                continue
            relation, out_bit, in_bit = found
            if relation.reversed:
                target.roles |= out_bit
                source.roles |= in_bit
            else:
                source.roles |= out_bit
                target.roles |= in_bit
            if field == related_field:
                related.append(Link(source, field, target_id, target, relation))
        self.link_count = len(self._rows) - skipped

    def _remember(self, field: str, source_kind: str, target_kind: str) -> tuple[ResolvedRelation, int, int] | None:
        found = self._resolution(source_kind, field, target_kind)
        self._resolutions.setdefault(field, {}).setdefault(source_kind, {})[target_kind] = found
        return found

    def _resolution(self, source_kind: str, field: str, target_kind: str) -> tuple[ResolvedRelation, int, int] | None:
        resolved = self.metamodel.resolve_link(source_kind, field, target_kind)
        if resolved is None:
            return None
        bit = self._bits[resolved.relation.name]
        return resolved, bit, bit << 1

    # --- queries the rules use ---------------------------------------------------------
    def nodes(self) -> list[Node]:
        return self._nodes

    def node(self, ippd: str, plateau: str, element_id: str) -> Node | None:
        return self.scopes.get((ippd, plateau), {}).get(element_id)

    def links_of(self, node: Node) -> Iterator[Link]:
        """Every link declared by or naming this node, resolved (a scan: for one element, not for rules)."""
        scope = self.scopes.get((node.ippd, node.plateau), {})
        for ippd, plateau, source_id, field, target_id in self._rows:
            if ippd == node.ippd and plateau == node.plateau and node.id in (source_id, target_id):
                source, target = scope.get(source_id), scope.get(target_id)
                if source is None:
                    continue
                found = self._resolution(source.kind, field, target.kind) if target else None
                yield Link(source, field, target_id, target, found[0] if found else None)

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

    def kind_of(self, node: Node) -> Kind:
        return self._kinds[node.kind]

    @cached_property
    def _kinds(self) -> dict[str, Kind]:
        return {k.name: k for k in self.metamodel.kinds}

    def reference_list_name(self, node: Node) -> str:
        """The reference list (RAB, ..., RAK) of the node's domain."""
        return self._own_lists[node.kind]

    @cached_property
    def _own_lists(self) -> dict[str, str]:
        return {k.name: self.metamodel.domain(k.domain).reference for k in self.metamodel.kinds}

    def reference_entries(self, node: Node) -> tuple[ReferenceEntry, ...]:
        """The node's reference codes as (code, name as written) entries, parsed once per distinct value."""
        entries = self._entries.get(node.reference)
        if entries is None:
            entries = self._entries[node.reference] = tuple(_entry(text) for text in node.reference)
        return entries

    @cached_property
    def _entries(self) -> dict[tuple[str, ...], tuple[ReferenceEntry, ...]]:
        return {}

    def nodes_of(self, kind: str) -> list[Node]:
        """The nodes of one kind (indexed on first use)."""
        return self._by_kind.get(kind, [])

    @cached_property
    def _by_kind(self) -> dict[str, list[Node]]:
        index: dict[str, list[Node]] = {}
        for node in self.nodes():
            index.setdefault(node.kind, []).append(node)
        return index

    @cached_property
    def nodes_with_references(self) -> list[tuple[Node, str, tuple[ReferenceEntry, ...]]]:
        """(node, its domain's reference list, its parsed entries) for nodes that carry codes."""
        own = self._own_lists
        return [(node, own[node.kind], self.reference_entries(node)) for node in self._nodes if node.reference]

    def __len__(self) -> int:
        return sum(len(s) for s in self.scopes.values())


def _entry(text: str) -> ReferenceEntry:
    code, _, name = text.partition(" ")
    return ReferenceEntry(code, name)


def nodes_from_rows(rows: Iterable[tuple]) -> Iterator[Node]:
    """Nodes from store.read_graph_rows tuples (reference stored as JSON text, parsed once per distinct text)."""
    parsed: dict[str, tuple[str, ...]] = {"[]": ()}
    for ippd, plateau, element_id, kind, name, opd, reference, spec, source in rows:
        refs = parsed.get(reference)
        if refs is None:
            refs = parsed[reference] = tuple(json.loads(reference))
        yield Node(ippd, plateau, element_id, kind, name, opd, refs, spec, source)
