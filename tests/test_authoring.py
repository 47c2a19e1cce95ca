"""Authoring: the `new` starter pack, a pack's own brand file, and `watch` rebuilding on save."""

from __future__ import annotations

import re

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, all_text, build_bytes, link_annotations, reader_of, write_pack
from PIL import Image

from guide.cli.commands import main
from guide.cli.watch import is_source_change, watch_and_build
from guide.options import BuildOptions

STARTER_FEATURES = [
    "How to use this guide", "College", "Professional training",  # chapters
    "Entrance exam",                       # a milestone on the timeline
    "A sample plan for a year of experience", "348",  # data table and its computed total
    "Hours in a year, by activity",        # its chart
    "Accreditation",                       # definition list
    "Career and Pre-Health Advising",      # the pack's own brand: back-cover contact block
]


def new_guide(tmp_path: Path, title: str = "The Path to Physical Therapy") -> Path:
    target = tmp_path / "pt-guide"
    result = CliRunner().invoke(main, ["new", str(target), "--title", title])
    assert result.exit_code == 0, result.output
    return target


def test_new_pack_builds_and_shows_every_feature(tmp_path: Path) -> None:
    pack = new_guide(tmp_path)
    assert sorted(str(p.relative_to(pack)) for p in pack.rglob("*") if p.is_file()) == [
        "brand.yml", "chapters/college.md", "chapters/training.md", "chapters/welcome.md",
        "data/experience_plan.csv", "data/experience_plan.yml", "guide.yml", "timeline.yml"]
    reader = reader_of(build_bytes(pack))
    text = all_text(reader)
    for expected in STARTER_FEATURES:
        assert expected in text, expected
    assert "The Path to Physical Therapy" in text
    assert reader.metadata.title == "The Path to Physical Therapy"
    fields = reader.get_fields() or {}
    assert len(fields) == 7  # four college tasks, three training tasks
    assert sum(1 for f in fields.values() if f.get("/V") == "/Yes") == 1
    urls = {(a["annot"].get("/A") or {}).get("/URI") for a in link_annotations(reader)}
    assert "https://www.example.edu/advising" in urls
    assert "{{" not in text and "{#" not in text  # Jinja ran; author notes are not printed


def test_new_title_with_yaml_characters_round_trips(tmp_path: Path) -> None:
    title = 'Nurse Anesthesia: the "CRNA" path # 1'
    pack = new_guide(tmp_path, title)
    assert reader_of(build_bytes(pack)).metadata.title == title


@pytest.mark.parametrize("prepare", ["file", "full-folder"])
def test_new_never_overwrites(tmp_path: Path, prepare: str) -> None:
    target = tmp_path / "taken"
    if prepare == "file":
        target.write_text("keep me")
    else:
        target.mkdir()
        (target / "notes.md").write_text("keep me")
    result = CliRunner().invoke(main, ["new", str(target), "--title", "X"])
    assert result.exit_code == 2
    assert "already exists" in result.output
    kept = target if prepare == "file" else target / "notes.md"
    assert kept.read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]  # no staging folder left


