"""Time to build a chapter of one long paragraph, per word, from 1,000 to 100,000 words (the
paragraph limit), and a code block of 200-character lines; prints Markdown tables.

    python benchmarks/long_paragraphs.py [--words 1000,10000,50000,100000] [--repeat 3]
        [--markup-every 10]

Flat time per word means line breaking grows linearly with the paragraph's length. With
--markup-every N, every Nth word is also in *emphasis* (a paragraph of several styles).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = ["career", "medicine", "student", "the", "of", "anesthesia", "residency", "a",
         "program", "year", "training", "and", "clinical"]
GUIDE = "title: Long Paragraphs\nsubtitle: Benchmark\nedition: 2026\nchapters:\n  - long.md\n"


def pack(root: Path, body: str) -> Path:
    (root / "chapters").mkdir(parents=True)
    (root / "guide.yml").write_text(GUIDE, encoding="utf-8")
    (root / "chapters" / "long.md").write_text(
        f"---\ntitle: Long\nkind: chapter\n---\n\n{body}\n", encoding="utf-8")
    return root


def build_seconds(root: Path, repeat: int) -> float:
    """The build's own time (it prints it), so process start-up is left out."""
    times = []
    for _ in range(repeat):
        run = subprocess.run([sys.executable, str(REPO / "build.py"), "build", str(root), "-o",
                              str(root / "out.pdf")], check=True, capture_output=True, text=True)
        times.append(float(run.stdout.strip().rsplit(", ", 1)[-1].removesuffix(" s")))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", default="1000,10000,25000,50000,100000")
    parser.add_argument("--markup-every", type=int, default=0)
    parser.add_argument("--code-lines", default="100,400,800")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        empty = build_seconds(pack(Path(folder) / "empty", "One word."), args.repeat)
        print(f"a one-word booklet: {empty:.2f} s\n")
        print("| words | build (s) | less the one-word build (s) | ms per 1,000 words |")
        print("|---:|---:|---:|---:|")
        for n in map(int, args.words.split(",")):
            words = [rng.choice(WORDS) for _ in range(n)]
            if args.markup_every:
                words = [f"*{w}*" if i % args.markup_every == 0 else w
                         for i, w in enumerate(words)]
            body = " ".join(words)
            seconds = build_seconds(pack(Path(folder) / f"w{n}", body), args.repeat)
            net = max(0.0, seconds - empty)
            print(f"| {n:,} | {seconds:.2f} | {net:.2f} | {net / n * 1e6:.0f} |")
        print("\n| code lines (200 chars) | build (s) | less the one-word build (s) | ms per line |")
        print("|---:|---:|---:|---:|")
        for n in map(int, args.code_lines.split(",")):
            body = "Code:\n\n" + "\n".join("    " + (f"x = {i} " + "abc def " * 30)[:200]
                                           for i in range(n))
            seconds = build_seconds(pack(Path(folder) / f"c{n}", body), args.repeat)
            net = max(0.0, seconds - empty)
            print(f"| {n:,} | {seconds:.2f} | {net:.2f} | {net / n * 1000:.1f} |")


if __name__ == "__main__":
    main()
