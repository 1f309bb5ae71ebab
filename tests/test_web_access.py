"""The access matrix of the web pages, as tests/test_api_access.py has it for the routes: every page the app
serves, walked by a stranger, by a user of another IPPD and by a user of another OPD.

Pages are found from api/web's page modules (PAGES, which the app includes), so a new page is covered the day it
is added; a page with a path parameter this test cannot fill fails the test until the map below learns it.
"""

from __future__ import annotations

import re

import pytest
from web_support import KAB, make_web_world

from api.web import PAGES
from api.web.session import PageRoute

OPEN = {"/masuk", "/bahasa/{lang}"}  # reachable without signing in
PARAMS = {  # path parameter -> a value inside IPPD kab, of OPD 2 where it names an element
    "ippd": KAB,
    "plateau": "as-is",
    "element_id": "A.002",
    "lang": "en",
    "opd": "2",
    "item_id": "X.1",
    "login": "kab-viewer",
    "target": "A.001",
    "name": "x",
    "cluster": "x",
    "fmt": "xlsx",
    "dismissal_id": "x",
}


def page_routes(app) -> list[tuple[str, str]]:
    """(method, path) of every page: the routers of api/web's page modules, which the app includes."""
    routes = []
    for module in PAGES:
        for route in module.router.routes:
            assert isinstance(route, PageRoute), route
            for method in sorted(route.methods - {"HEAD"}):
                routes.append((method, route.path))
    return routes


def filled(path: str) -> str:
    names = re.findall(r"{(\w+)(?::\w+)?}", path)
    missing = [n for n in names if n not in PARAMS]
    assert not missing, f"{path}: teach PARAMS a value for {missing}"
    return re.sub(r"{(\w+)(?::\w+)?}", lambda m: PARAMS[m.group(1)], path)


@pytest.fixture
def world(repo):
    return make_web_world(repo)


def test_every_page_route_is_in_the_matrix(world):
    routes = page_routes(world.app)
    assert ("GET", "/") in routes and ("GET", "/ippd/{ippd}") in routes and ("POST", "/masuk") in routes
    for _, path in routes:
        filled(path)


def test_a_stranger_is_sent_to_sign_in_from_every_page(world):
    stranger = world.browser()
    for method, path in page_routes(world.app):
        if path in OPEN:
            continue
        url = filled(path)
        if method == "GET":
            response = stranger.get(url, follow_redirects=False)
            assert response.status_code == 303, (method, path, response.status_code)
            assert response.headers["location"].startswith("/masuk?lanjut="), (method, path)
        else:
            response = stranger.post(url, {}, follow_redirects=False)
            assert response.status_code in (303, 403), (method, path, response.status_code)
            assert response.status_code != 303 or response.headers["location"].startswith("/masuk"), (method, path)


def test_another_ippds_user_reaches_nothing_of_kab(world):
    other = world.browser("kota_architect")
    for method, path in page_routes(world.app):
        if "{ippd}" not in path:
            continue
        url = filled(path)
        response = other.get(url) if method == "GET" else other.post(url, {})
        assert response.status_code == 403, (method, path, response.status_code)
        assert "E-Arsip" not in response.text and "SIMPEG" not in response.text, (method, path)  # kab's names


def test_a_form_without_the_guard_value_is_refused_on_every_page(world):
    admin = world.browser("kab_admin")
    for method, path in page_routes(world.app):
        if method != "POST":
            continue
        response = admin.post(filled(path), {}, csrf="f" * 40, follow_redirects=False)
        assert response.status_code == 403, (path, response.status_code)


def test_another_opds_user_cannot_open_its_element_by_any_page(world):
    opd1 = world.browser("kab_opd1")
    for method, path in page_routes(world.app):
        if method != "GET" or "{element_id}" not in path:
            continue
        response = opd1.get(filled(path))
        assert response.status_code in (403, 404), (path, response.status_code)
        assert "E-Arsip" not in response.text, path  # A.002's name
