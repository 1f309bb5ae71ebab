"""What the index calculator works on and returns: a score set, its results, and the problems of an input."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from ea_repo.checks.findings import Text
from ea_repo.core.errors import ScoresRejected  # noqa: F401 (the index raises it; its home is the errors family)
from ea_repo.core.i18n import Catalogue
from metamodel import IndexAspect, IndexDomain, IndexIndicator, IndexInstrument, IndexPredicate


@dataclass(frozen=True)
class ScoreSet:
    """The scores of one evaluation: indicator number -> score, and aspect number -> value for the aspects
    given as a value (published results often list aspects, not indicators). Complete and in range."""

    instrument: IndexInstrument
    indicators: Mapping[int, Fraction]
    aspects: Mapping[int, Fraction] = field(default_factory=dict)
    ippd: str | None = None
    year: int | None = None
    source: str | None = None
    assumed: frozenset[int] = (
        frozenset()
    )  # indicators scored from another index, left out of the file: the instrument's `assume`

    def given_as_value(self, aspect: IndexAspect) -> bool:
        return aspect.number in self.aspects


@dataclass(frozen=True)
class AspectResult:
    aspect: IndexAspect
    value: Fraction
    given: bool  # True: the input gave the aspect's value, not its indicators


@dataclass(frozen=True)
class DomainResult:
    domain: IndexDomain
    value: Fraction
    aspects: tuple[AspectResult, ...]


@dataclass(frozen=True)
class IndexResult:
    """Aspect, domain and index values, exact; `rounded` and `predicate` as the national results publish them.
    `domains` is empty for an instrument whose aspects stand alone (PermenPANRB 8/2026)."""

    scores: ScoreSet
    domains: tuple[DomainResult, ...]
    value: Fraction
    aspects: tuple[AspectResult, ...] = ()

    @property
    def instrument(self) -> IndexInstrument:
        return self.scores.instrument

    def aspect(self, number: int) -> AspectResult:
        return next(a for a in self.aspects if a.aspect.number == number)

    def domain(self, number: int) -> DomainResult:
        return next(d for d in self.domains if d.domain.number == number)

    @property
    def predicate(self) -> IndexPredicate:
        """The band of the index as published: to two decimals (2.598 is published 2.60, Baik)."""
        return self.instrument.predicate(Fraction(round_half_up(self.value)))


@dataclass(frozen=True)
class WhatIf:
    """The index before and after changing some scores."""

    before: IndexResult
    after: IndexResult
    changes: tuple[tuple[str, int, Fraction | None, Fraction], ...]  # ("indicator" or "aspect", number, old, new)
    assumed_aspects: tuple[
        int, ...
    ] = ()  # aspects given as a value whose other indicators were taken at the aspect's value

    @property
    def delta(self) -> Fraction:
        return self.after.value - self.before.value


@dataclass(frozen=True)
class Lever:
    """Raising one indicator by 1 (to at most the top of the scale): what it adds to the index. `indicator` is
    None when the aspect was given as a value: then it is any indicator of the aspect still below the top."""

    aspect: IndexAspect
    indicator: IndexIndicator | None
    current: Fraction | None
    raise_by: Fraction
    gain: Fraction
    after: Fraction


def round_half_up(value: Fraction, places: int = 2) -> Fraction:
    """`value` to `places` decimals, halves away from zero (1.375 -> 1.38), exactly."""
    scale = 10**places
    magnitude = (abs(value) * scale + Fraction(1, 2)).__floor__()
    return Fraction(magnitude if value >= 0 else -magnitude, scale)


# --- problems ---------------------------------------------------------------------------------
MESSAGES = Catalogue(
    "index",
    {
        "file_type": Text("berkas nilai harus .yaml, .yml atau .csv", "a score file must be .yaml, .yml or .csv"),
        "unreadable": Text("tidak bisa dibaca: {detail}", "cannot be read: {detail}"),
        "invalid_yaml": Text("YAML tidak valid: {detail}", "invalid YAML: {detail}"),
        "not_mapping": Text(
            "harus berupa mapping dengan instrument, indicators dan/atau aspects",
            "expected a mapping with instrument, indicators and/or aspects",
        ),
        "field_missing": Text("{field} wajib diisi", "{field} is required"),
        "field_unknown": Text(
            "field {field} tidak dikenal; pilihan: {allowed}", "unknown field {field}; expected one of: {allowed}"
        ),
        "field_invalid": Text("{field}: {detail}", "{field}: {detail}"),
        "field_year": Text(
            "{field}: harus tahun seperti 2024, tertulis {got!r}", "{field}: expected a year such as 2024, got {got!r}"
        ),
        "field_text": Text("{field}: harus teks", "{field}: expected text"),
        "field_mapping": Text(
            "{field}: harus mapping nomor: nilai (mis. 11: 3)",
            "{field}: expected a mapping of number: score (e.g. 11: 3)",
        ),
        "row_unknown": Text(
            "baris {key!r} tidak dikenal: tulis nomor indikator, 'aspek N', instrument, ippd atau year",
            "unknown row {key!r}: expected an indicator number, 'aspect N', instrument, ippd or year",
        ),
        "row_short": Text(
            "baris harus berisi dua sel: nomor dan nilai", "a row needs two cells: the number and the value"
        ),
        "unknown_instrument": Text(
            "instrumen {got} tidak dikenal; pilihan: {known}", "unknown instrument {got}; expected one of: {known}"
        ),
        "unknown_indicator": Text(
            "indikator {got} tidak ada di {instrument} (indikator 1–{last})",
            "indicator {got} does not exist in {instrument} (indicators 1–{last})",
        ),
        "unknown_aspect": Text(
            "aspek {got} tidak ada di {instrument} (aspek 1–{last})",
            "aspect {got} does not exist in {instrument} (aspects 1–{last})",
        ),
        "not_a_score": Text(
            "{what}: nilai harus angka (mis. 3, 2.5, 2,5 atau 10/7), tertulis {got!r}",
            "{what}: expected a number (e.g. 3, 2.5, 2,5 or 10/7), got {got!r}",
        ),
        "out_of_range": Text(
            "{what}: nilai {got} di luar skala {low}–{high}", "{what}: score {got} is outside the scale {low}–{high}"
        ),
        "instrument_mismatch": Text(
            "berkas ini untuk instrumen {got}, sedangkan --instrument memilih {chosen}",
            "this file is for instrument {got}, while --instrument chose {chosen}",
        ),
        "duplicate": Text(
            "{what} ditulis dua kali (juga di baris {other})", "{what} is given twice (also on line {other})"
        ),
        "both_ways": Text(
            "aspek {aspect} diberi nilai aspek dan juga nilai indikator {indicators}; pilih salah satu",
            "aspect {aspect} is given both as a value and by indicators {indicators}; give one or the other",
        ),
        "missing": Text(
            "nilai indikator {numbers} (aspek {aspect} {name}) belum diisi: metode nasional menghitung setiap "
            "indikator; tulis 0 untuk indikator tanpa bukti, atau beri nilai aspeknya di bawah aspects:",
            "no score for indicator(s) {numbers} (aspect {aspect} {name}): the national method counts every "
            "indicator; write 0 for one without evidence, or give the aspect's value under aspects:",
        ),
        "empty": Text("tidak ada nilai indikator maupun aspek", "no indicator or aspect scores"),
        "what_if_syntax": Text(
            "--what-if: tulis NOMOR=NILAI dipisah koma (mis. 11=4,12=4 atau aspek2=3), tertulis {got!r}",
            "--what-if: expected NUMBER=SCORE separated by commas (e.g. 11=4,12=4 or aspect2=3), got {got!r}",
        ),
        # what a problem is about (`subject`)
        "subject_indicator": Text("{prefix}indikator {number}", "{prefix}indicator {number}"),
        "subject_aspect": Text("{prefix}aspek {number}", "{prefix}aspect {number}"),
    },
)


@dataclass(frozen=True)
class ScoreProblem:
    """One problem in a score input: where (file and line when known), and what, in both languages."""

    where: str | None
    line: int | None
    key: str
    params: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str = "id") -> str:
        text = MESSAGES[self.key].get(lang, **{k: v.get(lang) if isinstance(v, Text) else v for k, v in self.params})
        place = f"{self.where}:{self.line}" if self.where and self.line else (self.where or "")
        return f"{place}: {text}" if place else text

    def __str__(self) -> str:
        return self.render("en")


def problem(where: str | None, line: int | None, message: str, **params) -> ScoreProblem:
    """A problem (`message`: a key of MESSAGES); a parameter may be a Text, rendered in the language asked."""
    return ScoreProblem(where, line, message, tuple(params.items()))


def subject(kind: str, number: int | str, prefix: str = "") -> Text:
    """ "indikator 11" / "indicator 11", "aspek 2" / "aspect 2": both languages, for a problem's parameter"""
    said = MESSAGES[f"subject_{kind}"]
    return Text(said.format("id", prefix=prefix, number=number), said.format("en", prefix=prefix, number=number))
