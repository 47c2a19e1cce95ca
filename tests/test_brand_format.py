"""The whole brand.yml format: colour syntaxes and references, logo forms (SVG, web, light/dark),
font sources (files of every kind, variable fonts, Google, Bunny, installed fonts, stacks),
discovery, and strictness where the section is the booklet's own."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from brand_helpers import (
    LATO_BOLD,
    LATO_REGULAR,
    LocalServer,
    font_css,
    variable_lato,
    woff2_of,
)
from click.testing import CliRunner, Result
from conftest import REPO, write_pack
from reportlab.lib.colors import HexColor

from guide.cli.commands import main
from guide.errors import ContentError
from guide.load.brand import load_brand
from guide.load.brand.colors import ColorSyntaxError, parse_color

LOGO_PNG = REPO / "content" / "brands" / "riverton" / "logo.png"
REAL_SVG = (REPO / "tests" / "brand_files" / "real" / "jumping-rivers-flu-dashboard" / "assets"
            / "burgundy-lettermark.svg")
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">
<rect x="0" y="0" width="40" height="40" fill="#7a1f5c"/>{extra}</svg>"""


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CAREER_GUIDE_OFFLINE", "1")
    monkeypatch.setenv("CAREER_GUIDE_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pack(tmp_path_factory.mktemp("pack"), {"intro": """
        Body text with a [link to the school](https://example.org/page) and `inline code`.

        ## What a heading looks like

        More text, in *italic* and **bold**.
        """})


def brand(folder: Path, text: str, name: str = "_brand.yml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def build(pack: Path, brand_path: Path | None, out: Path) -> Result:
    args = ["build", str(pack), "-o", str(out)] + (["--brand", str(brand_path)] if brand_path else [])
    return CliRunner().invoke(main, args)


def built(pack: Path, brand_path: Path, tmp_path: Path) -> tuple[pypdf.PdfReader, Result]:
    out = tmp_path / "out.pdf"
    result = build(pack, brand_path, out)
    assert result.exit_code == 0, result.output
    return pypdf.PdfReader(out), result


def warnings_of(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("warning:")]


def fill(hex_color: str) -> bytes:
    c = HexColor(hex_color)

    def number(v: float) -> str:
        text = f"{v:.6f}".rstrip("0").rstrip(".")
        return text[1:] if text.startswith("0.") else text or "0"
    return (" ".join(number(v) for v in (c.red, c.green, c.blue)) + " rg").encode()


def page_bytes(reader: pypdf.PdfReader, index: int) -> bytes:
    return reader.pages[index].get_contents().get_data()


def font_names(reader: pypdf.PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in ((page.get("/Resources") or {}).get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


# ---- colours -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("#abc", "#aabbcc"), ("#ABCF", "#aabbcc"), ("#1D4E6B", "#1d4e6b"), ("#1d4e6b80", "#8ea6b5"),
    ("white", "#ffffff"), ("RebeccaPurple", "#663399"), ("rgb(29, 78, 107)", "#1d4e6b"),
    ("rgb(100% 0% 0%)", "#ff0000"), ("rgba(0,0,0,0.5)", "#808080"),
    ("hsl(120, 100%, 25%)", "#008000"), ("hsl(0.5turn 100% 50%)", "#00ffff"),
])
def test_colour_syntaxes(text: str, expected: str) -> None:
    assert parse_color(text) == expected


@pytest.mark.parametrize("text", ["#12345", "#ggg", "rgb(1,2)", "blurple", "hsl(a, b, c)"])
def test_not_colours(text: str) -> None:
    with pytest.raises(ColorSyntaxError):
        parse_color(text)


def test_palette_aliases_theme_references_and_pairs(tmp_path: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: Alias College}
color:
  palette:
    plum: "#5b195b"
    brand-main: plum
    accent: orange
    deep: rgb(10, 20, 30)
  primary: brand-main
  secondary: accent
  dark: deep
  foreground: {light: "#202020", dark: "#f0f0f0"}
  background: {dark: "#000000"}
  light: secondary
  link: {light: "hsl(240, 100%, 30%)", dark: "#aaaaff"}
  link-hover: "#ff0000"
""")
    b = load_brand(folder)
    assert b.colors["primary"] == "#5b195b"
    assert b.colors["secondary"] == "#ffa500"  # CSS orange through the palette
    assert b.colors["dark"] == "#0a141e"
    assert b.colors["foreground"] == "#202020"  # light side of the pair
    assert b.colors["background"] == "#ffffff"  # a dark-only value leaves paper white
    assert b.colors["light"] == "#ffa500"  # a theme colour naming another theme colour
    assert b.colors["link"] == "#000099"
    assert b.warnings == ()  # hover colours and dark sides are for screens: nothing to say


def test_palette_loop_is_an_error_naming_the_loop(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: Loop College}
color:
  palette:
    a: b
    b: c
    c: a
  primary: a
""")
    result = build(pack, folder, tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert re.search(r"_brand.yml:\d+: colour names refer to each other in a loop: "
                     r"a -> b -> c -> a", result.output), result.output


def test_link_colour_prints_on_links(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: Link College}
color:
  primary: "#1d4e6b"
  link: "#8a1c1c"
""")
    reader, _ = built(pack, folder, tmp_path)
    assert any(fill("#8a1c1c") in page_bytes(reader, i) for i in range(len(reader.pages)))


