"""Bad input, text, Jinja and long or wide content: one `error: FILE:LINE: ...` line, exit code 2, no traceback,
the PDF already at the output path untouched and no temporary file left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from badinput_helpers import (  # noqa: F401 - fixtures are used by name
    assert_rejected,
    Booklet,
    booklet,
    chapter,
    describe,
    make_pack,
    NEXT,
    page_count,
    pdf_text,
    run_cli,
    write_chapter,
)


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
