"""Our part of one diagram, in its own process: database read, graph, view, DOT text.

    python -m benchmarks.diagram_case SPEC_JSON

SPEC_JSON is a `Case` as JSON (what benchmarks/diagrams.py passes). The process times
each step (service.diagram_data, the national join, model.build, the view, to_dot), writes
the DOT text of the last run to the case's `dot_path`, and prints one JSON line: the steps'
seconds per run, the drawn graph's size, and the process's peak RSS (VmHWM, as in phase.py)
after the imports alone and at the end. With `profile`, nothing is timed: one run under
cProfile, and the line carries its top functions (by cumulative and by own time) instead.

The national case is the product's `ea diagram national`: service.national_diagram_data
reads the plateau of every IPPD at once ("read"), model.overview collapses it to groups
without building the element graph ("build"), nothing is left for "view".
"""

from __future__ import annotations

import cProfile
import gc
import io
import json
import pstats
import sys
import sysconfig
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import networkx as nx

from ea_repo import service
from ea_repo.service import DiagramData
from metamodel import load_metamodel
from viz import dot, model

from .phase import peak_rss_mib

STEPS = ("read", "build", "view", "to_dot")
PROFILE_ROWS = 25
SOURCE_ROOTS = tuple(
    f"{root}/"
    for root in (
        sysconfig.get_paths()["purelib"],
        sysconfig.get_paths()["stdlib"],
        Path(__file__).resolve().parent.parent,
    )
)


@dataclass(frozen=True)
class Case:
    name: str
    label: str
    database: str  # SQLAlchemy URL of an imported repository
    ippds: tuple[str, ...]  # one IPPD, or every IPPD (the national catalogue)
    plateau: str = "as-is"
    opd: str | None = None  # the OPD and its direct neighbours (model.opd_neighbourhood); None: the whole plateau
    cap: int | None = None  # aggregate(view, cap); None: drawn as it is
    dot_path: str = ""
    repeat: int = 3  # runs, while each takes under cheap_s (median in the report)
    cheap_s: float = 10.0
    profile: bool = False

    @property
    def national(self) -> bool:
        return len(self.ippds) != 1

    @classmethod
    def from_json(cls, text: str) -> Case:
        fields = json.loads(text)
        return cls(**{**fields, "ippds": tuple(fields["ippds"])})

    def to_json(self) -> str:
        return json.dumps(asdict(self))


# --- the steps --------------------------------------------------------------------------
def read(repo: service.Repository, case: Case) -> DiagramData:
    """service.diagram_data of the case's IPPD, or service.national_diagram_data of every IPPD."""
    if case.national:
        return service.national_diagram_data(repo, case.plateau, principal=service.local_principal())
    return service.diagram_data(repo, case.ippds[0], case.plateau, principal=service.local_principal())


def graph_of(data: DiagramData, case: Case) -> tuple[nx.MultiDiGraph, str | None]:
    """model.build; national: model.overview, which collapses from the data without the element graph."""
    if case.national:
        return model.overview(data, case.cap or 2000)
    if case.opd:  # as views.select draws `ea diagram layers --opd`: only the OPD's neighbourhood is built
        return model.build(data, model.opd_neighbourhood(data, case.opd)), None
    return model.build(data), None


def view_of(graph: nx.MultiDiGraph, note: str | None, case: Case) -> tuple[nx.MultiDiGraph, str | None]:
    """The drawn view: as built, or aggregated when the case has a cap; and its note."""
    if case.national:
        return graph, note
    if case.cap is None:
        return graph, None
    return model.aggregate(graph, case.cap)


def title(case: Case) -> str:
    scope = case.ippds[0] if len(case.ippds) == 1 else f"{len(case.ippds)} IPPD"
    return f"{scope} {case.plateau}" + (f", OPD {case.opd}" if case.opd else "")


def one_run(repo: service.Repository, case: Case) -> tuple[dict, str, dict]:
    """Seconds per step, the DOT text, and the drawn graph's size."""
    marks = [time.perf_counter()]
    data = read(repo, case)
    marks.append(time.perf_counter())
    graph, note = graph_of(data, case)
    marks.append(time.perf_counter())
    view, note = view_of(graph, note, case)
    marks.append(time.perf_counter())
    text = dot.to_dot(view, title(case), note=note)
    marks.append(time.perf_counter())
    seconds = {step: marks[i + 1] - marks[i] for i, step in enumerate(STEPS)}
    size = {
        "elements": len(data.elements),
        "links": len(data.links),
        "nodes": view.number_of_nodes(),
        "edges": view.number_of_edges(),
        "note": note,
        "dot_bytes": len(text.encode()),
    }
    return seconds, text, size


# --- timed runs or a profile ------------------------------------------------------------
def measure(case: Case) -> dict:
    baseline_mib = peak_rss_mib()
    repo = service.open_repository(case.database)
    load_metamodel()  # once per process, as in a running server
    runs, text, size = [], "", {}
    while len(runs) < case.repeat:
        gc.collect()
        seconds, text, size = one_run(repo, case)
        runs.append(seconds)
        if sum(seconds.values()) > case.cheap_s:
            break
    Path(case.dot_path).write_text(text, encoding="utf-8")
    return {
        "case": case.name,
        "runs": runs,
        **size,
        "baseline_rss_mib": round(baseline_mib, 1),
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }


def profile(case: Case) -> dict:
    repo = service.open_repository(case.database)
    load_metamodel()
    gc.collect()
    profiler = cProfile.Profile()
    profiler.enable()
    seconds, _, size = one_run(repo, case)
    profiler.disable()
    rows = profile_rows(profiler)
    return {
        "case": case.name,
        "runs": [seconds],
        **size,
        "top": sorted(rows, key=lambda r: -r["cumulative_s"])[:PROFILE_ROWS],
        "top_own": sorted(rows, key=lambda r: -r["own_s"])[:PROFILE_ROWS],
    }


def profile_rows(profiler: cProfile.Profile) -> list[dict]:
    """Every profiled function: where, calls, own and cumulative seconds."""
    stats = pstats.Stats(profiler, stream=io.StringIO())
    return [
        {
            "function": f"{shorten(path)}:{line}({function})",
            "calls": calls,
            "own_s": round(own, 3),
            "cumulative_s": round(cumulative, 3),
        }
        for (path, line, function), (_, calls, own, cumulative, _) in stats.stats.items()
    ]


def shorten(path: str) -> str:
    """A source path from the package on (ea_repo/..., networkx/..., json/...), or the builtin's name."""
    for prefix in SOURCE_ROOTS:
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


def main(argv: list[str]) -> None:
    case = Case.from_json(argv[0])
    print(json.dumps(profile(case) if case.profile else measure(case)))


if __name__ == "__main__":
    main(sys.argv[1:])
