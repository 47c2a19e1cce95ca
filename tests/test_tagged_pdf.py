"""The digital edition is a tagged PDF that passes PDF/UA-1: veraPDF on four kinds of
booklet, and the tag tree itself (order, headings, tables, alt texts, form fields, words)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from a11y_packs import worst_case_pack
from conftest import DEFAULT_PACK, REPO, build_bytes, reader_of, write_pack

from guide.errors import ContentError
from guide.tagging.check import unmarked_paint

sys.path.insert(0, str(REPO / "tools" / "verapdf"))
import uacheck  # noqa: E402

REQUIRED = os.environ.get("CAREER_GUIDE_REQUIRE_VERAPDF") == "1"
LAKESIDE = REPO / "content" / "brands" / "lakeside.yml"


def need(tool_missing: str | None) -> None:
    """Skip without the tool, unless CI asked for it (then fail)."""
    if tool_missing:
        if REQUIRED:
            pytest.fail(f"CAREER_GUIDE_REQUIRE_VERAPDF=1 but {tool_missing}")
        pytest.skip(tool_missing)


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, Path]:
    """The booklets under test, written once for the module."""
    from guide.cli.scaffold import new_pack
    root = tmp_path_factory.mktemp("tagged")
    worst = worst_case_pack(root, DEFAULT_PACK)
    scaffold = root / "scaffold"
    new_pack(scaffold, "A New Guide")
    scaffold_es = root / "scaffold-es"
    new_pack(scaffold_es, "Una guía nueva", "es")
    made = {"default": build_bytes(DEFAULT_PACK),
            "lakeside-a5": build_bytes(DEFAULT_PACK, LAKESIDE, page_size="a5", start_year=2027),
            "scaffold": build_bytes(scaffold),
            "spanish": build_bytes(DEFAULT_PACK, language="es"),
            "scaffold-es": build_bytes(scaffold_es),
            "physical-therapy": build_bytes(DEFAULT_PACK.parent / "physical-therapy"),
            "worst": build_bytes(worst, page_size="letter"),
            "worst-no-forms": build_bytes(worst, forms=False, page_size="a4"),
            "long-corpus": build_bytes(long_corpus(root))}
    files = {}
    for name, pdf in made.items():
        files[name] = root / f"{name}.pdf"
        files[name].write_bytes(pdf)
    return files


def long_corpus(root: Path) -> Path:
    """benchmarks/worst_case.py: 55 pages of long tables, deep lists, notes and callouts."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import worst_case
    return worst_case.write_pack(root / "long-corpus")


def test_tagging_leaves_the_layout_alone(editions, monkeypatch):
    """Same pages tagged and untagged (wrapping flowables must not change how they flow)."""
    root = editions["default"].parent
    monkeypatch.setenv("CAREER_GUIDE_TAGGING", "off")
    untagged = reader_of(build_bytes(root / "long-corpus"))
    tagged = pypdf.PdfReader(editions["long-corpus"])
    assert len(tagged.pages) == len(untagged.pages) > 40
    assert [p.extract_text().split() for p in tagged.pages[5:8]] == \
        [p.extract_text().split() for p in untagged.pages[5:8]]


def test_every_booklet_passes_pdf_ua1(editions):
    need(uacheck.missing())
    report = uacheck.validate(list(editions.values()))
    failed = {Path(f).stem: rules for f, rules in report.items() if rules}
    assert not failed, failed


# -- the tag tree, read back with pypdf ----------------------------------------------------
def walk(element, out: list, depth: int = 0) -> None:
    element = element.get_object()
    if not isinstance(element, pypdf.generic.DictionaryObject) or "/S" not in element:
        return
    out.append((depth, str(element["/S"])[1:], element))
    kids = element.get("/K")
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    for kid in kids:
        walk(kid, out, depth + 1)


def elements(pdf_path: Path) -> list[tuple[int, str, dict]]:
    reader = pypdf.PdfReader(pdf_path)
    out: list = []
    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"], out)
    return out


