"""The applications of one run as arrays: names and descriptions as TF-IDF vectors, codes, link sets.

Texts are vectorised once per distinct text (national catalogues repeat names thousands of
times); an application points at its text's row. Everything a pair's score needs is here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np
from scipy import sparse

from ea_repo.redundancy.text import (
    NAME_NOISE,
    ORGANISATION,
    NameForm,
    Owner,
    abbreviates,
    char_grams,
    compared_text,
    description_words,
    hosts_of,
    name_form,
    normalise_url,
    own_site,
    relevant_owner,
    url_in_name,
)
from metamodel import reached_at, word_variants

NAME_GRAMS = (3,)
DESCRIPTION_GRAMS = (4,)


@dataclass(frozen=True)
class AppInput:
    """One application as the redundancy run sees it (or one name of a national application)."""

    ippd: str
    element_id: str
    name: str
    opd: str | None = None
    category: str = ""
    description: str = ""
    function: str = ""
    developer: str = ""
    url: str = ""
    references: tuple[str, ...] = ()  # reference codes (RAA.01.02)
    services: tuple[str, ...] = ()  # IDs of supported services
    data: tuple[str, ...] = ()  # IDs of used data
    service_codes: tuple[str, ...] = ()  # the reference codes of those services
    data_codes: tuple[str, ...] = ()
    owner: Owner = Owner()
    national: str | None = None  # a national application's key (its names are nodes too)
    servers: tuple[str, ...] = ()  # IDs of what it runs on (runs_on: servers, cloud, platforms)
    domains: tuple[str, ...] = ()  # a national application's hosts (metamodel/data/aplikasi_umum.yaml `domains`)
    replaced: bool = False  # a national application's name that is only a local name it replaces (`replaces`)
    users: str = ""  # who uses it, as written ("Seluruh OPD")

    @property
    def key(self) -> tuple[str, str]:
        return (self.ippd, self.element_id)


@dataclass
class Vectors:
    """L2-normalised TF-IDF rows of distinct texts, and which row each application uses (-1: none)."""

    matrix: sparse.csr_matrix
    row_of: np.ndarray
    idf: np.ndarray
    df: np.ndarray


class FunctionTerm(NamedTuple):
    area: int  # number of its function area (metamodel/data/aplikasi_umum.yaml `fungsi`)
    term: str


@dataclass
class Corpus:
    apps: list[AppInput]
    forms: list[NameForm]  # per distinct name
    names: Vectors
    descriptions: Vectors
    name_keys: list[str]  # per distinct name: NameForm.key
    ippd: np.ndarray  # per application: IPPD number (national names: -1)
    opd: np.ndarray  # per application: (IPPD, OPD) number
    national: np.ndarray  # per application: national application number, or -1
    url: np.ndarray  # per application: number of its normalised address, or -1
    code: np.ndarray  # first reference code number, or -1
    parent: np.ndarray  # its parent code number, or -1
    code_share: np.ndarray  # per code number: share of the applications that carry it
    code_names: list[str]
    links: dict[str, sparse.csr_matrix] = field(default_factory=dict)  # services/data by ID and by code
    national_keys: list[str] = field(default_factory=list)
    functions: sparse.csr_matrix | None = (
        None  # application x term of a government function said in its name or description
    )
    function_terms: tuple = ()  # per column of `functions`: its term and function area
    function_areas: tuple = ()
    name_words: sparse.csr_matrix | None = None  # distinct name x telling word (by its first five letters)
    description_words: sparse.csr_matrix | None = None  # distinct description x telling word said by few others
    name_parts: sparse.csr_matrix | None = None  # distinct name x key of the name and of each of its parts
    reached_national: np.ndarray | None = None  # per application: the national application its host is, or -1
    replaced: np.ndarray | None = None  # per application: a national application's name taken from its `replaces`
    own_site: np.ndarray | None = None  # per application: its name is only its OPD's website ("Website Dinas X")
    restates: np.ndarray | None = None  # per application: its description only says its name again

    @property
    def size(self) -> int:
        return len(self.apps)


def build_corpus(apps: list[AppInput], glossary: dict[str, str], functions: tuple = ()) -> Corpus:
    forms_by_text: dict[tuple, int] = {}
    forms: list[NameForm] = []
    name_row = np.empty(len(apps), dtype=np.int32)
    cache: dict[tuple[str, Owner], NameForm] = {}
    for index, app in enumerate(apps):
        owner = relevant_owner(app.owner, app.name)
        form = cache.get((app.name, owner))
        if form is None:
            form = name_form(app.name, owner)
            if any(s in glossary for s in form.shorts):  # a known abbreviation (PBB, SKP) is read through the glossary
                form = replace(
                    form,
                    shorts=tuple(s for s in form.shorts if s not in glossary),
                    leading=tuple(s for s in form.leading if s not in glossary),
                )
            cache[(app.name, owner)] = form
        identity = (form.words, form.shorts, form.expansions)
        row = forms_by_text.get(identity)
        if row is None:
            row = forms_by_text[identity] = len(forms)
            forms.append(form)
        name_row[index] = row
    name_texts = [f.text(glossary) for f in forms]
    names = _vectors([compared_text(t) for t in name_texts], name_row, NAME_GRAMS)
    descriptions, description_texts = _description_vectors(apps)
    ippds = _numbering(a.ippd for a in apps if a.national is None)
    opds = _numbering((a.ippd, a.opd) for a in apps)
    nationals = _numbering(a.national for a in apps if a.national is not None)
    codes = _numbering(c for a in apps for c in a.references[:1])
    parents = {c: c.rsplit(".", 1)[0] for c in codes if c.count(".") >= 2}
    code_numbers = {**codes, **{p: len(codes) + i for i, p in enumerate(sorted(set(parents.values()) - set(codes)))}}
    code = np.array([code_numbers[a.references[0]] if a.references else -1 for a in apps], dtype=np.int32)
    parent = np.array(
        [code_numbers.get(parents.get(a.references[0], ""), -1) if a.references else -1 for a in apps], dtype=np.int32
    )
    local = [a for a in apps if a.national is None]
    counts: Counter = Counter()
    for app in local:
        if app.references:
            counts[app.references[0]] += 1
            if app.references[0] in parents:
                counts[parents[app.references[0]]] += 1
    code_names = sorted(code_numbers, key=code_numbers.__getitem__)
    share = np.array([counts.get(c, 0) / max(len(local), 1) for c in code_names], dtype=np.float64)
    return Corpus(
        apps,
        forms,
        names,
        descriptions,
        [f.key for f in forms],
        np.array([ippds[a.ippd] if a.national is None else -1 for a in apps], dtype=np.int32),
        np.array([opds[(a.ippd, a.opd)] for a in apps], dtype=np.int32),
        np.array([nationals[a.national] if a.national is not None else -1 for a in apps], dtype=np.int32),
        _url_numbers(apps),
        code,
        parent,
        share,
        code_names,
        _link_matrices(apps),
        sorted(nationals, key=nationals.__getitem__),
        *_function_matrix(apps, name_row, name_texts, descriptions.row_of, description_texts, functions, glossary),
        tuple(functions),
        _word_matrix([compared_text(f.text(glossary, with_brands=True)) for f in forms]),  # two brands differ
        _telling_words([compared_text(t) for t in description_texts]),
        _part_matrix(forms),
        _reached_national(apps, nationals),
        np.array([a.replaced for a in apps], dtype=bool),
        np.array([a.national is None and own_site(a.name, a.owner, a.description) for a in apps], dtype=bool),
        _restates(forms, name_row, name_texts, descriptions.row_of, description_texts),
    )


def _restates(
    forms: list[NameForm],
    name_row: np.ndarray,
    name_texts: list[str],
    description_row: np.ndarray,
    description_texts: list[str],
) -> np.ndarray:
    """Per application, whether its description says nothing its name does not ("Aplikasi Perekaman dan Pencetakan
    E-KTP" for "Perekaman dan Pencetakan E-KTP"; "Sistem Informasi Manajemen Objek Pajak" for SISMIOP): such a
    description is the name again, no evidence of its own beside the name's."""
    said = [frozenset(word_key(w) for w in t.split() if w not in NAME_NOISE) for t in description_texts]
    out = np.zeros(len(name_row), dtype=bool)
    cache: dict[tuple[int, int], bool] = {}
    for index, (n, d) in enumerate(zip(name_row.tolist(), description_row.tolist(), strict=True)):
        if d < 0:
            continue
        if (n, d) not in cache:
            words = description_texts[d].split()
            named = {word_key(w) for w in name_texts[n].split()} | {word_key(w) for w in forms[n].words}
            cache[(n, d)] = bool(said[d]) and (
                said[d] <= named or any(abbreviates(short, tuple(words)) for short in forms[n].shorts)
            )
        out[index] = cache[(n, d)]
    return out


def _word_matrix(texts: list[str], skip: frozenset[str] = frozenset()) -> sparse.csr_matrix:
    """The telling words of each name, keyed by their first five letters (so "Kepegawain" is "Kepegawaian")."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, text in enumerate(texts):
        for key in sorted({word_key(w) for w in text.split() if w not in NAME_NOISE and w not in skip}):
            rows.append(row)
            cols.append(vocabulary.setdefault(key, len(vocabulary)))
    return sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(texts), max(len(vocabulary), 1))
    )


def _reached_national(apps: list[AppInput], nationals: dict) -> np.ndarray:
    """Per application, the number of the national application whose host its address (or a host in its name) is;
    a national application's names carry their own number when it has hosts. -1: none."""
    domains = {nationals[a.national]: a.domains for a in apps if a.national is not None and a.domains}
    out = np.full(len(apps), -1, dtype=np.int32)
    if not domains:
        return out
    for index, app in enumerate(apps):
        if app.national is not None:
            out[index] = nationals[app.national] if app.domains else -1
            continue
        hosts = hosts_of(app.url, app.name)
        out[index] = next((k for k, d in domains.items() for h in hosts if reached_at(h, d)), -1)
    return out


def _part_matrix(forms: list[NameForm]) -> sparse.csr_matrix:
    """Each distinct name's key and its parts' keys: a name written "SPSE (Sistem Pengadaan Secara Elektronik)" has
    the national names "SPSE" and "Sistem Pengadaan Secara Elektronik" as parts."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, form in enumerate(forms):
        for key in sorted({form.key, *form.parts} - {""}):
            rows.append(row)
            cols.append(vocabulary.setdefault(key, len(vocabulary)))
    return sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(forms), max(len(vocabulary), 1))
    )


def _telling_words(texts: list[str], common: float = 0.05, few: int = 2) -> sparse.csr_matrix:
    """The words of each distinct description that few others say (by their first five letters): two descriptions
    that share one are not in disagreement, however unlike their wording ("antrean" in two queue systems)."""
    matrix = _word_matrix(texts, word_variants().says_nothing)  # "masyarakat" is no job, however rare
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    rare = df <= max(few, common * len(texts))
    return sparse.csr_matrix(matrix.multiply(rare[np.newaxis, :].astype(np.float32)))


def word_key(word: str) -> str:
    return word[:5]


def _url_numbers(apps: list[AppInput]) -> np.ndarray:
    numbers: dict[str, int] = {}
    out = np.full(len(apps), -1, dtype=np.int32)
    for index, app in enumerate(apps):
        address = normalise_url(app.url) or url_in_name(app.name)
        if address:
            out[index] = numbers.setdefault(address, len(numbers))
    return out


def _numbering(values) -> dict:
    out: dict = {}
    for value in values:
        if value not in out:
            out[value] = len(out)
    return out


def _description_vectors(apps: list[AppInput]) -> tuple[Vectors, list[str]]:
    texts: dict[str, int] = {}
    rows = np.full(len(apps), -1, dtype=np.int32)
    cache: dict[tuple[str, Owner], str] = {}
    for index, app in enumerate(apps):
        raw = f"{app.description} {app.function}".strip()
        if not raw:
            continue
        owner = relevant_owner(app.owner, raw)
        text = cache.get((raw, owner))
        if text is None:
            words = description_words(raw, owner)
            telling = [w for w in words if w not in NAME_NOISE and w not in ORGANISATION]
            said = len(telling) >= 2 and any(w not in word_variants().says_nothing for w in telling)
            text = cache[(raw, owner)] = " ".join(words) if said else ""  # "Situs web Dinas X": nothing said
        if text:
            rows[index] = texts.setdefault(text, len(texts))
    return _vectors([compared_text(t) for t in texts], rows, DESCRIPTION_GRAMS), list(texts)


def _function_matrix(
    apps: list[AppInput],
    name_row: np.ndarray,
    name_texts: list[str],
    description_row: np.ndarray,
    description_texts: list[str],
    functions: tuple,
    glossary: dict[str, str],
) -> tuple[sparse.csr_matrix, tuple[FunctionTerm, ...]]:
    """Which terms of the government functions each application's name or description says (application x term).

    A term is matched on words, as written or as its abbreviation's expansion ("TNDE", "tata naskah dinas
    elektronik"); an abbreviation and its expansion are one term. A term whose words lie inside another term
    found in the same text does not count again: "surat masuk dan surat keluar" says two terms, not four, and
    "SIMPEG" (sistem informasi manajemen kepegawaian) says one, not "kepegawaian" besides."""
    terms: list[FunctionTerm] = []
    meanings: list[tuple[str, ...]] = []
    column: dict[tuple[int, tuple[str, ...]], int] = {}
    first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for number, area in enumerate(functions):
        for term in area.terms:
            written = tuple(description_words(term))  # the texts' own normalisation: "bea perolehan hak tanah bangunan"
            meaning = tuple(description_words(glossary.get(term.lower(), term)))
            if not written:
                continue
            if (number, meaning) not in column:
                column[(number, meaning)] = len(terms)
                terms.append(FunctionTerm(number, term))
                meanings.append(meaning)
            for form in {written, meaning}:
                first.setdefault(form[0], []).append((form, column[(number, meaning)]))
    outer = {
        i: {j for j, longer in enumerate(meanings) if j != i and _inside(meaning, longer)}
        for i, meaning in enumerate(meanings)
    }

    def found(text: str) -> frozenset[int]:
        words = text.split()
        spans = [
            (i, i + len(t), n)
            for i, word in enumerate(words)
            for t, n in first.get(word, ())
            if tuple(words[i : i + len(t)]) == t
        ]
        hits = {
            n
            for start, end, n in spans
            if not any(s <= start and end <= e and e - s > end - start for s, e, _ in spans)
        }
        return frozenset(n for n in hits if not outer[n] & hits)

    by_name = [found(t) for t in name_texts]
    by_description = [found(t) for t in description_texts]
    rows, cols = [], []
    for index in range(len(apps)):
        hits = by_name[name_row[index]] | (
            by_description[description_row[index]] if description_row[index] >= 0 else frozenset()
        )
        rows += [index] * len(hits)
        cols += sorted(hits)
    matrix = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(apps), max(len(terms), 1))
    )
    return matrix, tuple(terms)


def _inside(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    return len(part) < len(whole) and any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def _vectors(texts: list[str], row_of: np.ndarray, sizes: tuple[int, ...]) -> Vectors:
    """Binary character n-grams weighted by smoothed IDF over the distinct texts; rows L2-normalised."""
    vocabulary: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    for text in texts:
        grams = char_grams(text, sizes)
        indices.extend(vocabulary.setdefault(g, len(vocabulary)) for g in grams)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    matrix = sparse.csr_matrix(
        (data, np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)), shape=(len(texts), len(vocabulary))
    )
    df = np.bincount(matrix.indices, minlength=len(vocabulary)).astype(np.float64)
    idf = (np.log((1 + len(texts)) / (1 + df)) + 1.0).astype(np.float32)
    matrix = matrix.multiply(idf[np.newaxis, :]).tocsr() if len(vocabulary) else matrix
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(sparse.diags((1.0 / norms).astype(np.float32)) @ matrix, dtype=np.float32)
    matrix.sort_indices()
    return Vectors(matrix, row_of, idf, df)


def _link_matrices(apps: list[AppInput]) -> dict[str, sparse.csr_matrix]:
    """Binary application x key matrices: services, data and servers by ID (within an IPPD); services and data
    by reference code."""
    out = {}
    for name, keys_of in (
        ("services_id", lambda a: {f"{a.ippd}|{t}" for t in a.services}),
        ("data_id", lambda a: {f"{a.ippd}|{t}" for t in a.data}),
        ("servers_id", lambda a: {f"{a.ippd}|{t}" for t in a.servers}),
        ("services_code", lambda a: set(a.service_codes)),
        ("data_code", lambda a: set(a.data_codes)),
    ):
        vocabulary: dict[str, int] = {}
        indptr = [0]
        indices: list[int] = []
        for app in apps:
            indices.extend(sorted(vocabulary.setdefault(k, len(vocabulary)) for k in keys_of(app)))
            indptr.append(len(indices))
        out[name] = sparse.csr_matrix(
            (
                np.ones(len(indices), dtype=np.float32),
                np.array(indices, dtype=np.int32),
                np.array(indptr, dtype=np.int64),
            ),
            shape=(len(apps), max(len(vocabulary), 1)),
        )
    return out


def rowwise_dot(matrix: sparse.csr_matrix, left: np.ndarray, right: np.ndarray, chunk: int = 500_000) -> np.ndarray:
    """matrix[left[k]] . matrix[right[k]] for every k, in chunks (rows are sparse)."""
    out = np.zeros(len(left), dtype=np.float32)
    for start in range(0, len(left), chunk):
        a = matrix[left[start : start + chunk]]
        b = matrix[right[start : start + chunk]]
        out[start : start + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def unique_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct (a, b) pairs, order-free, and for each input pair the index of its distinct pair."""
    low, high = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
    keys = low * (1 << 32) + high
    distinct, inverse = np.unique(keys, return_inverse=True)
    return (distinct >> 32).astype(np.int32), (distinct & 0xFFFFFFFF).astype(np.int32), inverse.ravel()
