"""The DOCX edition, with python-docx: Word's own heading, list and caption styles, so the IPPD can edit it.

- Contents: the numbered headings listed as links, held inside a TOC field; Word asks to update the
  fields on opening and then fills in the page numbers (LibreOffice shows the listed headings).
- Tables: written as WordprocessingML in one piece (python-docx's cell API is far too slow for
  thousands of rows); the header row repeats on each page; a section holding a table of more
  than 8 columns goes on landscape pages.
- Footer: "Halaman {PAGE} dari {NUMPAGES}".
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor

from ea_repo.reports.longform.outline import FIGURE_BOX_CM, FigureBlock, Heading, Outline, Paragraph, TableBlock

_W = nsdecls("w")
_PAGE = (Cm(21.0), Cm(29.7))  # A4
_MARGIN = Cm(2.0)
_FONT = "Arial"  # Liberation Sans where Arial is missing, as in the PDF edition
_TWIPS_PER_EMU = 1 / 635  # 1 twip = 635 EMU
_TABLE_SIZES = {"l": 9, "m": 8, "s": 7}  # points, as the HTML's table font classes


def to_docx(outline: Outline) -> bytes:
    return _Writer(outline).write()


class _Writer:
    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.words = outline.words
        self.doc = Document()
        self.landscape = False
        self.bookmark = 0

    def write(self) -> bytes:
        doc, outline = self.doc, self.outline
        _styles(doc)
        _page(doc.sections[0], landscape=False)
        _footer(doc.sections[0], self.words)
        doc.core_properties.title = outline.title
        doc.core_properties.author = "ea-repo"
        doc.core_properties.language = outline.lang
        doc.add_paragraph(outline.title, style="Title")
        doc.add_paragraph(outline.subtitle, style="Subtitle")
        for paragraph in outline.disclaimer:
            self.disclaimer(paragraph)
        self.contents()
        for heading in outline.headings:
            self.section(heading)
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()

    # --- front matter ------------------------------------------------------------------
    def disclaimer(self, paragraph: Paragraph) -> None:
        for text in paragraph.bullets or (paragraph.text,):
            p = self.doc.add_paragraph(text, style="List Bullet" if paragraph.bullets else None)
            sides = "".join(
                f'<w:{side} w:val="single" w:sz="6" w:space="4" w:color="B08A00"/>'
                for side in ("top", "left", "bottom", "right")
            )
            _append_xml(p._p.get_or_add_pPr(), f"<w:pBdr {_W}>{sides}</w:pBdr>")
            _append_xml(p._p.get_or_add_pPr(), f'<w:shd {_W} w:val="clear" w:color="auto" w:fill="FFF8DC"/>')

    def contents(self) -> None:
        """The headings as links inside a TOC field: the static list is the field's result until Word updates it."""
        self.doc.add_paragraph(self.words["contents"], style="TOC Heading")
        headings = self.outline.headings
        begin = (
            f'<w:r {_W}><w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r {_W}><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>',
            f'<w:r {_W}><w:fldChar w:fldCharType="separate"/></w:r>',
        )
        end = f'<w:r {_W}><w:fldChar w:fldCharType="end"/></w:r>'
        if not headings:
            p = self.doc.add_paragraph(style="toc 1")
            for xml in begin + (end,):
                _append_xml(p._p, xml)
            return
        for index, heading in enumerate(headings):
            p = self.doc.add_paragraph(style=f"toc {heading.level}")
            if index == 0:
                for xml in begin:
                    _append_xml(p._p, xml)
            _append_xml(
                p._p,
                f'<w:hyperlink {_W} w:anchor="{heading.anchor}" w:history="1">'
                f"{_runs(f'{heading.number} {heading.title}')}</w:hyperlink>",
            )
            if index == len(headings) - 1:
                _append_xml(p._p, end)
        _update_fields_on_open(self.doc.settings.element)

    # --- body --------------------------------------------------------------------------
    def section(self, heading: Heading) -> None:
        self.orient(landscape=heading.wide)
        p = self.doc.add_heading(f"{heading.number} {heading.title}", level=heading.level)
        self.bookmark += 1
        p._p.get_or_add_pPr().addnext(
            parse_xml(f'<w:bookmarkStart {_W} w:id="{self.bookmark}" w:name="{heading.anchor}"/>')
        )
        p._p.append(parse_xml(f'<w:bookmarkEnd {_W} w:id="{self.bookmark}"/>'))
        for paragraph in heading.paragraphs:
            if paragraph.bullets:
                for item in paragraph.bullets:
                    self.doc.add_paragraph(item, style="List Bullet")
            else:
                self.doc.add_paragraph(paragraph.text)
        for table in heading.tables:
            self.table(table)
        for figure in heading.figures:
            self.figure(figure)

    def orient(self, landscape: bool) -> None:
        """Start a new Word section (page) when the orientation changes; the footer carries over.
        A section holding a table of more than 8 columns is landscape, its heading with it."""
        if landscape != self.landscape:
            _page(self.doc.add_section(WD_SECTION.NEW_PAGE), landscape)
            self.landscape = landscape

    def table(self, table: TableBlock) -> None:
        caption = self.doc.add_paragraph(f"{self.words['table']} {table.number} — {table.title}", style="Caption")
        caption.paragraph_format.keep_with_next = True
        section = self.doc.sections[-1]
        page, left, right = section.page_width, section.left_margin, section.right_margin
        assert page is not None and left is not None and right is not None  # _page() set them on every section
        width = int((page - left - right) * _TWIPS_PER_EMU)
        self.doc.element.body.sectPr.addprevious(parse_xml(_table_xml(table, width, self.doc)))
        if table.note:
            self.doc.add_paragraph(table.note, style="EA Note")
        else:
            self.doc.add_paragraph()  # Word needs a paragraph between two tables, or it merges them

    def figure(self, figure: FigureBlock) -> None:
        placed = False
        if figure.png:
            try:
                shape = self.doc.add_picture(io.BytesIO(figure.png))
            except (UnrecognizedImageError, ValueError, KeyError, IndexError):
                shape = None
            if shape is not None:
                _fit(shape, self.doc.sections[-1])
                self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
                placed = True
        if not placed and figure.svg:
            self.doc.add_paragraph(self.words["svg_only"], style="EA Note").paragraph_format.keep_with_next = True
        self.doc.add_paragraph(f"{self.words['figure']} {figure.number} — {figure.title}", style="Caption")


