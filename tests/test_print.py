"""Print-shop and office editions: page boxes, page counts in fours, imposition order, colour."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from guide.layout.theme import PAGE_SIZES
from guide.load.brand import load_brand
from guide.load.pack import load_guide
from guide.options import BuildOptions
from guide.pipeline import StageTimer, render_pdf
from guide.printing.impose import booklet_order, impose_saddle_stitch
from guide.printing.print_edition import PrintGeometry, parse_bleed

CHAPTER = """---
title: {title}
kind: {kind}
{stage}---
{body}
"""


def write_pack(root: Path, chapters: int = 5) -> Path:
    """A pack whose chapters each say which chapter they are, for page-order checks."""
    (root / "chapters").mkdir(parents=True)
    names = [f"part-{i}.md" for i in range(1, chapters + 1)]
    (root / "guide.yml").write_text(
        "title: Print Test\nsubtitle: Editions\nedition: 2026\nchapters: [" + ", ".join(names) + "]\n")
    (root / "timeline.yml").write_text(
        "stages:\n  - {id: one, label: One, years: 2}\n  - {id: two, label: Two, years: open}\n")
    for i, name in enumerate(names, start=1):
        kind, stage = ("stage", "stage: one\n") if i == 2 else ("chapter", "")
        body = f"Marker CHAPTER{i} text.\n\n" + ("Plenty of words here. " * 40 + "\n\n") * (i % 3)
        if i == 2:
            body += "\n## Checklist\n\n- [ ] First step\n- [x] Second step\n"
        (root / "chapters" / name).write_text(CHAPTER.format(title=f"Part {i}", kind=kind,
                                                             stage=stage, body=body))
    return root


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory):
    root = write_pack(tmp_path_factory.mktemp("print") / "pack")
    return load_guide(root), load_brand(None)


def render(pack, **options) -> pypdf.PdfReader:
    guide, brand = pack
    pdf, _ = render_pdf(guide, brand, BuildOptions(**options), StageTimer())
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_of(reader: pypdf.PdfReader, marker: str) -> int:
    return next(i + 1 for i, p in enumerate(reader.pages) if marker in p.extract_text())


@pytest.mark.parametrize("size", ["half-letter", "a5", "letter", "a4"])
def test_print_edition_boxes(pack, size: str) -> None:
    reader = render(pack, print_ready=True, page_size=size)
    width, height = PAGE_SIZES[size]
    geometry = PrintGeometry.for_bleed(9.0)
    for page in reader.pages:
        media, trim, bleed = page.mediabox, page.trimbox, page.bleedbox
        assert float(media.width) == pytest.approx(width + 2 * geometry.border)
        assert float(media.height) == pytest.approx(height + 2 * geometry.border)
        assert float(trim.width) == pytest.approx(width) and float(trim.height) == pytest.approx(height)
        assert float(trim.left) == pytest.approx(geometry.border)
        assert float(bleed.left) == pytest.approx(geometry.border - 9.0)
        assert float(bleed.width) == pytest.approx(width + 18.0)


def test_print_pages_in_fours_and_parts_on_right_hand_pages(pack) -> None:
    reader = render(pack, print_ready=True)
    assert len(reader.pages) % 4 == 0
    for i in (1, 2):  # the first chapter and the stage chapter open the booklet's parts
        assert page_of(reader, f"CHAPTER{i}") % 2 == 1, f"chapter {i} opens on a left page"
    digital = render(pack)
    for i in (3, 4, 5):  # ordinary chapters follow on the next page, left or right
        gap = page_of(reader, f"CHAPTER{i}") - page_of(reader, f"CHAPTER{i - 1}")
        assert gap == page_of(digital, f"CHAPTER{i}") - page_of(digital, f"CHAPTER{i - 1}"), i
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Notes" in text or "My next steps" in text  # fillers are designed pages
    assert "Questions?" in reader.pages[-1].extract_text()  # back cover stays last


def test_print_edition_has_no_form_fields_but_draws_boxes(pack) -> None:
    reader = render(pack, print_ready=True)
    assert not reader.get_fields()
    digital = render(pack)
    assert len(digital.get_fields()) == 2


def test_print_summary_counts_the_filler_pages_and_says_why(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from guide.cli.commands import main
    root = write_pack(tmp_path / "pack")
    result = CliRunner().invoke(main, ["build", str(root), "--print", "-o",
                                       str(tmp_path / "p.pdf")])
    assert result.exit_code == 0, result.output
    pages = len(pypdf.PdfReader(tmp_path / "p.pdf").pages)
    digital = CliRunner().invoke(main, ["build", str(root), "-o", str(tmp_path / "d.pdf")])
    added = pages - len(pypdf.PdfReader(tmp_path / "d.pdf").pages)
    assert "filler page" not in digital.output
    match = re.search(r"(\d+) filler pages? added: (.*)", result.output)
    assert match and int(match.group(1)) == added, result.output
    assert "multiple of four" in match.group(2) or "right-hand" in match.group(2)


def test_bleed_parsing() -> None:
    assert parse_bleed("3mm") == pytest.approx(8.504, abs=0.01)
    assert parse_bleed("0.125in") == pytest.approx(9.0)
    with pytest.raises(Exception, match="not a length"):
        parse_bleed("lots")


def test_art_runs_into_the_bleed(pack) -> None:
    """The cover background is drawn past the trim, so no white edge survives trimming."""
    import pypdfium2 as pdfium

    guide, brand = pack
    pdf, _ = render_pdf(guide, brand, BuildOptions(print_ready=True), StageTimer())
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=1).to_pil().convert("RGB")
    border = PrintGeometry.for_bleed(9.0).border
    inside_bleed = image.getpixel((int(border - 4), int(image.height / 2)))
    outside = image.getpixel((3, int(image.height / 2)))
    assert inside_bleed != (255, 255, 255)
    assert outside == (255, 255, 255)


def test_booklet_order() -> None:
    assert booklet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    with pytest.raises(ValueError):
        booklet_order(6)


@pytest.mark.parametrize("size,sheet", [("half-letter", "letter"), ("a5", "a4"),
                                        ("letter", "letter")])
def test_imposed_sheets_follow_booklet_order(pack, size: str, sheet: str) -> None:
    source = render(pack, impose=None, page_size=size, forms=False)
    guide, brand = pack
    pdf, pages = render_pdf(guide, brand, BuildOptions(page_size=size, impose="saddle-stitch",
                                                       sheet=sheet), StageTimer())
    imposed = pypdf.PdfReader(io.BytesIO(pdf))
    assert pages % 4 == 0
    assert len(imposed.pages) == pages // 2
    first = imposed.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)  # landscape
    del source
    for side, (left, right) in zip(imposed.pages, booklet_order(pages)):
        half = float(side.mediabox.width) / 2
        numbers = {"left": set(), "right": set()}

        def visitor(text, cm, tm, font_dict, font_size, numbers=numbers, half=half):
            x = tm[4] * cm[0] + cm[4]
            if re.fullmatch(r"\d{1,2}", text.strip()):
                numbers["left" if x < half else "right"].add(int(text.strip()))

        side.extract_text(visitor_text=visitor)
        # Running footers print the page number on inside pages; covers have none.
        if left not in (1, pages):
            assert left in numbers["left"], (left, numbers)
        if right not in (1, pages):
            assert right in numbers["right"], (right, numbers)


def test_a5_fits_a4_at_full_size(pack) -> None:
    guide, brand = pack
    pdf, _ = render_pdf(guide, brand, BuildOptions(page_size="a5", impose="saddle-stitch",
                                                   forms=False), StageTimer())
    del pdf
    source, _ = render_pdf(guide, brand, BuildOptions(page_size="a5", impose=None, forms=False),
                           StageTimer())
    result = impose_saddle_stitch(_pad_to_four(source), "a4")
    assert result.scale == 1.0


def _pad_to_four(pdf: bytes) -> bytes:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    writer = pypdf.PdfWriter(clone_from=reader)
    while len(writer.pages) % 4:
        writer.add_blank_page()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _colour_operators(reader: pypdf.PdfReader) -> list[bytes]:
    found = []
    for page in reader.pages:
        streams = [page.get_contents().get_data()]
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                streams.append(xobject.get_data())
        for data in streams:
            found += re.findall(rb"(?<![\w/])(rg|RG|k|K|g|G)(?![\w])", data)
    return found


def test_cmyk_edition_has_no_rgb_colour_operator(pack) -> None:
    reader = render(pack, print_ready=True, cmyk=True)
    operators = _colour_operators(reader)
    assert b"k" in operators
    assert b"rg" not in operators and b"RG" not in operators


def test_grayscale_proof_has_only_gray_operators(pack) -> None:
    reader = render(pack, grayscale=True)
    operators = set(_colour_operators(reader))
    assert operators <= {b"g", b"G", b"k", b"K"}  # K: crop-mark black in CMYK
    assert b"g" in operators


def test_cmyk_and_grayscale_exclude_each_other(pack) -> None:
    with pytest.raises(Exception, match="exclude each other"):
        render(pack, cmyk=True, grayscale=True)


def test_editions_are_reproducible(pack) -> None:
    guide, brand = pack
    for options in (BuildOptions(print_ready=True, cmyk=True),
                    BuildOptions(impose="saddle-stitch", sheet_marks=True)):
        first, _ = render_pdf(guide, brand, options, StageTimer())
        second, _ = render_pdf(guide, brand, options, StageTimer())
        assert first == second


def test_checkbox_fields_land_on_their_boxes_with_crop_marks(pack) -> None:
    """reportlab ignores the crop-mark shift for relative fields; ours add it back."""
    guide, brand = pack
    pdf, _ = render_pdf(guide, brand, BuildOptions(print_ready=True, forms=True), StageTimer())
    # print editions never carry fields: check the geometry through the digital edition and
    # the offset arithmetic through FormSettings directly.
    from guide.convert.flowables import FormSettings, _field_position

    class FakeCanvas:
        def absolutePosition(self, x, y):
            return x + 50, y + 60

    border = PrintGeometry.for_bleed(9.0).border
    assert _field_position(FakeCanvas(), 1, 2, FormSettings(True, (border, border))) == (
        51 + border, 62 + border)
    digital = render(pack)
    page = next(p for p in digital.pages if "/Annots" in p and any(
        a.get_object().get("/FT") == "/Btn" for a in p["/Annots"]))
    rects = [a.get_object()["/Rect"] for a in page["/Annots"] if a.get_object().get("/FT") == "/Btn"]
    for rect in rects:
        x0, y0, x1, y1 = (float(v) for v in rect)
        assert 0 < x0 < x1 < float(page.mediabox.width)
        assert 0 < y0 < y1 < float(page.mediabox.height)
