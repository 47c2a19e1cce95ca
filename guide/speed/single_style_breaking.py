"""reportlab's line breaking for paragraphs of one style, in time linear in their length.

reportlab's `Paragraph.breakLines` takes each word off the front of the word list
(`words.pop(0)`), which moves the whole rest of the list: breaking a paragraph of 100,000
words moved 5 billion list entries (1.5 s; 200,000 words, 6 s). `break_single_style` walks
the list instead and otherwise runs reportlab's loop for the case body text is: no
hyphenation, soft hyphens, bidirectional text, shaping or bullet, and words that fit a line.
Anything else returns None, and the caller asks reportlab (tests/test_line_breaking.py
compares the two).
"""

from __future__ import annotations

from guide.speed.line_breaking import plain_style
from guide.speed.reportlab_calls import ascent_descent, string_width

try:  # reportlab's own pieces; another reportlab without them just takes reportlab's path
    from reportlab.platypus.paragraph import _processed_frags, split, strip
    AVAILABLE = True
except ImportError:  # pragma: no cover
    AVAILABLE = False

_SOFT_HYPHEN = "\xad"


def _single_style_case(paragraph, style) -> bool:  # type: ignore[no-untyped-def]
    """Whether reportlab would take its one-style loop with none of its features on."""
    frags = paragraph.frags
    if len(frags) != 1 or paragraph.bulletText:
        return False
    f = frags[0]
    if style.endDots or hasattr(f, "cbDefn") or hasattr(f, "backColor") \
            or _processed_frags(frags):
        return False
    return plain_style(style)


def break_single_style(paragraph, width):  # type: ignore[no-untyped-def]
    """reportlab's kind-0 result for `paragraph` at `width`, or None if not a quick case."""
    style = paragraph.style
    if not AVAILABLE or not _single_style_case(paragraph, style):
        return None
    max_widths = list(width) if isinstance(width, (list, tuple)) else [width]
    last_index = len(max_widths) - 1
    f = paragraph.frags[0]
    font_name, font_size = f.fontName, f.fontSize
    ascent, descent = ascent_descent(font_name, font_size)
    if hasattr(f, "text"):
        text = strip(f.text)
        if _SOFT_HYPHEN in text:
            return None
        words = split(text) if text else []
    else:
        words = f.words
        if not any(strip(w) for w in words):
            words = []
    if not words:
        _reset(paragraph, 0)
        return f.clone(kind=0, lines=[], ascent=ascent, descent=descent, fontSize=font_size)
    space_width = string_width(" ", font_name, font_size, paragraph.encoding)
    space_shrink = style.spaceShrinkage * space_width
    split_long_words = style.splitLongWords
    lines: list = []
    widest = 0
    line_number = 0
    max_width = max_widths[0]
    line: list = []
    current_width = -space_width  # reportlab's start: the first word adds no space
    for word in words:
        if type(word) is not str or _SOFT_HYPHEN in word:
            return None  # a split or soft-hyphenated word: reportlab's own handling
        word_width = string_width(word, font_name, font_size, paragraph.encoding)
        new_width = current_width + space_width + word_width
        limit = max_width + space_shrink * len(line)
        if new_width > limit and split_long_words:
            nearest = min(line_number, last_index)
            if word_width > max(max_widths[nearest:nearest + 1]):
                return None  # an over-long word: reportlab splits it
        if new_width <= limit or not line:
            if word:
                line.append(word)
            current_width = new_width
        else:
            if current_width > widest:
                widest = current_width
            lines.append((max_width - current_width, line))
            line = [word]
            current_width = word_width
            line_number += 1
            max_width = max_widths[min(last_index, line_number)]
    if line:
        if current_width > widest:
            widest = current_width
        lines.append((max_width - current_width, line))
    _reset(paragraph, widest)
    return f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=font_size)


def _reset(paragraph, widest: float) -> None:  # type: ignore[no-untyped-def]
    """What reportlab's breakLines sets on the paragraph as it breaks."""
    paragraph._width_max = widest
    paragraph.height = 0
    paragraph._splitLongWordCount = paragraph._hyphenations = 0
