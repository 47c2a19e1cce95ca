"""SVG logos, read with svglib into reportlab drawings, so the cover draws them as vectors.

svglib draws paths, basic shapes, gradients, clipping paths, <use>/<symbol>, CSS <style> and
embedded images. It has no filters, masks or patterns, and it would set text in the
standard PDF fonts, which the booklet does not embed: such a logo is refused with a clear
message (text is drawn in the booklet's own embedded font instead, see layout.brand_art).
svglib (and lxml) load only when a brand has an SVG logo.
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from guide.errors import ContentError
from guide.load.brand.drawing_cache import NotKept, from_json, to_json
from guide.load.paths import file_stamp, shown
from guide.user_cache import cache_file, read_quietly, write_quietly

MAX_BYTES = 5 * 1024 * 1024
KEPT = "svg-logos-v1"  # the cache folder of drawings svglib made (drawing_cache)
UNDRAWABLE = {"filter": "filters (blur, drop shadow)", "mask": "masks",
              "pattern": "pattern fills", "foreignObject": "embedded HTML (foreignObject)"}
_USES = re.compile(r"<\s*(?:\w+:)?(filter|mask|pattern|foreignObject)\b|\b(filter|mask)\s*[:=]"
                   r"\s*[\"']?\s*url\(")


class _Problems(logging.Handler):
    """svglib's own warnings and errors while it reads a file (what it could not draw)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def read_svg(path: Path) -> Any:
    """The logo as a reportlab Drawing; ContentError when it cannot be drawn faithfully."""
    return _read_version(path, file_stamp(path))


@lru_cache(maxsize=16)
def _read_version(path: Path, stamp: tuple[int, int]) -> Any:
    name = shown(path)
    if stamp[1] > MAX_BYTES:
        raise ContentError(name, None, "this SVG logo is larger than 5 MB",
                           "simplify it, or export the logo as PNG")
    data = path.read_bytes()
    cache = cache_file(KEPT, hashlib.sha256(data).hexdigest(), ".json")
    kept = read_quietly(cache)
    if kept is not None:
        drawing = from_json(kept)
        if drawing is not None:
            return drawing
    drawing = _drawn(name, path, data)
    try:
        write_quietly(cache, to_json(drawing))
    except NotKept:
        pass  # gradients or pictures: svglib draws it each time
    return drawing


def _drawn(name: str, path: Path, data: bytes) -> Any:
    text = data.decode("utf-8", "replace")
    undrawable = sorted({UNDRAWABLE[(m.group(1) or m.group(2))] for m in _USES.finditer(text)})
    if undrawable:
        raise ContentError(name, None, "this SVG logo uses " + " and ".join(undrawable)
                           + ", which cannot be drawn in the PDF",
                           "export the logo without them, or as a PNG of at least 1200 pixels")
    from svglib.svglib import svg2rlg  # only brands with an SVG logo need svglib

    problems = _Problems()
    logger = logging.getLogger("svglib.svglib")
    logger.addHandler(problems)
    old_propagate, logger.propagate = logger.propagate, False
    try:
        drawing = svg2rlg(str(path))
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
        raise ContentError(name, None, f"cannot read this SVG logo: {error}",
                           "export it again from the design program, or as PNG") from None
    finally:
        logger.removeHandler(problems)
        logger.propagate = old_propagate
    if drawing is None:
        detail = problems.messages[0] if problems.messages else "not an SVG file"
        raise ContentError(name, None, f"cannot read this SVG logo ({detail})",
                           "export it again from the design program, or as PNG")
    if not drawing.width or not drawing.height:
        raise ContentError(name, None, "this SVG logo has no size",
                           "give the <svg> element a viewBox or width and height")
    serious = [m for m in problems.messages if "color" not in m.lower()]
    if serious:
        raise ContentError(name, None, f"this SVG logo cannot be drawn as it is: {serious[0]}",
                           "export it again as plain SVG, or as PNG")
    return drawing
