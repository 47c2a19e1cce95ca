"""Diagram 3, year by year: one row per year with its stage and what happens in it."""

from __future__ import annotations

from guide.model import Timeline
from guide.timeline.parts import Bar, Diagram, Fonts, Label
from guide.timeline.scale import YearScale
from guide.timeline.text_fit import LEADING, fit_text


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
