"""Builders for the `::: name` block directives: tables, charts, timelines, checklists, pages."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from guide.convert.charts import bar_chart
from guide.convert.context import ConverterView, DirectiveBuilder
from guide.convert.flowables import CheckItem, Paragraph, RuledLines, TextField
from guide.convert.stats_table import statistics_table
from guide.errors import ContentError, did_you_mean
from guide.text.xml_text import escape


def _table_name(conv: ConverterView, name: str, line: int, chart: bool = False) -> str:
    tables = conv.env.guide.tables
    if name not in tables:
        raise ContentError(conv.chapter.path, line, f"no data table '{name}'",
                           did_you_mean(name, tables) if tables else "add data/NAME.csv and data/NAME.yml")
    if chart and tables[name].chart is None:
        raise ContentError(conv.chapter.path, line, f"table '{name}' has no chart",
                           f"add 'chart:' to data/{name}.yml")
    return name


def table_directive(conv: ConverterView, arg: str, line: int) -> list[Flowable]:
    return statistics_table(conv.env.guide.tables[_table_name(conv, arg, line)], conv.theme)


def chart_directive(conv: ConverterView, arg: str, line: int) -> list[Flowable]:
    name = _table_name(conv, arg, line, chart=True)
    return bar_chart(conv.env.guide.tables[name], conv.theme,
                     source_shown=_table_placed_above(conv, name))


def _table_placed_above(conv: ConverterView, name: str) -> bool:
    """Whether `::: table NAME` comes shortly before this line in the same chapter, with
    at most a paragraph between (its Source note is then on the reader's page already)."""
    lines = conv.chapter.body.split("\n")
    here = next((i for i, text in enumerate(lines) if text.strip() == f"::: chart {name}"), 0)
    for back, text in enumerate(reversed(lines[:here])):
        if text.strip() == f"::: table {name}":
            return back <= 6
        if text.startswith(("#", ":::")):
            return False
    return False


def notes_directive(conv: ConverterView, arg: str, line: int) -> list[Flowable]:
    return [RuledLines(conv.theme.base * 2.2, conv.theme.colors["rule"])]


def master_checklist_directive(conv: ConverterView, arg: str, line: int) -> list[Flowable]:
    """Every stage chapter's checklist again, compact, each item with a target-date line."""
    theme, env = conv.theme, conv.env
    out: list[Flowable] = []
    style = theme.styles["check"]
    from reportlab.lib.styles import ParagraphStyle
    compact = ParagraphStyle("master_item", parent=style, fontSize=theme.base * 0.84,
                             leading=theme.base * 1.08, spaceAfter=theme.base * 0.16)
    for chapter in env.guide.chapters:
        items = env.checklists.get(chapter.id)
        if not items or chapter.kind != "stage":
            continue
        out.append(CondPageBreak(theme.base * 6))
        out.append(Paragraph(escape(chapter.title), theme.styles["h4"]))
        for number, item in enumerate(items):
            name = env.field_names.make(f"plan.{chapter.id}", item.plain)
            check = CheckItem(Paragraph(item.text_markup, compact), name, item.checked,
                              theme.base * 0.9, theme.colors["heading"], env.forms,
                              tooltip=item.plain, date_line=theme.base * 5.5)
            check.date_tooltip = theme.words("target_date_field", item=item.plain)
            # A short stage list stays whole with its heading; a long one keeps its last
            # two items together: no item is left alone at the top of a page.
            check.keepWithNext = (number < len(items) - 1 if len(items) <= 8
                                  else number == len(items) - 2)
            out.append(check)
    if not out:
        raise ContentError(conv.chapter.path, line, "no stage chapter has a checklist to gather",
                           "add '- [ ] ...' items to stage chapters")
    return out


def planner_directive(conv: ConverterView, arg: str, line: int) -> list[Flowable]:
    """A personal plan: name, then a target date for each stage; fillable on screen."""
    theme, env = conv.theme, conv.env
    faces = theme.faces
    words = theme.words
    fields: list[tuple[str, str]] = [(words("planner_name"), "planner.name"),
                                     (words("planner_advisor"), "planner.advisor")]
    if env.guide.timeline:
        for stage in env.guide.timeline.stages:
            fields.append((words("planner_target", stage=stage.label), f"planner.{stage.id}"))
    label_width = theme.frame_width * 0.42
    out: list[Flowable] = [CondPageBreak(theme.base * 2.4 * len(fields)),
                           Paragraph(escape(words("planner_title")), theme.styles["h4"])]
    for label, name in fields:
        out.append(TextField(label, name, faces.heading.regular, faces.heading.regular,
                             theme.base * 0.9, theme.colors["text"], env.forms, label_width))
    out.append(Spacer(1, theme.base))
    return out


def directive_builders() -> dict[str, DirectiveBuilder]:
    """The directives this module builds; the pipeline adds the timeline's."""
    return {"table": table_directive, "chart": chart_directive, "notes": notes_directive,
            "master-checklist": master_checklist_directive, "planner": planner_directive}
