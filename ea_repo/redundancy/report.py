"""A redundancy report rendered: plain text for the screen, JSON, and the tables of a Document (md/html/xlsx)."""

from __future__ import annotations

import json

from ea_repo.core.i18n import Catalogue, Text
from ea_repo.redundancy.model import Cluster, Evidence, RedundancyReport
from ea_repo.reports.tables import Document, Table

SIGNAL_TEXT = {
    "same-name": Text(
        "nama sama dalam satu IPPD, atau nama aplikasi nasional itu sendiri",
        "same name in one IPPD, or the national application's own name",
    ),
    "url": Text(
        "alamat sama, atau di domain aplikasi nasional", "same address, or at the national application's domain"
    ),
    "name": Text("nama mirip", "similar name"),
    "short-form": Text("singkatan", "short form"),
    "description": Text("uraian dan fungsi mirip", "similar description and function"),
    "different-description": Text("uraian berbeda", "different descriptions"),
    "function": Text("fungsi pemerintahan sama", "same government function"),
    "reference": Text("kode referensi sama", "same reference code"),
    "reference-prefix": Text("induk kode referensi sama", "same parent reference code"),
    "services": Text("layanan yang didukung sama", "same supported services"),
    "data": Text("data yang digunakan sama", "same data used"),
    "footprint": Text("layanan, server dan kode referensi sama", "same service, server and reference code"),
}
ACTION_TEXT = {
    "use-national": Text("gunakan aplikasi nasional", "use the national application"),
    "integrate-national": Text("integrasikan dengan aplikasi nasional", "integrate with the national application"),
    "remove-duplicate": Text("hapus baris ganda", "delete the duplicate rows"),
    "consolidate": Text("konsolidasikan", "consolidate"),
    "one-product": Text("satu produk di beberapa kanal", "one product on several channels"),
}


TEXT = Catalogue(
    "redundancy",
    {
        "summary": Text(
            "{applications} aplikasi di {ippds} IPPD dibandingkan ({candidates} pasangan dinilai, {pairs} di atas "
            "ambang {threshold}): {clusters} klaster, {national} di antaranya menduplikasi aplikasi nasional; "
            "{dismissals} pengabaian berlaku.",
            "{applications} applications in {ippds} IPPD(s) compared ({candidates} pairs scored, {pairs} at or above "
            "the threshold {threshold}): {clusters} clusters, {national} of them duplicating a national application; "
            "{dismissals} dismissal(s) in force.",
        ),
        "more_clusters": Text(
            "... {count} klaster lagi (--limit 0 menampilkan semua; --format json|md|xlsx).",
            "... {count} more clusters (--limit 0 shows all; --format json|md|xlsx).",
        ),
        "none": Text("Tidak ada aplikasi redundan.", "No redundant applications."),
        "in_both_names": Text("{short} di kedua nama", "{short} in both names"),
        "cluster_line": Text(
            "{cluster}  skor {score}  {count} aplikasi  → {action}: {target}",
            "{cluster}  score {score}  {count} applications  → {action}: {target}",
        ),
        "more_members": Text("    ... dan {count} lagi", "    ... and {count} more"),
        "evidence_line": Text(
            "    bukti: {left} ~ {right} = {score}: {signals}", "    why: {left} ~ {right} = {score}: {signals}"
        ),
        "national_scope": Text("nasional (lintas IPPD)", "national (across IPPDs)"),
        "title": Text("Aplikasi redundan: {scope}", "Redundant applications: {scope}"),
        "clusters": Text("Klaster", "Clusters"),
        "cluster": Text("Klaster", "Cluster"),
        "applications": Text("Jumlah aplikasi", "Applications"),
        "score": Text("Skor", "Score"),
        "recommendation": Text("Rekomendasi", "Recommendation"),
        "why": Text("Alasan", "Why"),
        "members_title": Text("Anggota klaster", "Cluster members"),
        "application_name": Text("Nama Aplikasi", "Application"),
        "services": Text("Layanan", "Services"),
        "keep": Text("Dipertahankan", "Keep"),
        "yes": Text("ya", "yes"),
        "members_sheet": Text("Anggota", "Members"),
        "evidence": Text("Bukti", "Evidence"),
        "application": Text("Aplikasi", "Application"),
        "like": Text("Mirip dengan", "Like"),
        "signals": Text("Sinyal (nilai, sumbangan)", "Signals (value, contribution)"),
        "evidence_note": Text(
            "Skor pasangan = jumlah sumbangan sinyal yang menyala (maks. 1); "
            "skor klaster = rata-rata pasangan buktinya.",
            "Pair score = sum of the contributions of the signals that fired (at most 1); cluster score = mean of its "
            "evidence pairs.",
        ),
    },
)


