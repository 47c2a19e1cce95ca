"""The flyer and the poster, as a script of their stages: load, fill in the facts and stage
lines, draw each side's template, then the booklet's own finishing and atomic write."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A3, A4, LETTER
from reportlab.lib.units import inch

from guide import __version__
from guide.errors import ContentError, ErrorCollector
from guide.kit.content import KitContent, kit_content
from guide.kit.painter import KIT_SHAPES, KitPainter, Placed
from guide.kit.spec import FlyerSpec, load_flyer_spec
from guide.layout.brand_art import draw_qr, logo_painter
from guide.layout.document import brand_context
from guide.layout.fonts import make_default_font, register_fonts
from guide.layout.story import tagged
from guide.layout.shapes import PageBox, Templates
from guide.layout.theme import Theme, make_theme
from guide.load.brand import brand_warnings
from guide.load.data_age import stale_tables
from guide.model import Brand, Guide
from guide.options import BuildOptions, BuildResult
from guide.pipeline import (
    StageTimer,
    check_glyphs,
    check_options,
    check_output,
    finish_pdf,
    load_inputs,
    write_atomic,
)
from guide.printing.print_edition import PrintGeometry
from guide.text.wording import ENGLISH, Wording, wording_for

FLYER_SIZES = {"letter": LETTER, "a4": A4}
POSTER_SIZES = {"tabloid": (11 * inch, 17 * inch), "a3": A3, "18x24in": (18 * inch, 24 * inch),
                "24x36in": (24 * inch, 36 * inch)}
SIZES = {"flyer": FLYER_SIZES, "poster": POSTER_SIZES}
DEFAULT_SIZE = {"flyer": "letter", "poster": "18x24in"}
SIDES = {"flyer": ("flyer-front.yml.j2", "flyer-back.yml.j2"), "poster": ("poster.yml.j2",)}
NAMES = {"flyer": "flyer", "poster": "poster"}


@dataclass(frozen=True)
class KitRender:
    """The finished PDF and, per page, where each boxed text and diagram was drawn."""

    pdf: bytes
    placed: tuple[tuple[Placed, ...], ...]

    @property
    def pages(self) -> int:
        return len(self.placed)


def build_piece(kind: str, content: Path, brand_file: Path | None, output: Path,
                options: BuildOptions) -> BuildResult:
    """Build one flyer or poster from a content pack and write it atomically."""
    started = time.perf_counter()
    timer = StageTimer()
    check_output(output)
    guide, brand, earlier = load_inputs(content, brand_file, options.language,
                                        options.allow_missing)
    ErrorCollector.of(earlier).raise_if_any()
    spec = load_flyer_spec(guide.root, options.language)
    timer.mark("load")
    result = build_piece_loaded(kind, guide, spec, brand, output, options, timer, started)
    return replace(result, warnings=(*stale_tables(guide, options.max_data_age), *result.warnings))


def build_piece_loaded(kind: str, guide: Guide, spec: FlyerSpec, brand: Brand, output: Path,
                       options: BuildOptions, timer: StageTimer | None = None,
                       started: float | None = None) -> BuildResult:
    """Render and write a piece from a pack already loaded (a batch loads it once)."""
    started = time.perf_counter() if started is None else started
    timer = timer or StageTimer()
    result = render_piece(kind, guide, spec, brand, options, timer)
    write_atomic(output, result.pdf)
    timer.mark("write")
    return BuildResult(output, result.pages, len(result.pdf), time.perf_counter() - started,
                       timer.times, tuple(brand_warnings(brand)))


def build_batch_piece(kind: str, guide: Guide, brand: Brand, output: Path,
                      options: BuildOptions) -> BuildResult:
    """A piece for `batch --kind`: the booklet's print settings, the piece's own paper (the
    flyer takes letter or a4 from --page-size, else letter; the poster its default size)."""
    size = options.page_size if options.page_size in SIZES[kind] else DEFAULT_SIZE[kind]
    piece = replace(options, page_size=size, impose=None, forms=False)
    return build_piece_loaded(kind, guide, load_flyer_spec(guide.root), brand, output, piece)


def render_piece(kind: str, guide: Guide, spec: FlyerSpec, brand: Brand,
                 options: BuildOptions, timer: StageTimer | None = None) -> KitRender:
    """The piece's PDF bytes, finished like the booklet's (colours, and what later finishing
    steps add), with the placement of every boxed text for checks."""
    timer = timer or StageTimer()
    rl_config.useA85 = 0
    sizes = SIZES[kind]
    if options.page_size not in sizes:
        raise ContentError(None, None, f"unknown {kind} size '{options.page_size}'",
                           "use " + ", ".join(sizes))
    check_options(options)
    if options.impose:
        raise ContentError(None, None, f"--impose is for the booklet, not the {kind}",
                           "print the flyer double-sided, flipping on the long edge")
    faces = register_fonts(brand.fonts)
    make_default_font(faces.body.regular)
    words = wording_for(guide.meta.language, guide.strings)
    theme = kit_theme(brand, faces, kind, options.page_size, words)
    content = kit_content(guide, brand, spec, words)
    check_glyphs(brand, faces, kit_sources(guide, brand, content))
    timer.mark("render")

    geometry = PrintGeometry.for_bleed(options.bleed) if options.print_ready else None
    box = PageBox(theme.width, theme.height, geometry.bleed if geometry else 0.0)
    templates = Templates(brand.templates)
    painter = KitPainter(theme, box, templates, guide.timeline, content.fields, NAMES[kind],
                         options.start_year,
                         logo=logo_painter(brand.logo, theme.faces.heading,
                                           flatten=options.pdf_x == "1a"),
                         qr=draw_qr)
    painter.logo_alt = getattr(brand, "logo_alt", None) or f"{brand.name} logo"
    painter.qr_alt = words.strings["alt_qr"]
    buffer = io.BytesIO()
    canv = _canvas(buffer, guide, brand, theme, kind, geometry, faces.body.regular,
                   tagged(options))
    placed = []
    for number, side in enumerate(SIDES[kind], start=1):
        context = template_context(guide, brand, theme, content, box, number)
        painter.placed = []
        painter.draw(canv, templates.shapes(side, context, KIT_SHAPES))
        placed.append(tuple(painter.placed))
        canv.showPage()
    canv.save()
    timer.mark("layout")
    pdf = finish_pdf(buffer.getvalue(), options)
    timer.mark("finish")
    return KitRender(pdf, tuple(placed))


def kit_theme(brand: Brand, faces: Any, kind: str, size: str,
              words: Wording = ENGLISH) -> Theme:
    """The booklet's colours and faces on the piece's page; a poster's type grows with it."""
    width, height = SIZES[kind][size]
    theme = make_theme(brand, faces, "letter", words)
    base = 11.0 if kind == "flyer" else round(width / 40, 1)
    return replace(theme, page_size=size, width=width, height=height, base=base)


