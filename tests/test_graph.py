"""The check graph: link resolution, roles, and reading single attributes from stored JSON."""

from __future__ import annotations

from helpers import chain, graph

from ea_repo.catalog.graph import Node
from ea_repo.storage.store import dumps


def test_spec_value_reads_one_key_and_is_not_fooled_by_values():
    spec = {
        "description": 'kata "responsible": palsu',
        "responsible": "Bappeda",
        "memory_gb": 2.5,
        "interoperable": True,
    }
    node = Node("kab", "as-is", "D.1", "Data", None, None, (), dumps(spec))
    assert [node.spec_value(k) for k in ("responsible", "memory_gb", "interoperable", "missing")] == [
        "Bappeda",
        2.5,
        True,
        None,
    ]
    assert node.spec_value("description") == 'kata "responsible": palsu'


def test_links_resolve_into_roles_problems_and_related_lists():
    nodes, links = chain()
    g = graph(nodes, links + [("P.1", "related", "L.1"), ("A.1", "services", "L.404"), ("P.1", "related", "I.PKS.1")])
    by_id = {n.id: n for n in nodes}
    assert g.has_outgoing(by_id["A.1"], "supports") and g.has_incoming(by_id["L.1"], "supports")
    assert g.has_incoming(by_id["P.1"], "realises") and not g.has_outgoing(by_id["P.1"], "realises")
    assert [(l.source.id, l.target_id, l.target is None) for l in g.problem_links] == [
        ("A.1", "L.404", True),
        ("P.1", "I.PKS.1", False),
    ]
    assert [(l.source.id, l.relation.relation.name, l.relation.reversed) for l in g.related_links] == [
        ("P.1", "realises", True)
    ]
    assert g.link_count == len(links) + 3


def test_links_of_one_node_in_both_directions():
    nodes, links = chain()
    g = graph(nodes, links)
    seen = {(l.source.id, l.target_id) for l in g.links_of(next(n for n in nodes if n.id == "L.1"))}
    assert seen == {("L.1", "P.1"), ("A.1", "L.1")}
