"""Rules over one IPPD's Peta Rencana and the gap it should plan (`ea roadmap check`).

Each rule is a pure function of a RoadmapContext yielding (subject, params) hits, as the
catalogue rules do over the graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ea_repo.checks.findings import Finding, Report, Severity, Text
from ea_repo.checks.registry import RULES, Rule, rule
from ea_repo.planning.gap import ADDED, KEPT, RETIRED, Gap
from ea_repo.planning.records import RoadmapItem
from metamodel import load_metamodel


@dataclass(frozen=True)
class RoadmapContext:
    ippd: str
    plans: list[RoadmapItem]
    initiatives: list[RoadmapItem]
    gap: Gap  # from the as-is to the to-be, of this IPPD
    opds: dict[str, tuple[str | None, ...]]  # Kode OPD -> its name and short name


@dataclass(frozen=True)
class Subject:
    """What a roadmap finding is about: an initiative, a gap element (with its plateau), or the roadmap."""

    element: str | None = None
    kind: str | None = None
    opd: str | None = None
    plateau: str | None = None


RoadmapHit = tuple[Subject, dict[str, str]]


def _initiative(item: RoadmapItem) -> Subject:
    return Subject(item.item_id, item.kind)


def _roadmap_rule(rule_id: str, severity: Severity, **texts):
    return rule(rule_id, severity, subject="roadmap", domain="roadmap", **texts)


@_roadmap_rule(
    "roadmap-gap-unplanned",
    Severity.WARNING,
    title=Text("Kesenjangan tanpa inisiatif", "Gap with no initiative"),
    message=Text(
        "{kind} {element} ({change}) tidak direncanakan oleh inisiatif mana pun",
        "{kind} {element} ({change}) is planned by no initiative",
    ),
    fix=Text(
        "Tambahkan ID-nya ke spec.delivers (ditambah/diubah) atau spec.retires (dihentikan) sebuah inisiatif.",
        "Add its ID to an initiative's spec.delivers (added/changed) or spec.retires (retired).",
    ),
)
def gap_unplanned(context: RoadmapContext) -> Iterator[RoadmapHit]:
    delivered = {i for item in context.initiatives for i in item.ids("delivers")}
    retired = {i for item in context.initiatives for i in item.ids("retires")}
    for gap in context.gap.items:
        if gap.change == KEPT:
            continue
        planned = gap.element_id in (retired if gap.change == RETIRED else delivered)
        if not planned:
            plateau = context.gap.before if gap.change == RETIRED else context.gap.after
            yield Subject(gap.element_id, gap.kind, gap.opd, plateau), {"change": gap.change}


@_roadmap_rule(
    "roadmap-delivers-nothing",
    Severity.WARNING,
    title=Text(
        "Inisiatif arsitektur tanpa keluaran di arsitektur target",
        "Architecture initiative delivering nothing in the to-be",
    ),
    message=Text(
        "Inisiatif {element} tidak menghasilkan atau menghentikan elemen arsitektur apa pun",
        "Initiative {element} builds, changes or retires no architecture element",
    ),
    fix=Text(
        "Isi spec.delivers dengan ID elemen to-be yang dihasilkannya (atau spec.retires).",
        "Fill spec.delivers with the IDs of the to-be elements it delivers (or spec.retires).",
    ),
)
def delivers_nothing(context: RoadmapContext) -> Iterator[RoadmapHit]:
    architecture = set(load_metamodel().roadmap.domain_muatan.values())  # governance muatan deliver no elements
    for item in context.initiatives:
        if item.spec.get("muatan") in architecture and not item.ids("delivers") and not item.ids("retires"):
            yield _initiative(item), {}


@_roadmap_rule(
    "roadmap-unknown-element",
    Severity.ERROR,
    title=Text("Inisiatif merujuk elemen yang tidak ada", "Initiative names an element that does not exist"),
    message=Text(
        "Inisiatif {element}: {field} {target} tidak ada di plateau {where}",
        "Initiative {element}: {field} {target} is not in plateau {where}",
    ),
    fix=Text(
        "Perbaiki ID-nya, atau tambahkan elemen itu ke plateau tersebut.",
        "Correct the ID, or add that element to the plateau.",
    ),
)
def unknown_element(context: RoadmapContext) -> Iterator[RoadmapHit]:
    before = {g.element_id for g in context.gap.items if g.change != ADDED}
    after = {g.element_id for g in context.gap.items if g.change != RETIRED}
    for item in context.initiatives:
        for field, known, plateau in (("delivers", after, context.gap.after), ("retires", before, context.gap.before)):
            for target in item.ids(field):
                if target not in known:
                    yield _initiative(item), {"field": field, "target": target, "where": plateau}


@_roadmap_rule(
    "roadmap-muatan-missing",
    Severity.WARNING,
    title=Text("Muatan Peta Rencana tanpa inisiatif", "Roadmap part (muatan) with no initiative"),
    message=Text(
        "Tidak ada inisiatif untuk muatan {muatan} (indikator 12 level 3 memerlukan ketujuh muatan)",
        "No initiative covers {muatan} (indicator 12 level 3 needs all seven parts)",
    ),
    fix=Text("Tambahkan inisiatif dengan spec.muatan tersebut.", "Add an initiative with that spec.muatan."),
)
def muatan_missing(context: RoadmapContext) -> Iterator[RoadmapHit]:
    covered = {item.spec.get("muatan") for item in context.initiatives}
    for muatan in load_metamodel().roadmap.muatan:
        if muatan.key not in covered:
            yield Subject(), {"muatan": muatan.name_id}


@_roadmap_rule(
    "roadmap-initiative-without-muatan",
    Severity.WARNING,
    title=Text("Inisiatif tanpa muatan", "Initiative without a muatan"),
    message=Text("Inisiatif {element} tidak menyebut muatannya", "Initiative {element} names no muatan"),
    fix=Text(
        "Isi spec.muatan: Layanan, Aplikasi, Infrastruktur, Keamanan, Tata Kelola, Manajemen SPBE atau Audit TIK.",
        "Fill spec.muatan: Layanan, Aplikasi, Infrastruktur, Keamanan, Tata Kelola, Manajemen SPBE or Audit TIK.",
    ),
)
def without_muatan(context: RoadmapContext) -> Iterator[RoadmapHit]:
    for item in context.initiatives:
        if not item.spec.get("muatan"):
            yield _initiative(item), {}


@_roadmap_rule(
    "roadmap-before-dependency",
    Severity.ERROR,
    title=Text("Inisiatif dijadwalkan sebelum prasyaratnya", "Initiative scheduled before what it depends on"),
    message=Text(
        "Inisiatif {element} mulai {start}, sebelum prasyaratnya {dependency} mulai ({dependency_start})",
        "Initiative {element} starts in {start}, before {dependency}, which it depends on, starts ({dependency_start})",
    ),
    fix=Text(
        "Geser tahun inisiatif ini, atau majukan prasyaratnya.",
        "Move this initiative later, or its dependency earlier.",
    ),
)
def before_dependency(context: RoadmapContext) -> Iterator[RoadmapHit]:
    by_id = {item.item_id: item for item in context.initiatives}
    for item in context.initiatives:
        for dependency_id in item.ids("depends_on"):
            dependency = by_id.get(dependency_id)
            if dependency and item.years and dependency.years and item.years[0] < dependency.years[0]:
                yield (
                    _initiative(item),
                    {
                        "start": str(item.years[0]),
                        "dependency": dependency_id,
                        "dependency_start": str(dependency.years[0]),
                    },
                )


@_roadmap_rule(
    "roadmap-unknown-dependency",
    Severity.ERROR,
    title=Text("Prasyarat yang tidak ada", "Dependency that does not exist"),
    message=Text(
        "Inisiatif {element} bergantung pada {dependency}, yang tidak ada di Peta Rencana",
        "Initiative {element} depends on {dependency}, which is not in the roadmap",
    ),
    fix=Text("Perbaiki ID di spec.depends_on.", "Correct the ID in spec.depends_on."),
)
def unknown_dependency(context: RoadmapContext) -> Iterator[RoadmapHit]:
    known = {item.item_id for item in context.initiatives}
    for item in context.initiatives:
        for dependency_id in item.ids("depends_on"):
            if dependency_id not in known:
                yield _initiative(item), {"dependency": dependency_id}


@_roadmap_rule(
    "roadmap-years-outside-plan",
    Severity.ERROR,
    title=Text("Tahun di luar periode rencana", "Years outside the plan period"),
    message=Text(
        "Inisiatif {element} dijadwalkan {years}, di luar periode {start}–{end}",
        "Initiative {element} is scheduled in {years}, outside the period {start}–{end}",
    ),
    fix=Text(
        "Perbaiki spec.years/spec.targets, atau periode di RoadmapPlan.",
        "Correct spec.years/spec.targets, or the RoadmapPlan's period.",
    ),
)
def years_outside_plan(context: RoadmapContext) -> Iterator[RoadmapHit]:
    period = plan_period(context.plans)
    if period is None:
        return
    start, end = period
    for item in context.initiatives:
        outside = [y for y in item.years if not start <= y <= end]
        if outside:
            yield _initiative(item), {"years": ", ".join(map(str, outside)), "start": str(start), "end": str(end)}


@_roadmap_rule(
    "roadmap-without-years",
    Severity.WARNING,
    title=Text("Inisiatif tanpa jadwal", "Initiative with no years"),
    message=Text(
        "Inisiatif {element} tidak dijadwalkan pada tahun mana pun", "Initiative {element} is scheduled in no year"
    ),
    fix=Text(
        "Isi spec.years (atau target per tahun di spec.targets).",
        "Fill spec.years (or a target per year in spec.targets).",
    ),
)
def without_years(context: RoadmapContext) -> Iterator[RoadmapHit]:
    for item in context.initiatives:
        if not item.years:
            yield _initiative(item), {}


@_roadmap_rule(
    "roadmap-without-plan",
    Severity.WARNING,
    title=Text("Peta Rencana tanpa periode", "Roadmap without a plan period"),
    message=Text(
        "Tidak ada dokumen RoadmapPlan dengan tahun awal dan akhir untuk {ippd}",
        "No RoadmapPlan document with a first and last year for {ippd}",
    ),
    fix=Text(
        "Tambahkan dokumen `kind: RoadmapPlan` dengan spec.start_year dan spec.end_year.",
        "Add a `kind: RoadmapPlan` document with spec.start_year and spec.end_year.",
    ),
)
def without_plan(context: RoadmapContext) -> Iterator[RoadmapHit]:
    if plan_period(context.plans) is None:
        yield Subject(), {}


@_roadmap_rule(
    "roadmap-uic-unknown",
    Severity.WARNING,
    title=Text("Penanggung jawab bukan OPD yang dikenal", "Responsible unit (UIC) is no known OPD"),
    message=Text(
        "Inisiatif {element}: tidak ada penanggung jawab yang cocok dengan OPD {ippd} ({uic})",
        "Initiative {element}: no responsible unit matches an OPD of {ippd} ({uic})",
    ),
    fix=Text(
        "Tulis Kode OPD, nama OPD atau singkatannya di spec.uic (OPD harus terdaftar).",
        "Write the Kode OPD, OPD name or short name in spec.uic (the OPD must be registered).",
    ),
)
def uic_unknown(context: RoadmapContext) -> Iterator[RoadmapHit]:
    known = {text.strip().lower() for code, names in context.opds.items() for text in (code, *names) if text}
    for item in context.initiatives:
        uic = item.spec.get("uic") or []
        if not any(entry.strip().lower() in known for entry in uic):
            yield _initiative(item), {"uic": "; ".join(uic) or "-"}


def plan_period(plans: list[RoadmapItem]) -> tuple[int, int] | None:
    for plan in plans:
        start, end = plan.spec.get("start_year"), plan.spec.get("end_year")
        if start and end:
            return int(start), int(end)
    return None


def roadmap_rules() -> list[Rule]:
    return [r for r in RULES.values() if r.subject == "roadmap"]


def check_roadmap(context: RoadmapContext) -> Report:
    """Every roadmap rule over one IPPD's roadmap; findings ordered by severity, rule, subject."""
    rules = roadmap_rules()
    findings = [
        Finding(r.id, r.severity, context.ippd, s.plateau, s.element, s.kind, s.opd, tuple(params.items()))
        for r in rules
        for s, params in r.find(context)
    ]
    rank = {r.id: (r.severity.rank, r.id) for r in rules}
    findings.sort(key=lambda f: (rank[f.rule], f.element or ""))
    changed = sum(1 for g in context.gap.items if g.change != KEPT)
    return Report(tuple(findings), tuple(r.id for r in rules), len(context.initiatives), changed)
