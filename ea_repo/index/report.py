"""The index as tables (screen, Markdown) and as JSON data. Values are shown to two decimals, as published.
Every name (the index, its bands, its aspects) comes from the instrument, so a new instrument needs no change here."""

from __future__ import annotations

from fractions import Fraction

from ea_repo.checks.findings import Text
from ea_repo.index.model import IndexResult, Lever, WhatIf, round_half_up
from ea_repo.reports.tables import Document, Table

W = {
    "structure": Text("Domain dan aspek", "Domains and aspects"),
    "aspects": Text("Aspek", "Aspects"),
    "domain_aspect": Text("Domain / aspek", "Domain / aspect"),
    "weight": Text("Bobot", "Weight"),
    "value": Text("Indeks", "Index"),
    "predicate": Text("Predikat", "Predicate"),
    "aspect": Text("Aspek {n}", "Aspect {n}"),
    "given": Text(" (nilai aspek)", " (aspect value)"),
    "next": Text(
        "Predikat berikutnya, {band}, mulai {minimum}: indeks perlu naik {needed}.",
        "Next predicate, {band}, from {minimum}: the index needs {needed} more.",
    ),
    "top": Text("Predikat tertinggi tercapai.", "The highest predicate is reached."),
    "indicators": Text("Nilai indikator", "Indicator scores"),
    "no": Text("No", "No"),
    "indicator": Text("Indikator", "Indicator"),
    "score": Text("Nilai", "Score"),
    "what_if": Text("Bagaimana jika: {changes}", "What if: {changes}"),
    "before": Text("Sebelum", "Before"),
    "after": Text("Sesudah", "After"),
    "delta": Text("Selisih", "Change"),
    "levers": Text(
        "Indikator yang paling menaikkan indeks (+1 per indikator)", "Indicators that raise the index most (+1 each)"
    ),
    "any_of": Text("salah satu indikator aspek {n} yang belum 5", "any indicator of aspect {n} below 5"),
    "gain": Text("Indeks naik", "Index gain"),
    "new_index": Text("Indeks baru", "New index"),
    "levers_note": Text(
        "Naik 1 tingkat (paling tinggi {top}); kenaikan = bobot aspek ÷ jumlah indikatornya ÷ 100.",
        "One level up (at most {top}); the gain is the aspect's weight ÷ its number of indicators ÷ 100.",
    ),
    "levers_note_weighted": Text(
        "Naik 1 tingkat (paling tinggi {top}); kenaikan = bobot indikator ÷ 100.",
        "One level up (at most {top}); the gain is the indicator's weight ÷ 100.",
    ),
    "assumed": Text(" (dianggap)", " (assumed)"),
    "assumed_note": Text(
        "Indikator {numbers} dinilai dari indeks instansi lain dan tidak diisi di berkas: dianggap {values}, "
        "sebagaimana ditetapkan instrumennya.",
        "Indicator(s) {numbers} are scored from another agency's index and are not in the file: taken as "
        "{values}, as the instrument says.",
    ),
    "moved_note": Text(
        "Aspek {aspects} diberikan sebagai nilai aspek: indikator lainnya dianggap bernilai sama dengan nilai "
        "aspeknya.",
        "Aspect(s) {aspects} were given as a value: their other indicators are taken at the aspect's value.",
    ),
    "external": Text("indeks lain", "other index"),
}


def number(value: Fraction, lang: str = "id", places: int = 2, sign: bool = False) -> str:
    """`value` to `places` decimals, half up; a decimal comma in Indonesian (2,64), a point in English."""
    text = f"{float(round_half_up(value, places)):{'+' if sign else ''}.{places}f}"
    return text.replace(".", ",") if lang != "en" else text


def percent(weight: Fraction, lang: str) -> str:
    text = f"{float(weight):g}%"
    return text.replace(".", ",") if lang != "en" else text


def index_title(result: IndexResult, lang: str) -> str:
    """INDEKS SPBE, INDEKS PEMERINTAH DIGITAL: the instrument's own name for its result."""
    return result.instrument.index_label(lang).upper()


def subtitle(result: IndexResult, lang: str) -> str:
    scores = result.scores
    who = " ".join(str(p) for p in (scores.ippd, scores.year) if p)
    return " — ".join(p for p in (who, result.instrument.title) if p)


# --- tables -----------------------------------------------------------------------------------
def structure_table(result: IndexResult, lang: str) -> Table:
    """The published layout: each domain and its aspects (or the aspects alone), the index and the predicate."""
    rows = []
    for domain in result.domains:
        rows.append([domain.domain.label(lang), percent(domain.domain.weight, lang), number(domain.value, lang)])
        rows += [_aspect_row(aspect, lang, indent="  ") for aspect in domain.aspects]
    if not result.domains:
        rows += [_aspect_row(aspect, lang) for aspect in result.aspects]
    rows.append([index_title(result, lang), "100%", number(result.value, lang)])
    rows.append([W["predicate"].get(lang), "", result.predicate.label(lang)])
    heading = W["structure"] if result.domains else W["aspects"]
    return Table(
        heading.get(lang),
        [
            W["domain_aspect"].get(lang) if result.domains else W["aspect"].get(lang, n="").strip(),
            W["weight"].get(lang),
            W["value"].get(lang),
        ],
        rows,
        note=_notes(result, lang),
    )


