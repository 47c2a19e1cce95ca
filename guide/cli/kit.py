"""The `flyer` and `poster` commands: the career-fair kit, from the booklet's pack and brand."""

from __future__ import annotations

from pathlib import Path

import click

from guide.cli.options import (
    DEFAULT_CONTENT,
    brand_option,
    content_argument,
    data_age_option,
    default_output,
    icc_option,
    language_options,
    language_suffix,
    make_options,
    pdf_x_option,
    start_year_option,
    with_language,
)

FLYER_SIZES = ("letter", "a4")
POSTER_SIZES = ("tabloid", "a3", "18x24in", "24x36in")


def kit_options(command):  # type: ignore[no-untyped-def]
    """What `flyer` and `poster` share: the pack, the brand, the output and print settings."""
    options = [
        content_argument, brand_option,
        click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
                     help="Where to write the PDF. Default: dist/<pack>-<piece>.pdf"),
        click.option("--print", "print_ready", is_flag=True,
                     help="Print-shop file: bleed, crop marks, trim and bleed boxes."),
        click.option("--bleed", default="0.125in", show_default=True,
                     help="Bleed around each page with --print, e.g. 3mm or 0.125in."),
        click.option("--cmyk", is_flag=True, help="Write every colour as CMYK (for print shops)."),
        click.option("--grayscale", is_flag=True, help="A grayscale proof."),
        pdf_x_option,
        icc_option,
        start_year_option,
        data_age_option,
        language_options,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def piece_output(kind: str, content: Path, brand: Path | None, size: str, default_size: str,
                 print_ready: bool, language: str | None = None,
                 pdf_x: str | None = None) -> Path:
    """dist/<pack>[-<brand>]-<piece>[-<lang>][-<size>][-print][-pdfx<version>].pdf"""
    base = default_output(content, brand, "half-letter")
    name = f"{base.stem}-{kind}" + language_suffix(content, language) + \
        (f"-{size}" if size != default_size else "") + ("-print" if print_ready else "") + \
        (f"-pdfx{pdf_x}" if pdf_x else "")
    return base.with_name(f"{name}.pdf")


def run_piece(kind: str, content_dir: Path | None, brand: Path | None, output: Path | None,
              size: str, default_size: str, print_ready: bool, bleed: str, cmyk: bool,
              grayscale: bool, pdf_x: str | None, icc: Path | None, start_year: int | None,
              max_data_age: int, language: str | None, allow_missing: bool) -> None:
    """The piece's options made as `build` makes the booklet's (--pdf-x implies --print and
    --cmyk, --bleed needs one of them), then the piece built and reported."""
    from dataclasses import replace

    from guide.kit.pieces import build_piece

    options = make_options(size, True, start_year, print_ready, bleed, cmyk, grayscale,
                           None, "letter", "0", False, pdf_x=pdf_x, icc=icc)
    options = replace(with_language(options, language, allow_missing),
                      max_data_age=max_data_age)
    content = content_dir or DEFAULT_CONTENT
    output = output or piece_output(kind, content, brand, size, default_size,
                                    options.print_ready, language, pdf_x)
    result = build_piece(kind, content, brand, output, options)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"{output}: {result.pages} page{'s' if result.pages > 1 else ''} at {size}, "
               f"{result.bytes / 1024:.0f} KiB, {result.seconds:.2f} s")


@click.command()
@kit_options
@click.option("--page-size", type=click.Choice(FLYER_SIZES), default="letter", show_default=True,
              help="Paper of the flyer.")
def flyer(content_dir: Path | None, brand: Path | None, output: Path | None, page_size: str,
          **settings) -> None:  # type: ignore[no-untyped-def]
    """A two-sided career-fair flyer from CONTENT_DIR: title, the path, key facts from the
    data (guide.yml's flyer: section); on the back each stage's first checklist items, the
    office's contact block and a QR code."""
    run_piece("flyer", content_dir, brand, output, page_size, "letter", **settings)


@click.command()
@kit_options
@click.option("--size", type=click.Choice(POSTER_SIZES), default="18x24in", show_default=True,
              help="Size of the poster.")
def poster(content_dir: Path | None, brand: Path | None, output: Path | None, size: str,
           **settings) -> None:  # type: ignore[no-untyped-def]
    """A table-top poster from CONTENT_DIR, read from two metres: the title, the path as the
    centrepiece, a QR code and the school."""
    run_piece("poster", content_dir, brand, output, size, "18x24in", **settings)
