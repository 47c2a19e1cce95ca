"""PDF/X-4 and X-1a files, checked as a preflight would: the requirements of ISO 15930-7
(and -4 for X-1a) read from the file with pypdf, and the plates Ghostscript separates."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from guide.errors import ContentError
from guide.load.resources import resource_dir
from guide.options import BuildOptions
from guide.pipeline import render_booklet
from guide.printing.icc import DEFAULT_PROFILE, PressColor, load_profile
from guide.printing.pdfx import xmp_date
from guide.printing.print_edition import PrintGeometry

PACK = resource_dir("content") / "pain-medicine"
LAKESIDE = resource_dir("content") / "brands" / "lakeside.yml"
needs_gs = pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed")


@pytest.fixture(scope="module")
def editions() -> dict[str, bytes]:
    """The Lakeside booklet (a transparent PNG shield logo) as X-4, X-1a and digital."""
    built = {}
    for name, options in {"x4": BuildOptions(print_ready=True, cmyk=True, pdf_x="4"),
                          "x1a": BuildOptions(print_ready=True, cmyk=True, pdf_x="1a"),
                          "digital": BuildOptions(forms=False)}.items():
        built[name] = render_booklet(PACK, LAKESIDE, options)[0]
    return built


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def every_object(doc: pypdf.PdfReader):  # type: ignore[no-untyped-def]
    """Every dictionary and array reachable from the trailer, each once."""
    seen: set[int] = set()
    todo = [doc.trailer]
    while todo:
        item = todo.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            yield item
            todo.extend(v for k, v in item.items() if k != "/Parent")
        elif isinstance(item, ArrayObject):
            yield item
            todo.extend(item)


def fonts(doc: pypdf.PdfReader):  # type: ignore[no-untyped-def]
    for obj in every_object(doc):
        if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/Font" and \
                obj.get("/Subtype") != "/Type0":
            yield obj


@pytest.mark.parametrize("name,version,header", [("x4", "PDF/X-4", "%PDF-1.6"),
                                                 ("x1a", "PDF/X-1a:2003", "%PDF-1.4")])
def test_pdfx_file_structure(editions, name: str, version: str, header: str) -> None:
    check_pdfx_file(editions[name], version, header)


def check_pdfx_file(pdf: bytes, version: str, header: str) -> None:
    """ISO 15930-7 clause 6: version, output intent, metadata, boxes, fonts, annotations
    (the flyer and poster tests check their files with this too)."""
    doc = reader(pdf)
    assert pdf.startswith(header.encode())
    root = doc.trailer["/Root"]
    assert "/Encrypt" not in doc.trailer and doc.trailer.get("/ID")  # 6.1.3: ID, no encryption
    # 6.2.2: exactly one PDF/X output intent, with an embedded CMYK output profile
    intents = [i.get_object() for i in root["/OutputIntents"]]
    pdfx = [i for i in intents if i["/S"] == "/GTS_PDFX"]
    assert len(pdfx) == 1
    intent = pdfx[0]
    assert intent["/Type"] == "/OutputIntent"
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert intent["/RegistryName"] == "http://www.color.org"
    profile = intent["/DestOutputProfile"].get_object()
    data = profile.get_data()
    assert profile["/N"] == 4 and data[12:16] == b"prtr" and data[16:20] == b"CMYK"
    assert data == DEFAULT_PROFILE.read_bytes()
    # 6.7.5 / 6.7.6: document info and XMP agree; version, trapping, dates
    info = doc.trailer["/Info"].get_object()
    assert info["/GTS_PDFXVersion"] == version
    assert info["/Trapped"] in ("/True", "/False")
    assert info["/Title"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert f"<pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>" in xmp
    assert f"<xmp:CreateDate>{xmp_date(info['/CreationDate'])}</xmp:CreateDate>" in xmp
    assert f"<xmp:ModifyDate>{xmp_date(info['/ModDate'])}</xmp:ModifyDate>" in xmp
    assert "<pdf:Trapped>False</pdf:Trapped>" in xmp and info["/Trapped"] == "/False"
    for field in ("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass", "dc:title"):
        assert f"<{field}>" in xmp
    if version == "PDF/X-1a:2003":
        assert info["/GTS_PDFXConformance"] == version
    # 6.2.3 / 6.9: page boxes, TrimBox inside BleedBox inside MediaBox; no annotations
    for page in doc.pages:
        media, bleed, trim = page.mediabox, page.bleedbox, page.trimbox
        assert "/TrimBox" in page and "/BleedBox" in page
        assert media.left <= bleed.left <= trim.left and trim.right <= bleed.right <= media.right
        assert media.bottom <= bleed.bottom <= trim.bottom and trim.top <= bleed.top <= media.top
        assert "/Annots" not in page
    assert "/AcroForm" not in root
    # 6.3.5: every font embedded
    found = list(fonts(doc))
    assert found
    for font in found:
        descriptor = font["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font
    # 6.2.4: no device RGB with a CMYK intent; no PostScript, transfer functions, halftones
    for obj in every_object(doc):
        values = obj.values() if isinstance(obj, DictionaryObject) else obj
        assert "/DeviceRGB" not in [str(v) for v in values]
        if isinstance(obj, DictionaryObject):
            assert obj.get("/Subtype") != "/PS" and "/JavaScript" not in obj
            if obj.get("/Type") == "/ExtGState":
                assert not {"/TR", "/TR2", "/HT"} & set(obj.keys())
    for page in doc.pages:
        assert not re.search(rb"(?<![\w/])(rg|RG)(?![\w])", page.get_contents().get_data())


def test_x4_keeps_the_logo_transparent_and_x1a_has_no_transparency(editions) -> None:
    def images(pdf: bytes) -> list[StreamObject]:
        return [o for o in every_object(reader(pdf)) if isinstance(o, DictionaryObject)
                and o.get("/Subtype") == "/Image" and o.get("/ColorSpace") != "/DeviceGray"]

    x4 = images(editions["x4"])
    assert x4 and all(i["/ColorSpace"] == "/DeviceCMYK" and "/SMask" in i for i in x4)
    x1a = images(editions["x1a"])
    assert x1a and all(i["/ColorSpace"] == "/DeviceCMYK" and "/SMask" not in i for i in x1a)
    check_no_transparency(editions["x1a"])


def check_no_transparency(pdf: bytes) -> None:
    """ISO 15930-4 6.5: no soft masks, constant alpha or blend modes, no transparency group."""
    for obj in every_object(reader(pdf)):
        if isinstance(obj, DictionaryObject):
            assert obj.get("/SMask", "/None") == "/None"
            assert float(obj.get("/CA", 1)) == 1 and float(obj.get("/ca", 1)) == 1
            assert obj.get("/BM", "/Normal") in ("/Normal", "/Compatible")
            assert not (obj.get("/Type") == "/Group" and obj.get("/S") == "/Transparency")


def test_pdfx_is_reproducible(editions) -> None:
    assert render_booklet(PACK, LAKESIDE, BuildOptions(print_ready=True, cmyk=True,
                                                       pdf_x="4"))[0] == editions["x4"]


def test_body_text_is_black_plate_with_overprint(editions) -> None:
    """The text colour is a `0 0 0 k` tint set under an overprinting graphics state."""
    doc = reader(editions["x4"])
    page = next(p for p in doc.pages if "Plenty" in p.extract_text() or
                "If you have watched" in p.extract_text())
    data = page.get_contents().get_data().decode("latin-1")
    states = page["/Resources"]["/ExtGState"]
    tints = re.findall(r"/(GSop\d\d) gs\s+0 0 0 ([\d.]+) k", data)
    assert tints, "no black-plate fill colour under an overprint state"
    for name, k in tints:
        state = states["/" + name].get_object()
        if float(k) > 0.9:
            assert bool(state["/op"]) and state["/OPM"] == 1


def test_pine_green_through_the_profile() -> None:
    """The formula k = 1 - max(rgb) printed Lakeside pine teal; the profile keeps it green
    (the separation read back through the same profile is within a few dE of the design)."""
    from PIL import Image, ImageCms

    press = PressColor(load_profile(None))
    (c, m, y, k), overprint = press.cmyk(0x16 / 255, 0x57 / 255, 0x3C / 255)
    assert y > 0.4 and not overprint  # the formula gave no yellow at all
    to_lab = ImageCms.buildTransform(ImageCms.ImageCmsProfile(str(DEFAULT_PROFILE)),
                                     ImageCms.createProfile("LAB"), "CMYK", "LAB", 1)
    srgb_to_lab = ImageCms.buildTransform(ImageCms.createProfile("sRGB"),
                                          ImageCms.createProfile("LAB"), "RGB", "LAB", 1)
    printed = ImageCms.applyTransform(Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in
                                                                     (c, m, y, k))), to_lab)
    design = ImageCms.applyTransform(Image.new("RGB", (1, 1), (0x16, 0x57, 0x3C)), srgb_to_lab)
    (l1, a1, b1), (l2, a2, b2) = printed.getpixel((0, 0)), design.getpixel((0, 0))
    delta = ((l1 - l2) * 100 / 255) ** 2 + (a1 - a2) ** 2 + (b1 - b2) ** 2
    assert delta ** 0.5 < 6


def test_icc_option_takes_the_printers_profile(tmp_path: Path) -> None:
    own = tmp_path / "shop.icc"
    own.write_bytes(DEFAULT_PROFILE.read_bytes())
    pdf = render_booklet(PACK, None, BuildOptions(print_ready=True, cmyk=True, pdf_x="4",
                                                  icc=own))[0]
    intent = reader(pdf).trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/OutputConditionIdentifier"] == "Custom"


def test_wrong_profiles_are_named(tmp_path: Path) -> None:
    from PIL import ImageCms

    rgb = tmp_path / "screen.icc"
    rgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    with pytest.raises(ContentError, match="not a CMYK printer profile"):
        load_profile(rgb)
    with pytest.raises(ContentError, match="does not exist"):
        load_profile(tmp_path / "missing.icc")
    junk = tmp_path / "junk.icc"
    junk.write_bytes(b"not a profile")
    with pytest.raises(ContentError, match="not an ICC profile"):
        load_profile(junk)


def test_pdfx_needs_cmyk_print(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="CMYK print edition"):
        render_booklet(PACK, None, BuildOptions(pdf_x="4"))


# Separations ---------------------------------------------------------------------------

PLATES = ("Cyan", "Magenta", "Yellow", "Black")


def separate(pdf: bytes, folder: Path, dpi: int = 72, pages: str = "1") -> dict[int, dict]:
    """Ghostscript's tiffsep plates as ink fractions per pixel (0 = none, 1 = solid)."""
    from PIL import Image

    source = folder / "file.pdf"
    source.write_bytes(pdf)
    first, last = pages.split("-") if "-" in pages else (pages, pages)
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep",
                    f"-r{dpi}", f"-dFirstPage={first}", f"-dLastPage={last}",
                    f"-sOutputFile={folder}/sep%d.tif", str(source)], check=True)
    result = {}
    for n in range(1, int(last) - int(first) + 2):
        result[int(first) + n - 1] = {plate: Image.open(folder / f"sep{n}({plate}).tif")
                                      .convert("L").point(lambda v: 255 - v) for plate in PLATES}
    return result


