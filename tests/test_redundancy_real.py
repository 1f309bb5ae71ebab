"""The real labelled inventories of issue 20 load, and every labelled pair names rows that exist (no scores asserted:
the finder is tuned on them in a later session; benchmarks/redundancy_real.py measures it)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmarks.redundancy_real import KINDS, load

FILES = sorted((Path(__file__).parent / "data" / "redundancy_real").glob("*.yaml"))


def test_there_is_a_real_inventory():
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_an_inventory_loads_with_its_opds_labels_and_held_out_part(path):
    apps, data = load(path)
    ids = [row["id"] for row in data["applications"]]
    assert len(apps) == len(ids) == len(set(ids)) and all(row.get("source") for row in data["applications"])
    if data.get("held_out_all"):  # never seen while tuning: no row is marked, no part is tuned on
        assert not any(row.get("held_out") for row in data["applications"]) and "held_out_opds" not in data
        return
    held = [row for row in data["applications"] if row.get("held_out")]
    assert 0.2 * len(ids) <= len(held) <= 0.45 * len(ids)
    assert {row["opd"] for row in held} == set(data["held_out_opds"]) & {row["opd"] for row in data["applications"]}
    assert path.read_text(encoding="utf-8").startswith("#") and "Labelling rules" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_labelled_pair_names_two_rows_that_exist_and_is_labelled_once(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ids = {row["id"] for row in data["applications"]}
    pairs = [tuple(sorted(p[:2])) for kind in KINDS for p in data["pairs"].get(kind, [])]
    assert set(data["pairs"]) <= set(KINDS) and data["pairs"]["certain"] and data["pairs"]["not_redundant"]
    assert all(a in ids and b in ids and a != b for a, b in pairs)
    assert len(pairs) == len(set(pairs))
