"""reportlab's paragraph markup parser, skipped for the text most paragraphs hold.

reportlab parses every paragraph's markup with html.parser, most of the cost of converting
a chapter. Nearly every paragraph here is plain text, or text with <b> and <i>. For those,
`fragments` builds the list the parser would: one fragment per stretch of text, copied from
the fragment the parser opens the paragraph with, bold and italic set as its tags set them
and the face chosen as it chooses it. Anything else (other tags, entities, tags that do not
nest) returns None and goes to the parser. tests/test_paragraph_markup.py compares the two
on generated text.
"""

from __future__ import annotations

import re

from reportlab.lib.fonts import tt2ps
from reportlab.platypus.paraparser import ParaParser

_BOLD_ITALIC_TAG = re.compile(r"(</?[bi]>)")
# The parser's own steps for opening a paragraph; another reportlab without them is parsed.
AVAILABLE = all(hasattr(ParaParser, step) for step in ("_setup_for_parse", "start_para"))
_OPENINGS: dict[int, tuple] = {}


def _opening(style):  # type: ignore[no-untyped-def]
    """The fragment reportlab's parser opens a paragraph in `style` with: made once per
    style, and again if the style has changed since."""
    cached = _OPENINGS.get(id(style))
    if cached is not None and cached[0] is style and cached[1] == style.__dict__:
        return cached[2]
    parser = ParaParser()
    parser.caseSensitive = 1
    parser._setup_for_parse(style)
    parser.start_para({})
    opening = parser._stack[0]
    _OPENINGS[id(style)] = (style, dict(style.__dict__), opening)
    if len(_OPENINGS) > 512:  # styles are made per build; keep the latest
        del _OPENINGS[next(iter(_OPENINGS))]
    return opening


def _copy(fragment):  # type: ignore[no-untyped-def]
    """copy.copy of a fragment (a new one with the same attributes), without copy's
    general machinery, which asks the fragment for a __setstate__ it does not have."""
    new = object.__new__(fragment.__class__)
    new.__dict__.update(fragment.__dict__)
    return new


def fragments(text: str, style) -> list | None:  # type: ignore[no-untyped-def]
    """The parser's fragments for `text` (already cleaned of line breaks), or None."""
    if "&" in text or not AVAILABLE:
        return None
    stack = [_opening(style)]
    found = []
    for index, piece in enumerate(_BOLD_ITALIC_TAG.split(text)):
        if index % 2:  # a tag
            if piece[1] == "/":
                if len(stack) == 1 or stack[-1].__tag__ != piece[2]:
                    return None  # the parser reports this
                stack.pop()
            else:
                fragment = _copy(stack[-1])
                fragment.__tag__ = piece[1]
                if piece[1] == "b":
                    fragment.bold = 1
                else:
                    fragment.italic = 1
                stack.append(fragment)
        elif piece:
            top = stack[-1]
            if "<" in piece or top.greek:
                return None
            fragment = _copy(top)
            fragment.fontName = tt2ps(fragment.fontName, fragment.bold, fragment.italic)
            fragment.text = piece
            found.append(fragment)
    return found if len(stack) == 1 else None
