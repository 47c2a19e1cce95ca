"""Bad input, the output path: one `error: FILE:LINE: ...` line, exit code 2, no traceback,
the PDF already at the output path untouched and no temporary file left behind."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from badinput_helpers import (  # noqa: F401 - fixtures are used by name
    DEFAULT_PACK,
    good_booklet,
    FONT_BRAND,
    REPO,
    add_table,
    make_pack,
    png_bytes,
    write_brand,
    assert_no_stray_files,
    assert_rejected,
    Booklet,
    booklet,
    describe,
    run_cli,
)

import guide.pipeline as pipeline
from guide.load.brand import FONT_DIR


# -- the output path -------------------------------------------------------------------------

@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root can write to a read-only folder")
def test_output_folder_not_writable(booklet: Booklet) -> None:
    booklet.folder.chmod(0o555)
    try:
        result = booklet.build()
        assert_rejected(result, booklet, "booklet.pdf", contains=("cannot write",))
    finally:
        booklet.folder.chmod(0o755)


def test_output_folder_refuses_the_temp_file(booklet: Booklet,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied", str(booklet.folder))

    monkeypatch.setattr(pipeline.tempfile, "mkstemp", refuse)
    result = booklet.build()
    monkeypatch.undo()
    assert_rejected(result, booklet, "booklet.pdf")


def test_output_path_is_a_folder_means_into_it(booklet: Booklet) -> None:
    """An existing folder, or a path ending in /, gets the PDF under its default name."""
    target = booklet.folder / "adir.pdf"
    target.mkdir()
    result = run_cli("build", booklet.pack, "-o", target)
    assert result.exit_code == 0, describe(result)
    assert [p.name for p in target.iterdir()] == ["pack.pdf"]
    made = booklet.folder / "fresh"
    result = run_cli("build", booklet.pack, "-o", f"{made}/")
    assert result.exit_code == 0, describe(result)
    assert (made / "pack.pdf").read_bytes()[:5] == b"%PDF-"
    assert booklet.out.read_bytes() == booklet.good


def test_output_folder_missing(booklet: Booklet) -> None:
    """One missing folder is made (as batch and preview do); a deeper missing path is
    refused as a likely typo."""
    target = booklet.folder / "missing" / "deeper" / "x.pdf"
    result = run_cli("build", booklet.pack, "-o", target)
    assert_rejected(result, None, "x.pdf", contains=("does not exist",))
    assert not (booklet.folder / "missing").exists()
    assert_no_stray_files(booklet.folder, {booklet.out.name})
    made = booklet.folder / "new" / "x.pdf"
    assert run_cli("build", booklet.pack, "-o", made).exit_code == 0
    assert made.is_file()


@pytest.mark.parametrize("stage", ["write", "replace", "render"])
def test_keyboard_interrupt_keeps_old_pdf(booklet: Booklet, monkeypatch: pytest.MonkeyPatch,
                                          stage: str) -> None:
    """Ctrl-C while writing (after the temp file holds data, or at the rename) or while
    laying out: the old PDF survives and no temp file is left."""
    def interrupt(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    if stage == "write":
        monkeypatch.setattr(pipeline.os, "fsync", interrupt)
    elif stage == "replace":
        monkeypatch.setattr(pipeline.os, "replace", interrupt)
    else:
        monkeypatch.setattr(pipeline, "finish_pdf", interrupt)
    result = booklet.build()
    monkeypatch.undo()
    assert result.exit_code != 0, describe(result)
    assert "Traceback" not in result.output
    assert booklet.out.read_bytes() == booklet.good
    assert_no_stray_files(booklet.folder, {booklet.out.name})


def test_disk_full_during_write_keeps_old_pdf(booklet: Booklet,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSError while writing (disk full) is a problem with the output, not a tool bug."""
    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline.os, "fsync", full)
    result = booklet.build()
    monkeypatch.undo()
    assert booklet.out.read_bytes() == booklet.good
    assert_no_stray_files(booklet.folder, {booklet.out.name})
    assert_rejected(result, booklet, "booklet.pdf")


# -- the output is never a file the build reads, nor a device ---------------------------------

def _sources(booklet: Booklet) -> list[Path]:
    pack = booklet.pack
    return [pack / "guide.yml", pack / "chapters" / "intro.md", pack / "data" / "counts.csv",
            pack / "data" / "counts.yml", pack / "images" / "photo.png", pack / "timeline.yml"]


@pytest.fixture()
def full(tmp_path: Path) -> Booklet:
    """A pack with data, an image, a timeline and a brand with a font and a logo."""
    pack = make_pack(tmp_path / "pack")
    add_table(pack, "id,name,count\na,Alpha,1\n")
    (pack / "images").mkdir()
    (pack / "images" / "photo.png").write_bytes(png_bytes())
    (pack / "timeline.yml").write_text(TIMELINE, encoding="utf-8")
    brand_dir = tmp_path / "brand"
    brand_dir.mkdir()
    (brand_dir / "logo.png").write_bytes(png_bytes())
    (brand_dir / "fonts").mkdir()
    shutil.copy(FONT_DIR / "Lato-Regular.ttf", brand_dir / "fonts" / "Mine.ttf")
    brand = write_brand(brand_dir, FONT_BRAND.replace("PATH", "fonts/Mine.ttf")
                        + "logo: logo.png\n")
    return good_booklet(tmp_path, pack=pack, brand=brand)


TIMELINE = """\
stages:
  - id: college
    label: College
    years: 4
"""


