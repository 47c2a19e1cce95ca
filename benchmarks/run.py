"""Benchmark: whole-process builds, medians of several runs, compared in the same run.

    python benchmarks/run.py [--runs 5] [--quick] [--only default,peers,scaling,batch,help]

Peers (WeasyPrint, xhtml2pdf, Typst) come from `pip install ".[bench]"`; a missing one is
skipped and named. Prints Markdown tables to paste into benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_pack  # noqa: E402

PY = sys.executable


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mib: float
    stderr: str


def run_once(cmd: list[str]) -> Run:
    """One child process: wall time, its CPU time and peak memory (from wait4)."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    stderr = child.stderr.read().decode() if child.stderr else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0,):
        raise RuntimeError(f"{' '.join(cmd)} failed ({child.returncode}): {stderr[-400:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stderr)


def measure(cmd: list[str], runs: int) -> Run:
    """Medians over `runs` runs, after one warm-up run (file cache, .pyc)."""
    run_once(cmd)
    results = [run_once(cmd) for _ in range(runs)]
    return Run(statistics.median(r.wall for r in results), statistics.median(r.cpu for r in results),
               statistics.median(r.peak_mib for r in results), results[-1].stderr)


def pages(pdf: Path) -> int:
    return len(pypdf.PdfReader(pdf).pages)


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def section_default(tmp: Path, runs: int) -> str:
    out = tmp / "default.pdf"
    result = measure([PY, "build.py", "build", "-o", str(out), "--timings"], runs)
    stages = re.search(r"timings: (.*)", result.stderr)
    rows = [["default booklet (half-letter)", str(pages(out)), f"{result.wall:.3f} s",
             f"{result.cpu:.3f} s", f"{result.peak_mib:.0f} MiB"]]
    text = table(["build", "pages", "wall", "CPU", "peak memory"], rows)
    if stages:
        text += f"\n\nPipeline stages (last run, in-process): {stages.group(1)}"
    return "### Default booklet\n\n" + text


def peer_available(tool: str) -> bool:
    module = {"weasyprint": "weasyprint", "xhtml2pdf": "xhtml2pdf", "typst": "typst"}[tool]
    return subprocess.run([PY, "-c", f"import {module}"], capture_output=True).returncode == 0


def section_peers(tmp: Path, runs: int) -> str:
    pack = write_pack(tmp / "corpus")
    ours_pdf = tmp / "ours.pdf"
    ours = measure([PY, "build.py", "build", str(pack), "-o", str(ours_pdf)], runs)
    rows = [["career-guide (this project)", str(pages(ours_pdf)), f"{ours.wall:.3f} s",
             f"{ours.peak_mib:.0f} MiB", "1.0"]]
    skipped = []
    for tool in ("weasyprint", "xhtml2pdf", "typst"):
        if not peer_available(tool):
            skipped.append(tool)
            continue
        pdf = tmp / f"{tool}.pdf"
        peer = measure([PY, str(ROOT / "benchmarks" / "peers.py"), tool, str(pack), str(pdf)], runs)
        rows.append([f"Python-Markdown → {tool}" if tool != "typst" else "Typst (own converter)",
                     str(pages(pdf)), f"{peer.wall:.3f} s", f"{peer.peak_mib:.0f} MiB",
                     f"{peer.wall / ours.wall:.2f}"])
    text = table(["tool", "pages", "wall", "peak memory", "peer / ours"], rows)
    if skipped:
        text += f"\n\nSkipped (not installed; `pip install \".[bench]\"`): {', '.join(skipped)}"
    return "### Same Markdown (~9,300 words, half-letter)\n\n" + text


def section_scaling(tmp: Path, runs: int, factors: tuple[int, ...]) -> str:
    rows, base = [], None
    for factor in factors:
        pack = write_pack(tmp / f"corpus-x{factor}", copies=factor)
        pdf = tmp / f"x{factor}.pdf"
        result = measure([PY, "build.py", "build", str(pack), "-o", str(pdf)],
                         runs if factor <= 10 else 1)
        n = pages(pdf)
        base = base or result.wall
        rows.append([f"×{factor}", str(n), f"{result.wall:.2f} s", f"{result.wall / base:.1f}x",
                     f"{result.wall / n * 1000:.1f} ms", f"{result.peak_mib:.0f} MiB"])
    return "### Scaling\n\n" + table(["content", "pages", "wall", "vs ×1", "per page", "peak memory"], rows)


def section_batch(tmp: Path, runs: int) -> str:
    brands = tmp / "brands"
    brands.mkdir()
    source = (ROOT / "content" / "brands" / "default.yml").read_text()
    for i in range(12):
        (brands / f"school-{i:02d}.yml").write_text(
            source.replace("Your Pre-Health Advising Office", f"School Number {i:02d}")
            .replace("short: Pre-Health Advising", f"short: School {i:02d}"))
    rows = []
    for jobs in (1, 2):
        out = tmp / f"batch-{jobs}"
        out.mkdir()
        result = measure([PY, "build.py", "batch", "--brands", str(brands), "-o", str(out),
                          "--jobs", str(jobs)], runs)
        booklets = sorted(out.glob("*.pdf"))
        total_pages = sum(pages(p) for p in booklets)
        rows.append([f"--jobs {jobs}", str(len(booklets)), f"{result.wall:.2f} s",
                     f"{result.cpu:.2f} s", f"{result.wall / total_pages * 1000:.1f} ms"])
    return "### Batch: 12 brands of the default booklet\n\n" + table(
        ["jobs", "booklets", "wall", "CPU (all processes)", "wall per page"], rows)


def section_help(runs: int) -> str:
    result = measure([PY, "build.py", "--help"], runs)
    bare = measure([PY, "-c", "pass"], runs)
    return ("### Start-up\n\n" + table(["command", "wall", "peak memory"], [
        ["python build.py --help", f"{result.wall:.3f} s", f"{result.peak_mib:.0f} MiB"],
        ["python -c pass (the interpreter alone)", f"{bare.wall:.3f} s", f"{bare.peak_mib:.0f} MiB"]]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 runs, scaling up to ×10 only")
    parser.add_argument("--only", default="default,peers,scaling,batch,help")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    wanted = set(args.only.split(","))
    print(f"## {time.strftime('%Y-%m-%d')}: {platform.machine()}, {os.cpu_count()} cores, "  # noqa: T201
          f"Python {platform.python_version()}, median of {runs} runs\n")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        sections = []
        if "default" in wanted:
            sections.append(section_default(tmp, runs))
        if "peers" in wanted:
            sections.append(section_peers(tmp, runs))
        if "scaling" in wanted:
            sections.append(section_scaling(tmp, runs, (1, 10) if args.quick else (1, 10, 50)))
        if "batch" in wanted:
            sections.append(section_batch(tmp, runs))
        if "help" in wanted:
            sections.append(section_help(runs))
        for text in sections:
            print(text + "\n", flush=True)  # noqa: T201
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
