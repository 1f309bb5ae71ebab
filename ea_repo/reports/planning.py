"""The gap analysis and the Peta Rencana as documents, in the national table layouts.

Gap tables follow seed 004 chapter 5 (No, Komponen, Kondisi Saat Ini, Kondisi Target,
Pemenuhan, Rekomendasi Tindak Lanjut), one per domain; the roadmap follows seed 002 table 6.2
(No, Inisiatif, Keluaran, Penanggung Jawab, one column per year).
"""

from __future__ import annotations

from ea_repo.core.i18n import Catalogue, Text
from ea_repo.planning.gap import ADDED, CHANGED, CHANGES, KEPT, RETIRED, Gap, GapItem
from ea_repo.planning.records import INITIATIVE, PLAN, RoadmapItem
from ea_repo.reports.tables import Document, Table
from metamodel import RELATED_FIELD, load_metamodel, natural_key

_WORDS = {
    "id": {
        ADDED: "ditambah",
        RETIRED: "dihentikan",
        CHANGED: "diubah",
        KEPT: "tetap",
        "none": "Belum ada",
        "gap_title": "Analisis Kesenjangan Arsitektur SPBE",
        "gap_table": "Hasil Analisis Kesenjangan {domain}",
        "detail": "Rincian perubahan elemen",
        "by_opd": "Ringkasan per OPD",
        "by_code": "Ringkasan per kode referensi",
        "component": "Komponen",
        "current": "Kondisi Saat Ini",
        "target": "Kondisi Target",
        "fulfilment": "Pemenuhan",
        "follow_up": "Rekomendasi Tindak Lanjut",
        "name": "Nama",
        "opd": "OPD",
        "code": "Kode Referensi",
        "change": "Perubahan",
        "what": "Yang berubah",
        "initiatives": "Inisiatif",
        "build": "Bangun",
        "upgrade": "Ubah",
        "retire": "Hentikan",
        "links_added": "tautan baru",
        "links_removed": "tautan dilepas",
        "related": "terkait",
        "field_kind": "Jenis",
        "field_opd": "Kode OPD",
        "field_reference": "Kode Referensi",
        "bands": "Keterangan Pemenuhan: {bands}. "
        "Pemenuhan = bagian elemen target yang sudah ada tanpa perubahan di {before}.",
        "roadmap_title": "Peta Rencana SPBE",
        "roadmap_table": "Peta Rencana SPBE {ippd} {period}",
        "links_table": "Keterkaitan inisiatif dengan arsitektur",
        "muatan": "Muatan",
        "initiative": "Inisiatif",
        "output": "Keluaran",
        "uic": "Penanggung Jawab",
        "activity_type": "Jenis Kegiatan",
        "budget_type": "Jenis Anggaran",
        "budget": "Anggaran (Rp)",
        "delivers": "Menghasilkan (to-be)",
        "retires": "Menghentikan (as-is)",
        "depends_on": "Prasyarat",
        "subtitle_gap": "{scope}: dari {before} ke {after}. {total} elemen; {summary}.",
        "subtitle_roadmap": "{scope}: {count} inisiatif.",
        "all": "Semua IPPD",
    },
    "en": {
        ADDED: "added",
        RETIRED: "retired",
        CHANGED: "changed",
        KEPT: "kept",
        "none": "None yet",
        "gap_title": "SPBE architecture gap analysis",
        "gap_table": "Gap analysis: {domain}",
        "detail": "Element changes",
        "by_opd": "Summary per OPD",
        "by_code": "Summary per reference code",
        "component": "Component",
        "current": "Current condition",
        "target": "Target condition",
        "fulfilment": "Fulfilment",
        "follow_up": "Recommended follow-up",
        "name": "Name",
        "opd": "OPD",
        "code": "Reference code",
        "change": "Change",
        "what": "What changed",
        "initiatives": "Initiatives",
        "build": "Build",
        "upgrade": "Change",
        "retire": "Retire",
        "links_added": "links added",
        "links_removed": "links removed",
        "related": "related",
        "field_kind": "kind",
        "field_opd": "opd",
        "field_reference": "reference",
        "bands": "Fulfilment bands: {bands}. "
        "Fulfilment = share of the target elements already present, unchanged, in {before}.",
        "roadmap_title": "SPBE roadmap (Peta Rencana SPBE)",
        "roadmap_table": "Roadmap {ippd} {period}",
        "links_table": "Initiatives and the architecture",
        "muatan": "Part (muatan)",
        "initiative": "Initiative",
        "output": "Output",
        "uic": "Responsible",
        "activity_type": "Activity type",
        "budget_type": "Budget type",
        "budget": "Budget (Rp)",
        "delivers": "Delivers (to-be)",
        "retires": "Retires (as-is)",
        "depends_on": "Depends on",
        "subtitle_gap": "{scope}: from {before} to {after}. {total} elements; {summary}.",
        "subtitle_roadmap": "{scope}: {count} initiatives.",
        "all": "All IPPDs",
    },
}


