"""Markdown tables of an API benchmark run: per operation, per bulk import variant, and the goals."""

from __future__ import annotations

from .machine import one_line

READS = ("read", "list", "list-later")


def _request_rows(table: dict, labels: dict) -> list[str]:
    lines = [
        "| operation | requests | req/s | p50 ms | p99 ms | server p50 "
        "ms | bare req/s ÷ ours | p50 / bare p50 | server p50 / bare |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in table.items():
        lines.append(
            f"| {name}: {labels[name]} | {row['requests']:,} | "
            f"{row['rps']:,.0f} | {row['p50_ms']:.2f} | {row['p99_ms']:.2f} "
            f"| {row['server_p50_ms']:.2f} | {row['slowdown']:.2f}x | "
            f"{row['p50_ratio']:.2f}x | {row['server_p50_ratio']:.1f}x |"
        )
    return lines


def _read_verdict(table: dict, goal: float) -> str:
    worst = max(READS, key=lambda name: table[name]["slowdown"])
    slowdown = table[worst]["slowdown"]
    verdict = "met" if slowdown <= goal else f"MISSED by {slowdown / goal:.2f}x"
    return f"reads within {goal:g}x of the bare route: {verdict} (worst: {worst}, {slowdown:.2f}x)"


def _page_line(table: dict) -> str:
    page = table["bare-page"]["rps"]
    ratios = ", ".join(f"{name} {page / table[name]['rps']:.2f}x" for name in ("list", "list-later"))
    return f"lists against the bare route answering the same page as stored bytes (bare-page req/s ÷ ours): {ratios}"


def _import_rows(imp: dict) -> list[str]:
    lines = [
        f"bulk import: {imp['elements']:,} elements, {imp['links']:,} "
        f"links, {imp['body_mib']:.1f} MiB of YAML in one body; "
        f"median of {imp['repeat']} after a warm-up import",
        "",
        "| variant | seconds (client) | seconds (server) | elements/s | vs limit |",
        "|---|---|---|---|---|",
    ]
    limit = imp["limit"]
    for name, label in (
        ("fresh", "fresh: all created"),
        ("unchanged", "same body again: all unchanged"),
        ("changed", f"{imp['changed_elements']:,} renamed (10%)"),
        ("fresh_json", "fresh, as a JSON array (no YAML parse)"),
    ):
        row = imp[name]
        lines.append(
            f"| {label} | {row['seconds']:.2f} | {row['server_s']:.2f} | {row['elements_per_s']:,.0f} "
            f"| {row['seconds'] / limit['seconds']:.2f}x |"
        )
    lines.append(
        f"| limit: libyaml parse {limit['parse_s']:.2f} s + sqlite3 executemany {limit['insert_s']:.2f} s (in process) "
        f"| {limit['seconds']:.2f} | | {limit['elements_per_s']:,.0f} | 1x |"
    )
    return lines


def _import_checks(imp: dict) -> str:
    s = imp["summaries"]
    return (
        f"server summaries (warm-up run): fresh created {s['fresh']['created']:,} / links {s['fresh']['links']:,}; "
        f"again unchanged {s['unchanged']['unchanged']:,}; renamed updated {s['changed']['updated']:,}, "
        f"unchanged {s['changed']['unchanged']:,}"
    )


def _import_verdict(r: dict) -> str:
    goal = r["goals"]["import_elements_per_s"]
    lines = []
    for name, label in (("fresh", "YAML body"), ("fresh_json", "JSON array")):
        rate = r["import"][name]["elements_per_s"]
        verdict = "met" if rate >= goal else f"MISSED by {goal / rate:.2f}x"
        lines.append(
            f"fresh bulk import at least {goal:,} elements/s "
            f"({r['machine']['backend']}, {label}): {verdict} ({rate:,.0f}/s)"
        )
    return "; ".join(lines)


def render(r: dict) -> str:
    info, plan, req = r["machine"], r["plan"], r["requests"]
    backend = info["backend"] + (f" {info['postgres']}" if "postgres" in info else "")
    lines = [
        one_line(info),
        f"FastAPI {info['fastapi']}, Starlette {info['starlette']}, "
        f"uvicorn {info['uvicorn']} (uvloop {info['uvloop']}, "
        f"httptools {info['httptools']}, {info['workers']} worker), httpx {info['httpx']}; backend {backend}",
        f"`{r['command']}`; repository {r['world']['elements']:,} "
        f"elements; architect scoped to OPD {r['world']['opd']} of "
        f"{r['world']['ippd']} ({req['pages']} pages of 100); setup {r['setup_s']:.1f} s",
        "",
        f"sequential: one keep-alive connection, {plan['requests']:,} "
        f"requests per operation in rounds of {plan['batch']} "
        f"after {plan['warmup_requests']} warm-up requests each",
        "",
    ]
    lines += _request_rows(req["sequential"], req["labels"])
    if "concurrent" in req:
        lines += ["", f"concurrent: {plan['concurrency']} client threads, one connection each", ""]
        lines += _request_rows(req["concurrent"], req["labels"])
    lines += ["", _read_verdict(req["sequential"], r["goals"]["read_slowdown"]), _page_line(req["sequential"])]
    if "import" in r:
        lines += ["", *_import_rows(r["import"]), "", _import_checks(r["import"]), _import_verdict(r)]
    return "\n".join(lines)


def render_profile(r: dict, top: int = 12) -> str:
    """Per operation: busy samples by layer, then the functions most often on the stack and at its top."""
    lines = [one_line(r["machine"]), f"`{r['command']}`: sampled server stacks (not timed)"]
    for name, report in r["profile"].items():
        lines += [
            "",
            f"## {name}: {report['busy_samples']:,} busy samples every {report['interval_ms']:g} ms",
            "layers (innermost frame): " + ", ".join(f"{layer} {pct}%" for layer, pct in report["layers_pct"]),
            "on the stack:",
            *(f"  {pct:5.1f}%  {where}" for where, pct in report["inclusive_pct"][:top]),
            "at the top:",
            *(f"  {pct:5.1f}%  {where}" for where, pct in report["self_pct"][:top]),
        ]
    return "\n".join(lines)
