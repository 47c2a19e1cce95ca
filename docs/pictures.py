"""Render the README's pictures from the real default booklet.

Run from the repository folder: `.venv/bin/python docs/pictures.py` (needs pypdfium2,
which the test extra installs). Writes docs/images/readme-cover-spread.png.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SPREAD = (10, 11)  # a left and a right page that face each other in the printed booklet


def render(pdf: pdfium.PdfDocument, number: int, scale: float) -> Image.Image:
    return pdf[number - 1].render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "booklet.pdf"
        subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "-o", str(out)],
                       check=True, cwd=ROOT)
        pdf = pdfium.PdfDocument(out)
        pdf.init_forms()
        cover = render(pdf, 1, 1.4)
        left, right = (render(pdf, n, 1.4) for n in SPREAD)
    gap, margin = 40, 24
    width = margin * 2 + cover.width + gap + left.width + right.width
    height = margin * 2 + cover.height
    sheet = Image.new("RGB", (width, height), "#e9ecef")
    sheet.paste(cover, (margin, margin))
    x = margin + cover.width + gap
    sheet.paste(left, (x, margin))
    sheet.paste(right, (x + left.width, margin))
    target = ROOT / "docs" / "images" / "readme-cover-spread.png"
    sheet.save(target, optimize=True)
    print(target.relative_to(ROOT))  # noqa: T201 - a script's output


if __name__ == "__main__":
    main()
