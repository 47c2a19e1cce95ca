"""The build, as a script of its stages: load, render, parse, convert, lay out, write."""

from __future__ import annotations

import os
import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from reportlab import rl_config

from guide.convert.anchors import AnchorIndex
from guide.convert.chapter import ChapterConverter, ConvertEnv
from guide.convert.directives import directive_builders
from guide.convert.flowables import FormSettings
from guide.errors import ContentError, ContentErrors, ErrorCollector
from guide.layout.fonts import make_default_font, missing_glyphs, register_fonts
from guide.layout.shapes import Templates
from guide.layout.story import lay_out
from guide.layout.theme import PAGE_SIZES, make_theme
from guide.load.brand import DEFAULT_BRAND, brand_warnings, load_brand
from guide.load.data_age import stale_tables
from guide.load.pack import load_chapter, load_guide
from guide.load.paths import make_folder, shown
from guide.load.translation import translate_guide
from guide.model import Brand, Guide
from guide.options import BuildOptions, BuildResult
from guide.output_path import check_target, refuse_before_replace
from guide.printing.print_edition import PrintGeometry
from guide.text.markdown_parse import parse_chapters
from guide.text.render import make_context, make_environment, render_chapter, render_front_matter
from guide.text.wording import base_language, missing_strings_warning, wording_for
from guide.timeline.draw import timeline_directive


class StageTimer:
    """Wall time per pipeline stage, for `--timings` and the benchmark."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self._last = time.perf_counter()

    def mark(self, stage: str) -> None:
        now = time.perf_counter()
        self.times[stage] = self.times.get(stage, 0.0) + now - self._last
        self._last = now


def build_booklet(content: Path, brand_file: Path | None, output: Path,
                  options: BuildOptions = BuildOptions()) -> BuildResult:
    """Build one booklet and write it atomically to `output`."""
    started = time.perf_counter()
    timer = StageTimer()
    check_output(output, content, brand_file)
    guide, brand, earlier = load_inputs(content, brand_file, options.language,
                                        options.allow_missing)
    timer.mark("load")
    result = build_loaded(guide, brand, output, options, timer, started, earlier)
    return replace(result, warnings=(*stale_tables(guide, options.max_data_age), *result.warnings))


def pack_brand(content: Path, brand_file: Path | None) -> Path | None:
    """The brand to use: --brand (a file or the folder holding one) if given, else the
    pack's own _brand.yml or brand.yml, else the default."""
    from guide.load.brand.discovery import given_brand, pack_brand_file

    if brand_file is not None:
        return given_brand(brand_file)
    return pack_brand_file(content)


def build_loaded(guide: Guide, brand: Brand, output: Path, options: BuildOptions,
                 timer: StageTimer | None = None, started: float | None = None,
                 earlier: list | None = None) -> BuildResult:
    """Render and write one booklet from content and a brand already loaded, so a batch
    loads its content once for every brand."""
    started = time.perf_counter() if started is None else started
    timer = timer or StageTimer()
    check_target(output, guide.root, brand=brand)
    pdf, pages = render_checked(guide, brand, options, timer, earlier or [])
    write_atomic(output, pdf)
    timer.mark("write")
    missing = missing_strings_warning(wording_for(guide.meta.language))
    return BuildResult(output, pages, len(pdf), time.perf_counter() - started, timer.times,
                       (*guide.warnings, *([missing] if missing else []),
                        *brand_warnings(brand)))


def render_booklet(content: Path, brand_file: Path | None,
                   options: BuildOptions = BuildOptions()) -> tuple[bytes, int, Brand, Guide]:
    """Everything a build does except writing (for `check` and `preview`)."""
    guide, brand, earlier = load_inputs(content, brand_file, options.language,
                                        options.allow_missing)
    pdf, pages = render_checked(guide, brand, options, StageTimer(), earlier)
    return pdf, pages, brand, guide


def with_local_page(guide: Guide, brand: Brand) -> Guide:
    """The school's own resources page (from its brand file), placed before the appendices."""
    if brand.local_page is None:
        return guide
    page = load_chapter(brand.local_page, guide.timeline)
    if page.id in {c.id for c in guide.chapters}:
        raise ContentError(shown(brand.local_page), 1, f"a chapter named '{page.id}' already exists",
                           "rename the local page file")
    chapters = list(guide.chapters)
    at = next((i for i, c in enumerate(chapters) if c.kind == "appendix"), len(chapters))
    chapters.insert(at, page)
    return replace(guide, chapters=tuple(chapters))


