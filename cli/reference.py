"""ea reference list / show / load / reset."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from cli.common import LOCAL, err, lang_of, out, plain, state, translate_errors
from cli.help_text import help_text
from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message, t

app = typer.Typer(help=help_text("reference"), no_args_is_help=True)


@app.command("list", help=help_text("reference.list"))
@translate_errors
def list_(ctx: typer.Context) -> None:
    lang = lang_of(ctx)
    table = Table(*t("reference_columns", lang).split("|"))
    for domain, ref in lists_in_force(ctx).items():
        levels = {}
        for code in ref.codes.values():
            levels[code.level] = levels.get(code.level, 0) + 1
        per_level = ", ".join(f"L{k}: {v}" for k, v in sorted(levels.items())) or t("reference_empty", lang)
        version = t("reference_shipped_version", lang) if ref.version == "shipped" else ref.version
        cells = (domain, version, str(len(ref.codes)), per_level, ref.source.splitlines()[0] if ref.source else "")
        table.add_row(*(plain(c) for c in cells))
    out.print(table)


def lists_in_force(ctx: typer.Context) -> dict:
    """The lists of the repository named or ./ea.db; the shipped ones (said so) when there is none."""
    repo = state(ctx).repository_if_any()
    if repo is None:
        err.print(t("reference_shipped", lang_of(ctx), url="ea.db"), markup=False)
    return service.reference_lists(repo, principal=LOCAL)


@app.command(help=help_text("reference.show"))
@translate_errors
def show(
    ctx: typer.Context,
    domain: str = typer.Argument(..., help=help_text("opt.reference_domain")),
    code: str | None = typer.Argument(None, help=help_text("opt.reference_code")),
) -> None:
    lists = lists_in_force(ctx)
    ref = lists.get(domain.upper())
    if ref is None:
        raise ConfigError(Message("unknown_reference_list", list=repr(domain), known=", ".join(lists)))
    prefix = code.upper() if code else ""
    if prefix and not prefix.startswith(ref.domain):
        prefix = f"{ref.domain}.{prefix}"
    for item in sorted(ref.codes.values(), key=lambda c: c.code):
        if item.code == prefix or item.code.startswith(prefix + ".") or not prefix:
            out.print(plain(f"{'  ' * (item.level - 1)}{item.code}  {item.name}"))


@app.command(help=help_text("reference.load"))
@translate_errors
def load(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help=help_text("opt.reference_path")),
    domain: str = typer.Option(..., "--domain", "-d", help=help_text("opt.reference_load_domain")),
    version: str = typer.Option("user", help=help_text("opt.reference_version")),
) -> None:
    ref = service.load_reference(state(ctx).repository(), path, domain=domain, version=version, principal=LOCAL)
    out.print(plain(t("reference_loaded", lang_of(ctx), domain=ref.domain, version=ref.version, count=len(ref.codes))))


@app.command(help=help_text("reference.reset"))
@translate_errors
def reset(ctx: typer.Context, domain: str = typer.Argument(..., help=help_text("opt.reference_domain"))) -> None:
    service.reset_reference(state(ctx).repository(), domain=domain, principal=LOCAL)
    out.print(t("reference_reset", lang_of(ctx), domain=domain.upper()))
