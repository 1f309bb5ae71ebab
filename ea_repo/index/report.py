"""The index as tables (screen, Markdown) and as JSON data. Values are shown to two decimals, as published."""
from __future__ import annotations

from fractions import Fraction

from ..checks.findings import Text
from ..reports.tables import Document, Table
from .model import IndexResult, Lever, WhatIf, round_half_up

W = {
    "title": Text("Indeks SPBE", "SPBE index"),
    "structure": Text("Domain dan aspek", "Domains and aspects"),
    "domain_aspect": Text("Domain / aspek", "Domain / aspect"),
    "weight": Text("Bobot", "Weight"),
    "value": Text("Indeks", "Index"),
    "index": Text("INDEKS SPBE", "SPBE INDEX"),
    "predicate": Text("Predikat", "Predicate"),
    "aspect": Text("Aspek {n}", "Aspect {n}"),
    "given": Text(" (nilai aspek)", " (aspect value)"),
    "next": Text("Predikat berikutnya, {band}, mulai {minimum}: indeks perlu naik {needed}.",
                 "Next predicate, {band}, from {minimum}: the index needs {needed} more."),
    "top": Text("Predikat tertinggi tercapai.", "The highest predicate is reached."),
    "indicators": Text("Nilai indikator", "Indicator scores"),
    "no": Text("No", "No"),
    "indicator": Text("Indikator", "Indicator"),
    "score": Text("Nilai", "Score"),
    "what_if": Text("Bagaimana jika: {changes}", "What if: {changes}"),
    "before": Text("Sebelum", "Before"),
    "after": Text("Sesudah", "After"),
    "delta": Text("Selisih", "Change"),
    "levers": Text("Indikator yang paling menaikkan indeks (+1 per indikator)", "Indicators that raise the index most (+1 each)"),
    "any_of": Text("salah satu indikator aspek {n} yang belum 5", "any indicator of aspect {n} below 5"),
    "gain": Text("Indeks naik", "Index gain"),
    "new_index": Text("Indeks baru", "New index"),
    "levers_note": Text("Naik 1 tingkat (paling tinggi 5); kenaikan = bobot aspek ÷ jumlah indikatornya ÷ 100.",
                        "One level up (at most 5); the gain is the aspect's weight ÷ its number of indicators ÷ 100."),
    "predicate_note": Text("Predikat dari indeks dua desimal: ≥ 4,20 Memuaskan; ≥ 3,50 Sangat Baik; ≥ 2,60 Baik; ≥ 1,80 Cukup; "
                           "di bawahnya Kurang.",
                           "Predicate from the index to two decimals: ≥ 4.20 Memuaskan (satisfactory); ≥ 3.50 Sangat Baik "
                           "(very good); ≥ 2.60 Baik (good); ≥ 1.80 Cukup (fair); below, Kurang (poor)."),
}


def number(value: Fraction, lang: str = "id", places: int = 2, sign: bool = False) -> str:
    """`value` to `places` decimals, half up; a decimal comma in Indonesian (2,64), a point in English."""
    text = f"{float(round_half_up(value, places)):{'+' if sign else ''}.{places}f}"
    return text.replace(".", ",") if lang != "en" else text


def percent(weight: Fraction, lang: str) -> str:
    text = f"{float(weight):g}%"
    return text.replace(".", ",") if lang != "en" else text


def subtitle(result: IndexResult, lang: str) -> str:
    scores = result.scores
    who = " ".join(str(p) for p in (scores.ippd, scores.year) if p)
    return " — ".join(p for p in (who, result.instrument.title) if p)


# --- tables -----------------------------------------------------------------------------------
def structure_table(result: IndexResult, lang: str) -> Table:
    """The published layout: each domain, its aspects, the index and the predicate."""
    rows = []
    for domain in result.domains:
        rows.append([domain.domain.label(lang), percent(domain.domain.weight, lang), number(domain.value, lang)])
        for aspect in domain.aspects:
            label = f"  {W['aspect'].get(lang, n=str(aspect.aspect.number))} {aspect.aspect.label(lang)}"
            rows.append([label + (W["given"].get(lang) if aspect.given else ""), percent(aspect.aspect.weight, lang), number(aspect.value, lang)])
    rows.append([W["index"].get(lang), "100%", number(result.value, lang)])
    rows.append([W["predicate"].get(lang), "", result.predicate.label(lang)])
    return Table(W["structure"].get(lang), [W["domain_aspect"].get(lang), W["weight"].get(lang), W["value"].get(lang)], rows,
                 note=next_band_text(result, lang))


def next_band_text(result: IndexResult, lang: str) -> str:
    shown = round_half_up(result.value)
    band = result.instrument.next_band(shown)
    if band is None:
        return W["top"].get(lang)
    return W["next"].get(lang, band=band.label(lang), minimum=number(band.minimum, lang), needed=number(band.minimum - shown, lang))


def indicator_table(result: IndexResult, lang: str) -> Table | None:
    scores = result.scores.indicators
    if not scores:
        return None
    rows = [[str(i.number), i.name, W["aspect"].get(lang, n=str(a.number)), number(scores[i.number], lang)]
            for a in result.instrument.aspects for i in a.indicators if i.number in scores]
    return Table(W["indicators"].get(lang), [W["no"].get(lang), W["indicator"].get(lang), W["aspect"].get(lang, n="").strip(),
                                             W["score"].get(lang)], rows)


