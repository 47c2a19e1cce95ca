"""Bad input, images: one `error: FILE:LINE: ...` line, exit code 2, no traceback,
the PDF already at the output path untouched and no temporary file left behind."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from badinput_helpers import (  # noqa: F401 - fixtures are used by name
    assert_rejected,
    bomb_png,
    Booklet,
    booklet,
    chapter,
    describe,
    png_bytes,
    write_chapter,
)


# -- images -------------------------------------------------------------------------------

def image_chapter(booklet: Booklet, src: str) -> int:
    """Put `![A picture](src)` on a known line of intro.md; return that line."""
    text = "---\ntitle: Intro\nkind: chapter\n---\n\nA paragraph.\n\n![A picture](" + src + ")\n"
    write_chapter(booklet, text)
    return 8


def test_good_image_builds(booklet: Booklet) -> None:
    (booklet.pack / "images").mkdir()
    (booklet.pack / "images" / "ok.png").write_bytes(png_bytes())
    image_chapter(booklet, "images/ok.png")
    result = booklet.build()
    assert result.exit_code == 0, describe(result)


def test_image_missing(booklet: Booklet) -> None:
    line = image_chapter(booklet, "images/nope.png")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line, contains=("nope.png", "not found"))


def test_image_corrupt(booklet: Booklet) -> None:
    (booklet.pack / "images").mkdir()
    (booklet.pack / "images" / "bad.png").write_bytes(random.Random(7).randbytes(4096))
    line = image_chapter(booklet, "images/bad.png")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line, contains=("bad.png",))


def test_image_truncated_png(booklet: Booklet) -> None:
    (booklet.pack / "images").mkdir()
    (booklet.pack / "images" / "cut.png").write_bytes(png_bytes(64, 64)[:60])
    line = image_chapter(booklet, "images/cut.png")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line, contains=("cut.png",))


def test_image_not_png_or_jpeg(booklet: Booklet) -> None:
    (booklet.pack / "images").mkdir()
    (booklet.pack / "images" / "pic.gif").write_bytes(b"GIF89a" + b"\x00" * 20)
    line = image_chapter(booklet, "images/pic.gif")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line, contains=("pic.gif",))


@pytest.mark.parametrize("src", ["../../etc/passwd", "../../../../../../etc/passwd",
                                 "/etc/passwd", "images/../../outside.png"])
def test_image_path_escaping_the_pack(booklet: Booklet, src: str) -> None:
    (booklet.pack.parent / "outside.png").write_bytes(png_bytes())
    line = image_chapter(booklet, src)
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line, contains=(src,))


def test_image_symlink_out_of_the_pack(booklet: Booklet) -> None:
    outside = booklet.pack.parent / "secret.png"
    outside.write_bytes(png_bytes())
    (booklet.pack / "images").mkdir()
    (booklet.pack / "images" / "link.png").symlink_to(outside)
    line = image_chapter(booklet, "images/link.png")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line, contains=("link.png", "outside"))


def test_image_web_address(booklet: Booklet) -> None:
    line = image_chapter(booklet, "https://example.org/pic.png")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line, contains=("web",))


def test_decompression_bomb_png(booklet: Booklet) -> None:
    (booklet.pack / "images").mkdir()
    bomb = booklet.pack / "images" / "bomb.png"
    bomb.write_bytes(bomb_png())
    assert bomb.stat().st_size < 1_000_000
    line = image_chapter(booklet, "images/bomb.png")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line, contains=("bomb.png", "pixels"))
