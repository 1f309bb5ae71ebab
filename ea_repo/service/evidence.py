"""Evidence for the instrument in force: indicators 11 and 12 (PermenPANRB 59/2020) or the Pemdi indicators
I1, I13-I16, I18 (PermenPANRB 8/2026); the provenance records and the self-assessment built on them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from ea_repo.access.principal import Principal, require_admin, require_ippd
from ea_repo.catalog.references import lists_in_force
from ea_repo.core.errors import NotFound, Refused
from ea_repo.core.i18n import Message
from ea_repo.evidence.assessment import (
    Assessment,
    DomainCoverage,
    ElementFact,
    EvidenceFacts,
    LinkFact,
    NationalUse,
    assess,
)
from ea_repo.evidence.pemdi import INSTRUMENT as PEMDI
from ea_repo.evidence.pemdi import PemdiAssessment, assess_pemdi
from ea_repo.planning.records import (
    BUDGET,
    ENACTMENT,
    EVIDENCE_KINDS,
    FIRST_YEAR,
    INITIATIVE,
    LAST_YEAR,
    REVIEW,
    RoadmapItem,
)
from ea_repo.planning.store import RoadmapWrite, read_roadmap, write_roadmap
from ea_repo.service.repository import Repository
from ea_repo.service.visibility import trim_item, visible_ids
from ea_repo.storage import store
from ea_repo.storage.db import atomic
from metamodel import (
    IndexInstrument,
    instrument_in_force,
    load_metamodel,
    load_national_catalogue,
    load_spbe_index,
    natural_key,
)

if TYPE_CHECKING:
    from ea_repo.reports.evidence import EvidenceContent

MISSING_SHOWN = 20
LEGACY = "permenpanrb-59-2020"  # indicators 11 and 12: what documents of past years cite
INSTRUMENTS = (PEMDI, LEGACY)  # the instruments the repository gives evidence for


def evidence_records(repo: Repository, ippd: str, *, principal: Principal) -> list[RoadmapItem]:
    """The IPPD's enactments, reviews and budget records, oldest first."""
    require_ippd(principal, ippd)
    with repo.engine.connect() as conn:
        items = [i for i in read_roadmap(conn, ippd) if i.kind in EVIDENCE_KINDS]
    return sorted(items, key=lambda i: (str(i.spec.get("date") or i.spec.get("year") or ""), natural_key(i.item_id)))


def record_evidence(repo: Repository, item: RoadmapItem, *, principal: Principal) -> RoadmapWrite:
    """Store one enactment, review or budget record (create or replace; the IPPD's admins)."""
    who = principal
    require_admin(who, item.ippd)
    with atomic(repo.engine) as conn:
        return write_roadmap(conn, [item], who)


def evidence_facts(repo: Repository, ippd: str, on: dt.date | None = None, *, principal: Principal) -> EvidenceFacts:
    who = principal
    require_ippd(who, ippd)
    if on is not None and not FIRST_YEAR <= on.year <= LAST_YEAR:  # '0001-01-01' minus two years is no date at all
        raise Refused(Message("assessment_date", date=on.isoformat(), first=FIRST_YEAR, last=LAST_YEAR))
    metamodel = load_metamodel()
    with repo.engine.connect() as conn:
        rows = [r for r in store.read_elements(conn, store.ElementFilter(ippd=ippd)) if who.sees(r.ippd, r.opd)]
        lists = lists_in_force(conn)
        visible = visible_ids(conn, who, ippd)
        records = [trim_item(i, visible) for i in read_roadmap(conn, ippd)]  # the initiatives name only what `who` sees
    as_is = [r for r in rows if r.plateau == metamodel.named_plateaus[0]]
    coverage = {
        d.key: _coverage(d, [r for r in as_is if metamodel.kind(r.kind).domain == d.key], lists[d.reference])
        for d in metamodel.domains
    }
    by_kind = {kind: tuple(i for i in records if i.kind == kind) for kind in (INITIATIVE, ENACTMENT, REVIEW, BUDGET)}
    return EvidenceFacts(
        ippd,
        on or dt.date.today(),
        coverage,
        tuple(sorted({r.plateau for r in rows}, key=metamodel.plateau_order)),
        by_kind[INITIATIVE],
        tuple(m.key for m in metamodel.roadmap.muatan),
        by_kind[ENACTMENT],
        by_kind[REVIEW],
        by_kind[BUDGET],
        tuple(_element_fact(r, lists, metamodel) for r in rows),
        _link_facts(as_is, metamodel),
    )


