"""How numbers look in tables and prose: one place, so a sentence and a table agree."""

from __future__ import annotations

from typing import Any

from guide.model import Column


def format_value(value: Any, column: Column) -> str:
    if value is None or value == "":
        return "–"
    kind = column.type
    if kind == "integer":
        return f"{round(value):,}"
    if kind == "decimal":
        return f"{value:,.{column.decimals}f}"
    if kind == "percent":
        return f"{value * 100:.{column.decimals}f}%"
    if kind == "currency":
        return f"${value:,.{column.decimals}f}"
    if kind == "year":
        return str(int(value))
    return str(value)


def format_percent_change(old: float, new: float, decimals: int = 0) -> str:
    change = (new - old) / old * 100
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    return f"{sign}{abs(change):.{decimals}f}%"
