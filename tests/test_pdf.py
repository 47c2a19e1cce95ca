"""The default booklet as a reader gets it: pages, contents, links, outline, metadata, fonts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pypdf
from conftest import DEFAULT_PACK, REPO, all_text, build_bytes, link_annotations, reader_of
from pypdf.generic import IndirectObject

HALF_LETTER = (396.0, 612.0)


def chapter_titles() -> list[str]:
    from guide.load.pack import load_guide
    return [c.title for c in load_guide(DEFAULT_PACK).chapters]


def outline_pages(reader: pypdf.PdfReader) -> dict[str, int]:
    return {item.title: reader.get_destination_page_number(item)
            for item in reader.outline if not isinstance(item, list)}


def test_page_size_and_count(default_reader: pypdf.PdfReader) -> None:
    assert 16 <= len(default_reader.pages) <= 40
    for page in default_reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == HALF_LETTER


def test_cover_names_the_guide_and_the_school(default_reader: pypdf.PdfReader) -> None:
    cover = " ".join(default_reader.pages[0].extract_text().split())
    assert "The Path to" in cover and "Interventional Pain Medicine" in cover
    assert "Your Pre-Health Advising Office" in cover
    assert "Edition 2026" in cover


def test_every_chapter_is_in_contents_with_its_real_page(default_reader: pypdf.PdfReader) -> None:
    contents = default_reader.pages[1].extract_text()
    starts = outline_pages(default_reader)
    titles = chapter_titles()
    assert list(starts) == titles  # the outline lists every chapter, in order
    for title in titles:
        shown = re.search(re.escape(title) + r"\s*\n?\s*(\d+)", contents)
        assert shown, title
        printed = int(shown.group(1))
        assert printed == starts[title] + 1, title  # printed numbers count from the cover
        assert title in " ".join(default_reader.pages[starts[title]].extract_text().split())
        # ...and the page carries that number in its footer.
        assert re.search(rf"(^|\n)\s*{printed}\s*(\n|$)", default_reader.pages[starts[title]].extract_text())


def test_contents_entries_are_clickable(default_reader: pypdf.PdfReader) -> None:
    starts = outline_pages(default_reader)
    targets = set()
    for link in link_annotations(default_reader):
        if link["page"] != 1:
            continue
        dest = link["annot"].get("/Dest")
        if dest is None:
            dest = link["annot"]["/A"]["/D"]
        if not isinstance(dest, list) and not hasattr(dest, "__len__") or isinstance(dest, str):
            page = default_reader.named_destinations[str(dest)].page
        else:
            page = dest[0]
        targets.add(default_reader.get_page_number(page.get_object() if isinstance(page, IndirectObject) else page))
    assert targets == set(starts.values())


def test_running_header_and_footer_on_body_pages(default_reader: pypdf.PdfReader) -> None:
    starts = sorted(outline_pages(default_reader).items(), key=lambda kv: kv[1])
    for (title, first), (_, following) in zip(starts, starts[1:] + [("", len(default_reader.pages) - 1)]):
        for number in range(first + 1, following):
            text = default_reader.pages[number].extract_text()
            if "Notes" in text and "My next steps" in text:
                continue  # a filler page before a right-hand chapter opening
            assert "Pre-Health Advising" in text, number
            assert re.search(rf"(^|\n)\s*{number + 1}\s*(\n|$)", text), number
            assert title.split(" ")[0].upper() in text.upper(), (title, number)


def test_outline_has_chapters_and_their_sections(default_reader: pypdf.PdfReader) -> None:
    outline = default_reader.outline
    nested = [item for item in outline if isinstance(item, list)]
    assert len(nested) >= 8
    sections = [s.title for group in nested for s in group]
    assert "The MCAT" in sections and "ERAS and the Match" in sections
    assert default_reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_metadata(default_reader: pypdf.PdfReader) -> None:
    meta = default_reader.metadata
    assert meta.title == "The Path to Interventional Pain Medicine"
    assert meta.author == "Your Pre-Health Advising Office"
    assert meta.subject
    assert "pain medicine" in (meta.get("/Keywords") or "")
    assert default_reader.trailer["/Root"]["/Lang"] == "en-US"
    assert default_reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def test_external_links_are_annotations(default_reader: pypdf.PdfReader) -> None:
    uris = {link["annot"]["/A"].get("/URI") for link in link_annotations(default_reader)
            if "/A" in link["annot"]}
    assert any(uri and "aamc.org" in uri for uri in uris)
    assert "https://doi.org/10.1093/pm/pnae026" in uris  # a cited study


def _fonts(obj, seen: set[int], out: list) -> None:  # type: ignore[no-untyped-def]
    """Every font dictionary reachable from a resources dictionary, forms included."""
    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            return
        seen.add(obj.idnum)
        obj = obj.get_object()
    if not hasattr(obj, "get"):
        return
    for font in (obj.get("/Font") or {}).values():
        out.append(font.get_object())
    for xobject in (obj.get("/XObject") or {}).values():
        resources = xobject.get_object().get("/Resources")
        if resources is not None:
            _fonts(resources, seen, out)


def _embedded(font) -> bool:  # type: ignore[no-untyped-def]
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_only_embedded_fonts(default_reader: pypdf.PdfReader) -> None:
    fonts: list = []
    seen: set[int] = set()
    for page in default_reader.pages:
        _fonts(page.get("/Resources"), seen, fonts)
        for ref in page.get("/Annots") or []:
            appearance = ref.get_object().get("/AP") or {}
            for state in appearance.values():
                state = state.get_object()
                streams = state.values() if not hasattr(state, "get_data") else [state]
                for stream in streams:
                    _fonts(stream.get_object().get("/Resources"), seen, fonts)
    acroform = default_reader.trailer["/Root"].get("/AcroForm")
    if acroform is not None and "/DR" in acroform:
        _fonts(acroform["/DR"], seen, fonts)
    assert fonts
    unembedded = {str(f.get("/BaseFont")) for f in fonts if not _embedded(f)}
    assert not unembedded


def test_back_cover_has_the_contact_block(default_reader: pypdf.PdfReader) -> None:
    back = default_reader.pages[-1].extract_text()
    assert "Questions? Talk to us." in back
    assert "https://students-residents.aamc.org/" in back
    uris = [link["annot"]["/A"].get("/URI") for link in link_annotations(default_reader)
            if link["page"] == len(default_reader.pages) - 1 and "/A" in link["annot"]]
    assert "https://students-residents.aamc.org/" in uris


def test_same_input_gives_identical_bytes(default_pdf: bytes) -> None:
    assert build_bytes(DEFAULT_PACK) == default_pdf


def test_every_stage_has_a_checklist(default_reader: pypdf.PdfReader) -> None:
    text = all_text(default_reader)
    assert text.count("Checklist") >= 6


def test_readme_first_command_writes_the_booklet(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The build command, run as a script the way the README runs it, writes a real PDF."""
    out = tmp_path / "dist"
    out.mkdir()
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "-o",
                             str(out / "pain-medicine.pdf")], capture_output=True, text=True,
                            cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert re.search(r"pain-medicine.pdf: \d+ pages, \d+ KiB, [\d.]+ s", result.stdout)
    assert reader_of((out / "pain-medicine.pdf").read_bytes()).pages


