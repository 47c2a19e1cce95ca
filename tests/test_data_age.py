"""Stale data is flagged: a table whose source is more than five years older than the
guide's edition gets one warning (check and build, exit 0), and every table says how
current its figures are."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import all_text, build_bytes, reader_of

from guide.cli.commands import main

CHAPTER = """---
title: Numbers
kind: appendix
---
{{ table("programs") }}
"""


def make_pack(root: Path, year: int, checked: str = "2026-11", edition: str = "2026") -> Path:
    (root / "chapters").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "guide.yml").write_text(f"title: Stats\nedition: '{edition}'\nchapters: [numbers.md]\n")
    (root / "chapters" / "numbers.md").write_text(CHAPTER)
    (root / "data" / "programs.csv").write_text("id,kind,count\npt,Physical therapy,306\n")
    (root / "data" / "programs.yml").write_text(
        "title: Accredited programs\n"
        f"source: {{name: Example board, url: 'https://example.org', year: {year}"
        + (f", checked: {checked}" if checked else "") + "}\n"
        "key: id\ncolumns:\n  id: {type: id}\n  kind: {label: Kind}\n"
        "  count: {label: Programs, type: integer}\n")
    return root


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_an_old_source_is_a_warning_naming_its_file(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "p", 2014)
    result = run("check", str(pack))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {pack / 'data' / 'programs.yml'}: its source is from 2014, 12 years before "
        "the 2026 edition (look for newer figures and update source: year and checked:, or "
        "allow older data with --max-data-age 12)"]


def test_a_current_source_gives_no_warning(tmp_path: Path) -> None:
    for year in (2021, 2026):
        pack = make_pack(tmp_path / str(year), year)
        result = run("check", str(pack))
        assert result.exit_code == 0 and "warning" not in result.output, result.output


def test_max_data_age_moves_the_limit(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "p", 2014)
    assert "warning" not in run("check", str(pack), "--max-data-age", "12").output
    assert "12 years" in run("check", str(pack), "--max-data-age", "11").output
    assert "2 years" in run("check", str(make_pack(tmp_path / "q", 2024)),
                            "--max-data-age", "1").output


def test_a_build_warns_once(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "p", 2014)
    result = run("build", str(pack), "-o", str(tmp_path / "out.pdf"))
    assert result.exit_code == 0, result.output
    assert result.output.count("its source is from 2014") == 1


def test_a_guide_without_an_edition_year_is_not_judged(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "p", 1990, edition="first")
    assert "warning" not in run("check", str(pack)).output


def test_every_table_says_how_current_its_figures_are(tmp_path: Path) -> None:
    text = " ".join(all_text(reader_of(build_bytes(make_pack(tmp_path / "p", 2023)))).split())
    assert "Figures as of 2023, checked November 2026." in text
    text = " ".join(all_text(reader_of(build_bytes(
        make_pack(tmp_path / "q", 2023, checked="")))).split())
    assert "Figures as of 2023." in text


def test_a_checked_date_that_is_not_a_month_is_an_error_with_its_line(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "p", 2023, checked="last week")
    result = run("check", str(pack))
    assert result.exit_code == 2
    assert f"error: {pack / 'data' / 'programs.yml'}:2: checked 'last week' is not a month" \
        in result.output


def test_the_shipped_pack_has_current_checked_sources(default_pdf: bytes) -> None:
    from conftest import DEFAULT_PACK
    result = run("check", str(DEFAULT_PACK))
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    for meta in sorted((DEFAULT_PACK / "data").glob("*.yml")):
        assert "checked: 20" in meta.read_text(), meta
