"""ea index: the SPBE index from a file of indicator scores, what-if, and the indicators that move it most."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table as RichTable

from cli.common import lang_of, out, plain, translate_errors, write_json, write_raw
from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.reports import write_document
from ea_repo.reports.tables import Document

app = typer.Typer()


@app.command("index")
@translate_errors
def index(
    ctx: typer.Context,
    path: Path = typer.Argument(
        ...,
        help="Score file: .yaml/.yml or .csv (instrument, indicator number -> score 0-5; "
        "or aspect values). See README 'SPBE index'.",
    ),
    what_if: str | None = typer.Option(
        None,
        "--what-if",
        help="Change scores and compare: 11=4,12=4 (indicators), aspek2=3 (an aspect given as a value).",
    ),
    instrument: str | None = typer.Option(
        None,
        "--instrument",
        help="Which instrument: a shipped one (permenpanrb-8-2026, "
        "permenpanrb-59-2020, permenpanrb-5-2018) or a YAML file of your own in the same schema "
        "(metamodel/data/spbe_index.yaml). Default: the one the score file names.",
    ),
    output_format: str = typer.Option("table", "--format", "-f", help="table (default), json or md."),
    top: int = typer.Option(10, "--top", help="How many indicators to list that raise the index most (0 = none)."),
) -> None:
    """An evaluation index from a file of indicator scores: the Indeks Pemerintah Digital (PermenPANRB 8/2026) or the SPBE
    index (59/2020, 5/2018), or any instrument from a file: aspects, domains where it has them, the index and its band;
    with --what-if the index before and after; and which single indicator raised by 1 moves it most."""
    lang = lang_of(ctx)
    if output_format not in ("table", "json", "md"):
        raise ConfigError(f"--format: expected table, json or md, got {output_format!r}")
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
