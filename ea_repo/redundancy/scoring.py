"""One explainable score per pair of applications: the sum of what each signal that fired adds.

`score_pairs` scores any pairs, vectorised: the fast path calls it on its candidates, the
brute-force reference on every pair, so both score the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from ea_repo.redundancy.features import Corpus, rowwise_dot, unique_pairs
from ea_repo.redundancy.settings import SIGNALS, Settings

# The function signal grows with the terms of a government function two applications both say: x1 for one,
# x1.5 for two, x2 for three or more ("penganggaran, penatausahaan, keuangan daerah" says more than "anggaran").
FURTHER_TERM, MOST_TERMS = 0.5, 3


@dataclass
class PairScores:
    """Scored pairs: `left[k]`, `right[k]` (application numbers, left < right), the total, and per signal
    its raw value (a similarity, a Jaccard, or 1) and what it added (0 when it did not fire)."""

    left: np.ndarray
    right: np.ndarray
    total: np.ndarray
    values: dict[str, np.ndarray]
    added: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.left)

    def take(self, mask: np.ndarray) -> PairScores:
        return PairScores(
            self.left[mask],
            self.right[mask],
            self.total[mask],
            {k: v[mask] for k, v in self.values.items()},
            {k: v[mask] for k, v in self.added.items()},
        )

    @staticmethod
    def concat(parts: list[PairScores]) -> PairScores:
        if not parts:
            return empty_scores()
        return PairScores(
            np.concatenate([p.left for p in parts]),
            np.concatenate([p.right for p in parts]),
            np.concatenate([p.total for p in parts]),
            {k: np.concatenate([p.values[k] for p in parts]) for k in SIGNALS},
            {k: np.concatenate([p.added[k] for p in parts]) for k in SIGNALS},
        )


def empty_scores() -> PairScores:
    nothing = np.zeros(0, dtype=np.float32)
    return PairScores(
        np.zeros(0, dtype=np.int32),
        np.zeros(0, dtype=np.int32),
        nothing,
        {k: nothing for k in SIGNALS},
        {k: nothing for k in SIGNALS},
    )


@dataclass
class ScoringTables:
    """What scoring looks up, made once per corpus: short-form pairs of distinct names, name identities,
    distinct link sets."""

    short_keys: np.ndarray  # sorted int64 keys (low << 32 | high) of distinct-name pairs
    short_detail: dict[int, str]
    name_identity: np.ndarray  # per distinct name: number of its key (equal keys: the same name)
    link_sets: dict[str, tuple[sparse.csr_matrix, np.ndarray]]  # per link matrix: distinct rows, row of each app


def pair_key(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    low, high = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
    return low * (1 << 32) + high


def score_pairs(
    corpus: Corpus, tables: ScoringTables, left: np.ndarray, right: np.ndarray, settings: Settings
) -> PairScores:
    """Score the pairs (left[k], right[k]); left < right is expected. Pairs of two national names score 0."""
    w = settings.weights
    values: dict[str, np.ndarray] = {}
    added: dict[str, np.ndarray] = {}
    n_left, n_right = corpus.names.row_of[left], corpus.names.row_of[right]
    local = (corpus.national[left] < 0) | (corpus.national[right] < 0)
    same_ippd = (corpus.ippd[left] == corpus.ippd[right]) & (corpus.ippd[left] >= 0)

    same_key = tables.name_identity[n_left] == tables.name_identity[n_right]
    # A local name that is a national application's name, or is written "ABBR (Expansion)" with it as a part.
    national_pair = (corpus.national[left] >= 0) != (corpus.national[right] >= 0)
    reached = corpus.reached_national if corpus.reached_national is not None else np.full(corpus.size, -1)
    at_national = national_pair & (reached[left] >= 0) & (reached[left] == reached[right])  # its address is theirs
    as_national = at_national.copy()
    as_national[national_pair] |= _share_part(corpus, n_left[national_pair], n_right[national_pair])
    values["same-name"] = ((same_key & same_ippd) | as_national).astype(np.float32)
    added["same-name"] = values["same-name"] * w["same-name"]

    same_url = ((corpus.url[left] >= 0) & (corpus.url[left] == corpus.url[right])) | at_national
    values["url"] = same_url.astype(np.float32)
    added["url"] = values["url"] * w["url"]

    cosine = _distinct_similarity(corpus.names.matrix, n_left, n_right)
    cosine[same_key] = 1.0
    values["name"] = cosine
    differ = _names_differ(corpus, n_left, n_right) & ~same_key
    added["name"] = np.where((cosine >= settings.minimum["name"]) & ~differ, cosine * w["name"], 0).astype(np.float32)

    short = np.isin(pair_key(n_left, n_right), tables.short_keys) & ~same_key
    values["short-form"] = short.astype(np.float32)
    added["short-form"] = values["short-form"] * w["short-form"]

    d_left, d_right = corpus.descriptions.row_of[left], corpus.descriptions.row_of[right]
    has = (d_left >= 0) & (d_right >= 0)
    description = np.zeros(len(left), dtype=np.float32)
    if has.any():
        description[has] = _distinct_similarity(corpus.descriptions.matrix, d_left[has], d_right[has])

    values["description"] = description
    said = has & (description >= settings.minimum["description"])
    said[said] = _share_telling_word(corpus, d_left[said], d_right[said])
    added["description"] = np.where(said, description * w["description"], 0).astype(np.float32)
    # Two OPDs of one government describing the same job (queue systems, 112 call centres) is the redundancy an
    # inventory hides behind unlike names. Within one OPD, one officer often describes all its applications with one
    # template ("Mengelola data wajib pajak parkir" / "... reklame"); across governments, templates recur too.
    two_opds = same_ippd & (corpus.opd[left] != corpus.opd[right])
    # Two descriptions that each only say their name again ("Aplikasi untuk Perekaman E-KTP") are the names once more:
    # when the names differ, their likeness is not a second piece of evidence.
    if corpus.restates is not None:
        echoes = has & corpus.restates[left] & corpus.restates[right] & differ
        added["description"][echoes] = 0
        has = has & ~echoes
    same_job = has & two_opds & (description >= settings.minimum["same-description"])
    same_job[same_job] = _share_telling_word(corpus, d_left[same_job], d_right[same_job])
    added["description"][same_job] = w["description"]
    # Unlike descriptions take some off; a strong disagreement (unlike wording and not one telling word in common)
    # vetoes a match on like names (one brand, two jobs) unless the names or the addresses are identical.
    unlike = has & (description < settings.minimum["different-description"])
    values["different-description"] = np.where(unlike, description, 0).astype(np.float32)
    added["different-description"] = np.where(unlike, -w["different-description"], 0).astype(np.float32)
    veto = unlike & ~same_key & ~same_url & ~national_pair  # a national application's text is a whole function's
    veto[veto] = ~_share_telling_word(corpus, d_left[veto], d_right[veto])
    # A national application's name taken from its `replaces` ("e-Office") is a generic local name, unlike its own
    # name, alias or host: a row so named whose description strongly disagrees is another job under that name.
    replaced = corpus.replaced if corpus.replaced is not None else np.zeros(corpus.size, dtype=bool)
    generic = unlike & national_pair & (replaced[left] | replaced[right]) & ~same_url
    generic[generic] = ~_share_telling_word(corpus, d_left[generic], d_right[generic])
    generic[generic] = ~_description_names_it(corpus, left[generic], right[generic])  # "bagian dari e-Planning"
    veto |= generic
    # A row at one national application's address is that application, whatever it is called ("SIASN" at MyASN's
    # host): its name does not make it another national application.
    local_reached = np.where(corpus.national[left] >= 0, reached[right], reached[left])
    national_side = np.maximum(corpus.national[left], corpus.national[right])
    veto |= national_pair & (local_reached >= 0) & (local_reached != national_side)
    for signal in ("same-name", "name", "short-form"):
        added[signal][veto] = 0

    shared = np.zeros(len(left), dtype=np.float32)
    if corpus.functions is not None and corpus.functions.nnz:
        shared = rowwise_dot(corpus.functions, left, right)
    values["function"] = shared
    added["function"] = np.where(
        shared > 0, w["function"] * (1 + FURTHER_TERM * (np.minimum(shared, MOST_TERMS) - 1)), 0
    ).astype(np.float32)

    _references(corpus, left, right, w, values, added)
    for signal in ("services", "data"):
        jaccard = _link_jaccard(tables, signal, left, right, same_ippd)
        values[signal] = jaccard
        added[signal] = (jaccard * w[signal] * np.where(same_ippd, 1.0, settings.across_ippds)).astype(np.float32)
    values["footprint"] = _same_footprint(corpus, tables, left, right, same_ippd, values)
    added["footprint"] = values["footprint"] * w["footprint"]

    # An OPD's own website ("Website Kecamatan Barat") is that OPD's: not another OPD's site, alike in every word but
    # the owner's, nor another OPD's application named like the place ("simbatan" beside Desa Simbatan's site),
    # unless they are at one address.
    if corpus.own_site is not None:
        either = corpus.own_site[left] | corpus.own_site[right]
        sites = either & (corpus.opd[left] != corpus.opd[right]) & ~same_url & local
        for signal in SIGNALS:
            added[signal][sites] = 0
    total = np.clip(sum(added[s] for s in SIGNALS), 0.0, 1.0).astype(np.float32)
    total[~local] = 0
    return PairScores(left.astype(np.int32), right.astype(np.int32), total, values, added)


def _same_footprint(
    corpus: Corpus, tables: ScoringTables, left: np.ndarray, right: np.ndarray, same_ippd: np.ndarray, values: dict
) -> np.ndarray:
    """1 where two applications of one IPPD support a same service, run on a same server and carry the same
    reference code: each alone is common (a shared server hosts many applications; a service has several), together
    they say one job done twice in one place. Corroboration, not proof: its weight alone stays under the threshold."""
    both = same_ippd & (values["services"] > 0) & (values["reference"] > 0)
    out = np.zeros(len(left), dtype=np.float32)
    if both.any():
        distinct, row_of = tables.link_sets["servers_id"]
        a, b = row_of[left[both]], row_of[right[both]]
        shared = np.zeros(len(a), dtype=np.float32)
        hosted = (a >= 0) & (b >= 0)
        if hosted.any():
            shared[hosted] = rowwise_dot(distinct, a[hosted], b[hosted])
        out[both] = (shared > 0).astype(np.float32)
    return out


def _share_part(corpus: Corpus, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether two distinct names have a part (or the whole) in common, compared by key."""
    parts = corpus.name_parts
    if parts is None or not len(a):
        return np.zeros(len(a), dtype=bool)
    low, high, inverse = unique_pairs(a, b)
    shared = rowwise_dot(parts, low, high) > 0
    shared[low == high] = True
    return shared[inverse]


