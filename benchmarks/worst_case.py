"""A worst case for layout, as a content pack: long tables that break across pages, lists
nested four deep, a link in every other sentence, a footnote in every paragraph, callouts.

    python benchmarks/worst_case.py OUT_DIR [COPIES]

Deterministic (a fixed seed), about 9,000 words a copy, so it sits beside the generated
corpus in the benchmark's per-corpus table.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = ("rotation clinic interview residency program board exam elective research "
         "mentor schedule application letter statement fellowship procedure anatomy "
         "pharmacology physiology patient service volunteer shadowing score rank").split()


def phrase(rng: random.Random, low: int = 6, high: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def sentence(rng: random.Random, chapter: int, links: list[int]) -> str:
    text = phrase(rng).capitalize()
    if rng.random() < 0.5:
        links.append(1)
        text += f" [{rng.choice(WORDS)} {rng.choice(WORDS)}](https://example.org/{chapter}/{len(links)})"
    return text + "."


def nested_list(rng: random.Random, depth: int, chapter: int, links: list[int]) -> list[str]:
    lines = []
    for _ in range(3):
        lines.append("    " * depth + f"- {sentence(rng, chapter, links)}")
        if depth < 3 and rng.random() < 0.6:
            lines += nested_list(rng, depth + 1, chapter, links)
    return lines


def long_table(rng: random.Random, rows: int) -> str:
    head = "| Program | City | Positions | Applicants | Notes |\n|:--|:--|--:|--:|:--|\n"
    body = "\n".join(f"| {phrase(rng, 1, 3).title()} | {rng.choice(WORDS).title()} | "
                     f"{rng.randint(1, 12)} | {rng.randint(5, 90)} | {phrase(rng, 3, 9)} |"
                     for _ in range(rows))
    return head + body + "\n"


def chapter(rng: random.Random, index: int) -> str:
    links: list[int] = []
    parts = [f"Chapter {index} gathers everything that is hard to lay out.\n"]
    notes = []
    for section in range(3):
        parts.append(f"## Part {index}.{section + 1}\n")
        for p in range(3):
            label = f"n{index}-{section}-{p}"
            parts.append(" ".join(sentence(rng, index, links) for _ in range(4)) + f"[^{label}]\n")
            notes.append(f"[^{label}]: {phrase(rng).capitalize()}, {2015 + p + section}.")
        parts.append("\n".join(nested_list(rng, 0, index, links)) + "\n")
        parts.append(f"!!! note \"Part {index}.{section + 1} in short\"\n    "
                     + " ".join(sentence(rng, index, links) for _ in range(2)) + "\n")
    parts.append("### A long table\n")
    parts.append(long_table(rng, 40))
    parts.append("## Checklist\n")
    parts.append("\n".join(f"- [ ] {sentence(rng, index, links)}" for _ in range(5)) + "\n")
    parts.append("\n".join(notes) + "\n")
    return "\n".join(parts)


def write_pack(root: Path, copies: int = 1) -> Path:
    rng = random.Random(1999)
    base = [chapter(rng, i + 1) for i in range(4)]
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    names = []
    for n, body in enumerate(body for _ in range(copies) for body in base):
        name = f"w{n:04d}.md"
        (root / "chapters" / name).write_text(
            f"---\ntitle: Hard chapter {n + 1}\nkind: chapter\n---\n{body}", encoding="utf-8")
        names.append(name)
    (root / "guide.yml").write_text("title: Worst-Case Booklet\nchapters:\n"
                                    + "".join(f"  - {n}\n" for n in names), encoding="utf-8")
    return root


if __name__ == "__main__":
    target = write_pack(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    words = sum(len(p.read_text().split()) for p in (target / "chapters").glob("*.md"))
    print(f"{target}: {words} words")  # noqa: T201
