"""Report documents (gap analysis, Peta Rencana) as tables, written to Markdown, HTML or XLSX.

Tables are computed once (tables.py) and every writer renders the same rows: what the
spreadsheet says is what the HTML says.
"""

from ea_repo.reports.tables import Document, Table, write_document

__all__ = ["Document", "Table", "write_document"]
