"""Self-assessment of SPBE indicators 11 (Arsitektur SPBE) and 12 (Peta Rencana SPBE) from the repository.

The level criteria follow the assessors' rubric (seed 003; shared/DOMAIN.md): a level is reached
when every criterion of it and of every level below holds. Each criterion says what it looked at
and which elements or records stand behind it. The result is a self-assessment: it never claims a
level the data does not support, and the assessor's judgement is final.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ea_repo.checks.findings import Text
from ea_repo.planning.records import RoadmapItem
from metamodel import load_metamodel

REVIEW_MAX_AGE_DAYS = 730  # "reviewed in the last 2 years"
ALIGNED_SHARE = (
    0.8  # level 4 "aligned with the national architecture": this share of as-is elements carry a valid national code
)
TARGET_PLATEAU = load_metamodel().named_plateaus[-1]  # the target architecture (to-be): the last named plateau
BUDGET_YEARS = 3  # indicator 12 level 4: the work plan and budget of the last 3 years
DISCLAIMER = Text(
    "Penilaian mandiri dari isi repositori. Penilaian akhir ada pada asesor (PermenPANRB 59/2020).",
    "A self-assessment from the repository's content. The assessor's judgement is final (PermenPANRB 59/2020).",
)


@dataclass(frozen=True)
class DomainCoverage:
    domain: str
    elements: int = 0
    valid_code: int = 0  # a code the national list in force knows (or a local code below a known one)
    any_code: int = 0
    linked: int = 0  # elements with at least one link
    list_loaded: bool = True  # False: no national code list for this domain (RAI, RAK today): validity unverifiable
    valid_ids: tuple[str, ...] = ()
    missing_ids: tuple[str, ...] = ()  # elements without a valid code (the first ones)


@dataclass(frozen=True)
class ElementFact:
    """One element the principal sees, as the Pemdi criteria read it (evidence_pemdi)."""

    element_id: str
    kind: str
    domain: str
    plateau: str
    opd: str | None = None
    coded: bool = False  # carries a code the national list in force knows (or a local code below one)
    category: str = ""  # Jenis Aplikasi (umum / khusus), for applications
    interoperable: bool | None = None  # Interoperabilitas, for data
    name: str = ""


@dataclass(frozen=True)
class LinkFact:
    """An as-is link between two visible elements, read in the direction its relation is named (declared on either
    end)."""

    source: str
    relation: str
    target: str


@dataclass(frozen=True)
class NationalUse:
    """What the redundancy engine says of the applications against the national catalogue (Aplikasi Umum)."""

    in_use: tuple[str, ...] = ()  # applications that are a national application, or declared Aplikasi Umum
    copies: tuple[tuple[str, str], ...] = ()  # (application ID, national application) local copies of a national one


@dataclass(frozen=True)
class EvidenceFacts:
    ippd: str
    on: dt.date
    as_is: dict[str, DomainCoverage]  # every domain key, in metamodel order
    plateaus: tuple[str, ...]
    initiatives: tuple[RoadmapItem, ...] = ()
    muatan: tuple[str, ...] = ()  # all seven keys, in order
    enactments: tuple[RoadmapItem, ...] = ()
    reviews: tuple[RoadmapItem, ...] = ()
    budgets: tuple[RoadmapItem, ...] = ()
    elements: tuple[ElementFact, ...] = ()  # every plateau
    links: tuple[LinkFact, ...] = ()  # as-is
    national: NationalUse = NationalUse()


@dataclass(frozen=True)
class Criterion:
    key: str
    level: int
    passed: bool
    title: Text
    detail: Text = Text("", "")
    evidence: tuple[str, ...] = ()
    caveat: Text | None = None


@dataclass(frozen=True)
class IndicatorAssessment:
    indicator: int
    level: int
    criteria: tuple[Criterion, ...]

    def next_steps(self) -> list[Criterion]:
        """The failing criteria of the next level: what to do to reach it."""
        return [c for c in self.criteria if c.level == self.level + 1 and not c.passed]


@dataclass(frozen=True)
class Assessment:
    ippd: str
    on: dt.date
    indicators: tuple[IndicatorAssessment, ...]
    coverage: dict[str, DomainCoverage] = field(default_factory=dict)
    disclaimer: Text = DISCLAIMER


def assess(facts: EvidenceFacts) -> Assessment:
    return Assessment(
        facts.ippd,
        facts.on,
        (_indicator(11, architecture_criteria(facts)), _indicator(12, roadmap_criteria(facts))),
        facts.as_is,
    )


def _indicator(number: int, criteria: list[Criterion]) -> IndicatorAssessment:
    level = 0
    for candidate in range(1, 6):
        if all(c.passed for c in criteria if c.level == candidate):
            level = candidate
        else:
            break
    return IndicatorAssessment(number, level, tuple(criteria))


def assessment_data(assessment: Assessment, lang: str = "id") -> dict:
    """JSON-ready: every indicator's level, criteria (with the records and elements behind them) and next steps."""
    return {
        "ippd": assessment.ippd,
        "date": assessment.on.isoformat(),
        "disclaimer": assessment.disclaimer.get(lang),
        "indicators": [
            {
                "indicator": i.indicator,
                "level": i.level,
                "criteria": [
                    {
                        "key": c.key,
                        "level": c.level,
                        "passed": c.passed,
                        "title": c.title.get(lang),
                        "detail": c.detail.get(lang),
                        "evidence": list(c.evidence),
                        "caveat": c.caveat.get(lang) if c.caveat else None,
                    }
                    for c in i.criteria
                ],
                "next_steps": [c.title.get(lang) for c in i.next_steps()],
            }
            for i in assessment.indicators
        ],
    }


