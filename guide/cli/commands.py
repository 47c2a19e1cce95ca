"""Command line: parses options and calls the pipeline; errors become one line and an exit code."""

from __future__ import annotations

import gc
import sys
import traceback
from pathlib import Path

import click

from guide import __version__, speed
from guide.load.resources import resource_dir

PAGE_SIZES = ("half-letter", "a5", "letter", "a4")
DEFAULT_CONTENT = resource_dir("content") / "pain-medicine"
DEFAULT_DIST = Path("dist")


def default_output(content: Path, brand: Path | None, page_size: str, options=None) -> Path:  # type: ignore[no-untyped-def]
    name = content.resolve().name
    if brand is not None:
        stem = brand.parent.name if brand.stem in ("brand", "_brand") else brand.stem
        if stem != "default":
            name += f"-{stem}"
    if page_size != "half-letter":
        name += f"-{page_size}"
    if options is not None:
        name += language_suffix(content, getattr(options, "language", None))
        for flag, suffix in (("print_ready", "print"), ("cmyk", "cmyk"), ("grayscale", "gray")):
            if getattr(options, flag):
                name += f"-{suffix}"
        if options.pdf_x:
            name += f"-pdfx{options.pdf_x}"
        if options.impose:
            name += f"-imposed-{options.sheet}"
    return DEFAULT_DIST / f"{name}.pdf"


class GuideGroup(click.Group):
    """Turns unexpected exceptions into a one-line message (exit 1) unless --debug is set."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt,
                SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the one place bugs are reported
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            else:
                click.echo(f"internal error: {type(exc).__name__}: {exc} "
                           "(run with --debug for details and report it)", err=True)
            ctx.exit(1)


content_argument = click.argument("content_dir", required=False, type=click.Path(path_type=Path),
                                  default=None)
brand_option = click.option("--brand", "brand", type=click.Path(path_type=Path), default=None,
                            help="Brand file (brand.yml format), or a folder holding _brand.yml or "
                                 "brand.yml. Default: the pack's own _brand.yml or brand.yml if it "
                                 "has one, else the neutral brand.")
size_option = click.option("--page-size", type=click.Choice(PAGE_SIZES, case_sensitive=False),
                           default="half-letter",
                           show_default=True, help="Trim size of the booklet's pages.")
forms_option = click.option("--no-forms", is_flag=True,
                            help="Draw checklist boxes only, without fillable form fields.")
def language_options(command):  # type: ignore[no-untyped-def]
    """--lang and --allow-missing: the pack's edition in another language."""
    command = click.option("--allow-missing", is_flag=True,
                           help="With --lang: use the English text, with a warning, where the "
                                "translation lacks a chapter or label.")(command)
    return click.option("--lang", "language", default=None, metavar="LANG",
                        help="Build the pack's edition in this language (its LANG/ folder, "
                             "e.g. es), default: the pack's own language.")(command)


def with_language(options, language: str | None, allow_missing: bool):  # type: ignore[no-untyped-def]
    from dataclasses import replace
    return replace(options, language=language, allow_missing=allow_missing)


def language_suffix(content: Path, language: str | None) -> str:
    """'-es' for a build in another language than the pack's own (read from guide.yml)."""
    if not language:
        return ""
    from guide.text.wording import base_language
    try:
        import yaml
        own = (yaml.safe_load((content / "guide.yml").read_text("utf-8")) or {}).get(
            "language") or "en"
    except (OSError, yaml.YAMLError, AttributeError, UnicodeDecodeError):
        own = "en"  # the build itself reports an unreadable guide.yml
    wanted = base_language(language)
    return "" if wanted == base_language(str(own)) else f"-{wanted}"


data_age_option = click.option(
    "--max-data-age", type=click.IntRange(0, 100), default=5, show_default=True,
    help="Warn about data tables whose source is more than this many years older than the "
         "guide's edition.")


