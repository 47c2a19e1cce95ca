"""Bad input never crashes the tool: one `error: FILE:LINE: ...` line, exit code 2, no traceback,
the PDF already at the output path untouched and no temporary file left behind.

Each test builds a good booklet first, then breaks one thing and builds again into the same
path.
"""

from __future__ import annotations

import os
import random
import struct
import zlib
from pathlib import Path

import pytest
from badinput_helpers import (
    INTRO,
    NEXT,
    REPO,
    Booklet,
    assert_no_stray_files,
    assert_rejected,
    chapter,
    describe,
    good_booklet,
    make_pack,
    page_count,
    pdf_text,
    run_cli,
)

import guide.pipeline as pipeline


@pytest.fixture()
def booklet(tmp_path: Path) -> Booklet:
    return good_booklet(tmp_path)


def write_chapter(booklet: Booklet, text: str, name: str = "intro.md") -> Path:
    path = booklet.chapter_file(name)
    path.write_text(text, encoding="utf-8")
    return path


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG written by hand (8-bit grayscale)."""
    raw = b"".join(b"\x00" + bytes([128] * width) for _ in range(height))
    return _png(width, height, 8, 0, zlib.compress(raw))


def _png(width: int, height: int, depth: int, color: int, idat: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat)
            + chunk(b"IEND", b""))


def bomb_png(side: int = 20000) -> bytes:
    """A side x side 1-bit PNG of zeros: a few dozen KB on disk, 400 megapixels decoded."""
    row = b"\x00" * (1 + (side + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    return _png(side, side, 1, 0, idat)


# -- the content folder and guide.yml -----------------------------------------------------

def test_missing_content_folder(booklet: Booklet, tmp_path: Path) -> None:
    result = run_cli("build", tmp_path / "no-such-pack", "-o", booklet.out)
    assert_rejected(result, booklet, "no-such-pack", contains=("not found",))


def test_empty_content_folder(booklet: Booklet, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("build", empty, "-o", booklet.out)
    assert_rejected(result, booklet, "guide.yml", contains=("not found",))


def test_content_path_is_a_file(booklet: Booklet) -> None:
    result = run_cli("build", booklet.pack / "guide.yml", "-o", booklet.out)
    assert_rejected(result, booklet, "guide.yml", contains=("folder",))


def test_guide_yml_missing(booklet: Booklet) -> None:
    (booklet.pack / "guide.yml").unlink()
    result = booklet.build()
    assert_rejected(result, booklet, "guide.yml", contains=("not found",))


def test_guide_yml_malformed(booklet: Booklet) -> None:
    (booklet.pack / "guide.yml").write_text(
        "title: A guide\nchapters:\n  - intro.md\n - next.md\n", encoding="utf-8")
    result = booklet.build()
    assert_rejected(result, booklet, "guide.yml", 4, contains=("invalid YAML",))


def test_guide_yml_unknown_key_suggests(booklet: Booklet) -> None:
    guide_yml = booklet.pack / "guide.yml"
    guide_yml.write_text(guide_yml.read_text().replace("subtitle:", "subtitel:"), encoding="utf-8")
    result = booklet.build()
    assert_rejected(result, booklet, "guide.yml", 2,
                    contains=("subtitel", "did you mean 'subtitle'"))


def test_listed_chapter_file_missing(booklet: Booklet) -> None:
    booklet.chapter_file("next.md").unlink()
    result = booklet.build()
    # guide.yml: 1 title, 2 subtitle, 3 edition, 4 chapters:, 5 - intro.md, 6 - next.md
    assert_rejected(result, booklet, "guide.yml", 6, contains=("next.md", "not found"))


def test_unlisted_chapter_file_is_an_error(booklet: Booklet) -> None:
    """docs/content-format.md: 'Every file in chapters/ must be listed' - and the code agrees:
    a stray chapter is an error (not a warning) pointing at the 'chapters:' list."""
    (booklet.pack / "chapters" / "extra.md").write_text(chapter("Stray."), encoding="utf-8")
    result = booklet.build()
    assert_rejected(result, booklet, "guide.yml", 4, contains=("extra.md", "not listed"))


def test_chapter_listed_twice(booklet: Booklet) -> None:
    guide_yml = booklet.pack / "guide.yml"
    guide_yml.write_text(guide_yml.read_text() + "  - intro.md\n", encoding="utf-8")
    result = booklet.build()
    assert_rejected(result, booklet, "guide.yml", 7, contains=("listed twice",))


# -- chapter files and front matter ------------------------------------------------------

def test_non_utf8_chapter(booklet: Booklet) -> None:
    text = INTRO.replace("The first chapter", "Caf\u00e9 culture: the first chapter")
    booklet.chapter_file().write_bytes(text.encode("latin-1"))
    line = text.split("\n").index(next(ln for ln in text.split("\n") if "Caf" in ln)) + 1
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line, contains=("UTF-8",))


def test_malformed_front_matter_reports_line(booklet: Booklet) -> None:
    write_chapter(booklet, "---\ntitle: Intro\nkind: chapter: extra\nsummary: fine\n---\n\nBody.\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", 3, contains=("invalid YAML",))


def test_unclosed_front_matter(booklet: Booklet) -> None:
    write_chapter(booklet, "---\ntitle: Intro\nkind: chapter\n\nBody without the closing line.\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", 1, contains=("not closed",))


def test_missing_front_matter(booklet: Booklet) -> None:
    write_chapter(booklet, "Just Markdown, no front matter.\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", 1, contains=("front matter",))


@pytest.mark.parametrize("typo,right,line", [("titel", "title", 2), ("kindd", "kind", 3),
                                             ("sumary", "summary", 4), ("Stage", "stage", 4)])
def test_misspelt_front_matter_key_suggests(booklet: Booklet, typo: str, right: str,
                                            line: int) -> None:
    fields = {"title": "Intro", "kind": "chapter", "summary": "A summary."}
    if right == "stage":
        fields.pop("summary")
        fields["Stage"] = "college"
    lines = [f"{typo if k == right else k}: {v}" for k, v in fields.items()]
    write_chapter(booklet, "---\n" + "\n".join(lines) + "\n---\n\nBody.\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line,
                    contains=(f"unknown key '{typo}'", f"did you mean '{right}'"))


def test_unknown_kind_lists_choices(booklet: Booklet) -> None:
    write_chapter(booklet, "---\ntitle: Intro\nkind: chaptre\n---\n\nBody.\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", 3, contains=("chaptre", "chapter"))


@pytest.mark.parametrize("front,line", [
    pytest.param("title: Intro\nkind: 3", 3, id="kind-number"),
    pytest.param("title: Intro\nkind: [chapter]", 3, id="kind-list"),
    pytest.param("title: Intro\nkind: chapter\nstage: college", 4, id="stage-on-plain-chapter"),
    pytest.param("title: Intro\nkind: stage", 3, id="stage-kind-without-stage"),
    pytest.param("title:\nkind: chapter", 2, id="title-empty"),
    pytest.param("- title\n- kind", 2, id="front-matter-is-a-list"),
    pytest.param("title: [Intro, More]\nkind: chapter", 2, id="title-list"),
    pytest.param("title: {text: Intro}\nkind: chapter", 2, id="title-mapping"),
    pytest.param("title: Intro\nkind: chapter\nsummary: [a, b]", 4, id="summary-list"),
])
def test_wrong_type_in_front_matter(booklet: Booklet, front: str, line: int) -> None:
    write_chapter(booklet, f"---\n{front}\n---\n\nBody.\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line)


@pytest.mark.parametrize("guide_yml,line", [
    pytest.param("title: T\nchapters: intro.md\n", 2, id="chapters-string"),
    pytest.param("title: {a: 1}\nchapters: [intro.md, next.md]\n", 1, id="title-mapping"),
    pytest.param("title: T\nkeywords: 5\nchapters: [intro.md, next.md]\n", 2, id="keywords-number"),
    pytest.param("title: T\nchapters: [intro.md, 7]\n", 2, id="chapter-name-number"),
    pytest.param("- title\n- chapters\n", 1, id="guide-is-a-list"),
])
def test_wrong_type_in_guide_yml(booklet: Booklet, guide_yml: str, line: int) -> None:
    (booklet.pack / "guide.yml").write_text(guide_yml, encoding="utf-8")
    result = booklet.build()
    assert_rejected(result, booklet, "guide.yml", line, lines=None)


def test_chapter_symlink_out_of_the_pack(booklet: Booklet) -> None:
    """docs/content-format.md: 'Files outside the folder are never read.'"""
    outside = booklet.pack.parent / "secret.md"
    outside.write_text(chapter("SECRET TEXT FROM OUTSIDE THE PACK", title="Secret"),
                       encoding="utf-8")
    booklet.chapter_file("next.md").unlink()
    booklet.chapter_file("next.md").symlink_to(outside)
    result = booklet.build()
    assert_rejected(result, booklet, "next.md", contains=("outside",))


def test_chapters_folder_symlink_out_of_the_pack(booklet: Booklet) -> None:
    elsewhere = booklet.pack.parent / "elsewhere"
    (booklet.pack / "chapters").rename(elsewhere)
    (booklet.pack / "chapters").symlink_to(elsewhere, target_is_directory=True)
    result = booklet.build()
    assert_rejected(result, booklet, None, contains=("outside",))


# -- data tables and timeline.yml --------------------------------------------------------------

TABLE_YML = ("title: Counts\nsource: {name: Test data, year: 2024}\nkey: id\ncolumns:\n"
             "  id: {type: id}\n  name: {label: Name, type: text}\n"
             "  count: {label: Count, type: integer}\n")


def add_table(pack: Path, csv_text: str, yml_text: str = TABLE_YML) -> None:
    (pack / "data").mkdir(exist_ok=True)
    (pack / "data" / "counts.csv").write_text(csv_text, encoding="utf-8")
    (pack / "data" / "counts.yml").write_text(yml_text, encoding="utf-8")



def test_data_csv_symlink_out_of_the_pack(booklet: Booklet) -> None:
    outside = booklet.pack.parent / "secret.csv"
    outside.write_text("id,name,count\nsecret,SECRET ROW,1\n", encoding="utf-8")
    add_table(booklet.pack, "")
    (booklet.pack / "data" / "counts.csv").unlink()
    (booklet.pack / "data" / "counts.csv").symlink_to(outside)
    result = booklet.build()
    assert_rejected(result, booklet, "counts.csv", contains=("outside",))


@pytest.mark.parametrize("csv_text,yml_text,file,line", [
    pytest.param("id,name,count\na,A,1\nb,B,two\n", TABLE_YML, "counts.csv", 3, id="not-a-number"),
    pytest.param("id,name,count\na,A,1\nb,B\n", TABLE_YML, "counts.csv", 3, id="short-row"),
    pytest.param("id,name,count,extra\na,A,1,x\n", TABLE_YML, "counts.csv", 1, id="extra-column"),
    pytest.param("id,name,count\na,A,1\na,B,2\n", TABLE_YML, "counts.csv", 3, id="repeated-key"),
    pytest.param("", TABLE_YML, "counts.csv", 1, id="empty-csv"),
    pytest.param("id,name,count\na,A,1\n", TABLE_YML.replace("integer", "integr"), "counts.yml",
                 7, id="misspelt-type"),
    pytest.param("id,name,count\na,A,1\n", TABLE_YML + "derived:\n  x: {expr: __import__('os')}\n",
                 "counts.yml", 9, id="expression-injection"),
    pytest.param("id,name,count\na,A,1\n",
                 TABLE_YML.replace("source: {name: Test data, year: 2024}", "source: Test data"),
                 "counts.yml", 2, id="source-not-mapping"),
    pytest.param("id,name,count\na,A,1\n", "title: [unclosed\n", "counts.yml", 2, id="bad-yaml"),
])
def test_bad_data_table(booklet: Booklet, csv_text: str, yml_text: str, file: str,
                        line: int) -> None:
    add_table(booklet.pack, csv_text, yml_text)
    result = booklet.build()
    assert_rejected(result, booklet, file, line)


def test_data_csv_not_utf8(booklet: Booklet) -> None:
    add_table(booklet.pack, "")
    (booklet.pack / "data" / "counts.csv").write_bytes("id,name,count\na,Caf\u00e9,1\n"
                                                       .encode("latin-1"))
    result = booklet.build()
    assert_rejected(result, booklet, "counts.csv", 2, contains=("UTF-8",))


def test_unknown_table_directive(booklet: Booklet) -> None:
    add_table(booklet.pack, "id,name,count\na,A,1\n")
    write_chapter(booklet, "---\ntitle: Intro\nkind: chapter\n---\n\nText.\n\n::: table cuonts\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", 8, contains=("cuonts", "counts"))


@pytest.mark.parametrize("timeline,line", [
    pytest.param("stages:\n  - {id: a, label: A, years: 4}\n  - {id: b, label: B, years: four}\n",
                 3, id="years-word"),
    pytest.param("stages:\n  - {id: a, label: A, years: 4}\n  - {id: a, label: B, years: 2}\n",
                 3, id="duplicate-id"),
    pytest.param("stages:\n  - {id: a, label: A, yeras: 4}\n", 2, id="misspelt-key"),
    pytest.param("stages: []\n", 1, id="no-stages"),
    pytest.param("stages:\n  - {id: a, label: A, years: 4}\nmilestones:\n"
                 "  - {label: M, stage: z, at: 1}\n", 4, id="milestone-unknown-stage"),
])
def test_bad_timeline(booklet: Booklet, timeline: str, line: int) -> None:
    (booklet.pack / "timeline.yml").write_text(timeline, encoding="utf-8")
    result = booklet.build()
    assert_rejected(result, booklet, "timeline.yml", line)


CHINESE = "---\ntitle: Intro\nkind: chapter\n---\n\nOne.\n\nChinese \u4e2d\u6587 here.\n"


def test_character_missing_from_font_names_chapter_and_line(booklet: Booklet) -> None:
    write_chapter(booklet, CHINESE)
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", 8, contains=("\u4e2d",))


def test_character_missing_from_font_is_an_error(booklet: Booklet) -> None:
    """Today's behaviour, which at least refuses to print empty boxes."""
    write_chapter(booklet, CHINESE)
    result = booklet.build()
    assert_rejected(result, booklet, None, contains=("\u4e2d", "font"))


