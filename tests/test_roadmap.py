"""The gap between plateaus and the Peta Rencana: exact gap of the sample, every roadmap rule on its
planted defects, imports that reject bad documents, the starter roadmap, and the documents."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from helpers import IPPD, doc, organisation, write_yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from ea_repo.checks.rules_roadmap import RoadmapContext, check_roadmap
from ea_repo.core.errors import ImportRejected, PermissionDenied
from ea_repo.planning.gap import Gap, GapItem
from ea_repo.planning.records import INITIATIVE, RoadmapItem
from ea_repo.reports import write_document
from ea_repo.reports.planning import gap_document, roadmap_document
from metamodel import load_metamodel

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "contoh"
ADDED = {"A.021", "A.050", "D.012", "I.KA.002", "K.SPRK.002", "L.060", "P.10"}
RETIRED = {"A.014", "A.020", "I.FK.002", "I.PKP.001", "I.PKS.004", "I.PLP.001"}
CHANGED = {
    "A.002",
    "D.001",
    "D.003",
    "D.007",
    "D.010",
    "D.011",
    "I.JIP.001",
    "I.PKS.001",
    "I.PKS.002",
    "I.PKS.003",
    "I.PKS.006",
    "K.EKK.001",
    "L.001",
    "P.3",
}
# (rule, subject, params): the deliberate defects listed in samples/contoh/peta-rencana.yaml, nothing else.
PLANTED = {
    ("roadmap-unknown-element", "LAY.1", (("field", "delivers"), ("target", "A.051"), ("where", "to-be"))),
    ("roadmap-gap-unplanned", "A.050", (("change", "added"),)),
    ("roadmap-gap-unplanned", "D.011", (("change", "changed"),)),
    ("roadmap-unknown-dependency", "LAY.2", (("dependency", "TK.9"),)),
    ("roadmap-before-dependency", "APL.3", (("start", "2025"), ("dependency", "INF.1"), ("dependency_start", "2026"))),
    ("roadmap-without-years", "INF.2", ()),
    ("roadmap-uic-unknown", "KAM.1", (("uic", "Dinas Pariwisata"),)),
    ("roadmap-delivers-nothing", "KAM.2", ()),
    ("roadmap-years-outside-plan", "MS.1", (("years", "2030"), ("start", "2025"), ("end", "2029"))),
    ("roadmap-initiative-without-muatan", "MS.2", ()),
    ("roadmap-muatan-missing", None, (("muatan", "Audit TIK"),)),
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    repo, _ = service.init_repository(f"sqlite:///{tmp_path_factory.mktemp('roadmap')}/ea.db")
    service.import_paths(repo, [SAMPLE], principal=service.local_principal())
    yield repo
    repo.engine.dispose()


def _members(gap: Gap, change: str) -> set[str]:
    return {i.element_id for i in gap.changes(change)}


# --- gap --------------------------------------------------------------------------------
def test_the_sample_gap_is_exactly_the_documented_changes(sample):
    gap = service.gap_report(sample, "kab-contoh", principal=service.local_principal())
    assert (_members(gap, "added"), _members(gap, "retired"), _members(gap, "changed")) == (ADDED, RETIRED, CHANGED)
    assert len(gap.changes("kept")) == 47 and len(gap.items) == 74
    item = {i.element_id: i for i in gap.items}
    assert item["A.002"].links_added == (("runs_on", "I.KA.002"),)  # SAKIP moves to the national data centre
    assert set(item["A.002"].links_removed) == {("runs_on", "I.PKS.004"), ("runs_on", "I.PLP.001")}
    assert item["A.002"].fields == ()
    assert (
        item["D.001"].fields == ("name",)
        and item["L.001"].fields == ("reference",)
        and item["I.PKS.002"].fields == ("opd",)
    )
    assert item["I.PKS.001"].fields == ("spec.location",) and item["I.PKS.001"].links_added == (
        ("located_in", "I.FK.001"),
    )


def test_fulfilment_per_component_follows_the_national_bands(sample):
    components = {
        c.kind: c for c in service.gap_report(sample, "kab-contoh", principal=service.local_principal()).components()
    }
    server, application, peripheral = components["Server"], components["Application"], components["Peripheral"]
    assert (server.before, server.after, server.counts["kept"], round(server.percent), server.band.key) == (
        6,
        5,
        1,
        20,
        "Partially",
    )
    assert (application.before, application.after, round(application.percent), application.band.key) == (
        12,
        12,
        75,
        "Largely",
    )
    assert components["Storage"].band.key == "Fully" and components["SecurityAwareness"].band.key == "None"
    assert peripheral.after == 0 and peripheral.percent is None and peripheral.band is None  # no target: no fulfilment
    bands = load_metamodel().roadmap
    assert [bands.band(p).key for p in (0, 14.99, 15, 49.99, 50, 84.99, 85, 100)] == [
        "None",
        "None",
        "Partially",
        "Partially",
        "Largely",
        "Largely",
        "Fully",
        "Fully",
    ]


def test_bookkeeping_is_no_change_but_a_moved_link_is(repo, tmp_path):
    base = organisation() + [doc("Server", "I.PKS.1"), doc("Server", "I.PKS.2")]
    before = [doc("Application", "A.1", runs_on=["I.PKS.1"]), doc("Application", "A.2")]
    after = [
        doc("Application", "A.1", plateau="to-be", runs_on=["I.PKS.2"]),
        doc("Application", "A.2", plateau="to-be"),
    ]
    after[1]["metadata"]["annotations"] = {"sumber": "tabel 4.7"}
    after[1]["metadata"]["labels"] = {"prioritas": "tinggi"}
    servers = [doc("Server", i, plateau="to-be") for i in ("I.PKS.1", "I.PKS.2")]
    service.import_paths(
        repo, [write_yaml(tmp_path / "c.yaml", base + before + after + servers)], principal=service.local_principal()
    )
    items = {i.element_id: i for i in service.gap_report(repo, IPPD, principal=service.local_principal()).items}
    assert items["A.2"].change == "kept"
    assert items["A.1"].change == "changed" and items["A.1"].links_added == (("runs_on", "I.PKS.2"),)
    assert items["A.1"].links_removed == (("runs_on", "I.PKS.1"),)


def test_the_gap_sees_only_the_principals_opds(sample):
    opd14 = service.Principal("t", service.Role.VIEWER, ippd="kab-contoh", opds=frozenset({"14"}))
    gap = service.gap_report(sample, "kab-contoh", principal=opd14)
    assert gap.items and {i.opd for i in gap.items} == {"14"}
    with pytest.raises(PermissionDenied):
        service.gap_report(sample, "kab-contoh", principal=service.Principal("t", service.Role.VIEWER, ippd="kab-lain"))


def test_an_unknown_plateau_is_refused(sample):
    with pytest.raises(Exception, match="unknown plateau"):
        service.gap_report(sample, "kab-contoh", "as-is", "tobe", principal=service.local_principal())


# --- roadmap rules ----------------------------------------------------------------------
def test_the_sample_roadmap_has_exactly_its_planted_defects(sample):
    report = service.roadmap_findings(sample, "kab-contoh", principal=service.local_principal())
    assert {(f.rule, f.element, f.params) for f in report.findings} == PLANTED
    assert report.has_errors


def _context(initiatives: list[RoadmapItem], plans: list[RoadmapItem] | None = None) -> RoadmapContext:
    gap = Gap("as-is", "to-be", ("k",), [GapItem("k", "A.1", "Application", "application", "x", "1", (), "added")])
    return RoadmapContext("k", plans or [], initiatives, gap, {"1": ("Dinas Satu", "DS")})


def _initiative(item_id: str, **spec) -> RoadmapItem:
    return RoadmapItem(INITIATIVE, "k", item_id, item_id, spec)


def test_governance_initiatives_need_deliver_nothing_and_a_missing_plan_is_said():
    report = check_roadmap(
        _context(
            [
                _initiative("TK.1", muatan="tata kelola", uic=["ds"], years=[2025]),
                _initiative("APL.1", muatan="aplikasi", uic=["Dinas Satu"], years=[2025], delivers=["A.1"]),
            ]
        )
    )
    rules = {(f.rule, f.element) for f in report.findings}
    assert ("roadmap-delivers-nothing", "TK.1") not in rules  # governance: no element expected
    assert ("roadmap-without-plan", None) in rules
    assert not any(r == "roadmap-uic-unknown" for r, _ in rules)  # a short name, any case, matches the OPD
    assert not any(r == "roadmap-gap-unplanned" for r, _ in rules)


def test_a_dependency_starting_the_same_year_is_fine():
    report = check_roadmap(
        _context(
            [
                _initiative("A", muatan="aplikasi", years=[2026], depends_on=["B"], delivers=["A.1"], uic=["1"]),
                _initiative("B", muatan="aplikasi", targets={2026: "x"}, uic=["1"]),
            ]
        )
    )
    assert "roadmap-before-dependency" not in {f.rule for f in report.findings}


# --- imports ----------------------------------------------------------------------------
ROADMAP = """apiVersion: ea-repo/v1
kind: RoadmapPlan
metadata: {id: pr, ippd: kab}
spec: {start_year: 2025, end_year: 2029}
---
apiVersion: ea-repo/v1
kind: Initiative
metadata: {id: "APL. 1", name: Satu, ippd: kab}
spec: {muatan: Aplikasi, uic: "Dinas Komunikasi, Informatika dan Statistik", years: "2025, 2026", activity_type: Baru}
"""


def _with_organisation(repo, tmp_path):
    service.import_paths(repo, [write_yaml(tmp_path / "org.yaml", organisation())], principal=service.local_principal())


def test_a_roadmap_imports_normalised_and_reimports_unchanged(repo, tmp_path):
    _with_organisation(repo, tmp_path)
    first = service.import_roadmap(repo, [("r.yaml", ROADMAP)], principal=service.local_principal())
    assert sum(first.summary.created.values()) == 2
    items = {i.item_id: i for i in service.roadmap(repo, IPPD, principal=service.local_principal())}
    assert items["APL.1"].spec["uic"] == [
        "Dinas Komunikasi, Informatika dan Statistik"
    ]  # a name with commas stays whole
    assert items["APL.1"].years == [2025, 2026] and items["APL.1"].spec["muatan"] == "aplikasi"
    again = service.import_roadmap(repo, [("r.yaml", ROADMAP)], principal=service.local_principal())
    assert sum(again.summary.unchanged.values()) == 2 and not again.summary.updated
    audited = [
        e for e in service.history(repo, ippd=IPPD, principal=service.local_principal()) if e.change.kind == INITIATIVE
    ]
    assert [e.change.action for e in audited] == ["create"]


def test_bad_roadmap_documents_are_rejected_with_lines_and_nothing_is_written(repo, tmp_path):
    _with_organisation(repo, tmp_path)
    bad = (
        ROADMAP
        + """---
