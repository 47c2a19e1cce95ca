"""`preview`: PNG thumbnails of chosen pages, with the page's proportions."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write_pack
from PIL import Image

from guide.cli.commands import main
from guide.cli.preview import parse_pages
from guide.errors import ContentError


@pytest.mark.parametrize("size,ratio", [("half-letter", 612 / 396), ("a4", 841.89 / 595.28)])
def test_preview_images_have_the_page_aspect_ratio(tmp_path: Path, size: str, ratio: float) -> None:
    pack = write_pack(tmp_path / "p", {"one": "Hello.\n", "two": "Again.\n"})
    out = tmp_path / "png"
    result = CliRunner().invoke(main, ["preview", str(pack), "--pages", "1,3-4", "-o", str(out),
                                       "--width", "300", "--page-size", size])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.glob("*.png"))
    assert files == ["page-01.png", "page-03.png", "page-04.png"]
    for name in files:
        width, height = Image.open(out / name).size
        assert width == 300
        assert abs(height / width - ratio) < 2 / width


def test_page_specs() -> None:
    assert parse_pages("1,3-4", 10) == [1, 3, 4]
    assert parse_pages("all", 3) == [1, 2, 3]
    assert parse_pages("1,last", 9) == [1, 9] and parse_pages("8-last", 9) == [8, 9]
    for bad in ("0", "5-3", "12", "x"):
        with pytest.raises(ContentError):
            parse_pages(bad, 10)


def test_preview_print_shows_the_print_edition_with_its_bleed(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p", {"one": "Hello.\n", "two": "Again.\n"})
    out = tmp_path / "png"
    result = CliRunner().invoke(main, ["preview", str(pack), "--pages", "all", "-o", str(out),
                                       "--width", "300", "--print", "--start-year", "2027"])
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.png"))
    assert len(files) % 4 == 0  # the print edition's page count
    width, height = Image.open(files[0]).size
    # The trimmed page is 396 x 612 pt; bleed and marks add the same on every side.
    assert abs(height / width - 612 / 396) > 0.01
