"""Geometry of the timeline diagrams: where every bar, marker and label goes.

Plain data out (boxes measured from the diagram's top-left corner, y down), so the look can
live in templates and the placement can be tested: labels wrap, then shrink, and never
overlap or leave the diagram.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from guide.model import Timeline

MIN_SIZE = 4.6  # points; below this a label is not readable in print
LEADING = 1.18


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    base: float  # body size of the booklet


@dataclass
class Label:
    """A block of text: its box, its lines (already wrapped) and its size."""

    role: str
    text: str
    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    size: float
    font: str
    align: str = "left"
    index: int = 0  # the stage, milestone or route it belongs to

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.x + self.w, self.y + self.h)

    def as_dict(self) -> dict:
        return {"role": self.role, "text": "\n".join(self.lines), "x": self.x, "y": self.y,
                "w": self.w, "h": self.h, "size": self.size, "font": self.font,
                "align": self.align, "index": self.index, "leading": LEADING}


@dataclass
class Bar:
    role: str
    x: float
    y: float
    w: float
    h: float
    index: int
    current: bool = False
    soft_from: float | None = None  # x where the range's optional part begins
    open_ended: bool = False

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Diagram:
    """Everything a timeline template draws, in points from the top-left corner."""

    kind: str
    width: float
    height: float = 0.0
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    marks: list[dict] = field(default_factory=list)   # milestone markers: x, y, r
    lines: list[dict] = field(default_factory=list)   # connectors and rules: x1, y1, x2, y2
    ticks: list[dict] = field(default_factory=list)   # scale divisions: x, y1, y2

    def context(self, faces: dict[str, str]) -> dict:
        """Plain data for a template; `faces` maps font names to the template's font roles."""
        labels = []
        for lab in self.labels:
            item = lab.as_dict()
            item["font"] = faces.get(lab.font, "heading")
            labels.append(item)
        return {"kind": self.kind, "width": self.width, "height": self.height,
                "bars": [b.as_dict() for b in self.bars], "labels": labels,
                "marks": self.marks, "lines": self.lines, "ticks": self.ticks}


# -- fitting text ------------------------------------------------------------------------
def wrap_words(text: str, font: str, size: float, width: float) -> list[str] | None:
    """Greedy word wrap; None when a single word is wider than `width`."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if stringWidth(word, font, size) > width:
            return None
        trial = f"{current} {word}".strip()
        if stringWidth(trial, font, size) <= width:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


def break_characters(text: str, font: str, size: float, width: float) -> list[str]:
    """Last resort for a word longer than its box: break it between characters."""
    lines, current = [], ""
    for ch in text:
        if stringWidth(current + ch, font, size) > width and current:
            lines.append(current.rstrip())
            current = ch.lstrip()
        else:
            current += ch
    return lines + [current] if current else lines


def fit_text(text: str, font: str, size: float, width: float, height: float,
             max_lines: int = 3) -> tuple[list[str], float]:
    """Lines and size that fit `width` x `height`: wrap first, then shrink, never clip."""
    size = max(size, MIN_SIZE)
    while True:
        lines = wrap_words(text, font, size, width)
        if lines is not None and len(lines) <= max_lines and len(lines) * size * LEADING <= height:
            return lines, size
        if size * 0.92 < MIN_SIZE:
            break
        size *= 0.92
    size = MIN_SIZE
    lines = wrap_words(text, font, size, width) or break_characters(text, font, size, width)
    return lines, size


def text_width(lines: list[str], font: str, size: float) -> float:
    return max((stringWidth(line, font, size) for line in lines), default=0.0)


def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float],
             gap: float = 0.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def years_phrase(low: float, high: float, open_ended: bool = False) -> str:
    """'4 years', '1 year', '3-4 years' or 'ongoing'."""
    if open_ended:
        return "ongoing"
    text = f"{low:g}" if low == high else f"{low:g}-{high:g}"
    return f"{text} year" if text == "1" else f"{text} years"


# -- the year scale ----------------------------------------------------------------------
@dataclass(frozen=True)
class YearScale:
    """Maps years along the path to x; knows how to name each year."""

    years: float          # years shown, including the open-ended stage's stub
    width: float
    start_year: int | None

    def x(self, years: float) -> float:
        return self.width * years / self.years

    def name(self, index: int) -> str:
        """The name of year `index` (0-based): a calendar year or a count after high school."""
        return str(self.start_year + index) if self.start_year else str(index + 1)


def stub_years(stage_years: float) -> float:
    """How much of the scale an open-ended last stage takes: enough for its label."""
    return max(1.5, min(3.0, stage_years * 0.15))


def scale_for(timeline: Timeline, width: float, start_year: int | None) -> YearScale:
    fixed = timeline.total_max
    last = timeline.stages[-1]
    years = fixed + (stub_years(fixed) if last.open_ended else 0.0)
    return YearScale(years=years, width=width, start_year=start_year)


def in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: "Residency" becomes "residency", while "PharmD
    program" and "DPT" keep their capitals."""
    first, _, rest = label.partition(" ")
    if first[:1].isupper() and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}" if rest else first


