"""The school's logo and its web address as a vector QR code, drawn on a canvas."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.utils import ImageReader


@lru_cache(maxsize=32)
def _logo_reader(path: Path) -> ImageReader:
    return ImageReader(str(path))


def logo_painter(path: Path | None):  # type: ignore[no-untyped-def]
    """A function drawing the logo inside a box, keeping its proportions."""
    if path is None:
        return None

    def draw(canv: Any, x: float, y: float, w: float, h: float, align: str) -> None:
        reader = _logo_reader(path)
        iw, ih = reader.getSize()
        scale = min(w / iw, h / ih)
        dw, dh = iw * scale, ih * scale
        dx = {"center": (w - dw) / 2, "right": w - dw}.get(align, 0)
        canv.drawImage(reader, x + dx, y + (h - dh) / 2, dw, dh, mask="auto")

    return draw


def draw_qr(canv: Any, url: str, x: float, y: float, size: float, color: Any) -> None:
    widget = QrCodeWidget(url, barLevel="M", barFillColor=color, barStrokeColor=color)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0),
                                             -x0 * size / (x1 - x0), -y0 * size / (y1 - y0)])
    drawing.add(widget)
    renderPDF.draw(drawing, canv, x, y)
