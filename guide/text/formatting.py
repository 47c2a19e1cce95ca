"""How numbers look in tables and prose: one place, so a sentence and a table agree, in the
locale of the pack's language (guide.text.wording)."""

from __future__ import annotations

from typing import Any

from guide.model import Column
from guide.text.wording import ENGLISH, Wording


def format_value(value: Any, column: Column, words: Wording = ENGLISH) -> str:
    if value is None or value == "":
        return "–"
    kind = column.type
    if kind == "integer":
        return words.integer(value)
    if kind == "decimal":
        return words.decimal(value, column.decimals)
    if kind == "percent":
        return words.percent(value, column.decimals)
    if kind == "currency":
        return words.currency(value, column.decimals)
    if kind == "year":
        return str(int(value))
    return str(value)


def format_percent_change(old: float, new: float, decimals: int = 0,
                          words: Wording = ENGLISH) -> str:
    change = (new - old) / old
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    return sign + words.percent(abs(change), decimals)
