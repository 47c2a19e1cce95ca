"""Diagram 3, year by year: one row per year with its stage and what happens in it."""

from __future__ import annotations

from guide.model import Timeline
from guide.timeline.parts import Bar, Diagram, Fonts, Label
from guide.timeline.scale import stage_times
from guide.timeline.text_fit import LEADING, fit_text
from guide.timeline.wording import calendar_year, ends_early


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
    # One row per year a stage reaches into, on the typical path (see scale.py): a stage
    # shorter than a year gets its own row, sharing the year with its neighbour.
    rows: list[tuple[int, int, bool, list[str]]] = []  # (year index, stage, first row?, events)
    for i, (stage, time) in enumerate(zip(timeline.stages, stage_times(timeline), strict=True)):
        for year in range(time.first_year, time.last_year + 1):
            events = [m.label for m in timeline.milestones
                      if m.stage == stage.id and time.year_of(m.at) == year]
            if year == time.first_year and stage.description:
                events.insert(0, stage.description)
            if year == time.last_year and stage.min_years < stage.max_years:
                events.append(ends_early(stage.label, stage.min_years, stage.max_years,
                                         fonts.words))
            rows.append((year, i, year == time.first_year, events))
    y = 0.0
    previous = None
    for year, i, first, events in rows:
        stage = timeline.stages[i]
        name = calendar_year(year, start_year, stage.open_ended, fonts.words)
        shown_name = name if name != previous else ""
        previous = name
        note = "; ".join(events) if events else ""
        note_lines, note_size = fit_text(note, fonts.regular, size, note_w, size * LEADING * 4,
                                         max_lines=4) if note else ([], size)
        stage_lines, stage_size = fit_text(stage.label, fonts.bold, size, stage_w,
                                           size * LEADING * 2, max_lines=2) if first else ([], size)
        row_h = max(b * 1.75, len(note_lines) * note_size * LEADING + b * 0.6,
                    len(stage_lines) * stage_size * LEADING + b * 0.6)
        mid = y + row_h / 2
        if shown_name:
            year_lines, year_size = fit_text(name, fonts.bold, size, year_w, size * LEADING, 1)
            yh = year_size * LEADING
            d.labels.append(Label("year", name, 0, mid - yh / 2, year_w, yh, year_lines,
                                  year_size, fonts.bold, "right", year))
        d.bars.append(Bar("year", rail_x + b * 0.6, y, stage_w + b * 0.8, row_h, i,
                          open_ended=stage.open_ended))
        d.marks.append({"role": "year", "x": rail_x, "y": mid, "r": b * 0.26, "index": i,
                        "first": first, "year": year})
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