def test_document_level_entries(editions):
    reader = pypdf.PdfReader(editions["default"])
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert root["/Lang"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "<dc:title>" in xmp
    tree = root["/StructTreeRoot"]
    assert "/ParentTree" in tree
    for number, page in enumerate(reader.pages):
        assert page["/StructParents"] == number
        if page.get("/Annots"):
            assert page["/Tabs"] == "/S"


def test_headings_never_skip_a_level_and_chapters_open_with_h1(editions):
    tree = elements(editions["worst"])
    sections = [e for e in tree if e[1] == "Sect"]
    assert len(sections) > 10
    last = 0
    for _, kind, _ in tree:
        if kind == "Sect":
            last = 0
        elif re.fullmatch(r"H\d", kind):
            level = int(kind[1])
            assert level <= last + 1, f"{kind} after H{last}"
            last = level


def struct_text(path: Path) -> str:
    need(None if shutil.which("pdfinfo") else "no pdfinfo (apt-get install poppler-utils)")
    return subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                          text=True, check=True).stdout


def test_reading_order_follows_the_chapter(editions):
    text = struct_text(editions["worst"])
    order = ["Everything at once", "An opening paragraph", "A top heading",
             "A heading that skips levels", "First level, numbered", "Fourth level",
             "Back at the first level", "An open task", "Program 1", "Program 60",
             "A quotation", "The end of the chapter", "The first footnote"]
    places = [text.find(words) for words in order]
    assert all(p >= 0 for p in places), dict(zip(order, places))
    assert places == sorted(places)


def test_broken_lines_keep_their_word_spaces(editions):
    text = " ".join(re.findall(r'"(.*)"', struct_text(editions["worst"])))
    text = re.sub(r"\s+", " ", text)
    assert ("An opening paragraph long enough to break over several lines, so the words at "
            "the ends of its lines must still read apart when the text is taken from the tags "
            "of the page.") in text


def test_tables_have_header_cells_and_a_caption(editions):
    tree = elements(editions["worst"])
    tables = [i for i, e in enumerate(tree) if e[1] == "Table"]
    assert tables
    kinds = {e[1] for e in tree}
    assert {"THead", "TBody", "TR", "TH", "TD", "Caption"} <= kinds
    for _, kind, element in tree:
        if kind == "TH":
            assert element["/A"]["/Scope"] == "/Column"
    # the 60-row table crosses pages: its header rows repeat as Artifacts, never as TH
    headers = [e for e in tree if e[1] == "TH"]
    programs = [e for e in tree if e[1] == "TD"]
    assert len(programs) >= 180
    assert len(headers) < 40


def test_figures_carry_alt_text_from_markdown_and_from_the_data(editions):
    alts = [str(e[2].get("/Alt")) for e in elements(editions["worst"]) if e[1] == "Figure"]
    assert "A red square on white, the test picture" in alts
    assert any(a.startswith("The path in 5 stages: College, 4 years; Medical school, 4 years")
               and "Milestones: MCAT in year 3" in a for a in alts), alts
    assert any(a.startswith("Year by year: College in years 1-4") for a in alts), alts
    assert any(a.startswith("Bar chart,") for a in alts), alts
    assert any(a.startswith("You are here: stage 1 of 5, College") for a in alts), alts
    # the decorative copy of the picture (![""]) is an Artifact, not a Figure
    assert alts.count("A red square on white, the test picture") == 1
    lake = [str(e[2].get("/Alt")) for e in elements(editions["lakeside-a5"]) if e[1] == "Figure"]
    from guide.load.brand import load_brand
    brand = load_brand(LAKESIDE)
    assert (getattr(brand, "logo_alt", None) or f"{brand.name} logo") in lake, lake
    assert any("Starting college in 2027" in a for a in lake) or any(
        "2027" in a for a in lake), lake


def test_every_form_field_and_link_is_in_the_structure(editions):
    reader = pypdf.PdfReader(editions["worst"])
    parents = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    keys = {parents[i] for i in range(0, len(parents), 2)}
    widgets = links = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            assert annot["/StructParent"] in keys
            if annot["/Subtype"] == "/Widget":
                widgets += 1
                assert str(annot["/TU"]).strip()
            else:
                links += 1
                assert str(annot["/Contents"]).strip()
    assert widgets > 20 and links > 10
    kinds = [e[1] for e in elements(editions["worst"])]
    assert kinds.count("Form") == widgets
    assert "TOC" in kinds and kinds.count("TOCI") > 10