def template_context(guide: Guide, brand: Brand, theme: Theme, content: KitContent,
                     box: PageBox, number: int) -> dict[str, Any]:
    """What the kit's templates receive (docs/templates.md)."""
    meta = guide.meta
    url = content.url
    return {
        "guide": {"title": meta.title, "subtitle": meta.subtitle, "audience": meta.audience,
                  "edition": meta.edition,
                  "back_line": meta.back_line(theme.words("back_line_edition"))},
        "brand": brand_context(brand), "colors": theme.colors, "words": theme.words.strings,
        "page": {"width": theme.width, "height": theme.height, "base": theme.base,
                 "number": number, "bleed": box.bleed},
        "facts": [dict(f) for f in content.facts],
        "stages": [dict(s, items=[dict(i) for i in s["items"]]) for s in content.stages],
        "qr": {"url": url, "label": url.split("://", 1)[-1].rstrip("/")},
    }


def kit_sources(guide: Guide, brand: Brand,
                content: KitContent) -> list[tuple[str, int | None, str]]:
    """Every text the piece prints, with where it comes from, for the glyph check."""
    meta, office = guide.meta, brand.office
    sources: list[tuple[str, int | None, str]] = [
        (str(content.fields["title"].path), None, " ".join([meta.title, meta.subtitle,
                                                             meta.audience])),
        (str(brand.path), None, " ".join([brand.name, brand.short_name, office.name,
                                          *office.address, office.hours, office.email,
                                          office.phone]))]
    for fact in content.facts:
        where = content.fields[fact["field"]]
        sources.append((where.path, where.line, " ".join([fact["value"], fact["line"],
                                                          fact["source"]])))
    for stage in content.stages:
        where = content.fields[stage["field"]]
        sources.append((where.path, None, " ".join([stage["label"], stage["years"],
                                                    stage["description"]])))
        for item in stage["items"]:
            item_at = content.fields[item["field"]]
            sources.append((item_at.path, item_at.line, item["text"]))
    return sources


def _canvas(buffer: io.BytesIO, guide: Guide, brand: Brand, theme: Theme, kind: str,
            geometry: PrintGeometry | None, font: str, tags: bool = False) -> Any:
    """The piece's canvas; for the digital piece, the booklet's tagging canvas (PDF/UA-1),
    which checks each side for untagged paint and writes the structure when saved."""
    from reportlab.pdfgen.canvas import Canvas

    from guide.tagging.canvas import TaggingCanvas
    from guide.tagging.log import TagLog

    meta = guide.meta
    title = f"{meta.title} ({kind})"
    boxes = geometry.canvas_boxes(theme.width, theme.height) if geometry is not None else {}
    canv = (TaggingCanvas if tags else Canvas)(
        buffer, pagesize=(theme.width, theme.height), invariant=1, initialFontName=font,
        lang=meta.language, **boxes)
    if tags:
        canv.tags = TagLog(title, meta.language)
    canv.setTitle(title)
    canv.setAuthor(meta.author or brand.name)
    canv.setSubject(meta.subtitle or meta.title)
    canv.setKeywords(list(meta.keywords))
    canv.setCreator(f"career-guide {__version__}")
    canv.setProducer(f"career-guide {__version__}")
    canv.setViewerPreference("DisplayDocTitle", "true")
    return canv
