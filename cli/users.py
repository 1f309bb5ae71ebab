"""ea user create / list / disable / password: the people who sign in to the web pages of `ea serve`."""

from __future__ import annotations

import click
import typer

from cli.access import show_grants
from cli.common import LOCAL, err, lang_of, state, translate_errors
from cli.help_text import help_text
from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message, t

app = typer.Typer(help=help_text("user"), no_args_is_help=True)


@app.command(help=help_text("user.create"))
@translate_errors
def create(
    ctx: typer.Context,
    login: str = typer.Option(..., "--login", help=help_text("opt.user_login")),
    name: str = typer.Option(..., "--name", help=help_text("opt.user_name")),
    role: str = typer.Option(..., "--role", help=help_text("opt.role")),
    ippd: str | None = typer.Option(None, "--ippd", help=help_text("opt.ippd_token")),
    opd: list[str] | None = typer.Option(None, "--opd", help=help_text("opt.opd_token")),
    password_stdin: bool = typer.Option(False, "--password-stdin", help=help_text("opt.password_stdin")),
) -> None:
    repo = state(ctx).repository()
    password = _password(ctx, password_stdin)
    info = service.create_user(
        repo, login=login, name=name, role=role, password=password, ippd=ippd, opds=opd or None, principal=LOCAL
    )
    scope = info.principal().scope
    err.print(t("user_created", lang_of(ctx), login=info.login, role=info.role.value, scope=scope), markup=False)


@app.command("list", help=help_text("user.list"))
@translate_errors
def list_(
    ctx: typer.Context, format: str = typer.Option("table", "--format", help=help_text("opt.format_table_json"))
) -> None:
    show_grants(
        ctx,
        service.list_users(state(ctx).repository(), principal=LOCAL),
        format,
        "columns_users",
        who="login",
        ended="disabled_at",
    )


@app.command(help=help_text("user.disable"))
@translate_errors
def disable(ctx: typer.Context, login: str = typer.Argument(..., help=help_text("opt.user_login_arg"))) -> None:
    info = service.disable_user(state(ctx).repository(), login, principal=LOCAL)
    err.print(t("user_disabled", lang_of(ctx), login=info.login), markup=False)


@app.command(help=help_text("user.password"))
@translate_errors
def password(
    ctx: typer.Context,
    login: str = typer.Argument(..., help=help_text("opt.user_login_arg")),
    password_stdin: bool = typer.Option(False, "--password-stdin", help=help_text("opt.password_stdin")),
) -> None:
    repo = state(ctx).repository()
    service.set_password(repo, login, _password(ctx, password_stdin), principal=LOCAL)
    err.print(t("user_password_set", lang_of(ctx), login=login.strip().lower()), markup=False)


def _password(ctx: typer.Context, from_stdin: bool) -> str:
    """The first line of standard input, or asked twice without echo (the two must agree)."""
    if from_stdin:
        return click.get_text_stream("stdin").readline().rstrip("\r\n")
    lang = lang_of(ctx)
    first = typer.prompt(t("password_prompt", lang), hide_input=True, err=True)
    again = typer.prompt(t("password_again", lang), hide_input=True, err=True)
    if first != again:
        raise ConfigError(Message("passwords_differ"))
    return first
