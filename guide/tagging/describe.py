"""Alt text for the diagrams, written from the data they are drawn from, so a reader who
cannot see the figure hears what it shows. Every English word is here, one small function
per diagram, so a translation of the booklet replaces this module's phrases only."""

from __future__ import annotations

import math

from guide.model import DataTable, Timeline
from guide.text.formatting import format_value

NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve"]


def _count(n: int, noun: str) -> str:
    word = NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)
    return f"{word} {noun}{'' if n == 1 else 's'}"


def _years(stage) -> str:  # type: ignore[no-untyped-def]
    if stage.open_ended:
        return "ongoing"
    text = stage.years_text
    return f"{text} year" if text == "1" else f"{text} years"


def _year_name(years_in: float, start_year: int | None) -> str:
    index = int(math.floor(years_in + 1e-9))
    return str(start_year + index) if start_year else f"year {index + 1}"


def _milestones(timeline: Timeline, start_year: int | None) -> str:
    if not timeline.milestones:
        return ""
    starts = {s.id: timeline.stage_start(s.id) for s in timeline.stages}
    ordered = sorted(timeline.milestones, key=lambda m: starts[m.stage] + m.at)
    parts = [f"{m.label} in {_year_name(starts[m.stage] + m.at, start_year)}" for m in ordered]
    return " Milestones: " + "; ".join(parts) + "."


def _routes(timeline: Timeline) -> str:
    if not timeline.routes:
        return ""
    parts = [f"{r.label}, {r.years_text} years, during {timeline.stage(r.stage).label.lower()}"
             for r in timeline.routes]
    return " Other routes: " + "; ".join(parts) + "."


def path_alt(timeline: Timeline, start_year: int | None) -> str:
    """'The path in five stages: College, 4 years; ... Milestones: MCAT in year 3; ...'"""
    stages = "; ".join(f"{s.label}, {_years(s)}" for s in timeline.stages)
    start = f" Starting college in {start_year}." if start_year else ""
    return (f"The path in {_count(len(timeline.stages), 'stage')}: {stages}.{start}"
            f"{_milestones(timeline, start_year)}{_routes(timeline)}")


def strip_alt(timeline: Timeline, stage_id: str) -> str:
    """'You are here: stage 2 of 5, Medical school (4 years), after College, before ...'"""
    ids = [s.id for s in timeline.stages]
    at = ids.index(stage_id)
    stage = timeline.stages[at]
    text = (f"You are here: stage {at + 1} of {len(ids)}, {stage.label} ({_years(stage)})")
    if at > 0:
        text += f", after {timeline.stages[at - 1].label}"
    if at + 1 < len(ids):
        text += f", before {timeline.stages[at + 1].label}"
    return text + "."


def years_alt(timeline: Timeline, start_year: int | None) -> str:
    """The year-by-year calendar: which stage each year belongs to."""
    parts, start = [], 0.0
    for stage in timeline.stages:
        if stage.open_ended:
            parts.append(f"{stage.label} from {_year_name(start, start_year)} on")
            break
        first = _year_name(start, start_year)
        last = _year_name(start + stage.max_years - 1, start_year)
        span = first if first == last else f"{first} to {last.removeprefix('year ')}"
        parts.append(f"{stage.label} in {span}")
        start += stage.max_years
    return ("Year by year: " + "; ".join(parts) + "."
            + _milestones(timeline, start_year))


def chart_alt(table: DataTable, title: str) -> str:
    """'Bar chart, Median salary by specialty: Anesthesiology $400,000; ...'"""
    spec = table.chart
    assert spec is not None
    value_col = table.column(spec.value)
    rows = [r for r in table.rows if r.get(spec.value) is not None]
    parts = [f"{r[spec.label]} {format_value(r[spec.value], value_col)}" for r in rows]
    return f"Bar chart, {title}: " + "; ".join(parts) + "."
