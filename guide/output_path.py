"""Where a PDF (or preview PNG) may be written: a regular file or a new path, never a file
the build reads and never a device, FIFO, socket or folder.

An `-o` that names a chapter, guide.yml, the brand file or a font would otherwise be
replaced by the PDF, and the atomic rename would turn /dev/null into a regular file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from guide.errors import ContentError
from guide.load.paths import make_folder, shown

MAX_WALKED = 20_000  # files looked at in a pack when guarding it; packs hold a few dozen

KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
         (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
         (stat.S_ISDIR, "a folder"))


def output_target(raw: str | Path, default_name: str) -> Path:
    """`-o` as typed: a path ending in '/' or naming an existing folder means "into that
    folder", under the default file name."""
    text = str(raw)
    path = Path(text)
    if text.endswith(("/", os.sep)) or path.is_dir():
        if not make_folder(path):
            raise ContentError(shown(path), None, "the output folder does not exist",
                               "create it first or choose another -o path")
        return path / default_name
    return path


def not_pdf_warning(output: Path) -> str | None:
    """A name without .pdf is written anyway, but said, so `-o notes.txt` is no surprise."""
    if output.suffix.lower() == ".pdf":
        return None
    return f"{shown(output)} does not end in .pdf; the file written there is a PDF"


def kind_of(path: Path) -> str | None:
    """What a path is when it is not a regular file (following links), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    for test, name in KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def refuse_special(output: Path) -> None:
    kind = kind_of(output)
    if kind == "a folder":
        raise ContentError(shown(output), None, "the output path is a folder",
                           "give a file name ending in .pdf, or end the path with / to "
                           "write into that folder")
    if kind is not None:
        raise ContentError(shown(output), None, f"the output path is {kind}",
                           "the tool writes only regular files; choose a .pdf file name")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def pack_files(root: Path) -> Iterable[Path]:
    """Every file in the pack but PDFs (the build reads no PDF; an old booklet may sit there)."""
    count = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            if not name.lower().endswith(".pdf"):
                count += 1
                if count > MAX_WALKED:
                    return
                yield Path(folder) / name


def template_files(folder: Path | None) -> Iterable[Path]:
    if folder is None or not folder.is_dir():
        return []
    return (p for p in folder.rglob("*") if p.is_file())


def refuse_sources(output: Path, sources: Iterable[Path]) -> None:
    """Refuse an output that is, links to or is a hard link of a file the build reads."""
    target = _identity(output)
    if target is None:
        return
    for source in sources:
        if _identity(source) == target:
            same = os.path.abspath(source) == os.path.abspath(output)
            what = "" if same else f" ({shown(source)})"
            raise ContentError(shown(output), None,
                               f"the output path is a file the build reads{what}",
                               "choose another -o path; writing there would replace it")


def check_target(output: Path, content: Path | None, brand_file: Path | None = None,
                 brand=None) -> None:  # type: ignore[no-untyped-def]
    """Everything but the folder checks: no special file, no source of the build."""
    from guide.layout.shapes import TEMPLATE_DIR
    from guide.load.brand import DEFAULT_BRAND, FONT_DIR

    refuse_special(output)
    if _identity(output) is None:
        return  # a new path cannot be anyone's source
    sources: list[Iterable[Path]] = [template_files(TEMPLATE_DIR), template_files(FONT_DIR),
                                     [DEFAULT_BRAND]]
    if content is not None and content.is_dir():
        sources.append(pack_files(content))
    if brand_file is not None:
        sources.append([brand_file])
    if brand is not None:
        fonts = brand.fonts
        sources.append([p for p in (brand.path, brand.logo, brand.local_page, *fonts.body,
                                    *fonts.heading, fonts.heading_display) if p is not None])
        sources.append(template_files(brand.templates))
    for group in sources:
        refuse_sources(output, group)


def refuse_before_replace(output: Path) -> None:
    """Last look before the atomic rename: never rename over a device, FIFO, socket or folder
    (one could have appeared there since the build began)."""
    refuse_special(output)
