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
import re
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
    return build_times(root, repeat)[0]


def build_times(root: Path, repeat: int) -> tuple[float, float, float]:
    """Medians of the build's own time and of its parse and layout stages (from --timings),
    in seconds."""
    runs = []
    for _ in range(repeat):
        run = subprocess.run([sys.executable, str(REPO / "build.py"), "build", str(root), "-o",
                              str(root / "out.pdf"), "--timings"],
                             check=True, capture_output=True, text=True)
        built = next(line for line in run.stdout.splitlines() if " pages, " in line)
        stages = dict(re.findall(r"(\w+) ([\d.]+) ms", run.stdout + run.stderr))
        runs.append((float(built.rsplit(", ", 1)[-1].removesuffix(" s")),
                     float(stages["parse"]) / 1000, float(stages["layout"]) / 1000))
    return tuple(statistics.median(column) for column in zip(*runs))  # type: ignore[return-value]


def pages_of(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", default="1000,10000,25000,50000,100000")
    parser.add_argument("--markup-every", type=int, default=0)
    parser.add_argument("--code-lines", default="100,400,800")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        empty, _, empty_layout = build_times(pack(Path(folder) / "empty", "One word."),
                                             args.repeat)
        print(f"a one-word booklet: {empty:.2f} s\n")
        print("| words | pages | build (s) | less the one-word build (s) | ms per 1,000 words "
              "| parse (s) | layout (s) | layout less the one-word one, ms per 1,000 words |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in map(int, args.words.split(",")):
            words = [rng.choice(WORDS) for _ in range(n)]
            if args.markup_every:
                words = [f"*{w}*" if i % args.markup_every == 0 else w
                         for i, w in enumerate(words)]
            body = " ".join(words)
            root = pack(Path(folder) / f"w{n}", body)
            seconds, parse, layout = build_times(root, args.repeat)
            net = max(0.0, seconds - empty)
            print(f"| {n:,} | {pages_of(root / 'out.pdf')} | {seconds:.2f} | {net:.2f} "
                  f"| {net / n * 1e6:.0f} | {parse:.2f} | {layout:.2f} "
                  f"| {max(0.0, layout - empty_layout) / n * 1e6:.1f} |")
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
