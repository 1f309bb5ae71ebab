"""The findings, the gap and the Peta Rencana as pages: the same service calls as `ea check`, `ea gap` and
`ea roadmap` (and GET /v1/ippds/{ippd}/findings, .../gap, .../roadmap), in the reader's language.

- /ippd/{ippd}/temuan: the IPPD's findings (service.findings, computed once per change), filtered by the URL
  (tingkat, aturan, domain, opd, plateau, teks), counted per severity and rule, 100 to a page.
- /ippd/{ippd}/gap: Pemenuhan per component between two plateaus (sebelum, sesudah), worded as the gap document.
- /ippd/{ippd}/peta-rencana: the initiatives per muatan and year, and the roadmap checks' findings.
- dashboard_sections(): the gap's Pemenuhan in small, for the IPPD's dashboard.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import groupby
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Catalogue, Message, Text
from ea_repo.reports.planning import component_tables, detail_table, opd_label
from metamodel import load_metamodel, natural_key

from ..render import render
from ..session import PageRoute
from .home import Ippd, Person, Repo

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PAGE_SIZE = 100
SEVERITIES = ("error", "warning", "info")
ORGANISATION = "organisation"  # the domain of a finding about an organisation, as CheckFilter names it
CHANGES = ("added", "retired", "changed", "kept")  # the gap's kinds of change, in the gap document's order
DOWNLOADS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",
}

CAT = Catalogue(
    "web.planning",
    {
        # findings
        "fd.title": Text("Temuan {ippd}", "Findings of {ippd}"),
        "fd.intro": Text(
            "Hasil pemeriksaan konsistensi katalog, sebatas yang boleh Anda lihat.",
            "The catalogue's consistency checks, as far as you may see them.",
        ),
        "fd.filters": Text("Saring temuan", "Filter the findings"),
        "fd.severity": Text("Tingkat paling rendah", "At least this severity"),
        "fd.rule": Text("Aturan", "Rule"),
        "fd.domain": Text("Domain", "Domain"),
        "fd.opd": Text("OPD", "OPD"),
        "fd.plateau": Text("Plateau", "Plateau"),
        "fd.text": Text("Teks (ID atau pesan)", "Text (ID or message)"),
        "fd.organisation": Text("Organisasi", "Organisation"),
        "fd.by_severity": Text("Jumlah per tingkat", "Count per severity"),
        "fd.by_rule": Text("Jumlah per aturan", "Count per rule"),
        "fd.count": Text("Jumlah", "Count"),
        "fd.shown": Text(
            "{first}–{last} dari {total} temuan (halaman {page} dari {pages})",
            "{first}–{last} of {total} findings (page {page} of {pages})",
        ),
        "fd.none": Text("Tidak ada temuan yang cocok dengan saringan ini.", "No findings match these filters."),
        "fd.list": Text("Daftar temuan", "The findings"),
        "fd.element": Text("Elemen", "Element"),
        "fd.kind": Text("Jenis", "Kind"),
        "fd.message": Text("Pesan", "Message"),
        "fd.fix": Text("Perbaikan", "Fix"),
        "fd.in_group": Text("jumlah {count}", "{count} in all"),
        "fd.paging": Text("Halaman temuan", "Pages of findings"),
        "fd.severity_label": Text("Tingkat", "Severity"),
        # gap
        "gap.title": Text("Analisis kesenjangan {ippd}", "Gap analysis of {ippd}"),
        "gap.intro": Text(
            "Perbedaan antara dua plateau dan Pemenuhan per komponen, seperti pada dokumen analisis kesenjangan.",
            "The difference between two plateaus and the Pemenuhan (fulfilment) per component, as the gap document "
            "gives them.",
        ),
        "gap.choose": Text("Pilih plateau", "Choose the plateaus"),
        "gap.before": Text("Sebelum", "From"),
        "gap.after": Text("Sesudah", "To"),
        "gap.show": Text("Tampilkan", "Show"),
        "gap.summary": Text("Ringkasan perubahan", "Summary of changes"),
        "gap.empty": Text(
            "Tidak ada elemen di plateau {before} maupun {after} yang dapat Anda lihat.",
            "There are no elements you may see in plateau {before} or {after}.",
        ),
        "gap.downloads": Text("Unduh dokumen kesenjangan", "Download the gap document"),
        "gap.xlsx": Text("Buku kerja (XLSX)", "Workbook (XLSX)"),
        "gap.md": Text("Markdown (MD)", "Markdown (MD)"),
        "gap.changes": Text("Rincian perubahan elemen", "Element changes"),
        "gap.no_changes": Text("Tidak ada elemen yang berubah.", "No element changes."),
        "gap.to_roadmap": Text("Lihat Peta Rencana yang merencanakannya", "See the roadmap that plans it"),
        "change.added": Text("ditambah", "added"),
        "change.retired": Text("dihentikan", "retired"),
        "change.changed": Text("diubah", "changed"),
        "change.kept": Text("tetap", "kept"),
        # the dashboard's gap summary
        "dash.gap": Text(
            "Pemenuhan per komponen ({before} → {after})", "Fulfilment per component ({before} → {after})"
        ),
        "dash.gap_none": Text(
            "Belum ada elemen di plateau {after}: belum ada kesenjangan untuk dihitung.",
            "There are no elements in plateau {after} yet: no gap to measure.",
        ),
        "dash.gap_more": Text("Analisis kesenjangan lengkap", "The whole gap analysis"),
        "col.component": Text("Komponen", "Component"),
        "col.current": Text("Kondisi Saat Ini", "Current condition"),
        "col.target": Text("Kondisi Target", "Target condition"),
        "col.fulfilment": Text("Pemenuhan", "Fulfilment"),
        # roadmap
        "rm.title": Text("Peta Rencana {ippd}", "Roadmap of {ippd}"),
        "rm.intro": Text(
            "Inisiatif Peta Rencana SPBE per muatan dan tahun, dengan temuan pemeriksaannya.",
            "The SPBE roadmap's initiatives per muatan (part) and year, with the findings of its checks.",
        ),
        "rm.none": Text(
            "Belum ada Peta Rencana untuk IPPD ini: admin IPPD mengimpor berkas Peta Rencananya dari baris perintah.",
            "There is no roadmap for this IPPD yet: an IPPD admin imports its roadmap file from the command line.",
        ),
        "rm.period": Text("Periode {first}–{last}", "Period {first}–{last}"),
        "rm.counts": Text(
            "{initiatives} inisiatif; {planned} dari {changes} perubahan kesenjangan ({before} → {after}) "
            "direncanakan.",
            "{initiatives} initiatives; {planned} of {changes} gap changes ({before} → {after}) are planned.",
        ),
        "rm.per_muatan": Text("Inisiatif per muatan", "Initiatives per muatan"),
        "rm.no_muatan": Text("Tanpa muatan", "No muatan"),
        "rm.empty_muatan": Text("Belum ada inisiatif pada muatan ini.", "No initiative in this muatan yet."),
        "rm.id": Text("No", "No"),
        "rm.initiative": Text("Inisiatif", "Initiative"),
        "rm.output": Text("Keluaran", "Output"),
        "rm.uic": Text("Penanggung Jawab", "Responsible"),
        "rm.budget": Text("Anggaran (Rp)", "Budget (Rp)"),
        "rm.links": Text("Keterkaitan", "Architecture"),
        "rm.delivers": Text("Menghasilkan", "Delivers"),
        "rm.retires": Text("Menghentikan", "Retires"),
        "rm.depends": Text("Prasyarat", "Depends on"),
        "rm.scheduled": Text("dijadwalkan", "scheduled"),
        "rm.findings": Text("Temuan Peta Rencana", "Roadmap findings"),
        "rm.no_findings": Text("Tidak ada temuan pada Peta Rencana.", "No roadmap findings."),
        "rm.findings_of": Text("temuan: {count}", "findings: {count}"),
        "rm.downloads": Text("Unduh Peta Rencana", "Download the roadmap"),
    },
)


# --- findings ---------------------------------------------------------------------------
@router.get("/ippd/{ippd}/temuan")
def findings_page(
    request: Request,
    ippd: Ippd,
    repo: Repo,
    principal: Person,
    tingkat: str = "",
    aturan: str = "",
    domain: str = "",
    opd: str = "",
    plateau: str = "",
    teks: str = "",
    halaman: str = "1",
) -> Response:
    lang = request.state.lang
    metamodel = load_metamodel()
    text = teks.strip()[:200]
    selection = service.CheckFilter(opds=(opd,)) if opd else service.CheckFilter()
    report = service.findings(repo, ippd.code, selection, principal=principal)  # OPD outside the caller's: 403

    def domain_of(finding) -> str:
        if not finding.kind:
            return ORGANISATION
        return metamodel.kind(finding.kind).domain if metamodel.has_kind(finding.kind) else ""

    def matches_text(finding) -> bool:
        needle = text.casefold()
        rule = service.RULES.get(finding.rule)
        haystack = (
            finding.element or "",
            finding.rule,
            rule.title.get(lang) if rule else "",
            service.message_for(finding, lang) if rule else "",
        )
        return any(needle in part.casefold() for part in haystack)

    minimum = tingkat if tingkat in SEVERITIES else ""
    base = [
        f
        for f in report.findings
        if (not domain or domain_of(f) == domain)
        and (not plateau or f.plateau is None or f.plateau == plateau)  # as CheckFilter: organisation findings stay
        and (not text or matches_text(f))
    ]
    rank = {s: n for n, s in enumerate(SEVERITIES)}

    def severe_enough(finding) -> bool:
        return not minimum or rank[finding.severity.value] <= rank[minimum]

    per_severity = Counter(f.severity.value for f in base if not aturan or f.rule == aturan)
    per_rule = Counter((f.rule, f.severity.value) for f in base if severe_enough(f))
    shown = [f for f in base if severe_enough(f) and (not aturan or f.rule == aturan)]

    pages = max(1, math.ceil(len(shown) / PAGE_SIZE))
    page = min(max(_whole(halaman), 1), pages)
    first = (page - 1) * PAGE_SIZE
    window = shown[first : first + PAGE_SIZE]

    opds = [o for o in service.organisations(repo, principal=principal, ippd=ippd.code) if o.kind == "OPD"]
    plateaus = sorted({f.plateau for f in report.findings if f.plateau} | ({plateau} if plateau else set()))
    rules_known = sorted({rule for rule, _ in per_rule} | ({aturan} if aturan else set()))
    context = {
        "active": "findings",
        "groups": _finding_groups(window, ippd.code, lang, per_rule),
        "total": len(shown),
        "first": first + 1 if shown else 0,
        "last": first + len(window),
        "page": page,
        "pages": pages,
        "per_severity": [(s, per_severity.get(s, 0)) for s in SEVERITIES],
        "per_rule": [
            (rule, severity, count, _rule_title(rule, lang))
            for (rule, severity), count in sorted(per_rule.items(), key=lambda x: (rank[x[0][1]], -x[1], x[0][0]))
        ],
        "chosen": {
            "tingkat": minimum,
            "aturan": aturan,
            "domain": domain,
            "opd": opd,
            "plateau": plateau,
            "teks": text,
        },
        "severities": SEVERITIES,
        "rule_options": [(rule, _rule_title(rule, lang)) for rule in rules_known],
        "domain_options": [(d.key, d.name(lang)) for d in metamodel.domains],
        "organisation": ORGANISATION,
        "opd_options": sorted(((o.code, o.name) for o in opds), key=lambda o: natural_key(o[0])),
        "plateau_options": sorted(plateaus, key=metamodel.plateau_order),
        "filtered": any((minimum, aturan, domain, opd, plateau, text)),
    }
    return render(request, "findings.html", context, texts=CAT)


def _whole(value: str) -> int:
    return int(value) if value.isdigit() and len(value) < 9 else 1


def _rule_title(rule_id: str, lang: str) -> str:
    rule = service.RULES.get(rule_id)
    return rule.title.get(lang) if rule else ""


def element_href(ippd: str, plateau: str, element_id: str) -> str:
    """The element page's address, each part quoted whole (an ID may hold any character the ID rules allow)."""
    return "/ippd/" + "/".join(quote(part, safe="") for part in (ippd, "elemen", plateau, element_id))


