"""Links that read as links: in a paragraph with links, each link's words are marked
content of a Link element that also holds the link's annotation (OBJR), and a footnote
mark is a Reference around its Link.

Marked content may not straddle BT/ET, so such a paragraph is marked inside its text
object: `BT /P <</MCID 0>> BDC (text) Tj EMC /Link <</MCID 1>> BDC (link) Tj EMC ... ET`.
What the paragraph paints outside its text (the backgrounds of code, rules) is an
Artifact. reportlab's Paragraph reports where each link starts and ends through the text
object's `_linkRecord`; the start comes just after the link's first words are drawn, so
the marks go in where those words began.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from guide.convert.anchors import FOOTNOTE_PREFIX
from guide.tagging.log import Node, Ref
from guide.tagging.marks import content, log_of
from guide.tagging.spaced import SpacedText


def has_links(paragraph: Any) -> bool:
    return any(getattr(frag, "link", None) for frag in getattr(paragraph, "frags", ()))


@contextmanager
def linked(canv: Any, ref: Ref) -> Iterator[None]:
    """Draw a paragraph with links: its text objects mark their own content."""
    log = log_of(canv)
    if log is None or log.depth:  # untagged, or inside content that owns it all
        with content(canv, ref=ref):
            yield
        return
    log.page = canv.getPageNumber()
    canv.linked_node = log.node_for(ref)
    log.enter(canv, "/Artifact BMC")
    try:
        yield
    finally:
        log.leave(canv)
        canv.linked_node = canv.linked_text = None


class LinkedText(SpacedText):
    """The text object of a paragraph with links (see the module's docstring)."""

    def __init__(self, canv: Any, x: float, y: float, direction: Any, node: Node):
        super().__init__(canv, x, y, direction=direction)
        self.node, self.log = node, canv.tags
        self.links: dict[Any, Node] = {}  # reportlab's (number, href) -> its Link element
        self.pending: list[tuple[int, Node]] = []  # links on this line awaiting annotations
        self.mode = "gap"  # "text", "link", or "gap" (between sequences)
        self.current: Any = None  # the link being drawn
        self.seq_at = 0  # index in the code of the literal opening the sequence
        self.seq_node = node
        self.shown = self.shown_before = False
        self.run_at = 0  # index in the code where the last run of text starts
        self._open(node)

    def _open(self, node: Node) -> None:
        log = self.log
        mcid = log.next_mcid()
        node.kids.append(("mcid", log.page, mcid))
        self.seq_at, self.seq_node = len(self._code), node
        self._code.append(f"/{node.S} <</MCID {mcid}>> BDC")
        self.mode, self.shown = "text", False

    def _textOut(self, text, TStar=0):  # noqa: N802, N803 - reportlab's names
        if self.mode == "gap":
            self._open(self.node)
        self.shown_before = self.shown
        self.run_at = len(self._code)
        super()._textOut(text, TStar)
        self.shown = self.shown or bool(text)

    def _linkRecord(self, link: Any, event: str) -> None:  # noqa: N802 - reportlab's name
        if event == "start" and self.mode == "text":
            self._start(link)
        elif event == "end" and self.mode == "link" and link == self.current:
            self._code.append("EMC")
            self.mode = "gap"

    def _start(self, link: Any) -> None:
        if not self.shown_before:  # the open sequence holds only this link's words
            kid = self.seq_node.kids.pop()
            self._code[self.seq_at] = f"/Link <</MCID {kid[2]}>> BDC"
        else:
            kid = ("mcid", self.log.page, self.log.next_mcid())
            self._code.insert(self.run_at, f"EMC /Link <</MCID {kid[2]}>> BDC")
        element = self.links.get(link)
        if element is None:
            element = self.links[link] = _link_element(self.node, link[1])
        element.kids.append(kid)
        self.pending.append((link[0], element))
        self.mode, self.current = "link", link

    def annotation_owner(self, href: str) -> Node:
        """The Link element for the annotation (to `href`) reportlab adds next: it adds one
        per link on each line, in the order the links were written."""
        if self.pending:
            first = min(range(len(self.pending)), key=lambda i: self.pending[i][0])
            return self.pending.pop(first)[1]
        if self.links:
            return next(reversed(self.links.values()))
        kid = self.seq_node.kids.pop()  # a paragraph in one style that is all one link:
        whole = self.links["whole"] = _link_element(self.node, href)  # its one sequence
        whole.kids.append(kid)
        self._code[self.seq_at] = f"/Link <</MCID {kid[2]}>> BDC"
        return whole

    def getCode(self) -> str:  # noqa: N802 - reportlab's name
        if self.mode != "gap":
            self._code.append("EMC")
            self.mode = "gap"
        return super().getCode()


def _link_element(parent: Node, href: str) -> Node:
    """A Link under `parent`; a footnote mark's inside a Reference."""
    if href.startswith("#" + FOOTNOTE_PREFIX):
        reference = Node("Reference", parent)
        parent.kids.append(reference)
        parent = reference
    element = Node("Link", parent)
    parent.kids.append(element)
    return element
