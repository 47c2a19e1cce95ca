"""Checklists as real form fields: one box per item, stable names, tickable, printable."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from conftest import DEFAULT_PACK, build_bytes, reader_of, write_pack

PRINT_FLAG, REQUIRED_FLAG = 4, 2


def task_items(pack: Path) -> dict[str, list[tuple[bool, str]]]:
    """Every `- [ ]` / `- [x]` line, per stage chapter file, straight from the Markdown."""
    items: dict[str, list[tuple[bool, str]]] = {}
    for path in sorted((pack / "chapters").glob("*.md")):
        found = re.findall(r"^\s*[-*] \[([ xX])\] (.+)$", path.read_text(), re.M)
        if found:
            items[path.stem] = [(mark != " ", text) for mark, text in found]
    return items


def checkboxes(reader: pypdf.PdfReader) -> dict[str, dict]:
    return {name: field for name, field in reader.get_fields().items()
            if field.get("/FT") == "/Btn"}


def test_one_checkbox_per_task_item_in_every_stage_chapter(default_reader: pypdf.PdfReader) -> None:
    items = task_items(DEFAULT_PACK)
    boxes = checkboxes(default_reader)
    for chapter, chapter_items in items.items():
        names = [n for n in boxes if n.startswith(f"{chapter}.")]
        assert len(names) == len(chapter_items), chapter
        ticked = sorted(n for n in names if boxes[n].get("/V") == "/Yes")
        assert len(ticked) == sum(done for done, _ in chapter_items), chapter
    # The planner gathers every stage item once more, under its own names.
    gathered = [n for n in boxes if n.startswith("plan.")]
    assert len(gathered) == sum(len(v) for v in items.values())
    assert len(boxes) == 2 * len(gathered)
    assert len(set(boxes)) == len(boxes)


def test_widgets_print_and_are_not_required(default_reader: pypdf.PdfReader) -> None:
    widgets = [ref.get_object() for page in default_reader.pages
               for ref in page.get("/Annots") or [] if ref.get_object().get("/Subtype") == "/Widget"]
    assert widgets
    for widget in widgets:
        assert int(widget.get("/F", 0)) & PRINT_FLAG
        assert not int(widget.get("/Ff", 0)) & REQUIRED_FLAG
        assert "/AP" in widget


def test_names_are_stable_when_an_item_is_added_above(tmp_path: Path) -> None:
    body = "---\ntitle: Stage\nkind: chapter\n---\n## Checklist\n\n- [ ] Shadow a physician\n- [x] Read the guide\n"
    first = checkboxes(reader_of(build_bytes(write_pack(tmp_path / "a", {"stage": body}))))
    added = body.replace("## Checklist\n\n", "## Checklist\n\n- [ ] A brand new first step\n")
    second = checkboxes(reader_of(build_bytes(write_pack(tmp_path / "b", {"stage": added}))))
    assert set(first) < set(second)
    assert "stage.shadow-a-physician" in first


def test_same_item_twice_gets_distinct_names(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p", {"one": "- [ ] Same words\n- [ ] Same words\n"})
    names = list(checkboxes(reader_of(build_bytes(pack))))
    assert len(names) == 2 and len(set(names)) == 2


def test_ticking_a_box_saves_and_reads_back(default_pdf: bytes) -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(default_pdf)))
    name = "college.meet-a-pre-health-advisor-and-map-your-premed-co"
    for page in writer.pages:
        writer.update_page_form_field_values(page, {name: "/Yes"}, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    boxes = checkboxes(pypdf.PdfReader(io.BytesIO(out.getvalue())))
    assert boxes[name]["/V"] == "/Yes"


def test_checkbox_has_on_and_off_appearances(default_reader: pypdf.PdfReader) -> None:
    for page in default_reader.pages:
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            if widget.get("/FT") == "/Btn":
                states = set(widget["/AP"]["/N"].keys())
                assert states == {"/Yes", "/Off"}
                return
    pytest.fail("no checkbox widget found")


def test_no_forms_edition_has_the_same_items_without_fields(tmp_path: Path) -> None:
    reader = reader_of(build_bytes(DEFAULT_PACK, forms=False))
    assert not reader.get_fields()
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Shadow a physician" in text.replace("\n", " ")


def test_every_checkbox_shares_one_pair_of_appearance_streams(default_reader) -> None:  # type: ignore[no-untyped-def]
    """Dozens of boxes need one ticked and one empty look per box size (stage checklists and
    the smaller master checklist), not two streams each."""
    looks = set()
    boxes = 0
    for page in default_reader.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/FT") == "/Btn":
                boxes += 1
                normal = annot["/AP"]["/N"]
                looks.add((normal.raw_get("/Yes").idnum, normal.raw_get("/Off").idnum))
    assert boxes > 40 and len(looks) == 2


@pytest.mark.parametrize("size", ["half-letter", "a5", "letter", "a4"])
def test_a_stage_checklist_stays_on_one_page_with_its_heading(size: str) -> None:
    """At every page size: each stage chapter's boxes share one page, and no page ends
    with a lone "Checklist" heading."""
    reader = reader_of(build_bytes(DEFAULT_PACK, page_size=size))
    pages_of: dict[str, set[int]] = {}
    for number, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/FT") == "/Btn" and not str(annot["/T"]).startswith("plan."):
                pages_of.setdefault(str(annot["/T"]).split(".")[0], set()).add(number)
        lines = [line for line in page.extract_text().split("\n") if line.strip()]
        assert not lines or "Checklist" not in lines[-3:], (size, number + 1, lines[-3:])
    assert len(pages_of) == 6 and all(len(pages) == 1 for pages in pages_of.values()), pages_of
