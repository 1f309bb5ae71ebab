"""Import in the browser: the dry run (every problem where it is, what would change, nothing written), the commit
(what changed), the upload kept for its own session only, and who may import what."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from helpers import workbook_bytes
from test_no_english import offending
from web_support import KAB, KOTA, Visible, make_web_world

from ea_repo import service
from ea_repo.core.yaml_io import dump_documents

ADMIN = service.local_principal()
HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


@pytest.fixture
def world(repo):
    return make_web_world(repo)


def yaml_of(*documents: dict) -> bytes:
    return dump_documents(list(documents)).encode()


def application(element_id: str, name: str, opd: str = "1", ippd: str = KAB) -> dict:
    metadata = {"id": element_id, "name": name, "ippd": ippd, "opd": opd, "plateau": "as-is"}
    return {"apiVersion": "ea-repo/v1", "kind": "Application", "metadata": metadata, "spec": {}}


def upload(browser, files: list[tuple[str, bytes]], ippd: str = KAB):
    browser.get(f"/ippd/{ippd}/impor")
    parts = [("berkas", (name, data, "application/octet-stream")) for name, data in files]
    return browser.post(f"/ippd/{ippd}/impor", files=parts)


def upload_name(html: str) -> str:
    found = re.search(r'name="unggahan" value="([^"]+)"', html)
    assert found, "the dry run offers no commit"
    return found.group(1)


def problem_rows(html: str) -> list[list[str]]:
    """The problems table's rows: file, sheet, row, element, column or field, problem."""
    section = html.split('class="import-problems"', 1)[1].split("</section>", 1)[0]
    body = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [Visible.text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)] for row in body.split("</tr>")[:-1]
    ]


def catalogue(repo, ippd: str = KAB) -> dict[str, str | None]:
    return {
        row.element_id: row.name for row in service.list_elements(repo, ippd=ippd, plateau="as-is", principal=ADMIN)
    }


def audit_size(repo) -> int:
    return len(service.history(repo, limit=10_000, principal=ADMIN))


BAD_APPLICATIONS = [
    ["ID", "Nama Aplikasi", "Kode OPD", "Jenis Aplikasi"],
    ["A.001", "SIMPEG baru", "1", "umum"],
    ["A.010", "Layanan Baru", "1", "lokal"],
    ["X-9", "Salah", "1", None],
]


def test_the_dry_run_names_a_bad_rows_sheet_row_and_column_and_writes_nothing(world):
    before, audited = catalogue(world.repo), audit_size(world.repo)
    response = upload(world["kab_architect"], [("katalog.xlsx", workbook_bytes({"Aplikasi": BAD_APPLICATIONS}))])
    assert response.status_code == 422
    rows = problem_rows(response.text)
    assert ["katalog.xlsx", "Aplikasi", "3", "Aplikasi A.010", "Jenis Aplikasi (D)"] in [r[:5] for r in rows]
    assert ["katalog.xlsx", "Aplikasi", "4", "Aplikasi X-9", "ID (A)"] in [r[:5] for r in rows]
    assert "ID harus seperti A.001" in " ".join(r[5] for r in rows)
    assert "Tidak ada yang ditulis" in Visible.text(response.text) and offending(response.text) == []
    assert 'name="unggahan"' not in response.text  # nothing to commit
    assert catalogue(world.repo) == before and audit_size(world.repo) == audited


