"""Benchmark: what an SVG logo and a variable font add to a build, once the user cache holds
the converted font weights and svglib's drawing (every build after the first).

    python benchmarks/brand_assets.py [--runs 15]

Builds the default pack with two brands that print the same pages and differ only in their
assets: a PNG logo and two static TrueType files, against a real SVG logo (CSS classes,
paths) and one variable font (weight axis 400-700) from which those very two files are
instantiated. Each build is a new process, the two brands
alternate so machine load falls on both, and every build shares one user cache folder, as
on a school's computer. Prints Markdown for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
PY = sys.executable
SVG = (ROOT / "tests" / "brand_files" / "real" / "jumping-rivers-flu-dashboard" / "assets"
       / "burgundy-lettermark.svg")
PNG = ROOT / "content" / "brands" / "riverton" / "logo.png"
COMMON = """meta:
  name: {{full: Benchmark College, short: Benchmark}}
  link: {{home: "https://bench.example.edu"}}
color:
  primary: "#490f3a"
  secondary: "#e2a93b"
logo: {logo}
{typography}"""
VARIABLE = """typography:
  fonts:
    - family: House Sans
      source: file
      files:
        - {path: "fonts/HouseSans[wght].ttf", weight: 400 700}
  base: House Sans
  headings: House Sans
"""


STATIC = """typography:
  fonts:
    - family: House Sans
      source: file
      files:
        - {path: fonts/HouseSans-Regular.ttf, weight: 400}
        - {path: fonts/HouseSans-Bold.ttf, weight: 700}
  base: House Sans
  headings: House Sans
"""


def make_assets_brand(folder: Path) -> Path:
    from brand_helpers import variable_lato

    assets = folder / "assets"
    assets.mkdir()
    shutil.copy(SVG, assets / "logo.svg")
    variable_lato(assets / "fonts" / "HouseSans[wght].ttf")
    (assets / "_brand.yml").write_text(COMMON.format(logo="logo.svg", typography=VARIABLE))
    return assets


def make_plain_brand(folder: Path, cache: Path) -> Path:
    """The same two weights as static files (the instances the first build made)."""
    plain = folder / "plain"
    (plain / "fonts").mkdir(parents=True)
    shutil.copy(PNG, plain / "logo.png")
    for weight, name in ((400, "Regular"), (700, "Bold")):
        made = next(cache.glob(f"fonts-converted-*/*/HouseSans*-w{weight}.ttf"))
        shutil.copy(made, plain / "fonts" / f"HouseSans-{name}.ttf")
    (plain / "_brand.yml").write_text(COMMON.format(logo="logo.png", typography=STATIC))
    return plain


STEPS = """
import sys, time
from pathlib import Path
from reportlab.pdfgen.canvas import Canvas
import guide.pipeline  # everything a build imports anyway, before the clock starts
from guide.layout.brand_art import logo_painter
from guide.layout.fonts import register_fonts
from guide.load.brand import load_brand
started = time.perf_counter()
brand = load_brand(Path(sys.argv[1]))
faces = register_fonts(brand.fonts)
logo_painter(brand.logo, faces.heading)(Canvas("/dev/null"), 0, 0, 100, 60, "left")
print((time.perf_counter() - started) * 1000)
print(sorted(m for m in ("svglib", "lxml", "fontTools") if m in sys.modules))
"""


def step_ms(brand: Path, env: dict[str, str]) -> tuple[float, str]:
    """Reading the brand, registering its fonts and drawing its logo, in a new process."""
    answer = subprocess.run([PY, "-c", STEPS, str(brand)], check=True, capture_output=True,
                            text=True, env=env, cwd=ROOT).stdout.split("\n")
    return float(answer[0]), answer[1]


def build_seconds(brand: Path, out: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([PY, str(ROOT / "build.py"), "build", "--brand", str(brand), "-o", str(out)],
                   check=True, capture_output=True, env=env, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        assets = make_assets_brand(folder)
        env = {**os.environ, "CAREER_GUIDE_CACHE": str(folder / "cache"),
               "PYTHONPYCACHEPREFIX": str(folder / "pycache"), "CAREER_GUIDE_OFFLINE": "1"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([PY, str(ROOT / "build.py"), "--help"], check=True, capture_output=True,
                       env=env, cwd=ROOT)  # bytecode compiled before anything is timed
        first = build_seconds(assets, folder / "first.pdf", env)  # converts and keeps
        plain = make_plain_brand(folder, folder / "cache")
        build_seconds(plain, folder / "warm.pdf", env)  # the static files' font cache
        times: dict[str, list[float]] = {"plain": [], "assets": []}
        for _ in range(args.runs):
            times["plain"].append(build_seconds(plain, folder / "p.pdf", env))
            times["assets"].append(build_seconds(assets, folder / "a.pdf", env))
        pairs = [a - p for p, a in zip(times["plain"], times["assets"])]
        steps: dict[str, list[float]] = {"plain": [], "assets": []}
        loaded = ""
        for _ in range(args.runs):
            steps["plain"].append(step_ms(plain, env)[0])
            ms, loaded = step_ms(assets, env)
            steps["assets"].append(ms)
    median = {k: statistics.median(v) for k, v in times.items()}
    print(f"### SVG logo and variable font: {platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, {args.runs} alternating runs\n")
    print("| build (new process, user cache warm) | median | fastest |")
    print("| --- | --- | --- |")
    print(f"| PNG logo, the two weights as static TrueType files | {median['plain'] * 1000:.0f} ms | "
          f"{min(times['plain']) * 1000:.0f} ms |")
    print(f"| real SVG logo, variable font (400 and 700) | {median['assets'] * 1000:.0f} ms | "
          f"{min(times['assets']) * 1000:.0f} ms |")
    print(f"| difference, run by run | {statistics.median(pairs) * 1000:+.0f} ms | "
          f"{(min(times['assets']) - min(times['plain'])) * 1000:+.0f} ms (fastest vs fastest) |")
    print("\n| brand steps alone (read, register fonts, draw logo; new process) | median | fastest |")
    print("| --- | --- | --- |")
    for key, label in (("plain", "PNG logo, static fonts"), ("assets", "SVG logo, variable font")):
        print(f"| {label} | {statistics.median(steps[key]):.1f} ms | {min(steps[key]):.1f} ms |")
    print(f"\nModules the assets brand loaded after the first build: {loaded or '[]'}.")
    print(f"\nThe first build with the assets brand (svglib, fontTools, two instances): "
          f"{first * 1000:.0f} ms.")


if __name__ == "__main__":
    main()
