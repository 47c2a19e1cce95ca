"""Bad input that would make work without end, and the limits that stop it: each bomb is an
exit-2 content error within seconds (run in a subprocess with a timeout, so a regression
fails instead of hanging), and a file just under each limit still builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from badinput_helpers import (  # noqa: F401 - fixtures are used by name
    BRAND,
    REPO,
    TABLE_YML,
    Booklet,
    add_table,
    assert_rejected,
    booklet,
    branded,
    chapter,
    describe,
    pdf_text,
    write_brand,
    write_chapter,
)

BOUND = 10  # seconds; each case takes well under one


def build_in_subprocess(booklet: Booklet, *extra: object) -> subprocess.CompletedProcess:
    args = [sys.executable, str(REPO / "build.py"), "build", str(booklet.pack), "-o",
            str(booklet.out), *map(str, extra)]
    if booklet.brand is not None:
        args += ["--brand", str(booklet.brand)]
    return subprocess.run(args, capture_output=True, text=True, timeout=BOUND)


def assert_bounded_rejection(run: subprocess.CompletedProcess, booklet: Booklet, file: str,
                             line: int | None = None, contains: tuple[str, ...] = ()) -> None:
    text = f"[exit {run.returncode}]\n{run.stdout}\n{run.stderr}"
    assert run.returncode == 2, text
    assert "Traceback" not in run.stderr, text
    errors = [ln for ln in run.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 1, text
    where = errors[0].split(": ", 2)[1]
    assert file in where, text
    if line is not None:
        assert where.endswith(f"{file}:{line}"), text
    for piece in contains:
        assert piece.lower() in errors[0].lower(), text
    assert booklet.out.read_bytes() == booklet.good


def laughs(indent: str = "", levels: int = 9) -> str:
    """A billion-laughs YAML block: nine levels of nine aliases, 387 million values."""
    rows = [f'{indent}l0: &l0 "lol"']
    for i in range(1, levels):
        rows.append(f"{indent}l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(rows) + "\n"


# -- YAML alias bombs, even when the anchor is never used -------------------------------------

def test_yaml_bomb_in_guide_yml(booklet: Booklet) -> None:
    guide = booklet.pack / "guide.yml"
    lines = guide.read_text().count("\n")
    guide.write_text(guide.read_text() + "x-unused:\n" + laughs("  "), encoding="utf-8")
    run = build_in_subprocess(booklet)
    assert_bounded_rejection(run, booklet, "guide.yml", lines + 8, ("aliases",))


def test_yaml_bomb_in_front_matter(booklet: Booklet) -> None:
    write_chapter(booklet, "---\ntitle: Intro\nkind: chapter\nx:\n" + laughs("  ") + "---\n\nHi.\n")
    run = build_in_subprocess(booklet)
    assert_bounded_rejection(run, booklet, "intro.md", 11, ("aliases",))


def test_yaml_bomb_in_timeline(booklet: Booklet) -> None:
    (booklet.pack / "timeline.yml").write_text(
        "stages:\n  - {id: a, label: A, years: 4}\nx:\n" + laughs("  "), encoding="utf-8")
    run = build_in_subprocess(booklet)
    assert_bounded_rejection(run, booklet, "timeline.yml", 10, ("aliases",))


def test_yaml_bomb_in_data_metadata(booklet: Booklet) -> None:
    add_table(booklet.pack, "id,name,count\na,A,1\n", TABLE_YML + "x:\n" + laughs("  "))
    run = build_in_subprocess(booklet)
    assert_bounded_rejection(run, booklet, "counts.yml", 15, ("aliases",))


def test_yaml_bomb_in_brand_file(branded: Booklet) -> None:
    assert branded.brand is not None
    branded.brand.write_text(BRAND + "x:\n" + laughs("  "), encoding="utf-8")
    run = build_in_subprocess(branded)
    assert_bounded_rejection(run, branded, "brand.yml", 14, ("aliases",))


def test_yaml_recursive_alias_and_deep_nesting(booklet: Booklet) -> None:
    guide = booklet.pack / "guide.yml"
    good = guide.read_text()
    guide.write_text(good + "x: " + "[" * 70 + "]" * 70 + "\n", encoding="utf-8")
    assert_rejected(booklet.build(), booklet, "guide.yml", contains=("nested",))
    guide.write_text(good + "x: &a [*a]\n", encoding="utf-8")
    assert_rejected(booklet.build(), booklet, "guide.yml")


def test_yaml_aliases_under_the_limit(booklet: Booklet) -> None:
    """Aliases are fine in a file that stays small; 100,000 values expanded is the limit."""
    from guide.load.yamlfile import parse_yaml

    guide = booklet.pack / "guide.yml"
    guide.write_text(guide.read_text().replace("subtitle: For bad-input tests",
                                               "subtitle: &s For bad-input tests\naudience: *s"),
                     encoding="utf-8")
    result = booklet.build()
    assert result.exit_code == 0, describe(result)
    under = "a: &a [" + ", ".join(["x"] * 999) + "]\nb: [" + ", ".join(["*a"] * 98) + "]\n"
    assert len(parse_yaml(Path("u.yml"), under).data["b"]) == 98  # 99,000 values in all
    over = under.replace(", ".join(["*a"] * 98), ", ".join(["*a"] * 100))
    with pytest.raises(Exception, match="100,000"):
        parse_yaml(Path("o.yml"), over)


# -- templates --------------------------------------------------------------------------------

DEEP = "deeply"


@pytest.mark.parametrize("body,contains", [
    pytest.param("{{ 'a' * 10**9 }}", "1,000,000 characters", id="string-times"),
    pytest.param("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                 "{% endfor %}", "loop steps", id="nested-range"),
    pytest.param("{{ ratio(1, 3, 10**6) }}", "decimals", id="ratio-decimals"),
    pytest.param("{{ percent_change(1, 3, 10**6) }}", "decimals", id="percent-decimals"),
    pytest.param("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "deeply",
                 id="recursive-macro"),
    pytest.param("{% for x in [[1]] recursive %}{{ loop([x]) }}{% endfor %}", "deeply",
                 id="recursive-loop"),
    pytest.param("{% set ns = namespace(s='ab') %}{% for i in range(40) %}"
                 "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}", "characters",
                 id="doubling-concat"),
    pytest.param("{{ 'a'|center(10**9) }}", "width", id="center-filter"),
    pytest.param("{{ 2 ** 100000 }}", "bits", id="big-power"),
    pytest.param("{{ ratio(1e308*10, 1) }}", "finite", id="inf"),
    pytest.param("{% include 'x' %}", "include", id="include"),
    pytest.param("{% import 'x' as y %}", "import", id="import"),
    pytest.param("{% extends 'x' %}", "extends", id="extends"),
])
def test_template_bombs(booklet: Booklet, body: str, contains: str) -> None:
    write_chapter(booklet, chapter(f"Before.\n\n{body}\n"))
    run = build_in_subprocess(booklet)
    # a recursion is reported at the chapter's first line: Python's traceback is gone by then
    assert_bounded_rejection(run, booklet, "intro.md", 5 if contains == DEEP else 8, (contains,))


def test_templates_under_the_limits_build(booklet: Booklet) -> None:
    write_chapter(booklet, chapter("{{ ratio(2, 3, 10) }} {{ percent_change(2, 3, 10) }} "
                                   "{% for i in range(900) %}{% for j in range(1000) %}"
                                   "{% endfor %}{% endfor %}{{ ('x' * 999999)|length }}\n"))
    result = booklet.build()
    assert result.exit_code == 0, describe(result)
    assert "0.6666666667" in pdf_text(booklet.out.read_bytes())
    assert "999999" in pdf_text(booklet.out.read_bytes())


BRAND_TEMPLATE = BRAND + "defaults:\n  career-guide:\n    templates: my-templates/\n"


@pytest.mark.parametrize("body,contains", [
    pytest.param("{{ ''.__class__.__mro__ }}", "not allowed", id="sandbox"),
    pytest.param("{{ 'a' * 10**9 }}", "characters", id="bomb"),
    pytest.param("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                 "{% endfor %}", "loop steps", id="loops"),
])
def test_brand_template_bombs(branded: Booklet, body: str, contains: str) -> None:
    assert branded.brand is not None
    folder = branded.brand.parent / "my-templates"
    folder.mkdir()
    (folder / "filler.yml.j2").write_text(body + "\n[]\n", encoding="utf-8")
    (folder / "back-cover.yml.j2").write_text(body + "\n[]\n", encoding="utf-8")
    branded.brand.write_text(BRAND_TEMPLATE, encoding="utf-8")
    run = build_in_subprocess(branded)
    assert_bounded_rejection(run, branded, ".yml.j2", contains=(contains,))


# -- long text ---------------------------------------------------------------------------------

def test_paragraph_over_the_word_limit(booklet: Booklet) -> None:
    write_chapter(booklet, chapter("word " * 100_001 + "\n"))
    run = build_in_subprocess(booklet)
    assert_bounded_rejection(run, booklet, "intro.md", 6, ("100,000",))


def test_paragraph_at_the_word_limit_builds(booklet: Booklet) -> None:
    # about 200 pages of one paragraph, laid out in well under a second
    write_chapter(booklet, chapter("word " * 100_000 + "\n"))
    run = build_in_subprocess(booklet)
    assert run.returncode == 0, run.stderr


def test_paragraph_over_the_inline_markup_limit(booklet: Booklet) -> None:
    write_chapter(booklet, chapter("Before.\n\n" + "*a* " * 5_000 + "snake_case\n"))
    run = build_in_subprocess(booklet)
    assert_bounded_rejection(run, booklet, "intro.md", 8, ("10,001", "10,000"))


def test_paragraph_at_the_inline_markup_limit_builds(booklet: Booklet) -> None:
    write_chapter(booklet, chapter("Before.\n\n- " + "*a* " * 5_000 + "\n"))
    run = build_in_subprocess(booklet)
    assert run.returncode == 0, run.stderr


def test_long_code_block_is_bounded(booklet: Booklet) -> None:
    code = "\n".join("    " + (f"x = {i} " + "abc def " * 30)[:200] for i in range(400))
    write_chapter(booklet, chapter("Code:\n\n" + code + "\n"))
    run = build_in_subprocess(booklet)
    assert run.returncode == 0, run.stderr


def test_heading_length(booklet: Booklet) -> None:
    write_chapter(booklet, chapter("## " + "h" * 301 + "\n\nText.\n"))
    assert_rejected(booklet.build(), booklet, "intro.md", 6, contains=("300",))
    write_chapter(booklet, chapter("## " + "heading " * 37 + "head\n\nText.\n"))
    assert booklet.build().exit_code == 0


def test_heading_of_2300_characters(booklet: Booklet) -> None:
    write_chapter(booklet, chapter("## " + "Heading " * 290 + "\n\nText.\n"))
    assert_rejected(booklet.build(), booklet, "intro.md", 6, contains=("heading",))


def _nested_list(depth: int) -> str:
    return "".join("    " * i + f"- level {i}\n" for i in range(depth))


def test_list_nesting(booklet: Booklet) -> None:
    write_chapter(booklet, chapter("".join("  " * i + "- item\n" for i in range(200))))
    assert_rejected(booklet.build(), booklet, "intro.md", contains=("nested",))
    write_chapter(booklet, chapter(_nested_list(9)))
    result = booklet.build()
    assert result.exit_code == 0, describe(result)


def test_emphasis_5000_deep(booklet: Booklet) -> None:
    write_chapter(booklet, chapter("*" * 5000 + "x" + "*" * 5000 + "\n"))
    run = build_in_subprocess(booklet)
    assert_bounded_rejection(run, booklet, "intro.md", contains=("nested",))


def test_table_of_wide_words(booklet: Booklet) -> None:
    row = "| " + " | ".join("w" * 920 for _ in range(6)) + " |\n"
    write_chapter(booklet, chapter("| " + " | ".join(f"h{i}" for i in range(6)) + " |\n|"
                                   + "---|" * 6 + "\n" + row))
    result = booklet.build()
    assert_rejected(result, booklet, "intro.md")