# -- text that looks like markup prints as typed -----------------------------------------

MARKUP_BODY = """\
Before the markup.

A paragraph with <font color=red>red words</font> and <para>a para tag</para> inline.

<script>alert("boom")</script>

<b>bold tag</b> and <i>italic tag</i> and <br/> and <a href="x">link tag</a>.

Tom & Jerry, AT&T, 1 < 2 > 0 and the entity &amp; itself and &lt;b&gt;.

After the markup.
"""


@pytest.fixture()
def markup_pdf(tmp_path: Path) -> str:
    pack = make_pack(tmp_path / "pack", {"intro.md": chapter(MARKUP_BODY, "Markup"),
                                         "next.md": NEXT})
    out = tmp_path / "markup.pdf"
    result = run_cli("build", pack, "-o", out)
    assert result.exit_code == 0, describe(result)
    return " ".join(pdf_text(out.read_bytes()).split())


def test_markup_text_builds(markup_pdf: str) -> None:
    assert "Before the markup." in markup_pdf and "After the markup." in markup_pdf


@pytest.mark.parametrize("literal", ["<font color=red>red words</font>", "<para>a para tag</para>"])
def test_inline_reportlab_markup_prints_literally(markup_pdf: str, literal: str) -> None:
    assert literal in markup_pdf


