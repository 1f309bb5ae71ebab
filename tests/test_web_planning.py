"""The findings, gap and Peta Rencana pages on the sample (samples/contoh, as the IPPD `kab` of the test world):
what each shows, filters that narrow, links, escaping, scope, English, downloads, the dashboard's gap section."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from helpers import doc, organisation
from openpyxl import load_workbook
from starlette.requests import Request
from web_support import KAB, Visible, make_web_world

from api.web.pages.planning import dashboard_sections
from api.web.texts import WEB
from ea_repo import service
from ea_repo.core.errors import PermissionDenied
from ea_repo.core.yaml_io import dump_documents

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "contoh"
HOSTILE = "<script>alert(1)</script>"
HOSTILE_ATTR = '"><img src=x onerror=alert(1)>'
FINDINGS, GAP, ROADMAP = f"/ippd/{KAB}/temuan", f"/ippd/{KAB}/gap", f"/ippd/{KAB}/peta-rencana"


def sample_in(folder: Path, extra: str = "") -> Path:
    """samples/contoh with its IPPD renamed to the test world's `kab` (so the world's users and scopes apply)."""
    for source in SAMPLE.rglob("*.yaml"):
        target = folder / source.relative_to(SAMPLE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text(encoding="utf-8").replace("kab-contoh", KAB), encoding="utf-8")
    if extra:
        (folder / "tambahan.yaml").write_text(extra, encoding="utf-8")
    return folder


def hostile_documents() -> str:
    initiative = {
        "apiVersion": "ea-repo/v1",
        "kind": "Initiative",
        "metadata": {"id": "TK.5", "name": HOSTILE, "ippd": KAB},
        "spec": {"muatan": "tata kelola", "output": HOSTILE_ATTR, "uic": [HOSTILE], "years": [2026]},
    }
    return dump_documents(
        [
            doc("Application", "A.900", name=HOSTILE, opd="1", plateau="to-be"),
            doc("Application", "A.901", name=HOSTILE_ATTR, opd="1", plateau="as-is"),
            initiative,
        ]
    )


@pytest.fixture
def world(repo, tmp_path):
    local = service.local_principal()
    service.import_text(
        repo,
        dump_documents([*organisation("kota", ("1",)), doc("Application", "A.001", ippd="kota", opd="1")]),
        principal=local,
    )
    service.import_paths(repo, [sample_in(tmp_path / "contoh", hostile_documents())], principal=local)
    return make_web_world(repo, [])


def text_of(response) -> str:
    assert response.status_code == 200, response.text[:500]
    return Visible.text(response.text)


# --- findings ---------------------------------------------------------------------------
def test_findings_show_title_message_fix_and_link_to_the_element(world):
    page = world["kab_admin"].get(FINDINGS)
    seen = text_of(page)
    assert "Temuan kab" in seen
    assert "Tautan ke ID yang tidak ada" in seen  # the rule's title
    assert "D.011 menautkan L.0O1 (di related), tetapi L.0O1 tidak ada di plateau as-is" in seen  # the message
    assert "Perbaiki ID tujuan (salah ketik?)" in seen  # the fix
    assert 'href="/ippd/kab/elemen/as-is/D.011"' in page.text
    assert 'href="/ippd/kab/elemen/to-be/D.003"' in page.text
    errors = re.search(r'class="card sev-error"[^>]*><span class="big">(\d+)</span>', page.text)
    assert errors and int(errors.group(1)) == 4
    assert 'href="/ippd/kab/temuan?aturan=opd-unknown"' in page.text  # counts per rule narrow the list


def test_filters_in_the_url_narrow_the_findings(world):
    browser = world["kab_admin"]
    everything = text_of(browser.get(FINDINGS))
    assert "I.PKS.002" in everything and "A.050" in everything

    errors = text_of(browser.get(FINDINGS + "?tingkat=error"))
    assert "opd-unknown" in errors and "application-without-infrastructure —" not in errors
    assert "dari 4 temuan" in errors

    one_rule = browser.get(FINDINGS + "?aturan=opd-unknown")
    assert "dari 1 temuan" in text_of(one_rule) and "I.PKS.002 dimiliki OPD BPKAD" in text_of(one_rule)
    assert '<option value="opd-unknown" selected>' in one_rule.text

    data = text_of(browser.get(FINDINGS + "?domain=data"))
    assert "D.011" in data and "I.PKS.002" not in data and "A.050" not in data

    to_be = text_of(browser.get(FINDINGS + "?plateau=to-be"))
    assert "D.003" in to_be and "D.011 menautkan" not in to_be

    opd = text_of(browser.get(FINDINGS + "?opd=15"))
    assert "D.003" in opd and "D.011 menautkan" not in opd

    words = text_of(browser.get(FINDINGS + "?teks=BPKAD"))
    assert "dari 1 temuan" in words and "I.PKS.002" in words

    nothing = text_of(browser.get(FINDINGS + "?tingkat=error&domain=security"))
    assert "Tidak ada temuan yang cocok" in nothing


def test_findings_are_paged_by_a_hundred(repo):
    many = [doc("Application", f"A.{n:03d}", opd="1") for n in range(150, 280)]
    world = make_web_world(repo, [*organisation(KAB, ("1",)), *organisation("kota", ("1",)), *many])
    browser = world["kab_admin"]
    first = browser.get(FINDINGS + "?aturan=application-without-infrastructure")
    assert "1–100 dari 130 temuan (halaman 1 dari 2)" in text_of(first)
    assert first.text.count('href="/ippd/kab/elemen/as-is/A.') == 100
    assert 'href="/ippd/kab/temuan?aturan=application-without-infrastructure&amp;halaman=2" rel="next"' in first.text
    second = browser.get(FINDINGS + "?aturan=application-without-infrastructure&halaman=2")
    assert "101–130 dari 130 temuan (halaman 2 dari 2)" in text_of(second)
    assert second.text.count('href="/ippd/kab/elemen/as-is/A.') == 30
    assert "A.279" in second.text and "A.279" not in first.text
    beyond = browser.get(FINDINGS + "?aturan=application-without-infrastructure&halaman=99")
    assert "halaman 2 dari 2" in text_of(beyond)


def test_a_scoped_user_sees_only_its_opds_findings(world):
    own = world["kab_opd1"]
    seen = text_of(own.get(FINDINGS))
    assert "A.900" in seen and "L.001: RAL.01.01" in seen  # OPD 1's
    assert "I.PKS.002" not in seen and "D.003" not in seen and "A.050" not in seen  # other OPDs'
    assert "L.0O1" not in seen  # D.011 is OPD 1's, but its finding names an ID the user cannot see
    assert "Sekretariat Daerah" not in seen  # the OPD filter offers only the user's OPDs
    assert own.get(FINDINGS + "?opd=15").status_code == 403
    assert world["kota_architect"].get(FINDINGS).status_code == 403
    assert world["national_viewer"].get("/ippd/tidak-ada/temuan").status_code == 404


# --- gap --------------------------------------------------------------------------------
def test_gap_shows_pemenuhan_per_component_and_the_changes(world):
    page = world["kab_admin"].get(GAP)
    seen = text_of(page)
    assert "Analisis kesenjangan kab" in seen
    assert "Hasil Analisis Kesenjangan Arsitektur Aplikasi" in seen
    assert "Pemenuhan" in seen and "Kondisi Saat Ini" in seen and "Rekomendasi Tindak Lanjut" in seen
    assert "Largely (80%)" in seen  # BusinessProcess: 8 of 10 kept
    assert "8 ditambah 7 dihentikan 14 diubah 47 tetap" in seen  # the sample's, plus A.900 and A.901
    assert 'href="/ippd/kab/elemen/to-be/A.050"' in page.text  # added: in the target
    assert 'href="/ippd/kab/elemen/as-is/A.014"' in page.text  # retired: where it was
    assert '<option value="to-be" selected>' in page.text


def test_gap_plateaus_are_chosen_in_the_url(world):
    browser = world["kab_admin"]
    reversed_ = text_of(browser.get(GAP + "?sebelum=to-be&sesudah=as-is"))
    assert "Ringkasan perubahan (to-be → as-is)" in reversed_
    assert "7 ditambah 8 dihentikan" in reversed_
    assert browser.get(GAP + "?sebelum=kemarin").status_code == 400
    empty = text_of(browser.get(GAP + "?sebelum=2030&sesudah=2031"))
    assert "Tidak ada elemen di plateau 2030 maupun 2031" in empty


def test_gap_downloads_are_the_documents_the_cli_writes(world):
    browser = world["kab_admin"]
    page = browser.get(GAP + "?sebelum=as-is&sesudah=to-be")
    assert 'href="/ippd/kab/gap/unduh/xlsx?sebelum=as-is&amp;sesudah=to-be"' in page.text
    workbook = browser.get(f"/ippd/{KAB}/gap/unduh/xlsx?sebelum=as-is&sesudah=to-be")
    assert workbook.status_code == 200
    assert workbook.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="kesenjangan-kab-as-is-to-be.xlsx"' in workbook.headers["content-disposition"]
    book = load_workbook(io.BytesIO(workbook.content))
    assert "Arsitektur Aplikasi" in book.sheetnames
    cells = [c for row in book["Arsitektur Aplikasi"].iter_rows(values_only=True) for c in row if c]
    assert "Pemenuhan" in cells
    markdown = browser.get(f"/ippd/{KAB}/gap/unduh/md?lang=en")
    assert markdown.status_code == 200 and markdown.headers["content-type"].startswith("text/markdown")
    assert "Fulfilment" in markdown.text and "A.050" in markdown.text
    assert browser.get(f"/ippd/{KAB}/gap/unduh/exe").status_code == 400
    assert world["kota_architect"].get(f"/ippd/{KAB}/gap/unduh/xlsx").status_code == 403


def test_a_scoped_user_sees_only_its_opds_gap(world):
    seen = text_of(world["kab_opd1"].get(GAP))
    assert "A.900" in seen  # OPD 1's
    assert "A.050" not in seen and "A.014" not in seen  # OPD 20's, and a retired one of another OPD
    assert world["kota_architect"].get(GAP).status_code == 403


# --- roadmap ----------------------------------------------------------------------------
def test_roadmap_per_muatan_and_year_with_its_findings(world):
    page = world["kab_admin"].get(ROADMAP)
    seen = text_of(page)
    assert "Peta Rencana SPBE Kabupaten Contoh 2025–2029" in seen and "Periode 2025–2029" in seen
    headings = re.findall(r'<h3 id="muatan-\d+">([^<]+)', page.text)
    assert [h.strip() for h in headings][:3] == ["Layanan", "Aplikasi", "Infrastruktur"]
    assert "Audit TIK" in headings[-2] or "Audit TIK" in " ".join(headings)
    assert "Belum ada inisiatif pada muatan ini." in seen  # Audit TIK: none
    assert "Tanpa muatan" in seen  # MS.2 names none
    assert "Inisiatif" in seen and ">Initiative<" not in page.text  # a finding's record kind, in Indonesian
    row = re.search(r'<tr id="inisiatif-APL\.1">.*?</tr>', page.text, re.S)
    assert row and "Integrasi data pegawai" in row.group(0) and "SIMPEG dihentikan" in row.group(0)
    assert re.findall(r'<th scope="col" class="year">(\d+)</th>', page.text)[:5] == [
        "2025",
        "2026",
        "2027",
        "2028",
        "2029",
    ]
    assert "1.500.000.000" in seen  # INF.1's budget
    assert 'href="/ippd/kab/elemen/as-is/A.020"' in page.text  # APL.1 retires SIMPEG
    assert "Temuan Peta Rencana" in seen
    assert "roadmap-unknown-dependency" in seen and "TK.9" in seen
    assert 'href="#inisiatif-LAY.2"' in page.text  # a finding about an initiative points at its row
    assert 'href="/ippd/kab/elemen/to-be/A.050"' in page.text  # an unplanned gap element: to its page


def test_roadmap_download_is_the_document(world):
    browser = world["kab_admin"]
    workbook = browser.get(f"/ippd/{KAB}/peta-rencana/unduh/xlsx")
    assert workbook.status_code == 200
    book = load_workbook(io.BytesIO(workbook.content))
    assert "Peta Rencana" in book.sheetnames
    cells = [c for row in book["Peta Rencana"].iter_rows(values_only=True) for c in row if c]
    assert "APL.1" in cells and "Muatan" in cells
    markdown = browser.get(f"/ippd/{KAB}/peta-rencana/unduh/md")
    assert markdown.status_code == 200 and "Pembangunan Portal Satu Data" in markdown.text
    assert world["kota_architect"].get(f"/ippd/{KAB}/peta-rencana/unduh/xlsx").status_code == 403


def test_a_scoped_user_reads_the_plan_but_only_its_elements(world):
    seen = text_of(world["kab_opd1"].get(ROADMAP))
    admin = text_of(world["kab_admin"].get(ROADMAP))
    assert "APL.1" in seen and "Pembangunan Portal Satu Data" in seen  # the plan is the IPPD's, public
    assert "A.050 (ditambahkan) tidak direncanakan" in admin
    assert "A.050" not in seen  # OPD 20's element: neither in the findings nor in the links
    assert world["kota_architect"].get(ROADMAP).status_code == 403


def test_an_ippd_without_a_roadmap_says_so(repo):
    world = make_web_world(repo)
    seen = text_of(world["kab_admin"].get(ROADMAP))
    assert "Belum ada Peta Rencana untuk IPPD ini" in seen
    assert "roadmap-muatan-missing" in seen  # the check still says which muatan it lacks


# --- every page ---------------------------------------------------------------------------
def test_stored_and_asked_text_is_shown_escaped(world):
    browser = world["kab_admin"]
    for path in (FINDINGS, FINDINGS + "?teks=" + HOSTILE_ATTR, GAP, ROADMAP):
        page = browser.get(path)
        assert page.status_code == 200
        assert "<script>alert" not in page.text and "<img src=x" not in page.text, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in browser.get(GAP).text  # A.900's name
    roadmap = browser.get(ROADMAP).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in roadmap  # TK.5's name, its unknown UIC in a finding
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in roadmap  # its output
    asked = browser.get(FINDINGS + "?teks=" + HOSTILE_ATTR + "&plateau=" + HOSTILE)
    assert 'value="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"' in asked.text


def test_the_pages_in_english(world):
    browser = world["kab_admin"]
    findings = text_of(browser.get(FINDINGS + "?lang=en"))
    assert "Findings of kab" in findings and "Fix:" in findings and "Link to a missing ID" in findings
    assert "D.011 links to L.0O1" in findings
    assert "Perbaikan" not in findings and "Saring" not in findings
    gap = text_of(browser.get(GAP + "?lang=en"))
    assert "Gap analysis of kab" in gap and "Fulfilment" in gap and "Current condition" in gap and "added" in gap
    assert "Pemenuhan = bagian" not in gap and "ditambah" not in gap
    roadmap = text_of(browser.get(ROADMAP + "?lang=en"))
    assert "Roadmap of kab" in roadmap and "Roadmap findings" in roadmap and "Responsible" in roadmap
    assert "Belum ada" not in roadmap and "Penanggung Jawab" not in roadmap


def test_a_viewer_reads_every_page_and_finds_nothing_to_write(world):
    viewer = world["kab_viewer"]
    for path in (FINDINGS, GAP, ROADMAP):
        page = viewer.get(path)
        assert page.status_code == 200
        assert re.findall(r'<form method="post" action="([^"]+)"', page.text) == ["/keluar"]  # only sign-out
    assert viewer.post(FINDINGS, {"tingkat": "error"}).status_code == 405


def test_the_nav_marks_each_page(world):
    browser = world["kab_admin"]
    for path, key in ((FINDINGS, "findings"), (GAP, "gap"), (ROADMAP, "roadmap")):
        assert f'aria-current="page">{WEB.t("nav." + key)}</a>' in browser.get(path).text


# --- the dashboard's section -------------------------------------------------------------------
def _request(lang: str) -> Request:
    request = Request({"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""})
    request.state.lang = lang
    return request


def test_dashboard_section_shows_pemenuhan_per_component(world):
    admin = service.Principal("user:kab-admin", service.Role.ADMIN, KAB, None)
    [section] = dashboard_sections(_request("id"), world.repo, admin, KAB)
    assert "Pemenuhan per komponen (as-is → to-be)" in section
    assert "Largely (80%)" in section and "Proses Bisnis" in section
    assert 'href="/ippd/kab/gap"' in section
    [english] = dashboard_sections(_request("en"), world.repo, admin, KAB)
    assert "Fulfilment per component" in english and "Business process" in english
    outsider = service.Principal("user:kota", service.Role.ARCHITECT, "kota", None)
    with pytest.raises(PermissionDenied):
        dashboard_sections(_request("id"), world.repo, outsider, KAB)


def test_dashboard_section_without_a_target_plateau(repo):
    world = make_web_world(
        repo, [*organisation(KAB, ("1",)), *organisation("kota", ("1",)), doc("Application", "A.001", opd="1")]
    )
    admin = service.Principal("user:kab-admin", service.Role.ADMIN, KAB, None)
    [section] = dashboard_sections(_request("id"), world.repo, admin, KAB)
    assert "Belum ada elemen di plateau to-be" in section
