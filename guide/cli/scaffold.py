"""`new`: copy the starter pack into a fresh folder, with the author's title in guide.yml.

The starter pack lives in templates/new-guide/ as ordinary files, so it is built and
checked like any other pack; only its title line is rewritten here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from guide.errors import ContentError
from guide.load.paths import shown
from guide.load.resources import resource_dir

STARTERS = {"en": "new-guide", "es": "new-guide-es"}  # starter packs by language
TITLE_LINE = re.compile(r"^title: .*$", re.MULTILINE)


def new_pack(destination: Path, title: str, language: str = "en") -> list[Path]:
    """Write the starter pack in `language` into `destination` (new or empty); returns the
    files written."""
    base = language.replace("_", "-").split("-")[0].lower()
    if base not in STARTERS:
        raise ContentError("--lang", None, f"no starter pack in '{language}'",
                           "use one of: " + ", ".join(sorted(STARTERS)))
    starter = resource_dir("templates") / STARTERS[base]
    title = " ".join(title.split())
    if not title:
        raise ContentError("--title", None, "the title is empty", 'write --title "The Path to ..."')
    missing = _missing_in_default_fonts(title)
    if missing:
        raise ContentError("--title", None, "the starter brand's fonts cannot draw "
                           + " ".join(sorted(missing)),
                           "leave those characters out, or add a brand font that has them "
                           "after the guide is made")
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise ContentError(shown(destination), None, "already exists and is not an empty folder",
                           "choose a new folder name, so nothing is overwritten")
    if not destination.parent.is_dir():
        raise ContentError(shown(destination.parent), None, "folder not found",
                           "create it first or choose another place for the new guide")
    staging = destination.parent / f".{destination.name}.new"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(starter, staging, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        guide_file = staging / "guide.yml"
        quoted = yaml.safe_dump({"title": title}, allow_unicode=True, width=10_000).strip()
        guide_file.write_text(TITLE_LINE.sub(lambda _: quoted, guide_file.read_text("utf-8"),
                                             count=1), "utf-8")
        if destination.exists():
            destination.rmdir()
        staging.rename(destination)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ContentError(shown(destination), None, f"cannot write the new guide: "
                           f"{error.strerror or error}") from None
    return sorted(p for p in destination.rglob("*") if p.is_file())


def _missing_in_default_fonts(text: str) -> set[str]:
    """Characters of the title that the starter brand's body, heading or display font lacks."""
    from guide.layout.fonts import missing_glyphs, register_fonts
    from guide.load.brand import load_brand

    faces = register_fonts(load_brand(None).fonts)
    fonts = (faces.body.regular, faces.heading.regular, faces.display)
    return set().union(*(missing_glyphs(font, text) for font in fonts))
