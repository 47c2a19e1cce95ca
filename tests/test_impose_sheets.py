"""Imposed sheets, rendered: marks on the sheet, creep that stays on its half, a blank
margin for office printers."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from guide.printing.impose import MARK_ROOM, impose_saddle_stitch

HALF_LETTER = (LETTER[1] / 2, LETTER[0])  # 5.5 x 8.5 in
COLOURS = [(1, 0, 0), (0, 0.6, 0), (0, 0, 1), (0.9, 0.7, 0), (0.6, 0, 0.6), (0, 0.6, 0.6),
           (0.5, 0.3, 0), (0.3, 0.3, 0.3)]


def solid_pages(count: int = 8) -> bytes:
    """Pages filled edge to edge with one colour each: whatever shows where tells whose."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=HALF_LETTER, invariant=1)
    for colour in COLOURS[:count]:
        canvas.setFillColorRGB(*colour)
        canvas.rect(0, 0, *HALF_LETTER, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render(pdf: bytes, side: int, scale: float = 1.0):  # type: ignore[no-untyped-def]
    return pdfium.PdfDocument(pdf)[side].render(scale=scale).to_pil().convert("RGB")


def colour_of(page: int) -> tuple[int, int, int]:
    return tuple(round(v * 255) for v in COLOURS[page - 1])  # type: ignore[return-value]


def near(pixel, colour, tolerance: int = 8) -> bool:  # type: ignore[no-untyped-def]
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def test_creep_keeps_each_page_on_its_half_of_the_sheet() -> None:
    """Inner sheets' pages move toward the fold, but the right-hand page's edge must not
    cross the fold onto the left-hand page (the clip stays put)."""
    creep = 6.0
    result = impose_saddle_stitch(solid_pages(), "letter", creep=creep)
    image = render(result.pdf, 2)  # side 3: the second sheet's front, pages (6, 3)
    fold = image.width // 2
    left, right = 6, 3
    for y in (50, image.height // 2, image.height - 50):
        for dx in (1, 2, 3, 4):  # the creep's width just left of the fold
            assert not near(image.getpixel((fold - dx, y)), colour_of(right)), (dx, y)
        assert near(image.getpixel((fold - 8, y)), colour_of(left))
        assert near(image.getpixel((fold + 8, y)), colour_of(right))
    # the content did move: the left page now starts `creep` from the sheet's edge
    assert near(image.getpixel((2, image.height // 2)), (255, 255, 255))
    assert near(image.getpixel((int(creep) + 2, image.height // 2)), colour_of(left))


def test_sheet_margin_keeps_the_edge_blank() -> None:
    margin = 5 * 72 / 25.4
    plain = render(impose_saddle_stitch(solid_pages(), "letter").pdf, 0)
    assert not near(plain.getpixel((1, plain.height // 2)), (255, 255, 255))  # edge to edge
    result = impose_saddle_stitch(solid_pages(), "letter", margin=margin)
    assert result.scale < 1
    image = render(result.pdf, 0)
    edge = int(margin) - 1
    for x, y in ((edge, image.height // 2), (image.width - edge - 1, image.height // 2),
                 (image.width // 4, edge), (image.width // 4, image.height - edge - 1)):
        assert near(image.getpixel((x, y)), (255, 255, 255)), (x, y)
    left_edge = (image.width - 2 * HALF_LETTER[0] * result.scale) / 2  # centred; margin at least
    assert left_edge >= margin - 0.01
    assert near(image.getpixel((int(left_edge) + 3, image.height // 2)), colour_of(8))


@pytest.mark.parametrize("margin", [0.0, 20.0])
def test_sheet_marks_are_drawn_on_the_sheet(margin: float) -> None:
    """Fold and trim marks print (they used to sit off the sheet, clipped away)."""
    with_marks = impose_saddle_stitch(solid_pages(), "letter", marks=True, margin=margin)
    without = impose_saddle_stitch(solid_pages(), "letter", margin=max(margin, MARK_ROOM))
    marked, plain = render(with_marks.pdf, 0, 2), render(without.pdf, 0, 2)
    assert marked.size == plain.size and marked.tobytes() != plain.tobytes()
    room = int(max(margin, MARK_ROOM) * 2)
    fold = marked.width // 2
    top_strip = marked.crop((fold - 2, 0, fold + 3, room - 8))
    assert top_strip.convert("L").getextrema()[0] < 200  # the dashed fold mark
    # a trim mark in the top margin above the left page's outer edge
    pages_left = (marked.width - 2 * with_marks.scale * HALF_LETTER[0] * 2) / 2
    corner = marked.crop((int(pages_left) - 2, 0, int(pages_left) + 3, room - 8))
    assert corner.convert("L").getextrema()[0] < 200
    assert plain.crop((fold - 2, 0, fold + 3, room - 8)).convert("L").getextrema()[0] > 250
