"""Diagram 2, "you are here": the whole path in one strip, the reader's stage highlighted."""

from __future__ import annotations

from guide.model import Timeline
from guide.timeline.parts import Bar, Diagram, Fonts, Label, free_label
from guide.timeline.scale import scale_for, stage_spans, years_phrase
from guide.timeline.text_fit import LEADING, fit_text, text_width


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
    d.labels.append(free_label("caption", caption, fonts.regular, b * 0.66, 0,
                                top + bar_h + b * 0.7, width))
    d.height = top + bar_h + b * 0.7 + d.labels[-1].h + b * 0.2
    return d
