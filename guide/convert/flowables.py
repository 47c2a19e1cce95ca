"""Custom reportlab flowables: boxes that split across pages, checklist items, form fields."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab import platypus
from reportlab.lib.colors import white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from guide.colors import to_color
from guide.convert.paragraph_split import carried_break, linear_split, note_break
from guide.convert.pdf_fields import add_checkbox, add_text_field
from guide.tagging.marks import artifact, content, group


@dataclass(frozen=True)
class FormSettings:
    """Whether checklist boxes are live form fields, and the print shift of the page origin."""

    enabled: bool = True
    offset: tuple[float, float] = (0.0, 0.0)  # crop-mark border: reportlab does not add it
    font: str = ""  # registered font for typed-in text (embedded whole, so keep it small)


def _field_position(canv, x: float, y: float, forms: FormSettings) -> tuple[float, float]:
    # reportlab 5.1 ignores the crop-mark translation for relative fields, so work out the
    # absolute position ourselves and add the mark border.
    ax, ay = canv.absolutePosition(x, y)
    return ax + forms.offset[0], ay + forms.offset[1]



class Paragraph(platypus.Paragraph):
    """reportlab's Paragraph, split across pages in time linear in its length
    (guide.convert.paragraph_split) and letting go of its text once drawn. The speed layer
    (guide.speed.paragraph) gives it quicker markup parsing, line breaking and a memory of
    its last wrap."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = linear_split(self, availWidth, availHeight)
        return parts if parts is not None else super().split(availWidth, availHeight)

    def breakLines(self, width):  # type: ignore[no-untyped-def]  # noqa: N802
        result = carried_break(self, width)
        carried = result is not None
        if not carried:
            result = self.break_lines_afresh(width)
        note_break(self, result, width, carried)
        return result

    def break_lines_afresh(self, width):  # type: ignore[no-untyped-def]
        """reportlab's line breaking (the speed layer puts a quicker one here)."""
        return platypus.Paragraph.breakLines(self, width)

    def release(self) -> None:
        """Drop the text and its line breaks once the paragraph is on its page; a long
        booklet otherwise keeps every drawn line in memory until the PDF is written."""
        for name in ("_wrapped", "blPara", "_line_facts", "_carried", "_line_index"):
            self.__dict__.pop(name, None)
        self.frags = []

class HeadingParagraph(Paragraph):
    """A heading that knows its bookmark, so layout can add it to the outline."""

    def __init__(self, markup: str, style, key: str, title: str, level: int):  # type: ignore[no-untyped-def]
        super().__init__(markup, style)
        self.outline_key, self.outline_title, self.outline_level = key, title, level