def test_lists_label_and_body_and_notes(editions):
    tree = elements(editions["worst"])
    items = [element for _, kind, element in tree if kind == "LI"]
    assert len(items) > 20
    for element in items:
        kids = [k.get_object() for k in element["/K"]]
        assert {str(k["/S"]) for k in kids} <= {"/Lbl", "/LBody"}
    kinds = [e[1] for e in tree]
    assert "Note" in kinds and "BlockQuote" in kinds
    # without forms, a checklist's square is its label, read as "to do" or "done"
    alts = {str(e[2].get("/Alt")) for e in elements(editions["worst-no-forms"]) if e[1] == "Lbl"}
    assert {"to do", "done"} <= alts


def test_print_edition_is_untagged_and_digital_variants_are_tagged():
    printed = reader_of(build_bytes(DEFAULT_PACK, print_ready=True))
    assert "/StructTreeRoot" not in printed.trailer["/Root"]
    digital = reader_of(build_bytes(DEFAULT_PACK, forms=False, start_year=2030))
    assert "/StructTreeRoot" in digital.trailer["/Root"]


def test_a_picture_without_alt_text_is_an_error(tmp_path):
    from PIL import Image
    pack = write_pack(tmp_path, {"one": "Text.\n\n![](images/x.png)\n"})
    (pack / "images").mkdir()
    Image.new("RGB", (10, 10)).save(pack / "images" / "x.png")
    with pytest.raises(ContentError) as caught:
        build_bytes(pack)
    message = caught.value.format_message()
    assert "one.md:" in message and "no alt text" in message


def test_self_check_finds_paint_outside_marked_content():
    assert unmarked_paint(["/P <</MCID 0>> BDC BT (a) Tj ET EMC"]) is None
    assert unmarked_paint(["/Artifact BMC 0 0 m 5 5 l S EMC"]) is None
    assert unmarked_paint(["BT /F1 9 Tf (S f) Tj ET"]) == "Tj"
    assert unmarked_paint(["0 0 10 10 re f"]) == "f"


def test_untagged_paint_stops_the_build():
    from reportlab.pdfgen.canvas import Canvas  # noqa: F401 - the base the tagging canvas extends

    from guide.tagging.canvas import TaggingCanvas, UntaggedContent
    from guide.tagging.log import TagLog
    import io
    canv = TaggingCanvas(io.BytesIO())
    canv.tags = TagLog("t", "en")
    canv.rect(0, 0, 10, 10, fill=1)
    with pytest.raises(UntaggedContent):
        canv.showPage()


def test_check_accessibility_reports_what_an_author_can_fix(tmp_path):
    from click.testing import CliRunner

    from guide.cli.commands import main
    from PIL import Image
    pack = write_pack(tmp_path, {"one": "## Top\n\n#### Too deep\n\nSee [here](https://example.org).\n\n"
                                        "![A fine picture](images/x.png)\n"})
    (pack / "images").mkdir()
    Image.new("RGB", (10, 10)).save(pack / "images" / "x.png")
    brand = tmp_path / "pale.yml"
    brand.write_text("meta:\n  name: Pale College\ncolor:\n  foreground: '#aaaaaa'\n"
                     "  background: '#ffffff'\n  primary: '#1f4e79'\n  secondary: '#c8553d'\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--accessibility", str(pack), "--brand", str(brand)])
    report = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert re.search(r"one.md:7: heading 'Too deep' skips from level 2 to 4", report)
    assert "the link text 'here' does not say where it goes" in report
    assert "body text are set in #aaaaaa on #ffffff" in report
    assert "A fine picture" not in report
    from guide.tagging.audit import audit_chapter
    missing = audit_chapter("x.md", "Text\n\n![](pic.png)\n", 5)
    assert [f.line for f in missing] == [7] and "no alt text" in missing[0].message
