"""ea diagram layers / domain / context / impact: Graphviz pictures of one IPPD's plateau.

The CLI is a shell over both the service layer and viz/; the core (ea_repo outside cli/)
never imports viz.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from viz import dot, model

from .. import service
from ..errors import ConfigError, ElementNotFound
from .common import err, state, translate_errors

app = typer.Typer(help="Architecture diagrams (Graphviz): layered, one domain, context or impact of an element.", no_args_is_help=True)

Ippd = typer.Option(None, "--ippd", help="The IPPD; default: the only one in the repository.")
Plateau = typer.Option("as-is", "--plateau", help="as-is, to-be or a year.")
Output = typer.Option(None, "--output", "-o", help="File to write; its suffix picks the format (.svg .png .pdf .dot). Default: SVG on stdout.")
Format = typer.Option(None, "--format", "-f", help="svg, png, pdf or dot (default: from -o, else svg).")


def _emit(graph, title: str, output: Optional[Path], fmt: Optional[str], lang: str) -> None:
    chosen = fmt or (output.suffix.lstrip(".").lower() if output else "svg")
    if chosen not in dot.FORMATS:
        raise ConfigError(f"--format: expected one of {', '.join(dot.FORMATS)}, got {chosen!r}")
    if chosen in ("png", "pdf") and output is None:
        raise ConfigError(f"{chosen} is binary: write it to a file with -o diagram.{chosen}")
    try:
        data = dot.render(dot.to_dot(graph, title, lang=lang), chosen)
    except dot.DotMissing as exc:
        raise ConfigError(str(exc)) from None
    if output:
        output.write_bytes(data)
        err.print(f"{output} ({graph.number_of_nodes()} elements, {graph.number_of_edges()} links)", markup=False)
    else:
        sys.stdout.buffer.write(data)


def _graph(ctx: typer.Context, ippd: Optional[str], plateau: str):
    repo = state(ctx).repository()
    code = ippd or _only_ippd(repo)
    return code, model.build(service.diagram_data(repo, code, plateau))


def _only_ippd(repo) -> str:
    codes = [o.code for o in service.organisations(repo) if o.kind == "IPPD"]
    if len(codes) != 1:
        raise ConfigError(f"name the IPPD with --ippd: the repository holds {len(codes)} ({', '.join(codes) or 'none'})")
    return codes[0]


@app.command()
@translate_errors
def layers(ctx: typer.Context, ippd: Optional[str] = Ippd, plateau: str = Plateau, output: Optional[Path] = Output,
           format: Optional[str] = Format, opd: Optional[str] = typer.Option(None, "--opd", help="One OPD's elements and their direct links.")) -> None:
    """Every domain in bands: process, service, application, data, infrastructure, security."""
    code, graph = _graph(ctx, ippd, plateau)
    title = f"{code} — {plateau}" + (f" — OPD {opd}" if opd else "")
    _emit(model.layered(graph, opd), title, output, format, state(ctx).lang)


@app.command()
@translate_errors
def domain(ctx: typer.Context, key: str = typer.Argument(..., help="business, data, service, application, infrastructure or security."),
           ippd: Optional[str] = Ippd, plateau: str = Plateau, output: Optional[Path] = Output, format: Optional[str] = Format) -> None:
    """One domain's elements and the links among them."""
    if key not in dot.LAYERS:
        raise ConfigError(f"unknown domain {key!r}; expected one of: {', '.join(dot.LAYERS)}")
    code, graph = _graph(ctx, ippd, plateau)
    _emit(model.domain(graph, key), f"{code} — {plateau} — {key}", output, format, state(ctx).lang)


@app.command()
@translate_errors
def context(ctx: typer.Context, element_id: str = typer.Argument(..., help="An element ID, e.g. A.001."),
            depth: int = typer.Option(1, "--depth", min=1, help="How many links away to follow, either direction."),
            ippd: Optional[str] = Ippd, plateau: str = Plateau, output: Optional[Path] = Output, format: Optional[str] = Format) -> None:
    """An element and everything within --depth links of it."""
    code, graph = _graph(ctx, ippd, plateau)
    _emit(_view(model.context, graph, element_id, depth=depth), f"{code} — {plateau} — {element_id}", output, format, state(ctx).lang)


@app.command()
@translate_errors
def impact(ctx: typer.Context, element_id: str = typer.Argument(..., help="An element ID, e.g. I.PKS.003."),
           ippd: Optional[str] = Ippd, plateau: str = Plateau, output: Optional[Path] = Output, format: Optional[str] = Format) -> None:
    """Everything that depends on the element (transitively), and what it depends on."""
    code, graph = _graph(ctx, ippd, plateau)
    _emit(_view(model.impact, graph, element_id), f"{code} — {plateau} — impact of {element_id}", output, format, state(ctx).lang)


def _view(function, graph, element_id: str, **options):
    try:
        return function(graph, service.element_key("", "", element_id)[2], **options)
    except model.UnknownElement:
        raise ElementNotFound(element_id) from None
