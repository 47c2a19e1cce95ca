"""Paths inside a brand file: relative to its folder, where Quarto's project-root `/` is too."""

from __future__ import annotations

from pathlib import Path

from guide.load.paths import inside
from guide.load.yamlfile import YamlDoc


def brand_path(root: Path, relative: str, doc: YamlDoc, keys: tuple, what: str) -> Path:
    """`relative` under the brand's folder. A leading '/' is Quarto's project root, which for
    a brand file is the folder it sits in; anything leaving that folder is refused."""
    if relative.startswith("/") and not relative.startswith("//"):
        relative = relative.lstrip("/")
    return inside(root, relative, doc.path, doc.line(*keys), what)


def is_web_address(text: str) -> bool:
    return text.startswith(("http://", "https://"))
