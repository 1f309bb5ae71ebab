"""The gap between two plateaus: every element added, retired, changed (which attributes, which
links) or kept, and per domain component (kind) the Pemenuhan of the national gap table.

An element is "changed" when its architecture differs: kind, name, OPD, reference codes, an
attribute, or a declared link (an application moving from an OPD server to the national data
centre is a change). Labels, annotations and the source file are bookkeeping, not architecture.
The stored content digest decides "kept" without reading the element; only elements whose digest
differs are read whole and compared field by field.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ea_repo.catalog.elements import ElementRow
from metamodel import FulfilmentBand, load_metamodel, natural_key

ADDED, RETIRED, CHANGED, KEPT = "added", "retired", "changed", "kept"
CHANGES = (ADDED, RETIRED, CHANGED, KEPT)


class GapRow(NamedTuple):
    """What the gap needs of every element without reading it whole: identity, owner, codes, digest.

    NamedTuples, not dataclasses: a national gap makes a million of them (3x faster to build)."""

    ippd: str
    element_id: str
    kind: str
    name: str | None
    opd: str | None
    reference: tuple[str, ...]
    digest: str


class GapItem(NamedTuple):
    ippd: str
    element_id: str
    kind: str
    domain: str
    name: str | None
    opd: str | None
    reference: tuple[str, ...]
    change: str
    fields: tuple[str, ...] = ()  # changed: which of kind, name, opd, reference, spec.<attribute>
    links_added: tuple[tuple[str, str], ...] = ()  # changed: (field, target ID)
    links_removed: tuple[tuple[str, str], ...] = ()

    @property
    def code(self) -> str:
        """The first reference code without its name; '' when there is none."""
        return self.reference[0].split(" ")[0] if self.reference else ""


@dataclass(frozen=True)
class Component:
    """One domain component (a kind) in the national gap table: current and target counts and Pemenuhan."""

    domain: str
    kind: str
    before: int
    after: int
    counts: dict[str, int]
    percent: float | None  # share of the target already in the current plateau, unchanged; None without a target
    band: FulfilmentBand | None


@dataclass(frozen=True)
class Gap:
    before: str
    after: str
    ippds: tuple[str, ...]
    items: list[GapItem] = field(default_factory=list)

    def changes(self, *which: str) -> list[GapItem]:
        """The items of these kinds of change (default all), by IPPD and ID in natural order (A.2 before A.10).
        `items` itself is in no particular order: sorting all 500,000 of a national gap costs more than the gap."""
        wanted = set(which or CHANGES)
        return sorted((i for i in self.items if i.change in wanted), key=lambda i: (i.ippd, _natural(i.element_id)))

    def summary(self) -> dict[str, int]:
        """How many elements were added, retired, changed and kept."""
        counter = Counter(i.change for i in self.items)
        return {c: counter[c] for c in CHANGES}

    def counts(self, by: str = "domain") -> dict[str, Counter]:
        """Counts of added/retired/changed/kept per domain, kind, opd or code (the first reference code's top two
        levels)."""
        out: dict[str, Counter] = {}
        for item in self.items:
            out.setdefault(_group(item, by), Counter())[item.change] += 1
        return dict(sorted(out.items()))

    def components(self) -> list[Component]:
        """Per kind, in metamodel order: as-is count, to-be count, change counts and Pemenuhan."""
        metamodel = load_metamodel()
        per_kind: dict[str, Counter] = {}
        for item in self.items:
            per_kind.setdefault(item.kind, Counter())[item.change] += 1
        out = []
        for kind in sorted(per_kind, key=metamodel.kind_order):
            c = per_kind[kind]
            before, after = c[RETIRED] + c[CHANGED] + c[KEPT], c[ADDED] + c[CHANGED] + c[KEPT]
            percent = 100.0 * c[KEPT] / after if after else None
            band = metamodel.roadmap.band(percent) if percent is not None else None
            out.append(
                Component(metamodel.kind(kind).domain, kind, before, after, {k: c[k] for k in CHANGES}, percent, band)
            )
        return out


def _group(item: GapItem, by: str) -> str:
    if by == "code":
        return ".".join(item.code.split(".")[:3]) if item.code else "-"
    return str(getattr(item, by) or "-")


def compare(plateaus: tuple[str, str], before: Iterable[GapRow], after: Iterable[GapRow], read_whole) -> Gap:
    """The gap from `before` (plateaus[0]) to `after` (plateaus[1]). `read_whole(keys, plateau_index)` returns
    (spec JSON text, links) of the (ippd, id) keys whose digests differ (0: before, 1: after): only those are
    compared field by field; the other columns are already in the GapRows."""
    old = {(r.ippd, r.element_id): r for r in before}
    new = {(r.ippd, r.element_id): r for r in after}
    domains = {k.name: k.domain for k in load_metamodel().kinds}
    make = tuple.__new__  # a GapItem without the keyword-default __new__ frame: half a million of them nationally
    items: list[GapItem] = []
    append = items.append
    differing = []
    for key, row in new.items():  # one pass: added and kept now, the differing after one read of them
        previous = old.get(key)
        if previous is None or previous.digest == row.digest:
            append(
                make(
                    GapItem,
                    (
                        row.ippd,
                        row.element_id,
                        row.kind,
                        domains[row.kind],
                        row.name,
                        row.opd,
                        row.reference,
                        ADDED if previous is None else KEPT,
                        (),
                        (),
                        (),
                    ),
                )
            )
        else:
            differing.append((key, previous, row))
    keys = [key for key, _, _ in differing]
    whole_before, whole_after = (read_whole(keys, 0), read_whole(keys, 1)) if keys else ({}, {})
    items += [_changed(previous, row, whole_before[key], whole_after[key], domains) for key, previous, row in differing]
    items += [_item(old[key], domains, RETIRED) for key in old.keys() - new.keys()]
    return Gap(
        plateaus[0], plateaus[1], tuple(sorted({k[0] for k in (*old, *new)})), items
    )  # items unsorted: see Gap.changes


@lru_cache(maxsize=65536)
def _natural(element_id: str) -> tuple:
    """natural_key, remembered: the same IDs recur in every IPPD (A.001 600 times nationally)."""
    return natural_key(element_id)


def _item(row: GapRow, domains: dict[str, str], change: str) -> GapItem:
    return GapItem(row.ippd, row.element_id, row.kind, domains[row.kind], row.name, row.opd, row.reference, change)


def _changed(
    old: GapRow, row: GapRow, before: tuple[str, tuple], after: tuple[str, tuple], domains: dict[str, str]
) -> GapItem:
    fields = [name for name in ("kind", "name", "opd", "reference") if getattr(old, name) != getattr(row, name)]
    if before[0] != after[0]:  # the spec texts differ: only then are they decoded
        fields += spec_differences(json.loads(before[0]), json.loads(after[0]))
    old_links, new_links = set(before[1]), set(after[1])
    added = tuple(link for link in after[1] if link not in old_links)
    removed = tuple(link for link in before[1] if link not in new_links)
    change = CHANGED if fields or added or removed else KEPT
    return GapItem(
        row.ippd,
        row.element_id,
        row.kind,
        domains[row.kind],
        row.name,
        row.opd,
        row.reference,
        change,
        tuple(fields),
        added,
        removed,
    )


def differences(before: ElementRow, after: ElementRow) -> tuple[str, ...]:
    """Which of kind, name, opd, reference and spec.<attribute> differ (links apart)."""
    out = [name for name in ("kind", "name", "opd") if getattr(before, name) != getattr(after, name)]
    if tuple(before.reference) != tuple(after.reference):
        out.append("reference")
    return tuple(out + spec_differences(before.spec, after.spec))


def spec_differences(before: dict, after: dict) -> list[str]:
    return [f"spec.{key}" for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)]


def element_changes(before: Iterable[ElementRow], after: Iterable[ElementRow]) -> dict[str, str]:
    """Element ID -> added / retired / changed / kept, for rows of one IPPD already read whole (the diagrams)."""
    old = {row.element_id: row for row in before}
    new = {row.element_id: row for row in after}
    changes = {eid: ADDED for eid in new.keys() - old.keys()}
    changes.update({eid: RETIRED for eid in old.keys() - new.keys()})
    for eid in old.keys() & new.keys():
        a, b = old[eid], new[eid]
        same = not differences(a, b) and set(a.links) == set(b.links)
        changes[eid] = KEPT if same else CHANGED
    return changes
