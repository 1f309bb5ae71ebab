"""Indicators 11 and 12: catalogues built to reach exactly each level, and what moves them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import IPPD, doc, organisation, write_yaml
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from ea_repo.catalog.importer import read_records
from ea_repo.core.errors import PermissionDenied
from ea_repo.core.yaml_io import LoadedDocument

ON = dt.date(2026, 11, 23)
CODED = [
    ("BusinessProcess", "P.1", "RAB.01"),
    ("Data", "D.001", "RAD.01"),
    ("Service", "L.001", "RAL.01"),
    ("Application", "A.001", "RAA.01"),
    ("Server", "I.PKS.001", "RAI.01"),
    ("SecurityDevice", "K.PKK.001", "RAK.01"),
]
MUATAN = ["layanan", "aplikasi", "infrastruktur", "keamanan", "tata kelola", "manajemen spbe", "audit tik"]


def _catalogue(domains: int, *, to_be: bool = False, coded: bool = True) -> list[dict]:
    docs = []
    for kind, element_id, code in CODED[:domains]:
        docs.append(doc(kind, element_id, reference=code if coded else None))
        if to_be:
            docs.append(doc(kind, element_id, plateau="to-be", reference=code if coded else None))
    return organisation() + docs


def _record(kind: str, record_id: str, **spec) -> dict:
    return {"apiVersion": "ea-repo/v1", "kind": kind, "metadata": {"id": record_id, "ippd": IPPD}, "spec": spec}


def _initiatives(muatan: list[str]) -> list[dict]:
    return [_record("Initiative", f"I.{n}", muatan=m, uic=["1"], years=[2026]) for n, m in enumerate(muatan, start=1)]


ENACTED = _record(
    "Enactment", "perbup", document="Perbup 1/2025", date="2025-01-10", covers=["arsitektur", "peta-rencana"]
)
REVIEWED = _record(
    "Review", "reviu", date="2025-06-01", covers=["arsitektur", "peta-rencana"], issues=["x"], recommendations=["y"]
)
BUDGETS = [_record("Budget", f"dpa-{y}", year=y, document=f"DPA {y}", initiatives="I.1") for y in (2023, 2024, 2025)]
FOLLOWED = _record(
    "Review",
    "reviu",
    date="2025-06-01",
    covers=["arsitektur", "peta-rencana"],
    issues=["x"],
    recommendations=["y"],
    followed_up_in=["to-be", "peta-rencana"],
)

LEVELS = {  # level: (catalogue, records) reaching exactly that level for both indicators
    1: (_catalogue(3), _initiatives(MUATAN[:2])),
    2: (_catalogue(3), [ENACTED, *_initiatives(MUATAN[:2])]),
    3: (_catalogue(6), [ENACTED, *_initiatives(MUATAN)]),
    4: (_catalogue(6), [ENACTED, REVIEWED, *BUDGETS, *_initiatives(MUATAN)]),
    5: (_catalogue(6, to_be=True), [ENACTED, FOLLOWED, *BUDGETS, *_initiatives(MUATAN)]),
}


def _levels(repo, tmp_path, documents: list[dict], on: dt.date = ON) -> tuple[int, int]:
    service.import_paths(repo, [write_yaml(tmp_path / "c.yaml", documents)], principal=service.local_principal())
    assessment = service.assess_evidence(repo, IPPD, on, principal=service.local_principal())
    return tuple(i.level for i in assessment.indicators)


@pytest.mark.parametrize("level", sorted(LEVELS))
def test_catalogues_reach_exactly_their_level(repo, tmp_path, level):
    catalogue, records = LEVELS[level]
    assert _levels(repo, tmp_path, catalogue + records) == (level, level)


def test_a_review_older_than_two_years_drops_level_four(repo, tmp_path):
    catalogue, records = LEVELS[4]
    assert _levels(repo, tmp_path, catalogue + records, on=dt.date(2027, 6, 2)) == (
        3,
        3,
    )  # the review of 2025-06-01 is 2 years and a day old
    assessment = service.assess_evidence(repo, IPPD, dt.date(2027, 6, 2), principal=service.local_principal())
    reviewed = next(c for c in assessment.indicators[0].criteria if c.key == "architecture-reviewed")
    assert not reviewed.passed and "2025-06-02" in reviewed.detail.get("en")


def test_no_level_is_claimed_without_the_evidence_behind_it(repo, tmp_path):
    assert _levels(repo, tmp_path, organisation()) == (0, 0)  # nothing at all: level 0, not 1
    catalogue, records = LEVELS[3]
    unaligned = _catalogue(6, coded=False) + records
    service.import_paths(repo, [write_yaml(tmp_path / "u.yaml", unaligned)], principal=service.local_principal())
    assessment = service.assess_evidence(repo, IPPD, ON, principal=service.local_principal())
    eleven = assessment.indicators[0]
    assert eleven.level == 1  # enacted, but no element carries a code: not even "part of the reference architectures"
    failing = {c.key for c in eleven.criteria if not c.passed}
    assert "all-reference-architectures" in failing and "aligned-national" in failing
    steps = [c.key for c in eleven.next_steps()]
    assert steps and all(c in failing for c in steps)
    assert "asesor" in assessment.disclaimer.get("id")


def test_budgets_must_fund_known_initiatives_in_each_of_the_last_three_years(repo, tmp_path):
    catalogue, records = LEVELS[4]
    gap_year = [r for r in records if r["metadata"]["id"] != "dpa-2024"]
    assert _levels(repo, tmp_path, catalogue + gap_year)[1] == 3
    wrong = [r for r in records if r["kind"] != "Budget"] + [
        _record("Budget", f"dpa-{y}", year=y, document="DPA", initiatives="X.9") for y in (2023, 2024, 2025)
    ]
    assert _levels(repo, tmp_path, catalogue + wrong)[1] == 3


def test_unverifiable_domains_are_said_so(repo, tmp_path):
    service.import_paths(
        repo, [write_yaml(tmp_path / "c.yaml", LEVELS[3][0] + LEVELS[3][1])], principal=service.local_principal()
    )
    criteria = {
        c.key: c
        for c in service.assess_evidence(repo, IPPD, ON, principal=service.local_principal()).indicators[0].criteria
    }
    assert criteria["all-reference-architectures"].passed
    caveat = criteria["all-reference-architectures"].caveat
    assert "Infrastructure" in caveat.get("en")  # RAI has no national list yet
    assert "Arsitektur Infrastruktur" in caveat.get("id")  # the domain as readers name it, not its key


def test_records_are_validated_and_only_admins_keep_them(repo, tmp_path):
    service.import_paths(repo, [write_yaml(tmp_path / "o.yaml", organisation())], principal=service.local_principal())
    items, problems = read_records(
        [LoadedDocument(0, None, _record("Review", "r", date="kemarin", covers=["lain"]))], "x"
    )
    assert not items and {p.field for p in problems} >= {"spec.date", "spec.covers.0"}
    items, _ = read_records([LoadedDocument(0, None, ENACTED)], "x")
    with pytest.raises(PermissionDenied):
        service.record_evidence(repo, items[0], principal=service.Principal("a", service.Role.ARCHITECT, ippd=IPPD))
    service.record_evidence(repo, items[0], principal=service.local_principal())
    assert [r.item_id for r in service.evidence_records(repo, IPPD, principal=service.local_principal())] == ["perbup"]
    assert service.roadmap(repo, IPPD, principal=service.local_principal()) == []  # evidence is not roadmap


def test_the_cli_records_and_assesses(tmp_path):
    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/ea.db"
    runner.invoke(app, ["--db", db, "init"])
    runner.invoke(
        app, ["--db", db, "import", str(write_yaml(tmp_path / "c.yaml", LEVELS[3][0] + _initiatives(MUATAN)))]
    )
    assert (
        runner.invoke(
            app, ["--db", db, "evidence", "record", "enactment", "--doc", "Perbup 71/2022", "--date", "2022-06-30"]
        ).exit_code
        == 0
    )
    result = runner.invoke(
        app,
        [
            "--db",
            db,
            "evidence",
            "record",
            "review",
            "--date",
            "2026-03-10",
            "--issues",
            "a",
            "--issues",
            "b",
            "--recommendations",
            "c",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (
        runner.invoke(
            app,
            [
                "--db",
                db,
                "evidence",
                "record",
                "review",
                "--date",
                "10-03-2026",
                "--issues",
                "a",
                "--recommendations",
                "c",
            ],
        ).exit_code
        == 2
    )
    assert (
        runner.invoke(
            app,
            ["--db", db, "evidence", "record", "budget", "--year", "2025", "--doc", "DPA 2025", "--initiatives", "I.1"],
        ).exit_code
        == 0
    )
    legacy = [
        "--instrument",
        "permenpanrb-59-2020",
    ]  # indicators 11/12: the default after 2026-06-01 is PermenPANRB 8/2026
    body = json.loads(
        runner.invoke(
            app, ["--db", db, "evidence", "status", "--date", "2026-11-23", "--format", "json", *legacy]
        ).stdout
    )
    assert [i["level"] for i in body["indicators"]] == [4, 3]  # reviewed this year; budgets for one year of three
    assert "perbup-71-2022" in body["indicators"][0]["criteria"][1]["evidence"]
    listed = runner.invoke(app, ["--db", db, "evidence", "list"])
    assert "reviu-2026-03-10" in listed.output and "anggaran-2025" in listed.output
    table = runner.invoke(app, ["--db", db, "--lang", "en", "evidence", "status", "--date", "2026-11-23", *legacy])
    assert "Indicator 11: level 4" in table.output and "assessor's judgement is final" in table.output


def test_the_evidence_document_holds_every_part(tmp_path):
    from docx import Document as Docx

    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/ea.db"
    runner.invoke(app, ["--db", db, "init"])
    from pathlib import Path

    runner.invoke(app, ["--db", db, "import", str(Path(__file__).resolve().parent.parent / "samples" / "contoh")])
    runner.invoke(
        app, ["--db", db, "evidence", "record", "enactment", "--doc", "Perbup 12/2025", "--date", "2025-02-01"]
    )
    html = tmp_path / "bukti.html"
    result = runner.invoke(
        app, ["--db", db, "evidence", "report", "--no-diagrams", "-o", str(html), "--instrument", "permenpanrb-59-2020"]
    )
    assert result.exit_code == 0, result.output
    text = html.read_text(encoding="utf-8")
    for heading in (
        "Pendahuluan",
        "Arsitektur SPBE (as-is)",
        "Arsitektur SPBE (to-be)",
        "Arsitektur Aplikasi",
        "Keselarasan dengan Referensi Arsitektur Nasional",
        "Analisis Kesenjangan",
        "Peta Rencana SPBE",
        "Penilaian Mandiri Indikator 11 dan 12",
    ):
        assert heading in text, heading
    assert (
        "Perbup 12/2025" in text
        and "SIHARKA" in text
        and "Kode Model Referensi" in text
        and "ID Metadata Terkait" in text
    )
    assert "Penilaian akhir ada pada asesor" in text
    docx = tmp_path / "bukti.docx"
    assert (
        runner.invoke(
            app,
            [
                "--db",
                db,
                "--lang",
                "en",
                "evidence",
                "report",
                "--no-diagrams",
                "-o",
                str(docx),
                "--date",
                "2026-05-31",
            ],
        ).exit_code
        == 0
    )
    headings = [p.text for p in Docx(str(docx)).paragraphs if p.style.name.startswith("Heading")]
    assert any("Self-assessment of indicators 11 and 12" in h for h in headings)
    assert runner.invoke(app, ["--db", db, "evidence", "report", "-o", str(tmp_path / "bukti.txt")]).exit_code == 2
