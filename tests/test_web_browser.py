"""Journeys in a real browser (Debian's chromium, driven by Playwright) against a real server over the samples.

Each journey saves screenshots of the pages it passes (build/screenshots, or EA_SCREENSHOTS), so a reviewer can
look at them. The pages must work without outside resources: any request to another host fails the test.
"""

from __future__ import annotations

import pytest
from browser_support import CHROMIUM, require_browser, serve_samples, shot, sign_in


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    yield from serve_samples(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def chromium():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, server):
    """A fresh browser context (its own cookies); fails on a request to another host or a console error."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    outside, errors = [], []
    context.on("request", lambda r: None if r.url.startswith((server.base, "data:")) else outside.append(r.url))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"
    assert [e for e in errors if "Content Security Policy" in e] == [], errors


def test_sign_in_lands_on_the_dashboard(page, server):
    page.goto(server.base + "/")
    assert "/masuk" in page.url
    shot(page, "01-masuk")
    sign_in(page, server.base, "admin-contoh")
    assert page.url.endswith("/ippd/kab-contoh")
    assert page.get_by_role("heading", name="Dasbor kab-contoh").is_visible()
    shot(page, "02-dasbor")
    page.get_by_role("button", name="Keluar").click()
    assert "/masuk" in page.url


def test_a_national_user_opens_an_ippd_from_the_table(page, server):
    sign_in(page, server.base, "nasional")
    shot(page, "03-beranda-nasional")
    page.get_by_role("link", name="kab-contoh").click()
    assert page.url.endswith("/ippd/kab-contoh")


def test_find_an_application_by_filter_and_open_it(page, server):
    sign_in(page, server.base, "arsitek-contoh")
    page.get_by_role("link", name="Katalog").click()
    page.get_by_label("Jenis").select_option("application")
    page.get_by_label("Teks").fill("SIMPEG")
    page.get_by_role("button", name="Saring").click()
    assert "teks=SIMPEG" in page.url and "jenis=application" in page.url  # the view is a link to share
    shot(page, "04-katalog-saring")
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    page.get_by_role("link", name="A.020").first.click()
    assert "/elemen/as-is/A.020" in page.url
    assert "A.020" in page.get_by_role("heading", level=1).inner_text()
    shot(page, "05-elemen")


def test_a_scoped_user_cannot_reach_another_opds_element_by_any_means(page, server):
    sign_in(page, server.base, "arsitek-bapenda")  # OPD 14 only
    response = page.goto(f"{server.base}/ippd/kab-contoh/elemen/as-is/A.020")  # OPD 15's SIMPEG
    assert response.status == 404
    missing = page.goto(f"{server.base}/ippd/kab-contoh/elemen/as-is/A.999")
    assert missing.status == 404
    shot(page, "06-elemen-di-luar-wewenang")
    assert page.goto(f"{server.base}/ippd/kab-contoh/katalog?jenis=application&opd=15").status == 403
    page.goto(f"{server.base}/ippd/kab-contoh/katalog?jenis=application&teks=SIMPEG")
    assert "A.020" not in page.locator("main").inner_text()
    page.goto(f"{server.base}/ippd/kab-contoh/katalog?jenis=application")
    shown = page.locator("main").inner_text()
    assert "SIMDA" in shown and "SIMPEG" not in shown  # its own OPD's applications only
