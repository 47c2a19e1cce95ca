"""guide.speed.paragraph_markup makes exactly the fragments stock reportlab's markup parser makes."""

import os

import pytest
from conftest import FONT_DIR
from hypothesis import example, given, settings
from hypothesis import strategies as st
from conftest import with_stock_libraries
from reportlab import platypus
from reportlab.lib.styles import ParagraphStyle

from guide.convert.flowables import Paragraph
from guide.layout import fonts
from guide.speed.paragraph_markup import fragments

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)


def styles() -> list[ParagraphStyle]:
    """reportlab's own faces and a registered family (bold and italic found by mapping)."""
    bundled = fonts.register_family(tuple(  # type: ignore[arg-type]
        FONT_DIR / name for name in (
            "SourceSerifPro-Regular.ttf", "SourceSerifPro-It.ttf", "SourceSerifPro-Semibold.ttf",
            "SourceSerifPro-SemiboldIt.ttf")))
    return [BODY,
            ParagraphStyle("times", parent=BODY, fontName="Times-Bold", textColor="#336699"),
            ParagraphStyle("upper", parent=BODY, textTransform="uppercase", backColor="#eeeeee"),
            ParagraphStyle("lead", parent=BODY, fontName="Times-Italic", fontSize=13,
                           leading=17, firstLineIndent=12, alignment=1),
            ParagraphStyle("family", parent=BODY, fontName=bundled.regular, fontSize=11.5)]


PIECES = ["word", "two words", " ", "  ", "<b>", "</b>", "<i>", "</i>", "<B>", "<br/>",
          "<super>x</super>", "&amp;", "&lt;", "a&b", "naïve “q”", "\n", "<b >", "< b>", "<", ">"]


def settings_of(paragraph) -> list[dict]:  # type: ignore[no-untyped-def]
    return [dict(sorted(f.__dict__.items())) for f in paragraph.frags]


def assert_same_as_parser(text: str) -> None:
    for style in styles():
        try:
            theirs = with_stock_libraries(lambda: platypus.Paragraph(text, style))  # noqa: B023
        except ValueError:  # what the parser rejects must still reach the parser
            with pytest.raises(ValueError):
                Paragraph(text, style)
            continue
        ours = Paragraph(text, style)
        assert settings_of(ours) == settings_of(theirs)
        assert ours.text == theirs.text


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")) * 10, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@example("plain words")
@example("a <b>bold <i>and italic</i></b> end")
@example("<i>ends open")
@example("<b>crossed <i>tags</b></i>")
@example("<b></b>")
def test_same_fragments_as_reportlabs_parser(text: str) -> None:
    assert_same_as_parser(text)


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")) * 5, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_plain_text_gets_the_parsers_fragments(text: str) -> None:
    assert_same_as_parser(text)


def test_a_changed_style_is_parsed_again():
    style = ParagraphStyle("changing", parent=BODY)
    assert Paragraph("plain", style).frags[0].fontSize == 10
    style.fontSize = 12
    assert Paragraph("plain", style).frags[0].fontSize == 12


def test_only_bold_and_italic_are_taken_quickly():
    assert fragments("a <b>b</b> <i>i</i>", BODY) is not None
    for other in ("a &amp; b", "<br/>", "<super>1</super>", "<b>open", "</i>", "<b><i>x</b></i>"):
        assert fragments(other, BODY) is None
