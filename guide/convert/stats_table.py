"""Statistics tables: typed data rendered with formatted numbers, zebra rows and a cited source."""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from guide.colors import to_color
from guide.convert.flowables import Paragraph
from guide.layout.theme import Theme
from guide.load.data_age import as_of_line
from guide.model import DataTable
from guide.tagging.tables import TableTags
from guide.text.formatting import format_value
from guide.text.xml_text import escape, quoteattr


def _column_widths(data: list[list[Paragraph]], total: float) -> list[float]:
    """No column narrower than its longest word; the rest shared by typical text length."""
    columns = max(len(r) for r in data)
    minimum = [12.0] * columns
    typical = [1.0] * columns
    for row in data:
        for c, cell in enumerate(row):
            cell = cell[0] if isinstance(cell, list) else cell  # text first, then pictures
            style = cell.style
            text = cell.getPlainText()
            words = text.split() or [""]
            longest = max(stringWidth(w, style.fontName, style.fontSize) for w in words)
            minimum[c] = max(minimum[c], longest + 2 * PADDING_FACTOR * style.fontSize + 1)
            typical[c] = max(typical[c], stringWidth(text, style.fontName, style.fontSize))
    if sum(minimum) >= total:  # too many columns: shrink evenly, words will break
        return [total * m / sum(minimum) for m in minimum]
    # Give every column its minimum, then share what is left by how much text it holds.
    spare = total - sum(minimum)
    wants = [max(0.0, t - m) for t, m in zip(typical, minimum)]
    if sum(wants) <= spare:
        extra = [w + (spare - sum(wants)) * (t / sum(typical)) for w, t in zip(wants, typical)]
    else:
        extra = [spare * w / sum(wants) for w in wants]
    return [m + e for m, e in zip(minimum, extra)]


PADDING_FACTOR = 0.5


class FittingTable(Table):
    """A table whose column widths, measured for the full text width, shrink in proportion
    when it is placed somewhere narrower (a callout, a quote, a list item)."""

    def wrap(self, availWidth: float, availHeight: float):  # type: ignore[no-untyped-def]  # noqa: N803
        widths = self._argW
        total = sum(w for w in widths if isinstance(w, (int, float)))
        if total > availWidth + 0.5 and all(isinstance(w, (int, float)) for w in widths):
            scale = availWidth / total
            self._argW = self._colWidths = [w * scale for w in widths]
        return super().wrap(availWidth, availHeight)


def styled_table(data: list[list[Paragraph]], theme: Theme, header_rows: int = 1,
                 total_row: bool = False) -> Table:
    """A branded table that repeats its header when it breaks across pages."""
    c = theme.colors
    widths = _column_widths(data, theme.frame_width)
    tags = TableTags(header_rows)
    table = FittingTable(data, colWidths=widths, repeatRows=header_rows, hAlign="LEFT",
                         splitByRow=1, renderCB=tags)
    table.table_tags = tags
    pad = theme.base * 0.42  # matches PADDING_FACTOR of the cell font, roughly
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, to_color(c["strong"])),
    ]
    if header_rows:
        commands += [("BACKGROUND", (0, 0), (-1, header_rows - 1), to_color(c["primary"]))]
    for r in range(header_rows, len(data)):
        if (r - header_rows) % 2 == 1:
            commands.append(("BACKGROUND", (0, r), (-1, r), to_color(c["zebra"])))
    if total_row:
        commands += [("LINEABOVE", (0, -1), (-1, -1), 0.8, to_color(c["strong"])),
                     ("BACKGROUND", (0, -1), (-1, -1), to_color(c["light"]))]
    table.setStyle(TableStyle(commands))
    table.spaceAfter = theme.base * 0.9
    return table


def statistics_table(table: DataTable, theme: Theme) -> list[Flowable]:
    """The table with its title above and 'Source: name (year)' with a link below."""
    styles = theme.styles
    head_right = ParagraphStyle("cell_head_right", parent=styles["cell_head"], alignment=TA_RIGHT)
    columns = table.visible_columns
    header = [Paragraph(escape(col.label), head_right if col.numeric else styles["cell_head"])
              for col in columns]
    bold_right = ParagraphStyle("cell_total_right", parent=styles["cell_right"],
                                fontName=theme.faces.heading.bold)
    bold = ParagraphStyle("cell_total", parent=styles["cell"], fontName=theme.faces.heading.bold)

    def row_cells(row: dict, total: bool = False) -> list[Paragraph]:
        cells = []
        for col in columns:
            if total and col.type == "text" and row.get(col.name) is None:
                value = ""
            else:
                value = format_value(row.get(col.name), col)
            style = (bold_right if col.numeric else bold) if total else (
                styles["cell_right"] if col.numeric else styles["cell"])
            cells.append(Paragraph(escape(value), style))
        return cells

    data = [header] + [row_cells(r) for r in table.rows]
    if table.total is not None:
        total = dict(table.total)
        first_text = next((c.name for c in columns if not c.numeric), None)
        if first_text:
            total[first_text] = table.total_label
        data.append(row_cells(total, total=True))
    title = Paragraph(escape(table.title), styles["h4"])
    grid = styled_table(data, theme, header_rows=1, total_row=table.total is not None)
    if len(data) > 12:  # a long table breaks across pages wherever it falls
        return [KeepTogether([title]), grid, *source_caption(table, theme)]
    return [TableWithCaptions([title, grid, *source_caption(table, theme)], grid,
                              most_empty=theme.frame_height * 0.25)]


class TableWithCaptions(KeepTogether):
    """A data table kept with its title and its Source note, so neither is stranded on
    another page; but when moving it all to the next page would leave more than
    `most_empty` of this one blank, the table starts here and breaks across the pages
    (header repeated), and its Source note follows its last rows."""

    def __init__(self, flowables: list[Flowable], grid: Table, most_empty: float):
        super().__init__(flowables)
        self._grid, self._most_empty = grid, most_empty

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content = self._content
        if self._H > aH and aH > self._most_empty:
            index = content.index(self._grid)
            head = content[:index]
            head_h = sum(f.wrap(aW, aH)[1] + f.getSpaceAfter() + f.getSpaceBefore()
                         for f in head)
            parts = self._grid.split(aW, aH - head_h)
            if len(parts) == 2 and head_h + parts[0].wrap(aW, aH)[1] <= aH:
                return [KeepTogether([*head, parts[0]]), parts[1], *content[index + 1:]]
        return super().split(aW, aH)


def source_caption(table: DataTable, theme: Theme) -> list[Flowable]:
    color = theme.colors["link"]
    source = escape(table.source_name)  # its year follows, in the "figures as of" line
    if table.source_url:
        source = f'<a href={quoteattr(table.source_url)} color="{color}">{source}</a>'
    notes = f" {escape(table.notes)}" if table.notes else ""
    as_of = escape(as_of_line(table, theme.words))
    label = escape(theme.words("source_label"))
    return [Spacer(1, 2), Paragraph(f"<b>{label}</b> {source}.{notes} {as_of}",
                                    theme.styles["caption"])]
