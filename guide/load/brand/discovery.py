"""Which brand file a build uses: --brand FILE or DIR, else the pack's own, else the default."""

from __future__ import annotations

from pathlib import Path

from guide.errors import ContentError
from guide.load.paths import shown, stays_inside

BRAND_NAMES = ("_brand.yml", "brand.yml", "_brand.yaml", "brand.yaml")


def brand_in_folder(folder: Path) -> Path | None:
    """The brand file a folder holds (Quarto's `_brand.yml` first), or None."""
    for name in BRAND_NAMES:
        if (folder / name).is_file():
            return folder / name
    brand_dir = folder / "_brand"  # Quarto's folder form: _brand/_brand.yml
    if brand_dir.is_dir() and folder.name != "_brand":
        return brand_in_folder(brand_dir)
    return None


def given_brand(path: Path) -> Path:
    """--brand as given: a file, or a folder holding one."""
    if path.is_dir():
        found = brand_in_folder(path)
        if found is None:
            raise ContentError(shown(path), None, "this folder has no _brand.yml or brand.yml",
                               "pass --brand with the brand file itself, or put one here")
        return found
    return path


def pack_brand_file(content: Path) -> Path | None:
    """The content pack's own brand file, if it has one."""
    for name in BRAND_NAMES:
        own = content / name
        if own.is_file():
            stays_inside(content, own)
            return own
    return None