apiVersion: ea-repo/v1
kind: Initiative
metadata: {id: X.1, ippd: kab}
spec:
  muatan: Lainnya
  budget_type: opex
  years: [2025, tahun depan]
---
apiVersion: ea-repo/v1
kind: Initiative
metadata: {id: APL.1, ippd: kab}
"""
    )
    with pytest.raises(ImportRejected) as caught:
        service.import_roadmap(repo, [("r.yaml", bad)], principal=service.local_principal())
    found = {(p.line, p.field) for p in caught.value.problems}
    assert (15, "spec.muatan") in found and (17, "spec.years.1") in found
    assert any(p.field == "metadata.id" and "APL.1" in p.render("en") for p in caught.value.problems)  # the duplicate
    assert service.roadmap(repo, IPPD, principal=service.local_principal()) == []


def test_a_roadmap_for_an_unknown_ippd_or_by_a_non_admin_is_refused(repo, tmp_path):
    _with_organisation(repo, tmp_path)
    with pytest.raises(ImportRejected) as caught:
        service.import_roadmap(
            repo, [("r.yaml", ROADMAP.replace("ippd: kab}", "ippd: kab-lain}"))], principal=service.local_principal()
        )
    assert [(p.field, p.render("en").endswith("unknown IPPD kab-lain")) for p in caught.value.problems] == [
        ("metadata.ippd", True)
    ] * 2
    architect = service.Principal("a", service.Role.ARCHITECT, ippd=IPPD)
    with pytest.raises(PermissionDenied):
        service.import_roadmap(repo, [("r.yaml", ROADMAP)], principal=architect)


def test_replace_removes_what_the_file_no_longer_holds(repo, tmp_path):
    _with_organisation(repo, tmp_path)
    service.import_roadmap(repo, [("r.yaml", ROADMAP)], principal=service.local_principal())
    only_plan = ROADMAP.split("---")[0]
    kept = service.import_roadmap(repo, [("r.yaml", only_plan)], principal=service.local_principal())
    assert len(service.roadmap(repo, IPPD, principal=service.local_principal())) == 2 and not kept.summary.removed
    replaced = service.import_roadmap(repo, [("r.yaml", only_plan)], replace=True, principal=service.local_principal())
    assert replaced.summary.removed == {"Initiative": 1}
    assert [i.item_id for i in service.roadmap(repo, IPPD, principal=service.local_principal())] == ["pr"]


def test_the_draft_roadmap_plans_every_gap(sample, tmp_path):
    drafts = service.draft_roadmap(sample, "kab-contoh", principal=service.local_principal())
    planned = {i for d in drafts for i in d.ids("delivers") + d.ids("retires")}
    assert planned == ADDED | RETIRED | CHANGED
    assert {d.spec["muatan"] for d in drafts} == {"layanan", "aplikasi", "infrastruktur", "keamanan"}
    assert all(d.spec.get("uic") for d in drafts if d.item_id != "INF.1")  # I.KA.002 belongs to no OPD
    context = service.roadmap_context(sample, "kab-contoh", principal=service.local_principal())
    report = check_roadmap(RoadmapContext(context.ippd, context.plans, drafts, context.gap, context.opds))
    rules = {f.rule for f in report.findings}
    assert "roadmap-gap-unplanned" not in rules and "roadmap-unknown-element" not in rules
    assert "roadmap-without-years" in rules  # the architect's part


def test_the_pesawaran_roadmap_imports_and_reports():
    from ea_repo.service import init_repository

    repo, _ = init_repository("sqlite://")
    service.import_paths(repo, [ROOT / "samples" / "pesawaran"], principal=service.local_principal())
    items = service.roadmap(repo, "kab-pesawaran", principal=service.local_principal())
    initiatives = [i for i in items if i.kind == INITIATIVE]
    assert len(initiatives) == 46 and items[0].spec == {
        "start_year": 2022,
        "end_year": 2026,
        "document": items[0].spec["document"],
    }
    assert {i.spec["muatan"] for i in initiatives} == {m.key for m in load_metamodel().roadmap.muatan}
    report = service.roadmap_findings(repo, "kab-pesawaran", principal=service.local_principal())
    counts = {rule: sum(1 for f in report.findings if f.rule == rule) for rule in {f.rule for f in report.findings}}
    idle = [
        i
        for i in initiatives
        if i.spec["muatan"] in ("layanan", "aplikasi", "infrastruktur", "keamanan") and not i.ids("delivers")
    ]
    assert counts == {"roadmap-without-years": 46, "roadmap-delivers-nothing": len(idle)}  # true of the source
    assert len(idle) == 18  # the eight rows naming a target element deliver it; every gap is planned
    text = write_document(roadmap_document("kab-pesawaran", items), "md").decode()
    assert "| No | Muatan | Inisiatif | Keluaran | Penanggung Jawab | 2022 | 2023 | 2024 | 2025 | 2026 |" in text


# --- documents --------------------------------------------------------------------------
def test_the_gap_workbook_has_the_national_columns_per_domain(sample):
    gap = service.gap_report(sample, "kab-contoh", principal=service.local_principal())
    book = load_workbook(
        io.BytesIO(
            write_document(
                gap_document(gap, "id", service.roadmap(sample, "kab-contoh", principal=service.local_principal())),
                "xlsx",
            )
        )
    )
    assert "Arsitektur Aplikasi" in book.sheetnames and "Rincian perubahan elemen" in book.sheetnames
    sheet = book["Arsitektur Aplikasi"]
    assert [c.value for c in sheet[3]] == [
        "No",
        "Komponen",
        "Kondisi Saat Ini",
        "Kondisi Target",
        "Pemenuhan",
        "Rekomendasi Tindak Lanjut",
    ]
    row = [c.value for c in sheet[4]]
    assert row[1:5] == ["Aplikasi", "12 Aplikasi", "12 Aplikasi: 2 ditambah, 1 diubah, 2 dihentikan", "Largely (75%)"]
    assert "Hentikan: A.014, A.020" in row[5] and "Inisiatif: APL.1, APL.2, APL.3" in row[5]
    details = book["Rincian perubahan elemen"]
    assert details.max_row - 3 == len(ADDED | RETIRED | CHANGED)


def test_the_english_document_and_hostile_names(sample):
    gap = service.gap_report(sample, "kab-contoh", principal=service.local_principal())
    hostile = GapItem("k", "A.9", "Application", "application", '<script>x</script> | "=SUM(A1)"', "1", (), "added")
    gap = Gap(gap.before, gap.after, gap.ippds, gap.items + [hostile])
    html = write_document(gap_document(gap, "en"), "html").decode()
    assert "Gap analysis: Application architecture" in html and "<script>x" not in html and "&lt;script&gt;" in html
    assert '\\| "=SUM(A1)"' in write_document(gap_document(gap, "en"), "md").decode()
    book = load_workbook(io.BytesIO(write_document(gap_document(gap, "en"), "xlsx")))
    cells = [c for row in book["Element changes"].iter_rows() for c in row if c.value and "SUM" in str(c.value)]
    assert cells and all(c.data_type == "s" for c in cells)  # text, never a formula


def test_the_cli_gap_roadmap_and_their_exit_codes(sample, tmp_path):
    runner = CliRunner()
    db = str(sample.engine.url)
    result = runner.invoke(app, ["--db", db, "gap", "-f", "json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["summary"] == {"added": 7, "retired": 6, "changed": 14, "kept": 47}
    assert runner.invoke(app, ["--db", db, "gap", "-f", "xlsx"]).exit_code == 2  # binary needs -o
    assert runner.invoke(app, ["--db", db, "gap", "-o", str(tmp_path / "g.xlsx")]).exit_code == 0
    check = runner.invoke(app, ["--db", db, "roadmap", "check"])
    assert check.exit_code == 1
    summary = " ".join(check.output.split())  # the console may wrap the line
    assert "Diperiksa 12 inisiatif terhadap 27 elemen kesenjangan, 11 aturan: " in summary  # 7 + 6 + 14 gap elements
    assert runner.invoke(app, ["--db", db, "roadmap", "-o", str(tmp_path / "pr.xlsx")]).exit_code == 0
    sheet = load_workbook(tmp_path / "pr.xlsx")["Peta Rencana"]
    assert [c.value for c in sheet[3]][:10] == [
        "No",
        "Muatan",
        "Inisiatif",
        "Keluaran",
        "Penanggung Jawab",
        "2025",
        "2026",
        "2027",
        "2028",
        "2029",
    ]
    draft = runner.invoke(app, ["--db", db, "roadmap", "draft", "-o", str(tmp_path / "d.yaml")])
    assert draft.exit_code == 0, draft.output
    assert runner.invoke(app, ["--db", db, "roadmap", "import", "--dry-run", str(tmp_path / "d.yaml")]).exit_code == 0


# --- over HTTP --------------------------------------------------------------------------
def test_the_api_serves_the_gap_and_keeps_the_roadmap(repo):
    from api_support import make_world

    world = make_world(repo)
    c, admin = world.client, world.headers("kab_admin")
    gap = c.get("/v1/ippds/kab/gap", headers=admin).json()
    assert gap["summary"] == {
        "added": 0,
        "retired": 3,
        "changed": 1,
        "kept": 0,
    }  # A.001 loses its links; A.002, D.001, L.001 go
    scoped = c.get("/v1/ippds/kab/gap?from=as-is&to=to-be", headers=world.headers("kab_opd1")).json()
    assert {x["opd"] for x in scoped["changes"]} == {"1"}
    body = {
        "apiVersion": "ea-repo/v1",
        "kind": "Initiative",
        "metadata": {"id": "APL.1", "ippd": "kab", "name": "Konsolidasi"},
        "spec": {
            "muatan": "Aplikasi",
            "uic": ["1"],
            "years": [2025],
            "delivers": ["A.001"],
            "retires": ["A.002", "D.001", "L.001"],
        },
    }
    put = c.put("/v1/ippds/kab/roadmap/APL.1", json=body, headers=admin)
    assert put.status_code == 200 and put.json()["metadata"]["version"] == 1
    assert (
        c.put("/v1/ippds/kab/roadmap/APL.2", json=body, headers=admin).status_code == 422
    )  # the address and the document differ
    bad = c.put("/v1/ippds/kab/roadmap/APL.1", json=body | {"spec": {"muatan": "lain"}}, headers=admin)
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "spec.muatan"
    items = c.get("/v1/ippds/kab/roadmap", headers=world.headers("kab_viewer")).json()["items"]
    assert [i["metadata"]["id"] for i in items] == ["APL.1"]
    findings = c.get("/v1/ippds/kab/roadmap/findings", headers=admin).json()["findings"]
    assert not any(f["rule"] == "roadmap-gap-unplanned" for f in findings)
    assert {f["params"].get("muatan") for f in findings if f["rule"] == "roadmap-muatan-missing"} == {
        "Layanan",
        "Infrastruktur",
        "Keamanan",
        "Tata Kelola",
        "Manajemen SPBE",
        "Audit TIK",
    }
    sheet = c.get("/v1/ippds/kab/roadmap?format=xlsx", headers=admin)
    assert sheet.headers["content-type"].startswith("application/vnd.openxmlformats") and load_workbook(
        io.BytesIO(sheet.content)
    )
    assert "Hasil Analisis Kesenjangan" in c.get("/v1/ippds/kab/gap?format=html", headers=admin).text
    assert c.delete("/v1/ippds/kab/roadmap/APL.1", headers=admin).status_code == 204
    assert c.delete("/v1/ippds/kab/roadmap/APL.1", headers=admin).status_code == 404
    assert c.get("/v1/ippds/kab/roadmap", headers=admin).json()["items"] == []


def test_without_a_target_plateau_nothing_counts_as_unplanned(repo, tmp_path):
    service.import_paths(
        repo,
        [write_yaml(tmp_path / "c.yaml", organisation() + [doc("Application", "A.1")])],
        principal=service.local_principal(),
    )
    service.import_roadmap(repo, [("r.yaml", ROADMAP)], principal=service.local_principal())
    rules = {f.rule for f in service.roadmap_findings(repo, IPPD, principal=service.local_principal()).findings}
    assert "roadmap-gap-unplanned" not in rules and "roadmap-without-years" not in rules


def test_the_serang_sample_imports_and_reports():
    from ea_repo.service import init_repository

    repo, _ = init_repository("sqlite://")
    service.import_paths(repo, [ROOT / "samples" / "serang"], principal=service.local_principal())
    initiatives = [
        i for i in service.roadmap(repo, "kab-serang", principal=service.local_principal()) if i.kind == INITIATIVE
    ]
    assert len(initiatives) == 80 and {i.spec["muatan"] for i in initiatives} == {
        m.key for m in load_metamodel().roadmap.muatan
    }
    report = service.roadmap_findings(repo, "kab-serang", principal=service.local_principal())
    assert {f.element for f in report.findings if f.rule == "roadmap-uic-unknown"} == {
        "G.3.1",
        "G.4.3",
    }  # only central bodies named
    assert not any(f.rule == "roadmap-gap-unplanned" for f in report.findings)  # Serang has no to-be yet
    applications = service.list_elements(
        repo, kind="application", ippd="kab-serang", principal=service.local_principal()
    )
    assert len(applications) == 54
    assert (
        sum(1 for a in applications if (a.spec.get("url") or "").lower() == "apisimpomie.serangkab.go.id") == 2
    )  # the real duplicate


def test_a_misspelt_field_is_named_with_the_fields_there_are():
    from ea_repo.catalog.importer import parse_records_text

    text = ROADMAP.replace("activity_type: Baru}", "activty_type: Baru}")
    _, problems = parse_records_text(text, "r.yaml")
    (problem,) = problems
    assert problem.field == "spec.activty_type" and problem.line == 9
    assert "activity_type" in problem.render("en") and "muatan" in problem.render("en")
