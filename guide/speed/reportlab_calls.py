"""Quicker stand-ins for helpers reportlab calls for every word it breaks or draws.

Breaking lines was the largest part of layout. Per word, reportlab's Paragraph asks
`sameFrag` whether two pieces share a style (its C version looks each attribute up by
raising and catching AttributeError, 4 µs a call), measures the word with `stringWidth`
and looks up the font's ascent and descent; drawing measures each run again through
`Canvas.stringWidth`. These stand-ins give the same answers: `same_style` is reportlab's own
pure-Python definition of sameFrag, and the measurements are remembered per font, size and
text. The memory is emptied whenever a font is registered (`watch` may register a changed
file under a known name) and when it grows past 200,000 entries.

Drawing, every run of text is mapped to the font subset's codes by `TTFont.splitString`,
one character at a time in Python. `split_string` maps text whose characters all have
codes in the first subset (nearly all text, once a page or two has been drawn) with the
C charmap codec instead, and leaves anything else to reportlab.

Writing, reportlab encodes every key and value of every PDF dictionary through its own
`extpdfdoc` codec and re-escapes every name. `pdfdoc_encode` encodes printable ASCII (which
that codec leaves as it is) directly, and `pdf_name` remembers names already escaped.
`pdf_format` writes the plain values (names, text, numbers, bytes) that make up most of
those dictionaries without reportlab's general dispatch, which first asks each of them
whether it is a PDF object that must stand at the top level.

Builds in one process (a batch worker, `watch`) embed the same font subsets again and
again: the same glyphs of the same faces, compressed the same way. `make_subset` and
`compress` remember the last few results, keyed by the face and glyphs and by the bytes.

`install` puts them in place for the whole process and `uninstall` takes them away again;
guide.speed.enable() and disable() call them.
tests/test_reportlab_speedups.py checks each against the function it stands in for.
"""

from __future__ import annotations

import codecs
import zlib
from collections import OrderedDict
from functools import lru_cache

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import paragraph

_STYLE_KEYS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor",
               "nobr")
_widths: dict[tuple[str, str, float], float] = {}
_extents: dict[tuple[str, float | None], tuple[float, float]] = {}
_MOST_REMEMBERED = 200_000  # words of a long booklet in a few faces and sizes
_string_width = pdfmetrics.stringWidth
_ascent_descent = pdfmetrics.getAscentDescent
_split_string = TTFont.splitString
_pdfdoc_encode = pdfdoc.pdfdocEnc
_pdf_format = pdfdoc.format
_make_subset = TTFontFace.makeSubset
_subsets: OrderedDict[tuple, tuple] = OrderedDict()
_compressed: OrderedDict[bytes, bytes] = OrderedDict()
_LARGE = 16_384  # smaller streams (page text) differ from build to build anyway


def same_style(f, g) -> bool:  # type: ignore[no-untyped-def]
    """reportlab's sameFrag: whether two fragments can be drawn as one run of text."""
    fdict, gdict = f.__dict__, g.__dict__
    if "cbDefn" in fdict or "lineBreak" in fdict or "cbDefn" in gdict or "lineBreak" in gdict:
        return False
    fget, gget = fdict.get, gdict.get
    return [fget(key) for key in _STYLE_KEYS] == [gget(key) for key in _STYLE_KEYS]


def string_width(text: str, fontName: str, fontSize: float,  # noqa: N803
                 encoding: str = "utf8") -> float:
    """pdfmetrics.stringWidth, remembered."""
    key = (text, fontName, fontSize)
    try:
        return _widths[key]
    except KeyError:
        if encoding != "utf8":
            return _string_width(text, fontName, fontSize, encoding)
        if len(_widths) > _MOST_REMEMBERED:
            _widths.clear()
        width = _widths[key] = _string_width(text, fontName, fontSize)
        return width


def ascent_descent(fontName: str, fontSize: float | None = None) -> tuple[float, float]:  # noqa: N803
    """pdfmetrics.getAscentDescent, remembered."""
    key = (fontName, fontSize)
    try:
        return _extents[key]
    except KeyError:
        extent = _extents[key] = _ascent_descent(fontName, fontSize)
        return extent


