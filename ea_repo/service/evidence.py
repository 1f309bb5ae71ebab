"""Evidence for indicators 11 and 12: the provenance records and the self-assessment built on them."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from metamodel import load_metamodel, natural_key

from .. import store
from ..access import Principal, local_principal, require_admin, require_ippd
from ..db import atomic
from ..errors import Refused
from ..evidence import Assessment, DomainCoverage, EvidenceFacts, assess
from ..i18n import Message
from ..references import lists_in_force
from ..roadmap_docs import BUDGET, ENACTMENT, EVIDENCE_KINDS, FIRST_YEAR, INITIATIVE, LAST_YEAR, REVIEW, RoadmapItem
from ..roadmap_store import RoadmapWrite, read_roadmap, write_roadmap
from .repository import Repository
from .visibility import trim_item, visible_ids

if TYPE_CHECKING:
    from ..reports.evidence import EvidenceContent

MISSING_SHOWN = 20


def evidence_records(repo: Repository, ippd: str, principal: Principal | None = None) -> list[RoadmapItem]:
    """The IPPD's enactments, reviews and budget records, oldest first."""
    require_ippd(principal or local_principal(), ippd)
    with repo.engine.connect() as conn:
        items = [i for i in read_roadmap(conn, ippd) if i.kind in EVIDENCE_KINDS]
    return sorted(items, key=lambda i: (str(i.spec.get("date") or i.spec.get("year") or ""), natural_key(i.item_id)))


def record_evidence(repo: Repository, item: RoadmapItem, principal: Principal | None = None) -> RoadmapWrite:
    """Store one enactment, review or budget record (create or replace; the IPPD's admins)."""
    who = principal or local_principal()
    require_admin(who, item.ippd)
    with atomic(repo.engine) as conn:
        return write_roadmap(conn, [item], who)


def evidence_facts(repo: Repository, ippd: str, on: dt.date | None = None, principal: Principal | None = None) -> EvidenceFacts:
    who = principal or local_principal()
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
    coverage = {d.key: _coverage(d, [r for r in as_is if metamodel.kind(r.kind).domain == d.key], lists[d.reference])
                for d in metamodel.domains}
    by_kind = {kind: tuple(i for i in records if i.kind == kind) for kind in (INITIATIVE, ENACTMENT, REVIEW, BUDGET)}
    return EvidenceFacts(ippd, on or dt.date.today(), coverage, tuple(sorted({r.plateau for r in rows}, key=metamodel.plateau_order)),
                         by_kind[INITIATIVE], tuple(m.key for m in metamodel.roadmap.muatan), by_kind[ENACTMENT], by_kind[REVIEW],
                         by_kind[BUDGET])


def _coverage(domain, rows, reference_list) -> DomainCoverage:
    valid, missing = [], []
    for row in rows:
        statuses = [reference_list.status(text.split(" ")[0]) for text in row.reference]
        (valid if any(s in ("known", "local") for s in statuses) else missing).append(row.element_id)
    return DomainCoverage(domain.key, len(rows), len(valid), sum(1 for r in rows if r.reference), sum(1 for r in rows if r.links),
                          bool(reference_list.codes), tuple(sorted(valid, key=natural_key)),
                          tuple(sorted(missing, key=natural_key))[:MISSING_SHOWN])


def assess_evidence(repo: Repository, ippd: str, on: dt.date | None = None, principal: Principal | None = None) -> Assessment:
    return assess(evidence_facts(repo, ippd, on, principal))


def evidence_content(repo: Repository, ippd: str, on: dt.date | None = None, principal: Principal | None = None,
                     figures: tuple = ()) -> EvidenceContent:
    """What the evidence document shows: the catalogue, the records, the roadmap, the gap and the assessment."""
    from ..reports.evidence import EvidenceContent
    from .planning import gap_report, roadmap
    from .sheets import catalog_documents

    who = principal or local_principal()
    metamodel = load_metamodel()
    everything = catalog_documents(repo, ippd, who)
    documents = [d for d in everything if metamodel.has_kind(d["kind"])]
    names = [d["metadata"].get("name") for d in everything if d["kind"] == "IPPD" and d["metadata"]["id"] == ippd]
    plateaus = {d["metadata"].get("plateau", "as-is") for d in documents}
    gap = gap_report(repo, ippd, principal=who) if {"as-is", "to-be"} <= plateaus else None
    assessment = assess_evidence(repo, ippd, on, who)
    return EvidenceContent(ippd, names[0] if names else None, assessment.on, documents, evidence_records(repo, ippd, who),
                           roadmap(repo, ippd, who), gap, assessment, tuple(figures))