def scale_caption(timeline: Timeline, start_year: int | None) -> str:
    if start_year:
        return f"Calendar years, starting college in {start_year}"
    return timeline.unit[:1].upper() + timeline.unit[1:]


def stage_spans(timeline: Timeline, scale: YearScale) -> list[tuple[float, float, float | None]]:
    """(x0, x1, x where the optional part of a range begins) for each stage."""
    spans, start = [], 0.0
    for stage in timeline.stages:
        length = (scale.years - start) if stage.open_ended else stage.max_years
        soft = scale.x(start + stage.min_years) if stage.min_years < stage.max_years else None
        spans.append((scale.x(start), scale.x(start + length), soft))
        start += length
    return spans


# -- placing labels in rows without collisions ---------------------------------------------
@dataclass
class RowPlacer:
    """Puts flag-style labels (starting at their anchor, connector along the left edge) into
    rows, row 0 next to the anchors, so that no two overlap and none covers a connector.

    Place anchors from right to left: a label then only ever extends over anchors already
    placed, whose connectors it must clear by going to a row nearer the anchors.
    """

    width: float
    gap: float
    rows: list[list[tuple[float, float]]] = field(default_factory=list)  # x-extents per row
    connectors: list[tuple[float, int]] = field(default_factory=list)    # (x, row it ends in)

    def place(self, anchor: float, w: float) -> tuple[int, float]:
        x0 = min(max(0.0, anchor - 1.0), max(0.0, self.width - w))
        row = 0
        while True:
            if row == len(self.rows):
                self.rows.append([])
            # Once past as many rows as there are labels, a new row is free of labels and
            # connectors; the own-connector rule is then dropped so placement always ends
            # (it can only fail when a label was pushed left at the diagram's right edge).
            if self._free(row, x0, x0 + w, anchor, own_connector=row <= len(self.connectors)):
                self.rows[row].append((x0, x0 + w))
                self.connectors.append((anchor, row))
                return row, x0
            row += 1

    def _free(self, row: int, x0: float, x1: float, anchor: float, own_connector: bool) -> bool:
        g = self.gap
        if any(x0 < b + g and a < x1 + g for a, b in self.rows[row]):
            return False
        # A connector passing through this row must not run under the label...
        if any(ends > row and x0 - g <= x <= x1 + g for x, ends in self.connectors):
            return False
        # ...and this label's own connector must not cross labels in the rows it passes.
        if own_connector:
            return not any(a - g <= anchor <= b + g for r in range(row) for a, b in self.rows[r])
        return True


