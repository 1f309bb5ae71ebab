"""Security headers: every answer carries them (HTML, SVG, JSON, errors), and what is served renders under the
policy."""

from __future__ import annotations

import re

import pytest
from api_support import KAB, make_world
from helpers import needs_dot

from api.headers import CONTENT_SECURITY_POLICY

FIXED = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY"}


@pytest.fixture
def world(repo):
    return make_world(repo)


def assert_secured(response, *, csp: bool = True) -> None:
    for name, value in FIXED.items():
        assert response.headers.get(name) == value, name
    assert response.headers.get("content-security-policy") == (CONTENT_SECURITY_POLICY if csp else None)


def assert_needs_nothing_the_policy_forbids(body: str) -> None:
    assert "<script" not in body.lower()
    external = re.findall(r"""(?:src|href)\s*=\s*["']\s*(?!data:|#)([a-z]+:[^"']*)""", body, flags=re.I)
    assert external == []  # no script, no stylesheet, image or font from elsewhere


def test_json_answers_and_errors_carry_the_headers(world):
    assert_secured(world.client.get("/health"))
    assert_secured(world.client.get(f"/v1/ippds/{KAB}/elements", headers=world.headers("kab_admin")))
    assert_secured(world.client.get(f"/v1/ippds/{KAB}/elements"))  # 401, from the error handler
    assert_secured(world.client.get("/v1/nope%00", headers=world.headers("kab_admin")))  # refused by a middleware
    assert_secured(world.client.get("/openapi.json"))


def test_html_reports_carry_the_headers_and_render_under_the_policy(world):
    for path in (f"/v1/ippds/{KAB}/gap?format=html", f"/v1/ippds/{KAB}/redundancy?format=html"):
        answer = world.client.get(path, headers=world.headers("kab_admin"))
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html"), path
        assert_secured(answer)
        assert_needs_nothing_the_policy_forbids(answer.text)


@needs_dot
def test_svg_diagrams_carry_the_headers_and_render_under_the_policy(world):
    answer = world.client.get(f"/v1/ippds/{KAB}/diagrams/layers", headers=world.headers("kab_admin"))
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("image/svg+xml")
    assert_secured(answer)
    assert_needs_nothing_the_policy_forbids(answer.text)


def test_the_docs_page_is_served_from_the_server_itself_under_its_own_policy(world):
    page = world.client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["content-security-policy"].startswith("default-src 'none'; script-src 'self';")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") for s in sources), sources  # nothing from elsewhere
    assert "<script>" not in page.text  # no inline script: the policy allows none
    for source in sources:
        asset = world.client.get(source)
        assert asset.status_code == 200 and asset.content, source
        assert asset.headers["x-content-type-options"] == "nosniff"
    assert "SwaggerUIBundle" in world.client.get("/docs/assets/swagger-ui-bundle.js").text
    assert world.client.get("/redoc").status_code == 404  # ReDoc would need a CDN: not offered
