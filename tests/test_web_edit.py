"""Editing elements in the browser: create, edit, a stale edit that loses nothing, links, delete; who may do it."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from helpers import doc
from test_no_english import english_words
from web_support import KAB, KOTA, Visible, make_web_world, world_documents

from ea_repo import service
from ea_repo.core.errors import ElementNotFound, PermissionDenied

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
EDIT = f"/ippd/{KAB}/elemen/as-is/A.001/ubah"
NEW = f"/ippd/{KAB}/elemen-baru"


def documents() -> list[dict]:
    return [
        *world_documents(),
        doc("Service", "L.002", name="Layanan Kepegawaian", opd="1", reference="RAL.01.01"),
        doc("Data", "D.002", name="Data OPD dua", opd="2", reference="RAD.01.01"),
        doc("Data", "D.003", name="Data pegawai", opd="1", reference="RAD.01.01"),
        doc("Service", "L.666", name=SCRIPT, opd="1", purpose=IMG),
    ]


@pytest.fixture
def world(repo):
    return make_web_world(repo, documents())


def stored(world, element_id: str, plateau: str = "as-is", ippd: str = KAB) -> service.ElementRow:
    key = service.element_key(ippd, plateau, element_id)
    return service.get_element(world.repo, key, principal=service.local_principal())


class FormReader(HTMLParser):
    """The fields of the form posting to `action`, with the values a browser would send as they stand."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action, self.inside, self.values = action, False, {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action and a.get("method") == "post"
        elif not self.inside:
            return
        elif tag == "input" and a.get("name"):
            self.values[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a["name"]
            self.values.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.values[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    @classmethod
    def read(cls, html: str, action: str) -> dict[str, str]:
        reader = cls(action)
        reader.feed(html)
        assert reader.values, f"no form posting to {action}"
        return reader.values


def field_block(html: str, html_id: str) -> str:
    """The markup of one field (its label, control, hint and problems)."""
    start = html.index(f'<label for="{html_id}"')
    return html[start : html.index("</div>", start)]


def english_left(html: str) -> set[str]:
    return set(english_words(Visible.text(html)))


# --- create ----------------------------------------------------------------------------------------------------
def test_the_create_form_is_built_from_the_metamodel(world):
    page = world["kab_architect"].get(NEW + "?jenis=application&plateau=to-be")
    assert page.status_code == 200
    html = page.text
    assert "Elemen baru: Aplikasi" in html
    assert 'name="metadata.id"' in html and "A.001" in field_block(html, "f-metadata-id")  # the ID rule's example
    assert "wajib" in field_block(html, "f-metadata-id")
    category = field_block(html, "f-spec-category")
    assert (
        "Jenis Aplikasi" in category and '<option value="umum">' in category and '<option value="khusus">' in category
    )
    assert 'name="spec.url"' in html and 'name="spec.reference"' in html
    services = field_block(html, "f-spec-services")
    assert "Mendukung (Layanan)" in services  # the relation and the kinds it may point to
    assert 'value="to-be"' in field_block(html, "f-metadata-plateau")
    opd = field_block(html, "f-metadata-opd")
    assert '<option value="1">' in opd and '<option value="2">' in opd
    server = world["kab_architect"].get(NEW + "?jenis=server").text
    assert "I.PKS.001" in field_block(server, "f-metadata-id") and 'name="spec.memory_gb"' in server
    unknown = world["kab_architect"].get(NEW + "?jenis=bukan-jenis")
    assert unknown.status_code == 400 and "bukan-jenis" in unknown.text


def test_a_valid_element_is_created_and_the_browser_goes_to_its_page(world):
    browser = world["kab_architect"]
    browser.get(NEW + "?jenis=application")
    answer = browser.post(
        NEW,
        {
            "jenis": "application",
            "metadata.id": "a-010",
            "metadata.name": "SIPD",
            "metadata.opd": "1",
            "metadata.plateau": "as-is",
            "spec.category": "umum",
            "spec.url": "https://sipd.kab.go.id",
            "spec.reference": "RAA.01.02\nRAA.01.03",
            "spec.services": "L.001, L.002",
            "spec.description": "",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text[:2000]
    assert answer.headers["location"] == f"/ippd/{KAB}/elemen/as-is/A.010?tersimpan=1"
    row = stored(world, "A.010")
    assert (row.name, row.opd, row.version) == ("SIPD", "1", 1)
    assert row.spec == {"category": "umum", "url": "https://sipd.kab.go.id"}
    assert row.reference == ("RAA.01.02", "RAA.01.03")
    assert row.links == (("services", "L.001"), ("services", "L.002"))


def test_an_invalid_element_shows_each_problem_at_its_field_and_keeps_the_input(world):
    browser = world["kab_architect"]
    browser.get(NEW)
    typed = {
        "jenis": "server",
        "metadata.id": "I.PKS.010",
        "metadata.name": "Server utama " + SCRIPT,
        "metadata.opd": "1",
        "metadata.plateau": "as-is",
        "spec.memory_gb": "banyak",
        "spec.location": "Ruang server",
    }
    answer = browser.post(NEW, typed)
    assert answer.status_code == 422
    html = answer.text
    memory = field_block(html, "f-spec-memory-gb")
    assert "harus angka" in memory and 'value="banyak"' in memory and 'aria-invalid="true"' in memory
    assert 'value="Ruang server"' in field_block(html, "f-spec-location")  # good input is kept too
    assert "field-problem" not in field_block(html, "f-spec-location")
    assert 'href="#f-spec-memory-gb"' in html  # the summary leads to the field
    assert SCRIPT not in html and "Server utama &lt;script&gt;" in html
    assert 'value="I.PKS.010"' in field_block(html, "f-metadata-id")
    # the reader's next checks (the ID rule, the plateau) once the shape is right
    answer = browser.post(NEW, typed | {"metadata.id": "X-1", "spec.memory_gb": "16", "metadata.plateau": "kemarin"})
    assert answer.status_code == 422
    identity = field_block(answer.text, "f-metadata-id")
    assert 'class="field-problem"' in identity and "I.PKS.001" in identity and 'value="X-1"' in identity
    assert "kemarin" in field_block(answer.text, "f-metadata-plateau").split("</p>", 1)[1]  # the problem, not the value
    assert 'value="16"' in field_block(answer.text, "f-spec-memory-gb")
    for element_id in ("X.1", "I.PKS.010"):
        with pytest.raises(ElementNotFound):
            stored(world, element_id)


def test_an_id_already_taken_is_shown_at_the_id_field(world):
    browser = world["kab_architect"]
    browser.get(NEW)
    answer = browser.post(
        NEW, {"jenis": "application", "metadata.id": "A.001", "metadata.name": "Lain", "metadata.opd": "1"}
    )
    assert answer.status_code == 409
    assert "sudah dipakai" in field_block(answer.text, "f-metadata-id")
    assert stored(world, "A.001").name == "SIMPEG"


# --- edit ------------------------------------------------------------------------------------------------------
def test_the_edit_form_holds_the_stored_element_and_saves_a_new_version(world):
    browser = world["kab_architect"]
    page = browser.get(EDIT)
    assert page.status_code == 200
    values = FormReader.read(page.text, EDIT)
    assert values["versi"] == "1" and values["metadata.name"] == "SIMPEG" and values["metadata.opd"] == "1"
    assert values["spec.reference"] == "RAA.01.02" and values["spec.services"] == "L.001"
    assert values["spec.data"] == "D.001"
    values |= {"metadata.name": "SIMPEG 2", "spec.unit": "BKPSDM", "spec.category": "khusus"}
    answer = browser.post(EDIT, values, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/ippd/{KAB}/elemen/as-is/A.001?tersimpan=1"
    row = stored(world, "A.001")
    assert (row.name, row.version) == ("SIMPEG 2", 2)
    assert row.spec == {"category": "khusus", "unit": "BKPSDM"}
    assert row.links == (("services", "L.001"), ("data", "D.001"))  # the links in the form were kept
    assert stored(world, "A.001", "to-be").name == "SIMPEG"  # the other plateau is another element


def test_an_invalid_edit_keeps_the_input_and_the_version_read(world):
    browser = world["kab_architect"]
    values = FormReader.read(browser.get(EDIT).text, EDIT) | {"spec.category": "lain", "metadata.name": "Baru"}
    answer = browser.post(EDIT, values)
    assert answer.status_code == 422
    again = FormReader.read(answer.text, EDIT)
    assert again["versi"] == "1" and again["metadata.name"] == "Baru" and again["spec.category"] == "lain"
    category = field_block(answer.text, "f-spec-category")
    assert "umum, khusus" in category and "field-problem" in category
    assert stored(world, "A.001").version == 1


def test_labels_and_annotations_survive_an_edit(world):
    labelled = doc("Application", "A.003", name="Lab", opd="1")
    labelled["metadata"] |= {"labels": {"tim": "satu"}, "annotations": {"sumber": "Sheet1!B3"}}
    service.import_documents(world.repo, [labelled], principal=service.local_principal())
    path = f"/ippd/{KAB}/elemen/as-is/A.003/ubah"
    browser = world["kab_admin"]
    page = browser.get(path)
    assert "Sheet1!B3" in page.text
    answer = browser.post(path, FormReader.read(page.text, path) | {"metadata.name": "Lab 2"}, follow_redirects=False)
    assert answer.status_code == 303
    row = stored(world, "A.003")
    assert row.name == "Lab 2" and row.labels == {"tim": "satu"} and row.annotations == {"sumber": "Sheet1!B3"}


def test_a_stale_edit_shows_both_versions_and_the_second_person_loses_nothing(world):
    """Both changed the name (the form keeps mine); only the first changed the description (merged in); only I
    changed the unit (kept)."""
    first, second = world.browser("kab_admin"), world.browser("kab_architect")
    first_form = FormReader.read(first.get(EDIT).text, EDIT)
    second_form = FormReader.read(second.get(EDIT).text, EDIT)
    theirs = {"metadata.name": "SIMPEG Pusat", "spec.description": "Uraian dari pusat"}
    saved = first.post(EDIT, first_form | theirs, follow_redirects=False)
    assert saved.status_code == 303
    mine = second_form | {"metadata.name": "SIMPEG Kedua", "spec.unit": "BKPSDM " + SCRIPT}
    conflict = second.post(EDIT, mine, follow_redirects=False)
    assert conflict.status_code == 409
    html = conflict.text
    assert "diubah orang lain" in html and "versi 1" in html and "versi 2" in html
    table = html[html.index('<table class="conflict">') : html.index("</table>")]
    name_row = table[table.index("Nama Aplikasi") :].split("</tr>")[0]
    assert "SIMPEG Pusat" in name_row and "SIMPEG Kedua" in name_row and "kedua pihak" in name_row
    opd_row = table[table.index("OPD pemilik") :].split("</tr>")[0]
    assert "sama" in opd_row and "diubah" not in opd_row
    described = table[table.index("Uraian") :].split("</tr>")[0]
    assert "orang lain" in described
    assert table.count('class="differs"') == 3  # the name, the description and the unit
    assert SCRIPT not in html and "BKPSDM &lt;script&gt;" in html
    assert stored(world, "A.001").name == "SIMPEG Pusat"  # nothing was written
    resolved = FormReader.read(html, EDIT)
    assert resolved["versi"] == "2" and resolved["metadata.name"] == "SIMPEG Kedua"  # mine, over the current version
    assert resolved["spec.unit"] == "BKPSDM " + SCRIPT
    assert resolved["spec.description"] == "Uraian dari pusat"  # theirs, which I had not touched
    again = second.post(EDIT, resolved, follow_redirects=False)
    assert again.status_code == 303
    row = stored(world, "A.001")
    assert (row.name, row.spec["unit"], row.version) == ("SIMPEG Kedua", "BKPSDM " + SCRIPT, 3)
    assert row.spec["description"] == "Uraian dari pusat"
    assert row.links == (("services", "L.001"), ("data", "D.001"))


# --- links -----------------------------------------------------------------------------------------------------
def test_links_are_added_by_choosing_the_target_and_removed(world):
    browser = world["kab_architect"]
    path = f"/ippd/{KAB}/elemen/as-is/A.001/tautan"
    page = browser.get(path)
    assert page.status_code == 200
    services = page.text[page.text.index('id="tautan-services"') :].split("</section>")[0]
    assert '<option value="L.002">' in services and "Layanan Kepegawaian" in services
    assert '<option value="D.001">' not in services  # a service link may not point to data
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in services and SCRIPT not in page.text
    added = browser.post(path, {"field": "services", "target": "l.002"}, follow_redirects=False)
    assert added.status_code == 303
    assert stored(world, "A.001").links == (("services", "L.001"), ("services", "L.002"), ("data", "D.001"))
    assert "Tautan ke L.002 ditambahkan" in browser.get(added.headers["location"]).text
    wrong = browser.post(path, {"field": "services", "target": "D.001"})
    assert wrong.status_code == 422 and "hanya menaut ke Layanan" in wrong.text
    missing = browser.post(path, {"field": "data", "target": "D.999"})
    assert missing.status_code == 422 and "D.999 tidak ada di antara" in missing.text
    removed = browser.post(path + "/lepas", {"field": "services", "target": "L.001"}, follow_redirects=False)
    assert removed.status_code == 303
    assert stored(world, "A.001").links == (("services", "L.002"), ("data", "D.001"))
    assert stored(world, "A.001").version == 3


def test_an_opd_scoped_architect_can_link_only_to_what_it_sees(world):
    browser = world["kab_opd1"]
    path = f"/ippd/{KAB}/elemen/as-is/A.001/tautan"
    page = browser.get(path).text
    data = page[page.index('id="tautan-data"') :].split("</section>")[0]
    assert '<option value="D.003">' in data and "D.002" not in data
    assert '<option value="D.001">' not in data  # linked already
    refused = browser.post(path, {"field": "data", "target": "D.002"})
    assert refused.status_code == 422 and "D.002 tidak ada di antara" in refused.text
    assert stored(world, "A.001").links == (("services", "L.001"), ("data", "D.001"))


# --- delete ----------------------------------------------------------------------------------------------------
def test_delete_shows_what_would_break_then_deletes_and_returns_to_the_catalogue(world):
    browser = world["kab_architect"]
    path = f"/ippd/{KAB}/elemen/as-is/L.001/hapus"
    preview = browser.get(path)
    assert preview.status_code == 200
    assert "Hapus Layanan L.001?" in preview.text
    dangling = preview.text[preview.text.index("menunjuk ke elemen yang tidak ada") :].split("</table>")[0]
    assert f'href="/ippd/{KAB}/elemen/as-is/A.001"' in dangling and "services" in dangling
    stale = browser.post(path, {"versi": "7"})
    assert stale.status_code == 409 and "berubah sejak" in stale.text
    assert stored(world, "L.001").version == 1
    answer = browser.post(path, FormReader.read(preview.text, path), follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/ippd/{KAB}/katalog?jenis=service&plateau=as-is&dihapus=L.001"
    with pytest.raises(ElementNotFound):
        stored(world, "L.001")


# --- who may -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["kab_viewer", "national_viewer"])
def test_a_viewer_cannot_write(world, who):
    browser = world[who]
    for path in (NEW, EDIT, f"/ippd/{KAB}/elemen/as-is/A.001/tautan", f"/ippd/{KAB}/elemen/as-is/A.001/hapus"):
        page = browser.get(path)
        assert page.status_code == 403, path
        assert "Di luar wewenang Anda" in page.text
    browser.get(f"/ippd/{KAB}")
    posted = browser.post(EDIT, {"versi": "1", "metadata.name": "Diubah", "metadata.opd": "1"})
    assert posted.status_code == 403
    assert browser.post(NEW, {"jenis": "application", "metadata.id": "A.050"}).status_code == 403
    assert browser.post(f"/ippd/{KAB}/elemen/as-is/A.001/hapus", {"versi": "1"}).status_code == 403
    assert stored(world, "A.001").name == "SIMPEG"
    with pytest.raises(ElementNotFound):
        stored(world, "A.050")


def test_an_opd_scoped_architect_cannot_reach_another_opds_element(world):
    browser = world["kab_opd1"]
    for action in ("ubah", "tautan", "hapus"):
        other = browser.get(f"/ippd/{KAB}/elemen/as-is/A.002/{action}")
        missing = browser.get(f"/ippd/{KAB}/elemen/as-is/A.999/{action}")
        assert other.status_code == missing.status_code == 404
        assert Visible.text(other.text).replace("A.002", "X") == Visible.text(missing.text).replace("A.999", "X")
    browser.get(EDIT)
    posted = browser.post(
        f"/ippd/{KAB}/elemen/as-is/A.002/ubah", {"versi": "1", "metadata.name": "Diambil", "metadata.opd": "1"}
    )
    assert posted.status_code == 404
    assert stored(world, "A.002").name == "E-Arsip"


def test_a_form_cannot_move_an_element_or_create_one_in_another_opd(world):
    browser = world["kab_opd1"]
    values = FormReader.read(browser.get(EDIT).text, EDIT)
    assert '<option value="2"' not in browser.get(EDIT).text  # only its own OPD is offered
    moved = browser.post(EDIT, values | {"metadata.opd": "2"})
    assert moved.status_code == 403  # exactly as the service refuses it:
    key = service.element_key(KAB, "as-is", "A.001")
    holder = service.session_principal(world.repo, browser.client.cookies.get("ea_sesi"))
    document = service.as_documents([stored(world, "A.001")])[0]
    document["metadata"]["opd"] = "2"
    with pytest.raises(PermissionDenied):
        service.replace_element(world.repo, key, document, principal=holder)
    assert stored(world, "A.001").opd == "1"
    created = browser.post(NEW, {"jenis": "application", "metadata.id": "A.060", "metadata.opd": "2"})
    assert created.status_code == 403
    with pytest.raises(ElementNotFound):
        stored(world, "A.060")


def test_another_ippd_is_out_of_reach(world):
    browser = world["kota_architect"]
    assert browser.get(EDIT).status_code == 403
    assert browser.get(NEW).status_code == 403
    browser.get(f"/ippd/{KOTA}")
    assert browser.post(EDIT, {"versi": "1", "metadata.name": "x"}).status_code == 403
    assert stored(world, "A.001").name == "SIMPEG"
    assert browser.get(f"/ippd/{KOTA}/elemen/as-is/A.001/ubah").status_code == 200


# --- escaping and language ----------------------------------------------------------------------------------------
def test_hostile_stored_text_is_shown_escaped_on_every_page(world):
    browser = world["kab_admin"]
    base = f"/ippd/{KAB}/elemen/as-is/L.666"
    for path in (base + "/ubah", base + "/tautan", base + "/hapus"):
        html = browser.get(path).text
        assert SCRIPT not in html and IMG not in html, path
    edit = browser.get(base + "/ubah").text
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in edit
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in edit


def test_the_pages_speak_english_when_asked_and_indonesian_otherwise(world):
    browser = world["kab_architect"]
    english = browser.get(NEW + "?jenis=application&lang=en").text
    assert "New element: Application" in english and "Save the new element" in english and "Identity" in english
    assert "Simpan elemen baru" not in english and "Identitas" not in english
    edit = browser.get(EDIT + "?lang=en").text
    assert "Edit Application A.001" in edit and "Manage links" in edit and "Kelola tautan" not in edit
    assert "Supports (Service)" in edit
    links = browser.get(f"/ippd/{KAB}/elemen/as-is/A.001/tautan?lang=en").text
    assert "Remove the link to L.001" in links
    for path in (
        NEW + "?jenis=application",
        EDIT,
        f"/ippd/{KAB}/elemen/as-is/A.001/tautan",
        f"/ippd/{KAB}/elemen/as-is/L.001/hapus",
    ):
        assert english_left(browser.get(path).text) == set(), path
