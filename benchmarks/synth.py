"""One IPPD's synthetic catalogue: every kind in two plateaus, typed and untyped links.

Deterministic: the IPPD's random stream is seeded by (seed, IPPD code), so IPPDs can be
built in any order or in parallel and give the same bytes. A few faults are planted at
known rates (links to missing, retired or disallowed targets; unknown reference codes)
so the checks have something to find; their exact counts go to the manifest.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from metamodel import load_metamodel

from . import vocab
from .apps import Element, applications, opd_name, opd_short

PLATEAUS = ("as-is", "to-be")
TO_BE_SHARE = 0.4  # share of an IPPD's element rows in the to-be plateau
NEW_IN_TO_BE = 0.1  # share of to-be elements that are new rather than carried over
MUTUAL_RELATED = 0.6  # chance the target of an untyped link lists the source back
P_MISSING = 0.003  # link to an ID that exists in no plateau
P_RETIRED = 0.005  # to-be link to an element only the as-is plateau has
P_NOT_ALLOWED = 0.01  # untyped link between kinds no relation allows
P_NO_REFERENCE = 0.05
P_UNKNOWN_CODE = 0.01
KIND_WEIGHTS = {
    "BusinessProcess": 14,
    "Data": 20,
    "Service": 14,
    "Server": 6,
    "Storage": 2,
    "Network": 3,
    "Peripheral": 2,
    "Cloud": 1,
    "PlatformSoftware": 3,
    "IntraNetwork": 1,
    "ServiceLink": 1,
    "Facility": 1.5,
    "SecurityDevice": 1.5,
    "SecuritySoftware": 1.5,
    "SecurityStandard": 1,
    "SecurityAwareness": 0.5,
    "VulnerabilityIdentification": 0.5,
    "SecurityFeasibility": 0.5,
    "SecurityImprovement": 0.5,
    "IncidentHandling": 0.5,
    "SecurityAudit": 0.5,
}
LINK_WEIGHTS = {  # mean typed links per element, before scaling to the size's link budget
    ("Application", "services"): 1.5,
    ("Application", "processes"): 1.0,
    ("Application", "data"): 2.0,
    ("Application", "integrates_with"): 0.6,
    ("Application", "runs_on"): 1.0,
    ("Service", "processes"): 1.2,
    ("Service", "data"): 1.0,
    ("BusinessProcess", "data"): 1.0,
    ("Data", "stored_on"): 0.8,
    ("Data", "derived_from"): 0.2,
    ("Network", "connects"): 1.5,
    ("Peripheral", "attached_to"): 0.8,
    ("PlatformSoftware", "installed_on"): 1.0,
    ("SecuritySoftware", "installed_on"): 1.0,
}
OTHER_FIELD_WEIGHT = 0.5  # fields not listed above (e.g. added to the metamodel later)
RELATED_WEIGHTS = {"Application": 0.6, "Service": 0.4, "BusinessProcess": 0.3, "Data": 0.3}
SUBCODES = {
    "Server": "PKS",
    "Storage": "PKM",
    "Network": "PKJ",
    "Peripheral": "PKP",
    "Cloud": "KA",
    "PlatformSoftware": "PLP",
    "IntraNetwork": "JIP",
    "ServiceLink": "SPL",
    "Facility": "FK",
    "SecurityDevice": "PKK",
    "SecuritySoftware": "PLK",
    "SecurityStandard": "SPR",
    "SecurityAwareness": "EKK",
    "VulnerabilityIdentification": "IKK",
    "SecurityFeasibility": "KK",
    "SecurityImprovement": "PK",
    "IncidentHandling": "PIK",
    "SecurityAudit": "AK",
}


@dataclass(frozen=True)
class Ippd:
    code: str
    name: str
    level: str
    region_code: str
    parent: str | None = None


@dataclass(frozen=True)
class Budget:
    """One IPPD's share of a size: element rows (both plateaus), as-is applications, link rows."""

    elements: int
    applications: int
    links: int


@dataclass
class IppdCatalog:
    ippd: Ippd
    opds: list[str]
    plateaus: dict[str, list[Element]]
    planted: Counter = field(default_factory=Counter)


