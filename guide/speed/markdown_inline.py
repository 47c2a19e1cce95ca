"""Python-Markdown's inline stage, skipping patterns that cannot match the text."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import util
from markdown.treeprocessors import InlineProcessor

# Text a pattern needs to match at all (any one of them). Python-Markdown tries every inline
# pattern on every piece of text, which was two thirds of a parse; a pattern not listed here
# (say, one a later version adds) is always tried.
PATTERN_TRIGGERS = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[^",), "reference": ("[",),
    "link": ("[",), "image_link": ("![",), "image_reference": ("![",),
    "short_reference": ("[",), "short_image_ref": ("![",), "autolink": ("<",),
    "linebreak": ("  \n",), "strike": ("~~",), "em_strong": ("*", "_"),
}


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's inline stage, skipping patterns whose trigger text is absent.

    Overrides the private `__handleInline` (kept line for line apart from the skip): the
    skipped pattern could not have matched, so the tree is the same.
    """

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        patterns = self.md.inlinePatterns
        by_pattern = {id(patterns[name]): needs for name, needs in PATTERN_TRIGGERS.items()
                      if name in patterns}
        self.triggers = [by_pattern.get(id(patterns[i])) for i in range(len(patterns))]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if not isinstance(data, util.AtomicString):
            startIndex = 0  # noqa: N806
            count = len(self.inlinePatterns)
            while patternIndex < count:
                needs = self.triggers[patternIndex]
                if needs is not None and not any(text in data for text in needs):
                    patternIndex, startIndex = patternIndex + 1, 0  # noqa: N806
                    continue
                data, matched, startIndex = self._InlineProcessor__applyPattern(  # noqa: N806
                    self.inlinePatterns[patternIndex], data, patternIndex, startIndex)
                if not matched:
                    patternIndex += 1
        return data