# ---- logos ---------------------------------------------------------------------------------

def test_svg_logo_is_drawn_as_vectors(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: Vector College}
logo:
  images:
    mark: {path: mark.svg, alt: The Vector College mark}
  large: mark
color: {primary: "#1d4e6b"}
""")
    (folder / "mark.svg").write_text(SVG.format(extra=""), encoding="utf-8")
    reader, _ = built(pack, folder, tmp_path)
    cover = reader.pages[0]
    assert fill("#7a1f5c") in page_bytes(reader, 0)  # the SVG's own fill, as a path
    xobjects = (cover.get("/Resources") or {}).get("/XObject") or {}
    assert not [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
    assert load_brand(folder).logo_alt == "The Vector College mark"


def test_real_svg_with_css_and_text_uses_embedded_fonts(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", "meta: {name: Lettermark}\nlogo: /art/mark.svg\n")
    (folder / "art").mkdir()
    (folder / "art" / "mark.svg").write_text(REAL_SVG.read_text(encoding="utf-8").replace(
        "</svg>", '<text x="2" y="30" font-size="9" font-weight="bold">JR</text></svg>'),
        encoding="utf-8")
    reader, _ = built(pack, folder, tmp_path)  # a leading / is the brand's own folder
    assert fill("#490f3a") in page_bytes(reader, 0)  # the colour its <style> block gives
    fonts = font_names(reader)
    assert not {"Helvetica", "Helvetica-Bold", "Times-Roman"} & fonts, fonts


def test_svg_that_cannot_be_drawn_is_a_clear_error(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", "meta: {name: Blur College}\nlogo: blur.svg\n")
    (folder / "blur.svg").write_text(SVG.format(
        extra='<filter id="f"><feGaussianBlur stdDeviation="2"/></filter>'
              '<circle cx="80" cy="20" r="15" filter="url(#f)"/>'), encoding="utf-8")
    result = build(pack, folder, tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert "blur.svg: this SVG logo uses filters" in result.output, result.output
    assert "Traceback" not in result.output


def test_light_logo_of_a_pair_is_used(tmp_path: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: Pair College}
logo:
  medium: {light: light.png, dark: dark.png}
""")
    shutil.copy(LOGO_PNG, folder / "light.png")
    shutil.copy(LOGO_PNG, folder / "dark.png")
    assert load_brand(folder).logo.name == "light.png"


