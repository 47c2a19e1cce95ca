"""The school's logo and its web address as a vector QR code, drawn on a canvas."""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import reportlab
from reportlab.lib.utils import ImageReader

from guide.load.paths import file_stamp
from guide.user_cache import cache_file, read_quietly, write_quietly

QR_QUIET_ZONE = 4  # modules of white around the code, as scanners expect
QR_LEVEL = "M"  # error correction: about 15% of the code may be damaged


@lru_cache(maxsize=1)
def _qr_encoder() -> ModuleType:
    """reportlab's QR encoder module, loaded on its own: importing it through its package
    runs the package's __init__, which imports every barcode widget reportlab has (a
    twentieth of the tool's start-up). The module itself needs only the standard library."""
    source = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location("_career_guide_qrencoder", source)
    if spec is None or spec.loader is None or not source.is_file():
        from reportlab.graphics.barcode import qrencoder
        return qrencoder
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=32)
def _logo_reader(path: Path, stamp: tuple[int, int]) -> ImageReader:
    """Cached per file version (`stamp`), so `watch` picks up a replaced logo."""
    return ImageReader(str(path))


@lru_cache(maxsize=32)
def _flattened_reader(path: Path, stamp: tuple[int, int],
                      behind: tuple[int, int, int]) -> ImageReader:
    """The logo composited onto the colour behind it: an opaque image, for PDF/X-1a,
    which allows no transparency."""
    from PIL import Image

    with Image.open(path) as image:
        logo = image.convert("RGBA")
    back = Image.new("RGBA", logo.size, (*behind, 255))
    return ImageReader(Image.alpha_composite(back, logo).convert("RGB"))


def logo_painter(path: Path | None, faces: Any = None,
                 flatten: bool = False):  # type: ignore[no-untyped-def]
    """A function drawing the logo inside a box, keeping its proportions: a PNG or JPEG as
    an image, an SVG as vectors (its text set in the booklet's heading face, `faces`, as the
    PDF embeds no other). `behind` is the colour it is drawn on (None: the paper); with
    `flatten` (PDF/X-1a), an image is composited onto it instead of keeping its
    transparency."""
    if path is None:
        return None
    if path.suffix.lower() == ".svg":
        return _svg_painter(path, faces)

    def draw(canv: Any, x: float, y: float, w: float, h: float, align: str,
             behind: Any = None) -> None:
        if flatten:
            rgb = (1.0, 1.0, 1.0) if behind is None else behind.rgb()
            reader = _flattened_reader(path, file_stamp(path),
                                       tuple(round(v * 255) for v in rgb))
        else:
            reader = _logo_reader(path, file_stamp(path))
        iw, ih = reader.getSize()
        scale = min(w / iw, h / ih)
        dw, dh = iw * scale, ih * scale
        dx = {"center": (w - dw) / 2, "right": w - dw}.get(align, 0)
        canv.drawImage(reader, x + dx, y + (h - dh) / 2, dw, dh,
                       mask=None if flatten else "auto")

    return draw


def _svg_painter(path: Path, faces: Any):  # type: ignore[no-untyped-def]
    from guide.load.brand.svg import read_svg

    def draw(canv: Any, x: float, y: float, w: float, h: float, align: str,
             behind: Any = None) -> None:  # vectors: nothing to flatten
        from reportlab.graphics import renderPDF

        drawing = read_svg(path)
        if faces is not None:
            _embedded_text(drawing, faces)
        scale = min(w / drawing.width, h / drawing.height)
        dw, dh = drawing.width * scale, drawing.height * scale
        dx = {"center": (w - dw) / 2, "right": w - dw}.get(align, 0)
        canv.saveState()
        canv.translate(x + dx, y + (h - dh) / 2)
        canv.scale(scale, scale)
        renderPDF.draw(drawing, canv, 0, 0)
        canv.restoreState()

    return draw


def _embedded_text(node: Any, faces: Any) -> None:
    """Text in an SVG logo in the booklet's heading face (bold where the SVG asks for bold):
    svglib would pick a standard PDF font, which is not embedded."""
    from reportlab.graphics.shapes import String

    for child in getattr(node, "contents", ()):
        if isinstance(child, String):
            bold = "bold" in str(child.fontName).lower() or "black" in str(child.fontName).lower()
            child.fontName = faces.bold if bold else faces.regular
        else:
            _embedded_text(child, faces)


@lru_cache(maxsize=64)
def qr_runs(url: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The code's size in modules and its dark runs (row, first column, length).

    Kept for the process (a batch of booklets sharing a web address encodes it once) and in
    the user's cache folder: reportlab's encoder is pure Python, about 5 ms a code.
    """
    cache = cache_file(f"qr-{reportlab.Version}", f"{QR_LEVEL}|{url}", ".json")
    stored = _stored_runs(read_quietly(cache))
    if stored is not None:
        return stored
    count, runs = _encoded_runs(url)
    write_quietly(cache, json.dumps([count, runs]).encode("ascii"))
    return count, runs


def _stored_runs(data: bytes | None) -> tuple[int, tuple[tuple[int, int, int], ...]] | None:
    """A cache entry, if it is whole and well-formed."""
    if data is None:
        return None
    try:
        count, runs = json.loads(data)
        if type(count) is int and all(len(run) == 3 and all(type(v) is int for v in run)
                                      for run in runs):
            return count, tuple(tuple(run) for run in runs)
    except (ValueError, TypeError):
        pass
    return None


def _encoded_runs(url: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    qrencoder = _qr_encoder()
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, QR_LEVEL))
    code.addData(url)
    code.make()
    runs = []
    for row, modules in enumerate(code.modules):
        col = 0
        while col < len(modules):
            if modules[col]:
                start = col
                while col < len(modules) and modules[col]:
                    col += 1
                runs.append((row, start, col - start))
            else:
                col += 1
    return code.getModuleCount(), tuple(runs)


def draw_qr(canv: Any, url: str, x: float, y: float, size: float, color: Any) -> None:
    """A vector QR code in one path (one fill operation, not a rectangle per run)."""
    count, runs = qr_runs(url)
    box = size / (count + 2 * QR_QUIET_ZONE)
    path = canv.beginPath()
    for row, col, length in runs:
        path.rect(x + (col + QR_QUIET_ZONE) * box, y + size - (row + 1 + QR_QUIET_ZONE) * box,
                  length * box, box)
    canv.saveState()
    canv.setFillColor(color)
    canv.drawPath(path, stroke=0, fill=1)
    canv.restoreState()
