"""Evidence for the Indeks Pemerintah Digital (PermenPANRB 8/2026): what the architecture shows for I1, I13-I16, I18.

What each indicator looks at is taken from the public transcription of the regulation,
RokiFauziErenJaegar/edukasi-pemdi-permenpanrb-8-2026, data/regulasi.js ("disarikan langsung dari naskah
salinan PermenPANRB 8/2026"); I15 "berbasis Arsitektur Pemdi" from Syamsuddin/arsitektur-pemdi-opd,
regulasi-pemdi-2026.md. Their level rubric is not in the sources we hold, so no level is computed here:
each criterion says what the repository holds (counts and the IDs behind them), what is missing and what
to do next. Never more than the data supports; the assessor decides.

Each criterion is a small pure function of `EvidenceFacts` (gathered once, by the service layer).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from ea_repo.checks.findings import Text
from ea_repo.core.i18n import joined
from ea_repo.evidence.assessment import (
    ALIGNED_SHARE,
    DomainCoverage,
    ElementFact,
    EvidenceFacts,
    covering,
    recent_review,
    records_detail,
    review_detail,
)
from ea_repo.evidence.text import EVIDENCE
from metamodel import IndexInstrument, load_metamodel, natural_key

INSTRUMENT = "permenpanrb-8-2026"
AS_IS = "as-is"


@dataclass(frozen=True)
class PemdiCriterion:
    """One thing the repository can show for an indicator: met or not, what stands behind it, what falls short."""

    key: str
    passed: bool
    title: Text
    detail: Text  # what the repository holds, counted
    evidence: tuple[str, ...] = ()  # the IDs of the elements, links, records and initiatives behind it
    missing: tuple[str, ...] = ()  # the IDs that fall short (elements without a code, a link, ...)
    step: Text | None = None  # what to do next while it is not met


@dataclass(frozen=True)
class PemdiIndicator:
    number: int
    name: str
    weight: Fraction | None
    aspect: Text
    looks_at: Text  # what the indicator looks at, in the source's words
    external: str  # scored from another index (as the instrument says), else ""
    criteria: tuple[PemdiCriterion, ...]

    def unmet(self) -> list[PemdiCriterion]:
        return [c for c in self.criteria if not c.passed]


@dataclass(frozen=True)
class PemdiAssessment:
    ippd: str
    on: dt.date
    instrument: IndexInstrument
    indicators: tuple[PemdiIndicator, ...]
    coverage: dict[str, DomainCoverage] = field(default_factory=dict)

    @property
    def disclaimer(self) -> Text:
        index = Text(self.instrument.index_label("id"), self.instrument.index_label("en"))
        return EVIDENCE.text("pemdi_disclaimer", index=index, short=self.instrument.short)


# What each indicator looks at ([PEMDI-EDU] data/regulasi.js; I15 also [PEMDI-OPD] "berbasis Arsitektur Pemdi").
LOOKS_AT = {
    1: Text(
        "Rencana Aksi Nasional Pemdi & Arsitektur Pemdi sebagai acuan transformasi tata kelola",
        "The national Pemdi action plan and the Pemdi architecture as the reference for transforming governance",
    ),
    13: Text(
        "Aplikasi umum berbagi pakai & aplikasi khusus yang andal",
        "Shared general applications and reliable specific applications",
    ),
    14: Text(
        "Pusat Data Nasional, jaringan intra, dan komputasi awan pemerintah",
        "The national data centre, the government intranet and government cloud computing",
    ),
    15: Text(
        "Proses bisnis terpadu lintas unit dan instansi, berbasis Arsitektur Pemdi",
        "Business processes integrated across units and agencies, based on the Pemdi architecture",
    ),
    16: Text("Aplikasi saling terintegrasi mengurangi silo", "Applications integrated with each other, fewer silos"),
    18: Text("Pertukaran data antarsistem secara otomatis", "Automatic data exchange between systems"),
}


def assess_pemdi(facts: EvidenceFacts, instrument: IndexInstrument) -> PemdiAssessment:
    indicators = []
    for number, criteria in CRITERIA.items():
        indicator = instrument.indicator(number)
        indicators.append(
            PemdiIndicator(
                number,
                indicator.name,
                indicator.weight,
                _label(instrument.aspect_of(number)),
                LOOKS_AT[number],
                indicator.external,
                tuple(criteria(facts)),
            )
        )
    return PemdiAssessment(facts.ippd, facts.on, instrument, tuple(indicators), facts.as_is)


def _label(aspect) -> Text:
    return Text(aspect.label("id"), aspect.label("en"))


# --- I1 Tata Kelola Pemdi: the architecture and the roadmap as the reference ---------------------------
def governance_criteria(facts: EvidenceFacts) -> list[PemdiCriterion]:
    domains = facts.as_is
    absent = [d.domain for d in domains.values() if not d.elements]
    enacted = covering(facts.enactments, "arsitektur")
    review = recent_review(facts, "arsitektur")
    checkable = [d for d in domains.values() if d.list_loaded]
    valid = sum(d.valid_code for d in checkable)
    total = sum(d.elements for d in checkable)
    initiatives = _sorted(i.item_id for i in facts.initiatives)
    to_be = _ids(e for e in facts.elements if e.plateau != AS_IS)
    return [
        _criterion(
            "architecture-six-domains",
            bool(domains) and not absent,
            Text("Arsitektur as-is mencakup keenam domain", "The as-is architecture covers all six domains"),
            EVIDENCE.text(
                "domains_present",
                count=len(domains) - len(absent),
                total=len(domains),
                missing=", ".join(absent) or "-",
            ),
            _ids(e for e in facts.elements if e.plateau == AS_IS),
            (),
            Text(
                "Lengkapi katalog domain yang belum ada (ea template, ea import)",
                "Fill in the missing domains (ea template, ea import)",
            ),
        ),
        _criterion(
            "architecture-enacted",
            bool(enacted),
            Text("Arsitektur ditetapkan secara formal", "The architecture is formally enacted"),
            records_detail(enacted),
            tuple(e.item_id for e in enacted),
            (),
            Text(
                "Catat penetapannya: `ea evidence record enactment --covers arsitektur`",
                "Record its enactment: `ea evidence record enactment --covers arsitektur`",
            ),
        ),
        _criterion(
            "architecture-aligned",
            total > 0 and valid >= ALIGNED_SHARE * total,
            EVIDENCE.text("pemdi_aligned", share=ALIGNED_SHARE),
            _share(
                valid,
                total,
                Text("elemen as-is yang dapat diperiksa berkode sah", "checkable as-is elements with a valid code"),
            ),
            _sorted(i for d in checkable for i in d.valid_ids),
            _sorted(i for d in checkable for i in d.missing_ids),
            Text(
                "Isi Kode Model Referensi dari daftar nasional (ea reference list)",
                "Fill in the reference codes from the national lists",
            ),
        ),
        _criterion(
            "architecture-reviewed",
            review is not None,
            Text("Arsitektur direviu dalam 2 tahun terakhir", "The architecture was reviewed in the last 2 years"),
            review_detail(review, facts.on),
            (review.item_id,) if review else (),
            (),
            Text(
                "Catat reviu dengan permasalahan dan rekomendasi: `ea evidence record review`",
                "Record a review with issues and recommendations: `ea evidence record review`",
            ),
        ),
        _criterion(
            "roadmap-initiatives",
            bool(initiatives),
            Text("Peta Rencana berisi inisiatif", "A roadmap (Peta Rencana) with initiatives"),
            EVIDENCE.text("initiatives", count=len(initiatives)),
            initiatives,
            (),
            Text(
                "Susun inisiatif dari kesenjangan: ea roadmap draft", "Draft initiatives from the gap: ea roadmap draft"
            ),
        ),
        _criterion(
            "target-architecture",
            bool(to_be),
            Text(
                "Arsitektur target (to-be) sebagai acuan transformasi",
                "A target (to-be) architecture to transform towards",
            ),
            EVIDENCE.text("beyond_as_is", count=len(to_be)),
            to_be,
            (),
            Text(
                "Mulai to-be dari as-is dan ubah sesuai rencana",
                "Start the to-be from the as-is and change it as planned",
            ),
        ),
    ]


# --- I13 Aplikasi: shared general applications, catalogued specific ones ------------------------------
def application_criteria(facts: EvidenceFacts) -> list[PemdiCriterion]:
    apps = _of(facts, "application")
    coded = [a for a in apps if a.coded]
    supporting = _sources(facts, "supports")
    unlinked = _ids(a for a in apps if a.element_id not in supporting)
    copies = facts.national.copies
    planned = _ids(e for e in facts.elements if e.plateau != AS_IS and e.domain == "application")
    plans = _sorted(i.item_id for i in facts.initiatives if i.spec.get("muatan") == _muatan("application"))
    return [
        _catalogued(
            "applications-catalogued",
            apps,
            Text("Aplikasi tercatat (as-is)", "Applications catalogued (as-is)"),
            Text("Catat aplikasi di katalog Arsitektur Aplikasi", "Catalogue the applications"),
        ),
        _criterion(
            "applications-coded",
            bool(apps) and len(coded) >= ALIGNED_SHARE * len(apps),
            EVIDENCE.text("applications_coded", share=ALIGNED_SHARE),
            _share(len(coded), len(apps), Text("aplikasi berkode sah", "applications with a valid code")),
            _ids(coded),
            _ids(a for a in apps if not a.coded),
            Text("Isi kode RAA tiap aplikasi", "Fill in each application's RAA code"),
        ),
        _criterion(
            "applications-support-services",
            bool(apps) and not unlinked,
            Text(
                "Setiap aplikasi tertaut ke layanan yang didukungnya",
                "Every application linked to the services it supports",
            ),
            _share(
                len(apps) - len(unlinked),
                len(apps),
                Text("aplikasi mendukung layanan", "applications support a service"),
            ),
            _ids(a for a in apps if a.element_id in supporting),
            unlinked,
            Text("Tautkan aplikasi ke layanannya (services)", "Link each application to its services (services)"),
        ),
        _criterion(
            "aplikasi-umum-used",
            bool(facts.national.in_use),
            Text("Aplikasi Umum berbagi pakai digunakan", "Shared Aplikasi Umum in use"),
            EVIDENCE.text("national_in_use", count=len(facts.national.in_use)),
            facts.national.in_use,
            (),
            Text(
                "Catat Aplikasi Umum yang dipakai (Jenis Aplikasi: umum)",
                "Record the Aplikasi Umum in use (category: umum)",
            ),
        ),
        _criterion(
            "no-local-copies",
            bool(apps) and not copies,
            Text(
                "Tidak ada aplikasi lokal yang menduplikasi aplikasi nasional",
                "No local application duplicates a national one",
            ),
            EVIDENCE.text("local_copies", count=len(copies), pairs=", ".join(f"{a} ~ {n}" for a, n in copies) or "-"),
            (),
            tuple(a for a, _ in copies),
            Text(
                "Ganti dengan aplikasi nasionalnya (ea redundancy)",
                "Replace them with the national application (ea redundancy)",
            ),
        ),
        _criterion(
            "applications-planned",
            bool(planned or plans),
            Text(
                "Rencana aplikasi ke depan (to-be, inisiatif muatan aplikasi)",
                "Plans for the applications (to-be, application initiatives)",
            ),
            EVIDENCE.text("planned_applications", applications=len(planned), initiatives=len(plans)),
            planned + plans,
            (),
            Text("Susun to-be aplikasi dan inisiatifnya", "Draw up the to-be applications and their initiatives"),
        ),
    ]


# --- I14 Infrastruktur: data centre, intranet, cloud, and what runs on them -----------------------------
# The three things the source names, as the metamodel's infrastructure kinds.
NAMED_INFRASTRUCTURE = (
    ("Facility", Text("pusat data", "data centre")),
    ("IntraNetwork", Text("jaringan intra", "intranet")),
    ("Cloud", Text("komputasi awan", "cloud")),
)


def infrastructure_criteria(facts: EvidenceFacts) -> list[PemdiCriterion]:
    infra = _of(facts, "infrastructure")
    kinds = {e.kind for e in infra}
    absent = [(k, w) for k, w in NAMED_INFRASTRUCTURE if k not in kinds]
    apps = _of(facts, "application")
    hosted = _sources(facts, "runs-on")
    unhosted = _ids(a for a in apps if a.element_id not in hosted)
    plans = _sorted(i.item_id for i in facts.initiatives if i.spec.get("muatan") == _muatan("infrastructure"))
    named = _ids(e for e in infra if e.kind in dict(NAMED_INFRASTRUCTURE))
    return [
        _catalogued(
            "infrastructure-catalogued",
            infra,
            Text("Infrastruktur tercatat (as-is)", "Infrastructure catalogued (as-is)"),
            Text("Catat server, jaringan dan fasilitas", "Catalogue servers, networks and facilities"),
        ),
        _criterion(
            "data-centre-intranet-cloud",
            not absent,
            Text("Pusat data, jaringan intra dan komputasi awan tercatat", "Data centre, intranet and cloud recorded"),
            joined(
                "; ",
                (
                    EVIDENCE.text("named_count", name=name, count=sum(1 for e in infra if e.kind == kind))
                    for kind, name in NAMED_INFRASTRUCTURE
                ),
            ),
            named,
            (),
            Text(
                "Catat fasilitas komputasi, jaringan intra dan komputasi awan yang dipakai",
                "Record the computing facility, the intranet and the cloud in use",
            ),
        ),
        _criterion(
            "applications-hosted",
            bool(apps) and not unhosted,
            Text(
                "Setiap aplikasi tertaut ke infrastruktur tempatnya berjalan",
                "Every application linked to the infrastructure it runs on",
            ),
            _share(
                len(apps) - len(unhosted),
                len(apps),
                Text("aplikasi berjalan di infrastruktur tercatat", "applications run on recorded infrastructure"),
            ),
            _ids(a for a in apps if a.element_id in hosted),
            unhosted,
            Text(
                "Tautkan aplikasi ke server/cloud (runs_on)", "Link each application to its server or cloud (runs_on)"
            ),
        ),
        _criterion(
            "infrastructure-planned",
            bool(plans),
            Text("Inisiatif infrastruktur di Peta Rencana", "Infrastructure initiatives in the roadmap"),
            EVIDENCE.text("initiatives", count=len(plans)),
            plans,
            (),
            Text("Susun inisiatif muatan infrastruktur", "Draw up infrastructure initiatives"),
        ),
    ]


# --- I15 Keterpaduan proses bisnis lintas unit dan instansi ------------------------------------------
def process_criteria(facts: EvidenceFacts) -> list[PemdiCriterion]:
    processes = _of(facts, "business")
    realised = _targets(facts, "realises")
    unrealised = _ids(p for p in processes if p.element_id not in realised)
    reach = _process_reach(facts)
    opd = {e.element_id: e.opd for e in facts.elements if e.plateau == AS_IS}
    cross_unit = _sorted(p for p, ids in reach.items() if len({opd[i] for i in ids | {p} if opd.get(i)}) >= 2)
    national = set(facts.national.in_use)
    cross_agency = _sorted(p for p, ids in reach.items() if ids & national)
    return [
        _catalogued(
            "processes-catalogued",
            processes,
            Text("Proses bisnis tercatat (as-is)", "Business processes catalogued (as-is)"),
            Text("Catat peta proses bisnis", "Catalogue the business processes"),
        ),
        _criterion(
            "processes-realised",
            bool(processes) and not unrealised,
            Text("Setiap proses bisnis direalisasikan oleh layanan", "Every business process realised by a service"),
            _share(
                len(processes) - len(unrealised),
                len(processes),
                Text("proses bisnis bertaut layanan", "processes linked to a service"),
            ),
            _ids(p for p in processes if p.element_id in realised),
            unrealised,
            Text("Tautkan layanan ke proses bisnisnya (processes)", "Link each service to its processes (processes)"),
        ),
        _criterion(
            "processes-cross-unit",
            bool(cross_unit),
            Text(
                "Proses bisnis lintas unit (layanan/aplikasinya di dua OPD atau lebih)",
                "Processes across units (their services or applications in two or more OPDs)",
            ),
            EVIDENCE.text("processes", count=len(cross_unit)),
            cross_unit,
            (),
            Text(
                "Tautkan proses ke layanan dan aplikasi OPD lain yang ikut menjalankannya",
                "Link the processes to the other OPDs' services and applications that take part",
            ),
        ),
        _criterion(
            "processes-cross-agency",
            bool(cross_agency),
            Text(
                "Proses bisnis lintas instansi (dilayani aplikasi nasional milik instansi lain)",
                "Processes across agencies (served by a national application another agency runs)",
            ),
            EVIDENCE.text("processes", count=len(cross_agency)),
            cross_agency,
            (),
            Text(
                "Tautkan proses ke Aplikasi Umum yang melayaninya",
                "Link the processes to the Aplikasi Umum that serve them",
            ),
        ),
    ]


def _process_reach(facts: EvidenceFacts) -> dict[str, set[str]]:
    """Each as-is process -> the services realising it and the applications automating it or supporting those
    services."""
    processes = {p.element_id for p in _of(facts, "business")}
    reach: dict[str, set[str]] = {p: set() for p in processes}
    supports = defaultdict(set)
    for link in facts.links:
        if link.relation == "supports":
            supports[link.target].add(link.source)
    for link in facts.links:
        if link.target in reach and link.relation in ("realises", "automates"):
            reach[link.target] |= {link.source} | supports.get(link.source, set())
    return reach


# --- I16 Integrasi aplikasi -----------------------------------------------------------------------------
def integration_criteria(facts: EvidenceFacts) -> list[PemdiCriterion]:
    apps = {a.element_id for a in _of(facts, "application")}
    # integration has no direction: A.001 -> A.002 declared on both ends is one integration
    pairs = {
        tuple(sorted((l.source, l.target), key=natural_key))
        for l in facts.links
        if l.relation == "integrates" and l.source in apps and l.target in apps
    }
    through = [(l.source, l.target) for l in facts.links if l.relation == "integrates" and l.target not in apps]
    integrated = {a for pair in pairs for a in pair}
    silos = _sorted(apps - integrated)
    return [
        _criterion(
            "integration-links",
            bool(pairs),
            Text("Tautan integrasi antaraplikasi tercatat", "Application-to-application integrations recorded"),
            EVIDENCE.text("integration_links", count=len(pairs)),
            tuple(sorted((f"{a} ↔ {b}" for a, b in pairs), key=natural_key)),
            (),
            Text(
                "Catat integrasi antaraplikasi (integrates_with)",
                "Record the integrations between applications (integrates_with)",
            ),
        ),
        _criterion(
            "no-silo",
            len(apps) >= 2 and not silos,
            Text(
                "Setiap aplikasi terintegrasi dengan sedikitnya satu aplikasi lain",
                "Every application integrated with at least one other",
            ),
            _share(len(integrated), len(apps), Text("aplikasi terintegrasi", "applications integrated")),
            _sorted(integrated),
            silos,
            Text("Integrasikan aplikasi yang masih berdiri sendiri", "Integrate the applications that stand alone"),
        ),
        _criterion(
            "service-link",
            bool(through),
            Text("Integrasi melalui sistem penghubung layanan", "Integration through a service link system"),
            EVIDENCE.text("service_link_links", count=len(through)),
            _pairs(through),
            (),
            Text(
                "Catat sistem penghubung layanan (mis. SPLP) dan aplikasi yang memakainya",
                "Record the service link system (e.g. SPLP) and the applications using it",
            ),
        ),
    ]


# --- I18 Interoperabilitas data -------------------------------------------------------------------------
def interoperability_criteria(facts: EvidenceFacts) -> list[PemdiCriterion]:
    data = _of(facts, "data")
    users: dict[str, set[str]] = defaultdict(set)
    for link in facts.links:
        if link.relation == "uses":
            users[link.target].add(link.source)
    shared = _sorted(d for d, apps in users.items() if len(apps) >= 2)
    exchanged = _exchanges(facts, users)
    marked = _ids(d for d in data if d.interoperable)
    return [
        _catalogued(
            "data-catalogued",
            data,
            Text("Data tercatat (as-is)", "Data catalogued (as-is)"),
            Text("Catat katalog data", "Catalogue the data"),
        ),
        _criterion(
            "data-shared",
            bool(shared),
            Text("Data digunakan oleh dua aplikasi atau lebih", "Data used by two or more applications"),
            EVIDENCE.text("data_shared", count=len(shared), total=len(data)),
            shared,
            (),
            Text("Tautkan aplikasi ke data yang dipakainya (data)", "Link each application to the data it uses (data)"),
        ),
        _criterion(
            "data-exchanged",
            bool(exchanged),
            Text(
                "Data dipertukarkan antaraplikasi yang terintegrasi", "Data exchanged between integrated applications"
            ),
            EVIDENCE.text("exchanges", count=len(exchanged)),
            tuple(exchanged),
            (),
            Text(
                "Catat integrasi antara aplikasi yang memakai data yang sama",
                "Record the integration of applications using the same data",
            ),
        ),
        _criterion(
            "data-interoperable",
            bool(marked),
            Text("Data dinyatakan interoperabel", "Data declared interoperable"),
            _share(len(marked), len(data), Text("data interoperabel", "data interoperable")),
            marked,
            _ids(d for d in data if not d.interoperable),
            Text(
                "Isi kolom Interoperabilitas di katalog data",
                "Fill in the Interoperabilitas column of the data catalogue",
            ),
        ),
    ]


def _exchanges(facts: EvidenceFacts, users: dict[str, set[str]]) -> list[str]:
    """ "A.1 ↔ A.2: D.1" for each integration between two applications that use the same data."""
    out = []
    for link in facts.links:
        if link.relation == "integrates":
            common = _sorted(d for d, apps in users.items() if {link.source, link.target} <= apps)
            if common:
                out.append(f"{link.source} ↔ {link.target}: {', '.join(common)}")
    return sorted(set(out), key=natural_key)


CRITERIA: dict[int, Callable[[EvidenceFacts], list[PemdiCriterion]]] = {
    1: governance_criteria,
    13: application_criteria,
    14: infrastructure_criteria,
    15: process_criteria,
    16: integration_criteria,
    18: interoperability_criteria,
}


# --- helpers ----------------------------------------------------------------------------------------------
def _criterion(
    key: str, passed: bool, title: Text, detail: Text, evidence=(), missing=(), step: Text | None = None
) -> PemdiCriterion:
    return PemdiCriterion(key, passed, title, detail, tuple(evidence), tuple(missing), None if passed else step)


def _catalogued(key: str, elements: list[ElementFact], title: Text, step: Text) -> PemdiCriterion:
    counts: dict[str, int] = defaultdict(int)
    for element in elements:
        counts[element.kind] += 1
    metamodel = load_metamodel()
    kinds = joined(
        ", ",
        (
            EVIDENCE.text(
                "kind_count", count=n, kind=Text(metamodel.kind(k).title("id"), metamodel.kind(k).title("en"))
            )
            for k, n in counts.items()
        ),
    )
    return _criterion(
        key,
        bool(elements),
        title,
        EVIDENCE.text("elements_by_kind", count=len(elements), kinds=kinds)
        if counts
        else EVIDENCE.text("elements", count=len(elements)),
        _ids(elements),
        (),
        step,
    )


def _of(facts: EvidenceFacts, domain: str) -> list[ElementFact]:
    return sorted(
        (e for e in facts.elements if e.plateau == AS_IS and e.domain == domain),
        key=lambda e: natural_key(e.element_id),
    )


def _sources(facts: EvidenceFacts, relation: str) -> set[str]:
    return {l.source for l in facts.links if l.relation == relation}


def _targets(facts: EvidenceFacts, relation: str) -> set[str]:
    return {l.target for l in facts.links if l.relation == relation}


def _muatan(domain: str) -> str:
    return load_metamodel().roadmap.domain_muatan[domain]


def _ids(elements) -> tuple[str, ...]:
    return _sorted(e.element_id for e in elements)


def _sorted(ids) -> tuple[str, ...]:
    return tuple(sorted(set(ids), key=natural_key))


def _pairs(pairs: list[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(sorted({f"{a} → {b}" for a, b in pairs}, key=natural_key))


def _share(part: int, whole: int, what: Text) -> Text:
    """ "3 dari 4 aplikasi ... (75%)": `what` names what is counted."""
    if not whole:
        return EVIDENCE.text("share_of_none", part=part, whole=whole, what=what)
    return EVIDENCE.text("share", part=part, whole=whole, what=what, share=part / whole)


def pemdi_data(assessment: PemdiAssessment, lang: str = "id") -> dict:
    """JSON-ready: per indicator its name, weight, criteria (with the IDs behind them and those missing), next steps."""
    instrument = assessment.instrument
    return {
        "instrument": {
            "key": instrument.key,
            "short": instrument.short,
            "title": instrument.title,
            "index": instrument.index_label(lang),
        },
        "ippd": assessment.ippd,
        "date": assessment.on.isoformat(),
        "disclaimer": assessment.disclaimer.get(lang),
        "indicators": [
            {
                "indicator": i.number,
                "name": i.name,
                "weight": float(i.weight) if i.weight is not None else None,
                "aspect": i.aspect.get(lang),
                "looks_at": i.looks_at.get(lang),
                "external": i.external or None,
                "criteria": [
                    {
                        "key": c.key,
                        "passed": c.passed,
                        "title": c.title.get(lang),
                        "detail": c.detail.get(lang),
                        "evidence": list(c.evidence),
                        "missing": list(c.missing),
                        "next_step": c.step.get(lang) if c.step else None,
                    }
                    for c in i.criteria
                ],
                "missing": [c.title.get(lang) for c in i.unmet()],
                "next_steps": [c.step.get(lang) for c in i.unmet() if c.step],
            }
            for i in assessment.indicators
        ],
    }