def test_new_into_an_empty_folder_and_blank_title(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    ok = CliRunner().invoke(main, ["new", str(tmp_path / "empty"), "--title", "Fine"])
    assert ok.exit_code == 0 and (tmp_path / "empty" / "guide.yml").is_file()
    blank = CliRunner().invoke(main, ["new", str(tmp_path / "other"), "--title", "  "])
    assert blank.exit_code == 2 and "title is empty" in blank.output


def test_pack_brand_is_used_unless_brand_is_given(tmp_path: Path) -> None:
    pack = new_guide(tmp_path)
    assert "Your Advising Office" in all_text(reader_of(build_bytes(pack)))
    other = all_text(reader_of(build_bytes(pack, REPO / "content/brands/lakeside.yml")))
    assert "Lakeside" in other and "Your Advising Office" not in other


def test_watch_rebuilds_from_a_stream_of_changes(tmp_path: Path) -> None:
    pack = new_guide(tmp_path)
    output = tmp_path / "out.pdf"
    college = pack / "chapters" / "college.md"
    lines: list[str] = []
    snapshots: list[bytes] = []

    def saves():  # type: ignore[no-untyped-def]
        snapshots.append(output.read_bytes())
        college.write_text(college.read_text() + "\nA sentence added while watching.\n")
        yield {(2, str(college))}
        snapshots.append(output.read_bytes())
        college.write_text("---\ntitle: [broken\n---\n")
        yield {(2, str(college))}
        snapshots.append(output.read_bytes())

    builds = watch_and_build(pack, None, output, BuildOptions(), lines.append, changes=saves())
    assert builds == 2
    assert "A sentence added while watching." in all_text(reader_of(snapshots[1]))
    assert snapshots[2] == snapshots[1]  # the failed build left the last good PDF
    assert any(line.startswith("error: ") and "college.md:" in line for line in lines), lines
    assert "changed college.md" in lines[1] and "8 pages" in lines[1]


def test_watch_ignores_its_own_output_and_editor_files(tmp_path: Path) -> None:
    output = tmp_path / "dist" / "guide.pdf"
    assert not is_source_change(str(output), output)
    assert not is_source_change(str(output.parent / ".guide.pdf.x1.tmp"), output)
    assert not is_source_change(str(tmp_path / ".college.md.swp"), output)
    assert not is_source_change(str(tmp_path / "college.md~"), output)
    assert is_source_change(str(tmp_path / "chapters" / "college.md"), output)


def wait_for(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_watch_command_rebuilds_when_a_file_is_saved(tmp_path: Path) -> None:
    """The real command, with real file-system events; every wait is bounded."""
    pytest.importorskip("watchfiles")
    pack = new_guide(tmp_path)
    output = tmp_path / "watched.pdf"
    log = tmp_path / "watch.log"
    with log.open("w") as sink:
        process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "watch", str(pack),
                                    "-o", str(output)], stdout=sink, stderr=subprocess.STDOUT,
                                   cwd=tmp_path, start_new_session=True)
        try:
            assert wait_for(lambda: "first build" in log.read_text(), 30), log.read_text()
            first = output.stat().st_mtime_ns
            time.sleep(0.3)
            welcome = pack / "chapters" / "welcome.md"
            welcome.write_text(welcome.read_text() + "\nSaved while the watcher ran.\n")
            assert wait_for(lambda: "changed welcome.md" in log.read_text(), 30), log.read_text()
            assert output.stat().st_mtime_ns != first
            assert "Saved while the watcher ran." in all_text(reader_of(output.read_bytes()))
            assert os.name != "posix" or process.poll() is None
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                raise
    assert process.returncode == 0, log.read_text()
    assert "Stopped watching." in log.read_text()


