"""Today's redundancy finder on the real labelled inventories in tests/data/redundancy_real (issue 20).

Prints, per inventory and for the tuned part and the held-out part apart, recall on the certain and the likely pairs,
precision against the certain pairs (likely and same-product pairs neither count for nor against it) and against
certain+likely, the traps flagged and the same-product pairs put in one cluster.
Run: python -m benchmarks.redundancy_real
"""

from __future__ import annotations

import itertools
from pathlib import Path

import yaml

from ea_repo.redundancy.engine import analyse, build_report
from ea_repo.redundancy.features import AppInput
from ea_repo.redundancy.settings import Settings
from ea_repo.redundancy.text import owner_of
from metamodel import load_national_catalogue

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "redundancy_real"
KINDS = ("certain", "likely", "same_product", "not_redundant")


def load(path: Path) -> tuple[list[AppInput], dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = {i["id"]: i["name"] for i in data["ippds"]}
    opds = {(ippd, o["code"]): o for ippd, rows in data["opds"].items() for o in rows}
    apps = []
    for row in data["applications"]:
        opd = opds[(row["ippd"], row["opd"])]
        references = (row["reference"],) if row.get("reference") else ()
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
                references,
                owner=owner_of(names[row["ippd"]], opd["name"], opd["short"]),
            )
        )
    return apps, data


def predicted_pairs(apps: list[AppInput], data: dict) -> set[tuple[str, str]]:
    settings, catalogue = Settings(), load_national_catalogue()
    ippds = tuple(i["id"] for i in data["ippds"])
    scope = "ippd" if len(ippds) == 1 else "national"
    report = build_report(
        analyse(apps, settings, catalogue), settings, catalogue, scope=scope, ippds=ippds, plateau="as-is"
    )
    return {p for c in report.clusters for p in itertools.combinations(sorted(m.element_id for m in c.members), 2)}


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


def evaluate(path: Path) -> dict[str, dict]:
    apps, data = load(path)
    held = {row["id"] for row in data["applications"] if row.get("held_out")}
    predicted = predicted_pairs(apps, data)
    labels = {k: {tuple(sorted(p[:2])) for p in data["pairs"].get(k, [])} for k in KINDS}
    parts = {"tuned": lambda p: not (set(p) & held), "held-out": lambda p: bool(set(p) & held), "all": lambda p: True}
    return {
        name: scores({p for p in predicted if keep(p)}, {k: {p for p in v if keep(p)} for k, v in labels.items()})
        for name, keep in parts.items()
    }


def main() -> None:
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
