"""DOT text from a view (every label escaped), and rendering through the Graphviz `dot` program."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import textwrap

import networkx as nx

from ea_repo.core.i18n import Catalogue, Text, t
from metamodel import load_metamodel

from .style import CHANGE_MARK, CHANGE_STYLE, EDGE_CHANGE_STYLE, FILL, INK, LAYERS, NEUTRAL, SHAPE

__all__ = ["CLUSTERS", "FORMATS", "LAYERS", "DotMissing", "render", "to_dot"]

FORMATS = ("svg", "png", "pdf", "dot")
INSTALL_HINT = (
    "install Graphviz: `apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz`, or graphviz.org/download"
)


# The legend's words: its title and the names of the difference view's changes (marked with CHANGE_MARK).
LEGEND = Catalogue(
    "viz.legend",
    {
        "title": Text("Keterangan", "Legend"),
        "added": Text("baru", "added"),
        "retired": Text("dihentikan", "retired"),
        "changed": Text("berubah", "changed"),
    },
)


class DotMissing(RuntimeError):
    pass


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _printable(text: str) -> str:
    """Control characters (an ESC in a name) are invalid in the SVG's XML: shown as U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def quoted(text: str) -> str:
    """A DOT quoted string: backslashes and quotes escaped, line breaks and control characters kept out."""
    return '"' + _printable(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ") + '"'


def _title(text: str) -> str:
    return "<" + "<BR/>".join(_html(line) for line in text.split("\n")) + ">"


def _html(text: str) -> str:
    """Text for a DOT HTML-like label: markup characters escaped, line breaks as <BR/>."""
    return "<BR/>".join(html.escape(_printable(line), quote=True) for line in str(text).splitlines() or [""])


def _shortened(text: str, limit: int) -> str:
    """A name as long as the reader admits; one stored before the limits could be far longer, and `dot`
    fails on a label past 16,384 characters, taking the whole diagram with it."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


NAME_LINE = 28  # characters per line of a name in a node: a long name makes a tall node, not a wide one


def _name_lines(name: object) -> list[str]:
    if not name:
        return []
    text = " ".join(_shortened(str(name), load_metamodel().limits.name_chars).split())
    return textwrap.wrap(text, NAME_LINE, break_long_words=False, break_on_hyphens=False) or [text]


def _shown_name(attrs: dict, lang: str) -> object:
    """The node's name; a group (or an OPD of the OPD view) says how many elements it holds, in `lang`."""
    if attrs.get("members") is not None:
        return t("element_count", lang, count=f"{attrs['members']:,}")
    return attrs.get("name")


def _details(attrs: dict, lang: str) -> str:
    metamodel = load_metamodel()
    details = [metamodel.kind(attrs["kind"]).title(lang)] if metamodel.has_kind(attrs.get("kind") or "") else []
    if attrs.get("reference"):
        details.append(attrs["reference"][0].split(" ")[0])
    return " · ".join(details)


def node_label(node: str, attrs: dict, lang: str = "id") -> str:
    """ID (with its change mark), name (wrapped), kind and reference code; every text escaped."""
    rows = [f"<B>{CHANGE_MARK.get(attrs.get('change'), '')}{_html(node)}</B>"]
    rows += [_html(line) for line in _name_lines(_shown_name(attrs, lang))]
    details = _details(attrs, lang)
    if details:
        rows.append(f'<FONT POINT-SIZE="8">{_html(details)}</FONT>')
    return "<" + "<BR/>".join(rows) + ">"


ROW_WIDTH = 1200  # points (dot's unit, 72 to the inch): a band wider than this wraps into several rows
_GLYPH = {"id": 6.5, "name": 5.6, "details": 4.6}  # average Helvetica advance at 10 pt bold, 10 pt, 8 pt
_SHAPE_GROWTH = {"ellipse": 1.45, "octagon": 1.3}  # how much wider than its label dot draws the shape
_NODE_MARGIN, _NODE_SEP, _MIN_WIDTH = 22, 18, 54


def estimated_width(node: str, attrs: dict, lang: str = "id") -> float:
    """Roughly the width `dot` gives the node, with the space beside it: its longest label line at
    Helvetica's average advance, grown for round shapes."""
    change = CHANGE_MARK.get(attrs.get("change"), "")
    longest = max(
        [len(change + node) * _GLYPH["id"], len(_details(attrs, lang)) * _GLYPH["details"]]
        + [len(line) * _GLYPH["name"] for line in _name_lines(_shown_name(attrs, lang))]
    )
    shape = SHAPE.get(attrs.get("domain"), "folder")
    return max(longest * _SHAPE_GROWTH.get(shape, 1.0) + _NODE_MARGIN, _MIN_WIDTH) + _NODE_SEP


def rows_of(
    members: list[tuple[str, dict]], lang: str = "id", width: float = ROW_WIDTH
) -> list[list[tuple[str, dict]]]:
    """A band's elements in rows no wider than `width`, in their order (what `unflatten` does for leaves,
    by width rather than by count, so that a band of long names and one of short IDs read alike)."""
    rows: list[list[tuple[str, dict]]] = []
    used = width
    for node, attrs in members:
        size = estimated_width(node, attrs, lang)
        if used + size > width and (not rows or rows[-1]):
            rows.append([])
            used = 0.0
        rows[-1].append((node, attrs))
        used += size
    return rows


CLUSTERS = ("domain", "opd")


def to_dot(
    graph: nx.MultiDiGraph, title: str, *, lang: str = "id", note: str | None = None, cluster: str = "domain"
) -> str:
    """Nodes styled by domain, edges labelled with the relation, a legend; clustered either in one
    band per domain (in layer order, top to bottom) or in one box per OPD.

    `note` (e.g. what was collapsed) is printed under the title, in the picture itself.
    """
    heading = f"{title}\n{note}" if note else title
    lines = [
        "digraph ea {",
        f"  graph [rankdir=TB, newrank=true, fontname=Helvetica, label={_title(heading)}, labelloc=t];",
        '  node [fontname=Helvetica, fontsize=10, style="filled"];',
        '  edge [fontname=Helvetica, fontsize=8, color="#555555"];',
    ]
    bands, last = _opd_boxes(graph, lang) if cluster == "opd" else _domain_bands(graph, lang)
    lines += bands
    for source, target, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        relation = attrs["relation"]
        edge_id = quoted(f"{source} {relation} {target}")
        lines.append(
            f"  {quoted(source)} -> {quoted(target)} [xlabel={quoted(_edge_label(attrs, lang))}, id={edge_id}"
            f"{_change_style(attrs, edge=True)}];"
        )
    for node, attrs in sorted((n, a) for n, a in graph.nodes(data=True) if a["domain"] not in LAYERS):  # OPDs, groups
        lines.append(
            f"  {quoted(node)} [id={quoted(node)}, label={node_label(node, attrs)}, shape=folder, "
            f'fillcolor={quoted(NEUTRAL)}, class="organisation"];'
        )
    lines += _legend(graph, lang, last)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _domain_bands(graph: nx.MultiDiGraph, lang: str) -> tuple[list[str], str | None]:
    """One dashed band per domain in layer order; a wide band in several rows, each row one rank, the rows
    and bands held in order by invisible edges between their first nodes."""
    metamodel = load_metamodel()
    lines, rows = [], []
    for index, key in enumerate(LAYERS):
        members = sorted((n, a) for n, a in graph.nodes(data=True) if a["domain"] == key)
        if not members:
            continue
        name = metamodel.domain(key).name(lang)
        lines.append(f'  subgraph cluster_{index}_{key} {{ label={quoted(name)}; style=dashed; color="#999999";')
        for row in rows_of(members, lang):
            lines.append("    { rank=same;")
            lines += ["  " + _node_line(node, attrs, lang) for node, attrs in row]
            lines += [
                f"      {quoted(a)} -> {quoted(b)} [style=invis, weight=10];"
                for (a, _), (b, _) in zip(row, row[1:], strict=False)
            ]
            lines.append("    }")
            rows.append(row)
        lines.append("  }")
    for upper, lower in zip(rows, rows[1:], strict=False):  # rows and bands top to bottom
        lines.append(f"  {quoted(upper[0][0])} -> {quoted(lower[0][0])} [style=invis, weight=100];")
    return lines, rows[-1][0][0] if rows else None


def _opd_boxes(graph: nx.MultiDiGraph, lang: str) -> tuple[list[str], str | None]:
    lines = []
    opds = sorted({a["opd"] or "-" for _, a in graph.nodes(data=True) if a["domain"] in LAYERS})
    for index, opd in enumerate(opds):
        members = sorted(
            (n, a) for n, a in graph.nodes(data=True) if a["domain"] in LAYERS and (a["opd"] or "-") == opd
        )
        lines.append(f'  subgraph cluster_opd_{index} {{ label={quoted("OPD " + opd)}; style=dashed; color="#999999";')
        lines += [_node_line(node, attrs, lang) for node, attrs in members]
        lines.append("  }")
    return lines, None  # ranked by the links alone: the legend finds its own place


def _node_line(node: str, attrs: dict, lang: str) -> str:
    key = attrs["domain"]
    fill, ink = (NEUTRAL, "#000000") if attrs.get("change") == "retired" else (FILL[key], INK[key])
    return (
        f"    {quoted(node)} [id={quoted(node)}, label={node_label(node, attrs, lang)}, shape={SHAPE[key]}, "
        f"fillcolor={quoted(fill)}, fontcolor={quoted(ink)}, class={quoted(key)}{_change_style(attrs)}];"
    )


def _edge_label(attrs: dict, lang: str) -> str:
    """The relation as users read it; an OPD-to-OPD edge counts several ("mendukung ×2, menggunakan ×1")."""
    metamodel = load_metamodel()
    counts = attrs.get("relations")
    if counts:
        return ", ".join(f"{metamodel.relation_label(name, lang)} ×{n}" for name, n in sorted(counts.items()))
    return metamodel.relation_label(attrs["relation"], lang)


def _change_style(attrs: dict, *, edge: bool = False) -> str:
    """Extra DOT attributes for a difference view: shown by line and mark, not by colour alone."""
    change = attrs.get("change")
    if change is None or change == "kept":
        return ""
    styles = (EDGE_CHANGE_STYLE if edge else CHANGE_STYLE)[change]
    return "".join(f", {name}={quoted(value)}" for name, value in styles.items()) + f", class={quoted(change)}"


def _legend(graph: nx.MultiDiGraph, lang: str, above: str | None = None) -> list[str]:
    """The legend, one row under the drawing (`above`: a node of the last row; beside it, it would widen the
    picture)."""
    metamodel = load_metamodel()
    shown = [k for k in LAYERS if any(a["domain"] == k for _, a in graph.nodes(data=True))]
    if not shown:
        return []
    title = quoted(LEGEND.t("title", lang))
    lines = [
        f'  subgraph cluster_legend {{ label={title}; style=solid; color="#999999";',
        "    { rank=same;",
    ]
    keys = [f"legend-{key}" for key in shown]
    for key in shown:
        name = metamodel.domain(key).name(lang)
        lines.append(
            f"    {quoted('legend-' + key)} [id={quoted('legend-' + key)}, label={quoted(name)}, shape={SHAPE[key]}, "
            f"fillcolor={quoted(FILL[key])}, fontcolor={quoted(INK[key])}];"
        )
    for change in [c for c in CHANGE_STYLE if any(a.get("change") == c for _, a in graph.nodes(data=True))]:
        attrs = {"change": change}
        label = CHANGE_MARK[change] + LEGEND.t(change, lang)
        lines.append(
            f"    {quoted('legend-' + change)} [id={quoted('legend-' + change)}, label={quoted(label)}, shape=box, "
            f"fillcolor={quoted(NEUTRAL if change == 'retired' else '#FFFFFF')}{_change_style(attrs)}];"
        )
        keys.append(f"legend-{change}")
    lines += [f"    {quoted(a)} -> {quoted(b)} [style=invis];" for a, b in zip(keys, keys[1:], strict=False)]
    lines += ["    }", "  }"]
    if above:
        lines.append(f"  {quoted(above)} -> {quoted(keys[0])} [style=invis, weight=100];")
    return lines


def render(dot_text: str, fmt: str, *, timeout_s: float = 120) -> bytes:
    """The diagram in `fmt` (svg, png, pdf) from DOT text, through `dot`; DOT text itself for 'dot'."""
    if fmt == "dot":
        return dot_text.encode()
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: expected one of {', '.join(FORMATS)}")
    program = shutil.which("dot")
    if program is None:
        raise DotMissing(f"the Graphviz `dot` program is not installed: {INSTALL_HINT}")
    done = subprocess.run(
        [program, f"-T{fmt}"], input=dot_text.encode(), capture_output=True, timeout=timeout_s, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"dot failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout
