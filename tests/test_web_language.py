"""Every page, on the samples, in Bahasa Indonesia with no English word left in what a reader sees; and in
English when asked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from api_support import world_documents
from test_no_english import english_words
from web_support import Visible, make_users

from api.web import PAGES
from ea_repo import service
from ea_repo.core.yaml_io import dump_documents

ROOT = Path(__file__).resolve().parent.parent
VALUES = {"ippd": "kab-contoh", "plateau": "as-is", "element_id": "A.001", "lang": "id", "fmt": "md"}
SKIP = {"/bahasa/{lang}"}  # a redirect


def readable_pages() -> list[str]:
    paths = []
    for module in PAGES:
        for route in module.router.routes:
            if "GET" in route.methods and route.path not in SKIP and "{fmt}" not in route.path:  # downloads aside
                names = re.findall(r"{(\w+)}", route.path)
                if all(name in VALUES for name in names):
                    paths.append(re.sub(r"{(\w+)}", lambda m: VALUES[m.group(1)], route.path))
    return paths


@pytest.fixture
def admin(repo):
    from web_support import WebWorld

    from api.app import create_app
    from ea_repo.core.settings import Settings

    service.import_paths(repo, [ROOT / "samples" / "contoh"], principal=service.local_principal())
    service.import_text(repo, dump_documents(world_documents()), name="world.yaml", principal=service.local_principal())
    make_users(repo)  # the test users are of the world's IPPDs; the national admin sees kab-contoh too
    world = WebWorld(create_app(Settings(), repository=repo), repo)
    return world.browser("national_admin")


def test_every_page_reads_in_bahasa_indonesia(admin):
    wrong = {}
    for path in readable_pages():
        response = admin.get(path)
        if "text/html" not in response.headers.get("content-type", ""):
            continue  # a download
        assert response.status_code == 200, (path, response.status_code, Visible.text(response.text)[:300])
        found = english_words(Visible.text(response.text, codes=False))
        if found:
            wrong[path] = sorted(set(found))
    assert wrong == {}


def test_every_page_reads_in_english_when_asked(admin):
    for path in readable_pages():
        response = admin.get(path, params={"lang": "en"})
        if "text/html" in response.headers.get("content-type", ""):
            text = Visible.text(response.text)
            frame = "Sign in" if path == "/masuk" else "Sign out"  # the sign-in page has no one signed in
            assert frame in text and "Keluar" not in text and "Masuk" not in text, path