def test_web_logo_is_fetched_once_into_the_cache(tmp_path: Path, pack: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREER_GUIDE_OFFLINE", "")
    with LocalServer({"/art/logo.png": LOGO_PNG.read_bytes()}) as server:
        folder = brand(tmp_path / "b", f"meta: {{name: Web College}}\nlogo: {server.url}/art/logo.png\n")
        reader, result = built(pack, folder, tmp_path)
        assert warnings_of(result) == []
        assert server.requests == ["/art/logo.png"]
        built(pack, folder, tmp_path)
        assert server.requests == ["/art/logo.png"]  # the second build read the cache
    xobjects = (reader.pages[0].get("/Resources") or {}).get("/XObject") or {}
    assert [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]


def test_unreachable_web_logo_is_left_out_with_one_warning(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", "meta: {name: Far College}\nlogo: https://logo.invalid/x.svg\n")
    _, result = built(pack, folder, tmp_path)
    warnings = warnings_of(result)
    assert len(warnings) == 1 and "the logo https://logo.invalid/x.svg could not be fetched" \
        in warnings[0], warnings


# ---- fonts ---------------------------------------------------------------------------------

FILE_FONT = """meta: {{name: Font College}}
typography:
  fonts:
    - family: House Sans
      source: file
      files:
{files}
  base: House Sans
  headings: {{family: House Sans, weight: bold}}
"""


def test_woff2_font_files_are_used(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", FILE_FONT.format(files="""        - {path: fonts/house.woff2, weight: 400}
        - {path: fonts/house-bold.woff2, weight: 700}"""))
    (folder / "fonts").mkdir()
    (folder / "fonts" / "house.woff2").write_bytes(woff2_of(LATO_REGULAR))
    (folder / "fonts" / "house-bold.woff2").write_bytes(woff2_of(LATO_BOLD))
    reader, result = built(pack, folder, tmp_path)
    assert warnings_of(result) == []
    assert {"Lato-Regular", "Lato-Bold"} <= font_names(reader)
    assert not any(name.startswith("SourceSerif") for name in font_names(reader))


def test_variable_font_prints_bold_as_bold(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", FILE_FONT.format(files="""        - {path: "fonts/House[wght].ttf", weight: 400 700}"""))
    variable_lato(folder / "fonts" / "House[wght].ttf")
    reader, result = built(pack, folder, tmp_path)
    assert warnings_of(result) == []
    widths = {}
    for page in reader.pages:
        for font in ((page.get("/Resources") or {}).get("/Font") or {}).values():
            font = font.get_object()
            name = str(font["/BaseFont"]).split("+")[-1].rsplit("-", 1)[0]
            if name.startswith("Lato-W"):
                first, chars = font["/FirstChar"], font["/Widths"]
                widths[name] = max(chars)  # widest glyph of the subset
                assert first is not None
    assert set(widths) == {"Lato-W400", "Lato-W700"}, widths
    assert widths["Lato-W700"] > widths["Lato-W400"] * 1.2  # the 700 instance is the wide master


def test_missing_font_file_falls_back_with_one_warning(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", FILE_FONT.format(files="""        - {path: fonts/gone.ttf}
        - {path: fonts/gone-bold.ttf, weight: 700}"""))
    reader, result = built(pack, folder, tmp_path)
    warnings = warnings_of(result)
    assert len(warnings) == 1, warnings
    assert "the font 'House Sans' (file) could not be had" in warnings[0]
    assert "fonts/HouseSans-Regular.ttf" in warnings[0]
    assert "SourceSerifPro-Regular" in font_names(reader)


def test_fonts_folder_beside_the_brand_provides_a_web_font(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: Folder College}
typography:
  fonts:
    - {family: Open Sans, source: google}
  base: Open Sans
""")
    (folder / "fonts").mkdir()
    shutil.copy(LATO_REGULAR, folder / "fonts" / "OpenSans-Regular.ttf")
    shutil.copy(LATO_BOLD, folder / "fonts" / "OpenSans-Bold.ttf")
    reader, result = built(pack, folder, tmp_path)
    assert warnings_of(result) == []
    assert "Lato-Bold" in font_names(reader)  # the files stand in for the web font


@pytest.mark.parametrize("service,variable,fmt", [
    ("google", "CAREER_GUIDE_GOOGLE_FONTS_URL", "truetype"),
    ("bunny", "CAREER_GUIDE_BUNNY_FONTS_URL", "woff2"),
])
def test_web_fonts_download_once_then_come_from_the_cache(
        service: str, variable: str, fmt: str, tmp_path: Path, pack: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREER_GUIDE_OFFLINE", "")
    regular = LATO_REGULAR.read_bytes() if fmt == "truetype" else woff2_of(LATO_REGULAR)
    bold = LATO_BOLD.read_bytes() if fmt == "truetype" else woff2_of(LATO_BOLD)
    files = {"/files/regular": regular, "/files/bold": bold}
    with LocalServer(files) as server:
        css = font_css(server.url, "Campus Sans", {(400, "normal"): "/files/regular",
                                                  (700, "normal"): "/files/bold"}, fmt)
        family = "Campus+Sans" if service == "google" else "campus-sans"
        server.files[f"/css?family={family}:400,400i,700,700i"] = css
        monkeypatch.setenv(variable, server.url)
        folder = brand(tmp_path / "b", f"""meta: {{name: Web Font College}}
typography:
  fonts:
    - {{family: Campus Sans, source: {service}, weight: [400, 700]}}
  base: Campus Sans
  headings: Campus Sans
""")
        reader, result = built(pack, folder, tmp_path)
        assert warnings_of(result) == [], server.requests
        assert {"Lato-Regular", "Lato-Bold"} <= font_names(reader)
        asked = len(server.requests)
        assert asked == 3  # the stylesheet and two files
        monkeypatch.setenv("CAREER_GUIDE_OFFLINE", "1")
        again, result = built(pack, folder, tmp_path)
        assert warnings_of(result) == [] and len(server.requests) == asked
        assert font_names(again) == font_names(reader)


def test_unreachable_web_font_gives_one_warning_and_the_bundled_faces(tmp_path: Path,
                                                                       pack: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: Offline College}
typography:
  fonts:
    - {family: Campus Sans, source: bunny}
  base: Campus Sans
  headings: {family: Campus Sans, weight: 600}
""")
    reader, result = built(pack, folder, tmp_path)
    warnings = warnings_of(result)
    assert len(warnings) == 1, warnings
    assert "'Campus Sans' (bunny)" in warnings[0] and "fonts/CampusSans-Regular.ttf" in warnings[0]
    assert {"SourceSerifPro-Regular", "Lato-Bold"} <= font_names(reader)


def installed(family: str) -> bool:
    if shutil.which("fc-match") is None:
        return False
    answer = subprocess.run(["fc-match", "-f", "%{family}", family], capture_output=True,
                            text=True, check=False)
    return family.lower() in answer.stdout.lower()


@pytest.mark.skipif(not installed("DejaVu Sans"), reason="DejaVu Sans is not installed")
def test_system_font_and_css_stack(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: Stack College}
typography:
  base: "'Not A Real Font', DejaVu Sans, sans-serif"
  headings: "Also Not Real, sans-serif"
""")
    reader, result = built(pack, folder, tmp_path)
    assert warnings_of(result) == []  # the stack's own fallbacks stand in, as CSS does
    names = font_names(reader)
    assert "DejaVuSans" in names and "Lato-Regular" in names, names


@pytest.mark.skipif(not installed("Nimbus Sans"), reason="no PostScript-outline font installed")
def test_postscript_outline_font_is_converted(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: CFF College}
typography:
  fonts:
    - {family: Nimbus Sans, source: system}
  base: Nimbus Sans
""")
    reader, result = built(pack, folder, tmp_path)
    assert warnings_of(result) == []
    assert any(name.startswith("NimbusSans") for name in font_names(reader)), font_names(reader)


def test_typography_colours_weights_and_line_heights(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: Type College}
color:
  palette: {ink: "#2b2b52"}
  primary: "#1d4e6b"
typography:
  base: {size: 16px, line-height: 1.8, color: ink}
  headings: {weight: 400, color: "#7a1f2b", line-height: 1.1}
  monospace-inline: {color: purple, background-color: "#eeeeee"}
  monospace-block: {family: monospace}
  link: {color: "#005a00", decoration: underline}
""")
    b = load_brand(folder)
    assert b.fonts.body_leading == 1.8 and b.fonts.heading_leading == 1.1
    assert b.fonts.heading[2].name == "Lato-Regular.ttf"  # headings: weight 400
    reader, result = built(pack, folder, tmp_path)
    assert warnings_of(result) == []
    inside = b"".join(page_bytes(reader, i) for i in range(1, len(reader.pages)))
    for color in ("#2b2b52", "#7a1f2b", "#005a00"):
        assert fill(color) in inside, color


# ---- discovery, meta and the booklet's own section ------------------------------------------

def test_pack_underscore_brand_and_brand_folders(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", {"intro": "Text."})
    (pack / "_brand.yml").write_text("meta: {name: Underscore College}\n", encoding="utf-8")
    out = tmp_path / "own.pdf"
    assert build(pack, None, out).exit_code == 0
    assert "Underscore College" in "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    folder = brand(tmp_path / "quarto", "meta: {name: Folder College}\n", name="brand.yml")
    assert load_brand(folder).name == "Folder College"
    nested = brand(tmp_path / "project" / "_brand", "meta: {name: Nested College}\n")
    assert load_brand(nested.parent).name == "Nested College"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = build(pack, empty, tmp_path / "x.pdf")
    assert result.exit_code == 2 and "this folder has no _brand.yml or brand.yml" in result.output


def test_meta_is_optional_and_open(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", """meta:
  name: {full: Open Meta University, short: OMU}
  links: {home: "https://omu.example.edu", github: "https://github.com/omu"}
  address: 1 College Road
  founded: 1901
""")
    _, result = built(pack, folder, tmp_path)
    assert warnings_of(result) == []
    bare = brand(tmp_path / "bare", "color: {primary: teal}\n")
    b = load_brand(bare)
    assert b.name == "" and b.colors["primary"] == "#008080"


@pytest.mark.parametrize("text,message", [
    ("defaults:\n  career-guid:\n    qr-url: https://x.example\n",
     "unknown section 'career-guid' under defaults (did you mean 'career-guide'?)"),
    ("defaults:\n  career_guide:\n    qr-url: https://x.example\n",
     "unknown section 'career_guide' under defaults (did you mean 'career-guide'?)"),
    ("defaults:\n  career-guide:\n    ofice: {name: Advising}\n",
     "unknown key 'ofice' in career-guide (did you mean 'office'?)"),
])
def test_own_section_is_strict(text: str, message: str, tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", "meta: {name: Strict College}\n" + text)
    result = build(pack, folder, tmp_path / "x.pdf")
    assert result.exit_code == 2, result.output
    assert message in result.output, result.output


def test_other_tools_sections_pass_quietly_and_strangers_warn(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: Quarto College}
defaults:
  bootstrap: {defaults: {navbar-bg: "$brand-primary"}}
  quarto: {format: {html: {toc: true}}}
  shiny:
format: html
""")
    _, result = built(pack, folder, tmp_path)
    assert [w for w in warnings_of(result)] == [
        f"warning: {folder / '_brand.yml'}:6: 'format' is not a brand.yml section and is not used"]


def test_bad_values_in_used_places_are_still_errors(tmp_path: Path) -> None:
    folder = brand(tmp_path / "b", "meta: {name: X}\ncolor: {primary: '#12'}\n")
    with pytest.raises(ContentError, match="'#12' is not a colour"):
        load_brand(folder)


def test_cached_drawing_and_instances_give_the_same_bytes(tmp_path: Path, pack: Path) -> None:
    """The second build reads svglib's drawing and the font instances from the cache (without
    loading svglib or fontTools) and must print exactly what the first build printed."""
    folder = brand(tmp_path / "b", FILE_FONT.format(
        files='        - {path: "fonts/House[wght].ttf", weight: 400 700}') + "logo: mark.svg\n")
    variable_lato(folder / "fonts" / "House[wght].ttf")
    shutil.copy(REAL_SVG, folder / "mark.svg")
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    assert build(pack, folder, first).exit_code == 0
    assert list((tmp_path / "cache").glob("svg-logos-v*/*.json"))
    code = ("import sys; from guide.cli import run; sys.argv = ['career-guide', 'build', "
            f"{str(pack)!r}, '--brand', {str(folder)!r}, '-o', {str(second)!r}]; "
            "sys.modules.pop('svglib', None)\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "print('svglib' in sys.modules, 'fontTools' in sys.modules)")
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, cwd=REPO)
    assert answer.stdout.strip().splitlines()[-1] == "False False", answer.stdout + answer.stderr
    assert second.read_bytes() == first.read_bytes()


def test_monospace_family_sets_inline_code(tmp_path: Path, pack: Path) -> None:
    folder = brand(tmp_path / "b", """meta: {name: Code College}
typography:
  fonts:
    - family: House Mono
      source: file
      files: [fonts/HouseMono-Regular.ttf]
  monospace: House Mono
""")
    (folder / "fonts").mkdir()
    shutil.copy(LATO_BOLD, folder / "fonts" / "HouseMono-Regular.ttf")  # Lato Bold, to tell apart
    reader, result = built(pack, folder, tmp_path)
    assert warnings_of(result) == []
    from conftest import text_runs
    runs = text_runs(reader)
    assert any("inline code" in text and font.endswith("Lato-Bold") for text, font in runs), runs