@needs_gs
def test_total_ink_within_the_profile_limit(editions, tmp_path: Path) -> None:
    from PIL import ImageMath

    doc = reader(editions["x4"])
    dpi = 36
    plates = separate(editions["x4"], tmp_path, dpi=dpi, pages=f"1-{len(doc.pages)}")
    worst = 0.0
    for number, page in plates.items():
        # inside the bleed box: outside it, the registration marks are 400 % by design
        media, bleed = doc.pages[number - 1].mediabox, doc.pages[number - 1].bleedbox
        box = tuple(round(float(v) * dpi / 72) for v in (
            bleed.left, media.top - bleed.top, bleed.right, media.top - bleed.bottom))
        total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"],
                                      **{name: page[plate].crop(box).convert("I") for name, plate
                                         in zip("cmyk", PLATES)})
        worst = max(worst, total.getextrema()[1] / 2.55)
    assert 150 < worst <= 330 + 2  # FOGRA39's limit (one step of 8-bit rounding per plate)


@needs_gs
def test_body_text_prints_on_the_black_plate_only(editions, tmp_path: Path) -> None:
    """The lines of a body paragraph: ink on K, none on C, M or Y."""
    doc = reader(editions["x4"])
    number = next(i for i, p in enumerate(doc.pages) if "If you have watched" in p.extract_text())
    boxes: list[tuple[float, float]] = []

    def visitor(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if "watched" in text or "someone you love" in text:
            boxes.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    doc.pages[number].extract_text(visitor_text=visitor)
    assert boxes
    dpi = 144
    page = separate(editions["x4"], tmp_path, dpi=dpi, pages=str(number + 1))[number + 1]
    height = float(doc.pages[number].mediabox.height)
    x, y = boxes[0]
    box = (int(x * dpi / 72), int((height - y - 9) * dpi / 72), int((x + 150) * dpi / 72),
           int((height - y + 2) * dpi / 72))
    assert page["Black"].crop(box).getextrema()[1] > 200  # solid black-plate text
    for plate in ("Cyan", "Magenta", "Yellow"):
        assert page[plate].crop(box).getextrema()[1] == 0, plate


@needs_gs
def test_crop_marks_print_on_every_plate(editions, tmp_path: Path) -> None:
    page = separate(editions["x4"], tmp_path, dpi=72)[1]
    border = PrintGeometry.for_bleed(9.0).border
    mark = (int(border) - 2, 0, int(border) + 2, int(border - 9))  # outside the bleed
    for plate in PLATES:
        assert page[plate].crop(mark).getextrema()[1] > 200, plate


def _rgb(pdf: bytes, folder: Path, name: str, dpi: int):  # type: ignore[no-untyped-def]
    from PIL import Image

    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=png16m",
                    f"-r{dpi}", "-dFirstPage=1", "-dLastPage=1",
                    f"-sOutputFile={folder}/{name}.png", str(source)], check=True)
    return Image.open(folder / f"{name}.png").convert("RGB")


