"""Real brand.yml files from public repositories build unchanged: exit 0, warnings allowed,
every font embedded, the logo drawn where the file has one we can reach, no network used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from conftest import REPO

from guide.cli.commands import main
from guide.load.brand import load_brand

REAL = REPO / "tests" / "brand_files" / "real"
FIXTURES = sorted(p.name for p in REAL.iterdir() if (p / "_brand.yml").is_file()
                  or (p / "brand.yml").is_file())
# Fixtures whose cover has no logo: none given, only descriptive keys (c40), or only a web
# address, which a build without the network leaves out with a warning (epiforesite).
NO_LOGO = {"american-psychology-law-society", "american-university-posters",
           "brandyml-example-color-light-dark", "brandyml-example-typography-fonts",
           "brandyml-inspiration-home-depot", "c40-cities-offspec", "child-poverty-action-lab",
           "elder-research-minimal", "epiforesite-rbranding",
           "hague-university-applied-sciences", "ucla-community-school-stac",
           "university-of-sydney-envx"}


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No request leaves this machine, and every test starts from an empty user cache."""
    monkeypatch.setenv("CAREER_GUIDE_OFFLINE", "1")
    monkeypatch.setenv("CAREER_GUIDE_CACHE", str(tmp_path / "cache"))


def test_there_are_enough_real_files() -> None:
    assert len(FIXTURES) >= 15


def embedded_fonts(reader: pypdf.PdfReader) -> dict[str, bool]:
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            fonts[str(font.get("/BaseFont"))] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


@pytest.mark.parametrize("name", FIXTURES)
def test_real_brand_file_builds_unchanged(name: str, tmp_path: Path) -> None:
    folder = REAL / name
    out = tmp_path / f"{name}.pdf"
    result = CliRunner().invoke(main, ["build", "--brand", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "error:" not in result.output
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) >= 20
    fonts = embedded_fonts(reader)
    assert fonts and all(fonts.values()), fonts
    brand = load_brand(folder)
    assert (brand.logo is None) == (name in NO_LOGO), brand.logo
    if brand.logo is not None:
        assert brand.logo_alt  # the tagged PDF describes the logo
    # every warning names the brand file (or a file beside it) and says what is not used
    for line in result.output.splitlines():
        if line.startswith("warning:"):
            assert name in line, line


def test_warnings_are_given_once_per_font(tmp_path: Path) -> None:
    """A font family that cannot be had is one warning, however many roles use it."""
    result = CliRunner().invoke(main, ["build", "--brand", str(REAL / "detran-sp-brazil"),
                                       "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, warnings
    assert "'Open Sans' (google)" in warnings[0] and "fonts/OpenSans-Regular.ttf" in warnings[0]


def test_batch_builds_a_folder_of_brand_folders(tmp_path: Path) -> None:
    """`batch --brands` takes sub-folders holding _brand.yml, as Quarto projects keep them; a
    brand with no name is named after its folder."""
    brands = tmp_path / "brands"
    for name in ("hhsk-water-board-nl", "elder-research-minimal"):
        shutil.copytree(REAL / name, brands / name)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", "--brands", str(brands), "-o", str(out),
                                       "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.pdf")) == ["elder-research.pdf",
                                                         "hhsk-water-board-nl.pdf"]
