"""Markdown tables and definition lists (the glossary) as reportlab tables."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from reportlab.platypus import Flowable, Spacer, TableStyle

from guide.convert.context import BLOCK_TAGS
from guide.convert.flowables import Paragraph
from guide.convert.lists import wrap_element
from guide.tagging.log import Ref
from guide.tagging.story import tag_item
from guide.tagging.tables import TableTags


class TableBlocks:
    """The table methods of guide.convert.chapter.ChapterConverter."""

    def block_table(self, el: etree.Element) -> list[Flowable]:
        from guide.convert.stats_table import styled_table
        header = [c for c in el.iter() if c.tag == "th"]
        rows = [[cell for cell in tr if cell.tag in ("td", "th")] for tr in el.iter("tr")]
        aligns = [_align(c) for c in rows[0]] if rows else []
        data = []
        for r, row in enumerate(rows):
            cells = []
            for c, cell in enumerate(row):
                style = "cell_head" if cell.tag == "th" else {
                    "right": "cell_right", "center": "cell_center"}.get(
                        aligns[c] if c < len(aligns) else "left", "cell")
                pictures = self.pictures_in(cell)
                text = Paragraph(self.inline.content(cell), self._cell_style(style, aligns, c))
                cells.append([text, *pictures] if pictures else text)
            data.append(cells)
        if not data:
            return []
        return [styled_table(data, self.theme, header_rows=1 if header else 0)]

    def _cell_style(self, style: str, aligns: list[str], column: int):  # type: ignore[no-untyped-def]
        base = self.styles[style]
        if style == "cell_head" and column < len(aligns) and aligns[column] in ("right", "center"):
            from reportlab.lib.enums import TA_CENTER, TA_RIGHT
            from reportlab.lib.styles import ParagraphStyle
            return ParagraphStyle(f"cell_head_{aligns[column]}", parent=base,
                                  alignment=TA_RIGHT if aligns[column] == "right" else TA_CENTER)
        return base

    def block_dl(self, el: etree.Element) -> list[Flowable]:
        """Terms in a narrow left column beside their definitions: compact, easy to scan."""
        from guide.convert.stats_table import FittingTable
        rows: list[list] = []
        for child in el:
            if child.tag == "dt":
                rows.append([self.para(child, "term"), []])
            elif child.tag == "dd":
                if not rows:
                    rows.append([Paragraph("", self.styles["term"]), []])
                parts = [c for c in child if c.tag == "p"] if len(child) and child[0].tag == "p" else [child]
                for part in parts:
                    rows[-1][1].append(self.para(part, "definition"))
                for extra in (c for c in child if c.tag in BLOCK_TAGS and c.tag != "p"):
                    rows[-1][1].extend(self.blocks(wrap_element(extra)))
        if not rows:
            return []
        width = self.theme.frame_width
        term_width = glossary_term_width([r[0] for r in rows], width, self.theme.base * 0.6)
        tags = TableTags(0)
        # A definition's paragraphs and lists tag themselves inside their cell.
        words = self.theme.words
        table = FittingTable([[term, tag_item(body, Ref("Div"), words) if body else [Spacer(1, 1)]]
                              for term, body in rows],
                             colWidths=[term_width, width - term_width], splitByRow=1,
                             hAlign="LEFT", renderCB=tags)
        table.table_tags = tags
        b = self.theme.base
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), b * 0.6),
            ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), b * 0.18), ("BOTTOMPADDING", (0, 0), (-1, -1), b * 0.05),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, self.theme.colors["rule"]),
        ]))
        table.spaceAfter = b * 0.8
        return [table]



def glossary_term_width(terms: list[Paragraph], width: float, gutter: float) -> float:
    """The term column: wide enough for the longest term on one line, between a fifth and
    three-eighths of the text width; never narrower than the longest word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def one_line(term: Paragraph) -> float:
        style = term.style
        return stringWidth(term.getPlainText(), style.fontName, style.fontSize)

    longest = max((one_line(t) for t in terms), default=0.0) + gutter + 1.5
    longest_word = max((t.minWidth() for t in terms), default=0.0) + gutter + 1.5
    return max(longest_word, min(width * 0.375, max(width * 0.2, longest)))


def _align(cell: etree.Element) -> str:
    style = cell.get("style") or cell.get("align") or ""
    for value in ("right", "center", "left"):
        if value in style:
            return value
    return "left"


