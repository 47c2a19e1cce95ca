"""PNG thumbnails of chosen pages, for review and for documentation pictures."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from guide.errors import ContentError

PAGES = re.compile(r"^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$")


def parse_pages(spec: str, count: int) -> list[int]:
    """'1,3-4' → [1, 3, 4]; 'all' → every page; 'last' is the last page (also in ranges,
    '20-last'). Numbers count from 1, like a PDF viewer."""
    if spec.strip() == "all":
        return list(range(1, count + 1))
    spec = re.sub(r"\blast\b", str(count), spec)
    if not PAGES.match(spec):
        raise ContentError(None, None, f"--pages '{spec}' is not understood",
                           "use numbers and ranges like 1,3-4,last, or all")
    chosen: list[int] = []
    for part in spec.split(","):
        low, _, high = part.strip().partition("-")
        first, last = int(low), int(high or low)
        if first < 1 or last > count or first > last:
            raise ContentError(None, None, f"page range '{part.strip()}' is outside 1-{count}",
                               f"this booklet has {count} pages; 'last' names the last one")
        chosen += [n for n in range(first, last + 1) if n not in chosen]
    return chosen


def render_pages(pdf: bytes, pages: list[int], folder: Path, width_px: int) -> list[Path]:
    """Each chosen page as `page-NN.png`, `width_px` wide, keeping the page's proportions."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise ContentError(None, None, "previews need pypdfium2",
                           f"install the tool's dependencies into this Python: {sys.executable} "
                           "-m pip install .") from None
    document = pdfium.PdfDocument(pdf)
    document.init_forms()
    written = []
    for number in pages:
        page = document[number - 1]
        scale = width_px / page.get_width()
        target = folder / f"page-{number:02d}.png"
        page.render(scale=scale, may_draw_forms=True).to_pil().convert("RGB").save(target)
        written.append(target)
    return written