# -- diagram 1: the path at a glance -------------------------------------------------------
def path_diagram(timeline: Timeline, width: float, fonts: Fonts,
                 start_year: int | None = None) -> Diagram:
    b = fonts.base
    d = Diagram("path", width)
    scale = scale_for(timeline, width, start_year)
    spans = stage_spans(timeline, scale)
    gap = b * 0.35

    # Milestone labels in rows above the band; row 0 is closest to it.
    milestone_size = b * 0.68
    placer = RowPlacer(width, gap)
    placed = []
    starts = {s.id: spans[i][0] for i, s in enumerate(timeline.stages)}
    milestones = sorted(enumerate(timeline.milestones),
                        key=lambda im: -(starts[im[1].stage] + scale.x(im[1].at)))
    max_w = max(width * 0.26, b * 7)
    for index, milestone in milestones:
        anchor = starts[milestone.stage] + scale.x(milestone.at)
        lines, size = fit_text(milestone.label, fonts.regular, milestone_size, max_w,
                               milestone_size * LEADING * 2, max_lines=2)
        w = text_width(lines, fonts.regular, size) + 0.5
        row, x0 = placer.place(anchor, w)
        placed.append((index, anchor, row, x0, w, lines, size))
    # Each row is as tall as its tallest label; row 0 sits just above the band.
    row_heights = [0.0] * len(placer.rows)
    for _, _, row, _, _, lines, size in placed:
        row_heights[row] = max(row_heights[row], len(lines) * size * LEADING + gap)
    rows_h = sum(row_heights)
    band_top = rows_h + (b * 0.6 if placed else 0.0)
    band_h = b * 3.0
    for index, anchor, row, x0, w, lines, size in placed:
        h = len(lines) * size * LEADING
        y = rows_h - sum(row_heights[:row + 1]) + (row_heights[row] - gap - h)  # bottom-aligned
        d.labels.append(Label("milestone", timeline.milestones[index].label, x0, y, w, h,
                              lines, size, fonts.regular, "left", index))
        d.lines.append({"role": "connector", "x1": anchor, "y1": y + h + 1.2,
                        "x2": anchor, "y2": band_top})
        d.marks.append({"role": "milestone", "x": anchor, "y": band_top, "r": b * 0.28,
                        "index": index})

    # The band: one bar per stage, label and length inside when they fit.
    outside: list[tuple[int, float]] = []
    pad = b * 0.3
    for i, stage in enumerate(timeline.stages):
        x0, x1, soft = spans[i]
        d.bars.append(Bar("stage", x0, band_top, x1 - x0, band_h, i, soft_from=soft,
                          open_ended=stage.open_ended))
        inner_w, inner_h = x1 - x0 - 2 * pad, band_h - 2 * pad
        title = stage.label
        years = years_phrase(stage.min_years, stage.max_years, stage.open_ended)
        lines, size = fit_text(title, fonts.bold, b * 0.78, inner_w, inner_h * 0.62, max_lines=2)
        if size < b * 0.55 or text_width(lines, fonts.bold, size) > inner_w:
            outside.append((i, (x0 + x1) / 2))
            solid_end = soft if soft is not None and soft - x0 > b * 1.2 else x1
            d.labels.append(_label_in(f"{i + 1}", fonts.bold, b * 0.78, x0, solid_end, band_top,
                                      band_h, "stage-number", i, pad * 0.5))
            continue
        h = len(lines) * size * LEADING
        years_size = max(MIN_SIZE, min(size * 0.82, b * 0.62))
        yh = years_size * LEADING
        show_years = (h + yh <= band_h - pad
                      and stringWidth(years, fonts.regular, years_size) <= inner_w)
        top = band_top + (band_h - h - (yh if show_years else 0.0)) / 2
        d.labels.append(Label("stage", title, x0 + pad, top, inner_w, h, lines, size,
                              fonts.bold, "left", i))
        if show_years:  # the scale under the band says it too, so it may be left out
            d.labels.append(Label("stage-years", years, x0 + pad, top + h, inner_w, yh,
                                  [years], years_size, fonts.regular, "left", i))

    # The year scale under the band.
    y = band_top + band_h
    scale_size = b * 0.6
    names = [scale.name(i) for i in range(int(timeline.total_max) + 1)]
    cell = scale.x(1)
    widest = max(stringWidth(n, fonts.regular, scale_size) for n in names)
    step = 1
    while widest + gap > cell * step:
        step += 1
    for i in range(int(scale.years) + 1):
        d.ticks.append({"x": scale.x(i), "y1": y, "y2": y + b * 0.35})
    for i, name in enumerate(names):
        if i % step or scale.x(i + 0.5) + widest / 2 > width:
            continue
        x_mid = scale.x(i + 0.5)
        w = stringWidth(name, fonts.regular, scale_size) + 0.5
        d.labels.append(Label("year", name, min(max(0.0, x_mid - w / 2), width - w), y + b * 0.4, w,
                              scale_size * LEADING, [name], scale_size, fonts.regular,
                              "center", i))
    y += b * 0.4 + scale_size * LEADING + gap * 0.5
    caption = _free_label("caption", scale_caption(timeline, start_year), fonts.regular,
                          b * 0.6, 0, y, width)
    d.labels.append(caption)
    y += caption.h + gap

    # Stage names that did not fit inside their bars: a legend keyed by stage number.
    if outside:
        x, row_top, row_h = 0.0, y, 0.0
        for i, _ in outside:
            text = f"{i + 1} {timeline.stages[i].label}"
            lines, size = fit_text(text, fonts.bold, b * 0.66, width, b * 0.66 * LEADING * 2,
                                   max_lines=2)
            w = text_width(lines, fonts.bold, size) + 0.5
            h = len(lines) * size * LEADING
            if x > 0 and x + w > width:
                x, row_top, row_h = 0.0, row_top + row_h + gap * 0.5, 0.0
            d.labels.append(Label("stage-note", text, x, row_top, w, h, lines, size, fonts.bold,
                                  "left", i))
            x += w + b * 1.2
            row_h = max(row_h, h)
        y = row_top + row_h + gap

    # Alternative routes as lanes, starting where their stage starts.
    if timeline.routes:
        y += b * 0.5
        heading = "Routes through " + in_sentence(timeline.stage(timeline.routes[0].stage).label)
        d.labels.append(_free_label("routes-heading", heading, fonts.bold, b * 0.72, 0, y, width))
        y += b * 0.72 * LEADING + gap
        lane_h = b * 1.25
        for r, route in enumerate(timeline.routes):
            x0 = starts[route.stage]
            x1 = min(width, x0 + scale.x(route.max_years))
            soft = x0 + scale.x(route.min_years) if route.min_years < route.max_years else None
            d.bars.append(Bar("route", x0, y, x1 - x0, lane_h, r, soft_from=soft))
            name_w = x0 - gap * 2
            lines, size = fit_text(route.label, fonts.regular, b * 0.7, name_w, lane_h, 1) \
                if name_w > b * 3 else ([], 0.0)
            if lines and text_width(lines, fonts.regular, size) <= name_w:
                w = text_width(lines, fonts.regular, size) + 0.5
                d.labels.append(Label("route", route.label, x0 - gap - w,
                                      y + (lane_h - size * LEADING) / 2, w, size * LEADING,
                                      lines, size, fonts.regular, "right", r))
                inside = years_phrase(route.min_years, route.max_years)
            else:
                inside = f"{route.label}, {years_phrase(route.min_years, route.max_years)}"
            lab = _label_in(inside, fonts.regular, b * 0.62, x0, x1, y, lane_h, "route-years", r,
                            b * 0.25, align="left")
            d.labels.append(lab)
            y += lane_h + gap * 0.8

    d.height = y + b * 0.2
    return d


