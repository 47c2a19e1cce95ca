"""Bad values that used to print wrong or crash: data cells, timeline numbers, brand fields,
control characters, pictures inside lists and tables, and command-line mistakes."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pypdf
import pytest
from badinput_helpers import (  # noqa: F401 - fixtures are used by name
    BRAND,
    FONT_BRAND,
    TABLE_YML,
    Booklet,
    add_table,
    assert_rejected,
    booklet,
    branded,
    chapter,
    describe,
    make_pack,
    pdf_text,
    png_bytes,
    run_cli,
    write_chapter,
)

from guide.load.brand import FONT_DIR

DECIMAL_YML = TABLE_YML.replace("count: {label: Count, type: integer}",
                                "count: {label: Count, type: decimal}")
PERCENT_YML = TABLE_YML.replace("count: {label: Count, type: integer}",
                                "count: {label: Count, type: percent}")


@pytest.mark.parametrize("csv_text,yml_text,file,line,contains", [
    pytest.param("id,name,name\na,A,B\n", TABLE_YML, "counts.csv", 1, "twice", id="dup-column"),
    pytest.param("id,name,count\na,A,nan\n", DECIMAL_YML, "counts.csv", 2, "nan", id="nan"),
    pytest.param("id,name,count\na,A,inf\n", DECIMAL_YML, "counts.csv", 2, "inf", id="inf"),
    pytest.param("id,name,count\na,A,1e308%\n", PERCENT_YML, "counts.csv", 2, "1e308",
                 id="huge-percent"),
    pytest.param("id,name,count\na,A,1\n", TABLE_YML + "derived:\n  x: {expr: "
                 + "+".join(["count"] * 10_000) + "}\n", "counts.yml", 9, "500", id="long-expr"),
    pytest.param("id,name,count\na,A,900000000000000\n", TABLE_YML
                 + "derived:\n  x: {expr: count * count}\n", "counts.csv", 2, "larger",
                 id="overflow"),
    pytest.param("id,name,count\na,A,1\n", TABLE_YML.replace("type: integer}",
                 "type: integer, decimals: true}"), "counts.yml", 7, "decimals", id="decimals-true"),
])
def test_bad_values(booklet: Booklet, csv_text: str, yml_text: str, file: str, line: int,
                    contains: str) -> None:
    add_table(booklet.pack, csv_text, yml_text)
    assert_rejected(booklet.build(), booklet, file, line, contains=(contains,))


def test_big_integers_stay_exact(booklet: Booklet) -> None:
    add_table(booklet.pack, "id,name,count\na,A,900719925474099\n")
    write_chapter(booklet, chapter("Count {{ stats.counts.a.count }}.\n"))
    result = booklet.build()
    assert result.exit_code == 0, describe(result)
    assert "900,719,925,474,099" in pdf_text(booklet.out.read_bytes())


@pytest.mark.parametrize("timeline,line", [
    pytest.param("stages:\n  - {id: a, label: A, years: .nan}\n", 2, id="years-nan"),
    pytest.param("stages:\n  - {id: a, label: A, years: 4}\nmilestones:\n"
                 "  - {label: M, stage: a, at: .nan}\n", 4, id="at-nan"),
])
def test_timeline_nan(booklet: Booklet, timeline: str, line: int) -> None:
    (booklet.pack / "timeline.yml").write_text(timeline, encoding="utf-8")
    assert_rejected(booklet.build(), booklet, "timeline.yml", line)


def test_binary_title(booklet: Booklet) -> None:
    guide = booklet.pack / "guide.yml"
    guide.write_text(guide.read_text().replace("title: A Small Test Guide",
                                               "title: !!binary aGVsbG8="), encoding="utf-8")
    assert_rejected(booklet.build(), booklet, "guide.yml", 1, contains=("binary",))


@pytest.mark.parametrize("text,name", [("a \x00 b", "NUL"), ("a \x1b[31m b", "ESC"),
                                       ("a \u202e b", "bidi")])
def test_control_characters_in_a_chapter(booklet: Booklet, text: str, name: str) -> None:
    write_chapter(booklet, chapter(f"First.\n\n{text}\n"))
    assert_rejected(booklet.build(), booklet, "intro.md", 8, contains=("control character",))


def test_control_character_as_yaml_escape(booklet: Booklet) -> None:
    guide = booklet.pack / "guide.yml"
    guide.write_text(guide.read_text().replace("subtitle: For bad-input tests",
                                               'subtitle: "bell \\a here"'), encoding="utf-8")
    assert_rejected(booklet.build(), booklet, "guide.yml", 2, contains=("U+0007",))


# -- the brand file ------------------------------------------------------------------------

def test_truncated_font(branded: Booklet) -> None:
    assert branded.brand is not None
    fonts = branded.brand.parent / "fonts"
    fonts.mkdir()
    (fonts / "Cut.ttf").write_bytes((FONT_DIR / "Lato-Regular.ttf").read_bytes()[:3000])
    branded.brand.write_text(FONT_BRAND.replace("PATH", "fonts/Cut.ttf"), encoding="utf-8")
    assert_rejected(branded.build(), branded, "Cut.ttf", contains=("font",))


def test_font_family_list(branded: Booklet) -> None:
    assert branded.brand is not None
    fonts = branded.brand.parent / "fonts"
    fonts.mkdir()
    (fonts / "Mine.ttf").write_bytes((FONT_DIR / "Lato-Regular.ttf").read_bytes())
    branded.brand.write_text(FONT_BRAND.replace("PATH", "fonts/Mine.ttf")
                             .replace("base: Mine", "base: [Mine]"), encoding="utf-8")
    assert_rejected(branded.build(), branded, "brand.yml", 13, contains=("family name",))


def test_qr_address_length(branded: Booklet) -> None:
    assert branded.brand is not None
    own = "defaults:\n  career-guide:\n    qr-url: https://example.edu/"
    branded.brand.write_text(BRAND + own + "a" * 5000 + "\n", encoding="utf-8")
    assert_rejected(branded.build(), branded, "brand.yml", 9, contains=("300",))
    branded.brand.write_text(BRAND + own + "a" * 270 + "\n", encoding="utf-8")
    result = branded.build()
    assert result.exit_code == 0, describe(result)


# -- pictures in lists and tables ---------------------------------------------------------------

def _images(data: bytes) -> int:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return sum(len(page.images) for page in reader.pages)


@pytest.mark.parametrize("body", [
    pytest.param("- item ![zqxalt](images/p.png)\n- two\n", id="list"),
    pytest.param("- [ ] check ![zqxalt](images/p.png)\n- [ ] other\n", id="checklist"),
    pytest.param("- one\n- two\n![zqxalt](images/p.png) folded in\n", id="folded"),
    pytest.param("| a | b |\n|---|---|\n| ![zqxalt](images/p.png) | text |\n", id="cell"),
])
def test_pictures_in_items_and_cells(booklet: Booklet, body: str) -> None:
    (booklet.pack / "images").mkdir()
    (booklet.pack / "images" / "p.png").write_bytes(png_bytes(40, 30))
    write_chapter(booklet, chapter(body))
    result = booklet.build()
    assert result.exit_code == 0, describe(result)
    assert _images(booklet.out.read_bytes()) == 1
    assert "zqxalt" not in pdf_text(booklet.out.read_bytes())
    os.remove(booklet.pack / "images" / "p.png")
    booklet.good = booklet.out.read_bytes()
    assert_rejected(booklet.build(), booklet, "intro.md", contains=("not found",))
    write_chapter(booklet, chapter(body.replace("images/p.png", "../../outside.png")))
    assert_rejected(booklet.build(), booklet, "intro.md", contains=("outside",))


# -- the command line ----------------------------------------------------------------------------

@pytest.mark.parametrize("args,contains", [
    pytest.param(["--print", "--bleed", "3"], "unit", id="bleed-unit"),
    pytest.param(["--impose", "saddle-stitch", "--creep", "3"], "--creep", id="creep-unit"),
    pytest.param(["--impose", "saddle-stitch", "--creep", "9in"], "--creep", id="creep-big"),
    pytest.param(["--bleed", "3mm"], "only with --print", id="bleed-alone"),
    pytest.param(["--creep", "0.2mm"], "only with --impose", id="creep-alone"),
    pytest.param(["--sheet", "a4"], "only with --impose", id="sheet-alone"),
    pytest.param(["--sheet-marks"], "only with --impose", id="marks-alone"),
])
def test_print_option_mistakes(booklet: Booklet, args: list[str], contains: str) -> None:
    result = booklet.build(*args)
    message = assert_rejected(result, booklet, None)
    assert contains in message and "bleed" not in message.replace("--bleed", "") or \
        contains == "unit", message


def test_print_options_that_work(booklet: Booklet) -> None:
    for args in (["--print"], ["--print", "--bleed", "3mm"], ["--page-size", "A5"],
                 ["--impose", "saddle-stitch", "--creep", "0.2mm", "--sheet", "a4"]):
        result = booklet.build(*args)
        assert result.exit_code == 0, describe(result)


def test_preview_reversed_range(booklet: Booklet, tmp_path: Path) -> None:
    result = run_cli("preview", booklet.pack, "--pages", "3-1", "-o", tmp_path / "shots")
    assert_rejected(result, None, None, contains=("reversed",))


def test_errors_sorted_by_file_and_line(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {
        "b.md": chapter("Fine.\n\n{{ nope }}\n"),
        "a.md": chapter("{{ nope3 }}\n"),
    })
    result = run_cli("check", pack)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    places = [e.split(": ", 2)[1] for e in errors]
    assert [p.rsplit("/", 1)[-1] for p in places] == ["a.md:6", "b.md:8"], errors


def test_new_prints_commands_that_work_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "mine", "--title", "My Guide")
    assert result.exit_code == 0, describe(result)
    assert "build mine" in result.stdout
    assert "docs/content-format.md" in result.stdout
    docs = [w for w in result.stdout.split() if w.endswith("content-format.md.")][0][:-1]
    assert Path(docs).is_file(), docs


def test_random_font_bytes_are_refused(branded: Booklet) -> None:
    assert branded.brand is not None
    fonts = branded.brand.parent / "fonts"
    fonts.mkdir()
    (fonts / "Fake.ttf").write_bytes(b"\x00\x01\x00\x00" + random.Random(9).randbytes(600))
    branded.brand.write_text(FONT_BRAND.replace("PATH", "fonts/Fake.ttf"), encoding="utf-8")
    assert_rejected(branded.build(), branded, "Fake.ttf")
