"""The web pages' server time on a synthetic catalogue, beside the API's bare route in the same run.

    python -m benchmarks.web [--size P] [--backend sqlite|postgres --db URL] [--requests N] [--workers W]
                             [--keep] [--json PATH]

Imports the size's synthetic catalogue (benchmarks/generate.py; P: 60 IPPDs, 50k elements, 200k links) into a
fresh database, makes two web users (a national viewer and an architect of the largest IPPD, whole IPPD), serves
it with uvicorn (benchmarks/api_server.py: our app plus the bare routes, every answer timed by Server-Timing),
signs both in, then requests each page N times in interleaved rounds (warm-up first):

- bare: the plainest FastAPI route (the limit the machine sets);
- api-read: GET one element over the JSON API (a token);
- dashboard, catalogue (one kind, 50 rows), element, findings, diagram: the IPPD's pages as its architect;
- national: the home page of a national user (every IPPD in a table).

The findings of an IPPD are computed once per change of the catalogue; the timed rounds read them warm (the
warm-up computes them), which is the steady state of a server. Goals (issue 18): catalogue and element p50
<= 100 ms, dashboard and findings p50 <= 300 ms; at size N on PostgreSQL with --workers 2, national <= 1 s.
Writes benchmarks/out/web-<size>-<backend>.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

from ea_repo import service

from . import machine
from .api import OUT_DIR, served
from .api_client import Operation, run_rounds, summarise
from .api_world import prepare_database
from .generate import ensure_data

PASSWORD = "bangku-benchmark-1"
BASELINE = "bare"
GOALS_MS = {"catalogue": 100, "element": 100, "dashboard": 300, "findings": 300, "national": 1000}
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def load(url: str, size: str, reuse: bool = False) -> dict:
    """Import the catalogue (unless `reuse` and it is there); make the users and a token; pick the IPPD, an
    application and its plateau."""
    repo = service.open_repository(url)
    admin = service.local_principal()
    started, imported_s = time.perf_counter(), None
    if not (reuse and service.list_elements(repo, principal=admin, kind="application")):
        folder, _manifest = ensure_data(size)
        service.import_paths(repo, [folder], principal=admin)
        imported_s = time.perf_counter() - started
    rows = service.list_elements(repo, principal=admin, kind="application")
    ippd, _ = Counter(r.ippd for r in rows).most_common(1)[0]
    target = next(r for r in rows if r.ippd == ippd)
    if repo.engine.dialect.name == "postgresql":
        with repo.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    known = {u.login for u in service.list_users(repo, principal=admin)}
    for login, role, scope in (("nasional", "viewer", None), ("arsitek", "architect", ippd)):
        if login in known:  # a reused database (the same catalogue, so the same IPPD)
            service.set_password(repo, login, PASSWORD, principal=admin)
        else:
            service.create_user(
                repo, login=login, name=login, role=role, password=PASSWORD, ippd=scope, principal=admin
            )
    token = service.create_token(repo, role="viewer", name="bench", principal=admin)[1]
    elements = len(service.list_elements(repo, principal=admin))
    repo.engine.dispose()
    return {
        "ippd": ippd,
        "plateau": target.plateau,
        "element": target.element_id,
        "token": token,
        "elements": elements,
        "import_s": imported_s,
    }


def signed_in(base: str, login: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=300, limits=httpx.Limits(max_keepalive_connections=1))
    csrf = _CSRF.search(client.get("/masuk").text).group(1)
    answer = client.post("/masuk", data={"csrf": csrf, "login": login, "password": PASSWORD, "lanjut": "/"})
    if answer.status_code != 303 or "ea_sesi" not in client.cookies:
        raise RuntimeError(f"sign-in as {login} failed: HTTP {answer.status_code}")
    return client


def operations(world: dict, national: httpx.Client) -> list[Operation]:
    ippd, plateau, element = world["ippd"], world["plateau"], world["element"]
    page = f"/ippd/{ippd}"
    token = {"Authorization": f"Bearer {world['token']}"}
    return [
        Operation(BASELINE, "bare FastAPI route (async, constant, no session)", lambda c, n: c.get("/bench/constant")),
        Operation(
            "api-read",
            "API: GET one element (token)",
            lambda c, n: c.get(f"/v1/ippds/{ippd}/plateaus/{plateau}/elements/{element}", headers=token),
        ),
        Operation("dashboard", "page: the IPPD's dashboard", lambda c, n: c.get(page)),
        Operation(
            "catalogue",
            "page: catalogue, applications, 50 rows",
            lambda c, n: c.get(f"{page}/katalog", params={"jenis": "application", "plateau": plateau}),
        ),
        Operation("element", "page: one application", lambda c, n: c.get(f"{page}/elemen/{plateau}/{element}")),
        Operation("findings", "page: findings, first 100", lambda c, n: c.get(f"{page}/temuan")),
        Operation("diagram", "page: the default diagram", lambda c, n: c.get(f"{page}/diagram")),
        Operation("national", "page: a national user's home (every IPPD)", lambda c, n: national.get("/")),
    ]


def bench(base: str, world: dict, requests: int, batch: int, skip: list[str]) -> dict:
    architect, national = signed_in(base, "arsitek"), signed_in(base, "nasional")
    try:
        ops = [op for op in operations(world, national) if op.name not in skip]
        run_rounds([architect], ops, 3, 3)  # warm-up: the findings and diagrams computed once
        return summarise(run_rounds([architect], ops, requests, batch), BASELINE)
    finally:
        architect.close()
        national.close()


def table(result: dict, labels: dict[str, str]) -> str:
    lines = [
        "| page | server p50 ms | server p99 ms | client p50 ms | goal p50 ms | x bare (server p50) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in result.items():
        goal = GOALS_MS.get(name)
        lines.append(
            f"| {labels[name]} | {row['server_p50_ms']:.1f} | {row['server_p99_ms']:.1f} | {row['p50_ms']:.1f} | "
            f"{goal if goal else '-'} | {row['server_p50_ratio']:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="P")
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--db", help="PostgreSQL URL (emptied first) for --backend postgres")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--skip", nargs="*", default=[], help="pages not to time (e.g. diagram at size N)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--reuse", action="store_true", help="PostgreSQL: keep a database a run has filled")
    args = parser.parse_args(argv)
    if args.backend == "postgres" and not args.db:
        parser.error("--backend postgres needs --db URL")
    with tempfile.TemporaryDirectory(prefix="ea-web-bench-") as scratch:
        url = args.db if args.reuse and args.db else prepare_database(args.backend, args.db, Path(scratch))
        world = load(url, args.size, reuse=args.reuse)
        page_file = Path(scratch) / "page.json"
        page_file.write_text("{}")
        with served(url, args.workers, page_file) as base:
            result = bench(base, world, args.requests, args.batch, args.skip)
    labels = {op.name: op.label for op in operations(world, httpx.Client())}
    out = {
        "machine": machine.describe(),
        "size": args.size,
        "backend": args.backend,
        "workers": args.workers,
        "world": {k: v for k, v in world.items() if k != "token"},
        "requests": args.requests,
        "pages": result,
    }
    path = args.json or OUT_DIR / f"web-{args.size}-{args.backend}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2))
    print(
        f"{args.size} on {args.backend}, {args.workers} worker(s), {world['elements']:,} elements; {args.requests} "
        f"requests per page"
    )
    print(table(result, labels))


if __name__ == "__main__":
    main()
