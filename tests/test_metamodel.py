"""The metamodel registry: kinds, ID rules, relations, reference lists, all from data."""

from __future__ import annotations

import pytest
import yaml

from metamodel import (
    REFERENCE_DOMAINS,
    Metamodel,
    MetamodelError,
    ReferenceListError,
    build_reference_list,
    load_metamodel,
    normalise_id,
    parse_reference_cell,
    split_id_list,
)
from metamodel.registry import DATA_DIR

M = load_metamodel()


def test_six_domains_with_their_reference_lists():
    assert [(d.key, d.prefix, d.reference) for d in M.domains] == [
        ("business", "P", "RAB"),
        ("data", "D", "RAD"),
        ("service", "L", "RAL"),
        ("application", "A", "RAA"),
        ("infrastructure", "I", "RAI"),
        ("security", "K", "RAK"),
    ]


@pytest.mark.parametrize("kind", M.kinds, ids=lambda k: k.name)
def test_every_kind_is_complete(kind):
    assert kind.id_matches(kind.id_example)
    assert kind.attributes and all(a.column and a.label for a in kind.attributes)
    assert M.kind(kind.key) is kind and M.kind(kind.name.upper()) is kind


@pytest.mark.parametrize(
    "raw, kind, ok",
    [
        ("P.1", "BusinessProcess", True),
        ("D.001", "Data", True),
        ("L.001", "Service", True),
        ("A.001", "Application", True),
        ("I.PKS.003", "Server", True),
        ("K.PKK.001", "SecurityDevice", True),
        ("I.PKK.001", "SecurityDevice", True),
        ("a-001", "Application", True),
        (" A.001, ", "Application", True),
        ("i.pks.003", "Server", True),
        ("A.001", "Server", False),
        ("D.001", "Application", False),
        ("A.PKS.001", "Application", False),
        ("I.003", "Server", False),
        ("A", "Application", False),
        ("A.1.2", "Application", False),
        ("K.PKK.001", "Server", False),
    ],
)
def test_id_patterns_accept_real_variants_and_reject_garbage(raw, kind, ok):
    assert M.kind(kind).id_matches(normalise_id(raw)) is ok


def test_id_lists_as_cells_write_them():
    assert split_id_list("L.163,\nL.164,\nA.002") == ["L.163", "L.164", "A.002"]
    assert split_id_list("I.PKS.003 , I.PKS.006") == ["I.PKS.003", "I.PKS.006"]
    assert split_id_list(["A.1", " d.2"]) == ["A.1", "D.2"]


@pytest.mark.parametrize(
    "source, target, relation, reversed_",
    [
        ("Service", "BusinessProcess", "realises", False),
        ("BusinessProcess", "Service", "realises", True),
        ("Application", "Service", "supports", False),
        ("Data", "Application", "uses", True),
        ("Data", "Service", "consumes", True),
        ("Application", "Server", "runs-on", False),
        ("SecurityDevice", "Server", "protects", False),
        ("Server", "SecurityDevice", "protects", True),
    ],
)
def test_untyped_links_infer_the_relation_from_the_kinds(source, target, relation, reversed_):
    found = M.relation_for(source, target)
    assert (found.relation.name, found.reversed) == (relation, reversed_)


def test_a_pair_the_metamodel_does_not_allow_is_none_not_a_crash():
    assert M.relation_for("BusinessProcess", "Server") is None
    assert M.relation_for_field("Application", "runs_on", "Data") is None


def test_plateaus_order_as_is_years_to_be():
    assert sorted(["to-be", "2026", "as-is", "2024"], key=M.plateau_order) == ["as-is", "2024", "2026", "to-be"]
    assert M.is_plateau("2025") and not M.is_plateau("later")


@pytest.mark.parametrize("domain", REFERENCE_DOMAINS)
def test_shipped_lists_are_consistent_and_cite_their_source(domain):
    codes = M.reference_codes(domain)
    assert "Source" in codes.source or "No code list" in codes.source
    assert all(c.parent is None or c.parent in codes.codes for c in codes.codes.values())


def test_shipped_list_sizes_match_what_is_established():
    sizes = {d: len(M.reference_codes(d).codes) for d in REFERENCE_DOMAINS}
    assert sizes == {"RAB": 358, "RAD": 363, "RAL": 55, "RAA": 6, "RAI": 0, "RAK": 0}


def test_reference_cells_as_documents_write_them():
    cell = parse_reference_cell("09.02 Data Keuangan 09.03 Data Informasi", "RAD")
    assert [(e.code, e.name) for e in cell] == [("RAD.09.02", "Data Keuangan"), ("RAD.09.03", "Data Informasi")]
    assert parse_reference_cell("RAB.09.06.03 NAMA", "RAA")[0].code == "RAB.09.06.03"
    with pytest.raises(ValueError):
        parse_reference_cell("Kesekretariatan Negara 09.07", "RAB")


def test_a_code_list_with_problems_reports_them_all():
    with pytest.raises(ReferenceListError) as caught:
        build_reference_list(
            "RAB",
            [("RAB.01", "1", "A"), ("RAB.01", "1", "B"), ("RAB.9", "", "C"), ("RAB.02.01", "", "D")],
            version="x",
            source="x",
        )
    assert len(caught.value.problems) == 3


def test_a_metamodel_without_the_ippd_organisation_kind_is_refused_when_loaded():
    document = yaml.safe_load((DATA_DIR / "metamodel.yaml").read_text(encoding="utf-8"))
    document["organisation"] = [k for k in document["organisation"] if k["name"] != "IPPD"]
    with pytest.raises(MetamodelError, match="IPPD must be declared"):
        Metamodel(document)
    assert M.ippd_kind.name == "IPPD"
