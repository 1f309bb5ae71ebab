"""The HTML edition, from one autoescaping Jinja2 template; the PDF edition is the same HTML printed by WeasyPrint."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ea_repo.reports.longform.outline import FIGURE_BOX_CM, Outline

TEMPLATE = "document.html.j2"


def _lines(text: str) -> Markup:
    """Escaped text whose line breaks show as <br>."""
    return Markup(str(escape(text)).replace("\n", "<br>\n"))


def _css_string(text: str) -> Markup:
    """A CSS string literal (for the page footer words); JSON's quoting is valid CSS for these words."""
    return Markup(json.dumps(str(text), ensure_ascii=True).replace("<", "\\3C "))


_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent.parent / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
)
_ENV.filters["lines"] = _lines
_ENV.filters["css_string"] = _css_string


def to_html(outline: Outline) -> str:
    return _ENV.get_template(TEMPLATE).render(doc=outline, figure_box=FIGURE_BOX_CM)


def to_pdf(outline: Outline) -> bytes:
    """Print the HTML edition: A4, page numbers in the footer, the contents with page numbers (CSS paged media).

    Only data: URIs are fetched (the figures), never a file or a network address named in the content.
    """
    from weasyprint import HTML, URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",))
    return HTML(string=to_html(outline), url_fetcher=fetcher, base_url=None).write_pdf()
