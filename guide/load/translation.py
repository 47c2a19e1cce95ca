"""A pack's edition in another language: the translated text laid over the loaded guide.

A translation lives in a folder named for its language beside the English files
(`content/pain-medicine/es/`): `guide.yml` (title, subtitle, audience, colophon, keywords,
language), `chapters/NAME.md` for every chapter, `timeline.yml` (labels by stage id, by
milestone label and by route id), `data/NAME.yml` (titles, notes, labels, text cells by
row) and, if wanted, `strings.yml`. Only words are translated: the chapter list, every
number, every length of the timeline and every data value come from the English files, so
the two editions cannot disagree. A missing piece is an error naming it, or with
`allow_missing` the English text and one warning.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from guide.errors import ContentError, ContentErrors, ErrorCollector, did_you_mean
from guide.load.pack import load_chapter
from guide.load.paths import shown, stays_inside
from guide.load.yamlfile import YamlDoc, check_keys, parse_yaml, read_text
from guide.model import DataTable, Guide, Milestone, Route, Stage, Timeline

LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
GUIDE_KEYS = {"title", "subtitle", "audience", "colophon", "keywords", "language", "edition",
              "flyer"}  # flyer: the kit's facts, read by guide.kit.spec
TABLE_KEYS = {"title", "notes", "source", "columns", "derived", "total", "chart", "rows"}


def translation_folder(root: Path, language: str) -> Path:
    if not LANGUAGE.fullmatch(language):
        raise ContentError(None, None, f"'{language}' is not a language code",
                           "use a code such as es or es-US")
    return root / language.split("-")[0].lower()


def translate_guide(guide: Guide, language: str,
                    allow_missing: bool = False) -> tuple[Guide, list[str]]:
    """`guide` with every translatable text replaced from its `language` folder."""
    folder = translation_folder(guide.root, language)
    if not folder.is_dir():
        raise ContentError(shown(folder), None, f"this pack has no '{folder.name}' translation",
                           f"add the folder {folder.name}/ with guide.yml and chapters/ "
                           "(see docs/content-format.md, 'Editions in other languages')")
    stays_inside(guide.root, folder)
    errors, warnings = ErrorCollector(), []

    def missing(where: Path, what: str, hint: str) -> None:
        if allow_missing:
            warnings.append(f"{shown(where)}: {what}; the English text is used")
        else:
            errors.add(ContentError(shown(where), None, what,
                                    hint + " (or build with --allow-missing)"))

    meta = _meta(guide, folder, errors, missing)
    chapters = []
    for chapter in guide.chapters:
        path = folder / "chapters" / chapter.path.name
        if not path.is_file():
            missing(path, f"no translation of {chapter.path.name}",
                    f"write chapters/{chapter.path.name} in {folder.name}/")
            chapters.append(chapter)
            continue
        try:
            stays_inside(guide.root, path)
            translated = load_chapter(path, guide.timeline)
        except ContentError as error:
            errors.add(error)
            chapters.append(chapter)
            continue
        if (translated.kind, translated.stage) != (chapter.kind, chapter.stage):
            errors.add(ContentError(translated.path, 2, f"kind and stage must match the English "
                                    f"chapter ({chapter.kind}" + (f", {chapter.stage}"
                                                                  if chapter.stage else "") + ")"))
        chapters.append(replace(translated, id=chapter.id))
    timeline = _timeline(guide.timeline, folder, errors, missing)
    tables = {name: _table(table, folder, errors, missing)
              for name, table in guide.tables.items()}
    strings = _strings(folder, errors)
    errors.raise_if_any()
    return replace(guide, meta=meta, chapters=tuple(chapters), timeline=timeline, tables=tables,
                   strings={**guide.strings, **strings}), warnings


def _doc(path: Path, errors: ErrorCollector) -> YamlDoc | None:
    try:
        doc = parse_yaml(Path(shown(path)), read_text(path, shown(path)))
    except ContentError as error:
        errors.add(error)
        return None
    if doc.data is not None and not isinstance(doc.data, dict):
        errors.add(doc.error((), "expected keys and values"))
        return None
    return doc


def _text(doc: YamlDoc, data: dict, key: str, errors: ErrorCollector) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        errors.add(doc.error((key,), f"'{key}' must be text"))
        return None
    return str(value).strip()


def _meta(guide: Guide, folder: Path, errors: ErrorCollector, missing) -> Any:  # type: ignore[no-untyped-def]
    path = folder / "guide.yml"
    if not path.is_file():
        missing(path, "no guide.yml for this language", "add guide.yml with title and language")
        return guide.meta
    doc = _doc(path, errors)
    if doc is None or doc.data is None:
        return guide.meta
    data = doc.data
    for error in check_keys(doc, (), data, GUIDE_KEYS, {"title"}, "guide.yml"):
        errors.add(error)
    changes: dict[str, Any] = {}
    for key in ("title", "subtitle", "audience", "colophon", "language", "edition"):
        text = _text(doc, data, key, errors)
        if text is not None:
            changes[key] = text
    keywords = data.get("keywords")
    if isinstance(keywords, list):
        changes["keywords"] = tuple(str(k) for k in keywords)
    changes.setdefault("language", folder.name)
    return replace(guide.meta, **changes)


def _timeline(timeline: Timeline | None, folder: Path, errors: ErrorCollector,
              missing) -> Timeline | None:  # type: ignore[no-untyped-def]
    if timeline is None:
        return None
    path = folder / "timeline.yml"
    if not path.is_file():
        missing(path, "no timeline.yml for this language", "add the stage and milestone labels")
        return timeline
    doc = _doc(path, errors)
    if doc is None or doc.data is None:
        return timeline
    data = doc.data
    for error in check_keys(doc, (), data, {"unit", "stages", "milestones", "routes"}, set(),
                            "translated timeline"):
        errors.add(error)

    def section(key: str) -> dict:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            errors.add(doc.error((key,), f"'{key}' must map each English name to its translation"))
            return {}
        return value

    stages_in, milestones_in, routes_in = section("stages"), section("milestones"), section("routes")
    for unknown in set(stages_in) - {s.id for s in timeline.stages}:
        errors.add(doc.error(("stages", unknown), f"no stage '{unknown}' in timeline.yml",
                             did_you_mean(str(unknown), [s.id for s in timeline.stages])))
    for unknown in set(milestones_in) - {m.label for m in timeline.milestones}:
        errors.add(doc.error(("milestones", unknown), f"no milestone '{unknown}' in timeline.yml",
                             did_you_mean(str(unknown), [m.label for m in timeline.milestones])))
    for unknown in set(routes_in) - {r.id for r in timeline.routes}:
        errors.add(doc.error(("routes", unknown), f"no route '{unknown}' in timeline.yml",
                             did_you_mean(str(unknown), [r.id for r in timeline.routes])))

    def stage(s: Stage) -> Stage:
        given = stages_in.get(s.id)
        if not isinstance(given, dict) or not given.get("label"):
            missing(path, f"stage '{s.id}' has no translated label",
                    f"add stages: {s.id}: {{label: ..., description: ...}}")
            return s
        return replace(s, label=str(given["label"]),
                       description=str(given.get("description") or s.description))

    def milestone(m: Milestone) -> Milestone:
        if m.label not in milestones_in:
            missing(path, f"milestone '{m.label}' has no translation",
                    f"add milestones: \"{m.label}\": ...")
            return m
        return replace(m, label=str(milestones_in[m.label]))

    def route(r: Route) -> Route:
        if r.id not in routes_in:
            missing(path, f"route '{r.id}' has no translation", f"add routes: {r.id}: ...")
            return r
        return replace(r, label=str(routes_in[r.id]))

    return replace(timeline, unit=str(data.get("unit") or timeline.unit),
                   stages=tuple(stage(s) for s in timeline.stages),
                   milestones=tuple(milestone(m) for m in timeline.milestones),
                   routes=tuple(route(r) for r in timeline.routes))


def _table(table: DataTable, folder: Path, errors: ErrorCollector,
           missing) -> DataTable:  # type: ignore[no-untyped-def]
    path = folder / "data" / f"{table.name}.yml"
    if not path.is_file():
        missing(path, f"no translation of data/{table.name}.yml",
                "add its title, notes and column labels")
        return table
    doc = _doc(path, errors)
    if doc is None or doc.data is None:
        return table
    data = doc.data
    for error in check_keys(doc, (), data, TABLE_KEYS, {"title"}, "translated table"):
        errors.add(error)
    labels: dict[str, str] = {}
    for key in ("columns", "derived"):
        for name, given in (data.get(key) or {}).items():
            if not any(c.name == name for c in table.columns):
                errors.add(doc.error((key, name), f"no column '{name}' in {table.name}",
                                     did_you_mean(str(name), [c.name for c in table.columns])))
            elif isinstance(given, dict) and given.get("label"):
                labels[name] = str(given["label"])
    columns = tuple(replace(c, label=labels.get(c.name, c.label)) for c in table.columns)
    for column in table.visible_columns:
        if column.label and column.name not in labels:
            missing(path, f"column '{column.name}' of {table.name} has no translated label",
                    f"add columns: {column.name}: {{label: ...}}")
    rows = _rows(table, doc, data.get("rows") or {}, errors, missing, path)
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    chart = table.chart
    if chart is not None and isinstance(data.get("chart"), dict) and data["chart"].get("title"):
        chart = replace(chart, title=str(data["chart"]["title"]))
    total = data.get("total") if isinstance(data.get("total"), dict) else {}
    return replace(table, title=str(data.get("title") or table.title),
                   notes=str(data.get("notes") or table.notes).strip(),
                   source_name=str(source.get("name") or table.source_name),
                   columns=columns, rows=rows, chart=chart,
                   total_label=str(total.get("label") or table.total_label))


def _rows(table: DataTable, doc: YamlDoc, given: Any, errors: ErrorCollector, missing,  # type: ignore[no-untyped-def]
          path: Path) -> tuple[dict[str, Any], ...]:
    """Text cells by row key; numbers are never taken from a translation."""
    text_columns = [c.name for c in table.visible_columns if c.type == "text"]
    if not text_columns:
        return table.rows
    if not isinstance(given, dict):
        errors.add(doc.error(("rows",), "'rows' must map row keys to their text cells"))
        return table.rows
    rows = []
    for row in table.rows:
        key = str(row[table.key]) if table.key else ""
        cells = given.get(key)
        if not isinstance(cells, dict):
            missing(path, f"row '{key}' of {table.name} has no translated text",
                    f"add rows: {key}: {{{text_columns[0]}: ...}}")
            rows.append(row)
            continue
        unknown = set(cells) - set(text_columns)
        if unknown:
            errors.add(doc.error(("rows", key), f"only text columns are translated, not "
                                 f"{', '.join(sorted(map(str, unknown)))}",
                                 "numbers come from the CSV for every language"))
        rows.append({**row, **{c: str(cells[c]) for c in text_columns if c in cells}})
    return tuple(rows)


def _strings(folder: Path, errors: ErrorCollector) -> dict[str, Any]:
    path = folder / "strings.yml"
    if not path.is_file():
        return {}
    doc = _doc(path, errors)
    if doc is None:
        return {}
    from guide.text.wording import check_overrides
    try:
        return check_overrides(doc)
    except ContentErrors as problems:
        for error in problems.errors:
            errors.add(error)
        return {}

