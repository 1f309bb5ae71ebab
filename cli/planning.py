"""ea gap, ea roadmap: the to-be gap and the Peta Rencana SPBE."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table as RichTable

from cli.common import (
    EXIT_FINDINGS,
    LOCAL,
    emit_bytes,
    lang_of,
    only_ippd,
    out,
    plain,
    state,
    translate_errors,
    write_raw,
)
from cli.help_text import help_text
from ea_repo import service
from ea_repo.checks.render import render_json, render_sarif, render_table, summary_line
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message, t
from ea_repo.reports import Document, write_document
from ea_repo.reports.planning import component_tables, gap_data, gap_document, roadmap_document
from ea_repo.reports.tables import FORMATS
from ea_repo.service import Gap, dump_documents

app = typer.Typer()
roadmap_app = typer.Typer(
    help=help_text("roadmap"),
    invoke_without_command=True,
)

Ippd = typer.Option(None, "--ippd", help=help_text("opt.ippd_default"))
Before = typer.Option("as-is", "--from", help=help_text("opt.from_current"))
After = typer.Option("to-be", "--to", help=help_text("opt.to_target"))
Output = typer.Option(None, "--output", "-o", help=help_text("opt.output_report"))


@app.command(help=help_text("gap"))
@translate_errors
def gap(
    ctx: typer.Context,
    before: str = Before,
    after: str = After,
    ippd: str | None = Ippd,
    national: bool = typer.Option(False, "--national", help=help_text("opt.national_gap")),
    output_format: str | None = typer.Option(None, "--format", "-f", help=help_text("opt.format_report")),
    output: Path | None = Output,
) -> None:
    repo = state(ctx).repository()
    code = None if national else only_ippd(repo, ippd)
    result = service.gap_report(repo, code, before, after, principal=LOCAL)
    if not result.items:
        if code:
            raise ConfigError(Message("gap_empty_ippd", before=before, after=after, ippd=code))
        raise ConfigError(Message("gap_empty", before=before, after=after))
    initiatives = service.roadmap(repo, code, principal=LOCAL) if code else []
    lang = lang_of(ctx)
    fmt = _format(output, output_format, default="table", known=("table", "json", *FORMATS))
    if fmt == "table":
        _print_gap(result, gap_document(result, lang, initiatives), lang)
    elif fmt == "json":
        emit_bytes(json.dumps(gap_data(result), ensure_ascii=False, indent=1).encode() + b"\n", output, lang)
    else:
        emit_bytes(write_document(gap_document(result, lang, initiatives), fmt), output, lang)


def _print_gap(result: Gap, document: Document, lang: str) -> None:
    out.print(plain(document.subtitle))
    for table in component_tables(result, lang, []):
        shown = RichTable(*table.headers[1:5], title=plain(table.title), title_justify="left")
        for row in table.rows:
            shown.add_row(*(plain(c) for c in row[1:5]))
        out.print(shown)
    out.print(t("gap_more", lang))


def _format(output: Path | None, given: str | None, default: str, known: tuple[str, ...]) -> str:
    """The format asked (or the output's suffix), checked before anything is written."""
    fmt = (given or (output.suffix.lstrip(".").lower() if output else default)).lower()
    if fmt not in known:
        raise ConfigError(Message("parameter_one_of", name="--format", choices=", ".join(known), got=repr(fmt)))
    if fmt == "xlsx" and output is None:
        raise ConfigError(Message("binary_needs_file", format="xlsx", example="FILE.xlsx"))
    return fmt


# --- ea roadmap ---------------------------------------------------------------------------
@roadmap_app.callback()
@translate_errors
def roadmap(
    ctx: typer.Context,
    ippd: str | None = Ippd,
    output_format: str | None = typer.Option(None, "--format", "-f", help=help_text("opt.format_roadmap")),
    output: Path | None = Output,
) -> None:
    """The Peta Rencana in the national layout: No, Muatan, Inisiatif, Keluaran, Penanggung Jawab, one column per
    year."""
    if ctx.invoked_subcommand is not None:
        return
    repo = state(ctx).repository()
    code = only_ippd(repo, ippd)
    items = service.roadmap(repo, code, principal=LOCAL)
    if not items:
        raise ConfigError(Message("roadmap_none", ippd=code))
    fmt = _format(output, output_format, default="md", known=(*FORMATS, "yaml"))
    if fmt == "yaml":
        emit_bytes(dump_documents([i.document() for i in items]).encode(), output, lang_of(ctx))
    else:
        ippd_name, opd_names = service.roadmap_names(repo, code, principal=LOCAL)
        document = roadmap_document(code, items, lang_of(ctx), opd_names, ippd_name)
        emit_bytes(write_document(document, fmt), output, lang_of(ctx))


@roadmap_app.command("import", help=help_text("roadmap.import"))
@translate_errors
def import_(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help=help_text("opt.roadmap_paths")),
    replace: bool = typer.Option(False, "--replace", help=help_text("opt.roadmap_replace")),
    dry_run: bool = typer.Option(False, "--dry-run", help=help_text("opt.dry_run_roadmap")),
) -> None:
    result = service.import_roadmap_paths(
        state(ctx).repository(), paths, replace=replace, dry_run=dry_run, principal=LOCAL
    )
    lang = lang_of(ctx)
    if result.summary is None:
        out.print(t("roadmap_validated", lang, count=len(result.items)))
        return
    s = result.summary
    counts = {name: sum(getattr(s, name).values()) for name in ("created", "updated", "unchanged", "removed")}
    out.print(t("roadmap_imported", lang, **counts))


@roadmap_app.command("check", help=help_text("roadmap.check"))
@translate_errors
def check(
    ctx: typer.Context,
    ippd: str | None = Ippd,
    before: str = Before,
    after: str = After,
    output_format: str = typer.Option("table", "--format", "-f", help=help_text("opt.format_check")),
    limit: int = typer.Option(50, help=help_text("opt.limit_per_rule")),
) -> None:
    repo = state(ctx).repository()
    report = service.roadmap_findings(repo, only_ippd(repo, ippd), before=before, after=after, principal=LOCAL)
    lang = lang_of(ctx)
    if output_format == "table":
        out.print(
            plain(
                render_table(
                    report,
                    lang,
                    width=out.width,
                    limit=limit,
                    summary=summary_line(report, lang, "roadmap_check_summary"),
                )
            ),
            end="",
        )
    elif output_format == "json":
        write_raw(render_json(report, lang))
    elif output_format == "sarif":
        write_raw(render_sarif(report, lang))
    else:
        choices = "table, json, sarif"
        raise ConfigError(Message("parameter_one_of", name="--format", choices=choices, got=repr(output_format)))
    if report.has_errors:
        raise typer.Exit(EXIT_FINDINGS)


@roadmap_app.command("draft", help=help_text("roadmap.draft"))
@translate_errors
def draft(
    ctx: typer.Context,
    ippd: str | None = Ippd,
    before: str = Before,
    after: str = After,
    output: Path | None = typer.Option(None, "--output", "-o", help=help_text("opt.output_draft")),
) -> None:
    repo = state(ctx).repository()
    items = service.draft_roadmap(
        repo, only_ippd(repo, ippd), before=before, after=after, lang=lang_of(ctx), principal=LOCAL
    )
    header = t("roadmap_draft_header", lang_of(ctx))
    emit_bytes((header + dump_documents([i.document() for i in items])).encode(), output, lang_of(ctx))