def print_options(command):  # type: ignore[no-untyped-def]
    """Options for the print-shop and office-printer editions."""
    options = [
        click.option("--print", "print_ready", is_flag=True,
                     help="Print-shop edition: bleed, crop marks, trim and bleed boxes, chapters "
                          "on right-hand pages, page count in fours, no form fields."),
        click.option("--bleed", default="0.125in", show_default=True,
                     help="Bleed around each page with --print, e.g. 3mm or 0.125in."),
        click.option("--cmyk", is_flag=True, help="Write every colour as CMYK (for print shops)."),
        click.option("--grayscale", is_flag=True, help="A grayscale proof, to check the booklet "
                                                       "reads without colour."),
        click.option("--impose", type=click.Choice(["saddle-stitch"]), default=None,
                     help="Office edition: pages two-up on landscape sheets in booklet order; "
                          "print double-sided, flip on the short edge, fold and staple."),
        click.option("--sheet", type=click.Choice(["letter", "a4"]), default="letter",
                     show_default=True, help="Paper for --impose."),
        click.option("--creep", default="0", show_default=True,
                     help="With --impose: move inner sheets' pages toward the fold by this much "
                          "per sheet (e.g. 0.2mm), for thick booklets."),
        click.option("--sheet-marks", is_flag=True,
                     help="With --impose: fold and trim marks, in a blank margin at the "
                          "sheet's edge (at least 12 pt; the pages shrink to make room)."),
        click.option("--sheet-margin", default="0", show_default=True,
                     help="With --impose: keep this much of each sheet's edge blank (e.g. "
                          "5mm), for office printers that cannot print to the edge."),
        click.option("--pdf-x", "pdf_x", type=click.Choice(["4", "1a"]), is_flag=False,
                     flag_value="4", default=None,
                     help="A PDF/X file for print shops (implies --print, CMYK through the "
                          "ICC profile): 4 (the default) or 1a for shops that ask for "
                          "X-1a (transparency flattened)."),
        click.option("--icc", type=click.Path(path_type=Path), default=None,
                     help="The printer's CMYK output profile (.icc) for --cmyk and --pdf-x. "
                          "Default: the bundled Coated FOGRA39 profile."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def make_options(page_size: str, no_forms: bool, start_year: int | None, print_ready: bool,
                 bleed: str, cmyk: bool, grayscale: bool, impose: str | None, sheet: str,
                 creep: str, sheet_marks: bool, sheet_margin: str = "0", pdf_x: str | None = None,
                 icc: Path | None = None):  # type: ignore[no-untyped-def]
    from guide.options import BuildOptions
    from guide.printing.print_edition import parse_bleed

    refuse_unused_print_options(print_ready or pdf_x is not None, impose)
    return BuildOptions(page_size=page_size, forms=not no_forms, start_year=start_year,
                        print_ready=print_ready or pdf_x is not None, bleed=parse_bleed(bleed),
                        cmyk=cmyk or pdf_x is not None, pdf_x=pdf_x, icc=icc,
                        grayscale=grayscale, impose=impose, sheet=sheet,
                        creep=parse_bleed(creep, "creep") if creep not in ("0", "") else 0.0,
                        sheet_marks=sheet_marks,
                        sheet_margin=parse_bleed(sheet_margin, "sheet-margin")
                        if sheet_margin not in ("0", "") else 0.0)


def refuse_unused_print_options(print_ready: bool, impose: str | None) -> None:
    """--bleed belongs to --print, --creep, --sheet and --sheet-marks to --impose: given
    alone they would change nothing, which is a mistake worth saying."""
    from click.core import ParameterSource

    from guide.errors import ContentError

    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return
    needs = {"bleed": ("print", print_ready), "creep": ("impose", impose),
             "sheet": ("impose", impose), "sheet_marks": ("impose", impose),
             "sheet_margin": ("impose", impose)}
    for name, (needed, given) in needs.items():
        if not given and ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE:
            option = "--" + name.replace("_", "-")
            raise ContentError(None, None, f"{option} is used only with --{needed}",
                               f"add --{needed}, or leave out {option}")


def booklet_options(command):  # type: ignore[no-untyped-def]
    """What `build` and `watch` share: the pack, the brand, the output and every edition."""
    output_option = click.option("-o", "--output", type=click.Path(), default=None,
                                 help="Where to write the PDF; a folder (or a path ending in /) "
                                      "means into it. Default: dist/<pack>.pdf")
    for option in reversed([content_argument, brand_option, output_option, size_option,
                            forms_option, start_year_option, print_options]):
        command = option(command)
    return command


def output_path(content: Path, brand: Path | None, output: str | Path | None, page_size: str,
                options) -> Path:  # type: ignore[no-untyped-def]
    """-o as given (a folder means into it, under the default name), else dist/<name>.pdf
    (the build makes dist/ if it is missing). A name without .pdf is warned about."""
    from guide.output_path import not_pdf_warning, output_target

    default = default_output(content, brand, page_size, options)
    if output is None:
        return default
    target = output_target(output, default.name)
    warning = not_pdf_warning(target)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    return target


start_year_option = click.option("--start-year", type=click.IntRange(1900, 2200), default=None,
                                 help="Label timelines with calendar years, starting with the "
                                      "first year of college (e.g. 2027).")


@click.group(cls=GuideGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="career-guide")
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build print-ready career booklets from Markdown, data files and templates.

    Without a command, builds the default booklet into dist/.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    warning = speed.enable()
    if warning:
        click.echo(f"warning: {warning}", err=True)
    if ctx.invoked_subcommand is None:
        ctx.invoke(build)


@main.command()
@booklet_options
@click.option("--timings", is_flag=True, help="Print the time each pipeline stage took.")
@data_age_option
@language_options
def build(content_dir: Path | None, brand: Path | None, output: str | None, page_size: str,
          no_forms: bool, start_year: int | None, timings: bool, max_data_age: int,
          language: str | None, allow_missing: bool, **print_settings) -> None:  # type: ignore[no-untyped-def]
    """Build a booklet PDF from CONTENT_DIR (default: the pain-medicine pack)."""
    from dataclasses import replace

    from guide.pipeline import build_booklet

    options = replace(make_options(page_size, no_forms, start_year, **print_settings),
                      max_data_age=max_data_age, language=language, allow_missing=allow_missing)
    content = content_dir or DEFAULT_CONTENT
    output = output_path(content, brand, output, page_size, options)
    result = build_booklet(content, brand, output, options)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if timings:
        click.echo("timings: " + ", ".join(f"{stage} {seconds * 1000:.1f} ms"
                                           for stage, seconds in result.stages.items()), err=True)
    extra = ""
    if options.impose:
        from guide.printing.impose import imposition_scale
        scale = imposition_scale(page_size, options.sheet, options.sheet_margin,
                                 options.sheet_marks)
        extra = f", imposed on {result.pages // 2} {options.sheet} sides" + (
            f" at {scale:.0%} (scaled to fit, equal margins)" if scale < 1 else "")
    click.echo(f"{output}: {result.pages} pages{extra}, {result.bytes / 1024:.0f} KiB, "
               f"{result.seconds:.2f} s")
    note = result.pages.added_note() if hasattr(result.pages, "added_note") else ""
    if note:
        click.echo(f"  {note}")


@main.command()
@content_argument
@brand_option
@size_option
@start_year_option
@data_age_option
@language_options
@click.option("--accessibility", is_flag=True,
              help="Also report what keeps the booklet from reading well without sight: "
                   "pictures without alt text, skipped heading levels, low-contrast brand "
                   "colours, links that say 'here'.")
def check(content_dir: Path | None, brand: Path | None, page_size: str,
          start_year: int | None, max_data_age: int, language: str | None,
          allow_missing: bool, accessibility: bool) -> None:
    """Validate CONTENT_DIR and the brand file; write nothing."""
    from guide.load.brand import brand_warnings
    from guide.load.data_age import stale_tables
    from guide.load.pack import load_guide
    from guide.options import BuildOptions
    from guide.pipeline import render_booklet

    content = content_dir or DEFAULT_CONTENT
    if accessibility:
        from guide.pipeline import load_inputs
        from guide.tagging.audit import audit
        findings = audit(*load_inputs(content, brand, language, allow_missing)[:2])
        for finding in findings:  # warnings, like the brand's: the booklet still builds
            click.echo(f"warning: {finding.format()}", err=True)
    options = BuildOptions(page_size=page_size, start_year=start_year, language=language,
                           allow_missing=allow_missing)
    _, pages, loaded, edition = render_booklet(content, brand, options)
    for warning in [*stale_tables(load_guide(content), max_data_age), *edition.warnings,
                    *brand_warnings(loaded)]:
        click.echo(f"warning: {warning}", err=True)
    from guide.text.authoring_checks import chapter_warnings
    for chapter in load_guide(content).chapters:
        for warning in chapter_warnings(chapter):
            click.echo(f"warning: {warning}", err=True)
    in_language = f", {edition.meta.language}" if language else ""
    click.echo(f"{content}: ok ({pages} pages at {page_size}{in_language})")


@main.command()
@content_argument
@click.option("--brands", "brands_dir", type=click.Path(path_type=Path), required=True,
              help="Folder of brand files; one booklet is built for each.")
@click.option("-o", "--output-dir", "output_dir", type=click.Path(path_type=Path),
              default=DEFAULT_DIST, show_default=True, help="Folder for the PDFs.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
              help="Parallel processes. Default: every core.")
@click.option("--kind", default="booklet", show_default=True,
              help="What to build for each brand: booklet, flyer, poster, or a list such as "
                   "booklet,flyer,poster (the career-fair kit).")
@size_option
@forms_option
@start_year_option
@print_options
@data_age_option
@click.option("--lang", "languages", default=None, metavar="LANG[,LANG...]",
              help="Build each brand in these languages, e.g. en,es (default: the pack's own).")
@click.option("--allow-missing", is_flag=True,
              help="With --lang: English text, with a warning, where a translation lacks a piece.")
def batch(content_dir: Path | None, brands_dir: Path, output_dir: Path, jobs: int | None,
          kind: str, page_size: str, no_forms: bool, start_year: int | None, max_data_age: int,
          languages: str | None, allow_missing: bool, **print_settings) -> None:  # type: ignore[no-untyped-def]
    """Build one booklet per brand file in --brands, in parallel, with a closing summary.

    Output names come from each brand's short name. A broken brand file does not stop the
    others; the command exits with code 2 at the end, naming each failure.
    """
    import time

    from guide.cli.batch import (
        brand_files,
        default_jobs,
        parse_kinds,
        plan_jobs,
        run_batch,
        summary_table,
    )
    from guide.load.pack import load_guide
    from guide.load.paths import output_folder

    started = time.perf_counter()
    kinds = parse_kinds(kind)
    from guide.load.data_age import stale_tables
    from guide.pipeline import load_edition

    options = make_options(page_size, no_forms, start_year, **print_settings)
    content = content_dir or DEFAULT_CONTENT
    guide = load_guide(content)
    for warning in stale_tables(guide, max_data_age):  # once for the batch, not per brand
        click.echo(f"warning: {warning}", err=True)
    wanted = [lang.strip() for lang in (languages or "").split(",") if lang.strip()] or [None]
    editions = []
    for language in wanted:
        edition = load_edition(content, language, allow_missing)
        for warning in edition.warnings:
            click.echo(f"warning: {warning}", err=True)
        suffix = language_suffix(content, language) if len(wanted) > 1 or language else ""
        editions.append((edition, suffix))
    files = brand_files(brands_dir)
    planned_by_edition = []
    failures = []
    for edition, suffix in editions:
        planned, failed = plan_jobs(files, output_folder(output_dir), kinds, suffix)
        planned_by_edition.append((edition, planned))
        if not failures:
            failures = failed  # a broken brand file is reported once, not per language
    planned = [job for _, jobs_ in planned_by_edition for job in jobs_]
    workers = jobs or default_jobs()
    done = []
    skipped = f" ({len(failures)} brand file(s) with errors, listed at the end)" if failures else ""
    with click.progressbar(length=len(planned), label=f"Building {len(planned)} "
                           f"{'booklets' if kinds == ('booklet',) else 'PDFs'} "
                           f"with {min(workers, max(1, len(planned)))} processes{skipped}",
                           file=sys.stderr, show_pos=True,
                           item_show_func=lambda r: r.name if r else "") as bar:
        for edition, jobs_ in planned_by_edition:
            for result in run_batch(edition, jobs_, options, workers):
                (failures if result.error else done).append(result)
                bar.update(1, result)
    done.sort(key=lambda r: str(r.build.path))
    for result in done:
        for warning in result.build.warnings:
            click.echo(f"warning: {warning}", err=True)
    if done:
        summary_table(done, click.echo)
    noun = "booklets" if kinds == ("booklet",) else "PDFs (" + ", ".join(kinds) + ")"
    click.echo(f"{len(done)} of {len(files) * len(kinds) * len(editions)} {noun} built in "
               f"{time.perf_counter() - started:.2f} s")
    if failures:
        for failure in sorted(failures, key=lambda r: str(r.brand_file)):
            click.echo(failure.error, err=True)
        raise SystemExit(1 if any(f.internal for f in failures) else 2)


@main.command()
@content_argument
@brand_option
@click.option("--pages", default="1", show_default=True,
              help="Pages to render, e.g. 1,3-4,last or all.")
@click.option("-o", "--output-dir", "output_dir", type=click.Path(path_type=Path),
              default=Path("previews"), show_default=True, help="Folder for the PNG files.")
@click.option("--width", type=click.IntRange(50, 5000), default=600, show_default=True,
              help="Image width in pixels.")
@size_option
@start_year_option
@click.option("--print", "print_ready", is_flag=True,
              help="Preview the print-shop edition (bleed, crop marks, right-hand starts).")
@language_options
def preview(content_dir: Path | None, brand: Path | None, pages: str, output_dir: Path,
            width: int, page_size: str, start_year: int | None, print_ready: bool,
            language: str | None, allow_missing: bool) -> None:
    """Render chosen pages of the booklet as PNG images, with the page's proportions."""
    from guide.cli.preview import parse_pages, render_pages
    from guide.load.paths import output_folder
    from guide.options import BuildOptions
    from guide.pipeline import render_booklet

    content = content_dir or DEFAULT_CONTENT
    pdf, count, loaded, _ = render_booklet(content, brand,
                                      BuildOptions(page_size=page_size, start_year=start_year,
                                                   print_ready=print_ready, language=language,
                                                   allow_missing=allow_missing))
    chosen = parse_pages(pages, count)
    for path in render_pages(pdf, chosen, output_folder(output_dir), width, content, loaded):
        click.echo(str(path))




@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--title", required=True, help='The booklet\'s title, e.g. "The Path to Nurse '
                                             'Anesthesia".')
@click.option("--lang", "language", default="en", show_default=True, metavar="LANG",
              help="Language of the starter pack: en or es.")
def new(directory: Path, title: str, language: str) -> None:
    """Start a new guide in DIRECTORY: a small pack that builds at once and shows every
    feature once (chapters, a checklist, a timeline, a data table, a brand file)."""
    from guide.cli.scaffold import new_pack
    from guide.load.paths import shown

    files = new_pack(directory, title, language)
    for path in files:
        click.echo(f"  {shown(path)}")
    command = this_command()
    docs = resource_dir("content").parent / "docs" / "content-format.md"
    click.echo(f"Created {shown(directory)} ({len(files)} files). Next:\n"
               f"  {command} build {shown(directory)}     # writes dist/{directory.name}.pdf\n"
               f"  {command} watch {shown(directory)}     # rebuilds on every save\n"
               f"The format of each file is explained in {shown(docs)}.")


def this_command() -> str:
    """How to run this tool again from the user's current folder."""
    import shlex

    from guide.load.paths import shown

    script = Path(sys.argv[0])
    if script.name == "build.py":
        return f"{shlex.quote(shown(Path(sys.executable)))} {shlex.quote(shown(script))}"
    return "career-guide"


@main.command()
@booklet_options
@language_options
def watch(content_dir: Path | None, brand: Path | None, output: str | None, page_size: str,
          no_forms: bool, start_year: int | None, language: str | None, allow_missing: bool,
          **print_settings) -> None:  # type: ignore[no-untyped-def]
    """Build CONTENT_DIR, then rebuild on every save until Ctrl-C.

    Watches the pack, the brand file's folder and the templates. Each build reports its time
    and page count; a mistake is printed and the last good PDF stays in place.
    """
    from guide.cli.watch import watch_and_build, watched_folders
    from guide.load.paths import shown

    options = with_language(make_options(page_size, no_forms, start_year, **print_settings),
                            language, allow_missing)
    content = content_dir or DEFAULT_CONTENT
    output = output_path(content, brand, output, page_size, options)
    if not (content / "guide.yml").is_file():
        from guide.load.pack import load_guide
        load_guide(content)  # reports the missing folder or guide.yml, exit 2: nothing to watch
    folders = ", ".join(shown(f) for f in watched_folders(content, brand))
    click.echo(f"Watching {folders} (Ctrl-C to stop)", err=True)

    def report(line: str) -> None:
        click.echo(line, err=line.startswith(("error:", "warning:")))

    try:
        watch_and_build(content, brand, output, options, report)
    except KeyboardInterrupt:
        click.echo("Stopped watching.", err=True)


from guide.cli.kit import flyer, poster  # noqa: E402 - the kit's commands use the options above

main.add_command(flyer)
main.add_command(poster)


def run() -> None:
    """Console-script entry point."""
    # Layout allocates millions of short-lived objects that reference counting frees; the
    # cyclic collector's default thresholds would scan them thousands of times for nothing.
    gc.set_threshold(50_000, 20, 100)
    main(prog_name="build.py" if sys.argv[0].endswith("build.py") else "career-guide")

