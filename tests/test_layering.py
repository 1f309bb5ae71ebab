"""The layers hold: metamodel imports nothing of ours; ea_repo imports neither fastapi nor api nor viz."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = {"metamodel", "ea_repo", "api", "viz"}


def imported_modules(text: str) -> list[str]:
    """The absolute module names a source imports."""
    names: list[str] = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def imported_roots(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        for name in imported_modules(path.read_text()):
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


DOOR_ALLOWED = {"ea_repo", "ea_repo.service", "ea_repo.core.errors", "ea_repo.core.i18n", "ea_repo.core.settings"}
RENDERERS = ("ea_repo.reports", "ea_repo.checks.render", "ea_repo.redundancy.report")


def test_api_and_cli_enter_only_through_the_service_layer():
    """api/ and cli/ import from ea_repo only:
    - `ea_repo` itself (its __version__) and `ea_repo.service` (the package: the door, with its pure helpers and
      value types re-exported, e.g. CheckFilter, message_for, dump_documents);
    - `ea_repo.core.errors`, `ea_repo.core.i18n` and `ea_repo.core.settings` (errors rendered at the edge, the
      message catalogue, the server's settings);
    - renderers that turn what the service returned into text or files: `ea_repo.reports` and its modules,
      `ea_repo.checks.render`, `ea_repo.redundancy.report`.
    `viz` (the diagram renderer) and `metamodel` (the schema) are outside ea_repo and allowed. No route or
    command queries the database itself (no `select(` in their text)."""
    wrong = []
    for package in ("api", "cli"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text()
            if "select(" in text:
                wrong.append(f"{path.relative_to(ROOT)}: select(")
            for name in imported_modules(text):
                if name.split(".")[0] != "ea_repo" or name in DOOR_ALLOWED:
                    continue
                if not any(name == r or name.startswith(r + ".") for r in RENDERERS):
                    wrong.append(f"{path.relative_to(ROOT)}: {name}")
    assert wrong == []


def test_the_planning_routes_reach_no_evidence_records_or_reports_module():
    source = (ROOT / "api" / "routes" / "planning.py").read_text()
    assert not any(f"ea_repo.{m}" in source for m in ("evidence", "planning.records", "reports", "service.evidence"))


def test_no_caller_defaults_to_the_local_admin():
    """`principal or local_principal()` made a route that forgot its caller act as the local admin."""
    sources = [p.read_text() for p in (ROOT / "ea_repo").rglob("*.py")]
    assert not any("or local_principal()" in s for s in sources)
    assert "principal: Principal | None" not in (ROOT / "ea_repo" / "storage" / "store.py").read_text()
