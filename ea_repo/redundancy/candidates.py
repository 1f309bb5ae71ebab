"""The fast path: which pairs are worth scoring, found without comparing every pair.

Blocks, each near-linear in the number of applications (plus the pairs it yields):
- the same distinct name (a name listed 400 times nationally is one text);
- nearest names: a TF-IDF character n-gram index over the distinct names; each name is compared
  only with names that share one of its rarer n-grams, and its `neighbours` most similar are kept;
- nearest descriptions, the same way over the distinct description + function texts;
- short forms: each short form is tried only against expansions that start with its first letter
  (which the short-form rule requires, so nothing is lost);
- a service, data item (within one IPPD), reference code or address that at most `block` applications share.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy import sparse

from ea_repo.redundancy.features import Corpus, Vectors
from ea_repo.redundancy.scoring import ScoringTables, distinct_link_rows
from ea_repo.redundancy.settings import Settings
from ea_repo.redundancy.text import CHANNEL, STOPWORDS, NameForm, short_form_of, variant_initials


def scoring_tables(corpus: Corpus) -> ScoringTables:
    shorts = short_form_pairs(corpus.forms)
    keys = np.array(sorted(shorts), dtype=np.int64)
    identity: dict[str, int] = {}
    name_identity = np.array([identity.setdefault(k, len(identity)) for k in corpus.name_keys], dtype=np.int32)
    link_sets = {name: distinct_link_rows(matrix) for name, matrix in corpus.links.items()}
    return ScoringTables(keys, shorts, name_identity, link_sets)


def short_form_pairs(forms: list[NameForm]) -> dict[int, str]:
    """Distinct-name pairs (as pair keys) where one name is a short form of the other, with the reading."""
    by_initial: dict[str, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    for number, form in enumerate(forms):
        for expansion in form.expansions:
            for letter in variant_initials(expansion):
                by_initial[letter].append(number)
            for word in set(expansion):
                by_word[word].append(number)
    found: dict[int, str] = {}
    by_short: dict[str, list[int]] = defaultdict(list)
    for number, form in enumerate(forms):
        for short in form.leading:
            by_short[short].append(number)
    for (
        short,
        numbers,
    ) in by_short.items():  # "SIpKerja (Portal ...)" and "Sistem ... (SIPKerja)": one short form in both
        for i, a in enumerate(numbers):
            for b in numbers[i + 1 :]:
                found.setdefault((min(a, b) << 32) | max(a, b), short.upper())  # the report: "in both names"
    letters = [_letters(" ".join(" ".join(e) for e in form.expansions)) for form in forms]
    last = [_letters(" ".join(_last_word(e) for e in form.expansions)) for form in forms]
    for a, form in enumerate(forms):
        alone = (
            set(form.words) <= set(form.shorts) | STOPWORDS
        )  # nothing else in the name: no word is left out of the other
        for short in form.leading:
            need, end = _letters(short), _letters(short[-1])
            written = set(by_word.get(short, ()))
            for b in set(by_initial.get(short[0], ())) | written:
                if b == a or b not in written and (need & ~letters[b] or alone and not end & last[b]):
                    continue  # a letter the other name lacks, or that its last word lacks: it cannot stand for it
                key = (min(a, b) << 32) | max(a, b)
                if key in found:
                    continue
                reading = short_form_of(form, forms[b])
                if reading is not None:
                    found[key] = reading
    return found


def _last_word(words: tuple[str, ...]) -> str:
    content = [w for w in words if w not in STOPWORDS and w not in CHANNEL]
    return content[-1] if content else ""


def _letters(text: str) -> int:
    """The letters a text holds, as a bit set."""
    mask = 0
    for char in set(text):
        if "a" <= char <= "z":
            mask |= 1 << (ord(char) - 97)
    return mask


def candidate_pairs(corpus: Corpus, tables: ScoringTables, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Application pairs (left < right, distinct) from every block; national names are never paired together."""
    c = settings.candidates
    parts = []
    name_a, name_b = nearest(corpus.names, c.neighbours, c.similarity, c.common)
    short_a = (tables.short_keys >> 32).astype(np.int32)
    short_b = (tables.short_keys & 0xFFFFFFFF).astype(np.int32)
    parts.append(stars(corpus.names.row_of))
    parts.append(
        expand(
            corpus.names.row_of,
            np.concatenate([name_a, short_a]),
            np.concatenate([name_b, short_b]),
            c.sample,
            corpus.descriptions.row_of,
        )
    )
    desc_a, desc_b = nearest(corpus.descriptions, c.neighbours, c.similarity, c.common)
    parts.append(stars(corpus.descriptions.row_of))
    parts.append(expand(corpus.descriptions.row_of, desc_a, desc_b, c.sample, corpus.names.row_of))
    for name in ("services_id", "data_id"):
        parts.append(_column_blocks(corpus.links[name], c.block))
    codes = sparse.csr_matrix(
        (
            np.ones(int((corpus.code >= 0).sum()), dtype=np.float32),
            (np.flatnonzero(corpus.code >= 0), corpus.code[corpus.code >= 0]),
        ),
        shape=(corpus.size, max(len(corpus.code_names), 1)),
    )
    parts.append(_column_blocks(codes, c.block))
    urls = corpus.url >= 0
    parts.append(
        _column_blocks(
            sparse.csr_matrix(
                (np.ones(int(urls.sum()), dtype=np.float32), (np.flatnonzero(urls), corpus.url[urls])),
                shape=(corpus.size, int(corpus.url.max()) + 1 if urls.any() else 1),
            ),
            c.block,
        )
    )
    parts.append(_at_national(corpus))
    left = np.concatenate([p[0] for p in parts]).astype(np.int64)
    right = np.concatenate([p[1] for p in parts]).astype(np.int64)
    low, high = np.minimum(left, right), np.maximum(left, right)
    keys = np.unique(low[low != high] * corpus.size + high[low != high])
    left, right = (keys // corpus.size).astype(np.int32), (keys % corpus.size).astype(np.int32)
    both_national = (corpus.national[left] >= 0) & (corpus.national[right] >= 0)
    return left[~both_national], right[~both_national]


def _at_national(corpus: Corpus) -> tuple[np.ndarray, np.ndarray]:
    """Each application whose address is a national application's, with that application's first name."""
    reached = corpus.reached_national
    if reached is None:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    first: dict[int, int] = {}
    for index in np.flatnonzero((reached >= 0) & (corpus.national >= 0)):
        first.setdefault(int(reached[index]), int(index))
    local = np.flatnonzero((reached >= 0) & (corpus.national < 0))
    node = np.array([first.get(int(reached[i]), -1) for i in local], dtype=np.int64)
    return local[node >= 0].astype(np.int64), node[node >= 0]


def nearest(
    vectors: Vectors, k: int, minimum: float, common: float, chunk: int = 2048
) -> tuple[np.ndarray, np.ndarray]:
    """For each distinct text, its k most similar others (cosine >= minimum) among those sharing a rarer n-gram.

    N-grams held by more than max(common x texts, 100) texts are not index keys; the cosine used
    to rank and to cut is the full one, computed on the pairs the index proposes.
    """
    matrix = vectors.matrix
    rows = matrix.shape[0]
    if rows < 2:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    limit = max(common * rows, 100)
    rare = np.flatnonzero(np.bincount(matrix.indices, minlength=matrix.shape[1]) <= limit)
    keys = matrix[:, rare]
    keys.data[:] = 1.0
    keys = sparse.csr_matrix(keys)
    out_a: list[np.ndarray] = []
    out_b: list[np.ndarray] = []
    transposed = keys.T.tocsr()
    for start in range(0, rows, chunk):
        block = (keys[start : start + chunk] @ transposed).tocsr()
        proposed = block.tocoo()
        a = proposed.row.astype(np.int32) + start
        b = proposed.col.astype(np.int32)
        mask = a != b
        a, b = a[mask], b[mask]
        if not len(a):
            continue
        cosine = np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel()
        keep = cosine >= minimum
        a, b, cosine = a[keep], b[keep], cosine[keep]
        order = np.lexsort((-cosine, a))
        a, b = a[order], b[order]
        first = np.searchsorted(a, a, side="left")
        rank = np.arange(len(a)) - first
        out_a.append(a[rank < k])
        out_b.append(b[rank < k])
    if not out_a:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    return np.concatenate(out_a), np.concatenate(out_b)


def expand(
    row_of: np.ndarray, text_a: np.ndarray, text_b: np.ndarray, sample: int = 0, other: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Application pairs (i, j) with text(i) = text_a[k] and text(j) = text_b[k]: every such pair, or with `sample`,
    the first `sample` applications of each text against each other (a text shared by 400 applications is one
    text: its applications are joined by `stars`, and `sample` of them stand for it against other texts).
    `other` (the applications' other text) puts first the applications whose other text is new within
    their text, so that the sample covers as many name-and-description units as it can."""
    valid = row_of >= 0
    rows = int(row_of[valid].max()) + 1 if valid.any() else 0
    if not rows or not len(text_a):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    apps = np.flatnonzero(valid)
    repeated = np.zeros(len(apps), dtype=bool)
    if other is not None:
        pairs = np.stack([row_of[apps].astype(np.int64), other[apps].astype(np.int64)], axis=1)
        _, first = np.unique(pairs, axis=0, return_index=True)
        repeated[:] = True
        repeated[first] = False
    order = apps[np.lexsort((repeated, row_of[apps]))]
    counts = np.bincount(row_of[apps], minlength=rows)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    size_a, size_b = counts[text_a], counts[text_b]
    if sample:
        size_a, size_b = np.minimum(size_a, sample), np.minimum(size_b, sample)
    repeat = (size_a * size_b).astype(np.int64)
    total = int(repeat.sum())
    if not total:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    which = np.repeat(np.arange(len(text_a)), repeat)
    offset = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    width = size_b[which]
    left = order[starts[text_a[which]] + offset // width]
    right = order[starts[text_b[which]] + offset % width]
    return left, right


def stars(row_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Applications with one text joined to the first of them: n - 1 pairs for n applications."""
    apps = np.flatnonzero(row_of >= 0)
    if not len(apps):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = apps[np.argsort(row_of[apps], kind="stable")]
    rows = row_of[order]
    first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    head = np.repeat(order[first], np.diff(np.r_[first, len(order)]))
    keep = head != order
    return head[keep].astype(np.int64), order[keep].astype(np.int64)


def _column_blocks(matrix: sparse.csr_matrix, block: int) -> tuple[np.ndarray, np.ndarray]:
    """All pairs of applications that share a column held by 2..block applications (columns of one size at a time)."""
    columns = matrix.tocsc()
    columns.sort_indices()
    sizes = np.diff(columns.indptr)
    lefts, rights = [], []
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= block)]):
        chosen = np.flatnonzero(sizes == size)
        members = columns.indices[columns.indptr[chosen][:, None] + np.arange(size)]  # one row per column
        a, b = np.triu_indices(int(size), k=1)
        lefts.append(members[:, a].ravel())
        rights.append(members[:, b].ravel())
    if not lefts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(lefts), np.concatenate(rights)
