"""Register the brand's TrueType fonts with reportlab once per process, embedded as subsets.

reportlab parses a font file in Python, table by table: for the nine bundled faces that was
about 10 ms of every cold build. The font reportlab made is kept in the user's cache folder
(next to the compiled templates), keyed by its name, the file's path, size and modification
time, and the reportlab and Python versions; any trouble reading or writing it means a
plain parse.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFace

from .errors import ContentError
from .model import BrandFonts
from .paths import file_stamp, shown
from .reportlab_speedups import forget_measurements
from .user_cache import cache_file, read_quietly, write_quietly


@dataclass(frozen=True)
class FontNames:
    """reportlab font names for one family: regular, italic, bold, bold italic."""

    regular: str
    italic: str
    bold: str
    bold_italic: str


def _register(path: Path) -> str:
    return _register_version(path, file_stamp(path))



@lru_cache(maxsize=None)
def _register_version(path: Path, stamp: tuple[int, int]) -> str:
    """Registered once per file version (`stamp`), so `watch` picks up a replaced font."""
    name = "F-" + path.stem
    if name in pdfmetrics.getRegisteredFontNames():
        name = f"F-{path.stem}-{abs(hash(str(path))) % 10**6}"
    try:
        pdfmetrics.registerFont(load_font(name, path, stamp))
        forget_measurements()
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        raise ContentError(shown(path), None, f"cannot use this font file: {exc}",
                           "use a static TrueType (.ttf) font; variable fonts need static instances") from None
    return name


def load_font(name: str, path: Path, stamp: tuple[int, int] | None = None) -> TTFont:
    """TTFont(name, path), from the cache when this reportlab made an entry for this name
    and this version of the file (`stamp`, as paths.file_stamp gives it)."""
    cache = _font_cache_file(name, path, stamp or file_stamp(path))
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


def register_family(files: tuple[Path, Path, Path, Path]) -> FontNames:
    names = FontNames(*(_register(p) for p in files))
    family = names.regular
    addMapping(family, 0, 0, names.regular)
    addMapping(family, 0, 1, names.italic)
    addMapping(family, 1, 0, names.bold)
    addMapping(family, 1, 1, names.bold_italic)
    return names


@dataclass(frozen=True)
class Typefaces:
    body: FontNames
    heading: FontNames
    display: str


def register_fonts(fonts: BrandFonts) -> Typefaces:
    return Typefaces(body=register_family(fonts.body), heading=register_family(fonts.heading),
                     display=_register(fonts.heading_display))


def missing_glyphs(font_name: str, text: str) -> set[str]:
    """Characters of `text` the font cannot draw (they would print as empty boxes)."""
    face = pdfmetrics.getFont(font_name).face
    cmap = face.charToGlyph
    return {ch for ch in set(text) if ch.isprintable() and not ch.isspace() and ord(ch) not in cmap}


def make_default_font(font_name: str) -> None:
    """Point reportlab's fallback font at an embedded face.

    Tables and drawings open with a font selection of their own (Helvetica unless told
    otherwise); even when they show no glyph in it, that puts an unembedded font in the PDF.
    """
    from reportlab.graphics import shapes
    from reportlab.platypus import tables

    shapes.STATE_DEFAULTS["fontName"] = font_name
    tables.CellStyle.fontname = font_name
