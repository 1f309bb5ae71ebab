"""Pairs at or above the threshold grouped into clusters, respecting what may not be grouped.

Clusters are not the connected components of the pairs: those chain look-alikes into clusters of
thousands nationally ("Verifikasi Gaji Pegawai" ~ "Pelacakan Gaji Pegawai" ~ "Pelacakan Cuti Pegawai"
...). Instead every cluster has a centre and each member is at most two pairs from it:
- a local application redundant with a national application joins that application's cluster
  (`national_anchors`: directly, or through one local application that is);
- the others gather around centres, most-paired first (`local_centres`);
- an application left alone although it has pairs joins the group of its strongest partner (not a
  national application's cluster).
Two things may never share a cluster: applications an architect dismissed together (a dismissal is a
set: no two of its members are redundant), and two different national applications. A group that would
break either is rebuilt greedily, strongest pair first, joining two groups only when allowed (Kruskal's
order with cannot-link constraints). Each cluster's evidence is its maximum spanning tree: the strongest
pairs that hold it together, one fewer than its members.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components, minimum_spanning_tree

from ea_repo.redundancy.features import Corpus, unique_pairs
from ea_repo.redundancy.scoring import PairScores


@dataclass(frozen=True)
class Grouping:
    """Clusters as lists of application numbers, and per cluster the pairs (indices into the edges) of its tree."""

    clusters: list[np.ndarray]
    trees: list[np.ndarray]


def cluster(corpus: Corpus, edges: PairScores, dismissed: list[frozenset[int]]) -> Grouping:
    n = corpus.size
    group = _groups(corpus, edges)
    left, right, weight = _with_national_links(corpus, edges.take(group[edges.left] == group[edges.right]))
    graph = sparse.coo_matrix((np.ones(len(left)), (left, right)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    tags = _dismissal_tags(n, dismissed)
    labels = _split_conflicts(corpus, labels, left, right, weight, tags)
    inside = labels[left] == labels[right]
    tree = minimum_spanning_tree(
        sparse.coo_matrix((1.001 - weight[inside], (left[inside], right[inside])), shape=(n, n)).tocsr()
    )
    tree = tree.tocoo()
    found = _edge_indices(edges, n, np.minimum(tree.row, tree.col), np.maximum(tree.row, tree.col))
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    groups = [g for g in np.split(order, bounds) if len(g) > 1]
    tree_edges: dict[int, list[int]] = {}
    for a, index in zip(tree.row, found, strict=False):
        if index >= 0:
            tree_edges.setdefault(int(labels[a]), []).append(int(index))
    return Grouping(groups, [np.array(sorted(tree_edges.get(int(labels[g[0]]), [])), dtype=np.int64) for g in groups])


@dataclass(frozen=True)
class Links:
    """Pairs of units and their scores (the strongest of the pairs of their applications)."""

    left: np.ndarray
    right: np.ndarray
    total: np.ndarray

    def __len__(self) -> int:
        return len(self.left)

    def take(self, mask: np.ndarray) -> Links:
        return Links(self.left[mask], self.right[mask], self.total[mask])


def _groups(corpus: Corpus, edges: PairScores) -> np.ndarray:
    """Per application, a number shared by the applications of its cluster (before dismissals).

    Grouping works on units: the local applications with the same name and description text are one unit,
    as they are redundant with each other and with the same others. The fast path scores only a few of a
    unit's applications against a similar text (the rest join as a star), brute force every one: on units,
    both see the same pairs, so both cluster alike."""
    unit, size, national = _units(corpus)
    links = _unit_links(unit, edges)
    anchor = national_anchors(national, links)
    centre = local_centres(len(size), links.take((anchor[links.left] < 0) & (anchor[links.right] < 0)), size)
    count = len(size)
    group = np.where(anchor >= 0, anchor, np.where(centre >= 0, centre + count, -1 - np.arange(count)))
    return _adopt_orphans(group, links, anchor >= 0, size)[unit]


def _units(corpus: Corpus) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per application its unit; per unit its number of applications and its national application (or -1)."""
    local = corpus.national < 0
    texts = np.stack(
        [
            corpus.names.row_of.astype(np.int64),
            corpus.descriptions.row_of.astype(np.int64),
            np.where(local, -1, np.arange(corpus.size)),
        ],
        axis=1,
    )  # each national name a unit of its own
    _, first, unit = np.unique(texts, axis=0, return_index=True, return_inverse=True)
    unit = unit.ravel()
    return unit, np.bincount(unit), corpus.national[first].astype(np.int64)


