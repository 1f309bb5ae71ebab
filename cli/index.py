"""ea index: the SPBE index from a file of indicator scores, what-if, and the indicators that move it most."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table as RichTable

from cli.common import EXIT_USAGE, err, lang_of, out, plain, translate_errors, write_json, write_raw
from ea_repo import index as spbe
from ea_repo.core.errors import ConfigError
from ea_repo.reports import write_document
from ea_repo.reports.tables import Document

app = typer.Typer()

REJECTED = {"id": "Masukan nilai ditolak: {count} masalah.", "en": "Score input rejected: {count} problem(s)."}


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
    try:
        result = spbe.compute_index(spbe.read_scores(path, spbe.choose_instrument(instrument) if instrument else None))
        change = spbe.what_if(result.scores, *spbe.parse_what_if(what_if)) if what_if else None
    except (spbe.ScoresRejected, spbe.InstrumentRejected) as exc:
        for problem in exc.problems:
            err.print(plain(problem.render(lang)))
        err.print(REJECTED["en" if lang == "en" else "id"].format(count=len(exc.problems)), style="bold red")
        raise typer.Exit(EXIT_USAGE) from None
    levers = spbe.levers(change.after if change else result)[: max(top, 0)]  # after a what-if: what to raise next
    if output_format == "json":
        data = {
            **spbe.result_data(result, lang),
            "what_if": spbe.what_if_data(change) if change else None,
            "levers": spbe.levers_data(levers),
        }
        write_json(data)
    elif output_format == "md":
        write_raw(write_document(spbe.index_document(result, lang, change, levers), "md").decode())
    else:
        _print(spbe.index_document(result, lang, change, levers, indicators=False))


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
