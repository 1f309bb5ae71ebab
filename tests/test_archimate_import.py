"""`ea import model.xml`: Open Group ArchiMate 3.1 exchange files, as Archi writes them, back into the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from ea_repo.catalog.importer import parse_catalog
from ea_repo.core.errors import ImportRejected

ARCHI_FILE = Path(__file__).parent / "data" / "archimate" / "archi-model.xml"


def _rows(repo) -> dict[tuple[str, str], object]:
    return {(r.plateau, r.element_id): r for r in service.list_elements(repo, principal=service.local_principal())}


def _rejected(path: Path) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        parse_catalog([path])
    return [p.render("id") for p in caught.value.problems]


def _variant(tmp_path: Path, old: str, new: str, name: str = "model.xml") -> Path:
    text = ARCHI_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_archi_file_imports_kinds_attributes_and_references(repo):
    result = service.import_paths(repo, [ARCHI_FILE], principal=service.local_principal())
    rows = _rows(repo)
    assert sorted(rows) == [
        ("as-is", i) for i in ("A.001", "A.002", "D.001", "I.PKS.001", "I.PKS.002", "L.001", "P.001")
    ] + [("to-be", "A.001")]
    simpeg = rows[("as-is", "A.001")]
    assert (simpeg.kind, simpeg.name, simpeg.ippd, simpeg.opd) == ("Application", "SIMPEG", "kab-uji", "14")
    assert simpeg.reference == ("RAA.01.02 Aplikasi Administrasi Pemerintahan",)
    assert simpeg.spec["category"] == "khusus" and simpeg.spec["url"] == "https://simpeg.uji.go.id"
    assert simpeg.spec["description"] == "Sistem Informasi Manajemen Kepegawaian"  # <documentation xml:lang="id">
    assert simpeg.annotations == {"Catatan Archi": "ditinjau 2025"}
    assert rows[("as-is", "I.PKS.001")].kind == "Server" and rows[("as-is", "I.PKS.001")].spec["memory_gb"] == 64
    assert rows[("as-is", "I.PKS.002")].kind == "Server"  # a Device without "ea-repo kind": the mapping's import_as
    assert rows[("as-is", "L.001")].opd == "14"  # the Kode OPD property
    assert rows[("as-is", "A.002")].opd == "14"  # the OPD actor's Association
    assert result.summary.created and sum(result.summary.organisations.values()) == 2
    orgs = {(o.kind, o.code): o for o in service.organisations(repo, principal=service.local_principal())}
    assert orgs[("OPD", "14")].ippd == "kab-uji" and orgs[("OPD", "14")].spec == {"short_name": "BKPSDM"}
    assert orgs[("IPPD", "kab-uji")].spec == {"level": "kabupaten"}


def test_relationships_become_links_in_the_declaring_direction(repo):
    service.import_paths(repo, [ARCHI_FILE], principal=service.local_principal())
    rows = _rows(repo)
    assert set(rows[("as-is", "A.001")].links) == {("services", "L.001"), ("data", "D.001"), ("runs_on", "I.PKS.001")}
    assert set(rows[("as-is", "A.002")].links) == {("processes", "P.001")}
    # Realization is reverse (the service declares it); Service -> Application: no relation allows it, so an untyped
    # link declared by the ArchiMate source, which the checks judge
    assert set(rows[("as-is", "L.001")].links) == {("processes", "P.001"), ("related", "A.002")}
    assert rows[("as-is", "I.PKS.001")].links == () and rows[("as-is", "D.001")].links == ()
    assert rows[("to-be", "A.001")].links == rows[("as-is", "A.001")].links  # in both plateaus, with its links


def test_report_lists_unmapped_types_and_assigned_ids(tmp_path):
    catalog = parse_catalog([ARCHI_FILE])
    notes = [n.render("id") for n in catalog.notes]
    assert any("1 elemen bertipe Goal" in n and "id-goal" in n for n in notes)
    assert any("1 elemen bertipe Stakeholder" in n and "id-stakeholder" in n for n in notes)
    assigned = [n for n in notes if "diberi ID" in n]
    assert [n.rsplit(" ", 1)[1] for n in assigned] == ["A.002", "P.001", "I.PKS.002"]
    assert "id-app-new" in assigned[0] and "id-proc" in assigned[1] and "id-device-new" in assigned[2]
    assert any("Influence dilewati" in n for n in notes)
    english = [n.render("en") for n in catalog.notes]
    assert any("1 element(s) of type Goal have no catalogue kind" in n for n in english)


def test_hostile_names_survive_as_text(repo):
    service.import_paths(repo, [ARCHI_FILE], principal=service.local_principal())
    assert _rows(repo)[("as-is", "A.002")].name == 'SRIKANDI <script>alert(1)</script> & "Arsip" \' OR 1=1 --'


def test_ids_follow_the_repository_and_reimport_is_idempotent(repo, tmp_path):
    service.import_text(
        repo,
        "apiVersion: ea-repo/v1\nkind: Application\nmetadata: {id: A.007, ippd: kab-uji, name: Lama}\n",
        principal=service.local_principal(),
    )
    service.import_paths(repo, [ARCHI_FILE], principal=service.local_principal())
    rows = _rows(repo)
    assert rows[("as-is", "A.008")].name.startswith("SRIKANDI")  # the next free number after the repository's A.007
    assert rows[("as-is", "A.008")].annotations == {"ArchiMate identifier": "id-app-new"}
    again = service.import_paths(repo, [ARCHI_FILE], principal=service.local_principal())
    assert sorted(_rows(repo)) == sorted(rows)  # the same IDs again, no A.009
    assert sum(again.summary.created.values()) == 0


def test_ippd_defaults_to_the_repository_only_one(repo, tmp_path):
    service.import_text(
        repo,
        "apiVersion: ea-repo/v1\nkind: IPPD\nmetadata: {id: kota-lain, name: Kota Lain}\n",
        principal=service.local_principal(),
    )
    path = _variant(
        tmp_path, '<property propertyDefinitionRef="propid-kind"><value xml:lang="id">IPPD</value></property>', ""
    )
    path.write_text(
        path.read_text().replace(
            '<relationship identifier="id-r-member" source="id-ippd" target="id-opd14" xsi:type="Composition"/>', ""
        )
    )
    service.import_paths(repo, [path], principal=service.local_principal())
    assert {r.ippd for r in service.list_elements(repo, principal=service.local_principal())} == {"kota-lain"}


def test_without_an_ippd_every_element_is_refused(tmp_path):
    path = _variant(tmp_path, '<value xml:lang="id">IPPD</value>', '<value xml:lang="id">bukan</value>')
    problems = _rejected(path)
    assert problems and all("/model/elements/element[" in p for p in problems)
    assert any("element[5][@identifier='id-app-simpeg']" in p and "A.001" in p for p in problems)


def test_one_bad_element_writes_nothing(repo, tmp_path):
    path = _variant(tmp_path, '<value xml:lang="id">64</value>', '<value xml:lang="id">enam puluh empat</value>')
    with pytest.raises(ImportRejected) as caught:
        service.import_paths(repo, [path], principal=service.local_principal())
    [problem] = caught.value.problems
    text = problem.render("id")
    assert "element[10][@identifier='id-server']" in text and ".spec.memory_gb" in text and problem.line == 66
    assert (
        service.list_elements(repo, principal=service.local_principal()) == []
        and service.organisations(repo, principal=service.local_principal()) == []
    )


def test_file_failing_the_xsd_is_refused_with_lines(tmp_path):
    path = _variant(tmp_path, 'xsi:type="Goal"', 'xsi:type="Tujuan"')
    problems = _rejected(path)
    assert problems and all(f"{path}:" in p and "skema XSD" in p for p in problems)
    assert any(f"{path}:94:" in p for p in problems)


XXE = """<?xml version="1.0"?>
<!DOCTYPE model [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="id-1"><name>&xxe;</name></model>
"""
BOMB = """<?xml version="1.0"?>
<!DOCTYPE model [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="id-1"><name>&e;&e;&e;&e;&e;&e;</name></model>
"""


@pytest.mark.parametrize("text", [XXE, BOMB], ids=["xxe", "entity-bomb"])
def test_entities_are_refused_cleanly(tmp_path, text):
    path = tmp_path / "jahat.xml"
    path.write_text(text)
    [problem] = _rejected(path)
    assert "DOCTYPE" in problem and "root:" not in problem


def test_other_xml_and_broken_xml_are_refused(tmp_path):
    (tmp_path / "pom.xml").write_text("<project><name>x</name></project>")
    (tmp_path / "rusak.xml").write_text("<model xmlns='http://www.opengroup.org/xsd/archimate/3.0/'><name>")
    problems = _rejected(tmp_path)
    assert any("pom.xml:1:" in p and "bukan berkas pertukaran ArchiMate" in p for p in problems)
    assert any("rusak.xml:" in p and "bukan XML yang utuh" in p for p in problems)


def test_cli_dry_run_reports_assigned_ids_and_unmapped_types(tmp_path):
    result = CliRunner().invoke(app, ["import", str(ARCHI_FILE), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "8 elemen, 2 IPPD/OPD" in result.output
    assert "diberi ID A.002" in result.output and "bertipe Goal" in result.output


SAMPLES = Path(__file__).parent.parent / "samples" / "contoh"


def _comparable(rows, exported_ids: set[tuple[str, str]]) -> dict:
    """Each element's kind, name, OPD, reference codes, attributes and links (typed and `related`, on the end that
    declared them) to elements the file holds."""
    return {
        (r.plateau, r.element_id): (
            r.kind,
            r.name,
            r.opd,
            r.reference,
            r.spec,
            sorted(link for link in set(r.links) if (r.plateau, link[1]) in exported_ids),
        )
        for r in rows
    }


def _linked_pairs(rows, exported_ids) -> set:
    return {
        (r.plateau, frozenset((r.element_id, target)))
        for r in rows
        for _, target in r.links
        if (r.plateau, target) in exported_ids
    }


@pytest.mark.parametrize(
    "folder, ippd, plateaus",
    [
        ("contoh", "kab-contoh", {"as-is", "to-be"}),
        ("pesawaran", "kab-pesawaran", {"as-is", "to-be"}),
        ("serang", "kab-serang", {"as-is"}),
    ],
)
def test_export_then_import_round_trips_the_samples(repo, tmp_path, folder, ippd, plateaus):
    source, _ = service.init_repository(f"sqlite:///{tmp_path / 'sumber.db'}")
    service.import_paths(source, [SAMPLES.parent / folder], principal=service.local_principal())
    path = tmp_path / f"{folder}.xml"
    path.write_bytes(service.export_archimate(source, ippd=ippd, principal=service.local_principal()).data)
    result = service.import_paths(repo, [path], principal=service.local_principal())
    before, after = (
        service.list_elements(source, principal=service.local_principal()),
        service.list_elements(repo, principal=service.local_principal()),
    )
    ids = {(r.plateau, r.element_id) for r in before}
    assert len(before) > 50 and {r.plateau for r in before} == plateaus
    assert _comparable(after, ids) == _comparable(before, ids)
    assert _linked_pairs(after, ids) == _linked_pairs(before, ids)
    assert not [n for n in result.catalog.notes if "diberi ID" in n.render("id")]  # every ID kept
    assert {
        (o.kind, o.code, o.ippd, o.name) for o in service.organisations(repo, principal=service.local_principal())
    } == {(o.kind, o.code, o.ippd, o.name) for o in service.organisations(source, principal=service.local_principal())}
    assert _initiatives(repo, ippd) == _initiatives(source, ippd)  # the Peta Rencana: fields, delivers, notes, ...
    assert len(_initiatives(source, ippd)) > 5


def _initiatives(repo, ippd: str) -> dict:
    return {
        i.item_id: (i.name, i.spec, i.labels, i.annotations)
        for i in service.roadmap(repo, ippd, principal=service.local_principal())
        if i.kind == "Initiative"
    }


_WORK_PACKAGE = """    <element identifier="id-wp" xsi:type="WorkPackage">
      <name xml:lang="id">Migrasi kepegawaian</name>
    </element>
    <element identifier="id-deliverable" xsi:type="Deliverable">
      <name xml:lang="id">SIMPEG baru</name>
    </element>
  </elements>"""
_REALISATIONS = """  <relationships>
    <relationship identifier="id-r-wp" source="id-wp" target="id-deliverable" xsi:type="Realization"/>
    <relationship identifier="id-r-deliverable" source="id-deliverable" target="id-app-simpeg" xsi:type="Realization"/>
    <relationship identifier="id-r-wp-svc" source="id-wp" target="id-svc" xsi:type="Realization"/>"""


def test_archi_work_package_without_properties_imports_with_an_assigned_id(repo, tmp_path):
    path = _variant(tmp_path, "  </elements>", _WORK_PACKAGE)
    path.write_text(path.read_text().replace("  <relationships>", _REALISATIONS, 1))
    result = service.import_paths(repo, [path], principal=service.local_principal())
    notes = [n.render("id") for n in result.catalog.notes]
    assert any("id-wp" in n and "diberi ID D.1.1" in n for n in notes)
    assert not any("Deliverable" in n or "Realization dilewati" in n for n in notes)
    (item,) = [
        i for i in service.roadmap(repo, "kab-uji", principal=service.local_principal()) if i.kind == "Initiative"
    ]
    assert (item.item_id, item.name, item.ids("delivers")) == ("D.1.1", "Migrasi kepegawaian", ["A.001", "L.001"])
    assert item.annotations == {"ArchiMate identifier": "id-wp"}
    again = service.import_paths(repo, [path], principal=service.local_principal())
    assert sum(again.summary.created.values()) == 0  # found again under the ID assigned before


def test_a_deliverable_no_work_package_realizes_is_reported(tmp_path):
    path = _variant(tmp_path, "  </elements>", _WORK_PACKAGE)
    notes = [n.render("id") for n in parse_catalog([path]).notes]
    assert any("1 elemen bertipe Deliverable" in n and "id-deliverable" in n for n in notes)
    assert not any("WorkPackage" in n for n in notes)


def _work_package_with(tmp_path: Path, properties: dict[str, str]) -> Path:
    """The Archi file with one work package holding `properties` (names as an architect types them in Archi)."""
    cells = "".join(
        f'<property propertyDefinitionRef="propid-wp{i}"><value xml:lang="id">{value}</value></property>'
        for i, value in enumerate(properties.values())
    )
    element = f"""    <element identifier="id-wp" xsi:type="WorkPackage">
      <name xml:lang="id">Migrasi kepegawaian</name>
      <properties>{cells}</properties>
    </element>
  </elements>"""
    definitions = "".join(
        f'<propertyDefinition identifier="propid-wp{i}" type="string"><name xml:lang="id">{name}</name>'
        "</propertyDefinition>"
        for i, name in enumerate(properties)
    )
    path = _variant(tmp_path, "  </elements>", element)
    path.write_text(path.read_text().replace("<propertyDefinitions>", "<propertyDefinitions>" + definitions, 1))
    return path


def test_work_package_properties_are_read_by_the_workbook_columns_and_aliases(repo, tmp_path):
    path = _work_package_with(
        tmp_path,
        {"Muatan": "Aplikasi", "Target Waktu": "2026, 2027", "Prasyarat": "tk.1", "UIC": "14", "Sumber": "rapat"},
    )
    result = service.import_paths(repo, [path], principal=service.local_principal())
    assert any("diberi ID APL.1" in n.render("id") for n in result.catalog.notes)  # the muatan's prefix
    (item,) = [
        i for i in service.roadmap(repo, "kab-uji", principal=service.local_principal()) if i.kind == "Initiative"
    ]
    assert (item.spec["muatan"], item.years, item.ids("depends_on"), item.spec["uic"]) == (
        "aplikasi",
        [2026, 2027],
        ["TK.1"],
        ["14"],
    )
    assert item.annotations["Sumber"] == "rapat"


def test_a_bad_work_package_is_refused_as_one_from_yaml_would_be(tmp_path):
    problems = _rejected(_work_package_with(tmp_path, {"Muatan": "hiburan", "Tahun": "1200"}))
    assert problems and all("element[" in p and "id-wp" in p for p in problems)
    assert any("muatan" in p.lower() for p in problems) and any("1200" in p or "tahun" in p.lower() for p in problems)
