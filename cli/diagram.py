"""ea diagram layers / domain / context / impact / diff / opds: Graphviz pictures of one IPPD.

The CLI is a shell over both the service layer and viz/; the core (ea_repo outside cli/)
never imports viz.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cli.common import LOCAL, err, only_ippd, state, translate_errors
from ea_repo import service
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import t
from viz import views

app = typer.Typer(
    help="Architecture diagrams (Graphviz): layered, one domain, context or impact of an element, "
    "as-is vs to-be, OPD to OPD.",
    no_args_is_help=True,
)

Ippd = typer.Option(None, "--ippd", help="The IPPD; default: the only one in the repository.")
Plateau = typer.Option("as-is", "--plateau", help="as-is, to-be or a year.")
Output = typer.Option(
    None,
    "--output",
    "-o",
    help="File to write; its suffix picks the format (.svg .png .pdf .dot .graphml .json). Default: SVG on stdout.",
)
Format = typer.Option(
    None,
    "--format",
    "-f",
    help="svg, png, pdf, dot, or the graph as data: graphml or json (default: from -o, else svg).",
)
MaxNodes = typer.Option(
    2000,
    "--max-nodes",
    help="Above this many elements, draw groups instead (IPPD/OPD/domain, IPPD/domain, then domain and reference code), and say so under the title: dot needs minutes beyond.",
)
Opd = typer.Option(None, "--opd", help="One OPD's elements and their direct links.")
Cluster = typer.Option(
    "domain", "--cluster", help="domain (one band per domain, in layer order) or opd (one box per OPD)."
)


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
    graph, title = views.view_graph(service.diagram_view(repo, code, request, principal=LOCAL))
    _write(ctx, graph, title, chosen, output, max_nodes, cluster)


def _format(output: Path | None, fmt: str | None) -> str:
    chosen = fmt or (output.suffix.lstrip(".").lower() if output else "svg")
    if chosen in ("png", "pdf") and output is None:
        raise ConfigError(f"{chosen} is binary: write it to a file with -o diagram.{chosen}")
    return chosen


def _write(
    ctx: typer.Context,
    graph,
    title: str,
    chosen: str,
    output: Path | None,
    max_nodes: int,
    cluster: str,
    note: str | None = None,
) -> None:
    data, note = views.produce(
        graph, title, chosen, lang=state(ctx).lang, max_nodes=max_nodes, cluster=cluster, note=note
    )
    if note:
        err.print(note, markup=False)
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


@app.command()
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
    """Every domain in bands: process, service, application, data, infrastructure, security."""
    _draw(ctx, ippd, views.ViewRequest("layers", plateau, opd=opd), output, format, max_nodes, cluster)


@app.command()
@translate_errors
def domain(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="business, data, service, application, infrastructure or security."),
    ippd: str | None = Ippd,
    plateau: str = Plateau,
    output: Path | None = Output,
    format: str | None = Format,
    max_nodes: int = MaxNodes,
) -> None:
    """One domain's elements and the links among them."""
    _draw(ctx, ippd, views.ViewRequest("domain", plateau, domain=key), output, format, max_nodes)


@app.command()
@translate_errors
def context(
    ctx: typer.Context,
    element_id: str = typer.Argument(..., help="An element ID, e.g. A.001."),
    depth: int = typer.Option(1, "--depth", min=1, help="How many links away to follow, either direction."),
    ippd: str | None = Ippd,
    plateau: str = Plateau,
    output: Path | None = Output,
    format: str | None = Format,
) -> None:
    """An element and everything within --depth links of it."""
    _draw(ctx, ippd, views.ViewRequest("context", plateau, element=element_id, depth=depth), output, format)


@app.command()
@translate_errors
def impact(
    ctx: typer.Context,
    element_id: str = typer.Argument(..., help="An element ID, e.g. I.PKS.003."),
    ippd: str | None = Ippd,
    plateau: str = Plateau,
    output: Path | None = Output,
    format: str | None = Format,
) -> None:
    """Everything that depends on the element (transitively), and what it depends on."""
    _draw(ctx, ippd, views.ViewRequest("impact", plateau, element=element_id), output, format)


@app.command()
@translate_errors
def diff(
    ctx: typer.Context,
    before: str = typer.Option("as-is", "--from", help="The earlier plateau."),
    after: str = typer.Option("to-be", "--to", help="The later plateau."),
    ippd: str | None = Ippd,
    opd: str | None = Opd,
    output: Path | None = Output,
    format: str | None = Format,
    max_nodes: int = MaxNodes,
    cluster: str = Cluster,
) -> None:
    """Both plateaus in one picture: added (+, bold), retired (−, dashed, grey), changed (~, double border)."""
    _draw(ctx, ippd, views.ViewRequest("diff", opd=opd, before=before, after=after), output, format, max_nodes, cluster)


@app.command()
@translate_errors
def opds(
    ctx: typer.Context,
    ippd: str | None = Ippd,
    plateau: str = Plateau,
    output: Path | None = Output,
    format: str | None = Format,
) -> None:
    """OPD to OPD: where one OPD's elements use, run on or support another's (the integration picture)."""
    _draw(ctx, ippd, views.ViewRequest("opds", plateau), output, format)


@app.command()
@translate_errors
def national(
    ctx: typer.Context,
    plateau: str = Plateau,
    output: Path | None = Output,
    format: str | None = Format,
    max_nodes: int = MaxNodes,
    cluster: str = Cluster,
) -> None:
    """Every IPPD in one layered picture; past --max-nodes collapsed to IPPD/OPD/domain, IPPD/domain, then reference codes."""
    chosen = _format(output, format)
    graph, title, note = views.national_graph(
        service.national_diagram_data(state(ctx).repository(), plateau, principal=LOCAL), max_nodes
    )
    _write(ctx, graph, title, chosen, output, max_nodes, cluster, note)