def test_ampersands_print_correctly(markup_pdf: str) -> None:
    assert "Tom & Jerry, AT&T, 1 < 2 > 0" in markup_pdf


def test_script_block_prints_literally(markup_pdf: str) -> None:
    straight = markup_pdf.replace("\u201c", '"').replace("\u201d", '"')
    assert '<script>alert("boom")</script>' in straight


def test_inline_html_tags_print_literally(markup_pdf: str) -> None:
    assert "<b>bold tag</b>" in markup_pdf and "<i>italic tag</i>" in markup_pdf
    assert "and <br/> and" in markup_pdf
    # straight quotes are set as curly ones on purpose (inline_markup.typographic)
    assert "<a href=\u201dx\u201d>link tag</a>" in markup_pdf


def test_entity_prints_as_typed(markup_pdf: str) -> None:
    assert "the entity &amp; itself and &lt;b&gt;." in markup_pdf


def test_markup_in_front_matter_prints_literally(tmp_path: Path) -> None:
    intro = chapter("Body.", title='"<font color=red>Red</font> & <b>co</b>"',
                    extra='summary: "<para>x</para> &amp; y"\n')
    pack = make_pack(tmp_path / "pack", {"intro.md": intro, "next.md": NEXT})
    out = tmp_path / "fm.pdf"
    result = run_cli("build", pack, "-o", out)
    assert result.exit_code == 0, describe(result)
    text = " ".join(pdf_text(out.read_bytes()).split())
    assert "<font color=red>Red</font> & <b>co</b>" in text
    assert "<para>x</para> &amp; y" in text


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


