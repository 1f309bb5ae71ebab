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
from ea_repo.core.i18n import joined
from ea_repo.evidence.text import EVIDENCE
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
    caveat = EVIDENCE.text("unverified_lists", names=_domain_names(unverifiable)) if unverifiable else None
    followed = [r for r in ([review] if review else []) if TARGET_PLATEAU in (r.spec.get("followed_up_in") or [])]
    return [
        Criterion(
            "as-is-exists",
            1,
            total > 0,
            Text("Arsitektur as-is tersusun (draf)", "An as-is architecture exists (draft)"),
            EVIDENCE.text("as_is_elements", count=total, present=len(present), domains=len(domains)),
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
            EVIDENCE.text("domains_coded", count=len(coded)),
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
            EVIDENCE.text("aligned_national", share=ALIGNED_SHARE),
            EVIDENCE.text("checkable_valid", valid=valid, checkable=checkable, share=valid / checkable)
            if checkable
            else EVIDENCE["nothing_checkable"],
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
            EVIDENCE.text("initiatives", count=len(facts.initiatives)),
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
            EVIDENCE.text(
                "muatan_covered", count=len(covered), total=len(facts.muatan), names=", ".join(covered) or "-"
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
            EVIDENCE.text("budgeted_years", years=BUDGET_YEARS),
            joined("; ", (EVIDENCE.text("budget_year", year=y, documents=_budgets(funded[y])) for y in years)),
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
            _verbatim(", ".join(r.item_id for r in followed)) if followed else EVIDENCE["no_review_followed_roadmap"],
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
        return EVIDENCE.text("no_review_since", since=on - dt.timedelta(days=REVIEW_MAX_AGE_DAYS))
    return EVIDENCE.text(
        "review_counts",
        review=review.item_id,
        date=review.spec["date"],
        issues=len(review.spec["issues"]),
        recommendations=len(review.spec["recommendations"]),
    )


def _follow_up(review: RoadmapItem | None, has_to_be: bool) -> Text:
    plateau = EVIDENCE["to_be_present" if has_to_be else "to_be_absent"]
    if review is None:
        return plateau
    where = ", ".join(review.spec.get("followed_up_in") or []) or "-"
    return EVIDENCE.text("review_followed_in", plateau=plateau, review=review.item_id, where=where)


def records_detail(records: list[RoadmapItem]) -> Text:
    text = "; ".join(f"{r.spec.get('document')} ({r.spec.get('date')})" for r in records)  # their own words
    return _verbatim(text) if text else EVIDENCE["no_enactment"]


def _budgets(records: list[RoadmapItem]) -> Text:
    documents = ", ".join(b.spec.get("document", b.item_id) for b in records)  # their own words
    return _verbatim(documents) if documents else EVIDENCE["no_budget"]


def _verbatim(words: str) -> Text:
    """IDs and the records' own words: the same in either language."""
    return Text(words, words)


def _domain_names(keys: list[str]) -> Text:
    """Domain keys (infrastructure) as readers name them (Arsitektur Infrastruktur), in both languages."""
    metamodel = load_metamodel()
    return joined(", ", (Text(metamodel.domain(key).name("id"), metamodel.domain(key).name("en")) for key in keys))


def _missing_domains(keys: list[str]) -> Text:
    return EVIDENCE.text("missing", names=_domain_names(keys)) if keys else EVIDENCE["complete"]


def _missing(names: list[str]) -> Text:
    return EVIDENCE.text("missing", names=", ".join(names)) if names else EVIDENCE["complete"]
