"""Data tables and their charts on the page: Source notes with their tables, said once,
and one tone for one series."""

from __future__ import annotations

import pytest
from conftest import DEFAULT_PACK, REPO, build_bytes, reader_of
from reportlab.graphics.shapes import Drawing, Rect

from guide.convert.charts import bar_chart
from guide.layout.fonts import register_fonts
from guide.layout.theme import make_theme
from guide.load.brand import load_brand
from guide.load.pack import load_guide
from guide.text.formatting import format_value

PT_PACK = REPO / "content" / "physical-therapy"


def test_one_series_chart_bars_share_one_tone() -> None:
    guide = load_guide(DEFAULT_PACK)
    brand = load_brand(None)
    theme = make_theme(brand, register_fonts(brand.fonts), "half-letter")
    for table in guide.tables.values():
        if table.chart is None:
            continue
        keep = bar_chart(table, theme)[0]
        drawing = next(f for f in keep._content if isinstance(f, Drawing))
        fills = {str(shape.fillColor) for shape in drawing.contents if isinstance(shape, Rect)}
        assert len(fills) == 1, fills


def test_a_chart_under_its_table_does_not_repeat_the_source() -> None:
    for pack in (DEFAULT_PACK, PT_PACK):
        guide = load_guide(pack)
        text = " ".join("".join(p.extract_text() for p in reader_of(build_bytes(pack))
                                .pages).split())
        charted = [t for t in guide.tables.values() if t.chart is not None
                   and any(f"::: chart {t.name}" in c.body and f"::: table {t.name}" in c.body
                           for c in guide.chapters)]
        assert charted, pack
        assert text.count("Source: as for the table above.") == len(charted)
        for table in charted:
            note = " ".join(f"Source: {table.source_name}. {table.notes}".split())[:90]
            assert text.count(note) == 1, note


@pytest.mark.parametrize("pack", [DEFAULT_PACK, PT_PACK])
@pytest.mark.parametrize("size", ["half-letter", "a5", "letter"])
def test_source_note_is_on_the_page_of_its_tables_last_row(pack, size: str) -> None:
    guide = load_guide(pack)
    reader = reader_of(build_bytes(pack, page_size=size))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    for table in guide.tables.values():
        source = " ".join(f"Source: {table.source_line}. {table.notes}".split())[:90]
        on = [i for i, page in enumerate(pages) if source in page]
        if not on:
            continue  # the table is not placed in this guide
        first_col = table.visible_columns[0]
        last = format_value(table.rows[-1].get(first_col.name), first_col)
        for i in on:
            assert last in pages[i], (table.name, last, i + 1)


def test_glossary_term_column_fits_the_longest_term_within_limits() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from guide.convert.flowables import Paragraph
    from guide.convert.tables import glossary_term_width
    style = ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=8)
    terms = [Paragraph(t, style) for t in ("DPT", "Observation hours", "Jurisprudence exam")]
    width = glossary_term_width(terms, 300, 5)
    assert width >= stringWidth("Jurisprudence exam", "Helvetica-Bold", 8) + 5
    assert width <= 300 * 0.375
    short = glossary_term_width([Paragraph("GRE", style)], 300, 5)
    assert short == 300 * 0.2
    long = glossary_term_width([Paragraph("A very long glossary term of many words", style)],
                               200, 5)
    assert long == 200 * 0.375


@pytest.mark.parametrize("size", ["half-letter", "a5", "letter", "a4"])
def test_master_checklist_pages_start_with_a_stage_heading(size: str) -> None:
    for pack in (DEFAULT_PACK, PT_PACK):
        guide = load_guide(pack)
        headings = {c.title for c in guide.chapters if c.kind == "stage"} | {
            "My plan at a glance"}
        reader = reader_of(build_bytes(pack, page_size=size))
        for page in reader.pages:
            lines = [line.strip() for line in page.extract_text().split("\n") if line.strip()]
            lines = [line for line in lines if line not in ("Pre-Health Advising",)
                     and not line.isdigit()]
            if lines and lines[0] == "MY PLAN":
                assert lines[1] in headings, (pack.name, size, lines[:3])
