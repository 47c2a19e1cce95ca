"""The year scale shared by the diagrams: where each year falls and what it is called."""

from __future__ import annotations

from dataclasses import dataclass

from guide.model import Timeline


def years_phrase(low: float, high: float, open_ended: bool = False) -> str:
    """'4 years', '1 year', '3-4 years' or 'ongoing'."""
    if open_ended:
        return "ongoing"
    text = f"{low:g}" if low == high else f"{low:g}-{high:g}"
    return f"{text} year" if text == "1" else f"{text} years"



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

