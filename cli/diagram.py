"""ea diagram layers / domain / context / impact / diff / opds: Graphviz pictures of one IPPD.

The CLI is a shell over both the service layer and viz/; the core (ea_repo outside cli/)
never imports viz.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cli.common import LOCAL, err, lang_of, only_ippd, state, translate_errors
from cli.help_text import help_text
from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message, t
from viz import views

app = typer.Typer(
    help=help_text("diagram"),
    no_args_is_help=True,
)

Ippd = typer.Option(None, "--ippd", help=help_text("opt.ippd_default"))
Plateau = typer.Option("as-is", "--plateau", help=help_text("opt.plateau"))
Output = typer.Option(
    None,
    "--output",
    "-o",
    help=help_text("opt.output_diagram"),
)
Format = typer.Option(
    None,
    "--format",
    "-f",
    help=help_text("opt.format_diagram"),
)
MaxNodes = typer.Option(
    2000,
    "--max-nodes",
    help=help_text("opt.max_nodes"),
)
Opd = typer.Option(None, "--opd", help=help_text("opt.opd_diagram"))
Cluster = typer.Option("domain", "--cluster", help=help_text("opt.cluster"))


def _draw(
    ctx: typer.Context,
    ippd: str | None,
    request: views.ViewRequest,
    output: Path | None,
    fmt: str | None,
    max_nodes: int = 2000,
    cluster: str = "domain",
) -> None:
    chosen = _format(output, fmt)
    repo = state(ctx).repository()
    code = only_ippd(repo, ippd)
    graph, title = views.view_graph(service.diagram_view(repo, code, request, principal=LOCAL), lang_of(ctx))
    _write(ctx, graph, title, chosen, output, max_nodes, cluster)


def _format(output: Path | None, fmt: str | None) -> str:
    chosen = fmt or (output.suffix.lstrip(".").lower() if output else "svg")
    if chosen in ("png", "pdf") and output is None:
        raise ConfigError(Message("binary_needs_file", format=chosen, example=f"diagram.{chosen}"))
    return chosen


def _write(
    ctx: typer.Context,
    graph,
    title: str,
    chosen: str,
    output: Path | None,
    max_nodes: int,
    cluster: str,
    note: Message | None = None,
) -> None:
    data, said = views.produce(
        graph, title, chosen, lang=state(ctx).lang, max_nodes=max_nodes, cluster=cluster, note=note
    )
    if said:
        err.print(said, markup=False)
    if output:
        output.write_bytes(data)
        written = t(
            "diagram_written",
            state(ctx).lang,
            path=output,
            nodes=graph.number_of_nodes(),
            edges=graph.number_of_edges(),
        )
        err.print(written, markup=False)
    else:
        sys.stdout.buffer.write(data)


@app.command(help=help_text("diagram.layers"))
@translate_errors
def layers(
    ctx: typer.Context,
    ippd: str | None = Ippd,
    plateau: str = Plateau,
    opd: str | None = Opd,
    output: Path | None = Output,
    format: str | None = Format,
    max_nodes: int = MaxNodes,
    cluster: str = Cluster,
) -> None:
    _draw(ctx, ippd, views.ViewRequest("layers", plateau, opd=opd), output, format, max_nodes, cluster)


@app.command(help=help_text("diagram.domain"))
@translate_errors
def domain(
    ctx: typer.Context,
    key: str = typer.Argument(..., help=help_text("opt.domain_key")),
    ippd: str | None = Ippd,
    plateau: str = Plateau,
    output: Path | None = Output,
    format: str | None = Format,
    max_nodes: int = MaxNodes,
) -> None:
    _draw(ctx, ippd, views.ViewRequest("domain", plateau, domain=key), output, format, max_nodes)


@app.command(help=help_text("diagram.context"))
@translate_errors
def context(
    ctx: typer.Context,
    element_id: str = typer.Argument(..., help=help_text("opt.element_id_context")),
    depth: int = typer.Option(1, "--depth", min=1, help=help_text("opt.depth")),
    ippd: str | None = Ippd,
    plateau: str = Plateau,
    output: Path | None = Output,
    format: str | None = Format,
) -> None:
    _draw(ctx, ippd, views.ViewRequest("context", plateau, element=element_id, depth=depth), output, format)


@app.command(help=help_text("diagram.impact"))
@translate_errors
def impact(
    ctx: typer.Context,
    element_id: str = typer.Argument(..., help=help_text("opt.element_id_impact")),
    ippd: str | None = Ippd,
    plateau: str = Plateau,
    output: Path | None = Output,
    format: str | None = Format,
) -> None:
    _draw(ctx, ippd, views.ViewRequest("impact", plateau, element=element_id), output, format)


@app.command(help=help_text("diagram.diff"))
@translate_errors
def diff(
    ctx: typer.Context,
    before: str = typer.Option("as-is", "--from", help=help_text("opt.from_earlier")),
    after: str = typer.Option("to-be", "--to", help=help_text("opt.to_later")),
    ippd: str | None = Ippd,
    opd: str | None = Opd,
    output: Path | None = Output,
    format: str | None = Format,
    max_nodes: int = MaxNodes,
    cluster: str = Cluster,
) -> None:
    _draw(ctx, ippd, views.ViewRequest("diff", opd=opd, before=before, after=after), output, format, max_nodes, cluster)


@app.command(help=help_text("diagram.opds"))
@translate_errors
def opds(
    ctx: typer.Context,
    ippd: str | None = Ippd,
    plateau: str = Plateau,
    output: Path | None = Output,
    format: str | None = Format,
) -> None:
    _draw(ctx, ippd, views.ViewRequest("opds", plateau), output, format)


@app.command(help=help_text("diagram.national"))
@translate_errors
def national(
    ctx: typer.Context,
    plateau: str = Plateau,
    output: Path | None = Output,
    format: str | None = Format,
    max_nodes: int = MaxNodes,
    cluster: str = Cluster,
) -> None:
    chosen = _format(output, format)
    graph, title, note = views.national_graph(
        service.national_diagram_data(state(ctx).repository(), plateau, principal=LOCAL), max_nodes, state(ctx).lang
    )
    _write(ctx, graph, title, chosen, output, max_nodes, cluster, note)
