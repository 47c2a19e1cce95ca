"""`check --accessibility`: what an author can fix so the booklet reads well without
sight: pictures without alt text, headings that skip a level, brand colours whose text
contrast is under 4.5:1, and links whose text says nothing ("here")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guide.colors import contrast
from guide.layout.theme import make_colors
from guide.model import Brand, Guide

MIN_CONTRAST = 4.5  # WCAG 2.1 AA for body-size text
VAGUE_LINKS = {"here", "click here", "this", "this link", "link", "more", "read more",
               "click", "this page", "go", "see here"}
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)")
LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)]*)\)")
HEADING = re.compile(r"^(#{1,6})\s+(\S.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
# (text colour, background, where the booklet sets text in that pair)
TEXT_PAIRS = [("text", "paper", "body text"), ("heading", "paper", "headings"),
              ("link", "paper", "links"), ("muted", "paper", "captions and page furniture"),
              ("on_primary", "primary", "the cover and chapter bands"),
              ("on_dark", "dark", "the dark panels of the covers"),
              ("accent", "paper", "bullets and stage numbers")]


@dataclass(frozen=True)
class Finding:
    path: str
    line: int | None
    message: str
    hint: str

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message} ({self.hint})"


def audit(guide: Guide, brand: Brand) -> list[Finding]:
    findings: list[Finding] = []
    for chapter in guide.chapters:
        findings += audit_chapter(str(chapter.path), chapter.body, chapter.body_line)
    findings += audit_colors(brand)
    return findings


def audit_chapter(path: str, body: str, first_line: int) -> list[Finding]:
    findings: list[Finding] = []
    last_level = 1  # the chapter title is the H1
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if FENCE.match(line):
            fenced = not fenced
        if fenced or line.startswith(("    ", "\t")):
            continue
        heading = HEADING.match(line)
        if heading:
            level = max(2, len(heading.group(1)))  # '#' inside a chapter is a section, as '##'
            if level > last_level + 1:
                findings.append(Finding(path, number, f"heading '{heading.group(2)}' skips from "
                                        f"level {last_level} to {level}",
                                        f"use {'#' * (last_level + 1)} here"))
            last_level = level
        for alt, src in IMAGE.findall(line):
            if not alt.strip():
                findings.append(Finding(path, number, f"the picture '{src}' has no alt text",
                                        f'describe it: ![what it shows]({src}); ![""]({src}) '
                                        "if it is decoration"))
        for text, href in LINK.findall(line):
            if text.strip().lower().strip(".!:") in VAGUE_LINKS:
                findings.append(Finding(path, number, f"the link text '{text}' does not say where "
                                        f"it goes ({href})", "name the page or what the reader "
                                        "finds there"))
    return findings


def audit_colors(brand: Brand) -> list[Finding]:
    colors = make_colors(brand)
    findings = []
    for fore, back, use in TEXT_PAIRS:
        ratio = contrast(colors[fore], colors[back])
        if ratio < MIN_CONTRAST:
            findings.append(Finding(str(brand.path), None, f"{use} are set in {colors[fore]} on "
                                    f"{colors[back]}, a contrast of {ratio:.1f}:1 (under "
                                    f"{MIN_CONTRAST}:1)", "choose darker or lighter brand "
                                    "colours"))
    return findings
