"""What to do about a cluster, and why: use the national application, drop a duplicate row, or consolidate."""

from __future__ import annotations

import re

from ea_repo.checks.findings import Text
from ea_repo.redundancy.model import (
    CONSOLIDATE,
    INTEGRATE_NATIONAL,
    REMOVE_DUPLICATE,
    USE_NATIONAL,
    Evidence,
    Member,
    Recommendation,
)
from metamodel import NationalApplication, natural_key

_CENTRAL = re.compile(
    r"\b(pusat|kementerian|kemen\w*|nasional|bkn|lkpp|anri|bpkp|kemendagri|kominfo|komdigi)\b", re.IGNORECASE
)
_DESIGNATION = {
    "aplikasi-umum": ("Aplikasi Umum yang ditetapkan", "a designated Aplikasi Umum"),
    "pusat": ("aplikasi nasional (pusat)", "a national (central) application"),
}


def recommend(
    members: tuple[Member, ...], national: NationalApplication | None, evidence: tuple[Evidence, ...]
) -> Recommendation:
    if national is not None:
        return _national(members, national, evidence)
    keep, reasons = _keeper(members)
    if _listed_twice(members):
        opd = members[0].opd_name or members[0].opd or "-"
        ids = ", ".join(m.element_id for m in members if m is not keep)
        reasons = (
            Text(
                f"Aplikasi yang sama tercatat {len(members)} kali di OPD {opd}: pertahankan {keep.element_id}, hapus {ids}.",
                f"The same application is listed {len(members)} times in OPD {opd}: keep {keep.element_id}, delete {ids}.",
            ),
            *reasons,
        )
        return Recommendation(REMOVE_DUPLICATE, keep, None, reasons)
    ippds = {m.ippd for m in members}
    lead = (
        Text(
            f"Konsolidasikan ke {keep.label} ({keep.name}) dan hentikan yang lain.",
            f"Consolidate into {keep.label} ({keep.name}) and retire the others.",
        ),
    )
    if len(ippds) > 1:
        lead += (
            Text(
                f"{len(ippds)} IPPD menjalankan aplikasi untuk pekerjaan yang sama: pertimbangkan satu aplikasi berbagi pakai "
                "(Perpres 95/2018 pasal 39: aplikasi khusus dibangun hanya dengan pertimbangan Menteri).",
                f"{len(ippds)} IPPDs run an application for the same job: consider one shared application "
                "(Perpres 95/2018 art. 39: an Aplikasi Khusus is built only with the Minister's consideration).",
            ),
        )
    return Recommendation(CONSOLIDATE, keep, None, lead + reasons)


def _national(
    members: tuple[Member, ...], national: NationalApplication, evidence: tuple[Evidence, ...]
) -> Recommendation:
    kind_id, kind_en = _DESIGNATION.get(national.designation, _DESIGNATION["pusat"])
    if national.mode == "use":
        lead = Text(
            f"Gunakan {national.title}, {kind_id} milik {national.owner}, sebagai ganti aplikasi lokal ini.",
            f"Use {national.title}, {kind_en} run by {national.owner}, instead of these local applications.",
        )
        action = USE_NATIONAL
    else:
        lead = Text(
            f"Integrasikan dengan {national.title} ({kind_id}, {national.owner}): pertahankan simpul anggota, jangan membangun yang lain.",
            f"Integrate with {national.title} ({kind_en}, {national.owner}): keep one member node, build no other.",
        )
        action = INTEGRATE_NATIONAL
    reasons = [lead, Text(f"Fungsinya: {national.function}", f"Its function: {national.function}")]
    itself = [m for m in members if is_itself(m, national)]
    if itself:
        ids = ", ".join(m.label for m in itself)
        reasons.append(
            Text(
                f"{ids} adalah {national.name} itu sendiri: catat sebagai aplikasi nasional yang digunakan, bukan aplikasi lokal.",
                f"{ids} is {national.name} itself: record it as the national application in use, not a local one.",
            )
        )
    matched = sorted({(e.left, e.matched_name) for e in evidence if e.right.startswith("national:")})
    if matched:
        text = "; ".join(f"{left} ~ {name}" for left, name in matched[:6])
        reasons.append(Text(f"Cocok dengan nama nasional: {text}.", f"Matched national names: {text}."))
    if national.basis:
        reasons.append(Text(f"Dasar: {national.basis}.", f"Basis: {national.basis}."))
    return Recommendation(action, None, national, tuple(reasons))


def is_itself(member: Member, national: NationalApplication) -> bool:
    """The member is the national application itself, recorded under its own name (SIPD, SP4N-LAPOR!)."""
    return _compact(member.name) in {_compact(n) for n in (national.name, national.expansion, *national.aliases) if n}


def _compact(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _listed_twice(members: tuple[Member, ...]) -> bool:
    names = {_compact(m.name) for m in members}
    return len(names) == 1 and len({(m.ippd, m.opd) for m in members}) == 1


def _keeper(members: tuple[Member, ...]) -> tuple[Member, tuple[Text, ...]]:
    """The member to keep: most services and data linked, then Aplikasi Umum, then a central developer, then first by ID."""

    def rank(m: Member) -> tuple:
        return (m.services + m.data, m.category == "umum", bool(_CENTRAL.search(m.developer or "")))

    best = max(rank(m) for m in members)
    keep = min((m for m in members if rank(m) == best), key=lambda m: (m.ippd, natural_key(m.element_id)))
    others = [m for m in members if m is not keep]
    reasons: list[Text] = []
    links = keep.services + keep.data
    if links and all(links > o.services + o.data for o in others):
        reasons.append(
            Text(
                f"{keep.element_id} paling banyak tertaut ke layanan dan data ({keep.services} layanan, {keep.data} data).",
                f"{keep.element_id} has the most services and data linked ({keep.services} services, {keep.data} data).",
            )
        )
    if keep.category == "umum" and any(o.category != "umum" for o in others):
        reasons.append(
            Text(
                f"{keep.element_id} berkategori Aplikasi Umum.", f"{keep.element_id} is in the Aplikasi Umum category."
            )
        )
    if _CENTRAL.search(keep.developer or "") and not all(_CENTRAL.search(o.developer or "") for o in others):
        reasons.append(
            Text(
                f"{keep.element_id} dikembangkan oleh pusat ({keep.developer}).",
                f"{keep.element_id} is developed centrally ({keep.developer}).",
            )
        )
    if not reasons:
        reasons.append(
            Text(
                f"Tidak ada pembeda (tautan, kategori, pengembang): {keep.element_id} dipilih karena ID pertama; "
                "putuskan bersama pemiliknya.",
                f"Nothing tells them apart (links, category, developer): {keep.element_id} is first by ID; "
                "decide with the owners.",
            )
        )
    return keep, tuple(reasons)