def split_string(self: TTFont, text, doc, encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # type: ignore[no-untyped-def]
    """TTFont.splitString: (subset, codes) runs for `text` drawn with this font in `doc`."""
    state = self.state.get(doc)
    if state is not None and text.__class__ is str and text:
        codes = state.__dict__.get("first_subset_codes")
        if codes is not None:
            try:
                return [(0, codecs.charmap_encode(text, "strict", codes)[0])]
            except UnicodeEncodeError:  # a character without a code yet, or in a later subset
                pass
    runs = _split_string(self, text, doc, encoding)
    state = self.state[doc]
    if state.__dict__.get("first_subset_size") != len(state.assignments):
        codes = {char: code for char, code in state.assignments.items() if code < 256}
        if 32 in codes:
            codes[0xA0] = codes[32]  # reportlab draws a no-break space as a space
        state.first_subset_codes, state.first_subset_size = codes, len(state.assignments)
    return runs


def pdfdoc_encode(value):  # type: ignore[no-untyped-def]
    """pdfdoc.pdfdocEnc: text as PDFDocEncoding bytes; bytes as they are."""
    if value.__class__ is str and value.isascii() and value.isprintable():
        return value.encode("ascii")
    return _pdfdoc_encode(value)


pdf_name = lru_cache(maxsize=4096)(pdfdoc.PDFName)


def pdf_format(element, document, toplevel=0):  # type: ignore[no-untyped-def]
    """pdfdoc.format: one element of a PDF object as bytes."""
    kind = element.__class__
    if kind is str:
        return pdfdoc_encode(element)
    if kind is int or kind is float:
        return fp_str(element).encode("ascii")
    if kind is bytes:
        return element
    return _pdf_format(element, document, toplevel)


def canvas_string_width(self, text, fontName=None, fontSize=None):  # type: ignore[no-untyped-def]  # noqa: N803
    """Canvas.stringWidth (used for every run of text drawn), remembered like string_width."""
    return string_width(text, fontName or self._fontname,
                        self._fontsize if fontSize is None else fontSize)


def make_subset(self: TTFontFace, subset) -> bytes:  # type: ignore[no-untyped-def]
    """TTFontFace.makeSubset: the font file holding `subset`'s glyphs, remembered."""
    key = (id(self), tuple(subset))
    found = _subsets.get(key)
    if found is not None and found[0] is self:
        _subsets.move_to_end(key)
        return found[1]
    data = _make_subset(self, subset)
    _subsets[key] = (self, data)  # the face is kept, so its id is not reused
    if len(_subsets) > 64:
        _subsets.popitem(last=False)
    return data


def compress(self, text) -> bytes:  # type: ignore[no-untyped-def]
    """PDFStreamFilterZCompress.encode: zlib at its default level, large inputs remembered."""
    if isinstance(text, str):
        text = text.encode("utf8")
    if len(text) < _LARGE:
        return zlib.compress(text)
    found = _compressed.get(text)
    if found is None:
        found = _compressed[text] = zlib.compress(text)
        if len(_compressed) > 32:
            _compressed.popitem(last=False)
    return found


def forget_measurements() -> None:
    """Called after a font is registered: a name may now stand for another file."""
    _widths.clear()
    _extents.clear()


def _targets() -> list[tuple[object, str, object]]:
    """(owner, attribute, stand-in) for every reportlab attribute replaced."""
    return [
        (paragraph, "sameFrag", same_style),
        (paragraph, "stringWidth", string_width),
        (paragraph, "getAscentDescent", ascent_descent),
        (TTFont, "splitString", split_string),
        (Canvas, "stringWidth", canvas_string_width),
        (pdfdoc, "pdfdocEnc", pdfdoc_encode),
        (pdfdoc, "PDFName", pdf_name),
        (pdfdoc, "format", pdf_format),
        (TTFontFace, "makeSubset", make_subset),
        (pdfdoc.PDFStreamFilterZCompress, "encode", compress),
    ]


_originals: list[tuple[object, str, object]] = []
_INHERITED = object()  # the attribute came from a base class: delete ours to restore it


def install() -> None:
    if _originals:
        return
    for owner, name, stand_in in _targets():
        _originals.append((owner, name, vars(owner).get(name, _INHERITED)))
        setattr(owner, name, stand_in)


def uninstall() -> None:
    while _originals:
        owner, name, original = _originals.pop()
        if original is _INHERITED:
            delattr(owner, name)
        else:
            setattr(owner, name, original)
    forget_measurements()
    _subsets.clear()
    _compressed.clear()
