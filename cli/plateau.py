"""ea plateau copy."""

from __future__ import annotations

import typer

from cli.catalog import print_dangling
from cli.common import LOCAL, lang_of, only_ippd, out, plain, state, translate_errors
from cli.help_text import help_text
from ea_repo import service
from ea_repo.core.i18n import t

app = typer.Typer(help=help_text("plateau"), no_args_is_help=True)


@app.command(help=help_text("plateau.copy"))
@translate_errors
def copy(
    ctx: typer.Context,
    source: str = typer.Argument(..., metavar="FROM", help=help_text("opt.copy_source")),
    target: str = typer.Argument(..., metavar="TO", help=help_text("opt.copy_target")),
    ippd: str | None = typer.Option(None, help=help_text("opt.ippd_when_several")),
    replace: bool = typer.Option(
        False,
        "--replace",
        help=help_text("opt.copy_replace"),
    ),
) -> None:
    repo, lang = state(ctx).repository(), lang_of(ctx)
    result = service.copy_plateau(
        repo, ippd=only_ippd(repo, ippd), source=source, target=target, replace=replace, principal=LOCAL
    )
    s = result.summary
    out.print(
        plain(
            t(
                "plateau_copied",
                lang,
                count=s.elements,
                source=source,
                target=target,
                ippd=result.ippd,
                created=sum(s.created.values()),
                updated=sum(s.updated.values()),
                unchanged=sum(s.unchanged.values()),
                links=s.links,
                retired=len(result.retirement.elements),
            )
        )
    )
    print_dangling(result.retirement.dangling, lang, preview=False)