def test_source_date_epoch_sets_the_dates_and_keeps_builds_identical(
        tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    first = build_bytes(DEFAULT_PACK)
    assert build_bytes(DEFAULT_PACK) == first
    assert reader_of(first).metadata["/CreationDate"].startswith("D:20260101000000")


def test_imposed_edition_is_reproducible() -> None:
    first = build_bytes(DEFAULT_PACK, impose="saddle-stitch", sheet="letter")
    second = build_bytes(DEFAULT_PACK, impose="saddle-stitch", sheet="letter")
    assert first == second
    assert len(reader_of(first).pages) * 2 >= 16


def test_the_template_cache_never_changes_the_output(tmp_path: Path) -> None:
    """Cold (empty cache), warm (filled) and off give the same bytes (compiled templates
    and parsed font faces)."""
    outputs = []
    for setting in (str(tmp_path / "cache"), str(tmp_path / "cache"), "off"):
        out = tmp_path / f"{len(outputs)}.pdf"
        subprocess.run([sys.executable, str(REPO / "build.py"), "build", "-o", str(out)],
                       check=True, capture_output=True,
                       env={**os.environ, "CAREER_GUIDE_CACHE": setting,
                            "SOURCE_DATE_EPOCH": "1700000000"})
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert any((tmp_path / "cache").rglob("*.cache"))  # the cache was written
    assert any((tmp_path / "cache").rglob("fonts-*/*.pickle"))
