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
from ea_repo import service
from ea_repo.checks.render import render_json, render_sarif, render_table
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import t
from ea_repo.reports import Document, write_document
from ea_repo.reports.planning import component_tables, gap_data, gap_document, roadmap_document
from ea_repo.reports.tables import FORMATS
from ea_repo.service import Gap, dump_documents

app = typer.Typer()
roadmap_app = typer.Typer(
    help="The Peta Rencana SPBE: initiatives per muatan, OPD and year. Without a subcommand: write it "
    "as a document (--format md|html|xlsx, -o FILE).",
    invoke_without_command=True,
)

Ippd = typer.Option(None, "--ippd", help="The IPPD; default: the only one in the repository.")
Before = typer.Option("as-is", "--from", help="The current plateau.")
After = typer.Option("to-be", "--to", help="The target plateau.")
Output = typer.Option(None, "--output", "-o", help="File to write; .md, .html or .xlsx picks the format.")


@app.command()
@translate_errors
def gap(
    ctx: typer.Context,
    before: str = Before,
    after: str = After,
    ippd: str | None = Ippd,
    national: bool = typer.Option(False, "--national", help="Every IPPD in the repository, not one."),
    output_format: str | None = typer.Option(
        None, "--format", "-f", help="table (default on screen), json, md, html or xlsx."
    ),
    output: Path | None = Output,
) -> None:
    """The gap from --from to --to: per domain component (kind) the current and target condition and the
    Pemenuhan (None 0–15%, Partially 15–50%, Largely 50–85%, Fully 85–100%); every element added, retired or
    changed, with the attributes and links that changed; counts per OPD and reference code."""
    repo = state(ctx).repository()
    code = None if national else only_ippd(repo, ippd)
    result = service.gap_report(repo, code, before, after, principal=LOCAL)
    if not result.items:
        raise ConfigError(f"no elements in plateaus {before!r} or {after!r}" + (f" of {code}" if code else ""))
    initiatives = service.roadmap(repo, code, principal=LOCAL) if code else []
    lang = lang_of(ctx)
    fmt = _format(output, output_format, default="table")
    if fmt == "table":
        _print_gap(result, gap_document(result, lang, initiatives), lang)
    elif fmt == "json":
        _emit(json.dumps(gap_data(result), ensure_ascii=False, indent=1).encode() + b"\n", output)
    else:
        _emit(write_document(gap_document(result, lang, initiatives), fmt), output, fmt)


def _print_gap(result: Gap, document: Document, lang: str) -> None:
    out.print(plain(document.subtitle))
    for table in component_tables(result, lang, []):
        shown = RichTable(*table.headers[1:5], title=plain(table.title), title_justify="left")
        for row in table.rows:
            shown.add_row(*(plain(c) for c in row[1:5]))
        out.print(shown)
    out.print(
        "--format md|html|xlsx -o FILE: "
        + (
            "the full analysis with every change and the follow-up per component."
            if lang == "en"
            else "analisis lengkap dengan setiap perubahan dan tindak lanjut per komponen."
        )
    )


def _format(output: Path | None, given: str | None, default: str) -> str:
    fmt = (given or (output.suffix.lstrip(".").lower() if output else default)).lower()
    if fmt == "xlsx" and output is None:
        raise ConfigError("xlsx is binary: write it to a file with -o FILE.xlsx")
    return fmt


def _emit(data: bytes, output: Path | None, fmt: str | None = None) -> None:
    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(f"--format: expected one of table, json, {', '.join(FORMATS)}, got {fmt!r}")
    emit_bytes(data, output)


# --- ea roadmap ---------------------------------------------------------------------------
@roadmap_app.callback()
@translate_errors
def roadmap(
    ctx: typer.Context,
    ippd: str | None = Ippd,
    output_format: str | None = typer.Option(
        None, "--format", "-f", help="md (default on screen), html, xlsx or yaml."
    ),
    output: Path | None = Output,
) -> None:
    """The Peta Rencana in the national layout: No, Muatan, Inisiatif, Keluaran, Penanggung Jawab, one column per year."""
    if ctx.invoked_subcommand is not None:
        return
    repo = state(ctx).repository()
    code = only_ippd(repo, ippd)
    items = service.roadmap(repo, code, principal=LOCAL)
    if not items:
        raise ConfigError(f"{code} has no roadmap yet: `ea roadmap import FILE.yaml`, or start from `ea roadmap draft`")
    fmt = _format(output, output_format, default="md")
    if fmt == "yaml":
        _emit(dump_documents([i.document() for i in items]).encode(), output)
    else:
        ippd_name, opd_names = service.roadmap_names(repo, code, principal=LOCAL)
        _emit(write_document(roadmap_document(code, items, lang_of(ctx), opd_names, ippd_name), fmt), output, fmt)


