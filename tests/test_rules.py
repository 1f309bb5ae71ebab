"""Each consistency rule on a few-node inline graph: a case that fires and cases that must not."""

from __future__ import annotations

from helpers import chain, graph, node

from ea_repo.checks import RULES, CheckFilter, check_graph


def hits(g, rule_id: str) -> list[tuple[str | None, str | None, dict]]:
    report = check_graph(g, CheckFilter(rules=(rule_id,)))
    return [(f.element, f.plateau, dict(f.params)) for f in report.findings]


def clean_graph():
    nodes, links = chain()
    return graph(nodes, links)


def test_the_clean_chain_has_no_findings_at_all():
    assert check_graph(clean_graph()).findings == ()


def test_every_rule_is_quiet_on_the_clean_chain():
    for rule_id in (r.id for r in RULES.values() if r.subject == "catalogue"):
        assert hits(clean_graph(), rule_id) == [], rule_id


def test_link_missing_target_fires_on_a_typo():
    nodes, links = chain()
    g = graph(nodes, links + [("A.1", "services", "L.0O1")])
    assert hits(g, "link-missing-target") == [("A.1", "as-is", {"target": "L.0O1", "field": "services"})]
    assert hits(g, "link-to-retired") == []


def test_link_to_retired_fires_when_the_to_be_drops_the_target():
    as_is, _ = chain("as-is")
    to_be = [n for n in chain("to-be")[0] if n.id != "I.PKS.1"]
    g = graph(as_is + to_be, [("to-be", "A.1", "runs_on", "I.PKS.1")])
    assert hits(g, "link-to-retired") == [("A.1", "to-be", {"target": "I.PKS.1", "found_in": "as-is"})]
    assert hits(g, "link-missing-target") == []


def test_a_target_only_in_a_later_plateau_is_missing_not_retired():
    early = [node("A.1", "Application", plateau="as-is")]
    later = [node("I.PKS.9", "Server", plateau="to-be")]
    g = graph(early + later, [("as-is", "A.1", "runs_on", "I.PKS.9")])
    assert [h[0] for h in hits(g, "link-missing-target")] == ["A.1"]
    assert hits(g, "link-to-retired") == []


def test_relation_not_allowed_for_a_pair_the_metamodel_does_not_know():
    nodes, links = chain()
    g = graph(nodes, links + [("P.1", "related", "I.PKS.1")])
    assert hits(g, "relation-not-allowed") == [
        (
            "P.1",
            "as-is",
            {"target": "I.PKS.1", "field": "related", "source_kind": "BusinessProcess", "target_kind": "Server"},
        )
    ]


def test_relation_not_allowed_for_a_typed_field_pointing_at_the_wrong_kind():
    nodes, links = chain()
    g = graph(nodes, links + [("A.1", "runs_on", "D.1")])
    assert [h[0] for h in hits(g, "relation-not-allowed")] == ["A.1"]


def test_untyped_related_links_are_inferred_in_either_direction():
    nodes, _ = chain()
    # The data item names its application, the process names its service: real documents do this.
    links = [
        ("P.1", "related", "L.1"),
        ("D.1", "related", "A.1"),
        ("A.1", "services", "L.1"),
        ("A.1", "runs_on", "I.PKS.1"),
        ("K.PKK.1", "related", "I.PKS.1"),
    ]
    g = graph(nodes, links)
    assert hits(g, "relation-not-allowed") == []
    assert hits(g, "process-not-realised") == []
    assert hits(g, "application-without-data") == []


def test_link_one_way_when_the_other_side_keeps_its_own_list_without_us():
    nodes, links = chain()
    g = graph(nodes, links + [("D.1", "related", "A.1"), ("A.1", "related", "K.PKK.1")])
    # A.1 names D.1 in its typed `data` field, so D.1 -> A.1 is two-way.
    assert hits(g, "link-one-way") == []
    g = graph(nodes, [("L.1", "processes", "P.1"), ("D.1", "related", "A.1"), ("A.1", "related", "K.PKK.1")])
    assert hits(g, "link-one-way") == [("D.1", "as-is", {"target": "A.1"})]


def test_link_one_way_is_quiet_when_the_other_side_has_no_list():
    nodes, _ = chain()
    g = graph(nodes, [("D.1", "related", "A.1")])
    assert hits(g, "link-one-way") == []


def test_id_malformed():
    g = graph([node("A-1x", "Application", reference=("RAA.01.02",))])
    assert hits(g, "id-malformed") == [("A-1x", "as-is", {"example": "A.001"})]


def test_id_duplicate_when_numbers_collide():
    g = graph([node("A.1", "Application"), node("A.001", "Application"), node("A.2", "Application")])
    assert hits(g, "id-duplicate") == [("A.001", "as-is", {"other": "A.1"})]


def test_id_kind_conflict_across_plateaus():
    g = graph([node("A.5", "Application", plateau="as-is"), node("A.5", "Application", plateau="to-be")])
    assert hits(g, "id-kind-conflict") == []
    g = graph([node("I.PKS.5", "Server", plateau="as-is"), node("I.PKS.5", "Storage", plateau="to-be")])
    assert hits(g, "id-kind-conflict") == [("I.PKS.5", "to-be", {"other_kind": "Server", "other_plateau": "as-is"})]


def test_name_missing():
    g = graph([node("D.1", "Data", name=None), node("D.2", "Data")])
    assert [h[0] for h in hits(g, "name-missing")] == ["D.1"]


def test_ippd_unknown():
    g = graph([node("A.1", "Application", ippd="lain")], ippds=("kab",))
    assert hits(g, "ippd-unknown") == [(None, None, {})]


