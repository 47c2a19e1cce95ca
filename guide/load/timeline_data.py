"""Load stage for `timeline.yml`: stages, milestones inside them, and parallel routes."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from guide.errors import ContentError, did_you_mean
from guide.load.paths import shown, stays_inside
from guide.load.yamlfile import YamlDoc, check_keys, parse_yaml, read_text
from guide.model import Milestone, Route, Stage, Timeline

STAGE_KEYS = {"id", "label", "years", "description"}
MILESTONE_KEYS = {"label", "stage", "at"}
ROUTE_KEYS = {"id", "label", "stage", "years", "through"}
ROUTE_REQUIRED = {"id", "label", "stage", "years"}
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)\s*$")


def load_timeline(root: Path) -> Timeline | None:
    """The pack's timeline, or None when it has no timeline.yml (diagrams are then left out)."""
    path = root / "timeline.yml"
    if not path.exists():
        return None
    stays_inside(root, path)
    doc = parse_yaml(Path(shown(path)), read_text(path, shown(path)))
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error((), "timeline.yml must be a mapping with 'stages:'",
                        "see docs/content-format.md")
    problems = check_keys(doc, (), data, {"unit", "stages", "milestones", "routes"},
                          {"stages"}, "timeline.yml")
    if problems:
        raise problems[0]
    stages = _stages(doc, data["stages"])
    ids = {s.id: s for s in stages}
    milestones = tuple(_milestone(doc, i, m, ids) for i, m in
                       enumerate(_list(doc, data, "milestones")))
    routes = tuple(_route(doc, i, r, ids) for i, r in enumerate(_list(doc, data, "routes")))
    if len({r.id for r in routes}) != len(routes):
        raise doc.error(("routes",), "two routes share an id")
    return Timeline(path=doc.path, unit=str(data.get("unit") or "years after high school"),
                    stages=stages, milestones=milestones, routes=routes)


def _list(doc: YamlDoc, data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise doc.error((key,), f"'{key}' must be a list", "start each entry with '- '")
    return value


def _stages(doc: YamlDoc, raw: Any) -> tuple[Stage, ...]:
    if not isinstance(raw, list) or not raw:
        raise doc.error(("stages",), "'stages' must be a non-empty list")
    if len(raw) > 12:
        raise doc.error(("stages",), f"{len(raw)} stages; a timeline shows at most 12",
                        "merge short stages")
    stages = []
    for index, item in enumerate(raw):
        keys = ("stages", index)
        problems = check_keys(doc, keys, item, STAGE_KEYS, {"id", "label", "years"}, "stage")
        if problems:
            raise problems[0]
        stage_id = str(item["id"])
        if not ID.match(stage_id):
            raise doc.error(keys + ("id",), f"stage id '{stage_id}' must use lower-case letters, "
                            "digits and hyphens")
        if stage_id in {s.id for s in stages}:
            raise doc.error(keys + ("id",), f"stage id '{stage_id}' is used twice")
        open_ended = item["years"] == "open"
        if open_ended and index != len(raw) - 1:
            raise doc.error(keys + ("years",), "only the last stage can be open-ended")
        low, high = (1.0, 1.0) if open_ended else _years(doc, keys + ("years",), item["years"])
        stages.append(Stage(id=stage_id, label=str(item["label"]), min_years=low,
                            max_years=high, open_ended=open_ended,
                            description=str(item.get("description") or "")))
    return tuple(stages)


def _years(doc: YamlDoc, keys: tuple, value: Any, what: str = "stage") -> tuple[float, float]:
    """A length or a range. A stage may start its range at 0 (an optional stage); a route
    may be 0 years long ("no gap year")."""
    if isinstance(value, bool):
        value = None
    if isinstance(value, (int, float)):
        low = high = float(value) if abs(value) < 1e9 else 1e9
    elif isinstance(value, str) and RANGE.match(value):
        match = RANGE.match(value)
        assert match
        low, high = float(match.group(1)), float(match.group(2))
    else:
        raise doc.error(keys, f"years '{value}' is not a number or a range",
                        "write a number like 4 or a range like 3-4")
    if not (math.isfinite(low) and math.isfinite(high)):  # .nan and .inf compare as nothing
        raise doc.error(keys, f"years '{value}' is not a number or a range",
                        "write a number like 4 or a range like 3-4")
    if low < 0:
        raise doc.error(keys, f"years '{value}' is negative", "use a length of 0 or more")
    if high < low:
        raise doc.error(keys, f"years '{value}' has its larger number first",
                        f"write the shorter length first, like {_num(high)}-{_num(low)}")
    if high > 20:
        raise doc.error(keys, f"years '{value}' is longer than a timeline shows",
                        "use at most 20 years")
    if what == "stage" and high <= 0:
        raise doc.error(keys, f"years '{value}': a stage must last more than 0 years",
                        "for an optional stage write a range from 0, like 0-1")
    return low, high


def _milestone(doc: YamlDoc, index: int, item: Any, stages: dict[str, Stage]) -> Milestone:
    keys = ("milestones", index)
    problems = check_keys(doc, keys, item, MILESTONE_KEYS, MILESTONE_KEYS, "milestone")
    if problems:
        raise problems[0]
    stage = _stage_ref(doc, keys, item["stage"], stages)
    at = item["at"]
    if stage.open_ended:
        if isinstance(at, bool) or not isinstance(at, (int, float)) or not 0 <= at <= 10:
            raise doc.error(keys + ("at",), f"'at: {at}' is outside the open stage '{stage.id}'",
                            "give years after the stage starts, from 0 up to 10")
    elif isinstance(at, bool) or not isinstance(at, (int, float)) or not (
            0 <= at <= stage.max_years):
        raise doc.error(keys + ("at",), f"'at: {at}' is outside the stage '{stage.id}'",
                        f"give years after the stage starts, from 0 up to "
                        f"{_num(stage.max_years)}, the stage's longest length")
    return Milestone(label=str(item["label"]), stage=stage.id, at=float(at))


def _route(doc: YamlDoc, index: int, item: Any, stages: dict[str, Stage]) -> Route:
    keys = ("routes", index)
    problems = check_keys(doc, keys, item, ROUTE_KEYS, ROUTE_REQUIRED, "route")
    if problems:
        raise problems[0]
    stage = _stage_ref(doc, keys, item["stage"], stages)
    low, high = _years(doc, keys + ("years",), item["years"], "route")
    through = ""
    if item.get("through") is not None:
        last = _stage_ref(doc, keys, item["through"], stages, "through")
        order = list(stages)
        if order.index(last.id) < order.index(stage.id):
            raise doc.error(keys + ("through",), f"route '{item['id']}' runs through "
                            f"'{last.id}', which comes before its first stage '{stage.id}'",
                            "give the first stage as 'stage:' and the last as 'through:'")
        if last.id != stage.id:
            through = last.id
    return Route(id=str(item["id"]), label=str(item["label"]), stage=stage.id,
                 min_years=low, max_years=high, through=through)


def _stage_ref(doc: YamlDoc, keys: tuple, value: Any, stages: dict[str, Stage],
               key: str = "stage") -> Stage:
    if not isinstance(value, str):
        raise doc.error(keys + (key,), f"'{key}' must be one stage id, not {value!r}",
                        "for a route through several stages, give the first as 'stage:' "
                        "and the last as 'through:'")
    if value not in stages:
        raise doc.error(keys + (key,), f"unknown stage '{value}'",
                        did_you_mean(str(value), stages))
    return stages[value]


def years_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


_num = years_number


__all__ = ["load_timeline", "ContentError"]
