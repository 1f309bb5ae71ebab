"""Where each node of a view goes: Graphviz lays out the same DOT text `ea diagram` draws, and its
positions become the exchange format's pixels (top-left corner, y growing downwards)."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass

PIXELS_PER_POINT = 96 / 72  # dot speaks points (72 to the inch); Archi's canvas pixels (96 to the inch)
PIXELS_PER_INCH = 96
MARGIN = 24  # pixels around the drawing, so no node touches the canvas edge


class LayoutFailed(RuntimeError):
    """dot ran and failed (a bug in the DOT text, or a timeout): the view cannot be laid out."""


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Layout:
    """Node name (as in the DOT text) -> its box, and the size of the whole drawing, in pixels."""

    boxes: dict[str, Box]
    width: int
    height: int


def dot_available() -> bool:
    return shutil.which("dot") is not None


def lay_out(dot_text: str, *, timeout_s: float = 300) -> Layout:
    """Run `dot -Tjson` on the view's DOT text and read every node's box (clusters and edges are not nodes)."""
    program = shutil.which("dot")
    if program is None:
        raise FileNotFoundError("dot")
    try:
        done = subprocess.run(
            [program, "-Tjson"], input=dot_text.encode(), capture_output=True, timeout=timeout_s, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise LayoutFailed(f"dot took longer than {timeout_s:.0f} s") from exc
    if done.returncode != 0:
        raise LayoutFailed(done.stderr.decode(errors="replace").strip())
    return layout_from_json(json.loads(done.stdout))


def layout_from_json(document: dict) -> Layout:
    _, _, right, top = (float(v) for v in document["bb"].split(","))
    boxes = {}
    for item in document.get("objects", []):
        if "pos" not in item or "width" not in item:  # a cluster: it has a bounding box, no position
            continue
        boxes[item["name"]] = _box(item, top)
    return Layout(boxes, round(right * PIXELS_PER_POINT) + 2 * MARGIN, round(top * PIXELS_PER_POINT) + 2 * MARGIN)


def _box(item: dict, top: float) -> Box:
    """dot gives the centre in points with y upwards, and the size in inches; the format wants the top-left corner."""
    centre_x, centre_y = (float(v) for v in item["pos"].split(","))
    width, height = float(item["width"]) * PIXELS_PER_INCH, float(item["height"]) * PIXELS_PER_INCH
    x = centre_x * PIXELS_PER_POINT - width / 2
    y = (top - centre_y) * PIXELS_PER_POINT - height / 2
    return Box(max(0, round(x)) + MARGIN, max(0, round(y)) + MARGIN, round(width), round(height))
