"""Score files (YAML or CSV) and --what-if text into a ScoreSet; every problem with its file and line.

YAML:                                   CSV (two cells a row; a header row and further columns are ignored;
  instrument: permenpanrb-59-2020       `,` or `;` between cells, `2,5` or `2.5` as a number):
  ippd: Kabupaten Contoh                  indikator,nilai
  year: 2024                              instrument,permenpanrb-59-2020
  indicators: {1: 3, 2: 2.5, ...}         year,2024
  aspects: {8: 3.33}                      1,3
                                          aspek 8,3.33

Every indicator must be scored (the national method counts each one: write 0 for one without evidence);
a missing score is refused, not taken as 0. An aspect may be given as a value instead of its indicators
(a published result often lists only aspects); `10/7` writes a mean exactly.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import yaml
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError

from ea_repo.core.yaml_io import YAML_SUFFIXES
from ea_repo.index.compute import missing_indicators
from ea_repo.index.model import ScoreProblem, ScoreSet, ScoresRejected, problem, subject
from metamodel import IndexInstrument, load_spbe_index

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_RATIO = re.compile(r"^(\d+)\s*/\s*(\d+)$")
_ASPECT_KEY = re.compile(r"^(?:aspek|aspect|a)\s*(\d+)$", re.IGNORECASE)
_INDICATOR_KEY = re.compile(
    r"^(?:indikator|indicator|i)?\s*(\d+)$", re.IGNORECASE
)  # 13, I13 (as PermenPANRB 8/2026 numbers them)
_HEADER_WORDS = {"indikator", "indicator", "nomor", "no", "no.", "butir", "item", "key", "kunci"}
_CSV_FIELDS = {"instrument": "instrument", "instrumen": "instrument", "ippd": "ippd", "year": "year", "tahun": "year"}


class ScoreFile(BaseModel):
    """The shape of a score file (both formats come to this)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    instrument: str | None = Field(None, validation_alias=AliasChoices("instrument", "instrumen"))
    ippd: str | None = None
    year: int | None = Field(None, ge=1990, le=2100, validation_alias=AliasChoices("year", "tahun"))
    indicators: dict[str, str] = Field(default_factory=dict, validation_alias=AliasChoices("indicators", "indikator"))
    aspects: dict[str, str] = Field(default_factory=dict, validation_alias=AliasChoices("aspects", "aspek"))


FIELDS = ("instrument", "ippd", "year", "indicators", "aspects")
_FIELD_ERRORS = {
    "year": "field_year",
    "tahun": "field_year",
    "instrument": "field_text",
    "instrumen": "field_text",
    "ippd": "field_text",
    "indicators": "field_mapping",
    "indikator": "field_mapping",
    "aspects": "field_mapping",
    "aspek": "field_mapping",
}


@dataclass
class RawScores:
    """What a file says before it is checked: fields with their lines, and (key, value, line) entries."""

    where: str
    fields: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    indicators: list[tuple[str, object, int]] = field(default_factory=list)  # value: as _plain reads it
    aspects: list[tuple[str, object, int]] = field(default_factory=list)
    problems: list[ScoreProblem] = field(default_factory=list)


# --- reading ----------------------------------------------------------------------------------
def read_scores(path: Path, instrument: IndexInstrument | None = None) -> ScoreSet:
    """The score set in a .yaml/.yml or .csv file; ScoresRejected lists every problem. `instrument` (from
    `--instrument`) is used instead of the shipped one the file names; the file may then leave `instrument:` out."""
    where = str(path)
    suffix = path.suffix.lower()
    if suffix not in (*YAML_SUFFIXES, ".csv"):
        raise ScoresRejected([problem(where, None, "file_type")])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScoresRejected([problem(where, None, "unreadable", detail=str(exc))]) from None
    raw = parse_csv(text, where) if suffix == ".csv" else parse_yaml(text, where)
    return build_scores(raw, instrument)


def parse_yaml(text: str, where: str) -> RawScores:
    raw = RawScores(where)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raw.problems.append(
            problem(
                where, mark.line + 1 if mark else None, "invalid_yaml", detail=getattr(exc, "problem", None) or str(exc)
            )
        )
        return raw
    if not isinstance(root, yaml.MappingNode):
        raw.problems.append(problem(where, root.start_mark.line + 1 if root else None, "not_mapping"))
        return raw
    for key_node, value_node in root.value:
        key, line = str(key_node.value), key_node.start_mark.line + 1
        raw.lines[key] = line
        target = {
            "indicators": raw.indicators,
            "indikator": raw.indicators,
            "aspects": raw.aspects,
            "aspek": raw.aspects,
        }.get(key)
        if target is not None and isinstance(value_node, yaml.MappingNode):
            target.extend((str(k.value), _plain(v), k.start_mark.line + 1) for k, v in value_node.value)
            raw.fields[key] = {}
        else:
            raw.fields[key] = _plain(value_node)
    return raw