TEXT = Catalogue.from_languages("reports.planning", _WORDS)


def _w(lang: str, key: str, **params) -> str:
    return TEXT.t(key, lang, **params)


# --- gap --------------------------------------------------------------------------------
def gap_document(gap: Gap, lang: str = "id", initiatives: list[RoadmapItem] | None = None) -> Document:
    counts = gap.summary()
    summary = ", ".join(f"{counts[c]} {_w(lang, c)}" for c in CHANGES)
    scope = gap.ippds[0] if len(gap.ippds) == 1 else f"{_w(lang, 'all')} ({len(gap.ippds)})"
    subtitle = _w(
        lang, "subtitle_gap", scope=scope, before=gap.before, after=gap.after, total=len(gap.items), summary=summary
    )
    tables = component_tables(gap, lang, initiatives or [])
    tables += [detail_table(gap, lang), count_table(gap, "opd", lang), count_table(gap, "code", lang)]
    return Document(_w(lang, "gap_title"), subtitle, tables, lang)


def component_tables(gap: Gap, lang: str, initiatives: list[RoadmapItem]) -> list[Table]:
    metamodel = load_metamodel()
    bands = ", ".join(f"{b.key} {b.low:g}–{b.high:g}%" for b in metamodel.roadmap.fulfilment)
    planned = _planned_by(initiatives)
    headers = [
        "No",
        _w(lang, "component"),
        _w(lang, "current"),
        _w(lang, "target"),
        _w(lang, "fulfilment"),
        _w(lang, "follow_up"),
    ]
    by_kind: dict[str, list[GapItem]] = {}
    for item in gap.items:
        by_kind.setdefault(item.kind, []).append(item)
    tables = []
    for domain in metamodel.domains:
        rows: list[list[str]] = []
        for component in (c for c in gap.components() if c.domain == domain.key):
            title = metamodel.kind(component.kind).title(lang)
            rows.append(
                [
                    str(len(rows) + 1),
                    title,
                    _condition(component.before, title, lang),
                    _target(component, title, lang),
                    f"{component.band.key} ({component.percent:.0f}%)" if component.band else "—",
                    _follow_up(by_kind[component.kind], planned, lang),
                ]
            )
        if rows:
            tables.append(
                Table(
                    _w(lang, "gap_table", domain=domain.name(lang)),
                    headers,
                    rows,
                    sheet=domain.name(lang),
                    note=_w(lang, "bands", bands=bands, before=gap.before),
                )
            )
    return tables


def _condition(count: int, title: str, lang: str) -> str:
    return f"{count} {title}" if count else _w(lang, "none")


def _target(component, title: str, lang: str) -> str:
    changes = ", ".join(
        f"{component.counts[c]} {_w(lang, c)}" for c in (ADDED, CHANGED, RETIRED) if component.counts[c]
    )
    return _condition(component.after, title, lang) + (f": {changes}" if changes else "")