def _label_in(text: str, font: str, size: float, x0: float, x1: float, top: float, h: float,
              role: str, index: int, pad: float, align: str = "center") -> Label:
    """A label centred vertically in a bar, fitted to it."""
    inner = max(1.0, x1 - x0 - 2 * pad)
    lines, size = fit_text(text, font, size, inner, h - 2 * pad * 0.5, max_lines=1)
    w = min(inner, text_width(lines, font, size) + 0.5)
    lh = len(lines) * size * LEADING
    x = x0 + (x1 - x0 - w) / 2 if align == "center" else x0 + pad
    return Label(role, text, x, top + (h - lh) / 2, w, lh, lines, size, font, align, index)


def _free_label(role: str, text: str, font: str, size: float, x: float, y: float,
                width: float) -> Label:
    lines, size = fit_text(text, font, size, width, size * LEADING * 2, max_lines=2)
    return Label(role, text, x, y, text_width(lines, font, size) + 0.5,
                 len(lines) * size * LEADING, lines, size, font, "left")


# -- diagram 2: you are here ---------------------------------------------------------------
def strip_diagram(timeline: Timeline, stage_id: str, width: float, fonts: Fonts,
                  start_year: int | None = None) -> Diagram:
    b = fonts.base
    d = Diagram("strip", width)
    scale = scale_for(timeline, width, start_year)
    spans = stage_spans(timeline, scale)
    bar_h = b * 1.7
    pad = b * 0.25
    current = next(i for i, s in enumerate(timeline.stages) if s.id == stage_id)
    top = 0.0
    for i, stage in enumerate(timeline.stages):
        x0, x1, soft = spans[i]
        d.bars.append(Bar("stage", x0, top, x1 - x0, bar_h, i, current=i == current,
                          soft_from=soft, open_ended=stage.open_ended))
        font = fonts.bold if i == current else fonts.regular
        inner = x1 - x0 - 2 * pad
        lines, size = fit_text(stage.label, font, b * 0.66, inner, bar_h - pad, max_lines=2)
        if size < b * 0.5 or text_width(lines, font, size) > inner:
            lines, size = fit_text(str(i + 1), font, b * 0.66, inner, bar_h - pad, max_lines=1)
            text = str(i + 1)
            if soft is not None and soft - x0 > b * 1.2:
                x1 = soft  # centre a number in the solid part, clear of the hatching
        else:
            text = stage.label
        w = min(inner, text_width(lines, font, size) + 0.5)
        h = len(lines) * size * LEADING
        d.labels.append(Label("stage", text, x0 + (x1 - x0 - w) / 2, top + (bar_h - h) / 2, w,
                              h, lines, size, font, "center", i))
    stage = timeline.stages[current]
    # Earliest start (every earlier range at its shortest) to latest end (at its longest).
    earliest = sum(s.min_years for s in timeline.stages[:current])
    start = timeline.stage_start(stage.id)
    first, last = int(earliest), int(start + stage.max_years) - 1
    if stage.open_ended:
        when = f"from {scale.name(first)}" if start_year else f"from year {scale.name(first)}"
    elif first == last:
        when = scale.name(first) if start_year else f"year {scale.name(first)}"
    else:
        when = (f"{scale.name(first)}-{scale.name(last)}" if start_year
                else f"years {scale.name(first)}-{scale.name(last)}")
    pointer_x = (spans[current][0] + spans[current][1]) / 2
    # The pointer hangs below the bar, clear of a two-line label inside it.
    d.marks.append({"role": "here", "x": pointer_x, "y": top + bar_h + b * 0.18, "r": b * 0.3,
                    "index": current})
    length = years_phrase(stage.min_years, stage.max_years, stage.open_ended)
    caption = (f"You are here: stage {current + 1} of {len(timeline.stages)}, {stage.label} "
               f"({length}; {when})")
    d.labels.append(_free_label("caption", caption, fonts.regular, b * 0.66, 0,
                                top + bar_h + b * 0.7, width))
    d.height = top + bar_h + b * 0.7 + d.labels[-1].h + b * 0.2
    return d


