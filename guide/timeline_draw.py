"""Timeline diagrams drawn from timeline.yml (first version: the path ribbon)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from .colors import text_on, tint
from .errors import ContentError

if TYPE_CHECKING:
    from .convert import ChapterConverter
    from .model import Timeline
    from .pipeline import BuildOptions
    from .theme import Theme


def stage_strip(timeline: Timeline, stage_id: str, theme: Theme,
                options: BuildOptions) -> list[Flowable]:
    """The compact "you are here" strip at the top of a stage chapter."""
    return []


def timeline_directive(options: BuildOptions):  # type: ignore[no-untyped-def]
    def build(conv: ChapterConverter, arg: str, line: int) -> list[Flowable]:
        timeline = conv.env.guide.timeline
        if timeline is None:
            raise ContentError(conv.chapter.path, line, "this pack has no timeline.yml")
        theme = conv.theme
        width = theme.frame_width
        stages = timeline.stages
        total = sum(s.max_years for s in stages)
        height = theme.base * 4
        drawing = Drawing(width, height)
        x = 0.0
        for index, stage in enumerate(stages):
            w = width * stage.max_years / total
            fill = tint(theme.colors["primary"], 0.15 * (index % 4))
            drawing.add(Rect(x, 0, w - 2, height, fillColor=HexColor(fill), strokeColor=None))
            drawing.add(String(x + 3, height / 2, stage.label, fontName=theme.faces.heading.bold,
                               fontSize=theme.base * 0.7, fillColor=HexColor(text_on(fill))))
            x += w
        return [drawing]

    return build
