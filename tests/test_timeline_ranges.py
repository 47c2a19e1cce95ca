"""Ranges, optional stages and routes: the three diagrams and the prose tell one story."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import all_text, build_bytes, reader_of, write_pack
from hypothesis import given, settings
from hypothesis import strategies as st
from test_timeline import assert_clean, stage_label_inside_its_bar, theme_for

from guide.errors import ContentError
from guide.load.timeline_data import load_timeline
from guide.model import Milestone, Stage, Timeline
from guide.timeline.draw import diagram_fonts
from guide.timeline.layout import path_diagram, scale_for, strip_diagram, years_diagram
from guide.timeline.scale import stage_times
from guide.timeline.wording import count_years, year_span, years_phrase

PT_PACK = Path(__file__).resolve().parent.parent / "content" / "physical-therapy"
SIZES = ["half-letter", "a5", "letter", "a4"]

LENGTHS = st.sampled_from([(1, 1), (2, 2), (3, 4), (1, 2), (0.5, 0.5), (0, 1), (2, 3), (4, 4)])


@st.composite
def timelines(draw) -> Timeline:  # type: ignore[no-untyped-def]
    count = draw(st.integers(min_value=2, max_value=6))
    open_last = draw(st.booleans())
    stages = []
    for i in range(count):
        low, high = draw(LENGTHS)
        is_open = open_last and i == count - 1
        stages.append(Stage(id=f"s{i}", label=f"Stage {i}", min_years=float(low),
                            max_years=float(high), open_ended=is_open, description=""))
    milestones = []
    for stage in stages:
        if draw(st.booleans()):
            top = 3.0 if stage.open_ended else stage.max_years
            at = draw(st.sampled_from([0.0, 0.1, 0.5, 1.0, 2.0, 3.0]))
            milestones.append(Milestone(label=f"M{len(milestones)}", stage=stage.id,
                                        at=min(at, top)))
    return Timeline(path=Path("timeline.yml"), unit="years after high school",
                    stages=tuple(stages), milestones=tuple(milestones))


def path_years(bar, scale) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    start = bar.x * scale.years / scale.width
    end = (bar.x + bar.w) * scale.years / scale.width
    first = math.floor(start + 1e-6)
    return first, max(first, math.ceil(end - 1e-6) - 1)


@settings(max_examples=60, deadline=None)
@given(timelines(), st.sampled_from([None, 2027]))
def test_path_strip_and_calendar_put_every_stage_in_the_same_years(timeline: Timeline,
                                                                    start_year) -> None:
    theme = theme_for("half-letter")
    fonts = diagram_fonts(theme)
    width = theme.frame_width
    path = path_diagram(timeline, width, fonts, start_year)
    calendar = years_diagram(timeline, width, fonts, start_year)
    scale = scale_for(timeline, width, start_year)
    times = stage_times(timeline)
    for i, stage in enumerate(timeline.stages):
        bar = next(b for b in path.bars if b.role == "stage" and b.index == i)
        first, last = (path_years(bar, scale) if not stage.open_ended
                       else (times[i].first_year, times[i].first_year))
        assert (first, last) == (times[i].first_year, times[i].last_year)
        rows = sorted(m["year"] for m in calendar.marks if m["index"] == i)
        assert rows == list(range(first, last + 1)), (stage, rows)
        strip = strip_diagram(timeline, stage.id, width, fonts, start_year)
        caption = next(lab.text for lab in strip.labels if lab.role == "caption")
        assert year_span(first, last, start_year, stage.open_ended) + ")" in caption \
            or year_span(first, last, start_year, stage.open_ended) + ", or from" in caption
        assert years_phrase(stage.min_years, stage.max_years, stage.open_ended) in caption
        # Every milestone of the stage appears in one of its calendar rows.
        notes = " ".join(lab.text for lab in calendar.labels if lab.role == "event")
        for milestone in timeline.milestones:
            assert milestone.label in notes
        for diagram in (path, calendar, strip):
            assert_clean(diagram, connectors_clear=False)
            stage_label_inside_its_bar(diagram)


def test_plurals_come_from_one_function() -> None:
    assert count_years(1) == "1 year"
    assert count_years(1.0) == "1 year"
    assert count_years(0.5) == "0.5 years"
    assert count_years(3.0) == "3 years"
    assert years_phrase(0, 1) == "optional, up to 1 year"
    assert years_phrase(0, 0) == "no extra time"
    assert years_phrase(3, 4) == "3-4 years"


def pt_timeline() -> Timeline:
    timeline = load_timeline(PT_PACK)
    assert timeline is not None
    return timeline


@pytest.mark.parametrize("size", SIZES)
def test_physical_therapy_diagrams_are_clean_at_every_page_size(size: str) -> None:
    timeline = pt_timeline()
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


def test_sub_year_stage_and_its_milestones_are_in_the_calendar() -> None:
    timeline = pt_timeline()
    theme = theme_for("half-letter")
    calendar = years_diagram(timeline, theme.frame_width, diagram_fonts(theme))
    stages = [lab.text for lab in calendar.labels if lab.role == "stage"]
    assert "Exam and licence" in stages
    notes = " ".join(lab.text for lab in calendar.labels if lab.role == "event")
    for label in ("NPTE", "State licence", "Board-certified specialist"):
        assert label in notes


def test_open_stage_milestone_marker_sits_on_its_bar() -> None:
    timeline = pt_timeline()
    theme = theme_for("a5")
    path = path_diagram(timeline, theme.frame_width, diagram_fonts(theme))
    last = len(timeline.stages) - 1
    bar = next(b for b in path.bars if b.role == "stage" and b.index == last)
    index = next(i for i, m in enumerate(timeline.milestones) if m.stage == timeline.stages[-1].id)
    mark = next(m for m in path.marks if m["index"] == index)
    assert bar.x < mark["x"] < bar.x + bar.w


def test_routes_heading_names_every_stage_with_routes() -> None:
    timeline = pt_timeline()
    theme = theme_for("half-letter")
    path = path_diagram(timeline, theme.frame_width, diagram_fonts(theme))
    heading = next(lab.text for lab in path.labels if lab.role == "routes-heading")
    for stage_id in {r.stage for r in timeline.routes}:
        assert timeline.stage(stage_id).label.lower() in heading.lower()


def timeline_pack(tmp_path: Path, body: str) -> Path:
    pack = write_pack(tmp_path / "p", {"one": "{{ timeline.stage('b').max_years - 1 }} and "
                                              "{{ timeline.stage('b').length }}\n"})
    (pack / "timeline.yml").write_text(
        "stages:\n  - {id: a, label: College, years: 3-4}\n"
        "  - {id: b, label: Residency, years: 0-1}\n"
        "  - {id: c, label: Practice, years: open}\n" + body)
    return pack


def test_optional_stage_zero_route_and_route_through_two_stages(tmp_path: Path) -> None:
    pack = timeline_pack(tmp_path, "routes:\n"
                         "  - {id: none, label: Straight to work, stage: b, years: 0}\n"
                         "  - {id: combined, label: Combined degree, stage: a, through: b,"
                         " years: 4}\n")
    timeline = load_timeline(pack)
    assert timeline is not None
    assert timeline.stage("b").min_years == 0
    assert next(r for r in timeline.routes if r.id == "combined").through == "b"
    text = " ".join(all_text(reader_of(build_bytes(pack))).split())
    assert "0 and optional, up to 1 year" in text  # an int reaches the template, not 0.0
    theme = theme_for("half-letter")
    path = path_diagram(timeline, theme.frame_width, diagram_fonts(theme))
    heading = next(lab.text for lab in path.labels if lab.role == "routes-heading")
    assert heading == "Routes through college and residency"
    assert_clean(path)


@pytest.mark.parametrize("body,needle", [
    ("routes:\n  - {id: r, label: R, stage: [a, b], years: 1}\n", "must be one stage id"),
    ("routes:\n  - {id: r, label: R, stage: b, through: a, years: 1}\n", "comes before"),
    ("milestones:\n  - {label: M, stage: c, at: 25}\n", "outside the open stage"),
])
def test_route_and_milestone_mistakes_are_content_errors(tmp_path: Path, body: str,
                                                         needle: str) -> None:
    pack = timeline_pack(tmp_path, body)
    with pytest.raises(ContentError) as caught:
        load_timeline(pack)
    assert needle in caught.value.message
    assert caught.value.line == 6


@pytest.mark.parametrize("years,needle", [("0", "more than 0"), ("4-3", "larger number first")])
def test_stage_length_messages_say_the_rule(tmp_path: Path, years: str, needle: str) -> None:
    pack = write_pack(tmp_path / "p", {"one": "Text.\n"})
    (pack / "timeline.yml").write_text(f"stages:\n  - {{id: a, label: A, years: {years}}}\n")
    result = subprocess.run([sys.executable, "build.py", "check", str(pack)], text=True,
                            capture_output=True, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 2
    assert needle in result.stderr and "timeline.yml:2" in result.stderr


def test_arithmetic_on_years_text_says_what_to_use(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "p", {"one": "{{ timeline.stage('a').max_years - "
                                              "timeline.route('r').years }}\n"})
    (pack / "timeline.yml").write_text(
        "stages:\n  - {id: a, label: College, years: 4}\n"
        "routes:\n  - {id: r, label: Fast, stage: a, years: 3}\n")
    with pytest.raises(ContentError) as caught:
        build_bytes(pack)
    assert "use .min_years or .max_years" in str(caught.value)
