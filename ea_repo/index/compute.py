"""The SPBE index from a score set: aspects (mean of their indicators), domains and index (weighted), predicate.

Pure and exact (fractions): no I/O, no rounding until a value is shown.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Mapping

from metamodel import MAX_SCORE, IndexAspect, IndexDomain, IndexInstrument

from .model import AspectResult, DomainResult, IndexResult, Lever, ScoreSet, ScoresRejected, WhatIf, problem, subject


def missing_indicators(instrument: IndexInstrument, indicators: Mapping[int, Fraction],
                       aspects: Mapping[int, Fraction]) -> list[tuple[IndexAspect, list[int]]]:
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
    if scores.given_as_value(aspect):
        return scores.aspects[aspect.number]
    return sum((scores.indicators[i.number] for i in aspect.indicators), Fraction(0)) / len(aspect.indicators)


def _weighted(pairs: list[tuple[Fraction, Fraction]]) -> Fraction:
    total = sum(weight for weight, _ in pairs)
    return sum(weight * value for weight, value in pairs) / total


def _domain(domain: IndexDomain, scores: ScoreSet) -> DomainResult:
    aspects = tuple(AspectResult(a, aspect_value(a, scores), scores.given_as_value(a)) for a in domain.aspects)
    return DomainResult(domain, _weighted([(r.aspect.weight, r.value) for r in aspects]), aspects)


def compute_index(scores: ScoreSet) -> IndexResult:
    """Aspect values, domain values weighted by aspect weights, the index weighted by domain weights."""
    domains = tuple(_domain(d, scores) for d in scores.instrument.domains)
    return IndexResult(scores, domains, _weighted([(r.domain.weight, r.value) for r in domains]))


# --- what if ----------------------------------------------------------------------------------
def what_if(scores: ScoreSet, indicators: Mapping[int, Fraction] | None = None,
            aspects: Mapping[int, Fraction] | None = None) -> WhatIf:
    """The index before and after setting these indicator scores (and aspect values). An aspect set as a
    value replaces its indicators; an indicator of an aspect given as a value cannot be set (its siblings
    are unknown)."""
    indicators, aspects = dict(indicators or {}), dict(aspects or {})
    _check_what_if(scores, indicators, aspects)
    instrument = scores.instrument
    replaced = {i.number for n in aspects for i in instrument.aspect(n).indicators}
    after = ScoreSet(instrument, {**{k: v for k, v in scores.indicators.items() if k not in replaced}, **indicators},
                     {**scores.aspects, **aspects}, scores.ippd, scores.year, scores.source)
    before = compute_index(scores)
    changes = [("indicator", n, scores.indicators.get(n), v) for n, v in sorted(indicators.items())]
    changes += [("aspect", n, before.aspect(n).value, v) for n, v in sorted(aspects.items())]
    return WhatIf(before, compute_index(after), tuple(changes))


def _check_what_if(scores: ScoreSet, indicators: dict[int, Fraction], aspects: dict[int, Fraction]) -> None:
    instrument, problems = scores.instrument, []
    known_indicators = {i.number for i in instrument.indicators}
    known_aspects = {a.number for a in instrument.aspects}
    for number, value in indicators.items():
        if number not in known_indicators:
            problems.append(problem(None, None, "unknown_indicator", got=number, instrument=instrument.short, last=len(known_indicators)))
        elif instrument.aspect_of(number).number in aspects:
            problems.append(problem(None, None, "both_ways", aspect=instrument.aspect_of(number).number, indicators=number))
        elif scores.given_as_value(instrument.aspect_of(number)):
            problems.append(problem(None, None, "what_if_given_aspect", indicator=number, aspect=instrument.aspect_of(number).number))
    for number in aspects:
        if number not in known_aspects:
            problems.append(problem(None, None, "unknown_aspect", got=number, instrument=instrument.short, last=len(known_aspects)))
    for kind, number, value in [("indicator", n, v) for n, v in indicators.items()] + [("aspect", n, v) for n, v in aspects.items()]:
        if not 0 <= value <= MAX_SCORE:
            problems.append(problem(None, None, "out_of_range", what=subject(kind, number, "--what-if "), got=f"{float(value):g}"))
    if problems:
        raise ScoresRejected(problems)


# --- sensitivity ------------------------------------------------------------------------------
def levers(result: IndexResult) -> tuple[Lever, ...]:
    """Every indicator raised by 1 (to at most 5), with what that adds to the index; the largest first.
    An aspect given as a value stands for any of its indicators below 5 (assumed to have a point to gain)."""
    total = sum(d.weight for d in result.instrument.domains)
    found = []
    for aspect_result in result.aspects:
        aspect = aspect_result.aspect
        share = aspect.weight / (len(aspect.indicators) * total)
        if aspect_result.given:
            if aspect_result.value < MAX_SCORE:
                found.append(Lever(aspect, None, None, Fraction(1), share, result.value + share))
            continue
        for indicator in aspect.indicators:
            current = result.scores.indicators[indicator.number]
            step = min(Fraction(1), MAX_SCORE - current)
            if step > 0:
                found.append(Lever(aspect, indicator, current, step, share * step, result.value + share * step))
    return tuple(sorted(found, key=lambda lever: (-lever.gain, lever.aspect.number, lever.indicator.number if lever.indicator else 0)))
