"""The canvas of a tagged booklet: it keeps the tag log, puts every annotation in the
structure, gives each broken line its word space back, checks every page for paint left
outside marked content, and writes the structure when the file is saved."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from guide.tagging.check import unmarked_paint
from guide.tagging.log import Node, TagLog


class UntaggedContent(RuntimeError):
    """Paint outside both marked content and artifacts: a bug in the tagging, not in the
    content, so the build stops with an internal error."""


class SpacedText(PDFTextObject):
    """A text object that ends each broken line with its word space.

    reportlab's Paragraph drops the space where it breaks a line, so text read from the
    tags runs the last word of one line into the first of the next. An ordinary space at
    the end of the line is invisible (nothing follows it before the next line starts).
    """

    def _textOut(self, text, TStar=0):  # noqa: N803 - reportlab's name
        if TStar and not text.endswith(" "):  # an empty run ends a line broken by <br/>
            text += " "
        super()._textOut(text, TStar)


class TaggingCanvas(Canvas):
    """reportlab's Canvas with the tag log of one booklet (`tags`)."""

    tags: TagLog

    def beginText(self, x=0, y=0, direction=None):  # noqa: N802 - reportlab's name
        return SpacedText(self, x, y, direction=direction)

    def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None,  # noqa: N802, N803
                 relative=1, thickness=0, color=None, dashArray=None, **kw):
        if not contents:
            title = self.tags.headings.get(destinationname)
            contents = f"Go to {title}" if title else "Go to the section"
        super().linkRect(contents, destinationname, Rect, addtopage, name, relative,
                         thickness, color, dashArray, **kw)

    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None,  # noqa: N802
                kind="URI", **kw):
        self._guide_url = url
        super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
        self._guide_url = None

    def _addAnnotation(self, annotation, name=None, addtopage=1):  # noqa: N802 - reportlab's name
        super()._addAnnotation(annotation, name, addtopage)
        log = self.tags
        widget = isinstance(annotation, PDFDictionary) and "FT" in annotation.dict
        if isinstance(annotation, PDFDictionary) and not widget and "Contents" not in annotation.dict:
            url = getattr(self, "_guide_url", None) or ""
            annotation.dict["Contents"] = PDFString(f"Link to {url}" if url else "Link")
        kind = "Form" if widget else "Link"
        owner = log.open if log.open is not None else log.top()
        if owner.S != kind:
            node = Node(kind, owner)
            owner.kids.append(node)
            owner = node
        log.annotations.append((owner, annotation, self.getPageNumber()))
        owner.kids.append(("objr", self.getPageNumber(), len(log.annotations) - 1))

    def code_length(self) -> int:
        """How many pieces of code the page (or form) being drawn has so far."""
        return len(self._code)

    def showPage(self):  # noqa: N802 - reportlab's name
        code = self._code
        where = next((op for start, end in self.tags.unmarked_spans(len(code))
                      if (op := unmarked_paint(code[start:end])) is not None), None)
        if where is not None:
            raise UntaggedContent(f"page {self.getPageNumber()}: '{where}' is painted outside "
                                  "marked content and artifacts")
        if self.tags.depth:
            raise UntaggedContent(f"page {self.getPageNumber()}: marked content left open")
        super().showPage()

    def save(self):
        from guide.tagging.writer import write_structure
        if self._code:  # reportlab shows a page still being drawn; check it first
            self.showPage()
        write_structure(self, self.tags)
        super().save()


def tagging_canvas(log: TagLog):  # type: ignore[no-untyped-def]
    """A canvasmaker for BaseDocTemplate.build that hands the canvas its tag log."""

    def make(*args: Any, **kwargs: Any) -> TaggingCanvas:
        canv = TaggingCanvas(*args, **kwargs)
        canv.tags = log
        return canv

    return make
