"""The layers hold: metamodel imports nothing of ours; ea_repo imports neither fastapi nor api nor viz."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = {"metamodel", "ea_repo", "api", "viz"}


def imported_roots(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_metamodel_imports_nothing_of_ours():
    assert set(imported_roots("metamodel")) & OURS == set()


def test_ea_repo_does_not_import_fastapi_api_or_viz():
    roots = imported_roots("ea_repo")
    assert {name: roots[name] for name in ("fastapi", "starlette", "api") if name in roots} == {}
    core = {name: {f for f in files if not f.startswith("cli/")} for name, files in roots.items()}
    assert {name: core[name] for name in ("viz", "graphviz", "networkx") if core.get(name)} == {}  # the CLI shell may


def test_viz_reads_the_repository_only_through_the_service_layer():
    roots = imported_roots("viz")
    assert "fastapi" not in roots and "api" not in roots
    sources = [p.read_text() for p in (ROOT / "viz").rglob("*.py")]
    assert not any("ea_repo.storage.store" in s or "ea_repo.storage.db" in s for s in sources)


def test_the_checker_itself_sees_imports():
    assert "yaml" in imported_roots("metamodel") and "metamodel" in imported_roots("ea_repo")
