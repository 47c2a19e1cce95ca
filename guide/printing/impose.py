"""Saddle-stitch imposition: booklet pages two-up on landscape sheets, in folding order."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import RectangleObject
from reportlab.lib.pagesizes import A4, LETTER

from guide.errors import ContentError

SHEETS = {"letter": (LETTER[1], LETTER[0]), "a4": (A4[1], A4[0])}  # landscape


MARK_ROOM = 12.0  # points of sheet edge --sheet-marks keeps free for its marks
MARK_GAP = 3.0  # marks stop this far short of the pages


def imposition_scale(page_size: str, sheet: str, margin: float = 0.0,
                     marks: bool = False) -> float:
    """How much a trim size shrinks to fit two-up on the sheet (1.0: full size)."""
    from guide.layout.theme import PAGE_SIZES
    page_w, page_h = PAGE_SIZES[page_size]
    return _scale(page_w, page_h, sheet, sheet_margin(margin, marks))


def sheet_margin(margin: float, marks: bool) -> float:
    """The blank edge of each sheet: as asked, and wide enough for the marks if wanted."""
    return max(margin, MARK_ROOM) if marks else margin


def _scale(page_w: float, page_h: float, sheet: str, margin: float) -> float:
    sheet_w, sheet_h = SHEETS[sheet]
    scale = min(1.0, (sheet_w - 2 * margin) / (2 * page_w), (sheet_h - 2 * margin) / page_h)
    # A5 on A4 is 0.1% short of full size: print it 1:1
    return 1.0 if abs(scale - 1.0) < 0.003 and not margin else scale


@dataclass(frozen=True)
class Imposition:
    pdf: bytes
    sides: int  # printed sides: two per sheet of paper
    scale: float


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers for each printed side, front then back of each sheet.

    For 8 pages: (8, 1), (2, 7), (6, 3), (4, 5): fold the stack and page 1 is on top.
    """
    if pages % 4:
        raise ValueError("a saddle-stitched booklet needs a multiple of four pages")
    order = []
    for sheet in range(pages // 4):
        order.append((pages - 2 * sheet, 1 + 2 * sheet))
        order.append((2 + 2 * sheet, pages - 1 - 2 * sheet))
    return order


def impose_saddle_stitch(source: bytes, sheet: str = "letter", creep: float = 0.0,
                         marks: bool = False, margin: float = 0.0) -> Imposition:
    """Two trim-size pages side by side per landscape side; print duplex, flip on short edge.

    `creep` (points per sheet, counted from the outside) moves inner sheets' pages toward
    the fold, so their outer margins survive trimming a thick folded booklet; each page
    stays clipped to its own half of the sheet, so nothing crosses the fold. `margin`
    keeps the sheet's edge blank (office printers cannot print the last 4-6 mm); `marks`
    draws fold and trim marks in that margin, making room for them if there is none.
    """
    if sheet not in SHEETS:
        raise ContentError(None, None, f"unknown sheet '{sheet}'", "use letter or a4")
    reader = PdfReader(io.BytesIO(source))
    count = len(reader.pages)
    page_w = float(reader.pages[0].mediabox.width)
    page_h = float(reader.pages[0].mediabox.height)
    sheet_w, sheet_h = SHEETS[sheet]
    margin = sheet_margin(margin, marks)
    scale = _scale(page_w, page_h, sheet, margin)
    used_w, used_h = 2 * page_w * scale, page_h * scale
    x0, y0 = (sheet_w - used_w) / 2, (sheet_h - used_h) / 2
    writer = PdfWriter()
    for side, (left, right) in enumerate(booklet_order(count)):
        shift = creep * (side // 2)
        out = PageObject.create_blank_page(width=sheet_w, height=sheet_h)
        for number, x, moved in ((left, x0 + shift, shift), (right, x0 + used_w / 2 - shift, -shift)):
            page = reader.pages[number - 1]
            # pypdf clips a merged page to its crop box, in the page's own coordinates:
            # move that box against the creep so the clip stays on the page's half.
            page.cropbox = RectangleObject((-moved / scale, 0, page_w - moved / scale, page_h))
            out.merge_transformed_page(page, Transformation().scale(scale).translate(x, y0))
        if marks:
            _sheet_marks(out, x0, y0, used_w, used_h, sheet_w, sheet_h)
        writer.add_page(out)
    writer.add_metadata({k: v for k, v in (reader.metadata or {}).items() if isinstance(v, str)})
    buffer = io.BytesIO()
    writer.write(buffer)
    return Imposition(buffer.getvalue(), len(writer.pages), scale)


def _sheet_marks(page: PageObject, x0: float, y0: float, w: float, h: float,
                 sheet_w: float, sheet_h: float) -> None:
    """A dashed fold mark at the centre and trim marks at the corners, in the blank margin
    between the pages and the sheet's edge (on the sheet, so they print)."""
    from pypdf.generic import DecodedStreamObject

    fold_x = x0 + w / 2
    # from the sheet's edge (less a hairline) to MARK_GAP short of the pages
    above = (y0 + h + MARK_GAP, sheet_h - 0.5)
    below = (0.5, y0 - MARK_GAP)
    left = (0.5, x0 - MARK_GAP)
    right = (x0 + w + MARK_GAP, sheet_w - 0.5)
    ops = ["q 0 0 0 1 K 0.3 w"]
    for a, b in (above, below):
        if b > a:
            ops.append(f"[3 2] 0 d {fold_x:.2f} {a:.2f} m {fold_x:.2f} {b:.2f} l S [] 0 d")
    for x in (x0, x0 + w):
        for a, b in (above, below):
            if b > a:
                ops.append(f"{x:.2f} {a:.2f} m {x:.2f} {b:.2f} l S")
    for y in (y0, y0 + h):
        for a, b in (left, right):
            if b > a:
                ops.append(f"{a:.2f} {y:.2f} m {b:.2f} {y:.2f} l S")
    ops.append("Q")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode())
    page.merge_page(_overlay(page, stream))


def _overlay(base: PageObject, stream) -> PageObject:  # type: ignore[no-untyped-def]
    overlay = PageObject.create_blank_page(width=float(base.mediabox.width),
                                           height=float(base.mediabox.height))
    from pypdf.generic import NameObject
    overlay[NameObject("/Contents")] = stream
    return overlay