# --- indicator 11 -----------------------------------------------------------------------
def architecture_criteria(facts: EvidenceFacts) -> list[Criterion]:
    domains = facts.as_is
    present = [d for d in domains.values() if d.elements]
    total = sum(d.elements for d in domains.values())
    valid = sum(d.valid_code for d in domains.values())
    checkable = sum(
        d.elements for d in domains.values() if d.list_loaded
    )  # RAI, RAK: no national list to check against
    enacted = covering(facts.enactments, "arsitektur")
    review = recent_review(facts, "arsitektur")
    coded = [d for d in present if d.valid_code or (not d.list_loaded and d.any_code)]
    unverifiable = [d.domain for d in present if not d.list_loaded]
    names, names_en = _domain_names(unverifiable, "id"), _domain_names(unverifiable, "en")
    caveat = (
        Text(
            f"daftar kode nasional untuk {names} belum dimuat: kode di sana dihitung bila ada, tidak diverifikasi "
            "(ea reference load)",
            f"no national code list is loaded for {names_en}: codes there are counted when present, not verified "
            "(ea reference load)",
        )
        if unverifiable
        else None
    )
    followed = [r for r in ([review] if review else []) if TARGET_PLATEAU in (r.spec.get("followed_up_in") or [])]
    return [
        Criterion(
            "as-is-exists",
            1,
            total > 0,
            Text("Arsitektur as-is tersusun (draf)", "An as-is architecture exists (draft)"),
            Text(
                f"{total} elemen as-is di {len(present)} dari {len(domains)} domain",
                f"{total} as-is elements in {len(present)} of {len(domains)} domains",
            ),
        ),
        Criterion(
            "architecture-enacted",
            2,
            bool(enacted),
            Text("Arsitektur ditetapkan secara formal", "The architecture is formally enacted"),
            records_detail(enacted),
            tuple(e.item_id for e in enacted),
        ),
        Criterion(
            "some-domains-coded",
            2,
            bool(coded),
            Text(
                "Sebagian domain dan referensi arsitektur tercakup",
                "Part of the domains and reference architectures covered",
            ),
            Text(
                f"{len(coded)} domain dengan elemen berkode referensi nasional",
                f"{len(coded)} domains with elements carrying a national reference code",
            ),
            caveat=caveat,
        ),
        Criterion(
            "all-domains",
            3,
            len(present) == len(domains),
            Text("Keenam domain tercakup (as-is)", "All six domains covered (as-is)"),
            _missing_domains([d.domain for d in domains.values() if not d.elements]),
        ),
        Criterion(
            "all-reference-architectures",
            3,
            len(coded) == len(domains),
            Text("Seluruh referensi arsitektur digunakan", "Every reference architecture used"),
            _missing_domains([d.domain for d in domains.values() if d not in coded]),
            caveat=caveat,
        ),
        Criterion(
            "aligned-national",
            4,
            checkable > 0 and valid >= ALIGNED_SHARE * checkable,
            Text(
                f"Selaras dengan Arsitektur SPBE Nasional (≥ {ALIGNED_SHARE:.0%} elemen berkode referensi sah)",
                f"Aligned with the national architecture (≥ {ALIGNED_SHARE:.0%} of elements with a valid reference "
                "code)",
            ),
            Text(
                f"{valid} dari {checkable} elemen as-is yang dapat diperiksa ({valid / checkable:.0%})",
                f"{valid} of {checkable} checkable as-is elements ({valid / checkable:.0%})",
            )
            if checkable
            else Text("tidak ada elemen yang dapat diperiksa", "no checkable elements"),
            caveat=caveat,
        ),
        Criterion(
            "architecture-reviewed",
            4,
            review is not None,
            Text(
                "Direviu dalam 2 tahun terakhir (permasalahan dan rekomendasi)",
                "Reviewed in the last 2 years (issues and recommendations)",
            ),
            review_detail(review, facts.on),
            (review.item_id,) if review else (),
        ),
        Criterion(
            "to-be-follows-review",
            5,
            bool(followed) and TARGET_PLATEAU in facts.plateaus,
            Text("Arsitektur to-be disusun sebagai tindak lanjut reviu", "A to-be architecture follows up the review"),
            _follow_up(review, TARGET_PLATEAU in facts.plateaus),
            tuple(r.item_id for r in followed),
        ),
    ]


