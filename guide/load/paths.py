"""Keeping content inside its own folder, and showing paths the way the user typed them."""

from __future__ import annotations

import os
from pathlib import Path

from guide.errors import ContentError


def shown(path: Path) -> str:
    """A path relative to the working folder when it lies below it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def inside(root: Path, relative: str, referrer: Path | str, line: int | None, what: str) -> Path:
    """Resolve `relative` against `root`, refusing anything that leaves `root`.

    Absolute paths, `..` and symlinks pointing outside are all refused, so a content
    pack or brand file can never make the build read someone else's files.
    """
    if not relative or not isinstance(relative, str):
        raise ContentError(referrer, line, f"{what}: empty path")
    if os.path.isabs(relative) or relative.startswith(("~", "\\")) or ":" in relative[:3]:
        raise ContentError(referrer, line, f"{what} '{relative}' is an absolute path",
                           f"give a path relative to {shown(root)}")
    candidate = root / relative
    root_real = root.resolve()
    real = candidate.resolve()
    if ".." in Path(relative).parts or not real.is_relative_to(root_real):
        raise ContentError(referrer, line, f"{what} '{relative}' is outside {shown(root)}",
                           "keep the file inside that folder")
    return real


def stays_inside(root: Path, path: Path) -> None:
    """Refuse a pack file that is a symlink (or sits in a symlinked folder) leading out of
    the pack: the build reads only files that really live in the content folder."""
    if path.exists() and not path.resolve().is_relative_to(root.resolve()):
        raise ContentError(shown(path), None, f"{path.name} is outside {shown(root)} "
                           "(it is a link to somewhere else)", "keep the file inside that folder")


def file_stamp(path: Path) -> tuple[int, int]:
    """Modification time and size: a cache key that changes when the file is replaced."""
    try:
        info = path.stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)


def make_folder(folder: Path) -> bool:
    """Make `folder` if it is missing and its parent exists (one level only: a deeper
    missing path is more likely a typo than a wish); True when the folder is there."""
    if not folder.exists() and folder.parent.is_dir():
        try:
            folder.mkdir()
        except OSError:
            pass  # the caller reports a folder it cannot use
    return folder.is_dir()


def output_folder(folder: Path) -> Path:
    """`folder`, made if need be, for commands that write several files into it."""
    if folder.exists() and not folder.is_dir():
        raise ContentError(shown(folder), None, "the output path is not a folder",
                           "this -o names a folder for several files; choose a folder")
    if not make_folder(folder):
        raise ContentError(shown(folder), None, "the output folder cannot be made",
                           "create its parent folder first or choose another -o folder")
    return folder
