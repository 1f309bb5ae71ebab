"""Tests that keep the docs honest: rules page, JSON Schema, README commands and examples."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from metamodel import load_metamodel

from ea_repo import service
from ea_repo.checks import RULES
from ea_repo.cli.meta import rules_markdown
from ea_repo.documents import catalog_json_schema

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rules_page_equals_the_registry():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_shipped_json_schema_equals_the_generated_one():
    shipped = json.loads((ROOT / "schema" / "ea-catalog.schema.json").read_text(encoding="utf-8"))
    assert shipped == catalog_json_schema()


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as an editor's language server does (YAML 1.2: no timestamps)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
README_BLOCKS = re.findall(r"```yaml\n(.*?)```", README, flags=re.S)


def readme_examples() -> list[dict]:
    return [d for block in README_BLOCKS for d in yaml.load_all(block, Loader=EditorLoader) if isinstance(d, dict)]


def test_readme_has_a_complete_example_for_every_kind():
    kinds = {d["kind"] for d in readme_examples()}
    expected = {k.name for k in load_metamodel().kinds + load_metamodel().organisation_kinds}
    assert expected - kinds == set()


def test_readme_examples_validate_against_the_schema_and_import(tmp_path):
    validator = jsonschema.Draft202012Validator(catalog_json_schema())
    documents = readme_examples()
    for document in documents:
        validator.validate(document)
    for index, block in enumerate(README_BLOCKS):
        (tmp_path / f"block{index}.yaml").write_text(block, encoding="utf-8")
    repo, _ = service.init_repository(f"sqlite:///{tmp_path}/ea.db")
    result = service.import_paths(repo, [tmp_path])
    assert result.summary.elements == len([d for d in documents if d["kind"] not in ("IPPD", "OPD", "RoadmapPlan", "Initiative")])
    assert len(result.catalog.roadmap) == len([d for d in documents if d["kind"] in ("RoadmapPlan", "Initiative")]) > 0


def cli_commands() -> list[str]:
    """Every command and sub-command the `ea` app has, read from the app itself."""
    from ea_repo.cli import app

    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    for group in app.registered_groups:
        names += [f"{group.name} {c.name or c.callback.__name__.rstrip('_')}" for c in group.typer_instance.registered_commands]
    return names


@pytest.mark.parametrize("command", cli_commands())
def test_every_command_is_documented_in_the_readme(command):
    assert f"ea {command}" in README


def test_every_rule_is_named_in_the_readme():
    assert [r for r in RULES if f"`{r}`" not in README] == []


def test_every_relation_is_named_in_the_readme():
    assert [r.name for r in load_metamodel().relations if f"`{r.name}`" not in README] == []