# --- indicator 12 -----------------------------------------------------------------------
def roadmap_criteria(facts: EvidenceFacts) -> list[Criterion]:
    covered = [m for m in facts.muatan if any(i.spec.get("muatan") == m for i in facts.initiatives)]
    enacted = covering(facts.enactments, "peta-rencana")
    review = recent_review(facts, "peta-rencana")
    years = list(range(facts.on.year - BUDGET_YEARS, facts.on.year))
    known = {i.item_id for i in facts.initiatives}
    funded = {
        y: [b for b in facts.budgets if b.spec.get("year") == y and set(b.ids("initiatives")) & known] for y in years
    }
    followed = [r for r in facts.reviews if "peta-rencana" in (r.spec.get("followed_up_in") or [])]
    return [
        Criterion(
            "roadmap-exists",
            1,
            bool(facts.initiatives),
            Text("Peta Rencana tersusun (draf)", "A roadmap exists (draft)"),
            Text(f"{len(facts.initiatives)} inisiatif", f"{len(facts.initiatives)} initiatives"),
        ),
        Criterion(
            "roadmap-enacted",
            2,
            bool(enacted),
            Text("Peta Rencana ditetapkan secara formal", "The roadmap is formally enacted"),
            records_detail(enacted),
            tuple(e.item_id for e in enacted),
        ),
        Criterion(
            "some-muatan",
            2,
            bool(covered),
            Text("Memuat sebagian muatan", "Covers part of the seven parts (muatan)"),
            Text(
                f"{len(covered)} dari {len(facts.muatan)}: {', '.join(covered) or '-'}",
                f"{len(covered)} of {len(facts.muatan)}: {', '.join(covered) or '-'}",
            ),
        ),
        Criterion(
            "all-muatan",
            3,
            len(covered) == len(facts.muatan),
            Text("Memuat ketujuh muatan", "Covers all seven parts (muatan)"),
            _missing([m for m in facts.muatan if m not in covered]),
        ),
        Criterion(
            "roadmap-budgeted",
            4,
            all(funded.values()),
            Text(
                f"Dituangkan dalam rencana kerja dan anggaran {BUDGET_YEARS} tahun terakhir",
                f"Carried into the work plan and budget of the last {BUDGET_YEARS} years",
            ),
            Text(
                "; ".join(
                    f"{y}: {', '.join(b.spec.get('document', b.item_id) for b in funded[y]) or 'tidak ada'}"
                    for y in years
                ),
                "; ".join(
                    f"{y}: {', '.join(b.spec.get('document', b.item_id) for b in funded[y]) or 'none'}" for y in years
                ),
            ),
            tuple(b.item_id for y in years for b in funded[y]),
        ),
        Criterion(
            "roadmap-reviewed",
            4,
            review is not None,
            Text("Direviu dalam 2 tahun terakhir", "Reviewed in the last 2 years"),
            review_detail(review, facts.on),
            (review.item_id,) if review else (),
        ),
        Criterion(
            "roadmap-follows-review",
            5,
            bool(followed),
            Text("Diperbarui sebagai tindak lanjut reviu", "Updated as follow-up of a review"),
            Text(
                ", ".join(r.item_id for r in followed) or "tidak ada reviu yang ditindaklanjuti di peta-rencana",
                ", ".join(r.item_id for r in followed) or "no review is followed up in peta-rencana",
            ),
            tuple(r.item_id for r in followed),
        ),
    ]