# settings.xml children that must come after <w:updateFields> (ECMA-376 CT_Settings order)
_AFTER_UPDATE_FIELDS = {
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
}


def _append_xml(parent: BaseOxmlElement, xml: str) -> None:
    parent.append(parse_xml(xml))


def _update_fields_on_open(settings) -> None:
    """Word offers to update the fields when the file opens: the contents gets its page numbers."""
    element = parse_xml(f'<w:updateFields {_W} w:val="true"/>')
    later = [child for child in settings if child.tag.rpartition("}")[2] in _AFTER_UPDATE_FIELDS]
    if later:
        later[0].addprevious(element)
    else:
        settings.append(element)


def _styles(doc) -> None:
    styles = doc.styles
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "TOC Heading", "Caption"):
        styles[name].font.name = _FONT  # the template's theme fonts (Calibri, Cambria) are missing outside Office
        fonts = styles[name].element.rPr.rFonts
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
    styles["Normal"].font.size = Pt(10)
    styles["Heading 1"].paragraph_format.page_break_before = True
    for level in (1, 2, 3):
        if f"toc {level}" not in [s.name for s in styles]:
            style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
            style.style_id = f"TOC{level}"
            style.base_style = styles["Normal"]
            style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            style.paragraph_format.space_after = Pt(2)
    for size_class, points in _TABLE_SIZES.items():
        style = styles.add_style(f"EA Table {size_class}", WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = f"EATable{size_class}"
        style.base_style = styles["Normal"]
        style.font.size = Pt(points)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.space_before = Pt(0)
    note = styles.add_style("EA Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.size, note.font.italic, note.font.color.rgb = Pt(8.5), True, RGBColor(0x44, 0x44, 0x44)


def _page(section, landscape: bool) -> None:
    width, height = _PAGE
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = _MARGIN


def _footer(section, words: dict[str, str]) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for xml in (
        _runs(words["page"] + " ", ns=True),
        _field("PAGE"),
        _runs(f" {words['of']} ", ns=True),
        _field("NUMPAGES"),
    ):
        p._p.append(parse_xml(xml))


def _field(instruction: str) -> str:
    return f'<w:fldSimple {_W} w:instr=" {instruction} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'


def _runs(text: str, bold: bool = False, ns: bool = False) -> str:
    """One <w:r> for `text`; line breaks become <w:br/>, tabs spaces. `text` is already clean of forbidden
    characters."""
    pieces = [f'<w:t xml:space="preserve">{escape(line.replace(chr(9), " "))}</w:t>' for line in text.split("\n")]
    return f"<w:r{' ' + _W if ns else ''}>{'<w:rPr><w:b/></w:rPr>' if bold else ''}{'<w:br/>'.join(pieces)}</w:r>"


def _table_xml(table: TableBlock, width: int, doc) -> str:
    widths = _column_widths(table, width)
    style = f"EATable{table.size}"
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = _row(table.headers, widths, style, header=True)
    body = "".join(_row(row, widths, style) for row in table.rows)
    grid_style = doc.styles["Table Grid"].style_id
    return (
        f'<w:tbl {_W}><w:tblPr><w:tblStyle w:val="{grid_style}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{head}{body}</w:tbl>"
    )


def _row(cells: tuple[str, ...], widths: list[int], style: str, header: bool = False) -> str:
    properties = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else ""
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="E8EEF5"/>' if header else ""
    tcs = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{shade}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{_runs(cell, bold=header)}</w:p></w:tc>'
        for cell, w in zip(cells, widths, strict=False)
    )
    return f"<w:tr>{properties}{tcs}</w:tr>"


def _column_widths(table: TableBlock, width: int) -> list[int]:
    """Column widths in twips: the outline's shares of the text width, at least about half a centimetre."""
    return [max(int(width * share / 100), 300) for share in table.shares]


def _fit(shape, section) -> None:
    """Scale a picture down to the text area and the figure box the PDF uses (never up), keeping its proportions."""
    max_width = min(section.page_width - section.left_margin - section.right_margin, Cm(FIGURE_BOX_CM[0]))
    max_height = min(
        int((section.page_height - section.top_margin - section.bottom_margin) * 0.85), Cm(FIGURE_BOX_CM[1])
    )
    scale = min(1.0, max_width / shape.width, max_height / shape.height) if shape.width and shape.height else 1.0
    if scale < 1.0:
        shape.width, shape.height = int(shape.width * scale), int(shape.height * scale)
