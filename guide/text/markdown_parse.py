"""Parse stage: Markdown text into an element tree, with raw HTML switched off."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as etree
from collections import OrderedDict

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from guide import speed

DIRECTIVES = ("table", "chart", "timeline", "master-checklist", "planner", "notes", "pagebreak")
DIRECTIVE_LINE = re.compile(r"^:::[ \t]*([a-z-]+)(?:[ \t]+(\S+))?[ \t]*$")


class DirectiveProcessor(BlockProcessor):
    """`::: table NAME` and friends, alone on a line, become a <directive> element."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(DIRECTIVE_LINE.match(block.split("\n", 1)[0]))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        first, _, rest = blocks.pop(0).partition("\n")
        match = DIRECTIVE_LINE.match(first)
        assert match
        element = etree.SubElement(parent, "directive")
        element.set("kind", match.group(1))
        element.set("arg", match.group(2) or "")
        if rest.strip():
            blocks.insert(0, rest)


MAX_INLINE_MARKS = 10_000  # characters that may start inline markup, in one block of text
INLINE_MARKS = "*_`[<\\~"
TOO_MUCH_MARKUP = "data-too-much-markup"


def inline_marks(text: str) -> int:
    return sum(text.count(mark) for mark in INLINE_MARKS)


class MarkupBound(Treeprocessor):
    """Leaves a block with more than MAX_INLINE_MARKS marks as plain text, marked for the
    converter to report: Python-Markdown copies the whole text for each piece of inline
    markup it finds, so its time grows with marks x length."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            text = element.text
            if text and not isinstance(text, AtomicString) and len(text) > MAX_INLINE_MARKS:
                marks = inline_marks(text)
                if marks > MAX_INLINE_MARKS:
                    element.set(TOO_MUCH_MARKUP, str(marks))
                    element.text = AtomicString(text)


class GuideMarkdown(Extension):
    """Directives and ~~strikethrough~~ on; HTML and entities off, so text stays text."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.parser.blockprocessors.register(DirectiveProcessor(md.parser), "directive", 72)
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "strike", 65)
        # Anything typed as HTML or as an entity must print literally, never be interpreted.
        md.preprocessors.deregister("html_block")
        for name in ("html", "entity", "automail"):
            md.inlinePatterns.deregister(name)
        md.treeprocessors.deregister("prettify")
        md.treeprocessors.register(MarkupBound(md), "markup_bound", 21)  # before "inline"
        if speed.enabled():
            from guide.speed.markdown_inline import QuickInlineProcessor
            md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
# Code spans (which may wrap, but not across a blank line) and indented code lines.
CODE_SPAN = re.compile(r"(`+)(?:(?!\1)[^\n]|\n(?!\s*\n))+?\1|^(?: {4}|\t)[^\n]*$",
                       re.MULTILINE)


def undefined_footnotes(text: str) -> list[str]:
    """Footnote references without a note; Python-Markdown would print them as typed."""
    prose = CODE_SPAN.sub("", text)
    defined = set(FOOTNOTE_DEF.findall(prose))
    return list(dict.fromkeys(n for n in FOOTNOTE_REF.findall(prose) if n not in defined))


def new_markdown() -> markdown.Markdown:
    """Extensions passed as objects: by name, Python-Markdown looks each one up through the
    installed packages' entry points, which costs more than the parse of a chapter."""
    return markdown.Markdown(extensions=[
        TableExtension(), FootnoteExtension(BACKLINK_TEXT=""), AttrListExtension(),
        DefListExtension(), AdmonitionExtension(), SaneListExtension(), GuideMarkdown()])


def parse_markdown(text: str, md: markdown.Markdown | None = None) -> etree.Element:
    """The element tree Python-Markdown builds, before it is serialised to HTML."""
    md = md or new_markdown()
    md.reset()
    lines = text.split("\n")
    for preprocessor in md.preprocessors:
        lines = preprocessor.run(lines)
    root = md.parser.parseDocument(lines).getroot()
    for treeprocessor in md.treeprocessors:
        new_root = treeprocessor.run(root)
        if new_root is not None:
            root = new_root
    return root


_PARSED: OrderedDict[str, etree.Element] = OrderedDict()


MAX_DEPTH = 40  # elements inside each other: emphasis in links in list items in quotes...
MAX_LIST_DEPTH = 10  # lists and quotes inside each other
NESTING = {"ul", "ol", "blockquote"}


def too_deep_marker(problem: str) -> etree.Element:
    """A tree standing for a chapter that cannot be converted; the converter reports it."""
    root = etree.Element("div")
    root.set("data-too-deep", problem)
    return root


def nesting_problem(tree: etree.Element) -> str | None:
    """Why the tree nests too deeply to lay out, found without recursion."""
    stack = [(tree, 0, 0)]
    while stack:
        element, depth, lists = stack.pop()
        if depth > MAX_DEPTH:
            return f"markup nested too deeply (more than {MAX_DEPTH} levels)"
        if lists > MAX_LIST_DEPTH:
            return f"lists or quotes nested more than {MAX_LIST_DEPTH} deep"
        for child in element:
            stack.append((child, depth + 1, lists + (child.tag in NESTING)))
    return None


def parse_chapters(texts: list[str]) -> list[etree.Element]:
    """Each chapter's tree; a text parsed before in this process (the same chapter for
    another brand in a batch, or an unchanged one in `watch`) is copied, not parsed again.
    Copies, because converting a tree changes it."""
    md: markdown.Markdown | None = None
    trees = []
    for text in texts:
        if text not in _PARSED:
            md = md or new_markdown()
            try:
                tree = parse_markdown(text, md)
            except RecursionError:
                md = None  # its state is unknown after the error
                tree = too_deep_marker(f"markup nested too deeply (more than {MAX_DEPTH} levels)")
            else:
                problem = nesting_problem(tree)
                if problem:
                    tree = too_deep_marker(problem)
            _PARSED[text] = tree
            while len(_PARSED) > 256:
                _PARSED.popitem(last=False)
        _PARSED.move_to_end(text)
        trees.append(copy.deepcopy(_PARSED[text]))
    return trees
