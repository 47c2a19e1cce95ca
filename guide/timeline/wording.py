"""Every phrase the timeline diagrams print about lengths and years, in one place.

Plurals and the order of words differ between languages; a translation replaces these
functions and nothing else. Numbers arrive as floats and print without a trailing ".0".
"""

from __future__ import annotations


def number(value: float) -> str:
    """3.0 prints "3", 0.5 prints "0.5"."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def count_years(value: float) -> str:
    """'1 year', '3 years', '0.5 years'."""
    return f"{number(value)} year" if value == 1 else f"{number(value)} years"


def years_phrase(low: float, high: float, open_ended: bool = False) -> str:
    """A length: '4 years', '1 year', '3-4 years', 'optional, up to 1 year', 'no extra time'
    or 'ongoing'."""
    if open_ended:
        return "ongoing"
    if high == 0:
        return "no extra time"
    if low == 0:
        return f"optional, up to {count_years(high)}"
    if low == high:
        return count_years(low)
    return f"{number(low)}-{number(high)} years"


def year_name(index: int, start_year: int | None) -> str:
    """Year `index` (0-based) as the scale names it: '5' after high school, or '2031'."""
    return str(start_year + index) if start_year else str(index + 1)


def year_span(first: int, last: int, start_year: int | None, open_ended: bool = False) -> str:
    """The years a stage occupies, mid-sentence: 'years 5-7', 'year 8', 'from year 9';
    with calendar years '2031-2033', '2034', 'from 2035'."""
    a, b = year_name(first, start_year), year_name(last, start_year)
    word = "" if start_year else ("year " if open_ended or first == last else "years ")
    if open_ended:
        return f"from {word}{a}"
    return f"{word}{a}" if first == last else f"{word}{a}-{b}"


def earliest_note(first: int, start_year: int | None) -> str:
    """Added to a span when shorter earlier stages would start this one sooner."""
    word = "" if start_year else "year "
    return f"or from {word}{year_name(first, start_year)} at the earliest"


def calendar_year(index: int, start_year: int | None, open_ended: bool = False) -> str:
    """The name in the year-by-year calendar's left column: 'Year 5', 'Year 9+', '2035 on'."""
    if start_year:
        name = year_name(index, start_year)
        return f"{name} on" if open_ended else name
    return f"Year {index + 1}+" if open_ended else f"Year {index + 1}"


def ends_early(label: str, low: float, high: float) -> str:
    """The calendar's note on a stage with a range: when it can end, and what that means
    for the stages after it."""
    if low == 0:
        return f"{label}: optional; skipping it saves {count_years(high)}"
    return (f"{label} can end after {count_years(low)}; "
            f"later stages then start up to {count_years(high - low)} sooner")


def strip_caption(position: int, count: int, label: str, length: str, when: str) -> str:
    return f"You are here: stage {position} of {count}, {label} ({length}; {when})"


def routes_heading(stage_labels: list[str]) -> str:
    """'Routes through college', 'Routes through college and residency'."""
    names = [in_sentence(label) for label in stage_labels]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Routes through {joined}"


def route_text(label: str, length: str) -> str:
    return f"{label}, {length}"


def scale_caption(unit: str, start_year: int | None) -> str:
    if start_year:
        return f"Calendar years, starting college in {start_year}"
    return unit[:1].upper() + unit[1:]


def in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: "Residency" becomes "residency", while "PharmD
    program" and "DPT" keep their capitals."""
    first, _, rest = label.partition(" ")
    if first[:1].isupper() and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}" if rest else first
