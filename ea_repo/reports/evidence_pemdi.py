"""The self-assessment section of the evidence document under PermenPANRB 8/2026 (Indeks Pemerintah Digital).

One subsection per indicator where the architecture is evidence (I1, I13-I16, I18): what it looks at (the source's
words), each criterion met or not with the IDs behind it and those short of it, and the next steps. No level: the
rubric is the assessor's (see ea_repo.evidence.pemdi).
"""

from __future__ import annotations

from ea_repo.core.i18n import Catalogue
from ea_repo.evidence.pemdi import PemdiAssessment, PemdiIndicator
from ea_repo.reports.longform.model import Section
from ea_repo.reports.tables import Table

IDS_SHOWN = 30  # IDs per cell; `ea evidence status --format json` lists them all

_WORDS = {
    "id": {
        "title": "Penilaian Mandiri {index} ({short})",
        "indicator": "Indikator {n} — {name} (bobot {weight}%)",
        "looks_at": "Yang dinilai: {text}. Aspek: {aspect}.",
        "yes": "Ya",
        "no": "Belum",
        "more": "… dan {count} lagi",
        "next": "Yang belum terpenuhi dan langkah berikutnya:",
        "external": "Indikator ini dinilai dari indeks lain ({external}); bukti dari arsitektur hanya pendukung.",
        "scope": "Arsitektur dan Peta Rencana bukan lagi indikator tersendiri: Arsitektur Pemdi masuk indikator 1, "
        "dan arsitektur (aplikasi, infrastruktur, peta proses bisnis) menjadi bukti dukung indikator 13, 14 dan 15 "
        "serta menunjang indikator 16 dan 18. Bagian ini menyajikan apa yang dimuat repositori untuk indikator "
        "tersebut.",
        "columns": "Kriteria|Terpenuhi|Rincian|Bukti (ID)|Kurang (ID)",
    },
    "en": {
        "title": "Self-assessment for the {index} ({short})",
        "indicator": "Indicator {n} — {name} (weight {weight}%)",
        "looks_at": "What it looks at: {text}. Aspect: {aspect}.",
        "yes": "Yes",
        "no": "Not yet",
        "more": "… and {count} more",
        "next": "Not yet met, and the next steps:",
        "external": "This indicator is scored from another index ({external}); the architecture only supports it.",
        "scope": "The architecture and the roadmap are no longer indicators of their own: the Pemdi architecture sits "
        "in indicator 1, and the architecture (applications, infrastructure, business-process map) is the evidence "
        "for indicators 13, 14 and 15 and bears on 16 and 18. This section shows what the repository holds for them.",
        "columns": "Criterion|Met|Detail|Evidence (IDs)|Short of (IDs)",
    },
}
TEXT = Catalogue.from_languages("reports.evidence_pemdi", _WORDS)


def pemdi_section(assessment: PemdiAssessment, lang: str = "id") -> Section:
    instrument = assessment.instrument
    title = TEXT.t("title", lang, index=instrument.index_label(lang), short=instrument.short)
    return Section(
        title,
        (assessment.disclaimer.get(lang), TEXT.t("scope", lang)),
        children=tuple(_indicator(i, lang) for i in assessment.indicators),
    )


def _indicator(indicator: PemdiIndicator, lang: str) -> Section:
    weight = f"{float(indicator.weight):g}" if indicator.weight is not None else "-"
    title = TEXT.t("indicator", lang, n=indicator.number, name=indicator.name, weight=weight)
    rows = [
        [
            c.title.get(lang),
            TEXT.t("yes" if c.passed else "no", lang),
            c.detail.get(lang),
            _ids(c.evidence, lang),
            _ids(c.missing, lang),
        ]
        for c in indicator.criteria
    ]
    paragraphs = [TEXT.t("looks_at", lang, text=indicator.looks_at.get(lang), aspect=indicator.aspect.get(lang))]
    if indicator.external:
        paragraphs.append(TEXT.t("external", lang, external=indicator.external))
    unmet = indicator.unmet()
    if unmet:
        paragraphs.append(
            TEXT.t("next", lang)
            + "\n"
            + "\n".join(f"- {c.title.get(lang)}: {c.step.get(lang) if c.step else c.detail.get(lang)}" for c in unmet)
        )
    columns = TEXT.t("columns", lang).split("|")
    return Section(title, tuple(paragraphs), tables=(Table(title, columns, rows),))


def _ids(ids: tuple[str, ...], lang: str) -> str:
    if not ids:
        return "—"
    more = len(ids) - IDS_SHOWN
    return ", ".join(ids[:IDS_SHOWN]) + (" " + TEXT.t("more", lang, count=more) if more > 0 else "")
