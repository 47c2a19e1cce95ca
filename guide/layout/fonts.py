"""Register the brand's TrueType fonts with reportlab once per process, embedded as subsets."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from guide import speed
from guide.errors import ContentError
from guide.load.paths import file_stamp, shown
from guide.model import BrandFonts
from guide.speed import font_cache


@dataclass(frozen=True)
class FontNames:
    """reportlab font names for one family: regular, italic, bold, bold italic."""

    regular: str
    italic: str
    bold: str
    bold_italic: str


def _register(path: Path) -> str:
    return _register_version(path, file_stamp(path))



@cache
def _register_version(path: Path, stamp: tuple[int, int]) -> str:
    """Registered once per file version (`stamp`), so `watch` picks up a replaced font."""
    name = "F-" + path.stem
    if name in pdfmetrics.getRegisteredFontNames():
        # a digest, not hash(): the same input gives the same PDF in every process
        digest = hashlib.sha1(f"{path}|{stamp}".encode()).hexdigest()[:8]
        name = f"F-{path.stem}-{digest}"
    try:
        pdfmetrics.registerFont(load_font(name, path, stamp))
        speed.forget_measurements()
    except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error,
            OverflowError, AssertionError, TypeError) as exc:  # what broken files raise
        raise ContentError(shown(path), None, f"cannot use this font file: {exc}",
                           "use a TrueType (.ttf), OpenType (.otf), WOFF or WOFF2 font file"
                           ) from None
    return name


def load_font(name: str, path: Path, stamp: tuple[int, int]) -> TTFont:
    """TTFont(name, path); with the speed layer on, from the user's cache when it holds
    this version of the file (guide.speed.font_cache)."""
    if speed.enabled():
        return font_cache.load_font(name, path, stamp)
    return TTFont(name, str(path))


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
    mono: str | None = None  # the brand's monospace face, for inline code


def register_fonts(fonts: BrandFonts) -> Typefaces:
    return Typefaces(body=register_family(fonts.body), heading=register_family(fonts.heading),
                     display=_register(fonts.heading_display),
                     mono=_register(fonts.mono) if fonts.mono is not None else None)


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
