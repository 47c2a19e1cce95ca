"""Stand-ins for three steps of guide.convert.flowables.Paragraph, installed by enable().

Platypus wraps most paragraphs two or three times at the same width (to keep a heading with
what follows, to try a frame, then to draw); breaking lines is most of layout's cost, so
the repeat calls reuse the first result. Plain text, and text with only <b> and <i>, skip
reportlab's markup parser (guide.speed.paragraph_markup); lines are broken by
guide.speed.line_breaking (several styles) or guide.speed.single_style_breaking (one) where
they cover the paragraph.
"""

from __future__ import annotations

from reportlab import platypus
from reportlab.platypus.paragraph import textTransformFrags

from guide.speed.line_breaking import break_lines
from guide.speed.single_style_breaking import break_single_style
from guide.speed.paragraph_markup import fragments


def quick_setup(self, text, style, bulletText, frags, cleaner):  # type: ignore[no-untyped-def]  # noqa: N803
    if frags is None and isinstance(text, str):
        cleaned = cleaner(text)
        quick = fragments(cleaned, style) if cleaned else None
        if quick is not None:
            textTransformFrags(quick, style)
            frags, text = quick, cleaned
    platypus.Paragraph._setup(self, text, style, bulletText, frags, cleaner)


def remembered_wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
    cached = self.__dict__.get("_wrapped")
    if cached is not None and cached[0] == (availWidth, id(self.frags), len(self.frags)):
        _, self.width, self.height, self.blPara, self._wrapWidths = cached
        return self.width, self.height
    width, height = platypus.Paragraph.wrap(self, availWidth, availHeight)
    if hasattr(self, "blPara"):
        # Keyed after wrapping: breaking a paragraph of several fonts replaces its
        # fragments with a word list, which the next call then sees.
        key = (availWidth, id(self.frags), len(self.frags))
        self._wrapped = (key, width, height, self.blPara, self._wrapWidths)
    return width, height


def quick_break_lines(self, width):  # type: ignore[no-untyped-def]
    lines = break_lines(self, width)
    if lines is None:
        lines = break_single_style(self, width)
    return lines if lines is not None else platypus.Paragraph.breakLines(self, width)


STAND_INS = {"_setup": quick_setup, "wrap": remembered_wrap,
             "break_lines_afresh": quick_break_lines}


_replaced: dict[str, object] = {}  # the class's own methods that a stand-in took the place of


def install(paragraph_class: type) -> None:
    for name, function in STAND_INS.items():
        own = paragraph_class.__dict__.get(name)
        if own is not None and own is not function:
            _replaced[name] = own
        setattr(paragraph_class, name, function)


def uninstall(paragraph_class: type) -> None:
    for name, function in STAND_INS.items():
        if paragraph_class.__dict__.get(name) is not function:
            continue  # not installed
        if name in _replaced:
            setattr(paragraph_class, name, _replaced.pop(name))
        else:
            delattr(paragraph_class, name)
