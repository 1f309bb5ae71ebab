"""Signing in and out, the form guard, sessions, throttling, the language switch, the page frame's headers."""

from __future__ import annotations

import pytest
from web_support import KAB, PASSWORD, Browser, Visible, WebWorld, make_web_world

from ea_repo import service


@pytest.fixture
def world(repo):
    return make_web_world(repo)


def test_a_page_sends_a_stranger_to_sign_in_and_back(world):
    stranger = world.browser()
    response = stranger.get(f"/ippd/{KAB}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/masuk?lanjut=%2Fippd%2F{KAB}"
    stranger.get("/masuk")
    answer = stranger.post(
        "/masuk", {"login": "kab-admin", "password": PASSWORD, "lanjut": f"/ippd/{KAB}"}, follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"/ippd/{KAB}"
    cookie = answer.headers["set-cookie"]
    assert "ea_sesi=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert stranger.get(f"/ippd/{KAB}").status_code == 200


def test_wrong_password_unknown_user_and_disabled_user_read_alike(world):
    answers = []
    for login, password in (("kab-admin", "salah-sama-sekali"), ("tidak-ada", PASSWORD)):
        browser = world.browser()
        browser.get("/masuk")
        response = browser.post("/masuk", {"login": login, "password": password})
        assert response.status_code == 401
        answers.append(Visible.text(response.text).replace(login, "X"))
    assert answers[0] == answers[1]
    assert "kata sandi salah" in answers[0]


def test_the_next_address_stays_on_this_server(world):
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"):
        browser = world.browser()
        browser.get("/masuk")
        answer = browser.post(
            "/masuk", {"login": "kab-admin", "password": PASSWORD, "lanjut": target}, follow_redirects=False
        )
        assert answer.headers["location"] == "/", target


def test_a_form_without_this_browsers_guard_is_refused(world):
    browser = world.browser()
    browser.get("/masuk")
    forged = browser.post("/masuk", {"login": "kab-admin", "password": PASSWORD}, csrf="0" * 40, follow_redirects=False)
    assert forged.status_code == 403
    other = world.browser()
    other.get("/masuk")
    stolen = other.post(
        "/masuk", {"login": "kab-admin", "password": PASSWORD}, csrf=browser.csrf, follow_redirects=False
    )
    assert stolen.status_code == 403
    cross = browser.post(
        "/masuk",
        {"login": "kab-admin", "password": PASSWORD},
        headers={"origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert cross.status_code == 403


def test_sign_out_ends_the_session_on_the_server(world):
    browser = world.browser("kab_admin")
    cookie = browser.client.cookies.get("ea_sesi")
    browser.get(f"/ippd/{KAB}")
    assert browser.post("/keluar", follow_redirects=False).status_code == 303
    replay = world.browser()
    replay.client.cookies.set("ea_sesi", cookie)
    assert replay.get(f"/ippd/{KAB}", follow_redirects=False).status_code == 303


def test_repeated_failures_make_the_account_wait(world):
    browser = world.browser()
    browser.get("/masuk")
    for _ in range(6):
        browser.post("/masuk", {"login": "kab-viewer", "password": "bukan-sandinya"})
    refused = browser.post("/masuk", {"login": "kab-viewer", "password": PASSWORD}, follow_redirects=False)
    assert refused.status_code == 401  # the right password, but the account waits


def test_a_disabled_user_is_signed_out_at_once(world):
    browser = world.browser("kab_architect")
    assert browser.get(f"/ippd/{KAB}").status_code == 200
    service.disable_user(world.repo, "kab-architect", principal=service.local_principal())
    assert browser.get(f"/ippd/{KAB}", follow_redirects=False).status_code == 303
    again = Browser(browser.client)
    again.get("/masuk")
    assert again.post("/masuk", {"login": "kab-architect", "password": PASSWORD}).status_code == 401


def test_pages_are_indonesian_by_default_and_english_by_the_switch(world):
    browser = world.browser("kab_admin")
    page = Visible.text(browser.get(f"/ippd/{KAB}").text)
    assert "Dasbor" in page and "Keluar" in page
    switched = browser.get(f"/bahasa/en?kembali=/ippd/{KAB}")
    assert switched.status_code == 200
    english = Visible.text(switched.text)
    assert "Dashboard" in english and "Sign out" in english and "Dasbor" not in english


def test_pages_carry_a_strict_content_security_policy(world):
    response = world.browser("kab_admin").get(f"/ippd/{KAB}")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"


def test_a_national_user_sees_every_ippd_and_an_ippd_user_goes_to_its_own(world):
    national = world.browser("national_viewer").get("/")
    assert f'href="/ippd/{KAB}"' in national.text and 'href="/ippd/kota"' in national.text
    own = world.browser("kab_viewer").get("/", follow_redirects=False)
    assert own.headers["location"] == f"/ippd/{KAB}"


def test_another_ippd_is_out_of_reach(world):
    assert world.browser("kab_admin").get("/ippd/kota").status_code == 403
    assert world.browser("kab_admin").get("/ippd/tidak-ada").status_code == 403
    assert world.browser("national_viewer").get("/ippd/tidak-ada").status_code == 404


def test_an_unknown_address_a_bad_parameter_and_a_large_upload_answer_pages(world):
    browser = world.browser("kab_admin")
    missing = browser.get("/tidak-ada")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "Tidak ada halaman di alamat ini" in Visible.text(missing.text)
    api = browser.get("/v1/tidak-ada")
    assert api.status_code == 404 and api.json()["error"]["code"] == "no_such_route"  # the API keeps its shape
    browser.get(f"/ippd/{KAB}/redundansi")
    bad = browser.post(f"/ippd/{KAB}/redundansi/pulihkan/bukan-angka")  # a malformed path parameter
    assert bad.status_code == 422 and "text/html" in bad.headers["content-type"]
    said = Visible.text(bad.text)
    assert "dismissal_id: nilai 'bukan-angka' tidak dapat dipakai" in said and "Input should" not in said
    from api.app import create_app
    from ea_repo.core.settings import Settings

    capped = WebWorld(create_app(Settings(max_body_bytes=1024 * 1024), repository=world.repo), world.repo)
    uploader = capped.browser("kab_admin")
    uploader.get(f"/ippd/{KAB}/impor")
    answer = uploader.post(f"/ippd/{KAB}/impor", files={"berkas": ("besar.xlsx", b"x" * (2 * 1024 * 1024))})
    assert answer.status_code == 413 and "text/html" in answer.headers["content-type"]
    assert "1 MiB" in Visible.text(answer.text)


def test_a_page_that_fails_unexpectedly_says_so_without_a_traceback(world, monkeypatch):
    from ea_repo import service as door

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(door, "ippd_overview", broken)
    answer = world.browser("kab_admin").get(f"/ippd/{KAB}")
    assert answer.status_code == 500 and "text/html" in answer.headers["content-type"]
    text = Visible.text(answer.text)
    assert "rujukan" in text and "secret internal detail" not in text and "Traceback" not in text
