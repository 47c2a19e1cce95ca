"""reportlab's line breaking for paragraphs of several styles, without its rare cases.

Breaking lines was the largest single cost of layout. reportlab's `Paragraph.breakLines`
handles hyphenation, soft hyphens, right-to-left text, shaping, inline images, forced line
breaks and over-long words in one loop, and for every word re-measures how far the spaces
already on the line may shrink. `break_lines` runs the same loop for the case every body
paragraph here is: none of those features, words that fit a line. It gives exactly
reportlab's result (tests/test_line_breaking.py compares the two on generated paragraphs);
the spaces' shrink is worked out only for a word that overruns the line, since a word that
fits would fit however the spaces shrink. Anything else returns None, and the caller asks
reportlab.
"""

from __future__ import annotations

from guide.speed.reportlab_calls import ascent_descent, same_style, string_width

try:  # reportlab's own pieces; another reportlab without them just takes reportlab's path
    from reportlab.platypus.paragraph import (
        _FK_TEXT,
        FragLine,
        ParaLines,
        _getFragWords,
        _HSFrag,
        _processed_frags,
    )
    AVAILABLE = True
    _PLAIN_WORDS = (list, _HSFrag)  # split words, soft hyphens, injected breaks: other types
except ImportError:  # pragma: no cover
    AVAILABLE = False


def plain_style(style) -> bool:  # type: ignore[no-untyped-def]
    """A style with none of the features whose cases the quick breakers leave out:
    bidirectional or CJK wrapping, shaping, hyphenation, URI splitting."""
    word_wrap = style.wordWrap
    if word_wrap and word_wrap.upper() in ("RTL", "LTR", "CJK"):
        return False
    return not (style.shaping or getattr(style, "hyphenationLang", "") or style.uriWasteReduce
                or style.embeddedHyphenation)


def _quick_case(paragraph, style) -> bool:  # type: ignore[no-untyped-def]
    """Whether reportlab would take its several-styles loop with no feature switched on."""
    frags = paragraph.frags
    if not frags or paragraph.bulletText:
        return False
    if not plain_style(style) or not style.spaceShrinkage >= 0:
        return False
    if getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off"):
        return False
    if len(frags) == 1 and not (style.endDots or hasattr(frags[0], "cbDefn")
                                or hasattr(frags[0], "backColor") or _processed_frags(frags)):
        return False  # reportlab's single-style loop, already quick
    return True


def break_lines(paragraph, width):  # type: ignore[no-untyped-def]
    """reportlab's ParaLines(kind=1) for `paragraph` at `width`, or None if not a quick case."""
    style = paragraph.style
    if not AVAILABLE or not _quick_case(paragraph, style):
        return None
    max_widths = list(width) if isinstance(width, (list, tuple)) else [width]
    last_index = len(max_widths) - 1
    shrinkage = style.spaceShrinkage
    split_long_words = style.splitLongWords
    all_words = _getFragWords(paragraph.frags, max_widths[0])

    lines: list = []
    widest = 0
    line_number = 0
    max_width = max_widths[0]
    first_word_of_line = 0
    words: list = []  # the line's runs of text, one per style
    g = g_from = None  # the line's last run, and the fragment it was copied from
    n = space_width = current_width = 0
    max_size = max_ascent = min_descent = 0
    for index, w in enumerate(all_words):
        if type(w) not in _PLAIN_WORDS:
            return None
        f = w[-1][0]
        font_name = f.fontName
        font_size = f.fontSize
        if not words:
            n = space_width = current_width = 0
            max_size = font_size
            max_ascent, min_descent = ascent_descent(font_name, font_size)
        word_width = w[0]
        f = w[1][0]
        if f._fkind != _FK_TEXT or "cbDefn" in f.__dict__:
            return None
        new_width = current_width + space_width + word_width if word_width > 0 else current_width
        overruns = False
        if new_width > max_width:
            limit = max_width
            if shrinkage:
                shrink = space_width
                for run in words:
                    if run._fkind == _FK_TEXT:
                        spaces = run.text.count(" ")
                        if spaces:
                            shrink += spaces * string_width(" ", run.fontName, run.fontSize)
                shrink *= shrinkage
                limit += shrink
            if new_width > limit:
                overruns = True
                if split_long_words:
                    nearest = min(line_number, last_index)
                    if word_width > max(max_widths[nearest:nearest + 1]):
                        return None  # an over-long word: reportlab splits it
        if not (overruns and n > 0):
            text = w[1][1]
            if text:
                n += 1
            font_size = f.fontSize
            ascent, descent = ascent_descent(f.fontName, font_size)
            max_size = max(max_size, font_size)
            max_ascent = max(max_ascent, ascent)
            min_descent = min(min_descent, descent)
            if not words:
                g, g_from = f.clone(), f
                words = [g]
                g.text = text
            elif g_from is not f and not same_style(g, f):  # a copy has its source's style
                if space_width:
                    for run in reversed(words):
                        if run._fkind == _FK_TEXT:
                            if not run.text.endswith(" "):
                                run.text += " "
                            break
                g, g_from = f.clone(), f
                words.append(g)
                g.text = text
            elif space_width:
                g.text += text if g.text.endswith(" ") else " " + text
            else:
                g.text += text
            space_width = string_width(" ", font_name, font_size) if isinstance(w, _HSFrag) else 0
            if len(w) > 2:
                g, g_from, any_text, max_size, max_ascent, min_descent = _add_pieces(
                    words, w[2:], max_size, max_ascent, min_descent)
                if not text and any_text:
                    n += 1
            current_width = new_width
        else:
            if current_width > widest:
                widest = current_width
            lines.append(FragLine(extraSpace=max_width - current_width, wordCount=n,
                                  lineBreak=False, words=words, fontSize=max_size,
                                  ascent=max_ascent, descent=min_descent, maxWidth=max_width,
                                  sFW=first_word_of_line))
            first_word_of_line = index
            line_number += 1
            max_width = max_widths[min(last_index, line_number)]
            space_width = string_width(" ", font_name, font_size) if isinstance(w, _HSFrag) else 0
            current_width = word_width
            n = 1
            g, g_from = f.clone(), f
            max_size = g.fontSize
            max_ascent, min_descent = ascent_descent(g.fontName, max_size)
            words = [g]
            g.text = w[1][1]
            if len(w) > 2:
                g, g_from, _, max_size, max_ascent, min_descent = _add_pieces(
                    words, w[2:], max_size, max_ascent, min_descent)
    if words:
        if current_width > widest:
            widest = current_width
        lines.append(FragLine(extraSpace=max_width - current_width, wordCount=n, lineBreak=False,
                              words=words, fontSize=max_size, ascent=max_ascent,
                              descent=min_descent, maxWidth=max_width, sFW=first_word_of_line))
    paragraph._width_max = widest
    paragraph.height = 0
    paragraph._splitLongWordCount = paragraph._hyphenations = 0
    paragraph.frags = all_words
    return ParaLines(kind=1, lines=lines)


def _add_pieces(words, pieces, max_size, max_ascent, min_descent):  # type: ignore[no-untyped-def]
    """A word's later pieces (its style changes inside it), each a run of its own. Returns
    the last run and its source, whether any piece has text, and the line's size, ascent
    and descent widened by them."""
    any_text = False
    for piece_frag, piece_text in pieces:
        g, g_from = piece_frag.clone(), piece_frag
        g.text = piece_text
        if piece_text:
            any_text = True
        words.append(g)
        font_size = g.fontSize
        ascent, descent = ascent_descent(g.fontName, font_size)
        max_size = max(max_size, font_size)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
    return g, g_from, any_text, max_size, max_ascent, min_descent
