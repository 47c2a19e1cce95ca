"""Diagram 1, the path at a glance: stages on a year scale, milestones above, routes below."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from guide.model import Timeline
from guide.timeline.parts import Bar, Diagram, Fonts, Label, free_label, label_in
from guide.timeline.rows import RowPlacer
from guide.timeline.scale import in_sentence, scale_caption, scale_for, stage_spans, years_phrase
from guide.timeline.text_fit import LEADING, MIN_SIZE, fit_text, text_width


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
            d.labels.append(label_in(f"{i + 1}", fonts.bold, b * 0.78, x0, solid_end, band_top,
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
    caption = free_label("caption", scale_caption(timeline, start_year), fonts.regular,
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
        d.labels.append(free_label("routes-heading", heading, fonts.bold, b * 0.72, 0, y, width))
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
            lab = label_in(inside, fonts.regular, b * 0.62, x0, x1, y, lane_h, "route-years", r,
                            b * 0.25, align="left")
            d.labels.append(lab)
            y += lane_h + gap * 0.8

    d.height = y + b * 0.2
    return d
