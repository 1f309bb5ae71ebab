"""Documentation helpers: the mapping as a Markdown table (the README holds exactly this, a test checks it),
and an exported view drawn from its own node boxes as SVG (to see what Archi will show, without Archi)."""

from __future__ import annotations

from html import escape
from typing import NamedTuple

from lxml import etree

from ea_repo.archimate.records import record_columns
from ea_repo.planning.records import INITIATIVE
from metamodel import load_metamodel
from metamodel.archimate import NAMESPACE, load_archimate_mapping

_NS = {"a": NAMESPACE}
_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def mapping_markdown() -> str:
    """Every kind, relation and organisation/plateau/roadmap concept with the ArchiMate type it is written as."""
    metamodel, mapping = load_metamodel(), load_archimate_mapping()
    lines = ["| ea-repo | ArchiMate | |", "|---|---|---|"]
    for kind in metamodel.kinds:
        lines.append(f"| kind `{kind.name}` ({kind.name_id}) | {mapping.element_type(kind.name)} | element |")
    for relation in metamodel.relations:
        r = mapping.relationship(relation.name)
        direction = "target → declaring element" if r.reverse else "declaring element → target"
        lines.append(f"| relation `{relation.name}` (field `{relation.field}`) | {r.type} | {direction} |")
    organisation = mapping.organisation
    lines += [
        f"| IPPD, OPD | {organisation['IPPD']}, {organisation['OPD']} | element |",
        f"| OPD owns element (Kode OPD) | {organisation['owner']} | OPD → element |",
        f"| IPPD has OPD | {organisation['member']} | IPPD → OPD |",
        f"| plateau (as-is, to-be, year) | {mapping.plateau[0]} | {mapping.plateau[1]} → each member |",
        f"| gap as-is → to-be | {mapping.gap[0]} | {mapping.gap[1]} → both plateaus |",
        f"| roadmap initiative (`{INITIATIVE}`) | {mapping.initiative} | element |",
        f"| element an initiative delivers | {mapping.deliverable[0]} "
        f"| {mapping.deliverable[1]}: initiative → deliverable → element |",
    ]
    lines.append("")
    lines.append(
        "Properties: "
        + ", ".join(f"`{name}`" for name in mapping.properties.values())
        + ", and each attribute under its national template column (e.g. `Memori (GB)`). A WorkPackage carries `ID`, "
        + "`ea-repo kind`, `IPPD`, and each field, the labels and the notes of its initiative under its roadmap "
        + "workbook column: "
        + ", ".join(f"`{column.header}`" for column in record_columns(INITIATIVE))
        + " (`delivers` is the Deliverable chain)."
    )
    return "\n".join(lines) + "\n"


class _Box(NamedTuple):
    element: str
    x: float
    y: float
    w: float
    h: float


def _required(node: etree._Element, name: str) -> str:
    """An attribute the exchange format requires (ValueError when a file lacks it)."""
    value = node.get(name)
    if value is None:
        raise ValueError(f"<{etree.QName(node).localname}> without {name}")
    return value


def view_svg(data: bytes, view_index: int = 0, scale: float = 0.5) -> str:
    """One view of an exchange file as SVG: its nodes' boxes and names at their x/y/w/h, its connections as lines."""
    root = etree.fromstring(data)
    names = {
        _required(e, "identifier"): (e.findtext("a:name", namespaces=_NS) or "", e.get(_TYPE))
        for e in root.iterfind("a:elements/a:element", _NS)
    }
    view = root.findall(".//a:view", _NS)[view_index]
    boxes = {
        _required(n, "identifier"): _Box(
            _required(n, "elementRef"), *(int(_required(n, k)) * scale for k in ("x", "y", "w", "h"))
        )
        for n in view.iterfind("a:node", _NS)
    }
    width = max(box.x + box.w for box in boxes.values()) + 20
    height = max(box.y + box.h for box in boxes.values()) + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'font-family="Helvetica" font-size="{9 * scale * 2:.0f}">',
        '<rect width="100%" height="100%" fill="white"/>',
    ]
    for line in view.iterfind("a:connection", _NS):
        (_, x1, y1, w1, h1), (_, x2, y2, w2, h2) = boxes[_required(line, "source")], boxes[_required(line, "target")]
        parts.append(
            f'<line x1="{x1 + w1 / 2:.0f}" y1="{y1 + h1 / 2:.0f}" x2="{x2 + w2 / 2:.0f}" y2="{y2 + h2 / 2:.0f}" '
            'stroke="#999"/>'
        )
    for element, x, y, w, h in boxes.values():
        name, archimate_type = names[element]
        fill = _FILL.get(archimate_type or "", "#eeeeee")
        parts.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" fill="{fill}" stroke="#333"/>')
        parts.append(f'<text x="{x + 3:.0f}" y="{y + h / 2:.0f}">{escape(name[:24])}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# Archi's default fills: business yellow, application blue, technology green, motivation purple, strategy tan.
_FILL = {
    "BusinessProcess": "#ffffb5",
    "BusinessService": "#ffffb5",
    "BusinessActor": "#ffffb5",
    "ApplicationComponent": "#b5ffff",
    "DataObject": "#b5ffff",
    "Device": "#c9e7b7",
    "Node": "#c9e7b7",
    "CommunicationNetwork": "#c9e7b7",
    "SystemSoftware": "#c9e7b7",
    "Facility": "#c9e7b7",
    "Constraint": "#ccccff",
    "CourseOfAction": "#f5deaa",
}
