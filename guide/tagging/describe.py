"""Alt text for the diagrams, written from the data they are drawn from, so a reader who
cannot see the figure hears what it shows. The path diagram's phrases come from the strings
files (the `alt_*` keys), so the flyer and poster describe it in the pack's language; the
other diagrams' are English, one small function each."""

from __future__ import annotations

import math

from guide.model import DataTable, Timeline
from guide.text.formatting import format_value
from guide.text.wording import ENGLISH, Wording


def _count(n: int, key: str, words: Wording) -> str:
    """'five stages': the number in words up to twelve, by the language's plural forms."""
    names = [name.strip() for name in words("alt_number_words").split(",")]
    forms = words.strings[key]
    text = forms.get(words.locale.plural_form(n)) or forms["other"]
    return text.format(n=names[n] if n < len(names) else words.number(n))


def _years(stage, words: Wording = ENGLISH) -> str:  # type: ignore[no-untyped-def]
    if stage.open_ended:
        return words("alt_ongoing")
    text = stage.years_text
    forms = words.strings["alt_years"]
    return (forms["one"] if text == "1" else forms["other"]).format(n=text)


def _year_name(years_in: float, start_year: int | None, words: Wording = ENGLISH) -> str:
    index = int(math.floor(years_in + 1e-9))
    return str(start_year + index) if start_year else words("alt_year", n=index + 1)


def _milestones(timeline: Timeline, start_year: int | None, words: Wording = ENGLISH) -> str:
    if not timeline.milestones:
        return ""
    starts = {s.id: timeline.stage_start(s.id) for s in timeline.stages}
    ordered = sorted(timeline.milestones, key=lambda m: starts[m.stage] + m.at)
    parts = [words("alt_milestone", label=m.label,
                   when=_year_name(starts[m.stage] + m.at, start_year, words)) for m in ordered]
    return words("alt_milestones", list="; ".join(parts))


def _routes(timeline: Timeline, words: Wording) -> str:
    if not timeline.routes:
        return ""
    parts = [words("alt_route", label=r.label, years=r.years_text,
                   stage=timeline.stage(r.stage).label.lower()) for r in timeline.routes]
    return words("alt_routes", list="; ".join(parts))


def path_alt(timeline: Timeline, start_year: int | None, words: Wording = ENGLISH) -> str:
    """'The path in five stages: College, 4 years; ... Milestones: MCAT in year 3; ...'"""
    stages = "; ".join(words("alt_stage", label=s.label, length=_years(s, words))
                       for s in timeline.stages)
    return words("alt_path", count=_count(len(timeline.stages), "alt_stages", words),
                 stages=stages, start=words("alt_start", year=start_year) if start_year else "",
                 milestones=_milestones(timeline, start_year, words),
                 routes=_routes(timeline, words))


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
