"""Bad input, check, which reports every error at once: one `error: FILE:LINE: ...` line, exit code 2, no traceback,
the PDF already at the output path untouched and no temporary file left behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from badinput_helpers import (  # noqa: F401 - fixtures are used by name
    assert_rejected,
    chapter,
    describe,
    INTRO,
    make_pack,
    NEXT,
    REPO,
    run_cli,
)


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
