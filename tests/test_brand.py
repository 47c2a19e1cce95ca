"""A school's brand file changes cover, footer, colours, QR code and fonts; batch builds many."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from conftest import (
    DEFAULT_PACK,
    REPO,
    all_text,
    build_bytes,
    link_annotations,
    reader_of,
    write_pack,
)
from reportlab.lib.colors import HexColor

from guide.cli.batch import safe_name
from guide.cli.commands import main
from guide.colors import contrast, text_on
from guide.errors import ContentError
from guide.load.brand import brand_warnings, load_brand

BRANDS = REPO / "content" / "brands"
LOGO = BRANDS / "riverton" / "logo.png"


def school_brand(folder: Path, name: str = "Northfield State University", short: str = "Northfield",
                 primary: str = "#0b6e4f", secondary: str = "#f2a541", extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(LOGO, folder / "crest.png")
    path = folder / "brand.yml"
    path.write_text(f"""meta:
  name: {{full: {name}, short: {short}}}
  link: {{home: "https://northfield.example.edu/prehealth"}}
logo: crest.png
color:
  primary: "{primary}"
  secondary: "{secondary}"
{extra}""")
    return path


def rgb_operator(hex_color: str) -> bytes:
    c = HexColor(hex_color)
    def number(v: float) -> str:
        text = f"{v:.6f}".rstrip("0").rstrip(".")
        return text[1:] if text.startswith("0.") else text or "0"
    return (" ".join(number(v) for v in (c.red, c.green, c.blue)) + " rg").encode()


@pytest.fixture(scope="module")
def branded(tmp_path_factory: pytest.TempPathFactory) -> pypdf.PdfReader:
    brand = school_brand(tmp_path_factory.mktemp("brand") / "northfield")
    return reader_of(build_bytes(DEFAULT_PACK, brand))


def test_school_name_on_cover_and_every_footer(branded: pypdf.PdfReader) -> None:
    assert "Northfield State University" in branded.pages[0].extract_text()
    for number, page in enumerate(branded.pages[1:-1], start=2):
        text = page.extract_text()
        if "My next steps" in text:
            continue  # blank filler page before a right-hand chapter opening
        assert "Northfield" in text, number
    assert "Pre-Health Advising" not in all_text(branded)


def test_brand_colour_in_drawing_operators(branded: pypdf.PdfReader) -> None:
    cover = branded.pages[0].get_contents().get_data()
    assert rgb_operator("#0b6e4f") in cover
    body = b"".join(p.get_contents().get_data() for p in branded.pages[2:6])
    assert rgb_operator("#0b6e4f") in body  # headings, bars, strips


def test_qr_url_is_a_link_and_logo_is_drawn(branded: pypdf.PdfReader) -> None:
    last = len(branded.pages) - 1
    uris = [a["annot"]["/A"]["/URI"] for a in link_annotations(branded)
            if a["page"] == last and "/A" in a["annot"]]
    assert "https://northfield.example.edu/prehealth" in uris
    assert branded.pages[0].images, "the logo is on the cover"


def test_only_primary_given_derives_dark_from_it(tmp_path: Path) -> None:
    path = tmp_path / "b.yml"
    path.write_text('meta: {name: One Colour College}\ncolor: {primary: "#6a1b9a"}\n')
    brand = load_brand(path)
    assert brand.colors["dark"] != load_brand(None).colors["dark"]
    assert HexColor(brand.colors["dark"]).red < HexColor("#6a1b9a").red


@pytest.mark.parametrize("background", ["#ffffff", "#0b6e4f", "#f2a541", "#7a1c2e", "#e8b230"])
def test_text_on_a_brand_colour_is_readable(background: str) -> None:
    assert contrast(text_on(background), background) >= 4.5


def test_low_contrast_brand_text_is_warned(tmp_path: Path) -> None:
    path = tmp_path / "b.yml"
    path.write_text('meta: {name: Pale College}\ncolor: {foreground: "#bbbbbb", background: "#ffffff"}\n')
    warnings = brand_warnings(load_brand(path))
    assert warnings and "4.5:1" in warnings[0] and "b.yml" in warnings[0]
    pack = write_pack(tmp_path / "p", {"one": "Hi.\n"})
    result = CliRunner().invoke(main, ["build", str(pack), "--brand", str(path), "-o",
                                       str(tmp_path / "out.pdf")])
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "contrast" in result.stderr


def test_brand_fonts_are_embedded(tmp_path: Path) -> None:
    fonts_dir = tmp_path / "brand" / "fonts"
    fonts_dir.mkdir(parents=True)
    for face in ("Regular", "Bold", "Italic"):
        shutil.copy(REPO / "guide" / "fonts" / f"Lato-{face}.ttf", fonts_dir)
    brand = school_brand(tmp_path / "brand", extra="""typography:
  fonts:
    - family: Lato
      source: file
      files:
        - {path: fonts/Lato-Regular.ttf, weight: 400}
        - {path: fonts/Lato-Bold.ttf, weight: 700}
        - {path: fonts/Lato-Italic.ttf, weight: 400, style: italic}
  base: Lato