def _element_fact(row, lists, metamodel) -> ElementFact:
    domain = metamodel.kind(row.kind).domain
    interoperable = row.spec.get("interoperable")
    return ElementFact(
        row.element_id,
        row.kind,
        domain,
        row.plateau,
        row.opd,
        _valid(row, lists[metamodel.domain(domain).reference]),
        str(row.spec.get("category") or ""),
        interoperable if isinstance(interoperable, bool) else None,
        row.name or "",
    )


def _link_facts(rows, metamodel) -> tuple[LinkFact, ...]:
    """The links among these (visible) rows, each once, source first as its relation is named (declared on either
    end)."""
    kinds = {r.element_id: r.kind for r in rows}
    found = set()
    for row in rows:
        for field, target in row.links:
            resolved = metamodel.resolve_link(row.kind, field, kinds[target]) if target in kinds else None
            if resolved is not None:
                name = resolved.relation.name
                found.add(
                    LinkFact(target, name, row.element_id)
                    if resolved.reversed
                    else LinkFact(row.element_id, name, target)
                )
    return tuple(sorted(found, key=lambda l: (natural_key(l.source), l.relation, natural_key(l.target))))


def _valid(row, reference_list) -> bool:
    return any(reference_list.status(text.split(" ")[0]) in ("known", "local") for text in row.reference)


def _coverage(domain, rows, reference_list) -> DomainCoverage:
    valid: list[str] = []
    missing: list[str] = []
    for row in rows:
        (valid if _valid(row, reference_list) else missing).append(row.element_id)
    return DomainCoverage(
        domain.key,
        len(rows),
        len(valid),
        sum(1 for r in rows if r.reference),
        sum(1 for r in rows if r.links),
        bool(reference_list.codes),
        tuple(sorted(valid, key=natural_key)),
        tuple(sorted(missing, key=natural_key))[:MISSING_SHOWN],
    )


def assess_evidence(repo: Repository, ippd: str, on: dt.date | None = None, *, principal: Principal) -> Assessment:
    """Indicators 11 and 12 of PermenPANRB 59/2020."""
    return assess(evidence_facts(repo, ippd, on, principal=principal))


def evidence_instrument(key: str | None = None, on: dt.date | None = None) -> IndexInstrument:
    """The instrument named, or the one in force on the date (default today); only those the repository gives
    evidence for."""
    if key is None:
        in_force = instrument_in_force(on or dt.date.today())
        key = in_force.key if in_force.key in INSTRUMENTS else LEGACY  # before 59/2020: its indicators 11/12, as always
    if key not in INSTRUMENTS:
        raise Refused(Message("evidence_instrument", got=key, known=", ".join(INSTRUMENTS)))
    return load_spbe_index().instrument(key)


def assess_pemdi_evidence(
    repo: Repository, ippd: str, on: dt.date | None = None, *, principal: Principal
) -> PemdiAssessment:
    """The Pemdi indicators where the architecture is evidence (I1, I13-I16, I18): criteria, IDs, what is missing."""
    who = principal
    facts = evidence_facts(repo, ippd, on, principal=who)
    national = _national_use(repo, ippd, who, facts)
    return assess_pemdi(dataclasses.replace(facts, national=national), load_spbe_index().instrument(PEMDI))


def assessment_for(
    repo: Repository,
    ippd: str,
    on: dt.date | None = None,
    instrument: str | None = None,
    *,
    principal: Principal,
) -> Assessment | PemdiAssessment:
    """The self-assessment under the instrument named, or the one in force on the date."""
    chosen = evidence_instrument(instrument, on)
    if chosen.key == PEMDI:
        return assess_pemdi_evidence(repo, ippd, on, principal=principal)
    return assess_evidence(repo, ippd, on, principal=principal)


def evidence_summary(repo: Repository, ippd: str, *, principal: Principal) -> tuple[str, int, int]:
    """The instrument in force today (its short name), and how many of its criteria the repository meets of how
    many (`ea evidence status` and the evidence page have the detail)."""
    assessment = assessment_for(repo, ippd, principal=principal)
    criteria = [c for indicator in assessment.indicators for c in indicator.criteria]
    short = evidence_instrument(None, assessment.on).short
    return short, sum(1 for c in criteria if c.passed), len(criteria)


