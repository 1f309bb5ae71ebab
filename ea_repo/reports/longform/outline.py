"""The document prepared once for every writer: text made safe, sections, tables and figures numbered.

Every writer renders the same outline, so the HTML, the DOCX and the PDF number things alike.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ea_repo.core.i18n import Catalogue, language
from ea_repo.reports.longform.model import MAX_DEPTH, Figure, LongDocument, Section, Table

WORDS = Catalogue.from_languages(
    "reports.longform",
    {
        "id": {
            "contents": "Daftar Isi",
            "page": "Halaman",
            "of": "dari",
            "table": "Tabel",
            "figure": "Gambar",
            "svg_only": "Gambar ini tersedia di edisi HTML dan PDF.",
        },
        "en": {
            "contents": "Contents",
            "page": "Page",
            "of": "of",
            "table": "Table",
            "figure": "Figure",
            "svg_only": "This picture is in the HTML and PDF editions.",
        },
    },
)

# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF; HTML calls C1 controls errors.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
WIDE_COLUMNS = 8  # a section holding a table of more columns goes on landscape pages
_SAMPLE_ROWS = 300  # rows read to size the columns
# about how many characters of (bold header) table text fit across the page, per size class (landscape for "s")
_LINE_CHARACTERS = {"l": 95, "m": 110, "s": 190}
_LONGEST_WORD, _LONGEST_LINE = 16, 60  # characters: a longer word may break anywhere; a longer line wraps
# The box a figure is drawn in, on a landscape A4 page (29.7 x 21 cm less the margins, a heading and a caption):
# every writer scales a picture down to it, never up. The smallest type of a picture (Graphviz's 8 pt details and
# link labels; names are 10 pt) must stay at or above MIN_FONT_PT once scaled: 5 pt is the floor print journals
# set for figure text (e.g. Nature's figure guide: 5-7 pt).
FIGURE_BOX_CM = (26.3, 14.5)
MIN_FONT_PT = 5.0
_PT_PER_CM = 72 / 2.54
_SVG_SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)pt"[^>]*?\sheight="([\d.]+)pt"', re.DOTALL)
_SVG_FONTS = re.compile(rb'font-size="([\d.]+)"')


def figure_scale(svg: bytes) -> float:
    """How much the figure box scales this (Graphviz) SVG: 1 when it fits, less when it must shrink."""
    found = _SVG_SIZE.search(svg)
    if not found:
        return 1.0
    width, height = float(found[1]), float(found[2])
    box_width, box_height = (side * _PT_PER_CM for side in FIGURE_BOX_CM)
    return min(1.0, box_width / width if width else 1.0, box_height / height if height else 1.0)


def smallest_type(svg: bytes) -> float:
    """The smallest font size (points) the picture's text has once it is scaled into the figure box."""
    sizes = [float(size) for size in _SVG_FONTS.findall(svg)]
    return min(sizes, default=MIN_FONT_PT) * figure_scale(svg)


def readable(svg: bytes) -> bool:
    return smallest_type(svg) >= MIN_FONT_PT


def clean(value: object) -> str:
    """Text any writer can print: line ends as "\\n", forbidden control characters as U+FFFD."""
    text = "" if value is None else str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub("\ufffd", text)


@dataclass(frozen=True)
class Paragraph:
    text: str
    bullets: tuple[str, ...] = ()  # non-empty: the paragraph is a bullet list


@dataclass(frozen=True)
class TableBlock:
    number: int
    id: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str | None
    shares: tuple[float, ...]  # column widths in percent of the table width

    @property
    def colgroup(self) -> tuple[str, ...]:
        return tuple(f"{share:.2f}%" for share in self.shares)

    @property
    def wide(self) -> bool:
        return len(self.headers) > WIDE_COLUMNS

    @property
    def size(self) -> str:
        """Font size class: "l" up to 5 columns, "m" up to 8, "s" beyond."""
        columns = len(self.headers)
        return "l" if columns <= 5 else "m" if columns <= WIDE_COLUMNS else "s"


@dataclass(frozen=True)
class FigureBlock:
    number: int
    id: str
    title: str
    svg: bytes | None
    png: bytes | None

    @property
    def src(self) -> str | None:
        """A data: URI for HTML (the SVG when there is one): an <img> never runs what the picture holds."""
        if self.svg:
            return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")
        if self.png:
            return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")
        return None


@dataclass(frozen=True)
class Heading:
    number: str  # "1.2"
    level: int  # 1..3
    id: str  # "s-1-2"
    title: str
    paragraphs: tuple[Paragraph, ...]
    tables: tuple[TableBlock, ...]
    figures: tuple[FigureBlock, ...]

    @property
    def wide(self) -> bool:
        """A section holding a table of more than 8 columns, or a figure, is printed on landscape pages, its heading
        with it."""
        return any(table.wide for table in self.tables) or bool(self.figures)

    @property
    def anchor(self) -> str:
        """The DOCX bookmark name (letters, digits and underscores)."""
        return self.id.replace("-", "_")


