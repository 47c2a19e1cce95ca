"""One test per Markdown construct: what an author types, and what the PDF then holds."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from conftest import all_text, build_bytes, link_annotations, reader_of, text_runs, write_pack


def build(tmp_path: Path, body: str, **chapters: str):
    """Build a pack whose first chapter is `body`; returns the reader."""
    pack = write_pack(tmp_path / "pack", {"one": body, **chapters})
    return reader_of(build_bytes(pack))


def page_with(reader, word: str):  # type: ignore[no-untyped-def]
    return next(p for p in reader.pages if word in p.extract_text())


def fonts_of(reader, word: str) -> set[str]:
    return {font for text, font in text_runs(reader) if word in text}


def outline_titles(reader) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []

    def walk(items, depth):  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title))
    walk(reader.outline, 0)
    return out


def png_bytes(width: int, height: int, rgb=(200, 60, 40)) -> bytes:
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_headings_levels_2_to_4_are_styled_and_level_2_is_bookmarked(tmp_path: Path) -> None:
    reader = build(tmp_path, "## Second level\n\ntext\n\n### Third level\n\ntext\n\n"
                             "#### Fourth level\n\ntext\n")
    text = all_text(reader)
    for heading in ("Second level", "Third level", "Fourth level"):
        assert heading in text
        assert any("Lato" in f for f in fonts_of(reader, heading)), heading
    titles = [t for _, t in outline_titles(reader)]
    assert "Second level" in titles
    assert (1, "Second level") in outline_titles(reader)  # nested under its chapter


def test_paragraphs_keep_their_words_in_order(tmp_path: Path) -> None:
    text = all_text(build(tmp_path, "First paragraph here.\n\nSecond paragraph follows.\n"))
    assert text.index("First paragraph here.") < text.index("Second paragraph follows.")


def test_bold_and_italic_use_their_faces(tmp_path: Path) -> None:
    reader = build(tmp_path, "A **heavyword** and an *slantword* and ***bothword***.\n")
    assert any("Semibold" in f for f in fonts_of(reader, "heavyword"))
    assert any(f.endswith("-It") for f in fonts_of(reader, "slantword"))
    assert any("SemiboldIt" in f for f in fonts_of(reader, "bothword"))


def test_inline_code_is_set_in_another_face_on_a_tint(tmp_path: Path) -> None:
    reader = build(tmp_path, "Run `python build.py <x> & y` now.\n")
    assert "python build.py <x> & y" in all_text(reader)
    assert any("Lato" in f for f in fonts_of(reader, "python build.py"))


def test_strikethrough_draws_a_line_through_the_words(tmp_path: Path) -> None:
    def strokes(reader) -> int:  # type: ignore[no-untyped-def]
        page = page_with(reader, "Before")
        return len(re.findall(rb" m [\d.]+ [\d.]+ l S", page.get_contents().get_data()))
    struck = build(tmp_path / "a", "Before ~~crossed out~~ after.\n")
    plain = build(tmp_path / "b", "Before crossed out after.\n")
    assert "crossed out" in all_text(struck)
    assert "~~" not in all_text(struck)
    assert strokes(struck) == strokes(plain) + 1


def test_external_links_are_clickable(tmp_path: Path) -> None:
    reader = build(tmp_path, "See [the AAMC](https://www.aamc.org/) or "
                             "[email us](mailto:advising@example.edu).\n")
    uris = {a["annot"]["/A"].get("/URI") for a in link_annotations(reader) if "/A" in a["annot"]}
    assert "https://www.aamc.org/" in uris
    assert "mailto:advising@example.edu" in uris


def test_unsafe_link_schemes_are_refused(tmp_path: Path) -> None:
    from guide.errors import ContentError
    with pytest.raises(ContentError) as caught:
        build(tmp_path, "Click [here](javascript:alert(1)).\n")
    assert "one.md" in str(caught.value.path)
    assert "javascript" in caught.value.message


def test_cross_references_to_chapters_and_headings_are_clickable(tmp_path: Path) -> None:
    reader = build(tmp_path, "Go to [the second](#two), its [details](two.md#the-details).\n",
                   two="Intro.\n\n::: pagebreak\n\n## The details\n\nHere.\n")
    source = reader.get_page_number(page_with(reader, "Go to"))
    internal = [a for a in link_annotations(reader) if a["page"] == source and "/Dest" in a["annot"]
                or a["annot"].get("/A", {}).get("/S") == "/GoTo"]
    assert len(internal) >= 2
    targets = set()
    for link in internal:
        dest = link["annot"].get("/Dest") or link["annot"]["/A"]["/D"]
        if isinstance(dest, str) or not hasattr(dest, "__getitem__"):
            dest = reader.named_destinations[str(dest)]
            page_ref = dest.page
        else:
            page_ref = dest[0]
        targets.add(reader.get_page_number(page_ref.get_object())
                    if hasattr(page_ref, "get_object") else page_ref)
    assert len(targets) == 2  # the chapter start and the heading on the next page


def test_a_broken_cross_reference_names_file_and_line(tmp_path: Path) -> None:
    from guide.errors import ContentError
    with pytest.raises(ContentError) as caught:
        build(tmp_path, "Line one.\n\nSee [nowhere](#no-such-place).\n")
    assert Path(caught.value.path).name == "one.md"
    assert caught.value.line == 7  # after four lines of front matter


def test_ordered_unordered_and_nested_lists(tmp_path: Path) -> None:
    text = all_text(build(tmp_path, "1. alpha\n2. beta\n    - nested one\n    - nested two\n"
                                    "3. gamma\n\n- dot item\n"))
    assert re.search(r"1\.\s*alpha", text) and re.search(r"2\.\s*beta", text)
    assert re.search(r"3\.\s*gamma", text)
    assert "nested one" in text and "nested two" in text and "dot item" in text
    assert text.index("beta") < text.index("nested one") < text.index("gamma")


def test_nested_list_is_indented(tmp_path: Path) -> None:
    reader = build(tmp_path, "- outer item\n    - inner item\n")
    xs = {}
    for page in reader.pages:
        def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
            for word in ("outer", "inner"):
                if text.startswith(word):
                    xs[word] = cm[4] + tm[4]
        page.extract_text(visitor_text=visit)
    assert xs["inner"] > xs["outer"] + 5


def test_task_lists_become_checkboxes(tmp_path: Path) -> None:
    reader = build(tmp_path, "- [ ] Open item\n- [x] Done item\n")
    fields = reader.get_fields()
    boxes = {name: f for name, f in fields.items() if f.get("/FT") == "/Btn"}
    assert len(boxes) == 2
    values = sorted(str(f.get("/V")) for f in boxes.values())
    assert values == ["/Off", "/Yes"]
    text = all_text(reader)
    assert "Open item" in text and "Done item" in text and "[ ]" not in text


def test_pipe_table_with_alignment(tmp_path: Path) -> None:
    body = ("| Name | Years | Note |\n|:--|:-:|--:|\n| Residency | 4 | right side |\n"
            "| Fellowship | 1 | r |\n")
    reader = build(tmp_path, body)
    text = all_text(reader)
    for cell in ("Name", "Years", "Residency", "Fellowship", "right side"):
        assert cell in text
    xs: dict[str, float] = {}
    for page in reader.pages:
        def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
            xs.setdefault(text.strip(), cm[4] + tm[4])
        page.extract_text(visitor_text=visit)
    # Left column starts together; right-aligned cells end together (so start apart).
    assert abs(xs["Residency"] - xs["Fellowship"]) < 0.5
    assert xs["r"] > xs["right side"] + 10


def test_blockquote_is_set_apart(tmp_path: Path) -> None:
    reader = build(tmp_path, "Plain text.\n\n> A quoted sentence.\n")
    assert "A quoted sentence." in all_text(reader)
    xs = {}
    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        xs.setdefault(text.split(" ")[0], cm[4] + tm[4])
    page = page_with(reader, "A quoted")
    page.extract_text(visitor_text=visit)
    assert xs["A"] > xs["Plain"] + 10  # indented past its bar
    assert re.search(rb"re f\*", page.get_contents().get_data())


def test_callout_with_title(tmp_path: Path) -> None:
    reader = build(tmp_path, '!!! tip "Shadow early"\n    Ask a physician if you can follow them.\n')
    text = all_text(reader)
    assert "Shadow early" in text and "Ask a physician" in text
    assert "!!!" not in text


@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_image_with_width_and_caption(tmp_path: Path, kind: str) -> None:
    pack = tmp_path / "pack"
    (pack / "images").mkdir(parents=True)
    data = png_bytes(40, 20)
    if kind == "jpeg":
        from PIL import Image
        from reportlab.lib.utils import ImageReader  # noqa: F401 (Pillow ships with reportlab)
        out = io.BytesIO()
        Image.open(io.BytesIO(data)).convert("RGB").save(out, "JPEG")
        data = out.getvalue()
    (pack / "images" / f"pic.{kind}").write_bytes(data)
    write_pack(pack, {"one": f'![A red box](images/pic.{kind} "The caption"){{ width=50% }}\n'})
    reader = reader_of(build_bytes(pack))
    assert "The caption" in all_text(reader)
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 1
    page = next(p for p in reader.pages if p.images)
    ops = page.get_contents().get_data()
    drawn = re.search(rb"([\d.]+) 0 0 ([\d.]+) [\d.]+ [\d.]+ cm\s*/FormXob", ops)
    width, height = float(drawn.group(1)), float(drawn.group(2))
    frame = float(page.mediabox.width) - (0.62 + 0.55) * 72  # half-letter margins
    assert abs(width - frame * 0.5) < 0.5  # width=50% of the text column
    assert abs(width / height - 2.0) < 0.01  # aspect ratio kept


def test_horizontal_rule(tmp_path: Path) -> None:
    def lines(reader) -> int:  # type: ignore[no-untyped-def]
        return len(re.findall(rb" l S", page_with(reader, "Above").get_contents().get_data()))
    ruled = build(tmp_path / "a", "Above.\n\n---\n\nBelow.\n")
    plain = build(tmp_path / "b", "Above.\n\nBelow.\n")
    assert lines(ruled) == lines(plain) + 1


def test_footnotes_are_collected_as_chapter_notes(tmp_path: Path) -> None:
    reader = build(tmp_path, "A claim.[^1]\n\nMore text.\n\n[^1]: Example Survey, 2024.\n")
    text = all_text(reader)
    assert "Notes" in text
    assert text.index("More text.") < text.index("Example Survey, 2024.")
    internal = [a for a in link_annotations(reader) if "/A" not in a["annot"]
                or a["annot"]["/A"].get("/S") != "/URI"]
    assert internal, "the footnote mark links to its note"


def test_definition_list_for_the_glossary(tmp_path: Path) -> None:
    reader = build(tmp_path, "MCAT\n: The Medical College Admission Test.\n\n"
                             "ERAS\n: The residency application service.\n")
    text = all_text(reader)
    assert "MCAT" in text and "The Medical College Admission Test." in text
    assert any("Bold" in f or "Black" in f for f in fonts_of(reader, "MCAT"))


def test_explicit_page_break(tmp_path: Path) -> None:
    def page_of(reader, word: str) -> int:  # type: ignore[no-untyped-def]
        return next(i for i, p in enumerate(reader.pages) if word in p.extract_text())
    reader = build(tmp_path, "Before the break.\n\n::: pagebreak\n\nAfter the break.\n")
    assert page_of(reader, "After the break.") == page_of(reader, "Before the break.") + 1


@pytest.mark.parametrize("typed", [
    "5 < 6 & 7 > 3",
    "<b>not bold</b>",
    '<font color="red" size="40">big</font>',
    "<para>para tag</para>",
    "&amp; stays &lt;as typed&gt;",
    "<script>alert(1)</script>",
    '<a href="https://evil.example">sneaky</a>',
    "<img src=x onerror=y>",
    "<br/> and <super>up</super>",
])
def test_markup_typed_as_text_prints_literally(tmp_path: Path, typed: str) -> None:
    reader = build(tmp_path, f"Start {typed} end.\n\n- item {typed}\n\n| a |\n|---|\n| {typed} |\n")
    text = all_text(reader).replace("\n", " ")
    for curly in "\u201c\u201d":
        text = text.replace(curly, '"')  # prose quotes are set typographically
    assert text.count(typed) >= 3, text
    uris = [a["annot"].get("/A", {}).get("/URI") for a in link_annotations(reader)]
    assert "https://evil.example" not in uris


def test_markup_in_titles_and_headings_prints_literally(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", {"one": "---\ntitle: \"Tags <b>&amp; co</b>\"\n"
                                                 "kind: chapter\n---\n## Head <i>x</i> & y\n\ntext\n"})
    text = all_text(reader_of(build_bytes(pack)))
    assert "Tags <b>&amp; co</b>" in text
    assert "Head <i>x</i> & y" in text


def test_a_sentence_ending_in_a_colon_stays_with_what_follows(tmp_path: Path) -> None:
    """Whatever the page break, "...you will need:" is on the page where the list starts."""
    filler = "A line of ordinary text that takes up some room on the page, nothing more.\n\n"
    table = "| Step | When |\n|:--|:--|\n" + "".join(f"| Row{i} | later |\n" for i in range(8))
    for count in (12, 13, 14, 27, 28, 29):
        pack = write_pack(tmp_path / f"p{count}", {
            "one": filler * count + "Here is what you will need:\n\n" + table})
        reader = reader_of(build_bytes(pack))
        intro = [n for n, page in enumerate(reader.pages) if "will need:" in page.extract_text()]
        first_row = [n for n, page in enumerate(reader.pages) if "Row0" in page.extract_text()]
        assert intro == first_row, count


@pytest.mark.parametrize("body", [
    "> - a list in a quote\n> - second item\n",
    ">- \n",
    '!!! tip "Lists inside"\n    - first\n    - second\n\n    | a | b |\n    |---|---|\n    | 1 | 2 |\n',
])
def test_lists_and_tables_inside_quotes_and_callouts(tmp_path: Path, body: str) -> None:
    """Boxes measure what they hold with the canvas, as lists and tables need."""
    reader = build(tmp_path, body)
    assert len(reader.pages) >= 3


def test_a_table_narrower_than_the_text_width_shrinks_its_columns() -> None:
    """Tables are measured for the full text width; inside a callout or quote they shrink."""
    from reportlab.platypus import Paragraph as RLParagraph

    from guide.convert.stats_table import FittingTable
    cells = [[RLParagraph("a"), RLParagraph("b")], [RLParagraph("1"), RLParagraph("2")]]
    table = FittingTable(cells, colWidths=[200, 100])
    width, _ = table.wrap(240, 500)
    assert width <= 240.5 and abs(table._colWidths[0] / table._colWidths[1] - 2) < 1e-6


def test_pictures_in_callouts_quotes_and_lists_stay_inside_the_text_block(tmp_path: Path) -> None:
    import pypdfium2
    import pypdfium2.raw as pdfium_c
    from PIL import Image

    body = ('!!! tip "Picture"\n    ![a](images/x.png "Caption")\n\n> ![b](images/x.png)\n\n'
            "- item\n\n    ![c](images/x.png)\n")
    pack = write_pack(tmp_path / "p", {"one": body})
    (pack / "images").mkdir()
    Image.new("RGB", (1200, 400), "#336699").save(pack / "images" / "x.png")
    pdf = pypdfium2.PdfDocument(build_bytes(pack))
    boxes = [obj.get_bounds() for page in pdf
             for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])]
    assert len(boxes) == 3  # the callout shows its picture, not the alt text
    width = pdf[0].get_width()
    for left, _, right, _ in boxes:
        assert left >= 20 and right <= width - 20, (left, right, width)