def _refused(booklet: Booklet, target: Path, *extra: object, command: str = "build") -> None:
    before = target.read_bytes()
    args: list[object] = [command, booklet.pack, "-o", target, *extra]
    if booklet.brand is not None:
        args += ["--brand", booklet.brand]
    result = run_cli(*args)
    assert_rejected(result, booklet, target.name, contains=("a file the build reads",))
    assert target.read_bytes() == before, f"{target} was changed"


@pytest.mark.parametrize("which", range(6))
def test_output_is_a_pack_file(full: Booklet, which: int) -> None:
    _refused(full, _sources(full)[which])


@pytest.mark.parametrize("name", ["brand.yml", "logo.png", "fonts/Mine.ttf"])
def test_output_is_a_brand_file(full: Booklet, name: str) -> None:
    assert full.brand is not None
    _refused(full, full.brand.parent / name)


def test_output_is_a_template_or_bundled_font(full: Booklet) -> None:
    _refused(full, REPO / "templates" / "back-cover.yml.j2")
    _refused(full, FONT_DIR / "Lato-Bold.ttf")


def test_output_links_to_a_source(full: Booklet) -> None:
    """A symlink or a hard link to guide.yml is guide.yml."""
    soft, hard = full.folder / "soft.pdf", full.folder / "hard.pdf"
    soft.symlink_to(full.pack / "guide.yml")
    os.link(full.pack / "guide.yml", hard)
    for target in (soft, hard):
        result = run_cli("build", full.pack, "-o", target, "--brand", full.brand)
        assert_rejected(result, None, target.name, contains=("guide.yml",))
    assert soft.is_symlink()
    assert (full.pack / "guide.yml").read_text().startswith("title:")


def test_output_is_a_fifo(booklet: Booklet) -> None:
    fifo = booklet.folder / "pipe.pdf"
    os.mkfifo(fifo)
    result = booklet.build()
    assert result.exit_code == 0
    result = run_cli("build", booklet.pack, "-o", fifo)
    assert_rejected(result, None, "pipe.pdf", contains=("FIFO",))
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert_no_stray_files(booklet.folder, {booklet.out.name, "pipe.pdf"})


def test_output_is_a_device() -> None:
    result = run_cli("build", DEFAULT_PACK, "-o", "/dev/null")
    assert_rejected(result, None, "/dev/null", contains=("character device",))
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_becomes_a_fifo_during_the_build(booklet: Booklet,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The rename never goes over a non-regular file, even one made after the checks."""
    real = pipeline.finish_pdf

    def swap(*args, **kwargs):  # type: ignore[no-untyped-def]
        booklet.out.unlink()
        os.mkfifo(booklet.out)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "finish_pdf", swap)
    result = booklet.build()
    monkeypatch.undo()
    assert_rejected(result, None, "booklet.pdf", contains=("FIFO",))
    assert stat.S_ISFIFO(os.stat(booklet.out).st_mode)
    assert_no_stray_files(booklet.folder, {booklet.out.name})


def test_output_without_pdf_suffix_warns(booklet: Booklet) -> None:
    target = booklet.folder / "notes.txt"
    result = run_cli("build", booklet.pack, "-o", target)
    assert result.exit_code == 0, describe(result)
    assert "warning: " in result.stderr and "does not end in .pdf" in result.stderr
    assert target.read_bytes()[:5] == b"%PDF-"


def test_output_new_file_inside_the_pack_is_fine(booklet: Booklet) -> None:
    target = booklet.pack / "booklet.pdf"
    assert run_cli("build", booklet.pack, "-o", target).exit_code == 0
    assert run_cli("build", booklet.pack, "-o", target).exit_code == 0


def test_watch_refuses_a_source(booklet: Booklet) -> None:
    """watch builds through the same checks: its first build fails and says why."""
    from guide.cli.watch import watch_and_build
    from guide.options import BuildOptions

    target = booklet.pack / "guide.yml"
    before = target.read_bytes()
    lines: list[str] = []
    builds = watch_and_build(booklet.pack, None, target, BuildOptions(), lines.append,
                             changes=[])
    assert builds == 0
    assert any(line.startswith("error: ") and "a file the build reads" in line for line in lines)
    assert target.read_bytes() == before


def test_batch_output_folder_is_a_file(booklet: Booklet, tmp_path: Path) -> None:
    brands = tmp_path / "brands"
    write_brand(brands)
    result = run_cli("batch", booklet.pack, "--brands", brands, "-o", booklet.pack / "guide.yml")
    assert_rejected(result, None, "guide.yml", contains=("not a folder",))


def test_batch_refuses_a_brand_linked_from_outside(booklet: Booklet, tmp_path: Path) -> None:
    brands = tmp_path / "brands"
    write_brand(brands)
    outside = write_brand(tmp_path / "elsewhere")
    (brands / "linked.yml").symlink_to(outside)
    result = run_cli("batch", booklet.pack, "--brands", brands, "-o", tmp_path / "dist", "-j", "1")
    assert result.exit_code == 2, describe(result)
    assert "linked.yml" in result.stderr and "outside" in result.stderr
    assert "1 of 2 booklets built" in result.stdout


def test_preview_refuses_to_write_over_a_source(booklet: Booklet) -> None:
    images = booklet.pack / "images"
    images.mkdir()
    (images / "page-01.png").write_bytes(png_bytes())
    before = (images / "page-01.png").read_bytes()
    result = run_cli("preview", booklet.pack, "-o", images)
    assert_rejected(result, None, "page-01.png", contains=("a file the build reads",))
    assert (images / "page-01.png").read_bytes() == before
    fifo = booklet.folder / "shots"
    fifo.mkdir()
    os.mkfifo(fifo / "page-01.png")
    result = run_cli("preview", booklet.pack, "-o", fifo)
    assert_rejected(result, None, "page-01.png", contains=("FIFO",))
