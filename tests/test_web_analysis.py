"""The redundancy, diagram and evidence pages: the same service calls as `ea redundancy`, `ea diagram` and
`ea evidence`, in scope, escaped, in both languages; dismiss and restore by the roles that may."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from api_support import world_documents
from helpers import doc
from markupsafe import escape
from web_support import KAB, KOTA, Visible, make_web_world

from ea_repo import service

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = f"E-Arsip {IMG} </svg>{SCRIPT}"


def documents() -> list[dict]:
    """The API tests' world, with OPD 2 named by an attacker and two more archive applications: A.002 (OPD 2),
    A.003 (OPD 1) and A.004 (OPD 2, a hostile name) do one job (and SRIKANDI's)."""
    found = world_documents()
    for document in found:
        if document["kind"] == "OPD" and document["metadata"]["ippd"] == KAB and document["metadata"]["id"] == "2":
            document["metadata"]["name"] = f"Dinas {SCRIPT}"
    return [
        *found,
        doc("Application", "A.003", name="E-Arsip Dinas", opd="1", reference="RAA.01.02"),
        doc("Application", "A.004", name=HOSTILE, opd="2", reference="RAA.01.02"),
    ]


@pytest.fixture
def world(repo):
    return make_web_world(repo, documents())


def archive_cluster(repo, principal=None):
    report = service.redundancy_report(repo, ippd=KAB, principal=principal or service.local_principal())
    return next(c for c in report.clusters if {m.element_id for m in c.members} >= {"A.002", "A.004"})


def assert_no_live_markup(page: str) -> None:
    assert page.count("<script") == 1  # the page's own /static/app.js
    assert "<img" not in page
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")


# --- redundancy -----------------------------------------------------------------------------------------------------
def test_clusters_are_shown_with_their_evidence_and_the_proposal(world):
    cluster = archive_cluster(world.repo)
    page = world.browser("kab_viewer").get(f"/ippd/{KAB}/redundansi")
    assert page.status_code == 200
    text = Visible.text(page.text)
    assert f"Klaster {cluster.id}" in text
    for member in ("kab/A.002", "kab/A.003", "kab/A.004"):
        assert member in text
    assert "Mengapa mirip" in text and "nama mirip" in text  # the evidence: the signals that fired
    assert "kab/A.002 ~ kab/A.003" in text
    assert "gunakan aplikasi nasional" in text and "SRIKANDI" in text  # the proposal and its reason
    assert f'href="/ippd/{KAB}/elemen/as-is/A.003"' in page.text
    # a viewer reads but is offered no dismissal
    assert 'name="alasan"' not in page.text and "peran arsitek atau admin" in text
    # hostile names (an application, an OPD) stay text
    assert str(escape(SCRIPT)) in page.text and str(escape(IMG)) in page.text
    assert_no_live_markup(page.text)


def test_dismiss_then_restore_and_the_audit_names_who(world):
    cluster = archive_cluster(world.repo)
    architect = world.browser("kab_architect")
    page = architect.get(f"/ippd/{KAB}/redundansi")
    assert f'name="klaster" value="{cluster.id}"' in page.text and f'for="alasan-{cluster.id}"' in page.text
    answer = architect.post(
        f"/ippd/{KAB}/redundansi/abaikan",
        {"klaster": cluster.id, "alasan": "Arsip dinas dan arsip statis <berbeda>", "lingkup": "ippd"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text[:400]
    assert answer.headers["location"].startswith(f"/ippd/{KAB}/redundansi?diabaikan=")
    after = architect.get(answer.headers["location"])
    text = Visible.text(after.text)
    assert "tercatat" in text
    assert f"Klaster {cluster.id}" not in text  # no longer reported open ...
    dismissed = text[text.index("Klaster yang diabaikan") :]
    assert "kab/A.002" in dismissed and "Kab Architect" in dismissed and "arsip statis <berbeda>" in dismissed
    assert "&lt;berbeda&gt;" in after.text
    assert "/redundansi/pulihkan/" not in after.text  # restoring is for admins
    (stored,) = service.redundancy_dismissals(world.repo, ippd=KAB, principal=service.local_principal())
    assert architect.post(f"/ippd/{KAB}/redundansi/pulihkan/{stored.id}").status_code == 403
    entries = service.history(world.repo, element_id="A.004", ippd=KAB, principal=service.local_principal())
    assert any(e.change.action == "dismiss-redundancy" and "kab-architect" in e.actor for e in entries)

    admin = world.browser("kab_admin")
    page = admin.get(f"/ippd/{KAB}/redundansi")
    assert f'action="/ippd/{KAB}/redundansi/pulihkan/{stored.id}"' in page.text
    answer = admin.post(f"/ippd/{KAB}/redundansi/pulihkan/{stored.id}", {"lingkup": "ippd"}, follow_redirects=False)
    assert answer.status_code == 303
    again = Visible.text(admin.get(answer.headers["location"]).text)
    assert f"Klaster {cluster.id}" in again and "Belum ada pengabaian." in again
    entries = service.history(world.repo, element_id="A.004", ippd=KAB, principal=service.local_principal())
    assert any(e.change.action == "restore-redundancy" and "kab-admin" in e.actor for e in entries)


def test_a_dismissal_without_reason_is_shown_at_its_field(world):
    cluster = archive_cluster(world.repo)
    architect = world.browser("kab_architect")
    architect.get(f"/ippd/{KAB}/redundansi")
    answer = architect.post(f"/ippd/{KAB}/redundansi/abaikan", {"klaster": cluster.id, "alasan": "  "})
    assert answer.status_code == 422
    field = re.search(rf'<textarea id="alasan-{cluster.id}"[^>]*>', answer.text)
    assert field and 'aria-invalid="true"' in field.group(0)
    assert f'id="masalah-{cluster.id}"' in answer.text
    assert service.redundancy_dismissals(world.repo, ippd=KAB, principal=service.local_principal()) == []


def test_a_viewer_cannot_dismiss(world):
    cluster = archive_cluster(world.repo)
    viewer = world.browser("kab_viewer")
    viewer.get(f"/ippd/{KAB}/redundansi")
    answer = viewer.post(f"/ippd/{KAB}/redundansi/abaikan", {"klaster": cluster.id, "alasan": "tidak sama"})
    assert answer.status_code == 403
    assert service.redundancy_dismissals(world.repo, ippd=KAB, principal=service.local_principal()) == []


def test_redundancy_in_scope(world):
    cluster = archive_cluster(world.repo)
    assert world.browser("kota_architect").get(f"/ippd/{KAB}/redundansi").status_code == 403
    scoped = world.browser("kab_opd1")
    page = scoped.get(f"/ippd/{KAB}/redundansi")
    assert page.status_code == 200
    assert "2 aplikasi dibandingkan" in Visible.text(page.text)  # OPD 1's two: A.001 and A.003
    assert "kab/A.001" in page.text and "A.002" not in page.text and "A.004" not in page.text  # OPD 2's
    # a cluster of applications outside the OPD does not exist for this user: not found, as the service says
    answer = scoped.post(f"/ippd/{KAB}/redundansi/abaikan", {"klaster": cluster.id, "alasan": "tidak sama"})
    assert answer.status_code == 404
    assert service.redundancy_dismissals(world.repo, ippd=KAB, principal=service.local_principal()) == []
    # a national user may compare every IPPD
    national = world.browser("national_admin").get(f"/ippd/{KAB}/redundansi?lingkup=nasional")
    assert national.status_code == 200 and 'value="nasional" selected' in national.text
    assert 'id="lingkup"' not in page.text  # an IPPD's user is not offered the national scope


def test_redundancy_in_english(world):
    text = Visible.text(world.browser("kab_architect").get(f"/ippd/{KAB}/redundansi?lang=en").text)
    assert "Redundant applications" in text and "Why they match" in text and "use the national application" in text
    assert "Dismiss this cluster" in text and "Mengapa" not in text and "Abaikan" not in text


# --- diagrams -------------------------------------------------------------------------------------------------------
VIEW_PARAMS = {
    "layers": "",
    "domain": "&domain=application",
    "context": "&elemen=A.001",
    "impact": "&elemen=D.001",
    "diff": "",
    "opds": "",
}


def svg_of(page: str) -> str:
    start, end = page.index("<svg"), page.index("</svg>")
    assert page.count("<svg") == 1 and page.count("</svg>") == 1
    return page[start : end + len("</svg>")]


def test_every_view_has_its_svg(world):
    assert set(VIEW_PARAMS) == set(service.DIAGRAM_VIEWS)
    browser = world.browser("kab_viewer")
    for view, more in VIEW_PARAMS.items():
        page = browser.get(f"/ippd/{KAB}/diagram?tampilan={view}{more}")
        assert page.status_code == 200, (view, page.text[:500])
        svg = svg_of(page.text)
        assert "<?xml" not in page.text and "<!DOCTYPE svg" not in page.text
        assert "style=" not in svg  # draws under the page's style-src 'self'
        assert f'<option value="{view}" selected>' in page.text
    default = browser.get(f"/ippd/{KAB}/diagram")
    assert "SIMPEG" in svg_of(default.text) and "data-zoomable" in default.text


def test_the_chooser_keeps_its_parameters(world):
    browser = world.browser("kab_viewer")
    page = browser.get(f"/ippd/{KAB}/diagram?tampilan=domain&domain=application&plateau=to-be&elemen=A.001")
    assert '<option value="application" selected>' in page.text and '<option value="to-be" selected>' in page.text
    assert '<input type="hidden" name="elemen" value="A.001">' in page.text  # kept for the context view
    assert "A.001" in svg_of(page.text) and "A.002" not in svg_of(page.text)  # to-be holds A.001 only
    query = "tampilan=domain&amp;domain=application&amp;plateau=to-be&amp;elemen=A.001"
    assert f'href="/ippd/{KAB}/diagram/unduh/svg?{query}"' in page.text
    context = browser.get(f"/ippd/{KAB}/diagram?tampilan=context&elemen=A.001&kedalaman=2")
    assert 'name="elemen" type="text" value="A.001"' in context.text and 'value="2"' in context.text
    asked = browser.get(f"/ippd/{KAB}/diagram?tampilan=context")
    assert asked.status_code == 200 and "<svg" not in asked.text and "isi ID elemennya" in asked.text
    wrong = browser.get(f"/ippd/{KAB}/diagram?tampilan=semua")
    assert wrong.status_code == 422 and "tampilan" in Visible.text(wrong.text)


def test_hostile_names_stay_text_inside_the_svg(world):
    page = world.browser("kab_viewer").get(f"/ippd/{KAB}/diagram")
    svg = svg_of(page.text)  # one <svg>, one </svg>: the hostile </svg> did not close it
    assert "&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&quot;&gt;&lt;img src=x" in svg and "onerror=alert(1)&gt;" in svg  # wrapped over two lines
    assert_no_live_markup(page.text)
    opds = world.browser("kab_viewer").get(f"/ippd/{KAB}/diagram?tampilan=opds")
    assert_no_live_markup(opds.text)


def test_the_diagram_downloads(world):
    browser = world.browser("kab_viewer")
    svg = browser.get(f"/ippd/{KAB}/diagram/unduh/svg?tampilan=layers&plateau=as-is")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert svg.headers["content-disposition"] == f'attachment; filename="diagram-{KAB}-layers-as-is.svg"'
    assert "<svg" in svg.text and "SIMPEG" in svg.text and "<script" not in svg.text
    png = browser.get(f"/ippd/{KAB}/diagram/unduh/png?tampilan=opds")
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    pdf = browser.get(f"/ippd/{KAB}/diagram/unduh/pdf?tampilan=context&elemen=A.001")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_diagrams_in_scope(world):
    assert world.browser("kota_architect").get(f"/ippd/{KAB}/diagram").status_code == 403
    assert world.browser("kota_architect").get(f"/ippd/{KAB}/diagram/unduh/svg").status_code == 403
    scoped = world.browser("kab_opd1")
    own = scoped.get(f"/ippd/{KAB}/diagram")
    assert "SIMPEG" in svg_of(own.text) and "Arsip Dinas" in own.text and "alert" not in own.text  # OPD 2's
    assert scoped.get(f"/ippd/{KAB}/diagram?opd=2").status_code == 403  # another OPD: refused, as the service does
    hidden = scoped.get(f"/ippd/{KAB}/diagram?tampilan=context&elemen=A.002")
    assert hidden.status_code == 404 and "<svg" not in hidden.text  # exists, but not for this user
    assert scoped.get(f"/ippd/{KAB}/diagram/unduh/svg?tampilan=impact&elemen=A.002").status_code == 404
    national = world.browser("national_viewer").get(f"/ippd/{KOTA}/diagram")
    assert "Kota app" in svg_of(national.text)


def test_diagram_in_english(world):
    page = world.browser("kab_viewer").get(f"/ippd/{KAB}/diagram?lang=en")
    text = Visible.text(page.text)
    assert "Architecture layers" in text and "Zoom in" in text and "Download the diagram" in text
    assert "Perbesar" not in text and "Tampilan" not in text


# --- evidence -------------------------------------------------------------------------------------------------------
def record(repo) -> None:
    body = {
        "apiVersion": "ea-repo/v1",
        "kind": "Enactment",
        "metadata": {"id": "perbup-1", "name": "Perbup", "ippd": KAB},
        "spec": {"document": f"Perbup 12/2025 {SCRIPT}", "date": "2025-03-01", "covers": ["arsitektur"]},
    }
    service.put_evidence_record(repo, KAB, "perbup-1", body, principal=service.local_principal())


def test_the_evidence_page_lists_every_criterion(world):
    record(world.repo)
    expected = service.evidence_status(world.repo, KAB, principal=service.local_principal())
    page = world.browser("kab_viewer").get(f"/ippd/{KAB}/bukti")
    assert page.status_code == 200
    for indicator in expected["indicators"]:
        assert f"Indikator {indicator['indicator']}: {escape(indicator['name'])}" in page.text
        for criterion in indicator["criteria"]:
            assert str(escape(criterion["title"])) in page.text
    text = Visible.text(page.text)
    assert "Penetapan" in text and "perbup-1" in text and "2025-03-01" in text  # the records
    assert str(escape(SCRIPT)) in page.text
    assert_no_live_markup(page.text)
    assert (
        f'href="/ippd/{KAB}/bukti/dokumen.pdf"' in page.text and f'href="/ippd/{KAB}/bukti/dokumen.docx"' in page.text
    )


def test_the_instrument_and_date_can_be_chosen(world):
    browser = world.browser("kab_viewer")
    legacy = browser.get(f"/ippd/{KAB}/bukti?instrumen=permenpanrb-59-2020&tanggal=2025-06-30")
    text = Visible.text(legacy.text)
    assert "Indikator 11: level" in text and "Indikator 12: level" in text and "2025-06-30" in text
    assert '<option value="permenpanrb-59-2020" selected>' in legacy.text
    assert 'href="/ippd/kab/bukti/dokumen.pdf?instrumen=permenpanrb-59-2020&amp;tanggal=2025-06-30"' in legacy.text
    wrong = browser.get(f"/ippd/{KAB}/bukti?tanggal=kemarin")
    assert wrong.status_code == 422 and "tanggal" in Visible.text(wrong.text)
    unknown = browser.get(f"/ippd/{KAB}/bukti?instrumen=tidak-ada")
    assert unknown.status_code == 422 and "tidak-ada" in Visible.text(unknown.text)


def test_the_evidence_documents_download(world):
    browser = world.browser("kab_viewer")
    pdf = browser.get(f"/ippd/{KAB}/bukti/dokumen.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"].startswith(f'attachment; filename="bukti-dukung-{KAB}-')
    docx = browser.get(f"/ippd/{KAB}/bukti/dokumen.docx?instrumen=permenpanrb-59-2020")
    assert docx.headers["content-type"] == ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        pictures = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert "SIMPEG" in body and "11" in body
    assert pictures  # the diagrams are in the document, drawn for this person


def test_the_evidence_document_of_a_scoped_person_holds_only_what_it_may_see(world):
    """The document, diagrams included, is made as the person signed in, not as the local admin: OPD 2's
    application A.004 is nowhere in the text of OPD 1's document (it is in the whole IPPD's). The pictures are PNGs
    drawn from the same person's diagram data (viz/evidence_figures.py takes the principal)."""
    docx = world.browser("kab_opd1").get(f"/ippd/{KAB}/bukti/dokumen.docx")
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        texts = [archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith((".xml", ".svg"))]
        assert any(n.startswith("word/media/") for n in archive.namelist())
    assert not any("A.004" in text for text in texts)
    whole = world.browser("kab_viewer").get(f"/ippd/{KAB}/bukti/dokumen.docx")
    with zipfile.ZipFile(io.BytesIO(whole.content)) as archive:
        names = [n for n in archive.namelist() if n.endswith((".xml", ".svg"))]
        assert any("A.004" in archive.read(n).decode("utf-8", "replace") for n in names)


def test_evidence_in_scope_and_in_english(world):
    assert world.browser("kota_architect").get(f"/ippd/{KAB}/bukti").status_code == 403
    assert world.browser("kota_architect").get(f"/ippd/{KAB}/bukti/dokumen.pdf").status_code == 403
    scoped = world.browser("kab_opd1").get(f"/ippd/{KAB}/bukti")
    assert scoped.status_code == 200 and "A.002" not in scoped.text  # OPD 2's applications are not its evidence
    text = Visible.text(world.browser("kab_viewer").get(f"/ippd/{KAB}/bukti?lang=en").text)
    assert "Evidence" in text and "Criterion" in text and "Download PDF" in text
    assert "Kriteria" not in text and "Unduh" not in text
