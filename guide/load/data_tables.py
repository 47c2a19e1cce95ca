"""Load stage for statistics: CSV rows plus YAML metadata, typed, with derived columns computed."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path
from typing import Any

from guide.errors import ContentError, ErrorCollector, did_you_mean
from guide.load.expressions import ExpressionError, compile_expression, evaluate
from guide.load.paths import shown, stays_inside
from guide.load.yamlfile import YamlDoc, check_keys, parse_yaml, read_text
from guide.model import ChartSpec, Column, DataTable

COLUMN_TYPES = ("id", "text", "integer", "decimal", "percent", "currency", "year")
META_KEYS = {"title", "source", "notes", "key", "columns", "derived", "total", "chart"}
SOURCE_KEYS = {"name", "url", "year", "checked"}
CHECKED = re.compile(r"(\d{4})-(0[1-9]|1[0-2])(?:-\d{2})?")
COLUMN_KEYS = {"label", "type", "decimals"}
DERIVED_KEYS = {"label", "expr", "type", "decimals"}
NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
MAX_ROWS = 100_000
MAX_NUMBER = 1e15  # larger than any count or amount a booklet prints, and exact as a float
MAX_EXPRESSION = 500  # characters in a derived column's expression
WHOLE = re.compile(r"^[+-]?\d+$")


def load_tables(root: Path, errors: ErrorCollector) -> dict[str, DataTable]:
    """Every `data/NAME.csv` with its `data/NAME.yml`; problems go to `errors`."""
    folder = root / "data"
    tables: dict[str, DataTable] = {}
    if not folder.is_dir():
        return tables
    for csv_path in sorted(folder.glob("*.csv")):
        try:
            stays_inside(root, csv_path)
            stays_inside(root, csv_path.with_suffix(".yml"))
            tables[csv_path.stem] = load_table(csv_path)
        except ContentError as error:
            errors.add(error)
    for meta_path in sorted(folder.glob("*.yml")):
        if not meta_path.with_suffix(".csv").exists():
            errors.add(ContentError(shown(meta_path), 1, "no CSV file beside this metadata",
                                    f"add data/{meta_path.stem}.csv or delete the file"))
    return tables


def load_table(csv_path: Path) -> DataTable:
    name = csv_path.stem
    csv_shown = shown(csv_path)
    if not NAME.match(name):
        raise ContentError(csv_shown, None, f"table name '{name}' must use lower-case letters, "
                           "digits and underscores", "rename the CSV and YAML files")
    meta_path = csv_path.with_suffix(".yml")
    if not meta_path.exists():
        raise ContentError(csv_shown, None, "no metadata file beside this CSV",
                           f"add data/{name}.yml with title, source and columns")
    doc = parse_yaml(Path(shown(meta_path)), read_text(meta_path, shown(meta_path)))
    meta = doc.data
    if not isinstance(meta, dict):
        raise doc.error((), "metadata must be a mapping", "see docs/content-format.md")
    problems = check_keys(doc, (), meta, META_KEYS, {"title", "source", "columns"}, "table metadata")
    source = meta.get("source")
    if isinstance(source, dict):
        problems += check_keys(doc, ("source",), source, SOURCE_KEYS, {"name", "year"}, "source")
    elif "source" in meta:
        problems.append(doc.error(("source",), "'source' needs name, year and url",
                                  "source:\n  name: ...\n  year: 2024\n  url: https://..."))
    if problems:
        raise problems[0]
    columns = _columns(doc, meta)
    header, raw_rows = _read_csv(csv_path, csv_shown)
    declared = [c.name for c in columns if c.expr is None]
    for column_name in header:
        if column_name not in declared:
            raise ContentError(csv_shown, 1, f"column '{column_name}' is not described in "
                               f"{doc.path}", f"add it under 'columns:' ({did_you_mean(column_name, declared)})")
    for column_name in declared:
        if column_name not in header:
            raise doc.error(("columns", column_name), f"column '{column_name}' is not in the CSV",
                            f"add it to the header of {csv_shown} or remove it here")
    by_name = {c.name: c for c in columns}
    if not raw_rows:
        raise ContentError(csv_shown, 1, "the table has no rows under its header",
                           "add at least one row of values")
    rows = [_typed_row(csv_shown, line, header, cells, by_name) for line, cells in raw_rows]
    derived = _derived(doc, meta, columns)
    for (line, _), row in zip(raw_rows, rows):
        for column, tree in derived:
            row[column.name] = derived_value(tree, row, column, csv_shown, line)
    key = meta.get("key")
    if key is not None:
        if key not in by_name:
            raise doc.error(("key",), f"key column '{key}' is not a column",
                            did_you_mean(str(key), by_name))
        seen: dict[str, int] = {}
        for (line, _), row in zip(raw_rows, rows):
            value = str(row[key])
            if not NAME.match(value):
                raise ContentError(csv_shown, line, f"key '{value}' in column '{key}' must use "
                                   "lower-case letters, digits and underscores, starting with a letter",
                                   "it names the row in {{ stats... }}, e.g. y2014")
            if value in seen:
                raise ContentError(csv_shown, line, f"key '{value}' repeats line {seen[value]}")
            seen[value] = line
    total, total_label = _total(doc, meta, columns, derived, rows)
    chart = _chart(doc, meta, by_name)
    if chart is not None and all(row.get(chart.value) is None for row in rows):
        raise doc.error(("chart", "value"), f"column '{chart.value}' has no values to chart",
                        "fill in the column in the CSV, or remove 'chart:'")
    checked = _checked(doc, source)
    return DataTable(
        name=name, path=Path(csv_shown), title=str(meta["title"]), source_checked=checked,
        meta_path=Path(shown(meta_path)),
        source_name=str(source["name"]), source_url=str(source.get("url") or ""),
        source_year=str(source["year"]), notes=str(meta.get("notes") or "").strip(),
        key=key, columns=tuple(columns), rows=tuple(rows), total=total,
        total_label=total_label, chart=chart)


def _checked(doc: YamlDoc, source: dict) -> str:
    """`source: checked: 2026-11`, when the figures were last compared with the source."""
    value = source.get("checked")
    if value is None:
        return ""
    match = CHECKED.fullmatch(str(value))
    if match is None:
        raise doc.error(("source", "checked"), f"checked '{value}' is not a month like 2026-11",
                        "write the year and month you last compared the figures: checked: 2026-11")
    return f"{match.group(1)}-{match.group(2)}"


def _columns(doc: YamlDoc, meta: dict) -> list[Column]:
    columns = []
    spec = meta["columns"]
    if not isinstance(spec, dict) or not spec:
        raise doc.error(("columns",), "'columns' must map each CSV column to its label and type")
    for name, info in spec.items():
        columns.append(_column(doc, ("columns", name), name, info, COLUMN_KEYS))
    for name, info in (meta.get("derived") or {}).items():
        if name in spec:
            raise doc.error(("derived", name), f"derived column '{name}' repeats a CSV column")
        columns.append(_column(doc, ("derived", name), name, info, DERIVED_KEYS))
    return columns


def _column(doc: YamlDoc, keys: tuple, name: str, info: Any, allowed: set[str]) -> Column:
    if not NAME.match(str(name)):
        raise doc.error(keys, f"column name '{name}' must use lower-case letters, digits and "
                        "underscores")
    if info is None:
        info = {}
    required = {"expr"} if "expr" in allowed else set()
    problems = check_keys(doc, keys, info, allowed, required, f"column '{name}'")
    if problems:
        raise problems[0]
    kind = str(info.get("type", "text"))
    if kind not in COLUMN_TYPES:
        raise doc.error(keys + ("type",), f"unknown column type '{kind}'",
                        did_you_mean(kind, COLUMN_TYPES))
    decimals = info.get("decimals", 0)
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6:
        raise doc.error(keys + ("decimals",), "'decimals' must be a whole number from 0 to 6")
    label = str(info.get("label", name.replace("_", " ").capitalize()))
    return Column(name=str(name), label=label, type=kind, decimals=decimals,
                  expr=str(info["expr"]) if "expr" in info else None)


def _read_csv(path: Path, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    text = read_text(path, name)
    reader = csv.reader(text.split("\n"))
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or all(not c.strip() for c in cells):
                continue
            cells = [c.strip() for c in cells]
            if header is None:
                header = cells
                for n, cell in enumerate(cells):
                    if not NAME.match(cell):
                        raise ContentError(name, line, f"header '{cell}' must be a lower-case "
                                           "name with underscores", "e.g. img_residents")
                    if cell in cells[:n]:
                        raise ContentError(name, line, f"column '{cell}' appears twice in the "
                                           "header", "give each column its own name")
                continue
            if len(cells) != len(header):
                raise ContentError(name, line, f"row has {len(cells)} cells but the header has "
                                   f"{len(header)}", "check for a missing or extra comma")
            rows.append((line, cells))
            if len(rows) > MAX_ROWS:
                raise ContentError(name, line, f"more than {MAX_ROWS:,} rows",
                                   "a booklet table should summarise, not list raw data")
    except csv.Error as exc:
        raise ContentError(name, reader.line_num, f"cannot read CSV: {exc}") from None
    if header is None:
        raise ContentError(name, 1, "the CSV file is empty", "add a header row and data rows")
    return header, rows


def _typed_row(name: str, line: int, header: list[str], cells: list[str],
               columns: dict[str, Column]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column_name, cell in zip(header, cells):
        column = columns[column_name]
        try:
            row[column_name] = parse_cell(cell, column)
        except ValueError:
            raise ContentError(name, line, f"column '{column_name}': '{cell}' is not "
                               f"{_expected(column)}", "fix the value or the column's type") from None
    return row


def _expected(column: Column) -> str:
    return {"integer": "a whole number", "decimal": "a number", "percent": "a percent like 79%",
            "currency": "an amount like $1,200", "year": "a year like 2024"}.get(
                column.type, "valid")


def parse_cell(cell: str, column: Column) -> Any:
    if column.type in ("text", "id"):
        return cell
    if cell in ("", "-", "–"):
        return None
    clean = cell.replace(",", "").replace("$", "").strip()
    if column.type in ("integer", "year") and WHOLE.match(clean):
        number: float = int(clean)  # exact, also above 2**53
    else:
        number = float(clean.removesuffix("%") if column.type == "percent" else clean)
    if not math.isfinite(number) or abs(number) > MAX_NUMBER:
        raise ValueError(cell)
    if column.type == "percent":
        return number / 100
    if column.type in ("integer", "year"):
        if isinstance(number, float) and not number.is_integer():
            raise ValueError(cell)
        return int(number)
    return number


def derived_value(tree: Any, row: dict[str, Any], column: Column, where: str, line: int) -> Any:
    """One derived cell, refused when it grows past MAX_NUMBER (or overflows)."""
    try:
        value = evaluate(tree, row)
    except OverflowError:
        value = math.inf
    if value is not None and (not math.isfinite(value) or abs(value) > MAX_NUMBER):
        raise ContentError(where, line, f"derived column '{column.name}' comes to a number "
                           f"larger than {MAX_NUMBER:.0e}", "check its expression and this row")
    return value


def _derived(doc: YamlDoc, meta: dict, columns: list[Column]) -> list[tuple[Column, Any]]:
    numeric = {c.name for c in columns if c.numeric}
    text_columns = {c.name: c.type for c in columns if c.expr is None and not c.numeric}
    compiled = []
    for column in columns:
        if column.expr is None:
            continue
        if len(str(column.expr)) > MAX_EXPRESSION:
            raise doc.error(("derived", column.name, "expr"), f"expression longer than "
                            f"{MAX_EXPRESSION} characters", "split it into several derived columns")
        try:
            compiled.append((column, compile_expression(column.expr, numeric, text_columns)))
        except ExpressionError as exc:
            raise doc.error(("derived", column.name, "expr"), str(exc),
                            "use + - * / on numeric column names: " + ", ".join(sorted(numeric))) from None
        numeric.add(column.name)
    return compiled


def _total(doc: YamlDoc, meta: dict, columns: list[Column], derived: list,
           rows: list[dict]) -> tuple[dict | None, str]:
    spec = meta.get("total")
    if spec is None:
        return None, ""
    problems = check_keys(doc, ("total",), spec, {"label", "sum"}, {"sum"}, "total")
    if problems:
        raise problems[0]
    summed = spec["sum"]
    if isinstance(summed, str):
        summed = [summed]
    numeric = {c.name for c in columns if c.numeric}
    total: dict[str, Any] = {c.name: None for c in columns}
    for index, name in enumerate(summed):
        if name not in numeric:
            raise doc.error(("total", "sum", index), f"cannot sum '{name}'",
                            "name numeric columns: " + ", ".join(sorted(numeric)))
        total[name] = sum(r[name] for r in rows if r[name] is not None)
    for column, tree in derived:
        if column.name not in summed:  # shares and ratios: recomputed from the summed columns
            total[column.name] = evaluate(tree, total)
    return total, str(spec.get("label", "Total"))


def _chart(doc: YamlDoc, meta: dict, columns: dict[str, Column]) -> ChartSpec | None:
    spec = meta.get("chart")
    if spec is None:
        return None
    problems = check_keys(doc, ("chart",), spec, {"value", "label", "title"},
                          {"value", "label"}, "chart")
    if problems:
        raise problems[0]
    for role in ("value", "label"):
        if spec[role] not in columns:
            raise doc.error(("chart", role), f"unknown column '{spec[role]}'",
                            did_you_mean(str(spec[role]), columns))
    if not columns[spec["value"]].numeric:
        raise doc.error(("chart", "value"), f"column '{spec['value']}' is not numeric")
    return ChartSpec(value=spec["value"], label=spec["label"], title=str(spec.get("title", "")))
