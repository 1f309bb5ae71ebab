"""Evaluation instruments as data: the SPBE index (PermenPANRB 59/2020, 5/2018) and the Indeks Pemerintah
Digital (PermenPANRB 8/2026), or any other instrument written in the same schema.

Data in data/spbe_index.yaml, every number with its source; a user's own instrument file is read the
same way and checked with every problem at once, with its line. Weights and band minimums are exact
fractions, so a value on a band's edge (2.6) lands in the band it belongs to.

The schema grows to what the instruments need:
- aspects grouped in domains (59/2020, 5/2018) or standing alone (8/2026);
- an aspect's weight given, or the sum of its indicators' weights (8/2026 weighs each indicator);
- a score scale (0-5, or 1-5);
- bands with a name and, where the instrument names them, a maturity level name and its variants;
- indicators scored from another agency's index, with the value to assume when a score file leaves
  them out;
- the date an instrument is in force from, and which instruments it revokes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).parent / "data" / "spbe_index.yaml"
MAX_SCORE = Fraction(5)  # the top of every instrument's scale so far


@dataclass(frozen=True)
class IndexIndicator:
    """One indicator. `name` is empty where no source we hold gives it; `weight` None when the instrument
    weighs aspects only (then an aspect's indicators count equally). `external` names the index another
    agency scores it from; `assume` is the score taken when a score file leaves such an indicator out."""

    number: int
    name: str
    weight: Fraction | None = None
    external: str = ""
    assume: Fraction | None = None
    source: str = ""


@dataclass(frozen=True)
class IndexAspect:
    """An aspect: the (weighted) mean of its indicators, weighted `weight` percent in the index."""

    number: int
    name: str
    name_en: str
    weight: Fraction
    indicators: tuple[IndexIndicator, ...]
    source: str

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    def indicator_weight(self, indicator: IndexIndicator) -> Fraction:
        """The indicator's share of this aspect (its weight over the aspect's, or 1/n when unweighted)."""
        if indicator.weight is None:
            return Fraction(1, len(self.indicators))
        return indicator.weight / sum((i.weight for i in self.indicators if i.weight is not None), Fraction(0))


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
class NameVariant:
    """Another name a source gives the same band or level (kept with the source that writes it)."""

    name: str
    source: str


@dataclass(frozen=True)
class IndexPredicate:
    """A band of the index: from `minimum` (inclusive) up to the next band's minimum. `maturity` is the
    level name where the instrument gives one (8/2026: Merintis ... Unggul)."""

    name: str
    name_en: str
    minimum: Fraction
    maturity: str = ""
    maturity_en: str = ""
    level: int | None = None
    variants: tuple[NameVariant, ...] = ()

    def label(self, lang: str = "id") -> str:
        if lang == "en":
            english = " / ".join(p for p in (self.name_en, self.maturity_en) if p)
            return f"{self.name} ({english})" if english else self.name
        return f"{self.name} ({self.maturity})" if self.maturity else self.name


@dataclass(frozen=True)
class IndexInstrument:
    """One evaluation instrument: its aspects (in domains, or not), bands (highest first) and scale."""

    key: str
    title: str
    short: str
    domains: tuple[IndexDomain, ...]
    predicates: tuple[IndexPredicate, ...]
    sources: tuple[str, ...]
    loose_aspects: tuple[IndexAspect, ...] = ()  # an instrument without domains holds its aspects here
    index_name: str = "Indeks SPBE"
    index_name_en: str = "SPBE index"
    scale_min: Fraction = Fraction(0)
    scale_max: Fraction = MAX_SCORE
    in_force_from: dt.date | None = None
    revokes: tuple[str, ...] = ()

    @property
    def aspects(self) -> tuple[IndexAspect, ...]:
        return tuple(a for d in self.domains for a in d.aspects) + self.loose_aspects

    @property
    def indicators(self) -> tuple[IndexIndicator, ...]:
        return tuple(i for a in self.aspects for i in a.indicators)

    @property
    def weighs_indicators(self) -> bool:
        return any(i.weight is not None for i in self.indicators)

    def index_label(self, lang: str = "id") -> str:
        return self.index_name_en if lang == "en" and self.index_name_en else self.index_name

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

    def indicator_share(self, number: int) -> Fraction:
        """How much one point of this indicator moves the index: its aspect's weight times its share of the aspect,
        over the total."""
        aspect = self.aspect_of(number)
        total = sum((a.weight for a in self.aspects), Fraction(0))
        return aspect.weight * aspect.indicator_weight(self.indicator(number)) / total

    def predicate(self, value: Fraction) -> IndexPredicate:
        """The band `value` falls in (the bands are highest first; the lowest starts at the scale's bottom)."""
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

    def in_force(self, on: dt.date) -> IndexInstrument:
        """The instrument in force on a date: started by then (or of no known start) and not revoked by one that has
        started. An instrument revoked by one whose start is not known counts as revoked."""
        revoked_from: dict[str, dt.date | None] = {}
        for instrument in self.instruments:
            for key in instrument.revokes:
                revoked_from[key] = instrument.in_force_from
        revoked = {key for key, since in revoked_from.items() if since is None or since <= on}
        current = [
            i for i in self.instruments if (i.in_force_from is None or i.in_force_from <= on) and i.key not in revoked
        ]
        if not current:
            raise KeyError(on)
        return max(current, key=lambda i: i.in_force_from or dt.date.min)


@dataclass(frozen=True)
class InstrumentProblem:
    """One problem of an instrument file: its line (when known), the field (dotted), a stable code and its
    parameters. ea-repo renders it in the user's language (ea_repo/index); str() is for developers."""

    line: int | None
    field: str
    code: str
    params: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v}" for k, v in self.params)
        return f"{self.field}: {self.code}" + (f" ({details})" if details else "")


