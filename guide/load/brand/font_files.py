"""Any font file a brand names, as a static TrueType file reportlab can embed.

reportlab reads TrueType outlines only, one weight a file. WOFF and WOFF2 are unpacked, CFF
(PostScript-outline .otf) is converted to TrueType curves, a font collection gives its first
font, and a variable font is instantiated at the weight the booklet asks for (so bold is
bold). fontTools does that, loaded only when a file needs it; the result is kept in the
user's cache folder, keyed by the file's content and the weight, so later builds read it
as they read any TrueType file.
"""

from __future__ import annotations

import hashlib
import struct
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guide.load.paths import file_stamp
from guide.user_cache import cache_root

CONVERTED = "fonts-converted-v3"


class FontFileError(ValueError):
    """A file that is not a font this tool can use, with the reason."""


@dataclass(frozen=True)
class FontKind:
    """What a font file holds, read from its first bytes and table directory."""

    wrapper: str  # "sfnt", "woff", "woff2" or "collection"
    outlines: str  # "glyf", "cff", "cff2" or "" (not known before unpacking)
    variable: bool
    span: tuple[int, int] | None = None  # a variable font's weights (its wght axis)


def font_kind(path: Path) -> FontKind:
    try:
        return _kind_version(path, file_stamp(path))
    except struct.error:  # a table directory cut short: a truncated or random file
        raise FontFileError("the font file is cut short or damaged") from None


@lru_cache(maxsize=256)
def _kind_version(path: Path, stamp: tuple[int, int]) -> FontKind:
    with open(path, "rb") as handle:
        head = handle.read(12)
        if head[:4] == b"wOFF":
            return FontKind("woff", "", False)
        if head[:4] == b"wOF2":
            return FontKind("woff2", "", False)
        if head[:4] == b"ttcf":
            return FontKind("collection", "", False)
        if len(head) < 12 or head[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            raise FontFileError("not a TrueType, OpenType, WOFF or WOFF2 font")
        count = struct.unpack(">H", head[4:6])[0]
        records = [struct.unpack(">4sIII", handle.read(16)) for _ in range(count)]
        tables = {tag: (offset, length) for tag, _, offset, length in records}
        span = None
        if b"fvar" in tables:  # read here: fontTools is not needed to know a variable font
            handle.seek(tables[b"fvar"][0])
            span = _fvar_weights(handle.read(tables[b"fvar"][1]))
    outlines = "glyf" if b"glyf" in tables else "cff2" if b"CFF2" in tables else (
        "cff" if b"CFF " in tables else "")
    return FontKind("sfnt", outlines, b"fvar" in tables, span)


def _fvar_weights(table: bytes) -> tuple[int, int] | None:
    """The wght axis of an fvar table (OpenType spec: header, then 20-byte axis records)."""
    if len(table) < 16:
        return None
    offset, _, count, size = struct.unpack(">HHHH", table[4:12])
    for index in range(count):
        start = offset + index * size
        record = table[start:start + 20]
        if len(record) < 20:
            return None
        tag, low, _, high = struct.unpack(">4siii", record[:16])
        if tag == b"wght":
            return round(low / 65536), round(high / 65536)
    return None


def weight_range(path: Path) -> tuple[int, int] | None:
    """The weights a variable font spans (its `wght` axis), or None for a static font."""
    kind = font_kind(path)
    if kind.wrapper in ("woff", "woff2"):
        return _unpacked_range(path, file_stamp(path))
    return kind.span


@lru_cache(maxsize=64)
def _unpacked_range(path: Path, stamp: tuple[int, int]) -> tuple[int, int] | None:
    """A WOFF's weight span, unpacked once with fontTools and then kept in the cache."""
    import json

    from guide.user_cache import cache_file, read_quietly, write_quietly

    data = path.read_bytes()
    cache = cache_file("font-spans-v1", hashlib.sha256(data).hexdigest(), ".json")
    kept = read_quietly(cache)
    if kept is not None:
        try:
            span = json.loads(kept)
            return None if span is None else (int(span[0]), int(span[1]))
        except (ValueError, TypeError, IndexError):
            pass
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), lazy=True) as font:
            span = _wght(font)
    except Exception as error:  # fontTools raises many kinds for a damaged file
        raise FontFileError(f"cannot unpack it ({error})") from None
    write_quietly(cache, json.dumps(span).encode("ascii"))
    return span


