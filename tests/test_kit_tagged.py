"""The digital flyer and poster are tagged PDF/UA-1: veraPDF on both (English, Spanish, an
example brand), the reading order pdfinfo gets from the tags, and the tag tree a screen
reader walks (headings, the facts and checklist items as lists, figures with alt text
from the data, the QR code inside its link). The print files stay untagged."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from conftest import DEFAULT_PACK, REPO
from test_tagged_pdf import elements, need, struct_text, uacheck

from guide.errors import ContentError
from guide.kit.pieces import render_piece
from guide.kit.spec import load_flyer_spec
from guide.options import BuildOptions
from guide.pipeline import load_inputs
from guide.tagging.check import unmarked_paint
from guide.tagging.describe import path_alt
from guide.text.wording import wording_for

LAKESIDE = REPO / "content" / "brands" / "lakeside.yml"
EDITIONS = {"en": (None, None), "es": (None, "es"), "lakeside": (LAKESIDE, None)}


def piece(kind: str, brand: Path | None = None, language: str | None = None,
          pack: Path = DEFAULT_PACK, **options) -> bytes:  # type: ignore[no-untyped-def]
    guide, loaded, _ = load_inputs(pack, brand, language)
    options.setdefault("page_size", "letter" if kind == "flyer" else "18x24in")
    return render_piece(kind, guide, load_flyer_spec(guide.root, language), loaded,
                        BuildOptions(language=language, forms=False, **options)).pdf


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[tuple[str, str], Path]:
    root = tmp_path_factory.mktemp("kit-tagged")
    made = {}
    for kind in ("flyer", "poster"):
        for name, (brand, language) in EDITIONS.items():
            made[kind, name] = root / f"{kind}-{name}.pdf"
            made[kind, name].write_bytes(piece(kind, brand, language))
    return made


def test_flyer_and_poster_pass_pdf_ua1(files) -> None:
    need(uacheck.missing())
    report = uacheck.validate(list(files.values()))
    failed = {Path(f).stem: rules for f, rules in report.items() if rules}
    assert not failed, failed
    assert len(report) == 6


@pytest.mark.parametrize("kind", ["flyer", "poster"])
def test_document_level_entries(files, kind: str) -> None:
    doc = pypdf.PdfReader(files[kind, "es"])
    root = doc.trailer["/Root"]
    assert root["/Lang"] == "es-US"
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    title = str(doc.trailer["/Info"]["/Title"])
    assert title.startswith("El camino hacia la medicina intervencionista del dolor")
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "<dc:title>" in xmp
    for number, page in enumerate(doc.pages):
        assert page["/StructParents"] == number
        if page.get("/Annots"):
            assert page["/Tabs"] == "/S"


@pytest.mark.parametrize("name", EDITIONS)
@pytest.mark.parametrize("kind", ["flyer", "poster"])
def test_all_paint_is_tagged_or_an_artifact(files, kind: str, name: str) -> None:
    """Read back from the file (the canvas checks each side as it draws, too)."""
    doc = pypdf.PdfReader(files[kind, name])
    for page in doc.pages:
        code = page.get_contents().get_data().decode("latin-1")
        assert unmarked_paint([code]) is None
        assert "/Artifact" in code and "/MCID" in code


def test_the_flyer_reads_in_order(tmp_path: Path) -> None:
    """Title, the facts' values and lines, then each stage's heading, length and items."""
    guide, _, _ = load_inputs(DEFAULT_PACK, None)
    from guide.kit.content import kit_content
    from guide.load.brand import load_brand

    content = kit_content(guide, load_brand(None), load_flyer_spec(DEFAULT_PACK))
    order = [guide.meta.title, guide.meta.subtitle]
    for fact in content.facts:
        order += [fact["value"], fact["line"]]
    for stage in content.stages:
        order += [stage["label"], stage["length"], *(item["text"] for item in stage["items"])]
    order.append(content.url.split("://", 1)[-1].rstrip("/"))
    target = tmp_path / "flyer.pdf"
    target.write_bytes(piece("flyer"))
    text = re.sub(r"\s+", " ", " ".join(re.findall(r'"(.*)"', struct_text(target))))
    at = text.index("KEY FACTS")  # after the path figure, whose labels repeat the stages
    for words in order[2:]:
        found = text.find(words, at)
        assert found >= 0, f"{words!r} missing or out of order after {text[at - 80:at]!r}"
        at = found + len(words)
    assert 0 <= text.find(order[0]) < text.find(order[1]) < text.index("KEY FACTS")


@pytest.mark.parametrize("name", EDITIONS)
def test_the_flyers_tag_elements(files, name: str) -> None:
    brand, language = EDITIONS[name]
    guide, _, _ = load_inputs(DEFAULT_PACK, brand, language)
    found = elements(files["flyer", name])
    kinds = [kind for _, kind, _ in found]
    assert kinds[0] == "Document"
    assert kinds.count("H1") == 1 and kinds.index("H1") < kinds.index("H2")
    last = 0
    for kind in kinds:  # headings never skip a level
        if re.fullmatch(r"H\d", kind):
            assert int(kind[1]) <= last + 1, kinds
            last = int(kind[1])
    stages = len(guide.timeline.stages)
    assert kinds.count("H3") == stages
    # the facts are one list, each fact an item with its body; each stage's items a list
    lists = [i for i, (_, kind, _) in enumerate(found) if kind == "L"]
    assert len(lists) == 1 + stages
    facts = found[lists[0]][2]
    items = [k.get_object() for k in facts["/K"]]
    assert 3 <= len(items) <= 5 and {str(i["/S"]) for i in items} == {"/LI"}
    for item in items:
        assert [str(k.get_object()["/S"]) for k in item["/K"]] == ["/LBody"]
    # figures: the path described from the data in the pack's language, the QR code
    words = wording_for(guide.meta.language, guide.strings)
    alts = [str(el.get("/Alt")) for _, kind, el in found if kind == "Figure"]
    assert path_alt(guide.timeline, None, words) in alts
    url = str(next(el for _, kind, el in found if kind == "Link")["/K"][0].get_object()["/Alt"])
    assert url == words("alt_qr", url=piece_url(files["flyer", name]))
    if brand is not None:
        assert any(a.endswith("shield") or "Lakeside" in a for a in alts), alts


def piece_url(path: Path) -> str:
    (annot,) = [a.get_object() for page in pypdf.PdfReader(path).pages
                for a in page.get("/Annots") or []]
    return str(annot["/A"]["/URI"])


@pytest.mark.parametrize("kind", ["flyer", "poster"])
def test_the_qr_link_is_a_link_element_with_its_annotation(files, kind: str) -> None:
    doc = pypdf.PdfReader(files[kind, "en"])
    page = doc.pages[-1]
    (annot_ref,) = page["/Annots"]
    annot = annot_ref.get_object()
    assert str(annot["/Contents"]).startswith("Link to https://")
    links = [el for _, k, el in elements(files[kind, "en"]) if k == "Link"]
    assert len(links) == 1
    kids = [k.get_object() for k in links[0]["/K"]]
    assert str(kids[0]["/S"]) == "/Figure"
    objr = [k for k in kids if k.get("/Type") == "/OBJR"]
    assert len(objr) == 1 and objr[0].raw_get("/Obj").idnum == annot_ref.idnum
    parents = doc.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    assert annot["/StructParent"] in {parents[i] for i in range(0, len(parents), 2)}


def test_the_spanish_poster_describes_its_path_in_spanish(files) -> None:
    alts = [str(el.get("/Alt")) for _, k, el in elements(files["poster", "es"]) if k == "Figure"]
    path = next(a for a in alts if a.startswith("El camino en 5 etapas: Universidad, 4 años"))
    assert "Hitos: MCAT en año 3" in path
    assert "Otras rutas" not in path  # the poster leaves the routes out, and so does its alt
    assert any(a.startswith("Código QR de https://") for a in alts)
    flyer = [str(el.get("/Alt")) for _, k, el in elements(files["flyer", "es"]) if k == "Figure"]
    assert any("Otras rutas: Anestesiología, 4 años, durante Residencia" in a
               for a in flyer), flyer


@pytest.mark.parametrize("kind", ["flyer", "poster"])
def test_tagging_leaves_the_drawing_alone(kind: str, monkeypatch) -> None:
    """The same pixels tagged and untagged: marking content changes no drawing."""
    def pixels(pdf: bytes) -> list[bytes]:
        document = pypdfium2.PdfDocument(pdf)
        return [document[i].render(scale=0.4).to_pil().tobytes() for i in range(len(document))]

    tagged = piece(kind, LAKESIDE)
    monkeypatch.setenv("CAREER_GUIDE_TAGGING", "off")
    untagged = piece(kind, LAKESIDE)
    assert b"/StructTreeRoot" not in untagged and tagged != untagged
    assert pixels(tagged) == pixels(untagged)


def test_print_files_are_untagged_and_screen_variants_tagged() -> None:
    for options in (dict(print_ready=True), dict(print_ready=True, cmyk=True, pdf_x="4")):
        root = pypdf.PdfReader(io.BytesIO(piece("flyer", **options))).trailer["/Root"]
        assert "/StructTreeRoot" not in root
    for options in (dict(cmyk=True), dict(grayscale=True), dict(start_year=2027)):
        root = pypdf.PdfReader(io.BytesIO(piece("poster", **options))).trailer["/Root"]
        assert "/StructTreeRoot" in root, options


@pytest.mark.parametrize("line,message", [
    ("- text: {x: 1, y: 1, text: Hi, tag: Heading}", "unknown tag 'Heading'"),
    ("- text: {x: 1, y: 1, text: Hi, in: nowhere}", "'in: nowhere' names no group"),
    ("- group: {name: facts}", "a group needs a name and a tag"),
])
def test_template_structure_mistakes_are_named(tmp_path: Path, line: str, message: str) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "poster.yml.j2").write_text(line + "\n", encoding="utf-8")
    brand = tmp_path / "brand.yml"
    brand.write_text("meta:\n  name: Override School\n"
                     "defaults:\n  career-guide:\n    templates: templates\n")
    with pytest.raises(ContentError, match=re.escape(message)):
        piece("poster", brand)


def test_the_documented_group_example_tags_the_poster(tmp_path: Path) -> None:
    from test_docs import blocks

    (block,) = [b for b in blocks("templates.md") if b.tags.get("append") == "poster.yml.j2"]
    templates = tmp_path / "templates"
    templates.mkdir()
    base = (REPO / "templates" / "poster.yml.j2").read_text("utf-8")
    (templates / "poster.yml.j2").write_text(base.rstrip("\n") + "\n" + block.text, "utf-8")
    brand = tmp_path / "brand.yml"
    brand.write_text("meta:\n  name: Override School\n"
                     "defaults:\n  career-guide:\n    templates: templates\n")
    target = tmp_path / "poster.pdf"
    target.write_bytes(piece("poster", brand))
    found = elements(target)
    lists = [el for _, kind, el in found if kind == "L"]
    assert len(lists) == 1
    (item,) = [k.get_object() for k in lists[0]["/K"]]
    assert [str(k.get_object()["/S"]) for k in item["/K"]] == ["/LBody"]
    assert '"Friday "' in struct_text(target) and "Open house, 2 to 5 pm" in struct_text(target)
    links = [el for _, kind, el in found if kind == "Link"]
    assert len(links) == len(pypdf.PdfReader(target).pages[0]["/Annots"])
    figures = [str(k.get_object().get("/Alt")) for link in links for k in link["/K"]]
    assert "QR code for https://example.edu/open" in figures
    need(uacheck.missing())
    assert uacheck.validate([target]) == {str(target): []}


@pytest.mark.parametrize("kind", ["flyer", "poster"])
def test_the_speed_layer_on_and_off_gives_identical_tagged_bytes(kind: str) -> None:
    from conftest import with_stock_libraries

    from guide import speed

    assert speed.enabled()
    fast = piece(kind, LAKESIDE, "es")
    assert fast == with_stock_libraries(lambda: piece(kind, LAKESIDE, "es"))
