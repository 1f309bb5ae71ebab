"""ea redundancy: clusters of applications that do the same job, and the dismissals that silence them."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.common import LOCAL, emit_bytes, lang_of, only_ippd, out, plain, state, translate_errors, write_json
from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import t
from ea_repo.redundancy.report import render_json, render_text, report_document
from ea_repo.reports import write_document
from ea_repo.reports.safety import terminal_text
from ea_repo.reports.tables import FORMATS

app = typer.Typer(
    help="Redundant applications across OPDs (one IPPD) or across IPPDs (--scope national): which, why (the "
    "signals, scored), and what to do (use the national Aplikasi Umum, or consolidate into one). Without a "
    "subcommand: the report.",
    invoke_without_command=True,
)

Ippd = typer.Option(None, "--ippd", help="The IPPD; default: the only one in the repository.")
Plateau = typer.Option("as-is", "--plateau", help="The plateau compared.")
Scope = typer.Option(
    "ippd", "--scope", help="ippd (across the OPDs of one IPPD, default) or national (across every IPPD)."
)


@app.callback()
@translate_errors
def redundancy(
    ctx: typer.Context,
    scope: str = Scope,
    ippd: str | None = Ippd,
    opd: str | None = typer.Option(None, "--opd", help="Only clusters with an application of this OPD."),
    plateau: str = Plateau,
    output_format: str | None = typer.Option(
        None, "--format", "-f", help="table (default on screen), json, md, html or xlsx."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="File to write; .json, .md, .html or .xlsx picks the format."
    ),
    settings: Path | None = typer.Option(None, "--settings", help="YAML file of weights and thresholds (see README)."),
    threshold: float | None = typer.Option(
        None, "--threshold", help="Pair score that counts as redundant (default 0.5)."
    ),
    national: bool = typer.Option(
        True, "--national/--no-national", help="Also compare with the national Aplikasi Umum."
    ),
    limit: int = typer.Option(50, "--limit", help="Table format: at most this many clusters (0 = all)."),
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
        emit_bytes(terminal_text(render_text(report, lang, limit)).encode("utf-8"), output)
    elif fmt == "json":
        emit_bytes(render_json(report, lang).encode("utf-8"), output)
    elif fmt in FORMATS:
        if fmt == "xlsx" and output is None:
            raise ConfigError("xlsx is binary: write it to a file with -o FILE.xlsx")
        emit_bytes(write_document(report_document(report, lang), fmt), output)
    else:
        raise ConfigError(f"--format: expected table, json, {', '.join(FORMATS)}, got {fmt!r}")


@app.command()
@translate_errors
def dismiss(
    ctx: typer.Context,
    targets: list[str] = typer.Argument(
        ..., help="Two or more application IDs (A.001, or IPPD/A.001 across IPPDs), or one cluster id (R-...)."
    ),
    reason: str = typer.Option(..., "--reason", help="Why they are not redundant (kept with who and when)."),
    ippd: str | None = Ippd,
    scope: str = Scope,
    plateau: str = Plateau,
) -> None:
    """Record that applications (or a cluster's members) are not redundant: they are never reported together again."""
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
    out.print(
        plain(
            (
                "Dismissal {id}: {names} are not reported together again."
                if lang_of(ctx) == "en"
                else "Pengabaian {id}: {names} tidak dilaporkan bersama lagi."
            ).format(id=found.id, names=names)
        )
    )


@app.command("dismissals")
@translate_errors
def list_dismissals(
    ctx: typer.Context,
    ippd: str | None = typer.Option(None, "--ippd", help="Only this IPPD's (default: all)."),
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """The dismissals in force: which applications, who, when and why."""
    found = service.redundancy_dismissals(state(ctx).repository(), ippd=ippd, principal=LOCAL)
    if output_format == "json":
        write_json([d.document() for d in found])
        return
    if output_format != "table":
        raise ConfigError(f"--format: expected table or json, got {output_format!r}")
    lang = lang_of(ctx)
    if not found:
        out.print(t("no_dismissals", lang))
    for d in found:
        members = ", ".join(f"{i}/{e}" for i, e, _ in d.members)
        cluster = f" ({d.cluster})" if d.cluster else ""
        out.print(plain(f"{d.id}  {d.at[:16].replace('T', ' ')}  {d.actor}  {members}{cluster}\n    {d.reason}"))


@app.command()
@translate_errors
def restore(
    ctx: typer.Context,
    dismissal_id: int = typer.Argument(..., help="The dismissal's number (ea redundancy dismissals)."),
) -> None:
    """Remove a dismissal: its applications may be reported together again."""
    found = service.restore_redundancy(state(ctx).repository(), dismissal_id=dismissal_id, principal=LOCAL)
    out.print(
        ("Dismissal {id} removed." if lang_of(ctx) == "en" else "Pengabaian {id} dihapus.").format(id=found.id),
        markup=False,
    )
