"""ea check."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.common import EXIT_FINDINGS, LOCAL, lang_of, out, plain, state, translate_errors, write_raw
from cli.help_text import help_text
from ea_repo import __version__, service
from ea_repo.checks.render import render_json, render_sarif, render_table
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message
from ea_repo.reports.safety import json_text, terminal_text
from ea_repo.service import CheckFilter, Severity

app = typer.Typer()


@app.command(help=help_text("check"))
@translate_errors
def check(
    ctx: typer.Context,
    output: str = typer.Option("table", "--format", "-f", help=help_text("opt.format_check")),
    domain: list[str] | None = typer.Option(
        None,
        help=help_text("opt.domain_findings"),
    ),
    opd: list[str] | None = typer.Option(None, help=help_text("opt.opd_findings")),
    ippd: list[str] | None = typer.Option(None, help=help_text("opt.ippd_only_check")),
    plateau: list[str] | None = typer.Option(None, help=help_text("opt.plateau_findings")),
    severity: Severity = typer.Option(Severity.INFO, help=help_text("opt.severity")),
    rule: list[str] | None = typer.Option(None, help=help_text("opt.rule")),
    output_file: Path | None = typer.Option(None, "--output", "-o", help=help_text("opt.output_check")),
    limit: int = typer.Option(50, help=help_text("opt.limit_per_rule")),
) -> None:
    selection = CheckFilter(
        rules=_tuple(rule),
        domains=service.domain_keys(domain),
        opds=_tuple(opd),
        plateaus=_tuple(plateau),
        min_severity=severity,
    )
    report = service.check_repository(
        state(ctx).repository(), selection=selection, ippds=list(ippd) if ippd else None, principal=LOCAL
    )
    lang = lang_of(ctx)
    renderers = {
        "table": lambda: render_table(report, lang, width=out.width, limit=limit),
        "json": lambda: render_json(report, lang),
        "sarif": lambda: render_sarif(report, lang, __version__),
    }
    if output not in renderers:
        raise ConfigError(Message("parameter_one_of", name="--format", choices=", ".join(renderers), got=repr(output)))
    text = renderers[output]()
    text = terminal_text(text) if output == "table" else json_text(text)  # a file gets read with `cat` too
    if output_file:
        output_file.write_text(text, encoding="utf-8")
    elif output == "table":
        out.print(plain(text), end="")
    else:
        write_raw(text)
    if report.has_errors:
        raise typer.Exit(EXIT_FINDINGS)


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return tuple(values) if values else None
