"""Splitting a long paragraph across pages in time linear in its length.

reportlab's Paragraph.split hands the rest of a paragraph to a new Paragraph, which breaks
all its lines again when it is wrapped on the next page, and builds the rest's word list
word by word: a paragraph of N pages costs N times its length. Greedy line breaking started
again at a line's first word gives the lines it gave the first time, so here the rest's
lines travel with it (`CarriedLines`) and are used when it is wrapped at the width they
were broken at. Each split checks that the restart is really alike by breaking the rest's
first line afresh (a rest that starts after a forced line break, or with a word whose
pieces differ in size, may start differently; then nothing is carried). Paragraphs reportlab
splits another way (automatic leading, end dots, bidirectional or CJK text, shaping,
hyphenated or split words) keep reportlab's split. tests/test_paragraph_split.py compares
both splits part by part. A carried rest's lines count the index of their first word (sFW)
from the first part's word list, which only the split here reads.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from itertools import accumulate, chain

from reportlab.platypus.paragraph import FragLine, ParaLines
from reportlab.rl_config import _FUZZ

_BIDI_OR_CJK = ("RTL", "LTR", "CJK")


class LineIndex:
    """Tables over a paragraph's lines, made once when it is first split and shared by the
    parts split from it: where each line's words start in one list of all the words
    (single-style paragraphs, whose lines hold words), and the widest line from each on."""

    def __init__(self, lines: list, width: float):
        if lines and type(lines[0]) is tuple:  # (unused width, words): one style
            self.words = list(chain.from_iterable(line[1] for line in lines))
            self.word_starts = [0, *accumulate(len(line[1]) for line in lines)]
            used = [width - line[0] for line in reversed(lines)]
        else:
            self.words, self.word_starts = [], []
            used = [line.maxWidth - line.extraSpace for line in reversed(lines)]
        # reportlab keeps each line's text width; the lines hold width less unused width
        self.widest = list(accumulate(used, max))[::-1]


@dataclass(frozen=True)
class CarriedLines:
    """The lines of the rest of a paragraph, broken at `width` before it was split off:
    lines[first:] of the first paragraph's `index`."""

    lines: list
    width: float
    base: int  # index in the first paragraph's word list of the rest's first word (kind 1)
    extras: dict  # kind 0: the font size, ascent and descent reportlab's result carries
    index: LineIndex
    first: int


@dataclass(frozen=True)
class LineFacts:
    """What the last line breaking of a paragraph was: its result, the widths it broke at,
    whether its words are all whole, and for carried lines where they come from."""

    result: object
    widths: tuple
    whole_words: bool
    carried: CarriedLines | None = None


def carried_break(paragraph, width):  # type: ignore[no-untyped-def]
    """The carried lines as reportlab's breakLines would give them at `width`, or None."""
    carried = paragraph.__dict__.get("_carried")
    if carried is None:
        return None
    if paragraph.bulletText or not isinstance(width, (list, tuple)) \
            or any(w != carried.width for w in width):
        paragraph._carried = None  # broken afresh from now on
        return None
    # reportlab's breakLines sets these as it breaks
    paragraph._width_max = carried.index.widest[carried.first]
    paragraph.height = 0
    paragraph._splitLongWordCount = paragraph._hyphenations = 0
    if carried.extras:
        return paragraph.frags[0].clone(kind=0, lines=carried.lines, **carried.extras)
    return ParaLines(kind=1, lines=carried.lines)


def note_break(paragraph, result, width, carried: bool) -> None:  # type: ignore[no-untyped-def]
    """Remember how `result` was broken, for the split that may follow."""
    widths = tuple(width) if isinstance(width, (list, tuple)) else (width,)
    if carried:
        facts = LineFacts(result, widths, True, paragraph._carried)
    else:
        whole = not (getattr(paragraph, "_splitLongWordCount", 1)
                     or getattr(paragraph, "_hyphenations", 1))
        facts = LineFacts(result, widths, whole)
    paragraph._line_facts = facts


def _splits_like_reportlab(paragraph, style) -> bool:  # type: ignore[no-untyped-def]
    if getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off"):
        return False
    word_wrap = style.wordWrap
    return not (style.endDots or style.shaping
                or (word_wrap and word_wrap.upper() in _BIDI_OR_CJK))


