"""`ea demo`: the README's first command works on a fresh machine and says what it found."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from cli import app
from ea_repo.service.demo import run_demo, sample_folders


def test_the_demo_loads_every_sample_and_writes_its_reports(tmp_path):
    result = run_demo(tmp_path / "demo")
    summaries = {s.code: s for s in result.ippds}
    assert {"kab-contoh", "kab-pesawaran"} <= set(summaries) and len(sample_folders()) >= 2
    contoh = summaries["kab-contoh"]
    assert (contoh.elements["as-is"], contoh.elements["to-be"]) == (67, 68)
    assert (contoh.findings["error"], contoh.findings["warning"], contoh.findings["info"]) == (4, 4, 1)
    assert (contoh.gap["added"], contoh.gap["retired"], contoh.gap["changed"]) == (7, 6, 14)
    assert contoh.initiatives == 12 and sum(contoh.roadmap_findings.values()) == 11
    names = {p.name for p in result.outputs}
    assert {
        "temuan.json",
        "arsitektur.xlsx",
        "redundansi-nasional.xlsx",
        "kesenjangan-kab-contoh.xlsx",
        "peta-rencana-kab-pesawaran.xlsx",
    } <= names
    assert summaries["kab-pesawaran"].redundant > 0 and summaries["kab-serang"].redundant > 0
    assert all(p.stat().st_size > 0 for p in result.outputs)


def test_ea_demo_twice_replaces_its_database_and_prints_the_summary(tmp_path):
    runner = CliRunner()
    folder = tmp_path / "demo"
    for _ in range(2):
        outcome = runner.invoke(app, ["demo", "--dir", str(folder)])
        assert outcome.exit_code == 0, outcome.output
    assert "kab-contoh" in outcome.output and str(folder / "temuan.json") in outcome.output
    if shutil.which("dot"):
        assert (folder / "diagram-nasional.svg").exists() and (folder / "diagram-perubahan-kab-contoh.svg").exists()
