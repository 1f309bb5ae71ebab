"""The `ea` command: a thin shell over ea_repo.service."""

from __future__ import annotations

from cli.interrupt import exit_cleanly_on_interrupt

exit_cleanly_on_interrupt()  # first: Ctrl-C while the imports below load exits cleanly too

import typer  # noqa: E402

from cli import (
    access,
    backup,
    catalog,
    check,
    demo,
    diagram,
    evidence,
    index,
    meta,
    planning,
    plateau,
    redundancy,
    reference,
    serve,
    users,
)
from cli.chrome import WordedGroup
from cli.common import EaGroup, State, check_lang
from cli.help_text import help_text
from ea_repo.core.i18n import default_lang

app = typer.Typer(
    name="ea",
    help=help_text("ea"),
    no_args_is_help=True,
    cls=EaGroup,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", envvar="EA_DATABASE_URL", help=help_text("opt.db")),
    lang: str = typer.Option(default_lang(), "--lang", envvar="EA_LANG", help=help_text("opt.lang")),
) -> None:
    ctx.obj = State(db=db, lang=check_lang(lang))


for sub in (catalog.app, check.app, planning.app, demo.app, index.app):
    for command in sub.registered_commands:
        app.registered_commands.append(command)
app.command(help=help_text("rules"))(meta.rules)
app.command(help=help_text("schema"))(meta.schema)
app.command(help=help_text("history"))(access.history)
app.command(help=help_text("serve"))(serve.serve)
app.command(help=help_text("backup"))(backup.backup)
app.command(help=help_text("restore"))(backup.restore)
app.add_typer(reference.app, name="reference", cls=WordedGroup)
app.add_typer(access.app, name="token", cls=WordedGroup)
app.add_typer(users.app, name="user", cls=WordedGroup)
app.add_typer(diagram.app, name="diagram", cls=WordedGroup)
app.add_typer(planning.roadmap_app, name="roadmap", cls=WordedGroup)
app.add_typer(evidence.app, name="evidence", cls=WordedGroup)
app.add_typer(meta.app, name="metamodel", cls=WordedGroup)
app.add_typer(redundancy.app, name="redundancy", cls=WordedGroup)
app.add_typer(plateau.app, name="plateau", cls=WordedGroup)


def main() -> None:
    app()
