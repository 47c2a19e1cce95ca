"""The flyer and the poster as PDF/X-4 and X-1a: the booklet's preflight checks (test_pdfx)
on the kit's files, the command line's --pdf-x and --icc, and Ghostscript's plates, which
must leave bare paper wherever the screen file shows it (no box behind a transparent logo)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf.generic import DictionaryObject
from conftest import DEFAULT_PACK, REPO
from test_kit import render, reader
from test_pdfx import (
    PLATES,
    _rgb,
    check_no_transparency,
    check_pdfx_file,
    every_object,
    needs_gs,
    separate,
    worst_block,
)

from guide.cli.commands import main
from guide.errors import ContentError
from guide.kit.pieces import SIZES
from guide.printing.icc import DEFAULT_PROFILE
from guide.printing.print_edition import PrintGeometry

LAKESIDE = REPO / "content" / "brands" / "lakeside.yml"
RIVERTON = REPO / "content" / "brands" / "riverton.yml"
VERSIONS = {"4": ("PDF/X-4", "%PDF-1.6"), "1a": ("PDF/X-1a:2003", "%PDF-1.4")}


@pytest.fixture(scope="module")
def pieces() -> dict[tuple[str, str], bytes]:
    """Lakeside's flyer and poster (a transparent PNG logo) as X-4, X-1a and on screen."""
    built = {}
    for kind in ("flyer", "poster"):
        for version in VERSIONS:
            built[kind, version] = render(kind, brand=LAKESIDE, print_ready=True, cmyk=True,
                                          pdf_x=version).pdf
        built[kind, "digital"] = render(kind, brand=LAKESIDE).pdf
    return built


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("kind", ["flyer", "poster"])
def test_the_kit_passes_the_booklets_pdfx_checks(pieces, kind: str, version: str) -> None:
    name, header = VERSIONS[version]
    pdf = pieces[kind, version]
    check_pdfx_file(pdf, name, header)
    if version == "1a":
        check_no_transparency(pdf)
    width, height = SIZES[kind]["letter" if kind == "flyer" else "18x24in"]
    for page in reader(pdf).pages:  # the trim is the piece's paper, the bleed 0.125 in
        trim, bleed = page.trimbox, page.bleedbox
        assert (round(float(trim.width), 2), round(float(trim.height), 2)) == \
            (round(width, 2), round(height, 2))
        assert round(float(trim.left - bleed.left), 2) == 9.0


@pytest.mark.parametrize("kind", ["flyer", "poster"])
def test_x4_keeps_the_logos_alpha_and_x1a_flattens_it(pieces, kind: str) -> None:
    def logos(pdf: bytes) -> list:
        return [o for o in every_object(reader(pdf)) if isinstance(o, DictionaryObject)
                and o.get("/Subtype") == "/Image"
                and o.get("/ColorSpace") != "/DeviceGray"]

    x4, x1a = logos(pieces[kind, "4"]), logos(pieces[kind, "1a"])
    assert x4 and all(i["/ColorSpace"] == "/DeviceCMYK" and "/SMask" in i for i in x4)
    assert x1a and all(i["/ColorSpace"] == "/DeviceCMYK" and "/SMask" not in i for i in x1a)


def test_pdfx_on_the_kit_is_reproducible(pieces) -> None:
    assert render("flyer", brand=LAKESIDE, print_ready=True, cmyk=True,
                  pdf_x="4").pdf == pieces["flyer", "4"]


def test_pdfx_without_print_or_with_grayscale_is_refused() -> None:
    with pytest.raises(ContentError, match="CMYK print edition"):
        render("poster", pdf_x="4")
    with pytest.raises(ContentError, match="exclude each other"):
        render("flyer", print_ready=True, grayscale=True, pdf_x="4")


def _trimmed(pdf: bytes, folder: Path, name: str, dpi: int,
             size: tuple[int, int]):  # type: ignore[no-untyped-def]
    """The print file rendered by Ghostscript, cut to its trim (the screen file's size)."""
    border = round(PrintGeometry.for_bleed(9.0).border * dpi / 72)
    return _rgb(pdf, folder, name, dpi).crop((border, border, border + size[0],
                                              border + size[1]))


