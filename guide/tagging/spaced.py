"""Words stay words: a text object that ends each broken line with its word space."""

from __future__ import annotations

from reportlab.pdfgen.textobject import PDFTextObject


class SpacedText(PDFTextObject):
    """A text object that ends each broken line with its word space.

    reportlab's Paragraph drops the space where it breaks a line, so text read from the
    tags runs the last word of one line into the first of the next. An ordinary space at
    the end of the line is invisible (nothing follows it before the next line starts).
    """

    def _textOut(self, text, TStar=0):  # noqa: N802, N803 - reportlab's names
        if TStar and not text.endswith(" "):  # an empty run ends a line broken by <br/>
            text += " "
        super()._textOut(text, TStar)
