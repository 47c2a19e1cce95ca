"""AcroForm fields with vector appearances, so forms never pull in an unembedded font.

reportlab's own checkbox draws its tick with ZapfDingbats (a base-14 font it does not
embed); these widgets draw the tick as a path and set no field flags ("required" off).
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

PRINT_FLAG = 4  # annotation flag: print the widget with the page


def _rgb(hex_color: str) -> str:
    c = HexColor(hex_color)
    return f"{c.red:.3f} {c.green:.3f} {c.blue:.3f}"


def _tick_stream(size: float, color: str) -> str:
    s = size
    return (f"q {_rgb(color)} RG {s * 0.14:.2f} w 1 J 1 j "
            f"{s * 0.2:.2f} {s * 0.5:.2f} m {s * 0.42:.2f} {s * 0.25:.2f} l "
            f"{s * 0.82:.2f} {s * 0.8:.2f} l S Q")


def _checkbox_appearances(form, size: float, color: str):  # type: ignore[no-untyped-def]
    """The ticked and empty looks, made once per document and shared by every box of the
    same size and colour (a booklet has dozens of boxes; each pair is two PDF streams)."""
    shared = form.__dict__.setdefault("_guide_checkbox_looks", {})
    key = (round(size, 3), color)
    if key not in shared:
        resources = PDFDictionary({"ProcSet": PDFArray([PDFName("PDF")])})
        on = form.makeStream(size, size, _tick_stream(size, color), Resources=resources)
        off = form.makeStream(size, size, "", Resources=resources)
        shared[key] = (form.getRef(on), form.getRef(off))
    return shared[key]


def add_checkbox(canv, name: str, x: float, y: float, size: float, checked: bool,
                 color: str, tooltip: str) -> None:
    """A checkbox widget at absolute page position (x, y), size x size points."""
    form = canv.acroForm
    on, off = _checkbox_appearances(form, size, color)
    state = PDFName("Yes" if checked else "Off")
    widget = PDFDictionary({
        "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName("Btn"),
        "T": PDFString(name), "TU": PDFString(tooltip), "V": state, "AS": state,
        "F": PRINT_FLAG, "Ff": 0, "P": canv._doc.thisPageRef(),
        "Rect": PDFArray([round(x, 2), round(y, 2), round(x + size, 2), round(y + size, 2)]),
        "AP": PDFDictionary({"N": PDFDictionary({"Yes": on, "Off": off})}),
        "MK": PDFDictionary({"CA": PDFString("4")}),
    })
    canv._addAnnotation(widget)
    form.fields.append(form.getRef(widget))


FORM_FONT = "GuideFormFont"


def _form_font_ref(canv, font_name: str) -> str:  # type: ignore[no-untyped-def]
    """A fully embedded TrueType font for typed-in text, added once per document.

    Viewers draw what a reader types with the form's default font; reportlab only offers
    the unembedded base-14 fonts there, so the brand's heading font is embedded whole.
    """
    form = canv.acroForm
    if FORM_FONT in form.fonts:
        return FORM_FONT
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.pdfdoc import PDFStream, PDFStreamFilterZCompress

    face = pdfmetrics.getFont(font_name).face
    with open(face.filename, "rb") as handle:
        data = handle.read()
    font_file = PDFStream(PDFDictionary({"Length1": len(data)}), data.decode("latin-1"),
                         filters=[PDFStreamFilterZCompress()])
    base = PDFName(face.name.decode("latin-1") if isinstance(face.name, bytes) else str(face.name))
    descriptor = PDFDictionary({
        "Type": PDFName("FontDescriptor"), "FontName": base, "Flags": 32,
        "FontBBox": PDFArray([round(v) for v in face.bbox]), "ItalicAngle": face.italicAngle,
        "Ascent": round(face.ascent), "Descent": round(face.descent),
        "CapHeight": round(face.capHeight), "StemV": face.stemV,
        "FontFile2": form.getRef(font_file)})
    widths = [round(face.getCharWidth(code)) if code in face.charToGlyph else 0
              for code in _WIN_ANSI]
    font = PDFDictionary({
        "Type": PDFName("Font"), "Subtype": PDFName("TrueType"), "BaseFont": base,
        "FirstChar": 32, "LastChar": 255, "Widths": PDFArray(widths),
        "Encoding": PDFName("WinAnsiEncoding"), "FontDescriptor": form.getRef(descriptor)})
    form.fonts[FORM_FONT] = form.getRefStr(font)
    return FORM_FONT


# Unicode code points of WinAnsi codes 32-255 (the 0x80-0x9F range maps to typographic marks).
_WIN_ANSI = [ord(bytes([code]).decode("cp1252", errors="replace")) for code in range(32, 256)]


def add_text_field(canv, name: str, x: float, y: float, width: float, height: float,  # type: ignore[no-untyped-def]
                   font_name: str, size: float, color: str, tooltip: str) -> None:
    """A one-line text field whose typed text uses an embedded font."""
    form = canv.acroForm
    font = _form_font_ref(canv, font_name)
    appearance = form.makeStream(width, height, "/Tx BMC EMC",
                                 Resources=PDFDictionary({"ProcSet": PDFArray([PDFName("PDF")])}))
    widget = PDFDictionary({
        "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName("Tx"),
        "T": PDFString(name), "TU": PDFString(tooltip), "V": PDFString(""),
        "DA": PDFString(f"/{font} {size:.1f} Tf {_rgb(color)} rg"),
        "F": PRINT_FLAG, "Ff": 0, "P": canv._doc.thisPageRef(),
        "Rect": PDFArray([round(x, 2), round(y, 2), round(x + width, 2), round(y + height, 2)]),
        "AP": PDFDictionary({"N": form.getRef(appearance)}),
        "MK": PDFDictionary({}),
    })
    canv._addAnnotation(widget)
    form.fields.append(form.getRef(widget))
