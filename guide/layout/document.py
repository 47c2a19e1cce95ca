"""Layout stage: the document and page templates, chapter breaks, outline and page furniture
around the chapters' flowables (the contents page is guide.layout.contents)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
)

from guide.convert.anchors import chapter_key
from guide.convert.flowables import HeadingParagraph, Paragraph
from guide.errors import ContentError, ContentErrors
from guide.layout.shapes import ShapePainter, Templates
from guide.layout.theme import Theme
from guide.model import Brand, Chapter, Guide
from guide.text.wording import Wording


@dataclass(frozen=True)
class ChapterInfo:
    """What the furniture and contents need to know of a chapter."""

    id: str
    title: str
    kicker: str
    summary: str
    number: str = ""  # the stage number shown in the contents; only on a stage's first chapter


@dataclass
class LayoutState:
    """Filled in while pages are laid out: the running chapter and where chapters start."""

    chapter: ChapterInfo | None = None
    chapter_pages: dict[str, int] = field(default_factory=dict)
    fillers: int = 0  # designed filler pages drawn so far
    added: dict[str, int] = field(default_factory=dict)  # filler pages added, by reason


class ChapterStart(ActionFlowable):
    """Placed before a chapter's page break: switches the running header to this chapter."""

    def __init__(self, info: ChapterInfo, state: LayoutState):
        super().__init__()
        self.info, self.state = info, state

    def apply(self, doc: Any) -> None:
        self.state.chapter = self.info


class ChapterAnchor(Flowable):
    """Zero-height mark at the top of a chapter's first page: bookmark, outline, page number."""

    def __init__(self, info: ChapterInfo, state: LayoutState):
        super().__init__()
        self.info, self.state = info, state
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        key = chapter_key(self.info.id)
        canv.bookmarkPage(key)
        canv.addOutlineEntry(self.info.title, key, level=0, closed=True)
        self.state.chapter_pages[self.info.id] = canv.getPageNumber()


class ChapterBreak(ActionFlowable):
    """Ends the page so the next chapter opens on a new page (a right-hand one when printing).

    A printed booklet opens chapters on odd pages; when that would leave an even page
    empty, a designed filler page (notes or a plan) fills it instead of a bare blank.
    """

    def __init__(self, right_hand: bool, template: str = "opening",
                 state: LayoutState | None = None):
        super().__init__()
        self.right_hand, self.template, self.state = right_hand, template, state

    def apply(self, doc: Any) -> None:
        if self.right_hand and (doc.page + 1) % 2 == 0:
            add_filler_page(doc)
            if self.state is not None:
                self.state.added["right-hand"] = self.state.added.get("right-hand", 0) + 1
        doc.handle_nextPageTemplate(self.template)
        doc.handle_pageBreak()


class PadToMultiple(ActionFlowable):
    """Adds filler pages so that, with `reserve` pages still to come, the total divides by
    `multiple` (a folded booklet is made of sheets of four pages)."""

    def __init__(self, multiple: int, reserve: int, state: LayoutState | None = None):
        super().__init__()
        self.multiple, self.reserve, self.state = multiple, reserve, state

    def apply(self, doc: Any) -> None:
        count = (-(doc.page + self.reserve)) % self.multiple
        for _ in range(count):
            add_filler_page(doc)
        if self.state is not None and count:
            self.state.added["fours"] = self.state.added.get("fours", 0) + count


def add_filler_page(doc: Any) -> None:
    doc.handle_nextPageTemplate("filler")
    doc.handle_pageBreak()
    doc.clean_hanging()  # begins the filler page, which its onPage callback draws
    doc._curPageFlowableCount = 1  # a designed page, not an empty one


class BuildStopped(Exception):
    """A content error raised while reportlab handled a page; the document keeps it."""


class GuideDocTemplate(BaseDocTemplate):
    """Mirrors margins on facing pages and adds outline entries for level-2 headings."""

    def __init__(self, *args: Any, mirror: tuple[float, float] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.mirror = mirror  # (inner, outer) margins: text sits away from the spine
        self.fillers = 0
        self.failure: ContentError | ContentErrors | None = None

    def _guarded(self, handler, *args: Any) -> None:  # type: ignore[no-untyped-def]
        """reportlab rebuilds any exception from a page handler with one string argument,
        which a ContentError cannot take; keep the real error for the pipeline to raise."""
        try:
            handler(*args)
        except (ContentError, ContentErrors) as error:
            self.failure = error
            raise BuildStopped(error.format_message()) from None

    def handle_pageEnd(self) -> None:
        self._guarded(super().handle_pageEnd)

    def beforeDocument(self) -> None:
        self.canv.showOutline()  # open with the bookmarks pane showing

    def handle_pageBegin(self) -> None:
        if self.mirror:
            inner, outer = self.mirror
            right_hand = (self.page + 1) % 2 == 1
            for frame in self.pageTemplate.frames:
                frame._x1 = inner if right_hand else outer
        self._guarded(super().handle_pageBegin)

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, HeadingParagraph) and flowable.outline_level == 2:
            self.canv.bookmarkPage(flowable.outline_key)
            self.canv.addOutlineEntry(flowable.outline_title, flowable.outline_key, level=1)
        if isinstance(flowable, Paragraph):
            flowable.release()  # drawn for good: its broken lines need not stay in memory


@dataclass(frozen=True)
class FurnitureContext:
    guide: dict[str, Any]
    brand: dict[str, Any]


