"""The users page (admins: the users of their scope, create, disable) and changing one's own password."""

from __future__ import annotations

import re

import pytest
from test_no_english import offending
from web_support import KAB, PASSWORD, Browser, Visible, make_web_world

from ea_repo import service

ADMIN = service.local_principal()
NEW_PASSWORD = "sandi-baru-yang-panjang"


@pytest.fixture
def world(repo):
    return make_web_world(repo)


def logins(html: str) -> list[str]:
    """The user names in the users table (its row headers)."""
    body = html.split('<table class="users">', 1)[1].split("</tbody>", 1)[0]
    return [Visible.text(cell).split(" ")[0] for cell in re.findall(r'<th scope="row">(.*?)</th>', body)]


def new_user(**changes: str) -> dict[str, str]:
    form = {
        "login": "budi",
        "name": "Budi Santoso",
        "role": "architect",
        "ippd": KAB,
        "opds": "1",
        "password": "sandi-awal-budi-1",
        "password_again": "sandi-awal-budi-1",
    }
    return {**form, **changes}


def can_sign_in(world, login: str, password: str) -> bool:
    browser = world.browser()
    browser.get("/masuk")
    answer = browser.post("/masuk", {"login": login, "password": password, "lanjut": "/"}, follow_redirects=False)
    return answer.status_code == 303


def test_an_ippd_admin_sees_only_the_users_of_its_ippd(world):
    page = world["kab_admin"].get("/pengguna")
    assert page.status_code == 200
    assert logins(page.text) == ["kab-admin", "kab-architect", "kab-opd1", "kab-viewer"]
    text = Visible.text(page.text)
    assert "arsitek" in text and "kab · OPD 1" in text
    assert offending(page.text) == [] and offending(world["kab_admin"].get("/akun/sandi").text) == []
    assert logins(world["national_admin"].get("/pengguna").text) == [
        "kab-admin",
        "kab-architect",
        "kab-opd1",
        "kab-viewer",
        "kota-architect",
        "national-admin",
        "national-viewer",
    ]
    options = re.findall(r'<option value="([^"]*)"', page.text.split('name="ippd"', 1)[1].split("</select>", 1)[0])
    assert options == [KAB]  # no national, no kota choice for an IPPD admin


@pytest.mark.parametrize("who", ["kab_architect", "kab_opd1", "kab_viewer", "national_viewer"])
def test_anyone_but_an_admin_is_refused(world, who):
    browser = world[who]
    assert browser.get("/pengguna").status_code == 403
    browser.get("/akun/sandi")
    assert browser.post("/pengguna", new_user(login="penyusup")).status_code == 403
    assert browser.post("/pengguna/kab-viewer/nonaktifkan").status_code == 403
    assert "penyusup" not in [u.login for u in service.list_users(world.repo, principal=ADMIN)]
    assert can_sign_in(world, "kab-viewer", PASSWORD)


