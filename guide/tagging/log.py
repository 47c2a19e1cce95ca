"""The tag log: structure elements in reading order, and the marked content they own.

Elements are made when their first piece is drawn, under the element open at that moment
(or under the parent named by a Ref), so the tree follows the order of the pages. A Ref
is shared by every split piece of a flowable, so a paragraph continued on the next page
stays one element.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from guide.text.wording import ENGLISH, Wording


@dataclass(eq=False)
class Node:
    """One structure element: its type, attributes and kids in order.

    A kid is a Node, ("mcid", page, n) for marked content, or ("objr", page, annotation)
    for an annotation (a link or a form field).
    """

    S: str
    parent: Node | None
    alt: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    kids: list = field(default_factory=list)


class Ref:
    """A structure element made on first use; `parent` is another Ref or None (then the
    element open when it is first drawn)."""

    def __init__(self, S: str, parent: Ref | None = None, alt: str | None = None,
                 attrs: dict[str, Any] | None = None):
        self.S, self.parent, self.alt, self.attrs = S, parent, alt, attrs or {}
        self.node: Node | None = None

    def __copy__(self) -> Ref:
        return self

    def __deepcopy__(self, memo: dict) -> Ref:
        """A copy of a tagged flowable (reportlab deep-copies some to try a split) is the
        same structure element, as its split pieces are; and copying a Ref must not copy
        the tree it hangs in."""
        return self

    def root(self) -> Ref:
        ref = self
        while ref.parent is not None:
            ref = ref.parent
        return ref

    def adopt(self, parent: Ref) -> None:
        """Place this element's chain under `parent` if it has no place yet."""
        top = self.root()
        if top is not parent and top.node is None and parent.root() is not top:
            top.parent = parent


class TagLog:
    """What the canvas records while a tagged booklet is drawn."""

    def __init__(self, title: str, lang: str, words: Wording = ENGLISH):
        self.title, self.lang = title, lang
        self.words = words  # for what the tags say themselves (link descriptions)
        self.document = Node("Document", None)
        self.section = self.document
        self.stack: list[Node] = []  # groups being drawn (lists, quotes, table cells)
        self.open: Node | None = None  # the element whose marked content is open
        self.depth = 0  # open BDC/BMC levels
        self.mcids: list[int] = []  # next MCID per page (index = page - 1)
        self.page = 0
        self.annotations: list[tuple[Node, Any, int]] = []  # (owner, annotation, page)
        self.headings: dict[str, str] = {}  # bookmark key -> title, for link descriptions
        # Where the page's code is outside all marked content: (start, end) indexes into
        # the canvas's code list, checked for paint when the page ends.
        self.unmarked: list[tuple[int, int]] = []
        self.unmarked_from = 0

    def enter(self, canv: Any, literal: str) -> None:
        """Open marked content (BDC/BMC) on the canvas."""
        if self.depth == 0:
            self.unmarked.append((self.unmarked_from, canv.code_length()))
        canv.addLiteral(literal)
        self.depth += 1

    def leave(self, canv: Any) -> None:
        self.depth -= 1
        canv.addLiteral("EMC")
        if self.depth == 0:
            self.unmarked_from = canv.code_length()

    def unmarked_spans(self, end: int) -> list[tuple[int, int]]:
        """The page's unmarked code, and a fresh start for the next page."""
        spans = [*self.unmarked, (self.unmarked_from, end)]
        self.unmarked, self.unmarked_from = [], 0
        return spans

    def top(self) -> Node:
        return self.stack[-1] if self.stack else self.section

    def node_for(self, ref: Ref) -> Node:
        if ref.node is None:
            parent = self.node_for(ref.parent) if ref.parent is not None else self.top()
            ref.node = Node(ref.S, parent, ref.alt, dict(ref.attrs))
            parent.kids.append(ref.node)
        return ref.node

    def new(self, S: str, alt: str | None = None, attrs: dict | None = None) -> Node:
        parent = self.top()
        node = Node(S, parent, alt, attrs or {})
        parent.kids.append(node)
        return node

    def begin_section(self, S: str = "Sect") -> None:
        self.stack.clear()
        self.section = Node(S, self.document)
        self.document.kids.append(self.section)

    def next_mcid(self) -> int:
        while len(self.mcids) < self.page:
            self.mcids.append(0)
        n = self.mcids[self.page - 1]
        self.mcids[self.page - 1] = n + 1
        return n