# -- diagram 3: year by year ---------------------------------------------------------------
def years_diagram(timeline: Timeline, width: float, fonts: Fonts,
                  start_year: int | None = None) -> Diagram:
    """One row per year: the year, the stage it belongs to, and what happens in it."""
    b = fonts.base
    d = Diagram("years", width)
    year_w = b * 3.6
    stage_w = min(width * 0.32, b * 10)
    rail_x = year_w + b * 0.9
    text_x = rail_x + b * 1.0 + stage_w + b * 0.6
    note_w = width - text_x
    size = b * 0.74
    rows: list[tuple[int, int, bool, list[str]]] = []  # (year index, stage, first row?, events)
    start = 0.0
    for i, stage in enumerate(timeline.stages):
        count = 1 if stage.open_ended else int(round(stage.max_years))
        for k in range(count):
            events = [m.label for m in timeline.milestones
                      if m.stage == stage.id and int(m.at) == k]
            if k == 0 and stage.description:
                events.insert(0, stage.description)
            if k == count - 1 and stage.min_years < stage.max_years:
                events.append(f"({stage.label} can end after {stage.min_years:g} years)")
            rows.append((int(start) + k, i, k == 0, events))
        start += count
    y = 0.0
    scale = YearScale(years=start, width=width, start_year=start_year)
    for year, i, first, events in rows:
        stage = timeline.stages[i]
        name = scale.name(year) if start_year else f"Year {scale.name(year)}"
        if stage.open_ended:
            name = f"{scale.name(year)} on" if start_year else f"Year {scale.name(year)}+"
        note = "; ".join(events) if events else ""
        note_lines, note_size = fit_text(note, fonts.regular, size, note_w, size * LEADING * 3,
                                         max_lines=3) if note else ([], size)
        stage_lines, stage_size = fit_text(stage.label, fonts.bold, size, stage_w,
                                           size * LEADING * 2, max_lines=2) if first else ([], size)
        row_h = max(b * 1.75, len(note_lines) * note_size * LEADING + b * 0.6,
                    len(stage_lines) * stage_size * LEADING + b * 0.6)
        mid = y + row_h / 2
        year_lines, year_size = fit_text(name, fonts.bold, size, year_w, size * LEADING, 1)
        yh = year_size * LEADING
        d.labels.append(Label("year", name, 0, mid - yh / 2, year_w, yh, year_lines, year_size,
                              fonts.bold, "right", year))
        d.bars.append(Bar("year", rail_x + b * 0.6, y, stage_w + b * 0.8, row_h, i,
                          open_ended=stage.open_ended))
        d.marks.append({"role": "year", "x": rail_x, "y": mid, "r": b * 0.26, "index": i,
                        "first": first})
        if stage_lines:
            h = len(stage_lines) * stage_size * LEADING
            d.labels.append(Label("stage", stage.label, rail_x + b * 1.0, mid - h / 2, stage_w,
                                  h, stage_lines, stage_size, fonts.bold, "left", i))
        if note_lines:
            h = len(note_lines) * note_size * LEADING
            d.labels.append(Label("event", note, text_x, mid - h / 2, note_w, h, note_lines,
                                  note_size, fonts.regular, "left", i))
        y += row_h
    d.lines.append({"role": "rail", "x1": rail_x, "y1": 0, "x2": rail_x, "y2": y})
    d.height = y + b * 0.2
    return d
