"""Rules about one element at a time: IDs, names, owners and reference codes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from ea_repo.catalog.graph import RepoGraph
from ea_repo.checks.findings import Severity, Text
from ea_repo.checks.registry import Hit, OrgSubject, rule
from metamodel import ReferenceEntry, id_number_key


@rule(
    "id-malformed",
    Severity.ERROR,
    title=Text("Format ID salah", "Malformed ID"),
    message=Text(
        "ID {element} tidak sesuai pola {kind} (contoh: {example})",
        "ID {element} does not match the {kind} pattern (e.g. {example})",
    ),
    fix=Text(
        "Ganti ID dengan format templat nasional (lihat contoh di pesan).", "Rename it to the national template format."
    ),
)
def id_malformed(graph: RepoGraph) -> Iterator[Hit]:
    verdicts: dict[tuple[str, str], bool] = {}  # the same IDs recur in every IPPD and plateau
    for node in graph.nodes():
        key = (node.kind, node.id)
        ok = verdicts.get(key)
        if ok is None:
            ok = verdicts[key] = graph.kind_of(node).id_matches(node.id)
        if not ok:
            yield node, {"example": graph.kind_of(node).id_example}


@rule(
    "id-duplicate",
    Severity.ERROR,
    title=Text("ID ganda", "Duplicate ID"),
    message=Text(
        "{element} dan {other} adalah nomor yang sama ({kind} di {plateau})",
        "{element} and {other} are the same number ({kind} in {plateau})",
    ),
    fix=Text(
        "Beri salah satunya nomor baru, atau gabungkan bila keduanya elemen yang sama.",
        "Give one of them a new number, or merge them if they are the same element.",
    ),
)
def id_duplicate(graph: RepoGraph) -> Iterator[Hit]:
    for scope in graph.scopes.values():
        if not _numbers_may_collide(scope):
            continue
        first: dict[tuple[str, int], str] = {}
        for node in scope.values():
            key = id_number_key(node.id)
            if key is None:
                continue
            if key in first:
                yield node, {"other": first[key]}
            else:
                first[key] = node.id


_LEADING_ZEROS = re.compile(r"\.0+(?=\d)")


def _numbers_may_collide(scope: dict) -> bool:
    """Fast path in C: do any two IDs of the scope become equal once leading zeros go?"""
    normalised = _LEADING_ZEROS.sub(".", "\n".join(scope)).split("\n")
    return len(set(normalised)) < len(normalised)


@rule(
    "id-kind-conflict",
    Severity.ERROR,
    title=Text("Satu ID, jenis berbeda antar plateau", "One ID, different kinds across plateaus"),
    message=Text(
        "{element} adalah {kind} di {plateau} tetapi {other_kind} di {other_plateau}",
        "{element} is a {kind} in {plateau} but a {other_kind} in {other_plateau}",
    ),
    fix=Text(
        "ID yang sama di dua plateau berarti elemen yang sama; beri elemen lain ID baru.",
        "The same ID in two plateaus means the same element; give the other element a new ID.",
    ),
)
def id_kind_conflict(graph: RepoGraph) -> Iterator[Hit]:
    for ippd in sorted({i for i, _ in graph.scopes}):
        first: dict[str, tuple[str, str]] = {}
        for plateau in graph.plateaus_of(ippd):
            for node in graph.scopes[(ippd, plateau)].values():
                seen = first.setdefault(node.id, (node.kind, plateau))
                if seen[0] != node.kind:
                    yield node, {"other_kind": seen[0], "other_plateau": seen[1]}


@rule(
    "name-missing",
    Severity.WARNING,
    title=Text("Nama kosong", "Name missing"),
    message=Text("{element} ({kind}) tidak memiliki nama", "{element} ({kind}) has no name"),
    fix=Text("Isi metadata.name (Nama Aplikasi/Layanan/Data ...).", "Fill in metadata.name."),
)
def name_missing(graph: RepoGraph) -> Iterator[Hit]:
    for node in graph.nodes():
        if not node.name:
            yield node, {}


@rule(
    "ippd-unknown",
    Severity.ERROR,
    title=Text("IPPD tidak terdaftar", "IPPD not registered"),
    message=Text(
        "IPPD {ippd} memiliki elemen tetapi belum didaftarkan (dokumen kind: IPPD)",
        "IPPD {ippd} has elements but is not registered (a kind: IPPD document)",
    ),
    fix=Text(
        "Tambahkan dokumen `kind: IPPD` dengan kode IPPD tersebut sebagai metadata.id.",
        "Add a `kind: IPPD` document with that IPPD code as metadata.id.",
    ),
)
def ippd_unknown(graph: RepoGraph) -> Iterator[Hit]:
    for ippd in sorted({i for i, _ in graph.scopes} - graph.ippds):
        yield OrgSubject(ippd), {}


@rule(
    "opd-unknown",
    Severity.ERROR,
    title=Text("OPD pemilik tidak dikenal", "Owner OPD unknown"),
    message=Text(
        "{element} dimiliki OPD {opd}, yang tidak terdaftar di {ippd}",
        "{element} is owned by OPD {opd}, which is not registered in {ippd}",
    ),
    fix=Text(
        "Daftarkan OPD tersebut (dokumen `kind: OPD`) atau perbaiki Kode OPD.",
        "Register that OPD (a `kind: OPD` document) or correct the Kode OPD.",
    ),
)
def opd_unknown(graph: RepoGraph) -> Iterator[Hit]:
    for node in graph.nodes():
        if node.opd is not None and node.opd not in graph.opds.get(node.ippd, ()):
            yield node, {}


@rule(
    "data-without-owner",
    Severity.WARNING,
    domain="data",
    title=Text("Data tanpa pemilik", "Data with no owner"),
    message=Text(
        "{element} tidak memiliki Kode OPD maupun Penanggungjawab OPD",
        "{element} has neither a Kode OPD nor a Penanggungjawab OPD",
    ),
    fix=Text(
        "Isi metadata.opd (Kode OPD) atau spec.responsible.", "Fill in metadata.opd (Kode OPD) or spec.responsible."
    ),
)
def data_without_owner(graph: RepoGraph) -> Iterator[Hit]:
    for node in graph.nodes_of("Data"):
        if not node.opd and not node.spec_value("responsible"):
            yield node, {}


@rule(
    "reference-code-missing",
    Severity.WARNING,
    title=Text("Kode model referensi kosong", "Reference code missing"),
    message=Text(
        "{element} belum diklasifikasikan ke kode model referensi {list}", "{element} has no {list} reference code"
    ),
    fix=Text(
        "Isi spec.reference dengan kode dari daftar domainnya (lihat `ea reference show RAx`).",
        "Fill in spec.reference with a code of the domain's list (see `ea reference show RAx`).",
    ),
)
def reference_code_missing(graph: RepoGraph) -> Iterator[Hit]:
    for node in graph.nodes():
        if not node.reference:
            own = graph.reference_list_name(node)
            codes = graph.reference_lists.get(own)
            if codes is not None and codes.codes:  # an empty list (RAI, RAK) cannot be asked for
                yield node, {"list": own}


@rule(
    "reference-code-wrong-domain",
    Severity.ERROR,
    title=Text("Kode referensi dari domain lain", "Reference code from another domain"),
    message=Text(
        "{element} memakai {code}, kode dari daftar {code_list}; {kind} memakai daftar {list}",
        "{element} uses {code}, a {code_list} code; a {kind} takes {list} codes",
    ),
    fix=Text("Gunakan kode dari daftar referensi domain elemen ini.", "Use a code from the element's own domain list."),
)
def reference_code_wrong_domain(graph: RepoGraph) -> Iterator[Hit]:
    for node, own, entries in graph.nodes_with_references:
        for entry in entries:
            if entry.domain != own:
                yield node, {"code": entry.code, "code_list": entry.domain, "list": own}


@rule(
    "reference-code-unknown",
    Severity.WARNING,
    title=Text("Kode referensi tidak dikenal", "Unknown reference code"),
    message=Text(
        "{element}: kode {code} tidak ada di daftar {list} yang berlaku (versi {version})",
        "{element}: code {code} is not in the {list} list in force (version {version})",
    ),
    fix=Text(
        "Periksa kodenya, atau muat daftar resmi: `ea reference load FILE --domain RAx`.",
        "Check the code, or load the official list: `ea reference load FILE --domain RAx`.",
    ),
)
def reference_code_unknown(graph: RepoGraph) -> Iterator[Hit]:
    unknown: dict[str, bool] = {}
    for node, own, entries in graph.nodes_with_references:
        codes = graph.reference_lists.get(own)
        for entry in entries:
            if codes is None or entry.domain != own:
                continue
            if entry.code not in unknown:
                unknown[entry.code] = codes.status(entry.code) == "unknown"
            if unknown[entry.code]:
                yield node, {"code": entry.code, "list": own, "version": codes.version}


@rule(
    "reference-name-mismatch",
    Severity.INFO,
    title=Text("Nama kode referensi berbeda", "Reference name differs from the list"),
    message=Text(
        '{element}: {code} ditulis "{written}", daftar {list} menamainya "{listed}"',
        '{element}: {code} is written "{written}"; the {list} list calls it "{listed}"',
    ),
    fix=Text(
        "Pastikan kodenya benar (nomor bisa bergeser antar versi daftar).",
        "Make sure the code is right (numbers can shift between list versions).",
    ),
)
def reference_name_mismatch(graph: RepoGraph) -> Iterator[Hit]:
    named_kinds = {k.name for k in graph.metamodel.kinds if k.attribute("reference_name")}
    agree: dict[tuple[str, str], bool] = {}
    for node, own, entries in graph.nodes_with_references:
        codes = graph.reference_lists.get(own)
        if codes is None:
            continue
        for entry in entries:
            listed = codes.get(entry.code)
            written = (entry.name or _reference_name_column(node, named_kinds, entries)) if listed else ""
            if listed is None or not written:
                continue
            pair = (written, listed.name)
            if pair not in agree:
                agree[pair] = _names_agree(*pair)
            if not agree[pair]:
                yield node, {"code": entry.code, "written": written, "listed": listed.name, "list": codes.domain}


def _reference_name_column(node, named_kinds: set[str], entries: tuple[ReferenceEntry, ...]) -> str:
    """The template's separate "Referensi Arsitektur ... Nasional" cell names a single code."""
    if node.kind in named_kinds and len(entries) == 1:
        return node.spec_value("reference_name") or ""
    return ""


def _names_agree(written: str, listed: str) -> bool:
    """Same words (either way round), or nearly the same text: source lists carry typos."""
    a, b = written.lower(), listed.lower()
    words_a, words_b = set(a.split()), set(b.split())
    return words_a <= words_b or words_b <= words_a or SequenceMatcher(None, a, b).ratio() >= 0.85
