"""Bad input, the brand file: one `error: FILE:LINE: ...` line, exit code 2, no traceback,
the PDF already at the output path untouched and no temporary file left behind."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from badinput_helpers import (  # noqa: F401 - fixtures are used by name
    assert_rejected,
    Booklet,
    booklet,
    BRAND,
    branded,
    FONT_BRAND,
    png_bytes,
    REPO,
)


# -- the brand file ---------------------------------------------------------------------------



@pytest.mark.parametrize("text,line", [
    pytest.param(BRAND.replace('"#d9a441"', '"#12345G"'), 6, id="bad-hex"),
    pytest.param(BRAND.replace("primary: pine", "primary: pin"), 5, id="unknown-palette-name"),
    pytest.param(BRAND.replace("primary: pine", "primary: 12"), 5, id="number"),
])
def test_bad_brand_colour(branded: Booklet, text: str, line: int) -> None:
    assert branded.brand is not None
    branded.brand.write_text(text, encoding="utf-8")
    result = branded.build()
    assert_rejected(result, branded, "brand.yml", line)


def test_misspelt_colour_role_is_a_warning_with_a_suggestion(branded: Booklet) -> None:
    """A key under color: that brand.yml does not know is not ours to refuse, but it is
    never silent: the build warns and suggests the role."""
    assert branded.brand is not None
    branded.brand.write_text(BRAND.replace("primary: pine", "primray: pine"), encoding="utf-8")
    result = branded.build()
    assert result.exit_code == 0, result.output
    assert "brand.yml:5: colour 'primray' is not a brand.yml theme colour" in result.stderr
    assert "did you mean 'primary'?" in result.stderr


def test_bad_palette_colour(branded: Booklet) -> None:
    assert branded.brand is not None
    branded.brand.write_text(BRAND.replace('pine: "#1f5c4a"', 'pine: "#1f5c4"'), encoding="utf-8")
    result = branded.build()
    assert_rejected(result, branded, "brand.yml", 4, lines=None, contains=("#1f5c4",))


def test_bad_palette_colour_reports_one_error(branded: Booklet) -> None:
    assert branded.brand is not None
    branded.brand.write_text(BRAND.replace('pine: "#1f5c4a"', 'pine: "#1f5c4"'), encoding="utf-8")
    result = branded.build()
    assert_rejected(result, branded, "brand.yml", 4, contains=("#1f5c4",))


def test_brand_file_missing(booklet: Booklet, tmp_path: Path) -> None:
    result = booklet.build(brand=tmp_path / "nope.yml")
    assert_rejected(result, booklet, "nope.yml", contains=("not found",))


def test_brand_yaml_malformed(branded: Booklet) -> None:
    assert branded.brand is not None
    branded.brand.write_text(BRAND + "  bad: [unclosed\n", encoding="utf-8")
    result = branded.build()
    assert_rejected(result, branded, "brand.yml", contains=("invalid YAML",))




def test_brand_font_file_missing_falls_back_with_a_warning(branded: Booklet) -> None:
    """Real brand files often name font files they do not ship: the booklet is built in its
    own faces, and one warning says which file is missing and where to put it."""
    assert branded.brand is not None
    branded.brand.write_text(FONT_BRAND.replace("PATH", "fonts/Missing.ttf"), encoding="utf-8")
    result = branded.build()
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and "brand.yml:9:" in warnings[0], warnings
    assert "'fonts/Missing.ttf' is not there" in warnings[0]


def test_brand_font_root_path_stays_in_the_brand_folder(branded: Booklet) -> None:
    """A leading / is Quarto's project root, here the brand's folder: /etc/passwd is looked
    for there, never in the system's /etc."""
    assert branded.brand is not None
    branded.brand.write_text(FONT_BRAND.replace("PATH", "/etc/passwd"), encoding="utf-8")
    result = branded.build()
    assert result.exit_code == 0, result.output
    assert "the file '/etc/passwd' is not there" in result.stderr


@pytest.mark.parametrize("one", [pytest.param(False, id="named"),
                                 pytest.param(True, id="one-error")])
@pytest.mark.parametrize("path", ["../../etc/passwd.ttf", "../outside.ttf", "~/outside.ttf"])
def test_brand_font_path_outside(branded: Booklet, path: str, one: bool) -> None:
    assert branded.brand is not None
    (branded.brand.parent.parent / "outside.ttf").write_bytes(
        (REPO / "guide" / "fonts" / "Lato-Regular.ttf").read_bytes())
    branded.brand.write_text(FONT_BRAND.replace("PATH", path), encoding="utf-8")
    result = branded.build()
    assert_rejected(result, branded, "brand.yml", 12, contains=(path,), lines=1 if one else None)


def test_brand_font_file_not_a_font(branded: Booklet) -> None:
    assert branded.brand is not None
    fonts = branded.brand.parent / "fonts"
    fonts.mkdir()
    (fonts / "Fake.ttf").write_bytes(random.Random(3).randbytes(2048))
    branded.brand.write_text(FONT_BRAND.replace("PATH", "fonts/Fake.ttf"), encoding="utf-8")
    result = branded.build()
    assert_rejected(result, branded, "Fake.ttf", contains=("font",))


def test_brand_logo_corrupt(branded: Booklet) -> None:
    assert branded.brand is not None
    (branded.brand.parent / "logo.png").write_bytes(random.Random(5).randbytes(1024))
    branded.brand.write_text(BRAND + "logo: logo.png\n", encoding="utf-8")
    result = branded.build()
    assert_rejected(result, branded, "brand.yml", 7, contains=("logo",))


@pytest.mark.parametrize("logo", ["../outside.png", "/etc/passwd", "link.png"])
def test_brand_logo_outside_the_brand_folder(branded: Booklet, logo: str) -> None:
    assert branded.brand is not None
    outside = branded.brand.parent.parent / "outside.png"
    outside.write_bytes(png_bytes())
    (branded.brand.parent / "link.png").symlink_to(outside)
    branded.brand.write_text(BRAND + f"logo: {logo}\n", encoding="utf-8")
    result = branded.build()
    assert_rejected(result, branded, "brand.yml", 7, contains=(logo,))
