"""The HTTP API against a bare FastAPI route on the same server, measured in one run.

    python -m benchmarks.api [--backend sqlite|postgres --db URL] [--requests N] [--concurrency C]
                             [--bulk-repeat K] [--workers W] [--json PATH]

Prepares a fresh repository (samples/contoh + the synthetic IPPD of size M, an admin and an
OPD-scoped architect token), serves it with one uvicorn process on 127.0.0.1 (the app of
benchmarks/api_server.py: ours plus the bare routes), then:

1. requests: N sequential requests per operation over one keep-alive connection (bare,
   bare in the thread pool, bare answering a stored list page, read one element, list 100,
   a later page of 100, create one), interleaved in rounds; then the same with C client
   threads at once. Requests/s, p50/p99 latency at the client, the server's own p50
   (Server-Timing), and ratios to the bare route.
2. bulk import: one YAML body of ~10,000 elements (+ ~40,000 links) to POST /v1/import,
   K times each: fresh (all created), the same again (all unchanged), ~10% renamed. Against
   the limit measured in this process: libyaml parse of the body + sqlite3 executemany of
   its prebuilt rows into a fresh WAL file (limits.py). One warm-up import first.

Prints Markdown tables and writes benchmarks/out/api-<backend>.json.

With --profile, nothing is timed: the server runs the sampling profiler of sampler.py while
each operation's requests (and one fresh bulk import) run, and the report says where the
server's time goes (benchmarks/out/api-profile-<backend>.json).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

import httpx

from . import limits, machine
from .api_client import Operation, run_rounds, summarise, timed_batch, timed_post
from .api_report import render, render_profile
from .api_server import PAGE_ENV, PROFILE_ENV
from .api_world import BulkBody, World, build_world, bulk_body, new_element, prepare_database

OUT_DIR = Path(__file__).parent / "out"
REPO_ROOT = Path(__file__).resolve().parent.parent
BASELINE = "bare"
WARMUP_REQUESTS = 50
READ_GOAL = 2.0
IMPORT_GOAL = 5_000  # elements/s, fresh import on SQLite
YAML_HEADERS = {"Content-Type": "application/yaml"}
JSON_HEADERS = {"Content-Type": "application/json"}


# --- the server -------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(url: str, workers: int, page_file: Path, profile: bool = False) -> Iterator[str]:
    """uvicorn in a subprocess with the benchmark app; yields its base URL, stops it after."""
    port = free_port()
    env = {**os.environ, "EA_DATABASE_URL": url, PAGE_ENV: str(page_file), PROFILE_ENV: "1" if profile else "0"}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "benchmarks.api_server:bench_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    server = subprocess.Popen(command, cwd=REPO_ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(base: str, server: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"uvicorn did not answer on {base} within {timeout_s} s")


# --- requests ---------------------------------------------------------------------------
def operations(world: World, later_cursor: str) -> list[Operation]:
    auth = {"Authorization": f"Bearer {world.architect_token}"}
    listing = f"/v1/ippds/{world.ippd}/elements"
    return [
        Operation(
            BASELINE, "bare FastAPI route (async, constant dict, no token)", lambda c, n: c.get("/bench/constant")
        ),
        Operation("bare-sync", "bare route as a plain def (thread pool)", lambda c, n: c.get("/bench/constant-sync")),
        Operation("bare-page", "bare route, the first list page as stored bytes", lambda c, n: c.get("/bench/page")),
        Operation("read", "GET one element", lambda c, n: c.get(world.element_path, headers=auth)),
        Operation(
            "list", "GET list of 100 (first page)", lambda c, n: c.get(listing, params={"limit": 100}, headers=auth)
        ),
        Operation(
            "list-later",
            "GET list of 100 (a later page, cursor)",
            lambda c, n: c.get(listing, params={"limit": 100, "cursor": later_cursor}, headers=auth),
        ),
        Operation(
            "create",
            "POST create one element",
            lambda c, n: c.post(listing, json=new_element(world, n), headers=auth),
            201,
        ),
    ]


def walk_pages(client: httpx.Client, world: World, page_file: Path) -> tuple[str, int]:
    """Save the first page's bytes (for the bare page route); the cursor of the middle page; the page count."""
    cursors, cursor = [], None
    while True:
        params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
        response = client.get(
            f"/v1/ippds/{world.ippd}/elements",
            params=params,
            headers={"Authorization": f"Bearer {world.architect_token}"},
        )
        if cursor is None:
            page_file.write_bytes(response.content)
        cursor = response.json()["next"]
        if cursor is None:
            break
        cursors.append(cursor)
    if not cursors:
        raise RuntimeError("the architect's OPD has a single page of elements: no later page to read")
    return cursors[len(cursors) // 2], len(cursors) + 1


def new_client(base: str) -> httpx.Client:
    return httpx.Client(base_url=base, timeout=120, limits=httpx.Limits(max_keepalive_connections=1))


def bench_requests(base: str, world: World, page_file: Path, requests: int, batch: int, concurrency: int) -> dict:
    clients = [new_client(base) for _ in range(max(1, concurrency))]
    try:
        cursor, pages = walk_pages(clients[0], world, page_file)
        ops = operations(world, cursor)
        run_rounds(clients, ops, WARMUP_REQUESTS, WARMUP_REQUESTS)  # warm-up: every client, every operation
        out = {
            "labels": {op.name: op.label for op in ops},
            "pages": pages,
            "sequential": summarise(run_rounds(clients[:1], ops, requests, batch), BASELINE),
        }
        if concurrency > 1:
            per_client = max(1, requests // concurrency)
            out["concurrent"] = summarise(run_rounds(clients, ops, per_client, max(1, batch // concurrency)), BASELINE)
        return out
    finally:
        for client in clients:
            client.close()


# --- bulk import ------------------------------------------------------------------------
def import_summary(response: httpx.Response) -> dict:
    body = response.json()
    return {key: sum(body[key].values()) for key in ("created", "updated", "unchanged")} | {"links": body["links"]}


def bench_import(base: str, world: World, body: BulkBody, repeat: int, scratch: Path) -> dict:
    headers = {**YAML_HEADERS, "Authorization": f"Bearer {world.admin_token}"}
    json_headers = {**JSON_HEADERS, "Authorization": f"Bearer {world.admin_token}"}
    runs: dict[str, list] = {
        "fresh": [],
        "unchanged": [],
        "changed": [],
        "fresh_json": [],
        "limit_parse": [],
        "limit_insert": [],
    }
    checks: dict[str, dict] = {}
    limit = ImportLimit(body, scratch)
    with httpx.Client(base_url=base, timeout=600) as client:
        for run in range(repeat + 1):  # run 0 is the warm-up
            parse_s, insert_s = limit.measure(run)
            fresh = body.fresh(run).encode()
            timings = {
                "fresh": timed_post(client, "/v1/import", fresh, headers),
                "unchanged": timed_post(client, "/v1/import", fresh, headers),
                "changed": timed_post(client, "/v1/import", body.renamed(run, run).encode(), headers),
                "fresh_json": timed_post(client, "/v1/import", body.fresh_json(run), json_headers),
            }
            if run == 0:
                checks = {name: import_summary(t.response) for name, t in timings.items()}
                continue
            runs["limit_parse"].append(parse_s)
            runs["limit_insert"].append(insert_s)
            for name, timed in timings.items():
                runs[name].append({"seconds": timed.seconds, "server_s": timed.server_s})
    return {
        "elements": body.elements,
        "links": body.links,
        "changed_elements": body.changed_elements,
        "body_mib": len(body.text.encode()) / 2**20,
        "repeat": repeat,
        "runs": runs,
        "summaries": checks,
        **import_medians(runs, body.elements),
    }


def import_medians(runs: dict[str, list], elements: int) -> dict:
    out = {}
    for name in ("fresh", "unchanged", "changed", "fresh_json"):
        seconds = statistics.median(r["seconds"] for r in runs[name])
        out[name] = {
            "seconds": seconds,
            "server_s": statistics.median(r["server_s"] for r in runs[name]),
            "elements_per_s": elements / seconds,
        }
    parse, insert = statistics.median(runs["limit_parse"]), statistics.median(runs["limit_insert"])
    out["limit"] = {
        "parse_s": parse,
        "insert_s": insert,
        "seconds": parse + insert,
        "elements_per_s": elements / (parse + insert),
    }
    return out


class ImportLimit:
    """libyaml parse of the body + sqlite3 executemany of its prebuilt rows (fresh WAL file, same schema)."""

    def __init__(self, body: BulkBody, scratch: Path):
        self.file = scratch / "bulk.yaml"
        self.file.write_text(body.text, encoding="utf-8")
        self.rows = limits.prebuilt_rows([self.file])
        self.scratch = scratch
        (scratch / "schema").mkdir()
        self.schema = limits.schema_statements(
            Path(prepare_database("sqlite", None, scratch / "schema").removeprefix("sqlite:///"))
        )

    def measure(self, run: int) -> tuple[float, float]:
        started = time.perf_counter()
        limits.parse_all([self.file])
        parsed = time.perf_counter()
        database = self.scratch / f"limit-{run}.db"
        limits.plain_insert(database, self.schema, *self.rows)
        inserted = time.perf_counter()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        return parsed - started, inserted - parsed


# --- profile ---------------------------------------------------------------------------
def bench_profile(base: str, world: World, page_file: Path, body: BulkBody, requests: int) -> dict:
    """The server's sampled stacks while each operation runs alone, and during one fresh import."""
    headers = {**YAML_HEADERS, "Authorization": f"Bearer {world.admin_token}"}
    out = {}
    with new_client(base) as client:
        ops = operations(world, walk_pages(client, world, page_file)[0])
        run_rounds([client], ops, WARMUP_REQUESTS, WARMUP_REQUESTS)
        for operation in ops:
            client.post("/bench/profile/start")
            timed_batch(client, operation, requests)
            out[operation.name] = client.post("/bench/profile/stop").json()
        client.timeout = httpx.Timeout(600)
        timed_post(client, "/v1/import", body.fresh(0).encode(), headers)  # warm-up
        client.post("/bench/profile/start")
        timed_post(client, "/v1/import", body.fresh(1).encode(), headers)
        out["import-fresh"] = client.post("/bench/profile/stop").json()
    return out


# --- the run ----------------------------------------------------------------------------
def describe(backend: str, url: str, workers: int) -> dict:
    info = machine.describe()
    info.update(
        {name: version(name) for name in ("fastapi", "starlette", "uvicorn", "httpx", "uvloop", "httptools", "psycopg")}
    )
    info.update({"backend": backend, "workers": workers})
    if backend == "postgres":
        import sqlalchemy

        from ea_repo.storage.db import make_engine

        engine = make_engine(url)
        with engine.connect() as conn:
            info["postgres"] = conn.execute(sqlalchemy.text("SHOW server_version")).scalar()
        engine.dispose()
    return info


def run(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory(prefix="ea-api-bench-") as tmp:
        scratch = Path(tmp)
        url = prepare_database(args.backend, args.db, scratch)
        started = time.perf_counter()
        world = build_world(url)
        body = bulk_body() if args.bulk_repeat or args.profile else None
        gc.collect()
        gc.freeze()  # the setup's objects stay out of the client's collections while it times
        results = {
            "machine": describe(args.backend, url, args.workers),
            "command": " ".join(["python -m benchmarks.api", *sys.argv[1:]]),
            "plan": {
                "requests": args.requests,
                "batch": args.batch,
                "concurrency": args.concurrency,
                "bulk_repeat": args.bulk_repeat,
                "warmup_requests": WARMUP_REQUESTS,
            },
            "world": {"ippd": world.ippd, "opd": world.opd, "elements": world.elements, "read": world.element_path},
            "setup_s": time.perf_counter() - started,
            "goals": {"read_slowdown": READ_GOAL, "import_elements_per_s": IMPORT_GOAL},
        }
        page_file = scratch / "page.json"
        if args.profile:
            with served(url, args.workers, page_file, profile=True) as base:
                results["profile"] = bench_profile(base, world, page_file, body, args.requests)
            return results
        with served(url, args.workers, page_file) as base:
            results["requests"] = bench_requests(base, world, page_file, args.requests, args.batch, args.concurrency)
            if body is not None:
                results["import"] = bench_import(base, world, body, args.bulk_repeat, scratch)
    return results


class HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """The module docstring as written, and every option's default."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.api", description=__doc__, formatter_class=HelpFormatter
    )
    parser.add_argument(
        "--backend",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="sqlite: a fresh file in a temp folder; postgres: --db, whose ea-repo tables are DROPPED first",
    )
    parser.add_argument(
        "--db",
        help="PostgreSQL URL, e.g. postgresql://postgres@127.0.0.1:5432/ea_bench (a database the tests do not use)",
    )
    parser.add_argument("--requests", type=int, default=1000, help="timed sequential requests per operation")
    parser.add_argument(
        "--batch", type=int, default=50, help="requests per operation per round (operations interleave by round)"
    )
    parser.add_argument("--concurrency", type=int, default=4, help="client threads of the concurrent pass (1: skip it)")
    parser.add_argument(
        "--bulk-repeat", type=int, default=5, help="timed bulk imports of each variant, after one warm-up (0: skip)"
    )
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument(
        "--profile", action="store_true", help="sample the server's stacks per operation instead of timing"
    )
    parser.add_argument(
        "--json", type=Path, help="where to write the results (default benchmarks/out/api[-profile]-<backend>.json)"
    )
    args = parser.parse_args(argv)
    if args.backend == "postgres" and not args.db:
        parser.error("--backend postgres needs --db URL")
    results = run(args)
    print(render_profile(results) if args.profile else render(results))
    target = args.json or OUT_DIR / f"api{'-profile' if args.profile else ''}-{args.backend}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nresults: {target}")


if __name__ == "__main__":
    main()