def worst_block(digital, printed, block: int) -> float:  # type: ignore[no-untyped-def]
    """The largest mean difference (0-255, averaged over the channels) of any block."""
    from PIL import ImageChops, ImageStat

    difference = ImageChops.difference(digital, printed)
    worst = 0.0
    for top in range(0, digital.height - block + 1, block):
        for left in range(0, digital.width - block + 1, block):
            stat = ImageStat.Stat(difference.crop((left, top, left + block, top + block)))
            worst = max(worst, sum(stat.mean) / 3)
    return worst


@needs_gs
@pytest.mark.parametrize("name", ["x4", "x1a"])
def test_cmyk_cover_matches_the_digital_cover_block_by_block(editions, tmp_path: Path,
                                                             name: str) -> None:
    """A box behind the transparent logo (what dropping its alpha gave) fails this: the
    logo's corners turn from the white card to solid colour."""
    dpi = 72
    digital = _rgb(editions["digital"], tmp_path, "digital", dpi)
    printed = _rgb(editions[name], tmp_path, name, dpi)
    border = round(PrintGeometry.for_bleed(9.0).border * dpi / 72)
    printed = printed.crop((border, border, border + digital.width, border + digital.height))
    assert worst_block(digital, printed, 8) < 30


@pytest.mark.parametrize("mode", ["cmyk", "grayscale"])
def test_logo_keeps_its_soft_mask_in_cmyk_and_grayscale(mode: str) -> None:
    pdf = render_booklet(PACK, LAKESIDE, BuildOptions(**{mode: True}, forms=False))[0]
    space = "/DeviceCMYK" if mode == "cmyk" else "/DeviceGray"
    logos = [o for o in every_object(reader(pdf)) if isinstance(o, DictionaryObject)
             and o.get("/Subtype") == "/Image" and "/SMask" in o]
    assert logos and all(logo["/ColorSpace"] == space for logo in logos)