def test_an_admin_creates_a_user_who_can_sign_in(world):
    browser = world["kab_admin"]
    browser.get("/pengguna")
    answer = browser.post("/pengguna", new_user(opds="1, 2"), follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/pengguna?dibuat=budi"
    page = browser.get(answer.headers["location"])
    assert "Pengguna budi dibuat." in Visible.text(page.text) and "budi" in logins(page.text)
    created = next(u for u in service.list_users(world.repo, principal=ADMIN) if u.login == "budi")
    assert (created.role.value, created.ippd, created.opds, created.created_by) == (
        "architect",
        KAB,
        ("1", "2"),
        "user:kab-admin (Kab Admin)",
    )
    assert can_sign_in(world, "budi", "sandi-awal-budi-1")


def test_a_refused_form_shows_each_problem_at_its_field_and_creates_nothing(world):
    browser = world["kab_admin"]
    browser.get("/pengguna")
    cases = [
        (new_user(login="Budi Santoso!"), "login-masalah", "nama pengguna: 2-64 huruf kecil"),
        (new_user(login="kab-viewer"), "login-masalah", "nama pengguna kab-viewer sudah dipakai"),
        (new_user(password="pendek", password_again="pendek"), "password-masalah", "kata sandi harus 10 sampai"),
        (new_user(password_again="lain-sekali-sandinya"), "password_again-masalah", "kedua kata sandi tidak sama"),
        (new_user(role="chief"), "role-masalah", "peran 'chief' tidak dikenal"),
        (new_user(opds="99"), "opds-masalah", "99"),
        (new_user(name=" "), "name-masalah", "nama orang wajib diisi"),
    ]
    for form, field, text in cases:
        answer = browser.post("/pengguna", form)
        assert answer.status_code == 422, form
        shown = re.search(rf'<p id="{field}" class="field-problem">(.*?)</p>', answer.text)
        assert shown and text in Visible.text(shown.group(1)), (form, answer.text[-3000:])
        assert 'aria-invalid="true"' in answer.text
        assert f'value="{form["name"].strip()}"' in answer.text or not form["name"].strip()  # what was typed stays
    assert "budi" not in [u.login for u in service.list_users(world.repo, principal=ADMIN)]


def test_a_kab_admin_cannot_create_national_or_kota_users(world):
    browser = world["kab_admin"]
    browser.get("/pengguna")
    refused = browser.post("/pengguna", new_user(ippd="kota", opds=""))
    assert refused.status_code == 403  # as the service answers (not an admin of kota)
    assert "kota" not in [u.ippd for u in service.list_users(world.repo, principal=ADMIN) if u.login == "budi"]
    # no IPPD named: the admin's own IPPD, never national
    assert (
        browser.post("/pengguna", new_user(ippd="", role="admin", opds=""), follow_redirects=False).status_code == 303
    )
    made = next(u for u in service.list_users(world.repo, principal=ADMIN) if u.login == "budi")
    assert (made.role.value, made.ippd) == ("admin", KAB)


def test_an_admin_disables_a_user_of_its_scope_only(world):
    browser = world["kab_admin"]
    browser.get("/pengguna")
    victim = world.browser("kab_viewer")
    answer = browser.post("/pengguna/kab-viewer/nonaktifkan", follow_redirects=False)
    assert answer.status_code == 303
    page = browser.get(answer.headers["location"])
    assert "Pengguna kab-viewer dinonaktifkan" in Visible.text(page.text) and "nonaktif sejak" in Visible.text(
        page.text
    )
    assert victim.get(f"/ippd/{KAB}", follow_redirects=False).status_code == 303  # signed out at once
    assert not can_sign_in(world, "kab-viewer", PASSWORD)
    assert browser.post("/pengguna/kota-architect/nonaktifkan").status_code == 404  # not in its scope: not there
    assert browser.post("/pengguna/national-admin/nonaktifkan").status_code == 404
    assert can_sign_in(world, "kota-architect", PASSWORD) and can_sign_in(world, "national-admin", PASSWORD)


def test_hostile_names_are_shown_escaped(world):
    for index, hostile in enumerate(("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')):
        service.create_user(
            world.repo, login=f"jahat{index}", name=hostile, role="viewer", password=PASSWORD, ippd=KAB, principal=ADMIN
        )
    page = world["kab_admin"].get("/pengguna").text
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    refused = world["kab_admin"].post("/pengguna", new_user(login='"><img src=x onerror=alert(1)>'))
    assert refused.status_code == 422 and "<img src=x" not in refused.text


def test_the_users_page_in_english(world):
    page = Visible.text(world["kab_admin"].get("/pengguna?lang=en").text)
    assert "Users within your scope" in page and "Create the user" in page and "architect" in page
    assert "Buat pengguna" not in page


def test_a_person_changes_their_own_password(world):
    browser = world["kab_viewer"]
    elsewhere = world.browser("kab_viewer")
    form = browser.get("/akun/sandi")
    assert form.status_code == 200 and 'autocomplete="current-password"' in form.text
    wrong = browser.post("/akun/sandi", {"current": "bukan-sandinya", "new": NEW_PASSWORD, "new_again": NEW_PASSWORD})
    assert wrong.status_code == 422
    assert "kata sandi saat ini salah" in re.search(r'id="current-masalah"[^>]*>(.*?)</p>', wrong.text).group(1)
    differ = browser.post("/akun/sandi", {"current": PASSWORD, "new": NEW_PASSWORD, "new_again": NEW_PASSWORD + "x"})
    assert differ.status_code == 422 and "kedua kata sandi tidak sama" in differ.text
    short = browser.post("/akun/sandi", {"current": PASSWORD, "new": "pendek", "new_again": "pendek"})
    assert short.status_code == 422 and "kata sandi harus 10 sampai" in short.text
    assert can_sign_in(world, "kab-viewer", PASSWORD)  # nothing changed yet

    changed = browser.post(
        "/akun/sandi", {"current": PASSWORD, "new": NEW_PASSWORD, "new_again": NEW_PASSWORD}, follow_redirects=False
    )
    assert changed.status_code == 303 and "ea_sesi=" in changed.headers["set-cookie"]
    assert "Kata sandi Anda sudah diganti." in Visible.text(browser.get(changed.headers["location"]).text)
    assert browser.get(f"/ippd/{KAB}").status_code == 200  # this browser stays signed in
    assert elsewhere.get(f"/ippd/{KAB}", follow_redirects=False).status_code == 303  # the other session ended
    assert not can_sign_in(world, "kab-viewer", PASSWORD) and can_sign_in(world, "kab-viewer", NEW_PASSWORD)
    entries = service.history(world.repo, principal=ADMIN)
    assert any(e.change.action == "user-password" and e.change.subject == "kab-viewer" for e in entries)


def test_wrong_current_passwords_make_the_account_wait(world):
    browser = world["kab_architect"]
    browser.get("/akun/sandi")
    for _ in range(6):
        browser.post("/akun/sandi", {"current": "tebakan-salah", "new": NEW_PASSWORD, "new_again": NEW_PASSWORD})
    right = browser.post("/akun/sandi", {"current": PASSWORD, "new": NEW_PASSWORD, "new_again": NEW_PASSWORD})
    assert right.status_code == 422  # the right password, but the account waits, as at sign-in
    assert not can_sign_in(world, "kab-architect", NEW_PASSWORD)


def test_the_password_page_needs_a_session_and_the_form_guard(world):
    stranger = world.browser()
    assert stranger.get("/akun/sandi", follow_redirects=False).status_code == 303
    browser = world["kab_viewer"]
    browser.get("/akun/sandi")
    forged = browser.post(
        "/akun/sandi", {"current": PASSWORD, "new": NEW_PASSWORD, "new_again": NEW_PASSWORD}, csrf="0" * 40
    )
    assert forged.status_code == 403 and can_sign_in(world, "kab-viewer", PASSWORD)
    english = Visible.text(Browser(browser.client).get("/akun/sandi?lang=en").text)
    assert "Change your password" in english and "Current password" in english
