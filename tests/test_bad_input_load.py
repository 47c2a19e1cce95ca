"""Bad input, guide.yml, chapter files and front matter: one `error: FILE:LINE: ...` line, exit code 2, no traceback,
the PDF already at the output path untouched and no temporary file left behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from badinput_helpers import (  # noqa: F401 - fixtures are used by name
    assert_rejected,
    Booklet,
    booklet,
    chapter,
    INTRO,
    run_cli,
    write_chapter,
)


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
