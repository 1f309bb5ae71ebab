"""One palette for every diagram: colour-blind safe (Okabe & Ito, 2008), a shape per domain."""

from __future__ import annotations

from metamodel import load_metamodel

# Band order of the layered view, top to bottom: the metamodel's domains by their `layer`.
LAYERS = tuple(d.key for d in sorted(load_metamodel().domains, key=lambda domain: domain.layer))

# Okabe-Ito: distinguishable under the common colour-vision deficiencies.
FILL = {
    "business": "#E69F00",  # orange
    "service": "#56B4E9",  # sky blue
    "application": "#009E73",  # bluish green
    "data": "#F0E442",  # yellow
    "infrastructure": "#0072B2",  # blue
    "security": "#D55E00",  # vermilion
}
# Text colour with enough contrast on each fill.
INK = {
    "business": "#000000",
    "service": "#000000",
    "application": "#FFFFFF",
    "data": "#000000",
    "infrastructure": "#FFFFFF",
    "security": "#FFFFFF",
}
SHAPE = {
    "business": "box",
    "service": "ellipse",
    "application": "component",
    "data": "cylinder",
    "infrastructure": "box3d",
    "security": "octagon",
}
NEUTRAL = "#DDDDDD"  # OPDs and collapsed groups: not a domain

# The difference view marks a change three ways (mark, line, fill), so it reads in grey print too.
CHANGE_MARK = {"added": "+ ", "retired": "− ", "changed": "~ "}
CHANGE_STYLE = {
    "added": {"style": "filled,bold", "penwidth": "3"},
    "retired": {"style": "filled,dashed"},
    "changed": {"peripheries": "2"},
}
EDGE_CHANGE_STYLE = {
    "added": {"style": "bold", "penwidth": "2"},
    "retired": {"style": "dashed", "color": "#999999"},
    "changed": {},
}
