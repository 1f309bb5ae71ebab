"""Evidence for the Pemdi indicators (PermenPANRB 8/2026: I1, I13-I16, I18) and an evidence document an assessor
can read."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess

import pytest
from helpers import IPPD, doc, needs_dot, organisation, write_yaml
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from ea_repo.core.errors import Refused
from ea_repo.evidence.assessment import Assessment
from ea_repo.evidence.pemdi import PemdiAssessment
from ea_repo.reports.longform.outline import MIN_FONT_PT
from ea_repo.service import local_principal
from ea_repo.service.evidence import assessment_for, evidence_instrument

ON = dt.date(2026, 11, 23)
PEMDI = "permenpanrb-8-2026"
LEGACY = "permenpanrb-59-2020"


def _record(kind: str, record_id: str, **spec) -> dict:
    return {"apiVersion": "ea-repo/v1", "kind": kind, "metadata": {"id": record_id, "ippd": IPPD}, "spec": spec}


def _assess(repo, tmp_path, documents: list[dict], principal=None, ippd: str = IPPD) -> dict[int, dict[str, object]]:
    """Import into IPPD `ippd`, assess under 8/2026: indicator -> criterion key -> the criterion."""
    moved = [{**d, "metadata": {**d["metadata"], "ippd": ippd}} for d in documents]
    service.import_paths(
        repo,
        [write_yaml(tmp_path / f"{ippd}.yaml", organisation(ippd, opds=("1", "2")) + moved)],
        principal=service.local_principal(),
    )
    assessment = assessment_for(repo, ippd, ON, PEMDI, principal=principal or local_principal())
    assert isinstance(assessment, PemdiAssessment)
    return {i.number: {c.key: c for c in i.criteria} for i in assessment.indicators}


_COUNTER = iter(range(2, 1000))


def _reimport(repo, tmp_path, documents: list[dict]) -> dict[int, dict[str, object]]:
    """The repository in another state: the same documents under a new IPPD (what the first one lacks, it lacks)."""
    return _assess(repo, tmp_path, documents, ippd=f"{IPPD}{next(_COUNTER)}")


# --- nothing held, nothing claimed ---------------------------------------------------------------------
def test_an_empty_repository_meets_no_criterion_and_names_no_id(repo, tmp_path):
    found = _assess(repo, tmp_path, [])
    assert sorted(found) == [1, 13, 14, 15, 16, 18]
    for number, criteria in found.items():
        for key, criterion in criteria.items():
            assert not criterion.passed, (number, key)
            assert criterion.evidence == () and criterion.missing == (), (number, key)
            assert criterion.step is not None, (number, key)  # a next step for every criterion not met


# --- I1 -------------------------------------------------------------------------------------------------
SIX = [
    doc("BusinessProcess", "P.1", reference="RAB.01"),
    doc("Data", "D.001", reference="RAD.01"),
    doc("Service", "L.001", reference="RAL.01"),
    doc("Application", "A.001", reference="RAA.01"),
    doc("Server", "I.PKS.001", reference="RAI.01"),
    doc("SecurityDevice", "K.PKK.001", reference="RAK.01"),
]


def test_governance_rests_on_the_domains_the_records_the_roadmap_and_the_to_be(repo, tmp_path):
    five = _assess(repo, tmp_path, SIX[:5])[1]
    assert not five["architecture-six-domains"].passed and "security" in five["architecture-six-domains"].detail.get(
        "en"
    )
    records = [
        _record("Enactment", "perbup", document="Perbup 1/2025", date="2025-01-10", covers=["arsitektur"]),
        _record("Review", "reviu", date="2025-06-01", covers=["arsitektur"], issues=["x"], recommendations=["y"]),
        _record("Initiative", "APL.1", muatan="aplikasi", uic=["1"], years=[2026]),
    ]
    full = _reimport(
        repo, tmp_path, SIX + records + [doc("Application", "A.001", plateau="to-be", reference="RAA.01")]
    )[1]
    assert all(c.passed for c in full.values()), {k: c.detail.get("en") for k, c in full.items() if not c.passed}
    assert full["architecture-enacted"].evidence == ("perbup",) and full["architecture-reviewed"].evidence == ("reviu",)
    assert full["roadmap-initiatives"].evidence == ("APL.1",) and full["target-architecture"].evidence == ("A.001",)
    assert "P.1" in full["architecture-six-domains"].evidence
    uncoded = _reimport(repo, tmp_path, [doc("BusinessProcess", "P.1"), *SIX[1:]])[1]
    assert "P.1" in uncoded["architecture-aligned"].missing


# --- I13 ------------------------------------------------------------------------------------------------
def test_applications_codes_services_and_national_applications(repo, tmp_path):
    documents = [
        doc("Service", "L.001", reference="RAL.01"),
        doc("Application", "A.001", name="SRIKANDI", reference="RAA.01.02", services=["L.001"]),
        doc(
            "Application",
            "A.002",
            name="Aplikasi Kebudayaan Bersama",
            reference="RAA.01.02",
            category="umum",
            services=["L.001"],
        ),
        doc(
            "Application",
            "A.003",
            name="Sistem Informasi Cagar Budaya",
            category="khusus",
            reference="RAA.01.01",
            services=["L.001"],
        ),
    ]
    found = _assess(repo, tmp_path, documents)[13]
    assert found["applications-catalogued"].evidence == ("A.001", "A.002", "A.003")
    assert found["applications-coded"].passed and found["applications-support-services"].passed
    assert found["aplikasi-umum-used"].passed and "A.002" in found["aplikasi-umum-used"].evidence
    assert found["no-local-copies"].passed and not found["applications-planned"].passed
    copy = doc(
        "Application", "A.004", name="e-Surat", description="Surat menyurat elektronik, naskah dinas dan disposisi"
    )
    changed = _reimport(
        repo, tmp_path, documents + [copy, doc("Application", "A.003", plateau="to-be", reference="RAA.01.01")]
    )[13]
    assert not changed["no-local-copies"].passed and changed["no-local-copies"].missing == ("A.004",)
    assert "SRIKANDI" in changed["no-local-copies"].detail.get("en")
    assert (
        changed["applications-support-services"].missing == ("A.004",)
        and "A.004" in changed["applications-coded"].missing
    )
    assert changed["applications-planned"].evidence == ("A.003",)


# --- I14 ------------------------------------------------------------------------------------------------
def test_infrastructure_the_three_named_kinds_and_what_runs_on_it(repo, tmp_path):
    base = [doc("Server", "I.PKS.001"), doc("Application", "A.001", runs_on=["I.PKS.001"]), doc("Application", "A.002")]
    found = _assess(repo, tmp_path, base)[14]
    assert found["infrastructure-catalogued"].evidence == ("I.PKS.001",)
    assert not found["applications-hosted"].passed and found["applications-hosted"].missing == ("A.002",)
    assert not found["data-centre-intranet-cloud"].passed
    more = base[:1] + [
        doc("Application", "A.001", runs_on=["I.PKS.001"]),
        doc("Application", "A.002", runs_on=["I.KA.001"]),
        doc("Facility", "I.FK.001"),
        doc("IntraNetwork", "I.JIP.001"),
        doc("Cloud", "I.KA.001"),
        _record("Initiative", "INF.1", muatan="infrastruktur", uic=["1"], years=[2026]),
    ]
    found = _reimport(repo, tmp_path, more)[14]
    assert all(c.passed for c in found.values())
    assert found["data-centre-intranet-cloud"].evidence == ("I.FK.001", "I.JIP.001", "I.KA.001")
    assert found["infrastructure-planned"].evidence == ("INF.1",)


# --- I15 ------------------------------------------------------------------------------------------------
def test_processes_across_units_and_agencies(repo, tmp_path):
    documents = [
        doc("BusinessProcess", "P.1", opd="1"),
        doc("BusinessProcess", "P.2", opd="1"),
        doc("Service", "L.001", opd="1", processes=["P.1"]),
        doc("Application", "A.001", opd="2", services=["L.001"]),
    ]
    found = _assess(repo, tmp_path, documents)[15]
    assert found["processes-cross-unit"].evidence == ("P.1",)
    assert found["processes-realised"].missing == ("P.2",) and not found["processes-cross-agency"].passed
    same_opd = [*documents[:3], doc("Application", "A.001", opd="1", name="SIPD", services=["L.001"])]
    found = _reimport(repo, tmp_path, same_opd)[15]
    assert not found["processes-cross-unit"].passed and found["processes-cross-unit"].evidence == ()
    assert found["processes-cross-agency"].evidence == ("P.1",)  # SIPD itself: run by another agency


# --- I16 ------------------------------------------------------------------------------------------------
def test_integration_counts_each_link_once_whichever_end_declares_it(repo, tmp_path):
    documents = [
        doc("Application", "A.001", integrates_with=["A.002"]),
        doc("Application", "A.002", integrates_with=["A.001"]),
        doc("Application", "A.003"),
    ]
    found = _assess(repo, tmp_path, documents)[16]
    assert found["integration-links"].evidence == ("A.001 ↔ A.002",)  # declared on both ends: one link
    assert found["no-silo"].missing == ("A.003",) and "2 of 3" in found["no-silo"].detail.get("en")
    linked = [
        *documents[:2],
        doc("Application", "A.003", related=["A.001"], integrates_with=["I.SPL.001"]),
        doc("ServiceLink", "I.SPL.001"),
    ]
    found = _reimport(repo, tmp_path, linked)[16]
    assert found["no-silo"].passed and found["service-link"].evidence == ("A.003 → I.SPL.001",)
    alone = _reimport(repo, tmp_path, [doc("Application", "A.001"), doc("Application", "A.002")])[16]
    assert not alone["integration-links"].passed and alone["no-silo"].missing == ("A.001", "A.002")


# --- I18 ------------------------------------------------------------------------------------------------
def test_data_shared_exchanged_and_declared_interoperable(repo, tmp_path):
    documents = [
        doc("Data", "D.001", interoperable=True),
        doc("Data", "D.002", interoperable=False),
        doc("Application", "A.001", data=["D.001"], integrates_with=["A.002"]),
        doc("Application", "A.002", data=["D.001", "D.002"]),
    ]
    found = _assess(repo, tmp_path, documents)[18]
    assert found["data-shared"].evidence == ("D.001",)
    assert found["data-exchanged"].evidence == ("A.001 ↔ A.002: D.001",)
    assert found["data-interoperable"].evidence == ("D.001",) and found["data-interoperable"].missing == ("D.002",)
    apart = _reimport(
        repo,
        tmp_path,
        [*documents[:2], doc("Application", "A.001", data=["D.001"]), doc("Application", "A.002", data=["D.002"])],
    )[18]
    assert (
        not apart["data-shared"].passed
        and not apart["data-exchanged"].passed
        and apart["data-exchanged"].evidence == ()
    )


# --- scope ----------------------------------------------------------------------------------------------
def test_an_opd_scoped_principal_sees_only_its_own_elements(repo, tmp_path):
    documents = [
        doc("Application", "A.001", opd="1", integrates_with=["A.002"]),
        doc("Application", "A.002", opd="2"),
        doc("Data", "D.001", opd="2"),
    ]
    who = service.Principal("opd1", service.Role.ARCHITECT, ippd=IPPD, opds=frozenset({"1"}))
    found = _assess(repo, tmp_path, documents, who)
    assert found[13]["applications-catalogued"].evidence == ("A.001",)
    assert not found[16]["integration-links"].passed  # A.002 is another OPD's: the link is not shown either
    assert found[18]["data-catalogued"].evidence == ()
    every_id = {i for criteria in found.values() for c in criteria.values() for i in (*c.evidence, *c.missing)}
    assert not every_id & {"A.002", "D.001"}


# --- the instrument -------------------------------------------------------------------------------------
def test_the_default_instrument_follows_the_date(repo, tmp_path):
    service.import_paths(
        repo, [write_yaml(tmp_path / "c.yaml", organisation() + SIX)], principal=service.local_principal()
    )
    assert isinstance(assessment_for(repo, IPPD, dt.date(2026, 5, 31), principal=local_principal()), Assessment)
    assert isinstance(assessment_for(repo, IPPD, dt.date(2026, 6, 1), principal=local_principal()), PemdiAssessment)
    assert isinstance(
        assessment_for(repo, IPPD, dt.date(2026, 6, 1), instrument=LEGACY, principal=local_principal()), Assessment
    )
    assert evidence_instrument(None, dt.date(2019, 1, 1)).key == LEGACY
    with pytest.raises(Refused):
        evidence_instrument("permenpanrb-5-2018")


def test_the_cli_prints_the_instrument_in_force_and_json(tmp_path):
    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/ea.db"
    runner.invoke(app, ["--db", db, "init"])
    runner.invoke(app, ["--db", db, "import", str(write_yaml(tmp_path / "c.yaml", organisation() + SIX))])
    before = runner.invoke(app, ["--db", db, "evidence", "status", "--date", "2026-05-31"])
    assert before.exit_code == 0 and "Indikator 11: level" in before.output and "Indikator 13" not in before.output
    after = runner.invoke(app, ["--db", db, "evidence", "status", "--date", "2026-06-01"])
    assert after.exit_code == 0, after.output
    assert (
        "Indikator 13 — Tingkat Kematangan Aplikasi Pemdi (bobot 5%" in after.output
        and "PermenPANRB 8/2026" in after.output
    )
    assert not re.search(r"level \d", after.output)  # no level is claimed
    body = json.loads(
        runner.invoke(
            app, ["--db", db, "--lang", "en", "evidence", "status", "--format", "json", "--instrument", PEMDI]
        ).stdout
    )
    assert body["instrument"]["key"] == PEMDI and body["instrument"]["short"] == "PermenPANRB 8/2026"
    assert [i["indicator"] for i in body["indicators"]] == [1, 13, 14, 15, 16, 18]
    thirteen = body["indicators"][1]
    assert thirteen["weight"] == 5.0 and thirteen["name"] == "Tingkat Kematangan Aplikasi Pemdi"
    assert set(thirteen["criteria"][0]) == {"key", "passed", "title", "detail", "evidence", "missing", "next_step"}
    assert thirteen["criteria"][0]["evidence"] == ["A.001"] and "assessor" in body["disclaimer"]
    assert runner.invoke(app, ["--db", db, "evidence", "status", "--instrument", "permenpanrb-5-2018"]).exit_code == 2


def test_the_api_serves_the_instrument_asked_for(repo):
    from api_support import make_world

    world = make_world(repo)
    pemdi = world.client.get("/v1/ippds/kab/evidence?date=2026-07-01", headers=world.headers("kab_opd1"))
    assert pemdi.status_code == 200 and pemdi.json()["instrument"]["key"] == PEMDI
    thirteen = next(i for i in pemdi.json()["indicators"] if i["indicator"] == 13)
    assert thirteen["criteria"][0]["evidence"] == ["A.001"]  # OPD 1's application only
    legacy = world.client.get(
        f"/v1/ippds/kab/evidence?date=2026-07-01&instrument={LEGACY}", headers=world.headers("kab_admin")
    )
    assert [i["indicator"] for i in legacy.json()["indicators"]] == [11, 12]
    assert (
        world.client.get("/v1/ippds/kab/evidence?instrument=x", headers=world.headers("kab_admin")).status_code == 400
    )


# --- the document -----------------------------------------------------------------------------------------
DOCUMENT = organisation(opds=("1", "2"))[:1] + [
    {"apiVersion": "ea-repo/v1", "kind": "OPD", "metadata": {"id": "1", "name": "Dinas Kesehatan", "ippd": IPPD}},
    {"apiVersion": "ea-repo/v1", "kind": "OPD", "metadata": {"id": "2", "name": "Dinas Pendidikan", "ippd": IPPD}},
    doc("Data", "D.001", interoperable=True),
    doc("Data", "D.002", interoperable=False, opd="2"),
    *[
        doc(
            "Application",
            f"A.{n:03}",
            name=f"Aplikasi Layanan Nomor {n}",
            opd="1" if n <= 8 else "2",
            data=["D.001"],
            runs_on=["I.PKS.001"],
        )
        for n in range(1, 17)
    ],
    *[doc("Service", f"L.{n:03}", name=f"Layanan Nomor {n}", opd="1" if n <= 6 else "2") for n in range(1, 13)],
    doc("Server", "I.PKS.001"),
    doc("SecurityDevice", "K.PKK.001", protects=["I.PKS.001"]),
    _record("Initiative", "APL.1", muatan="aplikasi", uic=["1", "2"], years=[2026]),
]


def _report(tmp_path, name: str, *extra: str):
    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/ea.db"
    runner.invoke(app, ["--db", db, "init"])
    runner.invoke(app, ["--db", db, "import", str(write_yaml(tmp_path / "c.yaml", DOCUMENT))])
    out = tmp_path / name
    result = runner.invoke(app, ["--db", db, "evidence", "report", "-o", str(out), "--date", "2026-11-23", *extra])
    assert result.exit_code == 0, result.output
    return out, result


def test_the_document_speaks_of_the_instrument_and_reads_as_an_assessor_needs(tmp_path):
    html, _ = _report(tmp_path, "bukti.html", "--no-diagrams")
    text = html.read_text(encoding="utf-8")
    assert (
        "Bukti Dukung Indeks Pemerintah Digital: Kabupaten kab" in text
    )  # the IPPD's name, not its slug, in the title
    assert "Penilaian Mandiri Indeks Pemerintah Digital (PermenPANRB 8/2026)" in text
    assert "Indikator 13 — Tingkat Kematangan Aplikasi Pemdi (bobot 5%)" in text and "Indikator 11" not in text
    assert "tidak ada level yang dihitung" in text and "PermenPANRB 8/2026" in text
    cells = re.findall(r"<td>([^<]*)</td>", text)
    assert "Ya" in cells and "Tidak" in cells and "True" not in cells and "False" not in cells
    assert "1 — Dinas Kesehatan" in cells  # the OPD's name beside its code in the domain tables
    assert "1 — Dinas Kesehatan, 2 — Dinas Pendidikan" in cells  # and in the roadmap's Penanggung Jawab
    assert "Peta Rencana SPBE Kabupaten kab" in text and "Peta Rencana SPBE kab " not in text
    legacy, _ = _report(tmp_path, "bukti-59.html", "--no-diagrams", "--instrument", LEGACY)
    assert "Penilaian Mandiri Indikator 11 dan 12" in legacy.read_text(encoding="utf-8")


def test_without_graphviz_the_document_says_the_diagrams_are_missing(tmp_path, monkeypatch):
    from viz import evidence_figures

    monkeypatch.setattr(evidence_figures.shutil, "which", lambda name: None)
    html, result = _report(tmp_path, "bukti.html")
    text = html.read_text(encoding="utf-8")
    assert "Diagram Arsitektur" in text and "Diagram tidak dapat digambar: Graphviz `dot` tidak terpasang" in text
    assert "<figure" not in text


def _words(pdf) -> list[tuple[int, float, float, float, str]]:
    """(page, page width, page height, word height, word) from pdftotext's bounding boxes."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for number, (width, height, body) in enumerate(
        re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S), 1
    ):
        for low, high, word in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', body):
            out.append((number, float(width), float(height), float(high) - float(low), word))
    return out


@needs_dot
def test_pdf_diagrams_are_on_landscape_pages_in_readable_type(tmp_path):
    pdf, _ = _report(tmp_path, "bukti.pdf")
    words = _words(pdf)
    footer = [
        h for _, _, _, h, w in words if w == "Halaman"
    ]  # the footer is 9 pt: it calibrates word height to type size
    points_per_height = 9 / max(footer)
    diagram_pages = {p for p, *_, w in words if w == "Gambar"}
    assert diagram_pages, "no page holds a diagram"
    for page in diagram_pages:
        width, height = next((w, h) for p, w, h, _, _ in words if p == page)
        assert width > height, f"page {page} is not landscape"
        smallest = min(h for p, _, _, h, w in words if p == page and w not in ("Halaman", "dari")) * points_per_height
        assert smallest >= MIN_FONT_PT - 0.3, f"page {page}: type of {smallest:.1f} pt"
    shown = {w for p, *_, w in words if p in diagram_pages}
    assert {f"A.{n:03}" for n in range(1, 17)} <= shown  # cut into pieces, every application is still drawn
