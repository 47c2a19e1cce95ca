"""The command line's shared pieces: default paths, the options several commands take, and
the build options made from them (guide.cli.commands and guide.cli.kit use them)."""

from __future__ import annotations

import traceback
from pathlib import Path

import click

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


# What `build`, `batch`, `flyer` and `poster` share for the print shop's PDF/X file.
pdf_x_option = click.option(
    "--pdf-x", "pdf_x", type=click.Choice(["4", "1a"]), is_flag=False, flag_value="4",
    default=None, help="A PDF/X file for print shops (implies --print, CMYK through the ICC "
                       "profile): 4 (the default) or 1a for shops that ask for X-1a "
                       "(transparency flattened).")
icc_option = click.option(
    "--icc", type=click.Path(path_type=Path), default=None,
    help="The printer's CMYK output profile (.icc) for --cmyk and --pdf-x. Default: the "
         "bundled Coated FOGRA39 profile.")


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
        pdf_x_option,
        icc_option,
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
