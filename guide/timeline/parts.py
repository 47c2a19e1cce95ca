"""What a timeline diagram is made of: labels, bars, and the diagram a template draws."""

from __future__ import annotations

from dataclasses import dataclass, field

from guide.text.wording import ENGLISH, Wording
from guide.timeline.text_fit import LEADING, fit_text, text_width


@dataclass(frozen=True)
class Fonts:
    """How a diagram sets its text: the faces, the booklet's body size and its words."""

    regular: str
    bold: str
    base: float  # body size of the booklet
    words: Wording = ENGLISH  # the phrases of guide/timeline/wording.py, in the booklet's language


@dataclass
class Label:
    """A block of text: its box, its lines (already wrapped) and its size."""

    role: str
    text: str
    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    size: float
    font: str
    align: str = "left"
    index: int = 0  # the stage, milestone or route it belongs to

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.x + self.w, self.y + self.h)

    def as_dict(self) -> dict:
        return {"role": self.role, "text": "\n".join(self.lines), "x": self.x, "y": self.y,
                "w": self.w, "h": self.h, "size": self.size, "font": self.font,
                "align": self.align, "index": self.index, "leading": LEADING}


@dataclass
class Bar:
    role: str
    x: float
    y: float
    w: float
    h: float
    index: int
    current: bool = False
    soft_from: float | None = None  # x where the range's optional part begins
    open_ended: bool = False

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Diagram:
    """Everything a timeline template draws, in points from the top-left corner."""

    kind: str
    width: float
    height: float = 0.0
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    marks: list[dict] = field(default_factory=list)   # milestone markers: x, y, r
    lines: list[dict] = field(default_factory=list)   # connectors and rules: x1, y1, x2, y2
    ticks: list[dict] = field(default_factory=list)   # scale divisions: x, y1, y2

    def context(self, faces: dict[str, str]) -> dict:
        """Plain data for a template; `faces` maps font names to the template's font roles."""
        labels = []
        for lab in self.labels:
            item = lab.as_dict()
            item["font"] = faces.get(lab.font, "heading")
            labels.append(item)
        return {"kind": self.kind, "width": self.width, "height": self.height,
                "bars": [b.as_dict() for b in self.bars], "labels": labels,
                "marks": self.marks, "lines": self.lines, "ticks": self.ticks}



def label_in(text: str, font: str, size: float, x0: float, x1: float, top: float, h: float,
             role: str, index: int, pad: float, align: str = "center") -> Label:
    """A label centred vertically in a bar, fitted to it."""
    inner = max(1.0, x1 - x0 - 2 * pad)
    lines, size = fit_text(text, font, size, inner, h - 2 * pad * 0.5, max_lines=1)
    w = min(inner, text_width(lines, font, size) + 0.5)
    lh = len(lines) * size * LEADING
    x = x0 + (x1 - x0 - w) / 2 if align == "center" else x0 + pad
    return Label(role, text, x, top + (h - lh) / 2, w, lh, lines, size, font, align, index)


def free_label(role: str, text: str, font: str, size: float, x: float, y: float,
               width: float) -> Label:
    lines, size = fit_text(text, font, size, width, size * LEADING * 2, max_lines=2)
    return Label(role, text, x, y, text_width(lines, font, size) + 0.5,
                 len(lines) * size * LEADING, lines, size, font, "left")

