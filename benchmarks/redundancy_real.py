"""Today's redundancy finder on the real labelled inventories in tests/data/redundancy_real (issue 20).

Prints, per inventory and for the tuned part and the held-out part apart (a file marked `held_out_all` was never seen
while tuning: all of it is held out), recall on the certain and the likely pairs,
precision against the certain pairs (likely and same-product pairs neither count for nor against it) and against
certain+likely, the traps flagged and the same-product pairs put in one cluster.
Run: python -m benchmarks.redundancy_real; `--misses` lists, for the TUNED part only (never a held-out row), the
certain and likely pairs missed and the predicted pairs that are traps or unlabelled, with both rows and the pair's
signal scores: what tuning looks at.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import numpy as np
import yaml

from ea_repo.redundancy.engine import Analysis, analyse, build_report
from ea_repo.redundancy.features import AppInput
from ea_repo.redundancy.scoring import score_pairs
from ea_repo.redundancy.settings import Settings
from ea_repo.redundancy.text import owner_of
from metamodel import load_national_catalogue

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "redundancy_real"
KINDS = ("certain", "likely", "same_product", "not_redundant")


def load(path: Path) -> tuple[list[AppInput], dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return app_inputs(data), data


def app_inputs(data: dict) -> list[AppInput]:
    """The finder's inputs from a labelled inventory (ippds, opds, applications), as the repository would give them."""
    names = {i["id"]: i["name"] for i in data["ippds"]}
    opds = {(ippd, o["code"]): o for ippd, rows in data["opds"].items() for o in rows}
    apps = []
    for row in data["applications"]:
        opd = opds[(row["ippd"], row["opd"])]
        apps.append(
            AppInput(
                row["ippd"],
                row["id"],
                row["name"],
                row["opd"],
                "khusus",
                row.get("description", ""),
                row.get("function", ""),
                row.get("developer", ""),
                row.get("url", ""),
                (row["reference"],) if row.get("reference") else (),
                owner=owner_of(names[row["ippd"]], opd["name"], opd["short"]),
                users=_users(opds, row),
            )
        )
    return apps


def _users(opds: dict, row: dict) -> str:
    """Who uses the row, as written; a users column holding an OPD code (Denpasar's `unit_pengguna`, where 000000
    is the source's own "Seluruh Perangkat Daerah") is read as that OPD's name."""
    users = str(row.get("users") or "")
    known = opds.get((row["ippd"], users))
    return known["name"] if known else users


def run(apps: list[AppInput], data: dict) -> tuple[Analysis, set[tuple[str, str]], dict[str, str]]:
    """The analysis, the predicted pairs, and per application the national application its cluster is about."""
    settings, catalogue = Settings(), load_national_catalogue()
    ippds = tuple(i["id"] for i in data["ippds"])
    scope = "ippd" if len(ippds) == 1 else "national"
    analysis = analyse(apps, settings, catalogue)
    report = build_report(analysis, settings, catalogue, scope=scope, ippds=ippds, plateau="as-is")
    pairs = {p for c in report.clusters for p in itertools.combinations(sorted(m.element_id for m in c.members), 2)}
    national = {m.element_id: c.national.key for c in report.clusters if c.national for m in c.members}
    return analysis, pairs, national


def predicted_pairs(apps: list[AppInput], data: dict) -> set[tuple[str, str]]:
    return run(apps, data)[1]


def scores(predicted: set, labels: dict[str, set]) -> dict[str, float | int]:
    certain, likely, same, traps = (labels[k] for k in KINDS)
    judged = predicted - likely - same
    return {
        "certain": len(certain),
        "likely": len(likely),
        "recall_certain": len(predicted & certain) / max(len(certain), 1),
        "precision_certain": len(judged & certain) / max(len(judged), 1),
        "recall_likely": len(predicted & likely) / max(len(likely), 1),
        "precision_any": len(predicted & (certain | likely)) / max(len(predicted - same), 1),
        "traps_flagged": len(predicted & traps),
        "traps": len(traps),
        "same_product_clustered": len(predicted & same),
        "same_product": len(same),
        "predicted": len(predicted),
    }