@needs_gs
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("kind", ["flyer", "poster"])
def test_the_printed_front_looks_like_the_screen_file(pieces, tmp_path: Path, kind: str,
                                                      version: str) -> None:
    """Block by block, as the booklet's cover is checked: a box behind the logo (its alpha
    dropped) turns the white card around the shield into solid colour and fails this."""
    dpi = 72 if kind == "flyer" else 24  # the 33 pt border a whole number of pixels
    digital = _rgb(pieces[kind, "digital"], tmp_path, "digital", dpi)
    printed = _trimmed(pieces[kind, version], tmp_path, version, dpi, digital.size)
    assert worst_block(digital, printed, 8) < 30


@needs_gs
@pytest.mark.parametrize("version", VERSIONS)
def test_bare_paper_on_screen_is_bare_paper_on_every_plate(pieces, tmp_path: Path,
                                                           version: str) -> None:
    """Where the screen flyer shows white (and so do its neighbours), Ghostscript's tiffsep
    plates carry no ink: the card behind Lakeside's transparent shield included."""
    from PIL import ImageChops, ImageFilter

    dpi = 72
    digital = _rgb(pieces["flyer", "digital"], tmp_path, "digital", dpi)
    darkest = ImageChops.darker(ImageChops.darker(*digital.split()[:2]), digital.split()[2])
    white = darkest.filter(ImageFilter.MinFilter(5)).point(lambda v: 255 if v >= 250 else 0)
    border = round(PrintGeometry.for_bleed(9.0).border * dpi / 72)
    plates = separate(pieces["flyer", version], tmp_path, dpi=dpi)[1]
    card = (round(0.072 * digital.width), round(0.038 * digital.height),
            round(0.348 * digital.width), round(0.086 * digital.height))  # the logo's box
    assert white.crop(card).histogram()[255] > 200  # the card around the shield is white
    for plate in PLATES:
        ink = plates[plate].crop((border, border, border + digital.width,
                                  border + digital.height))
        on_paper = ImageChops.multiply(ink, white)
        assert on_paper.getextrema()[1] <= 13, plate  # at most 5 % of any ink


def test_command_line_pdf_x_for_flyer_and_poster(tmp_path: Path) -> None:
    runner = CliRunner()
    for command, args, version in (("flyer", ["--pdf-x"], "PDF/X-4"),
                                   ("poster", ["--pdf-x", "1a", "--size", "a3"], "PDF/X-1a:2003"),
                                   ("flyer", ["--pdf-x", "4", "--bleed", "3mm", "--brand",
                                              str(RIVERTON)], "PDF/X-4")):
        out = tmp_path / f"{command}.pdf"
        result = runner.invoke(main, [command, str(DEFAULT_PACK), "-o", str(out), *args],
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output
        doc = reader(out.read_bytes())
        assert doc.trailer["/Info"]["/GTS_PDFXVersion"] == version
        assert float(doc.pages[0].trimbox.left) > 0  # --pdf-x implies --print
        assert all("/Annots" not in page for page in doc.pages)
    own = tmp_path / "shop.icc"
    own.write_bytes(DEFAULT_PROFILE.read_bytes())
    result = runner.invoke(main, ["poster", str(DEFAULT_PACK), "-o", str(tmp_path / "p.pdf"),
                                  "--pdf-x", "--icc", str(own)])
    assert result.exit_code == 0, result.output
    intent = reader((tmp_path / "p.pdf").read_bytes()).trailer["/Root"]["/OutputIntents"][0]
    assert intent.get_object()["/OutputConditionIdentifier"] == "Custom"
    for args, message in ((["--pdf-x", "--icc", str(tmp_path / "none.icc")], "none.icc"),
                          (["--pdf-x", "--grayscale"], "exclude each other"),
                          (["--bleed", "3mm"], "--bleed is used only with --print")):
        result = runner.invoke(main, ["flyer", str(DEFAULT_PACK), "-o",
                                      str(tmp_path / "x.pdf"), *args])
        assert result.exit_code == 2 and message in result.output, result.output
        assert "Traceback" not in result.output


def test_the_default_name_says_pdfx(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["poster", str(DEFAULT_PACK), "--pdf-x", "1a"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dist" / "pain-medicine-poster-print-pdfx1a.pdf").is_file()