def _finding_groups(
    findings: list, ippd: str, lang: str, per_rule: Counter, initiative_anchor: bool = False
) -> list[dict[str, Any]]:
    """Findings in runs of one rule: the rule's title and fix once, then each finding's element and message."""
    groups = []
    for rule_id, run in groupby(findings, key=lambda f: f.rule):
        rule = service.RULES[rule_id]
        rows = []
        for f in run:
            if f.element and f.plateau:
                href = element_href(ippd, f.plateau, f.element)
            elif f.element and initiative_anchor:
                href = "#" + initiative_id(f.element)
            else:
                href = None
            kind = _kind_title(f.kind, lang)
            rows.append(
                {
                    "element": f.element or "",
                    "href": href,
                    "kind": kind,
                    "plateau": f.plateau or "",
                    "opd": f.opd or "",
                    "message": service.message_for(f, lang),
                }
            )
        groups.append(
            {
                "rule": rule_id,
                "severity": rule.severity.value,
                "title": rule.title.get(lang),
                "fix": rule.fix.get(lang),
                "count": per_rule.get((rule_id, rule.severity.value), len(rows)),
                "rows": rows,
            }
        )
    return groups


def _kind_title(kind: str | None, lang: str) -> str:
    """A kind as the reader names it: a catalogue kind, or a record kind (Initiative: Inisiatif)."""
    if not kind:
        return ""
    metamodel = load_metamodel()
    if metamodel.has_kind(kind):
        return metamodel.kind(kind).title(lang)
    record = metamodel.record_kind(kind)
    return record.title(lang) if record else kind