class _Builder:
    def __init__(self, ippd: Ippd, budget: Budget, seed: int):
        self.ippd, self.budget = ippd, budget
        self.rng = random.Random(f"{seed}:{ippd.code}")
        self.mm = load_metamodel()
        self.planted: Counter = Counter()
        self.opds = self._opds()

    def build(self) -> IppdCatalog:
        counts = self._as_is_counts()
        as_is = self._numbered(
            applications(self.rng, self.budget.applications, self.opds, self.ippd.code), "Application"
        )
        for kind, count in counts.items():
            as_is += [self._element(kind, n) for n in range(1, count + 1)]
        self._link(as_is, retired={})
        to_be, retired = self._to_be(as_is, counts)
        self._link(to_be, retired)
        for element in as_is + to_be:  # node faults count once per plateau they appear in
            self.planted["reference-code-unknown"] += any(".99" in r for r in element.reference)
            self.planted["data-without-owner"] += (
                element.kind == "Data" and not element.opd and "responsible" not in element.spec
            )
        return IppdCatalog(self.ippd, self.opds, {"as-is": as_is, "to-be": to_be}, self.planted)

    # --- elements --------------------------------------------------------------------
    def _opds(self) -> list[str]:
        others = [code for code, _, _ in vocab.OPDS if code not in vocab.CORE_OPDS]
        extra = self.rng.sample(others, self.rng.randint(len(others) // 2, len(others)))
        return sorted([*vocab.CORE_OPDS, *extra])

    def _as_is_counts(self) -> dict[str, int]:
        """Non-application element counts of the as-is plateau, in proportion to KIND_WEIGHTS."""
        as_is = round(self.budget.elements * (1 - TO_BE_SHARE))
        rest = max(as_is - self.budget.applications, len(KIND_WEIGHTS))
        total = sum(KIND_WEIGHTS.values())
        return {kind: max(1, round(rest * w / total)) for kind, w in KIND_WEIGHTS.items()}

    def _numbered(self, elements: list[Element], kind: str, start: int = 1) -> list[Element]:
        for n, element in enumerate(elements, start):
            element.id = self._id(kind, n)
            element.reference = element.reference or self._reference(kind)[0]
        return elements

    def _id(self, kind: str, n: int) -> str:
        prefix = self.mm.domain(self.mm.kind(kind).domain).prefix
        if kind in SUBCODES:
            return f"{prefix}.{SUBCODES[kind]}.{n:03d}"
        return f"P.{n}" if kind == "BusinessProcess" else f"{prefix}.{n:03d}"

    def _element(self, kind: str, n: int) -> Element:
        opd = (
            "2.16.01"
            if self.mm.kind(kind).domain in ("infrastructure", "security") and self.rng.random() < 0.6
            else self.rng.choice(self.opds)
        )
        reference, listed = self._reference(kind)
        name = self._name(kind, n, opd, listed)
        element = Element(kind, self._id(kind, n), name, opd, self._attributes(kind, name, opd, listed), reference)
        if kind == "Data":
            self._data_owner(element)
        return element

    def _reference(self, kind: str) -> tuple[list[str], object]:
        """The reference cell and the listed code it names (also used to name the element)."""
        domain = self.mm.domain(self.mm.kind(kind).domain).reference
        codes = self.mm.reference_codes(domain).codes
        if not codes:
            return [], None
        deepest = max(c.level for c in codes.values())
        if kind == "Application":
            deepest = 2
        listed = self.rng.choice([c for c in codes.values() if c.level == deepest])
        roll = self.rng.random()
        if roll < P_NO_REFERENCE:
            return [], listed
        if roll < P_NO_REFERENCE + P_UNKNOWN_CODE:
            return [f"{domain}" + ".99" * deepest], listed
        return [listed.code if roll < 0.5 else f"{listed.code} {listed.name}"], listed

    def _name(self, kind: str, n: int, opd: str, listed) -> str:
        if kind == "BusinessProcess":
            return f"{self.rng.choice(vocab.PROCESS_VERBS)} {listed.name}"
        if kind == "Data":
            return f"{self.rng.choice(vocab.DATA_PREFIXES)} {listed.name}"
        if kind == "Service":
            return f"{self.rng.choice(vocab.SERVICE_PREFIXES)} {listed.name} {opd_short(opd)}"
        return f"{self.mm.kind(kind).name_id} {opd_short(opd)} {n}"

    def _attributes(self, kind: str, name: str, opd: str, listed) -> dict:
        spec = {}
        for attribute in self.mm.kind(kind).attributes:
            if self.rng.random() < 0.15:
                continue  # templates are rarely complete
            spec[attribute.name] = self._value(attribute, name, opd, listed)
        return spec

    def _value(self, attribute, name: str, opd: str, listed):
        rng = self.rng
        if attribute.type == "enum":
            return rng.choice(attribute.values)
        if attribute.name in vocab.VALUES:
            return rng.choice(vocab.VALUES[attribute.name])
        if attribute.type in ("number", "integer"):
            return rng.choice((4, 8, 16, 32, 64, 128, 256, 512, 1000, 2000))
        if attribute.type == "date":
            return f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if attribute.type == "boolean":
            return rng.choice(("Ya", "Tidak"))
        if attribute.name in ("owner", "unit", "responsible"):
            return opd_name(opd)
        if attribute.name in ("reference_name", "urusan") and listed is not None:
            return listed.name
        return f"{attribute.column}: {name}"

    def _data_owner(self, element: Element) -> None:
        roll = self.rng.random()
        if roll < 0.12:
            element.opd = None
            if roll < 0.02:
                element.spec.pop("responsible", None)
            else:
                element.spec["responsible"] = opd_name(self.rng.choice(self.opds))

    # --- to-be plateau ---------------------------------------------------------------
    def _to_be(self, as_is: list[Element], counts: dict[str, int]) -> tuple[list[Element], dict[str, list[str]]]:
        """Carry most elements over (applications consolidated first), add new ones."""
        share = TO_BE_SHARE / (1 - TO_BE_SHARE)
        by_kind: dict[str, list[Element]] = defaultdict(list)
        for element in as_is:
            by_kind[element.kind].append(element)
        to_be: list[Element] = []
        retired: dict[str, list[str]] = {}
        for kind, elements in by_kind.items():
            keep = round(len(elements) * share)
            new = round(keep * NEW_IN_TO_BE)
            order = sorted(elements, key=lambda e: (e.variation not in (None, "filler", "full"), self.rng.random()))
            kept = [replace(e, links={}, copy_of=None) for e in order[: keep - new]]
            retired[kind] = [e.id for e in order[keep - new :]]
            start = len(elements) + 1
            fresh = (
                self._numbered(applications(self.rng, new, self.opds, self.ippd.code), kind, start)
                if kind == "Application"
                else [self._element(kind, n) for n in range(start, start + new)]
            )
            to_be += kept + fresh
        return to_be, retired

    # --- links -----------------------------------------------------------------------
    def _link(self, elements: list[Element], retired: dict[str, list[str]]) -> None:
        by_kind: dict[str, list[str]] = defaultdict(list)
        for element in elements:
            by_kind[element.kind].append(element.id)
        index = {e.id: e for e in elements}
        scale = self._scale(elements)
        for element in elements:
            for link_field in self.mm.kind(element.kind).link_fields:
                self._typed(element, link_field, by_kind, retired, scale)
        for element in elements:
            self._related(element, by_kind, index, scale)

    def _scale(self, elements: list[Element]) -> float:
        target = self.budget.links * len(elements) / self.budget.elements
        expected = sum(self._weights(e.kind) for e in elements)
        return target / expected if expected else 0.0

    def _weights(self, kind: str) -> float:
        typed = sum(LINK_WEIGHTS.get((kind, f), OTHER_FIELD_WEIGHT) for f in self.mm.kind(kind).link_fields)
        return typed + RELATED_WEIGHTS.get(kind, 0.1) * (1 + MUTUAL_RELATED)

    def _count(self, mean: float) -> int:
        whole = int(mean)
        return whole + (self.rng.random() < mean - whole)

    def _typed(self, element: Element, link_field: str, by_kind: dict, retired: dict, scale: float) -> None:
        kinds = sorted(self.mm.field_targets(element.kind, link_field))
        pool = [i for k in kinds for i in by_kind.get(k, ()) if i != element.id]
        count = min(self._count(LINK_WEIGHTS.get((element.kind, link_field), OTHER_FIELD_WEIGHT) * scale), len(pool))
        targets: dict[str, str | None] = {}  # target -> planted fault
        for target in self.rng.sample(pool, count):
            roll = self.rng.random()
            gone = [i for k in kinds for i in retired.get(k, ())] if roll < P_MISSING + P_RETIRED else []
            if roll < P_MISSING:
                targets[f"{target.rsplit('.', 1)[0]}.{90000 + self.rng.randrange(9999)}"] = "link-missing-target"
            elif roll < P_MISSING + P_RETIRED and gone:
                targets[self.rng.choice(gone)] = "link-to-retired"
            else:
                targets[target] = None
        self.planted.update(fault for fault in targets.values() if fault)
        if targets:
            element.links[link_field] = list(targets)

    def _related(self, element: Element, by_kind: dict, index: dict, scale: float) -> None:
        allowed = [k for k in by_kind if self.mm.relation_for(element.kind, k)]
        barred = [k for k in by_kind if not self.mm.relation_for(element.kind, k)]
        for _ in range(self._count(RELATED_WEIGHTS.get(element.kind, 0.1) * scale) if allowed else 0):
            bad = bool(barred) and self.rng.random() < P_NOT_ALLOWED
            target = self.rng.choice(by_kind[self.rng.choice(barred if bad else allowed)])
            if target == element.id or target in _targets(element):
                continue
            element.links.setdefault("related", []).append(target)
            self.planted["relation-not-allowed"] += bad
            other = index[target]
            if not bad and self.rng.random() < MUTUAL_RELATED and element.id not in _targets(other):
                other.links.setdefault("related", []).append(element.id)


def _targets(element: Element) -> set[str]:
    return {t for ids in element.links.values() for t in ids}


def build_ippd(ippd: Ippd, budget: Budget, seed: int) -> IppdCatalog:
    return _Builder(ippd, budget, seed).build()
