"""ea plateau copy."""

from __future__ import annotations

import typer

from cli.catalog import print_dangling
from cli.common import LOCAL, lang_of, only_ippd, out, plain, state, translate_errors
from ea_repo import service
from ea_repo.core.i18n import t

app = typer.Typer(
    help="Plateaus as a whole: start the to-be (or a transition year) from the as-is.", no_args_is_help=True
)


@app.command()
@translate_errors
def copy(
    ctx: typer.Context,
    source: str = typer.Argument(..., metavar="FROM", help="The plateau to copy, e.g. as-is."),
    target: str = typer.Argument(..., metavar="TO", help="The plateau to write, e.g. to-be or 2025."),
    ippd: str | None = typer.Option(None, help="IPPD code (needed when the repository holds several)."),
    replace: bool = typer.Option(
        False,
        "--replace",
        help="TO already holds elements: overwrite them with FROM's, and retire those FROM does not hold.",
    ),
) -> None:
    """Write every element and link of FROM into TO, in one transaction, each element audited. Refused when TO
    already holds elements, unless --replace. Then edit the to-be: `ea gap` shows what changed."""
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