# --- gap --------------------------------------------------------------------------------
@router.get("/ippd/{ippd}/gap")
def gap_page(
    request: Request, ippd: Ippd, repo: Repo, principal: Person, sebelum: str = "as-is", sesudah: str = "to-be"
) -> Response:
    lang = request.state.lang
    gap = service.gap_report(repo, ippd.code, sebelum, sesudah, principal=principal)  # unknown plateau: 400
    initiatives = service.roadmap(repo, ippd.code, principal=principal)
    changes = gap.changes("added", "retired", "changed")
    detail = detail_table(gap, lang)  # the document's own rows, in the order of gap.changes
    change_rows = [
        {
            "cells": row,
            "href": element_href(ippd.code, sebelum if item.change == "retired" else sesudah, item.element_id),
            "change": item.change,
        }
        for item, row in zip(changes, detail.rows, strict=True)
    ]
    context = {
        "active": "gap",
        "gap": gap,
        "before": sebelum,
        "after": sesudah,
        "summary": [(c, gap.summary()[c]) for c in CHANGES],
        "tables": component_tables(gap, lang, initiatives),
        "detail": detail,
        "change_rows": change_rows,
        "plateau_options": _plateau_options(repo, principal, ippd.code, (sebelum, sesudah)),
        "download": {
            fmt: f"/ippd/{quote(ippd.code, safe='')}/gap/unduh/{fmt}?"
            + urlencode({"sebelum": sebelum, "sesudah": sesudah})
            for fmt in DOWNLOADS
        },
        "has_roadmap": bool(initiatives),
    }
    return render(request, "gap.html", context, texts=CAT)


