"""Every phrase the timeline diagrams print about lengths and years, in one place.

The words come from the booklet's strings file (guide/strings/LANG.yml, through a
`Wording`), and so do plurals ("1 year", "3 años") and the joining of lists; numbers are
written as the locale writes them, without a trailing ".0".
"""

from __future__ import annotations

from guide.text.wording import ENGLISH, Wording


def number(value: float, words: Wording = ENGLISH) -> str:
    """3.0 prints "3", 0.5 prints "0.5" ("0,5" where the comma is the decimal sign)."""
    return words.number(value)


def count_years(value: float, words: Wording = ENGLISH) -> str:
    """'1 year', '3 years', '0.5 years'."""
    return words.count("years", value)


def years_phrase(low: float, high: float, open_ended: bool = False,
                 words: Wording = ENGLISH) -> str:
    """A length: '4 years', '1 year', '3-4 years', 'optional, up to 1 year', 'no extra time'
    or 'ongoing'."""
    if open_ended:
        return words("ongoing")
    if high == 0:
        return words("timeline_no_extra_time")
    if low == 0:
        return words("timeline_optional", length=count_years(high, words))
    if low == high:
        return count_years(low, words)
    return words("year_range", low=number(low, words), high=number(high, words))


def year_name(index: int, start_year: int | None) -> str:
    """Year `index` (0-based) as the scale names it: '5' after high school, or '2031'."""
    return str(start_year + index) if start_year else str(index + 1)


def year_span(first: int, last: int, start_year: int | None, open_ended: bool = False,
              words: Wording = ENGLISH) -> str:
    """The years a stage occupies, mid-sentence: 'years 5-7', 'year 8', 'from year 9';
    with calendar years '2031-2033', '2034', 'from 2035'."""
    a, b = year_name(first, start_year), year_name(last, start_year)
    kind = "calendar_" if start_year else ""
    if open_ended:
        return words(f"span_from_{kind}year", first=a)
    if first == last:
        return words(f"span_{kind}year", first=a)
    return words(f"span_{kind}years", first=a, last=b)


def earliest_note(first: int, start_year: int | None, words: Wording = ENGLISH) -> str:
    """Added to a span when shorter earlier stages would start this one sooner."""
    key = "earliest_calendar_year" if start_year else "earliest_year"
    return words(key, first=year_name(first, start_year))


def calendar_year(index: int, start_year: int | None, open_ended: bool = False,
                  words: Wording = ENGLISH) -> str:
    """The name in the year-by-year calendar's left column: 'Year 5', 'Year 9+', '2035 on'."""
    if start_year:
        name = year_name(index, start_year)
        return words("calendar_named_on", name=name) if open_ended else name
    return words("calendar_year_on" if open_ended else "calendar_year", n=index + 1)


def ends_early(label: str, low: float, high: float, words: Wording = ENGLISH) -> str:
    """The calendar's note on a stage with a range: when it can end, and what that means
    for the stages after it."""
    if low == 0:
        return words("ends_optional", label=label, length=count_years(high, words))
    return words("ends_early", label=label, shortest=count_years(low, words),
                 saved=count_years(high - low, words))


def strip_caption(position: int, count: int, label: str, length: str, when: str,
                  words: Wording = ENGLISH) -> str:
    return words("strip_caption", position=position, count=count, label=label, length=length,
                 when=when)


def routes_heading(stage_labels: list[str], words: Wording = ENGLISH) -> str:
    """'Routes through college', 'Routes through college and residency'."""
    names = [in_sentence(label) for label in stage_labels]
    return words("routes_heading", stages=words.join(names))


def route_text(label: str, length: str, words: Wording = ENGLISH) -> str:
    return words("route_text", label=label, length=length)


def scale_caption(unit: str, start_year: int | None, words: Wording = ENGLISH) -> str:
    if start_year:
        return words("scale_calendar", year=start_year)
    return unit[:1].upper() + unit[1:]


def in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: "Residency" becomes "residency", while "PharmD
    program" and "DPT" keep their capitals."""
    first, _, rest = label.partition(" ")
    if first[:1].isupper() and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}" if rest else first
