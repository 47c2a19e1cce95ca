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


def add_checkbox(canv, name: str, x: float, y: float, size: float, checked: bool,
                 color: str, tooltip: str) -> None:
    """A checkbox widget at absolute page position (x, y), size x size points."""
    form = canv.acroForm
    on = form.makeStream(size, size, _tick_stream(size, color),
                         Resources=PDFDictionary({"ProcSet": PDFArray([PDFName("PDF")])}))
    off = form.makeStream(size, size, "",
                          Resources=PDFDictionary({"ProcSet": PDFArray([PDFName("PDF")])}))
    state = PDFName("Yes" if checked else "Off")
    widget = PDFDictionary({
        "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName("Btn"),
        "T": PDFString(name), "TU": PDFString(tooltip), "V": state, "AS": state,
        "F": PRINT_FLAG, "Ff": 0, "P": canv._doc.thisPageRef(),
        "Rect": PDFArray([round(x, 2), round(y, 2), round(x + size, 2), round(y + size, 2)]),
        "AP": PDFDictionary({"N": PDFDictionary({"Yes": form.getRef(on), "Off": form.getRef(off)})}),
        "MK": PDFDictionary({"CA": PDFString("4")}),
    })
    canv._addAnnotation(widget)
    form.fields.append(form.getRef(widget))
