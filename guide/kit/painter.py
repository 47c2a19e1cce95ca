"""Drawing the kit's templates: the page shapes of guide.layout.shapes, plus a `timeline`
shape (the booklet's path diagram, fitted into a box) and text that must fit its box or
name the field it came from."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from guide.errors import ContentError
from guide.kit.content import Field
from guide.layout.shapes import SHAPES, PageBox, ShapePainter, Templates, length
from guide.layout.theme import Theme
from guide.load.paths import shown
from guide.model import Timeline
from guide.tagging.describe import path_alt
from guide.tagging.marks import log_of
from guide.timeline.draw import TEMPLATES
from guide.timeline.layout import Fonts, path_diagram

KIT_SHAPES = frozenset(SHAPES | {"timeline"})
SHRINK = 0.94
MIN_SHARE = 0.6  # text shrinks to this share of its size, then the field is too long


@dataclass(frozen=True)
class Placed:
    """A text or diagram as drawn: its box and the height it took (top-down points)."""

    field: str
    x: float
    top: float
    w: float
    h: float
    used: float
    size: float


class KitPainter(ShapePainter):
    """A ShapePainter whose boxed text never overflows: it shrinks down to `min_size`, then
    stops the build with the file and line the text comes from."""

    def __init__(self, theme: Theme, box: PageBox, templates: Templates, timeline: Timeline,
                 fields: dict[str, Field], piece: str, start_year: int | None = None,
                 logo: Any = None, qr: Any = None):
        super().__init__(theme, box, logo=logo, qr=qr)
        self.templates, self.timeline, self.fields = templates, timeline, fields
        self.piece, self.start_year = piece, start_year
        self.placed: list[Placed] = []

    def figure_alt(self, shape: dict[str, Any]) -> str | None:
        """The timeline is a figure described from its data, in the pack's language, as the
        booklet's path diagram is (without routes when the shape leaves them out)."""
        if shape.get("kind") != "timeline":
            return super().figure_alt(shape)
        if shape.get("alt"):
            return str(shape["alt"])
        return path_alt(self._drawn_timeline(shape), self.start_year, self.theme.words)

    def _drawn_timeline(self, shape: dict[str, Any]) -> Timeline:
        return self.timeline if shape.get("routes", True) else replace(self.timeline, routes=())

    def too_long(self, field: str, what: str) -> ContentError:
        where = self.fields.get(field)
        if where is None:
            return ContentError(None, None, f"{what} does not fit the {self.piece}",
                                f"shorten it, or restyle the {self.piece}'s template")
        return ContentError(where.path, where.line, f"{where.what} is too long for the "
                            f"{self.piece} ({what})", where.hint)

    def draw_text(self, canv: Any, s: dict[str, Any]) -> None:
        if "h" not in s:
            super().draw_text(canv, s)
            return
        if not str(s.get("text", "")).strip():
            return
        W, H = self.box.width, self.box.height
        x, top = length(s.get("x", 0), W), length(s.get("y", 0), H)
        w, limit = length(s.get("w", W - x), W), length(s["h"], H)
        size = float(s.get("size", 10))
        floor = float(s.get("min_size", size * MIN_SHARE))
        para = self.paragraph(s, size)
        _, height = para.wrap(w, 1e6)
        while height > limit + 0.01 and size > floor:
            size = max(floor, size * SHRINK)
            para = self.paragraph(s, size)
            _, height = para.wrap(w, 1e6)
        field = str(s.get("field", ""))
        if height > limit + 0.01:
            raise self.too_long(field, f"{height:.0f} pt of text for a {limit:.0f} pt box "
                                f"even at {size:.1f} pt")
        drop = {"middle": (limit - height) / 2, "bottom": limit - height}.get(
            str(s.get("valign", "top")), 0.0)
        para.drawOn(canv, x, H - top - drop - height)
        self.placed.append(Placed(field, x, top + drop, w, limit, height, size))

    def draw_one_line(self, canv: Any, s: dict[str, Any], x: float, top: float, w: float,
                      size: float, limit: float | None) -> bool:
        """Unboxed text on one line, ended, on a tagged canvas, by an invisible word space:
        reportlab's drawString leaves none, and two texts `in` one group would otherwise
        run together when read from the tags."""
        if not super().draw_one_line(canv, s, x, top, w, size, limit):
            return False
        if log_of(canv) is not None:
            font = self.font(str(s.get("font", "body")))
            text = str(s.get("text", ""))
            width = stringWidth(text.upper() if s.get("upper") else text, font, size)
            end = {"center": x + (w + width) / 2, "right": x + w}.get(str(s.get("align")),
                                                                      x + width)
            canv.saveState()
            canv.setFont(font, size)
            canv.drawString(end, top - size, " ", mode=3)  # render mode 3: not painted
            canv.restoreState()
        return True

    def draw_timeline(self, canv: Any, s: dict[str, Any]) -> None:
        """The booklet's path diagram (same layout, same template family), its type scaled
        from `base` down to `min_base` until it fits the box."""
        x, y, w, h = self._rect(s)
        base = float(s.get("base", self.theme.base))
        floor = float(s.get("min_base", base * MIN_SHARE))
        faces = self.theme.faces
        timeline = self._drawn_timeline(s)
        while True:
            diagram = path_diagram(timeline, w, Fonts(faces.heading.regular,
                                                           faces.heading.bold, base,
                                                           self.theme.words),
                                   self.start_year)
            if diagram.height <= h + 0.01 or base <= floor:
                break
            base = max(floor, base * 0.92)
        if diagram.height > h + 0.01:
            raise ContentError(shown(self.timeline.path), None, f"the path is too tall for the "
                               f"{self.piece}'s timeline box ({diagram.height:.0f} pt for "
                               f"{h:.0f} pt)", "use fewer milestones or shorter labels")
        drop = {"middle": (h - diagram.height) / 2, "bottom": h - diagram.height}.get(
            str(s.get("valign", "middle")), 0.0)
        context = {"diagram": diagram.context({faces.heading.bold: "heading-bold",
                                               faces.heading.regular: "heading"}),
                   "colors": self.theme.colors, "base": base}
        template = str(s.get("template", TEMPLATES["path"]))
        shapes = self.templates.shapes(template, context)
        canv.saveState()
        canv.translate(x, y + h - drop - diagram.height)
        ShapePainter(self.theme, PageBox(w, diagram.height)).draw(canv, shapes)
        canv.restoreState()
        self.placed.append(Placed("timeline", x, self.box.height - (y + h) + drop, w, h,
                                  diagram.height, base))