class Box(Flowable):
    """A padded box around flowables (callouts, quotes) that can break across pages."""

    def __init__(self, content: list[Flowable], *, fill: str | None, bar: str | None,
                 padding: float, bar_width: float = 3.0, border: str | None = None,
                 continued: bool = False):
        super().__init__()
        self.content = content
        self.fill, self.bar, self.border = fill, bar, border
        self.padding, self.bar_width = padding, bar_width
        self.continued = continued
        self._sizes: list[tuple[float, float]] = []

    def _canvas(self):  # type: ignore[no-untyped-def]
        """The canvas platypus handed us in wrapOn/splitOn (None when wrapped directly)."""
        return getattr(self, "canv", None)

    def _inner_width(self, width: float) -> float:
        return width - 2 * self.padding - (self.bar_width if self.bar else 0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = self._inner_width(avail_width)
        # wrapOn, not wrap: lists and tables inside a box need the canvas to measure
        self._sizes = [f.wrapOn(self._canvas(), inner, 1e6) for f in self.content]
        height = sum(h for _, h in self._sizes) + self._gaps() + 2 * self.padding
        self.width, self.height = avail_width, height
        return avail_width, height

    def _gaps(self) -> float:
        gaps = 0.0
        for previous, current in zip(self.content, self.content[1:]):
            gaps += max(previous.getSpaceAfter(), current.getSpaceBefore())
        return gaps

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        inner = self._inner_width(avail_width)
        room = avail_height - 2 * self.padding
        first: list[Flowable] = []
        for index, flowable in enumerate(self.content):
            gap = max(first[-1].getSpaceAfter(), flowable.getSpaceBefore()) if first else 0
            _, height = flowable.wrapOn(self._canvas(), inner, 1e6)
            if height + gap <= room:
                first.append(flowable)
                room -= height + gap
                continue
            parts = (flowable.splitOn(self._canvas(), inner, room - gap)
                     if room - gap > 20 else [])
            rest = self.content[index + 1:]
            if parts:
                first.append(parts[0])
                rest = list(parts[1:]) + rest
            else:
                rest = self.content[index:]
            if all(getattr(f, "keepWithNext", False) for f in first):
                return []  # never leave a title alone at the foot of a page
            return [self._copy(first, self.continued), self._copy(rest, True)]
        return [self]

    def _copy(self, content: list[Flowable], continued: bool) -> Box:
        return Box(content, fill=self.fill, bar=self.bar, padding=self.padding,
                   bar_width=self.bar_width, border=self.border, continued=continued)

    def draw(self) -> None:
        canv = self.canv
        with artifact(canv):
            self._draw_frame(canv)
        x = self.padding + (self.bar_width if self.bar else 0)
        y = self.height - self.padding
        previous = None
        for flowable, (_, height) in zip(self.content, self._sizes):
            if previous is not None:
                y -= max(previous.getSpaceAfter(), flowable.getSpaceBefore())
            y -= height
            flowable.drawOn(canv, x, y)
            previous = flowable

    def _draw_frame(self, canv) -> None:  # type: ignore[no-untyped-def]
        canv.saveState()
        if self.fill:
            canv.setFillColor(to_color(self.fill))
            canv.roundRect(0, 0, self.width, self.height, 3, stroke=0, fill=1)
        if self.border:
            canv.setStrokeColor(to_color(self.border))
            canv.setLineWidth(0.6)
            canv.roundRect(0, 0, self.width, self.height, 3, stroke=1, fill=0)
        if self.bar:
            canv.setFillColor(to_color(self.bar))
            canv.rect(0, 0, self.bar_width, self.height, stroke=0, fill=1)
        canv.restoreState()


class CheckItem(Flowable):
    """A checklist line: a square (a real checkbox field when forms are on) and its text."""

    def __init__(self, paragraph: Paragraph, field_name: str, checked: bool, box_size: float,
                 color: str, forms: FormSettings, tooltip: str = "", date_line: float = 0.0):
        super().__init__()
        self.paragraph, self.field_name, self.checked = paragraph, field_name, checked
        self.box, self.color, self.forms, self.tooltip = box_size, color, forms, tooltip
        self.gap = box_size * 0.75
        self.date_line = date_line  # width of a "by ____" target-date line, 0 for none
        self.date_tooltip = ""  # what the target-date field is called, in the booklet's language
        self.label_ref = self.body_ref = None  # its Lbl and LBody in a tagged booklet

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        text_width = avail_width - self.box - self.gap - self.date_line
        _, height = self.paragraph.wrap(text_width, avail_height)
        self.width, self.height = avail_width, max(height, self.box + 1)
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        return getattr(self, "spaceAfter", None) or self.paragraph.style.spaceAfter

    def draw(self) -> None:
        canv = self.canv
        leading = self.paragraph.style.leading
        size = self.paragraph.style.fontSize
        # Centre the box on the first line's x-height.
        box_y = self.height - leading + (leading - size) / 2 + size * 0.5 - self.box / 2
        box_y = max(box_y, 0)
        # The square is decoration under a live checkbox; on paper it is the item's label.
        label = artifact(canv) if self.forms.enabled else content(canv, "Lbl", self.label_ref)
        with label:
            canv.saveState()
            canv.setStrokeColor(to_color(self.color))
            canv.setLineWidth(0.9)
            canv.setFillColor(white)
            canv.roundRect(0, box_y, self.box, self.box, 1.2, stroke=1, fill=1)
            if not self.forms.enabled and self.checked:
                _draw_tick(canv, 0, box_y, self.box, self.color)
            canv.restoreState()
        if self.forms.enabled:
            x, y = _field_position(canv, 0, box_y, self.forms)
            with group(canv, self.label_ref):
                add_checkbox(canv, self.field_name, x, y, self.box, self.checked, self.color,
                             self.tooltip or self.field_name)
        self.paragraph.drawOn(canv, self.box + self.gap, 0)
        if self.date_line:
            base = self.height - leading + size * 0.2
            with artifact(canv):
                canv.saveState()
                canv.setStrokeColor(to_color(self.color))
                canv.setLineWidth(0.4)
                canv.line(self.width - self.date_line + 6, base, self.width, base)
                canv.restoreState()
            if self.forms.enabled:
                x, y = _field_position(canv, self.width - self.date_line + 6, base + 0.5, self.forms)
                with group(canv, self.body_ref):
                    add_text_field(canv, self.field_name + ".date", x, y, self.date_line - 6,
                                   size * 1.35, self.forms.font or self.paragraph.style.fontName,
                                   size * 0.9, self.color, self.date_tooltip)


def _draw_tick(canv, x: float, y: float, size: float, color: str) -> None:
    canv.setStrokeColor(to_color(color))
    canv.setLineWidth(size * 0.14)
    path = canv.beginPath()
    path.moveTo(x + size * 0.2, y + size * 0.5)
    path.lineTo(x + size * 0.42, y + size * 0.25)
    path.lineTo(x + size * 0.82, y + size * 0.8)
    canv.drawPath(path, stroke=1, fill=0)


class RuledLines(Flowable):
    """Lines to write on, filling the rest of the frame (the notes page)."""

    def __init__(self, spacing: float, color: str, max_height: float | None = None):
        super().__init__()
        self.spacing, self.color, self.max_height = spacing, color, max_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        height = avail_height if self.max_height is None else min(avail_height, self.max_height)
        self.width = avail_width
        self.height = max(self.spacing, height - 2)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return [] if avail_height < self.spacing * 3 else [self]

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(to_color(self.color))
        canv.setLineWidth(0.5)
        y = self.height - self.spacing
        while y >= 0:
            canv.line(0, y, self.width, y)
            y -= self.spacing
        canv.restoreState()


class TextField(Flowable):
    """A labelled line that is a fillable text field in the digital edition."""

    def __init__(self, label: str, field_name: str, font: str, label_font: str, size: float,
                 color: str, forms: FormSettings, label_width: float):
        super().__init__()
        self.label, self.field_name, self.font, self.label_font = label, field_name, font, label_font
        self.size, self.color, self.forms, self.label_width = size, color, forms, label_width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.size * 2.3
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setFont(self.label_font, self.size)
        canv.setFillColor(to_color(self.color))
        label = self.label
        while stringWidth(label, self.label_font, self.size) > self.label_width - 4 and len(label) > 4:
            label = label[:-2] + "…"
        with content(canv, "P"):
            canv.drawString(0, self.size * 0.55, label)
        canv.setStrokeColor(to_color(self.color))
        canv.setLineWidth(0.5)
        with artifact(canv):
            canv.line(self.label_width, self.size * 0.35, self.width, self.size * 0.35)
        if self.forms.enabled:
            x, y = _field_position(canv, self.label_width, self.size * 0.45, self.forms)
            add_text_field(canv, self.field_name, x, y, self.width - self.label_width,
                           self.size * 1.6, self.forms.font or self.font, self.size, self.color,
                           self.label)
        canv.restoreState()
