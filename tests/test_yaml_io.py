"""YAML reading: document start lines, text-only scalars, refusals."""

from __future__ import annotations

import pytest

from ea_repo.core.yaml_io import YamlRefused, compose, load_documents, locate


@pytest.mark.parametrize(
    "text, lines",
    [
        ("a: 1\n", [1]),
        ("a: 1\n---\nb: 2\n", [1, 3]),
        ("# header\n---\na: 1\n---\nb: 2\n", [3, 5]),
        ("---\n---\na: 1\n---\n", [3]),
        ("--- {a: 1}\n--- {b: 1}\n", [1, 2]),
        ("%YAML 1.1\n---\na: 1\n", [3]),
    ],
)
def test_each_document_knows_its_first_line(text, lines):
    assert [d.line for d in load_documents(text)] == lines


def test_many_documents_keep_exact_lines():
    text = "".join(f"---\nid: {i}\nname: x\n" for i in range(5000))
    documents = load_documents(text)
    assert documents[-1].line == 3 * 4999 + 2 and documents[-1].body == {"id": "4999", "name": "x"}


def test_scalars_stay_text_except_null():
    [document] = load_documents("a: 014\nb: no\nc: 2024-01-01\nd: ~\ne: 1.10\n")
    assert document.body == {"a": "014", "b": "no", "c": "2024-01-01", "d": None, "e": "1.10"}


def test_aliases_are_refused_but_ampersands_in_text_are_not():
    assert load_documents('name: "R&D *tim"\nx: a&b\n')[0].body == {"name": "R&D *tim", "x": "a&b"}
    with pytest.raises(YamlRefused):
        load_documents("a: &x [1]\nb: *x\n")


def test_locate_finds_nested_fields():
    text = "---\nkind: Server\nspec:\n  memory_gb: 32GB\n  list: [a, b]\n"
    nodes = compose(text)
    assert locate(nodes, 0, ("spec", "memory_gb")) == 4
    assert locate(nodes, 0, ("spec", "missing")) == 3
