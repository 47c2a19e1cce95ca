"""This checkout against an older one on the same input: both build the older checkout's
default pack, whole processes in turns, so the comparison is of code, not of content.

    git worktree add ../old 234c62b && (cd ../old && python3 -m venv .venv && .venv/bin/pip install .)
    python benchmarks/against_commit.py ../old [--runs 7]

The older checkout must have its own `.venv`. Prints a Markdown table for RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, run_child  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old", type=Path, help="the older checkout, with its own .venv")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    old = args.old.resolve()
    pack = old / "content" / "pain-medicine"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp()  # bytecode kept, as an install does
    with tempfile.TemporaryDirectory() as out:
        ours = [sys.executable, str(ROOT / "build.py"), "build", str(pack), "-o",
                f"{out}/new.pdf", "--max-data-age", "50"]
        commands = {
            "the older code": ([str(old / ".venv" / "bin" / "python"), "build.py", "build",
                                "-o", f"{out}/old.pdf"], old, {}),
            "this code, every feature on": (ours, ROOT, {}),
            "this code, untagged": (ours, ROOT, {"CAREER_GUIDE_TAGGING": "off"}),
        }
        walls: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(args.runs + 1):  # the first round warms caches and bytecode
            for name, (cmd, cwd, extra) in commands.items():
                _, sample = run_child(cmd, cwd=cwd, env={**env, **extra})
                if round_:
                    walls[name].append(sample.wall)
    print(f"| build of {old.name}'s pack | wall, median | minimum |\n|---|---|---|")
    for name, values in walls.items():
        print(f"| {name} | {statistics.median(values):.3f} s | {min(values):.3f} s |")


if __name__ == "__main__":
    main()
