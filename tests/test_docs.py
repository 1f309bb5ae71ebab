"""Tests that keep the docs honest: rules page, JSON Schema, README commands and examples."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import jsonschema
import pytest
import yaml

from cli.meta import rules_markdown
from ea_repo import service
from ea_repo.catalog.documents import catalog_json_schema
from ea_repo.checks import RULES
from metamodel import load_metamodel

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
    result = service.import_paths(repo, [tmp_path], principal=service.local_principal())
    assert result.summary.elements == len(
        [d for d in documents if d["kind"] not in ("IPPD", "OPD", "RoadmapPlan", "Initiative")]
    )
    assert len(result.catalog.roadmap) == len([d for d in documents if d["kind"] in ("RoadmapPlan", "Initiative")]) > 0


def cli_commands() -> list[str]:
    """Every command and sub-command the `ea` app has, read from the app itself."""
    from cli import app

    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    for group in app.registered_groups:
        names += [
            f"{group.name} {c.name or c.callback.__name__.rstrip('_')}"
            for c in group.typer_instance.registered_commands
        ]
    return names


@pytest.mark.parametrize("command", cli_commands())
def test_every_command_is_documented_in_the_readme(command):
    assert f"ea {command}" in README


def test_every_rule_is_named_in_the_readme():
    assert [r for r in RULES if f"`{r}`" not in README] == []


def test_every_relation_is_named_in_the_readme():
    assert [r.name for r in load_metamodel().relations if f"`{r.name}`" not in README] == []


# --- every command README shows on the shipped samples runs as written (issue 21) -------------------------
# The convention: a command (in backticks or a code block, after `&&` too) that names the shipped samples
# (`samples/`) or the demo database (`ea-demo/`) runs as written, from a folder where `ea demo` (the first
# screen's command) has been run, with `samples` beside it. A command that names no database uses the demo's.
RUNNABLE = re.compile(r"samples/|ea-demo/")
DOCUMENTED_EXITS = {"check": {0, 1}, "show": {0, 1}}  # README: 1 = an error-severity finding, or nothing found
KNOWN_FAILING: dict[str, str] = {}  # a command as written -> the issue that fixes it (marked xfail, strict)


def readme_commands(text: str = README) -> list[str]:
    """The `ea ...` commands README shows that name the samples or the demo database, in order, once each."""
    found = [m.group(1) for m in re.finditer(r"`(ea [^`\n]+)`", text)]
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            found += [part.strip() for part in line.split("#")[0].split("&&") if part.strip().startswith("ea ")]
    # `ea serve` runs until stopped: the first screen's is started apart (test_the_first_screen_serves_the_pages...)
    return list(dict.fromkeys(c for c in found if RUNNABLE.search(c) and not c.startswith("ea serve")))


def quick_start() -> list[str]:
    first = re.search(r"```sh\n(.*?)```", README, flags=re.S).group(1)
    return [
        part.strip()
        for line in first.splitlines()
        for part in line.split("#")[0].split("&&")
        if part.strip().startswith("ea ")
    ]


SERVES = "ea serve"  # the first screen ends by serving the pages: it runs until stopped, so it is started apart


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """A folder where the first screen's commands up to `ea serve` have run, the samples beside it, as a user's
    would be; and what they printed."""
    from typer.testing import CliRunner

    from cli import app

    folder = tmp_path_factory.mktemp("readme")
    (folder / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
    printed = []
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        for command in quick_start():
            if command.startswith(SERVES):
                continue
            result = CliRunner().invoke(app, shlex.split(command)[1:])
            assert result.exit_code == 0, (command, result.output)
            printed.append(result.output)
    assert (folder / "ea-demo" / "ea.db").exists()
    return folder, "\n".join(printed)


@pytest.fixture(scope="module")
def demo_folder(demo_run):
    return demo_run[0]


def test_the_first_screen_serves_the_pages_and_the_demo_login_signs_in(demo_run):
    """`ea serve --db ea-demo/ea.db` as README writes it (on a free port), then / in a client: the sign-in page,
    and the login `ea demo` printed opens the national home page."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    folder, printed = demo_run
    serve = next(c for c in quick_start() if c.startswith(SERVES))
    login, password = re.search(r"masuk sebagai (\S+)\s+dengan\s+kata\s+sandi\s+(\S+)", printed).groups()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from cli import main; main()", *shlex.split(serve)[1:], "--port", str(port)]
    server = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        with httpx.Client(base_url=base, follow_redirects=True) as browser:
            page = browser.get("/")
            assert page.url.path == "/masuk" and 'name="csrf"' in page.text
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
            home = browser.post("/masuk", data={"csrf": csrf, "login": login, "password": password, "lanjut": "/"})
            assert home.status_code == 200 and home.url.path == "/"
            assert "kab-pesawaran" in home.text and "kab-serang" in home.text
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_convention_finds_the_commands_readme_shows():
    assert quick_start() == ["ea demo", "ea serve --db ea-demo/ea.db"]
    assert {"ea --db ea-demo/ea.db check", "ea import samples/"} <= set(readme_commands())
    assert any(c.startswith("ea index samples/indeks/") for c in readme_commands())
    sample = "`ea show A.001` and `ea --db ea-demo/ea.db list`\n```sh\nx && ea index samples/a.yaml   # note\n```\n"
    assert readme_commands(sample) == ["ea --db ea-demo/ea.db list", "ea index samples/a.yaml"]


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=KNOWN_FAILING[c], strict=True)) if c in KNOWN_FAILING else c
        for c in readme_commands()
    ],
)
def test_every_readme_command_on_the_samples_runs_as_written(command, demo_folder, monkeypatch):
    from typer.testing import CliRunner

    from cli import app

    monkeypatch.chdir(demo_folder)
    monkeypatch.setenv("EA_DATABASE_URL", f"sqlite:///{demo_folder}/ea-demo/ea.db")
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(app, args)
    name = next((a for a in args if not a.startswith("-") and a not in ("ea-demo/ea.db", "en", "id")), "")
    assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
    assert result.exit_code in DOCUMENTED_EXITS.get(name, {0}), (command, result.output[-2000:])
