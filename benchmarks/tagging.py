"""What tagging (PDF/UA-1) costs: the same builds with CAREER_GUIDE_TAGGING on and off,
interleaved so both see the same machine load.

    python benchmarks/tagging.py [--runs 7]

Whole-process builds of the default booklet, a 40-brand batch on 2 jobs, and warm builds
in one process (content, fonts and templates loaded once). Prints Markdown for RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import PY, ROOT, WARM_BUILDS, build_cmd, run_child, table, write_brands  # noqa: E402

MODES = {"untagged": "off", "tagged": "on"}


def interleaved(cmd: list[str], runs: int) -> dict[str, tuple[float, float]]:
    """(median wall, median CPU) per mode, the modes alternating run by run."""
    walls: dict[str, list[float]] = {m: [] for m in MODES}
    cpus: dict[str, list[float]] = {m: [] for m in MODES}
    for mode, value in MODES.items():  # warm-up
        os.environ["CAREER_GUIDE_TAGGING"] = value
        run_child(cmd)
    for _ in range(runs):
        for mode, value in MODES.items():
            os.environ["CAREER_GUIDE_TAGGING"] = value
            _, sample = run_child(cmd)
            walls[mode].append(sample.wall)
            cpus[mode].append(sample.cpu)
    os.environ.pop("CAREER_GUIDE_TAGGING", None)
    return {m: (statistics.median(walls[m]), statistics.median(cpus[m])) for m in MODES}


def row(name: str, result: dict[str, tuple[float, float]], unit: float = 1.0,
        suffix: str = "s") -> list[str]:
    off, on = result["untagged"], result["tagged"]
    return [name, f"{off[0] * unit:.2f} {suffix}", f"{on[0] * unit:.2f} {suffix}",
            f"{(on[0] / off[0] - 1) * 100:+.1f}%", f"{off[1]:.2f} s", f"{on[1]:.2f} s",
            f"{(on[1] / off[1] - 1) * 100:+.1f}%"]


def warm(tmp: Path, runs: int) -> dict[str, tuple[float, float]]:
    medians: dict[str, list[float]] = {m: [] for m in MODES}
    for _ in range(3):
        for mode, value in MODES.items():
            os.environ["CAREER_GUIDE_TAGGING"] = value
            _, sample = run_child([PY, "-c", WARM_BUILDS, str(ROOT / "content" / "pain-medicine"),
                                   str(tmp / "warm.pdf"), str(runs)])
            medians[mode].append(float(sample.output.split()[1]))
    os.environ.pop("CAREER_GUIDE_TAGGING", None)
    return {m: (statistics.median(v), statistics.median(v)) for m, v in medians.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        default = interleaved(build_cmd(tmp / "default.pdf"), args.runs)
        brands = write_brands(tmp / "brands-40", 40)
        (tmp / "out").mkdir()
        batch = interleaved([PY, "build.py", "batch", "--brands", str(brands), "-o",
                             str(tmp / "out"), "--jobs", "2"], max(3, args.runs // 2))
        warmed = warm(tmp, args.runs)
    rows = [row("default booklet, whole process", default),
            row("40 brands, batch --jobs 2", batch)]
    off, on = warmed["untagged"][0], warmed["tagged"][0]
    print(table(["build", "untagged wall", "tagged wall", "wall", "untagged CPU", "tagged CPU",
                 "CPU"], rows))
    print(f"\nWarm build in one process, median of {args.runs} builds x 3 rounds: "
          f"{off * 1000:.0f} ms untagged, {on * 1000:.0f} ms tagged ({(on / off - 1) * 100:+.1f}%).")


if __name__ == "__main__":
    main()
