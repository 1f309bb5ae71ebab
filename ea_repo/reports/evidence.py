"""The evidence document an IPPD submits: its content, section by section, under the instrument in force
(the Pemdi indicators I1, I13-I16, I18 of PermenPANRB 8/2026, or indicators 11 and 12 of PermenPANRB 59/2020).

Written by reports.document (HTML, DOCX, PDF from one model). The six domain tables use the
national column layouts of the spreadsheets (sheets.layout), so the document, the workbook and
the YAML say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ea_repo.evidence.assessment import Assessment
from ea_repo.evidence.pemdi import PemdiAssessment
from ea_repo.planning.gap import Gap
from ea_repo.planning.records import INITIATIVE, RoadmapItem
from ea_repo.reports.document import Figure, LongDocument, Section
from ea_repo.reports.evidence_pemdi import pemdi_section
from ea_repo.reports.planning import component_tables, opd_label, roadmap_table
from ea_repo.reports.tables import Table
from ea_repo.sheets.layout import CODES, IDS, element_layout
from metamodel import RELATED_FIELD, load_metamodel, natural_key


@dataclass(frozen=True)
class EvidenceContent:
    """Everything the document shows, gathered by the service layer (and the CLI, for the diagrams)."""

    ippd: str
    ippd_name: str | None
    on: dt.date
    documents: list[dict]  # the IPPD's catalogue documents (every plateau)
    records: list[RoadmapItem]  # enactments, reviews, budgets
    roadmap: list[RoadmapItem]  # plan and initiatives
    gap: Gap | None  # as-is -> to-be, when both exist
    assessment: Assessment | PemdiAssessment
    figures: tuple[Figure, ...] = ()
    opd_names: dict[str, str] = field(default_factory=dict)  # OPD code -> name, shown beside the code
    figures_note: str | None = None  # why the diagrams could not be drawn (the section says so instead of vanishing)

    @property
    def name(self) -> str:
        return self.ippd_name or self.ippd


_W = {
    "id": {
        "title": "Arsitektur dan Peta Rencana SPBE",
        "intro": "Pendahuluan",
        "provenance": "Penetapan dan Reviu",
        "architecture": "Arsitektur SPBE ({plateau})",
        "alignment": "Keselarasan dengan Referensi Arsitektur Nasional",
        "diagrams": "Diagram Arsitektur",
        "gap": "Analisis Kesenjangan",
        "roadmap": "Peta Rencana SPBE",
        "assessment": "Penilaian Mandiri Indikator 11 dan 12",
        "indicator": "Indikator {n}: level {level}",
        "made": "{name} — disusun {date} oleh ea-repo",
        "no_records": "Belum ada penetapan atau reviu yang tercatat.",
        "enacted": "Ditetapkan dengan {document} tanggal {date}{signed}.",
        "review": "Reviu tanggal {date}",
        "issues": "Permasalahan",
        "recommendations": "Rekomendasi",
        "followed": "Ditindaklanjuti di: {where}.",
        "loaded": "dimuat",
        "not_loaded": "belum ada",
        "yes": "ya",
        "no": "belum",
        "next": "Langkah berikutnya ke level {level}:",
        "none": "Tidak ada elemen.",
        "no_gap": "Belum ada plateau to-be: analisis kesenjangan belum dapat disusun.",
        "no_roadmap": "Belum ada Peta Rencana.",
        "pemdi_title": "Arsitektur dan Peta Rencana sebagai Bukti Dukung Indeks Pemerintah Digital",
        "true": "Ya",
        "false": "Tidak",
        "opd": "OPD",
        "no_figures": "Diagram tidak dapat digambar: {why}. "
        "Jalankan kembali ea evidence report di komputer yang memiliki Graphviz.",
    },
    "en": {
        "title": "SPBE Architecture and Roadmap",
        "intro": "Introduction",
        "provenance": "Enactment and reviews",
        "architecture": "SPBE architecture ({plateau})",
        "alignment": "Alignment with the national reference architectures",
        "diagrams": "Architecture diagrams",
        "gap": "Gap analysis",
        "roadmap": "SPBE roadmap (Peta Rencana)",
        "assessment": "Self-assessment of indicators 11 and 12",
        "indicator": "Indicator {n}: level {level}",
        "made": "{name} — prepared {date} by ea-repo",
        "no_records": "No enactment or review is recorded yet.",
        "enacted": "Enacted by {document} on {date}{signed}.",
        "review": "Review of {date}",
        "issues": "Issues",
        "recommendations": "Recommendations",
        "followed": "Followed up in: {where}.",
        "loaded": "loaded",
        "not_loaded": "none yet",
        "yes": "yes",
        "no": "no",
        "next": "Next steps to level {level}:",
        "none": "No elements.",
        "no_gap": "No to-be plateau yet: no gap analysis.",
        "no_roadmap": "No roadmap yet.",
        "pemdi_title": "Architecture and roadmap as evidence for the Digital Government Index",
        "true": "Yes",
        "false": "No",
        "opd": "OPD",
        "no_figures": "The diagrams could not be drawn: {why}. "
        "Run ea evidence report again on a computer with Graphviz.",
    },
}
_COLUMNS = {
    "id": {
        "domain": ("Domain", "Elemen", "Berkode referensi sah", "Bagian", "Bertaut", "Daftar kode nasional"),
        "criteria": ("Level", "Kriteria", "Terpenuhi", "Rincian"),
    },
    "en": {
        "domain": ("Domain", "Elements", "With a valid code", "Share", "Linked", "National code list"),
        "criteria": ("Level", "Criterion", "Met", "Detail"),
    },
}


def evidence_document(content: EvidenceContent, lang: str = "id") -> LongDocument:
    w = _W["en" if lang == "en" else "id"]
    sections = [_introduction(content, w, lang)]
    sections += [_architecture(content, plateau, w, lang) for plateau in _plateaus(content.documents)]
    sections.append(_alignment(content, w, lang))
    if content.figures or content.figures_note:
        sections.append(
            Section(
                w["diagrams"],
                figures=content.figures,
                paragraphs=(w["no_figures"].format(why=content.figures_note),) if content.figures_note else (),
            )
        )
    sections.append(
        Section(
            w["gap"],
            tables=tuple(component_tables(content.gap, lang, _initiatives(content))) if content.gap else (),
            paragraphs=() if content.gap else (w["no_gap"],),
        )
    )
    sections.append(_roadmap(content, w, lang))
    assessment = content.assessment
    if isinstance(assessment, PemdiAssessment):
        sections.append(pemdi_section(assessment, lang))
        title = f"{w['pemdi_title']}: {content.name}"
    else:
        sections.append(_assessment(assessment, w, lang))
        title = f"{w['title']} {content.name}"
    return LongDocument(
        title,
        w["made"].format(name=content.name, date=content.on.isoformat()),
        tuple(sections),
        lang,
        content.assessment.disclaimer.get(lang),
    )


def _plateaus(documents: list[dict]) -> list[str]:
    metamodel = load_metamodel()
    found = {d["metadata"].get("plateau", "as-is") for d in documents if metamodel.has_kind(d["kind"])}
    return sorted(found, key=metamodel.plateau_order)


def _initiatives(content: EvidenceContent) -> list[RoadmapItem]:
    return [i for i in content.roadmap if i.kind == INITIATIVE]


def _introduction(content: EvidenceContent, w: dict, lang: str) -> Section:
    paragraphs = []
    for record in content.records:
        spec = record.spec
        if record.kind == "Enactment":
            signed = f", {spec['signed_by']}" if spec.get("signed_by") else ""
            paragraphs.append(w["enacted"].format(document=spec["document"], date=spec["date"], signed=signed))
    reviews = []
    for record in (r for r in content.records if r.kind == "Review"):
        spec = record.spec
        paragraphs_of_review = [
            f"{w['issues']}:",
            _bullets(spec.get("issues")),
            f"{w['recommendations']}:",
            _bullets(spec.get("recommendations")),
        ]
        if spec.get("followed_up_in"):
            paragraphs_of_review.append(w["followed"].format(where=", ".join(spec["followed_up_in"])))
        reviews.append(
            Section(
                f"{w['review'].format(date=spec['date'])} ({record.item_id})",
                tuple(p for p in paragraphs_of_review if p),
            )
        )
    provenance = Section(w["provenance"], tuple(paragraphs) or (w["no_records"],), children=tuple(reviews))
    return Section(w["intro"], (content.assessment.disclaimer.get(lang),), children=(provenance,))


def _bullets(texts: list[str] | None) -> str:
    return "\n".join(f"- {text}" for text in texts or [])


def _architecture(content: EvidenceContent, plateau: str, w: dict, lang: str) -> Section:
    metamodel = load_metamodel()
    children = []
    for domain in metamodel.domains:
        tables = []
        for kind in metamodel.kinds_in_domain(domain.key):
            rows = sorted(
                (
                    d
                    for d in content.documents
                    if d["kind"] == kind.name and d["metadata"].get("plateau", "as-is") == plateau
                ),
                key=lambda d: natural_key(d["metadata"]["id"]),
            )
            if rows:
                tables.append(domain_table(kind.name, rows, lang, content.opd_names))
        children.append(Section(domain.name(lang), tables=tuple(tables), paragraphs=() if tables else (w["none"],)))
    return Section(w["architecture"].format(plateau=plateau), children=tuple(children))


def domain_table(kind_name: str, documents: list[dict], lang: str, opd_names: dict[str, str] | None = None) -> Table:
    """One sub-catalogue in the national columns: ID, name, OPD (its name beside the code), its attributes (yes/no
    written as words), reference code, ID Metadata Terkait."""
    metamodel = load_metamodel()
    w = _W["en" if lang == "en" else "id"]
    kind = metamodel.kind(kind_name)
    layout = element_layout(kind)
    identity = (("metadata", "id"), ("metadata", "name"), ("metadata", "opd"))
    shown = [
        c for c in layout.columns if c.path in identity or (c.path[0] == "spec" and c.shape != IDS)
    ]  # links: one column below
    headers = [w["opd"] if c.path == ("metadata", "opd") and opd_names else c.header for c in shown] + [
        "ID Metadata Terkait"
    ]
    rows = []
    for document in documents:
        cells = [_cell(document[c.path[0]].get(c.path[1]), c, w, opd_names) for c in shown]
        links = [t for field in (*kind.link_fields, RELATED_FIELD) for t in (document["spec"].get(field) or [])]
        rows.append(cells + [", ".join(dict.fromkeys(links))])
    return Table(kind.title(lang), headers, rows)


def _cell(value, column, w: dict, opd_names: dict[str, str] | None) -> str:
    if isinstance(value, bool):
        return w["true"] if value else w["false"]
    if column.shape == CODES and isinstance(value, list):
        return "\n".join(value)
    if column.path == ("metadata", "opd") and value is not None:
        return opd_label(str(value), opd_names)
    return "" if value is None else str(value)


def _alignment(content: EvidenceContent, w: dict, lang: str) -> Section:
    metamodel = load_metamodel()
    rows = []
    for key, coverage in content.assessment.coverage.items():
        share = f"{coverage.valid_code / coverage.elements:.0%}" if coverage.elements else "—"
        rows.append(
            [
                metamodel.domain(key).name(lang),
                str(coverage.elements),
                str(coverage.valid_code),
                share,
                str(coverage.linked),
                f"{metamodel.domain(key).reference}: {w['loaded'] if coverage.list_loaded else w['not_loaded']}",
            ]
        )
    columns = _COLUMNS["en" if lang == "en" else "id"]["domain"]
    return Section(w["alignment"], tables=(Table(w["alignment"], list(columns), rows),))


def _roadmap(content: EvidenceContent, w: dict, lang: str) -> Section:
    initiatives = _initiatives(content)
    if not initiatives:
        return Section(w["roadmap"], (w["no_roadmap"],))
    from ea_repo.reports.planning import _in_muatan_order, _years

    plans = [i for i in content.roadmap if i.kind != INITIATIVE]
    years = _years(plans, initiatives)
    period = f"{years[0]}–{years[-1]}" if years else ""
    table = roadmap_table(content.name, _in_muatan_order(initiatives), years, period, lang, content.opd_names)
    return Section(w["roadmap"], tables=(table,))


def _assessment(assessment: Assessment, w: dict, lang: str) -> Section:
    children = []
    for indicator in assessment.indicators:
        rows = [
            [
                str(c.level),
                c.title.get(lang),
                w["yes"] if c.passed else w["no"],
                c.detail.get(lang) + (f" ({c.caveat.get(lang)})" if c.caveat else ""),
            ]
            for c in indicator.criteria
        ]
        steps = indicator.next_steps()
        paragraphs = (
            [
                w["next"].format(level=indicator.level + 1)
                + "\n"
                + "\n".join(f"- {c.title.get(lang)}: {c.detail.get(lang)}" for c in steps)
            ]
            if steps and indicator.level < 5
            else []
        )
        title = w["indicator"].format(n=indicator.indicator, level=indicator.level)
        columns = _COLUMNS["en" if lang == "en" else "id"]["criteria"]
        children.append(Section(title, tuple(paragraphs), tables=(Table(title, list(columns), rows),)))
    return Section(w["assessment"], (assessment.disclaimer.get(lang),), children=tuple(children))
