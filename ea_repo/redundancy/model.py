"""What a redundancy run finds: clusters of applications, the evidence, and what to do. Frozen values."""

from __future__ import annotations

from dataclasses import dataclass

from ea_repo.checks.findings import Text
from ea_repo.redundancy.settings import Settings
from metamodel import NationalApplication

USE_NATIONAL = "use-national"
INTEGRATE_NATIONAL = "integrate-national"
REMOVE_DUPLICATE = "remove-duplicate"
CONSOLIDATE = "consolidate"
ONE_PRODUCT = "one-product"  # one product listed once per channel (web, Android, iOS): nothing to retire
ACTIONS = (USE_NATIONAL, INTEGRATE_NATIONAL, REMOVE_DUPLICATE, CONSOLIDATE, ONE_PRODUCT)


@dataclass(frozen=True)
class Member:
    """One application of a cluster."""

    ippd: str
    element_id: str
    name: str
    opd: str | None
    opd_name: str
    category: str
    developer: str
    services: int
    data: int
    references: tuple[str, ...]
    hosts: tuple[str, ...] = ()  # the hosts of its address and of any address written in its name
    address: str = ""  # its address as compared (normalise_url), or the address its name is
    shared: str = ""  # the words saying every OPD of its government uses it ("seluruh perangkat daerah"), or ""

    @property
    def label(self) -> str:
        return f"{self.ippd}/{self.element_id}"


@dataclass(frozen=True)
class Signal:
    """One signal that fired on a pair: its value (a similarity, a Jaccard, or 1), what it added, and a reading."""

    signal: str
    value: float
    added: float
    detail: str = ""


@dataclass(frozen=True)
class Evidence:
    """A pair that holds the cluster together. `right` is a member label, or "national:KEY" with the name matched."""

    left: str
    right: str
    score: float
    signals: tuple[Signal, ...]
    matched_name: str = ""  # the national application's name this pair matched


@dataclass(frozen=True)
class Recommendation:
    action: str
    keep: Member | None
    national: NationalApplication | None
    reasons: tuple[Text, ...]


@dataclass(frozen=True)
class Cluster:
    """Applications that do the same job. `score` is the mean of its evidence pairs' scores, `weakest` the lowest."""

    id: str
    members: tuple[Member, ...]
    national: NationalApplication | None
    score: float
    weakest: float
    evidence: tuple[Evidence, ...]
    recommendation: Recommendation

    @property
    def ippds(self) -> tuple[str, ...]:
        return tuple(sorted({m.ippd for m in self.members}))

    @property
    def opds(self) -> tuple[tuple[str, str | None], ...]:
        return tuple(sorted({(m.ippd, m.opd) for m in self.members}, key=lambda k: (k[0], k[1] or "")))


@dataclass(frozen=True)
class RedundancyReport:
    scope: str  # ippd or national
    ippds: tuple[str, ...]  # the IPPDs compared
    plateau: str
    opd: str | None  # clusters only with an application of this OPD
    applications: int  # applications compared (national names not counted)
    candidates: int  # pairs scored
    pairs: int  # pairs at or above the threshold
    dismissals: int  # dismissals in force over these applications
    clusters: tuple[Cluster, ...]
    settings: Settings
