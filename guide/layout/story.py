"""Layout stage, whole: the story of flowables for the booklet (contents, chapter openings,
stage strips, chapters, back cover), laid out in the document template into PDF bytes."""

from __future__ import annotations

import io
import os

from reportlab.platypus import Spacer
from reportlab.platypus.doctemplate import LayoutError

from guide import __version__
from guide.convert.flowables import Paragraph
from guide.errors import ContentError
from guide.layout.brand_art import draw_qr, logo_painter
from guide.layout.contents import PageNumberForms, contents_story
from guide.layout.document import (
    ChapterAnchor,
    ChapterBreak,
    ChapterStart,
    FurnitureContext,
    GuideDocTemplate,
    LayoutState,
    PadToMultiple,
    PagePainter,
    brand_context,
    chapter_infos,
    opening_band,
    opens_on_right,
    page_templates,
)
from guide.layout.fonts import Typefaces
from guide.layout.shapes import PageBox, ShapePainter, Templates
from guide.layout.theme import Theme
from guide.model import Brand, Guide
from guide.options import BuildOptions, PageCount
from guide.printing.print_edition import PrintGeometry
from guide.text.xml_text import escape
from guide.timeline.draw import stage_strip


def tagged(options: BuildOptions) -> bool:
    """Every digital edition is tagged; the print-shop and imposed editions are not (their
    pages are for paper, and imposition rebuilds every page). `CAREER_GUIDE_TAGGING=off`
    leaves the tags out, to measure what they cost."""
    if os.environ.get("CAREER_GUIDE_TAGGING", "").lower() in ("off", "0", "no", "false"):
        return False
    return not (options.print_ready or options.impose)


def lay_out(guide: Guide, brand: Brand, converted: dict[int, list], theme: Theme,
            faces: Typefaces, options: BuildOptions, templates: Templates) -> tuple[bytes, int]:
    """The booklet's PDF bytes and page count, from each chapter's flowables."""
    state = LayoutState()
    infos = chapter_infos(guide, theme.words)
    story: list = [Spacer(1, 1), *contents_story(infos, theme)]
    for i, info in enumerate(infos):
        story += [ChapterStart(info, state),
                  ChapterBreak(options.booklet and opens_on_right(guide, i), state=state),
                  ChapterAnchor(info, state)]
        chapter = guide.chapters[i]
        if chapter.kind == "stage" and guide.timeline is not None:
            story += stage_strip(guide.timeline, chapter.stage or "", theme,
                                 options.start_year, templates)
        if info.summary:
            story.append(Paragraph(escape(info.summary), theme.styles["lead"]))
        story += converted[i]
    if options.booklet:
        story.append(PadToMultiple(4, reserve=1, state=state))
    story += [ChapterBreak(False, "back"), Spacer(1, 1),
              PageNumberForms(state, infos, faces.heading.bold, theme.base * 1.02,
                              theme.colors["heading"])]

    buffer = io.BytesIO()
    band = opening_band(theme)
    geometry = PrintGeometry.for_bleed(options.bleed) if options.print_ready else None
    box = PageBox(theme.width, theme.height, geometry.bleed if geometry else 0.0)
    painter = ShapePainter(theme, box, logo=logo_painter(brand.logo, theme.faces.heading,
                                                     flatten=options.pdf_x == "1a"), qr=draw_qr)
    painter.logo_alt = getattr(brand, "logo_alt", None) or theme.words("alt_logo", name=brand.name)
    painter.qr_alt = theme.words.strings["alt_qr"]
    furniture = FurnitureContext(
        guide={"title": guide.meta.title, "subtitle": guide.meta.subtitle,
               "audience": guide.meta.audience, "edition": guide.meta.edition,
               "edition_line": theme.words("cover_edition", edition=guide.meta.edition)
               if guide.meta.edition else "",
               "back_line": guide.meta.back_line(theme.words("back_line_edition"))},
        brand=brand_context(brand))
    pages = PagePainter(theme, templates, furniture, state, painter, band)
    meta = guide.meta
    doc = GuideDocTemplate(
        buffer, pagesize=(theme.width, theme.height), title=meta.title,
        author=meta.author or brand.name, subject=meta.subtitle or meta.title,
        keywords=list(meta.keywords), creator=f"career-guide {__version__}",
        producer=f"career-guide {__version__}", lang=meta.language, invariant=1,
        displayDocTitle=1, initialFontName=faces.body.regular,
        leftMargin=theme.margins.inner, rightMargin=theme.margins.outer,
        topMargin=theme.margins.top, bottomMargin=theme.margins.bottom,
        mirror=(theme.margins.inner, theme.margins.outer),
        **(geometry.canvas_boxes(theme.width, theme.height) if geometry else {}))
    doc.addPageTemplates(page_templates(theme, pages, band))
    build_options = {}
    if tagged(options):  # the digital edition: a tagged PDF (PDF/UA-1)
        from guide.tagging.canvas import tagging_canvas
        from guide.tagging.log import TagLog
        from guide.tagging.story import tag_story
        log = TagLog(meta.title, meta.language, theme.words)
        story = tag_story(story, log)
        build_options["canvasmaker"] = tagging_canvas(log)
    try:
        doc.build(story, **build_options)
    except Exception as exc:
        if doc.failure is not None:  # a template error inside reportlab's page handling
            raise doc.failure from None
        if not isinstance(exc, LayoutError):
            raise
        where = guide.chapters[[c.id for c in guide.chapters].index(state.chapter.id)].path \
            if state.chapter else guide.root / "guide.yml"
        raise ContentError(where, None, f"something in this chapter cannot fit on a page ({exc})",
                           "split very long table cells, shrink the image, or break the text up") from None
    return buffer.getvalue(), PageCount(doc.page, state.added)
