"""With the speed layer on, guide.convert.flowables.Paragraph breaks its lines once per width, and gives reportlab's result."""

from conftest import with_stock_libraries
from reportlab import platypus
from reportlab.lib.styles import ParagraphStyle

from guide.convert.flowables import Paragraph

STYLE = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
TEXTS = {
    "one font": "Shadow a physician for a week and write down what you saw each day. " * 4,
    "several fonts": "Shadow <b>a physician</b> for a <i>week</i> and note what you saw. " * 4,
}


def counted(paragraph: Paragraph) -> list[float]:
    calls: list[float] = []
    breaklines = paragraph.breakLines

    def counting(widths):  # type: ignore[no-untyped-def]
        calls.append(widths[-1])
        return breaklines(widths)

    paragraph.breakLines = counting  # type: ignore[method-assign]
    return calls


def lines_of(paragraph) -> list[str]:  # type: ignore[no-untyped-def]
    return [" ".join(line[1]) if isinstance(line, tuple)
            else "".join(getattr(word, "text", " ") for word in line.words)
            for line in paragraph.blPara.lines]


def test_repeat_wraps_at_one_width_break_lines_once():
    for text in TEXTS.values():
        paragraph = Paragraph(text, STYLE)
        calls = counted(paragraph)
        first = paragraph.wrap(200, 500)
        assert paragraph.wrap(200, 500) == first
        assert paragraph.wrap(200, 300) == first  # the height offered does not matter
        assert calls == [200]
        narrower = paragraph.wrap(150, 500)
        assert calls == [200, 150] and narrower[1] > first[1]


def test_cached_lines_match_reportlabs_own():
    for name, text in TEXTS.items():
        ours, theirs = Paragraph(text, STYLE), platypus.Paragraph(text, STYLE)
        for width in (200, 200, 150, 200):
            assert ours.wrap(width, 500) == with_stock_libraries(
                lambda: theirs.wrap(width, 500)), name  # noqa: B023
            assert lines_of(ours) == lines_of(theirs), name


def test_split_parts_wrap_afresh():
    paragraph = Paragraph(TEXTS["several fonts"], STYLE)
    _, height = paragraph.wrap(200, 500)
    top, rest = paragraph.split(200, height / 2)
    assert top.wrap(200, 500)[1] + rest.wrap(200, 500)[1] == height

