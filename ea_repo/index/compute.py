"""An index from a score set: aspects (weighted mean of their indicators), domains where the instrument has them,
the index (aspects weighted), the band.

Pure and exact (fractions): no I/O, no rounding until a value is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from ea_repo.index.model import (
    AspectResult,
    DomainResult,
    IndexResult,
    Lever,
    ScoreSet,
    ScoresRejected,
    WhatIf,
    problem,
    subject,
)
from metamodel import IndexAspect, IndexDomain, IndexInstrument


def missing_indicators(
    instrument: IndexInstrument, indicators: Mapping[int, Fraction], aspects: Mapping[int, Fraction]
) -> list[tuple[IndexAspect, list[int]]]:
    """Per aspect not given as a value, the indicators without a score."""
    gaps = []
    for aspect in instrument.aspects:
        if aspect.number in aspects:
            continue
        numbers = [i.number for i in aspect.indicators if i.number not in indicators]
        if numbers:
            gaps.append((aspect, numbers))
    return gaps


def aspect_value(aspect: IndexAspect, scores: ScoreSet) -> Fraction:
    """The aspect's value as given, or the mean of its indicators weighted by their share of it."""
    if scores.given_as_value(aspect):
        return scores.aspects[aspect.number]
    return sum((scores.indicators[i.number] * aspect.indicator_weight(i) for i in aspect.indicators), Fraction(0))


def _weighted(pairs: list[tuple[Fraction, Fraction]]) -> Fraction:
    total = sum((weight for weight, _ in pairs), Fraction(0))
    return sum((weight * value for weight, value in pairs), Fraction(0)) / total


def compute_index(scores: ScoreSet) -> IndexResult:
    """Aspect values; the index weighted by aspect weights (grouped in domains where the instrument has them:
    a domain's weight is the sum of its aspects', so it is the same index)."""
    instrument = scores.instrument
    aspects = tuple(AspectResult(a, aspect_value(a, scores), scores.given_as_value(a)) for a in instrument.aspects)
    by_number = {r.aspect.number: r for r in aspects}
    domains = tuple(_domain(d, tuple(by_number[a.number] for a in d.aspects)) for d in instrument.domains)
    return IndexResult(scores, domains, _weighted([(r.aspect.weight, r.value) for r in aspects]), aspects)


def _domain(domain: IndexDomain, aspects: tuple[AspectResult, ...]) -> DomainResult:
    return DomainResult(domain, _weighted([(r.aspect.weight, r.value) for r in aspects]), aspects)


# --- what if ----------------------------------------------------------------------------------
def what_if(
    scores: ScoreSet, indicators: Mapping[int, Fraction] | None = None, aspects: Mapping[int, Fraction] | None = None
) -> WhatIf:
    """The index before and after setting these indicator scores (and aspect values). An aspect set as a
    value replaces its indicators. An indicator of an aspect given as a value moves that aspect's value,
    its other indicators taken at the aspect's value (their own scores are unknown; the report says so)."""
    indicators, aspects = dict(indicators or {}), dict(aspects or {})
    _check_what_if(scores, indicators, aspects)
    instrument = scores.instrument
    before = compute_index(scores)
    moved = _moved_given_aspects(scores, indicators)
    replaced = {i.number for n in (*aspects, *moved) for i in instrument.aspect(n).indicators}
    after = ScoreSet(
        instrument,
        {
            **{k: v for k, v in scores.indicators.items() if k not in replaced},
            **{k: v for k, v in indicators.items() if k not in replaced},
        },
        {**scores.aspects, **moved, **aspects},
        scores.ippd,
        scores.year,
        scores.source,
        scores.assumed - set(indicators),
    )

    def old_score(number: int) -> Fraction | None:  # an indicator of a moved aspect was taken at the aspect's value
        aspect = instrument.aspect_of(number).number
        return before.aspect(aspect).value if aspect in moved else scores.indicators.get(number)

    changes = [("indicator", n, old_score(n), v) for n, v in sorted(indicators.items())]
    changes += [("aspect", n, before.aspect(n).value, v) for n, v in sorted(aspects.items())]
    return WhatIf(before, compute_index(after), tuple(changes), tuple(sorted(moved)))


def _moved_given_aspects(scores: ScoreSet, indicators: dict[int, Fraction]) -> dict[int, Fraction]:
    """Aspects given as a value, moved by new scores of some of their indicators (the others at the aspect's value)."""
    instrument = scores.instrument
    moved: dict[int, Fraction] = {}
    for number, score in indicators.items():
        aspect = instrument.aspect_of(number)
        if scores.given_as_value(aspect):
            current = moved.get(aspect.number, scores.aspects[aspect.number])
            moved[aspect.number] = current + aspect.indicator_weight(instrument.indicator(number)) * (
                score - scores.aspects[aspect.number]
            )
    return moved


def _check_what_if(scores: ScoreSet, indicators: dict[int, Fraction], aspects: dict[int, Fraction]) -> None:
    instrument, problems = scores.instrument, []
    known_indicators = {i.number for i in instrument.indicators}
    known_aspects = {a.number for a in instrument.aspects}
    for number in indicators:
        if number not in known_indicators:
            problems.append(
                problem(
                    None, None, "unknown_indicator", got=number, instrument=instrument.short, last=len(known_indicators)
                )
            )
        elif instrument.aspect_of(number).number in aspects:
            problems.append(
                problem(None, None, "both_ways", aspect=instrument.aspect_of(number).number, indicators=number)
            )
    for number in aspects:
        if number not in known_aspects:
            problems.append(
                problem(None, None, "unknown_aspect", got=number, instrument=instrument.short, last=len(known_aspects))
            )
    low, high = instrument.scale_min, instrument.scale_max
    for kind, number, value in [("indicator", n, v) for n, v in indicators.items()] + [
        ("aspect", n, v) for n, v in aspects.items()
    ]:
        if not low <= value <= high:
            problems.append(
                problem(
                    None,
                    None,
                    "out_of_range",
                    what=subject(kind, number, "--what-if "),
                    got=f"{float(value):g}",
                    low=f"{float(low):g}",
                    high=f"{float(high):g}",
                )
            )
    if problems:
        raise ScoresRejected(problems)


# --- sensitivity ------------------------------------------------------------------------------
def levers(result: IndexResult) -> tuple[Lever, ...]:
    """Every indicator raised by 1 (to at most the top of the scale), with what that adds to the index; the
    largest first. An aspect given as a value stands for any of its indicators below the top (assumed to
    have a point to gain: the indicator of the aspect with the largest share)."""
    instrument = result.instrument
    top = instrument.scale_max
    found = []
    for aspect_result in result.aspects:
        aspect = aspect_result.aspect
        if aspect_result.given:
            if aspect_result.value < top:
                share = max(instrument.indicator_share(i.number) for i in aspect.indicators)
                found.append(Lever(aspect, None, None, Fraction(1), share, result.value + share))
            continue
        for indicator in aspect.indicators:
            current = result.scores.indicators[indicator.number]
            step = min(Fraction(1), top - current)
            if step > 0:
                gain = instrument.indicator_share(indicator.number) * step
                found.append(Lever(aspect, indicator, current, step, gain, result.value + gain))
    return tuple(
        sorted(
            found,
            key=lambda lever: (-lever.gain, lever.aspect.number, lever.indicator.number if lever.indicator else 0),
        )
    )