# -- Jinja ----------------------------------------------------------------------------------

@pytest.mark.parametrize("body,line,needle", [
    pytest.param("Line six.\n\nHere is {{ nope }} on line eight.\n", 8, "nope",
                 id="undefined-variable"),
    pytest.param("{{ guide.titel }}\n", 6, "titel", id="undefined-attribute"),
    pytest.param("One.\n\n{{ guide.title \n", 8, "template error", id="syntax-error"),
    pytest.param("{{ stats.nothing.x.y }}\n", 6, "nothing", id="unknown-stats-table"),
])
def test_jinja_error_names_chapter_and_line(booklet: Booklet, body: str, line: int,
                                            needle: str) -> None:
    write_chapter(booklet, "---\ntitle: Intro\nkind: chapter\n---\n\n" + body)
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", line, contains=(needle,))


def test_jinja_in_title_undefined(booklet: Booklet) -> None:
    write_chapter(booklet, "---\ntitle: About {{ nope }}\nkind: chapter\n---\n\nBody.\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", 2, contains=("nope",))


@pytest.mark.parametrize("expr", [
    "''.__class__.__mro__",
    "''.__class__.__mro__[1].__subclasses__()",
    "guide.__class__.__init__.__globals__",
    "percent_change.__globals__['__builtins__']",
    "table.__code__",
    "(1).__class__.__base__.__subclasses__()",
])
def test_jinja_sandbox_escape_refused(booklet: Booklet, expr: str) -> None:
    write_chapter(booklet, "---\ntitle: Intro\nkind: chapter\n---\n\nOne.\n\n{{ " + expr + " }}\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", 8)
    assert "<class" not in result.output and "subclasses" not in result.stdout


