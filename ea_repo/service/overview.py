"""What a dashboard shows: one IPPD at a glance, or every IPPD a national user sees."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ea_repo.access.principal import Principal, require_ippd
from ea_repo.checks import Report
from ea_repo.core.kept import Kept
from ea_repo.service.browse import findings, history, organisations
from ea_repo.service.evidence import evidence_summary
from ea_repo.service.redundancy import redundancy_report
from ea_repo.service.repository import Repository
from ea_repo.storage import audit, store
from metamodel import load_metamodel


@dataclass(frozen=True)
class IppdOverview:
    ippd: str
    name: str | None
    opds: int
    elements: dict[str, dict[str, int]]  # plateau -> domain key -> how many
    kinds: dict[str, dict[str, int]]  # plateau -> kind name -> how many
    findings: Report
    by_rule: list[tuple[str, str, int]] = field(default_factory=list)  # (rule, severity, how many), most first
    recent: list[audit.AuditEntry] = field(default_factory=list)
    redundant_clusters: int = 0  # open clusters of applications doing the same job (dismissed ones not counted)
    redundant_applications: int = 0
    evidence: tuple[str, int, int] = ("", 0, 0)  # instrument in force, criteria met, criteria in all


@dataclass(frozen=True)
class IppdRow:
    code: str
    name: str | None
    opds: int
    elements: int
    plateaus: tuple[str, ...]


_OVERVIEWS: Kept[IppdOverview] = Kept(64)


def ippd_overview(repo: Repository, ippd: str, *, principal: Principal, recent: int = 8) -> IppdOverview:
    """Elements per plateau and domain, the findings by severity and rule, open redundancy clusters, the
    self-assessment and the latest changes, as far as the principal may see them. Computed once per change of
    the catalogue for each scope (a dashboard is opened far more often than the catalogue changes)."""
    require_ippd(principal, ippd)
    with repo.engine.connect() as conn:
        stamp = audit.data_stamp(conn)
    key = (id(repo.engine), ippd, principal.role, principal.ippd, principal.opds, recent, stamp)
    return _OVERVIEWS.get(key, lambda: _overview(repo, ippd, principal, recent))


def _overview(repo: Repository, ippd: str, principal: Principal, recent: int) -> IppdOverview:
    report = findings(repo, ippd, principal=principal)  # NotFound for an IPPD that is not there
    metamodel = load_metamodel()
    opds = tuple(sorted(principal.opds)) if principal.opds is not None else None
    with repo.engine.connect() as conn:
        counted = store.count_by_kind(conn, store.ElementFilter(ippd=ippd, opds=opds))
    elements: dict[str, dict[str, int]] = {}
    kinds: dict[str, dict[str, int]] = {}
    for plateau, kind, count in counted:
        domain = metamodel.kind(kind).domain if metamodel.has_kind(kind) else "-"
        elements.setdefault(plateau, Counter())[domain] += count  # type: ignore[index]
        kinds.setdefault(plateau, {})[kind] = count
    rules = Counter((f.rule, f.severity.value) for f in report.findings)
    known = organisations(repo, principal=principal, ippd=ippd)
    redundancy = redundancy_report(repo, principal=principal, ippd=ippd)
    name = next((o.name for o in known if o.kind == "IPPD" and o.code == ippd), None)
    return IppdOverview(
        ippd,
        name,
        sum(1 for o in known if o.kind == "OPD"),
        {p: dict(c) for p, c in elements.items()},
        kinds,
        report,
        [(rule, severity, n) for (rule, severity), n in rules.most_common()],
        history(repo, principal=principal, ippd=ippd, limit=recent),
        len(redundancy.clusters),
        sum(len(c.members) for c in redundancy.clusters),
        evidence_summary(repo, ippd, principal=principal),
    )


def ippd_rows(repo: Repository, *, principal: Principal) -> list[IppdRow]:
    """Every IPPD the principal sees, with its OPDs and elements counted (one query, for a national table)."""
    known = organisations(repo, principal=principal)
    with repo.engine.connect() as conn:
        opds_seen = tuple(sorted(principal.opds)) if principal.opds is not None else None
        counts = store.count_by_ippd(conn, store.ElementFilter(ippd=principal.ippd, opds=opds_seen))
    opds = Counter(o.ippd for o in known if o.kind == "OPD")
    rows = []
    for org in sorted((o for o in known if o.kind == "IPPD"), key=lambda o: o.code):
        per_plateau = counts.get(org.code, {})
        rows.append(IppdRow(org.code, org.name, opds[org.code], sum(per_plateau.values()), tuple(sorted(per_plateau))))
    return rows


def ippd_plateaus(repo: Repository, ippd: str, *, principal: Principal) -> list[str]:
    """The plateaus that hold elements of this IPPD the principal may see."""
    require_ippd(principal, ippd)
    opds = tuple(sorted(principal.opds)) if principal.opds is not None else None
    with repo.engine.connect() as conn:
        counts = store.count_by_ippd(conn, store.ElementFilter(ippd=ippd, opds=opds))
    return sorted(counts.get(ippd, {}))


def catalogue_version(repo: Repository, *, principal: Principal) -> tuple[int, int]:
    """A value that changes whenever the catalogue does (every accepted write, a reloaded code list): what a cache
    of something drawn or computed from the catalogue keys on. It tells nothing of what changed, or where."""
    with repo.engine.connect() as conn:
        return audit.data_stamp(conn)
