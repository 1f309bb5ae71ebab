"""Long documents (the evidence document): one model written to HTML, DOCX and PDF.

The model (`LongDocument` of numbered `Section`s holding paragraphs, `Table`s and `Figure`s) is
prepared once (longform.outline: numbering, text made safe), then rendered:
- HTML from one autoescaping Jinja2 template (templates/document.html.j2), a linked contents;
- PDF: that same HTML printed by WeasyPrint (CSS paged media: A4, "Halaman 3 dari 12" footers,
  contents with page numbers through target-counter, landscape pages for wide tables);
- DOCX with python-docx: Word heading styles, a static contents inside a TOC field Word updates,
  repeated table header rows, PAGE/NUMPAGES footer.
"""

from __future__ import annotations

from pathlib import Path

from ea_repo.reports.longform.model import Figure, LongDocument, Section, Table
from ea_repo.reports.longform.outline import prepare

__all__ = [
    "FORMATS",
    "Figure",
    "LongDocument",
    "Section",
    "Table",
    "pdf_unavailable",
    "write_long_document",
    "write_long_file",
]

FORMATS = ("html", "docx", "pdf")


def write_long_document(document: LongDocument, fmt: str) -> bytes:
    """The document as bytes: fmt is "html" (deterministic), "docx" or "pdf"."""
    if fmt not in FORMATS:
        raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    outline = prepare(document)
    if fmt == "html":
        from ea_repo.reports.longform.html import to_html

        return to_html(outline).encode("utf-8")
    if fmt == "docx":
        from ea_repo.reports.longform.docx import to_docx

        return to_docx(outline)
    from ea_repo.reports.longform.html import to_pdf

    return to_pdf(outline)


def write_long_file(document: LongDocument, path: Path, fmt: str | None = None) -> str:
    """Write to `path`; the format from `fmt` or the suffix. Returns the format used."""
    chosen = fmt or path.suffix.lstrip(".").lower()
    if chosen not in FORMATS:
        raise ValueError(
            f"format: expected one of {', '.join(FORMATS)} (or a .html/.docx/.pdf file name), got {chosen!r}"
        )
    path.write_bytes(write_long_document(document, chosen))
    return chosen


def pdf_unavailable() -> str | None:
    """Why a PDF cannot be written here (WeasyPrint or the Pango library missing), or None when it can."""
    try:
        import weasyprint  # noqa: F401  (loads Pango through cffi)
    except (ImportError, OSError) as error:
        return (
            "PDF needs WeasyPrint and the Pango library "
            f"(pip install weasyprint; apt-get install libpango-1.0-0 libpangoft2-1.0-0): {error}"
        )
    return None