def _planned_by(initiatives: list[RoadmapItem]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in initiatives:
        for element in item.ids("delivers") + item.ids("retires"):
            out.setdefault(element, []).append(item.item_id)
    return out


def _follow_up(items: list[GapItem], planned: dict[str, list[str]], lang: str) -> str:
    lines = []
    for change, verb in ((ADDED, "build"), (CHANGED, "upgrade"), (RETIRED, "retire")):
        ids = sorted((i.element_id for i in items if i.change == change), key=natural_key)
        if ids:
            lines.append(f"{_w(lang, verb)}: {', '.join(ids)}")
    named = sorted({n for i in items if i.change != KEPT for n in planned.get(i.element_id, [])}, key=natural_key)
    if named:
        lines.append(f"{_w(lang, 'initiatives')}: {', '.join(named)}")
    return "\n".join(lines) or "—"


def detail_table(gap: Gap, lang: str) -> Table:
    metamodel = load_metamodel()
    several = len(gap.ippds) > 1
    headers = [
        "No",
        *(["IPPD"] if several else []),
        "ID",
        _w(lang, "name"),
        _w(lang, "component"),
        _w(lang, "opd"),
        _w(lang, "code"),
        _w(lang, "change"),
        _w(lang, "what"),
    ]
    rows: list[list[str]] = []
    for item in gap.changes(ADDED, RETIRED, CHANGED):
        rows.append(
            [
                str(len(rows) + 1),
                *([item.ippd] if several else []),
                item.element_id,
                item.name or "",
                metamodel.kind(item.kind).title(lang),
                item.opd or "",
                item.code,
                _w(lang, item.change),
                _what(item, lang),
            ]
        )
    return Table(_w(lang, "detail"), headers, rows)


def _what(item: GapItem, lang: str) -> str:
    parts = [_field_label(item.kind, name, lang) for name in item.fields]
    for key, links in (("links_added", item.links_added), ("links_removed", item.links_removed)):
        if links:
            shown = ", ".join(f"{_link_label(item.kind, f, lang)} → {t}" for f, t in links)
            parts.append(f"{_w(lang, key)}: {shown}")
    return "\n".join(parts)


def _field_label(kind: str, name: str, lang: str) -> str:
    """A changed field as the reader knows it: the national template's column in Indonesian (Nama Aplikasi,
    Uraian), the attribute's name in English."""
    metamodel = load_metamodel()
    known = metamodel.kind(kind) if metamodel.has_kind(kind) else None
    if name in ("kind", "opd", "reference"):
        return _w(lang, f"field_{name}")
    if name == "name":
        return Text(known.name_column, _w("en", "name"))[lang] if known else _w(lang, "name")
    field = name.removeprefix("spec.")
    attribute = known.attribute(field) if known else None
    return Text(attribute.column, field)[lang] if attribute else field


def _link_label(kind: str, field: str, lang: str) -> str:
    """A link field as its relation reads (runs_on -> berjalan di); `related` as related."""
    if field == RELATED_FIELD:
        return _w(lang, "related")
    relation = next((r for r in load_metamodel().relations if r.field == field and kind in r.sources), None)
    return relation.label(lang) if relation else field


def count_table(gap: Gap, by: str, lang: str) -> Table:
    headers = [_w(lang, by if by == "opd" else "code"), *(_w(lang, c) for c in CHANGES)]
    rows = [[group, *(str(counter[c]) for c in CHANGES)] for group, counter in gap.counts(by).items()]
    return Table(_w(lang, "by_opd" if by == "opd" else "by_code"), headers, rows)


def gap_data(result: Gap) -> dict:
    """The gap as JSON-ready data: summary, components with Pemenuhan, every change."""
    return {
        "from": result.before,
        "to": result.after,
        "ippds": list(result.ippds),
        "summary": result.summary(),
        "components": [
            {
                "domain": c.domain,
                "kind": c.kind,
                "current": c.before,
                "target": c.after,
                **c.counts,
                "fulfilment_percent": round(c.percent, 1) if c.percent is not None else None,
                "fulfilment": c.band.key if c.band else None,
            }
            for c in result.components()
        ],
        "changes": [
            {
                "ippd": i.ippd,
                "id": i.element_id,
                "kind": i.kind,
                "name": i.name,
                "opd": i.opd,
                "reference": i.code or None,
                "change": i.change,
                "fields": list(i.fields),
                "links_added": [list(x) for x in i.links_added],
                "links_removed": [list(x) for x in i.links_removed],
            }
            for i in result.changes(ADDED, RETIRED, CHANGED)
        ],
    }


# --- roadmap ----------------------------------------------------------------------------
def roadmap_document(
    ippd: str,
    items: list[RoadmapItem],
    lang: str = "id",
    opd_names: dict[str, str] | None = None,
    ippd_name: str | None = None,
) -> Document:
    """The Peta Rencana table and the initiatives' links; `opd_names` put each OPD's name beside its code, `ippd_name`
    names the IPPD instead of its code."""
    plans = [i for i in items if i.kind == PLAN]
    initiatives = _in_muatan_order([i for i in items if i.kind == INITIATIVE])
    years = _years(plans, initiatives)
    period = f"{years[0]}–{years[-1]}" if years else ""
    title = plans[0].name if plans and plans[0].name else _w(lang, "roadmap_title")
    return Document(
        title,
        _w(lang, "subtitle_roadmap", scope=ippd_name or ippd, count=len(initiatives)),
        [roadmap_table(ippd_name or ippd, initiatives, years, period, lang, opd_names), links_table(initiatives, lang)],
        lang,
    )


def _in_muatan_order(initiatives: list[RoadmapItem]) -> list[RoadmapItem]:
    order = {m.key: n for n, m in enumerate(load_metamodel().roadmap.muatan)}
    return sorted(initiatives, key=lambda i: (order.get(i.spec.get("muatan", ""), len(order)), natural_key(i.item_id)))


def _years(plans: list[RoadmapItem], initiatives: list[RoadmapItem]) -> list[int]:
    for plan in plans:
        start, end = plan.spec.get("start_year"), plan.spec.get("end_year")
        if start and end and int(start) <= int(end):
            return list(range(int(start), int(end) + 1))
    return sorted({y for i in initiatives for y in i.years})


def roadmap_table(
    ippd: str,
    initiatives: list[RoadmapItem],
    years: list[int],
    period: str,
    lang: str,
    opd_names: dict[str, str] | None = None,
) -> Table:
    """One row per initiative (seed 002 table 6.2); `ippd` is what the title names (the IPPD's name where known)."""
    roadmap = load_metamodel().roadmap
    headers = [
        "No",
        _w(lang, "muatan"),
        _w(lang, "initiative"),
        _w(lang, "output"),
        _w(lang, "uic"),
        *map(str, years),
        _w(lang, "activity_type"),
        _w(lang, "budget_type"),
        _w(lang, "budget"),
    ]
    rows = []
    for item in initiatives:
        spec = item.spec
        muatan = roadmap.muatan_named(spec["muatan"]).name(lang) if spec.get("muatan") else ""
        marks = [_year_cell(item, year) for year in years]
        budget = f"{spec['budget']:,.0f}".replace(",", ".") if spec.get("budget") is not None else ""
        rows.append(
            [
                item.item_id,
                muatan,
                item.name or "",
                spec.get("output") or "",
                spec.get("uic_text") or ", ".join(opd_label(c, opd_names) for c in spec.get("uic") or []),
                *marks,
                (spec.get("activity_type") or "").title(),
                (spec.get("budget_type") or "").title(),
                budget,
            ]
        )
    return Table(_w(lang, "roadmap_table", ippd=ippd, period=period).strip(), headers, rows, sheet="Peta Rencana")


def opd_label(code: str, opd_names: dict[str, str] | None) -> str:
    """ "30 — Dinas Kesehatan": the code as the catalogue writes it, and the name where the repository knows it."""
    name = (opd_names or {}).get(code)
    return f"{code} — {name}" if name and name != code else code


def _year_cell(item: RoadmapItem, year: int) -> str:
    targets = item.spec.get("targets") or {}
    if year in targets:
        return targets[year]
    return "✓" if year in item.years else ""


def links_table(initiatives: list[RoadmapItem], lang: str) -> Table:
    headers = [_w(lang, "initiative"), _w(lang, "delivers"), _w(lang, "retires"), _w(lang, "depends_on")]
    rows = [
        [
            item.item_id,
            ", ".join(item.ids("delivers")),
            ", ".join(item.ids("retires")),
            ", ".join(item.ids("depends_on")),
        ]
        for item in initiatives
    ]
    return Table(_w(lang, "links_table"), headers, rows, sheet="Keterkaitan")
