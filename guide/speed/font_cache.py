"""Parsed fonts kept in the user's cache folder: reportlab parses a font file in Python,
table by table (about 10 ms of every cold build for the nine bundled faces).

An entry holds the attributes reportlab itself gave the font and its face, rebuilt through
`__new__` (private reportlab state, hence this layer); it is keyed by the font's name, the
file's path, size and modification time, and the reportlab and Python versions and font
settings. Any trouble reading or writing it means a plain parse.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from guide.user_cache import cache_file, read_quietly, write_quietly


def load_font(name: str, path: Path, stamp: tuple[int, int]) -> TTFont:
    """TTFont(name, path), from the cache when this reportlab made an entry for this name
    and this version of the file (`stamp`, as paths.file_stamp gives it)."""
    cache = _font_cache_file(name, path, stamp)
    data = read_quietly(cache)
    if data is not None:
        try:
            font = font_from_entry(pickle.loads(data))
            font.face.filename = str(path)  # as given, which may differ from the cached spelling
            return font
        except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError,
                KeyError, TypeError, ValueError):
            pass
    font = TTFont(name, str(path))
    entry = font_entry(font)
    if cache is not None and entry is not None:
        write_quietly(cache, pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
    return font


def font_entry(font: TTFont) -> dict | None:
    """What to keep of a font reportlab has just made: its attributes and its face's, less
    the per-document state (made afresh) and the face's scaling function (a closure, rebuilt
    on load). None if the rebuilt function would not match this reportlab's."""
    face = {key: value for key, value in vars(font.face).items() if key != "_pdfScale"}
    rebuilt = _scale(face.get("unitsPerEm"))
    if rebuilt is None or any(rebuilt(x) != font.face._pdfScale(x)
                              for x in (0, 1, 7, 250, 733.5, 1000, 2048)):
        return None
    return {"font": {key: value for key, value in vars(font).items()
                     if key not in ("face", "state")}, "face": face}


def font_from_entry(entry: dict) -> TTFont:
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(entry["face"])
    scale = _scale(entry["face"]["unitsPerEm"])
    if scale is None:
        raise ValueError("no units per em")
    face._pdfScale = scale
    font = TTFont.__new__(TTFont)
    font.__dict__.update(entry["font"])
    font.face = face
    font.state = WeakKeyDictionary()  # per document, as TTFont() starts it
    return font


def _scale(units):  # type: ignore[no-untyped-def]
    """Font units to PDF's thousandths of an em, as reportlab's TTFontFile sets it up."""
    if not isinstance(units, int) or units <= 0:
        return None
    if units == 1000:
        return lambda x: x
    factor = 1000 / units
    return lambda x: x * factor


def _font_cache_file(name: str, path: Path, stamp: tuple[int, int]) -> Path | None:
    if stamp == (0, 0):  # the file could not be read; TTFont will say why
        return None
    mtime, size = stamp
    kind = f"fonts-{reportlab.Version}-py{sys.version_info[0]}.{sys.version_info[1]}"
    settings = (rl_config.ttfAsciiReadable, tuple(rl_config.unShapedFontGlob))
    return cache_file(kind, f"{name}|{path.resolve()}|{size}|{mtime}|{settings}", ".pickle")
