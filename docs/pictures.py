"""Render the README's pictures from the real default booklet.

Run from the repository folder: `.venv/bin/python docs/pictures.py` (needs pypdfium2,
which the test extra installs). Writes docs/images/readme-*.png: the cover and a spread, the
two example brands' covers side by side, the timeline pages, an imposed office sheet, the
career-fair kit (both sides of the flyer and the poster) for the default and Lakeside brands,
and the plates of the PDF/X edition as Ghostscript separates them (needs `gs`).
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


def build(folder: Path, name: str, *args: str, command: str = "build") -> pdfium.PdfDocument:
    out = Path(folder) / f"{name}.pdf"
    subprocess.run([sys.executable, str(ROOT / "build.py"), command, "-o", str(out), *args],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    pdf = pdfium.PdfDocument(out)
    pdf.init_forms()
    return pdf


def page_of(pdf: pdfium.PdfDocument, text: str) -> int:
    """The 1-based number of the first page whose text contains `text`."""
    for index in range(len(pdf)):
        if text in pdf[index].get_textpage().get_text_range():
            return index + 1
    raise SystemExit(f"no page contains {text!r}")


def sheet_of(images: list[Image.Image], gap: int = 40, margin: int = 24,
             pairs: bool = False) -> Image.Image:
    """Pictures in a row on a grey sheet; with `pairs`, every second one touches the last."""
    width = margin * 2 + sum(i.width for i in images) + gap * (len(images) - 1)
    if pairs:
        width -= gap * (len(images) // 2)
    height = margin * 2 + max(i.height for i in images)
    sheet = Image.new("RGB", (width, height), "#e9ecef")
    x = margin
    for index, image in enumerate(images):
        sheet.paste(image, (x, margin))
        x += image.width + (0 if pairs and index % 2 == 0 else gap)
    return sheet


def save(sheet: Image.Image, name: str) -> None:
    target = ROOT / "docs" / "images" / name
    sheet.save(target, optimize=True)
    print(target.relative_to(ROOT))  # noqa: T201 - a script's output


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        pdf = build(folder, "default")
        cover = render(pdf, 1, 1.4)
        left, right = (render(pdf, n, 1.4) for n in SPREAD)
        glance, years = page_of(pdf, "Routes through"), page_of(pdf, "Year 14+")
        strip = page_of(pdf, "You are here: stage 3")
        timeline = [render(pdf, n, 1.1) for n in (glance, strip, years)]
        brands = []
        for name in ("lakeside", "riverton"):
            branded = build(folder, name, "--brand", f"content/brands/{name}.yml")
            brands += [render(branded, 1, 1.1), render(branded, len(branded), 1.1)]
        imposed = build(folder, "imposed", "--impose", "saddle-stitch", "--sheet", "letter",
                        "--sheet-marks")
        sheets = [render(imposed, 1, 0.9), render(imposed, 2, 0.9)]
    save(sheet_of([cover, left, right], pairs=False), "readme-cover-spread.png")
    save(sheet_of(timeline), "readme-timeline.png")
    save(sheet_of(brands, pairs=True), "readme-brands.png")
    save(sheet_of(sheets), "readme-imposed.png")
    with tempfile.TemporaryDirectory() as folder:
        for name, args in (("default", ()), ("lakeside", ("--brand", "content/brands/lakeside.yml"))):
            flyer = build(folder, f"{name}-flyer", *args, command="flyer")
            poster = build(folder, f"{name}-poster", *args, command="poster")
            sides = [render(flyer, 1, 0.9), render(flyer, 2, 0.9)]
            # The poster at the flyer's height: about a quarter of its printed size.
            scale = 0.9 * flyer[0].get_size()[1] / poster[0].get_size()[1]
            save(sheet_of([*sides, render(poster, 1, scale)]), f"readme-kit-{name}.png")
    save(languages_sheet(), "readme-languages.png")
    save(separations(), "readme-separations.png")


def languages_sheet() -> Image.Image:
    """The same page of the English and the Spanish edition, side by side."""
    with tempfile.TemporaryDirectory() as folder:
        english, spanish = build(folder, "en"), build(folder, "es", "--lang", "es")
        pages = [render(english, page_of(english, "Pick a major you enjoy"), 1.2),
                 render(spanish, page_of(spanish, "Escoge una carrera que disfrutes"), 1.2)]
    return sheet_of(pages)


INKS = {"Cyan": (0, 166, 226), "Magenta": (226, 0, 122), "Yellow": (255, 230, 0),
        "Black": (30, 30, 30)}


def separations() -> Image.Image:
    """The Lakeside cover and a text page of `--pdf-x`, as printed and plate by plate
    (each plate in its ink), with each page's most ink in one spot (total area coverage)."""
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype(str(ROOT / "guide" / "fonts" / "Lato-Bold.ttf"), 20)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        build(folder, "pdfx", "--pdf-x", "--brand", "content/brands/lakeside.yml")
        pdf = Path(folder) / "pdfx.pdf"
        pages = (1, page_of(pdfium.PdfDocument(pdf), "If you have watched"))
        for number in pages:
            subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep",
                            "-r60", f"-dFirstPage={number}", f"-dLastPage={number}",
                            f"-sOutputFile={folder}/sep.tif", str(pdf)], check=True)
            plates = {name: Image.open(Path(folder) / f"sep({name}).tif").convert("L")
                      for name in INKS}
            composite = Image.open(Path(folder) / "sep.tif").convert("RGB")
            inks = [Image.composite(Image.new("RGB", plate.size, "white"),
                                    Image.new("RGB", plate.size, INKS[name]), plate)
                    for name, plate in plates.items()]
            total = max(sum(255 - plate.getpixel((x, y)) for plate in plates.values())
                        for x in range(0, composite.width, 2) for y in range(0, composite.height, 2)
                        if 40 < x < composite.width - 40 and 40 < y < composite.height - 40)
            labels = [f"as printed (most ink {total / 2.55:.0f}%)", *INKS]
            images = [composite, *inks]
            for image, label in zip(images, labels):
                ImageDraw.Draw(image).text((8, image.height - 28), label, fill=(200, 0, 0),
                                           font=font)
            rows.append(sheet_of(images, gap=16, margin=12))
    sheet = Image.new("RGB", (rows[0].width, sum(r.height for r in rows)), "#e9ecef")
    top = 0
    for row in rows:
        sheet.paste(row, (0, top))
        top += row.height
    return sheet


if __name__ == "__main__":
    main()
