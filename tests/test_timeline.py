"""Timeline diagrams: labels inside their diagram, never overlapping; data drives every number."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from conftest import DEFAULT_PACK, all_text, build_bytes, reader_of, write_pack
from reportlab.pdfbase.pdfmetrics import stringWidth

from guide.colors import luminance
from guide.errors import ContentError
from guide.layout.fonts import register_fonts
from guide.layout.shapes import Templates
from guide.layout.theme import make_theme
from guide.load.brand import load_brand
from guide.load.timeline_data import load_timeline
from guide.model import Milestone, Route, Stage, Timeline
from guide.timeline.draw import TEMPLATES, diagram_fonts, template_context
from guide.timeline.layout import (
    MIN_SIZE,
    Diagram,
    overlaps,
    path_diagram,
    strip_diagram,
    years_diagram,
)

SIZES = ["half-letter", "a5", "letter", "a4"]
WORDS = ("Interdisciplinary Postbaccalaureate Research Clinical Training Specialty Subspecialty "
         "Board Certification Licensure Year Program Preparation Rotation Examination").split()


def theme_for(size: str):  # type: ignore[no-untyped-def]
    brand = load_brand(None)
    return make_theme(brand, register_fonts(brand.fonts), size)


def synthetic_timeline(stages: int, seed: int, long_labels: bool) -> Timeline:
    rng = random.Random(seed)

    def label(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))
    items = []
    for i in range(stages):
        low = float(rng.choice([1, 1, 2, 3, 4]))
        high = low + rng.choice([0, 0, 1])
        items.append(Stage(id=f"s{i}", label=label(3 if long_labels else 1), min_years=low,
                           max_years=high, open_ended=i == stages - 1 and seed % 2 == 0,
                           description=label(4)))
    milestones = [Milestone(label=label(rng.choice([1, 3, 6]) if long_labels else 1),
                            stage=s.id, at=round(rng.uniform(0, s.max_years), 1))
                  for s in items for _ in range(rng.choice([0, 1, 2]))]
    routes = [Route(id=f"r{k}", label=label(2 if long_labels else 1), stage=items[stages // 2].id,
                    min_years=3.0, max_years=4.0) for k in range(rng.choice([0, 2, 4]))]
    return Timeline(path=Path("timeline.yml"), unit="years after high school",
                    stages=tuple(items), milestones=tuple(milestones), routes=tuple(routes))


def assert_clean(diagram: Diagram, connectors_clear: bool = True) -> None:
    """Every label inside the diagram, its lines inside its box, no two labels touching,
    and (for real content) no connector line running under a label."""
    eps = 0.01
    for label in diagram.labels:
        x0, y0, x1, y1 = label.box
        assert -eps <= x0 and x1 <= diagram.width + eps, (label.role, label.text, label.box)
        assert -eps <= y0 and y1 <= diagram.height + eps, (label.role, label.text, label.box)
        assert label.size >= MIN_SIZE - eps
        for line in label.lines:
            assert stringWidth(line, label.font, label.size) <= label.w + eps, (line, label.w)
        assert len(label.lines) * label.size * 1.18 <= label.h + eps
        assert "".join(label.text.split()) == "".join("".join(label.lines).split())  # no clipping
        assert " ".join(label.lines).split() == label.text.split(), label.lines  # whole words
    for a, b in itertools.combinations(diagram.labels, 2):
        assert not overlaps(a.box, b.box), (a.role, a.text, a.box, b.role, b.text, b.box)
    for bar in diagram.bars:
        assert -eps <= bar.x and bar.x + bar.w <= diagram.width + eps
    for line in diagram.lines:
        if line.get("role") != "connector" or not connectors_clear:
            continue
        for label in diagram.labels:
            x0, y0, x1, y1 = label.box
            crosses = x0 + 0.5 < line["x1"] < x1 - 0.5 and y0 < max(line["y1"], line["y2"]) \
                and min(line["y1"], line["y2"]) < y1
            assert not crosses, (line, label.text)


def stage_label_inside_its_bar(diagram: Diagram) -> None:
    if diagram.kind == "years":
        return  # its stage names sit beside the rail, not in bars
    bars = {(b.role, b.index): b for b in diagram.bars}
    for label in diagram.labels:
        if label.role in ("stage", "stage-years", "stage-number"):
            bar = bars[("stage", label.index)]
            assert bar.x - 0.01 <= label.x and label.x + label.w <= bar.x + bar.w + 0.01
            assert bar.y - 0.01 <= label.y and label.y + label.h <= bar.y + bar.h + 0.01


@pytest.mark.parametrize("size", SIZES)
def test_default_timeline_diagrams_are_clean_at_every_page_size(size: str) -> None:
    timeline = load_timeline(DEFAULT_PACK)
    theme = theme_for(size)
    fonts = diagram_fonts(theme)
    for start_year in (None, 2027):
        for diagram in (path_diagram(timeline, theme.frame_width, fonts, start_year),
                        years_diagram(timeline, theme.frame_width, fonts, start_year),
                        *[strip_diagram(timeline, s.id, theme.frame_width, fonts, start_year)
                          for s in timeline.stages]):
            assert_clean(diagram)
            stage_label_inside_its_bar(diagram)
            assert diagram.height <= theme.frame_height


@pytest.mark.parametrize("stages", [3, 5, 8, 12])
@pytest.mark.parametrize("long_labels", [False, True])
@pytest.mark.parametrize("size", ["half-letter", "a4"])
def test_synthetic_timelines_never_overlap(stages: int, long_labels: bool, size: str) -> None:
    theme = theme_for(size)
    fonts = diagram_fonts(theme)
    for seed in range(4):
        timeline = synthetic_timeline(stages, seed, long_labels)
        diagrams = [path_diagram(timeline, theme.frame_width, fonts, 2027 if seed % 2 else None),
                    years_diagram(timeline, theme.frame_width, fonts),
                    strip_diagram(timeline, timeline.stages[seed % stages].id, theme.frame_width,
                                  fonts)]
        for diagram in diagrams:
            # Crowded synthetic data may need a connector to pass behind a label (the
            # template backs milestone labels with paper); labels themselves never touch.
            assert_clean(diagram, connectors_clear=False)
            stage_label_inside_its_bar(diagram)


def test_labels_are_text_in_the_pdf(default_pdf: bytes) -> None:
    text = all_text(reader_of(default_pdf))
    timeline = load_timeline(DEFAULT_PACK)
    for label in [s.label for s in timeline.stages] + [m.label for m in timeline.milestones] \
            + [r.label for r in timeline.routes]:
        assert label in text.replace("\n", " ") or all(w in text for w in label.split()), label
    assert "You are here: stage 3 of 5, Residency" in text.replace("\n", " ")
    assert "Years after high school" in text


def test_start_year_labels_every_diagram_with_calendar_years() -> None:
    reader = reader_of(build_bytes(DEFAULT_PACK, start_year=2027))
    pages = [p.extract_text() for p in reader.pages]
    glance = next(t for t in pages if "Calendar years, starting college in 2027" in t)
    for year in range(2027, 2041):
        assert str(year) in glance, year
    strip = next(t for t in pages if "You are here: stage 1 of 5" in t)
    assert "2027-2030" in strip
    years = next(t for t in pages if "Year by year" in t and "2035" in t)
    assert "2040 on" in years
    plain = " ".join(p.extract_text() for p in reader_of(build_bytes(DEFAULT_PACK)).pages)
    assert "years 1-4" in plain and "Year 14+" in plain
    assert "Calendar years" not in plain


def test_tones_tell_adjacent_stages_apart_in_grayscale() -> None:
    timeline = synthetic_timeline(12, 1, False)
    theme = theme_for("half-letter")
    diagram = path_diagram(timeline, theme.frame_width, diagram_fonts(theme))
    shapes = Templates().shapes(TEMPLATES["path"], template_context(diagram, theme))
    fills = [s["fill"] for s in shapes if s["kind"] == "rect" and s.get("fill")
             and not s.get("hatch") and s.get("radius") is None][:12]
    assert len(fills) == 12
    for a, b in zip(fills, fills[1:]):
        assert abs(luminance(a) - luminance(b)) > 0.08, (a, b)


def test_pack_without_timeline_builds_without_diagrams(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p", {"one": "No timeline here.\n"})
    assert "You are here" not in all_text(reader_of(build_bytes(pack)))


@pytest.mark.parametrize("entry,line,needle", [
    ("milestones:\n  - {label: X, stage: colege, at: 1}\n", 6, "unknown stage 'colege'"),
    ("routes:\n  - {id: a, label: A, stage: college, years: -2}\n", 6, "years"),
])
def test_broken_timeline_names_file_and_line(tmp_path: Path, entry: str, line: int,
                                            needle: str) -> None:
    pack = write_pack(tmp_path / "p", {"one": "Text.\n"})
    (pack / "timeline.yml").write_text("stages:\n  - {id: college, label: College, years: 4}\n"
                                       "  - {id: practice, label: Practice, years: open}\n"
                                       "unit: years after high school\n" + entry)
    with pytest.raises(ContentError) as caught:
        build_bytes(pack)
    assert Path(str(caught.value.path)).name == "timeline.yml"
    assert caught.value.line == line
    assert needle in caught.value.message
