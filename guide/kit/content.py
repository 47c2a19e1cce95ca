"""Render step of the kit: the facts, the stage lines and the QR address as plain data, filled
in by the same sandboxed Jinja2 names a chapter's `{{ stats... }}` uses, so the flyer and the
booklet print the same numbers from the same CSV files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from guide.errors import ContentError, ErrorCollector
from guide.kit.spec import FlyerSpec
from guide.load.paths import shown
from guide.model import Brand, Chapter, DataTable, Guide
from guide.text.formatting import format_value
from guide.text.inline_markup import plain_text
from guide.text.markdown_parse import parse_chapters
from guide.text.render import make_context, make_environment, render_chapter
from guide.text.wording import ENGLISH, Wording
from guide.timeline.layout import years_phrase

TASK = re.compile(r"^\s*\[([ xX])\][ \t]+")
TASK_LINE = re.compile(r"^\s*[-*+][ \t]+\[[ xX]\][ \t]+")
STATS_NAME = re.compile(r"\bstats\s*(?:\.\s*(\w+)|\[\s*['\"](\w+)['\"]\s*\])")


@dataclass(frozen=True)
class Field:
    """Where a printed text comes from, so text that cannot fit names its file and line."""

    path: str
    line: int | None
    what: str
    hint: str


@dataclass(frozen=True)
class KitContent:
    """Everything the kit's templates print that is not the brand's or the timeline's."""

    facts: tuple[dict[str, str], ...]
    stages: tuple[dict[str, Any], ...]
    url: str
    fields: dict[str, Field]


def kit_content(guide: Guide, brand: Brand, spec: FlyerSpec,
                words: Wording = ENGLISH) -> KitContent:
    """Facts, stage lines and QR address; every {{ }} mistake of guide.yml reported at once."""
    if guide.timeline is None:
        raise ContentError(shown(guide.root), None, "the flyer and poster need the pack's "
                           "timeline.yml",
                           "add timeline.yml; its format is in docs/content-format.md")
    fields = _guide_fields(spec)
    brand_file = str(brand.path)
    fields.update(
        brand=Field(brand_file, None, "the school's name", "shorten meta.name in the brand file"),
        office=Field(brand_file, None, "the office's contact block",
                     "shorten the office's lines under defaults.career-guide.office"),
        url=Field(str(spec.path) if spec.url else brand_file, spec.line_of("url"),
                  "the QR code's web address", "use a shorter address"))
    errors = ErrorCollector()
    context = make_context(guide, brand, words)
    if spec.facts:
        facts = _chosen_facts(guide, spec, context, errors, fields)
    else:
        facts = _default_facts(guide, fields, words)
    stages = _stages(guide, spec, context, errors, fields, words)
    errors.raise_if_any()
    return KitContent(tuple(facts), tuple(stages), spec.url or brand.url, fields)


def _guide_fields(spec: FlyerSpec) -> dict[str, Field]:
    path = str(spec.path)
    return {key: Field(path, spec.line_of(key), f"the {key}", f"shorten '{key}:' in guide.yml")
            for key in ("title", "subtitle", "audience")}


def _render(text: str, context: dict[str, Any], spec: FlyerSpec, line: int) -> str:
    """`{{ }}` in guide.yml, rendered exactly as in a chapter (errors point at guide.yml)."""
    probe = Chapter(id="flyer", path=spec.path, title="", kind="chapter", stage=None,
                    summary="", body=text, body_line=line)
    return render_chapter(make_environment(), probe, context).strip()


def _chosen_facts(guide: Guide, spec: FlyerSpec, context: dict[str, Any],
                  errors: ErrorCollector, fields: dict[str, Field]) -> list[dict[str, str]]:
    facts = []
    for i, fact in enumerate(spec.facts):
        expression = fact.value if "{{" in fact.value else "{{ " + fact.value + " }}"
        try:
            value = _render(expression, context, spec, fact.line_no)
            line = _render(fact.line, context, spec, fact.line_no)
        except ContentError as error:
            errors.add(error)
            continue
        name = next((a or b for a, b in STATS_NAME.findall(fact.value)), None)
        table = guide.tables.get(name) if name else None
        facts.append(_fact(i, value, line, table.source_line if table else "", fields,
                           Field(str(spec.path), fact.line_no, f"fact {i + 1}",
                                 "shorten its 'line:' in the flyer: section of guide.yml")))
    return facts