def test_a_good_file_is_dry_run_then_committed_and_the_catalogue_changes(world):
    browser = world["kab_architect"]
    good = workbook_bytes({"Aplikasi": [row[:3] for row in BAD_APPLICATIONS[:3]]})  # SIMPEG renamed, A.010 new
    audited = audit_size(world.repo)
    preview = upload(browser, [("katalog.xlsx", good)])
    assert preview.status_code == 200, preview.text[:2000]
    text = Visible.text(preview.text)
    assert "Belum ada yang ditulis" in text
    assert "Aplikasi 1 1 0" in text  # created, updated, unchanged
    assert catalogue(world.repo)["A.001"] == "SIMPEG" and "A.010" not in catalogue(world.repo)
    assert audit_size(world.repo) == audited  # the dry run's write was rolled back, its audit entries with it

    answer = browser.post(f"/ippd/{KAB}/impor/simpan", {"unggahan": upload_name(preview.text)}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith(f"/ippd/{KAB}/impor/hasil/")
    assert catalogue(world.repo)["A.001"] == "SIMPEG baru" and catalogue(world.repo)["A.010"] == "Layanan Baru"
    result_page = browser.get(answer.headers["location"]).text
    result = Visible.text(result_page)
    assert offending(preview.text) == [] and offending(result_page) == []  # Indonesian through and through
    assert "Tersimpan: 1 baru, 1 diperbarui, 0 tetap." in result
    assert "katalog.xlsx [Aplikasi]:3" in result  # a finding on an imported element, located in the workbook
    entries = service.history(world.repo, element_id="A.010", principal=ADMIN)
    assert [e.actor for e in entries] == ["user:kab-architect (Kab Architect)"]

    again = browser.post(f"/ippd/{KAB}/impor/simpan", {"unggahan": upload_name(preview.text)}, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == answer.headers["location"]  # not imported twice
    assert len(service.history(world.repo, element_id="A.010", principal=ADMIN)) == 1


def test_csv_yaml_and_zip_uploads_go_together(world):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("satu/aplikasi.yaml", yaml_of(application("A.020", "Dari zip")).decode())
    files = [
        ("layanan.csv", "ID;Nama Layanan;Kode OPD\nL.050;Layanan CSV;1\n".encode("utf-8-sig")),
        ("lain.yml", yaml_of(application("A.021", "Dari YAML"))),
        ("arsip.zip", archive.getvalue()),
    ]
    browser = world["kab_admin"]
    preview = upload(browser, files)
    assert preview.status_code == 200, preview.text[:2000]
    assert "3 berkas · 3 elemen" in Visible.text(preview.text)
    browser.post(f"/ippd/{KAB}/impor/simpan", {"unggahan": upload_name(preview.text)})
    assert {"A.020", "A.021", "L.050"} <= set(catalogue(world.repo))
    source = service.list_elements(world.repo, text="A.020", principal=ADMIN)[0].source
    assert source.startswith("arsip.zip/satu/aplikasi.yaml:")  # where it was written, as the user knows it


def test_a_viewer_sees_the_page_refused_and_cannot_import(world):
    viewer = world["kab_viewer"]
    page = viewer.get(f"/ippd/{KAB}/impor")
    assert page.status_code == 403 and "hanya boleh membaca" in Visible.text(page.text)
    refused = viewer.post(f"/ippd/{KAB}/impor", files=[("berkas", ("a.yaml", yaml_of(application("A.030", "X")), "x"))])
    assert refused.status_code == 403
    assert "A.030" not in catalogue(world.repo)


def test_a_scoped_user_cannot_import_into_another_opd_or_ippd(world):
    opd1 = world["kab_opd1"]
    refused = upload(opd1, [("a.yaml", yaml_of(application("A.031", "Milik OPD 2", opd="2")))])
    assert refused.status_code == 403  # the service's scope rule, as the API answers
    assert "A.031" in Visible.text(refused.text) and "A.031" not in catalogue(world.repo)
    own = upload(opd1, [("a.yaml", yaml_of(application("A.032", "Milik OPD 1")))])
    assert own.status_code == 200 and 'name="unggahan"' in own.text
    assert world["kota_architect"].get(f"/ippd/{KAB}/impor").status_code == 403
    assert world["kab_architect"].get(f"/ippd/{KOTA}/impor").status_code == 403
    for who in ("kab_architect", "national_admin"):  # a document of another IPPD than the page's: a problem
        other = upload(world[who], [("a.yaml", yaml_of(application("A.033", "Kota", ippd=KOTA)))])
        assert other.status_code == 422
        assert "milik IPPD kota, sedangkan impor ini untuk IPPD kab" in Visible.text(other.text)
    assert "A.033" not in catalogue(world.repo, KOTA)


def test_an_upload_is_kept_for_its_own_session_only(world):
    preview = upload(world["kab_architect"], [("a.yaml", yaml_of(application("A.040", "Tertunda")))])
    name = upload_name(preview.text)
    for who in ("kab_admin", "kab_architect"):  # another person, and the same person in another browser
        other = world.browser(who)
        other.get(f"/ippd/{KAB}/impor")
        answer = other.post(f"/ippd/{KAB}/impor/simpan", {"unggahan": name})
        assert answer.status_code == 404 and "tidak tersedia lagi" in Visible.text(answer.text)
        assert other.get(f"/ippd/{KAB}/impor/hasil/{name}").status_code == 404
    for forged in ("../../../etc/passwd", "x" * 32, ""):
        answer = world["kab_architect"].post(f"/ippd/{KAB}/impor/simpan", {"unggahan": forged})
        assert answer.status_code == 404
    assert "A.040" not in catalogue(world.repo)
    assert world["kab_architect"].post(f"/ippd/{KAB}/impor/simpan", {"unggahan": name}).status_code == 200
    assert "A.040" in catalogue(world.repo)


def test_hostile_names_are_shown_escaped(world):
    files = [(f"{HOSTILE[1]}.yaml", yaml_of(application(HOSTILE[0], HOSTILE[1])))]
    response = upload(world["kab_admin"], files)
    assert response.status_code == 422
    for hostile in HOSTILE:
        assert hostile not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "&gt;&lt;img src=x onerror=alert(1)&gt;.yaml</td>" in response.text  # the file's name (its " sent as %22)


def test_no_file_and_a_file_of_another_kind_are_explained(world):
    browser = world["kab_admin"]
    browser.get(f"/ippd/{KAB}/impor")
    empty = browser.post(f"/ippd/{KAB}/impor", files=[("berkas", ("", b"", "application/octet-stream"))])
    assert empty.status_code == 422 and "Pilih sedikitnya satu berkas." in Visible.text(empty.text)
    other = upload(browser, [("catatan.txt", b"bukan katalog")])
    assert other.status_code == 422
    assert ["catatan.txt", "", "", ""] == problem_rows(other.text)[0][:4]
    assert "jenis berkas ini tidak dapat diimpor" in problem_rows(other.text)[0][5]


def test_the_page_in_english(world):
    page = Visible.text(world["kab_admin"].get(f"/ippd/{KAB}/impor?lang=en").text)
    assert "Import into kab" in page and "Check (dry run)" in page and "Periksa" not in page
    rejected = world["kab_admin"].post(
        f"/ippd/{KAB}/impor?lang=en",
        files=[("berkas", ("k.xlsx", workbook_bytes({"Aplikasi": BAD_APPLICATIONS}), "x"))],
    )
    text = Visible.text(rejected.text)
    assert "problem(s) found. Nothing was written." in text and "Column or field" in text


def test_the_form_is_guarded(world):
    browser = world["kab_admin"]
    browser.get(f"/ippd/{KAB}/impor")
    files = [("berkas", ("a.yaml", yaml_of(application("A.050", "X")), "x"))]
    assert browser.post(f"/ippd/{KAB}/impor", files=files, csrf="0" * 40).status_code == 403
