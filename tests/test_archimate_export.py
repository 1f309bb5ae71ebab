"""`ea export --format archimate`: the Open Group ArchiMate 3.1 exchange file (issue 22, export half)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import doc, needs_dot, organisation, write_yaml
from lxml import etree
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from ea_repo.archimate.validate import validate
from metamodel import load_metamodel
from metamodel.archimate import NAMESPACE, load_archimate_mapping
from viz.archimate import drawer

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
NS = {"a": NAMESPACE}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
runner = CliRunner()


def _import(repo, *paths: Path) -> None:
    service.import_paths(repo, list(paths), principal=service.local_principal())


def _export(repo, ippd: str, **options) -> service.ArchimateExport:
    principal = service.local_principal()
    draw = drawer(repo, principal, ippd, options.pop("views", ["layers"]), opd=options.get("opd"))
    return service.export_archimate(repo, principal=principal, ippd=ippd, draw=draw, **options)


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def _properties(root: etree._Element, element: etree._Element) -> dict[str, str]:
    names = {
        d.get("identifier"): d.findtext("a:name", namespaces=NS) for d in root.iterfind(".//a:propertyDefinition", NS)
    }
    return {
        names[p.get("propertyDefinitionRef")]: p.findtext("a:value", namespaces=NS)
        for p in element.iterfind("a:properties/a:property", NS)
    }


def _elements_by_id(root: etree._Element, plateau: str) -> dict[str, etree._Element]:
    found = {}
    for element in root.iterfind("a:elements/a:element", NS):
        props = _properties(root, element)
        if props.get("Plateau") == plateau and "ea-repo kind" in props:
            found[props["ID"]] = element
    return found


@pytest.mark.parametrize(
    "sample,ippd", [("contoh", "kab-contoh"), ("pesawaran", "kab-pesawaran"), ("serang", "kab-serang")]
)
def test_every_sample_exports_a_file_the_xsds_accept(repo, sample, ippd):
    _import(repo, SAMPLES / sample)
    result = _export(repo, ippd, views=["none"])
    assert result.validated and validate(result.data) == []
    root = _parse(result.data)
    stored = service.list_elements(repo, ippd=ippd, principal=service.local_principal())
    exported = [
        e
        for e in root.iterfind("a:elements/a:element", NS)
        if "Plateau" in _properties(root, e) and e.get(XSI_TYPE) != "Plateau"
    ]
    assert len(exported) == len(stored)  # one ArchiMate element per stored element, every plateau


@needs_dot
def test_sample_with_views_validates(repo):
    _import(repo, SAMPLES / "contoh")
    result = _export(repo, "kab-contoh", views=["layers", "domain"])
    assert validate(result.data) == [] and result.views > 2


@needs_dot
@pytest.mark.parametrize(
    "view, opd, names",
    [
        ("diff", None, ["Perubahan as-is → to-be"]),  # one per consecutive pair of the plateaus exported
        ("diff", "14", ["Perubahan as-is → to-be OPD 14"]),
        ("opds", None, ["OPD as-is", "OPD to-be"]),
    ],
)
def test_diff_and_opds_views_validate_and_open_laid_out(repo, view, opd, names):
    _import(repo, SAMPLES / "contoh")
    result = _export(repo, "kab-contoh", views=[view], opd=opd)
    assert result.validated and validate(result.data) == []
    root = _parse(result.data)
    drawn = root.findall("a:views/a:diagrams/a:view", NS)
    assert [v.findtext("a:name", namespaces=NS) for v in drawn] == names
    types = {e.get("identifier"): e.get(XSI_TYPE) for e in root.iterfind("a:elements/a:element", NS)}
    for diagram in drawn:
        nodes = diagram.findall("a:node", NS)
        boxes = {tuple(int(n.get(k)) for k in ("x", "y")) for n in nodes}
        assert len(nodes) > 2 and len(boxes) == len(nodes) and boxes != {(0, 0)}  # placed, not piled in a corner
        shown = {types[n.get("elementRef")] for n in nodes}
        assert shown == {"BusinessActor"} if view == "opds" else "BusinessActor" not in shown


@needs_dot
def test_diff_view_shows_retired_and_added_elements(repo):
    _import(repo, SAMPLES / "contoh")
    root = _parse(_export(repo, "kab-contoh", views=["diff"]).data)
    plateau_of = {
        e.get("identifier"): _properties(root, e).get("Plateau") for e in root.iterfind("a:elements/a:element", NS)
    }
    (diagram,) = root.findall("a:views/a:diagrams/a:view", NS)
    assert {plateau_of[n.get("elementRef")] for n in diagram.findall("a:node", NS)} == {"as-is", "to-be"}
    assert diagram.findall("a:connection", NS)


def test_the_mapping_covers_every_kind_and_relation_of_the_registry():
    metamodel, mapping = load_metamodel(), load_archimate_mapping()
    for kind in metamodel.kinds:
        assert mapping.element_type(kind.name)
    for relation in metamodel.relations:
        assert mapping.relationship(relation.name).type


def test_elements_and_relationships_take_their_types_from_the_mapping(repo):
    _import(repo, SAMPLES / "contoh")
    root = _parse(_export(repo, "kab-contoh", views=["none"]).data)
    mapping, metamodel = load_archimate_mapping(), load_metamodel()
    kinds_seen = set()
    for element in root.iterfind("a:elements/a:element", NS):
        kind = _properties(root, element).get("ea-repo kind")
        if kind and metamodel.has_kind(kind):
            kinds_seen.add(kind)
            assert element.get(XSI_TYPE) == mapping.element_type(kind)
    assert len(kinds_seen) >= 15
    as_is = _elements_by_id(root, "as-is")
    by_identifier = {e.get("identifier"): e for e in as_is.values()}
    realisations = [
        r
        for r in root.iterfind("a:relationships/a:relationship", NS)
        if r.get(XSI_TYPE) == "Realization" and r.get("source") in by_identifier and r.get("target") in by_identifier
    ]
    assert realisations  # realises is reverse: the business process realizes the service that lists it
    for r in realisations:
        assert by_identifier[r.get("source")].get(XSI_TYPE) == "BusinessProcess"
        assert by_identifier[r.get("target")].get(XSI_TYPE) == "BusinessService"


def test_plateaus_gap_owners_and_roadmap(repo):
    _import(repo, SAMPLES / "contoh")
    root = _parse(_export(repo, "kab-contoh", views=["none"]).data)
    types = [e.get(XSI_TYPE) for e in root.iterfind("a:elements/a:element", NS)]
    assert types.count("Plateau") == 2 and types.count("Gap") == 1
    assert types.count("WorkPackage") == len(
        [i for i in service.roadmap(repo, "kab-contoh", principal=service.local_principal()) if i.kind == "Initiative"]
    )
    assert types.count("Deliverable") > 0
    gap = next(e for e in root.iterfind("a:elements/a:element", NS) if e.get(XSI_TYPE) == "Gap").get("identifier")
    plateaus = {e.get("identifier") for e in root.iterfind("a:elements/a:element", NS) if e.get(XSI_TYPE) == "Plateau"}
    assert {
        r.get("target") for r in root.iterfind("a:relationships/a:relationship", NS) if r.get("source") == gap
    } == plateaus
    opd14 = next(
        e
        for e in root.iterfind("a:elements/a:element", NS)
        if _properties(root, e).get("ea-repo kind") == "OPD" and _properties(root, e)["ID"] == "14"
    )
    owned = [
        r for r in root.iterfind("a:relationships/a:relationship", NS) if r.get("source") == opd14.get("identifier")
    ]
    assert owned and all(r.get(XSI_TYPE) == "Association" for r in owned)


def test_one_plateau_only(repo):
    _import(repo, SAMPLES / "contoh")
    root = _parse(_export(repo, "kab-contoh", plateau="to-be", views=["none"]).data)
    plateaus = {_properties(root, e).get("Plateau") for e in root.iterfind("a:elements/a:element", NS)} - {None}
    assert plateaus == {"to-be"}
    assert not [e for e in root.iterfind("a:elements/a:element", NS) if e.get(XSI_TYPE) == "Gap"]


def test_same_catalogue_same_bytes(repo):
    _import(repo, SAMPLES / "contoh")
    first, second = _export(repo, "kab-contoh").data, _export(repo, "kab-contoh").data
    assert first == second
    identifiers = [e.get("identifier") for e in _parse(first).iter() if e.get("identifier")]
    assert len(identifiers) == len(set(identifiers))


@needs_dot
def test_layers_view_lays_every_node_out_in_its_own_place(repo):
    _import(repo, SAMPLES / "contoh")
    root = _parse(_export(repo, "kab-contoh", plateau="as-is").data)
    view = root.find("a:views/a:diagrams/a:view", NS)
    nodes = view.findall("a:node", NS)
    as_is = _elements_by_id(root, "as-is")
    drawn = service.diagram_data(repo, "kab-contoh", "as-is", principal=service.local_principal())
    assert len(nodes) == len(drawn.elements) == len(as_is)
    boxes = [tuple(int(n.get(k)) for k in ("x", "y", "w", "h")) for n in nodes]
    assert all(x >= 0 and y >= 0 and w > 20 and h > 20 for x, y, w, h in boxes)
    assert len({(x, y) for x, y, _, _ in boxes}) == len(boxes)
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if _overlap(a, b)]
    node_ids = {n.get("identifier") for n in nodes}
    connections = view.findall("a:connection", NS)
    assert connections and all(c.get("source") in node_ids and c.get("target") in node_ids for c in connections)


def _overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@needs_dot
def test_opd_view_holds_the_opd_and_its_neighbours(repo):
    _import(repo, SAMPLES / "contoh")
    result = _export(repo, "kab-contoh", plateau="as-is", opd="14")
    root = _parse(result.data)
    elements = _elements_by_id(root, "as-is")
    assert any(_properties(root, e).get("Kode OPD") == "14" for e in elements.values())
    assert any(_properties(root, e).get("Kode OPD") != "14" for e in elements.values())  # the neighbours
    names = [v.findtext("a:name", namespaces=NS) for v in root.iterfind(".//a:view", NS)]
    assert names == ["Lapisan as-is OPD 14"]


def test_without_graphviz_no_views_and_a_note(repo, monkeypatch):
    _import(repo, SAMPLES / "contoh")
    monkeypatch.setattr("ea_repo.service.archimate.dot_available", lambda: False)
    result = _export(repo, "kab-contoh")
    assert result.views == 0 and _parse(result.data).find("a:views", NS) is None
    assert [n.key for n in result.notes if n.key == "archimate_no_dot"]


def test_properties_carry_id_kind_owner_reference_and_attributes(repo, tmp_path):
    write_yaml(tmp_path / "o.yaml", organisation(opds=("1",)))
    write_yaml(
        tmp_path / "a.yaml",
        [
            doc("Server", "I.PKS.001", name="Server utama", memory_gb=64),
            doc("Data", "D.001", name="Data pegawai", interoperable=True),
            doc(
                "Application",
                "A.001",
                name="SIMPEG",
                reference=["RAA.01.01"],
                description="Kepegawaian",
                runs_on=["I.PKS.001"],
            ),
        ],
    )
    _import(repo, tmp_path)
    root = _parse(_export(repo, "kab", views=["none"]).data)
    elements = _elements_by_id(root, "as-is")
    app = _properties(root, elements["A.001"])
    assert (
        app["ID"] == "A.001"
        and app["ea-repo kind"] == "Application"
        and app["Kode OPD"] == "1"
        and app["IPPD"] == "kab"
    )
    assert app["Kode Model Referensi"].startswith("RAA.01.01")
    assert elements["A.001"].findtext("a:documentation", namespaces=NS) == "Kepegawaian"
    server = _properties(root, elements["I.PKS.001"])
    columns = {a.name: a.column for a in load_metamodel().kind("Server").attributes}
    assert server[columns["memory_gb"]] == "64"
    data_column = load_metamodel().kind("Data").attribute("interoperable").column
    assert _properties(root, elements["D.001"])[data_column] == "true"
    runs_on = [
        r for r in root.iterfind("a:relationships/a:relationship", NS) if _properties(root, r).get("Field") == "runs_on"
    ]
    assert len(runs_on) == 1 and runs_on[0].get("source") == elements["I.PKS.001"].get(
        "identifier"
    )  # runs-on is reverse


HOSTILE = "<script>alert('x')</script> & \"kutip\" \u202etxt.exe 🚀 Ω"


def test_hostile_names_survive_as_text(repo, tmp_path):
    write_yaml(tmp_path / "o.yaml", organisation(opds=("1",)))
    write_yaml(tmp_path / "a.yaml", [doc("Application", "A.001", name=HOSTILE, description=HOSTILE)])
    _import(repo, tmp_path)
    data = _export(repo, "kab", views=["none"]).data
    assert b"<script>" not in data
    element = _elements_by_id(_parse(data), "as-is")["A.001"]
    name = element.find("a:name", NS)
    assert name.text == HOSTILE and name.get(XML_LANG) == "id"
    assert element.findtext("a:documentation", namespaces=NS) == HOSTILE


def test_validate_reports_a_broken_file():
    assert validate(b"<model/>") and validate(b"not xml")
    broken = b'<model xmlns="%s" identifier="1-not-an-id"><name>x</name></model>' % NAMESPACE.encode()
    assert validate(broken)


def test_cli_writes_the_file(tmp_path):
    url = f"sqlite:///{tmp_path}/ea.db"
    assert runner.invoke(app, ["--db", url, "init"]).exit_code == 0
    assert runner.invoke(app, ["--db", url, "import", str(SAMPLES / "contoh")]).exit_code == 0
    target = tmp_path / "arsitektur.xml"
    done = runner.invoke(app, ["--db", url, "export", "--format", "archimate", "-o", str(target), "--view", "none"])
    assert done.exit_code == 0, done.output
    assert "sah menurut XSD" in done.output and validate(target.read_bytes()) == []


def test_cli_refuses_a_file_that_fails_validation(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/ea.db"
    runner.invoke(app, ["--db", url, "init"])
    runner.invoke(app, ["--db", url, "import", str(SAMPLES / "contoh")])
    monkeypatch.setattr("ea_repo.service.archimate.validate_exchange", lambda root: ["line 1: rusak"])
    target = tmp_path / "arsitektur.xml"
    done = runner.invoke(app, ["--db", url, "--lang", "en", "export", "--format", "archimate", "-o", str(target)])
    assert done.exit_code == 2 and not target.exists()
    assert "not valid against the ArchiMate 3.1 XSDs" in done.output and "rusak" in done.output
    unchecked = runner.invoke(
        app, ["--db", url, "export", "--format", "archimate", "-o", str(target), "--no-validate", "--view", "none"]
    )
    assert unchecked.exit_code == 0 and target.exists()


def test_cli_refuses_an_unknown_view_and_plateau(tmp_path):
    url = f"sqlite:///{tmp_path}/ea.db"
    runner.invoke(app, ["--db", url, "init"])
    runner.invoke(app, ["--db", url, "import", str(SAMPLES / "contoh")])
    target = tmp_path / "x.xml"
    assert (
        runner.invoke(
            app, ["--db", url, "export", "--format", "archimate", "-o", str(target), "--view", "impact"]
        ).exit_code
        == 2
    )
    assert (
        runner.invoke(
            app, ["--db", url, "export", "--format", "archimate", "-o", str(target), "--plateau", "kemarin"]
        ).exit_code
        == 2
    )
    assert not target.exists()


def test_readme_holds_the_mapping_table_as_generated():
    from ea_repo.archimate.picture import mapping_markdown

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- archimate-mapping:start -->\n", "<!-- archimate-mapping:end -->"
    assert readme[readme.index(start) + len(start) : readme.index(end)] == mapping_markdown()


@needs_dot
def test_view_picture_draws_every_node(repo):
    from ea_repo.archimate.picture import view_svg

    _import(repo, SAMPLES / "contoh")
    data = _export(repo, "kab-contoh", plateau="as-is", opd="14").data
    svg = etree.fromstring(view_svg(data).encode())
    nodes = _parse(data).findall(".//a:view/a:node", NS)
    assert len(svg.findall("{http://www.w3.org/2000/svg}rect")) == len(nodes) + 1  # + the background
