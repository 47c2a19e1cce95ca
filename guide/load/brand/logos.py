"""The cover logo: brand.yml's `logo` as a path, small/medium/large, named `images` with
`path` and `alt`, light/dark pairs (paper is light); PNG, JPEG or SVG, local or on the web."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from guide.errors import ContentError, ErrorCollector
from guide.load.brand.colors import light_of
from guide.load.brand.paths import brand_path, is_web_address
from guide.load.brand.web import Unreachable, fetch
from guide.load.images import load_image
from guide.load.yamlfile import YamlDoc

SIZES = ("large", "medium", "small")  # the cover is large: the largest logo given is used
LOGO_KEYS = {"images", *SIZES}
RASTER = (".png", ".jpg", ".jpeg")
LOGO_TYPES = (*RASTER, ".svg")


def read_logo(doc: YamlDoc, root: Path, logo: Any, school: str, errors: ErrorCollector,
              warnings: list[str]) -> tuple[Path | None, str]:
    """The logo file to draw and its alt text (the tagged PDF's description of it)."""
    if logo is None:
        return None, ""
    alt = f"{school} logo" if school else "logo"
    images: dict = {}
    keys: tuple = ("logo",)
    choice: Any = light_of(logo)
    if isinstance(choice, dict):
        for key in choice:
            if key not in LOGO_KEYS | {"path", "alt"}:
                warnings.append(doc.error(("logo", key), f"'{key}' under logo is not a brand.yml "
                                          "logo size and is not used").render())
        images = choice.get("images") or {}
        if not isinstance(images, dict):
            errors.add(doc.error(("logo", "images"), "'images' must map names to image files"))
            return None, ""
        size = next((s for s in SIZES if choice.get(s)), None)
        if size is not None:
            choice, keys = light_of(choice[size]), ("logo", size)
        elif "path" not in choice:
            if images:  # only named images: the first one is the logo
                first = next(iter(images))
                choice, keys = first, ("logo", "images", first)
            else:
                return None, ""
    if isinstance(choice, str) and choice in images:
        keys = ("logo", "images", choice)
        choice = light_of(images[choice])
    if isinstance(choice, dict):
        alt = str(choice.get("alt") or alt)
        if "path" in choice:
            keys = (*keys, "path")  # errors point at the path line itself
        choice = light_of(choice.get("path"))
    if not isinstance(choice, str) or not choice.strip():
        errors.add(doc.error(keys, "the logo must name an image file"))
        return None, ""
    choice = choice.strip()
    if is_web_address(choice):
        return _web_logo(doc, keys, choice, errors, warnings), alt
    try:
        path = brand_path(root, choice, doc, keys, "logo")
    except ContentError as error:
        errors.add(error)
        return None, ""
    if path.suffix.lower() not in LOGO_TYPES:
        errors.add(doc.error(keys, f"logo '{choice}' is not PNG, JPEG or SVG",
                             "export the logo as SVG or PNG"))
        return None, ""
    if not path.is_file():
        errors.add(doc.error(keys, f"logo file '{choice}' not found",
                             f"put it beside {doc.path.name} or fix the path"))
        return None, ""
    try:
        _check_image(path, doc, keys)
    except ContentError as error:
        errors.add(error)
        return None, ""
    return path, alt


def _check_image(path: Path, doc: YamlDoc, keys: tuple) -> None:
    """Open it now, as chapter images are, so a broken file is named here, not mid-build."""
    if path.suffix.lower() == ".svg":
        from guide.load.brand.svg import read_svg  # reportlab's drawing shapes, for SVG only

        read_svg(path)
    else:
        load_image(path.parent, path.name, doc.path, doc.line(*keys), "logo")


def _web_logo(doc: YamlDoc, keys: tuple, url: str, errors: ErrorCollector,
              warnings: list[str]) -> Path | None:
    """A logo given by web address: fetched into the user's cache, or left out with a warning."""
    suffix = Path(urlparse(url).path).suffix.lower()
    if suffix not in LOGO_TYPES:
        suffix = ".png"
    try:
        data = fetch(url, "logos", suffix)
    except Unreachable as why:
        warnings.append(doc.error(keys, f"the logo {url} could not be fetched ({why}); the "
                                  "booklet has no logo",
                                  "download it beside the brand file and give its path").render())
        return None
    from guide.user_cache import cache_file
    path = cache_file("logos", url, suffix)
    if path is None or not path.is_file():  # the cache is off: keep it for this process
        path = _process_copy(url, suffix, data)
    if suffix != ".svg" and data.lstrip()[:5] in (b"<?xml", b"<svg "):
        path = _process_copy(url, ".svg", data)  # an SVG served without .svg in its address
    try:
        _check_image(path, doc, keys)
    except ContentError as error:
        errors.add(doc.error(keys, f"the logo at {url} cannot be used: {error.problem}",
                             error.hint))
        return None
    return path


def _process_copy(url: str, suffix: str, data: bytes) -> Path:
    import hashlib
    import tempfile

    folder = Path(tempfile.gettempdir()) / "career-guide-logos"
    folder.mkdir(exist_ok=True)
    path = folder / (hashlib.sha256(url.encode()).hexdigest()[:24] + suffix)
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    return path
