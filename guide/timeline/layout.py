"""Geometry of the timeline diagrams: where every bar, marker and label goes.

Plain data out (boxes measured from the diagram's top-left corner, y down), so the look can
live in templates and the placement can be tested: labels wrap, then shrink, and never
overlap or leave the diagram. The pieces live in text_fit (fitting text), scale (the year
scale), rows (placing labels in rows) and one module per diagram (path, strip, years).
"""

from guide.timeline.parts import Bar, Diagram, Fonts, Label
from guide.timeline.path import path_diagram
from guide.timeline.rows import RowPlacer
from guide.timeline.scale import YearScale, scale_for, stage_spans, years_phrase
from guide.timeline.strip import strip_diagram
from guide.timeline.text_fit import LEADING, MIN_SIZE, fit_text, overlaps, text_width
from guide.timeline.years import years_diagram

__all__ = ["Bar", "Diagram", "Fonts", "Label", "LEADING", "MIN_SIZE", "RowPlacer", "YearScale",
           "fit_text", "overlaps", "path_diagram", "scale_for", "stage_spans", "strip_diagram",
           "text_width", "years_diagram", "years_phrase"]
