"""The long-document writers (reports/document.py): one model written to HTML, DOCX and PDF.

The PDF tests print the document with WeasyPrint, turn its pages into PNG with pdftoppm and read the
text layer with pdftotext. They skip where WeasyPrint or poppler-utils are missing, unless
EA_TEST_REQUIRE_PDF is set (CI sets it).
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import struct
import subprocess
import time
import zlib
from html.parser import HTMLParser

import pytest

from ea_repo.reports.document import Figure, LongDocument, Section, pdf_unavailable, write_long_document
from ea_repo.reports.tables import Table

HOSTILE = 'Nama <script>alert("x")</script> & \'kutip\' "ganda" \x00\x07\x1b\x7f\x85 selesai'
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="160" height="60" viewBox="0 0 160 60">'
    b'<rect x="2" y="2" width="150" height="50" fill="#cde"/><text x="12" y="32">lapisan</text></svg>'
)
HEADINGS = [
    "1 Pendahuluan",
    "1.1 Lingkup",
    "1.1.1 Rincian lingkup",
    "2 Katalog aplikasi",
    "3 "
    + HOSTILE.replace("\x00", "\ufffd")
    .replace("\x07", "\ufffd")
    .replace("\x1b", "\ufffd")
    .replace("\x7f", "\ufffd")
    .replace("\x85", "\ufffd"),
]


def _png(width: int = 40, height: int = 20) -> bytes:
    raw = b"".join(b"\x00" + b"\x30\x60\x90" * width for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def sample(lang: str = "id") -> LongDocument:
    apps = Table(
        "Aplikasi",
        ["No", "ID", "Nama Aplikasi", "Deskripsi"],
        [
            ["1", "A.001", "SIHARKA", "Sistem informasi\nharga komoditas"],
            ["2", "A.002", HOSTILE, "x" * 300],
            ["3", "A.003", "E-Office", ""],
        ],
        note="Catatan <b>tebal</b> & lainnya",
    )
    wide = Table(
        "Infrastruktur lebar",
        [f"Kolom {i}" for i in range(1, 12)],
        [[f"W{r}-{c}" for c in range(1, 12)] for r in range(1, 6)],
    )
    long = Table(
        "Layanan panjang",
        ["No", "Layanan", "Penanggung Jawab"],
        [[str(i), f"Layanan nomor {i}", "Dinas Komunikasi dan Informatika"] for i in range(1, 91)],
    )
    return LongDocument(
        title="Arsitektur SPBE <Kabupaten Contoh>",
        subtitle="Kabupaten Contoh — dibuat 2026-11-23 oleh ea-repo",
        lang=lang,
        disclaimer="Penilaian mandiri: keputusan asesor & tim evaluator bersifat final.",
        sections=(
            Section(
                "Pendahuluan",
                ("Dokumen ini menyajikan arsitektur.\nBaris kedua.", "- butir satu\n- butir dua\n  lanjutan"),
                children=(
                    Section("Lingkup", ("Lingkup dokumen.",), children=(Section("Rincian lingkup", ("Rinci.",)),)),
                ),
            ),
            Section(
                "Katalog aplikasi",
                ("Tabel berikut.",),
                tables=(apps, wide),
                figures=(Figure("Diagram lapisan", svg=SVG, png=_png()), Figure("Hanya SVG", svg=SVG)),
            ),
            Section(HOSTILE, (HOSTILE,), tables=(long,)),
        ),
    )


# --- HTML -------------------------------------------------------------------------------------
class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _html(document: LongDocument | None = None) -> str:
    return write_long_document(document or sample(), "html").decode("utf-8")


def test_html_headings_are_numbered_and_the_contents_links_every_section():
    html = _html()
    assert '<h2 id="s-1" class="level-1">1 Pendahuluan</h2>' in html
    assert '<h3 id="s-1-1" class="level-2">1.1 Lingkup</h3>' in html
    assert '<h4 id="s-1-1-1" class="level-3">1.1.1 Rincian lingkup</h4>' in html
    parser = _Tags()
    parser.feed(html)
    ids = [
        attrs["id"] for tag, attrs in parser.tags if tag in ("h2", "h3", "h4") and attrs.get("id", "").startswith("s-")
    ]
    toc = html[html.index('<nav class="toc"') : html.index("</nav>")]
    links = re.findall(r'href="#([^"]+)"', toc)
    assert ids == links == ["s-1", "s-1-1", "s-1-1-1", "s-2", "s-3"]
    assert "Daftar Isi" in toc and "1.1.1 Rincian lingkup" in toc


def test_html_numbers_tables_and_figures_and_embeds_the_svg():
    html = _html()
    assert "<caption>Tabel 1 — Aplikasi</caption>" in html
    assert "<caption>Tabel 2 — Infrastruktur lebar</caption>" in html
    assert "<caption>Tabel 3 — Layanan panjang</caption>" in html
    assert "<figcaption>Gambar 1 — Diagram lapisan</figcaption>" in html
    assert "<figcaption>Gambar 2 — Hanya SVG</figcaption>" in html
    assert "data:image/svg+xml;base64," + base64.b64encode(SVG).decode() in html
    assert html.count("<thead>") == 3
    assert '<div class="table-block s" id="t-2">' in html  # 11 columns: small type
    assert '<section class="level-1 wide" aria-labelledby="s-2">' in html  # and its section on landscape pages
    assert "<li>butir dua<br>\nlanjutan</li>" in html
    assert "Sistem informasi<br>\nharga komoditas" in html


def test_html_escapes_hostile_text_and_drops_control_characters():
    html = _html()
    parser = _Tags()
    parser.feed(html)
    assert "script" not in [tag for tag, _ in parser.tags]
    assert "<script>" not in html and "<b>tebal" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;kutip&#39;" in html
    assert "Arsitektur SPBE &lt;Kabupaten Contoh&gt;" in html
    assert not CONTROLS.search(html)
    assert "\ufffd\ufffd\ufffd\ufffd\ufffd selesai" in html


def test_html_is_deterministic_and_fast_for_large_documents():
    assert write_long_document(sample(), "html") == write_long_document(sample(), "html")
    rows = [
        [str(i), f"A.{i:04}", f"Aplikasi {i}", "Deskripsi aplikasi", "RAA.01.02", "14", "L.163, A.002"]
        for i in range(2000)
    ]
    big = LongDocument(
        "Besar", "uji", tuple(Section(f"Domain {k}", tables=(Table(f"T{k}", list("ABCDEFG"), rows),)) for k in range(6))
    )
    started = time.perf_counter()
    html = write_long_document(big, "html")
    assert time.perf_counter() - started < 15
    assert html.count(b"<tr>") == 6 * 2001


def test_english_words():
    html = _html(sample("en"))
    assert '<html lang="en">' in html and ">Contents</h2>" in html
    assert (
        "<caption>Table 1 — Aplikasi</caption>" in html
        and "<figcaption>Figure 1 — Diagram lapisan</figcaption>" in html
    )
    assert '"Page" " " counter(page) " " "of" " " counter(pages)' in html
    assert '"Halaman" " " counter(page) " " "dari" " " counter(pages)' in _html()


def test_bad_input_is_refused():
    too_deep = LongDocument(
        "t", "s", (Section("a", children=(Section("b", children=(Section("c", children=(Section("d"),)),)),)),)
    )
    with pytest.raises(ValueError, match="at most 3 levels"):
        write_long_document(too_deep, "html")
    with pytest.raises(ValueError, match="format"):
        write_long_document(sample(), "rtf")


def test_empty_documents_and_tables_still_render():
    docx = pytest.importorskip("docx")
    empty = LongDocument("Kosong", "", ())
    assert "<ol>\n</ol>" in _html(empty)
    assert docx.Document(io.BytesIO(write_long_document(empty, "docx"))).paragraphs[0].text == "Kosong"
    bare = LongDocument(
        "t", "s", (Section("a", tables=(Table("tanpa kolom", [], []), Table("angka", ["n"], [[1], [None]]))),)
    )
    html = _html(bare)
    assert "<caption>Tabel 1 — tanpa kolom</caption>" in html and "<td>1</td>" in html and "<td></td>" in html
    tables = docx.Document(io.BytesIO(write_long_document(bare, "docx"))).tables
    assert [len(t.columns) for t in tables] == [1, 1] and tables[1].rows[1].cells[0].text == "1"


# --- DOCX -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def docx_document():
    docx = pytest.importorskip("docx")
    return docx.Document(io.BytesIO(write_long_document(sample(), "docx")))


def test_docx_headings_tables_and_header_rows(docx_document):
    headings = [p.text for p in docx_document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == HEADINGS
    levels = [p.style.name for p in docx_document.paragraphs if p.style.name.startswith("Heading")]
    assert levels == ["Heading 1", "Heading 2", "Heading 3", "Heading 1", "Heading 1"]
    tables = docx_document.tables
    assert [len(t.rows) for t in tables] == [4, 6, 91]
    for table in tables:
        assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader"), "the header row repeats on each page"
        assert not table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")
    assert [c.text for c in tables[0].rows[0].cells] == ["No", "ID", "Nama Aplikasi", "Deskripsi"]
    assert tables[0].rows[1].cells[3].text == "Sistem informasi\nharga komoditas"
    assert "<script>" in tables[0].rows[2].cells[2].text and not CONTROLS.search(tables[0].rows[2].cells[2].text)
    captions = [p.text for p in docx_document.paragraphs if p.style.name == "Caption"]
    assert captions == [
        "Tabel 1 — Aplikasi",
        "Tabel 2 — Infrastruktur lebar",
        "Gambar 1 — Diagram lapisan",
        "Gambar 2 — Hanya SVG",
        "Tabel 3 — Layanan panjang",
    ]


def test_docx_static_contents_inside_a_toc_field(docx_document):
    toc = [p for p in docx_document.paragraphs if p.style.name.startswith("toc ")]
    assert [p.text for p in toc] == HEADINGS
    assert [p.style.name for p in toc] == ["toc 1", "toc 2", "toc 3", "toc 1", "toc 1"]
    assert any(p.text == "Daftar Isi" and p.style.name == "TOC Heading" for p in docx_document.paragraphs)
    body = docx_document.element.body.xml
    assert 'TOC \\o "1-3"' in body and body.count('w:fldCharType="begin"') == 1
    assert re.search(r'w:anchor="s_1_1".*w:name="s_1_1"', body, re.S), "contents entries link to heading bookmarks"


def test_docx_pages_figures_and_footer(docx_document):
    sections = docx_document.sections
    assert [s.orientation for s in sections] == [
        0,
        1,
        0,
    ]  # portrait, landscape for the section with 11 columns, portrait
    assert round(sections[0].page_width.cm, 1) == 21.0 and round(sections[0].page_height.cm, 1) == 29.7
    assert len(docx_document.inline_shapes) == 1
    assert any(p.text == "Gambar ini tersedia di edisi HTML dan PDF." for p in docx_document.paragraphs)
    footer = sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer and "Halaman" in footer


def test_docx_english_words():
    docx = pytest.importorskip("docx")
    document = docx.Document(io.BytesIO(write_long_document(sample("en"), "docx")))
    texts = [p.text for p in document.paragraphs]
    assert "Contents" in texts and "Table 1 — Aplikasi" in texts and "Figure 1 — Diagram lapisan" in texts
    assert "This picture is in the HTML and PDF editions." in texts
    assert "Page" in document.sections[0].footer.paragraphs[0].text


# --- PDF --------------------------------------------------------------------------------------
def _require_pdf() -> None:
    reason = pdf_unavailable()
    missing = [tool for tool in ("pdftotext", "pdftoppm", "pdfinfo") if not shutil.which(tool)]
    if missing:
        reason = f"poppler-utils missing ({', '.join(missing)}): apt-get install poppler-utils"
    if reason:
        if os.environ.get("EA_TEST_REQUIRE_PDF"):
            pytest.fail(reason)
        pytest.skip(reason)


def _pages(pdf_path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory):
    _require_pdf()
    path = tmp_path_factory.mktemp("pdf") / "arsitektur.pdf"
    path.write_bytes(write_long_document(sample(), "pdf"))
    return path


def test_pdf_pages_convert_to_png(pdf_file):
    pages = _pages(pdf_file)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf_file), str(pdf_file.parent / "page")], check=True)
    images = sorted(pdf_file.parent.glob("page-*.png"))
    assert len(images) == len(pages) >= 6
    assert all(image.stat().st_size > 0 for image in images)


def test_pdf_text_layer_has_title_contents_headings_tables_and_page_numbers(pdf_file):
    pages = _pages(pdf_file)
    assert "Arsitektur SPBE <Kabupaten Contoh>" in pages[0] and "Daftar Isi" in pages[0]
    text = "\n".join(pages)
    for heading in HEADINGS[:4] + ["3 Nama <script>alert"]:
        assert heading in text
    assert (
        "SIHARKA" in text and "A.003" in text and "Tabel 1 — Aplikasi" in text and "Gambar 1 — Diagram lapisan" in text
    )
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page, f"page {number} has no footer"
    assert sum("Penanggung Jawab" in page for page in pages) >= 2, "the long table's header repeats on the next page"


def test_pdf_contents_shows_the_page_each_heading_is_on(pdf_file):
    pages = _pages(pdf_file)
    listed = {}
    for line in pages[0].splitlines():
        match = re.match(r"\s*(\d+(?:\.\d+)*) (.+?)[ .]{3,}(\d+)\s*$", line)
        if match:
            listed[match[1]] = int(match[3])
    assert set(listed) == {"1", "1.1", "1.1.1", "2", "3"}
    for heading in HEADINGS:
        number, title = heading.split(" ", 1)
        found = [
            index
            for index, page in enumerate(pages, start=1)
            if index > 1 and any(line.strip().startswith(f"{number} {title[:8]}") for line in page.splitlines())
        ]
        assert found and found[0] == listed[number], f"{heading}: contents says {listed[number]}, found on {found}"


def test_pdf_is_a4_with_a_landscape_page_for_the_wide_table(pdf_file):
    pages = _pages(pdf_file)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", str(len(pages)), str(pdf_file)], check=True, capture_output=True, text=True
    ).stdout
    sizes = re.findall(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info)
    portrait = [int(n) for n, w, h in sizes if round(float(w)) == 595 and round(float(h)) == 842]
    landscape = [int(n) for n, w, h in sizes if round(float(w)) == 842 and round(float(h)) == 595]
    assert len(portrait) + len(landscape) == len(pages) and portrait[0] == 1
    on = {
        marker: [n for n, page in enumerate(pages, start=1) if n > 1 and marker in page][0]  # after the contents
        for marker in ("2 Katalog aplikasi", "W5-11", "1.1.1 Rincian lingkup", "3 Nama")
    }
    assert on["2 Katalog aplikasi"] in landscape and on["W5-11"] in landscape, "the wide table's section is landscape"
    assert on["1.1.1 Rincian lingkup"] in portrait and on["3 Nama"] in portrait


def test_pdf_english_footer(tmp_path):
    _require_pdf()
    document = LongDocument("Architecture", "Kabupaten Contoh", (Section("Introduction", ("Text.",)),), lang="en")
    path = tmp_path / "en.pdf"
    path.write_bytes(write_long_document(document, "pdf"))
    pages = _pages(path)
    assert "Contents" in pages[0] and "1 Introduction" in pages[0]
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
