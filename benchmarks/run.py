"""Benchmark: whole-process builds, medians of several runs, compared in the same run.

    python benchmarks/run.py [--runs 5] [--quick] [--only default,peers,scaling,batch,help]

Peers (WeasyPrint, xhtml2pdf, Typst) come from `pip install ".[bench]"`; a missing one is
skipped and named. Prints Markdown to paste into benchmarks/RESULTS.md.

Children run with bytecode caching on (into a temporary PYTHONPYCACHEPREFIX, so nothing is
written into the repository), as an installed tool runs: with PYTHONDONTWRITEBYTECODE set,
every run would compile the guide package from source again (~40 ms).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from corpus import write_pack  # noqa: E402

PY = sys.executable
SECTIONS = ("default", "peers", "corpora", "scaling", "batch", "help")
PEERS = {  # tool: (import name, distribution name, row label)
    "weasyprint": ("weasyprint", "weasyprint", "Python-Markdown → WeasyPrint {version}"),
    "xhtml2pdf": ("xhtml2pdf", "xhtml2pdf", "Python-Markdown → xhtml2pdf {version}"),
    "typst": ("typst", "typst", "Typst {version} (own Markdown → Typst converter)"),
}


@dataclass(frozen=True)
class Sample:
    """One child process: what it cost and what it printed."""
    wall: float
    cpu: float
    peak_mib: float
    output: str


@dataclass(frozen=True)
class Measured:
    """Medians over several samples of the same command."""
    wall: float
    cpu: float
    peak_mib: float
    samples: tuple[Sample, ...]


Facts = dict[str, float]  # figures the targets are checked against, by the sections that ran


def run_child(cmd: list[str], check: bool = True, cwd: Path = ROOT,
              env: dict[str, str] | None = None) -> tuple[int, Sample]:
    """Run one process to the end. CPU is the RUSAGE_CHILDREN delta (it includes any worker
    processes the child waited for); peak memory is the child's own ru_maxrss from wait4."""
    with tempfile.TemporaryFile() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                 stderr=out)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        child.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode(errors="replace")
    if check and code != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {code}: {text[-600:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return code, Sample(wall, cpu, usage.ru_maxrss / 1024, text)


def measure(cmd: list[str], runs: int) -> Measured:
    """Medians over `runs` runs after one warm-up run, so the file cache and .pyc files are
    the same for every tool."""
    run_child(cmd)
    samples = tuple(run_child(cmd)[1] for _ in range(runs))
    return Measured(statistics.median(s.wall for s in samples),
                    statistics.median(s.cpu for s in samples),
                    statistics.median(s.peak_mib for s in samples), samples)


def page_counts(pdfs: list[Path]) -> list[int]:
    """Pages of each PDF, read with pypdf in a child process: the benchmark process stays
    small, since a child's ru_maxrss starts from the size of the process that forked it."""
    script = "import sys, pypdf; print(*(len(pypdf.PdfReader(p).pages) for p in sys.argv[1:]))"
    done = subprocess.run([PY, "-c", script, *map(str, pdfs)], capture_output=True, text=True,
                          check=True)
    return [int(n) for n in done.stdout.split()]


def page_count(pdf: Path) -> int:
    return page_counts([pdf])[0]


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def build_cmd(pdf: Path, pack: Path | None = None, *extra: str) -> list[str]:
    return [PY, "build.py", "build", *([str(pack)] if pack else []), "-o", str(pdf), *extra]


def stage_medians(samples: tuple[Sample, ...]) -> dict[str, float]:
    """Median milliseconds per pipeline stage, from each run's `--timings` line."""
    per_stage: dict[str, list[float]] = {}
    for sample in samples:
        line = re.search(r"^timings: (.*)$", sample.output, re.M)
        for stage, ms in re.findall(r"(\w+) ([\d.]+) ms", line.group(1) if line else ""):
            per_stage.setdefault(stage, []).append(float(ms))
    return {stage: statistics.median(values) for stage, values in per_stage.items()}


def section_default(tmp: Path, runs: int, facts: Facts) -> str:
    pdf = tmp / "default.pdf"
    result = measure(build_cmd(pdf, None, "--timings"), runs)
    facts["default_wall"] = result.wall
    rows = [["default booklet (half-letter, all features)", str(page_count(pdf)),
             f"{result.wall:.3f} s", f"{result.cpu:.3f} s", f"{result.peak_mib:.0f} MiB"]]
    text = table(["build", "pages", "wall", "CPU", "peak memory"], rows)
    stages = stage_medians(result.samples)
    if stages:
        inside = sum(stages.values())
        rows = [[stage, f"{ms:.1f} ms", f"{ms / (result.wall * 1000):.0%}"]
                for stage, ms in stages.items()]
        rows.append(["(outside the pipeline: interpreter, imports, CLI)",
                     f"{result.wall * 1000 - inside:.1f} ms",
                     f"{1 - inside / (result.wall * 1000):.0%}"])
        text += "\n\nPipeline stages (`build --timings`, median per stage):\n\n" + table(
            ["stage", "time", "share of wall"], rows)
    return "### 1. Default booklet\n\n" + text


def peer_version(tool: str) -> str | None:
    """The peer's version if it imports in a fresh interpreter, else None (skipped)."""
    module, dist, _ = PEERS[tool]
    probe = f"import {module}, importlib.metadata as m; print(m.version('{dist}'))"
    done = subprocess.run([PY, "-c", probe], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


def measure_rounds(cmds: dict[str, list[str]], runs: int) -> dict[str, Measured]:
    """Like `measure`, for several commands taken in turns (one run of each per round), so
    a slow spell of the machine hits every tool alike instead of one tool's runs."""
    for cmd in cmds.values():
        run_child(cmd)
    samples: dict[str, list[Sample]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            samples[name].append(run_child(cmd)[1])
    return {name: Measured(statistics.median(s.wall for s in taken),
                           statistics.median(s.cpu for s in taken),
                           statistics.median(s.peak_mib for s in taken), tuple(taken))
            for name, taken in samples.items()}


def round_ratio(peer: Measured, ours: Measured) -> float:
    """Median over rounds of the peer's wall time over ours in the same round."""
    return statistics.median(p.wall / o.wall for p, o in zip(peer.samples, ours.samples,
                                                             strict=True))


def section_peers(tmp: Path, runs: int, facts: Facts) -> str:
    pack = write_pack(tmp / "corpus")
    cmds = {"ours": build_cmd(tmp / "ours.pdf", pack, "--page-size", "half-letter")}
    versions, skipped = {}, []
    for tool in PEERS:
        version = peer_version(tool)
        if version is None:
            skipped.append(tool)
            print(f"{tool}: skipped (not installed)", file=sys.stderr, flush=True)  # noqa: T201
            continue
        versions[tool] = version
        cmds[tool] = [PY, str(BENCH / "peers.py"), tool, str(pack), str(tmp / f"{tool}.pdf")]
    results = measure_rounds(cmds, runs)
    ours = results["ours"]
    rows = [["career-guide (this project)", str(page_count(tmp / "ours.pdf")),
             f"{ours.wall:.3f} s", f"{ours.cpu:.3f} s", f"{ours.peak_mib:.0f} MiB", "1.00"]]
    for tool, version in versions.items():
        peer = results[tool]
        facts[f"{tool}_ratio"] = ratio = round_ratio(peer, ours)
        rows.append([PEERS[tool][2].format(version=version), str(page_count(tmp / f"{tool}.pdf")),
                     f"{peer.wall:.3f} s", f"{peer.cpu:.3f} s", f"{peer.peak_mib:.0f} MiB",
                     f"{ratio:.2f}"])
    text = table(["tool", "pages", "wall", "CPU", "peak memory", "peer / ours (wall)"], rows)
    text += ("\n\nThe tools run in turns, one run of each per round; the ratio is the median "
             "of the per-round ratios.")
    if skipped:
        text += ("\n\nSkipped (not installed; `pip install \".[bench]\"`): "
                 + ", ".join(skipped))
    return "### 2. Same Markdown (generated corpus, ~9,300 words, half-letter)\n\n" + text


PEER_MARKDOWN = r"""
import json, sys
from pathlib import Path
from guide.load.brand import load_brand
try:
    from guide.pipeline import load_edition
except ImportError:  # a tool without languages: the pack as written
    from guide.load.pack import load_guide
    def load_edition(pack, language):
        return load_guide(pack)
from guide.text.render import make_context, make_environment, render_chapter, render_front_matter
pack, language, out = Path(sys.argv[1]), sys.argv[2] or None, Path(sys.argv[3])
guide = load_edition(pack, language)
context, env = make_context(guide, load_brand(None)), make_environment()
texts = []
for chapter in guide.chapters:
    chapter = render_front_matter(env, chapter, context)
    texts.append(f"# {chapter.title}\n\n" + render_chapter(env, chapter, context))
out.write_text(json.dumps(texts), "utf-8")
"""


def corpus_packs(tmp: Path) -> list[tuple[str, Path, list[str]]]:
    """(label, pack, our extra options) for every corpus; each pack gets the plain Markdown
    the other tools are given, written beside it."""
    import json

    import real_docs
    import worst_case
    from corpus import markdown_texts
    packs = []
    generated = write_pack(tmp / "c-generated")
    (generated / "peer-markdown.json").write_text(json.dumps(markdown_texts(generated)))
    packs.append(("generated corpus (~9,300 words)", generated, []))
    worst = worst_case.write_pack(tmp / "c-worst")
    (worst / "peer-markdown.json").write_text(json.dumps(markdown_texts(worst)))
    packs.append(("worst case: long tables, deep lists, links, footnotes (~10,200 words)",
                  worst, []))
    mkdocs = real_docs.write_pack(tmp / "c-mkdocs")
    (mkdocs / "peer-markdown.json").write_text(json.dumps(real_docs.markdown_texts(mkdocs)))
    packs.append(("MkDocs' own docs, nine pages (~11,800 words, real Markdown)", mkdocs, []))
    shipped = [("pain-medicine guide", "pain-medicine", None),
               ("pain-medicine guide, Spanish edition", "pain-medicine", "es"),
               ("physical-therapy guide", "physical-therapy", None)]
    for label, name, language in shipped:
        source = ROOT / "content" / name
        if not source.is_dir() or (language and not (source / language).is_dir()):
            continue
        import shutil
        pack = tmp / f"c-{name}-{language or 'en'}"
        shutil.copytree(source, pack)
        subprocess.run([PY, "-c", PEER_MARKDOWN, str(pack), language or "",
                        str(pack / "peer-markdown.json")], check=True, cwd=ROOT)
        packs.append((label, pack, ["--lang", language] if language else []))
    return packs


def section_corpora(tmp: Path, runs: int, facts: Facts) -> str:
    """Every corpus, with every default feature on, our tool against each installed peer,
    in turns; the print path (--pdf-x where the tool has it, else --print --cmyk) beside."""
    peers = {tool: v for tool in ("weasyprint", "xhtml2pdf") if (v := peer_version(tool))}
    help_text = run_child([PY, "build.py", "build", "--help"])[1].output
    print_path = ["--pdf-x"] if "--pdf-x" in help_text else ["--print", "--cmyk"]
    rows = []
    for label, pack, extra in corpus_packs(tmp):
        slug = pack.name
        cmds = {"ours": build_cmd(tmp / f"{slug}.pdf", pack, *extra),
                "print": build_cmd(tmp / f"{slug}-print.pdf", pack, *extra, *print_path)}
        for tool in peers:
            cmds[tool] = [PY, str(BENCH / "peers.py"), tool, str(pack), str(tmp / f"{slug}-{tool}.pdf")]
        results = measure_rounds(cmds, runs)
        ours = results["ours"]
        ratios = {tool: round_ratio(results[tool], ours) for tool in peers}
        for tool, ratio in ratios.items():
            facts[f"{slug}_{tool}_ratio"] = ratio
        pages = page_count(tmp / f"{slug}.pdf")
        rows.append([label, str(pages), f"{ours.wall:.3f} s", f"{ours.wall / pages * 1000:.1f} ms",
                     f"{results['print'].wall:.3f} s",
                     *(f"{ratios[tool]:.2f}x" for tool in peers)])
    header = ["corpus", "pages", "ours", "per page", f"ours, {' '.join(print_path)}",
              *(f"{PEERS[tool][2].format(version=peers[tool])} / ours" for tool in peers)]
    text = table(header, rows)
    text += ("\n\nWhole processes, in turns (one run of each per round); ratios are medians of "
             "per-round ratios, peer wall time over ours with every default feature on. The "
             "peers get the same chapters as plain Markdown (our template stage rendered, "
             "directives left as text), through Python-Markdown.")
    return "### 2b. Every corpus\n\n" + text


def section_scaling(tmp: Path, runs: int, factors: tuple[int, ...], facts: Facts) -> str:
    rows, base = [], None
    for factor in factors:
        pack = write_pack(tmp / f"corpus-x{factor}", copies=factor)
        pdf = tmp / f"x{factor}.pdf"
        result = measure(build_cmd(pdf, pack), runs)
        pages = page_count(pdf)
        base = base or result.wall
        facts[f"x{factor}_ratio"] = result.wall / base
        facts[f"x{factor}_peak"] = result.peak_mib
        rows.append([f"×{factor}", str(pages), f"{result.wall:.2f} s",
                     f"{result.wall / base:.1f}x", f"{result.wall / pages * 1000:.1f} ms",
                     f"{result.peak_mib:.0f} MiB"])
    return "### 3. Scaling (the corpus repeated, our tool)\n\n" + table(
        ["content", "pages", "wall", "vs ×1", "per page", "peak memory"], rows)


def batch_available() -> bool:
    code, _ = run_child([PY, "build.py", "batch", "--help"], check=False)
    return code == 0


def write_brands(folder: Path, count: int = 12) -> Path:
    """Copies of the default brand that differ only in the school's name."""
    folder.mkdir(parents=True, exist_ok=True)
    source = (ROOT / "content" / "brands" / "default.yml").read_text()
    for i in range(count):
        text = renamed_brand(source, f"School Number {i + 1:02d}", f"School {i + 1:02d}")
        (folder / f"school-{i + 1:02d}.yml").write_text(text)
    return folder


def renamed_brand(source: str, full: str, short: str) -> str:
    """The brand file with new meta.name values; comments and layout kept as they are."""
    pattern = re.compile(r"^(meta:\n  name:\n    full: ).*\n(    short: ).*$", re.M)
    text, found = pattern.subn(rf"\g<1>{full}\n\g<2>{short}", source, count=1)
    if not found:
        raise RuntimeError("content/brands/default.yml: meta.name.full/short not found")
    return text


WARM_BUILDS = """
import statistics, sys, time
from pathlib import Path
from guide.options import BuildOptions
from guide.pipeline import build_loaded, load_inputs
pack, out, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
guide, brand, _ = load_inputs(pack, None)  # content loaded once, as batch and watch hold it
times = []
for i in range(runs + 1):  # the first build registers fonts and loads templates
    started = time.perf_counter()
    result = build_loaded(guide, brand, out, BuildOptions())
    if i:
        times.append(time.perf_counter() - started)
print(result.pages, statistics.median(times))
"""


def section_batch(tmp: Path, runs: int, facts: Facts) -> str:
    if not batch_available():
        return "### 4. Batch\n\nbatch: command not available yet"
    rows = []
    brand_folders = {count: write_brands(tmp / f"brands-{count}", count) for count in (12, 40)}
    for count, jobs in ((12, 1), (12, 2), (40, 2)):
        brands = brand_folders[count]
        out = tmp / f"batch-{count}-{jobs}"
        out.mkdir()
        result = measure([PY, "build.py", "batch", "--brands", str(brands), "-o", str(out),
                          "--jobs", str(jobs)], runs)
        booklets = sorted(out.glob("*.pdf"))
        total = sum(page_counts(booklets))
        facts[f"batch{count}_{jobs}_wall"] = result.wall
        rows.append([f"{count} brands, --jobs {jobs}", str(len(booklets)), str(total),
                     f"{result.wall:.2f} s", f"{result.cpu:.2f} s",
                     f"{result.wall / total * 1000:.1f} ms"])
    _, warm = run_child([PY, "-c", WARM_BUILDS, str(ROOT / "content" / "pain-medicine"),
                         str(tmp / "warm.pdf"), str(max(runs, 5))])
    pages, seconds = warm.output.split()
    facts["warm_ms_per_page"] = float(seconds) * 1000 / int(pages)
    note = (f"Warm build (content loaded once, fonts and templates too, as a batch worker or "
            f"`watch` holds them), median of {max(runs, 5)} builds in one process: "
            f"{float(seconds) * 1000:.0f} ms for {pages} pages, "
            f"{facts['warm_ms_per_page']:.1f} ms a page.")
    return "### 4. Batch: brands of the default booklet\n\n" + table(
        ["booklets", "PDFs", "pages", "wall", "CPU (all processes)", "wall per page"],
        rows) + "\n\n" + note


def section_help(runs: int, facts: Facts) -> str:
    commands = [("`python build.py --help`", [PY, "build.py", "--help"]),
                ("`python -c \"import guide.pipeline\"` (imports of a build)",
                 [PY, "-c", "import guide.pipeline"]),
                ("`python -c pass` (the interpreter alone)", [PY, "-c", "pass"])]
    results = [measure(cmd, runs) for _, cmd in commands]
    facts["help_wall"] = results[0].wall
    rows = [[label, f"{result.wall:.3f} s", f"{result.peak_mib:.0f} MiB"]
            for (label, _), result in zip(commands, results)]
    return "### 5. CLI start-up\n\n" + table(["command", "wall", "peak memory"], rows)


@dataclass(frozen=True)
class Target:
    label: str
    fact: str
    shown: Callable[[float], str]
    met: Callable[[float], bool]


TARGETS = (
    Target("default booklet ≤ 0.5 s wall", "default_wall", lambda v: f"{v:.3f} s",
           lambda v: v <= 0.5),
    Target("≥ 6x faster than WeasyPrint", "weasyprint_ratio", lambda v: f"{v:.2f}x",
           lambda v: v >= 6),
    Target("≥ 2x faster than xhtml2pdf", "xhtml2pdf_ratio", lambda v: f"{v:.2f}x",
           lambda v: v >= 2),
    Target("within 2.5x of Typst", "typst_ratio", lambda v: f"{1 / v:.1f}x slower",
           lambda v: 1 / v <= 2.5),
    Target("×10 time ≤ 10.5x of ×1", "x10_ratio", lambda v: f"{v:.1f}x", lambda v: v <= 10.5),
    Target("×10 peak memory < 120 MiB", "x10_peak", lambda v: f"{v:.0f} MiB",
           lambda v: v < 120),
    Target("batch of 40 brands on 2 cores < 3 s", "batch40_2_wall", lambda v: f"{v:.2f} s",
           lambda v: v < 3),
    Target("warm cost ≤ 3 ms a page", "warm_ms_per_page", lambda v: f"{v:.1f} ms",
           lambda v: v <= 3),
    Target("`--help` < 0.15 s", "help_wall", lambda v: f"{v:.3f} s", lambda v: v < 0.15),
)


def targets_table(facts: Facts) -> str:
    rows = [[t.label, t.shown(facts[t.fact]), "yes" if t.met(facts[t.fact]) else "no"]
            for t in TARGETS if t.fact in facts]
    return "### Targets\n\n" + table(["target", "result", "met"], rows) if rows else ""


def heading(runs: int) -> str:
    return (f"## {time.strftime('%Y-%m-%d')}: {platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, median of {runs} runs")


def load_note(when: str) -> str:
    """Other work on the machine skews every figure; the load average shows it."""
    one, five, _ = os.getloadavg()
    return f"Load average {when}: {one:.2f} (1 min), {five:.2f} (5 min)."


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--quick", action="store_true",
                        help="2 runs per figure and scaling up to ×10 only, for a quick look")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help="comma-separated sections: " + ", ".join(SECTIONS))
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section {', '.join(sorted(unknown))}; use {', '.join(SECTIONS)}")
    return args


def cache_bytecode_in(folder: Path) -> None:
    """Let every child keep compiled modules, in `folder` rather than beside the sources."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")


def run_section(name: str, section: Callable[[Path], str], tmp: Path) -> str:
    """One section's Markdown; a failing command is reported and the other sections still run."""
    try:
        return section(tmp)
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        return f"### {name}\n\n{name}: failed: {exc}"


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    runs = 2 if args.quick else args.runs
    wanted = set(args.only.split(","))
    factors = (1, 10) if args.quick else (1, 10, 50)
    facts: Facts = {}
    sections: dict[str, Callable[[Path], str]] = {
        "default": lambda tmp: section_default(tmp, runs, facts),
        "peers": lambda tmp: section_peers(tmp, runs, facts),
        "corpora": lambda tmp: section_corpora(tmp, runs, facts),
        "scaling": lambda tmp: section_scaling(tmp, runs, factors, facts),
        "batch": lambda tmp: section_batch(tmp, runs, facts),
        "help": lambda tmp: section_help(runs, facts),
    }
    print(heading(runs) + "\n\n" + load_note("before") + "\n", flush=True)  # noqa: T201
    with tempfile.TemporaryDirectory() as folder:
        cache_bytecode_in(Path(folder))
        for name in SECTIONS:
            if name in wanted:
                print(run_section(name, sections[name], Path(folder)) + "\n", flush=True)  # noqa: T201
    print(targets_table(facts) + "\n\n" + load_note("after"), flush=True)  # noqa: T201


if __name__ == "__main__":
    main()
