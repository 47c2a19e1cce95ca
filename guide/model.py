"""The plain, frozen data passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHAPTER_KINDS = ("chapter", "stage", "appendix")


@dataclass(frozen=True)
class GuideMeta:
    title: str
    subtitle: str = ""
    audience: str = ""
    language: str = "en-US"
    edition: str = ""
    author: str = ""
    keywords: tuple[str, ...] = ()
    colophon: str = ""

    def back_line(self, edition_line: str) -> str:
        """The line at the foot of the back cover: the colophon, then title and edition
        (`edition_line`, in the booklet's language: "{title}, edition {edition}.")."""
        edition = edition_line.format(title=self.title, edition=self.edition) if self.edition \
            else self.title + "."
        return f"{self.colophon} {edition}" if self.colophon else edition


@dataclass(frozen=True)
class Chapter:
    """One Markdown chapter; `body` is the text after the front matter."""

    id: str
    path: Path  # shown in messages, relative to the working folder where possible
    title: str
    kind: str
    stage: str | None
    summary: str
    body: str
    body_line: int  # the file line on which `body` starts


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    type: str  # id | text | integer | decimal | percent | currency | year
    decimals: int = 0
    expr: str | None = None  # set for derived columns

    @property
    def numeric(self) -> bool:
        return self.type in ("integer", "decimal", "percent", "currency", "year")


@dataclass(frozen=True)
class ChartSpec:
    value: str
    label: str
    title: str


@dataclass(frozen=True)
class DataTable:
    """A statistics table: typed rows, derived columns already computed, and its source."""

    name: str
    path: Path
    title: str
    source_name: str
    source_url: str
    source_year: str
    notes: str
    key: str | None
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Any], ...]
    total: dict[str, Any] | None = None
    total_label: str = ""
    chart: ChartSpec | None = None
    source_checked: str = ""  # YYYY-MM: when someone last compared the figures with the source
    meta_path: Path | None = None  # the .yml beside the CSV, for messages about its source

    @property
    def visible_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.type != "id")

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def source_line(self) -> str:
        return f"{self.source_name} ({self.source_year})"


@dataclass(frozen=True)
class Stage:
    id: str
    label: str
    min_years: float
    max_years: float
    open_ended: bool
    description: str

    @property
    def years_text(self) -> str:
        if self.open_ended:
            return "ongoing"
        return format_years(self.min_years, self.max_years)


@dataclass(frozen=True)
class Milestone:
    label: str
    stage: str
    at: float


@dataclass(frozen=True)
class Route:
    id: str
    label: str
    stage: str
    min_years: float
    max_years: float
    through: str = ""  # the last stage a route spanning several stages replaces

    @property
    def years_text(self) -> str:
        return format_years(self.min_years, self.max_years)


@dataclass(frozen=True)
class Timeline:
    path: Path
    unit: str
    stages: tuple[Stage, ...]
    milestones: tuple[Milestone, ...] = ()
    routes: tuple[Route, ...] = ()

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

    def stage_start(self, stage_id: str) -> float:
        """Years from the start of the path to the start of a stage (typical lengths)."""
        start = 0.0
        for stage in self.stages:
            if stage.id == stage_id:
                return start
            start += stage.max_years
        raise KeyError(stage_id)

    @property
    def total_min(self) -> float:
        return sum(s.min_years for s in self.stages if not s.open_ended)

    @property
    def total_max(self) -> float:
        return sum(s.max_years for s in self.stages if not s.open_ended)


@dataclass(frozen=True)
class Office:
    name: str = ""
    address: tuple[str, ...] = ()
    email: str = ""
    phone: str = ""
    hours: str = ""


@dataclass(frozen=True)
class BrandFonts:
    """Font files for the body and heading families (regular, italic, bold, bold italic)."""

    body: tuple[Path, Path, Path, Path]
    heading: tuple[Path, Path, Path, Path]
    heading_display: Path  # the heaviest weight, for the cover title
    body_name: str = "body"
    heading_name: str = "heading"
    mono: Path | None = None  # typography.monospace, for inline code (else the heading face)
    body_leading: float | None = None  # typography.base.line-height, as a multiple of the size
    heading_leading: float | None = None  # typography.headings.line-height


@dataclass(frozen=True)
class Brand:
    path: Path
    name: str
    short_name: str
    url: str
    logo: Path | None
    logo_alt: str
    colors: dict[str, str]  # role -> '#rrggbb'
    fonts: BrandFonts
    office: Office = field(default_factory=Office)
    local_page: Path | None = None
    templates: Path | None = None
    warnings: tuple[str, ...] = ()  # what the brand file asked for that the booklet cannot do


@dataclass(frozen=True)
class Guide:
    """A loaded, validated content pack."""

    root: Path
    meta: GuideMeta
    chapters: tuple[Chapter, ...]
    tables: dict[str, DataTable]
    timeline: Timeline | None
    strings: dict[str, Any] = field(default_factory=dict)  # the pack's own booklet words
    warnings: tuple[str, ...] = ()  # found while loading, e.g. text a translation lacks


def format_years(low: float, high: float, num=None) -> str:  # type: ignore[no-untyped-def]
    """'4' or '3-4': a stage's length in years, numbers as `num` writes them."""
    if num is None:
        def num(x: float) -> str:
            return str(int(x)) if float(x).is_integer() else f"{x:g}"

    return num(low) if low == high else f"{num(low)}-{num(high)}"
