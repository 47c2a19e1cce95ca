"""The contents page: each chapter with its number, dotted leader and page number, linked.

Page numbers are form XObjects defined at the end of the story, when every chapter's page
is known, so the booklet is laid out in one pass instead of reportlab's multiBuild passes.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import ActionFlowable, Flowable

from guide.colors import to_color
from guide.convert.anchors import chapter_key
from guide.convert.flowables import Paragraph
from guide.layout.document import ChapterBreak, ChapterInfo, LayoutState
from guide.layout.theme import Theme
from guide.tagging.log import Ref
from guide.tagging.marks import content
from guide.text.xml_text import escape


class PageNumberForms(ActionFlowable):
    """Last in the story: defines the contents' page-number forms, now that pages are known.

    The contents page draws each number as a form XObject that is only defined here, so the
    whole booklet is laid out in one pass instead of reportlab's repeated multiBuild passes.
    """

    def __init__(self, state: LayoutState, chapters: list[ChapterInfo], font: str, size: float,
                 color: str):
        super().__init__()
        self.state, self.chapters = state, chapters
        self.font, self.size, self.color = font, size, color

    def apply(self, doc: Any) -> None:
        canv = doc.canv
        for info in self.chapters:
            canv.beginForm(_page_form(info.id), lowerx=-200, lowery=-50, upperx=10, uppery=100)
            canv.setFont(self.font, self.size)
            canv.setFillColor(to_color(self.color))
            canv.drawRightString(0, 0, str(self.state.chapter_pages.get(info.id, "")))
            canv.endForm()


def _page_form(chapter_id: str) -> str:
    return "pg_" + chapter_id.replace("-", "_")


class ContentsList(Flowable):
    """The contents: each chapter with its kicker, dotted leader and page number, clickable."""

    def __init__(self, chapters: list[ChapterInfo], theme: Theme):
        super().__init__()
        self.chapters, self.theme = chapters, theme
        self.rows: list[tuple[ChapterInfo, Paragraph, Paragraph | None, float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        styles = self.theme.styles
        self.width = avail_width
        number_w = self.theme.base * 2.6
        self.rows = []
        total = 0.0
        for info in self.chapters:
            title = Paragraph(escape(info.title), styles["toc"])
            _, h = title.wrap(avail_width - number_w - self.theme.base * 3, 1e6)
            summary = None
            row_h = h + self.theme.base * 0.85
            self.rows.append((info, title, summary, row_h))
            total += row_h
        self.height = total
        return avail_width, total

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if self.height <= avail_height:
            return [self]
        used, cut = 0.0, 0
        for _, _, _, row_h in self.rows:
            if used + row_h > avail_height:
                break
            used += row_h
            cut += 1
        if cut == 0:
            return []
        return [ContentsList(self.chapters[:cut], self.theme),
                ContentsList(self.chapters[cut:], self.theme)]

    def draw(self) -> None:
        canv = self.canv
        y = self.height
        for info, title, summary, row_h in self.rows:
            with content(canv, ref=Ref("Link", Ref("TOCI"))):
                self._draw_row(canv, info, title, summary, y)
            y -= row_h

    def _draw_row(self, canv, info: ChapterInfo, title: Paragraph, summary, y: float) -> None:  # type: ignore[no-untyped-def]
        """One entry: number, title, dotted leader and page number, all one link."""
        theme = self.theme
        c, base = theme.colors, theme.base
        kicker_font = theme.faces.heading.bold
        top = y
        indent = base * 3
        canv.saveState()
        canv.setFont(kicker_font, base * 0.8)
        canv.setFillColor(to_color(c["accent"]))
        if info.number:
            canv.drawString(0, top - base * 1.02, info.number + " ")  # read apart from the title
        canv.restoreState()
        _, th = title.wrap(self.width - base * 2.6 - indent, 1e6)
        title.drawOn(canv, indent, top - th)
        last_line_w = _last_line_width(title)
        # Dotted leader from the end of the title to the page number.
        canv.saveState()
        canv.setStrokeColor(to_color(c["rule"]))
        canv.setLineWidth(0.8)
        canv.setDash(0.5, 3)
        leader_y = top - th + base * 0.3
        start = indent + last_line_w + base * 0.5
        end = self.width - base * 2.2
        if end > start:
            canv.line(start, leader_y, end, leader_y)
        canv.restoreState()
        canv.saveState()
        # On the baseline of the title's last line, which sits (leading - size) above
        # the paragraph's foot.
        canv.translate(self.width, top - th + title.style.leading - title.style.fontSize)
        canv.doForm(_page_form(info.id))
        canv.restoreState()
        h = th
        if summary is not None:
            _, sh = summary.wrap(self.width - base * 2.6 - indent, 1e6)
            summary.drawOn(canv, indent, top - th - 1 - sh)
            h += sh + 1
        canv.linkRect("", chapter_key(info.id), (0, top - h - 2, self.width, top + 2),
                      relative=1, thickness=0)


def _last_line_width(paragraph: Paragraph) -> float:
    lines = getattr(paragraph.blPara, "lines", [])
    if not lines:
        return 0.0
    last = lines[-1]
    style = paragraph.style
    if isinstance(last, tuple):  # simple lines: (space left, words)
        return stringWidth(" ".join(last[1]), style.fontName, style.fontSize)
    return getattr(last, "currentWidth", 0.0) or 0.0


def contents_story(infos: list[ChapterInfo], theme: Theme) -> list[Flowable]:
    title = Paragraph(escape(theme.words("contents")), _title_style(theme))
    return [ChapterBreak(False, "contents"), title, ContentsList(infos, theme)]


def _title_style(theme: Theme):  # type: ignore[no-untyped-def]
    return ParagraphStyle("contents_title", fontName=theme.faces.display,
                          fontSize=theme.base * 2.4, leading=theme.base * 2.8,
                          textColor=to_color(theme.colors["heading"]), spaceAfter=theme.base * 1.6)