@dataclass(frozen=True)
class Outline:
    title: str
    subtitle: str
    lang: str
    words: dict[str, str]
    disclaimer: tuple[Paragraph, ...]
    headings: tuple[Heading, ...]  # every section in reading order (the table of contents)


def prepare(document: LongDocument) -> Outline:
    lang = language(document.lang)
    counters = {"table": 0, "figure": 0}
    headings: list[Heading] = []
    for index, section in enumerate(document.sections, start=1):
        _walk(section, (index,), counters, headings)
    disclaimer = tuple(paragraphs([document.disclaimer])) if document.disclaimer else ()
    return Outline(
        clean(document.title),
        clean(document.subtitle),
        lang,
        {key: WORDS.t(key, lang) for key in WORDS},
        disclaimer,
        tuple(headings),
    )


def _walk(section: Section, path: tuple[int, ...], counters: dict[str, int], out: list[Heading]) -> None:
    if len(path) > MAX_DEPTH:
        raise ValueError(
            f"section {'.'.join(map(str, path))} {section.title!r}: at most {MAX_DEPTH} levels of sections"
        )
    tables = tuple(_table(table, _next(counters, "table")) for table in section.tables)
    figures = tuple(_figure(figure, _next(counters, "figure")) for figure in section.figures)
    number = ".".join(map(str, path))
    out.append(
        Heading(
            number,
            len(path),
            "s-" + "-".join(map(str, path)),
            clean(section.title),
            tuple(paragraphs(section.paragraphs)),
            tables,
            figures,
        )
    )
    for index, child in enumerate(section.children, start=1):
        _walk(child, path + (index,), counters, out)


def _next(counters: dict[str, int], kind: str) -> int:
    counters[kind] += 1
    return counters[kind]


def paragraphs(texts) -> list[Paragraph]:
    out = []
    for raw in texts:
        text = clean(raw).strip("\n")
        if text.startswith("- "):
            out.append(Paragraph(text, _bullets(text)))
        elif text:
            out.append(Paragraph(text))
    return out


def _bullets(text: str) -> tuple[str, ...]:
    """One bullet per line starting "- "; other lines continue the bullet above."""
    items: list[str] = []
    for line in text.split("\n"):
        if line.startswith("- ") or not items:
            items.append(line[2:].strip() if line.startswith("- ") else line.strip())
        elif line.strip():
            items[-1] += "\n" + line.strip()
    return tuple(items)


def _table(table: Table, number: int) -> TableBlock:
    cleaned = [tuple(clean(cell) for cell in row) for row in table.rows]
    columns = max([len(table.headers), 1] + [len(row) for row in cleaned])  # a table has at least one column
    headers = tuple(clean(h) for h in table.headers) + ("",) * (columns - len(table.headers))
    rows = tuple(row + ("",) * (columns - len(row)) if len(row) < columns else row for row in cleaned)
    note = clean(table.note) if table.note else None
    capacity = _LINE_CHARACTERS["s" if columns > WIDE_COLUMNS else "m" if columns > 5 else "l"]
    return TableBlock(
        number, f"t-{number}", clean(table.title), headers, rows, note, _shares(table.widths, headers, rows, capacity)
    )


def _shares(widths, headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...], capacity: int) -> tuple[float, ...]:
    """Column widths in percent, from Table.widths when given for every column. Else as a browser sizes an
    automatic table, from the header and the first rows: every column gets its longest word (so "I.PKS.001" or
    "Kepemilikan" never breaks), then what is left of the line (`capacity` characters) goes to the columns
    whose longest line is longer, in proportion to what they lack."""
    columns = len(headers)
    if widths and len(widths) == columns and all(w > 0 for w in widths):
        return _percent(list(widths))
    least, most = [], []
    for column in range(columns):
        texts = [headers[column]] + [row[column] for row in rows[:_SAMPLE_ROWS]]
        word = max((len(w) for text in texts for w in text.split()), default=0)
        line = max(len(line) for text in texts for line in text.split("\n"))
        least.append(min(max(word, 2), _LONGEST_WORD) + 3)  # + 3: the cell's padding
        most.append(max(min(line, _LONGEST_LINE) + 3, least[-1]))
    spare = capacity - sum(least)
    lacking = sum(m - n for m, n in zip(most, least, strict=False))
    if spare <= 0 or lacking == 0:
        return _percent(least if spare <= 0 else most)
    return _percent([n + (m - n) * min(1.0, spare / lacking) for n, m in zip(least, most, strict=False)])


def _percent(weights: Sequence[float]) -> tuple[float, ...]:
    total = sum(weights) or 1
    return tuple(100 * w / total for w in weights)


def _figure(figure: Figure, number: int) -> FigureBlock:
    return FigureBlock(number, f"g-{number}", clean(figure.title), figure.svg or None, figure.png or None)
