"""Timeline diagrams as flowables: geometry from the diagram modules, look from templates/."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Spacer

from guide.convert.context import ConverterView
from guide.errors import ContentError
from guide.layout.shapes import PageBox, ShapePainter, Templates
from guide.layout.theme import Theme
from guide.model import Timeline
from guide.timeline.parts import Diagram, Fonts
from guide.timeline.path import path_diagram
from guide.timeline.strip import strip_diagram
from guide.timeline.years import years_diagram

TEMPLATES = {"path": "timeline-path.yml.j2", "strip": "timeline-strip.yml.j2",
             "years": "timeline-years.yml.j2"}


class TimelineDiagram(Flowable):
    """A diagram drawn by its template at the size its layout measured."""

    def __init__(self, diagram: Diagram, theme: Theme, templates: Templates, alt_text: str = ""):
        super().__init__()
        self.diagram, self.theme, self.templates = diagram, theme, templates
        self.alt_text = alt_text  # what the figure shows, in words (guide.tagging.describe)
        self.width, self.height = diagram.width, diagram.height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        shapes = self.templates.shapes(TEMPLATES[self.diagram.kind],
                                       template_context(self.diagram, self.theme))
        ShapePainter(self.theme, PageBox(self.width, self.height)).draw(self.canv, shapes)


def template_context(diagram: Diagram, theme: Theme) -> dict[str, Any]:
    """What a timeline template receives: the measured diagram, colours and body size."""
    faces = {theme.faces.heading.bold: "heading-bold", theme.faces.heading.regular: "heading"}
    return {"diagram": diagram.context(faces), "colors": theme.colors, "base": theme.base}


def diagram_fonts(theme: Theme) -> Fonts:
    return Fonts(regular=theme.faces.heading.regular, bold=theme.faces.heading.bold,
                 base=theme.base, words=theme.words)


def stage_strip(timeline: Timeline, stage_id: str, theme: Theme, start_year: int | None,
                templates: Templates | None = None) -> list[Flowable]:
    """The compact "you are here" strip at the top of a stage chapter."""
    if stage_id not in {s.id for s in timeline.stages}:
        return []
    diagram = strip_diagram(timeline, stage_id, theme.frame_width, diagram_fonts(theme),
                            start_year)
    from guide.tagging.describe import strip_alt
    return [TimelineDiagram(diagram, theme, templates or Templates(),
                            strip_alt(timeline, stage_id, theme.words)),
            Spacer(1, theme.base * 0.9)]


def timeline_directive(conv: ConverterView, arg: str, line: int) -> list[Flowable]:
    """`::: timeline path` and `::: timeline years`."""
    timeline = conv.env.guide.timeline
    if timeline is None:
        raise ContentError(conv.chapter.path, line, "this pack has no timeline.yml",
                           "add timeline.yml, or remove the line")
    kind = arg.strip() or "path"
    makers = {"path": path_diagram, "years": years_diagram}
    if kind not in makers:
        raise ContentError(conv.chapter.path, line, f"unknown timeline '{kind}'",
                           "use '::: timeline path' or '::: timeline years'")
    theme = conv.theme
    diagram = makers[kind](timeline, theme.frame_width, diagram_fonts(theme),
                           conv.env.start_year)
    if diagram.height > theme.frame_height:
        raise ContentError(conv.chapter.path, line, "the timeline is taller than a page",
                           "use fewer stages or shorter labels in timeline.yml")
    from guide.tagging.describe import path_alt, years_alt
    alt = (path_alt if kind == "path" else years_alt)(timeline, conv.env.start_year, theme.words)
    return [Spacer(1, theme.base * 0.4), TimelineDiagram(diagram, theme, conv.env.templates, alt),
            Spacer(1, theme.base * 0.9)]