class InstrumentError(ValueError):
    """An instrument file that cannot be used; every problem found, each with its line."""

    def __init__(self, problems: list[InstrumentProblem], where: str = ""):
        self.problems, self.where = problems, where
        super().__init__("; ".join(f"{where}:{p.line}: {p}" if p.line else f"{where}: {p}" for p in problems))


# --- reading --------------------------------------------------------------------------------------
Path_ = tuple[Any, ...]
Found = tuple[Path_, str, dict]  # (where in the document, problem code, its parameters)


class _Reader:
    """Builds instruments from their YAML document, collecting (path, text) problems instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[Found] = []

    def need(self, raw: Any, key: str, path: Path_) -> Any:
        if not isinstance(raw, dict) or raw.get(key) in (None, ""):
            self.problems.append(((*path, key), "required", {"field": key}))
            return None
        return raw[key]

    def number(self, raw: dict, key: str, path: Path_, required: bool = True) -> Fraction | None:
        value = raw.get(key) if isinstance(raw, dict) else None
        if value is None:
            if required:
                self.problems.append(((*path, key), "required", {"field": key}))
            return None
        try:
            if isinstance(value, bool):
                raise ValueError
            return Fraction(str(value))
        except (ValueError, ZeroDivisionError):
            self.problems.append(((*path, key), "not_number", {"field": key, "got": repr(value)}))
            return None

    def integer(self, raw: dict, key: str, path: Path_) -> int:
        value = self.number(raw, key, path)
        if value is not None and value.denominator != 1:
            self.problems.append(((*path, key), "not_whole", {"field": key, "got": f"{float(value):g}"}))
        return int(value) if value is not None else 0

    def items(self, raw: Any, key: str, path: Path_) -> list[tuple[Path_, dict]]:
        values = raw.get(key) if isinstance(raw, dict) else None
        if values is None:
            return []
        if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
            self.problems.append(((*path, key), "not_list", {"field": key}))
            return []
        return [((*path, key, index), value) for index, value in enumerate(values)]

    def indicator(self, path: Path_, raw: dict) -> IndexIndicator:
        return IndexIndicator(
            self.integer(raw, "number", path),
            str(raw.get("name") or ""),
            self.number(raw, "weight", path, False),
            str(raw.get("external") or ""),
            self.number(raw, "assume", path, False),
            str(raw.get("source") or ""),
        )

    def aspect(self, path: Path_, raw: dict) -> IndexAspect:
        indicators = tuple(self.indicator(p, i) for p, i in self.items(raw, "indicators", path))
        weights = [i.weight for i in indicators if i.weight is not None]
        weight = self.number(raw, "weight", path, required=not weights)
        if weight is None:
            weight = sum(weights, Fraction(0))
        elif weights and weight != sum(weights):
            self.problems.append(
                (
                    (*path, "weight"),
                    "aspect_weight",
                    {"aspect": raw.get("number"), "weight": f"{float(weight):g}", "sum": f"{float(sum(weights)):g}"},
                )
            )
        return IndexAspect(
            self.integer(raw, "number", path),
            str(self.need(raw, "name", path) or ""),
            str(raw.get("name_en") or ""),
            weight,
            indicators,
            str(raw.get("source") or ""),
        )

    def domain(self, path: Path_, raw: dict) -> IndexDomain:
        return IndexDomain(
            self.integer(raw, "number", path),
            str(self.need(raw, "name", path) or ""),
            str(raw.get("name_en") or ""),
            self.number(raw, "weight", path) or Fraction(0),
            tuple(self.aspect(p, a) for p, a in self.items(raw, "aspects", path)),
            str(raw.get("source") or ""),
        )

    def band(self, path: Path_, raw: dict) -> IndexPredicate:
        variants = tuple(
            NameVariant(str(v.get("name") or ""), str(v.get("source") or ""))
            for _, v in self.items(raw, "variants", path)
        )
        level = self.number(raw, "level", path, required=False)
        return IndexPredicate(
            str(self.need(raw, "name", path) or ""),
            str(raw.get("name_en") or ""),
            self.number(raw, "minimum", path) or Fraction(0),
            str(raw.get("maturity") or ""),
            str(raw.get("maturity_en") or ""),
            int(level) if level is not None else None,
            variants,
        )

    def instrument(self, path: Path_, raw: dict) -> IndexInstrument:
        scale = raw.get("scale") or {}
        bands = tuple(self.band(p, b) for p, b in self.items(raw, "predicates", path))
        start = raw.get("in_force_from")
        if start is not None and not isinstance(start, dt.date):
            self.problems.append(((*path, "in_force_from"), "not_date", {"field": "in_force_from", "got": repr(start)}))
            start = None
        return IndexInstrument(
            str(self.need(raw, "key", path) or ""),
            str(self.need(raw, "title", path) or ""),
            str(raw.get("short") or raw.get("key") or ""),
            tuple(self.domain(p, d) for p, d in self.items(raw, "domains", path)),
            tuple(sorted(bands, key=lambda b: b.minimum, reverse=True)),
            tuple(map(str, raw.get("sources") or ())),
            tuple(self.aspect(p, a) for p, a in self.items(raw, "aspects", path)),
            str(raw.get("index_name") or "Indeks SPBE"),
            str(raw.get("index_name_en") or "SPBE index"),
            self.number(scale, "minimum", (*path, "scale"), False) or Fraction(0),
            self.number(scale, "maximum", (*path, "scale"), False) or MAX_SCORE,
            start,
            tuple(map(str, raw.get("revokes") or ())),
        )


def instrument_problems(instrument: IndexInstrument) -> list[Found]:
    """What is inconsistent in one built instrument: weights, numbering, sources, bands, scale."""
    problems: list[Found] = []
    total = sum((a.weight for a in instrument.aspects), Fraction(0))
    if total != 100:
        problems.append((("aspects",), "weights_total", {"total": f"{float(total):g}"}))
    if instrument.domains and instrument.loose_aspects:
        problems.append((("aspects",), "domains_and_aspects", {}))
    for index, domain in enumerate(instrument.domains):
        if sum(a.weight for a in domain.aspects) != domain.weight:
            problems.append(
                (
                    ("domains", index, "weight"),
                    "domain_weight",
                    {"domain": domain.number, "weight": f"{float(domain.weight):g}"},
                )
            )
    if not all(a.source for a in instrument.aspects) or not all(d.source for d in instrument.domains):
        problems.append((("aspects",), "source_missing", {}))
    where = ("domains",) if instrument.domains else ("aspects",)
    for kind, numbers in (
        ("aspect", [a.number for a in instrument.aspects]),
        ("indicator", [i.number for i in instrument.indicators]),
    ):
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append((where, f"numbering_{kind}", {"last": len(numbers), "got": ", ".join(map(str, numbers))}))
    if not instrument.aspects or not all(a.indicators for a in instrument.aspects):
        problems.append((("aspects",), "indicators_missing", {}))
    weighted = [i.weight is not None for i in instrument.indicators]
    if any(weighted) and not all(weighted):
        problems.append((("aspects",), "weights_partial", {}))
    if not 0 <= instrument.scale_min < instrument.scale_max <= MAX_SCORE:
        problems.append(
            (
                ("scale",),
                "scale",
                {"low": f"{float(instrument.scale_min):g}", "high": f"{float(instrument.scale_max):g}"},
            )
        )
    problems += _band_problems(instrument)
    for indicator in instrument.indicators:
        if indicator.assume is not None and not (
            indicator.external and instrument.scale_min <= indicator.assume <= instrument.scale_max
        ):
            problems.append((("aspects",), "assume", {"indicator": indicator.number}))
    if not instrument.sources:
        problems.append((("sources",), "sources_missing", {}))
    return problems


def _band_problems(instrument: IndexInstrument) -> list[Found]:
    bands = instrument.predicates
    if not bands or bands[-1].minimum != instrument.scale_min:
        return [(("predicates",), "bands_start", {"low": f"{float(instrument.scale_min):g}"})]
    if len({b.minimum for b in bands}) != len(bands):
        return [(("predicates",), "bands_same", {})]
    return [(("predicates",), "band_above", {"band": b.name}) for b in bands if b.minimum > instrument.scale_max]


def parse_instruments(document: Any, where: str = "", lines: dict[Path_, int] | None = None) -> IndexInstruments:
    """Instruments from their YAML document (`instruments: [...]`, or one instrument mapping); every
    problem is collected and raised together (InstrumentError), with its line when `lines` are given."""
    reader, built = _Reader(), []
    listed = isinstance(document, dict) and "instruments" in document
    raws = document.get("instruments") if listed else [document]
    if not isinstance(raws, list) or not all(isinstance(r, dict) for r in raws):
        raise InstrumentError([InstrumentProblem(None, "", "not_instruments")], where)
    for index, raw in enumerate(raws):
        path: Path_ = ("instruments", index) if listed else ()
        instrument = reader.instrument(path, raw)
        reader.problems += [((*path, *p), code, params) for p, code, params in instrument_problems(instrument)]
        built.append(instrument)
    if len({i.key for i in built}) != len(built):
        reader.problems.append(((), "keys_unique", {}))
    if reader.problems:
        raise InstrumentError(
            [
                InstrumentProblem(_line(lines or {}, p), _dotted(p), code, tuple(params.items()))
                for p, code, params in reader.problems
            ],
            where,
        )
    return IndexInstruments(tuple(built))


def read_instrument_file(path: Path) -> IndexInstruments:
    """A user's instrument file, checked as the shipped ones are; InstrumentError lists every problem with its line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        document = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InstrumentError(
            [InstrumentProblem(None, "", "unreadable", (("detail", str(exc).replace("\n", " ")),))], str(path)
        ) from None
    return parse_instruments(document, str(path), _node_lines(node))


def _node_lines(node: Any, path: Path_ = ()) -> dict[Path_, int]:
    """Every path in a YAML node tree -> its 1-based line, so a problem points at the line to fix."""
    found: dict[Path_, int] = {}
    stack = [(path, node)]
    while stack:
        here, current = stack.pop()
        if current is None:
            continue
        found[here] = current.start_mark.line + 1
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                key_path = (*here, key.value)
                found[key_path] = key.start_mark.line + 1
                stack.append((key_path, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(((*here, index), item) for index, item in enumerate(current.value))
    return found


def _line(lines: dict[Path_, int], path: Path_) -> int | None:
    for end in range(len(path), -1, -1):  # the nearest enclosing node that is written in the file
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _dotted(path: Path_) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")


@lru_cache(maxsize=1)
def load_spbe_index() -> IndexInstruments:
    """The shipped instruments (loaded once)."""
    return read_instrument_file(DATA_FILE)


def instrument_in_force(on: dt.date) -> IndexInstrument:
    """The shipped instrument in force on a date (PermenPANRB 8/2026 from 1 June 2026, 59/2020 before)."""
    return load_spbe_index().in_force(on)
