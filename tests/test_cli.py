"""The command line contract: commands, options, exit codes, and writing the PDF safely."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, reader_of, write_pack

from guide.cli.commands import main


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture()
def pack(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack", {"one": "Hello **there**.\n\n- [ ] a task\n"})


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("build", "check"):
        assert command in result.output


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and "career-guide" in result.output


def test_build_writes_and_reports(pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    result = run("build", str(pack), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"{out}: " in result.output and " pages, " in result.output
    assert len(reader_of(out.read_bytes()).pages) >= 4
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("size,points", [("half-letter", (396, 612)), ("a5", (419.5, 595.3)),
                                         ("letter", (612, 792)), ("a4", (595.3, 841.9))])
def test_page_sizes(pack: Path, tmp_path: Path, size: str, points: tuple[float, float]) -> None:
    out = tmp_path / f"{size}.pdf"
    assert run("build", str(pack), "-o", str(out), "--page-size", size).exit_code == 0
    box = reader_of(out.read_bytes()).pages[0].mediabox
    assert abs(float(box.width) - points[0]) < 0.5 and abs(float(box.height) - points[1]) < 0.5


def test_no_forms_draws_boxes_without_fields(pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    assert run("build", str(pack), "-o", str(out), "--no-forms").exit_code == 0
    assert not reader_of(out.read_bytes()).get_fields()
    assert "a task" in "".join(p.extract_text() for p in reader_of(out.read_bytes()).pages)


def test_check_writes_nothing(pack: Path, tmp_path: Path) -> None:
    before = set(tmp_path.rglob("*"))
    result = run("check", str(pack))
    assert result.exit_code == 0 and "ok" in result.output
    assert set(tmp_path.rglob("*")) == before


def test_bad_option_value_exits_2(pack: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(pack), "--page-size", "tabloid"])
    assert result.exit_code == 2
    assert "tabloid" in result.output


def test_content_error_is_one_line_exit_2_and_keeps_the_old_pdf(pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    assert run("build", str(pack), "-o", str(out)).exit_code == 0
    old = out.read_bytes()
    chapter = pack / "chapters" / "one.md"
    chapter.write_text(chapter.read_text() + "\n{{ no_such_thing }}\n")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "build", str(pack), "-o",
                             str(out)], capture_output=True, text=True)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "one.md:" in lines[0] and "no_such_thing" in lines[0]
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf", "pack"]


def test_internal_error_is_one_line_exit_1(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import guide.pipeline

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")
    monkeypatch.setattr(guide.pipeline, "render_pdf", broken)
    result = CliRunner().invoke(main, ["build", str(pack), "-o", str(pack / "x.pdf")])
    assert result.exit_code == 1
    assert "internal error: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.output


def test_default_command_builds_into_dist(tmp_path: Path) -> None:
    """`python build.py` alone: the default booklet, into dist/ under the current folder."""
    result = subprocess.run([sys.executable, str(REPO / "build.py")], capture_output=True,
                            text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "dist" / "pain-medicine.pdf").stat().st_size > 100_000
