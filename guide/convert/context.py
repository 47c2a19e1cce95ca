"""What every chapter's conversion shares, as plain records: the guide, the look, links,
form field names, directive builders and the checklists gathered so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from markdown.extensions.toc import slugify
from reportlab.platypus import Flowable

from guide.convert.anchors import AnchorIndex
from guide.convert.flowables import FormSettings
from guide.layout.shapes import Templates
from guide.layout.theme import Theme
from guide.model import Chapter, Guide

BLOCK_TAGS = {"p", "ul", "ol", "table", "blockquote", "div", "pre", "hr", "dl", "h1", "h2",
              "h3", "h4", "h5", "h6", "directive"}


@dataclass(frozen=True)
class ChecklistItem:
    chapter_id: str
    chapter_title: str
    text_markup: str
    plain: str
    checked: bool
    field_name: str


@dataclass
class FieldNames:
    """Stable, unique form field names derived from chapter and item text, never a counter."""

    taken: set[str] = field(default_factory=set)

    def make(self, prefix: str, text: str) -> str:
        base = f"{prefix}.{slugify(text, '-')[:48].strip('-') or 'item'}"
        name, n = base, 2
        while name in self.taken:
            name, n = f"{base}-{n}", n + 1
        self.taken.add(name)
        return name


# A directive builder gets the chapter's converter (its chapter, env, theme and styles),
# the directive's argument and its line.
DirectiveBuilder = Callable[[Any, str, int], list[Flowable]]


@dataclass
class ConvertEnv:
    """What every chapter's conversion shares: the guide, the look, links, fields, directives."""

    guide: Guide
    theme: Theme
    anchors: AnchorIndex
    forms: FormSettings
    directives: dict[str, DirectiveBuilder]
    templates: Templates
    start_year: int | None = None  # calendar years on timelines
    field_names: FieldNames = field(default_factory=FieldNames)
    checklists: dict[str, list[ChecklistItem]] = field(default_factory=dict)



class ConverterView(Protocol):
    """What a directive reads of the chapter's converter."""

    chapter: Chapter
    env: ConvertEnv
    theme: Theme
    styles: Any