def _share_telling_word(corpus: Corpus, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether two descriptions (distinct description rows) share a word that few others say."""
    words = corpus.description_words
    if words is None or not len(a):
        return np.zeros(len(a), dtype=bool)
    low, high, inverse = unique_pairs(a, b)
    return (rowwise_dot(words, low, high) > 0)[inverse]


def _description_names_it(corpus: Corpus, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Whether the local application's description says the national name it is paired with (rare pairs only)."""
    out = np.zeros(len(left), dtype=bool)
    for k, (a, b) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        national, local = (a, b) if corpus.national[a] >= 0 else (b, a)
        name = _plain_words(corpus.apps[national].name)
        said = _plain_words(f"{corpus.apps[local].description} {corpus.apps[local].function}")
        out[k] = bool(name.strip()) and name in said
    return out


def _plain_words(text: str) -> str:
    """Lower-case words between spaces, hyphens dropped ("e-Planning" and "eplanning" are one word)."""
    return " " + re.sub(r"[^0-9a-z]+", " ", text.lower().replace("-", "")).strip() + " "


def _names_differ(corpus: Corpus, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each name has a telling word the other lacks ("Pemetaan Barang" / "Pelacakan Barang"): not the same name."""
    words = corpus.name_words
    if words is None:
        return np.zeros(len(a), dtype=bool)
    low, high, inverse = unique_pairs(a, b)
    shared = rowwise_dot(words, low, high)
    sizes = np.diff(words.indptr).astype(np.float32)
    return ((sizes[low] > shared) & (sizes[high] > shared))[inverse]


def _distinct_similarity(matrix: sparse.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine of rows a[k], b[k], computed once per distinct pair of rows."""
    low, high, inverse = unique_pairs(a, b)
    similarity = rowwise_dot(matrix, low, high)
    similarity[low == high] = 1.0
    return np.minimum(np.round(similarity, 4), 1.0)[inverse].astype(np.float32)  # 0.99999994 is 1


def _references(corpus: Corpus, left: np.ndarray, right: np.ndarray, w: dict, values: dict, added: dict) -> None:
    c_left, c_right = corpus.code[left], corpus.code[right]
    p_left, p_right = corpus.parent[left], corpus.parent[right]
    same = (c_left >= 0) & (c_left == c_right)
    prefix_code = np.where(
        (p_left >= 0) & (p_left == p_right),
        p_left,
        np.where(
            (p_left >= 0) & (p_left == c_right), p_left, np.where((p_right >= 0) & (p_right == c_left), p_right, -1)
        ),
    )
    prefix = ~same & (prefix_code >= 0)
    share = np.append(corpus.code_share, 0.0)  # index -1: no code
    values["reference"] = same.astype(np.float32)
    added["reference"] = np.where(same, w["reference"] * (1 - share[c_left]), 0).astype(np.float32)
    values["reference-prefix"] = prefix.astype(np.float32)
    added["reference-prefix"] = np.where(prefix, w["reference-prefix"] * (1 - share[prefix_code]), 0).astype(np.float32)


def _link_jaccard(
    tables: ScoringTables, signal: str, left: np.ndarray, right: np.ndarray, same_ippd: np.ndarray
) -> np.ndarray:
    """Jaccard of the link sets: by ID for two applications of one IPPD, by reference code otherwise."""
    out = np.zeros(len(left), dtype=np.float32)
    for suffix, mask in (("id", same_ippd), ("code", ~same_ippd)):
        if not mask.any():
            continue
        distinct, row_of = tables.link_sets[f"{signal}_{suffix}"]
        a, b = row_of[left[mask]], row_of[right[mask]]
        nonempty = (a >= 0) & (b >= 0)
        if not nonempty.any():
            continue
        low, high, inverse = unique_pairs(a[nonempty], b[nonempty])
        inter = rowwise_dot(distinct, low, high)
        sizes = np.diff(distinct.indptr).astype(np.float32)
        union = sizes[low] + sizes[high] - inter
        jaccard = np.where(union > 0, inter / np.maximum(union, 1), 0)[inverse]
        part = np.zeros(int(mask.sum()), dtype=np.float32)
        part[nonempty] = jaccard
        out[mask] = part
    return out


def distinct_link_rows(matrix: sparse.csr_matrix) -> tuple[sparse.csr_matrix, np.ndarray]:
    """The distinct non-empty rows of a binary matrix, and each row's number among them (-1: empty)."""
    seen: dict[bytes, int] = {}
    rows = np.full(matrix.shape[0], -1, dtype=np.int32)
    keep: list[int] = []
    indptr, indices = matrix.indptr, matrix.indices
    for r in range(matrix.shape[0]):
        if indptr[r] == indptr[r + 1]:
            continue
        signature = indices[indptr[r] : indptr[r + 1]].tobytes()
        number = seen.get(signature)
        if number is None:
            number = seen[signature] = len(keep)
            keep.append(r)
        rows[r] = number
    distinct = (
        matrix[np.array(keep, dtype=np.int64)] if keep else sparse.csr_matrix((0, matrix.shape[1]), dtype=np.float32)
    )
    return sparse.csr_matrix(distinct), rows


def redundant(corpus: Corpus, scores: PairScores, settings: Settings) -> PairScores:
    """The pairs at or above the threshold (a pair with a national application's name: the national threshold)."""
    national = (corpus.national[scores.left] >= 0) | (corpus.national[scores.right] >= 0)
    return scores.take(scores.total >= np.where(national, settings.national_threshold, settings.threshold))


def brute_force(corpus: Corpus, tables: ScoringTables, settings: Settings, chunk: int = 2_000_000) -> PairScores:
    """Every pair scored (the recall reference): only pairs at or above the threshold are kept."""
    kept: list[PairScores] = []
    n = corpus.size
    lefts: list[np.ndarray] = []
    rights: list[np.ndarray] = []
    pending = 0
    for i in range(n - 1):
        lefts.append(np.full(n - i - 1, i, dtype=np.int32))
        rights.append(np.arange(i + 1, n, dtype=np.int32))
        pending += n - i - 1
        if pending >= chunk or i == n - 2:
            scores = score_pairs(corpus, tables, np.concatenate(lefts), np.concatenate(rights), settings)
            kept.append(redundant(corpus, scores, settings))
            lefts, rights, pending = [], [], 0
    return PairScores.concat(kept)
