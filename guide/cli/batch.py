"""Batch builds: one booklet per brand file, in parallel processes, content loaded once."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from guide import speed
from guide.errors import ContentError, ContentErrors
from guide.load.brand import load_brand
from guide.load.paths import shown, stays_inside
from guide.model import Brand, Guide
from guide.options import BuildOptions
from guide.pipeline import BuildResult, build_loaded

BRAND_SUFFIXES = (".yml", ".yaml")
KINDS = ("booklet", "flyer", "poster")


@dataclass(frozen=True)
class BatchJob:
    brand_file: Path
    brand: Brand
    output: Path
    kind: str = "booklet"  # or a piece of the career-fair kit: flyer, poster


@dataclass(frozen=True)
class BatchResult:
    """One brand's outcome: the build, or the error lines that stopped it."""

    brand_file: Path
    name: str
    build: BuildResult | None = None
    error: str = ""
    internal: bool = False  # a bug in the tool, not a mistake in the brand or content


def brand_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise ContentError(shown(folder), None, "the brands folder does not exist",
                           "pass --brands with a folder of brand .yml files")
    from guide.load.brand.discovery import brand_in_folder

    files = sorted(p for p in folder.iterdir() if p.suffix in BRAND_SUFFIXES and p.is_file())
    # and one brand per sub-folder holding a _brand.yml or brand.yml, as Quarto projects keep them
    files += sorted(found for p in folder.iterdir() if p.is_dir()
                    and (found := brand_in_folder(p)) is not None)
    if not files:
        raise ContentError(shown(folder), None, "no brand files (.yml) in this folder")
    return files


def safe_name(text: str) -> str:
    """A file name from a school's short name: ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "booklet"


def parse_kinds(text: str) -> tuple[str, ...]:
    """'booklet,flyer,poster' as a tuple, each kind once, in the order given."""
    kinds = tuple(dict.fromkeys(k.strip() for k in text.split(",") if k.strip()))
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise ContentError(None, None, f"unknown --kind '{', '.join(unknown) or text}'",
                           "use booklet, flyer, poster or a list such as booklet,flyer,poster")
    return kinds


def plan_jobs(files: list[Path], out_dir: Path, kinds: tuple[str, ...] = ("booklet",),
              language_suffix: str = "") -> tuple[list[BatchJob], list[BatchResult]]:
    """Load every brand (cheap) before any build: names are known, broken files reported."""
    jobs, failures, taken = [], [], set()
    for file in files:
        try:
            stays_inside(file.parent, file)
            brand = load_brand(file)
        except (ContentError, ContentErrors) as exc:
            failures.append(BatchResult(file, file.stem, error=describe(exc)))
            continue
        label = brand.short_name or brand.name or (
            file.parent.name if file.stem in ("_brand", "brand") else file.stem)
        name, n = safe_name(label), 2
        while name in taken:
            name, n = f"{safe_name(label)}-{n}", n + 1
        taken.add(name)
        for kind in kinds:
            suffix = ("" if kind == "booklet" else f"-{kind}") + language_suffix
            jobs.append(BatchJob(file, brand, out_dir / f"{name}{suffix}.pdf", kind))
    return jobs, failures


def describe(exc: ContentError | ContentErrors) -> str:
    """The same `error: file:line: ...` lines a single build prints."""
    errors = exc.errors if isinstance(exc, ContentErrors) else [exc]
    return "\n".join(f"error: {e.render()}" for e in errors)


_shared: dict[str, object] = {}


def _init_worker(guide: Guide, options: BuildOptions, speedups: bool) -> None:
    _shared["guide"], _shared["options"] = guide, options
    if speedups:
        speed.enable()
    else:
        speed.disable()


def run_job(job: BatchJob) -> BatchResult:
    """Build one brand's booklet in a worker; content errors come back as text, not raised."""
    guide, options = _shared["guide"], _shared["options"]
    assert isinstance(guide, Guide) and isinstance(options, BuildOptions)
    try:
        if job.kind == "booklet":
            build = build_loaded(guide, job.brand, job.output, options)
        else:
            from guide.kit.pieces import build_batch_piece
            build = build_batch_piece(job.kind, guide, job.brand, job.output, options)
    except (ContentError, ContentErrors) as exc:
        return BatchResult(job.brand_file, job.brand.short_name, error=describe(exc))
    except Exception as exc:  # noqa: BLE001 - one brand's bug must not stop the others
        return BatchResult(job.brand_file, job.brand.short_name, internal=True,
                           error=f"internal error: {shown(job.brand_file)}: "
                                 f"{type(exc).__name__}: {exc} (please report it)")
    return BatchResult(job.brand_file, job.brand.short_name, build)


def run_batch(guide: Guide, jobs: list[BatchJob], options: BuildOptions,
              workers: int) -> Iterator[BatchResult]:
    """Results as they finish. One worker runs in this process (no start-up cost)."""
    if workers <= 1 or len(jobs) <= 1:
        _init_worker(guide, options, speed.enabled())
        for job in jobs:
            yield run_job(job)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=_init_worker,
                             initargs=(guide, options, speed.enabled())) as pool:
        futures: dict[Future, BatchJob] = {pool.submit(run_job, job): job for job in jobs}
        for future in as_completed(futures):
            yield future.result()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def summary_table(results: list[BatchResult], echo: Callable[[str], None]) -> None:
    rows = [(r.name, str(r.build.pages), f"{r.build.bytes / 1024:.0f} KiB",
             f"{r.build.seconds:.2f} s", str(r.build.path)) for r in results if r.build]
    header = ("brand", "pages", "size", "time", "output")
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
    line = "  ".join("{:<%d}" % w for w in widths)
    echo(line.format(*header).rstrip())
    echo("  ".join("-" * w for w in widths))
    for row in rows:
        echo(line.format(*row).rstrip())