def test_jinja_sandbox_does_not_execute(booklet: Booklet, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    expr = ("{{ self.__init__.__globals__.__builtins__.open('" + str(marker) + "', 'w') }}"
            "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}"
            "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    write_chapter(booklet, "---\ntitle: Intro\nkind: chapter\n---\n\n" + expr + "\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", 6)
    assert not marker.exists()


@pytest.mark.parametrize("expr,contains", [
    ("range(10**9) | list", ""),
    ("table('nope')", "nope"),
    ("percent_change('a', 'b')", "not a number"),
    ("ratio(1, 0)", ""),
    ("timeline.stage('x')", ""),
])
def test_jinja_bad_calls(booklet: Booklet, expr: str, contains: str) -> None:
    write_chapter(booklet, "---\ntitle: Intro\nkind: chapter\n---\n\n{{ " + expr + " }}\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", 6, contains=(contains,) if contains else ())


def test_jinja_format_string_attack_refused(booklet: Booklet) -> None:
    write_chapter(booklet, "---\ntitle: Intro\nkind: chapter\n---\n\n"
                           "{{ '{0.__class__.__mro__}'.format(guide) }}\n")
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md", 6)


# -- long words, wide tables, big data ------------------------------------------------------

def test_very_long_word_and_url_build(tmp_path: Path) -> None:
    word = "Pneumono" + "x" * 392
    url = "https://example.org/" + "a" * 280
    body = (f"A paragraph with a very long word {word} in it.\n\n"
            f"And a bare URL {url} and a [linked one]({url}) and <{url}>.\n\n"
            f"- a list item with {word}\n\n> a quote with {url}\n\n"
            f"| a | b |\n|---|---|\n| {word} | {url} |\n\n## {word[:120]}\n")
    assert len(word) == 400 and len(url) == 300
    pack = make_pack(tmp_path / "pack", {"intro.md": chapter(body), "next.md": NEXT})
    out = tmp_path / "long.pdf"
    result = run_cli("build", pack, "-o", out)
    assert result.exit_code == 0, describe(result)
    assert "LayoutError" not in result.output


def test_twelve_column_table_builds_or_says_why(tmp_path: Path) -> None:
    header = "| " + " | ".join(f"Column heading {i}" for i in range(12)) + " |"
    rule = "|" + "---|" * 12
    rows = "\n".join("| " + " | ".join(f"value {r}.{c} words" for c in range(12)) + " |"
                     for r in range(5))
    pack = make_pack(tmp_path / "pack", {"intro.md": chapter(f"{header}\n{rule}\n{rows}\n"),
                                         "next.md": NEXT})
    out = tmp_path / "wide.pdf"
    result = run_cli("build", pack, "-o", out)
    if result.exit_code == 0:  # it builds (narrow columns break words mid-word)
        text = "".join(pdf_text(out.read_bytes()).split())
        assert "Columnheading11" in text and "value4.11words" in text
    else:
        assert_rejected(result, None, "intro.md")


def _data_pack(root: Path, rows: int) -> Path:
    intro = chapter("The table follows.\n\n::: table big\n")
    pack = make_pack(root, {"intro.md": intro, "next.md": NEXT})
    data = pack / "data"
    data.mkdir()
    lines = ["id,name,count,share"] + [f"r{i},Row {i},{i * 7},{i % 100}%" for i in range(rows)]
    (data / "big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data / "big.yml").write_text(
        "title: A big table\nsource: {name: Test data, year: 2024}\nkey: id\ncolumns:\n"
        "  id: {type: id}\n  name: {label: Name, type: text}\n"
        "  count: {label: Count, type: integer}\n  share: {label: Share, type: percent}\n",
        encoding="utf-8")
    return pack


def test_ten_thousand_row_table_builds(tmp_path: Path) -> None:
    small = tmp_path / "small.pdf"
    big = tmp_path / "big.pdf"
    result = run_cli("build", _data_pack(tmp_path / "small", 3), "-o", small)
    assert result.exit_code == 0, describe(result)
    result = run_cli("build", _data_pack(tmp_path / "big", 10_000), "-o", big)
    assert result.exit_code == 0, describe(result)
    assert page_count(big.read_bytes()) > page_count(small.read_bytes()) + 100


# -- the brand file ---------------------------------------------------------------------------

BRAND = """\
meta:
  name: {full: Test College, short: Test}
color:
  palette: {pine: "#1f5c4a"}
  primary: pine
  secondary: "#d9a441"
"""


def write_brand(folder: Path, text: str = BRAND) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "brand.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def branded(tmp_path: Path) -> Booklet:
    return good_booklet(tmp_path, brand=write_brand(tmp_path / "brand"))


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


FONT_BRAND = BRAND + """\
typography:
  fonts:
    - family: Mine
      source: file
      files:
        - path: PATH
  base: Mine
"""


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


def test_output_path_is_a_directory(booklet: Booklet) -> None:
    target = booklet.folder / "adir.pdf"
    target.mkdir()
    result = run_cli("build", booklet.pack, "-o", target)
    assert_rejected(result, None, "adir.pdf", contains=("folder",))
    assert target.is_dir() and list(target.iterdir()) == []
    assert booklet.out.read_bytes() == booklet.good
    assert_no_stray_files(booklet.folder, {booklet.out.name, "adir.pdf"})


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


# -- check reports every error at once ---------------------------------------------------------

def test_check_reports_three_errors_in_three_files(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack")
    guide_yml = pack / "guide.yml"
    guide_yml.write_text(guide_yml.read_text().replace("edition:", "editon:"), encoding="utf-8")
    (pack / "chapters" / "intro.md").write_text(INTRO.replace("kind: chapter", "kind: chaptr"),
                                                encoding="utf-8")
    (pack / "chapters" / "next.md").write_text(
        NEXT.replace("title: Next steps", "title: Next: steps: bad"), encoding="utf-8")
    result = run_cli("check", pack)
    assert_rejected(result, None, "guide.yml", 3, lines=3, contains=("editon", "edition"))
    assert_rejected(result, None, "intro.md", 3, lines=3, contains=("chaptr",))
    assert_rejected(result, None, "next.md", 2, lines=3, contains=("invalid YAML",))
    assert "3 errors" in result.stderr
    assert list(tmp_path.iterdir()) == [pack]


def test_check_reports_template_errors_in_every_chapter(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {
        "intro.md": chapter("One.\n\n{{ nope }}\n"),
        "next.md": chapter("{{ stats.missing.a.b }}\n"),
        "third.md": chapter("{{ ''.__class__ }}\n"),
    })
    result = run_cli("check", pack)
    assert_rejected(result, None, "intro.md", 8, lines=3)
    assert_rejected(result, None, "next.md", 6, lines=3)
    assert_rejected(result, None, "third.md", 6, lines=3)


def test_check_good_pack_passes(tmp_path: Path) -> None:
    result = run_cli("check", make_pack(tmp_path / "pack"))
    assert result.exit_code == 0, describe(result)
    assert "ok" in result.stdout


def test_default_pack_still_checks() -> None:
    result = run_cli("check", REPO / "content" / "pain-medicine")
    assert result.exit_code == 0, describe(result)
