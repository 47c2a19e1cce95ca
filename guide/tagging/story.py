"""The story, tagged: each flowable wrapped by what it is (heading, paragraph, figure,
list, table, quote, form), sections opened where chapters begin, heading levels kept
from skipping."""

from __future__ import annotations

import sys
from typing import Any

from reportlab.platypus import ActionFlowable, Image, KeepTogether, Table
from reportlab.platypus.flowables import HRFlowable

from guide.tagging.flowables import decoration, grouped, is_tagged, marked, marked_text, tag
from guide.tagging.log import Ref, TagLog
from guide.text.wording import ENGLISH, Wording
from guide.tagging.marks import begin_section

STYLE_TYPES = {"note": "Note", "contents_title": "H1"}
HEADING_STYLES = {"h4", "notes_head"}


class SectionStart(ActionFlowable):
    """Opens a new Sect (a chapter, the contents, the back cover) in the structure."""

    def apply(self, doc: Any) -> None:
        begin_section(doc.canv)


class Levels:
    """Heading levels within a section: H1 is the section's title; no level is skipped."""

    def __init__(self) -> None:
        self.last = 1

    def heading(self, level: int) -> str:
        self.last = max(2, min(level, self.last + 1))
        return f"H{self.last}"


class Tagger:
    def __init__(self, log: TagLog):
        self.log = log
        self.levels = Levels()
        self.checklist: Ref | None = None  # the L of a run of checklist items

    def story(self, story: list) -> list:
        from guide.layout.document import ChapterAnchor, ChapterBreak, ChapterStart
        out: list = []
        for f in story:
            if isinstance(f, ChapterStart) or (isinstance(f, ChapterBreak)
                                               and f.template in ("contents", "back")):
                if not (out and isinstance(out[-1], SectionStart)):
                    out.append(SectionStart())
                self.levels = Levels()
            if isinstance(f, ChapterAnchor):
                from guide.convert.anchors import chapter_key
                self.log.headings[chapter_key(f.info.id)] = f.info.title
            out.append(self.tag(f))
        return out

    def tag(self, f: Any, parent: Ref | None = None) -> Any:  # noqa: C901 - one case per kind
        from guide.convert.flowables import (
            Box,
            CheckItem,
            HeadingParagraph,
            Paragraph,
            RuledLines,
            TextField,
        )
        from guide.layout.contents import ContentsList
        from guide.layout.document import ChapterAnchor
        from guide.timeline.draw import TimelineDiagram
        if not isinstance(f, CheckItem):
            self.checklist = None
        if is_tagged(f):
            if f.tag_ref is not None and parent is not None:
                f.tag_ref.adopt(parent)
            return f
        if isinstance(f, HeadingParagraph):
            self.log.headings[f.outline_key] = f.outline_title
            return marked_text(f, self.levels.heading(f.outline_level), parent)
        if isinstance(f, Paragraph):
            name = f.style.name
            if name in HEADING_STYLES:
                return marked_text(f, self.levels.heading(4), parent)
            return marked_text(f, STYLE_TYPES.get(name, "P"), parent)
        if isinstance(f, Box):
            ref = Ref("BlockQuote" if f.bar else "Div", parent)
            f.content = [self.tag(c, ref) for c in f.content]
            return grouped_with(f, ref)
        if isinstance(f, KeepTogether):
            f._content = self.together(f._content, parent)
            return f
        if isinstance(f, Table):
            tags = getattr(f, "table_tags", None)
            if tags is not None and parent is not None:
                tags.tag_ref.adopt(parent)
            return f
        if isinstance(f, (Image, TimelineDiagram)) or _is_drawing(f):
            alt = getattr(f, "alt_text", None)
            if alt == "":
                return decoration(f)
            return marked(f, "Figure", parent, alt=alt or self.log.words("alt_figure"))
        if isinstance(f, CheckItem):
            if self.checklist is None:
                self.checklist = Ref("L", parent)
            item = Ref("LI", self.checklist)
            # With forms the checkbox field is the label; on paper the square, read aloud.
            words = self.log.words
            f.label_ref = Ref("Lbl", item, alt=None if f.forms.enabled else
                              words("alt_done" if f.checked else "alt_to_do"))
            f.body_ref = Ref("LBody", item)
            f.paragraph = marked_text(f.paragraph, "P", f.body_ref)
            return grouped_with(f, item)
        if isinstance(f, TextField):
            return grouped(f, "Div", parent)
        if isinstance(f, ContentsList):
            return grouped(f, "TOC", parent)
        if isinstance(f, (HRFlowable, RuledLines)):
            return decoration(f)
        if isinstance(f, (ActionFlowable, ChapterAnchor)) or not _paints(f):
            return f
        return marked(f, "P", parent)

    def together(self, content: list, parent: Ref | None) -> list:
        """Kept-together runs: a title over a table is its Caption, over a chart the
        chart's caption."""
        from guide.convert.flowables import Paragraph
        out = list(content)
        for i, f in enumerate(out):
            following = out[i + 1] if i + 1 < len(out) else None
            if isinstance(f, Paragraph) and not is_tagged(f) and f.style.name == "h4":
                tags = getattr(following, "table_tags", None)
                if tags is not None:
                    if parent is not None:
                        tags.tag_ref.adopt(parent)
                    out[i] = marked_text(f, "Caption", tags.tag_ref)
                    continue
            out[i] = self.tag(f, parent)
        return out


def grouped_with(f: Any, ref: Ref) -> Any:
    """`f` drawn with `ref` (made by the caller, who also hands it to f's parts) open."""
    return tag(f, ref, "group")


def _paints(f: Any) -> bool:
    from reportlab.platypus import CondPageBreak, PageBreak, Spacer
    return not isinstance(f, (Spacer, CondPageBreak, PageBreak))


def tag_story(story: list, log: TagLog) -> list:
    return Tagger(log).story(story)


def tag_item(flowables: list, body: Ref, words: Wording = ENGLISH) -> list:
    """A list item's flowables, tagged under its LBody."""
    tagger = Tagger(TagLog("", "", words))
    return [tagger.tag(f, body) for f in flowables]


def _is_drawing(flowable: Any) -> bool:
    """A reportlab Drawing (a chart or an SVG); none exists unless its module is loaded,
    and a booklet without one need not load it."""
    shapes = sys.modules.get("reportlab.graphics.shapes")
    return shapes is not None and isinstance(flowable, shapes.Drawing)