def _plain(node: yaml.Node) -> object:
    """A node as plain data, scalars as the text written (no YAML 1.1 guessing)."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag.endswith(":null") and node.value in ("", "~", "null", "Null", "NULL") else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(n) for n in node.value]
    return {str(k.value): _plain(v) for k, v in node.value}


def parse_csv(text: str, where: str) -> RawScores:
    raw = RawScores(where)
    first = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text), delimiter=";" if ";" in first else ",")
    for row in reader:
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        _csv_row(raw, cells, reader.line_num)
    return raw


def _csv_row(raw: RawScores, cells: list[str], line: int) -> None:
    key = cells[0]
    if len(cells) < 2 or not cells[1]:
        if key.lower() not in _HEADER_WORDS:
            raw.problems.append(problem(raw.where, line, "row_short"))
        return
    if key.lower() in _HEADER_WORDS and not raw.fields and not raw.indicators and not raw.aspects:
        return
    aspect = _ASPECT_KEY.match(key)
    if key.lower() in _CSV_FIELDS:
        name = _CSV_FIELDS[key.lower()]
        raw.fields[name], raw.lines[name] = cells[1], line
    elif aspect:
        raw.aspects.append((aspect.group(1), cells[1], line))
    elif _INDICATOR_KEY.match(key):
        raw.indicators.append((key, cells[1], line))
    else:
        raw.problems.append(problem(raw.where, line, "row_unknown", key=key))


# --- checking ---------------------------------------------------------------------------------
def parse_score(text: object) -> Fraction | None:
    """`3`, `2.5`, `2,5` or `10/7` as an exact number; None if it is none of these."""
    text = str(text if text is not None else "").strip()
    ratio = _RATIO.match(text)
    if ratio:
        return Fraction(int(ratio.group(1)), int(ratio.group(2))) if int(ratio.group(2)) else None
    return Fraction(text.replace(",", ".")) if _NUMBER.match(text) else None


def build_scores(raw: RawScores, chosen: IndexInstrument | None = None) -> ScoreSet:
    """Check the shape, the instrument, every number and completeness; ScoresRejected lists every problem."""
    problems = list(raw.problems)
    header = _header(raw, problems)
    instrument = _instrument(raw, header, problems, chosen)
    if instrument is None:
        raise ScoresRejected(sorted(problems, key=lambda p: (p.line is None, p.line or 0)))
    indicators = _entries(raw, raw.indicators, "indicator", instrument, problems)
    aspects = _entries(raw, raw.aspects, "aspect", instrument, problems)
    assumed = _assume_external(raw, instrument, indicators, aspects)
    problems += _completeness(raw, instrument, indicators, aspects)
    if problems:
        raise ScoresRejected(sorted(problems, key=lambda p: (p.line is None, p.line or 0)))
    return ScoreSet(
        instrument,
        indicators,
        aspects,
        header.ippd if header else None,
        header.year if header else None,
        raw.where,
        frozenset(assumed),
    )


def _assume_external(
    raw: RawScores, instrument: IndexInstrument, indicators: dict[int, Fraction], aspects: dict[int, Fraction]
) -> list[int]:
    """Indicators scored from another agency's index that the file leaves out take the instrument's `assume`
    value (added to `indicators`); their numbers are returned so the output can say so."""
    written = {_indicator_number(k) for k, _, _ in raw.indicators}
    assumed = {
        i.number: i.assume
        for a in instrument.aspects
        if a.number not in aspects
        for i in a.indicators
        if i.external and i.assume is not None and i.number not in written
    }
    indicators.update(assumed)
    return list(assumed)


def _header(raw: RawScores, problems: list[ScoreProblem]) -> ScoreFile | None:
    data = {
        k: v for k, v in raw.fields.items() if v is not None or k not in ("indicators", "indikator", "aspects", "aspek")
    }
    try:
        return ScoreFile.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else ""
            line = raw.lines.get(name)
            if error["type"] == "missing":
                problems.append(problem(raw.where, None, "field_missing", field=name))
            elif error["type"] == "extra_forbidden":
                problems.append(problem(raw.where, line, "field_unknown", field=name, allowed=", ".join(FIELDS)))
            else:
                problems.append(
                    problem(
                        raw.where,
                        line,
                        _FIELD_ERRORS.get(name, "field_invalid"),
                        field=name,
                        got=str(error.get("input")),
                        detail=error["msg"],
                    )
                )
        return None


def _instrument(
    raw: RawScores, header: ScoreFile | None, problems: list[ScoreProblem], chosen: IndexInstrument | None = None
) -> IndexInstrument | None:
    key = header.instrument if header else raw.fields.get("instrument", raw.fields.get("instrumen"))
    line = raw.lines.get("instrument", raw.lines.get("instrumen"))
    if chosen is not None:
        if isinstance(key, str) and key and not _names(chosen, key):
            problems.append(problem(raw.where, line, "instrument_mismatch", got=key, chosen=chosen.key))
        return chosen
    if not isinstance(key, str) or not key:
        if header is not None:
            problems.append(problem(raw.where, None, "field_missing", field="instrument"))
        return None
    instruments = load_spbe_index()
    found = next((i for i in instruments.instruments if _names(i, key)), None)
    if found is None:
        problems.append(problem(raw.where, line, "unknown_instrument", got=key, known=", ".join(instruments.keys)))
    return found


def _names(instrument: IndexInstrument, key: str) -> bool:
    return " ".join(key.split()).lower() in (instrument.key, instrument.short.lower())


def _indicator_number(key: str) -> int | None:
    match = _INDICATOR_KEY.match(key.strip())
    return int(match.group(1)) if match else None


def _entries(
    raw: RawScores,
    entries: list[tuple[str, object, int]],
    kind: str,
    instrument: IndexInstrument,
    problems: list[ScoreProblem],
) -> dict[int, Fraction]:
    known = {i.number for i in instrument.indicators} if kind == "indicator" else {a.number for a in instrument.aspects}
    found: dict[int, Fraction] = {}
    seen: dict[int, int] = {}
    for key, value, line in entries:
        number = _indicator_number(key) if kind == "indicator" else (int(key) if key.strip().isdigit() else None)
        if number is None or number not in known:
            problems.append(
                problem(raw.where, line, f"unknown_{kind}", got=key, instrument=instrument.short, last=len(known))
            )
            continue
        if number in seen:
            problems.append(problem(raw.where, line, "duplicate", what=subject(kind, number), other=seen[number]))
            continue
        seen[number] = line
        score = parse_score(value)
        if score is None:
            problems.append(problem(raw.where, line, "not_a_score", what=subject(kind, number), got=str(value)))
        elif not instrument.scale_min <= score <= instrument.scale_max:
            problems.append(
                problem(
                    raw.where,
                    line,
                    "out_of_range",
                    what=subject(kind, number),
                    got=str(value),
                    low=f"{float(instrument.scale_min):g}",
                    high=f"{float(instrument.scale_max):g}",
                )
            )
        else:
            found[number] = score
    return found


def _completeness(
    raw: RawScores, instrument: IndexInstrument, indicators: dict[int, Fraction], aspects: dict[int, Fraction]
) -> list[ScoreProblem]:
    if not raw.indicators and not raw.aspects:
        return [problem(raw.where, None, "empty")]
    problems = []
    lines = {int(k): line for k, _, line in raw.aspects if k.isdigit()}
    for number in aspects:
        both = [i.number for i in instrument.aspect(number).indicators if i.number in indicators]
        if both:
            problems.append(
                problem(raw.where, lines.get(number), "both_ways", aspect=number, indicators=_numbers(both))
            )
    written = {_indicator_number(k) for k, _, _ in raw.indicators}
    given = {k.strip() for k, _, _ in raw.aspects}
    for aspect, numbers in missing_indicators(instrument, indicators, aspects):
        numbers = [n for n in numbers if n not in written]  # a score refused is reported there, not again here
        if numbers and str(aspect.number) not in given:
            problems.append(
                problem(raw.where, None, "missing", numbers=_numbers(numbers), aspect=aspect.number, name=aspect.name)
            )
    return problems


def _numbers(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


# --- --what-if --------------------------------------------------------------------------------
def parse_what_if(text: str) -> tuple[dict[int, Fraction], dict[int, Fraction]]:
    """`11=4,I12=4,aspek2=3` -> ({11: 4, 12: 4}, {2: 3}); ScoresRejected on anything else."""
    indicators: dict[int, Fraction] = {}
    aspects: dict[int, Fraction] = {}
    for part in (p.strip() for p in re.split(r"[,;]", text)):  # a decimal is written 2.5 here
        key, _, value = part.partition("=")
        key = key.strip()
        score = parse_score(value)
        aspect = _ASPECT_KEY.match(key)
        indicator = _indicator_number(key)
        if not part or score is None or not (indicator is not None or aspect):
            raise ScoresRejected([problem(None, None, "what_if_syntax", got=part or text)])
        if aspect:
            aspects[int(aspect.group(1))] = score
        elif indicator is not None:
            indicators[indicator] = score
    return indicators, aspects