def _aspect_row(aspect, lang: str, indent: str = "") -> list[str]:
    label = f"{indent}{W['aspect'].get(lang, n=str(aspect.aspect.number))} {aspect.aspect.label(lang)}"
    return [
        label + (W["given"].get(lang) if aspect.given else ""),
        percent(aspect.aspect.weight, lang),
        number(aspect.value, lang),
    ]


def _notes(result: IndexResult, lang: str) -> str:
    notes = [next_band_text(result, lang)]
    assumed = sorted(result.scores.assumed)
    if assumed:
        values = ", ".join(number(result.scores.indicators[n], lang) for n in assumed)
        notes.append(W["assumed_note"].get(lang, numbers=", ".join(map(str, assumed)), values=values))
    return " ".join(notes)


def next_band_text(result: IndexResult, lang: str) -> str:
    shown = round_half_up(result.value)
    band = result.instrument.next_band(shown)
    if band is None:
        return W["top"].get(lang)
    return W["next"].get(
        lang, band=band.label(lang), minimum=number(band.minimum, lang), needed=number(band.minimum - shown, lang)
    )


def indicator_table(result: IndexResult, lang: str) -> Table | None:
    scores = result.scores.indicators
    if not scores:
        return None
    assumed = W["assumed"].get(lang)
    rows = [
        [
            str(i.number),
            i.name,
            W["aspect"].get(lang, n=str(a.number)),
            number(scores[i.number], lang) + (assumed if i.number in result.scores.assumed else ""),
        ]
        for a in result.instrument.aspects
        for i in a.indicators
        if i.number in scores
    ]
    return Table(
        W["indicators"].get(lang),
        [W["no"].get(lang), W["indicator"].get(lang), W["aspect"].get(lang, n="").strip(), W["score"].get(lang)],
        rows,
    )


def what_if_table(change: WhatIf, lang: str) -> Table:
    """Every domain and aspect before and after, the change, and the predicate before and after."""
    rows = []
    for before, after in zip(change.before.domains, change.after.domains, strict=False):
        rows.append(_delta_row(before.domain.label(lang), before.domain.weight, before.value, after.value, lang))
    shown_in = {a.aspect.number: "  " for d in change.before.domains for a in d.aspects}
    for old, new in zip(change.before.aspects, change.after.aspects, strict=False):
        numbered = W["aspect"].get(lang, n=str(old.aspect.number))
        label = f"{shown_in.get(old.aspect.number, '')}{numbered} {old.aspect.label(lang)}"
        rows.append(_delta_row(label, old.aspect.weight, old.value, new.value, lang))
    rows.append(
        _delta_row(index_title(change.before, lang), Fraction(100), change.before.value, change.after.value, lang)
    )
    rows.append(
        [
            W["predicate"].get(lang),
            "",
            change.before.predicate.label(lang),
            change.after.predicate.label(lang),
            "" if change.before.predicate == change.after.predicate else "↑" if change.delta > 0 else "↓",
        ]
    )
    described = ", ".join(
        f"{_what(kind, n, lang)} {number(old, lang) if old is not None else '?'} → {number(new, lang)}"
        for kind, n, old, new in change.changes
    )
    notes = [next_band_text(change.after, lang)]
    if change.assumed_aspects:
        notes.append(W["moved_note"].get(lang, aspects=", ".join(map(str, change.assumed_aspects))))
    first = W["domain_aspect"].get(lang) if change.before.domains else W["aspect"].get(lang, n="").strip()
    return Table(
        W["what_if"].get(lang, changes=described),
        [first, W["weight"].get(lang), W["before"].get(lang), W["after"].get(lang), W["delta"].get(lang)],
        rows,
        note=" ".join(notes),
    )


def _what(kind: str, n: int, lang: str) -> str:
    return W["aspect"].get(lang, n=str(n)) if kind == "aspect" else f"{W['indicator'].get(lang)} {n}"


def _delta_row(label: str, weight: Fraction, before: Fraction, after: Fraction, lang: str) -> list[str]:
    delta = after - before
    return [
        label,
        percent(weight, lang),
        number(before, lang),
        number(after, lang),
        number(delta, lang, sign=True) if delta else "",
    ]