def chapter_infos(guide: Guide, words: Wording) -> list[ChapterInfo]:
    stage_ids = [s.id for s in guide.timeline.stages] if guide.timeline else []
    infos, numbered = [], set()
    for chapter in guide.chapters:
        number = ""
        if chapter.kind == "stage" and chapter.stage in stage_ids and chapter.stage not in numbered:
            numbered.add(chapter.stage)
            number = f"{stage_ids.index(chapter.stage) + 1:02d}"
        infos.append(ChapterInfo(chapter.id, chapter.title, _kicker(chapter, stage_ids, words),
                                 chapter.summary, number))
    return infos


def opens_on_right(guide: Guide, index: int) -> bool:
    """Whether a printed chapter must open on a right-hand page: the first chapter, each
    stage's first chapter and the first appendix (the starts of the booklet's parts). Other
    chapters follow on the next page, so filler pages are the exception."""
    chapter = guide.chapters[index]
    if index == 0:
        return True
    before = guide.chapters[:index]
    if chapter.kind == "stage":
        return not any(c.kind == "stage" and c.stage == chapter.stage for c in before)
    return chapter.kind == "appendix" and not any(c.kind == "appendix" for c in before)


def _kicker(chapter: Chapter, stage_ids: list[str], words: Wording) -> str:
    if chapter.kind == "stage" and chapter.stage in stage_ids:
        return words("stage_kicker", number=stage_ids.index(chapter.stage) + 1)
    return words("appendix_kicker") if chapter.kind == "appendix" else ""


class PagePainter:
    """onPage callbacks for each page template, drawing the designer's templates."""

    def __init__(self, theme: Theme, templates: Templates, context: FurnitureContext,
                 state: LayoutState, painter: ShapePainter, band: float):
        self.theme, self.templates, self.context = theme, templates, context
        self.state, self.painter, self.band = theme and state, painter, band
        self.state = state

    def page_values(self, number: int, header: bool) -> dict[str, Any]:
        t = self.theme
        right = number % 2 == 1
        return {"width": t.width, "height": t.height, "number": number,
                "side": "right" if right else "left", "base": t.base,
                "inner": t.margins.inner, "outer": t.margins.outer, "top": t.margins.top,
                "bottom": t.margins.bottom, "text_width": t.frame_width, "band": self.band,
                "text_x": t.margins.inner if right else t.margins.outer,
                "header": header, "filler": self.state.fillers}

    def render(self, canv: Any, template: str, number: int, header: bool = True) -> None:
        chapter = self.state.chapter
        context = {"guide": self.context.guide, "brand": self.context.brand,
                   "words": self.theme.words.strings,
                   "colors": self.theme.colors, "page": self.page_values(number, header),
                   "chapter": {"title": chapter.title if chapter else "",
                               "kicker": chapter.kicker if chapter else "",
                               "summary": chapter.summary if chapter else ""}}
        self.painter.draw(canv, self.templates.shapes(template, context),
                          furniture=template == "page.yml.j2")

    def cover(self, canv: Any, doc: Any) -> None:
        self.render(canv, "cover.yml.j2", canv.getPageNumber())

    def back(self, canv: Any, doc: Any) -> None:
        self.render(canv, "back-cover.yml.j2", canv.getPageNumber())

    def opening(self, canv: Any, doc: Any) -> None:
        number = canv.getPageNumber()
        self.render(canv, "chapter-opening.yml.j2", number)
        self.render(canv, "page.yml.j2", number, header=False)

    def body(self, canv: Any, doc: Any) -> None:
        self.render(canv, "page.yml.j2", canv.getPageNumber())

    def plain(self, canv: Any, doc: Any) -> None:
        self.render(canv, "page.yml.j2", canv.getPageNumber(), header=False)

    def filler(self, canv: Any, doc: Any) -> None:
        number = canv.getPageNumber()
        self.state.fillers += 1
        self.render(canv, "filler.yml.j2", number, header=False)
        self.render(canv, "page.yml.j2", number, header=False)


def page_templates(theme: Theme, painter: PagePainter, band: float) -> list[PageTemplate]:
    m, W, H = theme.margins, theme.width, theme.height

    def frame(name: str, top: float, left: float, right: float) -> Frame:
        return Frame(left, m.bottom, W - left - right, H - top - m.bottom, id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def body_frames(name: str, top: float) -> list[Frame]:
        return [frame(name, top, m.inner, m.outer)]

    opening_top = band + theme.base * 2.2
    return [
        PageTemplate("cover", [frame("cover", m.top, m.inner, m.outer)], onPage=painter.cover),
        PageTemplate("contents", body_frames("contents", m.top + theme.base * 1.5), onPage=painter.plain),
        PageTemplate("opening", body_frames("opening", opening_top), onPage=painter.opening,
                     autoNextPageTemplate="body"),
        PageTemplate("body", body_frames("body", m.top), onPage=painter.body),
        PageTemplate("back", [frame("back", m.top, m.inner, m.outer)], onPage=painter.back),
        PageTemplate("filler", [frame("filler", m.top, m.inner, m.outer)], onPage=painter.filler),
    ]


def brand_context(brand: Brand) -> dict[str, Any]:
    office = brand.office
    contact = [*office.address]
    if office.phone:
        contact.append(office.phone)
    if office.email:
        contact.append(office.email)
    if office.hours:
        contact.append(office.hours)
    return {"name": brand.name, "short_name": brand.short_name, "url": brand.url,
            "has_logo": brand.logo is not None, "contact_lines": contact,
            "office": {"name": office.name, "email": office.email, "phone": office.phone,
                       "hours": office.hours, "address": list(office.address)}}


def opening_band(theme: Theme) -> float:
    return round(theme.height * 0.19, 1)
