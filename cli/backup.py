"""ea backup / ea restore: the whole repository to one file and back (the CLI acts as the local admin)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cli.common import LOCAL, err, is_terminal, lang_of, out, state, translate_errors
from cli.help_text import help_text
from ea_repo import service
from ea_repo.core.i18n import t


class _RowsBar:
    """A progress bar over rows on a terminal; silent otherwise (the service's progress protocol)."""

    def __init__(self, label: str):
        self.label, self.bar, self.task = label, None, None

    def start(self, total_rows: int) -> None:
        if is_terminal():
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total_rows)

    def advance(self, rows: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=rows)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@translate_errors
def backup(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=help_text("opt.backup_file")),
) -> None:
    lang = lang_of(ctx)
    bar = _RowsBar(t("backup_progress", lang))
    try:
        summary = service.backup_repository(state(ctx).repository(), file, principal=LOCAL, progress=bar)
    finally:
        bar.stop()
    out.print(
        t(
            "backup_done",
            lang,
            path=summary.path,
            tables=len(summary.rows),
            rows=_number(summary.total_rows, lang),
            size=_number(summary.bytes, lang),
            schema=summary.header.schema_version,
        ),
        markup=False,
    )


@translate_errors
def restore(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=help_text("opt.restore_file")),
    force: bool = typer.Option(False, "--force", help=help_text("opt.restore_force")),
) -> None:
    lang = lang_of(ctx)
    bar = _RowsBar(t("restore_progress", lang))
    try:
        summary = service.restore_repository(state(ctx).db, file, principal=LOCAL, force=force, progress=bar)
    finally:
        bar.stop()
    header = summary.header
    out.print(
        t(
            "restore_done",
            lang,
            path=summary.path,
            url=summary.database,
            tables=len(summary.rows),
            rows=_number(summary.total_rows, lang),
            backend=header.backend,
            created=header.created_at,
        ),
        markup=False,
    )


def _number(value: int, lang: str) -> str:
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if lang == "id" else grouped  # 1.234.567 in Indonesian
