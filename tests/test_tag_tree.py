"""The tag tree read as a screen reader reads it: links carry their words, footnote marks
are References to Notes with IDs, checkboxes label their items, every structure type the
booklet promises is there, and the Spanish edition's tags speak Spanish."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from a11y_packs import worst_case_pack
from conftest import DEFAULT_PACK, build_bytes
from test_tagged_pdf import elements, struct_text

PHYSICAL_THERAPY = DEFAULT_PACK.parent / "physical-therapy"


@pytest.fixture(scope="module")
def booklets(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tree")
    made = {"default": build_bytes(DEFAULT_PACK),
            "spanish": build_bytes(DEFAULT_PACK, language="es"),
            "physical-therapy": build_bytes(PHYSICAL_THERAPY),
            "worst": build_bytes(worst_case_pack(root, DEFAULT_PACK)),
            "no-forms": build_bytes(DEFAULT_PACK, forms=False)}
    files = {}
    for name, pdf in made.items():
        files[name] = root / f"{name}.pdf"
        files[name].write_bytes(pdf)
    return files


def kids_of(element) -> list:
    kids = element.get("/K")
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    return [k.get_object() for k in kids]


def is_mcid(kid) -> bool:
    return isinstance(kid, int) or (isinstance(kid, dict) and kid.get("/Type") == "/MCR")


def annotation_of(kid):
    if isinstance(kid, dict) and kid.get("/Type") == "/OBJR":
        return kid["/Obj"].get_object()
    return None


def test_the_tree_has_every_structure_type_the_booklet_promises(booklets):
    for name in ("default", "spanish", "physical-therapy"):
        kinds = {kind for _, kind, _ in elements(booklets[name])}
        assert {"Document", "Sect", "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Table",
                "THead", "TBody", "TR", "TH", "TD", "BlockQuote", "TOC", "TOCI", "Link",
                "Form", "Figure", "Note", "Reference"} <= kinds, (name, kinds)
    worst = {kind for _, kind, _ in elements(booklets["worst"])}
    assert {"H3", "Caption"} <= worst


def test_a_link_holds_its_own_words_and_its_annotation(booklets):
    """A link reads as 'link, My plan', not as an empty link after the sentence."""
    text = struct_text(booklets["default"])
    assert re.search(r'Link \(inline\)\n\s+"My plan"\n\s+Object \d+ 0\n\s+" gathers every '
                     r'checklist', text), "the link's words are not inside its Link"
    for path in booklets.values():
        for _, kind, element in elements(path):
            if kind != "Link":
                continue
            kids = kids_of(element)
            annotations = [a for a in map(annotation_of, kids) if a is not None]
            assert annotations, "a Link without its annotation"
            for annotation in annotations:
                assert annotation["/Subtype"] == "/Link" and str(annotation["/Contents"]).strip()
            # only the back cover's link area (the QR code's) has no words of its own
            if not any(is_mcid(k) for k in kids):
                assert str(annotations[0]["/Contents"]).startswith(("Link to", "Enlace a"))


def test_a_footnote_mark_is_a_reference_to_a_note_with_an_id(booklets):
    for name in ("default", "physical-therapy", "worst"):
        reader = pypdf.PdfReader(booklets[name])
        tree = elements(booklets[name])
        references = [e for _, kind, e in tree if kind == "Reference"]
        notes = [e for _, kind, e in tree if kind == "Note"]
        assert references and len(notes) >= len(references) / 2, name
        for reference in references:
            assert str(reference["/P"]["/S"]) in ("/P", "/LBody", "/Note", "/TD"), name
            (link,) = kids_of(reference)
            assert link["/S"] == "/Link"
            kids = kids_of(link)
            annotation = next(a for a in map(annotation_of, kids) if a is not None)
            assert re.fullmatch(r"Footnote \d+", str(annotation["/Contents"]))
            assert any(is_mcid(k) for k in kids)
        id_tree = reader.trailer["/Root"]["/StructTreeRoot"]["/IDTree"]["/Names"]
        named = {str(id_tree[i]): id_tree[i + 1].get_object() for i in range(0, len(id_tree), 2)}
        assert sorted(named) == sorted(str(n["/ID"]) for n in notes)
        assert all(named[str(n["/ID"])]["/S"] == "/Note" for n in notes)
    text = struct_text(booklets["default"])
    assert re.search(r'loans together"\n\s+Reference \(inline\)\n\s+Link \(inline\)\n\s+"1"', text)


def test_a_checkbox_is_its_items_label(booklets):
    """With forms, the checkbox field is the Lbl of its LI; on paper, the square is, read
    as 'to do' or 'done'."""
    checked_items = 0
    for _, kind, element in elements(booklets["default"]):
        if kind != "Form":
            continue
        parent = element["/P"]
        if parent["/S"] == "/Lbl":
            checked_items += 1
            assert parent["/P"]["/S"] == "/LI" and "/Alt" not in parent
            annotation = annotation_of(kids_of(element)[0])
            assert annotation["/FT"] == "/Btn" and str(annotation["/TU"]).strip()
    assert checked_items > 20
    labels = [str(e.get("/Alt")) for _, kind, e in elements(booklets["no-forms"]) if kind == "Lbl"]
    assert "to do" in labels


def test_the_spanish_edition_tags_speak_spanish(booklets):
    tree = elements(booklets["spanish"])
    alts = [str(e["/Alt"]) for _, kind, e in tree if kind == "Figure"]
    assert any(a.startswith("El camino en 5 etapas: Universidad, 4 años") for a in alts), alts
    assert any(a.startswith("Estás aquí: etapa 1 de 5, Universidad (4 años)") for a in alts)
    assert any(a.startswith("Año por año: Universidad en años 1-4") for a in alts), alts
    assert any(a.startswith("Gráfico de barras,") for a in alts), alts
    reader = pypdf.PdfReader(booklets["spanish"])
    said = [str(a.get_object().get("/Contents") or a.get_object().get("/TU"))
            for page in reader.pages for a in page.get("/Annots") or []]
    assert any(s.startswith("Ir a ") for s in said) and "Nota 1" in said
    english = re.compile(r"^(Go to|Link to|Footnote|Target date)|^Link$")
    assert not [s for s in said if english.search(s)]
    assert not [a for a in alts if re.search(r"\b(stage|years?|Milestones|You are here)\b", a)]


def test_words_stay_words_in_every_paragraph(booklets):
    """Every word read from the tags is a word of the page: none runs into the next (as
    'andprepare' did where reportlab broke a line), in any edition. Figures are read by
    their alt text, so the labels inside them are left out."""
    for name, path in booklets.items():
        reader = pypdf.PdfReader(path)
        on_pages = {w for page in reader.pages for w in re.findall(r"\w+", page.extract_text())}
        run_together, figure_at = [], None
        for line in struct_text(path).split("\n"):
            indent = len(line) - len(line.lstrip())
            if figure_at is not None and indent > figure_at:
                continue
            figure_at = indent if line.strip().startswith("Figure") else None
            quoted = re.fullmatch(r'\s*"(.*)"', line)
            if quoted:
                words = re.findall(r"\w+", quoted.group(1))
                run_together += [w for w in words if w not in on_pages]
        assert not run_together, (name, run_together[:20])


def test_a_paragraph_that_is_only_a_link_or_a_footnote_mark(tmp_path):
    """reportlab draws a paragraph in one style without reporting where its link starts:
    the whole paragraph is then the Link (inside a Reference for a footnote mark)."""
    from conftest import write_pack
    pack = write_pack(tmp_path, {"one": "[^1]\n\n[Only a link](https://example.org/a)\n\n"
                                        "[^1]: The note.\n"})
    path = tmp_path / "one.pdf"
    path.write_bytes(build_bytes(pack))
    text = struct_text(path)
    assert re.search(r'P \(block\)\n\s+Reference \(inline\)\n\s+Link \(inline\)\n\s+"1 ?"', text)
    assert re.search(r'P \(block\)\n\s+Link \(inline\)\n\s+"Only a link ?"\n\s+Object', text)


def test_a_copied_tagged_flowable_is_the_same_structure_element() -> None:
    """reportlab deep-copies a flowable to try a split; the copy must tag as the same
    element and must not copy the tag tree."""
    import copy

    from reportlab.lib.styles import ParagraphStyle

    from guide.convert.flowables import Paragraph
    from guide.tagging.flowables import is_tagged, marked_text
    from guide.tagging.log import Ref

    section = Ref("Sect")
    tagged = marked_text(Paragraph("Words to keep.", ParagraphStyle("p")), "P", section)
    twin = copy.deepcopy(tagged)
    assert is_tagged(twin) and twin is not tagged
    assert twin.tag_ref is tagged.tag_ref and twin.tag_ref.parent is section
