"""The `ea` command: a thin shell over ea_repo.service."""

from __future__ import annotations

from cli.interrupt import exit_cleanly_on_interrupt

exit_cleanly_on_interrupt()  # first: Ctrl-C while the imports below load exits cleanly too

from typing import Optional  # noqa: E402

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
)
from cli.common import LANG_HELP, EaGroup, State, check_lang
from ea_repo.core.i18n import default_lang

app = typer.Typer(
    name="ea",
    help="ea-repo: the SPBE enterprise-architecture repository (Perpres 95/2018, 132/2022).\n\n"
    "Repositori arsitektur SPBE: katalog enam domain, pemeriksaan konsistensi, ekspor.",
    no_args_is_help=True,
    cls=EaGroup,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="EA_DATABASE_URL",
        help="Database: a SQLite file path or URL (default ./ea.db), or postgresql://user@host/db.",
    ),
    lang: str = typer.Option(default_lang(), "--lang", envvar="EA_LANG", help=LANG_HELP),
) -> None:
    ctx.obj = State(db=db, lang=check_lang(lang))


for sub in (catalog.app, check.app, planning.app, demo.app, index.app):
    for command in sub.registered_commands:
        app.registered_commands.append(command)
app.command()(meta.rules)
app.command()(meta.schema)
app.command()(access.history)
app.command()(serve.serve)
app.command()(backup.backup)
app.command()(backup.restore)
app.add_typer(reference.app, name="reference")
app.add_typer(access.app, name="token")
app.add_typer(diagram.app, name="diagram")
app.add_typer(planning.roadmap_app, name="roadmap")
app.add_typer(evidence.app, name="evidence")
app.add_typer(meta.app, name="metamodel")
app.add_typer(redundancy.app, name="redundancy")
app.add_typer(plateau.app, name="plateau")


def main() -> None:
    app()