def _t(lang: str, key: str, **params) -> str:
    return TEXT.t(key, lang, **params)


def signal_line(evidence: Evidence, lang: str) -> str:
    parts = []
    for s in evidence.signals:
        label = SIGNAL_TEXT[s.signal].get(lang)
        value = (
            f" {s.value:.2f}"
            if s.signal in ("name", "description", "services", "data", "different-description")
            else ""
        )
        shown = _t(lang, "in_both_names", short=s.detail) if s.signal == "short-form" and s.detail else s.detail
        detail = f" ({shown})" if shown else ""
        parts.append(f"{label}{value}{detail} {s.added:+.2f}")
    return "; ".join(parts)


def _right(evidence: Evidence) -> str:
    return f"{evidence.right} ({evidence.matched_name})" if evidence.matched_name else evidence.right


def summary(report: RedundancyReport, lang: str) -> str:
    national = sum(1 for c in report.clusters if c.national is not None)
    return _t(
        lang,
        "summary",
        applications=report.applications,
        ippds=len(report.ippds),
        candidates=f"{report.candidates:,}",
        pairs=f"{report.pairs:,}",
        threshold=f"{report.settings.threshold:g}",
        clusters=len(report.clusters),
        national=national,
        dismissals=report.dismissals,
    )


def render_text(report: RedundancyReport, lang: str, limit: int = 0, members_shown: int = 12) -> str:
    """The report for a terminal: each cluster, its members, why, and what to do."""
    lines = [summary(report, lang), ""]
    clusters = report.clusters[:limit] if limit else report.clusters
    for cluster in clusters:
        lines += _cluster_lines(cluster, lang, members_shown)
    if limit and len(report.clusters) > limit:
        lines.append(_t(lang, "more_clusters", count=len(report.clusters) - limit))
    if not report.clusters:
        lines.append(_t(lang, "none"))
    return "\n".join(lines) + "\n"


def _cluster_lines(cluster: Cluster, lang: str, members_shown: int) -> list[str]:
    action = ACTION_TEXT[cluster.recommendation.action].get(lang)
    target = (
        cluster.national.name
        if cluster.national
        else cluster.recommendation.keep.label
        if cluster.recommendation.keep
        else ""
    )
    lines = [
        _t(
            lang,
            "cluster_line",
            cluster=cluster.id,
            score=f"{cluster.score:.2f}",
            count=len(cluster.members),
            action=action,
            target=target,
        )
    ]
    for member in cluster.members[:members_shown]:
        opd = f"OPD {member.opd}" + (f" {member.opd_name}" if member.opd_name else "")
        lines.append(f"    {member.label:<28} {member.name}  [{opd}]")
    if len(cluster.members) > members_shown:
        lines.append(_t(lang, "more_members", count=len(cluster.members) - members_shown))
    for evidence in cluster.evidence[:members_shown]:
        lines.append(
            _t(
                lang,
                "evidence_line",
                left=evidence.left,
                right=_right(evidence),
                score=f"{evidence.score:.2f}",
                signals=signal_line(evidence, lang),
            )
        )
    for reason in cluster.recommendation.reasons:
        lines.append(f"    - {reason.get(lang)}")
    lines.append("")
    return lines


def report_data(report: RedundancyReport, lang: str) -> dict:
    return {
        "scope": report.scope,
        "ippds": list(report.ippds),
        "plateau": report.plateau,
        "opd": report.opd,
        "summary": {
            "applications": report.applications,
            "candidates": report.candidates,
            "pairs": report.pairs,
            "clusters": len(report.clusters),
            "dismissals": report.dismissals,
        },
        "settings": report.settings.as_dict(),
        "clusters": [_cluster_data(c, lang) for c in report.clusters],
    }