def lever_table(result: IndexResult, levers: tuple[Lever, ...], lang: str) -> Table:
    rows = []
    for lever in levers:
        what = (
            f"{lever.indicator.number} {lever.indicator.name}".strip()
            if lever.indicator
            else W["any_of"].get(lang, n=str(lever.aspect.number))
        )
        current = number(lever.current, lang) if lever.current is not None else ""
        after = result.instrument.predicate(round_half_up(lever.after))
        moved = f" ({after.label(lang)})" if after != result.predicate else ""
        rows.append(
            [
                what,
                W["aspect"].get(lang, n=str(lever.aspect.number)),
                current,
                number(lever.gain, lang, places=3, sign=True),
                number(lever.after, lang) + moved,
            ]
        )
    return Table(
        W["levers"].get(lang),
        [
            W["indicator"].get(lang),
            W["aspect"].get(lang, n="").strip(),
            W["score"].get(lang),
            W["gain"].get(lang),
            W["new_index"].get(lang),
        ],
        rows,
        note=W["levers_note_weighted" if result.instrument.weighs_indicators else "levers_note"].get(
            lang, top=f"{float(result.instrument.scale_max):g}"
        ),
    )


def index_document(
    result: IndexResult,
    lang: str = "id",
    change: WhatIf | None = None,
    levers: tuple[Lever, ...] = (),
    indicators: bool = True,
) -> Document:
    """The index report: the structure as published (or, with a what-if, before and after), the strongest
    levers, the indicator scores."""
    tables = [structure_table(result, lang) if change is None else what_if_table(change, lang)]
    if levers:
        tables.append(lever_table(result, levers, lang))
    scores = indicator_table(result, lang) if indicators else None
    if scores is not None:
        tables.append(scores)
    return Document(
        f"{result.instrument.index_label(lang)} {result.scores.ippd or ''}".strip(),
        subtitle(result, lang),
        tables,
        lang,
    )


# --- JSON ---------------------------------------------------------------------------------------
def _value(value: Fraction) -> dict:
    return {"value": float(round_half_up(value)), "exact": round(float(value), 6)}


def result_data(result: IndexResult, lang: str = "id") -> dict:
    scores = result.scores
    aspects = {a.aspect.number: _aspect_data(a, scores, lang) for a in result.aspects}
    domains = [
        {
            "number": d.domain.number,
            "name": d.domain.label(lang),
            "weight": float(d.domain.weight),
            **_value(d.value),
            "aspects": [aspects[a.aspect.number] for a in d.aspects],
        }
        for d in result.domains
    ]
    shown = round_half_up(result.value)
    band = result.instrument.next_band(shown)
    predicate = result.predicate
    return {
        "instrument": result.instrument.key,
        "title": result.instrument.title,
        "index_name": result.instrument.index_label(lang),
        "ippd": scores.ippd,
        "year": scores.year,
        "index": _value(result.value),
        "predicate": predicate.name,
        "maturity": predicate.maturity or None,
        "level": predicate.level,
        "next_predicate": {"name": band.name, "minimum": float(band.minimum), "needed": float(band.minimum - shown)}
        if band
        else None,
        "assumed_indicators": sorted(scores.assumed),
        "domains": domains,
        "aspects": list(aspects.values()),
    }


def _aspect_data(result, scores, lang: str) -> dict:
    aspect = result.aspect
    return {
        "number": aspect.number,
        "name": aspect.label(lang),
        "weight": float(aspect.weight),
        **_value(result.value),
        "given_as_value": result.given,
        "indicators": [
            {
                "number": i.number,
                "name": i.name,
                "weight": float(i.weight) if i.weight is not None else None,
                "score": float(scores.indicators[i.number]),
                "assumed": i.number in scores.assumed,
                "external": i.external or None,
            }
            for i in aspect.indicators
            if i.number in scores.indicators
        ],
    }


def _deltas(pairs: list[tuple[int, Fraction, Fraction]]) -> list[dict]:
    return [
        {
            "number": n,
            "before": float(round_half_up(old)),
            "after": float(round_half_up(new)),
            "delta": float(round_half_up(new - old)),
        }
        for n, old, new in pairs
    ]


def what_if_data(change: WhatIf) -> dict:
    before, after = change.before, change.after
    return {
        "changes": [
            {kind: n, "before": float(old) if old is not None else None, "after": float(new)}
            for kind, n, old, new in change.changes
        ],
        "index": {
            "before": float(round_half_up(before.value)),
            "after": float(round_half_up(after.value)),
            "delta": float(round_half_up(change.delta)),
        },
        "predicate": {"before": before.predicate.name, "after": after.predicate.name},
        "domains": _deltas(
            [(b.domain.number, b.value, a.value) for b, a in zip(before.domains, after.domains, strict=False)]
        ),
        "aspects_taken_at_their_value": list(change.assumed_aspects),
        "aspects": _deltas(
            [(b.aspect.number, b.value, a.value) for b, a in zip(before.aspects, after.aspects, strict=False)]
        ),
    }


def levers_data(levers: tuple[Lever, ...]) -> list[dict]:
    return [
        {
            "aspect": lever.aspect.number,
            "indicator": lever.indicator.number if lever.indicator else None,
            "current": float(lever.current) if lever.current is not None else None,
            "raise_by": float(lever.raise_by),
            "gain": round(float(lever.gain), 6),
            "index_after": float(round_half_up(lever.after)),
        }
        for lever in levers
    ]
