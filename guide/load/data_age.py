"""Stale data: a table whose source is much older than the guide's edition is flagged, so
an author knows which figures to look up again before printing a new edition."""

from __future__ import annotations

import re

from guide.model import DataTable, Guide
from guide.text.wording import Wording

DEFAULT_MAX_AGE = 5  # years between a source's publication and the guide's edition


def edition_year(guide: Guide) -> int | None:
    """The four-digit year in guide.yml's `edition` ("2026", "Fall 2026"), if any."""
    found = re.search(r"\b(19|20)\d{2}\b", guide.meta.edition or "")
    return int(found.group(0)) if found else None


def source_year(table: DataTable) -> int | None:
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", table.source_year)]
    return max(years) if years else None


def stale_tables(guide: Guide, max_age: int = DEFAULT_MAX_AGE) -> list[str]:
    """One warning per table whose source is more than `max_age` years before the edition."""
    edition = edition_year(guide)
    if edition is None:
        return []
    warnings = []
    for name in sorted(guide.tables):
        table = guide.tables[name]
        year = source_year(table)
        if year is not None and edition - year > max_age:
            where = table.meta_path or table.path
            age = edition - year
            warnings.append(
                f"{where}: its source is from {year}, {age} year{'' if age == 1 else 's'} before the "
                f"{edition} edition (look for newer figures and update source: year and "
                f"checked:, or allow older data with --max-data-age {age})")
    return warnings


def as_of_line(table: DataTable, words: Wording) -> str:
    """"Figures as of 2024, checked November 2026." under a table's source."""
    if table.source_checked:
        return words("figures_as_of_checked", year=table.source_year,
                     month=words.month(table.source_checked))
    return words("figures_as_of", year=table.source_year)
