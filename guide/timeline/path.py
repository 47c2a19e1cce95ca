"""Diagram 1, the path at a glance: stages on a year scale, milestones above, routes below."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from guide.model import Timeline
from guide.timeline.parts import Bar, Diagram, Fonts, Label, free_label, label_in
from guide.timeline.rows import RowPlacer
from guide.timeline.scale import YearScale, scale_caption, scale_for, stage_spans
from guide.timeline.text_fit import LEADING, MIN_SIZE, fit_text, fits, text_width
from guide.timeline.wording import route_text, routes_heading, years_phrase


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

    # The band: one bar per stage, label and length inside when they fit; a stage too short
    # for its name shows its number, and the legend under the scale names it.
    outside: list[int] = []
    pad = b * 0.3
    for i, stage in enumerate(timeline.stages):
        x0, x1, soft = spans[i]
        d.bars.append(Bar("stage", x0, band_top, x1 - x0, band_h, i, soft_from=soft,
                          open_ended=stage.open_ended))
        inner_w, inner_h = x1 - x0 - 2 * pad, band_h - 2 * pad
        title = stage.label
        years = years_phrase(stage.min_years, stage.max_years, stage.open_ended, fonts.words)
        lines, size = fit_text(title, fonts.bold, b * 0.78, inner_w, inner_h * 0.62, max_lines=2)
        if not fits(title, lines, fonts.bold, size, inner_w, 2):
            outside.append(i)
            solid_end = soft if soft is not None and soft - x0 > b * 1.2 else x1
            number = label_in(f"{i + 1}", fonts.bold, b * 0.78, x0, solid_end, band_top,
                              band_h, "stage-number", i, pad * 0.5)
            if fits(number.text, number.lines, fonts.bold, number.size, number.w + 0.01, 1):
                d.labels.append(number)  # else too narrow even for its number: see the legend
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
    scale_size = max(MIN_SIZE, b * 0.6)
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
    caption = free_label("caption", scale_caption(timeline, start_year, fonts.words), fonts.regular,
                         b * 0.6, 0, y, width)
    d.labels.append(caption)
    y += caption.h + gap

    if outside:
        y = stage_legend(d, timeline, outside, fonts, 0.0, y, width, gap)

    if timeline.routes:
        y = route_lanes(d, timeline, scale, starts, fonts, y + b * 0.5, width, gap)

    d.height = y + b * 0.2
    return d


def stage_legend(d: Diagram, timeline: Timeline, numbered: list[int], fonts: Fonts, x: float,
                 y: float, width: float, gap: float) -> float:
    """Stage names (and lengths) that did not fit in their bars, keyed by stage number."""
    b = fonts.base
    left, row_top, row_h = x, y, 0.0
    for i in numbered:
        stage = timeline.stages[i]
        length = years_phrase(stage.min_years, stage.max_years, stage.open_ended, fonts.words)
        text = f"{i + 1} {stage.label}, {length}"
        lines, size = fit_text(text, fonts.bold, b * 0.66, width, b * 0.66 * LEADING * 2,
                               max_lines=2)
        w = text_width(lines, fonts.bold, size) + 0.5
        h = len(lines) * size * LEADING
        if x > left and x + w > left + width:
            x, row_top, row_h = left, row_top + row_h + gap * 0.5, 0.0
        d.labels.append(Label("stage-note", text, x, row_top, w, h, lines, size, fonts.bold,
                              "left", i))
        x += w + b * 1.2
        row_h = max(row_h, h)
    return row_top + row_h + gap


def route_lanes(d: Diagram, timeline: Timeline, scale: YearScale, starts: dict[str, float],
                fonts: Fonts, y: float, width: float, gap: float) -> float:
    """Alternative routes as lanes starting where their first stage starts. Each lane reads
    "label, length": inside the bar when it fits, else beside it (right, then left)."""
    b = fonts.base
    order = [s.id for s in timeline.stages]
    covered: list[str] = []
    for route in timeline.routes:
        last = route.through or route.stage
        for sid in order[order.index(route.stage):order.index(last) + 1]:
            if sid not in covered:
                covered.append(sid)
    covered.sort(key=order.index)
    heading = routes_heading([timeline.stage(sid).label for sid in covered], fonts.words)
    d.labels.append(free_label("routes-heading", heading, fonts.bold, b * 0.72, 0, y, width))
    y += d.labels[-1].h + gap
    lane_h = b * 1.25
    size = b * 0.62
    pad = b * 0.25
    for r, route in enumerate(timeline.routes):
        x0 = starts[route.stage]
        x1 = min(width, x0 + max(scale.x(route.max_years), b * 0.35))
        soft = x0 + scale.x(route.min_years) if route.min_years < route.max_years else None
        d.bars.append(Bar("route", x0, y, x1 - x0, lane_h, r, soft_from=soft))
        text = route_text(route.label, years_phrase(route.min_years, route.max_years,
                                                    words=fonts.words), fonts.words)
        lines, fitted = fit_text(text, fonts.regular, size, x1 - x0 - 2 * pad, lane_h, 1)
        if fits(text, lines, fonts.regular, fitted, x1 - x0 - 2 * pad, 1):
            d.labels.append(label_in(text, fonts.regular, size, x0, x1, y, lane_h,
                                     "route-years", r, pad, align="left"))
        else:
            d.labels.append(beside_bar(text, fonts.regular, max(MIN_SIZE, size), x0, x1, y,
                                       lane_h, r, gap, width))
        y += lane_h + gap * 0.8
    return y


def beside_bar(text: str, font: str, size: float, x0: float, x1: float, top: float, h: float,
               index: int, gap: float, width: float) -> Label:
    """A route's label set next to a bar too short for it: right of it if there is room,
    else left of it, else over the lane from the left edge, wrapping at words."""
    w = stringWidth(text, font, size) + 0.5
    lh = size * LEADING
    if x1 + gap + w <= width:
        x, align = x1 + gap, "left"
    elif x0 - gap - w >= 0:
        x, align = x0 - gap - w, "right"
    else:
        lines, size = fit_text(text, font, size, max(width - x1 - gap, x0 - gap), h, 2)
        w = text_width(lines, font, size) + 0.5
        x = x1 + gap if width - x1 >= x0 else x0 - gap - w
        return Label("route", text, x, top + (h - len(lines) * size * LEADING) / 2, w,
                     len(lines) * size * LEADING, lines, size, font, "left", index)
    return Label("route", text, x, top + (h - lh) / 2, w, lh, [text], size, font, align, index)