def test_command_line_pdf_x(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from guide.cli.commands import main

    for args, version in ((["--pdf-x"], "PDF/X-4"), (["--pdf-x", "1a"], "PDF/X-1a:2003"),
                          (["--pdf-x", "4", "--bleed", "3mm"], "PDF/X-4")):
        out = tmp_path / "x.pdf"
        result = CliRunner().invoke(main, ["build", "-o", str(out), *args],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        doc = reader(out.read_bytes())
        assert doc.trailer["/Info"]["/GTS_PDFXVersion"] == version
        assert float(doc.pages[0].trimbox.left) > 0  # --pdf-x implies --print
    result = CliRunner().invoke(main, ["build", "-o", str(tmp_path / "y.pdf"), "--pdf-x",
                                       "--icc", str(tmp_path / "none.icc")])
    assert result.exit_code == 2 and "none.icc" in result.output
    assert "Traceback" not in result.output


def test_x1a_flattens_a_transparent_chapter_image_onto_the_paper(tmp_path: Path) -> None:
    from PIL import Image

    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    picture = Image.new("RGBA", (60, 40), (200, 30, 30, 0))
    picture.paste((200, 30, 30, 255), (15, 10, 45, 30))
    (pack / "images").mkdir(exist_ok=True)
    picture.save(pack / "images" / "badge.png")
    chapter = next(pack.glob("chapters/*.md"))
    chapter.write_text(chapter.read_text() + "\n\n![A red badge](images/badge.png)\n")
    pdf = render_booklet(pack, None, BuildOptions(print_ready=True, cmyk=True, pdf_x="1a"))[0]
    images = [o for o in every_object(reader(pdf)) if isinstance(o, DictionaryObject)
              and o.get("/Subtype") == "/Image" and o.get("/Width") == 60]
    assert images and all("/SMask" not in i for i in images)
    inks = Image.frombytes("CMYK", (60, 40), images[0].get_data())
    assert inks.getpixel((2, 2)) == (0, 0, 0, 0)  # transparent: bare paper
    assert inks.getpixel((30, 20))[1] > 150  # the badge: magenta for its red


def _operations(pdf: bytes) -> list:
    from pypdf.generic import ContentStream, NumberObject

    doc = reader(pdf)
    found = []
    for page in doc.pages:
        streams = [page.get_contents()]
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            if xobject.get_object().get("/Subtype") == "/Form":
                streams.append(ContentStream(xobject.get_object(), doc))
        for stream in streams:
            found += [([float(v) if isinstance(v, (NumberObject, float)) else str(v)
                        for v in operands], operator) for operands, operator in stream.operations]
    return found


@pytest.mark.parametrize("options", [dict(print_ready=True, cmyk=True, pdf_x="4"),
                                     dict(grayscale=True)])
def test_the_stream_scanner_rewrites_as_pypdfs_parser_does(monkeypatch, options) -> None:
    """Colour conversion scans content streams with a regular expression; forced onto
    pypdf's parser (the path for streams with inline images), it must give the same
    drawing operations."""
    import guide.printing.colorspace as colorspace

    fast = render_booklet(PACK, LAKESIDE, BuildOptions(**options))[0]
    monkeypatch.setattr(colorspace, "INLINE_IMAGE", re.compile(rb""))
    parsed = render_booklet(PACK, LAKESIDE, BuildOptions(**options))[0]
    assert fast != parsed  # the two paths did run
    assert _operations(fast) == _operations(parsed)
