"""`check` warns (exit 0) about chapters that build but read broken or leave things out."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import all_text, build_bytes, reader_of, write_pack

from guide.cli.commands import main

TIMELINE = ("stages:\n  - {id: college, label: College, years: 4}\n"
            "  - {id: work, label: Work, years: open}\n")


def check(pack: Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["check", str(pack)],
                              catch_exceptions=False)


def stage_pack(tmp_path: Path, body: str) -> Path:
    pack = write_pack(tmp_path / "p", {"college": "---\ntitle: College\nkind: stage\n"
                                                  "stage: college\n---\n" + body})
    (pack / "timeline.yml").write_text(TIMELINE)
    return pack


@pytest.mark.parametrize("body,line,needle", [
    ("Text only.\n", 1, "stage chapter without a '## Checklist'"),
    ("Text.\n\n## Checklist\n\nNothing yet.\n", 8, "'## Checklist' has no items"),
    ("!!! note \"Voluntary\"\nNot indented.\n\n## Checklist\n\n- [ ] A\n", 6,
     "has no indented text"),
    ("Text.\n\n[^orphan]: A note nobody points at.\n\n## Checklist\n\n- [ ] A\n", 8,
     "footnote '[^orphan]' is never referenced"),
])
def test_check_warns_and_still_passes(tmp_path: Path, body: str, line: int, needle: str) -> None:
    result = check(stage_pack(tmp_path, body))
    assert result.exit_code == 0
    assert needle in result.stderr
    assert f"college.md:{line}: " in result.stderr
    assert ": ok (" in result.stdout


def test_a_well_formed_stage_chapter_has_no_warnings(tmp_path: Path) -> None:
    body = ("Text.[^a]\n\n!!! tip \"Hint\"\n    Indented.\n\n[^a]: Source.\n\n"
            "## Checklist\n\n- [ ] Do it\n")
    result = check(stage_pack(tmp_path, body))
    assert result.exit_code == 0 and "warning" not in result.stderr


@pytest.mark.parametrize("pack", ["pain-medicine", "physical-therapy"])
def test_shipped_guides_check_without_warnings(pack: str) -> None:
    result = check(Path(__file__).resolve().parent.parent / "content" / pack)
    # No chapter warnings and no stale-data warnings: every shipped table is recent
    # enough for the guide's edition at the default --max-data-age.
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr


def test_chapter_without_kind_is_an_ordinary_chapter(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p", {"one": "---\ntitle: Plain chapter\n---\nHello there.\n"})
    text = all_text(reader_of(build_bytes(pack)))
    assert "Plain chapter" in text and "Hello there." in text
