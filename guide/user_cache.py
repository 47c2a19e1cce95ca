"""The user's cache folder: compiled templates, parsed font files and QR codes kept between
runs, so a build does not redo work whose input has not changed.

$CAREER_GUIDE_CACHE, else $XDG_CACHE_HOME/career-guide or ~/.cache/career-guide;
CAREER_GUIDE_CACHE=off turns it off. Every entry is keyed by what it was made from, so a
changed input is a new entry. Nothing here may fail a build: an entry that cannot be read
or written is simply made again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def cache_root() -> Path | None:
    """The folder, or None when the cache is off."""
    if os.environ.get("CAREER_GUIDE_CACHE") == "off":
        return None
    root = os.environ.get("CAREER_GUIDE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "career-guide")
    return Path(root)


def cache_file(kind: str, key: str, suffix: str) -> Path | None:
    """Where the entry of `kind` (a folder name that includes the versions the entry
    depends on) made from `key` lives, or None when the cache is off."""
    root = cache_root()
    if root is None:
        return None
    name = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()
    return root / kind / (name + suffix)


def read_quietly(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_quietly(target: Path | None, data: bytes) -> None:
    """Write whole or not at all (another build may be reading); never fail the build."""
    if target is None:
        return
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except OSError:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