def what_if_table(change: WhatIf, lang: str) -> Table:
    """Every domain and aspect before and after, the change, and the predicate before and after."""
    rows = []
    for before, after in zip(change.before.domains, change.after.domains):
        rows.append(_delta_row(before.domain.label(lang), before.domain.weight, before.value, after.value, lang))
        for old, new in zip(before.aspects, after.aspects):
            label = f"  {W['aspect'].get(lang, n=str(old.aspect.number))} {old.aspect.label(lang)}"
            rows.append(_delta_row(label, old.aspect.weight, old.value, new.value, lang))
    rows.append(_delta_row(W["index"].get(lang), Fraction(100), change.before.value, change.after.value, lang))
    rows.append([W["predicate"].get(lang), "", change.before.predicate.label(lang), change.after.predicate.label(lang),
                 "" if change.before.predicate == change.after.predicate else "↑" if change.delta > 0 else "↓"])
    described = ", ".join(f"{_what(kind, n, lang)} {number(old, lang) if old is not None else '?'} → {number(new, lang)}"
                          for kind, n, old, new in change.changes)
    return Table(W["what_if"].get(lang, changes=described), [W["domain_aspect"].get(lang), W["weight"].get(lang), W["before"].get(lang),
                                                              W["after"].get(lang), W["delta"].get(lang)], rows,
                 note=next_band_text(change.after, lang))


def _what(kind: str, n: int, lang: str) -> str:
    return W["aspect"].get(lang, n=str(n)) if kind == "aspect" else f"{W['indicator'].get(lang)} {n}"


def _delta_row(label: str, weight: Fraction, before: Fraction, after: Fraction, lang: str) -> list[str]:
    delta = after - before
    return [label, percent(weight, lang), number(before, lang), number(after, lang), number(delta, lang, sign=True) if delta else ""]


def lever_table(result: IndexResult, levers: tuple[Lever, ...], lang: str) -> Table:
    rows = []
    for lever in levers:
        what = (f"{lever.indicator.number} {lever.indicator.name}".strip() if lever.indicator
                else W["any_of"].get(lang, n=str(lever.aspect.number)))
        current = number(lever.current, lang) if lever.current is not None else ""
        after = result.instrument.predicate(round_half_up(lever.after))
        moved = f" ({after.label(lang)})" if after != result.predicate else ""
        rows.append([what, W["aspect"].get(lang, n=str(lever.aspect.number)), current,
                     number(lever.gain, lang, places=3, sign=True), number(lever.after, lang) + moved])
    return Table(W["levers"].get(lang), [W["indicator"].get(lang), W["aspect"].get(lang, n="").strip(), W["score"].get(lang),
                                         W["gain"].get(lang), W["new_index"].get(lang)], rows, note=W["levers_note"].get(lang))


def index_document(result: IndexResult, lang: str = "id", change: WhatIf | None = None, levers: tuple[Lever, ...] = (),
                   indicators: bool = True) -> Document:
    """The index report: the structure as published (or, with a what-if, before and after), the strongest
    levers, the indicator scores."""
    tables = [structure_table(result, lang) if change is None else what_if_table(change, lang)]
    if levers:
        tables.append(lever_table(result, levers, lang))
    scores = indicator_table(result, lang) if indicators else None
    if scores is not None:
        tables.append(scores)
    return Document(f"{W['title'].get(lang)} {result.scores.ippd or ''}".strip(), subtitle(result, lang), tables, lang)


# --- JSON ---------------------------------------------------------------------------------------
def _value(value: Fraction) -> dict:
    return {"value": float(round_half_up(value)), "exact": round(float(value), 6)}


def result_data(result: IndexResult, lang: str = "id") -> dict:
    scores = result.scores
    domains = [{"number": d.domain.number, "name": d.domain.label(lang), "weight": float(d.domain.weight), **_value(d.value),
                "aspects": [{"number": a.aspect.number, "name": a.aspect.label(lang), "weight": float(a.aspect.weight),
                             **_value(a.value), "given_as_value": a.given,
                             "indicators": [{"number": i.number, "name": i.name, "score": float(scores.indicators[i.number])}
                                            for i in a.aspect.indicators if i.number in scores.indicators]}
                            for a in d.aspects]}
               for d in result.domains]
    shown = round_half_up(result.value)
    band = result.instrument.next_band(shown)
    return {"instrument": result.instrument.key, "title": result.instrument.title, "ippd": scores.ippd, "year": scores.year,
            "index": _value(result.value), "predicate": result.predicate.name,
            "next_predicate": {"name": band.name, "minimum": float(band.minimum), "needed": float(band.minimum - shown)} if band else None,
            "domains": domains}


def _deltas(pairs: list[tuple[int, Fraction, Fraction]]) -> list[dict]:
    return [{"number": n, "before": float(round_half_up(old)), "after": float(round_half_up(new)),
             "delta": float(round_half_up(new - old))} for n, old, new in pairs]


def what_if_data(change: WhatIf) -> dict:
    before, after = change.before, change.after
    return {"changes": [{kind: n, "before": float(old) if old is not None else None, "after": float(new)}
                        for kind, n, old, new in change.changes],
            "index": {"before": float(round_half_up(before.value)), "after": float(round_half_up(after.value)),
                      "delta": float(round_half_up(change.delta))},
            "predicate": {"before": before.predicate.name, "after": after.predicate.name},
            "domains": _deltas([(b.domain.number, b.value, a.value) for b, a in zip(before.domains, after.domains)]),
            "aspects": _deltas([(b.aspect.number, b.value, a.value) for b, a in zip(before.aspects, after.aspects)])}


def levers_data(levers: tuple[Lever, ...]) -> list[dict]:
    return [{"aspect": lever.aspect.number, "indicator": lever.indicator.number if lever.indicator else None,
             "current": float(lever.current) if lever.current is not None else None, "raise_by": float(lever.raise_by),
             "gain": round(float(lever.gain), 6), "index_after": float(round_half_up(lever.after))} for lever in levers]
