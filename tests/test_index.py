"""The SPBE index calculator: the published results reproduced, predicate edges, what-if, levers, input errors, CLI."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from ea_repo.index import (
    ScoreSet,
    ScoresRejected,
    compute_index,
    levers,
    parse_score,
    parse_what_if,
    read_scores,
    round_half_up,
    what_if,
)
from metamodel import load_spbe_index

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "indeks"
PEMDI, NEW, OLD = "permenpanrb-8-2026", "permenpanrb-59-2020", "permenpanrb-5-2018"
runner = CliRunner()


def instrument(key: str = NEW):
    return load_spbe_index().instrument(key)


def two(value: Fraction) -> float:
    return float(round_half_up(value))


def scores(key: str = NEW, default: Fraction | int = 2, aspects: dict | None = None, **changes) -> ScoreSet:
    """Every indicator at `default`, except i<N>=score; aspects given as values drop their indicators."""
    inst = instrument(key)
    given = {n: Fraction(v) for n, v in (aspects or {}).items()}
    dropped = {i.number for n in given for i in inst.aspect(n).indicators}
    values = {i.number: Fraction(default) for i in inst.indicators if i.number not in dropped}
    values.update({int(k[1:]): Fraction(v) for k, v in changes.items()})
    return ScoreSet(inst, values, given)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def full_yaml(key: str = NEW, score: str = "2", skip: tuple[int, ...] = (), extra: str = "") -> str:
    lines = [f"instrument: {key}", "indicators:"]
    lines += [f"  {i.number}: {score}" for i in instrument(key).indicators if i.number not in skip]
    return "\n".join(lines) + "\n" + extra


# --- the instruments ----------------------------------------------------------------------------
@pytest.mark.parametrize("key, domains, aspects, indicators", [(NEW, 4, 8, 47), (OLD, 3, 7, 35)])
def test_instruments_have_the_published_structure_and_weights_sum_to_100(key, domains, aspects, indicators):
    inst = instrument(key)
    assert (len(inst.domains), len(inst.aspects), len(inst.indicators)) == (domains, aspects, indicators)
    assert sum(d.weight for d in inst.domains) == 100 == sum(a.weight for a in inst.aspects)
    assert all(d.weight == sum(a.weight for a in d.aspects) for d in inst.domains)
    assert all(a.source for a in inst.aspects) and inst.sources


def test_the_2020_weights_and_indicator_ranges_are_those_of_domain_md():
    inst = instrument(NEW)
    expected = {
        1: (13, 1, 10),
        2: (10, 11, 14),
        3: (10, 15, 18),
        4: (5, 19, 20),
        5: (12, 21, 28),
        6: (4.5, 29, 31),
        7: (27.5, 32, 41),
        8: (18, 42, 47),
    }
    found = {a.number: (float(a.weight), a.indicators[0].number, a.indicators[-1].number) for a in inst.aspects}
    assert found == expected
    assert [float(d.weight) for d in inst.domains] == [13, 25, 16.5, 45.5]
    assert inst.indicator(11).name == "Tingkat Kematangan Arsitektur SPBE Instansi Pusat/Pemerintah Daerah"


def test_the_2018_weights_are_those_of_seed_002_section_3_3():
    inst = instrument(OLD)
    assert [(float(a.weight), len(a.indicators)) for a in inst.aspects] == [
        (7, 7),
        (10, 10),
        (8, 2),
        (8, 2),
        (12, 3),
        (35, 7),
        (20, 4),
    ]
    assert [float(d.weight) for d in inst.domains] == [17, 28, 55]


# --- the published results ----------------------------------------------------------------------
def test_serang_2022_is_reproduced_from_its_aspects():
    result = compute_index(read_scores(SAMPLES / "serang-2022.yaml"))
    assert [two(a.value) for a in result.aspects] == [3.20, 1.50, 2.00, 2.50, 1.38, 2.33, 3.20, 3.33]
    assert [two(d.value) for d in result.domains] == [3.20, 1.90, 1.64, 3.25]
    assert two(result.value) == 2.64 and result.predicate.name == "Baik"
    assert (result.scores.ippd, result.scores.year) == ("Kabupaten Serang", 2022)


def test_pesawaran_2019_is_reproduced_from_its_aspects():
    result = compute_index(read_scores(SAMPLES / "pesawaran-2019.yaml"))
    assert [two(a.value) for a in result.aspects] == [1.00, 1.00, 1.50, 1.00, 1.00, 1.43, 1.17]
    assert [two(d.value) for d in result.domains] == [1.00, 1.14, 1.33]
    assert two(result.value) == 1.22 and result.predicate.name == "Kurang"


def test_pesawaran_with_the_printed_rounded_aspects_misses_the_layanan_domain_by_one_hundredth():
    """Why the sample writes 10/7 and 7/6: the printed 1,43 and 1,17 give Layanan 1,34, not the published 1,33."""
    result = compute_index(
        scores(OLD, aspects={1: 1, 2: 1, 3: "1.5", 4: 1, 5: 1, 6: Fraction("1.43"), 7: Fraction("1.17")})
    )
    assert two(result.domain(3).value) == 1.34 and two(result.value) == 1.22


def test_indicator_scores_averaging_to_the_aspects_give_the_same_index():
    """A hypothetical indicator set consistent with seed 002 Tabel 4.1 (not the real scores, which are not
    published)."""
    ones = {f"i{n}": 1 for n in range(1, 36)}
    hypothetical = scores(OLD, **{**ones, "i19": 2, "i25": 2, "i26": 2, "i27": 2, "i35": Fraction(5, 3)})
    assert two(compute_index(hypothetical).value) == 1.22
    assert [two(d.value) for d in compute_index(hypothetical).domains] == [1.00, 1.14, 1.33]


# --- predicates ---------------------------------------------------------------------------------
@pytest.mark.parametrize("key", [NEW, OLD])
@pytest.mark.parametrize(
    "value, band",
    [
        ("5", "Memuaskan"),
        ("4.2", "Memuaskan"),
        ("4.19", "Sangat Baik"),
        ("3.5", "Sangat Baik"),
        ("3.49", "Baik"),
        ("2.6", "Baik"),
        ("2.59", "Cukup"),
        ("1.8", "Cukup"),
        ("1.79", "Kurang"),
        ("0", "Kurang"),
    ],
)
def test_predicate_bands(key, value, band):
    assert instrument(key).predicate(Fraction(value)).name == band


@pytest.mark.parametrize(
    "value, band", [("2.6", "Baik"), ("2.59", "Cukup"), ("3.5", "Sangat Baik"), ("1.8", "Cukup"), ("4.2", "Memuaskan")]
)
def test_an_index_on_a_band_edge_gets_that_band(value, band):
    result = compute_index(scores(default=Fraction(value)))
    assert result.value == Fraction(value) and result.predicate.name == band


def test_the_predicate_is_that_of_the_index_as_published_to_two_decimals():
    result = compute_index(scores(default=Fraction("2.595")))
    assert two(result.value) == 2.60 and result.predicate.name == "Baik"


def test_rounding_is_half_up_and_exact():
    assert round_half_up(Fraction(11, 8)) == Fraction("1.38") and round_half_up(Fraction(7, 6)) == Fraction("1.17")
    assert round_half_up(Fraction("-0.125")) == Fraction("-0.13")


# --- what if ------------------------------------------------------------------------------------
def test_what_if_gives_the_deltas_per_aspect_domain_and_index():
    change = what_if(scores(i11=1, i12=1), {11: Fraction(4), 12: Fraction(4)})
    assert two(change.before.aspect(2).value) == 1.50 and two(change.after.aspect(2).value) == 3.00
    assert (two(change.before.domain(2).value), two(change.after.domain(2).value)) == (1.80, 2.40)
    assert (two(change.before.value), two(change.after.value), two(change.delta)) == (1.95, 2.10, 0.15)
    assert change.before.aspect(1).value == change.after.aspect(1).value
    assert change.changes == (("indicator", 11, 1, 4), ("indicator", 12, 1, 4))


def test_what_if_reports_a_predicate_change():
    change = what_if(scores(), {n: Fraction(4) for n in range(32, 48)})
    assert (two(change.before.value), two(change.after.value)) == (2.00, 2.91)
    assert (change.before.predicate.name, change.after.predicate.name) == ("Cukup", "Baik")


def test_what_if_on_an_aspect_given_as_a_value():
    sample = read_scores(SAMPLES / "serang-2022.yaml")
    change = what_if(sample, aspects={2: Fraction(3)})
    assert (two(change.before.domain(2).value), two(change.after.domain(2).value)) == (1.90, 2.50)
    assert two(change.after.value) == 2.79
    # An indicator of that aspect moves it, its three siblings taken at the aspect's value (1.50),
    # and the report says so.
    moved = what_if(sample, {11: Fraction(4), 12: Fraction(4)})
    assert moved.after.aspect(2).value == Fraction(3, 2) + 2 * Fraction(1, 4) * (4 - Fraction(3, 2)) == Fraction(11, 4)
    assert moved.assumed_aspects == (2,) and moved.changes[0] == ("indicator", 11, Fraction(3, 2), 4)
    assert two(moved.after.value) == two(moved.before.value + Fraction(10, 100) * (Fraction(11, 4) - Fraction(3, 2)))


@pytest.mark.parametrize(
    "changes, aspects, expected",
    [
        ({48: Fraction(4)}, {}, "indicator 48 does not exist"),
        ({11: Fraction(6)}, {}, "--what-if indicator 11: score 6 is outside the scale 0–5"),
        ({}, {9: Fraction(1)}, "aspect 9 does not exist"),
        ({11: Fraction(4)}, {2: Fraction(3)}, "aspect 2 is given both as a value and by indicators 11"),
    ],
)
def test_what_if_refuses_unknown_numbers_out_of_range_scores_and_both_ways(changes, aspects, expected):
    with pytest.raises(ScoresRejected, match=expected):
        what_if(scores(), changes, aspects)


def test_what_if_text():
    assert parse_what_if("11=4, 12=4,aspek2=2.5") == ({11: 4, 12: 4}, {2: Fraction(5, 2)})
    assert parse_what_if("a8=3") == ({}, {8: 3})
    for bad in ("11", "11=x", "x=4", "11=4,"):
        with pytest.raises(ScoresRejected, match="--what-if"):
            parse_what_if(bad)


# --- levers -------------------------------------------------------------------------------------
def test_levers_rank_by_index_gain_and_stop_at_five():
    result = compute_index(scores(i42=5, i43=Fraction("4.5")))
    found = levers(result)
    assert found[0].indicator.number == 44 and found[0].gain == Fraction(3, 100)  # aspect 8: 18% / 6 indicators
    assert 42 not in {lever.indicator.number for lever in found}
    half = next(lever for lever in found if lever.indicator.number == 43)
    assert half.raise_by == Fraction(1, 2) and half.gain == Fraction(3, 200)
    assert found[-1].aspect.number == 1 and found[-1].gain == Fraction(13, 1000)


def test_a_lever_is_the_what_if_of_that_one_indicator():
    base = scores(i11=1, i30=3)
    for lever in levers(compute_index(base))[:12]:
        change = what_if(base, {lever.indicator.number: lever.current + lever.raise_by})
        assert change.after.value == lever.after and change.delta == lever.gain


def test_levers_of_aspects_given_as_values():
    found = levers(compute_index(read_scores(SAMPLES / "serang-2022.yaml")))
    assert [lever.aspect.number for lever in found] == [8, 7, 2, 3, 4, 5, 6, 1]
    assert all(lever.indicator is None for lever in found)


# --- input: YAML and CSV -------------------------------------------------------------------------
def test_a_complete_yaml_file(tmp_path):
    result = compute_index(
        read_scores(write(tmp_path, "s.yaml", full_yaml(extra="ippd: Kabupaten Contoh\ntahun: 2024\n")))
    )
    assert result.value == 2 and result.predicate.name == "Cukup" and result.scores.year == 2024


def test_missing_indicators_are_refused_not_counted_as_zero(tmp_path):
    path = write(tmp_path, "s.yaml", full_yaml(skip=(3, 4, 12)))
    with pytest.raises(ScoresRejected) as refused:
        read_scores(path)
    messages = [p.render("en") for p in refused.value.problems]
    assert messages == [
        f"{path}: no score for indicator(s) 3, 4 (aspect 1 Kebijakan Internal Tata Kelola SPBE): the national method "
        "counts every indicator; write 0 for one without evidence, or give the aspect's value under aspects:",
        f"{path}: no score for indicator(s) 12 (aspect 2 Perencanaan Strategis SPBE): the national method "
        "counts every indicator; write 0 for one without evidence, or give the aspect's value under aspects:",
    ]


def test_yaml_errors_name_the_file_and_line(tmp_path):
    text = full_yaml(skip=(5, 6, 7)) + "  48: 3\n  5: 6\n  6: tinggi\n  7: 2\n  7: 3\n"
    path = write(tmp_path, "s.yaml", text)
    line = {n: i + 1 for i, n in enumerate(text.splitlines())}
    with pytest.raises(ScoresRejected) as refused:
        read_scores(path)
    assert [p.render("en") for p in refused.value.problems] == [
        f"{path}:{line['  48: 3']}: indicator 48 does not exist in PermenPANRB 59/2020 (indicators 1–47)",
        f"{path}:{line['  5: 6']}: indicator 5: score 6 is outside the scale 0–5",
        f"{path}:{line['  6: tinggi']}: indicator 6: expected a number (e.g. 3, 2.5, 2,5 or 10/7), got 'tinggi'",
        f"{path}:{line['  7: 3']}: indicator 7 is given twice (also on line {line['  7: 2']})",
    ]
    assert refused.value.problems[1].render("id") == f"{path}:{line['  5: 6']}: indikator 5: nilai 6 di luar skala 0–5"


def test_header_errors(tmp_path):
    path = write(tmp_path, "s.yaml", "instrument: permenpanrb-1-2000\nyear: kemarin\nowner: x\nindicators: {1: 3}\n")
    with pytest.raises(ScoresRejected) as refused:
        read_scores(path)
    rendered = [p.render("en") for p in refused.value.problems]
    assert rendered[0] == f"{path}:1: unknown instrument permenpanrb-1-2000; expected one of: {PEMDI}, {NEW}, {OLD}"
    assert rendered[1].startswith(f"{path}:2: year: ")
    assert rendered[2] == f"{path}:3: unknown field owner; expected one of: instrument, ippd, year, indicators, aspects"
    with pytest.raises(ScoresRejected, match="instrument is required"):
        read_scores(write(tmp_path, "t.yaml", "indicators: {1: 3}\n"))


def test_an_aspect_given_both_ways_and_an_unknown_aspect(tmp_path):
    path = write(tmp_path, "s.yaml", full_yaml() + "aspects:\n  2: 3\n  9: 1\n")
    with pytest.raises(ScoresRejected) as refused:
        read_scores(path)
    assert [p.render("en") for p in refused.value.problems] == [  # 47 indicators on lines 3-49, aspects: on 50
        f"{path}:51: aspect 2 is given both as a value and by indicators 11, 12, 13, 14; give one or the other",
        f"{path}:52: aspect 9 does not exist in PermenPANRB 59/2020 (aspects 1–8)",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "expected a mapping"),
        ("- 1\n", "expected a mapping"),
        ("a: [\n", "invalid YAML"),
        (f"instrument: {NEW}\n", "no indicator or aspect scores"),
    ],
)
def test_unusable_yaml(tmp_path, text, expected):
    with pytest.raises(ScoresRejected, match=expected):
        read_scores(write(tmp_path, "s.yaml", text))


def test_a_csv_file_with_semicolons_and_decimal_commas(tmp_path):
    rows = ["indikator;nilai;nama", f"instrumen;{OLD}", "tahun;2019", "ippd;Kabupaten Pesawaran"]
    rows += [
        f"aspek {n};{v}" for n, v in ((1, "1,00"), (2, "1"), (3, "1,5"), (4, "1"), (5, "1"), (6, "10/7"), (7, "7/6"))
    ]
    result = compute_index(read_scores(write(tmp_path, "s.csv", "\n".join(rows) + "\n")))
    assert two(result.value) == 1.22 and result.scores.year == 2019 and result.scores.ippd == "Kabupaten Pesawaran"


def test_a_csv_file_of_indicators_with_errors_by_line(tmp_path):
    rows = (
        ["indicator,score", f"instrument,{NEW}"]
        + [f"{n},3" for n in range(1, 48)]
        + ["48,2", "aspect 9,1", "catatan,x", "5,"]
    )
    path = write(tmp_path, "s.csv", "\n".join(rows) + "\n")
    with pytest.raises(ScoresRejected) as refused:
        read_scores(path)
    assert [p.render("en") for p in refused.value.problems] == [
        f"{path}:50: indicator 48 does not exist in PermenPANRB 59/2020 (indicators 1–47)",
        f"{path}:51: aspect 9 does not exist in PermenPANRB 59/2020 (aspects 1–8)",
        f"{path}:52: unknown row 'catatan': expected an indicator number, 'aspect N', instrument, ippd or year",
        f"{path}:53: a row needs two cells: the number and the value",
    ]
    assert (
        compute_index(read_scores(write(tmp_path, "ok.csv", "\n".join(rows[:49]) + "\n"))).value == 3
    )  # header, instrument, 47


def test_other_files_are_refused(tmp_path):
    with pytest.raises(ScoresRejected, match=r"\.yaml, \.yml or \.csv"):
        read_scores(write(tmp_path, "s.txt", "1,3"))


@pytest.mark.parametrize(
    "text, value",
    [
        ("3", 3),
        ("2.5", Fraction(5, 2)),
        ("2,5", Fraction(5, 2)),
        ("10/7", Fraction(10, 7)),
        (" 4 ", 4),
        ("x", None),
        ("1/0", None),
        ("", None),
        ("3.", None),
    ],
)
def test_parse_score(text, value):
    assert parse_score(text) == value


# --- the command --------------------------------------------------------------------------------
def ea(*args: str, lang: str = "id"):
    return runner.invoke(app, ["--lang", lang, "index", *args])


def test_cli_table_in_indonesian_and_english():
    result = ea(str(SAMPLES / "serang-2022.yaml"))
    assert result.exit_code == 0, result.output
    assert (
        "INDEKS SPBE" in result.stdout
        and "2,64" in result.stdout
        and "Baik" in result.stdout
        and "Sangat Baik, mulai 3,50" in result.stdout
    )
    english = ea(str(SAMPLES / "pesawaran-2019.yaml"), lang="en")
    assert (
        english.exit_code == 0
        and "SPBE INDEX" in english.stdout
        and "1.22" in english.stdout
        and "Kurang (Poor)" in english.stdout
    )


def test_cli_json_with_what_if():
    result = ea(str(SAMPLES / "serang-2022.yaml"), "--what-if", "aspek2=3", "--format", "json", "--top", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["index"]["value"] == 2.64 and data["predicate"] == "Baik" and data["instrument"] == NEW
    assert [d["value"] for d in data["domains"]] == [3.2, 1.9, 1.64, 3.25]
    assert data["what_if"]["index"] == {"before": 2.64, "after": 2.79, "delta": 0.15}
    assert data["what_if"]["domains"][1] == {"number": 2, "before": 1.9, "after": 2.5, "delta": 0.6}
    assert len(data["levers"]) == 3 and data["levers"][0]["aspect"] == 8


def test_cli_markdown_lists_indicator_scores(tmp_path):
    path = write(tmp_path, "s.yaml", full_yaml(extra="ippd: Kabupaten Contoh\n"))
    result = ea(str(path), "--format", "md", "--what-if", "11=4,12=4")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Indeks SPBE Kabupaten Contoh")
    assert "| INDEKS SPBE | 100% | 2,00 | 2,10 | +0,10 |" in result.stdout
    assert "|   Aspek 2 Perencanaan Strategis SPBE | 10% | 2,00 | 3,00 | +1,00 |" in result.stdout
    assert (
        "| 11 | Tingkat Kematangan Arsitektur SPBE Instansi Pusat/Pemerintah Daerah | Aspek 2 | 2,00 |" in result.stdout
    )


def test_cli_errors_exit_2_with_file_and_line(tmp_path):
    path = write(tmp_path, "s.yaml", full_yaml(extra="aspects:\n  9: 1\n"))
    result = ea(str(path), lang="en")
    assert (
        result.exit_code == 2
        and f"{path}:51: aspect 9 does not exist" in result.output
        and "rejected: 1 problem" in result.output
    )
    assert ea(str(SAMPLES / "serang-2022.yaml"), "--what-if", "11=9").exit_code == 2
    assert ea(str(SAMPLES / "serang-2022.yaml"), "--format", "xml").exit_code == 2