def _cluster_data(cluster: Cluster, lang: str) -> dict:
    r = cluster.recommendation
    return {
        "id": cluster.id,
        "score": cluster.score,
        "weakest": cluster.weakest,
        "ippds": list(cluster.ippds),
        "members": [
            {
                "ippd": m.ippd,
                "id": m.element_id,
                "name": m.name,
                "opd": m.opd,
                "opd_name": m.opd_name,
                "category": m.category,
                "developer": m.developer,
                "services": m.services,
                "data": m.data,
                "references": list(m.references),
            }
            for m in cluster.members
        ],
        "national": None
        if cluster.national is None
        else {
            "key": cluster.national.key,
            "name": cluster.national.name,
            "expansion": cluster.national.expansion,
            "owner": cluster.national.owner,
            "designation": cluster.national.designation,
            "mode": cluster.national.mode,
            "reference": cluster.national.reference or None,
            "basis": cluster.national.basis or None,
        },
        "recommendation": {
            "action": r.action,
            "keep": r.keep.label if r.keep else None,
            "national": r.national.key if r.national else None,
            "reasons": [t.get(lang) for t in r.reasons],
        },
        "evidence": [
            {
                "left": e.left,
                "right": e.right,
                "matched_name": e.matched_name or None,
                "score": e.score,
                "signals": [
                    {"signal": s.signal, "value": s.value, "added": s.added, "detail": s.detail or None}
                    for s in e.signals
                ],
            }
            for e in cluster.evidence
        ],
    }


def render_json(report: RedundancyReport, lang: str) -> str:
    return json.dumps(report_data(report, lang), ensure_ascii=False, indent=1) + "\n"


def report_document(report: RedundancyReport, lang: str) -> Document:
    scope = _t(lang, "national_scope") if report.scope == "national" else ", ".join(report.ippds)
    title = _t(lang, "title", scope=scope)
    clusters = Table(
        _t(lang, "clusters"),
        [
            "No",
            _t(lang, "cluster"),
            _t(lang, "applications"),
            "IPPD",
            _t(lang, "score"),
            _t(lang, "recommendation"),
            _t(lang, "why"),
        ],
        [
            [
                str(n),
                c.id,
                str(len(c.members)),
                ", ".join(c.ippds),
                f"{c.score:.2f}",
                f"{ACTION_TEXT[c.recommendation.action].get(lang)}: "
                f"{c.national.name if c.national else c.recommendation.keep.label if c.recommendation.keep else ''}",
                "\n".join(t.get(lang) for t in c.recommendation.reasons),
            ]
            for n, c in enumerate(report.clusters, start=1)
        ],
        sheet=_t(lang, "clusters"),
    )
    members = Table(
        _t(lang, "members_title"),
        [
            _t(lang, "cluster"),
            "IPPD",
            "ID",
            _t(lang, "application_name"),
            "OPD",
            _t(lang, "services"),
            "Data",
            _t(lang, "keep"),
        ],
        [
            [
                c.id,
                m.ippd,
                m.element_id,
                m.name,
                f"{m.opd or ''} {m.opd_name}".strip(),
                str(m.services),
                str(m.data),
                _t(lang, "yes") if c.recommendation.keep is m else "",
            ]
            for c in report.clusters
            for m in c.members
        ],
        sheet=_t(lang, "members_sheet"),
    )
    evidence = Table(
        _t(lang, "evidence"),
        [
            _t(lang, "cluster"),
            _t(lang, "application"),
            _t(lang, "like"),
            _t(lang, "score"),
            _t(lang, "signals"),
        ],
        [
            [c.id, e.left, _right(e), f"{e.score:.2f}", signal_line(e, lang)]
            for c in report.clusters
            for e in c.evidence
        ],
        sheet=_t(lang, "evidence"),
        note=_t(lang, "evidence_note"),
    )
    return Document(title, summary(report, lang), [clusters, members, evidence], lang)
