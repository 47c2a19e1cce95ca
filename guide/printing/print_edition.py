"""Print-shop settings: bleed, crop marks and the page boxes a print shop's software reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.colors import CMYKColorSep

from guide.errors import ContentError

MARK_LENGTH = 18.0  # points of each crop mark
MARK_GAP = 6.0  # marks stop this far outside the bleed so they never print on the piece
LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm|in|pt|cm)?\s*$")


HINTS = {"bleed": "print shops ask for 3mm or 0.125in",
         "creep": "creep is a fraction of a millimetre per sheet, e.g. 0.2mm",
         "sheet-margin": "office printers leave about 5mm"}


def parse_bleed(value: str, what: str = "bleed") -> float:
    """'3mm', '0.125in' or '9pt' (`what` names the option in messages)."""
    return parse_length(value, what, HINTS.get(what, ""))


def parse_length(value: str, what: str, hint: str) -> float:
    """A length of at most half an inch, in points. A bare number is refused, since 3 could
    mean millimetres as easily as points; 0 needs no unit."""
    match = LENGTH.match(value or "")
    option = f"--{what}"
    if not match:
        raise ContentError(None, None, f"{option} '{value}' is not a length",
                           "use e.g. 3mm, 0.125in or 9pt")
    number = float(match.group(1))
    if match.group(2) is None and number != 0:
        raise ContentError(None, None, f"{option} '{value}' has no unit",
                           f"write {value}mm, {value}in or {value}pt")
    points = number * {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0}[match.group(2) or "pt"]
    if points > 36:
        raise ContentError(None, None, f"{option} '{value}' is more than half an inch", hint)
    return points


@dataclass(frozen=True)
class CropMarks:
    """reportlab's crop-mark settings. `bleedWidth` must stay 0: reportlab would scale the
    page into the bleed instead of leaving room around it."""

    borderWidth: float
    markLength: float = MARK_LENGTH
    markWidth: float = 0.3
    # Registration colour: the Separation /All prints on every plate, so the marks line up
    # the plates; its alternate (for composite output) is all four inks.
    markColor: object = CMYKColorSep(1, 1, 1, 1, spotName="All", density=1)
    markLast: int = 1
    bleedWidth: float = 0


@dataclass(frozen=True)
class PrintGeometry:
    """Where the trimmed page sits on the larger sheet reportlab writes."""

    bleed: float
    border: float  # from the media edge to the trim on every side

    @classmethod
    def for_bleed(cls, bleed: float) -> PrintGeometry:
        return cls(bleed=bleed, border=bleed + MARK_GAP + MARK_LENGTH)

    def marks(self) -> CropMarks:
        return CropMarks(borderWidth=self.border)

    def trim_box(self, width: float, height: float) -> tuple[float, float, float, float]:
        b = self.border
        return (b, b, b + width, b + height)

    def bleed_box(self, width: float, height: float) -> tuple[float, float, float, float]:
        b, d = self.border, self.bleed
        return (b - d, b - d, b + width + d, b + height + d)

    def canvas_boxes(self, width: float, height: float) -> dict:
        """The crop marks, trim box and bleed box, as reportlab's canvas and document
        template take them."""
        return dict(cropMarks=self.marks(), trimBox=self.trim_box(width, height),
                    bleedBox=self.bleed_box(width, height))
