"""The catalogue page (filters in the address, paging, sorting, the filtered view as XLSX/CSV) and the element page
(attributes, reference codes, links both ways, findings with the fix, history, the context diagram), with escaping,
scope and both languages."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from helpers import doc
from web_support import KAB, Visible, make_web_world, world_documents

from ea_repo import service
from metamodel import load_metamodel

HOSTILE = "<script>alert(1)</script>"
HOSTILE_ATTR = '"><img src=x onerror=alert(1)>'
MANY = 125  # applications A.100 .. A.224: three pages of 50


def extra_documents() -> list[dict]:
    documents = []
    for i in range(MANY):
        number = 100 + i
        documents.append(
            doc(
                "Application",
                f"A.{number}",
                name=f"Aplikasi {(MANY - i):03d}",  # names run the other way round from the IDs
                opd="1" if i % 2 == 0 else "2",
                reference="RAA.02.01" if i % 5 == 0 else "RAA.01.02",
                runs_on=["I.PKS.001"] if i % 3 == 0 else None,  # the others have a finding: no infrastructure
            )
        )
    documents += [
        doc("Application", "A.900", name=HOSTILE, opd="1", reference="RAA.01.02", services=["L.001"]),
        doc("Application", "A.901", name=HOSTILE_ATTR, opd="1", reference="RAA.01.02"),
        doc("Application", "A.902", name='=HYPERLINK("http://x")', opd="1", reference="RAA.01.02"),
        doc("Server", "I.PKS.001", name="Server utama", opd="1"),
    ]
    for document in documents:
        document["spec"] = {k: v for k, v in document["spec"].items() if v is not None}
    return documents


@pytest.fixture
def world(repo):
    return make_web_world(repo, world_documents() + extra_documents())


ROW_ID = re.compile(r'<th scope="row"><a href="/ippd/[^/]+/elemen/[^/]+/([^"]+)">')
NEXT = re.compile(r'<a href="([^"]+)" rel="next">')


def ids(html: str) -> list[str]:
    return ROW_ID.findall(html)


def unescape(url: str) -> str:
    return url.replace("&amp;", "&")


def every_page(browser, url: str) -> tuple[list[str], list[str]]:
    """The IDs of every page of a view, following its Next links; and those links."""
    seen, links = [], []
    while url:
        response = browser.get(url)
        assert response.status_code == 200, response.text[:400]
        seen += ids(response.text)
        found = NEXT.search(response.text)
        url = unescape(found.group(1)) if found else ""
        if url:
            links.append(url)
    return seen, links


def katalog(**params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/ippd/{KAB}/katalog" + (f"?{query}" if query else "")


def all_applications(world, plateau: str = "as-is") -> list:
    return [
        r
        for r in service.list_elements(world.repo, kind="application", ippd=KAB, plateau=plateau, principal=LOCAL)
        if r.kind == "Application"
    ]


LOCAL = service.local_principal()


# --- the catalogue ----------------------------------------------------------------------
def test_the_table_has_the_national_templates_columns(world):
    page = world["kab_admin"].get(katalog(jenis="application")).text
    kind = load_metamodel().kind("application")
    headers = re.findall(r'<th scope="col"[^>]*>(?:<a [^>]*>)?([^<]+)', page)
    assert kind.name_column in headers and "ID" in headers
    for attribute in kind.attributes:
        assert attribute.column in headers, attribute.column
    assert headers.index("ID") < headers.index(kind.name_column) < headers.index(kind.attributes[0].column)
    assert "Kode Model Referensi" in headers  # the sheets layout's column, as the workbook heads it
    assert "Kode IPPD" not in headers  # one IPPD: its column is left out


def test_the_default_view_is_the_first_kind_with_elements_in_as_is(world):
    page = world["kab_admin"].get(katalog()).text
    assert '<option value="data" selected>' in page  # metamodel order: business processes (none), then data
    assert ids(page) == ["D.001"]


def test_each_filter_narrows_and_they_combine(world):
    browser = world["kab_admin"]
    rows = all_applications(world)
    everything, _ = every_page(browser, katalog(jenis="application", per="200"))
    assert sorted(everything) == sorted(r.element_id for r in rows)

    opd2, _ = every_page(browser, katalog(jenis="application", opd="2", per="200"))
    assert opd2 and sorted(opd2) == sorted(r.element_id for r in rows if r.opd == "2")

    text, _ = every_page(browser, katalog(jenis="application", teks="aplikasi%2001", per="200"))
    assert sorted(text) == sorted(r.element_id for r in rows if "aplikasi 01" in (r.name or "").lower())
    assert 0 < len(text) < len(rows)

    code, _ = every_page(browser, katalog(jenis="application", kode="RAA.02", per="200"))
    assert code and sorted(code) == sorted(r.element_id for r in rows if r.reference[0].startswith("RAA.02"))

    combined, _ = every_page(browser, katalog(jenis="application", kode="RAA.02", opd="1", per="200"))
    expected = [r.element_id for r in rows if r.reference[0].startswith("RAA.02") and r.opd == "1"]
    assert combined and sorted(combined) == sorted(expected) and len(combined) < len(code)

    to_be, _ = every_page(browser, katalog(jenis="application", plateau="to-be"))
    assert to_be == ["A.001"]

    domain, _ = every_page(browser, katalog(jenis="infrastructure"))
    assert domain == ["I.PKS.001"]


def test_only_elements_with_findings(world):
    browser = world["kab_admin"]
    report = service.findings(world.repo, KAB, principal=LOCAL)
    with_findings = {f.element for f in report.findings if f.plateau == "as-is" and f.kind == "Application"}
    shown, _ = every_page(browser, katalog(jenis="application", temuan="1", per="200"))
    assert shown and sorted(shown) == sorted(with_findings)
    page = browser.get(katalog(jenis="application", temuan="1", teks="A.90")).text
    assert sorted(ids(page)) == sorted(i for i in with_findings if i.startswith("A.90"))
    assert 'id="f-temuan" name="temuan" type="checkbox" value="1" checked' in page


def test_paging_across_more_than_a_hundred_elements_keeps_the_filters(world):
    browser = world["kab_admin"]
    seen, links = every_page(browser, katalog(jenis="application", kode="RAA.01"))
    expected = sorted(r.element_id for r in all_applications(world) if r.reference[0].startswith("RAA.01"))
    assert len(expected) > 100
    assert sorted(seen) == expected and len(seen) == len(set(seen))
    assert len(links) == 2  # 50 + 50 + the rest
    for link in links:
        assert "jenis=application" in link and "kode=RAA.01" in link and "kursor=" in link
    second = browser.get(links[0]).text
    assert len(ids(second)) == 50
    first = re.search(r'<a href="([^"]+)">' + re.escape("Halaman pertama"), second)
    assert first and "kursor" not in first.group(1) and "kode=RAA.01" in first.group(1)


def test_page_size_is_bounded(world):
    browser = world["kab_admin"]
    assert len(ids(browser.get(katalog(jenis="application", per="10")).text)) == 10
    capped = browser.get(katalog(jenis="application", per="5000")).text
    assert '<option value="200" selected>' in capped  # at most 200 a page
    assert len(ids(capped)) == len(all_applications(world)) < 200 and not NEXT.search(capped)
    assert len(ids(browser.get(katalog(jenis="application", per="x")).text)) == 50


def test_sorting_by_name_id_and_opd_across_pages(world):
    browser = world["kab_admin"]
    rows = {r.element_id: r for r in all_applications(world)}
    by_name, links = every_page(browser, katalog(jenis="application", urut="name", per="40"))
    assert len(links) == 3 and all("urut=name" in link for link in links)
    assert by_name == sorted(rows, key=lambda i: ((rows[i].name or "").lower(), i))
    down, _ = every_page(browser, katalog(jenis="application", urut="-name", per="40"))
    assert down == list(reversed(by_name))
    by_id_down, _ = every_page(browser, katalog(jenis="application", urut="-id", per="40"))
    assert by_id_down == sorted(rows, reverse=True)
    by_opd, _ = every_page(browser, katalog(jenis="application", urut="opd", per="40"))
    assert by_opd == sorted(rows, key=lambda i: (rows[i].opd or "", i))
    page = browser.get(katalog(jenis="application", urut="name")).text
    assert 'aria-sort="ascending"' in page and "urut=-name" in page  # the name header now sorts the other way


def test_a_bad_cursor_or_kind_is_refused_as_a_page(world):
    browser = world["kab_admin"]
    assert browser.get(katalog(jenis="application", kursor="bukan-kursor")).status_code == 400
    refused = browser.get(katalog(jenis="bukan-jenis"))
    assert refused.status_code == 400 and "application" in refused.text
    ignored = browser.get(katalog(jenis="application", urut="sembarang"))
    assert ignored.status_code == 200


def test_export_holds_exactly_the_filtered_rows(world):
    from openpyxl import load_workbook

    browser = world["kab_admin"]
    expected = sorted(
        r.element_id for r in all_applications(world) if r.reference[0].startswith("RAA.01") and r.opd == "2"
    )
    response = browser.get(f"/ippd/{KAB}/katalog.xlsx?jenis=application&kode=RAA.01&opd=2")
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and f"katalog-{KAB}-application-as-is.xlsx" in disposition
    book = load_workbook(io.BytesIO(response.content))
    sheet = book[load_metamodel().kind("application").name_id]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["ID", "Nama Aplikasi"]
    assert sorted(r[0] for r in sheet.iter_rows(min_row=2, values_only=True)) == expected

    response = browser.get(f"/ippd/{KAB}/katalog.csv?jenis=application&kode=RAA.01&opd=2")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "ID" and sorted(r[0] for r in rows[1:]) == expected


def test_the_csv_export_cannot_run_a_formula(world):
    response = world["kab_admin"].get(f"/ippd/{KAB}/katalog.csv?jenis=application&teks=A.902")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["A.902"]
    assert rows[1][1] == '\'=HYPERLINK("http://x")'


def test_a_domain_of_several_kinds_exports_one_csv_per_kind(world):
    service.import_text(
        world.repo,
        service.dump_documents([doc("Storage", "I.MPN.001", name="Penyimpanan", opd="1")]),
        name="x.yaml",
        principal=LOCAL,
    )
    response = world["kab_admin"].get(f"/ippd/{KAB}/katalog.csv?jenis=infrastructure")
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"].endswith('.zip"')
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len(names) == 2 and all(n.endswith(".csv") for n in names)


def test_hostile_names_are_shown_as_text(world):
    browser = world["kab_admin"]
    for url in (katalog(jenis="application", teks="A.90"), f"/ippd/{KAB}/elemen/as-is/A.900"):
        page = browser.get(url).text
        assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    page = browser.get(katalog(jenis="application", teks="A.901")).text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    element = browser.get(f"/ippd/{KAB}/elemen/as-is/A.901").text
    assert "<img src=x" not in element and "<script>alert" not in element
    assert "<svg" in element  # the diagram drew the hostile name, escaped


def test_a_scoped_user_sees_only_its_opd(world):
    browser = world["kab_opd1"]
    seen, _ = every_page(browser, katalog(jenis="application", per="200"))
    assert seen and sorted(seen) == sorted(r.element_id for r in all_applications(world) if r.opd == "1")
    page = browser.get(katalog(jenis="application")).text
    assert '<option value="2"' not in page  # the OPD chooser offers its own OPD only
    assert browser.get(katalog(jenis="application", opd="2")).status_code == 403  # as the service refuses
    export = browser.get(f"/ippd/{KAB}/katalog.csv?jenis=application&per=200")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert "A.002" not in {r[0] for r in rows} and {r[2] for r in rows[1:]} == {"1"}
    assert browser.get(f"/ippd/{KAB}/katalog.csv?jenis=application&opd=2").status_code == 403


def test_another_ippd_is_out_of_reach(world):
    browser = world["kota_architect"]
    assert browser.get(katalog(jenis="application")).status_code == 403
    assert browser.get(f"/ippd/{KAB}/katalog.xlsx").status_code == 403
    assert browser.get(f"/ippd/{KAB}/elemen/as-is/A.001").status_code == 403


def test_the_catalogue_in_english(world):
    page = world["kab_admin"].get(katalog(jenis="application", lang="en")).text
    visible = Visible.text(page)
    assert "Catalogue of kab" in visible and "Kind or domain" in visible and "Only those with findings" in visible
    assert "Saringan" not in visible and "Baris per halaman" not in visible
    assert "Nama Aplikasi" in visible  # the national template's columns as written
    assert 'name="lang" value="en"' in page  # the filter form keeps the language
    assert "lang=en" in unescape(NEXT.search(page).group(1))


# --- the element page -------------------------------------------------------------------
def test_the_element_page_shows_its_sections(world):
    browser = world["kab_admin"]
    page = browser.get(f"/ippd/{KAB}/elemen/as-is/A.001").text
    visible = Visible.text(page)
    kind = load_metamodel().kind("application")
    assert f"{kind.name_column} SIMPEG" in visible  # attributes under their template column names
    for attribute in kind.attributes:
        assert f"<dt>{attribute.column}</dt>" in page
    code, _ = service.reference_code(world.repo, "RAA", "RAA.01.02", principal=LOCAL)
    assert f"RAA.01.02 {code.name}" in visible
    services = load_metamodel().domain("service").name("id")
    data = load_metamodel().domain("data").name("id")
    assert f"<caption>{services}</caption>" in page and f"<caption>{data}</caption>" in page
    assert f'href="/ippd/{KAB}/elemen/as-is/L.001"' in page and f'href="/ippd/{KAB}/elemen/as-is/D.001"' in page
    detail = service.element_detail(world.repo, KAB, "as-is", "A.001", principal=LOCAL)
    assert detail.findings
    for finding in detail.findings:
        assert service.RULES[finding.rule].fix.get("id") in visible
        assert service.message_for(finding, "id") in visible
    assert "<svg" in page and "</svg>" in page and "<?xml" not in page
    assert "dibuat" in visible  # history: created by the import


def test_links_in_point_back(world):
    page = world["kab_admin"].get(f"/ippd/{KAB}/elemen/as-is/L.001").text
    links_in = page.split("Tautan masuk</h2>", 1)[1].split("</section>", 1)[0]
    assert f'href="/ippd/{KAB}/elemen/as-is/A.001"' in links_in
    assert f'href="/ippd/{KAB}/elemen/as-is/A.900"' in links_in


def test_history_shows_who_when_and_before_after(world):
    key = service.element_key(KAB, "as-is", "A.002")
    current = service.get_element(world.repo, key, principal=LOCAL)
    document = service.as_documents([current])[0]
    document["metadata"]["name"] = "E-Arsip Baru"
    service.replace_element(world.repo, key, document, principal=LOCAL)
    page = world["kab_admin"].get(f"/ippd/{KAB}/elemen/as-is/A.002").text
    history = Visible.text(page.split('id="riwayat"', 1)[1].split("</section>", 1)[0])
    assert "diubah" in history and "metadata.name" in history
    assert "E-Arsip → E-Arsip Baru" in history
    assert LOCAL.name in history


def test_edit_and_delete_are_offered_only_to_who_may_write(world):
    url = f"/ippd/{KAB}/elemen/as-is/A.001"
    edit, delete = f'href="{url}/ubah"', f'href="{url}/hapus"'
    for who in ("kab_architect", "kab_opd1", "kab_admin"):
        page = world[who].get(url).text
        assert edit in page and delete in page, who
    viewer = world["kab_viewer"].get(url)
    assert viewer.status_code == 200 and edit not in viewer.text and delete not in viewer.text
    national = world["national_viewer"].get(url)
    assert national.status_code == 200 and edit not in national.text


def test_another_opds_element_reads_as_missing(world):
    browser = world["kab_opd1"]
    hidden = browser.get(f"/ippd/{KAB}/elemen/as-is/A.002")
    missing = browser.get(f"/ippd/{KAB}/elemen/as-is/A.999")
    assert hidden.status_code == missing.status_code == 404
    assert Visible.text(hidden.text).replace("A.002", "X") == Visible.text(missing.text).replace("A.999", "X")
    assert "E-Arsip" not in hidden.text
    assert browser.get(f"/ippd/{KAB}/elemen/as-is/A.002/konteks.svg").status_code == 404
    assert world["kab_admin"].get(f"/ippd/{KAB}/elemen/as-is/A.002").status_code == 200


def test_the_context_diagram_downloads(world):
    response = world["kab_admin"].get(f"/ippd/{KAB}/elemen/as-is/A.001/konteks.svg")
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
    assert response.headers["content-disposition"].startswith("attachment;")
    assert b"A.001" in response.content and b"<svg" in response.content


def test_the_element_page_in_english(world):
    page = world["kab_admin"].get(f"/ippd/{KAB}/elemen/as-is/A.001?lang=en").text
    visible = Visible.text(page)
    assert "Attributes" in visible and "Links out" in visible and "History" in visible and "Fix:" in visible
    assert "Context diagram" in visible and "created" in visible
    assert "Atribut" not in visible and "Riwayat" not in visible and "Perbaikan" not in visible
