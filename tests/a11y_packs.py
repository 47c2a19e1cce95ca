"""Content for the tagged-PDF tests: a worst-case chapter using every construct the
booklet knows, added to a copy of the default pack."""

from __future__ import annotations

import shutil
from pathlib import Path

ROWS = "\n".join(f"| Program {n} | {n * 3} | Row {n} spans a long cell so the table needs room |"
                 for n in range(1, 61))

STRESS = f"""---
title: Everything at once
kind: chapter
summary: Deep lists, long tables, notes, pictures, links and every directive.
---

An opening paragraph long enough to break over several lines, so the words at the ends of
its lines must still read apart when the text is taken from the tags of the page.[^one]

# A top heading

##### A heading that skips levels

1. First level, numbered
    - Second level, a bullet
        1. Third level, numbered again
            - Fourth level, with [a web link](https://example.org/deep) inside
    - Second level again

        A second paragraph in a loose item.

2. Back at the first level

- [ ] An open task with a [cross-reference](#a-top-heading)
- [x] A finished task
    - A note under the task

| Program | Seats | Comment |
|:--------|------:|:--------|
{ROWS}

![A red square on white, the test picture](images/red.png "The caption under the picture")

![""](images/red.png){{ width=20% }}

!!! note "A note"
    Text in a note, with a [link](https://example.org/note).

!!! warning
    - a list in a callout
    - with two items

> A quotation, with *emphasis*, said by someone.

    code block line one
    code block line two

Term
:   Its definition, with a second sentence.

Other term
:   Another definition.

---

Read more [here](https://example.org/here).[^two]

::: table {{table}}

::: chart {{chart}}

::: timeline path

::: timeline years

::: notes

::: planner

::: pagebreak

The end of the chapter.

[^one]: The first footnote, with [a link](https://example.org/fn).
[^two]: The second footnote.
"""


def worst_case_pack(root: Path, source: Path) -> Path:
    """A copy of `source` with the worst-case chapter and its picture added."""
    from PIL import Image

    pack = root / "worst"
    shutil.copytree(source, pack)
    (pack / "images").mkdir(exist_ok=True)
    Image.new("RGB", (120, 80), (200, 30, 30)).save(pack / "images" / "red.png")
    data = sorted((pack / "data").glob("*.yml"))
    charted = [f.stem for f in data if "\nchart:" in "\n" + f.read_text(encoding="utf-8")]
    text = STRESS.replace("{table}", data[0].stem).replace("{chart}", charted[0])
    (pack / "chapters" / "stress.md").write_text(text, encoding="utf-8")
    guide = (pack / "guide.yml").read_text(encoding="utf-8")
    guide = guide.replace("  - welcome.md\n", "  - welcome.md\n  - stress.md\n", 1)
    (pack / "guide.yml").write_text(guide, encoding="utf-8")
    return pack
