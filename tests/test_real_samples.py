"""The real samples (Pesawaran, seed 002; Serang, seed 004) keep their real defects, and the tool finds them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ea_repo import service

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    repo, _ = service.init_repository(f"sqlite:///{tmp_path_factory.mktemp('real')}/ea.db")
    service.import_paths(repo, [SAMPLES / "pesawaran", SAMPLES / "serang"], principal=service.local_principal())
    return repo


def _cluster_of(report, element_id: str):
    return next((c for c in report.clusters if any(m.element_id == element_id for m in c.members)), None)


def test_pesawaran_table_4_7_lists_siduga_twice_and_the_report_finds_it(real):
    apps = {
        a.element_id: a
        for a in service.list_elements(
            real, kind="application", ippd="kab-pesawaran", plateau="as-is", principal=service.local_principal()
        )
    }
    assert apps["A.071"].name == apps["A.097"].name  # the row listed twice in the source
    cluster = _cluster_of(
        service.redundancy_report(real, ippd="kab-pesawaran", principal=service.local_principal()), "A.071"
    )
    assert cluster is not None and "A.097" in {m.element_id for m in cluster.members}


def test_serang_lists_apisimpomie_twice_and_the_report_finds_it(real):
    cluster = _cluster_of(
        service.redundancy_report(real, ippd="kab-serang", principal=service.local_principal()), "A.028"
    )
    assert cluster is not None and "A.030" in {m.element_id for m in cluster.members}


def test_the_real_gaps_in_the_sources_are_reported_not_filled(real):
    findings = Counter(
        (f.ippd, f.rule) for f in service.check_repository(real, principal=service.local_principal()).findings
    )
    assert findings[("kab-pesawaran", "reference-code-missing")] > 0  # the sources give no codes: never invented
    assert findings[("kab-serang", "reference-code-missing")] == 54
    assert not any(rule == "opd-unknown" for _, rule in findings)
    no_url = [
        a.element_id
        for a in service.list_elements(
            real, kind="application", ippd="kab-pesawaran", plateau="as-is", principal=service.local_principal()
        )
        if not a.spec.get("url")
    ]
    assert {"A.124", "A.127", "A.128", "A.133"} <= set(no_url)  # the missing URLs of table 4.8, kept