@router.get("/ippd/{ippd}/gap/unduh/{fmt}")
def gap_download(
    request: Request,
    ippd: Ippd,
    repo: Repo,
    principal: Person,
    fmt: str,
    sebelum: str = "as-is",
    sesudah: str = "to-be",
) -> Response:
    media = _download_type(fmt)
    data = service.gap_file(repo, ippd.code, sebelum, sesudah, fmt, request.state.lang, principal=principal)
    return _attachment(data, media, f"kesenjangan-{ippd.code}-{sebelum}-{sesudah}.{fmt}")


def _plateau_options(repo, principal, ippd: str, asked: tuple[str, ...]) -> list[str]:
    """The IPPD's plateaus (the named ones always), and whatever was asked."""
    metamodel = load_metamodel()
    held = set(service.ippd_plateaus(repo, ippd, principal=principal))
    return sorted(held | set(metamodel.named_plateaus) | set(asked), key=metamodel.plateau_order)


def _download_type(fmt: str) -> str:
    if fmt not in DOWNLOADS:
        raise ConfigError(Message("parameter_one_of", name="format", choices=", ".join(DOWNLOADS), got=repr(fmt)))
    return DOWNLOADS[fmt]


def _attachment(data: bytes, media: str, name: str) -> Response:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name)  # the header carries only plain characters
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{safe}"'})


# --- roadmap ----------------------------------------------------------------------------
def initiative_id(item_id: str) -> str:
    """The page anchor of an initiative's row."""
    return "inisiatif-" + re.sub(r"[^A-Za-z0-9._-]", "_", item_id)


