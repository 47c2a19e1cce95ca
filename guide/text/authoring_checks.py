"""Mistakes a chapter can make that still build: `check` names them as warnings.

Each is a documented shape written slightly wrong, so the booklet looks broken or quietly
leaves something out (a stage missing from the master checklist, an empty callout box, a
note nobody points at). Messages have the form FILE:LINE: what (how to fix).
"""

from __future__ import annotations

import re

from guide.model import Chapter
from guide.text.markdown_parse import CODE_SPAN, FOOTNOTE_DEF, FOOTNOTE_REF

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
TASK = re.compile(r"^\s*[-*+]\s+\[[ xX]\]\s+")
CALLOUT = re.compile(r"^!!!\s+\w+")


def chapter_warnings(chapter: Chapter) -> list[str]:
    lines = chapter.body.split("\n")
    where = str(chapter.path)
    warnings = []

    def at(index: int) -> str:
        return f"{where}:{chapter.body_line + index}"

    checklist = [i for i, line in enumerate(lines)
                 if (m := HEADING.match(line)) and len(m.group(1)) == 2
                 and m.group(2).strip().lower() == "checklist"]
    if chapter.kind == "stage" and not checklist:
        warnings.append(f"{where}:1: stage chapter without a '## Checklist' section (its stage "
                        "is left out of the master checklist; end the chapter with "
                        "'## Checklist' and '- [ ] ...' items)")
    for start in checklist:
        end = next((i for i in range(start + 1, len(lines))
                    if (m := HEADING.match(lines[i])) and len(m.group(1)) <= 2), len(lines))
        if not any(TASK.match(line) for line in lines[start + 1:end]):
            warnings.append(f"{at(start)}: '## Checklist' has no items (add lines like "
                            "'- [ ] Register for the exam', or remove the heading)")

    for i, line in enumerate(lines):
        if not CALLOUT.match(line):
            continue
        following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        if following is None or not lines[following].startswith(("    ", "\t")):
            warnings.append(f"{at(i)}: callout '{line.strip()}' has no indented text, so its "
                            "box prints empty (indent the text under it by 4 spaces)")

    prose = CODE_SPAN.sub("", chapter.body)
    referenced = set(FOOTNOTE_REF.findall(prose))
    for i, line in enumerate(lines):
        m = FOOTNOTE_DEF.match(line)
        if m and m.group(1) not in referenced:
            warnings.append(f"{at(i)}: footnote '[^{m.group(1)}]' is never referenced, so it "
                            f"prints as a note nothing points at (add '[^{m.group(1)}]' "
                            "after the sentence it supports, or remove it)")
    return warnings