""")
    pack = write_pack(tmp_path / "p", {"one": "Body text in the brand font.\n"})
    reader = reader_of(build_bytes(pack, brand))
    fonts = {str(f.get_object()["/BaseFont"]) for p in reader.pages
             for f in (p["/Resources"].get("/Font") or {}).values()}
    assert not any("SourceSerif" in f for f in fonts)
    assert any(re.match(r"/[A-Z]{6}\+Lato-Regular", f) for f in fonts)  # subset, embedded


def test_a_character_the_font_lacks_is_named(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p", {"one": "A check mark \u2713 and \u6f22.\n"})
    with pytest.raises(ContentError) as caught:
        build_bytes(pack)
    assert "has no glyph" in caught.value.problem
    assert Path(str(caught.value.path)).name == "one.md" and caught.value.line == 5
    assert "\u6f22" in caught.value.problem and ".ttf" in caught.value.problem


def test_example_brands_load_cleanly() -> None:
    for path in sorted(BRANDS.glob("*.yml")):
        brand = load_brand(path)
        assert not brand_warnings(brand), path
    assert len(list(BRANDS.glob("*.yml"))) >= 3


def test_safe_output_names() -> None:
    assert safe_name("St. Mary's College / Pre-Med") == "st-mary-s-college-pre-med"
    assert safe_name("Université Laval") == "universite-laval"
    assert safe_name("***") == "booklet"


def test_batch_builds_every_good_brand_and_reports_the_broken_one(tmp_path: Path) -> None:
    brands = tmp_path / "brands"
    for i in range(12):
        school_brand(brands / f"s{i:02d}", name=f"School {i:02d}", short=f"School {i:02d}")
        (brands / f"s{i:02d}" / "brand.yml").rename(brands / f"s{i:02d}.yml")
        text = (brands / f"s{i:02d}.yml").read_text().replace("crest.png", f"s{i:02d}/crest.png")
        (brands / f"s{i:02d}.yml").write_text(text)
    broken = brands / "s07.yml"
    broken.write_text(broken.read_text().replace('primary: "#0b6e4f"', 'primary: "#0b6e4z"'))
    pack = write_pack(tmp_path / "pack", {"one": "Hello.\n"})
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "batch", str(pack),
                             "--brands", str(brands), "-o", str(out), "--jobs", "2"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert len(pdfs) == 11 and "school-07.pdf" not in pdfs
    assert "s07.yml:" in result.stderr and "#0b6e4z" in result.stderr
    assert "11 of 12 booklets built" in result.stdout
    assert re.search(r"School 03\s+\d+\s+\d+ KiB\s+[\d.]+ s", result.stdout)
    assert "Traceback" not in result.stderr
    texts = {name: reader_of((out / name).read_bytes()).pages[0].extract_text() for name in pdfs}
    assert "School 03" in texts["school-03.pdf"]


def template_brand(folder: Path, short: str, cover_line: str) -> Path:
    """A brand whose template folder overrides the cover with one extra line."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tpl").mkdir()
    cover = (REPO / "templates" / "cover.yml.j2").read_text()
    (folder / "tpl" / "cover.yml.j2").write_text(cover.rstrip("\n") + "\n" + cover_line + "\n")
    brand = folder / f"{short}.yml"
    brand.write_text(f"meta:\n  name:\n    full: {short} School\n    short: {short}\n"
                     "defaults:\n  career-guide:\n    templates: tpl/\n")
    return brand


def test_an_undefined_name_in_a_template_override_names_the_file_and_line(tmp_path: Path) -> None:
    brand = template_brand(tmp_path / "b", "Oops",
                           '- text: {x: 9%, y: 5%, w: 50%, text: {{ class_year | yaml }}}')
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")
    result = CliRunner().invoke(main, ["build", "--brand", str(brand), "-o", str(out)])
    assert result.exit_code == 2, result.output
    lines = (len((REPO / "templates" / "cover.yml.j2").read_text().rstrip("\n").split("\n")) + 1)
    assert f"cover.yml.j2:{lines}: undefined name in template: 'class_year'" in result.output
    assert "internal error" not in result.output and out.read_bytes() == b"old"


def test_batch_reports_a_broken_template_and_builds_the_other_brands(tmp_path: Path) -> None:
    brands = tmp_path / "brands"
    template_brand(brands, "Broken", '- text: {x: 9%, y: 5%, w: 50%, text: {{ nope | yaml }}}')
    shutil.copy(BRANDS / "lakeside.yml", brands / "lakeside.yml")
    shutil.copytree(BRANDS / "lakeside", brands / "lakeside")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", "--brands", str(brands), "-o", str(out),
                                       "--jobs", "1"])
    assert result.exit_code == 2, result.output
    assert (out / "lakeside.pdf").is_file() and not (out / "broken.pdf").exists()
    assert "cover.yml.j2" in result.output and "'nope' is undefined" in result.output
    assert "1 of 2 booklets built" in result.output


@pytest.mark.parametrize("primary", ["#1d4e6b", "#16573c", "#7b1e2d", "#0e0f1f", "#fff3b0",
                                     "#ffd6e8", "#e8b230", "#777777"])
def test_derived_colours_stay_readable_for_any_primary(tmp_path: Path, primary: str) -> None:
    """Pale or near-black brand colours: marks stand out (3:1), headings read (4.5:1), links
    differ from body text (3:1) and read on paper (4.5:1), the dark tone differs from primary."""
    from guide.layout.theme import make_colors

    brand_file = tmp_path / "b.yml"
    brand_file.write_text(f'meta:\n  name:\n    full: X\n    short: X\ncolor:\n  primary: "{primary}"\n')
    colors = make_colors(load_brand(brand_file))
    paper, text = colors["paper"], colors["text"]
    assert contrast(colors["strong"], paper) >= 3
    assert contrast(colors["heading"], paper) >= 4.5
    assert contrast(colors["link"], paper) >= 4.5
    assert contrast(colors["link"], text) >= 3
    assert contrast(colors["dark"], primary) >= 1.3
    assert contrast(colors["on_dark"], colors["dark"]) >= 4.5
    if contrast(primary, paper) >= 4.5:
        assert colors["heading"] == colors["strong"] == primary  # a readable brand is untouched
