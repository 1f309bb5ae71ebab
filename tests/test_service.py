"""The service layer end to end: list, show, check, reference lists (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from helpers import doc, organisation, write_yaml

from ea_repo import service
from ea_repo.checks import CheckFilter
from ea_repo.core.errors import ConfigError, ElementNotFound, RepositoryNotInitialised


@pytest.fixture
def loaded(repo, tmp_path):
    docs = organisation(opds=("1", "14")) + [
        doc("Service", "L.1", reference="RAL.02.02", processes=["P.1"]),
        doc("BusinessProcess", "P.1", reference="09.07 Kesekretariatan Negara"),
        doc("Application", "A.1", opd="14", reference="RAA.01.02", services=["L.1"], data=["D.1"], runs_on=["I.PKS.1"]),
        doc("Data", "D.1", opd="14", reference="09.02 Data Keuangan 09.03 Data Informasi", related="A.1"),
        doc("Server", "I.PKS.1"),
        doc("Application", "A.2", plateau="to-be", reference="RAA.01.02", services=["L.1"], runs_on=["I.PKS.1"]),
    ]
    service.import_paths(repo, [write_yaml(tmp_path / "c.yaml", docs)], principal=service.local_principal())
    return repo


def test_list_filters_by_kind_domain_opd_plateau_and_text(loaded):
    ids = lambda **kw: [r.element_id for r in service.list_elements(loaded, principal=service.local_principal(), **kw)]
    assert ids(kind="application") == ["A.1", "A.2"]
    assert ids(kind="infrastructure") == ["I.PKS.1"]
    assert ids(kind="application", plateau="as-is", opd="14") == ["A.1"]
    assert ids(text="i.pks") == ["I.PKS.1"]
    with pytest.raises(ConfigError):
        service.list_elements(loaded, kind="aplikasi-khayalan", principal=service.local_principal())


def test_show_gives_links_both_ways_with_relation_types_and_findings(loaded):
    [detail] = service.show_element(loaded, "a.1", principal=service.local_principal())
    sentences = lambda links: {(v.subject, v.relation, v.object, v.declared_by) for v in links}
    assert ("A.1", "supports", "L.1", "A.1") in sentences(detail.links_out)
    # D.1 declared the link in its ID Metadata Terkait; it still reads "A.1 uses D.1".
    assert ("A.1", "uses", "D.1", "D.1") in sentences(detail.links_in)
    assert detail.findings == []
    [data] = service.show_element(loaded, "D.1", principal=service.local_principal())
    assert data.findings == []
    with pytest.raises(ElementNotFound):
        service.show_element(loaded, "A.404", principal=service.local_principal())


def test_show_of_an_element_deleted_while_it_is_read_answers_not_found(loaded, monkeypatch):
    """The row is read, then the graph: an element deleted in between is missing, not a crash (mypy found it)."""
    from ea_repo.service import catalog

    build_graph = catalog.build_graph

    def delete_then_build(repo, **kwargs):
        key = service.element_key("kab", "as-is", "A.1")
        service.delete_element(repo, key, principal=service.local_principal())
        return build_graph(repo, **kwargs)

    monkeypatch.setattr(catalog, "build_graph", delete_then_build)
    with pytest.raises(ElementNotFound):
        service.show_element(loaded, "A.1", plateau="as-is", principal=service.local_principal())


def test_check_finds_the_missing_links_in_to_be(loaded):
    report = service.check_repository(loaded, principal=service.local_principal())
    found = {(f.rule, f.element, f.plateau, f.param("target")) for f in report.findings}
    # The to-be plateau keeps only A.2: its service and server exist in as-is only.
    assert ("link-to-retired", "A.2", "to-be", "L.1") in found
    assert ("link-to-retired", "A.2", "to-be", "I.PKS.1") in found
    assert all(f.plateau == "to-be" for f in report.findings)
    assert report.has_errors


def test_check_rejects_an_unknown_rule_as_a_usage_error(loaded):
    with pytest.raises(ConfigError):
        service.check_repository(
            loaded, selection=CheckFilter(rules=("no-such-rule",)), principal=service.local_principal()
        )


def test_a_loaded_reference_list_replaces_the_shipped_one(loaded, tmp_path):
    path = tmp_path / "raa.csv"
    path.write_text("kode,nama\nRAA.01,Aplikasi Umum\nRAA.01.09,Aplikasi Umum Baru\n")
    service.load_reference(loaded, path, domain="raa", version="uji", principal=service.local_principal())
    lists = service.reference_lists(loaded, principal=service.local_principal())
    assert lists["RAA"].version == "uji" and set(lists["RAA"].codes) == {"RAA.01", "RAA.01.09"}
    unknown = service.check_repository(
        loaded, selection=CheckFilter(rules=("reference-code-unknown",)), principal=service.local_principal()
    )
    assert {f.element for f in unknown.findings} == {"A.1", "A.2"}
    service.reset_reference(loaded, domain="RAA", principal=service.local_principal())
    assert service.reference_lists(loaded, principal=service.local_principal())["RAA"].version == "shipped"


def test_a_bad_reference_file_lists_every_problem_and_stores_nothing(loaded, tmp_path):
    path = tmp_path / "rab.tsv"
    path.write_text(
        "code\tlevel\tname\nRAB.01\t1\tSatu\nRAB.01.01\t3\tSalah level\nRAB.02.01\t2\tTanpa induk\nRAB.1\t1\tx\n"
    )
    with pytest.raises(ConfigError) as caught:
        service.load_reference(loaded, path, domain="RAB", version="rusak", principal=service.local_principal())
    assert len(caught.value.problems) == 3
    assert service.reference_lists(loaded, principal=service.local_principal())["RAB"].version == "shipped"


def test_a_database_without_schema_is_refused(tmp_path):
    with pytest.raises(RepositoryNotInitialised):
        service.open_repository(f"sqlite:///{tmp_path}/kosong.db")


def test_checks_give_frozen_objects_back_to_the_garbage_collector(loaded):
    import gc

    service.check_repository(loaded, principal=service.local_principal())
    service.show_element(loaded, "A.1", principal=service.local_principal())
    assert gc.get_freeze_count() == 0


def test_show_finds_the_element_in_every_plateau_in_order(loaded, tmp_path):
    write_yaml(tmp_path / "more.yaml", [doc("Application", "A.1", plateau="2025", reference="RAA.01.02")])
    service.import_paths(loaded, [tmp_path / "more.yaml"], principal=service.local_principal())
    assert [d.element.plateau for d in service.show_element(loaded, "A.1", principal=service.local_principal())] == [
        "as-is",
        "2025",
    ]