def test_opd_unknown_and_no_opd_is_not_unknown():
    g = graph([node("A.1", "Application", opd="99"), node("A.2", "Application", opd=None), node("A.3", "Application")])
    assert [h[0] for h in hits(g, "opd-unknown")] == ["A.1"]


def test_data_without_owner_unless_a_responsible_is_named():
    g = graph(
        [
            node("D.1", "Data", opd=None),
            node("D.2", "Data", opd=None, spec={"responsible": "Bappeda"}),
            node("A.1", "Application", opd=None),
        ]
    )
    assert [h[0] for h in hits(g, "data-without-owner")] == ["D.1"]


def test_reference_code_missing_but_not_for_domains_without_a_list():
    g = graph([node("A.1", "Application"), node("I.PKS.1", "Server"), node("K.PKK.1", "SecurityDevice")])
    assert hits(g, "reference-code-missing") == [("A.1", "as-is", {"list": "RAA"})]


def test_reference_code_wrong_domain():
    g = graph([node("A.1", "Application", reference=("RAD.09.02",))])
    assert hits(g, "reference-code-wrong-domain") == [
        ("A.1", "as-is", {"code": "RAD.09.02", "code_list": "RAD", "list": "RAA"})
    ]


def test_reference_code_unknown_but_local_levels_under_a_known_code_are_fine():
    g = graph(
        [
            node("P.1", "BusinessProcess", reference=("RAB.09.99",)),
            node("P.2", "BusinessProcess", reference=("RAB.09.07.08.01",)),
            node("P.3", "BusinessProcess", reference=("RAB.09.07",)),
        ]
    )
    assert hits(g, "reference-code-unknown") == [
        ("P.1", "as-is", {"code": "RAB.09.99", "list": "RAB", "version": "shipped"})
    ]


def test_reference_name_mismatch_catches_a_shifted_number():
    # Seed 003 writes "01.01 Informasi"; in the list RAL.01.01 is Pertahanan (Informasi is RAL.01.43).
    g = graph(
        [
            node("L.1", "Service", reference=("RAL.01.01 Informasi",)),
            node("L.2", "Service", reference=("RAL.01.43 Informasi",)),
            node("A.1", "Application", reference=("RAA.01.02 Aplikasi Administrasi Pemerintahan",)),
        ]
    )
    assert [h[0] for h in hits(g, "reference-name-mismatch")] == ["L.1"]


def test_service_without_application():
    nodes, links = chain()
    g = graph(nodes, [link for link in links if link[1] != "services"])
    assert [h[0] for h in hits(g, "service-without-application")] == ["L.1"]


def test_application_without_service_data_or_infrastructure():
    g = graph([node("A.1", "Application")])
    for rule_id in ("application-without-service", "application-without-data", "application-without-infrastructure"):
        assert [h[0] for h in hits(g, rule_id)] == ["A.1"], rule_id


def test_application_on_a_cloud_or_data_centre_is_hosted():
    g = graph([node("A.1", "Application"), node("I.KA.1", "Cloud")], [("A.1", "runs_on", "I.KA.1")])
    assert hits(g, "application-without-infrastructure") == []


def test_process_not_realised():
    nodes, links = chain()
    g = graph(nodes, [link for link in links if link[1] != "processes"])
    assert [h[0] for h in hits(g, "process-not-realised")] == ["P.1"]


def test_a_link_to_a_missing_element_does_not_count_as_coverage():
    g = graph([node("A.1", "Application")], [("A.1", "services", "L.404")])
    assert [h[0] for h in hits(g, "application-without-service")] == ["A.1"]


def test_filters_by_severity_domain_and_opd():
    g = graph([node("A.1", "Application", name=None), node("D.1", "Data", opd="2", name=None)], opds=("1", "2"))
    from ea_repo.checks import Severity

    errors_only = check_graph(g, CheckFilter(min_severity=Severity.ERROR))
    assert all(f.severity is Severity.ERROR for f in errors_only.findings)
    data_only = check_graph(g, CheckFilter(domains=("data",)))
    assert {f.element for f in data_only.findings} == {"D.1"}
    opd_two = check_graph(g, CheckFilter(opds=("2",)))
    assert {f.element for f in opd_two.findings} == {"D.1"}


def test_reference_name_mismatch_reads_the_separate_reference_name_column():
    # Seed 003's service row: code 01.01 in one column, "Informasi" in the next.
    g = graph(
        [
            node("L.1", "Service", reference=("RAL.01.01",), spec={"reference_name": "Informasi"}),
            node("L.2", "Service", reference=("RAL.01.43",), spec={"reference_name": "Informasi"}),
        ]
    )
    assert hits(g, "reference-name-mismatch") == [
        ("L.1", "as-is", {"code": "RAL.01.01", "written": "Informasi", "listed": "Pertahanan", "list": "RAL"})
    ]


def test_reference_names_tolerate_the_source_lists_typos():
    # The shipped list spells RAB.04.01.04 "Penge4olaan Pelayanan Kesehatan" as its source does.
    g = graph([node("P.9", "BusinessProcess", reference=("RAB.04.01.04 Pengelolaan Pelayanan Kesehatan",))])
    assert hits(g, "reference-name-mismatch") == []


def test_national_aplikasi_umum_need_no_local_hosting():
    g = graph(
        [node("A.1", "Application", spec={"category": "umum"}), node("A.2", "Application", spec={"category": "khusus"})]
    )
    assert [h[0] for h in hits(g, "application-without-infrastructure")] == ["A.2"]
