"""The canvas of a tagged booklet: it keeps the tag log, puts every annotation in the
structure, gives each broken line its word space back, checks every page for paint left
outside marked content, and writes the structure when the file is saved."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFString
from reportlab.pdfgen.canvas import Canvas

from guide.convert.anchors import FOOTNOTE_PREFIX
from guide.tagging.check import unmarked_paint
from guide.tagging.links import LinkedText
from guide.tagging.log import Node, TagLog
from guide.tagging.spaced import SpacedText


class UntaggedContent(RuntimeError):
    """Paint outside both marked content and artifacts: a bug in the tagging, not in the
    content, so the build stops with an internal error."""


class TaggingCanvas(Canvas):
    """reportlab's Canvas with the tag log of one booklet (`tags`)."""

    tags: TagLog
    linked_node: Node | None = None  # the element of the paragraph with links being drawn
    linked_text: LinkedText | None = None  # and its text object
    _guide_href = ""  # where the link being added goes ("#key" or a web address)

    def beginText(self, x=0, y=0, direction=None):  # noqa: N802 - reportlab's name
        if self.linked_node is None:
            return SpacedText(self, x, y, direction=direction)
        self.linked_text = LinkedText(self, x, y, direction, self.linked_node)
        return self.linked_text

    def drawText(self, aTextObject):  # noqa: N802, N803 - reportlab's names
        if not isinstance(aTextObject, LinkedText):
            super().drawText(aTextObject)
            return
        # The paragraph's decoration around it is an Artifact; its text marks itself.
        self.tags.leave(self)
        super().drawText(aTextObject)
        self.tags.enter(self, "/Artifact BMC")

    def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None,  # noqa: N802, N803
                 relative=1, thickness=0, color=None, dashArray=None, **kw):
        if not contents:
            contents = self._link_description(destinationname)
        self._guide_href = "#" + destinationname
        super().linkRect(contents, destinationname, Rect, addtopage, name, relative,
                         thickness, color, dashArray, **kw)
        self._guide_href = ""

    def _link_description(self, destination: str) -> str:
        """What a link inside the booklet says it does: 'Go to Residency', 'Footnote 2'."""
        words = self.tags.words
        title = self.tags.headings.get(destination)
        if title:
            return words("link_go_to", title=title)
        if destination.startswith(FOOTNOTE_PREFIX):
            return words("link_footnote", n=destination.rsplit("-", 1)[-1])
        return words("link_go_to_section")

    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None,  # noqa: N802
                kind="URI", **kw):
        self._guide_url = self._guide_href = url
        super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
        self._guide_url, self._guide_href = None, ""

    def _addAnnotation(self, annotation, name=None, addtopage=1):  # noqa: N802 - reportlab's name
        super()._addAnnotation(annotation, name, addtopage)
        log = self.tags
        widget = isinstance(annotation, PDFDictionary) and "FT" in annotation.dict
        if isinstance(annotation, PDFDictionary) and not widget and "Contents" not in annotation.dict:
            url = getattr(self, "_guide_url", None) or ""
            words = log.words
            annotation.dict["Contents"] = PDFString(words("link_to", url=url) if url
                                                    else words("link"))
        kind = "Form" if widget else "Link"
        if self.linked_text is not None and not widget:
            owner = self.linked_text.annotation_owner(self._guide_href)
        else:
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