def held_out(data: dict) -> set[str]:
    """The rows tuning may not look at: those marked, or every row of a file never seen while tuning."""
    everything = bool(data.get("held_out_all"))
    return {row["id"] for row in data["applications"] if everything or row.get("held_out")}


def evaluate(path: Path) -> dict[str, dict]:
    apps, data = load(path)
    held = held_out(data)
    predicted = predicted_pairs(apps, data)
    labels = {k: {tuple(sorted(p[:2])) for p in data["pairs"].get(k, [])} for k in KINDS}
    parts = {"tuned": lambda p: not (set(p) & held), "held-out": lambda p: bool(set(p) & held), "all": lambda p: True}
    return {
        name: scores({p for p in predicted if keep(p)}, {k: {p for p in v if keep(p)} for k, v in labels.items()})
        for name, keep in parts.items()
    }


def misses(path: Path) -> None:
    """Print what tuning looks at, for the tuned part only: no held-out row is ever printed."""
    apps, data = load(path)
    held = held_out(data)
    analysis, predicted, national = run(apps, data)
    rows = {row["id"]: row for row in data["applications"] if row["id"] not in held}
    labels = {k: {tuple(sorted(p[:2])): p[2] if len(p) > 2 else "" for p in data["pairs"].get(k, [])} for k in KINDS}
    labelled = {p for k in KINDS for p in labels[k]}
    tuned = {p for p in predicted if not set(p) & held}
    sections = (
        ("MISSED certain", [(p, n) for p, n in labels["certain"].items() if p not in predicted]),
        ("MISSED likely", [(p, n) for p, n in labels["likely"].items() if p not in predicted]),
        ("FLAGGED trap", [(p, labels["not_redundant"][p]) for p in tuned if p in labels["not_redundant"]]),
        ("FLAGGED unlabelled", [(p, "") for p in tuned if p not in labelled]),
    )
    number = {app.element_id: i for i, app in enumerate(analysis.corpus.apps) if app.national is None}
    print(f"== {path.stem} (tuned part only)")
    for title, pairs in sections:
        pairs = sorted((p, n) for p, n in pairs if not set(p) & held)
        print(f"-- {title}: {len(pairs)}")
        for (a, b), note in pairs:
            _print_pair(analysis, number, rows, national, a, b, note)
    judged = {p for p in national if p not in held}
    print("-- recognised as a national application: " + ", ".join(f"{i}={national[i]}" for i in sorted(judged)))


def _print_pair(analysis: Analysis, number: dict, rows: dict, national: dict, a: str, b: str, note: str) -> None:
    scores = score_pairs(analysis.corpus, analysis.tables, np.array([number[a]]), np.array([number[b]]), Settings())
    fired = ", ".join(
        f"{signal} {scores.values[signal][0]:.2f}->{added[0]:+.2f}"
        for signal, added in scores.added.items()
        if added[0]
    )
    print(f"  {a} ~ {b}  total {scores.total[0]:.2f} [{fired}]  {note}")
    for element in (a, b):
        row = rows[element]
        text = " ".join(str(row.get("function") or row.get("description") or "").split())[:160]
        print(f"     {element} {row['opd']} {row['name']!r} url={row.get('url', '')!r} nat={national.get(element, '')}")
        print(f"        {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the tuned part's misses and false finds")
    if parser.parse_args().misses:
        for path in sorted(DATA.glob("*.yaml")):
            misses(path)
        return
    for path in sorted(DATA.glob("*.yaml")):
        print(f"== {path.stem}")
        for part, s in evaluate(path).items():
            print(
                f"  {part:9} certain {s['certain']:3d}: recall "
                f"{s['recall_certain']:.2f} precision {s['precision_certain']:.2f} | "
                f"likely {s['likely']:3d}: recall {s['recall_likely']:.2f} "
                f"| precision certain+likely {s['precision_any']:.2f} | "
                f"traps flagged {s['traps_flagged']}/{s['traps']} | "
                f"same product clustered {s['same_product_clustered']}/"
                f"{s['same_product']} | predicted pairs {s['predicted']}"
            )


if __name__ == "__main__":
    main()
