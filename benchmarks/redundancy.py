"""Redundancy: the fast method on the national catalogue beside comparing every pair, same scoring.

    python -m benchmarks.redundancy [--size N] [--db PATH] [--subset 3000] [--seed 42] [--repeat 3] [--json PATH]

The repository: the synthetic national catalogue of benchmarks/generate.py (N: 600 IPPDs, 30,000 as-is
applications) in a SQLite file. --db is reused if it exists (it is brought to the current schema); else
/tmp/ea-N.db is copied if present (the import benchmark leaves it), else the catalogue is generated and
imported (N takes ~4 minutes).

Cases, each in a fresh interpreter so that its peak RSS (VmHWM) is its own; after one warm-up, the median of
--repeat runs (brute force runs once: it is the reference, not the subject):

1. national: service.redundancy_report(scope="national") end to end, as `ea redundancy --scope national`
   runs it: the read of the plateau, the features, the candidates (blocking), the scores, the clusters, the
   report with its evidence and recommendations. Compared with the national Aplikasi Umum too.
2. subset, fast: engine.analyse on --subset applications drawn at random (seeded) from the whole catalogue,
   with the national applications' names: the same method as 1.
3. subset, brute force: engine.analyse(method="brute") on the same applications: every pair scored by the
   same function (scoring.score_pairs), in chunks of 2 million pairs; the pairs at or above the threshold are
   the reference. Clustered the same way.
Steps 2 and 3 are timed from the applications in memory (the database read is the same for both).

Recall of the fast method against brute force, on the subset (a national application's names count as one):
- pairs scored: of the pairs brute force finds at or above the threshold, the share the fast method scored
  and found too. The fast method scores a name or description shared by many applications once per
  neighbour with --sample of its applications (candidates.sample), so this share is below 1 by design;
- pairs reported: the share of those pairs that the fast method puts in one cluster (what the report says).
  The goal is >= 0.98. Beside it, the share brute force's own clusters hold: clusters have centres and do
  not chain, so even brute force leaves a few of its pairs in two clusters;
- and the agreement of the two clusterings (pairwise precision and recall of the fast clusters against the
  brute-force clusters), and of each against the generator's families (manifest.json: "two applications are
  duplicates exactly when they share a family"), which the scoring does not see.

Prints Markdown and writes benchmarks/out/redundancy.json.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from . import machine
from .phase import peak_rss_mib

OUT_DIR = Path(__file__).parent / "out"
ROOT = Path(__file__).resolve().parent.parent
NATIONAL_GOAL_S = 30.0
RECALL_GOAL = 0.98


# --- the cases, each in its own process ------------------------------------------------------------
def child(case: str, db: str, subset: int, seed: int, dump: str | None) -> dict:
    started = time.perf_counter()
    from ea_repo import service
    from ea_repo.redundancy.engine import BRUTE, FAST, analyse
    from ea_repo.redundancy.settings import Settings
    from ea_repo.redundancy.source import read_applications
    from ea_repo.storage import store
    from metamodel import load_national_catalogue

    repo = service.open_repository(f"sqlite:///{db}")
    imports = time.perf_counter() - started
    if case == "baseline":
        return {"case": case, "seconds": 0.0, "peak_rss_mib": round(peak_rss_mib(), 1)}
    if case == "national":
        clock = time.perf_counter()
        report = service.redundancy_report(repo, scope="national", principal=service.local_principal())
        seconds = time.perf_counter() - clock
        sizes = sorted((len(c.members) for c in report.clusters), reverse=True)
        return {
            "case": case,
            "seconds": round(seconds, 3),
            "peak_rss_mib": round(peak_rss_mib(), 1),
            "imports_s": round(imports, 2),
            "applications": report.applications,
            "candidates": report.candidates,
            "pairs": report.pairs,
            "clusters": len(report.clusters),
            "national_clusters": sum(1 for c in report.clusters if c.national),
            "largest_clusters": sizes[:5],
            "in_clusters": sum(sizes),
        }
    with repo.engine.connect() as conn:
        apps = read_applications(conn, "as-is", None, store.read_organisations(conn))
    chosen = sorted(random.Random(seed).sample(range(len(apps)), min(subset, len(apps))))
    apps = [apps[i] for i in chosen]
    method = BRUTE if case == "brute" else FAST
    clock = time.perf_counter()
    analysis = analyse(apps, Settings(), load_national_catalogue(), method=method)
    seconds = time.perf_counter() - clock
    if dump:
        ident = [a.national and f"national:{a.national}" or f"{a.ippd}/{a.element_id}" for a in analysis.corpus.apps]
        Path(dump).write_text(
            json.dumps(
                {
                    "pairs": sorted(
                        {
                            tuple(sorted((ident[i], ident[j])))
                            for i, j in zip(analysis.edges.left.tolist(), analysis.edges.right.tolist(), strict=False)
                        }
                    ),
                    "clusters": [[ident[i] for i in group] for group in analysis.grouping.clusters],
                }
            )
        )
    return {
        "case": case,
        "seconds": round(seconds, 3),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "applications": len(apps),
        "candidates": analysis.candidates,
        "pairs": len(analysis.edges),
        "steps": {k: round(v, 2) for k, v in analysis.seconds.items()},
    }


def run_child(case: str, args: argparse.Namespace, dump: str | None = None) -> dict:
    argv = [
        sys.executable,
        "-m",
        "benchmarks.redundancy",
        "--child",
        case,
        "--db",
        str(args.db),
        "--subset",
        str(args.subset),
        "--seed",
        str(args.seed),
    ] + (["--dump", dump] if dump else [])
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"case {case} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measured(case: str, args: argparse.Namespace, repeat: int) -> dict:
    log(f"{case}: warm-up")
    run_child(case, args)
    runs = []
    for n in range(repeat):
        runs.append(run_child(case, args))
        log(f"{case}: run {n + 1}/{repeat}: {runs[-1]['seconds']} s, {runs[-1]['peak_rss_mib']} MiB")
    best = dict(runs[0])
    best["seconds"] = statistics.median(r["seconds"] for r in runs)
    best["runs"] = [r["seconds"] for r in runs]
    best["peak_rss_mib"] = max(r["peak_rss_mib"] for r in runs)
    return best


# --- the repository ---------------------------------------------------------------------------
def ensure_repository(args: argparse.Namespace) -> None:
    from ea_repo import service

    if not args.db.exists():
        shipped = Path(f"/tmp/ea-{args.size}.db")
        if shipped.exists():
            log(f"copying {shipped} to {args.db}")
            shutil.copyfile(shipped, args.db)
        else:
            from .generate import ensure_data

            folder, _ = ensure_data(args.size)
            log(f"importing {folder} into {args.db} (minutes at N)")
            repo, _ = service.init_repository(f"sqlite:///{args.db}")
            service.import_paths(repo, [folder], principal=service.local_principal())
            repo.engine.dispose()
    repo, _ = service.init_repository(f"sqlite:///{args.db}")  # brings an older schema up to date
    repo.engine.dispose()


# --- comparing ---------------------------------------------------------------------------------
def pair_agreement(ours: list[list[str]], reference: list[list[str]]) -> tuple[float, float]:
    """Pairwise precision and recall of one clustering against another (pairs co-clustered)."""
    label_ref = {m: n for n, group in enumerate(reference) for m in group}
    together = Counter((n, label_ref.get(m)) for n, group in enumerate(ours) for m in group)
    both = sum(c * (c - 1) // 2 for (_, r), c in together.items() if r is not None)
    ours_pairs = sum(len(g) * (len(g) - 1) // 2 for g in ours)
    ref_pairs = sum(len(g) * (len(g) - 1) // 2 for g in reference)
    return both / max(ours_pairs, 1), both / max(ref_pairs, 1)


def families(size: str) -> list[list[str]]:
    manifest = json.loads((ROOT / "benchmarks" / "data" / size / "manifest.json").read_text(encoding="utf-8"))
    return [[f"{m[0]}/{m[1]}" for m in g["members"]] for g in manifest["duplicates"]["groups"]]


def compare(fast: dict, brute: dict, truth: list[list[str]]) -> dict:
    reference = {tuple(p) for p in brute["pairs"]}
    scored = {tuple(p) for p in fast["pairs"]}
    label = {m: n for n, group in enumerate(fast["clusters"]) for m in group}
    reported = sum(1 for a, b in reference if a in label and label.get(a) == label.get(b))
    brute_label = {m: n for n, group in enumerate(brute["clusters"]) for m in group}
    brute_reported = sum(1 for a, b in reference if a in brute_label and brute_label.get(a) == brute_label.get(b))
    local = lambda groups: [[m for m in g if not m.startswith("national:")] for g in groups]  # noqa: E731
    present = {m for g in local(brute["clusters"]) + local(fast["clusters"]) for m in g}
    truth_here = [[m for m in g if m in present] for g in truth]
    return {
        "brute_pairs": len(reference),
        "fast_pairs": len(scored),
        "recall_scored": round(len(reference & scored) / max(len(reference), 1), 4),
        "recall_reported": round(reported / max(len(reference), 1), 4),
        "brute_reported": round(brute_reported / max(len(reference), 1), 4),
        "clusters_vs_brute": [round(v, 4) for v in pair_agreement(fast["clusters"], brute["clusters"])],
        "fast_vs_families": [round(v, 4) for v in pair_agreement(local(fast["clusters"]), truth_here)],
        "brute_vs_families": [round(v, 4) for v in pair_agreement(local(brute["clusters"]), truth_here)],
    }


# --- report ------------------------------------------------------------------------------------
def markdown(result: dict) -> str:
    n, fast, brute, c = result["national"], result["subset_fast"], result["subset_brute"], result["comparison"]
    base = result["baseline"]["peak_rss_mib"]
    lines = [
        f"Machine: {machine.one_line(result['machine'])}",
        "",
        "| case | applications | pairs scored | pairs >= threshold | median s | peak RSS MiB (imports alone: "
        f"{base:.0f}) | goal |",
        "|---|---|---|---|---|---|---|",
        f"| national, fast (service, end to end) | {n['applications']:,} "
        f"| {n['candidates']:,} | {n['pairs']:,} | {n['seconds']:.1f} "
        f"| {n['peak_rss_mib']:.0f} | < {NATIONAL_GOAL_S:.0f} s: "
        f"{'met' if n['seconds'] < NATIONAL_GOAL_S else 'NOT met'} |",
        f"| subset, fast | {fast['applications']:,} | {fast['candidates']:,} | "
        f"{fast['pairs']:,} | {fast['seconds']:.2f} | {fast['peak_rss_mib']:.0f} | |",
        f"| subset, brute force (every pair) | {brute['applications']:,} | "
        f"{brute['candidates']:,} | {brute['pairs']:,} | {brute['seconds']:.2f} "
        f"| {brute['peak_rss_mib']:.0f} | |",
        "",
        f"Subset, fast against brute force: {c['brute_pairs']:,} pairs at or above the threshold by brute force; "
        f"the fast method scored {c['recall_scored']:.1%} of them and "
        f"reports {c['recall_reported']:.1%} of them in one cluster "
        f"(goal >= {RECALL_GOAL:.0%}: {'met' if c['recall_reported'] >= RECALL_GOAL else 'NOT met'}); "
        "brute force's own clusters hold "
        f"{c['brute_reported']:.1%} of them. Clusters against the brute-force "
        f"clusters: precision {c['clusters_vs_brute'][0]:.3f}, recall "
        f"{c['clusters_vs_brute'][1]:.3f}. Against the generator's "
        f"families: fast {c['fast_vs_families'][0]:.3f} / "
        f"{c['fast_vs_families'][1]:.3f}, brute force {c['brute_vs_families'][0]:.3f} / "
        f"{c['brute_vs_families'][1]:.3f} (precision / recall).",
        "",
        f"National: {n['clusters']:,} clusters ({n['national_clusters']:,} "
        "duplicating a national application), the largest "
        f"{', '.join(f'{s:,}' for s in n['largest_clusters'])}; "
        f"{n['in_clusters']:,} applications in a cluster. Brute force / fast on the "
        f"subset: {brute['seconds'] / max(fast['seconds'], 1e-9):.0f}x the time, "
        f"{brute['candidates'] / max(fast['candidates'], 1):.0f}x the pairs scored.",
    ]
    return "\n".join(lines) + "\n"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="N", choices=("P", "N"))
    parser.add_argument(
        "--db", type=Path, default=None, help="SQLite file of the catalogue (default /tmp/ea-redundancy-SIZE.db)"
    )
    parser.add_argument("--subset", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=OUT_DIR / "redundancy.json")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--dump", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.db = args.db or Path(f"/tmp/ea-redundancy-{args.size}.db")
    if args.child:
        print(json.dumps(child(args.child, str(args.db), args.subset, args.seed, args.dump)))
        return
    ensure_repository(args)
    result = {
        "machine": machine.describe(),
        "size": args.size,
        "subset": args.subset,
        "seed": args.seed,
        "baseline": run_child("baseline", args),
    }
    result["national"] = measured("national", args, args.repeat)
    result["subset_fast"] = measured("fast", args, args.repeat)
    log("brute force (once)")
    result["subset_brute"] = run_child("brute", args)
    with tempfile.TemporaryDirectory() as tmp:
        run_child("fast", args, f"{tmp}/fast.json")
        run_child("brute", args, f"{tmp}/brute.json")
        fast, brute = (json.loads(Path(f"{tmp}/{n}.json").read_text()) for n in ("fast", "brute"))
    result["comparison"] = compare(fast, brute, families(args.size))
    text = markdown(result)
    print(text)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
