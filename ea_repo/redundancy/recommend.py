"""What to do about a cluster, and why: use the national application, drop a duplicate row, or consolidate."""

from __future__ import annotations

import re
from typing import Protocol

from ea_repo.checks.findings import Text
from ea_repo.core.i18n import Catalogue
from ea_repo.redundancy.model import (
    CONSOLIDATE,
    INTEGRATE_NATIONAL,
    ONE_PRODUCT,
    REMOVE_DUPLICATE,
    USE_NATIONAL,
    Evidence,
    Member,
    Recommendation,
)
from ea_repo.redundancy.text import channel_of, name_parts, product_key
from metamodel import NationalApplication, natural_key

_CENTRAL = re.compile(
    r"\b(pusat|kementerian|kemen\w*|nasional|bkn|lkpp|anri|bpkp|kemendagri|kominfo|komdigi)\b", re.IGNORECASE
)
ADVICE = Catalogue(
    "redundancy advice",
    {
        "designation_aplikasi-umum": Text("Aplikasi Umum yang ditetapkan", "a designated Aplikasi Umum"),
        "designation_pusat": Text("aplikasi nasional (pusat)", "a national (central) application"),
        "listed_twice": Text(
            "Aplikasi yang sama tercatat {count} kali di OPD {opd}: pertahankan {keep}, hapus {ids}.",
            "The same application is listed {count} times in OPD {opd}: keep {keep}, delete {ids}.",
        ),
        "one_product": Text(
            "{ids} adalah satu produk di beberapa kanal ({channels}): catat sebagai satu aplikasi dengan kanalnya; "
            "tidak ada yang perlu dihentikan.",
            "{ids} are one product on several channels ({channels}): record it as one application with its channels; "
            "none is to be retired.",
        ),
        "consolidate": Text(
            "Konsolidasikan ke {keep} ({name}) dan hentikan yang lain.",
            "Consolidate into {keep} ({name}) and retire the others.",
        ),
        "across_ippds": Text(
            "{count} IPPD menjalankan aplikasi untuk pekerjaan yang sama: pertimbangkan satu aplikasi berbagi pakai "
            "(Perpres 95/2018 pasal 39: aplikasi khusus dibangun hanya dengan pertimbangan Menteri).",
            "{count} IPPDs run an application for the same job: consider one shared application "
            "(Perpres 95/2018 art. 39: an Aplikasi Khusus is built only with the Minister's consideration).",
        ),
        "use_national": Text(
            "Gunakan {title}, {kind} milik {owner}, sebagai ganti aplikasi lokal ini.",
            "Use {title}, {kind} run by {owner}, instead of these local applications.",
        ),
        "integrate_national": Text(
            "Integrasikan dengan {title} ({kind}, {owner}): pertahankan simpul anggota, jangan membangun yang lain.",
            "Integrate with {title} ({kind}, {owner}): keep one member node, build no other.",
        ),
        "function": Text("Fungsinya: {function}", "Its function: {function}"),
        "itself": Text(
            "{ids} adalah {name} itu sendiri: catat sebagai aplikasi nasional yang digunakan, bukan aplikasi lokal.",
            "{ids} is {name} itself: record it as the national application in use, not a local one.",
        ),
        "matched": Text("Cocok dengan nama nasional: {names}.", "Matched national names: {names}."),
        "basis": Text("Dasar: {basis}.", "Basis: {basis}."),
        "shared": Text(
            "{keep} sudah dipakai bersama ({phrase}): pertahankan itu sebagai aplikasi berbagi pakai.",
            "{keep} is already shared ({phrase}): keep it as the shared application.",
        ),
        "most_links": Text(
            "{keep} paling banyak tertaut ke layanan dan data ({services} layanan, {data} data).",
            "{keep} has the most services and data linked ({services} services, {data} data).",
        ),
        "umum": Text("{keep} berkategori Aplikasi Umum.", "{keep} is in the Aplikasi Umum category."),
        "central": Text(
            "{keep} dikembangkan oleh pusat ({developer}).", "{keep} is developed centrally ({developer})."
        ),
        "first_by_id": Text(
            "Tidak ada pembeda (tautan, kategori, pengembang): {keep} dipilih karena ID pertama; "
            "putuskan bersama pemiliknya.",
            "Nothing tells them apart (links, category, developer): {keep} is first by ID; decide with the owners.",
        ),
    },
)


def _said(key: str, **params: object) -> Text:
    """The advice `key` in both languages, formatted now (a parameter may itself be a Text)."""
    entry = ADVICE[key]

    def in_lang(lang: str) -> str:
        return entry.format(lang, **{k: v[lang] if isinstance(v, Text) else v for k, v in params.items()})

    return Text(in_lang("id"), in_lang("en"))


