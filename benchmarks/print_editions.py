"""Benchmark: the print editions of the default booklet, whole-process builds, medians.

    python benchmarks/print_editions.py [--runs 7] [--baseline-src DIR]

Times `build --print --cmyk`, `--print --pdf-x` and `--pdf-x 1a` (and the digital
edition for scale), each as a fresh process, as a print shop's user runs them.
`--baseline-src` names an unpacked older source tree (e.g. `git archive <commit> | tar
-x -C DIR`) whose `--print --cmyk` is timed in the same run, for a before/after ratio.
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


def timed(source: Path, args: list[str], runs: int, out: Path) -> tuple[float, int]:
    """Median wall seconds of `runs` builds (after one warm-up) and the file's size."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, str(source / "build.py"), "build", *args, "-o", str(out)]
    subprocess.run(command, check=True, env=env, capture_output=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, env=env, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times), out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline-src", type=Path, default=None)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "booklet.pdf"
        if args.baseline_src is not None:
            seconds, size = timed(args.baseline_src.resolve(), ["--print", "--cmyk"],
                                  args.runs, out)
            rows.append(("`--print --cmyk` before (formula CMYK)", seconds, size))
        for label, extra in EDITIONS.items():
            seconds, size = timed(ROOT, extra, args.runs, out)
            rows.append((f"`{label}`" if extra else label, seconds, size))
    base = rows[0][1]
    print(f"| edition (default booklet, median of {args.runs} processes) | wall time | "
          f"vs first row | file size |")
    print("|---|---:|---:|---:|")
    for label, seconds, size in rows:
        print(f"| {label} | {seconds:.3f} s | {seconds / base:.2f}x | {size / 1024:.0f} KiB |")


if __name__ == "__main__":
    main()
