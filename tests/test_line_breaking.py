"""guide.speed.line_breaking gives exactly the lines stock reportlab's breakLines gives."""

import os

from conftest import with_stock_libraries
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reportlab import platypus
from reportlab.lib.styles import ParagraphStyle

from guide.convert.flowables import Paragraph
from guide.speed import line_breaking, single_style_breaking

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
STYLES = [
    BODY,
    ParagraphStyle("indented", parent=BODY, firstLineIndent=18, leftIndent=6, rightIndent=4),
    ParagraphStyle("no-shrink", parent=BODY, spaceShrinkage=0, fontName="Times-Roman"),
    ParagraphStyle("no-split", parent=BODY, splitLongWords=0, fontSize=12.5),
]
WORDS = ["the", "residency", "match", "Anesthesiology,", "(ACGME)", "a", "pain-medicine",
         "naïve", "“quoted”", "x" * 45, "soft\xadhyphen", "non&nbsp;breaking", "2027–2031"]
OPEN = ["<b>", "<i>", "<font color='#336699'>", "<super>", "<a href='https://example.org'>",
        "<strike>", "<font size='13'>", "<font name='Courier'>"]


@st.composite
def marked_up(draw) -> str:  # type: ignore[no-untyped-def]
    """Words with spaces, some wrapped in (properly nested) inline markup or broken by <br/>."""
    parts = []
    for _ in range(draw(st.integers(1, 40))):
        word = draw(st.sampled_from(WORDS))
        if draw(st.integers(0, 5)) == 0:
            tag = draw(st.sampled_from(OPEN))
            name = tag[1:].split(" ")[0].rstrip(">")
            word = f"{tag}{word}</{name}>"
        parts.append(word)
        parts.append(draw(st.sampled_from([" ", " ", " ", "", "  ", " <br/>", "\n"])))
    return "".join(parts)


def shape(lines) -> list:  # type: ignore[no-untyped-def]
    """Everything in reportlab's ParaLines a drawing reads, as plain values."""
    rows = []
    for line in lines.lines:
        if isinstance(line, tuple):
            rows.append(("kind0", line[0], list(line[1])))
            continue
        words = [sorted((k, repr(v)) for k, v in vars(word).items()) for word in line.words]
        rows.append(sorted((k, repr(v)) for k, v in vars(line).items() if k != "words") + words)
    return [lines.kind, rows]


def words_of(paragraph) -> list:  # type: ignore[no-untyped-def]
    return [(type(w).__name__, w[0], [(repr(sorted(vars(f).items())), t) for f, t in w[1:]])
            if isinstance(w, list) else repr(w) for w in paragraph.frags]


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")) * 10, deadline=None)
@given(marked_up(), st.sampled_from(STYLES), st.lists(st.sampled_from([40, 90.5, 150, 311.76]),
                                                     min_size=1, max_size=3))
@example("plain words only, nothing else at all", BODY, [150])
@example("<b>bold</b> and <i>italic</i> words, " * 8, BODY, [120, 150])
def test_same_lines_as_reportlab(text: str, style: ParagraphStyle, widths: list[float]) -> None:
    def stock():  # type: ignore[no-untyped-def]
        paragraph = platypus.Paragraph(text, style)
        return paragraph, platypus.Paragraph.breakLines(paragraph, list(widths))

    theirs, their_lines = with_stock_libraries(stock)
    ours = Paragraph(text, style)
    our_lines = ours.breakLines(list(widths))
    assert shape(our_lines) == shape(their_lines)
    assert words_of(ours) == words_of(theirs)
    assert ours._width_max == theirs._width_max


def test_the_quick_loop_is_taken_for_body_text():
    text = "A <b>bold</b> step and an <i>italic</i> one, then plain words to fill a line. " * 4
    assert line_breaking.break_lines(Paragraph(text, BODY), [200]) is not None
    for unusual in ("a <br/> break", "soft\xadhyphen " + "x" * 80, '<a name="anchor"/>start'):
        assert line_breaking.break_lines(Paragraph(unusual + " <b>b</b>", BODY), [100]) is None


PLAIN_WORDS = ["the", "residency", "Anesthesiology,", "a", "naïve", "2027–2031", "x" * 45,
               "non\xa0breaking", "soft\xadhyphen", ""]


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")) * 5, deadline=None)
@given(st.lists(st.sampled_from(PLAIN_WORDS), min_size=0, max_size=120),
       st.sampled_from(STYLES), st.lists(st.sampled_from([40, 90.5, 150, 311.76]),
                                         min_size=1, max_size=3), st.booleans())
@example(["plain", "words", "only"] * 30, BODY, [150], False)
def test_one_style_lines_as_reportlab(words: list[str], style: ParagraphStyle,
                                      widths: list[float], as_word_list: bool) -> None:
    """One style, given as text or (as a split's rest is) as a word list."""
    def make(paragraph_class: type):  # type: ignore[no-untyped-def]
        paragraph = paragraph_class(" ".join(words), style)
        if as_word_list and paragraph.frags and hasattr(paragraph.frags[0], "text"):
            f = paragraph.frags[0].clone()
            del f.text
            f.words = [w for w in words if w]
            paragraph = paragraph_class(None, style, frags=[f])
        return paragraph

    def stock():  # type: ignore[no-untyped-def]
        paragraph = make(platypus.Paragraph)
        return paragraph, platypus.Paragraph.breakLines(paragraph, list(widths))

    theirs, their_lines = with_stock_libraries(stock)
    ours = make(Paragraph)
    our_lines = ours.breakLines(list(widths))
    assert shape(our_lines) == shape(their_lines)
    assert (our_lines.fontSize, our_lines.ascent, our_lines.descent) == \
        (their_lines.fontSize, their_lines.ascent, their_lines.descent)
    assert ours._width_max == theirs._width_max


def test_the_one_style_loop_is_taken_for_plain_text():
    plain = Paragraph("plain words to fill a few lines of a paragraph " * 20, BODY)
    assert single_style_breaking.break_single_style(plain, [200]) is not None
    for unusual in ("soft\xadhyphen " * 9, "a " + "x" * 80):
        assert single_style_breaking.break_single_style(Paragraph(unusual, BODY), [100]) is None
