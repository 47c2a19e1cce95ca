"""Convert stage: one chapter's element tree into reportlab flowables."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, PageBreak

from guide.colors import to_color
from guide.convert.anchors import footnote_prefix, heading_key, heading_slug, unique_slug
from guide.convert.context import BLOCK_TAGS, ConvertEnv
from guide.convert.flowables import Box, HeadingParagraph, Paragraph
from guide.convert.images import ImageBlocks, only_images
from guide.convert.lists import ListBlocks, wrap_element
from guide.convert.tables import TableBlocks
from guide.errors import ContentError, ErrorCollector, did_you_mean
from guide.model import Chapter
from guide.text.inline_markup import InlineRenderer, plain_text
from guide.text.markdown_parse import (
    DIRECTIVES,
    MAX_DEPTH,
    MAX_INLINE_MARKS,
    MAX_LIST_DEPTH,
    TOO_MUCH_MARKUP,
    undefined_footnotes,
)
from guide.text.xml_text import escape

CALLOUT_KINDS = {"note": "strong", "tip": "strong", "important": "accent", "warning": "accent",
                 "info": "strong", "danger": "accent", "caution": "accent"}


# About 250 pages of one paragraph (longer is a pasting mistake); laid out in a few seconds,
# since a paragraph's rest is no longer broken again on each page (paragraph_split).
MAX_PARAGRAPH_WORDS = 100_000
MAX_HEADING_CHARS = 300  # a heading must fit on one page at any size
CODE_PIECE = 40  # code block lines per paragraph


SPACE_RUN = re.compile(r"(^ +| {2,})")


def code_line(text: str) -> str:
    """A code line whose spaces keep their width: leading spaces and runs of spaces are
    no-break spaces but the last of a run, so an over-long line still breaks at a space
    (one word of 200 characters would be split letter by letter, at great cost)."""
    def keep(match: re.Match) -> str:
        run = match.group(0)
        if match.start() == 0:
            return "&nbsp;" * len(run)
        return "&nbsp;" * (len(run) - 1) + " "
    return SPACE_RUN.sub(keep, text)


class ChapterConverter(ListBlocks, TableBlocks, ImageBlocks):
    """Walks one chapter's tree; each element kind has one small method."""

    def __init__(self, chapter: Chapter, env: ConvertEnv):
        self.chapter, self.env = chapter, env
        self.theme = env.theme
        self.styles = env.theme.styles
        self.slugs: list[str] = []
        self.mistakes = ErrorCollector()
        colors = env.theme.colors
        self.inline = InlineRenderer(self._resolve_link, colors["link"],
                                     env.theme.faces.mono or env.theme.faces.heading.regular,
                                     colors["light"],
                                     footnote_prefix(chapter.id))

    # -- helpers ---------------------------------------------------------------
    def line_of(self, needle: str) -> int:
        """Best-effort file line of some text, for error messages."""
        for offset, line in enumerate(self.chapter.body.split("\n")):
            if needle and needle in line:
                return self.chapter.body_line + offset
        return self.chapter.body_line

    def error(self, needle: str, message: str, hint: str = "") -> ContentError:
        return ContentError(self.chapter.path, self.line_of(needle), message, hint)

    def _resolve_link(self, href: str) -> str:
        try:
            return self.env.anchors.resolve(href, self.chapter, self.line_of(f"({href}"))
        except ContentError as error:
            self.mistakes.add(error)  # keep converting, to report the chapter's other mistakes
            return "#"

    def para(self, element: etree.Element, style: str) -> Paragraph:
        return Paragraph(self.inline.content(element), self.styles[style])

    # -- blocks ----------------------------------------------------------------
    def convert(self, root: etree.Element) -> list[Flowable]:
        """The chapter's flowables; every link, callout and footnote mistake is reported."""
        for name in undefined_footnotes(self.chapter.body):
            self.mistakes.add(self.error(f"[^{name}]", f"footnote '[^{name}]' has no note",
                                         f"add a line '[^{name}]: the note' at the end of the "
                                         "chapter"))
        too_deep = root.get("data-too-deep")
        if too_deep:
            raise ContentError(self.chapter.path, None, too_deep,
                               f"at most {MAX_LIST_DEPTH} lists or quotes inside each other and "
                               f"{MAX_DEPTH} levels of markup in all")
        for element in root.iter():
            marks = element.get(TOO_MUCH_MARKUP)
            if marks:
                raise self.error(" ".join(plain_text(element).split()[:3]),
                                 f"a block of text with {int(marks):,} inline markup characters "
                                 f"(* _ ` [ < \\ ~); the limit is {MAX_INLINE_MARKS:,}",
                                 "break it into paragraphs with blank lines")
        flowables = self.blocks(root)
        self.mistakes.raise_if_any()
        return flowables

    def blocks(self, parent: etree.Element) -> list[Flowable]:
        out: list[Flowable] = []
        for child in parent:
            handler = getattr(self, "block_" + child.tag.replace("-", "_"), None)
            out.extend(handler(child) if handler else self.block_unknown(child))
        return out

    def block_unknown(self, el: etree.Element) -> list[Flowable]:
        if len(el) and all(c.tag in BLOCK_TAGS for c in el):
            return self.blocks(el)
        return [self.para(el, "body")] if plain_text(el).strip() else []

    def block_p(self, el: etree.Element) -> list[Flowable]:
        if only_images(el):
            return [f for img in el for f in self.image(img)]
        words = plain_text(el).split()
        if len(words) > MAX_PARAGRAPH_WORDS:
            raise self.error(" ".join(words[:3]), f"a paragraph of {len(words):,} words; the "
                             f"limit is {MAX_PARAGRAPH_WORDS:,}",
                             "break it into paragraphs with blank lines")
        paragraph = self.para(el, "body")
        # A sentence that introduces what follows ("...you will need:") never ends a page.
        paragraph.keepWithNext = plain_text(el).rstrip().endswith(":")
        return [paragraph]

    def heading(self, el: etree.Element, level: int) -> list[Flowable]:
        title = plain_text(el)
        if len(title) > MAX_HEADING_CHARS:
            raise self.error(title[:40], f"a heading of {len(title):,} characters; the limit "
                             f"is {MAX_HEADING_CHARS}", "shorten it, or make it a paragraph")
        slug = unique_slug(heading_slug(el), self.slugs)
        self.slugs.append(slug)
        key = heading_key(self.chapter.id, slug)
        style = {2: "h2", 3: "h3"}.get(level, "h4")
        markup = f'<a name="{key}"/>{self.inline.content(el)}'
        heading = HeadingParagraph(markup, self.styles[style], key, plain_text(el), level)
        # Keep a heading off the bottom of a page: ask for room for it and two lines.
        room = self.styles[style].leading * 2 + self.styles["body"].leading * 3
        return [CondPageBreak(room), heading]

    def block_h1(self, el: etree.Element) -> list[Flowable]:
        return self.heading(el, 2)

    def block_h2(self, el: etree.Element) -> list[Flowable]:
        return self.heading(el, 2)

    def block_h3(self, el: etree.Element) -> list[Flowable]:
        return self.heading(el, 3)

    def block_h4(self, el: etree.Element) -> list[Flowable]:
        return self.heading(el, 4)

    block_h5 = block_h6 = block_h4

    def block_hr(self, el: etree.Element) -> list[Flowable]:
        b = self.theme.base
        return [HRFlowable(width="100%", thickness=0.6, color=self.theme.colors["rule"],
                           spaceBefore=b * 0.6, spaceAfter=b * 1.0)]

    def block_pre(self, el: etree.Element) -> list[Flowable]:
        code = plain_text(el).rstrip("\n").split("\n")
        style = self.styles["cell"]
        # Set in pieces of CODE_PIECE lines: one paragraph of thousands of lines is broken
        # again for every page it runs onto, which grows with the square of its length.
        pieces = [code[i:i + CODE_PIECE] for i in range(0, len(code), CODE_PIECE)]
        paragraphs = []
        for n, piece in enumerate(pieces):
            markup = "<br/>".join(code_line(self.inline_text(line)) for line in piece)
            piece_style = style
            if len(pieces) > 1:
                piece_style = ParagraphStyle(f"cell-{n}", parent=style,
                                             spaceBefore=style.spaceBefore if n == 0 else 0,
                                             spaceAfter=style.spaceAfter
                                             if n == len(pieces) - 1 else 0)
            paragraphs.append(Paragraph(markup, piece_style))
        return [Box(paragraphs, fill=self.theme.colors["light"], bar=None,
                    padding=self.theme.base * 0.6)]

    @staticmethod
    def inline_text(value: str) -> str:
        from guide.text.inline_markup import text
        return text(value)

    def block_blockquote(self, el: etree.Element) -> list[Flowable]:
        content = self.blocks(el) if len(el) else [self.para(el, "quote")]
        for flowable in content:
            if isinstance(flowable, Paragraph) and flowable.style.name == "body":
                flowable.style = self.styles["quote"]
        box = Box(content, fill=None, bar=self.theme.colors["rule"], padding=self.theme.base * 0.5,
                  bar_width=2.5)
        box.spaceAfter = self.theme.base * 0.5
        return [box]

    def block_div(self, el: etree.Element) -> list[Flowable]:
        classes = (el.get("class") or "").split()
        if "admonition" in classes:
            return self.callout(el, classes)
        if "footnote" in classes:
            return self.footnotes(el)
        return self.blocks(el)

    def callout(self, el: etree.Element, classes: list[str]) -> list[Flowable]:
        kind = next((c for c in classes if c != "admonition"), "note")
        if kind not in CALLOUT_KINDS:
            self.mistakes.add(self.error(f"!!! {kind}", f"unknown callout kind '{kind}'",
                                         did_you_mean(kind, CALLOUT_KINDS)))
            kind = "note"
        color = self.theme.colors[CALLOUT_KINDS[kind]]
        content: list[Flowable] = []
        for child in el:
            if child.tag == "p" and "admonition-title" in (child.get("class") or ""):
                title = Paragraph(self.inline.content(child), self.styles["callout_title"])
                title.style = _with_color(self.styles["callout_title"], color)
                title.keepWithNext = True
                content.append(title)
            elif child.tag == "p" and only_images(child):
                content.extend(self.block_p(child))
            elif child.tag == "p":
                content.append(self.para(child, "callout"))
            else:
                content.extend(self.blocks(wrap_element(child)))
        b = self.theme.base
        box = Box(content, fill=self.theme.colors["light"], bar=color, padding=b * 0.8)
        # Space as attributes, not Spacers: reportlab drops it at a page's top or bottom.
        box.spaceBefore, box.spaceAfter = b * 0.2, b * 0.9
        return [box]

    def footnotes(self, el: etree.Element) -> list[Flowable]:
        items = el.findall("./ol/li")
        if not items:
            return []
        out: list[Flowable] = [HRFlowable(width="30%", thickness=0.5, hAlign="LEFT",
                                          color=self.theme.colors["rule"], spaceBefore=self.theme.base),
                               Paragraph(escape(self.theme.words("notes_heading")),
                                         self.styles["notes_head"])]
        for number, li in enumerate(items, start=1):
            for backref in li.iter("a"):
                if "footnote-backref" in (backref.get("class") or ""):
                    backref.text, backref.tag = "", "span"
            paragraphs = [c for c in li if c.tag == "p"] or [li]
            key = f"{footnote_prefix(self.chapter.id)}{number}"
            body = " ".join(self.inline.content(p, skip=lambda c: c.tag == "span")
                            for p in paragraphs)
            out.append(Paragraph(f'<a name="{key}"/>{number}.&nbsp;&nbsp;{body}', self.styles["note"]))
        return out

    # -- lists -------------------------------------------------------------------
    def block_directive(self, el: etree.Element) -> list[Flowable]:
        kind, arg = el.get("kind") or "", el.get("arg") or ""
        line = self.line_of(f"::: {kind}") if kind else self.chapter.body_line
        if kind == "pagebreak":
            return [PageBreak()]
        builder = self.env.directives.get(kind)
        if builder is None:
            if kind in DIRECTIVES:
                raise ContentError(self.chapter.path, line, f"'::: {kind}' needs data this pack "
                                   "does not have", "add timeline.yml, or remove the line")
            raise ContentError(self.chapter.path, line, f"unknown directive '::: {kind}'",
                               did_you_mean(kind, DIRECTIVES))
        return builder(self, arg, line)


def _with_color(style, color: str):  # type: ignore[no-untyped-def]
    return ParagraphStyle(style.name + "-colored", parent=style, textColor=to_color(color))

