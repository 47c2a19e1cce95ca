"""Diagram 2, "you are here": the whole path in one strip, the reader's stage highlighted."""

from __future__ import annotations

from guide.model import Timeline
from guide.timeline.parts import Bar, Diagram, Fonts, Label, free_label
from guide.timeline.scale import scale_for, stage_spans, stage_times
from guide.timeline.text_fit import LEADING, fit_text, fits, text_width
from guide.timeline.wording import earliest_note, strip_caption, year_span, years_phrase


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
    numbered: list[int] = []
    for i, stage in enumerate(timeline.stages):
        x0, x1, soft = spans[i]
        d.bars.append(Bar("stage", x0, top, x1 - x0, bar_h, i, current=i == current,
                          soft_from=soft, open_ended=stage.open_ended))
        font = fonts.bold if i == current else fonts.regular
        inner = x1 - x0 - 2 * pad
        lines, size = fit_text(stage.label, font, b * 0.66, inner, bar_h - pad, max_lines=2)
        if not fits(stage.label, lines, font, size, inner, 2):
            numbered.append(i)
            lines, size = fit_text(str(i + 1), font, b * 0.66, inner, bar_h - pad, max_lines=1)
            text = str(i + 1)
            if soft is not None and soft - x0 > b * 1.2:
                x1 = soft  # centre a number in the solid part, clear of the hatching
            if not fits(text, lines, font, size, inner, 1):
                continue  # a bar too narrow even for its number: the legend names it
        else:
            text = stage.label
        w = min(inner, text_width(lines, font, size) + 0.5)
        h = len(lines) * size * LEADING
        d.labels.append(Label("stage", text, x0 + (x1 - x0 - w) / 2, top + (bar_h - h) / 2, w,
                              h, lines, size, font, "center", i))
    stage = timeline.stages[current]
    time = stage_times(timeline)[current]
    when = year_span(time.first_year, time.last_year, start_year, stage.open_ended, fonts.words)
    if time.earliest_first_year < time.first_year:
        when += ", " + earliest_note(time.earliest_first_year, start_year, fonts.words)
    pointer_x = (spans[current][0] + spans[current][1]) / 2
    # The pointer hangs below the bar, clear of a two-line label inside it.
    d.marks.append({"role": "here", "x": pointer_x, "y": top + bar_h + b * 0.18, "r": b * 0.3,
                    "index": current})
    length = years_phrase(stage.min_years, stage.max_years, stage.open_ended, fonts.words)
    caption = strip_caption(current + 1, len(timeline.stages), stage.label, length, when,
                            fonts.words)
    d.labels.append(free_label("caption", caption, fonts.regular, b * 0.66, 0,
                               top + bar_h + b * 0.7, width))
    y = top + bar_h + b * 0.7 + d.labels[-1].h
    if numbered:  # the stages shown by number, named once: beside the caption, else under it
        notes = ";  ".join(f"{i + 1} {timeline.stages[i].label}" for i in numbered)
        caption_label = d.labels[-1]
        note = free_label("stage-note", notes, fonts.regular, b * 0.6, 0, y + b * 0.15, width)
        if len(caption_label.lines) == 1 and len(note.lines) == 1 and \
                caption_label.w + b * 1.5 + note.w <= width:
            note.x, note.y = width - note.w, caption_label.y + caption_label.h - note.h
            note.align = "left"
        else:
            y += b * 0.15 + note.h
        d.labels.append(note)
    d.height = y + b * 0.2
    return d