@roadmap_app.command("import")
@translate_errors
def import_(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="YAML files or folders of RoadmapPlan and Initiative documents."),
    replace: bool = typer.Option(
        False, "--replace", help="Also remove the stored initiatives of these IPPDs that the files do not hold."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate only; write nothing."),
) -> None:
    """Import a roadmap: all or nothing, every problem reported with file, line and field; audited."""
    result = service.import_roadmap_paths(
        state(ctx).repository(), paths, replace=replace, dry_run=dry_run, principal=LOCAL
    )
    lang = lang_of(ctx)
    if result.summary is None:
        out.print(
            (
                "Valid: {n} documents. Nothing written (--dry-run)."
                if lang == "en"
                else "Valid: {n} dokumen. Tidak ada yang ditulis (--dry-run)."
            ).format(n=len(result.items))
        )
        return
    s = result.summary
    text = (
        "Roadmap imported: {c} created, {u} updated, {k} unchanged, {r} removed."
        if lang == "en"
        else "Peta Rencana diimpor: {c} baru, {u} diperbarui, {k} tetap, {r} dihapus."
    )
    out.print(
        text.format(
            c=sum(s.created.values()), u=sum(s.updated.values()), k=sum(s.unchanged.values()), r=sum(s.removed.values())
        )
    )


@roadmap_app.command("check")
@translate_errors
def check(
    ctx: typer.Context,
    ippd: str | None = Ippd,
    before: str = Before,
    after: str = After,
    output_format: str = typer.Option("table", "--format", "-f", help="table, json or sarif."),
    limit: int = typer.Option(50, help="Table format: at most this many rows per rule (0 = all)."),
) -> None:
    """Is every gap planned, every muatan covered, every initiative scheduled in the plan period after what it depends
    on, with a known OPD responsible? Exit code 1 when an error-severity finding is reported."""
    repo = state(ctx).repository()
    report = service.roadmap_findings(repo, only_ippd(repo, ippd), before=before, after=after, principal=LOCAL)
    lang = lang_of(ctx)
    if output_format == "table":
        out.print(
            plain(render_table(report, lang, width=out.width, limit=limit, summary=roadmap_summary(report, lang))),
            end="",
        )
    elif output_format == "json":
        write_raw(render_json(report, lang))
    elif output_format == "sarif":
        write_raw(render_sarif(report, lang))
    else:
        raise ConfigError(f"--format: expected table, json or sarif, got {output_format!r}")
    if report.has_errors:
        raise typer.Exit(EXIT_FINDINGS)


def roadmap_summary(report, lang: str) -> str:
    counts = report.by_severity()
    text = (
        "Checked {n} initiatives against {g} gap elements, {r} rules: {e} errors, {w} warnings, {i} info."
        if lang == "en"
        else "Diperiksa {n} inisiatif terhadap {g} elemen kesenjangan, {r} aturan: {e} galat, {w} peringatan, {i} info."
    )
    return text.format(
        n=report.elements, g=report.links, r=len(report.rules), e=counts["error"], w=counts["warning"], i=counts["info"]
    )


@roadmap_app.command("draft")
@translate_errors
def draft(
    ctx: typer.Context,
    ippd: str | None = Ippd,
    before: str = Before,
    after: str = After,
    output: Path | None = typer.Option(None, "--output", "-o", help="YAML file to write (default: the screen)."),
) -> None:
    """A starter roadmap from the gap: one proposed initiative per muatan, OPD and kind of change, delivering or
    retiring those elements. Edit it (years, budget, the governance muatan), then `ea roadmap import` it."""
    repo = state(ctx).repository()
    items = service.draft_roadmap(
        repo, only_ippd(repo, ippd), before=before, after=after, lang=lang_of(ctx), principal=LOCAL
    )
    header = t("roadmap_draft_header", lang_of(ctx))
    _emit((header + dump_documents([i.document() for i in items])).encode(), output)