def _national_use(repo: Repository, ippd: str, who: Principal, facts: EvidenceFacts) -> NationalUse:
    """Applications that are (or declare themselves) Aplikasi Umum, and local copies of a national application, as the
    redundancy engine finds them among the applications `who` sees."""
    from ea_repo.redundancy.model import USE_NATIONAL
    from ea_repo.redundancy.recommend import is_itself
    from ea_repo.service.redundancy import redundancy_report

    apps = [e for e in facts.elements if e.plateau == load_metamodel().named_plateaus[0] and e.kind == "Application"]
    if not apps:
        return NationalUse()
    try:
        report = redundancy_report(repo, principal=who, ippd=ippd)
    except NotFound:  # an IPPD with elements but no organisation row: nothing to compare under
        return NationalUse(tuple(sorted((a.element_id for a in apps if a.category == "umum"), key=natural_key)))
    catalogue = load_national_catalogue()
    # one application under a national one's own name forms no cluster (nothing is duplicated): found here, by
    # the same name rule the engine uses (is_itself reads only .name, which an ElementFact has)
    itself = {a.element_id for a in apps if any(is_itself(a, n) for n in catalogue.applications)}
    copies = set()
    for cluster in report.clusters:
        national = cluster.national
        if national is None:
            continue
        for member in cluster.members:
            if is_itself(member, national) or cluster.recommendation.action != USE_NATIONAL:
                itself.add(member.element_id)
            else:
                copies.add((member.element_id, national.name))
    copied = {a for a, _ in copies}
    in_use = ({a.element_id for a in apps if a.category == "umum"} | itself) - copied
    return NationalUse(tuple(sorted(in_use, key=natural_key)), tuple(sorted(copies, key=lambda c: natural_key(c[0]))))


def evidence_content(
    repo: Repository,
    ippd: str,
    on: dt.date | None = None,
    figures: tuple = (),
    instrument: str | None = None,
    figures_note: str | None = None,
    *,
    principal: Principal,
) -> EvidenceContent:
    """What the evidence document shows: the catalogue, the records, the roadmap, the gap and the assessment under the
    instrument named (default: the one in force on the date). `figures_note`: why the diagrams could not be drawn."""
    from ea_repo.reports.evidence import EvidenceContent
    from ea_repo.service.planning import gap_report, roadmap
    from ea_repo.service.sheets import catalog_documents

    who = principal
    metamodel = load_metamodel()
    everything = catalog_documents(repo, ippd, principal=who)
    documents = [d for d in everything if metamodel.has_kind(d["kind"])]
    names = [d["metadata"].get("name") for d in everything if d["kind"] == "IPPD" and d["metadata"]["id"] == ippd]
    opd_names = {
        d["metadata"]["id"]: d["metadata"]["name"]
        for d in everything
        if d["kind"] == "OPD" and d["metadata"].get("name")
    }
    plateaus = {d["metadata"].get("plateau", "as-is") for d in documents}
    gap = gap_report(repo, ippd, principal=who) if {"as-is", "to-be"} <= plateaus else None
    assessment = assessment_for(repo, ippd, on, instrument, principal=who)
    return EvidenceContent(
        ippd,
        names[0] if names else None,
        assessment.on,
        documents,
        evidence_records(repo, ippd, principal=who),
        roadmap(repo, ippd, principal=who),
        gap,
        assessment,
        tuple(figures),
        opd_names,
        figures_note,
    )


def evidence_status(
    repo: Repository,
    ippd: str,
    on: dt.date | None = None,
    instrument: str | None = None,
    lang: str = "id",
    *,
    principal: Principal,
) -> dict:
    """The self-assessment under the instrument named (default: in force on the date) as data, with the
    provenance records (what GET /v1/ippds/{ippd}/evidence answers)."""
    from ea_repo.evidence.assessment import assessment_data
    from ea_repo.evidence.pemdi import pemdi_data

    assessment = assessment_for(repo, ippd, on, instrument, principal=principal)
    records = evidence_records(repo, ippd, principal=principal)
    data = (
        pemdi_data(assessment, lang) if isinstance(assessment, PemdiAssessment) else assessment_data(assessment, lang)
    )
    return {**data, "records": [r.document(with_version=True) for r in records]}


def put_evidence_record(
    repo: Repository, ippd: str, record_id: str, body: dict, *, principal: Principal
) -> RoadmapItem:
    """Create or replace one enactment, review or budget record from its document (the IPPD's admins)."""
    from ea_repo.service.planning import put_roadmap_item

    return put_roadmap_item(repo, ippd, record_id, body, EVIDENCE_KINDS, principal=principal)


def delete_evidence_record(repo: Repository, ippd: str, record_id: str, *, principal: Principal) -> None:
    from ea_repo.service.planning import delete_roadmap_item

    delete_roadmap_item(repo, ippd, record_id, EVIDENCE_KINDS, principal=principal)