def _unit_links(unit: np.ndarray, edges: PairScores) -> Links:
    a, b = unit[edges.left], unit[edges.right]
    keep = a != b
    low, high, inverse = unique_pairs(a[keep], b[keep])
    total = np.zeros(len(low), dtype=np.float64)
    np.maximum.at(total, inverse, edges.total[keep])
    return Links(low.astype(np.int64), high.astype(np.int64), total)


def national_anchors(national: np.ndarray, edges: PairScores | Links) -> np.ndarray:
    """Per unit (application), the national application whose cluster it belongs to (its number), or -1.

    A local application belongs to the national application it is redundant with directly (the best one,
    if several), or, failing that, to the cluster of the local application it is most redundant with that
    belongs directly. No further: a cluster with a national application never grows by chains of
    look-alikes ("reporting" like "budgeting" like SIPD), since its recommendation, "use the national
    one", must hold for every member.
    """
    anchor = national.astype(np.int64).copy()
    source, target, score = _both_ways(edges)
    through_national = national[target] >= 0
    known = anchor >= 0
    src, tgt = _strongest(source, target, score, known[target] & ~known[source] & through_national)
    anchor[src] = anchor[tgt]
    known = anchor >= 0
    # A local application certainly redundant (score 1) with one that no national cluster reaches ("Ep3" listed
    # by three OPDs) stays with it rather than be pulled into a national cluster by a weaker likeness; a mere
    # look-alike (under 1) still joins through its closest copy.
    reached = np.zeros(len(anchor), dtype=bool)
    reached[source[known[target]]] = True
    apart = np.zeros(len(anchor), dtype=np.float64)
    np.maximum.at(apart, source, np.where(~known[target] & ~reached[target], score, 0.0))
    held = (apart[source] >= 1.0) & (score < apart[source])
    src, tgt = _strongest(source, target, score, known[target] & ~known[source] & ~held)
    anchor[src] = anchor[tgt]
    return anchor


def _both_ways(edges: PairScores | Links) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each pair as (one end, the other, score) twice, once from each end."""
    return (
        np.concatenate([edges.left, edges.right]).astype(np.int64),
        np.concatenate([edges.right, edges.left]).astype(np.int64),
        np.concatenate([edges.total, edges.total]).astype(np.float64),
    )


def _strongest(
    source: np.ndarray, target: np.ndarray, score: np.ndarray, mask: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Among the masked pairs, each source once, with the target of its strongest pair."""
    src, tgt = source[mask], target[mask]
    order = np.lexsort((-score[mask], src))
    src, tgt = src[order], tgt[order]
    first = np.ones(len(src), dtype=bool)
    first[1:] = src[1:] != src[:-1]
    return src[first], tgt[first]


def local_centres(n: int, edges: PairScores | Links, size: np.ndarray | None = None) -> np.ndarray:
    """Per unit (application), the centre of its cluster among units of no national cluster, or -1.

    The unit with the most applications redundant with it (score-weighted; its own count too) is a centre;
    it takes the units redundant with it and, through them, their own redundant ones; the next unclaimed
    unit with the most is the next centre. Every member is at most two pairs from its centre, so look-alikes
    do not chain ("Verifikasi Gaji Pegawai" like "Pelacakan Gaji Pegawai" like "Pelacakan Cuti Pegawai" ...).
    """
    centre = np.full(n, -1, dtype=np.int64)
    if not len(edges):
        return centre
    ends, others, strength = _both_ways(edges)
    size = np.ones(n) if size is None else size.astype(np.float64)
    degree = np.bincount(ends, weights=strength * size[others], minlength=n) + size
    order = np.lexsort((others, -strength, ends))  # per application, its strongest pairs first
    ends, others = ends[order], others[order]
    start = np.searchsorted(ends, np.arange(n + 1))
    neighbours = others.tolist()
    for c in np.lexsort((np.arange(n), -degree)).tolist():
        if centre[c] >= 0 or start[c] == start[c + 1]:
            continue
        centre[c] = c
        ring = [v for v in neighbours[start[c] : start[c + 1]] if centre[v] < 0]
        centre[ring] = c
        for v in ring:
            second = [w for w in neighbours[start[v] : start[v + 1]] if centre[w] < 0]
            centre[second] = c
    return centre


