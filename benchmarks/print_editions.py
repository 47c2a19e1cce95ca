"""Benchmark: the print editions of the default booklet, whole-process builds, medians.

    python benchmarks/print_editions.py [--runs 7] [--baseline-src DIR]

Times `build --print --cmyk`, `--print --pdf-x` and `--pdf-x 1a` (and the digital
edition for scale), each as a fresh process, as a print shop's user runs them.
`--baseline-src` names an unpacked older source tree (e.g. `git archive <commit> | tar
-x -C DIR`) whose `--print --cmyk` is timed in the same run, for a before/after ratio.
The editions run in turns (one build of each per round) and each ratio is the median of
the per-round ratios, so a slow spell of a shared machine hits every row alike.
Prints Markdown for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = {
    "digital": [],
    "--print --cmyk": ["--print", "--cmyk"],
    "--print --pdf-x": ["--print", "--pdf-x"],
    "--print --pdf-x 1a": ["--print", "--pdf-x", "1a"],
}


def command(source: Path, args: list[str], out: Path) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return [sys.executable, str(source / "build.py"), "build", *args, "-o", str(out)], env


def once(run: tuple[list[str], dict[str, str]]) -> float:
    started = time.perf_counter()
    subprocess.run(run[0], check=True, env=run[1], capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline-src", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        plan = []  # (label, command, output)
        if args.baseline_src is not None:
            out = Path(folder) / "before.pdf"
            plan.append(("`--print --cmyk` before (formula CMYK)",
                         command(args.baseline_src.resolve(), ["--print", "--cmyk"], out), out))
        for n, (label, extra) in enumerate(EDITIONS.items()):
            out = Path(folder) / f"edition{n}.pdf"
            plan.append((f"`{label}`" if extra else label, command(ROOT, extra, out), out))
        for _, run, _ in plan:  # warm-up
            once(run)
        times: list[list[float]] = [[] for _ in plan]
        for _ in range(args.runs):
            for row, (_, run, _) in enumerate(plan):
                times[row].append(once(run))
        print(f"| edition (default booklet, {args.runs} rounds) | median wall time | "
              f"vs first row (median of per-round ratios) | file size |")
        print("|---|---:|---:|---:|")
        for row, (label, _, out) in enumerate(plan):
            ratio = statistics.median(t / b for t, b in zip(times[row], times[0]))
            print(f"| {label} | {statistics.median(times[row]):.3f} s | {ratio:.2f}x | "
                  f"{out.stat().st_size / 1024:.0f} KiB |")


if __name__ == "__main__":
    main()
