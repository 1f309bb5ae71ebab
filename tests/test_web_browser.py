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


def test_edit_an_element_and_lose_a_race_without_losing_anything(chromium, server):
    first, second = (chromium.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2))
    try:
        mine, theirs = first.new_page(), second.new_page()
        sign_in(mine, server.base, "arsitek-contoh")
        sign_in(theirs, server.base, "admin-contoh")
        edit = f"{server.base}/ippd/kab-contoh/elemen/as-is/A.003/ubah"
        mine.goto(edit)
        theirs.goto(edit)
        shot(mine, "07-ubah")
        theirs.get_by_label("Nama Aplikasi").fill("Website Inspektorat (baru)")
        theirs.get_by_role("button", name="Simpan").click()
        assert "tersimpan=1" in theirs.url and "Perubahan tersimpan" in theirs.locator("main").inner_text()
        mine.get_by_label("Uraian").fill("Situs web resmi Inspektorat, diperbarui sesi kedua")
        mine.get_by_role("button", name="Simpan").click()
        text = mine.locator("main").inner_text()
        assert "Website Inspektorat (baru)" in text  # theirs, as stored now
        assert "diperbarui sesi kedua" in mine.get_by_label("Uraian").input_value()  # mine, kept
        shot(mine, "08-ubah-bentrok")
        assert mine.get_by_label("Nama Aplikasi").input_value() == "Website Inspektorat (baru)"  # theirs, merged in
        mine.get_by_role("button", name="Simpan isian saya").click()
        saved = mine.locator("main").inner_text()
        assert "Perubahan tersimpan" in saved and "diperbarui sesi kedua" in saved
        assert "Website Inspektorat (baru)" in mine.locator("h1").inner_text()  # both changes stored
    finally:
        first.close()
        second.close()


def _workbook(path, rows) -> str:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Aplikasi"
    sheet.append(["ID", "Nama Aplikasi", "Kode OPD", "Kode IPPD", "Plateau", "Uraian"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def test_import_a_workbook_with_a_bad_row_then_a_good_one(page, server, tmp_path):
    sign_in(page, server.base, "arsitek-contoh")
    page.get_by_role("link", name="Impor").click()
    bad = _workbook(tmp_path / "aplikasi-salah.xlsx", [("A-BARU!", "Aplikasi Uji", "14", "kab-contoh", "as-is", "x")])
    page.get_by_label("Berkas").set_input_files(bad)
    page.get_by_role("button", name="Periksa (uji coba)").click()
    problems = page.locator("main").inner_text()
    assert "Aplikasi" in problems and "A-BARU!" in problems  # the sheet and the row's value, shown
    assert page.get_by_role("button", name="Simpan ke repositori").count() == 0
    shot(page, "09-impor-salah")
    good = _workbook(tmp_path / "aplikasi.xlsx", [("A.090", "Aplikasi Uji Impor", "14", "kab-contoh", "as-is", "uji")])
    page.get_by_label("Berkas").set_input_files(good)
    page.get_by_role("button", name="Periksa (uji coba)").click()
    shot(page, "10-impor-uji-coba")
    page.get_by_role("button", name="Simpan ke repositori").click()
    assert "Impor tersimpan" in page.locator("main").inner_text()
    shot(page, "11-impor-tersimpan")
    page.goto(f"{server.base}/ippd/kab-contoh/elemen/as-is/A.090")
    assert "Aplikasi Uji Impor" in page.locator("h1").inner_text()


def test_dismiss_a_redundancy_cluster(page, server):
    sign_in(page, server.base, "admin-contoh")
    page.goto(f"{server.base}/ippd/kab-contoh/redundansi")
    shot(page, "12-redundansi")
    first = page.locator("h2[id^='h-R-']").first
    cluster = first.get_attribute("id").removeprefix("h-")
    page.locator(f"#alasan-{cluster}").fill("Aplikasi berbeda fungsi, diperiksa bersama Diskominfo")
    page.locator(f"#alasan-{cluster}").locator("xpath=ancestor::form").get_by_role("button", name="Abaikan").click()
    assert page.locator(f"#h-{cluster}").count() == 0  # no longer among the open clusters
    dismissed = page.locator("#diabaikan table").inner_text()
    assert "Aplikasi berbeda fungsi, diperiksa bersama Diskominfo" in dismissed and "Admin Contoh" in dismissed
    shot(page, "13-redundansi-diabaikan")


def test_download_the_evidence_pdf(page, server):
    sign_in(page, server.base, "admin-contoh")
    page.get_by_role("link", name="Bukti").click()
    shot(page, "14-bukti")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_the_other_pages_render_and_are_kept_as_screenshots(page, server):
    sign_in(page, server.base, "admin-contoh")
    for name, path in (
        ("15-temuan", "/ippd/kab-contoh/temuan"),
        ("16-kesenjangan", "/ippd/kab-contoh/gap"),
        ("17-peta-rencana", "/ippd/kab-contoh/peta-rencana"),
        ("18-diagram", "/ippd/kab-contoh/diagram"),
        ("19-pengguna", "/pengguna"),
        ("20-elemen-baru", "/ippd/kab-contoh/elemen-baru?jenis=application&plateau=as-is"),
    ):
        response = page.goto(server.base + path)
        assert response.status == 200, path
        shot(page, name)
    assert page.locator("main svg").count() == 0  # the new-element form draws nothing
    page.goto(f"{server.base}/ippd/kab-contoh/diagram")
    assert page.locator("main svg").count() >= 1
    svg = page.locator("main svg").first
    before = float(svg.get_attribute("width").rstrip("ptx"))
    page.get_by_role("button", name="Perbesar").click()  # the zoom the script adds
    assert float(svg.get_attribute("width").rstrip("ptx")) > before
    page.get_by_role("button", name="Ukuran semula").click()
    assert float(svg.get_attribute("width").rstrip("ptx")) == pytest.approx(before)


def test_readable_on_a_tablet_and_usable_by_keyboard(chromium, server):
    context = chromium.new_context(viewport={"width": 768, "height": 1024})
    try:
        page = context.new_page()
        page.goto(f"{server.base}/masuk")
        assert page.evaluate("document.activeElement.id") == "login"  # the form starts in the first field
        page.keyboard.type("admin-contoh")
        page.keyboard.press("Tab")
        page.keyboard.type("kata-sandi-uji-1")
        page.keyboard.press("Enter")
        page.wait_for_url("**/ippd/kab-contoh")
        page.keyboard.press("Tab")  # the first stop on every page: straight to the content
        assert page.evaluate("document.activeElement.className") == "skip"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 768, width  # no sideways scrolling of the page itself (wide tables scroll in their box)
        shot(page, "21-dasbor-tablet")
    finally:
        context.close()