def _wght(font) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    if "fvar" not in font:
        return None
    for axis in font["fvar"].axes:
        if axis.axisTag == "wght":
            return int(axis.minValue), int(axis.maxValue)
    return None


def static_truetype(path: Path, weight: int, italic: bool = False) -> Path:
    """`path` itself when reportlab can read it, else a converted copy in the cache."""
    return _static_version(path, file_stamp(path), weight, italic)


@lru_cache(maxsize=256)
def _static_version(path: Path, stamp: tuple[int, int], weight: int, italic: bool) -> Path:
    kind = font_kind(path)
    if kind.wrapper == "sfnt" and kind.outlines == "glyf" and not kind.variable:
        return path
    if kind.outlines == "cff2" and not kind.variable:
        raise FontFileError("CFF2 outlines cannot be embedded; use the TrueType (.ttf) version")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:32]
    target = _converted_dir() / digest / f"{path.stem.replace(' ', '')}-w{weight}.ttf"
    if target.is_file():
        return target
    _convert(data, path, target, weight, italic)
    return target


def _converted_dir() -> Path:
    root = cache_root()
    if root is None:  # the cache is off: converted files live as long as the temp folder
        return Path(tempfile.gettempdir()) / "career-guide-fonts"
    return root / CONVERTED


def _convert(data: bytes, source: Path, target: Path, weight: int, italic: bool) -> None:
    import io

    from fontTools.ttLib import TTFont

    try:
        # recalcTimestamp off: the converted file, and so the PDF, depend only on the source
        font = TTFont(io.BytesIO(data), fontNumber=0, recalcTimestamp=False)
        if "fvar" in font:
            font = _instance(font, weight, italic, hashlib.sha256(data).hexdigest()[:6])
        if "CFF " in font:
            _cff_to_glyf(font)
        if "glyf" not in font:
            raise FontFileError("it has no outlines reportlab can embed")
        font.flavor = None
        out = io.BytesIO()
        font.save(out)
    except FontFileError:
        raise
    except Exception as error:  # fontTools raises many kinds for a damaged file
        raise FontFileError(f"cannot convert it ({type(error).__name__}: {error})") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(f".{id(out)}.tmp")
    temporary.write_bytes(out.getvalue())
    temporary.replace(target)


def _instance(font, weight: int, italic: bool, digest: str):  # type: ignore[no-untyped-def]
    """One static weight of a variable font, every other axis at its default."""
    from fontTools.varLib import instancer

    location = {}
    for axis in font["fvar"].axes:
        value = axis.defaultValue
        if axis.axisTag == "wght":
            value = min(max(weight, axis.minValue), axis.maxValue)
        elif axis.axisTag == "ital":
            value = axis.maxValue if italic else axis.minValue
        location[axis.axisTag] = value
    static = instancer.instantiateVariableFont(font, location, updateFontNames=False)
    # reportlab takes two fonts with one PostScript name for one font (for the life of the
    # process): each weight of each version of the file gets its own
    names = static["name"]
    base = (names.getDebugName(6) or "Font").split("-")[0]
    names.setName(f"{base}-W{int(location.get('wght', weight))}{'Italic' if italic else ''}"
                  f"-{digest}", 6, 3, 1, 0x409)
    for record in [r for r in names.names if r.nameID == 6 and r.platformID != 3]:
        names.names.remove(record)
    return static


def _cff_to_glyf(font) -> None:  # type: ignore[no-untyped-def]
    """PostScript (cubic) outlines as TrueType (quadratic) glyphs, as fontTools' otf2ttf does."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font.sfntVersion = "\x00\x01\x00\x00"
