"""Render stage: run each chapter's Markdown through sandboxed Jinja2 with the guide's data."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from guide.errors import ContentError, did_you_mean
from guide.model import Brand, Chapter, Column, DataTable, Guide, Timeline, format_years
from guide.text.bounded import BoundedSandbox, TooMuchWork, check_decimals, render_bounded
from guide.text.formatting import format_percent_change, format_value
from guide.text.jinja_cache import TextLoader, bytecode_cache, template_line
from guide.text.wording import ENGLISH, Wording
from guide.timeline.wording import years_phrase


class LookupFailed(ValueError):
    """A helper was asked for a table, stage or route that does not exist."""


@dataclass(frozen=True)
class Cell:
    """One table value: prints formatted, keeps the number for arithmetic helpers."""

    value: Any
    column: Column
    words: Wording = ENGLISH

    def __str__(self) -> str:
        return format_value(self.value, self.column, self.words)


class StatsRow:
    def __init__(self, table: DataTable, row: dict[str, Any], label: str,
                 words: Wording = ENGLISH):
        self._table, self._row, self._label, self._words = table, row, label, words

    def __getattr__(self, name: str) -> Cell:
        if name.startswith("_") or name not in self._row:
            raise LookupFailed(f"table '{self._table.name}' has no column '{name}' "
                               f"({did_you_mean(name, self._row)})")
        return Cell(self._row[name], self._table.column(name), self._words)

    __getitem__ = __getattr__


class StatsTable:
    def __init__(self, table: DataTable, words: Wording = ENGLISH):
        self._table, self._words = table, words
        self.title = table.title
        self.source = table.source_line
        self.source_url = table.source_url
        self.year = table.source_year
        if table.total is not None:
            self.total = StatsRow(table, table.total, "total", words)

    def __getattr__(self, name: str) -> StatsRow:
        table = self._table
        if name.startswith("_") or table.key is None:
            raise LookupFailed(f"table '{table.name}' has no 'key:' column to look rows up by")
        for row in table.rows:
            if row[table.key] == name:
                return StatsRow(table, row, name, self._words)
        keys = [str(r[table.key]) for r in table.rows]
        raise LookupFailed(f"table '{table.name}' has no row '{name}' ({did_you_mean(name, keys)})")

    __getitem__ = __getattr__


class Stats:
    def __init__(self, tables: dict[str, DataTable], words: Wording = ENGLISH):
        self._tables, self._words = tables, words

    def __getattr__(self, name: str) -> StatsTable:
        if name.startswith("_") or name not in self._tables:
            raise LookupFailed(f"no data table '{name}' ({did_you_mean(name, self._tables)})")
        return StatsTable(self._tables[name], self._words)

    __getitem__ = __getattr__


class Names:
    """Read-only names for templates; a misspelt one names the choices instead of failing
    with Python's own words."""

    _what = "this value"

    def __getattr__(self, name: str) -> Any:
        choices = [k for k in dir(self) if not k.startswith("_")]
        raise LookupFailed(f"{self._what} has no '{name}' ({did_you_mean(name, choices)})")


class NameSpace(Names):
    def __init__(self, what: str, values: dict[str, Any]):
        self._what = what
        for key, value in values.items():
            setattr(self, key, NameSpace(f"{what}.{key}", value) if isinstance(value, dict)
                    else value)


class StageView(Names):
    def __init__(self, low: float, high: float, what: str = "stage", words: Wording = ENGLISH,
                 **fields: Any):
        self._what = f"{what} '{fields.get('id')}'"
        self.min_years, self.max_years = _number(low), _number(high)  # 4, not 4.0
        self.years = format_years(low, high, words.number)
        self.length = years_phrase(low, high, bool(fields.pop("open_ended", False)), words)
        self.__dict__.update(fields)

    def __str__(self) -> str:
        return self.years


class NoTimeline:
    def __getattr__(self, name: str) -> Any:
        raise LookupFailed(f"'timeline.{name}' needs a timeline.yml in the content pack, "
                           "and this pack has none (see docs/content-format.md)")


class TimelineView(Names):
    _what = "timeline"

    def __init__(self, timeline: Timeline, words: Wording = ENGLISH):
        self._timeline, self._words = timeline, words
        self.total_years = format_years(timeline.total_min, timeline.total_max, words.number)
        self.total_min = _number(timeline.total_min)
        self.total_max = _number(timeline.total_max)
        self.unit = timeline.unit

    def stage(self, stage_id: str) -> StageView:
        for s in self._timeline.stages:
            if s.id == stage_id:
                view = StageView(s.min_years, s.max_years, words=self._words, label=s.label,
                                 id=s.id, description=s.description, open_ended=s.open_ended)
                if s.open_ended:
                    view.years = self._words("ongoing")
                return view
        raise LookupFailed(f"no stage '{stage_id}' in timeline.yml "
                           f"({did_you_mean(stage_id, [s.id for s in self._timeline.stages])})")

    def route(self, route_id: str) -> StageView:
        for r in self._timeline.routes:
            if r.id == route_id:
                return StageView(r.min_years, r.max_years, "route", self._words, label=r.label,
                                 id=r.id)
        raise LookupFailed(f"no route '{route_id}' in timeline.yml "
                           f"({did_you_mean(route_id, [r.id for r in self._timeline.routes])})")


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _numeric(value: Any) -> float:
    if isinstance(value, Cell):
        value = value.value
    if isinstance(value, StageView):
        value = value.max_years
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise LookupFailed(f"'{value}' is not a number")
    try:
        number = float(value)
    except OverflowError:
        raise LookupFailed(f"{value} is too large a number") from None
    if not math.isfinite(number):
        raise LookupFailed(f"'{value}' is not a finite number")
    return number


