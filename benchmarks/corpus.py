"""A deterministic Markdown corpus (~9,000 words a copy) written as a content pack."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = ("the residency program clinical patient training exam medical school fellowship "
         "application interview research service volunteer physician anesthesiology pain "
         "procedure board certification license schedule mentor semester course biology "
         "chemistry physics statistics letter personal statement shadow clinic hospital "
         "week year month plan goal step score match rank list").split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"*{words[i]}*"
    return " ".join(words).capitalize() + "."


def chapter(rng: random.Random, index: int) -> str:
    """About 800 words: headings, paragraphs, lists, a task list, a table, a footnote."""
    parts = [f"Chapter {index} opens with a short overview of what follows.\n"]
    for section in range(3):
        parts.append(f"## Section {index}.{section + 1}\n")
        for _ in range(3):
            parts.append(" ".join(sentence(rng) for _ in range(4)) + "\n")
        parts.append("\n".join(f"- {sentence(rng)}" for _ in range(4)) + "\n")
    parts.append("### A small table\n")
    rows = "\n".join(f"| {rng.choice(WORDS).title()} | {rng.randint(1, 99)} | "
                     f"{rng.randint(100, 999)} |" for _ in range(6))
    parts.append("| Item | Years | Count |\n|:--|:-:|--:|\n" + rows + "\n")
    parts.append(f"A sourced claim.[^{index}]\n")
    parts.append("## Checklist\n")
    parts.append("\n".join(f"- [ ] {sentence(rng)}" for _ in range(4)) + "\n")
    parts.append(f"[^{index}]: Example source, {2020 + index % 5}.\n")
    return "\n".join(parts)


def chapters(copies: int = 1, per_copy: int = 12) -> list[str]:
    rng = random.Random(2026)
    base = [chapter(rng, i + 1) for i in range(per_copy)]
    return [body for _ in range(copies) for body in base]


def write_pack(root: Path, copies: int = 1) -> Path:
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    names = []
    for i, body in enumerate(chapters(copies)):
        name = f"c{i:04d}.md"
        (root / "chapters" / name).write_text(f"---\ntitle: Chapter {i + 1}\nkind: chapter\n---\n{body}")
        names.append(name)
    (root / "guide.yml").write_text("title: Benchmark Booklet\nchapters:\n"
                                    + "".join(f"  - {n}\n" for n in names))
    return root


def markdown_texts(root: Path) -> list[str]:
    """The chapters' Markdown for the other tools: the front matter's title becomes a
    level-1 heading, as our tool prints it."""
    out = []
    for path in sorted((root / "chapters").glob("*.md")):
        _, front, body = path.read_text().split("---\n", 2)
        title = next(line[7:] for line in front.splitlines() if line.startswith("title: "))
        out.append(f"# {title}\n\n{body}")
    return out


if __name__ == "__main__":
    words = sum(len(t.split()) for t in chapters())
    print(f"{words} words per copy")  # noqa: T201
