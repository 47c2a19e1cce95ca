"""Alt text for the diagrams, written from the data they are drawn from, so a reader who
cannot see the figure hears what it shows, in the booklet's language: the phrases come from
the strings file (the `alt_` keys), the lengths and years from the timeline's own wording."""

from __future__ import annotations

import math

from guide.model import DataTable, Timeline
from guide.text.formatting import format_value
from guide.text.wording import Wording
from guide.timeline.wording import year_name, year_span, years_phrase


def _length(stage, words: Wording) -> str:  # type: ignore[no-untyped-def] - a Stage or a Route
    return years_phrase(stage.min_years, stage.max_years, getattr(stage, "open_ended", False),
                        words)


def _year(years_in: float, start_year: int | None, words: Wording) -> str:
    """'year 3' (after high school) or '2029', for a point `years_in` years along."""
    index = int(math.floor(years_in + 1e-9))
    key = "span_calendar_year" if start_year else "span_year"
    return words(key, first=year_name(index, start_year))


def _milestones(timeline: Timeline, start_year: int | None, words: Wording) -> str:
    if not timeline.milestones:
        return ""
    starts = {s.id: timeline.stage_start(s.id) for s in timeline.stages}
    ordered = sorted(timeline.milestones, key=lambda m: starts[m.stage] + m.at)
    parts = [words("alt_milestone", label=m.label,
                   year=_year(starts[m.stage] + m.at, start_year, words)) for m in ordered]
    return " " + words("alt_milestones", list="; ".join(parts))


def _routes(timeline: Timeline, words: Wording) -> str:
    if not timeline.routes:
        return ""
    parts = [words("alt_route", label=r.label, length=_length(r, words),
                   stage=timeline.stage(r.stage).label) for r in timeline.routes]
    return " " + words("alt_routes", list="; ".join(parts))


def path_alt(timeline: Timeline, start_year: int | None, words: Wording) -> str:
    """'The path in 5 stages: College, 4 years; ... Milestones: MCAT in year 3; ...'"""
    stages = "; ".join(words("alt_stage", label=s.label, length=_length(s, words))
                       for s in timeline.stages)
    text = words("alt_path", stages=words.count("alt_stages", len(timeline.stages)),
                 list=stages)
    if start_year:
        text += " " + words("alt_start_year", year=start_year)
    return text + _milestones(timeline, start_year, words) + _routes(timeline, words)


def strip_alt(timeline: Timeline, stage_id: str, words: Wording) -> str:
    """'You are here: stage 2 of 5, Medical school (4 years), after College, before ...'"""
    ids = [s.id for s in timeline.stages]
    at = ids.index(stage_id)
    stage = timeline.stages[at]
    text = words("alt_strip", position=at + 1, count=len(ids), label=stage.label,
                 length=_length(stage, words))
    if at > 0:
        text += words("alt_after", label=timeline.stages[at - 1].label)
    if at + 1 < len(ids):
        text += words("alt_before", label=timeline.stages[at + 1].label)
    return text + "."


def years_alt(timeline: Timeline, start_year: int | None, words: Wording) -> str:
    """The year-by-year calendar: which stage each year belongs to."""
    parts, start = [], 0.0
    for stage in timeline.stages:
        first = int(math.floor(start + 1e-9))
        last = max(first, int(math.floor(start + stage.max_years - 1e-9)))
        span = year_span(first, last, start_year, stage.open_ended, words)
        key = "alt_stage_years_on" if stage.open_ended else "alt_stage_years"
        parts.append(words(key, label=stage.label, span=span))
        if stage.open_ended:
            break
        start += stage.max_years
    return words("alt_years", list="; ".join(parts)) + _milestones(timeline, start_year, words)


def chart_alt(table: DataTable, title: str, words: Wording) -> str:
    """'Bar chart, Median salary by specialty: Anesthesiology $400,000; ...'"""
    spec = table.chart
    assert spec is not None
    value_col = table.column(spec.value)  # its values as the chart prints them
    rows = [r for r in table.rows if r.get(spec.value) is not None]
    parts = [f"{r[spec.label]} {format_value(r[spec.value], value_col)}" for r in rows]
    return words("alt_chart", title=title, list="; ".join(parts))