def recommend(
    members: tuple[Member, ...], national: NationalApplication | None, evidence: tuple[Evidence, ...]
) -> Recommendation:
    if national is not None:
        return _national(members, national, evidence)
    keep, reasons = _keeper(members)
    channels = _channels(members)
    if channels:
        ids = ", ".join(m.element_id for m in members)
        return Recommendation(ONE_PRODUCT, keep, None, (_said("one_product", ids=ids, channels=", ".join(channels)),))
    if _listed_twice(members):
        opd = members[0].opd_name or members[0].opd or "-"
        ids = ", ".join(m.element_id for m in members if m is not keep)
        reasons = (_said("listed_twice", count=len(members), opd=opd, keep=keep.element_id, ids=ids), *reasons)
        return Recommendation(REMOVE_DUPLICATE, keep, None, reasons)
    ippds = {m.ippd for m in members}
    lead: tuple[Text, ...] = (_said("consolidate", keep=keep.label, name=keep.name),)
    if len(ippds) > 1:
        lead += (_said("across_ippds", count=len(ippds)),)
    return Recommendation(CONSOLIDATE, keep, None, lead + reasons)


def _national(
    members: tuple[Member, ...], national: NationalApplication, evidence: tuple[Evidence, ...]
) -> Recommendation:
    kind = ADVICE.get(f"designation_{national.designation}", ADVICE["designation_pusat"])
    action = USE_NATIONAL if national.mode == "use" else INTEGRATE_NATIONAL
    lead = _said(
        "use_national" if action == USE_NATIONAL else "integrate_national",
        title=national.title,
        kind=kind,
        owner=national.owner,
    )
    reasons = [lead, _said("function", function=national.function)]
    itself = [m for m in members if is_itself(m, national)]
    if itself:
        ids = ", ".join(m.label for m in itself)
        reasons.append(_said("itself", ids=ids, name=national.name))
    matched = sorted({(e.left, e.matched_name) for e in evidence if e.right.startswith("national:")})
    if matched:
        text = "; ".join(f"{left} ~ {name}" for left, name in matched[:6])
        reasons.append(_said("matched", names=text))
    if national.basis:
        reasons.append(_said("basis", basis=national.basis))
    return Recommendation(action, None, national, tuple(reasons))


class Named(Protocol):
    """What `is_itself` reads: a member of a cluster, or an element as the evidence reads it."""

    @property
    def name(self) -> str: ...


def is_itself(member: Named, national: NationalApplication) -> bool:
    """The member is the national application itself: reached at its address, or recorded under its own name
    ("SIPD", "SPSE (Sistem Pengadaan Secara Elektronik)") and not at another address (a local build of
    Dapodik at the city's own domain is a copy). A member without `hosts` is judged by its name."""
    hosts = getattr(member, "hosts", ())
    if any(national.reached_at(h) for h in hosts):
        return True
    if national.domains and hosts:
        return False
    own = {_compact(n) for n in (national.name, national.expansion, *national.aliases) if n}
    parts = {_compact(p) for p in name_parts(member.name)}
    return _compact(member.name) in own or (bool(parts) and parts <= own)


def _compact(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _listed_twice(members: tuple[Member, ...]) -> bool:
    """One OPD's rows with one name, or at one address (with its path): the same application listed again."""
    names = {_compact(m.name) for m in members}
    addresses = {m.address for m in members}
    same = len(names) == 1 or (len(addresses) == 1 and "" not in addresses)
    return same and len({(m.ippd, m.opd) for m in members}) == 1


def _channels(members: tuple[Member, ...]) -> tuple[str, ...]:
    """The channels, when the members are one product listed once per channel ("Website e-Sewaka" at its web
    address, "Mobile e-Sewaka" at the Play Store): one product name once the channel words are set aside, and a
    different channel each. Empty otherwise."""
    keys = {product_key(m.name) for m in members}
    channels = [channel_of(m.name, m.address) for m in members]
    one_ippd = len({m.ippd for m in members}) == 1
    if not one_ippd or len(keys) != 1 or "" in keys or "" in channels or len(set(channels)) != len(members):
        return ()
    return tuple(channels)


def _keeper(members: tuple[Member, ...]) -> tuple[Member, tuple[Text, ...]]:
    """The member to keep: one already shared by every OPD, then most services and data linked, then Aplikasi Umum,
    then a central developer, then first by ID (a national application, when there is one, is kept before all)."""

    def rank(m: Member) -> tuple:
        return (bool(m.shared), m.services + m.data, m.category == "umum", bool(_CENTRAL.search(m.developer or "")))

    best = max(rank(m) for m in members)
    keep = min((m for m in members if rank(m) == best), key=lambda m: (m.ippd, natural_key(m.element_id)))
    others = [m for m in members if m is not keep]
    reasons: list[Text] = []
    if keep.shared and any(not o.shared for o in others):
        reasons.append(_said("shared", keep=keep.element_id, phrase=keep.shared))
    links = keep.services + keep.data
    if links and all(links > o.services + o.data for o in others):
        reasons.append(_said("most_links", keep=keep.element_id, services=keep.services, data=keep.data))
    if keep.category == "umum" and any(o.category != "umum" for o in others):
        reasons.append(_said("umum", keep=keep.element_id))
    if _CENTRAL.search(keep.developer or "") and not all(_CENTRAL.search(o.developer or "") for o in others):
        reasons.append(_said("central", keep=keep.element_id, developer=keep.developer))
    if not reasons:
        reasons.append(_said("first_by_id", keep=keep.element_id))
    return keep, tuple(reasons)
