"""One benchmark phase in its own process, so its peak RSS is its own.

    python -m benchmarks.phase baseline
    python -m benchmarks.phase import DATA_DIR DB_PATH
    python -m benchmarks.phase check DB_PATH

Prints one JSON line: seconds, peak RSS (MiB) and what was done. The peak is VmHWM from
/proc/self/status: ru_maxrss would also count the parent's pages copied at fork.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


def run_phase(argv: list[str]) -> dict:
    phase, args = argv[0], argv[1:]
    started = time.perf_counter()
    from ea_repo import service  # noqa: E402  (the import itself is part of every phase's memory)

    if phase == "import":
        repo, _ = service.init_repository(f"sqlite:///{args[1]}")
        result = service.import_paths(repo, [Path(args[0])], principal=service.local_principal())
        detail = {"elements": result.summary.elements, "links": result.summary.links}
    elif phase == "check":
        report = service.check_repository(
            service.open_repository(f"sqlite:///{args[0]}"), principal=service.local_principal()
        )
        detail = {"elements": report.elements, "links": report.links, "findings": len(report.findings)}
    elif phase == "baseline":
        detail = {}
    else:
        raise SystemExit(f"unknown phase {phase!r}")
    seconds = time.perf_counter() - started
    return {"phase": phase, "seconds": round(seconds, 3), "peak_rss_mib": round(peak_rss_mib(), 1), **detail}


def peak_rss_mib() -> float:
    """This process's peak resident set size since exec (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def in_subprocess(*argv: str) -> dict:
    """Run a phase in a fresh interpreter and return its JSON line."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.phase", *argv],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if done.returncode != 0:
        raise RuntimeError(f"phase {argv[0]} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    print(json.dumps(run_phase(sys.argv[1:])))
