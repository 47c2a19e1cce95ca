"""What a build is asked to make (BuildOptions) and what it made (BuildResult): plain
records shared by the pipeline, the command line, batch and watch."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    page_size: str = "half-letter"
    forms: bool = True
    start_year: int | None = None
    print_ready: bool = False  # bleed, crop marks, right-hand chapters, pages in fours
    bleed: float = 9.0  # points (0.125 in) when print_ready
    cmyk: bool = False
    grayscale: bool = False
    impose: str | None = None  # "saddle-stitch"
    sheet: str = "letter"
    creep: float = 0.0  # points of creep compensation per sheet, for thick booklets
    sheet_marks: bool = False  # fold and trim marks on imposed sheets
    language: str | None = None  # build the pack's edition in this language (its folder)
    allow_missing: bool = False  # a translation may lack pieces: English text, one warning
    max_data_age: int = 5  # years a data source may predate the edition before a warning
    sheet_margin: float = 0.0  # points left blank around imposed pages (office printers)
    pdf_x: str | None = None  # "4" or "1a": a PDF/X file (with print_ready and cmyk)
    icc: Path | None = None  # the printer's CMYK output profile; None: the bundled FOGRA39

    @property
    def booklet(self) -> bool:
        """Page count in fours and chapters on right-hand pages."""
        return self.print_ready or self.impose is not None


class PageCount(int):
    """A booklet's page count that also says which filler pages the print and imposed
    editions added, and why: {"right-hand": n, "fours": m}."""

    added: dict[str, int]

    def __new__(cls, pages: int, added: dict[str, int] | None = None) -> PageCount:
        count = super().__new__(cls, pages)
        count.added = dict(added or {})
        return count

    def added_note(self) -> str:
        """'3 pages added: 2 so parts open on right-hand pages, 1 to make the count a
        multiple of four', or '' when none were."""
        reasons = {"right-hand": "so parts open on right-hand pages",
                   "fours": "to make the count a multiple of four"}
        parts = [f"{n} {reasons[k]}" for k, n in self.added.items() if n]
        total = sum(self.added.values())
        if not total:
            return ""
        return f"{total} filler page{'s' if total != 1 else ''} added: " + ", ".join(parts)


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pages: int
    bytes: int
    seconds: float
    stages: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
