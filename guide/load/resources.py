"""Where the bundled templates, fonts and content live, in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # the guide package


def resource_dir(name: str) -> Path:
    """`templates` or `content`: the checkout's top-level folder, else the installed copy."""
    checkout = PACKAGE.parent / name
    if checkout.is_dir() and (PACKAGE.parent / "pyproject.toml").is_file():
        return checkout
    return PACKAGE / f"bundled_{name}"