# --- helpers ----------------------------------------------------------------------------
def covering(records: tuple[RoadmapItem, ...], subject: str) -> list[RoadmapItem]:
    return [r for r in records if subject in (r.spec.get("covers") or [])]


def recent_review(facts: EvidenceFacts, subject: str) -> RoadmapItem | None:
    """The latest review of `subject` within 2 years before the assessment date, with issues and recommendations."""
    fit = [
        r
        for r in covering(facts.reviews, subject)
        if 0 <= (facts.on - dt.date.fromisoformat(r.spec["date"])).days <= REVIEW_MAX_AGE_DAYS
        and r.spec.get("issues")
        and r.spec.get("recommendations")
    ]
    return max(fit, key=lambda r: r.spec["date"], default=None)


def review_detail(review: RoadmapItem | None, on: dt.date) -> Text:
    if review is None:
        since = on - dt.timedelta(days=REVIEW_MAX_AGE_DAYS)
        return Text(
            f"tidak ada reviu dengan permasalahan dan rekomendasi sejak {since}",
            f"no review with issues and recommendations since {since}",
        )
    issues, recommendations = len(review.spec["issues"]), len(review.spec["recommendations"])
    return Text(
        f"{review.item_id} tanggal {review.spec['date']}: {issues} permasalahan, {recommendations} rekomendasi",
        f"{review.item_id} on {review.spec['date']}: {issues} issues, {recommendations} recommendations",
    )


def _follow_up(review: RoadmapItem | None, has_to_be: bool) -> Text:
    where = ", ".join(review.spec.get("followed_up_in") or []) if review else ""
    return Text(
        f"plateau to-be {'ada' if has_to_be else 'tidak ada'}"
        + (f"; reviu {review.item_id} ditindaklanjuti di: {where or '-'}" if review else ""),
        f"to-be plateau {'present' if has_to_be else 'absent'}"
        + (f"; review {review.item_id} followed up in: {where or '-'}" if review else ""),
    )


def records_detail(records: list[RoadmapItem]) -> Text:
    text = "; ".join(f"{r.spec.get('document')} ({r.spec.get('date')})" for r in records)
    return Text(text or "belum ada penetapan tercatat", text or "no enactment recorded")


def _domain_names(keys: list[str], lang: str) -> str:
    """Domain keys (infrastructure) as readers name them (Arsitektur Infrastruktur)."""
    metamodel = load_metamodel()
    return ", ".join(metamodel.domain(key).name(lang) for key in keys)


def _missing_domains(keys: list[str]) -> Text:
    names = _domain_names(keys, "id")
    return Text(
        f"belum ada: {names}" if keys else "lengkap", f"missing: {_domain_names(keys, 'en')}" if keys else "complete"
    )


def _missing(names: list[str]) -> Text:
    text = ", ".join(names)
    return Text(f"belum ada: {text}" if names else "lengkap", f"missing: {text}" if names else "complete")
