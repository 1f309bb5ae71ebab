"""The long document: numbered sections of paragraphs, tables and figures (one model, three writers)."""

from __future__ import annotations

from dataclasses import dataclass

from ea_repo.reports.tables import Table

__all__ = ["Figure", "LongDocument", "Section", "Table", "MAX_DEPTH"]

MAX_DEPTH = 3  # sections 1, 1.1, 1.1.1


@dataclass(frozen=True)
class Figure:
    """A picture: the SVG from Graphviz (HTML and PDF embed it) and/or the same picture as PNG (DOCX embeds PNG)."""

    title: str
    svg: bytes | None = None
    png: bytes | None = None


@dataclass(frozen=True)
class Section:
    """A numbered section. A paragraph whose first line starts with "- " is a bullet list, one bullet per "- " line."""

    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    figures: tuple[Figure, ...] = ()
    children: tuple[Section, ...] = ()


@dataclass(frozen=True)
class LongDocument:
    """A document with a title page, a table of contents and numbered sections, in Bahasa Indonesia or English."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    lang: str = "id"
    disclaimer: str | None = None