def test_a_replaced_logo_is_drawn_on_the_next_build_in_the_same_process(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p", {"one": "Hello.\n"})
    brand = tmp_path / "b" / "brand.yml"
    brand.parent.mkdir()
    brand.write_text("meta:\n  name:\n    full: Logo School\n    short: Logo\nlogo: logo.png\n")
    Image.new("RGB", (40, 20), "red").save(brand.parent / "logo.png")

    def logo_size() -> tuple[int, int]:
        reader = reader_of(build_bytes(pack, brand))
        images = reader.pages[0].images
        return images[0].image.size

    assert logo_size() == (40, 20)
    time.sleep(0.01)
    Image.new("RGB", (30, 60), "blue").save(brand.parent / "logo.png")
    assert logo_size() == (30, 60)


def check_errors(pack: Path) -> list[str]:
    result = CliRunner().invoke(main, ["check", str(pack)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    return [line for line in result.output.splitlines() if line.startswith("error: ")]


def test_check_reports_brand_and_chapter_mistakes_at_once(tmp_path: Path) -> None:
    """A broken brand, template names, links, callouts, footnotes: one `check` names all."""
    pack = new_guide(tmp_path)
    brand = pack / "brand.yml"
    brand.write_text(re.sub(r"(?m)^  primary: .*$", '  primary: "#12"', brand.read_text()))
    college = pack / "chapters" / "college.md"
    college.write_text(college.read_text() + "\n{{ guide.titel }}\n\n!!! infoo \"Hm\"\n    x\n")
    training = pack / "chapters" / "training.md"
    training.write_text(training.read_text() + "\nSee [the end](#no-such-heading).[^missing]\n")
    errors = check_errors(pack)
    expected = ["brand.yml:", "college.md:", "guide has no 'titel'", "unknown callout kind 'infoo'",
                "training.md:", "no-such-heading", "footnote '[^missing]'"]
    for fragment in expected:
        assert any(fragment in line for line in errors), (fragment, errors)
    assert len(errors) == 5, errors


def test_check_reports_brand_and_data_mistakes_at_once(tmp_path: Path) -> None:
    pack = new_guide(tmp_path)
    brand = pack / "brand.yml"
    brand.write_text(re.sub(r"(?m)^  primary: .*$", '  primary: "#12"', brand.read_text()))
    data = pack / "data" / "experience_plan.csv"
    data.write_text(data.read_text().replace(",3,20", ",three,20"))
    errors = check_errors(pack)
    assert any("brand.yml:" in line for line in errors)
    assert any("experience_plan.csv:2" in line and "three" in line for line in errors)


def test_watch_on_a_folder_that_is_not_a_pack_stops_with_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["watch", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "content folder not found" in result.output
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["watch", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "guide.yml not found" in result.output


@pytest.mark.parametrize("body", [
    'Text.[^a]\n\n!!! tip "T"\n    An indented callout body.\n\n[^a]: The note.\n',
    "Text with `code`.[^a]\n\n    an indented code line\n\nMore.\n\n[^a]: The note.\n",
    "- a list item.[^a]\n\n    A continued paragraph.\n\n[^a]: The note.\n",
])
def test_a_footnote_whose_note_comes_after_indented_text_is_found(tmp_path: Path, body: str) -> None:
    pack = write_pack(tmp_path / "p", {"one": body})
    assert "The note." in all_text(reader_of(build_bytes(pack)))


@pytest.mark.parametrize("line,hint", [
    ("title: Step 1: the MCAT", "a value containing ': ' must be in quotes"),
    ("summary: {{ guide.title }} years", "a value that starts with {{ must be in quotes"),
    ("title: *star", "put the value in quotes"),
    ("title: x\n\tkind: chapter", "indent with spaces, not tabs"),
])
def test_front_matter_yaml_mistakes_get_plain_hints(tmp_path: Path, line: str, hint: str) -> None:
    pack = write_pack(tmp_path / "p", {"one": "Hi.\n"})
    chapter = pack / "chapters" / "one.md"
    text = chapter.read_text()
    chapter.write_text(text.replace(text.split("\n")[1], line, 1))
    result = CliRunner().invoke(main, ["check", str(pack)])
    assert result.exit_code == 2 and hint in result.output, result.output


def test_watch_falls_back_to_polling_when_file_events_fail(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import watchfiles

    from guide.cli.watch import file_changes

    def fake_watch(*folders, force_polling=None, **options):  # type: ignore[no-untyped-def]
        if not force_polling:
            raise OSError("OS file watch limit reached")
        yield {(2, str(tmp_path / "chapters" / "one.md"))}

    monkeypatch.setattr(watchfiles, "watch", fake_watch)
    lines: list[str] = []
    batches = list(file_changes([tmp_path], tmp_path / "out.pdf", threading.Event(), lines.append))
    assert len(batches) == 1 and "checking for changes every 0.3 s" in lines[0]


def test_new_refuses_a_title_the_starter_fonts_cannot_draw(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", str(tmp_path / "g"), "--title", "Nursing 😀"])
    assert result.exit_code == 2 and "cannot draw 😀" in result.output
    assert not (tmp_path / "g").exists()
    accented = new_guide(tmp_path, "Café — Ñandú “quotes”")
    assert "Café — Ñandú “quotes”" in all_text(reader_of(build_bytes(accented)))