def make_context(guide: Guide, brand: Brand, words: Wording = ENGLISH) -> dict[str, Any]:
    """The documented names a chapter may use (docs/content-format.md), and nothing else."""

    def placed(kind: str, name: str) -> str:
        if name not in guide.tables:
            raise LookupFailed(f"no data table '{name}' ({did_you_mean(name, guide.tables)})")
        if kind == "chart" and guide.tables[name].chart is None:
            raise LookupFailed(f"table '{name}' has no 'chart:' in its metadata")
        return f"\n::: {kind} {name}\n"

    def percent_change(old: Any, new: Any, decimals: int = 0) -> str:
        before, after = _numeric(old), _numeric(new)
        if before == 0:
            raise LookupFailed("percent_change() from 0 is undefined")
        return format_percent_change(before, after, check_decimals(decimals), words)

    def ratio(a: Any, b: Any, decimals: int = 1) -> str:
        places, bottom = check_decimals(decimals), _numeric(b)
        if bottom == 0:
            raise LookupFailed("ratio() divides by 0")
        result = _numeric(a) / bottom
        if not math.isfinite(result):
            raise LookupFailed("ratio() is too large a number")
        return words.decimal(result, places)

    meta = guide.meta
    return {
        "guide": NameSpace("guide", {
            "title": meta.title, "subtitle": meta.subtitle, "audience": meta.audience,
            "edition": meta.edition, "language": meta.language,
            "author": meta.author or brand.name}),
        "brand": NameSpace("brand", {
            "name": brand.name, "short_name": brand.short_name, "url": brand.url,
            "office": {"name": brand.office.name, "email": brand.office.email,
                       "phone": brand.office.phone, "hours": brand.office.hours,
                       "address": list(brand.office.address)}}),
        "stats": Stats(guide.tables, words),
        "timeline": TimelineView(guide.timeline, words) if guide.timeline else NoTimeline(),
        "table": lambda name: placed("table", name),
        "chart": lambda name: placed("chart", name),
        "percent_change": percent_change,
        "ratio": ratio,
    }


@lru_cache(maxsize=1)
def make_environment() -> SandboxedEnvironment:
    """One environment per process: compiled chapter templates are reused by later builds
    (batch, watch) and kept on disk for the next run."""
    return BoundedSandbox(loader=TextLoader(), bytecode_cache=bytecode_cache(),
                                undefined=jinja2.StrictUndefined, autoescape=False,
                                keep_trailing_newline=True)


def render_front_matter(env: SandboxedEnvironment, chapter: Chapter,
                        context: dict[str, Any]) -> Chapter:
    """The chapter with `{{ ... }}` filled in its title and summary too."""
    fields = {}
    for name in ("title", "summary"):
        value = getattr(chapter, name)
        if "{" in value:
            probe = replace(chapter, body=value, body_line=2)
            fields[name] = render_chapter(env, probe, context).strip()
    return replace(chapter, **fields) if fields else chapter


def render_chapter(env: SandboxedEnvironment, chapter: Chapter, context: dict[str, Any]) -> str:
    """The chapter's Markdown with every `{{ ... }}` filled in."""
    if "{" not in chapter.body:
        return chapter.body
    try:
        name = env.loader.name_for(chapter.body)  # type: ignore[union-attr]
        return render_bounded(env.get_template(name), context)
    except jinja2.TemplateNotFound as exc:
        raise ContentError(chapter.path, _line(exc, chapter),
                           "{% include %}, {% import %} and {% extends %} are not available in "
                           "chapters", "write the text into the chapter itself") from None
    except TooMuchWork as exc:
        raise ContentError(chapter.path, _line(exc, chapter), f"template too costly: {exc}",
                           "see the template limits in docs/content-format.md") from None
    except NameError as exc:  # Jinja2 folds 1e308*10 into the name 'inf'
        raise ContentError(chapter.path, _line(exc, chapter),
                           f"template error: a number too large or not a number ({exc})") from None
    except MemoryError:
        raise ContentError(chapter.path, chapter.body_line, "template too costly: out of memory",
                           "see the template limits in docs/content-format.md") from None
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError(chapter.path, chapter.body_line + (exc.lineno or 1) - 1,
                           f"template error: {exc.message}",
                           "check the {{ }} and {% %} pairs") from None
    except jinja2.UndefinedError as exc:
        message = exc.message or ""
        unknown = re.fullmatch(r"'(\w+)' is undefined", message)
        hint = (did_you_mean(unknown.group(1), context) + "; " if unknown else "") + \
            "see the list of names in docs/content-format.md"
        raise ContentError(chapter.path, _line(exc, chapter), f"undefined name: {message}",
                           hint) from None
    except SecurityError as exc:
        raise ContentError(chapter.path, _line(exc, chapter), f"not allowed in a template: {exc}",
                           "templates may only use the documented names") from None
    except LookupFailed as exc:
        raise ContentError(chapter.path, _line(exc, chapter), str(exc)) from None
    except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        hint = ("a '.years' value is text such as '3-4'; use .min_years or .max_years in "
                "arithmetic" if isinstance(exc, TypeError) and "'str'" in str(exc) else "")
        raise ContentError(chapter.path, _line(exc, chapter), f"template error: {exc}",
                           hint) from None


def _line(exc: BaseException, chapter: Chapter) -> int:
    line = template_line(exc, lambda filename: filename == "<template>") or 1
    return chapter.body_line + line - 1
