"""Command line: parses options and calls the pipeline; errors become one line and an exit code."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from guide import __version__, speed
from guide.cli.options import (  # noqa: F401 - default_output is part of the module's API
    DEFAULT_CONTENT,
    DEFAULT_DIST,
    PAGE_SIZES,
    GuideGroup,
    booklet_options,
    brand_option,
    content_argument,
    data_age_option,
    default_output,
    forms_option,
    language_options,
    language_suffix,
    make_options,
    output_path,
    print_options,
    refuse_unused_print_options,
    size_option,
    start_year_option,
    with_language,
)
from guide.load.resources import resource_dir


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
    for warning in [*stale_tables(edition, max_data_age), *edition.warnings,
                    *brand_warnings(loaded)]:
        click.echo(f"warning: {warning}", err=True)
    from guide.text.authoring_checks import chapter_warnings
    for chapter in edition.chapters:  # the pack as render_booklet loaded it, not read again
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

