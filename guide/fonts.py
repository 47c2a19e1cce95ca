"""Register the brand's TrueType fonts with reportlab once per process, embedded as subsets.

reportlab parses a font file in Python, table by table: for the nine bundled faces that was
about 10 ms of every cold build. The parsed face is kept in the user's cache folder (next to
the compiled templates), keyed by the file's path, size and modification time and by the
reportlab and Python versions; any trouble reading or writing it means a plain parse.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFError, TTFont, TTFontFace

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
        pdfmetrics.registerFont(load_font(name, path))
        forget_measurements()
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        raise ContentError(shown(path), None, f"cannot use this font file: {exc}",
                           "use a static TrueType (.ttf) font; variable fonts need static instances") from None
    return name


def load_font(name: str, path: Path) -> TTFont:
    """TTFont(name, path), with the parsed face from the cache when it is there."""
    cache = _face_cache_file(path)
    data = read_quietly(cache)
    if data is not None:
        try:
            face = face_from_state(pickle.loads(data))
            face.filename = str(path)  # as given, which may differ from the cached spelling
            return font_with_face(name, face)
        except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError,
                KeyError, TypeError, ValueError):
            pass
    font = TTFont(name, str(path))
    if cache is not None:
        write_quietly(cache, pickle.dumps(face_state(font.face), pickle.HIGHEST_PROTOCOL))
    return font


def face_state(face: TTFontFace) -> dict:
    """What parsing the file produced, less the scaling function (rebuilt on load)."""
    return {key: value for key, value in face.__dict__.items() if key != "_pdfScale"}


def face_from_state(state: dict) -> TTFontFace:
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    units = state["unitsPerEm"]
    if units == 1000:  # as reportlab's TTFontFile.extractInfo sets it
        face._pdfScale = lambda x: x
    else:
        factor = 1000 / units
        face._pdfScale = lambda x: x * factor
    return face


def font_with_face(name: str, face: TTFontFace) -> TTFont:
    """TTFont(name, file) as reportlab's __init__ makes it (defaults: no validation, first
    subfont, shaping allowed), with a face already parsed. tests/test_fonts.py compares the
    two, so a change in reportlab shows."""
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob)
    return font


def _face_cache_file(path: Path) -> Path | None:
    try:
        info = path.stat()
        where = str(path.resolve())
    except OSError:
        return None
    kind = f"fonts-{reportlab.Version}-py{sys.version_info[0]}.{sys.version_info[1]}"
    return cache_file(kind, f"{where}|{info.st_size}|{info.st_mtime_ns}", ".pickle")


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
