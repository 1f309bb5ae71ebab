"""The shipped sample catalogue (samples/contoh) imports, is clean except its documented defects, and round-trips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ea_repo import service
from metamodel import load_metamodel

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "contoh"
README = SAMPLE / "README.md"
DEFECT_FILE = "cacat-sengaja.yaml"

# (rule, element, plateau): the deliberate defects of samples/contoh/README.md, nothing else.
EXPECTED = {
    ("name-missing", "D.001", "as-is"),
    ("link-missing-target", "D.011", "as-is"),
    ("link-one-way", "K.PKK.001", "as-is"),
    ("relation-not-allowed", "D.010", "as-is"),
    ("reference-code-unknown", "P.3", "as-is"),
    ("opd-unknown", "I.PKS.002", "as-is"),
    ("link-to-retired", "D.003", "to-be"),
    ("application-without-infrastructure", "A.050", "to-be"),
    ("reference-name-mismatch", "L.001", "as-is"),
}


@pytest.fixture(scope="module")
def sample_repo(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample")
    repo, _ = service.init_repository(f"sqlite:///{path}/ea.db")
    service.import_paths(repo, [SAMPLE], principal=service.local_principal())
    yield repo
    repo.engine.dispose()


def triples(report) -> list[tuple[str, str | None, str | None]]:
    return [(f.rule, f.element, f.plateau) for f in report.findings]


def test_findings_are_exactly_the_documented_defects(sample_repo):
    found = triples(service.check_repository(sample_repo, principal=service.local_principal()))
    assert len(found) == len(set(found)), "a defect is reported more than once"
    assert set(found) == EXPECTED


def test_readme_table_lists_exactly_the_expected_defects():
    rows = re.findall(
        r"^\|\s*\d+\s*\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|", README.read_text(encoding="utf-8"), re.M
    )
    assert len(rows) == len(EXPECTED)
    assert {(rule, element, plateau) for element, plateau, rule in rows} == EXPECTED


def test_defect_files_hold_exactly_the_defective_elements():
    in_defect_files = set()
    for path in SAMPLE.rglob(DEFECT_FILE):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if document:
                in_defect_files.add((document["metadata"]["id"], document["metadata"]["plateau"]))
    assert in_defect_files == {(element, plateau) for _, element, plateau in EXPECTED}


def test_as_is_has_every_kind_of_the_metamodel(sample_repo):
    kinds = {
        row.kind for row in service.list_elements(sample_repo, plateau="as-is", principal=service.local_principal())
    }
    assert kinds == {k.name for k in load_metamodel().kinds}


def test_to_be_adds_drops_and_changes_elements(sample_repo):
    def plateau(name):
        return {
            row.element_id: row
            for row in service.list_elements(sample_repo, plateau=name, principal=service.local_principal())
        }

    as_is, to_be = plateau("as-is"), plateau("to-be")
    assert {"A.020", "A.014", "I.PKS.004"} <= as_is.keys() - to_be.keys()  # SIMPEG, SITAMPAN, an OPD server
    assert {"A.021", "A.050", "I.KA.002"} <= to_be.keys() - as_is.keys()  # SIASN, Portal Satu Data, PDN
    runs_on = lambda row: {target for field, target in row.links if field == "runs_on"}
    assert runs_on(as_is["A.002"]) == {"I.PKS.004", "I.PLP.001"} and runs_on(to_be["A.002"]) == {"I.KA.002"}
    assert to_be["A.021"].name == "SIASN" and as_is["A.020"].opd == to_be["A.021"].opd


def test_every_yaml_file_starts_with_a_comment_header():
    files = sorted(SAMPLE.rglob("*.yaml"))
    assert len(files) == 16  # 2 plateaus × 7 files, organisasi.yaml, peta-rencana.yaml
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("# Contoh katalog ea-repo:"), path


def tree(path: Path) -> dict[Path, bytes]:
    return {p.relative_to(path): p.read_bytes() for p in sorted(path.rglob("*.yaml"))}


def test_export_reimport_export_is_byte_identical(sample_repo, tmp_path):
    service.export_catalog(sample_repo, tmp_path / "one", principal=service.local_principal())
    again, _ = service.init_repository(f"sqlite:///{tmp_path}/again.db")
    try:
        service.import_paths(again, [tmp_path / "one"], principal=service.local_principal())
        service.export_catalog(again, tmp_path / "two", principal=service.local_principal())
        assert tree(tmp_path / "one") == tree(tmp_path / "two")
        assert set(triples(service.check_repository(again, principal=service.local_principal()))) == EXPECTED
    finally:
        again.engine.dispose()
