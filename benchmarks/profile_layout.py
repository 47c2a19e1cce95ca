"""Where a build's time goes, per page, on every corpus: warm builds in one process under
cProfile, with the time of each kind of work taken from the functions that do it
(inclusive, so nested work is counted in each of its kinds), and what start-up imports cost.

    python benchmarks/profile_layout.py [--builds 3]

Profiling slows Python code down (about 1.5-2x), so read the shares, not the milliseconds.
Prints Markdown for RESULTS.md.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import PY, ROOT, corpus_packs, table  # noqa: E402

# kind of work -> (file ending, function name) pairs whose inclusive time is that work
KINDS = {
    "templates and data (render)": [("guide/text/render.py", "render_chapter"),
                                    ("guide/text/render.py", "make_context")],
    "Markdown (parse)": [("guide/text/markdown_parse.py", "parse_chapters")],
    "flowables (convert)": [("guide/convert/chapter.py", "convert")],
    "layout, all": [("guide/layout/story.py", "lay_out")],
    "  paragraphs: breaking lines": [("reportlab/platypus/paragraph.py", "wrap")],
    "  paragraphs: drawing": [("reportlab/platypus/paragraph.py", "draw")],
    "  tables": [("reportlab/platypus/tables.py", "wrap"),
                 ("reportlab/platypus/tables.py", "draw")],
    "  timeline diagrams": [("guide/timeline/draw.py", "draw")],
    "  page furniture (headers, footers, openings)": [
        ("guide/layout/document.py", "handle_pageBegin")],
    "  checkbox and text fields": [("guide/convert/pdf_fields.py", "add_checkbox"),
                                   ("guide/convert/pdf_fields.py", "add_text_field")],
    "  tagging: tagging the story, writing the structure tree": [("guide/tagging/story.py", "tag_story"),
                                           ("guide/tagging/writer.py", "write_structure")],
    "  writing the PDF (objects, compression)": [("reportlab/pdfbase/pdfdoc.py", "GetPDFData")],
}

PROFILE_CHILD = r"""
import cProfile, marshal, sys
from pathlib import Path
from guide import speed
speed.enable()
from guide.options import BuildOptions
from guide.pipeline import StageTimer, load_inputs, render_pdf
pack, language, builds, out = Path(sys.argv[1]), sys.argv[2] or None, int(sys.argv[3]), sys.argv[4]
guide, brand, _ = load_inputs(pack, None, language)
options = BuildOptions(language=language)
_, pages = render_pdf(guide, brand, options, StageTimer())[:2]
profile = cProfile.Profile()
profile.enable()
for _ in range(builds):
    render_pdf(guide, brand, options, StageTimer())
profile.disable()
profile.dump_stats(out)
print(int(pages))
"""


def kinds_per_page(stats_file: str, builds: int, pages: int) -> dict[str, float]:
    stats = pstats.Stats(stats_file).stats  # (file, line, name) -> (cc, nc, tt, ct, callers)
    total = sum(v[2] for v in stats.values()) / builds
    out = {"whole build": total * 1000 / pages}
    for kind, functions in KINDS.items():
        seconds = 0.0
        for (file, _, name), value in stats.items():
            if any(file.endswith(end) and name == fn for end, fn in functions):
                seconds += value[3]
        out[kind] = seconds / builds * 1000 / pages
    return out


def import_costs() -> list[list[str]]:
    """Self time of each top-level package imported by a build, from -X importtime."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for _ in range(2):  # the first run compiles bytecode
        done = subprocess.run([PY, "-X", "importtime", "-c",  # as the command line does
                               "from guide import speed; speed.enable(); "
                               "import guide.cli.commands, guide.pipeline"],
                              capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    totals: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = line[len("import time:"):].split("|")
        top = name.strip().split(".")[0]
        totals[top] = totals.get(top, 0) + int(own)
    rows = sorted(totals.items(), key=lambda kv: -kv[1])
    shown = [[name, f"{us / 1000:.1f} ms"] for name, us in rows[:10]]
    shown.append(["everything else", f"{sum(us for _, us in rows[10:]) / 1000:.1f} ms"])
    shown.append(["all imports", f"{sum(totals.values()) / 1000:.1f} ms"])
    return shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--builds", type=int, default=3, help="profiled warm builds a corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        columns: list[tuple[str, int, dict[str, float]]] = []
        for label, pack, extra in corpus_packs(tmp):
            language = extra[1] if extra[:1] == ["--lang"] else ""
            stats_file = str(tmp / "profile.out")
            done = subprocess.run([PY, "-c", PROFILE_CHILD, str(pack), language,
                                   str(args.builds), stats_file], capture_output=True,
                                  text=True, cwd=ROOT, check=True)
            pages = int(done.stdout.split()[-1])
            columns.append((label.split(" (")[0], pages, kinds_per_page(stats_file,
                                                                        args.builds, pages)))
    header = ["work, ms a page (profiled)", *(f"{label} ({pages} p.)"
                                            for label, pages, _ in columns)]
    rows = [[kind, *(f"{kinds[kind]:.2f}" for _, _, kinds in columns)]
            for kind in ["whole build", *KINDS]]
    print("Warm builds under cProfile, inclusive time of each kind of work, per page:\n")
    print(table(header, rows))
    print("\nStart-up: self time of each package a build imports, the speed layer on as "
          "the command line has it (`-X importtime`):\n")
    print(table(["package", "import time"], import_costs()))


if __name__ == "__main__":
    main()