def render_pdf(guide: Guide, brand: Brand, options: BuildOptions,
               timer: StageTimer) -> tuple[bytes, int]:
    # Streams are Flate-compressed only: ASCII85 on top makes files 25% larger and costs
    # time. (A reportlab setting read while writing; set per build, not on import.)
    rl_config.useA85 = 0
    if options.page_size not in PAGE_SIZES:
        raise ContentError(None, None, f"unknown page size '{options.page_size}'",
                           "use " + ", ".join(PAGE_SIZES))
    faces = register_fonts(brand.fonts)
    make_default_font(faces.body.regular)
    words = wording_for(guide.meta.language, guide.strings)
    theme = make_theme(brand, faces, options.page_size, words)

    context = make_context(guide, brand, words)
    env = make_environment()
    errors = ErrorCollector()
    chapters = tuple(_collecting(errors, render_front_matter, env, chapter, context) or chapter
                     for chapter in guide.chapters)
    guide = replace(guide, chapters=chapters)
    rendered = [_collecting(errors, render_chapter, env, chapter, context)
                for chapter in guide.chapters]
    # A chapter whose {{ }} failed is still parsed and converted without them, so one
    # `check` also reports its other mistakes (links, callouts, footnotes).
    texts = [text if text is not None else without_jinja(chapter.body)
             for text, chapter in zip(rendered, guide.chapters)]
    if not errors.errors:
        check_glyphs(brand, faces, text_sources(guide, brand, texts))
    timer.mark("render")

    trees = parse_chapters(texts)
    timer.mark("parse")

    anchors = AnchorIndex.build(list(zip(guide.chapters, trees)))
    border = PrintGeometry.for_bleed(options.bleed).border if options.print_ready else 0.0
    templates = Templates(brand.templates)
    convert_env = ConvertEnv(guide=guide, theme=theme, anchors=anchors, templates=templates,
                             forms=FormSettings(
                                 enabled=options.forms and not options.booklet,
                                 offset=(border, border), font=faces.heading.regular),
                             directives={**directive_builders(), "timeline": timeline_directive},
                             start_year=options.start_year)
    # Chapters that gather others' checklists are converted last, whatever their place.
    order = sorted(range(len(trees)), key=lambda i: "master-checklist" in texts[i])
    converted: dict[int, list] = {}
    for i in order:
        converted[i] = _collecting(errors, ChapterConverter(guide.chapters[i], convert_env).convert,
                                   trees[i]) or []
    errors.raise_if_any()
    timer.mark("convert")

    check_options(options)
    pdf, pages = lay_out(guide, brand, converted, theme, faces, options, templates)
    timer.mark("layout")
    pdf = finish_pdf(pdf, options)
    timer.mark("finish")
    return pdf, pages


def text_sources(guide: Guide, brand: Brand, texts: list[str]) -> list[tuple[str, int | None, str]]:
    """Every text the booklet prints, with the file (and first line) it comes from."""
    sources: list[tuple[str, int | None, str]] = []
    for chapter, text in zip(guide.chapters, texts):
        sources.append((str(chapter.path), None, f"{chapter.title} {chapter.summary}"))
        sources.append((str(chapter.path), chapter.body_line, text))
    meta = guide.meta
    sources.append((shown(guide.root / "guide.yml"), None,
                    " ".join([meta.title, meta.subtitle, meta.audience])))
    office = brand.office
    sources.append((str(brand.path), None, " ".join([brand.name, brand.short_name, office.name,
                    *office.address, office.hours, office.email, office.phone])))
    return sources


def check_glyphs(brand: Brand, faces, sources: list[tuple[str, int | None, str]]) -> None:  # type: ignore[no-untyped-def]
    """Name a font that cannot draw a character the booklet uses (it would print as an empty
    box), and where that character is, instead of letting it through."""
    used = set("".join(text for _, _, text in sources))
    if "'" in used or '"' in used:
        used |= set("\u2018\u2019\u201c\u201d")  # typographic quotes are set for them
    files = {faces.body.regular: brand.fonts.body[0], faces.heading.regular: brand.fonts.heading[0],
             faces.heading.bold: brand.fonts.heading[2], faces.display: brand.fonts.heading_display}
    for name, file in files.items():
        missing = sorted(missing_glyphs(name, "".join(used)))
        if not missing:
            continue
        where, line = str(brand.path), None
        for path, first_line, text in sources:
            hits = [n for n, row in enumerate(text.split("\n")) if any(ch in row for ch in missing)]
            if hits:
                where = path
                line = None if first_line is None else first_line + hits[0]
                break
        shown_chars = " ".join(missing[:12]) + (" ..." if len(missing) > 12 else "")
        plural = "s" if len(missing) > 1 else ""
        raise ContentError(where, line, f"the font {shown(file)} has no glyph{plural} for "
                           f"{shown_chars}", "use other characters here, or a brand font that "
                           "has them")


def check_options(options: BuildOptions) -> None:
    if options.pdf_x and options.grayscale:
        raise ContentError(None, None, "--pdf-x and --grayscale exclude each other",
                           "--pdf-x is the CMYK print-shop file; --grayscale a proof")
    if options.pdf_x and not options.print_ready:
        raise ContentError(None, None, "--pdf-x is a CMYK print edition", "use it with --print")
    if options.cmyk and options.grayscale:
        raise ContentError(None, None, "--cmyk and --grayscale exclude each other", "choose one")
    if options.print_ready and options.impose:
        raise ContentError(None, None, "--print and --impose exclude each other",
                           "--print is for print shops (bleed, marks); --impose for office printers")
    if options.impose not in (None, "saddle-stitch"):
        raise ContentError(None, None, f"unknown imposition '{options.impose}'", "use saddle-stitch")


