"""`watch`: rebuild the booklet whenever a file it is made from is saved.

A failed build prints its error and keeps watching; the PDF from the last good build stays
in place because every build writes to a temporary file and renames it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from guide.errors import ContentError, ContentErrors
from guide.layout.shapes import TEMPLATE_DIR
from guide.load.paths import shown
from guide.options import BuildOptions
from guide.pipeline import BuildResult, build_booklet, pack_brand

EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload")


def watched_folders(content: Path, brand_file: Path | None) -> list[Path]:
    """The pack, the brand file's folder and the template folder: everything a build reads."""
    folders = [content]
    brand = pack_brand(content, brand_file)
    if brand is not None:
        folders.append(brand.parent)
    folders.append(TEMPLATE_DIR)
    unique: list[Path] = []
    for folder in folders:
        folder = folder.resolve()
        if folder.is_dir() and not any(folder.is_relative_to(u) for u in unique):
            unique = [u for u in unique if not u.is_relative_to(folder)] + [folder]
    return unique


def is_source_change(path: str, output: Path) -> bool:
    """Ignore our own PDF and its temporary file, hidden files and editors' swap files."""
    name = Path(path).name
    if Path(path).resolve() == output.resolve():
        return False
    return not (name.startswith((".", "#")) or name.endswith(EDITOR_LEFTOVERS)
                or "__pycache__" in Path(path).parts)


def change_summary(batch: set) -> str:
    """Name the saved files; a tool's short-lived temporary files are left out."""
    paths = {Path(p) for _, p in batch}
    names = sorted({p.name for p in paths if p.exists()})
    verb = "changed"
    if not names:
        verb, names = "removed", sorted({p.name for p in paths})
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return f"{verb} " + ", ".join(names[:3]) + more


def file_changes(folders: list[Path], output: Path, stop: threading.Event,
                 report: Callable[[str], None]) -> Iterator[set]:
    """Batches of saved files from the system's file events, or by polling where those are
    not available (some network drives and containers, or a full inotify watch limit)."""
    import watchfiles

    def watch(polling: bool | None) -> Iterator[set]:
        return watchfiles.watch(*folders, stop_event=stop, force_polling=polling,
                                watch_filter=lambda _change, path: is_source_change(path, output),
                                debounce=800, step=80, rust_timeout=500, poll_delay_ms=300)

    try:
        yield from watch(None)  # None: WATCHFILES_FORCE_POLLING may still ask for polling
    except (OSError, RuntimeError) as error:
        report(f"file events unavailable ({error}); checking for changes every 0.3 s instead")
        yield from watch(True)


def describe(result: BuildResult) -> str:
    return f"{shown(result.path)}: {result.pages} pages in {result.seconds:.2f} s"


def watch_and_build(content: Path, brand_file: Path | None, output: Path, options: BuildOptions,
                    report: Callable[[str], None], stop: threading.Event | None = None,
                    changes: Iterable[set] | None = None) -> int:
    """Build once, then again after every batch of saved changes; returns the builds made.

    `changes` defaults to watchfiles' stream over the watched folders; `stop` ends the
    loop from another thread (tests, editors embedding the command).
    """
    builds = 0

    def build(reason: str) -> None:
        nonlocal builds
        stamp = time.strftime("%H:%M:%S")
        try:
            result = build_booklet(content, brand_file, output, options)
        except (ContentError, ContentErrors) as error:
            errors = error.errors if isinstance(error, ContentErrors) else [error]
            report(f"[{stamp}] {reason}: build failed; {shown(output)} is left as it was")
            for each in errors:
                report(f"error: {each.render()}")
            return
        except Exception as error:  # noqa: BLE001 - a bug must not end the session
            report(f"[{stamp}] {reason}: internal error: {type(error).__name__}: {error} "
                   "(run `build --debug` for details and report it); still watching")
            return
        builds += 1
        for warning in result.warnings:
            report(f"warning: {warning}")
        report(f"[{stamp}] {reason}: {describe(result)}")

    build("first build")
    if changes is None:
        stop = stop or threading.Event()
        changes = file_changes(watched_folders(content, brand_file), output, stop, report)
    for batch in changes:
        if stop is not None and stop.is_set():
            break
        build(change_summary(batch))
    return builds
