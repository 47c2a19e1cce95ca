"""Bad input, data tables and timeline.yml: one `error: FILE:LINE: ...` line, exit code 2, no traceback,
the PDF already at the output path untouched and no temporary file left behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from badinput_helpers import (  # noqa: F401 - fixtures are used by name
    add_table,
    assert_rejected,
    Booklet,
    booklet,
    chapter,
    TABLE_YML,
    write_chapter,
)


# -- data tables and timeline.yml --------------------------------------------------------------


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
