"""Diagrams: our part (read, graph, view, DOT text) beside Graphviz `dot` on the same DOT text.

    python -m benchmarks.diagrams [--ippd-size M] [--national-size P|N] [--national-db PATH]
                                  [--cases NAME ...] [--timeout S] [--repeat K] [--json PATH]
    python -m benchmarks.diagrams --profile [--cases national] [--national-size N --national-db PATH]

Cases, all on the as-is plateau:

1. opd: one OPD of the --ippd-size IPPD (the OPD with the median element count), layered
   view: its elements and what they link to directly.
2. ippd: the whole IPPD, layered, not aggregated.
3. ippd-aggregated: the same IPPD through aggregate(view, --low-cap); aggregate(view, 2000)
   leaves an IPPD of this size as it is, so a lower cap shows the collapsed path.
4. national: every IPPD of --national-size, as `ea diagram national` draws it:
   service.national_diagram_data (one read of the plateau), model.overview(data, 2000).

Our part runs in a subprocess per case (benchmarks/diagram_case.py): the read, model.build
(one OPD: of its neighbourhood only; national: model.overview), the view (aggregate) and to_dot, timed step by
step; its peak RSS is the subprocess's VmHWM. Then `dot -Tsvg` on the DOT text it wrote: through viz.dot.render
(the product's path: a pipe), and `/usr/bin/dot` alone on the saved file (the baseline),
whose peak RSS comes from wait4. Anything faster than --cheap seconds is run --repeat times
(median), anything slower once; `dot` is stopped after --timeout seconds. Our share is
ours / (ours + dot.render), or + dot alone where render was stopped; the goal is under 20%.

The IPPD's repository is imported into a temporary SQLite file. The national one too,
unless --national-db names a file: reused if it holds the size's elements (an error if it
holds others), imported into it and kept if it does not exist (N takes ~4 minutes and
~1.3 GiB to import). A full default run (M, P) takes 3–4 minutes on the 2-core benchmark
machine, most of it `dot` on the whole IPPD; at N our part alone takes ~2.5 minutes.
Prints Markdown and writes benchmarks/out/diagrams-<national size>.json.

With --profile, nothing is timed: our part of each chosen case runs once under cProfile and
the top functions are printed (benchmarks/out/diagrams-profile-<national size>.json).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ea_repo import service
from viz import dot

from . import machine
from .diagram_case import Case
from .generate import ensure_data
from .phase import in_subprocess

OUT_DIR = Path(__file__).parent / "out"
REPO_ROOT = Path(__file__).resolve().parent.parent
CASES = ("opd", "ippd", "ippd-aggregated", "national")
PLATEAU = "as-is"
SHARE_GOAL = 0.20
NATIONAL_CAP = 2000


# --- the repositories -------------------------------------------------------------------
@dataclass(frozen=True)
class Repo:
    size: str
    url: str
    ippds: tuple[str, ...]
    import_s: float | None  # None: an existing database was reused
    import_rss_mib: float | None


def imported(size: str, database: Path) -> Repo:
    """The size's data (generated if missing) in `database`: reused if it holds every element, else imported.

    An existing file with another element count is left alone: an error, not an overwrite.
    """
    folder, manifest = ensure_data(size)
    wanted = manifest["counts"]["elements"]
    if database.exists():
        found = element_count(database)
        if found != wanted:
            raise SystemExit(f"{database} holds {found} elements, size {size} has {wanted}: name another file")
        return Repo(size, sqlite_url(database), ippd_codes(database), None, None)
    phase = in_subprocess("import", str(folder), str(database))
    if phase["elements"] != wanted:
        raise RuntimeError(f"imported {phase['elements']} elements of size {size}, the manifest says {wanted}")
    return Repo(size, sqlite_url(database), ippd_codes(database), phase["seconds"], phase["peak_rss_mib"])


def element_count(database: Path) -> int | None:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM element").fetchone()[0]
    except sqlite3.Error:
        return None


def ippd_codes(database: Path) -> tuple[str, ...]:
    organisations = service.organisations(
        service.open_repository(sqlite_url(database)), principal=service.local_principal()
    )
    return tuple(sorted(o.code for o in organisations if o.kind == "IPPD"))


def sqlite_url(database: Path) -> str:
    return f"sqlite:///{database}"


def typical_opd(repo: Repo) -> str:
    """The OPD whose own element count (on the plateau) is the median of the IPPD's OPDs."""
    data = service.diagram_data(
        service.open_repository(repo.url), repo.ippds[0], PLATEAU, principal=service.local_principal()
    )
    counts: dict[str, int] = {}
    for element in data.elements:
        if element.opd is not None:
            counts[element.opd] = counts.get(element.opd, 0) + 1
    ranked = sorted(counts, key=lambda opd: (counts[opd], opd))
    return ranked[len(ranked) // 2]


# --- the cases --------------------------------------------------------------------------
def plan_cases(
    names: list[str], ippd_repo: Repo | None, national_repo: Repo | None, args: argparse.Namespace, scratch: Path
) -> list[Case]:
    cases = []
    if ippd_repo is not None:
        ippd = ippd_repo.ippds[0]
        base = Case("", "", ippd_repo.url, (ippd,), PLATEAU, repeat=args.repeat, cheap_s=args.cheap)
        if "opd" in names:
            opd = typical_opd(ippd_repo)
            cases.append(
                replace(base, name="opd", label=f"one OPD ({opd}) of {ippd} ({ippd_repo.size}), layered", opd=opd)
            )
        if "ippd" in names:
            cases.append(replace(base, name="ippd", label=f"IPPD {ippd} ({ippd_repo.size}), layered, not aggregated"))
        if "ippd-aggregated" in names:
            cases.append(
                replace(
                    base,
                    name="ippd-aggregated",
                    label=f"IPPD {ippd} ({ippd_repo.size}), aggregate(view, {args.low_cap})",
                    cap=args.low_cap,
                )
            )
    if national_repo is not None:
        cases.append(
            Case(
                "national",
                f"national catalogue {national_repo.size} ({len(national_repo.ippds)} IPPD), "
                f"overview(data, {NATIONAL_CAP})",
                national_repo.url,
                national_repo.ippds,
                PLATEAU,
                cap=NATIONAL_CAP,
                repeat=args.repeat,
                cheap_s=args.cheap,
            )
        )
    return [replace(case, dot_path=str(scratch / f"{case.name}.dot")) for case in cases]


def ours(case: Case) -> dict:
    """Our part in a fresh interpreter (benchmarks/diagram_case.py); its JSON line."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.diagram_case", case.to_json()],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"case {case.name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- dot --------------------------------------------------------------------------------
@dataclass(frozen=True)
class DotRun:
    seconds: float | None  # None: stopped at the timeout
    max_rss_mib: float | None = None


def dot_alone(dot_file: Path, timeout_s: float) -> DotRun:
    """/usr/bin/dot -Tsvg on the saved DOT file; wall seconds and its own peak RSS (wait4)."""
    program = shutil.which("dot")
    errors = dot_file.with_suffix(".err")
    with errors.open("wb") as stderr:
        started = time.perf_counter()
        child = subprocess.Popen(
            [program, "-Tsvg", str(dot_file), "-o", str(dot_file.with_suffix(".svg"))],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    stopper = threading.Timer(timeout_s, child.kill)
    stopper.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    stopper.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 and seconds >= timeout_s:
        return DotRun(None, usage.ru_maxrss / 1024)
    if child.returncode != 0:
        raise RuntimeError(f"dot failed on {dot_file}: {errors.read_text(errors='replace').strip()}")
    return DotRun(seconds, usage.ru_maxrss / 1024)


def dot_render(text: str, timeout_s: float) -> DotRun:
    """viz.dot.render(text, 'svg'): the product's path, DOT text in and SVG out through pipes."""
    started = time.perf_counter()
    try:
        dot.render(text, "svg", timeout_s=timeout_s)
    except subprocess.TimeoutExpired:
        return DotRun(None)
    return DotRun(time.perf_counter() - started)


def repeated(run: Callable[[], DotRun], repeat: int, cheap_s: float) -> list[DotRun]:
    """One run; more, up to `repeat`, while each took under `cheap_s`."""
    runs = [run()]
    while len(runs) < repeat and runs[-1].seconds is not None and runs[-1].seconds < cheap_s:
        runs.append(run())
    return runs


def median_seconds(runs: list[DotRun]) -> float | None:
    if any(r.seconds is None for r in runs):
        return None
    return statistics.median(r.seconds for r in runs)


def bench_dot(case: Case, args: argparse.Namespace) -> dict:
    """dot alone first; through render only if dot alone finished within the timeout."""
    dot_file = Path(case.dot_path)
    alone = repeated(lambda: dot_alone(dot_file, args.timeout), args.repeat, args.cheap)
    out = {
        "alone_runs": [r.seconds for r in alone],
        "alone_s": median_seconds(alone),
        "alone_max_rss_mib": max(r.max_rss_mib for r in alone),
        "timeout_s": args.timeout,
    }
    if out["alone_s"] is None:
        return out | {"render_runs": [], "render_s": None}
    text = dot_file.read_text(encoding="utf-8")
    render = repeated(lambda: dot_render(text, args.timeout), args.repeat, args.cheap)
    return out | {
        "render_runs": [r.seconds for r in render],
        "render_s": median_seconds(render),
        "svg_bytes": dot_file.with_suffix(".svg").stat().st_size,
    }


# --- one case, all cases ----------------------------------------------------------------
def summarise(case: Case, our_part: dict, dot_part: dict) -> dict:
    steps = {step: statistics.median(run[step] for run in our_part["runs"]) for step in our_part["runs"][0]}
    ours_s = statistics.median(sum(run.values()) for run in our_part["runs"])
    dot_s = dot_part["render_s"] if dot_part["render_s"] is not None else dot_part["alone_s"]
    share = ours_s / (ours_s + dot_s) if dot_s is not None else None
    bound = ours_s / (ours_s + dot_part["timeout_s"])  # at most this, when dot is stopped at the timeout
    return {
        "case": case.name,
        "label": case.label,
        "ours": our_part,
        "dot": dot_part,
        "steps": steps,
        "ours_s": ours_s,
        "share": share,
        "share_of": "render" if dot_part["render_s"] is not None else "alone",
        "share_at_most": bound if share is None else None,
        "goal_met": (share if share is not None else bound) < SHARE_GOAL,
        "dot_finished": dot_s is not None,
    }


def bench_cases(cases: list[Case], args: argparse.Namespace) -> list[dict]:
    results = []
    for case in cases:
        print(f"[{time.strftime('%H:%M:%S')}] {case.name}: our part", file=sys.stderr, flush=True)
        our_part = ours(case)
        print(
            f"[{time.strftime('%H:%M:%S')}] {case.name}: dot on "
            f"{our_part['nodes']:,} nodes, {our_part['edges']:,} edges",
            file=sys.stderr,
            flush=True,
        )
        results.append(summarise(case, our_part, bench_dot(case, args)))
    return results


def profile_cases(cases: list[Case]) -> list[dict]:
    return [ours(replace(case, profile=True)) for case in cases]


def repositories(args: argparse.Namespace, scratch: Path) -> tuple[Repo | None, Repo | None]:
    wants_ippd = any(name != "national" for name in args.cases)
    ippd_repo = imported(args.ippd_size, scratch / f"ippd-{args.ippd_size}.db") if wants_ippd else None
    national_db = args.national_db or scratch / f"national-{args.national_size}.db"
    national_repo = imported(args.national_size, national_db) if "national" in args.cases else None
    return ippd_repo, national_repo


def describe_repo(repo: Repo | None) -> dict | None:
    if repo is None:
        return None
    return {
        "size": repo.size,
        "ippds": len(repo.ippds),
        "import_s": repo.import_s,
        "import_rss_mib": repo.import_rss_mib,
    }


def run(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory(dir=args.workdir, prefix="ea-diagram-bench-") as tmp:
        scratch = Path(tmp)
        ippd_repo, national_repo = repositories(args, scratch)
        cases = plan_cases(args.cases, ippd_repo, national_repo, args, scratch)
        results = {
            "machine": machine.describe() | {"dot": dot_version()},
            "command": " ".join(["python -m benchmarks.diagrams", *sys.argv[1:]]),
            "plan": {
                "repeat": args.repeat,
                "cheap_s": args.cheap,
                "timeout_s": args.timeout,
                "low_cap": args.low_cap,
                "national_cap": NATIONAL_CAP,
                "plateau": PLATEAU,
                "share_goal": SHARE_GOAL,
            },
            "repositories": {"ippd": describe_repo(ippd_repo), "national": describe_repo(national_repo)},
        }
        if args.profile:
            results["profiles"] = profile_cases(cases)
        else:
            results["cases"] = bench_cases(cases, args)
    return results


def dot_version() -> str:
    done = subprocess.run([shutil.which("dot") or "dot", "-V"], capture_output=True, text=True, check=False)
    return done.stderr.strip()


# --- report -----------------------------------------------------------------------------
def seconds(value: float | None, timeout_s: float) -> str:
    if value is None:
        return f"> {timeout_s:.0f} (stopped)"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def runs_note(runs: list) -> str:
    return f"{len(runs)} run" + ("s" if len(runs) > 1 else "")


def share_cell(result: dict) -> str:
    if result["share"] is not None:
        digits = 2 if result["share"] > 0.995 else 1  # 99.98%, not 100.0%
        value = f"{result['share']:.{digits}%}" + (" (with dot alone)" if result["share_of"] == "alone" else "")
    else:
        value = f"< {result['share_at_most']:.1%}"
    return f"**{value}** {'ok' if result['goal_met'] else 'MISS'}"


def render_cases(results: dict) -> str:
    timeout = results["plan"]["timeout_s"]
    lines = [
        (
            "| case | elements / links read | drawn nodes / edges | "
            "read s | build (national: overview) s | view s | to_dot s | "
            "**ours s** | dot.render s | dot alone s | **our share** | peak RSS ours (imports alone) / dot MiB |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results["cases"]:
        o, d, s = r["ours"], r["dot"], r["steps"]
        lines.append(
            f"| {r['label']} | {o['elements']:,} / {o['links']:,} | {o['nodes']:,} / {o['edges']:,} | "
            f"{s['read']:.3f} | {s['build']:.3f} | {s['view']:.3f} | {s['to_dot']:.3f} | "
            f"**{seconds(r['ours_s'], timeout)}** ({runs_note(o['runs'])}) | "
            f"{seconds(d['render_s'], timeout)} ({runs_note(d['render_runs'])}) | "
            f"{seconds(d['alone_s'], timeout)} ({runs_note(d['alone_runs'])}) | {share_cell(r)} | "
            f"{o['peak_rss_mib']:.0f} ({o['baseline_rss_mib']:.0f}) / {d['alone_max_rss_mib']:.0f} |"
        )
    notes = [f"- {r['case']}: {r['ours']['note']}" for r in results["cases"] if r["ours"]["note"]]
    return "\n".join(lines + ([""] + notes if notes else []))


def render_profiles(results: dict) -> str:
    parts = []
    for profile in results["profiles"]:
        steps = ", ".join(f"{step} {value:.2f} s" for step, value in profile["runs"][0].items())
        parts += [f"### {profile['case']} ({steps}; under cProfile)", ""]
        for key, order in (("top", "cumulative"), ("top_own", "own")):
            parts += [f"By {order} time:", "", "| function | calls | own s | cumulative s |", "|---|---|---|---|"]
            parts += [
                f"| `{row['function']}` | {row['calls']:,} | {row['own_s']:.2f} | {row['cumulative_s']:.2f} |"
                for row in profile[key]
            ]
            parts.append("")
    return "\n".join(parts)


def render(results: dict) -> str:
    header = [
        f"Machine: {machine.one_line(results['machine'])}; {results['machine']['dot']}",
        f"Command: `{results['command']}`",
        "",
    ]
    return "\n".join(header) + (render_profiles(results) if "profiles" in results else render_cases(results))


# --- command line -----------------------------------------------------------------------
class HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """The module docstring as written, and every option's default."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.diagrams", description=__doc__, formatter_class=HelpFormatter
    )
    parser.add_argument(
        "--ippd-size",
        choices=["S", "M"],
        default="M",
        help="the one-IPPD catalogue of cases opd, ippd, ippd-aggregated",
    )
    parser.add_argument(
        "--national-size", choices=["P", "N"], default="P", help="the catalogue of case national (N: see --national-db)"
    )
    parser.add_argument(
        "--national-db",
        type=Path,
        help="SQLite file of the national catalogue: reused if complete, created (imported) and kept if missing",
    )
    parser.add_argument("--cases", nargs="+", choices=CASES, default=list(CASES), help="which cases to run")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a dot run is stopped")
    parser.add_argument("--repeat", type=int, default=3, help="runs of anything faster than --cheap (median)")
    parser.add_argument("--cheap", type=float, default=10, help="runs slower than this many seconds are not repeated")
    parser.add_argument("--low-cap", type=int, default=300, help="aggregate() cap of case ippd-aggregated")
    parser.add_argument("--profile", action="store_true", help="cProfile our part of each case instead of timing")
    parser.add_argument(
        "--workdir", type=Path, help="folder for scratch databases and DOT files (default: system temp)"
    )
    parser.add_argument(
        "--json",
        type=Path,
        help="where to write the results (default benchmarks/out/diagrams[-profile]-<national size>.json)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    results = run(args)
    print(render(results))
    target = args.json or OUT_DIR / f"diagrams{'-profile' if args.profile else ''}-{args.national_size}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nresults: {target}")


if __name__ == "__main__":
    main()
