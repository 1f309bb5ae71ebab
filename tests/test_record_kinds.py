"""Record kinds (RoadmapPlan, Initiative, Enactment, Review, Budget) are metamodel kinds read by the one
document reader; the code asks the registry where it used to restate the metamodel."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ea_repo.catalog.documents import RecordMetadata, all_kind_names, document_model
from ea_repo.catalog.importer import parse_catalog, parse_records_text, parse_records_texts
from ea_repo.core.errors import ImportRejected
from ea_repo.planning import records
from metamodel import load_metamodel

ROOT = Path(__file__).resolve().parent.parent

SERVER = """apiVersion: ea-repo/v1
kind: Server
metadata: {id: I.PKS.001, name: Server Utama, ippd: kab-contoh, opd: '1'}
spec:
  memory_gb: dua ribu
"""
BUDGET = """apiVersion: ea-repo/v1
kind: Budget
metadata: {id: dpa-2025, ippd: kab-contoh}
spec:
  year: dua ribu
  document: DPA 2025
"""
INITIATIVE = """apiVersion: ea-repo/v1
kind: Initiative
metadata: {id: A.1, name: Satu Data, ippd: kab-contoh}
spec: {muatan: aplikasi}
"""


def problems_of(tmp_path: Path, files: dict[str, str]) -> list:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected:
        parse_catalog([tmp_path])
    return rejected.value.problems


# --- declared in the metamodel ------------------------------------------------------------
def test_every_record_kind_is_declared_in_the_metamodel_with_its_fields():
    metamodel = load_metamodel()
    assert metamodel.record_kind_names() == ("RoadmapPlan", "Initiative", "Enactment", "Review", "Budget")
    assert records.ROADMAP_KINDS == metamodel.record_kind_names("roadmap") == (records.PLAN, records.INITIATIVE)
    assert records.EVIDENCE_KINDS == metamodel.record_kind_names("evidence")
    assert set(records.EVIDENCE_KINDS) == {records.ENACTMENT, records.REVIEW, records.BUDGET}
    assert (records.FIRST_YEAR, records.LAST_YEAR) == metamodel.record_years
    budget = metamodel.record_kind("budget")
    assert {f.name: (f.type, f.required) for f in budget.fields} == {
        "year": ("year", True),
        "document": ("text", True),
        "initiatives": ("ids", False),
        "amount": ("number", False),
    }
    covers = next(f for f in metamodel.record_kind("Enactment").fields if f.name == "covers")
    assert covers.values == metamodel.subjects == ("arsitektur", "peta-rencana")
    # the plan's and the initiative's attributes are the record kinds' national columns, declared once
    assert metamodel.roadmap.initiative_attributes == metamodel.record_kind("Initiative").attributes
    assert [a.name for a in metamodel.roadmap.plan_attributes] == ["start_year", "end_year", "document"]


def test_the_document_schemas_are_built_from_the_declarations():
    metamodel = load_metamodel()
    assert set(metamodel.record_kind_names()) <= set(all_kind_names())
    for kind in metamodel.record_kinds:
        model = document_model(kind.name)
        assert model.model_fields["metadata"].annotation is RecordMetadata
        assert list(model.model_fields["spec"].annotation.model_fields) == [f.name for f in kind.fields]


# --- read, explained and de-duplicated by the one reader ------------------------------------
def test_a_bad_budget_year_is_explained_like_a_bad_server_memory(tmp_path):
    problems = problems_of(tmp_path, {"anggaran.yaml": BUDGET, "server.yaml": SERVER})
    rendered = sorted(p.render() for p in problems)
    assert rendered == [
        f"{tmp_path / 'anggaran.yaml'}:5: Budget dpa-2025 .spec.year: harus bilangan bulat, tertulis 'dua ribu'",
        f"{tmp_path / 'server.yaml'}:5: Server I.PKS.001 .spec.memory_gb: "
        "harus angka (hanya digit, mis. 32 atau 2.5), tertulis 'dua ribu'",
    ]
    shape = re.compile(r"^.+\.yaml:5: \w+ \S+ \.spec\.\w+: harus [^,]+(\([^)]*\))?, tertulis 'dua ribu'$")
    assert all(shape.match(text) for text in rendered)
    english = sorted(p.render("en") for p in problems)
    assert english[0].endswith(".spec.year: expected a whole number, got 'dua ribu'")


def test_a_record_is_explained_in_indonesian_by_default_whatever_is_wrong(tmp_path):
    text = """apiVersion: ea-repo/v1
