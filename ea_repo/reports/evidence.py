"""The evidence document an IPPD submits: its content, section by section, under the instrument in force
(the Pemdi indicators I1, I13-I16, I18 of PermenPANRB 8/2026, or indicators 11 and 12 of PermenPANRB 59/2020).

Written by reports.document (HTML, DOCX, PDF from one model). The six domain tables use the
national column layouts of the spreadsheets (sheets.layout), so the document, the workbook and
the YAML say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ea_repo.core.i18n import Catalogue
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


_WORDS = {
    "id": {
        "title": "Arsitektur dan Peta Rencana SPBE {name}",
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
        "enacted": "Ditetapkan dengan {document} tanggal {date}.",
        "enacted_signed": "Ditetapkan dengan {document} tanggal {date}, {signed_by}.",
        "review": "Reviu tanggal {date} ({id})",
        "issues": "Permasalahan:",
        "recommendations": "Rekomendasi:",
        "followed": "Ditindaklanjuti di: {where}.",
        "list_loaded": "{reference}: dimuat",
        "list_not_loaded": "{reference}: belum ada",
        "yes": "ya",
        "no": "belum",
        "next": "Langkah berikutnya ke level {level}:",
        "none": "Tidak ada elemen.",
        "no_gap": "Belum ada plateau to-be: analisis kesenjangan belum dapat disusun.",
        "no_roadmap": "Belum ada Peta Rencana.",
        "pemdi_title": "Arsitektur dan Peta Rencana sebagai Bukti Dukung Indeks Pemerintah Digital: {name}",
        "true": "Ya",
        "false": "Tidak",
        "opd": "OPD",
        "no_figures": "Diagram tidak dapat digambar: {why}. "
        "Jalankan kembali ea evidence report di komputer yang memiliki Graphviz.",
        "domain_columns": "Domain|Elemen|Berkode referensi sah|Bagian|Bertaut|Daftar kode nasional",
        "criteria_columns": "Level|Kriteria|Terpenuhi|Rincian",
    },
    "en": {
        "title": "SPBE Architecture and Roadmap {name}",
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
        "enacted": "Enacted by {document} on {date}.",
        "enacted_signed": "Enacted by {document} on {date}, {signed_by}.",
        "review": "Review of {date} ({id})",
        "issues": "Issues:",
        "recommendations": "Recommendations:",
        "followed": "Followed up in: {where}.",
        "list_loaded": "{reference}: loaded",
        "list_not_loaded": "{reference}: none yet",
        "yes": "yes",
        "no": "no",
        "next": "Next steps to level {level}:",
        "none": "No elements.",
        "no_gap": "No to-be plateau yet: no gap analysis.",
        "no_roadmap": "No roadmap yet.",
        "pemdi_title": "Architecture and roadmap as evidence for the Digital Government Index: {name}",
        "true": "Yes",
        "false": "No",
        "opd": "OPD",
        "no_figures": "The diagrams could not be drawn: {why}. "
        "Run ea evidence report again on a computer with Graphviz.",
        "domain_columns": "Domain|Elements|With a valid code|Share|Linked|National code list",
        "criteria_columns": "Level|Criterion|Met|Detail",
    },
}
TEXT = Catalogue.from_languages("reports.evidence", _WORDS)


def _w(lang: str, key: str, **params) -> str:
    return TEXT.t(key, lang, **params)


def _columns(lang: str, key: str) -> list[str]:
    return _w(lang, key).split("|")


def evidence_document(content: EvidenceContent, lang: str = "id") -> LongDocument:
    sections = [_introduction(content, lang)]
    sections += [_architecture(content, plateau, lang) for plateau in _plateaus(content.documents)]
    sections.append(_alignment(content, lang))
    if content.figures or content.figures_note:
        sections.append(
            Section(
                _w(lang, "diagrams"),
                figures=content.figures,
                paragraphs=(_w(lang, "no_figures", why=content.figures_note),) if content.figures_note else (),
            )
        )
    sections.append(
        Section(
            _w(lang, "gap"),
            tables=tuple(component_tables(content.gap, lang, _initiatives(content))) if content.gap else (),
            paragraphs=() if content.gap else (_w(lang, "no_gap"),),
        )
    )
    sections.append(_roadmap(content, lang))
    assessment = content.assessment
    if isinstance(assessment, PemdiAssessment):
        sections.append(pemdi_section(assessment, lang))
        title = _w(lang, "pemdi_title", name=content.name)
    else:
        sections.append(_assessment(assessment, lang))
        title = _w(lang, "title", name=content.name)
    return LongDocument(
        title,
        _w(lang, "made", name=content.name, date=content.on.isoformat()),
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


def _introduction(content: EvidenceContent, lang: str) -> Section:
    paragraphs = []
    for record in content.records:
        spec = record.spec
        if record.kind == "Enactment":
            signed = {"signed_by": spec["signed_by"]} if spec.get("signed_by") else {}
            key = "enacted_signed" if signed else "enacted"
            paragraphs.append(_w(lang, key, document=spec["document"], date=spec["date"], **signed))
    reviews = []
    for record in (r for r in content.records if r.kind == "Review"):
        spec = record.spec
        paragraphs_of_review = [
            _w(lang, "issues"),
            _bullets(spec.get("issues")),
            _w(lang, "recommendations"),
            _bullets(spec.get("recommendations")),
        ]
        if spec.get("followed_up_in"):
            paragraphs_of_review.append(_w(lang, "followed", where=", ".join(spec["followed_up_in"])))
        reviews.append(
            Section(
                _w(lang, "review", date=spec["date"], id=record.item_id),
                tuple(p for p in paragraphs_of_review if p),
            )
        )
    provenance = Section(
        _w(lang, "provenance"), tuple(paragraphs) or (_w(lang, "no_records"),), children=tuple(reviews)
    )
    return Section(_w(lang, "intro"), (content.assessment.disclaimer.get(lang),), children=(provenance,))


def _bullets(texts: list[str] | None) -> str:
    return "\n".join(f"- {text}" for text in texts or [])


def _architecture(content: EvidenceContent, plateau: str, lang: str) -> Section:
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
        children.append(
            Section(domain.name(lang), tables=tuple(tables), paragraphs=() if tables else (_w(lang, "none"),))
        )
    return Section(_w(lang, "architecture", plateau=plateau), children=tuple(children))


def domain_table(kind_name: str, documents: list[dict], lang: str, opd_names: dict[str, str] | None = None) -> Table:
    """One sub-catalogue in the national columns: ID, name, OPD (its name beside the code), its attributes (yes/no
    written as words), reference code, ID Metadata Terkait."""
    metamodel = load_metamodel()
    kind = metamodel.kind(kind_name)
    layout = element_layout(kind)
    identity = (("metadata", "id"), ("metadata", "name"), ("metadata", "opd"))
    shown = [
        c for c in layout.columns if c.path in identity or (c.path[0] == "spec" and c.shape != IDS)
    ]  # links: one column below
    headers = [_w(lang, "opd") if c.path == ("metadata", "opd") and opd_names else c.header for c in shown] + [
        "ID Metadata Terkait"
    ]
    rows = []
    for document in documents:
        cells = [_cell(document[c.path[0]].get(c.path[1]), c, lang, opd_names) for c in shown]
        links = [t for field in (*kind.link_fields, RELATED_FIELD) for t in (document["spec"].get(field) or [])]
        rows.append(cells + [", ".join(dict.fromkeys(links))])
    return Table(kind.title(lang), headers, rows)


def _cell(value, column, lang: str, opd_names: dict[str, str] | None) -> str:
    if isinstance(value, bool):
        return _w(lang, "true") if value else _w(lang, "false")
    if column.shape == CODES and isinstance(value, list):
        return "\n".join(value)
    if column.path == ("metadata", "opd") and value is not None:
        return opd_label(str(value), opd_names)
    return "" if value is None else str(value)


def _alignment(content: EvidenceContent, lang: str) -> Section:
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
                _w(
                    lang,
                    "list_loaded" if coverage.list_loaded else "list_not_loaded",
                    reference=metamodel.domain(key).reference,
                ),
            ]
        )
    title = _w(lang, "alignment")
    return Section(title, tables=(Table(title, _columns(lang, "domain_columns"), rows),))


def _roadmap(content: EvidenceContent, lang: str) -> Section:
    initiatives = _initiatives(content)
    if not initiatives:
        return Section(_w(lang, "roadmap"), (_w(lang, "no_roadmap"),))
    from ea_repo.reports.planning import _in_muatan_order, _years

    plans = [i for i in content.roadmap if i.kind != INITIATIVE]
    years = _years(plans, initiatives)
    period = f"{years[0]}–{years[-1]}" if years else ""
    table = roadmap_table(content.name, _in_muatan_order(initiatives), years, period, lang, content.opd_names)
    return Section(_w(lang, "roadmap"), tables=(table,))


def _assessment(assessment: Assessment, lang: str) -> Section:
    children = []
    for indicator in assessment.indicators:
        rows = [
            [
                str(c.level),
                c.title.get(lang),
                _w(lang, "yes") if c.passed else _w(lang, "no"),
                c.detail.get(lang) + (f" ({c.caveat.get(lang)})" if c.caveat else ""),
            ]
            for c in indicator.criteria
        ]
        steps = indicator.next_steps()
        paragraphs = (
            [
                _w(lang, "next", level=indicator.level + 1)
                + "\n"
                + "\n".join(f"- {c.title.get(lang)}: {c.detail.get(lang)}" for c in steps)
            ]
            if steps and indicator.level < 5
            else []
        )
        title = _w(lang, "indicator", n=indicator.indicator, level=indicator.level)
        columns = _columns(lang, "criteria_columns")
        children.append(Section(title, tuple(paragraphs), tables=(Table(title, columns, rows),)))
    return Section(_w(lang, "assessment"), (assessment.disclaimer.get(lang),), children=tuple(children))
