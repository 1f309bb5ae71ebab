"""ea-repo against the limit of each step, measured in one process on one machine.

    python -m benchmarks.run --size S|M|P|N [--repeat K] [--json PATH] [--no-rss]

Generates benchmarks/data/<size>/ if missing, then measures import, re-import, checks,
peak RSS (each phase in a subprocess) and the ORM-vs-raw harness sanity check. Ratios
are ours / limit from the same run; bare seconds only mean something on this machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ea_repo import service
from ea_repo.catalog.graph import RepoGraph, nodes_from_rows
from ea_repo.catalog.references import lists_in_force
from ea_repo.checks import check_graph
from ea_repo.storage import store

from . import limits, machine
from .generate import ensure_data
from .phase import in_subprocess
from .report import render

OUT_DIR = Path(__file__).parent / "out"
ORM_ROWS = 20_000


@dataclass
class Timing:
    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    def as_json(self) -> dict:
        return {"median": round(self.median, 4), "runs": [round(r, 4) for r in self.runs]}


@dataclass
class Plan:
    repeat: int
    warmup: bool


def measure(fn: Callable[[], Any], plan: Plan, setup: Callable[[], None] | None = None) -> Timing:
    """Warm up once (if planned), then time `repeat` calls; setup and GC run outside the clock."""
    timing = Timing()
    for i in range(plan.repeat + plan.warmup):
        if setup:
            setup()
        gc.collect()
        started = time.perf_counter()
        fn()
        if i >= plan.warmup:
            timing.runs.append(time.perf_counter() - started)
    return timing


def measure_self_timed(fn: Callable[[], float], plan: Plan) -> Timing:
    """Like measure, for functions that time their own inner part and return the seconds."""
    runs = []
    for _ in range(plan.repeat + plan.warmup):
        gc.collect()
        runs.append(fn())
    return Timing(runs[plan.warmup :])


class Scratch:
    """Fresh SQLite paths in a temporary folder; old databases are removed between runs."""

    def __init__(self, folder: Path):
        self.folder, self.count = folder, 0

    def fresh(self, stem: str) -> Path:
        self.count += 1
        return self.folder / f"{stem}-{self.count}.db"

    @staticmethod
    def remove(path: Path | None) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            if path is not None:
                Path(f"{path}{suffix}").unlink(missing_ok=True)


# --- import -----------------------------------------------------------------------------
def bench_import(folder: Path, scratch: Scratch, plan: Plan, out: dict) -> service.Repository:
    files = limits.yaml_files(folder)
    elements, links = limits.prebuilt_rows(files)  # untimed; also warms the page cache
    schema_db = scratch.fresh("schema")
    service.init_repository(f"sqlite:///{schema_db}")[0].engine.dispose()
    schema = limits.schema_statements(schema_db)
    out["files"], out["limit_rows"] = len(files), {"elements": len(elements), "links": len(links)}
    out["parse"] = measure(lambda: limits.parse_all(files), plan)
    plain_db: list[Path] = []

    def next_plain() -> None:
        Scratch.remove(plain_db.pop() if plain_db else None)
        plain_db.append(scratch.fresh("plain"))

    out["insert"] = measure(lambda: limits.plain_insert(plain_db[-1], schema, elements, links), plan, setup=next_plain)
    elements = links = None  # free the limit rows before measuring ours
    state: dict[str, Any] = {}

    def ours() -> None:
        repo, _ = service.init_repository(f"sqlite:///{state['path']}")
        state["repo"], state["result"] = repo, service.import_paths(repo, [folder], principal=service.local_principal())

    def fresh_db() -> None:
        if "repo" in state:
            state.pop("repo").engine.dispose()
            Scratch.remove(state["path"])
        state["path"] = scratch.fresh("ours")

    out["ours"] = measure(ours, plan, setup=fresh_db)
    summary = state["result"].summary
    out["imported"] = {"elements": summary.elements, "links": summary.links}
    repo = state["repo"]
    out["reimport"] = measure(
        lambda: state.__setitem__("again", service.import_paths(repo, [folder], principal=service.local_principal())),
        plan,
    )
    out["reimport_changed"] = sum(state["again"].summary.created.values()) + sum(
        state["again"].summary.updated.values()
    )
    out["db_mib"] = round(sum(p.stat().st_size for p in state["path"].parent.glob(state["path"].name + "*")) / 2**20, 1)
    return repo


# --- checks -----------------------------------------------------------------------------
def read_rows(repo: service.Repository) -> tuple:
    with repo.engine.connect() as conn:
        elements, links = store.read_graph_rows(conn)
        organisations = store.read_organisations(conn)
        references = lists_in_force(conn)
    return elements, links, organisations, references


def bench_check(repo: service.Repository, plan: Plan, out: dict) -> None:
    rows: list[tuple] = []
    out["read"] = measure(lambda: rows.__setitem__(slice(None), [read_rows(repo)]), plan)
    elements, links, organisations, references = rows[0]
    ippds = [o.code for o in organisations if o.kind == "IPPD"]
    opds = [(o.ippd, o.code) for o in organisations if o.kind == "OPD"]
    pairs, typed = limits.allowed_pairs()
    out["plain"] = measure(lambda: limits.plain_check(elements, links, pairs, typed), plan)
    parts: dict[str, list[float]] = {"build": [], "rules": []}
    reports: list = []

    def ours() -> None:
        started = time.perf_counter()
        graph = RepoGraph(
            nodes=nodes_from_rows(elements), links=links, reference_lists=references, ippds=ippds, opds=opds
        )
        built = time.perf_counter()
        reports[:] = [check_graph(graph)]
        parts["build"].append(built - started)
        parts["rules"].append(time.perf_counter() - built)

    out["ours"] = measure(ours, plan)
    out["build"] = Timing(parts["build"][plan.warmup :])
    out["rules"] = Timing(parts["rules"][plan.warmup :])
    out["findings"] = dict(Counter(f.rule for f in reports[0].findings))
    out["e2e"] = measure(lambda: service.check_repository(repo, principal=service.local_principal()), plan)


# --- memory and sanity ------------------------------------------------------------------
def bench_rss(folder: Path, scratch: Scratch) -> dict:
    db = scratch.fresh("rss")
    result = {
        "baseline": in_subprocess("baseline"),
        "import": in_subprocess("import", str(folder), str(db)),
        "check": in_subprocess("check", str(db)),
    }
    Scratch.remove(db)
    return result


def bench_orm(scratch: Scratch, plan: Plan, schema: list[str]) -> dict:
    rows = limits.orm_rows(ORM_ROWS)
    orm = measure_self_timed(lambda: limits.orm_insert(f"sqlite:///{scratch.fresh('orm')}", rows), plan)
    raw = measure_self_timed(lambda: limits.raw_insert(scratch.fresh("raw"), schema, rows), plan)
    dicts = measure_self_timed(lambda: limits.raw_insert(scratch.fresh("raw"), schema, rows, from_dicts=True), plan)
    return {"rows": ORM_ROWS, "orm": orm, "raw": raw, "raw_from_dicts": dicts}


def run(size: str, plan: Plan, rss: bool, workdir: Path | None) -> dict:
    folder, manifest = ensure_data(size)
    results: dict[str, Any] = {
        "size": size,
        "machine": machine.describe(),
        "plan": plan.__dict__,
        "generate_seconds": manifest.get("seconds"),
        "counts": manifest["counts"],
        "planted_findings": manifest["planted_findings"],
        "import": {},
        "check": {},
    }
    with tempfile.TemporaryDirectory(dir=workdir, prefix="ea-bench-") as tmp:
        scratch = Scratch(Path(tmp))
        repo = bench_import(folder, scratch, plan, results["import"])
        bench_check(repo, plan, results["check"])
        repo.engine.dispose()
        schema = limits.schema_statements(next(Path(tmp).glob("schema-*.db")))
        results["orm"] = bench_orm(scratch, Plan(max(plan.repeat, 3), True), schema)
        if rss:
            results["rss"] = bench_rss(folder, scratch)
    return results


def to_json(value: Any) -> Any:
    if isinstance(value, Timing):
        return value.as_json()
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="ea-repo benchmarks: ours / limit per step")
    parser.add_argument("--size", choices=["S", "M", "P", "N"], required=True)
    parser.add_argument("--repeat", type=int, help="timed runs per step (default 5; 1 at N, without warm-up)")
    parser.add_argument("--json", type=Path, help="write results here (default benchmarks/out/<size>.json)")
    parser.add_argument("--no-rss", action="store_true", help="skip the peak-RSS subprocess phases")
    parser.add_argument("--workdir", type=Path, help="folder for the scratch databases (default: system temp)")
    args = parser.parse_args(argv)
    plan = Plan(args.repeat or (1 if args.size == "N" else 5), warmup=args.size != "N")
    results = to_json(run(args.size, plan, not args.no_rss, args.workdir))
    print(render(results))
    target = args.json or OUT_DIR / f"{args.size}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nresults: {target}")


if __name__ == "__main__":
    main()