def finish_pdf(pdf: bytes, options: BuildOptions) -> bytes:
    """Colour-space conversion and imposition work on the finished pages."""
    if options.cmyk or options.grayscale or options.pdf_x:
        from guide.printing.pdfx import press_finish
        pdf = press_finish(pdf, options.cmyk, options.grayscale, options.pdf_x, options.icc)
    if options.impose:
        from guide.printing.impose import impose_saddle_stitch
        pdf = impose_saddle_stitch(pdf, options.sheet, options.creep, options.sheet_marks,
                                   options.sheet_margin).pdf
    return pdf


JINJA_SPANS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def without_jinja(body: str) -> str:
    """The chapter with its template parts blanked out, keeping every line in place."""
    return JINJA_SPANS.sub(lambda m: "\n" * m.group(0).count("\n"), body)


def load_inputs(content: Path, brand_file: Path | None, language: str | None = None,
                allow_missing: bool = False) -> tuple[Guide, Brand, list]:
    """Read the brand and the pack (in `language`, if given), reporting the mistakes of
    both at once.

    A broken brand file does not stop the content from being checked: the chapters are
    then rendered with the default brand, and the brand's errors come out with theirs.
    """
    errors = ErrorCollector()
    chosen = pack_brand(content, brand_file) or default_brand_in(language)
    brand = _collecting(errors, lambda: load_brand(chosen))
    guide = _collecting(errors, load_edition, content, language, allow_missing)
    if guide is None:
        errors.raise_if_any()
    return guide, brand or load_brand(None), errors.errors


def default_brand_in(language: str | None) -> Path | None:
    """The neutral brand's own words in `language` (content/brands/default-es.yml), when
    no brand is given; None means the English default."""
    if not language:
        return None
    found = DEFAULT_BRAND.with_name(f"default-{base_language(language)}.yml")
    return found if found.is_file() else None


def load_edition(content: Path, language: str | None = None,
                 allow_missing: bool = False) -> Guide:
    """The pack, with its translation into `language` laid over it when that is not the
    pack's own language."""
    guide = load_guide(content)
    if language is None or base_language(language) == base_language(guide.meta.language):
        return guide
    translated, warnings = translate_guide(guide, language, allow_missing)
    return replace(translated, warnings=(*translated.warnings, *warnings))


def render_checked(guide: Guide, brand: Brand, options: BuildOptions, timer: StageTimer,
                   earlier: list) -> tuple[bytes, int]:
    """render_pdf, with mistakes found while loading reported together with its own."""
    try:
        result = render_pdf(with_local_page(guide, brand), brand, options, timer)
    except ContentError as error:
        raise ContentErrors([*earlier, error]) if earlier else error from None
    except ContentErrors as many:
        raise ContentErrors([*earlier, *many.errors]) from None
    if earlier:
        ErrorCollector.of(earlier).raise_if_any()
    return result


def _collecting(errors: ErrorCollector, step, *args):  # type: ignore[no-untyped-def]
    """Run one chapter's step; a content error is kept so all chapters get checked."""
    try:
        return step(*args)
    except ContentError as error:
        errors.add(error)
    except ContentErrors as many:
        errors.errors.extend(many.errors)
    return None


def check_output(output: Path, content: Path | None = None, brand_file: Path | None = None) -> None:
    """The output's folder must exist or be one new folder inside an existing one, and the
    output itself must be a regular file or a new path that is no file the build reads."""
    folder = output.parent
    if not make_folder(folder):
        raise ContentError(shown(output), None, f"the folder {shown(folder)} does not exist",
                           "create it first or choose another -o path")
    if not os.access(folder, os.W_OK):
        raise ContentError(shown(output), None, f"cannot write to the folder {shown(folder)}",
                           "choose a folder you can write to")
    check_target(output, content, brand_file)


def write_atomic(output: Path, data: bytes) -> None:
    """Write next to the target, then rename: the old PDF survives any failure or Ctrl-C."""
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp",
                                        dir=output.parent)
    except OSError as exc:
        raise ContentError(shown(output), None, f"cannot write the PDF: {exc.strerror or exc}",
                           "choose a folder you can write to") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        refuse_before_replace(output)
        os.replace(temp, output)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise ContentError(shown(output), None, f"cannot write the PDF: {exc.strerror or exc}",
                           "free some disk space or choose another folder; the previous PDF "
                           "is unchanged") from None
    except BaseException:  # also a ContentError from refuse_before_replace
        Path(temp).unlink(missing_ok=True)
        raise