@router.get("/ippd/{ippd}/peta-rencana")
def roadmap_page(request: Request, ippd: Ippd, repo: Repo, principal: Person) -> Response:
    lang = request.state.lang
    metamodel = load_metamodel()
    plan = service.roadmap_context(repo, ippd.code, principal=principal)
    report = service.roadmap_findings(repo, ippd.code, principal=principal)
    _, opd_names = service.roadmap_names(repo, ippd.code, principal=principal)
    years = _years(plan.plans, plan.initiatives)
    per_initiative = Counter(f.element for f in report.findings if f.element and f.plateau is None)
    groups: dict[str, list] = {m.key: [] for m in metamodel.roadmap.muatan}
    loose = []
    for item in sorted(plan.initiatives, key=lambda i: natural_key(i.item_id)):
        row = _initiative_row(item, ippd.code, years, opd_names, per_initiative, plan.gap.before, plan.gap.after)
        if item.spec.get("muatan") in groups:
            groups[item.spec["muatan"]].append(row)
        else:
            loose.append(row)
    muatan = [(m.name(lang), groups[m.key]) for m in metamodel.roadmap.muatan]
    if loose:
        muatan.append((CAT.t("rm.no_muatan", lang), loose))
    planned = {e for i in plan.initiatives for e in (*i.ids("delivers"), *i.ids("retires"))}
    changed = [g for g in plan.gap.items if g.change != "kept"]
    per_rule = Counter((f.rule, f.severity.value) for f in report.findings)
    context = {
        "active": "roadmap",
        "plans": plan.plans,
        "initiatives": plan.initiatives,
        "years": years,
        "muatan": muatan,
        "changes": len(changed),
        "planned": sum(1 for g in changed if g.element_id in planned),
        "before": plan.gap.before,
        "after": plan.gap.after,
        "rm_groups": _finding_groups(list(report.findings), ippd.code, lang, per_rule, initiative_anchor=True),
        "finding_count": len(report.findings),
        "download": {fmt: f"/ippd/{quote(ippd.code, safe='')}/peta-rencana/unduh/{fmt}" for fmt in DOWNLOADS},
    }
    return render(request, "roadmap.html", context, texts=CAT)


@router.get("/ippd/{ippd}/peta-rencana/unduh/{fmt}")
def roadmap_download(request: Request, ippd: Ippd, repo: Repo, principal: Person, fmt: str) -> Response:
    media = _download_type(fmt)
    data = service.roadmap_file(repo, ippd.code, fmt, request.state.lang, principal=principal)
    return _attachment(data, media, f"peta-rencana-{ippd.code}.{fmt}")


def _years(plans: list, initiatives: list) -> list[int]:
    """The plan's period (as the Peta Rencana document sets its columns), else every year an initiative names."""
    for plan in plans:
        start, end = plan.spec.get("start_year"), plan.spec.get("end_year")
        if start and end and int(start) <= int(end):
            return list(range(int(start), int(end) + 1))
    return sorted({y for i in initiatives for y in i.years})


def _initiative_row(item, ippd: str, years, opd_names, per_initiative: Counter, before: str, after: str) -> dict:
    spec = item.spec
    targets = {int(y): text for y, text in (spec.get("targets") or {}).items()}
    scheduled = set(item.years)
    return {
        "id": item.item_id,
        "anchor": initiative_id(item.item_id),
        "name": item.name or "",
        "output": spec.get("output") or "",
        "uic": spec.get("uic_text") or ", ".join(opd_label(str(c), opd_names) for c in spec.get("uic") or []),
        "years": [(targets.get(y), y in scheduled) for y in years],
        "budget": spec.get("budget"),
        "delivers": [(e, element_href(ippd, after, e)) for e in item.ids("delivers")],
        "retires": [(e, element_href(ippd, before, e)) for e in item.ids("retires")],
        "depends": [(d, "#" + initiative_id(d)) for d in item.ids("depends_on")],
        "findings": per_initiative.get(item.item_id, 0),
    }


# --- the dashboard's section --------------------------------------------------------------
_GAPS: service.Kept[service.Gap] = service.Kept(64)  # the dashboard's gap, once per change of the catalogue


def dashboard_sections(request: Request, repo: service.Repository, principal: service.Principal, ippd) -> list[Markup]:
    """The gap's Pemenuhan per component (as-is -> to-be), small, for the IPPD's dashboard (home.py puts it in)."""
    code = ippd if isinstance(ippd, str) else ippd.code
    lang = request.state.lang
    metamodel = load_metamodel()
    scope = (principal.role, principal.ippd, principal.opds)
    key = (service.catalogue_version(repo, principal=principal), scope, code)
    gap = _GAPS.get(key, lambda: service.gap_report(repo, code, principal=principal))
    components = [
        {
            "title": metamodel.kind(c.kind).title(lang),
            "before": c.before,
            "after": c.after,
            "band": c.band.key if c.band else "",
            "percent": round(c.percent) if c.percent is not None else None,
        }
        for c in gap.components()
    ]
    context = {"gap": gap, "components": components, "gap_href": f"/ippd/{quote(code, safe='')}/gap"}
    page = render(request, "gap_summary.html", context, texts=CAT)
    # our own template rendered this with autoescaping on: every stored value in it is already escaped
    return [Markup(bytes(page.body).decode("utf-8"))]
