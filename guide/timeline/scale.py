"""The year scale shared by the diagrams: where each stage falls and what each year is called.

One rule for all three diagrams and the prose: stages sit on the *typical path*, each at its
longest length, one after the other; a range's shorter end is the optional (hatched) part of
its bar, and the earliest a stage can start (every earlier range at its shortest) is noted
beside it. Year k (0-based) is the span [k, k + 1) after the start of the path.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from guide.model import Timeline
from guide.text.wording import ENGLISH, Wording
from guide.timeline import wording
from guide.timeline.wording import in_sentence, year_name, years_phrase

__all__ = ["StageTime", "YearScale", "in_sentence", "scale_caption", "scale_for", "stage_spans",
           "stage_times", "stub_years", "years_phrase"]

EPS = 1e-9


@dataclass(frozen=True)
class StageTime:
    """Where one stage sits on the typical path, in years from the start."""

    start: float
    end: float            # equals start for the open-ended last stage
    earliest_start: float
    open_ended: bool

    @property
    def first_year(self) -> int:
        return int(math.floor(self.start + EPS))

    @property
    def last_year(self) -> int:
        """The last year the stage reaches into (its first for the open stage)."""
        if self.open_ended:
            return self.first_year
        return max(self.first_year, int(math.ceil(self.end - EPS)) - 1)

    @property
    def earliest_first_year(self) -> int:
        return int(math.floor(self.earliest_start + EPS))

    def year_of(self, at: float) -> int:
        """The year a milestone `at` years into the stage falls in, within the stage's rows."""
        year = int(math.floor(self.start + at + EPS))
        if self.open_ended:
            return self.first_year
        return min(max(year, self.first_year), self.last_year)


def stage_times(timeline: Timeline) -> list[StageTime]:
    times, start, earliest = [], 0.0, 0.0
    for stage in timeline.stages:
        end = start if stage.open_ended else start + stage.max_years
        times.append(StageTime(start, end, earliest, stage.open_ended))
        start, earliest = end, earliest + (0.0 if stage.open_ended else stage.min_years)
    return times


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
        return year_name(index, self.start_year)


def stub_years(stage_years: float) -> float:
    """How much of the scale an open-ended last stage takes: enough for its label."""
    return max(1.5, min(3.0, stage_years * 0.15))


def scale_for(timeline: Timeline, width: float, start_year: int | None) -> YearScale:
    fixed = timeline.total_max
    last = timeline.stages[-1]
    stub = 0.0
    if last.open_ended:
        # Room for the open stage's label, and for its milestones' markers inside the bar.
        latest = max((m.at for m in timeline.milestones if m.stage == last.id), default=0.0)
        stub = max(stub_years(fixed), latest + 0.75)
    return YearScale(years=fixed + stub, width=width, start_year=start_year)


def scale_caption(timeline: Timeline, start_year: int | None,
                  words: Wording = ENGLISH) -> str:
    return wording.scale_caption(timeline.unit, start_year, words)


def stage_spans(timeline: Timeline, scale: YearScale) -> list[tuple[float, float, float | None]]:
    """(x0, x1, x where the optional part of a range begins) for each stage."""
    spans = []
    for stage, time in zip(timeline.stages, stage_times(timeline), strict=True):
        end = scale.years if stage.open_ended else time.end
        soft = (scale.x(time.start + stage.min_years)
                if stage.min_years < stage.max_years and not stage.open_ended else None)
        spans.append((scale.x(time.start), scale.x(end), soft))
    return spans
