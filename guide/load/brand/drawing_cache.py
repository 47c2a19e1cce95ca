"""SVG logos as svglib drew them, kept in the user's cache folder as plain JSON: a later build
rebuilds the same reportlab shapes without loading svglib and lxml (most of an SVG logo's
cost). Only drawings made of reportlab's own shapes are kept; one with gradients or
embedded pictures is drawn by svglib every time."""

from __future__ import annotations

import json
from typing import Any

from reportlab.graphics import shapes
from reportlab.lib.colors import Color

FORMAT = 2  # properties in the order reportlab gave them: it sets the graphics state in that order
KINDS = ("Drawing", "Group", "Path", "Rect", "Circle", "Ellipse", "Line", "PolyLine", "Polygon",
         "Wedge", "String")


class NotKept(ValueError):
    """Something in the drawing that plain JSON cannot hold faithfully."""


def to_json(drawing: Any) -> bytes:
    return json.dumps({"format": FORMAT, "drawing": _node(drawing)},
                      separators=(",", ":")).encode("utf-8")


def from_json(data: bytes) -> Any:
    """The drawing, or None when the entry is not whole or of another format."""
    try:
        entry = json.loads(data)
        if entry.get("format") != FORMAT:
            return None
        return _build(entry["drawing"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _node(node: Any) -> dict:
    kind = next((cls.__name__ for cls in type(node).__mro__
                 if cls.__module__ == shapes.__name__ and cls.__name__ in KINDS), None)
    if kind is None or (type(node).__module__ != shapes.__name__
                        and not type(node).__module__.startswith("svglib")):
        raise NotKept(type(node).__name__)
    props = {key: _value(value) for key, value in node.getProperties().items()
             if key != "contents"}
    out: dict = {"kind": kind, "props": props}
    if hasattr(node, "contents"):
        out["contents"] = [_node(child) for child in node.contents]
    return out


def _value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Color) and type(value) is Color:
        return {"rgba": [value.red, value.green, value.blue, value.alpha]}
    if isinstance(value, (list, tuple)):
        return {"tuple" if isinstance(value, tuple) else "list": [_value(v) for v in value]}
    raise NotKept(type(value).__name__)


def _restore(value: Any) -> Any:
    if isinstance(value, dict):
        if "rgba" in value:
            return Color(*value["rgba"])
        if "tuple" in value:
            return tuple(_restore(v) for v in value["tuple"])
        return [_restore(v) for v in value["list"]]
    return value


def _build(entry: dict) -> Any:
    kind = entry["kind"]
    if kind not in KINDS:
        raise ValueError(kind)
    cls = getattr(shapes, kind)
    node = cls.__new__(cls)
    node.setProperties({key: _restore(value) for key, value in entry["props"].items()})
    if "contents" in entry:
        node.contents = [_build(child) for child in entry["contents"]]
    return node