def linear_split(paragraph, avail_width: float, avail_height: float):  # type: ignore[no-untyped-def]
    """reportlab's Paragraph.split with the rest's lines carried, or None where reportlab's
    own split must run."""
    style = paragraph.style
    if not paragraph.frags or avail_width < _FUZZ or avail_height < _FUZZ \
            or not _splits_like_reportlab(paragraph, style):
        return None
    if not hasattr(paragraph, "blPara"):
        paragraph.wrap(avail_width, avail_height)
    bl_para = paragraph.blPara
    facts = paragraph.__dict__.get("_line_facts")
    if facts is None or facts.result is not bl_para or not facts.whole_words \
            or len(facts.widths) > 2 or type(bl_para.lines) is not list:
        return None
    kind = bl_para.kind
    if kind == 1 and not isinstance(paragraph.frags[0], list):
        return None  # fragments not yet made into words: reportlab joins the lines' runs
    if kind not in (0, 1):
        return None
    lines = bl_para.lines

    # From here on, reportlab's Paragraph.split (5.1) for fixed leading.
    leading = style.leading
    s = int(avail_height / float(leading))
    height = s * leading
    allow_orphans = getattr(paragraph, "allowOrphans", getattr(style, "allowOrphans", 0))
    if (not allow_orphans and s <= 1) or s == 0:
        del paragraph.blPara
        return []
    n = len(lines)
    allow_widows = getattr(paragraph, "allowWidows", getattr(style, "allowWidows", 1))
    if n <= s:
        return [paragraph]
    if not allow_widows and n == s + 1:
        if (allow_orphans and n == 3) or n > 3:
            s -= 1
        else:
            del paragraph.blPara
            return []
    carried = facts.carried
    if carried is None:
        made = paragraph.__dict__.get("_line_index")
        if made is None or made[0] is not lines:
            made = (lines, LineIndex(lines, facts.widths[-1]))
            paragraph._line_index = made
        carried = CarriedLines(lines, facts.widths[-1], 0, {}, made[1], 0)
    head, rest = _words_of(paragraph, bl_para, carried, s)
    first = paragraph.__class__(None, style, bulletText=paragraph.bulletText, frags=head)
    first.blPara = ParaLines(kind=1, lines=lines[0:s], aH=avail_height, aW=avail_width)
    last = lines[s - 1]
    first._JustifyLast = not (isinstance(last, FragLine) and getattr(last, "lineBreak", False))
    first._splitpara = 1
    first.height = height
    first.width = avail_width
    if style.firstLineIndent != 0:
        style = deepcopy(style)
        style.firstLineIndent = 0
    second = paragraph.__class__(None, style, bulletText=None, frags=rest)
    if hasattr(paragraph, "autoLeading"):
        first.autoLeading = second.autoLeading = paragraph.autoLeading
    _carry(paragraph, second, lines, s, carried)
    return [first, second]


def _words_of(paragraph, bl_para, carried: CarriedLines, s: int):  # type: ignore[no-untyped-def]
    """The fragments of lines [0, s) and [s, end), as reportlab's split makes them (here by
    slicing lists made once, not word by word)."""
    if bl_para.kind == 0:
        words, starts, first = carried.index.words, carried.index.word_starts, carried.first
        parts = []
        for chosen in (words[starts[first]:starts[first + s]], words[starts[first + s]:]):
            f = bl_para.clone()
            for name in ("lines", "kind", "text"):
                f.__dict__.pop(name, None)
            f.words = chosen
            parts.append([f])
        return parts
    lines, frags, base = bl_para.lines, paragraph.frags, carried.base
    start = lines[0].sFW - base
    middle = lines[s].sFW - base
    return frags[start:middle], frags[middle:]


def _carry(paragraph, rest, lines: list, s: int, carried: CarriedLines) -> None:  # type: ignore[no-untyped-def]
    """Give `rest` the lines from s on, if breaking it afresh would start with them."""
    if len(lines) - s < 2:
        return  # a rest of one line is quick to break
    kind = paragraph.blPara.kind
    probe_result = _probe(rest, lines, s, carried.width, kind)
    if probe_result is None:
        return
    extras = ({"ascent": probe_result.ascent, "descent": probe_result.descent,
               "fontSize": probe_result.fontSize} if kind == 0 else {})
    base = lines[s].sFW if kind == 1 else 0
    rest._carried = CarriedLines(lines[s:], carried.width, base, extras, carried.index,
                                 carried.first + s)


def _probe(rest, lines: list, s: int, width: float, kind: int):  # type: ignore[no-untyped-def]
    """Break the rest's first line (and the next word) afresh; its result if that line is
    lines[s] and the next line starts where lines[s + 1] does, else None."""
    style = rest.style
    if kind == 0:
        f = rest.frags[0].clone()
        f.words = list(lines[s][1]) + [lines[s + 1][1][0]]
        result = rest.__class__(None, style, frags=[f]).breakLines([width, width])
        if result.kind != 0 or len(result.lines) != 2 or result.lines[0] != lines[s] \
                or result.lines[1][1] != [lines[s + 1][1][0]]:
            return None
        return result
    next_start = lines[s + 1].sFW - lines[s].sFW
    probe = rest.__class__(None, style, frags=rest.frags[:next_start + 1])
    result = probe.breakLines([width, width])
    if result.kind != 1 or len(result.lines) != 2 or result.lines[1].sFW != next_start:
        return None
    fresh, carried = result.lines[0], lines[s]
    if fresh.sFW != 0 or not _same_line(fresh, carried):
        return None
    return result


_LINE_FIELDS = ("extraSpace", "wordCount", "lineBreak", "fontSize", "ascent", "descent",
                "maxWidth")


def _same_line(a, b) -> bool:  # type: ignore[no-untyped-def]
    if any(getattr(a, name, None) != getattr(b, name, None) for name in _LINE_FIELDS):
        return False
    if set(a.__dict__) != set(b.__dict__) or len(a.words) != len(b.words):
        return False
    return all(x.__dict__ == y.__dict__ for x, y in zip(a.words, b.words))