def _adopt_orphans(group: np.ndarray, edges: Links, national: np.ndarray, size: np.ndarray) -> np.ndarray:
    """An application left alone although redundant with others joins the group of the one it is most redundant
    with, unless that is a national application's cluster (whose members must each be near the national one)."""
    _, inverse, counts = np.unique(group, return_inverse=True, return_counts=True)
    alone = (counts[inverse] == 1) & (size == 1)
    ends, others, strength = _both_ways(edges)
    src, tgt = _strongest(ends, others, strength, alone[ends] & ~alone[others] & ~national[others])
    adopted = group.copy()
    adopted[src] = group[tgt]
    return adopted


def _with_national_links(corpus: Corpus, edges: PairScores) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The edges plus a link between consecutive names of each national application (they are one node)."""
    nationals = np.flatnonzero(corpus.national >= 0)
    keys = corpus.national[nationals]
    order = nationals[np.argsort(keys, kind="stable")]
    same = corpus.national[order[:-1]] == corpus.national[order[1:]] if len(order) > 1 else np.zeros(0, dtype=bool)
    left = np.concatenate([edges.left, order[:-1][same]]).astype(np.int64)
    right = np.concatenate([edges.right, order[1:][same]]).astype(np.int64)
    weight = np.concatenate([edges.total.astype(np.float64), np.ones(int(same.sum()))])
    return left, right, weight


def _dismissal_tags(n: int, dismissed: list[frozenset[int]]) -> dict[int, set[int]]:
    tags: dict[int, set[int]] = {}
    for number, members in enumerate(dismissed):
        for app in members:
            if 0 <= app < n:
                tags.setdefault(app, set()).add(number)
    return tags


def _split_conflicts(
    corpus: Corpus,
    labels: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    weight: np.ndarray,
    tags: dict[int, set[int]],
) -> np.ndarray:
    """Rebuild, under the constraints, each component that holds two members of one dismissal or two national
    applications."""
    conflicted = set()
    seen: dict[tuple[int, int], int] = {}
    for app, app_tags in tags.items():
        for tag in app_tags:
            key = (int(labels[app]), tag)
            if key in seen and seen[key] != app:
                conflicted.add(key[0])
            seen[key] = app
    nationals = np.flatnonzero(corpus.national >= 0)
    per_label: dict[int, set[int]] = {}
    for national_app in nationals:
        per_label.setdefault(int(labels[national_app]), set()).add(int(corpus.national[national_app]))
    conflicted |= {label for label, keys in per_label.items() if len(keys) > 1}
    if not conflicted:
        return labels
    labels = labels.copy()
    next_label = int(labels.max()) + 1
    members_of: dict[int, list[int]] = {}
    for member in np.flatnonzero(np.isin(labels, list(conflicted))):
        members_of.setdefault(int(labels[member]), []).append(int(member))
    for label, members in members_of.items():
        inside = (labels[left] == label) & (labels[right] == label)
        for group in _constrained(members, left[inside], right[inside], weight[inside], corpus.national, tags):
            for app in group:
                labels[app] = next_label
            next_label += 1
    return labels


def _constrained(
    members: list[int],
    left: np.ndarray,
    right: np.ndarray,
    weight: np.ndarray,
    national: np.ndarray,
    tags: dict[int, set[int]],
) -> list[list[int]]:
    parent = {m: m for m in members}
    state = {m: (set(tags.get(m, ())), int(national[m]) if national[m] >= 0 else None) for m in members}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k in np.lexsort((left, -weight)):
        a, b = root(int(left[k])), root(int(right[k]))
        if a == b:
            continue
        (tags_a, nat_a), (tags_b, nat_b) = state[a], state[b]
        if tags_a & tags_b or (nat_a is not None and nat_b is not None and nat_a != nat_b):
            continue
        parent[b] = a
        state[a] = (tags_a | tags_b, nat_a if nat_a is not None else nat_b)
    groups: dict[int, list[int]] = {}
    for m in members:
        groups.setdefault(root(m), []).append(m)
    return list(groups.values())


def _edge_indices(edges: PairScores, n: int, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Index in `edges` of each (low, high) pair, -1 for the links between a national application's names."""
    keys = edges.left.astype(np.int64) * n + edges.right
    order = np.argsort(keys, kind="stable")
    wanted = low.astype(np.int64) * n + high
    at = np.searchsorted(keys[order], wanted)
    at = np.minimum(at, max(len(keys) - 1, 0))
    hit = (len(keys) > 0) & (keys[order][at] == wanted) if len(keys) else np.zeros(len(wanted), dtype=bool)
    return np.where(hit, order[at] if len(keys) else -1, -1)
