"""Which instrument a computation uses: a shipped one by its key, or a user's file in the same schema.

A file is checked whole before it is used; every problem comes back with its line, in the user's
language (the metamodel gives codes, this module the words).
"""

from __future__ import annotations

from pathlib import Path

from ea_repo.checks.findings import Text
from ea_repo.core.errors import ScoresRejected
from ea_repo.core.yaml_io import YAML_SUFFIXES
from ea_repo.index.model import ScoreProblem
from metamodel import IndexInstrument, InstrumentError, InstrumentProblem, load_spbe_index, read_instrument_file

PROBLEM_TEXTS: dict[str, Text] = {
    "required": Text("{field} wajib diisi", "{field} is required"),
    "not_number": Text("{field} harus angka, tertulis {got}", "{field} must be a number, got {got}"),
    "not_whole": Text("{field} harus bilangan bulat, tertulis {got}", "{field} must be a whole number, got {got}"),
    "not_list": Text("{field} harus daftar mapping", "{field} must be a list of mappings"),
    "not_date": Text(
        "{field} harus tanggal (TTTT-BB-HH), tertulis {got}", "{field} must be a date (YYYY-MM-DD), got {got}"
    ),
    "aspect_weight": Text(
        "aspek {aspect}: bobot {weight} bukan jumlah bobot indikatornya ({sum})",
        "aspect {aspect}: weight {weight} is not the sum of its indicators' weights ({sum})",
    ),
    "weights_total": Text("bobot aspek berjumlah {total}, bukan 100", "the aspect weights sum to {total}, not 100"),
    "domains_and_aspects": Text(
        "aspek berada di dalam domain atau berdiri sendiri, tidak keduanya",
        "aspects stand either in domains or alone, not both",
    ),
    "domain_weight": Text(
        "domain {domain}: bobot {weight} bukan jumlah bobot aspeknya",
        "domain {domain}: weight {weight} is not the sum of its aspects' weights",
    ),
    "source_missing": Text("setiap domain dan aspek perlu sumber (source)", "every domain and aspect needs a source"),
    "numbering_aspect": Text(
        "aspek harus bernomor 1..{last} berurutan, tertulis {got}",
        "aspects must be numbered 1..{last} in order, got {got}",
    ),
    "numbering_indicator": Text(
        "indikator harus bernomor 1..{last} berurutan, tertulis {got}",
        "indicators must be numbered 1..{last} in order, got {got}",
    ),
    "indicators_missing": Text("setiap aspek perlu indikatornya", "every aspect needs its indicators"),
    "weights_partial": Text(
        "semua indikator berbobot, atau tidak satu pun", "either every indicator has a weight or none has"
    ),
    "scale": Text("skala harus di dalam 0-5, tertulis {low}-{high}", "the scale must run within 0-5, got {low}-{high}"),
    "bands_start": Text(
        "predikat harus mulai dari dasar skala ({low})", "the bands must start at the bottom of the scale ({low})"
    ),
    "bands_same": Text("dua predikat mulai dari nilai yang sama", "two bands start at the same value"),
    "band_above": Text("predikat {band} mulai di atas puncak skala", "band {band} starts above the top of the scale"),
    "assume": Text(
        "indikator {indicator}: `assume` hanya untuk indikator yang dinilai dari indeks lain (`external`), di dalam "
        "skala",
        "indicator {indicator}: `assume` is for an indicator scored from another index (`external`), within the scale",
    ),
    "sources_missing": Text("perlu sedikitnya satu sumber (sources)", "at least one source is required"),
    "keys_unique": Text("kunci instrumen harus unik", "instrument keys must be unique"),
    "not_instruments": Text(
        "harus mapping berisi `instruments:` (daftar) atau satu instrumen",
        "expected a mapping with `instruments:` (a list) or one instrument",
    ),
    "unreadable": Text("tidak bisa dibaca: {detail}", "cannot be read: {detail}"),
    "unknown": Text(
        "instrumen {got} tidak dikenal; pilihan: {known}, atau berkas .yaml instrumen sendiri",
        "unknown instrument {got}; expected one of: {known}, or a .yaml file of your own instrument",
    ),
    "several": Text(
        "berkas ini berisi {count} instrumen ({keys}); simpan satu instrumen per berkas",
        "this file holds {count} instruments ({keys}); keep one instrument per file",
    ),
}


class InstrumentProblemText(ScoreProblem):
    """An instrument problem rendered like a score problem: file:line: message."""

    def render(self, lang: str = "id") -> str:
        params = dict(self.params)
        field = params.pop("_field", "")
        text = PROBLEM_TEXTS[self.key].get(lang, **params)
        place = f"{self.where}:{self.line}" if self.where and self.line else (self.where or "")
        text = f"{field}: {text}" if field else text
        return f"{place}: {text}" if place else text


class InstrumentRejected(ScoresRejected):
    """An instrument that cannot be used; every problem is listed."""


def choose_instrument(text: str) -> IndexInstrument:
    """A shipped instrument by key (or short name), or the one instrument in a YAML file."""
    shipped = load_spbe_index()
    wanted = " ".join(text.split()).lower()
    found = next((i for i in shipped.instruments if wanted in (i.key, i.short.lower())), None)
    if found is not None:
        return found
    path = Path(text)
    if not path.suffix.lower() in YAML_SUFFIXES and not path.exists():
        raise InstrumentRejected([_problem(text, None, "unknown", got=text, known=", ".join(shipped.keys))])
    try:
        instruments = read_instrument_file(path)
    except InstrumentError as exc:
        raise InstrumentRejected([_from(exc.where, p) for p in exc.problems]) from None
    if len(instruments.instruments) != 1:
        raise InstrumentRejected(
            [_problem(str(path), None, "several", count=len(instruments.instruments), keys=", ".join(instruments.keys))]
        )
    return instruments.instruments[0]


def _from(where: str, found: InstrumentProblem) -> ScoreProblem:
    return InstrumentProblemText(where, found.line, found.code, (("_field", found.field), *found.params))


def _problem(where: str, line: int | None, code: str, **params) -> ScoreProblem:
    return InstrumentProblemText(where, line, code, tuple(params.items()))
