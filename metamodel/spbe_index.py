"""The SPBE index instruments (PermenPANRB 59/2020 and 5/2018): domains, aspects, indicators, weights, predicates.

Data in data/spbe_index.yaml, every weight with its source; loaded once into frozen objects. Weights and
band minimums are exact fractions, so a value on a band's edge (2.6) lands in the band it belongs to.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).parent / "data" / "spbe_index.yaml"
MAX_SCORE = Fraction(5)


@dataclass(frozen=True)
class IndexIndicator:
    """One indicator, scored 0-5. `name` is empty where no source we hold gives it."""

    number: int
    name: str


@dataclass(frozen=True)
class IndexAspect:
    """An aspect: the mean of its indicators, weighted `weight` percent in the index."""

    number: int
    name: str
    name_en: str
    weight: Fraction
    indicators: tuple[IndexIndicator, ...]
    source: str

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class IndexDomain:
    """A domain: its aspects weighted; `weight` is the sum of theirs."""

    number: int
    name: str
    name_en: str
    weight: Fraction
    aspects: tuple[IndexAspect, ...]
    source: str

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class IndexPredicate:
    """A band of the index: from `minimum` (inclusive) up to the next band's minimum."""

    name: str
    name_en: str
    minimum: Fraction

    def label(self, lang: str = "id") -> str:
        return f"{self.name} ({self.name_en})" if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class IndexInstrument:
    """One evaluation instrument: its domains (with aspects and indicators) and predicate bands, highest first."""

    key: str
    title: str
    short: str
    domains: tuple[IndexDomain, ...]
    predicates: tuple[IndexPredicate, ...]
    sources: tuple[str, ...]

    @property
    def aspects(self) -> tuple[IndexAspect, ...]:
        return tuple(a for d in self.domains for a in d.aspects)

    @property
    def indicators(self) -> tuple[IndexIndicator, ...]:
        return tuple(i for a in self.aspects for i in a.indicators)

    def aspect(self, number: int) -> IndexAspect:
        for aspect in self.aspects:
            if aspect.number == number:
                return aspect
        raise KeyError(number)

    def aspect_of(self, indicator: int) -> IndexAspect:
        for aspect in self.aspects:
            if any(i.number == indicator for i in aspect.indicators):
                return aspect
        raise KeyError(indicator)

    def domain_of(self, aspect: int) -> IndexDomain:
        for domain in self.domains:
            if any(a.number == aspect for a in domain.aspects):
                return domain
        raise KeyError(aspect)

    def indicator(self, number: int) -> IndexIndicator:
        for indicator in self.indicators:
            if indicator.number == number:
                return indicator
        raise KeyError(number)

    def predicate(self, value: Fraction) -> IndexPredicate:
        """The band `value` falls in (the bands are highest first; the lowest starts at 0)."""
        for band in self.predicates:
            if value >= band.minimum:
                return band
        return self.predicates[-1]

    def next_band(self, value: Fraction) -> IndexPredicate | None:
        """The band above the one `value` is in, or None at the top."""
        bands = self.predicates
        index = bands.index(self.predicate(value))
        return bands[index - 1] if index > 0 else None


@dataclass(frozen=True)
class IndexInstruments:
    instruments: tuple[IndexInstrument, ...]

    def instrument(self, key: str) -> IndexInstrument:
        for instrument in self.instruments:
            if instrument.key == key:
                return instrument
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(i.key for i in self.instruments)


def _exact(value: object) -> Fraction:
    return Fraction(str(value))


def _aspect(raw: dict) -> IndexAspect:
    indicators = tuple(IndexIndicator(int(i["number"]), str(i.get("name") or "")) for i in raw.get("indicators") or ())
    return IndexAspect(int(raw["number"]), str(raw["name"]), str(raw.get("name_en") or ""), _exact(raw["weight"]),
                       indicators, str(raw.get("source") or ""))


def _domain(raw: dict) -> IndexDomain:
    return IndexDomain(int(raw["number"]), str(raw["name"]), str(raw.get("name_en") or ""), _exact(raw["weight"]),
                       tuple(_aspect(a) for a in raw.get("aspects") or ()), str(raw.get("source") or ""))


def _instrument(raw: dict) -> IndexInstrument:
    bands = tuple(IndexPredicate(str(b["name"]), str(b.get("name_en") or ""), _exact(b["minimum"])) for b in raw.get("predicates") or ())
    return IndexInstrument(str(raw["key"]), str(raw["title"]), str(raw.get("short") or raw["key"]),
                      tuple(_domain(d) for d in raw.get("domains") or ()),
                      tuple(sorted(bands, key=lambda b: b.minimum, reverse=True)), tuple(map(str, raw.get("sources") or ())))


def instrument_problems(instrument: IndexInstrument) -> list[str]:
    """What is inconsistent in one instrument: weights, numbering, sources, bands."""
    where = instrument.key
    problems = []
    if sum(d.weight for d in instrument.domains) != 100:
        problems.append(f"{where}: the domain weights sum to {float(sum(d.weight for d in instrument.domains))}, not 100")
    for domain in instrument.domains:
        if sum(a.weight for a in domain.aspects) != domain.weight:
            problems.append(f"{where} domain {domain.number}: weight {float(domain.weight)} is not the sum of its aspects' weights")
        if not domain.source or not all(a.source for a in domain.aspects):
            problems.append(f"{where} domain {domain.number}: every domain and aspect needs a source")
    for kind, numbers in (("aspect", [a.number for a in instrument.aspects]), ("indicator", [i.number for i in instrument.indicators])):
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(f"{where}: {kind}s must be numbered 1..{len(numbers)} in order, got {numbers}")
    if not any(a.indicators for a in instrument.aspects) or not all(a.indicators for a in instrument.aspects):
        problems.append(f"{where}: every aspect needs its indicators")
    if not instrument.predicates or instrument.predicates[-1].minimum != 0:
        problems.append(f"{where}: the predicate bands must start at 0")
    if not instrument.sources:
        problems.append(f"{where}: at least one source is required")
    return problems


def parse_instruments(document: dict) -> IndexInstruments:
    """Build the instruments from their YAML document; every problem is collected and raised together."""
    instruments, problems = [], []
    for index, raw in enumerate(document.get("instruments") or []):
        try:
            instrument = _instrument(raw)
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"instruments[{index}]: {type(exc).__name__} {exc}")
            continue
        problems += instrument_problems(instrument)
        instruments.append(instrument)
    if len({i.key for i in instruments}) != len(instruments):
        problems.append("instrument keys must be unique")
    if problems:
        raise ValueError("; ".join(problems))
    return IndexInstruments(tuple(instruments))


@lru_cache(maxsize=1)
def load_spbe_index() -> IndexInstruments:
    """The shipped instruments (loaded once)."""
    with open(DATA_FILE, encoding="utf-8") as handle:
        return parse_instruments(yaml.safe_load(handle))
