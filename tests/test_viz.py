"""Diagrams: the views pick the right elements, `dot` renders them, colours follow the legend,
and hostile names can neither break nor inject into DOT or SVG."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import doc, needs_dot, organisation, write_yaml
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from viz import dot, model, views
from viz.style import FILL

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory):
    repo, _ = service.init_repository(f"sqlite:///{tmp_path_factory.mktemp('viz')}/ea.db")
    service.import_paths(repo, [ROOT / "samples" / "contoh"], principal=service.local_principal())
    return model.build(service.diagram_data(repo, "kab-contoh", "as-is", principal=service.local_principal()))


def svg_parts(data: bytes) -> tuple[dict[str, ET.Element], dict[str, ET.Element]]:
    """SVG node groups and edge groups by their id."""
    root = ET.fromstring(data)
    groups = [g for g in root.iter(f"{SVG}g") if g.get("id")]
    return (
        {g.get("id"): g for g in groups if g.get("class", "").startswith("node")},
        {g.get("id"): g for g in groups if g.get("class", "").split(" ")[0] == "edge"},
    )


@needs_dot
def test_layered_view_renders_every_element_and_link_in_its_colour(sample_graph):
    nodes, edges = svg_parts(dot.render(dot.to_dot(sample_graph, "kab-contoh as-is"), "svg"))
    assert set(sample_graph.nodes) <= set(nodes)
    for source, target, attrs in sample_graph.edges(data=True):
        assert f"{source} {attrs['relation']} {target}" in edges
    for node, attrs in sample_graph.nodes(data=True):
        fill = (
            nodes[node].find(f"{SVG}polygon")
            if nodes[node].find(f"{SVG}polygon") is not None
            else nodes[node].find(f"{SVG}ellipse")
        )
        if fill is None:
            fill = nodes[node].find(f"{SVG}path")
        assert fill.get("fill").upper() == FILL[attrs["domain"]].upper(), node
    for key in {a["domain"] for _, a in sample_graph.nodes(data=True)}:
        assert f"legend-{key}" in nodes


def test_the_opd_view_holds_its_elements_and_their_neighbours(sample_graph):
    view = model.layered(sample_graph, "14")
    own = {n for n, a in sample_graph.nodes(data=True) if a["opd"] == "14"}
    assert own and own <= set(view)
    assert all(
        a["opd"] == "14" or any(n in sample_graph[o] or o in sample_graph[n] for o in own)
        for n, a in view.nodes(data=True)
    )


def test_context_and_impact_follow_the_links():
    data = service.DiagramData(
        "k",
        "as-is",
        [
            service.DiagramElement(i, i, k, d, "1", ())
            for i, k, d in [
                ("P.1", "BusinessProcess", "business"),
                ("L.1", "Service", "service"),
                ("A.1", "Application", "application"),
                ("I.PKS.1", "Server", "infrastructure"),
                ("A.2", "Application", "application"),
            ]
        ],
        [
            service.DiagramLink("L.1", "realises", "P.1"),
            service.DiagramLink("A.1", "supports", "L.1"),
            service.DiagramLink("A.1", "runs-on", "I.PKS.1"),
            service.DiagramLink("A.2", "runs-on", "I.PKS.1"),
        ],
    )
    graph = model.build(data)
    assert set(model.context(graph, "A.1", 1)) == {"A.1", "L.1", "I.PKS.1"}
    assert set(model.context(graph, "A.1", 2)) == {"A.1", "L.1", "I.PKS.1", "P.1", "A.2"}
    assert set(model.impact(graph, "I.PKS.1")) == {"I.PKS.1", "A.1", "A.2"}  # what runs on the server
    assert set(model.impact(graph, "L.1")) == {"L.1", "A.1", "P.1"}  # not the server A.1 runs on
    with pytest.raises(model.UnknownElement):
        model.impact(graph, "A.9")


@needs_dot
def test_hostile_names_neither_break_nor_inject():
    hostile = 'Sistem "Ganda" <script>alert(1)</script> & co\nbaris dua\\ ]; "x" -> "y\x1b\x00'
    data = service.DiagramData(
        "k", "as-is", [service.DiagramElement("A.1", hostile, "Application", "application", "1", ("RAA.01 <x>",))], []
    )
    text = dot.to_dot(model.build(data), 'Judul "berbahaya" <b>\x1b\n')
    svg = dot.render(text, "svg")
    root = ET.fromstring(svg)  # still well-formed XML
    assert not any(e.tag.endswith("script") for e in root.iter())
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert '"Ganda" <script>alert(1)</script> & co' in words and "baris dua" in words
    nodes, _ = svg_parts(svg)
    assert set(nodes) == {"A.1", "legend-application"}  # no node injected


@needs_dot
def test_a_name_stored_before_the_limits_still_draws_shortened():
    """dot refuses a label past 16,384 characters; a name that long can only be from before the limits."""
    huge = "n" * 20_000
    data = service.DiagramData(
        "k", "as-is", [service.DiagramElement("A.1", huge, "Application", "application", "1", ())], []
    )
    svg = dot.render(dot.to_dot(model.build(data), "Judul"), "svg")
    words = "".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))
    assert "n" * 400 in words and huge not in words and "…" in words


def test_a_missing_dot_program_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(dot.DotMissing, match="apt-get install graphviz"):
        dot.render("digraph {}", "svg")
    assert dot.render("digraph {}", "dot") == b"digraph {}"


@needs_dot
def test_ea_diagram_commands(tmp_path):
    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/ea.db"
    runner.invoke(app, ["--db", db, "init"])
    write_yaml(
        tmp_path / "c.yaml", organisation() + [doc("Application", "A.1", runs_on=["I.PKS.1"]), doc("Server", "I.PKS.1")]
    )
    runner.invoke(app, ["--db", db, "import", str(tmp_path / "c.yaml")])
    for args, suffix in (
        (["layers"], "svg"),
        (["domain", "application"], "dot"),
        (["context", "A.1"], "pdf"),
        (["impact", "I.PKS.1"], "png"),
    ):
        target = tmp_path / f"d.{suffix}"
        result = runner.invoke(app, ["--db", db, "diagram", *args, "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 0
    assert runner.invoke(app, ["--db", db, "diagram", "layers", "--format", "png"]).exit_code == 2  # binary needs -o
    assert runner.invoke(app, ["--db", db, "diagram", "impact", "A.9"]).exit_code == 1
    _, edges = svg_parts(runner.invoke(app, ["--db", db, "diagram", "layers"]).stdout_bytes)  # SVG on stdout
    assert set(edges) == {"A.1 runs-on I.PKS.1"}


@pytest.fixture(scope="module")
def sample_repo(tmp_path_factory):
    repo, _ = service.init_repository(f"sqlite:///{tmp_path_factory.mktemp('vizdiff')}/ea.db")
    service.import_paths(repo, [ROOT / "samples" / "contoh"], principal=service.local_principal())
    return repo


def test_the_difference_view_marks_every_change_by_line_and_mark(sample_repo):
    diff = service.diagram_diff(sample_repo, "kab-contoh", "as-is", "to-be", principal=service.local_principal())
    graph = model.difference(diff)
    before = {e.id for e in diff.before.elements}
    after = {e.id for e in diff.after.elements}
    changes = {n: a["change"] for n, a in graph.nodes(data=True)}
    assert {n for n, c in changes.items() if c == "added"} == after - before
    assert {n for n, c in changes.items() if c == "retired"} == before - after
    assert {c for n, c in changes.items() if n in before & after} <= {
        "kept",
        "changed",
    } and "changed" in changes.values()
    if shutil.which("dot") or os.environ.get("EA_TEST_REQUIRE_DOT"):
        svg = dot.render(dot.to_dot(graph, "diff"), "svg")
        root = ET.fromstring(svg)
        classes = {g.get("id"): g.get("class", "") for g in root.iter(f"{SVG}g") if g.get("id")}
        added = next(n for n, c in changes.items() if c == "added")
        retired = next(n for n, c in changes.items() if c == "retired")
        assert "added" in classes[added] and "retired" in classes[retired]
        assert {"legend-added", "legend-retired", "legend-changed"} <= set(classes)
        texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        assert f"+ {added}" in texts and f"− {retired}" in texts


def test_the_opd_view_counts_links_between_opds(sample_graph):
    view = model.opd_view(sample_graph)
    expected: dict[tuple[str, str], int] = {}
    for s, t in sample_graph.edges():
        a, b = sample_graph.nodes[s]["opd"] or "-", sample_graph.nodes[t]["opd"] or "-"
        if a != b:
            expected[(f"OPD {a}", f"OPD {b}")] = expected.get((f"OPD {a}", f"OPD {b}"), 0) + 1
    assert {(s, t): a["count"] for s, t, a in view.edges(data=True)} == expected
    assert sum(a["members"] for _, a in view.nodes(data=True)) == sample_graph.number_of_nodes()


def test_big_graphs_are_collapsed_and_say_so(sample_graph):
    same, note = model.aggregate(sample_graph, max_nodes=1000)
    assert same is sample_graph and note is None
    small, note = model.aggregate(sample_graph, max_nodes=10)
    assert note and "67 elements collapsed" in str(note) and small.number_of_nodes() <= 10  # by IPPD and domain
    assert "67 elemen diringkas" in note.render("id")
    by_opd, note = model.aggregate(sample_graph, max_nodes=40)
    assert "ippd/opd/domain" in str(note) and 10 < by_opd.number_of_nodes() <= 40
    assert sum(a["members"] for _, a in small.nodes(data=True)) == 67
    assert sum(a["count"] for _, _, a in small.edges(data=True)) == sample_graph.number_of_edges()
    assert "collapsed" in dot.to_dot(small, "t", note=str(note))


def test_graphml_and_json_carry_the_graph(sample_graph):
    import json

    import networkx as nx

    from viz import export

    back = nx.read_graphml(__import__("io").BytesIO(export.graph_bytes(sample_graph, "graphml")))
    assert set(back.nodes) == set(sample_graph.nodes) and back.number_of_edges() == sample_graph.number_of_edges()
    data = json.loads(export.graph_bytes(sample_graph, "json"))
    assert {n["id"] for n in data["nodes"]} == set(sample_graph.nodes)
    assert {(l["source"], l["relation"], l["target"]) for l in data["links"]} == {
        (s, a["relation"], t) for s, t, a in sample_graph.edges(data=True)
    }


def test_every_metamodel_domain_has_a_style():
    from metamodel import load_metamodel
    from viz.style import INK, LAYERS, SHAPE

    keys = {d.key for d in load_metamodel().domains}
    assert keys == set(LAYERS) == set(FILL) == set(INK) == set(SHAPE)


@needs_dot
@pytest.mark.parametrize(
    "request_",
    [
        views.ViewRequest("layers"),
        views.ViewRequest("layers", opd="14"),
        views.ViewRequest("domain", domain="infrastructure"),
        views.ViewRequest("context", element="A.001", depth=2),
        views.ViewRequest("impact", element="I.PKS.003"),
        views.ViewRequest("diff", opd="2"),
        views.ViewRequest("opds"),
        views.ViewRequest("layers", plateau="to-be"),
    ],
    ids=lambda r: f"{r.view}-{r.opd or r.domain or r.element or r.plateau}",
)
def test_every_view_of_the_sample_renders_with_its_nodes_and_edges(sample_repo, request_):
    graph, title = views.view_graph(
        service.diagram_view(sample_repo, "kab-contoh", request_, principal=service.local_principal())
    )
    assert graph.number_of_nodes() > 0
    data, note = views.produce(graph, title, "svg")
    nodes, edges = svg_parts(data)
    assert note is None and set(graph.nodes) <= set(nodes)
    assert {f"{s} {a['relation']} {t}" for s, t, a in graph.edges(data=True)} <= set(edges)


@needs_dot
def test_clusters_by_opd_put_each_element_in_its_opd_box(sample_graph):
    root = ET.fromstring(dot.render(dot.to_dot(sample_graph, "t", cluster="opd"), "svg"))
    boxes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cluster"]
    titles = {"".join(t.text or "" for t in g.iter(f"{SVG}text")) for g in boxes}
    opds = {a["opd"] or "-" for _, a in sample_graph.nodes(data=True)}
    assert {f"OPD {o}" for o in opds} <= titles


def _two_ippds(tmp_path) -> service.Repository:
    repo, _ = service.init_repository(f"sqlite:///{tmp_path}/ea.db")
    service.import_paths(repo, [ROOT / "samples" / "contoh"], principal=service.local_principal())
    other = organisation("kota-lain") + [
        doc("Application", "A.001", ippd="kota-lain", runs_on=["I.PKS.1"], reference=["RAA.01.01"]),
        doc("Server", "I.PKS.1", ippd="kota-lain"),
    ]
    service.import_paths(repo, [write_yaml(tmp_path / "lain.yaml", other)], principal=service.local_principal())
    return repo


def test_the_national_picture_holds_every_ippd_with_qualified_ids(tmp_path):
    repo = _two_ippds(tmp_path)
    national = service.national_diagram_data(repo, "as-is", principal=service.local_principal())
    parts = [
        service.diagram_data(repo, code, "as-is", principal=service.local_principal())
        for code in ("kab-contoh", "kota-lain")
    ]
    assert {e.id for e in national.elements} == {f"{p.ippd}/{e.id}" for p in parts for e in p.elements}
    assert {(k.subject, k.relation, k.object) for k in national.links} == {
        (f"{p.ippd}/{k.subject}", k.relation, f"{p.ippd}/{k.object}") for p in parts for k in p.links
    }
    graph = model.build(national)
    assert (
        graph.nodes["kota-lain/A.001"]["ippd"] == "kota-lain"
        and graph.nodes["kab-contoh/A.001"]["ippd"] == "kab-contoh"
    )
    scoped = service.Principal("t", service.Role.VIEWER, ippd="kota-lain")
    assert {e.id for e in service.national_diagram_data(repo, "as-is", principal=scoped).elements} == {
        "kota-lain/A.001",
        "kota-lain/I.PKS.1",
    }


def _many_ippds(count: int) -> service.DiagramData:
    """`count` IPPDs, each with the same two applications (RAA.01.01.x, RAA.02.01.x), a data set and a server."""
    elements, links = [], []
    for n in range(count):
        ippd = f"ippd-{n}"
        for element_id, kind, domain, code in (
            ("A.1", "Application", "application", "RAA.01.01.01"),
            ("A.2", "Application", "application", "RAA.02.01.03"),
            ("D.1", "DataSet", "data", "RAD.01.02.01"),
            ("I.PKS.1", "Server", "infrastructure", None),
        ):
            elements.append(
                service.DiagramElement(
                    f"{ippd}/{element_id}", element_id, kind, domain, "1", (code,) if code else (), ippd
                )
            )
        links += [
            service.DiagramLink(f"{ippd}/A.1", "uses", f"{ippd}/D.1"),
            service.DiagramLink(f"{ippd}/A.2", "uses", f"{ippd}/D.1"),
            service.DiagramLink(f"{ippd}/A.1", "runs-on", f"{ippd}/I.PKS.1"),
        ]
    return service.DiagramData(None, "as-is", elements, links)


def test_the_overview_collapses_by_ippd_then_by_reference_code_and_thins_edges():
    data = _many_ippds(5)  # 20 elements; 15 IPPD/domain groups; 4 domain/reference groups
    whole, note = model.overview(data, max_nodes=20)
    assert note is None and whole.number_of_nodes() == 20
    by_ippd, note = model.overview(data, max_nodes=15)
    assert "ippd/opd/domain groups" in str(note) and by_ippd.number_of_nodes() == 15  # one OPD each
    by_code, note = model.overview(data, max_nodes=10)
    assert "20 elements collapsed into 4 domain/reference:2 groups (over 10)" in str(note)
    assert set(by_code) == {
        "application / RAA.01.01",
        "application / RAA.02.01",
        "data / RAD.01.02",
        "infrastructure / -",
    }
    assert by_code.nodes["application / RAA.01.01"]["members"] == 5 and by_code.nodes["application / RAA.01.01"][
        "reference"
    ] == ("RAA.01.01",)
    assert {(s, t): c for s, t, c in by_code.edges(data="count")} == {
        ("application / RAA.01.01", "data / RAD.01.02"): 5,
        ("application / RAA.02.01", "data / RAD.01.02"): 5,
        ("application / RAA.01.01", "infrastructure / -"): 5,
    }
    by_level_one, note = model.overview(data, max_nodes=3)
    assert "domain groups" in str(note) and by_level_one.number_of_nodes() == 3  # RAA.01 and RAA.02 would make 4
    same, _ = model.aggregate(model.build(data), max_nodes=10)
    assert set(same) == set(by_code) and sorted(same.edges(data="count")) == sorted(by_code.edges(data="count"))
    thin, note = model.overview(data, max_nodes=10, max_edges=2)
    assert thin.number_of_edges() == 2 and "the 2 heaviest of 3 group links drawn (each ×5 or more)" in str(note)
    assert thin.number_of_nodes() == 4  # thinning drops edges, never groups


def test_reference_prefixes_cut_codes_to_a_level():
    assert model.reference_prefix(("RAA.01.02.05 Nama",), 2) == "RAA.01.02"
    assert model.reference_prefix(("RAA.01.02.05",), 1) == "RAA.01"
    assert model.reference_prefix((), 1) == model.NO_CODE


@needs_dot
def test_ea_diagram_national_draws_every_ippd_and_says_what_it_collapsed(tmp_path):
    _two_ippds(tmp_path)
    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/ea.db"
    result = runner.invoke(app, ["--db", db, "diagram", "national", "--max-nodes", "12", "-o", str(tmp_path / "n.svg")])
    assert result.exit_code == 0, result.output
    assert "diringkas menjadi" in result.output
    nodes, _ = svg_parts((tmp_path / "n.svg").read_bytes())
    assert any(n.startswith("kota-lain / ") for n in nodes) and any(n.startswith("kab-contoh / ") for n in nodes)
    words = " ".join(t.text or "" for t in ET.fromstring((tmp_path / "n.svg").read_bytes()).iter(f"{SVG}text"))
    assert "diringkas menjadi" in words and "Nasional (2 IPPD)" in words


def test_an_unknown_plateau_is_refused_not_drawn_empty(sample_repo):
    from ea_repo.core.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown plateau"):
        service.diagram_data(sample_repo, "kab-contoh", "\x1b", principal=service.local_principal())


def test_the_opd_neighbourhood_built_from_data_equals_the_layered_subgraph(sample_repo):
    data = service.diagram_data(sample_repo, "kab-contoh", "as-is", principal=service.local_principal())
    whole = model.build(data)
    for opd in ("1", "2", "14", "20"):
        small = model.build(data, model.opd_neighbourhood(data, opd))
        expected = model.layered(whole, opd)
        assert set(small) == set(expected) and sorted(small.edges(data="relation")) == sorted(
            expected.edges(data="relation")
        )


# --- one edge per link; wide bands in rows (issue 21) ----------------------------------------------
def test_a_link_declared_on_both_ends_is_one_edge(repo, tmp_path):
    docs = organisation() + [
        doc("Application", "A.1", services=["L.1"], runs_on=["I.PKS.1"]),
        doc("Service", "L.1", related="A.1"),
        doc("Server", "I.PKS.1"),
    ]
    service.import_paths(repo, [write_yaml(tmp_path / "c.yaml", docs)], principal=service.local_principal())
    data = service.diagram_data(repo, docs[0]["metadata"]["id"], "as-is", principal=service.local_principal())
    assert sorted(data.links).count(service.DiagramLink("A.1", "supports", "L.1")) == 2  # both declarations read
    graph = model.build(data)
    assert sorted((s, a["relation"], t) for s, t, a in graph.edges(data=True)) == [
        ("A.1", "runs-on", "I.PKS.1"),
        ("A.1", "supports", "L.1"),
    ]
    collapsed, _ = model.overview(data, max_nodes=1)  # the groups count links, not declarations
    assert sum(count for _, _, count in collapsed.edges(data="count")) == 2
    if shutil.which("dot"):
        _, edges = svg_parts(dot.render(dot.to_dot(graph, "t"), "svg"))
        assert sorted(edges) == ["A.1 runs-on I.PKS.1", "A.1 supports L.1"]


def _band(count: int) -> service.DiagramData:
    names = [
        "Sistem Informasi Manajemen Kepegawaian Daerah",
        "SIMDA Keuangan",
        "Aplikasi Pelayanan Perizinan Terpadu Satu Pintu",
        "Website Dinas Kesehatan",
        "e-Puskesmas",
        "SRIKANDI",
    ]
    return service.DiagramData(
        "k",
        "as-is",
        [
            service.DiagramElement(
                f"A.{n:03d}", names[n % len(names)], "Application", "application", "1", ("RAA.01.02",)
            )
            for n in range(1, count + 1)
        ],
        [],
    )


def svg_size(data: bytes) -> tuple[float, float]:
    root = ET.fromstring(data)
    return float(root.get("width").removesuffix("pt")), float(root.get("height").removesuffix("pt"))


@needs_dot
def test_a_wide_band_wraps_into_rows_and_keeps_every_element():
    """32 applications in one band were one row, ~3,900 pt wide: about three screens. Wrapped at
    dot.ROW_WIDTH (1,200 pt), the picture with its legend row stays within 1,600 pt, a 1,600-pixel screen
    (Graphviz draws SVG at 72 points to the inch, one point per pixel at 100 %) or an A3 landscape page at
    75 %, where 10-point type stays readable."""
    graph = model.build(_band(32))
    svg = dot.render(dot.to_dot(graph, "32 aplikasi"), "svg")
    width, height = svg_size(svg)
    nodes, _ = svg_parts(svg)
    assert width <= 1600 and height > 300
    assert set(graph.nodes) <= set(nodes)


def test_rows_keep_the_order_and_stay_within_the_width():
    members = sorted(model.build(_band(32)).nodes(data=True))
    rows = dot.rows_of(members)
    assert [n for row in rows for n, _ in row] == [n for n, _ in members]
    assert len(rows) >= 3 and all(sum(dot.estimated_width(n, a) for n, a in row) <= dot.ROW_WIDTH for row in rows)
    assert dot.rows_of(members[:2]) == [members[:2]]  # a narrow band stays one row
    huge = [("A.1", {"name": "n" * 400, "domain": "application", "kind": "Application"})]
    assert dot.rows_of(huge) == [huge]  # wider than a row alone: a row of its own, never an empty one


def test_long_names_are_wrapped_in_their_node():
    label = dot.node_label(
        "A.1", {"name": "Sistem Informasi Manajemen Kepegawaian Daerah Kabupaten", "kind": "Application"}
    )
    assert label.count("<BR/>") >= 3 and all(len(line) <= 40 for line in label.split("<BR/>")[1:-1])


@needs_dot
def test_the_sample_difference_view_of_one_opd_is_no_longer_a_strip(sample_repo):
    """OPD 2's as-is → to-be (33 elements, 50 links) was 3,472 pt wide and 625 high."""
    graph, title = views.view_graph(
        service.diagram_view(
            sample_repo, "kab-contoh", views.ViewRequest("diff", opd="2"), principal=service.local_principal()
        )
    )
    width, height = svg_size(views.produce(graph, title, "svg")[0])
    assert width <= 2000 and width / height < 2.5


@needs_dot
def test_edge_labels_speak_the_readers_language():
    data = service.DiagramData(
        "k",
        "as-is",
        [
            service.DiagramElement("A.1", "SIMPEG", "Application", "application", "1", ()),
            service.DiagramElement("L.1", "Layanan", "Service", "service", "1", ()),
        ],
        [service.DiagramLink("A.1", "supports", "L.1")],
    )
    indonesian = dot.to_dot(model.build(data), "Judul", lang="id")
    english = dot.to_dot(model.build(data), "Title", lang="en")
    assert 'xlabel="mendukung"' in indonesian and "supports" not in indonesian.split("id=")[0]
    assert 'xlabel="supports"' in english