kind: Review
metadata: {id: reviu-2024, ippd: kab-contoh}
spec:
  covers: [lain]
  unknown: x
---
apiVersion: ea-repo/v1
kind: Budget
metadata: {id: dpa-1800, ippd: kab-contoh}
spec: {year: 1800, document: '   '}
"""
    _, problems = parse_records_text(text, "bukti.yaml")
    by_field = {(p.kind, p.field): (p.line, p.render()) for p in problems}
    assert by_field[("Review", "spec.date")][1].endswith("field wajib belum diisi")
    assert by_field[("Review", "spec.covers.0")] == (
        5,
        "bukti.yaml:5: Review reviu-2024 .spec.covers.0: harus salah satu dari: arsitektur, peta-rencana, "
        "tertulis 'lain'",
    )
    assert by_field[("Review", "spec.unknown")][1].endswith(
        "field tidak dikenal; Review spec mengenal: date, covers, issues, recommendations, concerns, followed_up_in, "
        "tertulis 'x'"
    )
    assert by_field[("Budget", "spec.year")][1].endswith("harus paling kecil 1900, tertulis '1800'")
    assert by_field[("Budget", "spec.document")][1].endswith("field wajib belum diisi")
    assert all(p.line for p in problems)
    assert not any("Input should" in p.render() or "String should" in p.render() for p in problems)


def test_a_record_id_defined_in_two_files_is_a_duplicate(tmp_path):
    problems = problems_of(tmp_path, {"a.yaml": INITIATIVE, "b.yaml": INITIATIVE.replace("id: A.1", "id: a.1")})
    (problem,) = problems
    assert problem.path == str(tmp_path / "b.yaml") and problem.line == 1 and problem.field == "metadata.id"
    assert problem.render() == (
        f"{tmp_path / 'b.yaml'}:1: .metadata.id: ganda: Initiative A.1 sudah didefinisikan di {tmp_path / 'a.yaml'}:1"
    )


def test_a_roadmap_import_finds_a_record_written_in_two_texts():
    """`ea roadmap import a.yaml b.yaml` reads its texts as one input: the second A.1 is a duplicate, once."""
    items, problems = parse_records_texts(
        [("a.yaml", INITIATIVE), ("b.yaml", INITIATIVE.replace("id: A.1", "id: a.1"))]
    )
    (problem,) = problems
    assert len(items) == 2 and problem.path == "b.yaml" and problem.field == "metadata.id"
    assert problem.render() == "b.yaml:1: .metadata.id: ganda: Initiative A.1 sudah didefinisikan di a.yaml:1"
    _, within_one = parse_records_texts([("a.yaml", INITIATIVE + "---\n" + INITIATIVE)])
    assert [p.line for p in within_one] == [6]  # the second document starts after the separator


def test_a_roadmap_import_takes_records_only(tmp_path):
    _, problems = parse_records_text(SERVER, "peta.yaml")
    (problem,) = problems
    assert problem.field == "kind" and "RoadmapPlan, Initiative, Enactment, Review, Budget" in problem.render()


# --- no cycle -----------------------------------------------------------------------------------
def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # function-level imports too
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


@pytest.mark.parametrize(
    "module, other",
    [
        ("ea_repo.catalog.documents", "ea_repo.planning.records"),
        ("ea_repo.planning.records", "ea_repo.catalog.documents"),
    ],
)
def test_documents_and_records_do_not_import_each_other(module, other):
    source = ROOT / (module.replace(".", "/") + ".py")
    assert not any(name == other or name.startswith(other + ".") for name in _imports(source))
    code = f"import sys, {module}; print({other!r} in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"


# --- the metamodel asked, not restated ----------------------------------------------------------
def test_the_yaml_suffixes_are_written_once():
    from ea_repo.core.yaml_io import YAML_SUFFIXES

    assert YAML_SUFFIXES == (".yaml", ".yml")
    literal = re.compile(r"""["']\.yml["']""")
    written = [
        str(path.relative_to(ROOT))
        for package in ("ea_repo", "cli", "api", "viz")
        for path in (ROOT / package).rglob("*.py")
        if literal.search(path.read_text(encoding="utf-8"))
    ]
    assert written == ["ea_repo/core/yaml_io.py"]


def test_the_redundancy_source_reads_the_link_fields_the_metamodel_declares():
    from ea_repo.redundancy import source

    metamodel = load_metamodel()
    application = metamodel.kind(source.APPLICATION)
    hosts = {metamodel.relation(r).field for r in ("runs-on",)}
    expected = {
        metamodel.relation_for(source.APPLICATION, source.SERVICE).relation.field: source.SERVICE,
        metamodel.relation_for(source.APPLICATION, source.DATA).relation.field: source.DATA,
    } | dict.fromkeys(hosts, source.HOST)
    assert source.link_field_kinds() == expected
    assert set(expected) <= set(application.link_fields)
    assert all(metamodel.has_kind(k) for k in (source.APPLICATION, source.SERVICE, source.DATA, source.HOST))
    sql_fields = set(re.findall(r"'([^']+)'", source._LINKS))
    assert sql_fields == {*expected, "related"}
    assert set(re.findall(r"'([^']+)'", source._TARGETS)) == {source.SERVICE, source.DATA}


def test_the_diagram_layers_are_the_metamodel_domains_in_their_layer_order():
    from viz.style import FILL, INK, LAYERS, SHAPE

    domains = load_metamodel().domains
    assert LAYERS == tuple(d.key for d in sorted(domains, key=lambda d: d.layer))
    assert set(LAYERS) == {d.key for d in domains} == set(FILL) == set(INK) == set(SHAPE)
    names = {name for d in domains for name in (d.name_id, d.name_en)}
    viz_texts = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "viz").glob("*.py"))
    assert not [name for name in names if f'"{name}"' in viz_texts]  # domain names come from the metamodel


def test_the_assessment_target_plateau_is_the_metamodels_last_named_plateau():
    from ea_repo.evidence import assessment

    assert assessment.TARGET_PLATEAU == load_metamodel().named_plateaus[-1] == "to-be"
    assert '"to-be"' not in (ROOT / "ea_repo" / "evidence" / "assessment.py").read_text(encoding="utf-8")


def test_a_record_kinds_sheet_is_the_metamodels_declaration():
    """The workbook's roadmap and evidence sheets restate nothing: sheet name, name header and every spec column
    (header, aliases) come from the `records:` section."""
    from ea_repo.sheets.layout import layout_for_sheet

    metamodel = load_metamodel()
    for name in metamodel.record_kind_names():
        record = metamodel.record_kind(name)
        layout = layout_for_sheet(record.sheet)
        assert layout is not None and layout.kind == name
        spec = [c for c in layout.columns if c.path[0] == "spec"]
        fields = [f for f in record.fields if f.column]
        assert [(c.header, c.path[1]) for c in spec] == [(f.column, f.name) for f in fields]
        assert all(set(f.aliases) <= set(c.aliases) for c, f in zip(spec, fields, strict=True))
        assert next(c.header for c in layout.columns if c.path == ("metadata", "name")) == record.name_column
