"""The stand-ins in guide.speed.reportlab_calls answer exactly as reportlab's own helpers."""

import itertools

from conftest import FONT_DIR
from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import paragraph
from reportlab.platypus.paraparser import ParaFrag

from guide.layout import fonts
from guide.speed import reportlab_calls as reportlab_speedups
from guide.speed.reportlab_calls import ascent_descent, same_style, split_string, string_width


def fragments() -> list[ParaFrag]:
    grey = HexColor("#333333")
    base = ParaFrag(fontName="Helvetica", fontSize=10, textColor=grey, rise=0, us_lines=[],
                    link=None, text="word")
    return [base, base.clone(text="other"), base.clone(textColor=HexColor("#333333")),
            base.clone(textColor=HexColor("#CC0000")), base.clone(fontName="Helvetica-Bold"),
            base.clone(fontSize=9), base.clone(rise=3), base.clone(link="https://a.org"),
            base.clone(us_lines=[("underline", 1)]), base.clone(backColor=grey),
            base.clone(nobr=True), base.clone(lineBreak=True), base.clone(cbDefn=object()),
            ParaFrag(fontName="Helvetica", fontSize=10, textColor=grey, text="bare")]


def test_same_style_agrees_with_reportlabs_sameFrag():  # noqa: N802
    frags = fragments()
    answers = [bool(same_style(f, g)) for f, g in itertools.product(frags, repeat=2)]
    assert answers == [bool(sameFrag(f, g)) for f, g in itertools.product(frags, repeat=2)]
    assert any(answers) and not all(answers)


def test_measurements_agree_with_pdfmetrics():
    name = fonts._register(FONT_DIR / "Lato-Regular.ttf")
    for font in (name, "Helvetica", "Times-Italic"):
        for size in (7, 9.5, 10, 10.0, 14.25):
            for text in ("", " ", "word", "Anesthesiology", "naïve — “quoted”", "x" * 200):
                expected = pdfmetrics.stringWidth(text, font, size)
                assert string_width(text, font, size) == expected
                assert string_width(text, font, size) == expected  # from memory
            assert ascent_descent(font, size) == pdfmetrics.getAscentDescent(font, size)
        assert ascent_descent(font) == pdfmetrics.getAscentDescent(font)
    assert string_width("word", "Helvetica", 10, "latin-1") == pdfmetrics.stringWidth(
        "word", "Helvetica", 10, "latin-1")


def test_registering_a_font_forgets_earlier_measurements():
    string_width("remembered", "Helvetica", 10)
    assert reportlab_speedups._widths
    fonts._register_version(FONT_DIR / "Lato-Italic.ttf", (0, 1))  # a "new version" of a file
    assert not reportlab_speedups._widths and not reportlab_speedups._extents


def test_split_string_agrees_with_reportlabs_own():
    """Two fresh copies of one font, one mapped by reportlab and one by the stand-in, give
    the same runs and assign the same codes, text after text (new characters, a no-break
    space, a character the font lacks, enough characters to start a second subset)."""
    from reportlab.pdfbase.ttfonts import TTFont

    path = str(FONT_DIR / "SourceSerifPro-Regular.ttf")
    theirs, ours = TTFont("speedup-theirs", path), TTFont("speedup-ours", path)
    doc_kind = type("Doc", (), {})
    doc_theirs, doc_ours = doc_kind(), doc_kind()
    many = "".join(chr(c) for c in [*range(0x100, 0x17F), *range(0x391, 0x3C9)])
    texts = ["Hello", "Hello world", "", "naïve café\u00a0— “quotes”", "Hello world",
             "\u4e2d unknown", many, "Hello " + many[:40], "Hello world"]
    for text in texts:
        expected = reportlab_speedups._split_string(theirs, text, doc_theirs)
        assert split_string(ours, text, doc_ours) == expected, text
    assert theirs.state[doc_theirs].assignments == ours.state[doc_ours].assignments
    assert len(theirs.state[doc_theirs].subsets) > 1  # the second subset was reached


def test_pdf_writing_helpers_agree_with_reportlabs_own():
    from guide.speed.reportlab_calls import _pdfdoc_encode, pdf_name, pdfdoc_encode

    original_pdf_name = pdf_name.__wrapped__
    assert original_pdf_name.__module__ == "reportlab.pdfbase.pdfdoc"

    values = ["", "/Type", "Helvetica", "(Hello) world", "tab\there", "line\nbreak",
              "naïve – ‘quoted’ €", "\x7f", "\x00", b"bytes", "Name with space", "A#B%C(D)"]
    for value in values:
        assert pdfdoc_encode(value) == _pdfdoc_encode(value), value
        if isinstance(value, str):
            assert pdf_name(value) == original_pdf_name(value), value
            assert pdf_name(value) == original_pdf_name(value), value  # from memory


def test_pdf_format_agrees_with_reportlabs_own():
    from reportlab.pdfbase import pdfdoc

    from guide.speed.reportlab_calls import _pdf_format, pdf_format

    document = pdfdoc.PDFDocument(invariant=1)
    values = ["/Type", "plain", "naïve €", "", 0, 1, -3, 2.5, 1e-7, 123456789.123, 10**20, True,
              None, b"raw", bytearray(b"ba"), pdfdoc.PDFString("(x)"), pdfdoc.PDFArray([1, "/A"]),
              pdfdoc.PDFDictionary({"Type": "/Annot", "Rect": pdfdoc.PDFArray([0, 0, 1.5, 2])})]
    for value in values:
        assert pdf_format(value, document) == _pdf_format(value, document), repr(value)


def test_canvas_string_width_agrees_with_reportlabs_own(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    from guide.speed.reportlab_calls import canvas_string_width

    canvas = Canvas(str(tmp_path / "x.pdf"))
    canvas.setFont("Times-Roman", 11)
    for args in (("word",), ("word", "Helvetica"), ("word", None, 14), ("", "Courier", 9.5)):
        expected = pdfmetrics.stringWidth(args[0], (args[1:2] or [None])[0] or "Times-Roman",
                                          args[2] if len(args) > 2 else 11)
        assert canvas_string_width(canvas, *args) == expected


def test_remembered_subsets_and_compression_agree_with_reportlabs_own():
    import zlib

    from reportlab.pdfbase.ttfonts import TTFont

    from guide.speed.reportlab_calls import _make_subset, compress, make_subset

    face = TTFont("speedup-subset", str(FONT_DIR / "Lato-Regular.ttf")).face
    for subset in ([0, 65, 66, 67], [0] + list(range(32, 127)), [0, 233, 8212]):
        expected = _make_subset(face, subset)
        assert make_subset(face, subset) == expected
        assert make_subset(face, list(subset)) == expected  # from memory
        for data in (expected, expected[:100], "page text ( ) Tj"):
            raw = data.encode("utf8") if isinstance(data, str) else data
            assert compress(None, data) == zlib.compress(raw)
            assert compress(None, data) == zlib.compress(raw)