def _default_facts(guide: Guide, fields: dict[str, Field],
                   words: Wording = ENGLISH) -> list[dict[str, str]]:
    """Without a flyer: section, the length of the path and one number from each of the
    first three data tables (its total, else its first row)."""
    timeline = guide.timeline
    assert timeline is not None
    facts = []
    if timeline.total_max:
        first, last = timeline.stages[0].label, timeline.stages[-1].label
        facts.append(_fact(0, _years(timeline.total_min, timeline.total_max),
                           words("kit_path_fact", first=first.lower(), last=last.lower()), "",
                           fields, Field(shown(timeline.path), None, "the first fact",
                                         "choose shorter facts in a flyer: section of guide.yml")))
    for table in list(guide.tables.values()):
        if len(facts) >= 4:
            break
        picked = _table_fact(table)
        if picked is not None:
            value, line = picked
            facts.append(_fact(len(facts), value, line, table.source_line, fields,
                               Field(shown(table.path), None, f"fact {len(facts) + 1}",
                                     "choose shorter facts in a flyer: section of guide.yml")))
    return facts


def _years(low: float, high: float) -> str:
    def number(v: float) -> str:
        return str(int(v)) if float(v).is_integer() else f"{v:g}"
    return number(high) if low == high else f"{number(low)}–{number(high)}"


def _table_fact(table: DataTable) -> tuple[str, str] | None:
    numeric = [c for c in table.visible_columns if c.numeric and c.type != "year"]
    texts = [c for c in table.visible_columns if not c.numeric]
    if not numeric:
        return None
    column = numeric[0]
    if table.total is not None:
        return format_value(table.total[column.name], column), \
            f"{column.label.lower()}, {table.total_label.lower()}: {table.title}"
    if not table.rows:
        return None
    row = table.rows[0]
    label = str(row[texts[0].name]) if texts else ""
    return format_value(row[column.name], column), \
        f"{column.label.lower()}" + (f", {label}" if label else "") + f": {table.title}"


def _fact(i: int, value: str, line: str, source: str, fields: dict[str, Field],
          where: Field) -> dict[str, str]:
    name = f"fact-{i + 1}"
    fields[name] = where
    return {"value": value, "line": line, "source": source, "field": name}


def _stages(guide: Guide, spec: FlyerSpec, context: dict[str, Any], errors: ErrorCollector,
            fields: dict[str, Field], words: Wording = ENGLISH) -> list[dict[str, Any]]:
    """One entry per stage: its label, length, description and first checklist items (an
    author puts the most important items of a stage's checklist first)."""
    timeline = guide.timeline
    assert timeline is not None
    stages = []
    for i, stage in enumerate(timeline.stages):
        name = f"stage-{i + 1}"
        fields[name] = Field(shown(timeline.path), None, f"stage '{stage.label}'",
                             "shorten its label or description in timeline.yml")
        items = []
        for chapter in guide.chapters:
            if chapter.kind != "stage" or chapter.stage != stage.id:
                continue
            for text, line in _checklist(chapter, context, errors):
                if len(items) < spec.checklist_items:
                    fields[f"{name}-item-{len(items) + 1}"] = Field(
                        str(chapter.path), line, "a checklist item",
                        "shorten the first items of the chapter's checklist")
                    items.append({"text": text, "field": f"{name}-item-{len(items) + 1}"})
        stages.append({"number": i + 1, "id": stage.id, "label": stage.label,
                       "years": stage.years_text,
                       "length": years_phrase(stage.min_years, stage.max_years,
                                              stage.open_ended, words),
                       "description": stage.description,
                       "items": items, "field": name})
    return stages


def _checklist(chapter: Chapter, context: dict[str, Any],
               errors: ErrorCollector) -> list[tuple[str, int]]:
    """The chapter's `- [ ]` items as plain text, with the line each is written on."""
    try:
        text = render_chapter(make_environment(), chapter, context)
    except ContentError as error:
        errors.add(error)
        return []
    tree = parse_chapters([text])[0]
    items = []
    for li in tree.iter("li"):
        plain = plain_text(li)
        if TASK.match(plain):
            items.append(" ".join(TASK.sub("", plain).split()))
    lines = [chapter.body_line + n for n, row in enumerate(chapter.body.split("\n"))
             if TASK_LINE.match(row)]
    return [(item, lines[k] if k < len(lines) else chapter.body_line)
            for k, item in enumerate(items)]

