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
        if first > last:
            raise ContentError(None, None, f"page range '{part.strip()}' is reversed",
                               f"write the smaller number first: {last}-{first}")
        if first < 1 or last > count or first > last:
            raise ContentError(None, None, f"page range '{part.strip()}' is outside 1-{count}",
                               f"this booklet has {count} pages; 'last' names the last one")
        chosen += [n for n in range(first, last + 1) if n not in chosen]
    return chosen


def render_pages(pdf: bytes, pages: list[int], folder: Path, width_px: int,
                 content: Path | None = None, brand=None) -> list[Path]:  # type: ignore[no-untyped-def]
    """Each chosen page as `page-NN.png`, `width_px` wide, keeping the page's proportions.
    Each file is written atomically, and never over a file the build reads or a device."""
    import io

    from guide.output_path import check_target
    from guide.pipeline import write_atomic

    targets = [folder / f"page-{number:02d}.png" for number in pages]
    for target in targets:
        check_target(target, content, brand=brand)
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise ContentError(None, None, "previews need pypdfium2",
                           f"install the tool's dependencies into this Python: {sys.executable} "
                           "-m pip install .") from None
    document = pdfium.PdfDocument(pdf)
    document.init_forms()
    written = []
    for number, target in zip(pages, targets):
        page = document[number - 1]
        scale = width_px / page.get_width()
        png = io.BytesIO()
        page.render(scale=scale, may_draw_forms=True).to_pil().convert("RGB").save(png, "PNG")
        write_atomic(target, png.getvalue())
        written.append(target)
    return written
