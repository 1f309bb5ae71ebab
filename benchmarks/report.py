"""The results table: each step's median, its limit, the ratio and the goal."""

from __future__ import annotations

from .machine import one_line

IMPORT_GOAL = 2.0
CHECK_GOAL = 3.0
RSS_GOAL_MIB = 4096
ORM_PUBLISHED = (14, 24)


def _ratio(ours: float, limit: float) -> str:
    return f"{ours / limit:7.2f}x" if limit else "      -"


def _verdict(ratio: float, goal: float) -> str:
    return "ok" if ratio <= goal else "MISS"


def _line(label: str, ours: float | None, limit: float | None = None, goal: str = "", verdict: str = "") -> str:
    ours_text = f"{ours:10.3f}" if ours is not None else " " * 10
    limit_text = f"{limit:10.3f}" if limit is not None else " " * 10
    ratio = _ratio(ours, limit) if ours is not None and limit else " " * 8
    return f"{label:<44}{ours_text}{limit_text}  {ratio}  {goal:<7}{verdict}".rstrip()


def render(r: dict) -> str:
    c, plan = r["counts"], r["plan"]
    method = f"median of {plan['repeat']}" + (" after 1 warm-up" if plan["warmup"] else ", no warm-up")
    imp, chk = r["import"], r["check"]
    lines = [
        one_line(r["machine"]),
        f"size {r['size']}: {c['ippds']} IPPD, {c['opds']} OPD, {c['elements']:,} elements, {c['links']:,} links, "
        f"{imp['files']} files; {method}",
        f"{'step':<44}{'ours s':>10}{'limit s':>10}  {'ratio':>8}  goal",
    ]
    limit = imp["parse"]["median"] + imp["insert"]["median"]
    ratio = imp["ours"]["median"] / limit
    lines += [
        _line(
            "import: init_repository + import_paths",
            imp["ours"]["median"],
            limit,
            f"<={IMPORT_GOAL:g}x",
            _verdict(ratio, IMPORT_GOAL),
        ),
        _line("  limit (a) libyaml CSafeLoader parse", None, imp["parse"]["median"]),
        _line("  limit (b) sqlite3 executemany, 1 txn, WAL", None, imp["insert"]["median"]),
        _line("re-import unchanged (vs same limit)", imp["reimport"]["median"], limit),
    ]
    plain = chk["plain"]["median"]
    lines += [
        _line(
            "check: RepoGraph + check_graph (in memory)",
            chk["ours"]["median"],
            plain,
            f"<={CHECK_GOAL:g}x",
            _verdict(chk["ours"]["median"] / plain, CHECK_GOAL),
        ),
        _line("  RepoGraph build", chk["build"]["median"], plain),
        _line("  check_graph (all rules)", chk["rules"]["median"], plain),
        _line("  limit: plain dict/set pass over links", None, plain),
        _line("DB read: read_graph_rows + orgs + ref lists", chk["read"]["median"]),
        _line("check_repository end-to-end", chk["e2e"]["median"], plain),
    ]
    orm = r["orm"]
    lines.append(
        _line(
            f"sanity: ORM add_all vs executemany, {orm['rows']:,} rows",
            orm["orm"]["median"],
            orm["raw"]["median"],
            f"{ORM_PUBLISHED[0]}-{ORM_PUBLISHED[1]}x",
        )
    )
    if "raw_from_dicts" in orm:
        lines.append(
            _line(
                "  vs executemany with tuples built from dicts", orm["orm"]["median"], orm["raw_from_dicts"]["median"]
            )
        )
    lines.append(
        f"  rows/s: ORM {orm['rows'] / orm['orm']['median']:,.0f}, "
        f"executemany {orm['rows'] / orm['raw']['median']:,.0f} "
        "(published ~3.7k and 66-88k)"
    )
    lines += _rss_lines(r.get("rss"))
    lines += _verification(r)
    return "\n".join(lines)


def _rss_lines(rss: dict | None) -> list[str]:
    if not rss:
        return ["peak RSS: not measured (--no-rss)"]
    lines = [f"{'peak RSS (own subprocess)':<44}{'MiB':>10}{'seconds':>10}"]
    for phase in ("baseline", "import", "check"):
        row = rss[phase]
        verdict = "" if phase == "baseline" else ("ok" if row["peak_rss_mib"] < RSS_GOAL_MIB else "MISS")
        goal = "<4 GiB" if verdict else ""
        lines.append(f"  {phase:<42}{row['peak_rss_mib']:10.1f}{row['seconds']:10.3f}  {goal:<8}  {verdict}".rstrip())
    return lines


def _verification(r: dict) -> list[str]:
    counts, imported = r["counts"], r["import"]["imported"]
    same = imported["elements"] == counts["elements"] and imported["links"] == counts["links"]
    found = r["check"]["findings"]
    planted = r["planted_findings"]
    mismatched = {rule: (n, found.get(rule, 0)) for rule, n in planted.items() if found.get(rule, 0) != n}
    return [
        f"verify: imported {imported['elements']:,} elements / {imported['links']:,} links "
        f"{'= manifest' if same else '!= manifest ' + str((counts['elements'], counts['links']))}; "
        f"re-import changed {r['import']['reimport_changed']} elements; database {r['import']['db_mib']} MiB",
        "verify: planted findings "
        + ("all found exactly" if not mismatched else f"differ (planted, found): {mismatched}"),
    ]
