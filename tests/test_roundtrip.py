"""Export writes the same YAML back: deterministic, lossless, byte-stable after one pass."""

from __future__ import annotations

import datetime as dt

from helpers import doc, organisation, write_yaml

from ea_repo import service
from metamodel import load_metamodel

_VALUES = {
    "text": "Teks: contoh, dengan 'kutip' & <tanda>",
    "url": "https://contoh.go.id/app",
    "integer": "7",
    "number": "2.5",
    "date": "2024-03-10",
    "boolean": "tidak",
}


def full_document(kind, plateau: str = "as-is") -> dict:
    """A document filling every attribute and link field of the kind."""
    spec = {a.name: (a.values[-1] if a.type == "enum" else _VALUES[a.type]) for a in kind.attributes}
    metamodel = load_metamodel()
    spec["reference"] = [f"{metamodel.domain(kind.domain).reference}.01 Nama tertulis"]
    for field in kind.link_fields:
        spec[field] = ["A.999"]
    spec["related"] = "L.998, D.997"
    element_id = f"{kind.id_example.rsplit('.', 1)[0]}.{load_metamodel().kind_order(kind.name) + 1:03d}"
    document = doc(kind.name, element_id, plateau=plateau, **spec)
    document["metadata"]["labels"] = {"sumber": "uji"}
    document["metadata"]["annotations"] = {"sel-asli": "L.998, D.997"}
    return document


def tree(path):
    return {p.relative_to(path): p.read_bytes() for p in sorted(path.rglob("*.yaml"))}


def test_every_kind_round_trips_byte_stable(repo, tmp_path):
    metamodel = load_metamodel()
    docs = (
        organisation()
        + [full_document(k) for k in metamodel.kinds]
        + [full_document(k, "to-be") for k in metamodel.kinds[:3]]
    )
    write_yaml(tmp_path / "in.yaml", docs)
    service.import_paths(repo, [tmp_path / "in.yaml"], principal=service.local_principal())
    service.export_catalog(repo, tmp_path / "one", principal=service.local_principal())
    first_rows = service.list_elements(repo, principal=service.local_principal())

    again, _ = service.init_repository(f"sqlite:///{tmp_path}/again.db")
    service.import_paths(again, [tmp_path / "one"], principal=service.local_principal())
    service.export_catalog(again, tmp_path / "two", principal=service.local_principal())
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    second_rows = service.list_elements(again, principal=service.local_principal())
    strip = lambda rows: [
        (r.key, r.kind, r.name, r.opd, r.reference, r.spec, r.labels, r.annotations, r.links) for r in rows
    ]
    assert strip(first_rows) == strip(second_rows)


def test_nothing_of_a_full_row_is_lost(repo, tmp_path):
    kind = load_metamodel().kind("Server")
    write_yaml(tmp_path / "in.yaml", [full_document(kind)])
    service.import_paths(repo, [tmp_path / "in.yaml"], principal=service.local_principal())
    [row] = service.list_elements(repo, principal=service.local_principal())
    assert row.spec["memory_gb"] == 2.5 and row.spec["owner"].startswith("Teks: contoh")
    assert row.reference == ("RAI.01 Nama tertulis",)
    assert row.links == (("located_in", "A.999"), ("related", "L.998"), ("related", "D.997"))
    assert row.annotations == {"sel-asli": "L.998, D.997"}
    dated = load_metamodel().kind("SecurityAudit")
    write_yaml(tmp_path / "in2.yaml", [full_document(dated)])
    service.import_paths(repo, [tmp_path / "in2.yaml"], principal=service.local_principal())
    audit = next(
        r for r in service.list_elements(repo, principal=service.local_principal()) if r.kind == "SecurityAudit"
    )
    assert audit.spec["audit_date"] == dt.date(2024, 3, 10).isoformat()


def test_export_layout_and_order(repo, tmp_path):
    docs = (
        organisation(opds=("10", "2"))
        + [doc("Application", i) for i in ("A.10", "A.2", "A.1")]
        + [doc("Server", "I.PKS.1")]
    )
    write_yaml(tmp_path / "in.yaml", docs)
    service.import_paths(repo, [tmp_path / "in.yaml"], principal=service.local_principal())
    result = service.export_catalog(repo, tmp_path / "out", principal=service.local_principal())
    names = sorted(str(p.relative_to(tmp_path / "out")) for p in result.files)
    assert names == ["kab/as-is/application.yaml", "kab/as-is/infrastructure.yaml", "kab/organisasi.yaml"]
    text = (tmp_path / "out" / "kab" / "as-is" / "application.yaml").read_text()
    assert text.index("A.1\n") < text.index("A.2\n") < text.index("A.10\n")
    organisations = (tmp_path / "out" / "kab" / "organisasi.yaml").read_text()
    assert organisations.index("kind: IPPD") < organisations.index("id: '2'") < organisations.index("id: '10'")
