"""ea index: the SPBE index from a file of indicator scores, what-if, and the indicators that move it most."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table as RichTable

from cli.common import lang_of, out, plain, translate_errors, write_json, write_raw
from cli.help_text import help_text
from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message
from ea_repo.reports import write_document
from ea_repo.reports.tables import Document

app = typer.Typer()


@app.command(
    "index",
    help=help_text("index"),
)
@translate_errors
def index(
    ctx: typer.Context,
    path: Path = typer.Argument(
        ...,
        help=help_text("opt.index_path"),
    ),
    what_if: str | None = typer.Option(
        None,
        "--what-if",
        help=help_text("opt.what_if"),
    ),
    instrument: str | None = typer.Option(
        None,
        "--instrument",
        help=help_text("opt.index_instrument"),
    ),
    output_format: str = typer.Option("table", "--format", "-f", help=help_text("opt.format_index")),
    top: int = typer.Option(10, "--top", help=help_text("opt.top")),
) -> None:
    lang = lang_of(ctx)
    if output_format not in ("table", "json", "md"):
        choices = "table, json, md"
        raise ConfigError(Message("parameter_one_of", name="--format", choices=choices, got=repr(output_format)))
    outcome = service.spbe_index(path, instrument=instrument, what_if=what_if, top=top)  # ScoresRejected: the edge
    if output_format == "json":
        write_json(service.index_data(outcome, lang))
    elif output_format == "md":
        write_raw(write_document(service.index_document(outcome, lang), "md").decode())
    else:
        _print(service.index_document(outcome, lang, indicators=False))


def _print(document: Document) -> None:
    out.print(plain(document.title), style="bold")
    out.print(plain(document.subtitle))
    for table in document.tables:
        shown = RichTable(*table.headers, title=plain(table.title), title_justify="left")
        for row in table.rows:
            shown.add_row(*(plain(cell) for cell in row))
        out.print(shown)
        if table.note:
            out.print(plain(table.note))
