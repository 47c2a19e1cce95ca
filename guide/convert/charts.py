"""Bar charts drawn from a data table with reportlab graphics: branded, labelled, grayscale-safe."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from guide.colors import to_color
from guide.convert.flowables import Paragraph
from guide.convert.stats_table import source_caption
from guide.layout.theme import Theme
from guide.model import DataTable
from guide.text.formatting import format_value
from guide.text.xml_text import escape


def bar_chart(table: DataTable, theme: Theme, source_shown: bool = False) -> list[Flowable]:
    """Horizontal bars, one per row, each labelled with its category and its value. When
    its table is already on the page above (`source_shown`), the source is not repeated."""
    assert table.chart is not None
    spec = table.chart
    value_col = table.column(spec.value)
    label_col = table.column(spec.label)
    rows = [r for r in table.rows if r.get(spec.value) is not None]
    faces, colors = theme.faces, theme.colors
    size = theme.base * 0.84
    width = theme.frame_width
    label_w = min(width * 0.42, max(stringWidth(str(r[spec.label]), faces.heading.regular, size)
                                    for r in rows) + 6)
    value_w = max(stringWidth(format_value(r[spec.value], value_col), faces.heading.bold, size)
                  for r in rows) + 6
    gap, leading = size * 0.8, size * 1.15
    labels = [_wrap(str(r[spec.label]), faces.heading.regular, size, label_w - 6) for r in rows]
    # A bar is as tall as its label (one or two lines), never less than 1.7 text sizes.
    bars_h = [max(size * 1.7, len(lines) * leading + size * 0.35) for lines in labels]
    height = sum(bars_h) + gap * (len(rows) + 1)
    from reportlab.graphics.shapes import Drawing, Line, Rect, String  # only when charting

    drawing = Drawing(width, height)
    top = max(r[spec.value] for r in rows) or 1
    scale_w = width - label_w - value_w
    # One series, one tone: every bar measures the same thing, so colour would only hint at
    # a difference that is not there.
    fill = to_color(colors["strong"])
    y = height - gap
    for index, (row, lines, bar_h) in enumerate(zip(rows, labels, bars_h, strict=True)):
        y -= bar_h
        middle = y + bar_h / 2 - size * 0.35
        first = middle + (len(lines) - 1) * leading / 2
        for number, line in enumerate(lines):
            drawing.add(String(label_w - 6, first - number * leading, line,
                               fontName=faces.heading.regular, fontSize=size,
                               fillColor=to_color(colors["text"]), textAnchor="end"))
        bar = max(1.0, scale_w * row[spec.value] / top)
        drawing.add(Rect(label_w, y, bar, bar_h, fillColor=fill,
                         strokeColor=to_color(colors["dark"]), strokeWidth=0.4))
        drawing.add(String(label_w + bar + 4, middle,
                           format_value(row[spec.value], value_col), fontName=faces.heading.bold,
                           fontSize=size, fillColor=to_color(colors["text"])))
        y -= gap
    drawing.add(Line(label_w, 0, label_w, height, strokeColor=to_color(colors["muted"]),
                     strokeWidth=0.6))
    title = spec.title or theme.words("chart_title_by", value=value_col.label,
                                      label=label_col.label.lower())
    from guide.tagging.describe import chart_alt
    # Drawing checks the attributes it is given, so the alt text goes in its __dict__
    drawing.__dict__["alt_text"] = chart_alt(table, title, theme.words)
    caption = ([Spacer(1, 2), Paragraph(escape(theme.words("source_as_above")),
                                         theme.styles["caption"])] if source_shown
               else source_caption(table, theme))
    return [KeepTogether([Paragraph(escape(title), theme.styles["h4"]), drawing, *caption])]


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """A label on one line, or two; only a label too long for two is shortened with '…'."""
    if stringWidth(text, font, size) <= width:
        return [text]
    words, first = text.split(), ""
    while words and stringWidth((first + " " + words[0]).strip(), font, size) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first:  # one very long word
        return [_fit(text, font, size, width)]
    return [first, _fit(" ".join(words), font, size, width)]


def _fit(text: str, font: str, size: float, width: float) -> str:
    while stringWidth(text, font, size) > width and len(text) > 3:
        text = text[:-2].rstrip() + "…"
    return text
