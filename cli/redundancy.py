"""ea redundancy: clusters of applications that do the same job, and the dismissals that silence them."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.common import LOCAL, emit_bytes, lang_of, only_ippd, out, plain, state, translate_errors, write_json
from cli.help_text import help_text
from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message, t
from ea_repo.redundancy.report import render_json, render_text, report_document
from ea_repo.reports import write_document
from ea_repo.reports.safety import terminal_text
from ea_repo.reports.tables import FORMATS

app = typer.Typer(
    help=help_text("redundancy"),
    invoke_without_command=True,
)

Ippd = typer.Option(None, "--ippd", help=help_text("opt.ippd_default"))
Plateau = typer.Option("as-is", "--plateau", help=help_text("opt.plateau_compared"))
Scope = typer.Option("ippd", "--scope", help=help_text("opt.scope"))


@app.callback()
@translate_errors
def redundancy(
    ctx: typer.Context,
    scope: str = Scope,
    ippd: str | None = Ippd,
    opd: str | None = typer.Option(None, "--opd", help=help_text("opt.opd_clusters")),
    plateau: str = Plateau,
    output_format: str | None = typer.Option(None, "--format", "-f", help=help_text("opt.format_report")),
    output: Path | None = typer.Option(None, "--output", "-o", help=help_text("opt.output_redundancy")),
    settings: Path | None = typer.Option(None, "--settings", help=help_text("opt.redundancy_settings")),
    threshold: float | None = typer.Option(None, "--threshold", help=help_text("opt.threshold")),
    national: bool = typer.Option(True, "--national/--no-national", help=help_text("opt.national_aplikasi_umum")),
    limit: int = typer.Option(50, "--limit", help=help_text("opt.limit_clusters")),
) -> None:
    """Clusters of applications that do the same job, each with its members, the evidence and a recommendation."""
    if ctx.invoked_subcommand is not None:
        return
    repo = state(ctx).repository()
    code = None if scope == "national" else only_ippd(repo, ippd)
    chosen = service.load_redundancy_settings(settings).with_threshold(threshold)
    report = service.redundancy_report(
        repo, scope=scope, ippd=code, opd=opd, plateau=plateau, settings=chosen, national=national, principal=LOCAL
    )
    lang = lang_of(ctx)
    fmt = (output_format or (output.suffix.lstrip(".").lower() if output else "table")).lower()
    if fmt == "table":
        emit_bytes(terminal_text(render_text(report, lang, limit)).encode("utf-8"), output, lang)
    elif fmt == "json":
        emit_bytes(render_json(report, lang).encode("utf-8"), output, lang)
    elif fmt in FORMATS:
        if fmt == "xlsx" and output is None:
            raise ConfigError(Message("binary_needs_file", format="xlsx", example="FILE.xlsx"))
        emit_bytes(write_document(report_document(report, lang), fmt), output, lang)
    else:
        choices = ", ".join(("table", "json", *FORMATS))
        raise ConfigError(Message("parameter_one_of", name="--format", choices=choices, got=repr(fmt)))


@app.command(help=help_text("redundancy.dismiss"))
@translate_errors
def dismiss(
    ctx: typer.Context,
    targets: list[str] = typer.Argument(..., help=help_text("opt.dismiss_targets")),
    reason: str = typer.Option(..., "--reason", help=help_text("opt.dismiss_reason")),
    ippd: str | None = Ippd,
    scope: str = Scope,
    plateau: str = Plateau,
) -> None:
    repo = state(ctx).repository()
    cluster = targets[0] if len(targets) == 1 and targets[0].upper().startswith("R-") else None
    code = ippd if scope == "national" else only_ippd(repo, ippd)
    found = service.dismiss_redundancy(
        repo,
        members=[] if cluster else targets,
        cluster=cluster,
        ippd=code,
        reason=reason,
        plateau=plateau,
        scope=scope,
        principal=LOCAL,
    )
    names = ", ".join(f"{i}/{e}" for i, e, _ in found.members)
    out.print(plain(t("dismissal_made", lang_of(ctx), id=found.id, names=names)))


@app.command("dismissals", help=help_text("redundancy.dismissals"))
@translate_errors
def list_dismissals(
    ctx: typer.Context,
    ippd: str | None = typer.Option(None, "--ippd", help=help_text("opt.ippd_dismissals")),
    output_format: str = typer.Option("table", "--format", "-f", help=help_text("opt.format_table_json")),
) -> None:
    found = service.redundancy_dismissals(state(ctx).repository(), ippd=ippd, principal=LOCAL)
    if output_format == "json":
        write_json([d.document() for d in found])
        return
    if output_format != "table":
        raise ConfigError(Message("parameter_one_of", name="--format", choices="table, json", got=repr(output_format)))
    lang = lang_of(ctx)
    if not found:
        out.print(t("no_dismissals", lang))
    for d in found:
        members = ", ".join(f"{i}/{e}" for i, e, _ in d.members)
        cluster = f" ({d.cluster})" if d.cluster else ""
        out.print(plain(f"{d.id}  {d.at[:16].replace('T', ' ')}  {d.actor}  {members}{cluster}\n    {d.reason}"))


@app.command(help=help_text("redundancy.restore"))
@translate_errors
def restore(
    ctx: typer.Context,
    dismissal_id: int = typer.Argument(..., help=help_text("opt.dismissal_id")),
) -> None:
    found = service.restore_redundancy(state(ctx).repository(), dismissal_id=dismissal_id, principal=LOCAL)
    out.print(t("dismissal_removed", lang_of(ctx), id=found.id), markup=False)
